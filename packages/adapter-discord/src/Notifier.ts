/**
 * The core's notifier port on Discord: each outbox row becomes messages where the team works.
 * Every item has a thread in the content channel (`DISCORD_CONTENT_CHANNEL`), found by the item
 * id at the end of its name, so a restarted bot finds it again; an item's notifications are posted
 * there, one message per person it is for, pinging that person only and carrying the buttons they
 * can use (a review request: approve facts, object, suggest format, comment). Messages for the
 * team (celebrations, meetings) go to the team channel (`DISCORD_TEAM_CHANNEL`) and ping nobody;
 * reminders for named people go to them as direct messages.
 *
 * @since 0.1.0
 */
import * as ChatView from "@dugnad/core/ChatView"
import * as Directory from "@dugnad/core/Directory"
import type { EventStore } from "@dugnad/core/EventStore"
import type { ItemId, WorkspaceId } from "@dugnad/core/Ids"
import { hasRole, type Member } from "@dugnad/core/Member"
import { type Audience, isItemNotification, type OutboxMessage } from "@dugnad/core/Notification"
import { type DeliveryFailed, Notifier } from "@dugnad/core/Notifier"
import * as Queries from "@dugnad/core/Queries"
import { ideaOf } from "@dugnad/core/Item"
import { type APIThreadChannel, ChannelType, type REST, Routes } from "discord.js"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { DiscordConfig } from "./Config.js"
import { deliveryFailure, nonceOf } from "./Delivery.js"
import { guildIdOf, userIdOf } from "./Identity.js"
import type { Guilds } from "./Guilds.js"
import * as Render from "./Render.js"

/** Where one message goes. */
type Place =
  | { readonly _tag: "Thread"; readonly item: ItemId; readonly title: string }
  | { readonly _tag: "Team" }
  | { readonly _tag: "Direct"; readonly user: string }

/** The members an audience names, as the directory has them now. */
const membersOf = (workspace: WorkspaceId, audience: Audience) =>
  Effect.gen(function*() {
    const directory = yield* Directory.Directory
    const members = yield* directory.members(workspace)
    switch (audience._tag) {
      case "Members":
        return members.filter((member) => audience.members.includes(member.id))
      case "Role":
        return members.filter((member) => hasRole(member, audience.role))
      default:
        return []
    }
  })

/** The thread name of an item: its title, then its id, by which the bot finds it again. */
export const threadNameOf = (title: string, item: ItemId): string => `${title.slice(0, 80)} · ${item}`

/**
 * The Discord notifier, as a layer over the core's store: it reads the item and the directory to
 * make each recipient's view.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (rest: REST, guilds: Guilds, settings: DiscordConfig) =>
  Layer.effect(
    Notifier,
    Effect.gen(function*() {
      const services = yield* Effect.context<Directory.Directory | EventStore>()
      const threads = new Map<string, string>()

      const textChannel = async (guildId: string, name: string): Promise<string> => {
        const id = (await guilds.info(guildId)).textChannels.get(name)
        // No such channel: nothing to retry until someone creates it (the row is parked).
        if (id === undefined) throw Object.assign(new Error(`no text channel named ${name}`), { status: 404 })
        return id
      }

      const threadOf = async (guildId: string, item: ItemId, title: string): Promise<string> => {
        const known = threads.get(`${guildId}:${item}`)
        if (known !== undefined) return known
        const channel = await textChannel(guildId, settings.contentChannel)
        const active = await rest.get(Routes.guildActiveThreads(guildId)) as { readonly threads: ReadonlyArray<APIThreadChannel> }
        const found = active.threads.find((thread) => thread.parent_id === channel && thread.name.endsWith(` · ${item}`))
        const thread = found ?? await rest.post(Routes.threads(channel), {
          body: { name: threadNameOf(title, item), type: ChannelType.PublicThread, auto_archive_duration: 10080 }
        }) as APIThreadChannel
        threads.set(`${guildId}:${item}`, thread.id)
        return thread.id
      }

      const send = async (guildId: string, place: Place, notificationId: string, view: ChatView.ChatView) => {
        const channelId = place._tag === "Thread"
          ? await threadOf(guildId, place.item, place.title)
          : place._tag === "Team"
          ? await textChannel(guildId, settings.teamChannel)
          : ((await rest.post(Routes.userChannels(), { body: { recipient_id: place.user } })) as { id: string }).id
        const rendered = Render.message(view, { ping: place._tag !== "Direct" })
        const nonce = nonceOf(notificationId, `${place._tag}:${place._tag === "Direct" ? place.user : ""}:${view.mentions.join(",")}`)
        await rest.post(Routes.channelMessages(channelId), {
          body: { ...rendered.body, nonce, enforce_nonce: true },
          files: rendered.files.map((file) => ({ name: file.name, data: Buffer.from(file.data), contentType: file.contentType }))
        })
      }

      const deliver = (message: OutboxMessage): Effect.Effect<void, DeliveryFailed> =>
        Effect.gen(function*() {
          const guildId = guildIdOf(message.workspace)
          if (guildId === undefined) return
          const directory = yield* Directory.Directory
          const workspace = yield* directory.workspace(message.workspace)
          const everyone = yield* directory.members(message.workspace)
          const byId = new Map(everyone.map((member) => [member.id as string, member]))
          const name = (id: Member["id"]) => byId.get(id)?.name ?? id
          const item = isItemNotification(message) ? yield* Effect.option(Queries.item(message.workspace, message.item)) : undefined
          const state = item?._tag === "Some" ? item.value.state : undefined
          const context: ChatView.ViewContext = { workspace, name, state }
          const recipients = yield* membersOf(message.workspace, message.audience)
          const sends: Array<{ readonly place: Place; readonly view: ChatView.ChatView }> = []
          if (recipients.length === 0) {
            sends.push({ place: { _tag: "Team" }, view: ChatView.viewOfMessage(message, undefined, context) })
          } else {
            for (const recipient of recipients) {
              const view = ChatView.viewOfMessage(message, recipient, context)
              const user = userIdOf(recipient.id)
              if (isItemNotification(message)) {
                const title = (state === undefined ? undefined : ideaOf(state)?.title) ?? message.item
                sends.push({ place: { _tag: "Thread", item: message.item, title }, view })
              } else if (user !== undefined) {
                sends.push({ place: { _tag: "Direct", user }, view })
              }
            }
          }
          for (const { place, view } of sends) {
            yield* Effect.tryPromise({
              try: () => send(guildId, place, message.id, view),
              catch: (error) => deliveryFailure(message.id, error)
            })
          }
        }).pipe(
          Effect.catchTags({
            UnknownWorkspace: (error) => Effect.fail(deliveryFailure(message.id, Object.assign(new Error(error._tag), { status: 404 })))
          }),
          Effect.provide(services)
        )

      return { deliver }
    })
  )

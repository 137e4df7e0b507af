/**
 * The core's notifier port on Discord: each outbox row becomes messages where the team works.
 * Every item has a thread in the content channel (`DISCORD_CONTENT_CHANNEL`), found by the item
 * id at the end of its name, so a restarted bot finds it again; an item's notifications are posted
 * there, one message per person it is for, pinging that person only and carrying the buttons they
 * can use (a review request: approve facts, object, suggest format, comment). Messages for the
 * team (celebrations, meetings) go to the team channel (`DISCORD_TEAM_CHANNEL`) and ping nobody;
 * a meeting series' messages go to its own channel when it names one (`Channel` audience, by name;
 * the team channel when the guild has no such channel); reminders for named people (review
 * reminders, result check-ins, a meeting's direct reminders) go to them as direct messages.
 *
 * Shared results come with each recipient's results message (`Results.messagesFor`, worked out
 * once per notification, its charts once per language), so the chart is uploaded with the message;
 * a success is celebrated with the item's feedback (`Results.feedback`). A delivered
 * `MeetingChanged` also brings the series' Discord scheduled event up to date (`ScheduledEvents`).
 *
 * A send that fails permanently (no such channel, no access) parks the row; everything else is
 * retried by the dispatcher, and nonces (`enforce_nonce`) keep a retried send from showing twice.
 *
 * @since 0.1.0
 */
import * as ChatView from "@dugnad/core/ChatView"
import * as Directory from "@dugnad/core/Directory"
import * as NotificationContext from "@dugnad/core/NotificationContext"
import type { EventStore } from "@dugnad/core/EventStore"
import type { MeetingStore } from "@dugnad/core/MeetingStore"
import type { ReadModel } from "@dugnad/core/ReadModel"
import type { ItemId } from "@dugnad/core/Ids"
import { hasRole, type Member } from "@dugnad/core/Member"
import { type Audience, isItemNotification, type OutboxMessage } from "@dugnad/core/Notification"
import { type DeliveryFailed, Notifier } from "@dugnad/core/Notifier"
import { ideaOf } from "@dugnad/core/Item"
import { type APIThreadChannel, ChannelType, type REST, Routes } from "discord.js"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { DiscordConfig } from "./Config.js"
import { deliveryFailure, nonceOf } from "./Delivery.js"
import { guildIdOf, userIdOf } from "./Identity.js"
import type { Guilds } from "./Guilds.js"
import * as Render from "./Render.js"
import * as ScheduledEvents from "./ScheduledEvents.js"

/** Where one message goes. */
type Place =
  | { readonly _tag: "Thread"; readonly item: ItemId; readonly title: string }
  | { readonly _tag: "Team" }
  | { readonly _tag: "Channel"; readonly name: string }
  | { readonly _tag: "Direct"; readonly user: string }

/** The members an audience names, as the directory has them now. */
const membersOf = (members: ReadonlyArray<Member>, audience: Audience): ReadonlyArray<Member> => {
  switch (audience._tag) {
    case "Members":
      return members.filter((member) => audience.members.includes(member.id))
    case "Role":
      return members.filter((member) => hasRole(member, audience.role))
    default:
      return []
  }
}

/** The thread name of an item: its title, then its id, by which the bot finds it again. */
export const threadNameOf = (title: string, item: ItemId): string => `${title.slice(0, 80)} · ${item}`

/**
 * The guild channel a channel name means: as written, without a leading `#`, or as Discord would
 * have named it (lower case, spaces as dashes); `undefined` when the guild has none.
 */
export const channelNamed = (channels: ReadonlyMap<string, string>, name: string): string | undefined => {
  const bare = name.trim().replace(/^#/u, "")
  const slug = bare.toLowerCase().replace(/\s+/gu, "-")
  return channels.get(name) ?? channels.get(bare) ?? channels.get(slug) ??
    [...channels.entries()].find(([candidate]) => candidate.toLowerCase() === slug)?.[1]
}

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
      const services = yield* Effect.context<Directory.Directory | EventStore | ReadModel | MeetingStore>()
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
          : place._tag === "Channel"
          ? channelNamed((await guilds.info(guildId)).textChannels, place.name) ??
            await textChannel(guildId, settings.teamChannel)
          : ((await rest.post(Routes.userChannels(), { body: { recipient_id: place.user } })) as { id: string }).id
        const rendered = Render.message(view, { ping: place._tag !== "Direct" })
        const where = place._tag === "Direct" ? place.user : place._tag === "Channel" ? place.name : ""
        const nonce = nonceOf(notificationId, `${place._tag}:${where}:${view.mentions.join(",")}`)
        await rest.post(Routes.channelMessages(channelId), {
          body: { ...rendered.body, nonce, enforce_nonce: true },
          files: rendered.files.map((file) => ({ name: file.name, data: Buffer.from(file.data), contentType: file.contentType }))
        })
      }

      const deliver = (message: OutboxMessage): Effect.Effect<void, DeliveryFailed> =>
        Effect.gen(function*() {
          const guildId = guildIdOf(message.workspace)
          if (guildId === undefined) return
          const { contextFor, everyone, state } = yield* NotificationContext.read(message)
          const recipients = membersOf(everyone, message.audience)
          const sends: Array<{ readonly place: Place; readonly view: ChatView.ChatView }> = []
          if (message.audience._tag === "Channel") {
            sends.push({ place: { _tag: "Channel", name: message.audience.channel }, view: ChatView.viewOfMessage(message, undefined, contextFor(undefined)) })
          } else if (recipients.length === 0) {
            sends.push({ place: { _tag: "Team" }, view: ChatView.viewOfMessage(message, undefined, contextFor(undefined)) })
          } else {
            for (const recipient of recipients) {
              const view = ChatView.viewOfMessage(message, recipient, contextFor(recipient))
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
          // A moved or cancelled occurrence: the series' scheduled event follows at once (best effort;
          // the periodic sync catches up on failure).
          if (!isItemNotification(message) && message.subject._tag === "MeetingChanged") {
            yield* ScheduledEvents.syncWorkspace(rest, message.workspace, message.subject.meeting).pipe(
              Effect.catchAllCause((cause) => Effect.logWarning("scheduled event not updated", { notification: message.id, cause: String(cause) }))
            )
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

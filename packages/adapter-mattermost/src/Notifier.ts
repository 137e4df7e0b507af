/**
 * The core's notifier port on Mattermost, over the REST API (`Client4`; no WebSocket): each outbox
 * row becomes posts where the team works.
 *
 * - An item's notifications are replies in the item's thread in the content channel
 *   (`MATTERMOST_CONTENT_CHANNEL`), one post per person they are for, pinging that person only
 *   (`@username` in the message) and carrying the buttons they can use (a review request: approve
 *   facts, object, suggest format, comment). The thread's root post is made at the item's first
 *   notification and marked `props.dugnad_item = <item id>`; after a restart the bot finds it again
 *   among the channel's 200 most recent posts (`GET /channels/{id}/posts`), which Mattermost and
 *   the fake both serve. An item whose root post has scrolled out of that window gets a new thread.
 * - A review request also goes to each reviewer as a direct message, with the same buttons.
 * - Shared results come with each recipient's results message and its chart, uploaded first
 *   (`POST /files` in the post's channel) and attached by `file_ids`.
 * - Celebrations, meeting reminders and summaries go to the team channel
 *   (`MATTERMOST_TEAM_CHANNEL`) and ping nobody; a meeting series' messages go to its own channel
 *   when it names one that exists (else the team channel).
 * - Reminders for named people (review reminders, result check-ins) go to them as direct messages.
 *
 * At least once, without duplicates: every post carries a `pending_post_id` made from the
 * notification id and its place (see `Delivery`), so Mattermost answers a repeated create with the
 * post it made the first time; the process also remembers the places it has served, so a retry of
 * a notification whose first posts went out does not post them again. A 5xx or a network failure
 * is retried by the dispatcher; 400, 403 and 404 (the channel is gone, the bot was removed from
 * the team) park the row.
 *
 * @since 0.1.0
 */
import * as ChatView from "@dugnad/core/ChatView"
import * as Directory from "@dugnad/core/Directory"
import * as NotificationContext from "@dugnad/core/NotificationContext"
import type { EventStore } from "@dugnad/core/EventStore"
import type { ItemId, WorkspaceId } from "@dugnad/core/Ids"
import { ideaOf } from "@dugnad/core/Item"
import type { MeetingStore } from "@dugnad/core/MeetingStore"
import { hasRole, type Member } from "@dugnad/core/Member"
import { type Audience, isItemNotification, type OutboxMessage } from "@dugnad/core/Notification"
import { type DeliveryFailed, Notifier } from "@dugnad/core/Notifier"
import type { ReadModel } from "@dugnad/core/ReadModel"
import type { Client4 } from "@mattermost/client"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { MattermostConfig } from "./Config.js"
import { deliveryFailure, pendingPostIdOf, statusOf } from "./Delivery.js"
import { teamIdOf, userIdOf } from "./Identity.js"
import * as Render from "./Render.js"

/**
 * The parts of `Client4` the notifier uses.
 *
 * @since 0.1.0
 * @category layers
 */
export type NotifierClient = Pick<
  Client4,
  "getMe" | "getChannelByName" | "getPosts" | "createPost" | "createDirectChannel" | "uploadFile" | "getProfilesByIds"
>

/**
 * The settings the notifier reads.
 *
 * @since 0.1.0
 * @category layers
 */
export type NotifierSettings = Pick<MattermostConfig, "publicUrl" | "contentChannel" | "teamChannel">

/** Where one post goes. */
type Place =
  | { readonly _tag: "Thread"; readonly item: ItemId; readonly title: string }
  | { readonly _tag: "Team" }
  | { readonly _tag: "Channel"; readonly name: string }
  | { readonly _tag: "Direct"; readonly user: string }

/**
 * The channel ids the notifier found by name (`<team id>:<channel name>` → id and when it was
 * read), kept for a minute. The bot passes its own map so that channel events can forget entries.
 *
 * @since 0.1.0
 * @category layers
 */
export type ChannelCache = Map<string, { readonly at: number; readonly id: string }>

/**
 * The prop that marks an item's root post: its value is the item id.
 *
 * @since 0.1.0
 * @category threads
 */
export const itemProp = "dugnad_item"

/** How many of the content channel's recent posts are searched for an item's root post. */
const rootSearchWindow = 200

/** How long a channel id found by name is kept. */
const channelTtlMs = 60_000

/**
 * The message of an item's root post: its title (defused) and its id.
 *
 * @since 0.1.0
 * @category threads
 */
export const rootMessageOf = (title: string, item: ItemId): string =>
  `**${ChatView.defuse(title.replace(/\s+/gu, " ").trim()).slice(0, 200)}** · ${item}`

/**
 * A channel name as Mattermost would have made it from a display name (lower case, spaces and
 * other characters as dashes), without a leading `~` or `#`.
 *
 * @since 0.1.0
 * @category threads
 */
export const channelSlug = (name: string): string =>
  name.trim().replace(/^[~#]/u, "").toLowerCase().replace(/[^a-z0-9_-]+/gu, "-").replace(/^-+|-+$/gu, "")

/** The members an audience names, as the directory has them now. */
const membersOf = (members: ReadonlyArray<Member>, audience: Audience): ReadonlyArray<Member> => {
  switch (audience._tag) {
    case "Members":
      return audience.members.flatMap((id) => members.filter((member) => member.id === id))
    case "Role":
      return members.filter((member) => hasRole(member, audience.role))
    default:
      return []
  }
}

const notFound = (what: string) => Object.assign(new Error(what), { status_code: 404 })

/**
 * The Mattermost notifier, as a layer over the core's store: it reads the item and the directory
 * to make each recipient's view. `client` is a `Client4` with the server's URL and the bot's token
 * set; `sign` signs the buttons' contexts (`Hmac`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  client: NotifierClient,
  settings: NotifierSettings,
  sign: Render.SignContext,
  channels: ChannelCache = new Map()
) =>
  Layer.effect(
    Notifier,
    Effect.gen(function*() {
      const services = yield* Effect.context<Directory.Directory | EventStore | ReadModel | MeetingStore>()
      const roots = new Map<string, string>()
      const directs = new Map<string, string>()
      // `<notification id>\0<place>` of every post made by this process: a retried notification skips them.
      const served = new Set<string>()
      let me: Promise<string> | undefined

      const botUserId = (): Promise<string> => {
        if (me === undefined) {
          const asked = client.getMe().then((user) => user.id)
          me = asked
          asked.catch(() => (me = undefined))
        }
        return me
      }

      const channelNamed = async (teamId: string, name: string): Promise<string> => {
        const key = `${teamId}:${name}`
        const hit = channels.get(key)
        if (hit !== undefined && Date.now() - hit.at < channelTtlMs) return hit.id
        const channel = await client.getChannelByName(teamId, name)
        channels.set(key, { at: Date.now(), id: channel.id })
        return channel.id
      }

      const directChannel = async (user: string): Promise<string> => {
        const known = directs.get(user)
        if (known !== undefined) return known
        const channel = await client.createDirectChannel([await botUserId(), user])
        directs.set(user, channel.id)
        return channel.id
      }

      /** The root post of an item's thread: remembered, found among recent posts, or made. */
      const rootOf = async (teamId: string, workspace: WorkspaceId, item: ItemId, title: string): Promise<{ channel: string; root: string }> => {
        const channel = await channelNamed(teamId, settings.contentChannel)
        const key = `${channel}:${item}`
        const known = roots.get(key)
        if (known !== undefined) return { channel, root: known }
        const bot = await botUserId()
        const recent = await client.getPosts(channel, 0, rootSearchWindow)
        const found = Object.values(recent.posts ?? {}).find((post) =>
          post.root_id === "" && post.user_id === bot && post.props?.[itemProp] === item && post.delete_at === 0
        )
        const root = found ?? await client.createPost({
          channel_id: channel,
          message: rootMessageOf(title, item),
          props: { [itemProp]: item },
          pending_post_id: pendingPostIdOf(`root/${workspace}/${item}`, channel)
        })
        roots.set(key, root.id)
        return { channel, root: root.id }
      }

      const upload = async (channel: string, file: Render.Upload): Promise<string> => {
        const form = new FormData()
        form.append("channel_id", channel)
        form.append("files", new Blob([new Uint8Array(file.data)], { type: file.contentType }), file.name)
        const answer = await client.uploadFile(form)
        const info = answer.file_infos[0]
        if (info === undefined) throw new Error("the upload answered without a file")
        return info.id
      }

      const send = async (
        teamId: string,
        workspace: WorkspaceId,
        notificationId: string,
        place: Place,
        view: ChatView.ChatView,
        usernames: ReadonlyMap<string, string>
      ) => {
        const where = place._tag === "Direct"
          ? `direct:${place.user}`
          : place._tag === "Channel"
          ? `channel:${place.name}`
          : place._tag === "Thread"
          ? `thread:${view.mentions.join(",")}`
          : "team"
        const key = `${notificationId}\u0000${where}`
        if (served.has(key)) return
        const target = place._tag === "Thread"
          ? await rootOf(teamId, workspace, place.item, place.title)
          : {
            channel: place._tag === "Team"
              ? await channelNamed(teamId, settings.teamChannel)
              : place._tag === "Channel"
              ? await channelNamed(teamId, channelSlug(place.name)).catch((error: unknown) =>
                // No such channel: the team channel instead; anything else fails the send.
                statusOf(error) === 404 ? channelNamed(teamId, settings.teamChannel) : Promise.reject(error)
              )
              : await directChannel(place.user),
            root: ""
          }
        const rendered = Render.post(view, {
          publicUrl: settings.publicUrl,
          workspace,
          sign,
          ping: place._tag === "Thread",
          username: (member) => {
            const user = userIdOf(member)
            return user === undefined ? undefined : usernames.get(user)
          }
        })
        const fileIds: Array<string> = []
        for (const file of rendered.files) fileIds.push(await upload(target.channel, file))
        await client.createPost({
          channel_id: target.channel,
          root_id: target.root,
          message: rendered.message,
          props: rendered.props as unknown as Record<string, unknown>,
          ...(fileIds.length === 0 ? {} : { file_ids: fileIds }),
          pending_post_id: pendingPostIdOf(notificationId, where)
        })
        // Bounded: past this many, the oldest are forgotten (Mattermost's pending ids still cover a quick retry).
        if (served.size >= 10_000) served.delete(served.values().next().value!)
        served.add(key)
      }

      const deliver = (message: OutboxMessage): Effect.Effect<void, DeliveryFailed> =>
        Effect.gen(function*() {
          const teamId = teamIdOf(message.workspace)
          if (teamId === undefined) return
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
                if (message.event._tag === "ReviewRequested" && user !== undefined) {
                  sends.push({ place: { _tag: "Direct", user }, view })
                }
              } else if (user !== undefined) {
                sends.push({ place: { _tag: "Direct", user }, view })
              }
            }
          }
          // The usernames of the people pinged in threads, read once per notification.
          const pinged = [...new Set(sends.filter((entry) => entry.place._tag === "Thread").flatMap((entry) => entry.view.mentions))]
            .flatMap((member) => {
              const user = userIdOf(member)
              return user === undefined ? [] : [user]
            })
          const usernames = pinged.length === 0
            ? new Map<string, string>()
            : yield* Effect.tryPromise({
              try: async () => new Map((await client.getProfilesByIds(pinged)).map((user) => [user.id, user.username])),
              catch: (error) => deliveryFailure(message.id, error)
            })
          for (const { place, view } of sends) {
            yield* Effect.tryPromise({
              try: () => send(teamId, message.workspace, message.id, place, view, usernames),
              catch: (error) => deliveryFailure(message.id, error)
            })
          }
        }).pipe(
          Effect.catchTags({
            UnknownWorkspace: (error) => Effect.fail(deliveryFailure(message.id, notFound(error._tag)))
          }),
          Effect.provide(services)
        )

      return { deliver }
    })
  )

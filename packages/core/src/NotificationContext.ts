/**
 * What a bot's notifier reads before it renders a notification: the workspace, its members, the
 * item's state and, for shared results, the feedback and each participant's message (the charts
 * drawn once per language). Each recipient's `ChatView.ViewContext` is then made from these.
 *
 * @since 0.1.0
 */
import type * as ChatView from "./ChatView.js"
import * as Directory from "./Directory.js"
import type { ItemId } from "./Ids.js"
import type { ItemState } from "./Item.js"
import type { Member } from "./Member.js"
import { isItemNotification, type OutboxMessage } from "./Notification.js"
import * as Queries from "./Queries.js"
import * as Results from "./Results.js"
import * as Effect from "effect/Effect"

/**
 * The item a message is about, if any (an item notification, a review reminder, a check-in).
 *
 * @since 0.1.0
 * @category reading
 */
export const itemOf = (message: OutboxMessage): ItemId | undefined =>
  isItemNotification(message)
    ? message.item
    : message.subject._tag === "ReviewDue" || message.subject._tag === "ResultsCheckIn"
    ? message.subject.item
    : undefined

/**
 * What a notification is rendered with: the workspace's members, the item's state (when it is
 * about one) and each recipient's view context (`undefined`: a channel or the team).
 *
 * @since 0.1.0
 * @category reading
 */
export const read = (message: OutboxMessage) =>
  Effect.gen(function*() {
    const directory = yield* Directory.Directory
    const workspace = yield* directory.workspace(message.workspace)
    const everyone = yield* directory.members(message.workspace)
    const byId = new Map(everyone.map((member) => [member.id as string, member]))
    const name = (id: Member["id"]) => byId.get(id)?.name ?? id
    const about = itemOf(message)
    const item = about === undefined ? undefined : yield* Effect.option(Queries.item(message.workspace, about))
    const state: ItemState | undefined = item?._tag === "Some" ? item.value.state : undefined
    const base: ChatView.ViewContext = { workspace, name, state }
    // Shared results: everyone's message (and the charts, once per language) worked out once.
    const notification = isItemNotification(message) ? message : undefined
    const event = notification?.event._tag
    const feedback = notification !== undefined && (event === "ResultsShared" || event === "MarkedSuccess")
      ? yield* Effect.option(Results.feedback(notification.workspace, notification.item))
      : undefined
    const found = feedback?._tag === "Some" ? feedback.value : undefined
    const results = event === "ResultsShared" && found !== undefined
      ? yield* Effect.orElseSucceed(Results.messagesFor(found), () => [])
      : []
    for (const failure of results.flatMap((entry) => entry.chartFailures)) {
      yield* Effect.logWarning("results chart not drawn", { notification: message.id, network: failure.network, error: String(failure.error) })
    }
    const contextFor = (recipient: Member | undefined): ChatView.ViewContext => ({
      ...base,
      ...(found === undefined ? {} : { feedback: found }),
      ...(recipient === undefined ? {} : { results: results.find((entry) => entry.member === recipient.id) })
    })
    return { everyone, state, contextFor }
  })

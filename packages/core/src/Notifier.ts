/**
 * The notifier port: how an outbox row reaches people. The dispatcher hands each claimed row to
 * `deliver`; a chat adapter renders it (in the recipient's language) and sends it.
 *
 * Delivery is **at least once**. A dispatcher that dies after sending but before marking the row
 * delivered, or whose claim ran out while a send was slow, hands the same row out again. A
 * notification's `id` is stable (workspace, item and stream version), so an adapter drops a
 * duplicate by remembering the ids it has sent, or by using the id as the platform's idempotency
 * key where there is one.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import type { OutboxMessage } from "./Notification.js"

/**
 * A notification could not be delivered. `reason` is for operators (it is stored as the outbox
 * row's `lastError`), never shown to users. `retryAfter` (milliseconds) is the wait a rate limit
 * asked for; the dispatcher waits exactly that long instead of its own backoff. `permanent` says
 * that trying again cannot help (the channel is gone, the bot was removed): the row is parked at
 * once instead of being retried.
 *
 * @since 0.1.0
 * @category errors
 */
export class DeliveryFailed extends Schema.TaggedError<DeliveryFailed>()("DeliveryFailed", {
  notificationId: Schema.String,
  reason: Schema.String,
  retryAfter: Schema.optional(Schema.Number.pipe(Schema.nonNegative())),
  permanent: Schema.Boolean
}) {}

/**
 * What a notifier does.
 *
 * @since 0.1.0
 * @category port
 */
export interface NotifierService {
  /**
   * Sends one notification to its audience. May be called more than once for the same
   * notification (see the module docs); succeeding means it was sent, or had been before.
   */
  readonly deliver: (notification: OutboxMessage) => Effect.Effect<void, DeliveryFailed>
}

/**
 * The notifier port.
 *
 * @since 0.1.0
 * @category port
 */
export class Notifier extends Context.Tag("@dugnad/core/Notifier")<Notifier, NotifierService>() {}

/**
 * One call of `deliver` as a recording notifier saw it: which notification, the how-manieth call
 * for that notification id (from 1), when, and the failure if it failed.
 *
 * @since 0.1.0
 * @category recording
 */
export interface DeliveryAttempt {
  readonly notification: OutboxMessage
  readonly attempt: number
  readonly at: DateTime.Utc
  readonly failure: Option.Option<DeliveryFailed>
}

/**
 * What a recording notifier saw.
 *
 * @since 0.1.0
 * @category recording
 */
export interface RecordingService {
  /** The notifications delivered successfully, in order; a notification delivered twice is listed twice. */
  readonly delivered: Effect.Effect<ReadonlyArray<OutboxMessage>>
  /** Every call of `deliver`, failed ones included, in order. */
  readonly attempts: Effect.Effect<ReadonlyArray<DeliveryAttempt>>
}

/**
 * What the recording notifier in context saw.
 *
 * @since 0.1.0
 * @category recording
 */
export class Recording extends Context.Tag("@dugnad/core/Notifier/Recording")<Recording, RecordingService>() {}

/**
 * How a recording notifier answers a call: given the notification and the how-manieth call for its
 * id this is (from 1), succeed or fail. The default always succeeds.
 *
 * @since 0.1.0
 * @category recording
 */
export type Respond = (notification: OutboxMessage, attempt: number) => Effect.Effect<void, DeliveryFailed>

/**
 * A notifier that sends nothing and remembers every call, for tests and for embedding the core
 * without a chat platform (read what would have been sent from `Recording`). `respond` scripts
 * failures: a flaky channel, a rate limit, a removed bot.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerRecording = (respond: Respond = () => Effect.void): Layer.Layer<Notifier | Recording> =>
  Layer.effectContext(Effect.gen(function*() {
    const log = yield* Ref.make<ReadonlyArray<DeliveryAttempt>>([])
    // Counted when a call starts, in one step, so concurrent calls each get their own number.
    const calls = yield* Ref.make<ReadonlyMap<string, number>>(new Map())
    const notifier: NotifierService = {
      deliver: (notification) =>
        Effect.gen(function*() {
          const attempt = yield* Ref.modify(calls, (counts) => {
            const next = (counts.get(notification.id) ?? 0) + 1
            return [next, new Map(counts).set(notification.id, next)]
          })
          const result = yield* Effect.either(respond(notification, attempt))
          const at = yield* DateTime.now
          yield* Ref.update(log, (seen) => [
            ...seen,
            {
              notification,
              attempt,
              at,
              failure: result._tag === "Left" ? Option.some(result.left) : Option.none()
            }
          ])
          if (result._tag === "Left") return yield* result.left
        })
    }
    const recording: RecordingService = {
      attempts: Ref.get(log),
      delivered: Effect.map(
        Ref.get(log),
        (seen) => seen.filter((entry) => Option.isNone(entry.failure)).map((entry) => entry.notification)
      )
    }
    return Context.make(Notifier, notifier).pipe(Context.add(Recording, recording))
  }))

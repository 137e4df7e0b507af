/**
 * The dispatcher: claims due outbox rows, delivers each through the `Notifier`, and records what
 * happened. A row that was delivered is marked so; one that failed is tried again later with
 * exponential backoff (or after the wait a rate limit asked for); one that failed `maxAttempts`
 * times, or failed permanently, is parked: kept, listed with its last error, and delivered again
 * only when unparked. No row is ever dropped.
 *
 * Delivery is at least once (see `Notifier`). Several dispatchers may run against one database:
 * the outbox hands a row to one of them at a time, so with nothing failing each notification is
 * delivered once in total. Within a batch rows are delivered one after another, oldest first.
 *
 * Time comes from Effect's `Clock`, so tests drive backoff and polling with `TestClock`.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Schedule from "effect/Schedule"
import { DeliveryFailed, Notifier } from "./Notifier.js"
import { claimLease, Outbox, type OutboxEntry } from "./Outbox.js"

/**
 * How long to wait before the next attempt after a failure: `base × factor^(attempt − 1)`, at
 * most `cap`. With `jitter` each wait is drawn uniformly from its upper half, so dispatchers that
 * failed together do not retry together.
 *
 * @since 0.1.0
 * @category configuration
 */
export interface BackoffOptions {
  /** The wait after the first failure (default 2 seconds). */
  readonly base?: Duration.DurationInput | undefined
  /** How much each further wait grows (default 3). */
  readonly factor?: number | undefined
  /** The longest wait (default 10 minutes). */
  readonly cap?: Duration.DurationInput | undefined
  /** Randomise waits (default true; turn off in tests). */
  readonly jitter?: boolean | undefined
}

/**
 * How a dispatcher works. Every field has a default.
 *
 * @since 0.1.0
 * @category configuration
 */
export interface DispatcherOptions {
  /** Rows claimed per batch (default 20). */
  readonly batchSize?: number | undefined
  /** Attempts before a row is parked (default 8: with the default backoff, about 20 minutes of failing). */
  readonly maxAttempts?: number | undefined
  readonly backoff?: BackoffOptions | undefined
  /** How long `run` waits between batches when there was nothing more to claim (default 1 second). */
  readonly pollInterval?: Duration.DurationInput | undefined
  /**
   * How long one delivery may take before it counts as failed (default 30 seconds). Kept below the
   * outbox's claim lease, so that a slow send is not handed to another dispatcher meanwhile.
   */
  readonly deliveryTimeout?: Duration.DurationInput | undefined
}

/**
 * The defaults of {@link DispatcherOptions}.
 *
 * @since 0.1.0
 * @category configuration
 */
export const defaults = {
  batchSize: 20,
  maxAttempts: 8,
  backoff: { base: Duration.seconds(2), factor: 3, cap: Duration.minutes(10), jitter: true },
  pollInterval: Duration.seconds(1),
  deliveryTimeout: Duration.seconds(30)
} as const

/**
 * What one batch did: rows claimed, and of those how many were delivered, scheduled for another
 * attempt, or parked.
 *
 * @since 0.1.0
 * @category model
 */
export interface BatchResult {
  readonly claimed: number
  readonly delivered: number
  readonly retried: number
  readonly parked: number
}

/**
 * The wait after the `attempt`-th failed attempt (from 1), before jitter.
 *
 * @since 0.1.0
 * @category configuration
 */
export const backoffDelay = (attempt: number, options: BackoffOptions = {}): Duration.Duration => {
  const base = Duration.toMillis(options.base ?? defaults.backoff.base)
  const factor = options.factor ?? defaults.backoff.factor
  const cap = Duration.toMillis(options.cap ?? defaults.backoff.cap)
  return Duration.millis(Math.min(cap, base * Math.pow(factor, Math.max(0, attempt - 1))))
}

type Outcome = "delivered" | "retried" | "parked"

/** The failure a delivery ended with: the notifier's own, or a defect or timeout made into one. */
const failureOf = (id: string, cause: Cause.Cause<DeliveryFailed>): DeliveryFailed =>
  Option.getOrElse(Cause.failureOption(cause), () =>
    new DeliveryFailed({
      notificationId: id,
      reason: `defect: ${Cause.pretty(cause).split("\n")[0] ?? "unknown"}`,
      permanent: false
    }))

/**
 * Claims one batch of due rows and delivers them. Rows left claimed by an interruption are handed
 * out again when their claim runs out.
 *
 * @since 0.1.0
 * @category dispatching
 */
export const runOnce: (options?: DispatcherOptions) => Effect.Effect<BatchResult, never, Outbox | Notifier> = Effect
  .fn("Dispatcher.runOnce")(function*(options: DispatcherOptions = {}) {
    const outbox = yield* Outbox
    const notifier = yield* Notifier
    const maxAttempts = options.maxAttempts ?? defaults.maxAttempts
    const backoff = options.backoff ?? {}
    const jitter = backoff.jitter ?? defaults.backoff.jitter
    const timeout = Duration.min(
      Duration.decode(options.deliveryTimeout ?? defaults.deliveryTimeout),
      Duration.decode(claimLease)
    )

    const settle = (entry: OutboxEntry, failure: DeliveryFailed) =>
      Effect.gen(function*() {
        const id = entry.notification.id
        if (failure.permanent || entry.attempts >= maxAttempts) {
          yield* outbox.park(id, failure.reason)
          yield* Effect.logWarning("Dispatcher: notification parked").pipe(
            Effect.annotateLogs({ notification: id, attempts: entry.attempts, reason: failure.reason })
          )
          return "parked" as const
        }
        const wait = failure.retryAfter !== undefined
          ? failure.retryAfter
          : Duration.toMillis(backoffDelay(entry.attempts, backoff)) * (jitter ? yield* Random.nextRange(0.5, 1) : 1)
        const now = yield* DateTime.now
        yield* outbox.retryLater(id, failure.reason, DateTime.add(now, { millis: Math.round(wait) }))
        yield* Effect.logDebug("Dispatcher: delivery failed, will retry").pipe(
          Effect.annotateLogs({ notification: id, attempts: entry.attempts, reason: failure.reason, wait })
        )
        return "retried" as const
      })

    const deliverOne = (entry: OutboxEntry): Effect.Effect<Outcome> =>
      Effect.gen(function*() {
        const id = entry.notification.id
        const exit = yield* notifier.deliver(entry.notification).pipe(
          Effect.timeoutFail({
            duration: timeout,
            onTimeout: () =>
              new DeliveryFailed({ notificationId: id, reason: `no answer within ${Duration.format(timeout)}`, permanent: false })
          }),
          Effect.exit
        )
        if (Exit.isSuccess(exit)) {
          yield* outbox.markDelivered([id])
          return "delivered" as const
        }
        // Stopped from outside: leave the row claimed; it is handed out again after its claim.
        if (Cause.isInterruptedOnly(exit.cause)) return yield* Effect.interrupt
        return yield* settle(entry, failureOf(id, exit.cause))
      })

    const claimed = yield* outbox.claim(options.batchSize ?? defaults.batchSize)
    const counts = { claimed: claimed.length, delivered: 0, retried: 0, parked: 0 }
    for (const entry of claimed) {
      counts[yield* deliverOne(entry)]++
    }
    return counts satisfies BatchResult
  })

/**
 * Dispatches until interrupted: a batch, then the next one at once if the batch was full, else
 * after `pollInterval`. A batch that dies (the database is unreachable) is logged and the loop
 * goes on.
 *
 * @since 0.1.0
 * @category dispatching
 */
export const run = (options: DispatcherOptions = {}): Effect.Effect<never, never, Outbox | Notifier> => {
  const batchSize = options.batchSize ?? defaults.batchSize
  const poll = Duration.decode(options.pollInterval ?? defaults.pollInterval)
  const empty: BatchResult = { claimed: 0, delivered: 0, retried: 0, parked: 0 }
  const schedule = Schedule.identity<BatchResult>().pipe(
    Schedule.addDelay((result) => result.claimed >= batchSize ? Duration.zero : poll)
  )
  return runOnce(options).pipe(
    Effect.catchAllDefect((defect) =>
      Effect.logError("Dispatcher: a batch failed; trying again", Cause.die(defect)).pipe(Effect.as(empty))
    ),
    Effect.repeat(schedule),
    Effect.andThen(Effect.never),
    Effect.withSpan("Dispatcher.run")
  )
}

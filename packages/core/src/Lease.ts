/**
 * The lease port: a named, expiring lock held by one holder at a time, so that when several bot
 * processes share a database only one runs the schedulers (meeting reminders, review reminders,
 * result check-ins). A holder keeps its lease by renewing it before it expires; a lease that was
 * not renewed in time is free for anyone to take over, so a process that dies hands the work on
 * after at most one `ttl`.
 *
 * Expiry is read from each process's own `Clock`, so the processes' clocks must roughly agree
 * (to well within a `ttl`). The in-memory layer serves one process; `SqlLease.layer` serves
 * processes sharing a SQLite file or a PostgreSQL database.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as MemoryLease from "./internal/memoryLease.js"

/**
 * What a lease store does.
 *
 * @since 0.1.0
 * @category port
 */
export interface LeaseService {
  /**
   * Takes the lease `name` for `holder` until `ttl` from now, when it is free, expired, or already
   * held by `holder` (then it is renewed). `false` when another holder has it.
   */
  readonly acquire: (name: string, holder: string, ttl: Duration.DurationInput) => Effect.Effect<boolean>
  /** Gives the lease up, if `holder` holds it; otherwise does nothing. */
  readonly release: (name: string, holder: string) => Effect.Effect<void>
}

/**
 * The lease port.
 *
 * @since 0.1.0
 * @category port
 */
export class Lease extends Context.Tag("@dugnad/core/Lease")<Lease, LeaseService>() {
  /**
   * Leases held in this process's memory: for tests, and for a single process.
   *
   * @since 0.1.0
   */
  static readonly layerMemory: Layer.Layer<Lease> = Layer.effect(Lease, MemoryLease.make)
}

/**
 * Runs `effect` only while `holder` holds the lease `name`: takes it (or gives up at once with
 * `None` when another holder has it), renews it every third of `ttl` while `effect` runs, and
 * releases it afterwards, however `effect` ends. If a renewal finds that another holder took the
 * lease over (this process stalled for longer than `ttl`), `effect` is interrupted and the result
 * is `None` as well. Callers that want to stand by until the lease is free repeat this.
 *
 * @since 0.1.0
 * @category combinators
 */
export const withLease = <A, E, R>(
  name: string,
  holder: string,
  ttl: Duration.DurationInput,
  effect: Effect.Effect<A, E, R>
): Effect.Effect<Option.Option<A>, E, R | Lease> =>
  Effect.flatMap(Lease, (lease) => {
    const renewEvery = Duration.divide(ttl, 3).pipe(Option.getOrElse(() => Duration.decode(ttl)))
    // Completes, with `false`, when a renewal finds the lease taken.
    const lost = lease.acquire(name, holder, ttl).pipe(
      Effect.delay(renewEvery),
      Effect.repeat({ while: (held) => held })
    )
    return Effect.acquireUseRelease(
      lease.acquire(name, holder, ttl),
      (held) =>
        held
          ? Effect.raceFirst(Effect.map(effect, Option.some), Effect.as(lost, Option.none<A>()))
          : Effect.succeed(Option.none<A>()),
      (held) => held ? lease.release(name, holder) : Effect.void
    )
  }).pipe(Effect.withSpan("Lease.withLease", { attributes: { name, holder } }))

/**
 * The bot's timers: the core's `Scheduler` (meeting reminders and summaries, review reminders,
 * result check-ins, offered to the outbox, which the dispatcher delivers through the notifier), and
 * the sync of meeting series to Discord scheduled events (`ScheduledEvents`) every period.
 *
 * Both run under leases, so with several bot processes on one database one process ticks at a time:
 * the scheduler under the core's `dugnad-schedulers` lease, the events sync under its own. The
 * lease is kept in the database when the store is SQL (SQLite or PostgreSQL), else in memory.
 *
 * @since 0.1.0
 */
import { Lease, withLease } from "@dugnad/core/Lease"
import * as Scheduler from "@dugnad/core/Scheduler"
import * as SqlLease from "@dugnad/core/SqlLease"
import * as SqlClient from "@effect/sql/SqlClient"
import { randomUUID } from "node:crypto"
import * as os from "node:os"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { REST } from "discord.js"
import * as ScheduledEvents from "./ScheduledEvents.js"

/**
 * How the timers run.
 *
 * @since 0.1.0
 * @category running
 */
export interface RemindersOptions extends Scheduler.SchedulerOptions {
  /** Who this process is, for the leases (default: host, pid and a random part). */
  readonly holder?: string | undefined
  /** How often the scheduler ticks and events are synced (default a minute). */
  readonly every?: Duration.DurationInput | undefined
  /** How long a lease lasts unless renewed (default 2 minutes). */
  readonly leaseTtl?: Duration.DurationInput | undefined
}

/**
 * A holder id for this process: unique per process, readable in the lease table.
 *
 * @since 0.1.0
 * @category running
 */
export const holderId = (): string => `discord-bot/${os.hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`

/** The lease name of the events sync. */
export const eventsLeaseName = "dugnad-discord-events"

/**
 * The lease store: in the database when the store in context is SQL, else in this process's memory.
 *
 * @since 0.1.0
 * @category running
 */
export const leaseLayer: Layer.Layer<Lease> = Layer.unwrapEffect(
  Effect.map(Effect.serviceOption(SqlClient.SqlClient), (client) =>
    Option.isSome(client)
      ? SqlLease.layer.pipe(Layer.provide(Layer.succeed(SqlClient.SqlClient, client.value)))
      : Lease.layerMemory)
)

/**
 * Runs the scheduler and the events sync for as long as it runs (interrupt it to stop).
 *
 * @since 0.1.0
 * @category running
 */
export const run = (rest: REST, options: RemindersOptions = {}) => {
  const holder = options.holder ?? holderId()
  const every = options.every ?? "1 minute"
  const leaseTtl = options.leaseTtl ?? "2 minutes"
  const syncing = Effect.forever(Effect.zipRight(ScheduledEvents.syncAll(rest), Effect.sleep(every)))
  const events = Effect.forever(
    withLease(eventsLeaseName, holder, leaseTtl, syncing).pipe(
      Effect.flatMap(Option.match({ onNone: () => Effect.sleep(every), onSome: () => Effect.void }))
    )
  )
  // A failing tick (the store down) is logged and tried again after a period; it never stops the bot.
  const resilient = <E, R>(name: string, effect: Effect.Effect<unknown, E, R>) =>
    Effect.forever(
      effect.pipe(
        Effect.catchAllCause((cause) =>
          Effect.zipRight(Effect.logError(`${name} failed`, { cause: String(cause) }), Effect.sleep(every))
        )
      )
    )
  return Effect.all([
    resilient("scheduler", Scheduler.run(holder, { ...options, every, leaseTtl })),
    resilient("scheduled events", events)
  ], {
    concurrency: "unbounded",
    discard: true
  }).pipe(Effect.provide(leaseLayer))
}

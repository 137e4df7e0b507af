/**
 * The bot's timers: the core's `Scheduler` (meeting reminders and summaries, review reminders,
 * result check-ins, offered to the outbox, which the dispatcher delivers through the notifier), as
 * in the Discord adapter (`@dugnad/adapter-discord/Reminders`), without Discord's scheduled events.
 *
 * It runs under the core's `dugnad-schedulers` lease, so with several bot processes on one
 * database one process ticks at a time. The lease is kept in the database when the store is SQL
 * (SQLite or PostgreSQL), else in memory.
 *
 * @since 0.1.0
 */
import { Lease } from "@dugnad/core/Lease"
import * as Scheduler from "@dugnad/core/Scheduler"
import * as SqlLease from "@dugnad/core/SqlLease"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { randomUUID } from "node:crypto"
import * as os from "node:os"

/**
 * How the timers run.
 *
 * @since 0.1.0
 * @category running
 */
export interface RemindersOptions extends Scheduler.SchedulerOptions {
  /** Who this process is, for the lease (default: host, pid and a random part). */
  readonly holder?: string | undefined
  /** How often the scheduler ticks (default a minute). */
  readonly every?: Duration.DurationInput | undefined
  /** How long the lease lasts unless renewed (default 2 minutes). */
  readonly leaseTtl?: Duration.DurationInput | undefined
}

/**
 * A holder id for this process: unique per process, readable in the lease table.
 *
 * @since 0.1.0
 * @category running
 */
export const holderId = (): string => `mattermost-bot/${os.hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`

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
 * Runs the scheduler for as long as it runs (interrupt it to stop). A failing tick (the store
 * down) is logged and tried again after a period; it never stops the bot.
 *
 * @since 0.1.0
 * @category running
 */
export const run = (options: RemindersOptions = {}) => {
  const holder = options.holder ?? holderId()
  const every = options.every ?? "1 minute"
  const leaseTtl = options.leaseTtl ?? "2 minutes"
  return Effect.forever(
    Scheduler.run(holder, { ...options, every, leaseTtl }).pipe(
      Effect.catchAllCause((cause) => Effect.zipRight(Effect.logError("scheduler failed", { cause: String(cause) }), Effect.sleep(every)))
    )
  ).pipe(Effect.provide(leaseLayer))
}

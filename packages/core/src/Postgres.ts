/**
 * The shared store: PostgreSQL, for a team whose bots run as several processes. Same schema and
 * semantics as SQLite. Appends are serialised with a transaction-scoped advisory lock (so positions
 * become visible in order), outbox rows are claimed with `FOR UPDATE SKIP LOCKED` (so each
 * notification goes to one dispatcher at a time), and schedulers take a lease.
 *
 * @since 0.1.0
 */
import * as PgClient from "@effect/sql-pg/PgClient"
import type * as SqlClient from "@effect/sql/SqlClient"
import * as Cause from "effect/Cause"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type { Directory } from "./Directory.js"
import { StoreUnavailable } from "./Errors.js"
import type { EventStore } from "./EventStore.js"
import type { MeetingStore } from "./MeetingStore.js"
import type { Outbox } from "./Outbox.js"
import type { ReadModel } from "./ReadModel.js"
import * as SqlStore from "./SqlStore.js"

/**
 * Where the database is. The URL may carry a password, so it is `Redacted` and never logged.
 *
 * @since 0.1.0
 * @category configuration
 */
export interface PostgresOptions {
  /** `postgres://user:password@host:5432/database` */
  readonly url: Redacted.Redacted<string>
  /** Connections in the pool (default 10). */
  readonly maxConnections?: number | undefined
}

/**
 * The URL without its password, for messages and logs.
 *
 * @since 0.1.0
 * @category configuration
 */
export const safeLocation = (url: Redacted.Redacted<string>): string => {
  try {
    const parsed = new URL(Redacted.value(url))
    parsed.password = ""
    return parsed.toString()
  } catch {
    return "(an unparsable URL)"
  }
}

/**
 * The PostgreSQL client alone, with the schema migrated.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerClient = (
  options: PostgresOptions
): Layer.Layer<PgClient.PgClient | SqlClient.SqlClient, StoreUnavailable> =>
  Layer.effectDiscard(SqlStore.migrate).pipe(
    Layer.provideMerge(
      PgClient.layer({
        url: options.url,
        maxConnections: options.maxConnections ?? 10,
        applicationName: "dugnad"
      })
    ),
    Layer.catchAllCause((cause) =>
      Layer.fail(
        new StoreUnavailable({
          store: "postgres",
          location: safeLocation(options.url),
          detail: (Cause.pretty(cause).split("\n")[0] ?? "").replaceAll(Redacted.value(options.url), safeLocation(options.url))
        })
      )
    )
  )

/**
 * Dugnad's store on PostgreSQL: event store, outbox, read models and directory.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: PostgresOptions
): Layer.Layer<EventStore | Outbox | ReadModel | Directory | MeetingStore | SqlClient.SqlClient, StoreUnavailable> =>
  SqlStore.layer.pipe(Layer.provideMerge(layerClient(options)))

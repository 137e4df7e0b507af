/**
 * The embedded default store: one SQLite file, no server (better-sqlite3 12 through
 * `@effect/sql-sqlite-node`). Import this subpath only where the native module is wanted.
 *
 * Durability: WAL with `synchronous = FULL` by default, so an acknowledged command survives power
 * loss. `NORMAL` is faster and still never corrupts the file, but the last commits before a power
 * cut may be lost. Several processes may share the file (a bot and the CLI): a writer waits up to
 * `busyTimeout` for the lock and a conflict comes back as a typed `VersionConflict`.
 *
 * @since 0.1.0
 */
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import type { Directory } from "./Directory.js"
import { StoreUnavailable } from "./Errors.js"
import type { EventStore } from "./EventStore.js"
import type { MeetingStore } from "./MeetingStore.js"
import type { Outbox } from "./Outbox.js"
import type { ReadModel } from "./ReadModel.js"
import * as SqlStore from "./SqlStore.js"

/**
 * Where the database lives and how hard it holds on to each commit.
 *
 * @since 0.1.0
 * @category configuration
 */
export interface SqliteOptions {
  /** The database file (created if missing), or `:memory:`. */
  readonly filename: string
  /** `FULL` (default): every commit is on disk when acknowledged. `NORMAL`: faster, see above. */
  readonly synchronous?: "FULL" | "NORMAL" | undefined
  /** How long a writer waits for another process's write lock (default 5 seconds). */
  readonly busyTimeout?: Duration.DurationInput | undefined
}

const isBusy = (cause: Cause.Cause<unknown>) => /SQLITE_BUSY|database is locked/.test(Cause.pretty(cause))

const unavailable = (filename: string) => (cause: Cause.Cause<unknown>) =>
  new StoreUnavailable({ store: "sqlite", location: filename, detail: Cause.pretty(cause).split("\n")[0] ?? "" })

/**
 * The SQLite client alone, with Dugnad's pragmas applied and the schema migrated.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerClient = (
  options: SqliteOptions
): Layer.Layer<SqliteClient.SqliteClient | SqlClient.SqlClient, StoreUnavailable> => {
  const setUp = Layer.effectDiscard(
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      yield* sql.unsafe(`PRAGMA busy_timeout = ${Duration.toMillis(options.busyTimeout ?? "5 seconds")}`)
      yield* sql.unsafe(`PRAGMA synchronous = ${options.synchronous ?? "FULL"}`)
      yield* sql.unsafe("PRAGMA foreign_keys = ON")
      yield* SqlStore.migrate
    })
  )
  return setUp.pipe(
    Layer.provideMerge(SqliteClient.layer({ filename: options.filename })),
    // The driver throws when opening fails; make that a failure so it can be retried.
    Layer.catchAllCause((cause) => Layer.fail(cause)),
    // Switching a new file to WAL needs a moment alone with it: when several processes open the
    // same new file at once, some are told "database is locked" straight away. Try again briefly.
    Layer.retry(
      Schedule.spaced("50 millis").pipe(
        Schedule.intersect(Schedule.recurs(40)),
        Schedule.whileInput((cause: Cause.Cause<unknown>) => isBusy(cause))
      )
    ),
    Layer.catchAll((cause) => Layer.fail(unavailable(options.filename)(cause)))
  )
}

/**
 * Dugnad's store on a SQLite file: event store, outbox, read models and directory.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: SqliteOptions
): Layer.Layer<EventStore | Outbox | ReadModel | Directory | MeetingStore | SqlClient.SqlClient, StoreUnavailable> =>
  SqlStore.layer.pipe(Layer.provideMerge(layerClient(options)))

/**
 * Copies the open database to `destination` with SQLite's online backup: safe while other
 * connections (a bot, the CLI) keep writing; the copy is a consistent snapshot.
 *
 * @since 0.1.0
 * @category backups
 */
export const backup = (destination: string) =>
  Effect.flatMap(SqliteClient.SqliteClient, (client) => client.backup(destination)).pipe(
    Effect.mapError((error) => new StoreUnavailable({ store: "sqlite", location: destination, detail: error.message }))
  )

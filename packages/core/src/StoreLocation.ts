/**
 * A store named by one setting, as the CLI and the bots take it (`DUGNAD_DB`): a SQLite file, or a
 * `postgres://` URL (several processes may share one PostgreSQL database). The driver not chosen is
 * never loaded: a SQLite user does not pay for `pg`, nor a PostgreSQL user for better-sqlite3.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

/**
 * Whether a location names PostgreSQL (`postgres://` or `postgresql://`, any case).
 *
 * @since 0.1.0
 * @category locations
 */
export const isPostgres = (location: Redacted.Redacted<string>): boolean =>
  /^postgres(ql)?:\/\//i.test(Redacted.value(location))

/**
 * The core's store (event store, outbox, read models, directory, meetings, SQL client) at
 * `location`. The location stays `Redacted`: a URL's password is never shown (see
 * `Postgres.safeLocation`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (location: Redacted.Redacted<string>, options: { readonly maxConnections?: number } = {}) =>
  isPostgres(location)
    ? Layer.unwrapEffect(
      Effect.map(Effect.promise(() => import("./Postgres.js")), (Postgres) =>
        Postgres.layer({ url: location, maxConnections: options.maxConnections ?? 5 }))
    )
    : Layer.unwrapEffect(
      Effect.map(Effect.promise(() => import("./Sqlite.js")), (Sqlite) => Sqlite.layer({ filename: Redacted.value(location) }))
    )

/**
 * The store the Mattermost bot keeps its data in, from `DUGNAD_DB`: a SQLite file, or a `postgres://` URL
 * (several bot processes may share one PostgreSQL database). The driver not chosen is never loaded.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

/** Whether a `DUGNAD_DB` value names PostgreSQL. */
export const isPostgres = (location: Redacted.Redacted<string>): boolean =>
  /^postgres(ql)?:\/\//i.test(Redacted.value(location))

/**
 * The core's store (event store, outbox, read models, directory, meetings) at `location`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (location: Redacted.Redacted<string>) =>
  isPostgres(location)
    ? Layer.unwrapEffect(
      Effect.map(Effect.promise(() => import("@dugnad/core/Postgres")), (Postgres) =>
        Postgres.layer({ url: location, maxConnections: 5 }))
    )
    : Layer.unwrapEffect(
      Effect.map(Effect.promise(() => import("@dugnad/core/Sqlite")), (Sqlite) =>
        Sqlite.layer({ filename: Redacted.value(location) }))
    )

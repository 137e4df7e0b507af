/**
 * Leases on SQL, for any `@effect/sql` client (SQLite or PostgreSQL), in the `dugnad_leases` table
 * that `SqlStore.migrate` creates. Taking or renewing a lease is one upsert that only overwrites
 * an expired lease or the holder's own, so two processes racing for a lease cannot both win:
 *
 * ```sql
 * INSERT INTO dugnad_leases (name, holder, expires_at) VALUES (…)
 * ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
 *   WHERE dugnad_leases.expires_at <= now OR dugnad_leases.holder = excluded.holder
 * RETURNING holder
 * ```
 *
 * A row comes back exactly when the lease was taken. Times are epoch milliseconds from the
 * process's `Clock`.
 *
 * @since 0.1.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Lease, type LeaseService } from "./Lease.js"

/**
 * Builds the lease store on the `SqlClient` in context. The schema must be migrated (the store
 * layers `Sqlite.layer` and `Postgres.layer` do that).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<LeaseService, never, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  return {
    acquire: (name, holder, ttl) =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const expiresAt = now + Duration.toMillis(ttl)
        const rows = yield* sql`INSERT INTO dugnad_leases (name, holder, expires_at)
          VALUES (${name}, ${holder}, ${expiresAt})
          ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
          WHERE dugnad_leases.expires_at <= ${now} OR dugnad_leases.holder = excluded.holder
          RETURNING holder`
        return rows.length === 1
      }).pipe(Effect.orDie, Effect.withSpan("SqlLease.acquire", { attributes: { name, holder } })),
    release: (name, holder) =>
      sql`DELETE FROM dugnad_leases WHERE name = ${name} AND holder = ${holder}`.pipe(
        Effect.asVoid,
        Effect.orDie,
        Effect.withSpan("SqlLease.release", { attributes: { name, holder } })
      )
  }
})

/**
 * Leases on the `SqlClient` in context; the schema must be migrated.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Lease, never, SqlClient.SqlClient> = Layer.effect(Lease, make)

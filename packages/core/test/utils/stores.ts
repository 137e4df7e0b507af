/**
 * The three stores the contract suite runs against, each fresh per test: in memory, a SQLite file
 * in a temp dir, and a new PostgreSQL database on the machine's server.
 */
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import type * as SqlClient from "@effect/sql/SqlClient"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import pg from "pg"
import * as Commands from "../../src/Commands.js"
import type { Directory } from "../../src/Directory.js"
import type { StoreUnavailable } from "../../src/Errors.js"
import type { EventStore } from "../../src/EventStore.js"
import type { MeetingStore } from "../../src/MeetingStore.js"
import type { Outbox } from "../../src/Outbox.js"
import type { ReadModel } from "../../src/ReadModel.js"
import * as Postgres from "../../src/Postgres.js"
import * as Sqlite from "../../src/Sqlite.js"

export type Store = EventStore | Outbox | ReadModel | Directory | MeetingStore
export type StoreLayer = Layer.Layer<Store, StoreUnavailable>

/** The server tests use; `DUGNAD_TEST_PG` overrides it. Trust auth on these machines. */
export const postgresAdminUrl = process.env["DUGNAD_TEST_PG"] ?? "postgres://postgres@127.0.0.1:5432/postgres"

const withAdmin = async <A>(run: (client: pg.Client) => Promise<A>): Promise<A> => {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 3_000 })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** Whether the PostgreSQL server answers. */
export const postgresAvailable = await withAdmin(async (client) => (await client.query("SELECT 1")).rowCount === 1)
  .catch(() => false)

/**
 * CI must run the PostgreSQL tests: there, an unreachable server fails the run instead of skipping.
 * Elsewhere the skip is said out loud.
 */
export const checkPostgres = (suite: string): boolean => {
  if (postgresAvailable) return true
  if (process.env["CI"]) {
    throw new Error(`${suite}: PostgreSQL is not reachable at ${postgresAdminUrl}, and CI must run these tests`)
  }
  console.warn(`\n  SKIPPED ${suite}: no PostgreSQL at ${postgresAdminUrl} (start it, or set DUGNAD_TEST_PG)\n`)
  return false
}

export const memoryStore = (): StoreLayer => Commands.layerMemory

/** A scoped temp dir, removed afterwards. */
export const tempDir = Effect.acquireRelease(
  Effect.promise(() => fs.mkdtemp(path.join(os.tmpdir(), "dugnad-test-"))),
  (dir) => Effect.promise(() => fs.rm(dir, { recursive: true, force: true }))
)

export const sqliteStore = (options: Omit<Sqlite.SqliteOptions, "filename"> = {}): StoreLayer =>
  Layer.unwrapScoped(
    Effect.map(tempDir, (dir) => Sqlite.layer({ ...options, filename: path.join(dir, "dugnad.db") }))
  )

/** A fresh, empty database, dropped afterwards; its URL. */
export const freshPostgresDatabase = Effect.acquireRelease(
  Effect.promise(async () => {
    const name = `dugnad_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
    await withAdmin((client) => client.query(`CREATE DATABASE ${name}`))
    const url = new URL(postgresAdminUrl)
    url.pathname = `/${name}`
    return { name, url: Redacted.make(url.toString()) }
  }),
  ({ name }) => Effect.promise(() => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)))
)

export const postgresStore = (): StoreLayer =>
  Layer.unwrapScoped(Effect.map(freshPostgresDatabase, ({ url }) => Postgres.layer({ url })))

/** A SQL store with its client in context, for SQL adapters on the same database (the lease). */
export type SqlStoreLayer = Layer.Layer<Store | SqlClient.SqlClient, StoreUnavailable>

/** `sqliteStore`, with the SQL client kept in the layer's output. */
export const sqliteSqlStore = (options: Omit<Sqlite.SqliteOptions, "filename"> = {}): SqlStoreLayer =>
  Layer.unwrapScoped(
    Effect.map(tempDir, (dir) => Sqlite.layer({ ...options, filename: path.join(dir, "dugnad.db") }))
  )

/** `postgresStore`, with the SQL client kept in the layer's output. */
export const postgresSqlStore = (): SqlStoreLayer =>
  Layer.unwrapScoped(Effect.map(freshPostgresDatabase, ({ url }) => Postgres.layer({ url })))

/**
 * Two processes on one database: a fresh SQLite file in a temp dir, and two independent store
 * layers on it, each with its own connection. The file is removed when the scope closes.
 */
export const sqliteStorePair = (
  options: Omit<Sqlite.SqliteOptions, "filename"> = {}
): Effect.Effect<readonly [SqlStoreLayer, SqlStoreLayer], never, Scope.Scope> =>
  Effect.map(tempDir, (dir) => {
    const filename = path.join(dir, "dugnad.db")
    return [Sqlite.layer({ ...options, filename }), Sqlite.layer({ ...options, filename })] as const
  })

/**
 * Two processes on one database: a fresh PostgreSQL database, and two independent store layers on
 * it, each with its own connection pool. The database is dropped when the scope closes, so build
 * both layers in that scope (or an inner one).
 */
export const postgresStorePair = (): Effect.Effect<readonly [SqlStoreLayer, SqlStoreLayer], never, Scope.Scope> =>
  Effect.map(freshPostgresDatabase, ({ url }) => [Postgres.layer({ url }), Postgres.layer({ url })] as const)

/** Runs an effect as if `millis` had passed, without waiting (the stores read time from `Clock`). */
export const later = (millis: number) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Effect.clock, (clock) => {
    const shifted: Clock.Clock = {
      [Clock.ClockTypeId]: Clock.ClockTypeId,
      sleep: (duration) => clock.sleep(duration),
      unsafeCurrentTimeMillis: () => clock.unsafeCurrentTimeMillis() + millis,
      currentTimeMillis: Effect.map(clock.currentTimeMillis, (now) => now + millis),
      unsafeCurrentTimeNanos: () => clock.unsafeCurrentTimeNanos() + BigInt(millis) * 1_000_000n,
      currentTimeNanos: Effect.map(clock.currentTimeNanos, (now) => now + BigInt(millis) * 1_000_000n)
    }
    return Effect.withClock(effect, shifted)
  })

/**
 * Several processes writing the same streams of one store at once: two on a SQLite file, four on a
 * PostgreSQL database. Each process is `test/crash/writer.ts` (bundled once, or with
 * `DUGNAD_WRITER_LAUNCH=tsx` started with `node --import tsx`); they comment on the same three items, and every fifth command is one they all send under the
 * same command id. Nothing may be lost or recorded twice, and every failure must be a typed
 * `VersionConflict` that outlived the command layer's retries: any other error fails the test.
 */
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import * as SqlClient from "@effect/sql/SqlClient"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Scope from "effect/Scope"
import type { Directory } from "../src/Directory.js"
import type { StoreUnavailable } from "../src/Errors.js"
import type { EventStore } from "../src/EventStore.js"
import * as Postgres from "../src/Postgres.js"
import * as Sqlite from "../src/Sqlite.js"
import {
  inspectLog,
  type Launcher,
  type LogReport,
  startWriter,
  within,
  writerLauncher,
  type WriterProcess
} from "./crash/harness.js"
import { ensureTeam, hotItems, workspace } from "./crash/workload.js"
import { checkPostgres, freshPostgresDatabase } from "./utils/stores.js"

const sharedEvery = 5

let launcher: Launcher

beforeAll(async () => {
  launcher = await writerLauncher()
}, 60_000)

afterAll(async () => {
  await launcher?.dispose()
})

type Store = Layer.Layer<Directory | EventStore | SqlClient.SqlClient, StoreUnavailable>

/**
 * Starts one writer per seed; while they load, migrates and seeds the store here (so the writers
 * race on appends, not on setting up); lets them all go at once, waits for them to finish, and
 * reads the log.
 */
const writeConcurrently = async (target: string, store: () => Store, seeds: ReadonlyArray<string>, count: number) => {
  const writers = seeds.map((seed) => startWriter(launcher, target, seed, { count, sharedEvery, waitGo: true }))
  try {
    await Effect.runPromise(Effect.provide(ensureTeam, store()))
    await within(60_000, "the writers loading", Promise.all(writers.map((writer) => writer.loaded)))
    for (const writer of writers) writer.go()
    const exits = await within(
      120_000,
      `the writers finishing: ${writers.map((writer) => writer.describe()).join("\n")}`,
      Promise.all(writers.map((writer) => writer.closed))
    )
    exits.forEach((exit, index) => assert.strictEqual(exit.code, 0, writers[index]!.describe()))
  } finally {
    for (const writer of writers) writer.kill()
  }
  const report = await Effect.runPromise(Effect.provide(inspectLog(workspace), store()))
  return { writers, report }
}

/** Hot-stream neighbours written by different writers: proof the writers really took turns. */
const interleavings = (report: LogReport) => {
  let switches = 0
  for (const item of hotItems) {
    const writers = (report.commandsByStream.get(item) ?? []).map((id) => id.split("-")[0])
    for (let index = 1; index < writers.length; index++) if (writers[index] !== writers[index - 1]) switches++
  }
  return switches
}

/** No lost update, no duplicate, no phantom, only typed conflicts; prints the writers' counts. */
const checkOutcome = (label: string, writers: ReadonlyArray<WriterProcess>, report: LogReport, count: number) => {
  const summaries = writers.map((writer) => ({ seed: writer.seed, ...writer.summary() }))
  const switches = interleavings(report)
  console.log(`${label}: ${JSON.stringify({ writers: summaries, events: report.events, interleavings: switches })}`)
  for (const writer of writers) {
    const summary = writer.summary()
    assert.isDefined(summary, writer.describe())
    assert.deepStrictEqual(writer.errors, [], `errors other than a typed VersionConflict: ${writer.describe()}`)
    assert.strictEqual(summary!.otherErrors, 0, writer.describe())
    assert.strictEqual(summary!.acked + summary!.conflicts, count, `commands unaccounted for: ${writer.describe()}`)
    assert.strictEqual(writer.acks.length, summary!.acked, writer.describe())
  }
  assert.deepStrictEqual(report.problems, [], `the log is inconsistent (${label})`)

  const acked = new Set(writers.flatMap((writer) => writer.acks))
  for (const id of acked) {
    assert.strictEqual(report.eventsByCommand.get(id), 1, `acknowledged ${id} is in the log ${report.eventsByCommand.get(id) ?? 0} times`)
  }
  // Nobody was killed, so whatever is in the log someone was told about: a command reported as a
  // conflict left nothing behind.
  for (const id of report.eventsByCommand.keys()) {
    if (!id.startsWith("setup-")) assert.isTrue(acked.has(id), `${id} is in the log, but no writer acknowledged it`)
  }
  // A command id all writers sent: recorded by one of them, replayed to the others.
  for (const id of acked) {
    if (!id.startsWith("shared-")) continue
    const fresh = writers.filter((writer) => writer.acks.includes(id) && !writer.replayedAcks.includes(id)).length
    assert.strictEqual(fresh, 1, `${id} was recorded fresh by ${fresh} writers`)
  }
  assert.isAbove(switches, 0, "the writers never interleaved on a shared stream: they did not run concurrently")
}

describe("Concurrency: SQLite", () => {
  it(
    "GIVEN two writer processes on one SQLite file WHEN both append to the same streams at once THEN no update is lost or duplicated, versions stay contiguous and every failure is a typed VersionConflict",
    async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "dugnad-concurrency-"))
      try {
        const filename = path.join(dir, "shared.db")
        const count = 200
        const store = () => Sqlite.layer({ filename })
        const { report, writers } = await writeConcurrently(filename, store, ["a", "b"], count)
        checkOutcome("SQLite, 2 writers", writers, report, count)
        const integrity = await Effect.runPromise(
          Effect.provide(Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe("PRAGMA integrity_check")), store())
        )
        assert.deepStrictEqual(integrity, [{ integrity_check: "ok" }])
      } finally {
        await fs.rm(dir, { recursive: true, force: true })
      }
    },
    180_000
  )
})

describe.runIf(checkPostgres("Concurrency: PostgreSQL"))("Concurrency: PostgreSQL", () => {
  it(
    "GIVEN four writer processes on one PostgreSQL database WHEN all append to the same streams at once THEN no update is lost or duplicated, versions stay contiguous and every failure is a typed VersionConflict",
    async () => {
      const scope = Effect.runSync(Scope.make())
      try {
        const { url } = await Effect.runPromise(Scope.extend(freshPostgresDatabase, scope))
        const count = 50
        const store = () => Postgres.layer({ url, maxConnections: 2 })
        const { report, writers } = await writeConcurrently(Redacted.value(url), store, ["a", "b", "c", "d"], count)
        checkOutcome("PostgreSQL, 4 writers", writers, report, count)
      } finally {
        await Effect.runPromise(Scope.close(scope, Exit.void))
      }
    },
    180_000
  )
})

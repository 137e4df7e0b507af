/**
 * Crash safety of the SQLite store (`synchronous = FULL`): a writer process is SIGKILLed at random
 * moments, again and again on the same file, and after every kill the file must hold every command
 * the writer acknowledged, with no gaps and no half-written command, pass `PRAGMA integrity_check`,
 * and take the interrupted command again without recording it twice.
 *
 * `DUGNAD_CRASH_RUNS` sets the number of runs (default 50). Writers are `test/crash/writer.ts`,
 * bundled once so each starts in half a second; `DUGNAD_WRITER_LAUNCH=tsx` starts every one through
 * `node --import tsx` instead (slower: allow 2–3 s per run).
 */
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import * as SqlClient from "@effect/sql/SqlClient"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Commands from "../src/Commands.js"
import { EventStore } from "../src/EventStore.js"
import { CommandId } from "../src/Ids.js"
import * as Sqlite from "../src/Sqlite.js"
import {
  inspectLog,
  type Launcher,
  sleep,
  startWriter,
  within,
  writerLauncher,
  type WriterProcess
} from "./crash/harness.js"
import { commandIdOf, envelopeFor, workspace } from "./crash/workload.js"

const runs = Math.max(1, Number(process.env["DUGNAD_CRASH_RUNS"] ?? 50) || 50)
/** Kills while the first writers are still opening, migrating and seeding, before the measured runs. */
const earlyRuns = 3

let launcher: Launcher
let dir: string

beforeAll(async () => {
  launcher = await writerLauncher()
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "dugnad-crash-"))
}, 60_000)

afterAll(async () => {
  await launcher?.dispose()
  if (dir !== undefined) await fs.rm(dir, { recursive: true, force: true })
})

interface Run {
  readonly seed: string
  /** Kill this long after the writer was ready (or, for the early runs, after it was told to go). */
  readonly delay: number
  readonly from: "go" | "ready"
}

const randomBetween = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1))

/** What the file holds after a kill, read before anything is written to it. */
const inspectAfterKill = (acks: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const store = yield* EventStore
    const integrity = (yield* sql.unsafe<{ readonly integrity_check: string }>("PRAGMA integrity_check"))
      .map((row) => row.integrity_check)
    const report = yield* inspectLog(workspace)
    const lost: Array<string> = []
    for (const id of acks) {
      if ((yield* store.eventsOfCommand(workspace, CommandId.make(id))).length === 0) lost.push(id)
    }
    return { integrity, report, lost }
  })

/** Sends the command that was in flight when the writer died, twice, and reads what it recorded. */
const resendInFlight = (seed: string, n: number) =>
  Effect.gen(function*() {
    const store = yield* EventStore
    const envelope = envelopeFor(seed, n)
    const before = yield* store.eventsOfCommand(workspace, envelope.commandId)
    const first = yield* Commands.handle(envelope)
    const again = yield* Commands.handle(envelope)
    const after = yield* store.eventsOfCommand(workspace, envelope.commandId)
    // The writer sends one command at a time: the one after the interrupted one never started.
    const beyond = yield* store.eventsOfCommand(workspace, commandIdOf(seed, n + 1))
    return { envelope, before, first, again, after, beyond }
  })

describe("Crash safety: SQLite (synchronous = FULL)", () => {
  it(
    `GIVEN a writer process appending commands to one SQLite file WHEN it is SIGKILLed 30–400 ms into writing, ${runs} times over THEN every acknowledged command is in the log, stream versions have no gaps, the file passes integrity_check and re-sending the interrupted command never records it twice`,
    async () => {
      const filename = path.join(dir, "crash.db")
      const plan: Array<Run> = [
        ...Array.from({ length: earlyRuns }, (_, i): Run => ({ seed: `e${i}`, delay: randomBetween(0, 80), from: "go" })),
        ...Array.from({ length: runs }, (_, i): Run => ({ seed: `r${i}`, delay: randomBetween(30, 400), from: "ready" }))
      ]
      const stats = {
        launcher: launcher.name,
        runs: 0,
        earlyRuns: 0,
        acks: 0,
        fewestAcks: Infinity,
        mostAcks: 0,
        inFlightAlreadyRecorded: 0,
        inFlightRecordedOnResend: 0,
        events: 0,
        streams: 0,
        millis: 0
      }
      const started = Date.now()
      const start = (run: Run) => startWriter(launcher, filename, run.seed, { waitGo: true })
      let next: WriterProcess | undefined = start(plan[0]!)
      let current: WriterProcess | undefined
      try {
        for (const [index, run] of plan.entries()) {
          const writer: WriterProcess = next!
          current = writer
          const context = () => `run ${index} (seed ${run.seed}, kill ${run.delay} ms after ${run.from}); ${writer.describe()}`
          await within(60_000, `loading ${context()}`, writer.loaded)
          writer.go()
          // The next writer loads while this one writes; it touches the file only once told to go.
          next = plan[index + 1] === undefined ? undefined : start(plan[index + 1]!)
          if (run.from === "ready") await within(30_000, `opening the store, ${context()}`, writer.ready)
          await sleep(run.delay)
          writer.kill()
          const { signal } = await within(10_000, `exit after SIGKILL, ${context()}`, writer.closed)
          assert.strictEqual(signal, "SIGKILL", `the writer ended on its own: ${context()}`)
          assert.deepStrictEqual(writer.errors, [], `the writer reported errors: ${context()}`)
          // One writer, one command at a time: its acks are its commands 0..k, in order.
          assert.deepStrictEqual(
            writer.acks,
            writer.acks.map((_, n) => commandIdOf(run.seed, n)),
            `acks out of order: ${context()}`
          )

          const store = Sqlite.layer({ filename })
          const { integrity, lost, report } = await Effect.runPromise(Effect.provide(inspectAfterKill(writer.acks), store))
          assert.deepStrictEqual(integrity, ["ok"], `PRAGMA integrity_check: ${context()}`)
          assert.deepStrictEqual(lost, [], `acknowledged commands missing from the log: ${context()}`)
          assert.deepStrictEqual(report.problems, [], `the log is inconsistent: ${context()}`)
          for (const id of writer.acks) {
            assert.strictEqual(report.eventsByCommand.get(id), 1, `${id} recorded more than once: ${context()}`)
          }

          if (writer.isReady()) {
            const n = writer.acks.length
            const { again, after, before, beyond, first } = await Effect.runPromise(
              Effect.provide(resendInFlight(run.seed, n), store)
            )
            const what = `re-sending ${commandIdOf(run.seed, n)}: ${context()}`
            if (before.length > 0) {
              stats.inFlightAlreadyRecorded++
              assert.isTrue(first.replayed, `recorded before the kill, yet not replayed; ${what}`)
              assert.deepStrictEqual(first.events, before, what)
              assert.deepStrictEqual(after, before, what)
            } else {
              stats.inFlightRecordedOnResend++
              assert.isFalse(first.replayed, what)
              assert.deepStrictEqual(first.events.map((entry) => entry.position), after.map((entry) => entry.position), what)
            }
            assert.strictEqual(after.length, 1, `recorded ${after.length} times; ${what}`)
            assert.isTrue(again.replayed, what)
            assert.deepStrictEqual(again.events, after, what)
            assert.deepStrictEqual(beyond, [], `the command after the interrupted one is in the log; ${what}`)
          } else {
            assert.deepStrictEqual(writer.acks, [], context())
          }

          if (run.from === "go") stats.earlyRuns++
          else {
            stats.runs++
            stats.fewestAcks = Math.min(stats.fewestAcks, writer.acks.length)
            stats.mostAcks = Math.max(stats.mostAcks, writer.acks.length)
          }
          stats.acks += writer.acks.length
          stats.events = report.events
          stats.streams = report.streams.size
        }
      } finally {
        // A failed run must not leave a writer behind, writing forever.
        current?.kill()
        next?.kill()
      }
      const final = await Effect.runPromise(
        Effect.provide(inspectAfterKill([]), Sqlite.layer({ filename }))
      )
      assert.deepStrictEqual(final.integrity, ["ok"])
      assert.deepStrictEqual(final.report.problems, [])
      stats.events = final.report.events
      stats.streams = final.report.streams.size
      stats.millis = Date.now() - started
      console.log(`crash runs: ${JSON.stringify(stats)}`)
      assert.strictEqual(stats.runs, runs)
      assert.isAbove(stats.acks, 0, "no run acknowledged anything: the kills came too early to test much")
    },
    120_000 + runs * 5_000
  )
})

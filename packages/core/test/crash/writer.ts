/**
 * A writer in its own process, for the crash and concurrency tests:
 *
 *     node --import tsx test/crash/writer.ts <sqlite-file | postgres://…> <seed> [options]
 *
 * It opens the store (SQLite, `synchronous = FULL`, or PostgreSQL), seeds the team where missing,
 * then sends `envelopeFor(seed, 0)`, `envelopeFor(seed, 1)`, … through `Commands.handle`, one at a
 * time. Options:
 *
 * - `--count N`: stop after N commands (default: run until killed), then print a summary.
 * - `--shared-every K`: every K-th command is `sharedEnvelope(k)`, which the other writers send too.
 * - `--wait-go`: load everything, print `loaded`, and open the store only once stdin says `go`
 *   (so a test can start the process early and the writers together).
 *
 * One line on stdout per event, written synchronously (a line printed is in the pipe even if the
 * process is killed the next instant):
 *
 * - `loaded` (with `--wait-go`), then `ready` once the store is open and the team seeded;
 * - `ack <commandId> fresh|replayed`, only after `Commands.handle` returned successfully;
 * - `conflict <commandId>`: a typed `VersionConflict` that outlived the command layer's retries;
 * - `error <commandId> <detail>`: anything else (a typed error or a defect); the tests expect none;
 * - `summary <json>` at the end of a counted run; `fatal <detail>` if the store would not open.
 */
import * as readline from "node:readline"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Commands from "../../src/Commands.js"
import type { Directory } from "../../src/Directory.js"
import type { StoreUnavailable } from "../../src/Errors.js"
import type { EventStore } from "../../src/EventStore.js"
import { envelopeFor, ensureTeam, sharedEnvelope } from "./workload.js"
import { emit, firstLine } from "./childOutput.js"


const usage = "usage: writer.ts <sqlite-file | postgres://…> <seed> [--count N] [--shared-every K] [--wait-go]"
const [target, seed, ...rest] = process.argv.slice(2)
if (target === undefined || seed === undefined) {
  emit(`fatal ${usage}`)
  process.exit(2)
}
const option = (name: string): number | undefined => {
  const index = rest.indexOf(name)
  if (index < 0) return undefined
  const value = Number(rest[index + 1])
  if (!Number.isSafeInteger(value) || value <= 0) {
    emit(`fatal ${name} needs a positive integer; ${usage}`)
    process.exit(2)
  }
  return value
}
const count = option("--count")
const sharedEvery = option("--shared-every")
const isPostgres = /^postgres(ql)?:\/\//.test(target)

type StoreLayer = Layer.Layer<Directory | EventStore, StoreUnavailable>
const store: StoreLayer = isPostgres
  ? (await import("../../src/Postgres.js")).layer({ url: Redacted.make(target), maxConnections: 4 })
  : (await import("../../src/Sqlite.js")).layer({ filename: target })

if (rest.includes("--wait-go")) {
  emit("loaded")
  const lines = readline.createInterface({ input: process.stdin })
  for await (const line of lines) if (line.trim() === "go") break
  lines.close()
  process.stdin.destroy()
}

const counts = { acked: 0, replayed: 0, conflicts: 0, otherErrors: 0 }
const started = Date.now()

const program = Effect.gen(function*() {
  yield* ensureTeam
  emit("ready")
  for (let n = 0; count === undefined || n < count; n++) {
    const envelope = sharedEvery !== undefined && n % sharedEvery === sharedEvery - 1
      ? sharedEnvelope(Math.floor(n / sharedEvery))
      : envelopeFor(seed, n)
    const exit = yield* Effect.exit(Commands.handle(envelope))
    if (Exit.isSuccess(exit)) {
      counts.acked++
      if (exit.value.replayed) counts.replayed++
      emit(`ack ${envelope.commandId} ${exit.value.replayed ? "replayed" : "fresh"}`)
      continue
    }
    const failure = Cause.failureOption(exit.cause)
    if (Option.isSome(failure) && failure.value._tag === "VersionConflict") {
      counts.conflicts++
      emit(`conflict ${envelope.commandId}`)
    } else {
      counts.otherErrors++
      emit(`error ${envelope.commandId} ${firstLine(exit.cause)}`)
      process.stderr.write(`${envelope.commandId}: ${Cause.pretty(exit.cause)}\n`)
    }
  }
})

const exit = await Effect.runPromiseExit(Effect.provide(program, store))
if (Exit.isFailure(exit)) {
  emit(`fatal ${firstLine(exit.cause)}`)
  process.stderr.write(`${Cause.pretty(exit.cause)}\n`)
  process.exit(1)
}
emit(`summary ${JSON.stringify({ ...counts, millis: Date.now() - started })}`)

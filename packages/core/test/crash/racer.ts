/**
 * A child process for the SQLite race tests (`SqliteRaces.test.ts`), in the line protocol of
 * `writer.ts` so `harness.ts` can start it and read it:
 *
 *     node racer.mjs <open | members> <sqlite-file> <seed> [--count N] [--wait-go]
 *
 * - `open`: opens the store (creating and migrating the file if it is new), then makes a directory
 *   write (its own workspace `race-<seed>` and a member in it) and an append (a new idea there).
 *   Many of these started together on one new file race on the migrations.
 * - `members`: in the workspace `races` (which the test has created, with a member holding the
 *   handle `taken`), upserts its own members under its own handles, `--count` times in turn
 *   (`raceWorkload.ts`); every tenth time it instead tries to put a member of its own under the
 *   taken handle, which must fail with `HandleTaken`.
 *
 * Lines on stdout: `loaded` (with `--wait-go`, before the store is opened), `ready` once the store is
 * open, `ack <id> fresh` for every successful write, `ack <id> taken` for every expected
 * `HandleTaken`, `error <id> <detail>` for anything else, `summary <json>` at the end (the
 * `writer.ts` counts, and the wall-clock `from` and `to` of
 * the run), or `fatal <detail>` if the store would not open.
 */
import * as readline from "node:readline"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Commands from "../../src/Commands.js"
import { Directory } from "../../src/Directory.js"
import { CommandId, MemberId, WorkspaceId } from "../../src/Ids.js"
import { ItemCommand } from "../../src/ItemCommand.js"
import { Member, Workspace } from "../../src/Member.js"
import * as Sqlite from "../../src/Sqlite.js"
import { membersWorkspace, ownMember, takenHandle, thiefEvery } from "./raceWorkload.js"
import { emit, firstLine } from "./childOutput.js"


const counts = { acked: 0, replayed: 0, conflicts: 0, otherErrors: 0 }

/** Runs one step and reports it: `ack` on success, `error` (with the whole cause on stderr) otherwise. */
const step = <A, E, R>(id: string, effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Effect.exit(effect), (exit) =>
    Effect.sync(() => {
      if (Exit.isSuccess(exit)) {
        counts.acked++
        emit(`ack ${id} fresh`)
      } else {
        counts.otherErrors++
        emit(`error ${id} ${firstLine(exit.cause)}`)
        process.stderr.write(`${id}: ${Cause.pretty(exit.cause)}\n`)
      }
    }))

const openAndWrite = (seed: string) =>
  Effect.gen(function*() {
    const directory = yield* Directory
    const workspace = WorkspaceId.make(`race-${seed}`)
    const actor = MemberId.make(`${seed}-ola`)
    yield* step(
      `${seed}-workspace`,
      directory.createWorkspace(Workspace.make({ id: workspace, name: `Kappløp ${seed}`, locale: "nb", timeZone: "Europe/Oslo" }))
    )
    yield* step(
      `${seed}-member`,
      directory.putMember(
        Member.make({ id: actor, workspaceId: workspace, handle: `ola-${seed}`, name: "Ola", roles: ["member"], fields: [] })
      )
    )
    yield* step(
      `${seed}-idea`,
      Commands.handle({
        workspace,
        commandId: CommandId.make(`${seed}-idea`),
        actor,
        command: ItemCommand.SubmitIdea({ title: `Idé fra ${seed}`, pitch: "Skrevet mens fila ble laget.", goals: [], concerns: [] })
      })
    )
  })

const upsertMembers = (seed: string, count: number) =>
  Effect.gen(function*() {
    const directory = yield* Directory
    for (let n = 0; n < count; n++) {
      if (n % thiefEvery === thiefEvery - 1) {
        const id = `${seed}-thief-${n}`
        const thief = Member.make({
          id: MemberId.make(`${seed}-thief`),
          workspaceId: membersWorkspace,
          handle: `@${takenHandle.toUpperCase()}`,
          name: `${seed} ${n}`,
          roles: ["member"],
          fields: []
        })
        const exit = yield* Effect.exit(directory.putMember(thief))
        const failure = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.failureOption(exit.cause)) : undefined
        if (failure?._tag === "HandleTaken") {
          counts.acked++
          emit(`ack ${id} taken`)
        } else {
          counts.otherErrors++
          emit(`error ${id} ${Exit.isSuccess(exit) ? "took a handle another member holds" : firstLine(exit.cause)}`)
        }
        continue
      }
      yield* step(`${seed}-put-${n}`, directory.putMember(ownMember(seed, n)))
    }
  })

const usage = "usage: racer.ts <open | members> <sqlite-file> <seed> [--count N] [--wait-go]"

const [mode, target, seed, ...rest] = process.argv.slice(2)
if ((mode !== "open" && mode !== "members") || target === undefined || seed === undefined) {
  emit(`fatal ${usage}`)
  process.exit(2)
}
const countIndex = rest.indexOf("--count")
const count = countIndex < 0 ? 100 : Number(rest[countIndex + 1])
if (!Number.isSafeInteger(count) || count <= 0) {
  emit(`fatal --count needs a positive integer; ${usage}`)
  process.exit(2)
}

if (rest.includes("--wait-go")) {
  emit("loaded")
  const lines = readline.createInterface({ input: process.stdin })
  for await (const line of lines) if (line.trim() === "go") break
  lines.close()
  process.stdin.destroy()
}

const started = Date.now()
const program = Effect.zipRight(
  Effect.sync(() => emit("ready")),
  mode === "open" ? openAndWrite(seed) : upsertMembers(seed, count)
)
// Sqlite.layer itself retries when a new file is still locked by another process switching it to WAL.
const exit = await Effect.runPromiseExit(Effect.provide(program, Sqlite.layer({ filename: target })))
if (Exit.isFailure(exit)) {
  emit(`fatal ${firstLine(exit.cause)}`)
  process.stderr.write(`${Cause.pretty(exit.cause)}\n`)
  process.exit(1)
}
const finished = Date.now()
emit(`summary ${JSON.stringify({ ...counts, millis: finished - started, from: started, to: finished })}`)

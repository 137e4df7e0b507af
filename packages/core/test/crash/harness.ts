/**
 * Starting writer processes (`writer.ts`) and reading what they say, and checking a store's log
 * afterwards, for the crash and concurrency tests.
 */
import { type ChildProcess, spawn } from "node:child_process"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as readline from "node:readline"
import { fileURLToPath } from "node:url"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import { notificationId } from "../../src/Notification.js"
import type { ItemId, WorkspaceId } from "../../src/Ids.js"

const here = path.dirname(fileURLToPath(import.meta.url))
export const writerSource = path.join(here, "writer.ts")
/** The child process of the SQLite race tests. */
export const racerSource = path.join(here, "racer.ts")
const repoRoot = path.resolve(here, "../../../..")

/** How to start a writer: a command and the arguments before the writer's own. */
export interface Launcher {
  readonly name: string
  readonly command: string
  readonly args: ReadonlyArray<string>
  readonly dispose: () => Promise<void>
}

/** `node --import tsx <source>`: a child script as written. About 2–3 s to start on a small machine. */
export const tsxLauncherFor = (source: string): Launcher => ({
  name: "tsx",
  command: process.execPath,
  args: ["--import", "tsx", source],
  dispose: async () => {}
})

/** `node --import tsx writer.ts`: the writer as written. */
export const tsxLauncher: Launcher = tsxLauncherFor(writerSource)

/**
 * The same `writer.ts` (or another child script, `source`), bundled once with esbuild (the compiler
 * tsx itself runs on) and started with plain `node`: about half a second to start instead of two or
 * three, which is what makes dozens of kill-and-restart runs fit in a test. The drivers stay
 * external, loaded from `node_modules`. Falls back to {@link tsxLauncherFor} where esbuild cannot be
 * loaded.
 */
export const bundledLauncher = async (source: string = writerSource): Promise<Launcher> => {
  let esbuild: typeof import("esbuild")
  try {
    esbuild = await import("esbuild")
  } catch {
    return tsxLauncherFor(source)
  }
  // Inside the repository, so the external drivers resolve from its node_modules.
  const cache = path.join(repoRoot, "node_modules", ".cache")
  await fs.mkdir(cache, { recursive: true })
  const dir = await fs.mkdtemp(path.join(cache, "dugnad-writer-"))
  const outfile = path.join(dir, `${path.basename(source, ".ts")}.mjs`)
  await esbuild.build({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: ["better-sqlite3", "pg", "pg-native"],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: "error"
  })
  return {
    name: `node (bundled ${path.basename(source)})`,
    command: process.execPath,
    args: [outfile],
    dispose: () => fs.rm(dir, { recursive: true, force: true })
  }
}

/**
 * The launcher the tests use: the bundled writer (or another child script, `source`), or with
 * `DUGNAD_WRITER_LAUNCH=tsx` every one through `node --import tsx` (allow 2–3 s more per process).
 */
export const writerLauncher = (source: string = writerSource): Promise<Launcher> =>
  process.env["DUGNAD_WRITER_LAUNCH"] === "tsx" ? Promise.resolve(tsxLauncherFor(source)) : bundledLauncher(source)

export interface WriterOptions {
  readonly count?: number
  readonly sharedEvery?: number
  /** Start now, open the store only on {@link WriterProcess.go}. */
  readonly waitGo?: boolean
}

export interface WriterSummary {
  readonly acked: number
  readonly replayed: number
  readonly conflicts: number
  readonly otherErrors: number
  readonly millis: number
}

export interface WriterProcess {
  readonly seed: string
  readonly child: ChildProcess
  /** Acknowledged command ids, in the order they were acknowledged. */
  readonly acks: Array<string>
  readonly replayedAcks: Array<string>
  readonly conflicts: Array<string>
  /** Whole `error …` and `fatal …` lines. */
  readonly errors: Array<string>
  readonly summary: () => WriterSummary | undefined
  readonly stderr: () => string
  readonly loaded: Promise<void>
  readonly ready: Promise<void>
  readonly closed: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>
  readonly isReady: () => boolean
  readonly go: () => void
  readonly kill: () => void
  /** For failure messages: the seed, the last lines and stderr. */
  readonly describe: () => string
}

export const startWriter = (
  launcher: Launcher,
  target: string,
  seed: string,
  options: WriterOptions = {}
): WriterProcess => {
  const args = [...launcher.args, target, seed]
  if (options.count !== undefined) args.push("--count", String(options.count))
  if (options.sharedEvery !== undefined) args.push("--shared-every", String(options.sharedEvery))
  if (options.waitGo === true) args.push("--wait-go")
  const child = spawn(launcher.command, args, {
    cwd: repoRoot,
    stdio: [options.waitGo === true ? "pipe" : "ignore", "pipe", "pipe"]
  })
  const acks: Array<string> = []
  const replayedAcks: Array<string> = []
  const conflicts: Array<string> = []
  const errors: Array<string> = []
  const tail: Array<string> = []
  let summary: WriterSummary | undefined
  let stderr = ""
  let ready = false
  // A writer that died before `go` must not take the test process down with an EPIPE.
  child.stdin?.on("error", () => {})
  child.stderr!.setEncoding("utf8")
  child.stderr!.on("data", (chunk: string) => {
    stderr += chunk
  })
  const describe = () =>
    `writer ${seed} (${launcher.name}): ${acks.length} acks; last lines:\n  ${tail.join("\n  ")}\n` +
    `stderr:\n${stderr.slice(-4_000)}`

  let onLoaded = () => {}
  let onReady = () => {}
  let onEarlyClose = (_: Error) => {}
  const loaded = new Promise<void>((resolve, reject) => {
    onLoaded = resolve
    child.once("close", () => reject(new Error(`exited before it was loaded; ${describe()}`)))
  })
  const readyPromise = new Promise<void>((resolve, reject) => {
    onReady = resolve
    onEarlyClose = reject
  })
  // Awaited only by some callers; a writer killed before it was ready is not an unhandled error.
  loaded.catch(() => {})
  readyPromise.catch(() => {})

  const lines = readline.createInterface({ input: child.stdout!, crlfDelay: Infinity })
  lines.on("line", (line) => {
    tail.push(line)
    if (tail.length > 12) tail.shift()
    const [kind, id, ...more] = line.split(" ")
    switch (kind) {
      case "loaded":
        onLoaded()
        break
      case "ready":
        ready = true
        onReady()
        break
      case "ack":
        acks.push(id!)
        if (more[0] === "replayed") replayedAcks.push(id!)
        break
      case "conflict":
        conflicts.push(id!)
        break
      case "summary":
        summary = JSON.parse(line.slice("summary ".length)) as WriterSummary
        break
      default:
        errors.push(line)
    }
  })
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("close", (code, signal) => {
      if (!ready) onEarlyClose(new Error(`exited before it was ready (code ${code}, signal ${signal}); ${describe()}`))
      resolve({ code, signal })
    })
  })
  return {
    seed,
    child,
    acks,
    replayedAcks,
    conflicts,
    errors,
    summary: () => summary,
    stderr: () => stderr,
    loaded,
    ready: readyPromise,
    closed,
    isReady: () => ready,
    go: () => {
      child.stdin!.end("go\n")
    },
    kill: () => {
      child.kill("SIGKILL")
    },
    describe
  }
}

/** Rejects after `millis` with `what` in the message, unless `promise` settles first. */
export const within = <A>(millis: number, what: string, promise: Promise<A>): Promise<A> => {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${millis} ms: ${what}`)), millis)
    })
  ]).finally(() => clearTimeout(timer))
}

export const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis))

/** What a store's log looks like, read straight from its tables, and everything wrong with it. */
export interface LogReport {
  readonly events: number
  readonly commands: number
  /** Events per stream. */
  readonly streams: ReadonlyMap<string, number>
  /** Events per command id. */
  readonly eventsByCommand: ReadonlyMap<string, number>
  /** Command ids per stream, in version order. */
  readonly commandsByStream: ReadonlyMap<string, ReadonlyArray<string>>
  readonly outbox: number
  /** Gaps, positions out of order, half-written commands, orphaned or missing notifications, stale read models. */
  readonly problems: ReadonlyArray<string>
}

interface EventRow {
  readonly position: number | string
  readonly stream: string
  readonly version: number | string
  readonly command_id: string
  readonly type: string
}

/**
 * Reads the workspace's events, command ids and outbox and checks the log's invariants: per stream,
 * versions 1..n in position order; positions strictly increasing; every command id with events and
 * every event with its command id (nothing half-written); every notification belonging to a
 * recorded event, and every new idea with its notification (outbox rows commit with their events);
 * every item's read model at its stream's version, and the read-model checkpoint at the last
 * position (read models commit with their events too).
 */
export const inspectLog = (workspace: WorkspaceId) =>
  Effect.gen(function*() {
    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql<EventRow>`SELECT position, stream, version, command_id, type FROM dugnad_events
      WHERE workspace = ${workspace} ORDER BY position`
    const commandRows = yield* sql<{ readonly command_id: string }>`SELECT command_id FROM dugnad_commands
      WHERE workspace = ${workspace}`
    const outboxRows = yield* sql<{ readonly id: string }>`SELECT id FROM dugnad_outbox WHERE workspace = ${workspace}`
    const itemRows = yield* sql<{ readonly item: string; readonly version: number | string }>`SELECT item, version
      FROM dugnad_items WHERE workspace = ${workspace}`
    const [checkpoint] = yield* sql<{ readonly position: number | string }>`SELECT position FROM dugnad_checkpoints
      WHERE name = 'read-models'`
    const [last] = yield* sql<{ readonly position: number | string | null }>`SELECT MAX(position) AS position
      FROM dugnad_events`
    const problems: Array<string> = []
    const note = (problem: string) => {
      if (problems.length < 20) problems.push(problem)
    }
    const streams = new Map<string, number>()
    const commandsByStream = new Map<string, Array<string>>()
    const eventsByCommand = new Map<string, number>()
    const eventIds = new Set<string>()
    const ideas: Array<string> = []
    let previous = -Infinity
    for (const row of rows) {
      const position = Number(row.position)
      const version = Number(row.version)
      if (!(position > previous)) note(`position ${position} follows ${previous}`)
      previous = position
      const expected = (streams.get(row.stream) ?? 0) + 1
      if (version !== expected) note(`stream ${row.stream}: version ${version} at position ${position}, expected ${expected}`)
      streams.set(row.stream, Math.max(version, expected))
      const ofStream = commandsByStream.get(row.stream) ?? []
      ofStream.push(row.command_id)
      commandsByStream.set(row.stream, ofStream)
      eventsByCommand.set(row.command_id, (eventsByCommand.get(row.command_id) ?? 0) + 1)
      const id = notificationId(workspace, row.stream as ItemId, version)
      eventIds.add(id)
      if (row.type === "IdeaSubmitted") ideas.push(id)
    }
    const commands = new Set(commandRows.map((row) => row.command_id))
    for (const command of commands) if (!eventsByCommand.has(command)) note(`command ${command} is recorded without events`)
    for (const command of eventsByCommand.keys()) if (!commands.has(command)) note(`events of ${command} without its command id`)
    const outbox = new Set(outboxRows.map((row) => row.id))
    for (const id of outbox) if (!eventIds.has(id)) note(`notification ${id} without its event`)
    for (const id of ideas) if (!outbox.has(id)) note(`new idea ${id} without its notification`)
    const items = new Map(itemRows.map((row) => [row.item, Number(row.version)]))
    for (const [stream, version] of streams) {
      if (items.get(stream) !== version) note(`read model of ${stream} at version ${items.get(stream)}, log at ${version}`)
    }
    for (const item of items.keys()) if (!streams.has(item)) note(`read model of ${item} without events`)
    if (Number(checkpoint?.position ?? 0) !== Number(last?.position ?? 0)) {
      note(`read-model checkpoint ${checkpoint?.position} but the last position is ${last?.position}`)
    }
    return {
      events: rows.length,
      commands: commands.size,
      streams,
      eventsByCommand,
      commandsByStream,
      outbox: outbox.size,
      problems
    } satisfies LogReport
  })

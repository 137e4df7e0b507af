/**
 * The SQL stores under load, each number next to a baseline measured in the same run:
 *
 * 1. Single-command appends through the whole command path (`Commands.handle`, a Comment on an
 *    existing item, awaited one at a time) on SQLite with `synchronous = FULL` and `NORMAL`, against
 *    raw better-sqlite3 running the same SQL as prepared statements with the same pragmas (the
 *    command path's two reads and its one-statement append; also the append statement alone), and
 *    for FULL against an fdatasync floor.
 * 2. The same command path on PostgreSQL with 8 concurrent writers (8 fibers, each on its own
 *    items, one `Postgres.layer` with a pool of 10): commands/s and p50/p99 latency, next to raw
 *    `pg` clients running the same append SQL.
 * 3. Stream rehydration: `EventStore.readStream` + `Workflow.fold` of one 100-event item, p50/p99,
 *    on SQLite and PostgreSQL.
 * 4. Projection rebuild: `ReadModel.rebuild("start")` over ≥ 50,000 valid events on SQLite.
 *
 * Run with `npm run bench -w @dugnad/core` (after the decider bench) or
 * `npx tsx bench/store.bench.ts`: each part runs in a fresh Node process, one after the other.
 * `BENCH_ONLY=sqlite,rehydrate,rebuild,pg` runs only some parts, in this process,
 * `BENCH_ROUNDS` and `BENCH_ROUND_MS` size the append rounds, `BENCH_REBUILD_ITEMS` the rebuild log,
 * `BENCH_PG_ITEMS` the items per PostgreSQL writer (1 = literally one item each). For profiling:
 * `BENCH_CONTENDERS=dugnad-NORMAL` keeps only some contenders of part 1, `BENCH_MARKS=1` prints the
 * clock around timed phases, `BENCH_KEEP_DIR=1` keeps the SQLite files.
 * PostgreSQL is the server at `DUGNAD_TEST_PG` (default `postgres://postgres@127.0.0.1:5432/postgres`);
 * a fresh database is created for the run and dropped afterwards. See bench/README.md.
 */
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as os from "node:os"
import * as path from "node:path"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import pg from "pg"
import type * as SqlClient from "@effect/sql/SqlClient"
import * as Commands from "../src/Commands.js"
import { appendStatement } from "../src/internal/sqliteAppend.js"
import type { Directory } from "../src/Directory.js"
import type { StoreUnavailable } from "../src/Errors.js"
import { EventStore, type StreamAppend } from "../src/EventStore.js"
import { CommandId, ItemId, type ObjectionId, type SuggestionId, type WorkspaceId } from "../src/Ids.js"
import type { ItemState } from "../src/Item.js"
import { ItemCommand } from "../src/ItemCommand.js"
import type { ItemEvent } from "../src/ItemEvent.js"
import type { Actor } from "../src/Member.js"
import type { MeetingStore } from "../src/MeetingStore.js"
import type { Outbox } from "../src/Outbox.js"
import * as Postgres from "../src/Postgres.js"
import { type ItemProjection, project } from "../src/Projection.js"
import { ReadModel } from "../src/ReadModel.js"
import * as Sqlite from "../src/Sqlite.js"
import { pad, PG_ADMIN_URL, runBench, type Verdict, withAdmin } from "./harness.js"
import { decide, fold, initialState } from "../src/Workflow.js"
import { actors, body, ids } from "../test/utils/fixtures.js"
import { seedTeam } from "../test/utils/team.js"

const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 7)
const ROUND_MS = Number(process.env["BENCH_ROUND_MS"] ?? 400)
const REBUILD_ITEMS = Number(process.env["BENCH_REBUILD_ITEMS"] ?? 3000)
const ONLY = process.env["BENCH_ONLY"]?.split(",")
/** e.g. `dugnad-NORMAL,raw-NORMAL`: only these contenders of part 1 (for profiling). */
const CONTENDERS = process.env["BENCH_CONTENDERS"]?.split(",")

/** Items that receive the comments of parts 1 and 2 (round-robin, so streams stay realistic). */
const COMMENT_ITEMS = 1000
const PG_WRITERS = 8
/** Each writer's own items, sent to in turn (so no writer conflicts with another, and streams stay short). */
const PG_ITEMS_PER_WRITER = Number(process.env["BENCH_PG_ITEMS"] ?? 25)
const PG_ROUNDS = 3
const PG_ROUND_MS = 2000
const STREAM_EVENTS = 100
const REHYDRATE_MS = 2000
const REBUILD_MIN_EVENTS = 50_000
const REBUILD_RUNS = 5

const TARGET_RATIO = 0.5
const TARGET_REHYDRATE_P99_MS = 1
const TARGET_REBUILD = 100_000

const part = (name: string) => ONLY === undefined || ONLY.includes(name)

/**
 * With `BENCH_MARKS` set, prints the monotonic clock (µs, the clock `node --cpu-prof` stamps its
 * samples with) around each timed phase, so a profile can be cut down to the timed work.
 */
const mark = (label: string) => {
  if (process.env["BENCH_MARKS"] !== undefined) console.log(`   mark ${label} ${process.hrtime.bigint() / 1000n}`)
}

// =============================================================================================
// Valid workflow events, made with the pure decider
// =============================================================================================

interface Planned {
  readonly actor: Actor
  readonly command: (now: DateTime.Utc) => ItemCommand
}

const advisors = [actors.ingrid, actors.tor] as const
const experts = [actors.per, actors.siri, actors.magnus] as const
const colleague = actors.ola
const metrics = { reach: 1200, impressions: 3400, reactions: 41, comments: 6, shares: 3 }
const highlights = [{ text: "Så bra at dere forteller om dette!", tone: "positive" as const }]

const plan = (actor: Actor, command: ItemCommand | ((now: DateTime.Utc) => ItemCommand)): Planned => ({
  actor,
  command: typeof command === "function" ? command : () => command
})

/** Submitted, accepted, drafted, in review with two experts and a colleague, one comment, one approval. */
const inReview = (n: number): Array<Planned> => {
  const advisor = advisors[n % 2]!
  const e1 = experts[n % 3]!
  const e2 = experts[(n + 1) % 3]!
  return [
    plan(experts[(n + 2) % 3]!, ItemCommand.SubmitIdea({
      title: `Ny fiskerihavn ${n}`,
      pitch: "Havna åpner snart.",
      goals: [ids.goal],
      concerns: [e1.id]
    })),
    plan(advisor, ItemCommand.AcceptIdea()),
    plan(advisor, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body(`Havna ${n} åpner i mai.`) })),
    plan(advisor, (now) =>
      ItemCommand.RequestReview({
        reviewers: [{ member: e1.id, expert: true }, { member: e2.id, expert: true }, {
          member: colleague.id,
          expert: false
        }],
        due: DateTime.add(now, { days: 3 })
      })),
    plan(colleague, ItemCommand.Comment({ text: "Flott sak!" })),
    plan(e1, ItemCommand.ApproveFacts({ revision: 1 }))
  ]
}

/** Approve, publish on two networks, results, share, success, close: 9 events from review. */
const toTheEnd = (n: number, revision: number, suggestion: number): Array<Planned> => {
  const advisor = advisors[n % 2]!
  return [
    plan(colleague, ItemCommand.SuggestFormat({ revision, note: "Kortere tekst på LinkedIn" })),
    plan(advisor, ItemCommand.DecideFormat({
      suggestion: `S${suggestion}` as SuggestionId,
      decision: "declined",
      explanation: "LinkedIn tåler lengre tekst",
      primer: "linkedin-length"
    })),
    plan(advisor, ItemCommand.ApproveForPublication({ revision })),
    plan(advisor, (now) =>
      ItemCommand.RecordPublication({ network: "facebook", url: `https://facebook.com/p/${n}`, publishedAt: now })),
    plan(advisor, (now) =>
      ItemCommand.RecordPublication({ network: "linkedin", url: `https://linkedin.com/p/${n}`, publishedAt: now })),
    plan(advisor, (now) =>
      ItemCommand.RecordResults({ network: "facebook", capturedAt: DateTime.add(now, { days: 2 }), metrics, highlights })),
    plan(advisor, ItemCommand.ShareResults()),
    plan(advisor, ItemCommand.MarkSuccess({ note: "Mange delinger" })),
    plan(advisor, ItemCommand.Close())
  ]
}

/** A fact check that goes round once: objection, new revision, resolved, both experts approve. 6 events. */
const objectionRound = (n: number, revision: number, objection: number): Array<Planned> => {
  const advisor = advisors[n % 2]!
  const e1 = experts[n % 3]!
  const e2 = experts[(n + 1) % 3]!
  return [
    plan(colleague, ItemCommand.Comment({ text: `Runde ${objection}: ser bra ut` })),
    plan(e2, ItemCommand.RaiseObjection({ revision, claim: "Havna åpner i mai", correction: "Den åpner i juni" })),
    plan(advisor, ItemCommand.WriteDraft({
      baseRevision: revision,
      kind: "content",
      body: body(`Havna ${n} åpner i juni (revisjon ${revision + 1}).`)
    })),
    plan(e2, ItemCommand.ResolveObjection({ objection: `O${objection}` as ObjectionId, note: "Rettet" })),
    plan(e1, ItemCommand.ApproveFacts({ revision: revision + 1 })),
    plan(e2, ItemCommand.ApproveFacts({ revision: revision + 1 }))
  ]
}

/** One item's whole life in exactly `STREAM_EVENTS` events, ending Closed. */
const longLife = (n: number): Array<Planned> => {
  const steps = inReview(n).slice(0, 4) // 4 events, revision 1
  let revision = 1
  let rounds = 0
  while (steps.length + 6 + 9 <= STREAM_EVENTS) {
    rounds++
    steps.push(...objectionRound(n, revision, rounds))
    revision++
  }
  while (steps.length + 9 < STREAM_EVENTS) steps.push(plan(experts[n % 3]!, ItemCommand.Comment({ text: "Enig." })))
  return [...steps, ...toTheEnd(n, revision, 1)]
}

/** The rebuild mix: 80 % full life (21 events), 10 % parked then declined, 5 % declined, 5 % withdrawn. */
const mixedLife = (n: number): Array<Planned> => {
  const advisor = advisors[n % 2]!
  const e1 = experts[n % 3]!
  const slot = n % 20
  const submit = plan(n % 4 === 0 ? colleague : experts[(n + 2) % 3]!, ItemCommand.SubmitIdea({
    title: `Idé nummer ${n}`,
    pitch: "Folk bør vite om dette.",
    goals: [ids.goal],
    concerns: [e1.id]
  }))
  if (slot < 2) {
    return [
      submit,
      plan(advisor, ItemCommand.ParkIdea({ reason: "Venter på budsjettet" })),
      plan(advisor, ItemCommand.ReviveIdea()),
      plan(advisor, ItemCommand.ParkIdea({ reason: "Fortsatt uklart" })),
      plan(advisor, ItemCommand.DeclineIdea({ reason: "Ble ikke noe av" }))
    ]
  }
  if (slot === 2) return [submit, plan(advisor, ItemCommand.DeclineIdea({ reason: "Passer ikke nå" }))]
  if (slot === 3) {
    return [
      submit,
      plan(advisor, ItemCommand.AcceptIdea()),
      plan(advisor, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body(`Utkast ${n}`) })),
      plan(advisor, ItemCommand.RequestReview({ reviewers: [{ member: e1.id, expert: true }] })),
      plan(advisor, ItemCommand.Withdraw({ reason: "Saken ble utsatt" }))
    ]
  }
  const round = objectionRound(n, 1, 1)
  return [
    ...inReview(n), // 6
    ...round.slice(1), // objection, revision 2, resolved, both approve: 5
    plan(e1, ItemCommand.Comment({ text: "Klar fra meg." })),
    ...toTheEnd(n, 2, 1) // 9
  ]
}

/** One item's events of one step, and where the item stands after them. */
interface Scripted {
  readonly item: ItemId
  readonly events: ReadonlyArray<ItemEvent>
  readonly version: number
  readonly state: ItemState
}

/**
 * Decides every plan with the pure decider, step by step and item after item at each step (so
 * items are interleaved in the log as on a real board). Every planned command must be accepted.
 */
const decideScript = (
  plans: ReadonlyArray<{ readonly item: ItemId; readonly plan: ReadonlyArray<Planned> }>
): Array<Array<Scripted>> => {
  const t0 = Date.UTC(2026, 2, 2, 9)
  let clock = 0
  const states = plans.map(() => initialState)
  const versions = plans.map(() => 0)
  const longest = Math.max(...plans.map((entry) => entry.plan.length))
  const waves: Array<Array<Scripted>> = []
  for (let step = 0; step < longest; step++) {
    const wave: Array<Scripted> = []
    plans.forEach(({ item, plan }, index) => {
      const planned = plan[step]
      if (planned === undefined) return
      const now = DateTime.unsafeMake(t0 + clock++ * 1000) as DateTime.Utc
      const command = planned.command(now)
      const decision = decide(states[index]!, command, { item, actor: planned.actor, now })
      if (Either.isLeft(decision)) {
        throw new Error(`${item}: step ${step} (${command._tag}) refused: ${JSON.stringify(decision.left)}`)
      }
      if (decision.right.length === 0) throw new Error(`${item}: step ${step} (${command._tag}) changed nothing`)
      states[index] = fold(decision.right, states[index]!)
      versions[index] = versions[index]! + decision.right.length
      wave.push({ item, events: decision.right, version: versions[index]!, state: states[index]! })
    })
    waves.push(wave)
  }
  return waves
}

/**
 * Appends the script with `EventStore.append`, a wave at a time in chunks of streams per append
 * (one transaction each); with the items' read models, or with `projections: []`.
 */
const appendScript = (
  workspace: WorkspaceId,
  waves: ReadonlyArray<ReadonlyArray<Scripted>>,
  options: { readonly tag: string; readonly projections: boolean; readonly chunk?: number }
) =>
  Effect.gen(function*() {
    const store = yield* EventStore
    const chunk = options.chunk ?? 500
    let batch = 0
    let events = 0
    for (const wave of waves) {
      for (let start = 0; start < wave.length; start += chunk) {
        const slice = wave.slice(start, start + chunk)
        const streams: Array<StreamAppend> = slice.map((entry) => ({
          stream: entry.item,
          expectedVersion: entry.version - entry.events.length,
          events: entry.events
        }))
        const projections: Array<ItemProjection> = []
        if (options.projections) {
          for (const entry of slice) {
            const projection = project(workspace, entry.item, entry.state, entry.version, entry.events.at(-1)!.at)
            if (projection !== undefined) projections.push(projection)
          }
        }
        yield* store.append(workspace, {
          commandId: CommandId.make(`${options.tag}-seed-${batch++}`),
          streams,
          notifications: [],
          projections
        })
        events += streams.reduce((sum, stream) => sum + stream.events.length, 0)
      }
    }
    return events
  }).pipe(Effect.orDie)

const itemIds = (prefix: string, count: number) => Array.from({ length: count }, (_, n) => ItemId.make(`${prefix}${n}`))

const seedInReview = (workspace: WorkspaceId, items: ReadonlyArray<ItemId>, tag: string) =>
  appendScript(workspace, decideScript(items.map((item, n) => ({ item, plan: inReview(n) }))), {
    tag,
    projections: true
  })

const longItem = ItemId.make("lang100")
const seedLongItem = (workspace: WorkspaceId) =>
  Effect.gen(function*() {
    const waves = decideScript([{ item: longItem, plan: longLife(7) }])
    const last = waves.at(-1)![0]!
    if (last.version !== STREAM_EVENTS || last.state._tag !== "Closed") {
      throw new Error(`the long item has ${last.version} events and ends ${last.state._tag}`)
    }
    return yield* appendScript(workspace, waves, { tag: "long", projections: true })
  })

// =============================================================================================
// Measuring
// =============================================================================================

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
/** Nearest-rank percentile of an ascending array. */
const percentile = (sorted: ArrayLike<number>, p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
const ascending = (values: ReadonlyArray<number>) => Float64Array.from(values).sort()

const format = (value: number): string => Math.round(value).toLocaleString("en-US")
const ms = (value: number): string => `${value.toFixed(value < 10 ? 3 : 1)} ms`
const cpuMicros = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since)
  return used.user + used.system
}

interface Round {
  readonly ops: number
  readonly seconds: number
  readonly cpuMicros: number
}

/** Repeats `op` until `budget` ms have passed. */
const timeSync = (budget: number, op: () => void): Round => {
  const cpu = process.cpuUsage()
  const start = performance.now()
  let ops = 0
  do {
    op()
    ops++
  } while (performance.now() - start < budget)
  return { ops, seconds: (performance.now() - start) / 1000, cpuMicros: cpuMicros(cpu) }
}

const timeAsync = async (budget: number, op: () => Promise<void>): Promise<Round> => {
  const cpu = process.cpuUsage()
  const start = performance.now()
  let ops = 0
  do {
    await op()
    ops++
  } while (performance.now() - start < budget)
  return { ops, seconds: (performance.now() - start) / 1000, cpuMicros: cpuMicros(cpu) }
}

const verdicts: Array<Verdict> = []

// =============================================================================================
// Raw better-sqlite3: the same SQL statements as one append, in one transaction
// =============================================================================================

interface RawStatement {
  run(...params: Array<unknown>): unknown
  all(...params: Array<unknown>): Array<unknown>
  get(...params: Array<unknown>): unknown
}
interface RawDatabase {
  prepare(sql: string): RawStatement
  pragma(text: string): unknown
  close(): void
}
const requireNative = createRequire(import.meta.url)
const BetterSqlite3 = requireNative("better-sqlite3") as new(filename: string) => RawDatabase

/** What one Comment append writes, copied from a row Dugnad wrote (so payload sizes match). */
interface Payload {
  readonly type: string
  readonly schemaVersion: number
  readonly event: string
  readonly stage: string
  readonly owner: string | null
  readonly summary: string
  readonly notification: string
}

const readPayload = (filename: string, workspace: WorkspaceId, item: ItemId): Payload => {
  const db = new BetterSqlite3(filename)
  try {
    const event = db.prepare(`SELECT type, schema_version, data FROM dugnad_events
      WHERE workspace = ? AND stream = ? AND type = 'CommentAdded' ORDER BY version DESC LIMIT 1`)
      .get(workspace, item) as { type: string; schema_version: number; data: string }
    const summary = db.prepare("SELECT stage, owner, data FROM dugnad_items WHERE workspace = ? AND item = ?")
      .get(workspace, item) as { stage: string; owner: string | null; data: string }
    const outbox = db.prepare("SELECT data FROM dugnad_outbox WHERE workspace = ? ORDER BY seq DESC LIMIT 1")
      .get(workspace) as { data: string }
    return {
      type: event.type,
      schemaVersion: event.schema_version,
      event: event.data,
      stage: summary.stage,
      owner: summary.owner,
      summary: summary.data,
      notification: outbox.data
    }
  } finally {
    db.close()
  }
}

const eventColumns = "position, workspace, stream, version, command_id, type, schema_version, data"

/** A raw appender on its own file, items at version `start`, mirroring `SqlStore.append` statement for statement. */
const rawSqlite = (
  filename: string,
  synchronous: "FULL" | "NORMAL",
  workspace: WorkspaceId,
  items: ReadonlyArray<ItemId>,
  payload: Payload,
  startVersion: number
) => {
  const db = new BetterSqlite3(filename)
  db.pragma("journal_mode = WAL")
  db.pragma("busy_timeout = 5000")
  db.pragma(`synchronous = ${synchronous}`)
  db.pragma("foreign_keys = ON")
  const s = {
    // An append is one statement on SQLite: the request document into the table whose trigger writes.
    append: db.prepare(appendStatement),
    // The reads Commands.handle does before it appends:
    member: db.prepare("SELECT data FROM dugnad_members WHERE workspace = ? AND id = ?"),
    stream: db.prepare(`SELECT ${eventColumns} FROM dugnad_events
      WHERE workspace = ? AND stream = ? ORDER BY version`)
  }
  // The document's fixed parts, serialised once: per append only ids, versions and times change.
  const quoted = (text: string) => JSON.stringify(text)
  const versions = items.map(() => startVersion)
  let sent = 0
  const append = (withReads: boolean) => {
    const index = sent % items.length
    const item = items[index]!
    const commandId = `raw-${synchronous}-${sent++}`
    const version = versions[index]! + 1
    if (withReads) {
      s.member.all(workspace, ids.ola)
      if (s.stream.all(workspace, item).length !== version - 1) throw new Error("raw: unexpected stream length")
    }
    const now = Date.now()
    const document = `{"workspace":${quoted(workspace)},"command":${quoted(commandId)},"now":${now},` +
      `"streams":[{"stream":${quoted(item)},"expected":${version - 1}}],` +
      `"events":[{"stream":${quoted(item)},"version":${version},"type":${quoted(payload.type)},` +
      `"schemaVersion":${payload.schemaVersion},"data":${payload.event}}],` +
      `"items":[{"item":${quoted(item)},"version":${version},"stage":${quoted(payload.stage)},` +
      `"owner":${payload.owner === null ? "null" : quoted(payload.owner)},"updatedAt":${now},"data":${payload.summary}}],` +
      `"goalsOf":[],"goals":[],"postsOf":[],"posts":[],` +
      `"outbox":[{"id":${quoted(`${workspace}/${item}/${version}`)},"data":${payload.notification}}]}`
    const [row] = s.append.all(document) as Array<{ readonly positions: string }>
    if ((JSON.parse(row!.positions) as Array<number>).length !== 1) throw new Error("raw: append not recorded")
    versions[index] = version
  }
  return { append, close: () => db.close() }
}

// =============================================================================================
// 1. SQLite: single-command appends
// =============================================================================================

type StoreRuntime = ManagedRuntime.ManagedRuntime<
  EventStore | Outbox | ReadModel | Directory | MeetingStore | SqlClient.SqlClient,
  StoreUnavailable
>

const openSqlite = (filename: string, synchronous: "FULL" | "NORMAL"): StoreRuntime =>
  ManagedRuntime.make(Sqlite.layer({ filename, synchronous }))

const commentSender = (runtime: StoreRuntime, workspace: WorkspaceId, items: ReadonlyArray<ItemId>, tag: string) => {
  let sent = 0
  return async () => {
    const n = sent++
    const result = await runtime.runPromise(Commands.handle({
      workspace,
      commandId: CommandId.make(`${tag}-${n}`),
      actor: ids.ola,
      item: items[n % items.length]!,
      command: ItemCommand.Comment({ text: `Kommentar ${n}: dette blir bra.` })
    }))
    if (result.events.length !== 1 || result.replayed) throw new Error(`${tag}: unexpected result`)
  }
}

const seedFile = (dir: string) => path.join(dir, "seed.db")

/** A SQLite file with the team and `COMMENT_ITEMS` items in review, made once per run. */
let seeded: WorkspaceId | undefined
const seededFile = async (dir: string): Promise<WorkspaceId> => {
  if (seeded !== undefined) return seeded
  const seeding = openSqlite(seedFile(dir), "NORMAL")
  try {
    seeded = await seeding.runPromise(
      Effect.tap(seedTeam(), (workspace) => seedInReview(workspace, itemIds("c", COMMENT_ITEMS), "c"))
    )
    return seeded
  } finally {
    await seeding.dispose() // closing the last connection checkpoints the WAL into the file
  }
}

const copySeed = (dir: string, to: string) => {
  if (!fs.existsSync(seedFile(dir))) throw new Error("no seed file")
  fs.copyFileSync(seedFile(dir), to)
}

interface Contender {
  readonly name: string
  readonly mode: "FULL" | "NORMAL"
  readonly kind: "dugnad" | "raw" | "sameSql" | "fsync"
  readonly run: (budget: number) => Promise<Round>
  readonly rounds: Array<Round>
}

const sqliteAppends = async (dir: string) => {
  console.log(`\n1. SQLite, one Comment command at a time (files in ${dir})`)
  const items = itemIds("c", COMMENT_ITEMS)
  const contenders: Array<Contender> = []
  const cleanups: Array<() => Promise<void> | void> = []
  try {
    const workspace = await seededFile(dir)
    for (const mode of ["FULL", "NORMAL"] as const) {
      const dugnadFile = path.join(dir, `dugnad-${mode}.db`)
      const rawFile = path.join(dir, `raw-${mode}.db`)
      // All four files are copies of one: same schema and seed (1000 items in review, 6 events each).
      copySeed(dir, dugnadFile)
      copySeed(dir, rawFile)
      const runtime = openSqlite(dugnadFile, mode)
      cleanups.push(() => runtime.dispose())
      const send = commentSender(runtime, workspace, items, `dugnad-${mode}`)
      // A first command (fills caches, gives the payload the raw baseline writes).
      await send()
      const payload = readPayload(dugnadFile, workspace, items[0]!)
      const raw = rawSqlite(rawFile, mode, workspace, items, payload, 6)
      cleanups.push(() => raw.close())
      contenders.push(
        {
          name: "raw append statement alone",
          mode,
          kind: "raw",
          run: async (budget) => timeSync(budget, () => raw.append(false)),
          rounds: []
        },
        {
          name: "raw same SQL (2 reads + append)",
          mode,
          kind: "sameSql",
          run: async (budget) => timeSync(budget, () => raw.append(true)),
          rounds: []
        },
        { name: "Dugnad Commands.handle", mode, kind: "dugnad", run: (budget) => timeAsync(budget, send), rounds: [] }
      )
      if (mode === "FULL") {
        const fd = fs.openSync(path.join(dir, "fdatasync.log"), "a")
        cleanups.push(() => fs.closeSync(fd))
        const record = Buffer.from(`${JSON.stringify({ type: "CommentAdded", at: Date.now(), text: "x".repeat(40) })}\n`)
        contenders.push({
          name: "fdatasync floor (append+fdatasync)",
          mode,
          kind: "fsync",
          run: async (budget) =>
            timeSync(budget, () => {
              fs.writeSync(fd, record)
              fs.fdatasyncSync(fd)
            }),
          rounds: []
        })
      }
    }

    if (CONTENDERS !== undefined) {
      const chosen = contenders.filter((c) => CONTENDERS.includes(`${c.kind}-${c.mode}`))
      contenders.splice(0, contenders.length, ...chosen)
    }
    // Warm-up round, then rounds interleaved across contenders so noise hits all of them alike.
    for (const contender of contenders) await contender.run(Math.min(ROUND_MS, 300))
    mark("sqlite-appends-start")
    for (let round = 0; round < ROUNDS; round++) {
      for (const contender of contenders) contender.rounds.push(await contender.run(ROUND_MS))
    }
    mark("sqlite-appends-end")

    const rate = (contender: Contender) => median(contender.rounds.map((round) => round.ops / round.seconds))
    const cpuPerOp = (contender: Contender) => median(contender.rounds.map((round) => round.cpuMicros / round.ops))
    console.log(`   median of ${ROUNDS} rounds of ${ROUND_MS} ms each, after a warm-up round`)
    console.log(
      `   ${pad("contender", 36)} ${pad("sync", 6)} ${pad("median/s", 10, true)} ${pad("min/s", 9, true)} ` +
        `${pad("max/s", 9, true)} ${pad("µs/op", 8, true)} ${pad("CPU µs/op", 10, true)}  Dugnad ÷ this`
    )
    for (const contender of contenders) {
      const rates = contender.rounds.map((round) => round.ops / round.seconds)
      const dugnad = contenders.find((other) => other.kind === "dugnad" && other.mode === contender.mode) ?? contender
      console.log(
        `   ${pad(contender.name, 36)} ${pad(contender.mode, 6)} ${pad(format(rate(contender)), 10, true)} ` +
          `${pad(format(Math.min(...rates)), 9, true)} ${pad(format(Math.max(...rates)), 9, true)} ` +
          `${pad((1e6 / rate(contender)).toFixed(0), 8, true)} ${pad(cpuPerOp(contender).toFixed(0), 10, true)}  ` +
          `${(rate(dugnad) / rate(contender)).toFixed(2)}×`
      )
    }
    for (const mode of ["FULL", "NORMAL"] as const) {
      if (CONTENDERS !== undefined) continue
      const of = (kind: Contender["kind"]) => contenders.find((c) => c.kind === kind && c.mode === mode)!
      const dugnad = rate(of("dugnad"))
      // The target's baseline runs the SQL the command path runs: its two reads and the append.
      const sameSql = rate(of("sameSql"))
      const ratio = dugnad / sameSql
      verdicts.push({
        measurement: `SQLite ${mode}: Commands.handle ÷ raw better-sqlite3, same SQL`,
        result: `${ratio.toFixed(2)}× (${format(dugnad)} vs ${format(sameSql)} ops/s)`,
        target: `≥ ${TARGET_RATIO}×`,
        verdict: ratio >= TARGET_RATIO ? "MET" : "NOT MET"
      })
      verdicts.push({
        measurement: `SQLite ${mode}: Commands.handle ÷ raw append statement alone`,
        result: `${(dugnad / rate(of("raw"))).toFixed(2)}× (vs ${format(rate(of("raw")))} ops/s)`,
        target: "–",
        verdict: "info"
      })
      if (mode === "FULL") {
        const floor = rate(of("fsync"))
        verdicts.push({
          measurement: "SQLite FULL: Commands.handle ÷ fdatasync floor",
          result: `${(dugnad / floor).toFixed(2)}× (vs ${format(floor)} fdatasync/s)`,
          target: "–",
          verdict: "info"
        })
      }
    }
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup()
  }
}

// =============================================================================================
// 3. Stream rehydration: readStream + fold of a 100-event item
// =============================================================================================

/** `count` timed rehydrations of the long item: `EventStore.readStream`, then `Workflow.fold`. */
const rehydrate = (workspace: WorkspaceId, count: number) =>
  Effect.gen(function*() {
    const store = yield* EventStore
    const samples: Array<number> = []
    for (let i = 0; i < count; i++) {
      const t = performance.now()
      const recorded = yield* store.readStream(workspace, longItem)
      const state = fold(recorded.map((entry) => entry.event))
      samples.push(performance.now() - t)
      if (recorded.length !== STREAM_EVENTS || state._tag !== "Closed") {
        return yield* Effect.dieMessage(`rehydrated ${recorded.length} events to ${state._tag}`)
      }
    }
    return samples
  })

/**
 * Blocks of `BLOCK` iterations of each contender, alternating (so noise hits them alike), after a
 * warm-up block, until `REHYDRATE_MS` have passed and each has ≥ 1000 samples.
 */
const REHYDRATE_BLOCK = 200
const rehydrationRounds = async (
  contenders: ReadonlyArray<(count: number) => Promise<ReadonlyArray<number>>>
): Promise<Array<Float64Array>> => {
  for (const contender of contenders) await contender(300)
  const samples = contenders.map(() => [] as Array<number>)
  const start = performance.now()
  mark("rehydrate-start")
  while (samples[0]!.length < 1000 || performance.now() - start < REHYDRATE_MS) {
    for (const [index, contender] of contenders.entries()) samples[index]!.push(...await contender(REHYDRATE_BLOCK))
  }
  mark("rehydrate-end")
  return samples.map(ascending)
}

const reportRehydration = (
  store: string,
  samples: Float64Array,
  target: boolean,
  baseline?: { readonly label: string; readonly samples: Float64Array }
) => {
  const p50 = percentile(samples, 0.5)
  const p99 = percentile(samples, 0.99)
  const line = (label: string, values: Float64Array) =>
    console.log(
      `   ${pad(label, 36)} ${pad(String(values.length), 6, true)} iterations, p50 ${ms(percentile(values, 0.5))}, ` +
        `p90 ${ms(percentile(values, 0.9))}, p99 ${ms(percentile(values, 0.99))}, max ${ms(values[values.length - 1]!)}`
    )
  line(`${store} readStream + fold`, samples)
  verdicts.push({
    measurement: `${store}: readStream + fold, 100 events (p50 / p99)`,
    result: `${ms(p50)} / ${ms(p99)}`,
    target: target ? `p99 ≤ ${TARGET_REHYDRATE_P99_MS} ms` : "–",
    verdict: target ? (p99 <= TARGET_REHYDRATE_P99_MS ? "MET" : "NOT MET") : "info"
  })
  if (baseline !== undefined) {
    line(baseline.label, baseline.samples)
    verdicts.push({
      measurement: `${store}: rehydration p50 ÷ ${baseline.label} p50`,
      result: `${(p50 / percentile(baseline.samples, 0.5)).toFixed(1)}× slower (raw p50 ${
        ms(percentile(baseline.samples, 0.5))
      })`,
      target: "–",
      verdict: "info"
    })
  }
}

/** Raw better-sqlite3: the same SELECT, and `JSON.parse` of each row's data (no decoding, no fold). */
const rawRehydrator = (filename: string, workspace: WorkspaceId) => {
  const db = new BetterSqlite3(filename)
  const select = db.prepare(`SELECT ${eventColumns} FROM dugnad_events
    WHERE workspace = ? AND stream = ? ORDER BY version`)
  const run = async (count: number) => {
    const samples: Array<number> = []
    for (let i = 0; i < count; i++) {
      const t = performance.now()
      const rows = select.all(workspace, longItem) as Array<{ readonly data: string }>
      const parsed = rows.map((row) => JSON.parse(row.data) as unknown)
      samples.push(performance.now() - t)
      if (parsed.length !== STREAM_EVENTS) throw new Error("raw: wrong stream")
    }
    return samples
  }
  return { run, close: () => db.close() }
}

const sqliteRehydration = async (dir: string) => {
  console.log(`\n3. Rehydrating one ${STREAM_EVENTS}-event item (readStream + fold), SQLite`)
  const filename = path.join(dir, "rehydrate.db")
  const workspace = await seededFile(dir)
  copySeed(dir, filename)
  const runtime = openSqlite(filename, "FULL")
  try {
    await runtime.runPromise(seedLongItem(workspace))
    const raw = rawRehydrator(filename, workspace)
    try {
      const [samples, rawSamples] = await rehydrationRounds([
        (count) => runtime.runPromise(rehydrate(workspace, count)),
        raw.run
      ])
      reportRehydration("SQLite", samples!, true, { label: "raw SELECT + JSON.parse", samples: rawSamples! })
    } finally {
      raw.close()
    }
  } finally {
    await runtime.dispose()
  }
}

// =============================================================================================
// 4. Projection rebuild
// =============================================================================================

/**
 * The floor of a rebuild without the domain: raw better-sqlite3 in one transaction empties the three
 * read-model tables, reads every event page with the same SELECT and `JSON.parse`s each row's data,
 * then writes back the very rows Dugnad's rebuild produced (multi-row INSERTs of 200, as Dugnad
 * does) and the checkpoint. No decoding, no folding, no projecting.
 */
const rawRebuilder = (filename: string) => {
  const db = new BetterSqlite3(filename)
  db.pragma("busy_timeout = 5000")
  db.pragma("synchronous = NORMAL")
  type Row = Record<string, unknown>
  const snapshot = (table: string) => db.prepare(`SELECT * FROM ${table}`).all() as Array<Row>
  const tables = ["dugnad_items", "dugnad_item_goals", "dugnad_post_results"].map((table) => ({
    table,
    rows: snapshot(table)
  }))
  const page = db.prepare(`SELECT ${eventColumns} FROM dugnad_events WHERE position > ? ORDER BY position LIMIT 5000`)
  const statements = new Map<string, RawStatement>()
  const insert = (table: string, rows: ReadonlyArray<Row>) => {
    const columns = Object.keys(rows[0]!)
    const key = `${table}/${rows.length}`
    let statement = statements.get(key)
    if (statement === undefined) {
      const tuple = `(${columns.map(() => "?").join(", ")})`
      statement = db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${rows.map(() => tuple).join(", ")}`)
      statements.set(key, statement)
    }
    statement.run(...rows.flatMap((row) => columns.map((column) => row[column])))
  }
  const begin = db.prepare("BEGIN")
  const commit = db.prepare("COMMIT")
  const checkpoint = db.prepare(`INSERT INTO dugnad_checkpoints (name, position) VALUES ('read-models', ?)
    ON CONFLICT (name) DO UPDATE SET position = ?`)
  const run = () => {
    begin.run()
    for (const { table } of tables) db.prepare(`DELETE FROM ${table}`).run()
    let position = 0
    let events = 0
    while (true) {
      const rows = page.all(position) as Array<{ readonly position: number; readonly data: string }>
      for (const row of rows) JSON.parse(row.data)
      events += rows.length
      if (rows.length > 0) position = rows[rows.length - 1]!.position
      if (rows.length < 5000) break
    }
    for (const { rows, table } of tables) {
      for (let start = 0; start < rows.length; start += 200) insert(table, rows.slice(start, start + 200))
    }
    checkpoint.run(position, position)
    commit.run()
    return events
  }
  return { run, close: () => db.close() }
}

const sqliteRebuild = async (dir: string) => {
  console.log(`\n4. Rebuilding the read models from the start, SQLite`)
  const waves = decideScript(itemIds("r", REBUILD_ITEMS).map((item, n) => ({ item, plan: mixedLife(n) })))
  const total = waves.reduce((sum, wave) => sum + wave.reduce((s, entry) => s + entry.events.length, 0), 0)
  if (total < REBUILD_MIN_EVENTS) console.warn(`   ! only ${total} events; raise BENCH_REBUILD_ITEMS`)
  const filename = path.join(dir, "rebuild.db")
  const runtime = openSqlite(filename, "NORMAL")
  try {
    const seedStart = performance.now()
    const workspace = await runtime.runPromise(seedTeam())
    const appended = await runtime.runPromise(appendScript(workspace, waves, { tag: "r", projections: false }))
    console.log(
      `   seeded ${format(appended)} events of ${format(REBUILD_ITEMS)} items with EventStore.append ` +
        `(projections: []) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`
    )
    const rebuild = Effect.flatMap(ReadModel, (readModel) => readModel.rebuild("start"))
    await runtime.runPromise(rebuild) // warm-up; its rows are what the raw floor writes back
    const raw = rawRebuilder(filename)
    const runs: Array<number> = []
    const rawRuns: Array<number> = []
    try {
      raw.run() // warm-up
      const started = performance.now()
      mark("rebuild-start")
      while (runs.length < REBUILD_RUNS && (runs.length < 3 || performance.now() - started < 12_000)) {
        let t = performance.now()
        const report = await runtime.runPromise(rebuild)
        runs.push(performance.now() - t)
        if (report.events !== appended || report.items !== REBUILD_ITEMS) {
          throw new Error(`rebuild saw ${report.events} events of ${report.items} items`)
        }
        t = performance.now()
        if (raw.run() !== appended) throw new Error("raw rebuild: wrong number of events")
        rawRuns.push(performance.now() - t)
      }
      mark("rebuild-end")
    } finally {
      raw.close()
    }
    await runtime.runPromise(rebuild) // the last word is Dugnad's, so the board below is its own
    const stages = new Map<string, number>()
    for (const summary of await runtime.runPromise(Effect.flatMap(ReadModel, (rm) => rm.board(workspace, {})))) {
      stages.set(summary.stage, (stages.get(summary.stage) ?? 0) + 1)
    }
    const line = (label: string, values: ReadonlyArray<number>) => {
      const rate = appended / (median(values) / 1000)
      console.log(
        `   ${pad(label, 38)} ${values.length} runs: median ${ms(median(values))} (min ${ms(Math.min(...values))}, ` +
          `max ${ms(Math.max(...values))}), ${format(rate)} events/s`
      )
      return rate
    }
    const rate = line(`Dugnad ReadModel.rebuild("start")`, runs)
    const rawRate = line("raw floor (read + JSON.parse + write)", rawRuns)
    console.log(`   board after: ${[...stages].map(([stage, count]) => `${stage} ${count}`).join(", ")}`)
    verdicts.push({
      measurement: `SQLite: ReadModel.rebuild("start"), ${format(appended)} events`,
      result: `${format(rate)} events/s (${ms(median(runs))})`,
      target: `≥ ${format(TARGET_REBUILD)} events/s`,
      verdict: rate >= TARGET_REBUILD ? "MET" : "NOT MET"
    })
    verdicts.push({
      measurement: "SQLite: rebuild ÷ raw floor (read + JSON.parse + write)",
      result: `${(rate / rawRate).toFixed(2)}× (raw ${format(rawRate)} events/s)`,
      target: "–",
      verdict: "info"
    })
  } finally {
    await runtime.dispose()
  }
}

// =============================================================================================
// 2. PostgreSQL: 8 concurrent writers (and 3. rehydration on PostgreSQL)
// =============================================================================================


interface LatencyRound {
  readonly seconds: number
  readonly latencies: Array<number>
}

/** 8 raw `pg` clients, each appending with the same SQL as SqlStore.append (advisory lock included). */
const rawPostgres = async (url: string, workspace: WorkspaceId, pools: ReadonlyArray<ReadonlyArray<ItemId>>, payload: Payload) => {
  const clients = await Promise.all(pools.map(async () => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    return client
  }))
  const versions = pools.map((pool) => pool.map(() => 6))
  const sent = pools.map(() => 0)
  const q = (client: pg.Client, name: string, text: string, values: Array<unknown>) =>
    client.query({ name, text, values })
  const append = async (writer: number) => {
    const client = clients[writer]!
    const n = sent[writer]!++
    const pool = pools[writer]!
    const item = pool[n % pool.length]!
    const version = versions[writer]![n % pool.length]! + 1
    const commandId = `raw-pg-${writer}-${n}`
    const now = Date.now()
    await client.query("BEGIN")
    try {
      await q(client, "lock", "SELECT pg_advisory_xact_lock($1)", [0x6475676e])
      const claimed = await q(
        client,
        "claim",
        `INSERT INTO dugnad_commands (workspace, command_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING command_id`,
        [workspace, commandId]
      )
      if (claimed.rowCount !== 1) throw new Error("raw pg: duplicate command")
      const current = await q(
        client,
        "max",
        "SELECT MAX(version) AS version FROM dugnad_events WHERE workspace = $1 AND stream = $2",
        [workspace, item]
      )
      if (Number(current.rows[0]?.version ?? 0) !== version - 1) throw new Error("raw pg: version conflict")
      const inserted = await q(
        client,
        "event",
        `INSERT INTO dugnad_events (workspace, stream, version, command_id, type, schema_version, data)
          VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING position`,
        [workspace, item, version, commandId, payload.type, payload.schemaVersion, payload.event]
      )
      const position = inserted.rows[0]!.position as string
      await q(
        client,
        "item",
        `INSERT INTO dugnad_items (workspace, item, version, stage, owner, updated_at, data)
          VALUES ($1, $2, $3, $4, $5, $6, $7)
          ON CONFLICT (workspace, item) DO UPDATE SET version = $8, stage = $9, owner = $10, updated_at = $11, data = $12`,
        [workspace, item, version, payload.stage, payload.owner, now, payload.summary, version, payload.stage, payload.owner, now, payload.summary]
      )
      await q(
        client,
        "checkpoint",
        `INSERT INTO dugnad_checkpoints (name, position) VALUES ('read-models', $1)
          ON CONFLICT (name) DO UPDATE SET position = $2`,
        [position, position]
      )
      await q(
        client,
        "outbox",
        `INSERT INTO dugnad_outbox (id, workspace, data, status, attempts, next_attempt_at)
          VALUES ($1, $2, $3, 'pending', 0, $4) ON CONFLICT (id) DO NOTHING`,
        [`${workspace}/${item}/${version}`, workspace, payload.notification, now]
      )
      await client.query("COMMIT")
    } catch (error) {
      await client.query("ROLLBACK")
      throw error
    }
    versions[writer]![n % pool.length] = version
  }
  const round = async (budget: number): Promise<LatencyRound> => {
    const start = performance.now()
    const deadline = start + budget
    const latencies: Array<number> = []
    await Promise.all(pools.map(async (_, writer) => {
      while (performance.now() < deadline) {
        const t = performance.now()
        await append(writer)
        latencies.push(performance.now() - t)
      }
    }))
    return { seconds: (performance.now() - start) / 1000, latencies }
  }
  return { round, close: () => Promise.all(clients.map((client) => client.end())) }
}

const postgres = async () => {
  console.log(`\n2. PostgreSQL, ${PG_WRITERS} concurrent writers, each on its own ${PG_ITEMS_PER_WRITER} items`)
  const available = await withAdmin(async (client) => (await client.query("SELECT 1")).rowCount === 1).catch(() => false)
  if (!available) {
    console.warn(`   SKIPPED: no PostgreSQL at ${PG_ADMIN_URL} (start it, or set DUGNAD_TEST_PG)`)
    verdicts.push({ measurement: "PostgreSQL", result: "no server", target: "–", verdict: "SKIPPED" })
    return
  }
  const name = `dugnad_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`))
  const url = new URL(PG_ADMIN_URL)
  url.pathname = `/${name}`
  const runtime: StoreRuntime = ManagedRuntime.make(
    Postgres.layer({ url: Redacted.make(url.toString()), maxConnections: 10 })
  )
  try {
    const workspace = await runtime.runPromise(seedTeam())
    const pools = Array.from({ length: PG_WRITERS }, (_, w) => itemIds(`w${w}i`, PG_ITEMS_PER_WRITER))
    const rawPools = Array.from({ length: PG_WRITERS }, (_, w) => itemIds(`rw${w}i`, PG_ITEMS_PER_WRITER))
    await runtime.runPromise(seedInReview(workspace, [...pools.flat(), ...rawPools.flat()], "w"))
    await runtime.runPromise(seedLongItem(workspace))

    const senders = pools.map((pool, w) => ({ pool, sent: 0, tag: `pg-${w}` }))
    const dugnadRound = (budget: number) =>
      runtime.runPromise(Effect.gen(function*() {
        const start = performance.now()
        const deadline = start + budget
        const latencies: Array<number> = []
        yield* Effect.forEach(senders, (sender) =>
          Effect.gen(function*() {
            while (performance.now() < deadline) {
              const n = sender.sent++
              const t = performance.now()
              const result = yield* Commands.handle({
                workspace,
                commandId: CommandId.make(`${sender.tag}-${n}`),
                actor: ids.ola,
                item: sender.pool[n % sender.pool.length]!,
                command: ItemCommand.Comment({ text: `Kommentar ${n}: dette blir bra.` })
              })
              latencies.push(performance.now() - t)
              if (result.events.length !== 1) return yield* Effect.dieMessage("unexpected result")
            }
          }), { concurrency: "unbounded", discard: true })
        return { seconds: (performance.now() - start) / 1000, latencies } satisfies LatencyRound
      }))

    await dugnadRound(1000) // warm-up; also writes the payload the raw clients copy
    const payload = await (async () => {
      const client = new pg.Client({ connectionString: url.toString() })
      await client.connect()
      try {
        const event = await client.query(
          `SELECT type, schema_version, data FROM dugnad_events WHERE type = 'CommentAdded' ORDER BY position DESC LIMIT 1`
        )
        const item = await client.query("SELECT stage, owner, data FROM dugnad_items WHERE item = $1", [pools[0]![0]])
        const outbox = await client.query("SELECT data FROM dugnad_outbox ORDER BY seq DESC LIMIT 1")
        return {
          type: event.rows[0].type,
          schemaVersion: Number(event.rows[0].schema_version),
          event: event.rows[0].data,
          stage: item.rows[0].stage,
          owner: item.rows[0].owner,
          summary: item.rows[0].data,
          notification: outbox.rows[0].data
        } satisfies Payload
      } finally {
        await client.end()
      }
    })()
    const raw = await rawPostgres(url.toString(), workspace, rawPools, payload)
    try {
      await raw.round(500) // warm-up
      const dugnadRounds: Array<LatencyRound> = []
      const rawRounds: Array<LatencyRound> = []
      for (let round = 0; round < PG_ROUNDS; round++) {
        mark("pg-dugnad-start")
        dugnadRounds.push(await dugnadRound(PG_ROUND_MS))
        mark("pg-dugnad-end")
        rawRounds.push(await raw.round(PG_ROUND_MS / 2))
      }
      const summarise = (label: string, rounds: ReadonlyArray<LatencyRound>) => {
        const rate = median(rounds.map((round) => round.latencies.length / round.seconds))
        const sorted = ascending(rounds.flatMap((round) => round.latencies))
        const p50 = percentile(sorted, 0.5)
        const p99 = percentile(sorted, 0.99)
        console.log(
          `   ${pad(label, 36)} ${pad(format(rate), 7, true)} commands/s (median of ${rounds.length} rounds), ` +
            `latency p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(sorted[sorted.length - 1]!)} (${sorted.length} commands)`
        )
        return { rate, p50, p99 }
      }
      const dugnad = summarise("Dugnad Commands.handle, 8 fibers", dugnadRounds)
      const rawResult = summarise("raw pg append, 8 clients", rawRounds)
      verdicts.push({
        measurement: "PostgreSQL, 8 writers: Commands.handle (p50 / p99)",
        result: `${format(dugnad.rate)} cmd/s, ${ms(dugnad.p50)} / ${ms(dugnad.p99)}`,
        target: "–",
        verdict: "info"
      })
      verdicts.push({
        measurement: "PostgreSQL, 8 writers: Commands.handle ÷ raw pg append",
        result: `${(dugnad.rate / rawResult.rate).toFixed(2)}× (raw ${format(rawResult.rate)} cmd/s, ` +
          `${ms(rawResult.p50)} / ${ms(rawResult.p99)})`,
        target: "–",
        verdict: "info"
      })
    } finally {
      await raw.close()
    }

    console.log(`\n3. Rehydrating one ${STREAM_EVENTS}-event item (readStream + fold), PostgreSQL`)
    const [samples] = await rehydrationRounds([(count) => runtime.runPromise(rehydrate(workspace, count))])
    reportRehydration("PostgreSQL", samples!, false)
  } finally {
    await runtime.dispose()
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
  }
}

// =============================================================================================

const parts = ["sqlite", "pg", "rehydrate", "rebuild"] as const

/** Runs the chosen parts in this process; a child run writes its verdicts to `BENCH_PART_OUT`. */
const runParts = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-bench-"))
  try {
    if (part("sqlite")) await sqliteAppends(dir)
    if (part("pg")) await postgres()
    if (part("rehydrate")) await sqliteRehydration(dir)
    if (part("rebuild")) await sqliteRebuild(dir)
  } finally {
    if (process.env["BENCH_KEEP_DIR"] === undefined) fs.rmSync(dir, { recursive: true, force: true })
    else console.log(`(kept ${dir})`)
  }
}

await runBench({ title: "Dugnad store benchmark", parts, only: ONLY, verdicts, runParts })


/**
 * The event store, outbox and directory on SQL, for any `@effect/sql` client: the same schema and
 * semantics on SQLite (`Sqlite.layer`) and PostgreSQL (`Postgres.layer`).
 *
 * An append is one transaction: the command id (unique per workspace), the events (unique per
 * workspace, stream and version: the concurrency check), the outbox rows. A constraint violation,
 * or a database too busy to take the write, becomes a typed `VersionConflict` that the command
 * layer retries; a known command id becomes `DuplicateCommand`. Nothing is half-written.
 *
 * @since 0.1.0
 */
import * as Migrator from "@effect/sql/Migrator"
import * as SqlClient from "@effect/sql/SqlClient"
import type { SqlError } from "@effect/sql/SqlError"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { Directory, type DirectoryService } from "./Directory.js"
import {
  DuplicateCommand,
  HandleTaken,
  UnknownGoal,
  UnknownMember,
  UnknownWorkspace,
  VersionConflict,
  WorkspaceExists
} from "./Errors.js"
import { type AppendRequest, EventStore, type EventStoreService, type RecordedEvent } from "./EventStore.js"
import { type Network, networks } from "./Draft.js"
import type { CommandId, GoalId, ItemId, MeetingId, WorkspaceId } from "./Ids.js"
import {
  decodeEvent as decodeMeetingEvent,
  encodeEvent as encodeMeetingEvent,
  MeetingStore,
  type MeetingStoreService,
  type RecordedMeetingEvent
} from "./MeetingStore.js"
import type { Stage } from "./Item.js"
import { fromStored, fromStoredTrusted, type Metrics, toStored } from "./ItemEvent.js"
import { Goal, Member, normaliseHandle, Workspace } from "./Member.js"
import createStore from "./migrations/00001_create_store.js"
import createReadModels from "./migrations/00002_create_read_models.js"
import indexItemGoals from "./migrations/00003_index_item_goals.js"
import sqliteSingleStatementAppend from "./migrations/00004_sqlite_single_statement_append.js"
import createMeetingEvents from "./migrations/00005_create_meeting_events.js"
import createPrimerEntries from "./migrations/00006_create_primer_entries.js"
import indexPostResultsWindows from "./migrations/00007_index_post_results_windows.js"
import postGoals from "./migrations/00008_post_goals.js"
import * as SqliteAppend from "./internal/sqliteAppend.js"
import { Replay } from "./internal/replay.js"
import type { ItemProjection, ItemSummary, PostResult } from "./Projection.js"
import { type PostRow, ReadModel, type ReadModelService } from "./ReadModel.js"
import { Notification, OutboxMessage, Reminder } from "./Notification.js"
import { PrimerOverride } from "./Primer.js"
import { claimLease, type DeliveryStatus, Outbox, type OutboxEntry, type OutboxService } from "./Outbox.js"

const migrations = {
  "00001_create_store": createStore,
  "00002_create_read_models": createReadModels,
  "00003_index_item_goals": indexItemGoals,
  "00004_sqlite_single_statement_append": sqliteSingleStatementAppend,
  "00005_create_meeting_events": createMeetingEvents,
  "00006_create_primer_entries": createPrimerEntries,
  "00007_index_post_results_windows": indexPostResultsWindows,
  "00008_post_goals": postGoals
}
const latestMigration = Object.keys(migrations).length

const runMigrations = Migrator.make({})({ loader: Migrator.fromRecord(migrations), table: "dugnad_migrations" })

class SchemaBehind extends Data.TaggedError("SchemaBehind")<{}> {}

/**
 * Brings the schema up to date. Safe when several processes start at once: the Migrator skips
 * its work when another process holds the lock, so this waits until the schema is complete.
 *
 * @since 0.1.0
 * @category migrations
 */
export const migrate = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const attempt = Effect.gen(function*() {
    yield* runMigrations
    const [row] = yield* sql<{ readonly id: number | string | null }>`SELECT MAX(migration_id) AS id
      FROM dugnad_migrations`
    if (Number(row?.id ?? 0) < latestMigration) return yield* new SchemaBehind()
  })
  yield* attempt.pipe(
    Effect.retry({
      schedule: Schedule.spaced("100 millis").pipe(Schedule.intersect(Schedule.recurs(100))),
      while: (error) => error._tag === "SchemaBehind" || (error._tag === "SqlError" && isConflict(error))
    })
  )
})

// A write that loses a race surfaces as one of these; each means "someone else got there first".
const conflictCodes = new Set([
  "SQLITE_CONSTRAINT_UNIQUE",
  "SQLITE_CONSTRAINT_PRIMARYKEY",
  "SQLITE_BUSY",
  "SQLITE_BUSY_SNAPSHOT",
  "SQLITE_LOCKED",
  "23505", // PostgreSQL unique_violation
  "40001", // serialization_failure
  "40P01" // deadlock_detected
])

const errorCode = (error: SqlError): string | undefined => {
  const cause = error.cause as { readonly code?: unknown } | undefined
  return typeof cause?.code === "string" ? cause.code : undefined
}

const isConflict = (error: SqlError) => conflictCodes.has(errorCode(error) ?? "")

const uniqueCodes = new Set(["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY", "23505"])
const isUniqueViolation = (error: SqlError) => uniqueCodes.has(errorCode(error) ?? "")

interface EventRow {
  readonly position: number | string
  readonly workspace: string
  readonly stream: string
  readonly version: number | string
  readonly command_id: string
  readonly type: string
  readonly schema_version: number | string
  readonly data: string
}

interface MeetingEventRow {
  readonly workspace: string
  readonly meeting: string
  readonly version: number | string
  readonly command_id: string
  readonly data: string
}

interface OutboxRow {
  readonly data: string
  readonly status: string
  readonly attempts: number | string
  readonly next_attempt_at: number | string
  readonly last_error: string | null
}

const encodeNotificationData = Schema.encodeSync(Notification)
const encodeNotification = Schema.encodeSync(Schema.parseJson(Notification))
/** A notification's stored JSON, reusing its event's already encoded form when there is one. */
const notificationJson = (notification: Notification, eventData: unknown): string =>
  eventData === undefined ? encodeNotification(notification) : JSON.stringify({
    id: notification.id,
    workspace: notification.workspace,
    item: notification.item,
    version: notification.version,
    audience: notification.audience,
    event: eventData
  })
const decodeMessage = Schema.decodeSync(Schema.parseJson(OutboxMessage))
const encodeReminder = Schema.encodeSync(Schema.parseJson(Reminder))
const encodeMember = Schema.encodeSync(Schema.parseJson(Member))
/**
 * Every command looks up its workspace and its actor. Their rows change rarely, so the decoded
 * value is kept per stored JSON text: a changed row is a new text and is decoded afresh.
 */
const decodingOnce = <A>(decode: (data: string) => A) => {
  const decoded = new Map<string, A>()
  return (data: string): A => {
    const hit = decoded.get(data)
    if (hit !== undefined) return hit
    const value = decode(data)
    if (decoded.size >= 10_000) decoded.clear()
    decoded.set(data, value)
    return value
  }
}

const decodeMember = decodingOnce(Schema.decodeSync(Schema.parseJson(Member)))
const encodeGoal = Schema.encodeSync(Schema.parseJson(Goal))
const encodePrimerEntry = Schema.encodeSync(Schema.parseJson(PrimerOverride))
const decodePrimerEntry = Schema.decodeSync(Schema.parseJson(PrimerOverride))
const decodeGoal = Schema.decodeSync(Schema.parseJson(Goal))
const encodeWorkspace = Schema.encodeSync(Schema.parseJson(Workspace))
const decodeWorkspace = decodingOnce(Schema.decodeSync(Schema.parseJson(Workspace)))

const recordedWith = (decode: typeof fromStored) => (row: EventRow): RecordedEvent => {
  const event = decode({ type: row.type, version: Number(row.schema_version), data: JSON.parse(row.data) })
  // A log this release cannot read is a defect of the deployment, not a user error.
  if (Either.isLeft(event)) throw event.left
  return {
    workspace: row.workspace as WorkspaceId,
    stream: row.stream as ItemId,
    version: Number(row.version),
    position: Number(row.position),
    commandId: row.command_id as CommandId,
    event: event.right
  }
}

const toRecorded = recordedWith(fromStored)
/** For a rebuild, which reads each row of this release's own log once: see `fromStoredTrusted`. */
const toRecordedTrusted = recordedWith(fromStoredTrusted)

const toEntry = (row: OutboxRow): OutboxEntry => ({
  notification: decodeMessage(row.data),
  status: row.status as DeliveryStatus,
  attempts: Number(row.attempts),
  nextAttemptAt: DateTime.unsafeMake(Number(row.next_attempt_at)),
  lastError: row.last_error ?? undefined
})

// Read-model rows keep their JSON with times as epoch milliseconds.
const encodeSummary = (summary: ItemSummary): string => JSON.stringify(SqliteAppend.summaryData(summary))
const decodeSummary = (data: string): ItemSummary => {
  const parsed = JSON.parse(data)
  return {
    ...parsed,
    owner: parsed.owner,
    // Rows written before 0.1.0 kept no submission time; `ReadModel.rebuild("start")` restores it.
    submittedAt: DateTime.unsafeMake(parsed.submittedAt ?? parsed.updatedAt),
    updatedAt: DateTime.unsafeMake(parsed.updatedAt)
  }
}
const encodePost = (post: PostResult): string => JSON.stringify(SqliteAppend.postData(post))
const decodePost = (data: string): PostResult => {
  const parsed = JSON.parse(data)
  return {
    ...parsed,
    publishedAt: DateTime.unsafeMake(parsed.publishedAt),
    capturedAt: parsed.capturedAt === undefined ? undefined : DateTime.unsafeMake(parsed.capturedAt)
  }
}
const postRow = (post: PostResult) => ({
  workspace: post.workspace,
  item: post.item,
  network: post.network,
  published_at: post.publishedAt.epochMillis,
  captured_at: post.capturedAt?.epochMillis ?? null,
  reach: post.metrics.reach ?? null,
  impressions: post.metrics.impressions ?? null,
  reactions: post.metrics.reactions ?? null,
  comments: post.metrics.comments ?? null,
  shares: post.metrics.shares ?? null,
  saves: post.metrics.saves ?? null,
  clicks: post.metrics.clicks ?? null,
  video_views: post.metrics.videoViews ?? null,
  data: encodePost(post)
})

/**
 * The slim columns of a post row, read as arrays (`.values`): the results context reads hundreds
 * of rows per question, and row objects and JSON would be most of its cost.
 */
const slimColumns = "p.item, p.network, p.published_at, p.reach, p.impressions, p.reactions, p.comments, p.shares, " +
  "p.saves, p.clicks, p.video_views"
const slimMetrics = ["reach", "impressions", "reactions", "comments", "shares", "saves", "clicks", "videoViews"] as const
/** The post in `values` from column `at` on (PostgreSQL returns BIGINT columns as strings). */
const slimRow = (values: ReadonlyArray<unknown>, at: number): PostRow => {
  const metrics: { -readonly [K in keyof Metrics]: Metrics[K] } = {}
  for (let index = 0; index < slimMetrics.length; index++) {
    const value = values[at + 3 + index]
    if (value !== null) metrics[slimMetrics[index]!] = Number(value)
  }
  return {
    item: values[at] as ItemId,
    network: values[at + 1] as Network,
    publishedAt: DateTime.unsafeMake(Number(values[at + 2])),
    metrics
  }
}

/** `ResultsContext.engagementOf` in SQL: none of the three recorded is no engagement. */
const engagementSql = "CASE WHEN p.reactions IS NULL AND p.comments IS NULL AND p.shares IS NULL THEN NULL " +
  "ELSE COALESCE(p.reactions, 0) + COALESCE(p.comments, 0) + COALESCE(p.shares, 0) END"

/** The goal rows of an item's posts (migration 00008): what `goalTotals` sums, per post and goal. */
const postGoalRows = ({ posts, summary }: ItemProjection) =>
  posts.flatMap((post) =>
    summary.goals.map((goal) => ({
      workspace: post.workspace,
      goal,
      item: post.item,
      network: post.network,
      published_at: post.publishedAt.epochMillis,
      reach: post.metrics.reach ?? null,
      reactions: post.metrics.reactions ?? null,
      comments: post.metrics.comments ?? null,
      shares: post.metrics.shares ?? null
    }))
  )

/** A new, pending outbox row for a reminder, due at `now`. */
const outboxRow = (reminder: Reminder, now: DateTime.Utc) => ({
  id: reminder.id,
  workspace: reminder.workspace,
  data: encodeReminder(reminder),
  status: "pending",
  attempts: 0,
  next_attempt_at: now.epochMillis
})

/** A lost race whose winner is not known (the database was busy or a constraint fired): retry. */
const unknownConflict = (workspace: WorkspaceId, request: AppendRequest) =>
  new VersionConflict({
    workspace,
    stream: request.streams[0]?.stream ?? "",
    expected: request.streams[0]?.expectedVersion ?? 0,
    actual: -1
  })

const eventColumns = "position, workspace, stream, version, command_id, type, schema_version, data"

/**
 * Builds the event store, outbox, read model and directory on the `SqlClient` in context. Run
 * {@link migrate} first.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const columns = sql.literal(eventColumns)
  const isPostgres = sql.onDialectOrElse({ pg: () => true, orElse: () => false })

  // Decoding an event (schema check, ISO dates) is most of the cost of loading a stream, and every
  // command loads its item's stream. Committed events never change, so decoded ones are kept by
  // position (bounded); only rows read back from the database enter, never ones being appended.
  const decoded = new Map<number, RecordedEvent>()
  const decodedLimit = 50_000
  const toRecordedCached = (row: EventRow): RecordedEvent => {
    const position = Number(row.position)
    const hit = decoded.get(position)
    if (hit !== undefined && hit.stream === row.stream && hit.workspace === row.workspace) return hit
    const entry = toRecorded(row)
    if (decoded.size >= decodedLimit) decoded.delete(decoded.keys().next().value!)
    decoded.set(position, entry)
    return entry
  }

  const readEvents = (
    statement: Effect.Effect<ReadonlyArray<EventRow>, SqlError>,
    decode: (row: EventRow) => RecordedEvent = toRecordedCached
  ) =>
    statement.pipe(
      Effect.flatMap((rows) => Effect.try(() => rows.map(decode))),
      Effect.orDie
    )

  /**
   * Starts a SQLite transaction as a writer. `@effect/sql` begins transactions deferred, and a
   * deferred transaction that reads before it writes fails at once with SQLITE_BUSY when another
   * process writes meanwhile (the busy timeout cannot help it). A no-op write as the first
   * statement takes the write lock up front, waiting for it like BEGIN IMMEDIATE.
   */
  const beginWrite = isPostgres ? Effect.void : sql`UPDATE dugnad_leases SET holder = holder WHERE 1 = 0`

  /** A write transaction, tried again (a few times) when the database is busy. */
  const writeTransaction = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.zipRight(beginWrite, effect).pipe(
      sql.withTransaction,
      Effect.retry({
        schedule: Schedule.exponential("20 millis").pipe(Schedule.intersect(Schedule.recurs(5))),
        while: (error) => (error as { readonly _tag?: string })._tag === "SqlError" && isConflict(error as SqlError) &&
          !isUniqueViolation(error as SqlError)
      })
    )

  /**
   * Writes the read models of the items an append touched. Goal rows change only with the idea's
   * goals, post rows only with posts and results, so those are rewritten only when the append
   * holds such an event: a comment or an approval writes the summary alone.
   */
  const writeProjections = (
    projections: ReadonlyArray<ItemProjection>,
    streams: ReadonlyArray<{ readonly stream: string; readonly events: ReadonlyArray<{ readonly _tag: string }> }>
  ) =>
    Effect.forEach(projections, (projection) =>
      Effect.gen(function*() {
        const { posts, summary } = projection
        const tags = new Set(
          streams.filter((append) => append.stream === summary.item).flatMap((append) => append.events.map((e) => e._tag))
        )
        const goalsChanged = tags.has("IdeaSubmitted") || tags.has("IdeaEdited")
        const postsChanged = tags.has("PostPublished") || tags.has("ResultsRecorded")
        const data = encodeSummary(summary)
        yield* sql`INSERT INTO dugnad_items (workspace, item, version, stage, owner, updated_at, data)
          VALUES (${summary.workspace}, ${summary.item}, ${summary.version}, ${summary.stage}, ${summary.owner ?? null},
            ${summary.updatedAt.epochMillis}, ${data})
          ON CONFLICT (workspace, item) DO UPDATE SET version = ${summary.version}, stage = ${summary.stage},
            owner = ${summary.owner ?? null}, updated_at = ${summary.updatedAt.epochMillis}, data = ${data}`
        if (goalsChanged) {
          yield* sql`DELETE FROM dugnad_item_goals WHERE workspace = ${summary.workspace} AND item = ${summary.item}`
          if (summary.goals.length > 0) {
            yield* sql`INSERT INTO dugnad_item_goals ${
              sql.insert(summary.goals.map((goal) => ({ workspace: summary.workspace, goal, item: summary.item })))
            }`
          }
        }
        if (postsChanged) {
          yield* sql`DELETE FROM dugnad_post_results WHERE workspace = ${summary.workspace} AND item = ${summary.item}`
          if (posts.length > 0) yield* sql`INSERT INTO dugnad_post_results ${sql.insert(posts.map(postRow))}`
        }
        if (goalsChanged || postsChanged) {
          yield* sql`DELETE FROM dugnad_post_goals WHERE workspace = ${summary.workspace} AND item = ${summary.item}`
          const postGoals = postGoalRows(projection)
          if (postGoals.length > 0) yield* sql`INSERT INTO dugnad_post_goals ${sql.insert(postGoals)}`
        }
      }), { discard: true })

  const setCheckpoint = (position: number) =>
    sql`INSERT INTO dugnad_checkpoints (name, position) VALUES ('read-models', ${position})
      ON CONFLICT (name) DO UPDATE SET position = ${position}`

  /** PostgreSQL: one transaction of several statements, appends serialised by an advisory lock. */
  const appendInTransaction = (workspace: WorkspaceId, request: AppendRequest) =>
    Effect.gen(function*() {
      const now = yield* DateTime.now
      // One writer at a time, so positions become visible in order and a reader that has
      // seen position n never later finds a smaller one.
      yield* sql`SELECT pg_advisory_xact_lock(${appendLock})`
      const claimed = yield* sql`INSERT INTO dugnad_commands (workspace, command_id)
        VALUES (${workspace}, ${request.commandId}) ON CONFLICT DO NOTHING RETURNING command_id`
      if (claimed.length === 0) {
        return yield* new DuplicateCommand({ workspace, commandId: request.commandId })
      }
      const recorded: Array<RecordedEvent> = []
      // Each event is encoded once: its stored form also goes into its outbox row.
      const storedData = new Map<unknown, unknown>()
      for (const append of request.streams) {
        const [current] = yield* sql<{ readonly version: number | string | null }>`SELECT MAX(version) AS version
          FROM dugnad_events WHERE workspace = ${workspace} AND stream = ${append.stream}`
        const actual = Number(current?.version ?? 0)
        if (actual !== append.expectedVersion) {
          return yield* new VersionConflict({
            workspace,
            stream: append.stream,
            expected: append.expectedVersion,
            actual
          })
        }
        for (let index = 0; index < append.events.length; index++) {
          const event = append.events[index]!
          const stored = toStored(event)
          storedData.set(event, stored.data)
          const version = append.expectedVersion + index + 1
          const [row] = yield* sql<{ readonly position: number | string }>`INSERT INTO dugnad_events
            (workspace, stream, version, command_id, type, schema_version, data)
            VALUES (${workspace}, ${append.stream}, ${version}, ${request.commandId}, ${stored.type},
              ${stored.version}, ${JSON.stringify(stored.data)})
            RETURNING position`
          recorded.push({
            workspace,
            stream: append.stream,
            version,
            position: Number(row!.position),
            commandId: request.commandId,
            event
          })
        }
      }
      yield* writeProjections(request.projections, request.streams)
      const last = recorded[recorded.length - 1]
      if (last !== undefined) yield* setCheckpoint(last.position)
      for (const notification of request.notifications) {
        yield* sql`INSERT INTO dugnad_outbox (id, workspace, data, status, attempts, next_attempt_at)
          VALUES (${notification.id}, ${workspace}, ${notificationJson(notification, storedData.get(notification.event))}, 'pending', 0,
            ${now.epochMillis})
          ON CONFLICT (id) DO NOTHING`
      }
      return recorded as ReadonlyArray<RecordedEvent>
    }).pipe(
      sql.withTransaction,
      Effect.catchTag("SqlError", (error) =>
        isConflict(error) ? Effect.fail(unknownConflict(workspace, request)) : Effect.die(error))
    )

  /** What stands in the store now for each stream of a refused append (for a precise conflict). */
  const conflictOf = (workspace: WorkspaceId, request: AppendRequest) =>
    Effect.gen(function*() {
      for (const append of request.streams) {
        const [current] = yield* sql<{ readonly version: number | string | null }>`SELECT MAX(version) AS version
          FROM dugnad_events WHERE workspace = ${workspace} AND stream = ${append.stream}`
        const actual = Number(current?.version ?? 0)
        if (actual !== append.expectedVersion) {
          return new VersionConflict({ workspace, stream: append.stream, expected: append.expectedVersion, actual })
        }
      }
      return unknownConflict(workspace, request)
    }).pipe(Effect.orDie)

  /** SQLite: the whole append is one statement (see `internal/sqliteAppend`). */
  const appendInOneStatement = (workspace: WorkspaceId, request: AppendRequest) =>
    Effect.gen(function*() {
      const now = yield* DateTime.now
      const document = SqliteAppend.requestJson(workspace, request, now, encodeNotificationData)
      const [row] = yield* sql.unsafe<{ readonly positions: string }>(SqliteAppend.appendStatement, [document]).pipe(
        Effect.catchTag("SqlError", (error): Effect.Effect<never, VersionConflict | DuplicateCommand> => {
          const message = String((error.cause as { readonly message?: unknown } | undefined)?.message ?? "")
          if (message.includes(SqliteAppend.duplicateCommand)) {
            return Effect.fail(new DuplicateCommand({ workspace, commandId: request.commandId }))
          }
          if (message.includes(SqliteAppend.versionConflict)) return Effect.flip(conflictOf(workspace, request))
          return isConflict(error) ? Effect.fail(unknownConflict(workspace, request)) : Effect.die(error)
        })
      )
      const positions = JSON.parse(row!.positions) as ReadonlyArray<number>
      const recorded: Array<RecordedEvent> = []
      for (const append of request.streams) {
        append.events.forEach((event, index) => {
          recorded.push({
            workspace,
            stream: append.stream,
            version: append.expectedVersion + index + 1,
            position: positions[recorded.length]!,
            commandId: request.commandId,
            event
          })
        })
      }
      return recorded as ReadonlyArray<RecordedEvent>
    })

  const eventStore: EventStoreService = {
    readStream: (workspace, stream) =>
      readEvents(sql<EventRow>`SELECT ${columns} FROM dugnad_events
        WHERE workspace = ${workspace} AND stream = ${stream} ORDER BY version`),
    readAll: (workspace, { after, limit }) =>
      readEvents(sql<EventRow>`SELECT ${columns} FROM dugnad_events
        WHERE workspace = ${workspace} AND position > ${after} ORDER BY position LIMIT ${limit}`),
    eventsOfCommand: (workspace, commandId) =>
      readEvents(sql<EventRow>`SELECT ${columns} FROM dugnad_events
        WHERE workspace = ${workspace} AND command_id = ${commandId} ORDER BY position`),
    append: (workspace, request) =>
      isPostgres ? appendInTransaction(workspace, request) : appendInOneStatement(workspace, request)
  }

  const outbox: OutboxService = {
    enqueue: (reminders) =>
      reminders.length === 0 ? Effect.succeed([]) : Effect.flatMap(DateTime.now, (now) =>
        // One statement, so it needs no transaction: concurrent schedulers cannot interleave in it.
        sql<{ readonly id: string }>`INSERT INTO dugnad_outbox ${
          sql.insert(reminders.map((reminder) => outboxRow(reminder, now)))
        } ON CONFLICT (id) DO NOTHING RETURNING id`).pipe(
          Effect.map((rows) => {
            const added = new Set(rows.map((row) => row.id))
            return reminders.map((reminder) => reminder.id).filter((id) => added.has(id))
          }),
          Effect.orDie
        ),
    list: (workspace) =>
      sql<OutboxRow>`SELECT data, status, attempts, next_attempt_at, last_error FROM dugnad_outbox
        WHERE workspace = ${workspace} ORDER BY seq`.pipe(Effect.map((rows) => rows.map(toEntry)), Effect.orDie),
    claim: (limit) =>
      Effect.gen(function*() {
        const now = yield* DateTime.now
        const until = now.epochMillis + Duration.toMillis(claimLease)
        const due = sql`(status = 'pending' AND next_attempt_at <= ${now.epochMillis})
          OR (status = 'claimed' AND claimed_until <= ${now.epochMillis})`
        const rows = yield* sql.onDialectOrElse({
          pg: () =>
            sql<OutboxRow & { readonly seq: string }>`UPDATE dugnad_outbox SET status = 'claimed',
                attempts = attempts + 1, claimed_until = ${until}
              WHERE seq IN (SELECT seq FROM dugnad_outbox WHERE ${due} ORDER BY seq LIMIT ${limit}
                FOR UPDATE SKIP LOCKED)
              RETURNING seq, data, status, attempts, next_attempt_at, last_error`,
          orElse: () =>
            sql<OutboxRow & { readonly seq: number }>`UPDATE dugnad_outbox SET status = 'claimed',
                attempts = attempts + 1, claimed_until = ${until}
              WHERE seq IN (SELECT seq FROM dugnad_outbox WHERE ${due} ORDER BY seq LIMIT ${limit})
              RETURNING seq, data, status, attempts, next_attempt_at, last_error`
        })
        return [...rows].sort((left, right) => Number(left.seq) - Number(right.seq)).map(toEntry)
      }).pipe(Effect.orDie),
    markDelivered: (ids) =>
      ids.length === 0 ? Effect.void : sql`UPDATE dugnad_outbox SET status = 'delivered', claimed_until = NULL
        WHERE status = 'claimed' AND ${sql.in("id", ids)}`.pipe(Effect.asVoid, Effect.orDie),
    retryLater: (id, error, at) =>
      sql`UPDATE dugnad_outbox SET status = 'pending', claimed_until = NULL, last_error = ${error},
          next_attempt_at = ${at.epochMillis}
        WHERE status = 'claimed' AND id = ${id}`.pipe(Effect.asVoid, Effect.orDie),
    park: (id, error) =>
      sql`UPDATE dugnad_outbox SET status = 'parked', claimed_until = NULL, last_error = ${error}
        WHERE status = 'claimed' AND id = ${id}`.pipe(Effect.asVoid, Effect.orDie),
    unpark: (workspace, ids) =>
      ids.length === 0 ? Effect.void : Effect.flatMap(DateTime.now, (now) =>
        sql`UPDATE dugnad_outbox SET status = 'pending', next_attempt_at = ${now.epochMillis}
          WHERE status = 'parked' AND workspace = ${workspace} AND ${sql.in("id", ids)}`).pipe(
          Effect.asVoid,
          Effect.orDie
        )
  }

  const one = <A>(rows: ReadonlyArray<{ readonly data: string }>, decode: (data: string) => A) =>
    rows[0] === undefined ? undefined : decode(rows[0].data)

  const directory: DirectoryService = {
    createWorkspace: (workspace) =>
      sql`INSERT INTO dugnad_workspaces (id, data) VALUES (${workspace.id}, ${encodeWorkspace(workspace)})
        ON CONFLICT DO NOTHING RETURNING id`.pipe(
        Effect.orDie,
        Effect.flatMap((rows) =>
          rows.length === 0 ? Effect.fail(new WorkspaceExists({ workspace: workspace.id })) : Effect.void
        )
      ),
    workspace: (id) =>
      sql<{ readonly data: string }>`SELECT data FROM dugnad_workspaces WHERE id = ${id}`.pipe(
        Effect.orDie,
        Effect.flatMap((rows) => {
          const found = one(rows, decodeWorkspace)
          return found === undefined ? Effect.fail(new UnknownWorkspace({ workspace: id })) : Effect.succeed(found)
        })
      ),
    updateWorkspace: (workspace) =>
      sql`UPDATE dugnad_workspaces SET data = ${encodeWorkspace(workspace)} WHERE id = ${workspace.id} RETURNING id`.pipe(
        Effect.orDie,
        Effect.flatMap((rows) =>
          rows.length === 0 ? Effect.fail(new UnknownWorkspace({ workspace: workspace.id })) : Effect.void
        )
      ),
    putPrimerEntry: (workspace, entry) =>
      Effect.gen(function*() {
        const exists = yield* sql`SELECT id FROM dugnad_workspaces WHERE id = ${workspace}`
        if (exists.length === 0) return yield* new UnknownWorkspace({ workspace })
        const data = encodePrimerEntry(entry)
        yield* sql`INSERT INTO dugnad_primer_entries (workspace, id, locale, data)
          VALUES (${workspace}, ${entry.id}, ${entry.locale}, ${data})
          ON CONFLICT (workspace, id, locale) DO UPDATE SET data = ${data}`
      }).pipe(Effect.catchTag("SqlError", (error) => Effect.die(error))),
    primerEntries: (workspace) =>
      sql<{ readonly data: string }>`SELECT data FROM dugnad_primer_entries WHERE workspace = ${workspace}
        ORDER BY id, locale`.pipe(Effect.map((rows) => rows.map((row) => decodePrimerEntry(row.data))), Effect.orDie),
    workspaces: sql<{ readonly data: string }>`SELECT data FROM dugnad_workspaces ORDER BY id`.pipe(
      Effect.map((rows) => rows.map((row) => decodeWorkspace(row.data))),
      Effect.orDie
    ),
    putMember: (member) =>
      Effect.gen(function*() {
        const exists = yield* sql`SELECT id FROM dugnad_workspaces WHERE id = ${member.workspaceId}`
        if (exists.length === 0) return yield* new UnknownWorkspace({ workspace: member.workspaceId })
        const handle = normaliseHandle(member.handle)
        const taken = yield* sql`SELECT id FROM dugnad_members
          WHERE workspace = ${member.workspaceId} AND handle = ${handle} AND id <> ${member.id}`
        if (taken.length > 0) return yield* new HandleTaken({ workspace: member.workspaceId, handle: member.handle })
        yield* sql`INSERT INTO dugnad_members (workspace, id, handle, data)
          VALUES (${member.workspaceId}, ${member.id}, ${handle}, ${encodeMember(member)})
          ON CONFLICT (workspace, id) DO UPDATE SET handle = ${handle}, data = ${encodeMember(member)}`
      }).pipe(
        writeTransaction,
        Effect.catchTag("SqlError", (error) =>
          isUniqueViolation(error)
            ? Effect.fail(new HandleTaken({ workspace: member.workspaceId, handle: member.handle }))
            : Effect.die(error))
      ),
    member: (workspace, id) =>
      sql<{ readonly data: string }>`SELECT data FROM dugnad_members WHERE workspace = ${workspace} AND id = ${id}`
        .pipe(
          Effect.orDie,
          Effect.flatMap((rows) => {
            const found = one(rows, decodeMember)
            return found === undefined ? Effect.fail(new UnknownMember({ workspace, member: id })) : Effect.succeed(found)
          })
        ),
    memberByHandle: (workspace, handle) =>
      sql<{ readonly data: string }>`SELECT data FROM dugnad_members
        WHERE workspace = ${workspace} AND handle = ${normaliseHandle(handle)}`.pipe(
        Effect.orDie,
        Effect.flatMap((rows) => {
          const found = one(rows, decodeMember)
          return found === undefined ? Effect.fail(new UnknownMember({ workspace, member: handle })) : Effect.succeed(found)
        })
      ),
    members: (workspace) =>
      sql<{ readonly data: string }>`SELECT data FROM dugnad_members WHERE workspace = ${workspace} ORDER BY handle`
        .pipe(Effect.map((rows) => rows.map((row) => decodeMember(row.data))), Effect.orDie),
    putGoal: (goal) =>
      Effect.gen(function*() {
        const exists = yield* sql`SELECT id FROM dugnad_workspaces WHERE id = ${goal.workspaceId}`
        if (exists.length === 0) return yield* new UnknownWorkspace({ workspace: goal.workspaceId })
        yield* sql`INSERT INTO dugnad_goals (workspace, id, data) VALUES (${goal.workspaceId}, ${goal.id}, ${encodeGoal(goal)})
          ON CONFLICT (workspace, id) DO UPDATE SET data = ${encodeGoal(goal)}`
      }).pipe(Effect.catchTag("SqlError", (error) => Effect.die(error))),
    goal: (workspace, id) =>
      sql<{ readonly data: string }>`SELECT data FROM dugnad_goals WHERE workspace = ${workspace} AND id = ${id}`.pipe(
        Effect.orDie,
        Effect.flatMap((rows) => {
          const found = one(rows, decodeGoal)
          return found === undefined ? Effect.fail(new UnknownGoal({ workspace, goal: id })) : Effect.succeed(found)
        })
      ),
    goals: (workspace) =>
      sql<{ readonly data: string }>`SELECT data FROM dugnad_goals WHERE workspace = ${workspace}`.pipe(
        Effect.map((rows) =>
          rows.map((row) => decodeGoal(row.data)).sort((left, right) =>
            Number(left.id.slice(1)) - Number(right.id.slice(1)) || left.id.localeCompare(right.id)
          )
        ),
        Effect.orDie
      )
  }

  const checkpoint = sql<{ readonly position: number | string }>`SELECT position FROM dugnad_checkpoints
    WHERE name = 'read-models'`.pipe(Effect.map((rows) => Number(rows[0]?.position ?? 0)), Effect.orDie)

  const rebuildPage = 5_000
  const readModel: ReadModelService = {
    board: (workspace, filter) =>
      sql<{ readonly data: string }>`SELECT i.data FROM dugnad_items i
        WHERE i.workspace = ${workspace}
        ${filter.stage === undefined ? sql`` : sql`AND i.stage = ${filter.stage}`}
        ${filter.owner === undefined ? sql`` : sql`AND i.owner = ${filter.owner}`}
        ${
        filter.goal === undefined ? sql`` : sql`AND EXISTS (SELECT 1 FROM dugnad_item_goals g
          WHERE g.workspace = i.workspace AND g.item = i.item AND g.goal = ${filter.goal})`
      }
        ORDER BY i.updated_at DESC, i.item`.pipe(
        Effect.map((rows) => rows.map((row) => decodeSummary(row.data))),
        Effect.orDie
      ),
    results: (workspace, filter) =>
      sql<{ readonly data: string }>`SELECT data FROM dugnad_post_results
        WHERE workspace = ${workspace}
        ${filter.network === undefined ? sql`` : sql`AND network = ${filter.network}`}
        ${filter.publishedSince === undefined ? sql`` : sql`AND published_at >= ${filter.publishedSince.epochMillis}`}
        ORDER BY published_at DESC, item`.pipe(
        Effect.map((rows) => rows.map((row) => decodePost(row.data))),
        Effect.orDie
      ),
    publishedPost: (workspace, item, network) =>
      // p is the post on the network, found by its whole key; q lists the item's networks by key
      // prefix. (Asked for the item's posts with their numbers, SQLite would rather walk all the
      // workspace's posts in a covering window index than look them up by key.)
      sql`SELECT i.stage, i.data, q.network, ${sql.literal(slimColumns)} FROM dugnad_items i
        LEFT JOIN dugnad_post_results q ON q.workspace = i.workspace AND q.item = i.item
        LEFT JOIN dugnad_post_results p ON p.workspace = i.workspace AND p.item = i.item AND p.network = ${network}
        WHERE i.workspace = ${workspace} AND i.item = ${item}`.values.pipe(
        Effect.map((rows) => {
          const [first] = rows
          if (first === undefined) return undefined
          const published = new Set(rows.map((row) => row[2]))
          return {
            stage: first[0] as Stage,
            // From the summary, which keeps the idea's order (the goal rows do not).
            goals: (JSON.parse(first[1] as string) as { readonly goals: ReadonlyArray<GoalId> }).goals,
            publishedOn: networks.filter((name) => published.has(name)),
            post: first[3] === null ? undefined : slimRow(first, 3)
          }
        }),
        Effect.orDie
      ),
    postWindow: (workspace, filter) =>
      sql`SELECT ${sql.literal(slimColumns)} FROM dugnad_post_results p WHERE p.workspace = ${workspace}
        ${filter.network === undefined ? sql`` : sql`AND p.network = ${filter.network}`}
        AND p.published_at >= ${filter.from.epochMillis} AND p.published_at <= ${filter.until.epochMillis}
        ORDER BY p.published_at, p.item, p.network`.values.pipe(
        Effect.map((rows) => rows.map((row) => slimRow(row, 0))),
        Effect.orDie
      ),
    goalTotals: (workspace, filter) =>
      // One index range per goal of the goal rows of posts (migration 00008).
      filter.goals.length === 0 ? Effect.succeed([]) : sql`SELECT p.goal, COUNT(*), COUNT(DISTINCT p.item),
          COALESCE(SUM(p.reach), 0), COUNT(p.reach), COALESCE(SUM(${sql.literal(engagementSql)}), 0),
          COUNT(${sql.literal(engagementSql)})
        FROM dugnad_post_goals p
        WHERE p.workspace = ${workspace} AND ${sql.in("p.goal", filter.goals)}
          AND p.published_at >= ${filter.from.epochMillis} AND p.published_at <= ${filter.until.epochMillis}
        GROUP BY p.goal`.values.pipe(
        Effect.map((rows) => {
          const summed = new Map(rows.map((row) => [row[0], row]))
          return filter.goals.map((goal) => {
            const row = summed.get(goal)
            return {
              goal,
              posts: Number(row?.[1] ?? 0),
              items: Number(row?.[2] ?? 0),
              reach: Number(row?.[3] ?? 0),
              withReach: Number(row?.[4] ?? 0),
              engagement: Number(row?.[5] ?? 0),
              withEngagement: Number(row?.[6] ?? 0)
            }
          })
        }),
        Effect.orDie
      ),
    checkpoint,
    rebuild: (from) =>
      Effect.gen(function*() {
        if (isPostgres) yield* sql`SELECT pg_advisory_xact_lock(${appendLock})`
        const replay = new Replay()
        let events = 0
        let position = 0
        if (from === "start") {
          yield* sql`DELETE FROM dugnad_items`
          yield* sql`DELETE FROM dugnad_item_goals`
          yield* sql`DELETE FROM dugnad_post_results`
          yield* sql`DELETE FROM dugnad_post_goals`
          while (true) {
            // Read once each: no point filling the cache.
            const page = yield* readEvents(
              sql<EventRow>`SELECT ${columns} FROM dugnad_events
                WHERE position > ${position} ORDER BY position LIMIT ${rebuildPage}`,
              toRecordedTrusted
            )
            for (const entry of page) replay.add(entry)
            events += page.length
            if (page.length > 0) position = page[page.length - 1]!.position
            if (page.length < rebuildPage) break
          }
        } else {
          position = yield* checkpoint
          const touched = yield* sql<{ readonly workspace: string; readonly stream: string }>`SELECT DISTINCT
            workspace, stream FROM dugnad_events WHERE position > ${position}`
          for (const { stream, workspace } of touched) {
            const entries = yield* eventStore.readStream(workspace as WorkspaceId, stream as ItemId)
            for (const entry of entries) replay.add(entry)
            events += entries.length
            position = Math.max(position, entries[entries.length - 1]?.position ?? 0)
          }
        }
        yield* writeProjectionsInBulk(replay.projections(), from === "start" ? "empty" : "existing")
        if (position > 0) yield* setCheckpoint(position)
        return { events, items: replay.size, checkpoint: position }
      }).pipe(writeTransaction, Effect.orDie)
  }

  /** Many items at once, in multi-row statements: a rebuild writes every item of the log. */
  const deleteProjections = (slice: ReadonlyArray<ItemProjection>) =>
    Effect.forEach(["dugnad_post_goals", "dugnad_item_goals", "dugnad_post_results", "dugnad_items"], (table) =>
      sql`DELETE FROM ${sql(table)} WHERE ${
        sql.or(slice.map(({ summary }) => sql`(workspace = ${summary.workspace} AND item = ${summary.item})`))
      }`, { discard: true })

  const writeProjectionsInBulk = (projections: ReadonlyArray<ItemProjection>, into: "empty" | "existing") =>
    Effect.gen(function*() {
      const chunk = 200
      for (let start = 0; start < projections.length; start += chunk) {
        const slice = projections.slice(start, start + chunk)
        if (into === "existing") yield* deleteProjections(slice)
        yield* sql`INSERT INTO dugnad_items ${
          sql.insert(slice.map(({ summary }) => ({
            workspace: summary.workspace,
            item: summary.item,
            version: summary.version,
            stage: summary.stage,
            owner: summary.owner ?? null,
            updated_at: summary.updatedAt.epochMillis,
            data: encodeSummary(summary)
          })))
        }`
        const goals = slice.flatMap(({ summary }) =>
          summary.goals.map((goal) => ({ workspace: summary.workspace, goal, item: summary.item }))
        )
        if (goals.length > 0) yield* sql`INSERT INTO dugnad_item_goals ${sql.insert(goals)}`
        const posts = slice.flatMap(({ posts }) => posts.map(postRow))
        if (posts.length > 0) yield* sql`INSERT INTO dugnad_post_results ${sql.insert(posts)}`
        // The goal rows of the posts, made here rather than by joining the tables just written: an
        // OR of 200 items over that join made SQLite scan the growing results table per slice.
        const postGoals = slice.flatMap(postGoalRows)
        if (postGoals.length > 0) yield* sql`INSERT INTO dugnad_post_goals ${sql.insert(postGoals)}`
      }
    })

  const toMeetingEvent = (row: MeetingEventRow): RecordedMeetingEvent => ({
    workspace: row.workspace as WorkspaceId,
    meeting: row.meeting as MeetingId,
    version: Number(row.version),
    commandId: row.command_id as CommandId,
    event: decodeMeetingEvent(row.data)
  })
  const meetingColumns = sql.literal("workspace, meeting, version, command_id, data")

  const meetingStore: MeetingStoreService = {
    read: (workspace, meeting) =>
      sql<MeetingEventRow>`SELECT ${meetingColumns} FROM dugnad_meeting_events
        WHERE workspace = ${workspace} AND meeting = ${meeting} ORDER BY version`.pipe(
        Effect.map((rows) => rows.map(toMeetingEvent)),
        Effect.orDie
      ),
    list: (workspace) =>
      sql<{ readonly meeting: string }>`SELECT DISTINCT meeting FROM dugnad_meeting_events
        WHERE workspace = ${workspace} ORDER BY meeting`.pipe(
        Effect.map((rows) => rows.map((row) => row.meeting as MeetingId)),
        Effect.orDie
      ),
    eventsOfCommand: (workspace, commandId) =>
      sql<MeetingEventRow>`SELECT ${meetingColumns} FROM dugnad_meeting_events
        WHERE workspace = ${workspace} AND command_id = ${commandId} ORDER BY version`.pipe(
        Effect.map((rows) => rows.map(toMeetingEvent)),
        Effect.orDie
      ),
    append: (workspace, request) =>
      Effect.gen(function*() {
        const now = yield* DateTime.now
        const claimed = yield* sql`INSERT INTO dugnad_commands (workspace, command_id)
          VALUES (${workspace}, ${request.commandId}) ON CONFLICT DO NOTHING RETURNING command_id`
        if (claimed.length === 0) return yield* new DuplicateCommand({ workspace, commandId: request.commandId })
        const [current] = yield* sql<{ readonly version: number | string | null }>`SELECT MAX(version) AS version
          FROM dugnad_meeting_events WHERE workspace = ${workspace} AND meeting = ${request.meeting}`
        const actual = Number(current?.version ?? 0)
        if (actual !== request.expectedVersion) {
          return yield* new VersionConflict({ workspace, stream: request.meeting, expected: request.expectedVersion, actual })
        }
        const recorded = request.events.map((event, index): RecordedMeetingEvent => ({
          workspace,
          meeting: request.meeting,
          version: request.expectedVersion + index + 1,
          commandId: request.commandId,
          event
        }))
        if (recorded.length > 0) {
          yield* sql`INSERT INTO dugnad_meeting_events ${
            sql.insert(recorded.map(({ event, version }) => ({
              workspace,
              meeting: request.meeting,
              version,
              command_id: request.commandId,
              ...encodeMeetingEvent(event)
            })))
          }`
        }
        if (request.messages.length > 0) {
          yield* sql`INSERT INTO dugnad_outbox ${
            sql.insert(request.messages.map((message) => outboxRow(message, now)))
          } ON CONFLICT (id) DO NOTHING`
        }
        return recorded as ReadonlyArray<RecordedMeetingEvent>
      }).pipe(
        writeTransaction,
        Effect.catchTag("SqlError", (error) =>
          isConflict(error)
            ? Effect.fail(
              new VersionConflict({ workspace, stream: request.meeting, expected: request.expectedVersion, actual: -1 })
            )
            : Effect.die(error))
      )
  }

  return Context.make(EventStore, eventStore).pipe(
    Context.add(Outbox, outbox),
    Context.add(Directory, directory),
    Context.add(ReadModel, readModel),
    Context.add(MeetingStore, meetingStore)
  )
})

/** The PostgreSQL advisory lock key that serialises appends ("dugnad" in ASCII, shortened). */
const appendLock = 0x6475676e

/**
 * The store on the `SqlClient` in context; the schema must be migrated.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<EventStore | Outbox | ReadModel | Directory | MeetingStore, never, SqlClient.SqlClient> = Layer
  .effectContext(make)

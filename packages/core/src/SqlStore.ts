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
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
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
import { EventStore, type EventStoreService, type RecordedEvent } from "./EventStore.js"
import type { CommandId, ItemId, WorkspaceId } from "./Ids.js"
import { fromStored, toStored } from "./ItemEvent.js"
import { Goal, Member, normaliseHandle, Workspace } from "./Member.js"
import createStore from "./migrations/00001_create_store.js"
import { Notification } from "./Notification.js"
import { claimLease, type DeliveryStatus, Outbox, type OutboxEntry, type OutboxService } from "./Outbox.js"

/**
 * Brings the schema up to date. Safe to run from several processes at once.
 *
 * @since 0.1.0
 * @category migrations
 */
export const migrate = Migrator.make({})({
  loader: Migrator.fromRecord({ "00001_create_store": createStore }),
  table: "dugnad_migrations"
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

interface OutboxRow {
  readonly data: string
  readonly status: string
  readonly attempts: number | string
  readonly next_attempt_at: number | string
  readonly last_error: string | null
}

const encodeNotification = Schema.encodeSync(Schema.parseJson(Notification))
const decodeNotification = Schema.decodeSync(Schema.parseJson(Notification))
const encodeMember = Schema.encodeSync(Schema.parseJson(Member))
const decodeMember = Schema.decodeSync(Schema.parseJson(Member))
const encodeGoal = Schema.encodeSync(Schema.parseJson(Goal))
const decodeGoal = Schema.decodeSync(Schema.parseJson(Goal))
const encodeWorkspace = Schema.encodeSync(Schema.parseJson(Workspace))
const decodeWorkspace = Schema.decodeSync(Schema.parseJson(Workspace))

const toRecorded = (row: EventRow): RecordedEvent => {
  const event = fromStored({ type: row.type, version: Number(row.schema_version), data: JSON.parse(row.data) })
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

const toEntry = (row: OutboxRow): OutboxEntry => ({
  notification: decodeNotification(row.data),
  status: row.status as DeliveryStatus,
  attempts: Number(row.attempts),
  nextAttemptAt: DateTime.unsafeMake(Number(row.next_attempt_at)),
  lastError: row.last_error ?? undefined
})

const eventColumns = "position, workspace, stream, version, command_id, type, schema_version, data"

/**
 * Builds the three services on the `SqlClient` in context. Run {@link migrate} first.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const columns = sql.literal(eventColumns)
  const isPostgres = sql.onDialectOrElse({ pg: () => true, orElse: () => false })

  const readEvents = (statement: Effect.Effect<ReadonlyArray<EventRow>, SqlError>) =>
    statement.pipe(
      Effect.flatMap((rows) => Effect.try(() => rows.map(toRecorded))),
      Effect.orDie
    )

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
      Effect.gen(function*() {
        const now = yield* DateTime.now
        if (isPostgres) {
          // One writer at a time, so positions become visible in order and a reader that has
          // seen position n never later finds a smaller one.
          yield* sql`SELECT pg_advisory_xact_lock(${appendLock})`
        }
        const claimed = yield* sql`INSERT INTO dugnad_commands (workspace, command_id)
          VALUES (${workspace}, ${request.commandId}) ON CONFLICT DO NOTHING RETURNING command_id`
        if (claimed.length === 0) {
          return yield* new DuplicateCommand({ workspace, commandId: request.commandId })
        }
        const recorded: Array<RecordedEvent> = []
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
        for (const notification of request.notifications) {
          yield* sql`INSERT INTO dugnad_outbox (id, workspace, data, status, attempts, next_attempt_at)
            VALUES (${notification.id}, ${workspace}, ${encodeNotification(notification)}, 'pending', 0,
              ${now.epochMillis})
            ON CONFLICT (id) DO NOTHING`
        }
        return recorded as ReadonlyArray<RecordedEvent>
      }).pipe(
        sql.withTransaction,
        Effect.catchTag("SqlError", (error) =>
          isConflict(error)
            ? Effect.fail(
              new VersionConflict({
                workspace,
                stream: request.streams[0]?.stream ?? "",
                expected: request.streams[0]?.expectedVersion ?? 0,
                actual: -1
              })
            )
            : Effect.die(error))
      )
  }

  const outbox: OutboxService = {
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
        sql.withTransaction,
        Effect.catchTag("SqlError", (error) =>
          isConflict(error)
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

  return Context.make(EventStore, eventStore).pipe(Context.add(Outbox, outbox), Context.add(Directory, directory))
})

/** The PostgreSQL advisory lock key that serialises appends ("dugnad" in ASCII, shortened). */
const appendLock = 0x6475676e

/**
 * The store on the `SqlClient` in context; the schema must be migrated.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<EventStore | Outbox | Directory, never, SqlClient.SqlClient> = Layer.effectContext(make)

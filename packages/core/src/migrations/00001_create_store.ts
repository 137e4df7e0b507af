import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"

/**
 * The event log, command ids, outbox, directory and scheduler leases. The same schema on SQLite and
 * PostgreSQL; only the types of the ordered keys differ.
 */
export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const serial = sql.onDialectOrElse({
    pg: () => sql.literal("BIGSERIAL PRIMARY KEY"),
    orElse: () => sql.literal("INTEGER PRIMARY KEY AUTOINCREMENT")
  })
  const bigint = sql.onDialectOrElse({ pg: () => sql.literal("BIGINT"), orElse: () => sql.literal("INTEGER") })

  yield* sql`CREATE TABLE dugnad_events (
    position ${serial},
    workspace TEXT NOT NULL,
    stream TEXT NOT NULL,
    version INTEGER NOT NULL,
    command_id TEXT NOT NULL,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (workspace, stream, version)
  )`
  yield* sql`CREATE INDEX dugnad_events_by_workspace ON dugnad_events (workspace, position)`
  yield* sql`CREATE INDEX dugnad_events_by_command ON dugnad_events (workspace, command_id)`

  yield* sql`CREATE TABLE dugnad_commands (
    workspace TEXT NOT NULL,
    command_id TEXT NOT NULL,
    PRIMARY KEY (workspace, command_id)
  )`

  yield* sql`CREATE TABLE dugnad_outbox (
    seq ${serial},
    id TEXT NOT NULL UNIQUE,
    workspace TEXT NOT NULL,
    data TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at ${bigint} NOT NULL,
    claimed_until ${bigint},
    last_error TEXT
  )`
  yield* sql`CREATE INDEX dugnad_outbox_due ON dugnad_outbox (status, next_attempt_at)`
  yield* sql`CREATE INDEX dugnad_outbox_by_workspace ON dugnad_outbox (workspace, seq)`

  yield* sql`CREATE TABLE dugnad_workspaces (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL
  )`
  yield* sql`CREATE TABLE dugnad_members (
    workspace TEXT NOT NULL REFERENCES dugnad_workspaces (id),
    id TEXT NOT NULL,
    handle TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (workspace, id),
    UNIQUE (workspace, handle)
  )`
  yield* sql`CREATE TABLE dugnad_goals (
    workspace TEXT NOT NULL REFERENCES dugnad_workspaces (id),
    id TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (workspace, id)
  )`

  yield* sql`CREATE TABLE dugnad_leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at ${bigint} NOT NULL
  )`
})

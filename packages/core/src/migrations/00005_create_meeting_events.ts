import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"

/** Meeting series are streams of their own (issue 4), kept apart from items' events. */
export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const serial = sql.onDialectOrElse({
    pg: () => sql.literal("BIGSERIAL PRIMARY KEY"),
    orElse: () => sql.literal("INTEGER PRIMARY KEY AUTOINCREMENT")
  })
  yield* sql`CREATE TABLE dugnad_meeting_events (
    position ${serial},
    workspace TEXT NOT NULL,
    meeting TEXT NOT NULL,
    version INTEGER NOT NULL,
    command_id TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (workspace, meeting, version)
  )`
  yield* sql`CREATE INDEX dugnad_meeting_events_by_command ON dugnad_meeting_events (workspace, command_id)`
})

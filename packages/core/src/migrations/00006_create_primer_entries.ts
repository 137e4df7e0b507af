import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"

/** A workspace's own primer entries and overrides of built-in ones, per language (issue 4). */
export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE TABLE dugnad_primer_entries (
    workspace TEXT NOT NULL REFERENCES dugnad_workspaces (id),
    id TEXT NOT NULL,
    locale TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (workspace, id, locale)
  )`
})

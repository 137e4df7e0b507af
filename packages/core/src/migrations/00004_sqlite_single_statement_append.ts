import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import { ddl } from "../internal/sqliteAppend.js"

/** On SQLite an append is one INSERT into a view whose trigger does the writes (see `internal/sqliteAppend`). */
export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  yield* sql.onDialectOrElse({
    pg: () => Effect.void,
    orElse: () => Effect.forEach(ddl, (statement) => sql.unsafe(statement), { discard: true })
  })
})

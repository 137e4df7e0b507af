import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"

/** An item's goal rows are replaced on every append that touches the item: find them by item. */
export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE INDEX dugnad_item_goals_by_item ON dugnad_item_goals (workspace, item)`
})

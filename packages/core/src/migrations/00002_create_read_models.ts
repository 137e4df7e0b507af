import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"

/**
 * The read models: one summary row per item (the board), the goals it serves, one row per
 * published post with its latest numbers (the results index), and how far they are current.
 */
export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const bigint = sql.onDialectOrElse({ pg: () => sql.literal("BIGINT"), orElse: () => sql.literal("INTEGER") })

  yield* sql`CREATE TABLE dugnad_items (
    workspace TEXT NOT NULL,
    item TEXT NOT NULL,
    version INTEGER NOT NULL,
    stage TEXT NOT NULL,
    owner TEXT,
    updated_at ${bigint} NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (workspace, item)
  )`
  yield* sql`CREATE INDEX dugnad_items_by_update ON dugnad_items (workspace, updated_at)`
  yield* sql`CREATE TABLE dugnad_item_goals (
    workspace TEXT NOT NULL,
    goal TEXT NOT NULL,
    item TEXT NOT NULL,
    PRIMARY KEY (workspace, goal, item)
  )`
  yield* sql`CREATE TABLE dugnad_post_results (
    workspace TEXT NOT NULL,
    item TEXT NOT NULL,
    network TEXT NOT NULL,
    published_at ${bigint} NOT NULL,
    captured_at ${bigint},
    reach ${bigint},
    impressions ${bigint},
    reactions ${bigint},
    comments ${bigint},
    shares ${bigint},
    saves ${bigint},
    clicks ${bigint},
    video_views ${bigint},
    data TEXT NOT NULL,
    PRIMARY KEY (workspace, item, network)
  )`
  yield* sql`CREATE INDEX dugnad_post_results_by_network ON dugnad_post_results (workspace, network, published_at)`
  yield* sql`CREATE TABLE dugnad_checkpoints (
    name TEXT PRIMARY KEY,
    position ${bigint} NOT NULL
  )`
})

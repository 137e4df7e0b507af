import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import { ddlWithPostGoals } from "../internal/sqliteAppend.js"

/**
 * The goal totals of a post's context summed one goal at a time from an index range, instead of
 * looking up every window post's goals (issue 5: with 100,000 posts in one workspace that lookup
 * was most of the query). One row per post and goal its item serves, with the figures the totals
 * sum; written wherever posts and goals are, and filled here from what is stored.
 */
export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const bigint = sql.onDialectOrElse({ pg: () => sql.literal("BIGINT"), orElse: () => sql.literal("INTEGER") })
  yield* sql`CREATE TABLE dugnad_post_goals (
    workspace TEXT NOT NULL,
    goal TEXT NOT NULL,
    item TEXT NOT NULL,
    network TEXT NOT NULL,
    published_at ${bigint} NOT NULL,
    reach ${bigint},
    reactions ${bigint},
    comments ${bigint},
    shares ${bigint},
    PRIMARY KEY (workspace, goal, item, network)
  )`
  yield* sql`CREATE INDEX dugnad_post_goals_window
    ON dugnad_post_goals (workspace, goal, published_at, item, reach, reactions, comments, shares)`
  yield* sql`CREATE INDEX dugnad_post_goals_by_item ON dugnad_post_goals (workspace, item)`
  // Joining posts to their goals must find an item's goals by item. Without the goal in the index,
  // SQLite prefers the covering primary key (workspace, goal, item) and scans every goal row of the
  // workspace for each post: quadratic in a big workspace.
  yield* sql`DROP INDEX dugnad_item_goals_by_item`
  yield* sql`CREATE INDEX dugnad_item_goals_by_item ON dugnad_item_goals (workspace, item, goal)`
  yield* sql`INSERT INTO dugnad_post_goals (workspace, goal, item, network, published_at, reach, reactions, comments, shares)
    SELECT p.workspace, g.goal, p.item, p.network, p.published_at, p.reach, p.reactions, p.comments, p.shares
    FROM dugnad_post_results p JOIN dugnad_item_goals g ON g.workspace = p.workspace AND g.item = p.item`
  yield* sql.onDialectOrElse({
    pg: () => Effect.void,
    orElse: () => Effect.forEach(ddlWithPostGoals, (statement) => sql.unsafe(statement), { discard: true })
  })
})

import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"

/**
 * The results context reads a window of posts: one network's, and every network's (for the goal
 * totals). Both indexes hold the columns it reads, so the window is read from the index alone,
 * without a lookup of each row (half the time on SQLite). The new network index replaces the one
 * of 00002, which it extends.
 */
export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  const slim = sql.literal("item, reach, impressions, reactions, comments, shares, saves, clicks, video_views")
  yield* sql`DROP INDEX dugnad_post_results_by_network`
  yield* sql`CREATE INDEX dugnad_post_results_network_window
    ON dugnad_post_results (workspace, network, published_at, ${slim})`
  yield* sql`CREATE INDEX dugnad_post_results_window
    ON dugnad_post_results (workspace, published_at, network, ${slim})`
})

/**
 * SQLite appends as one statement. Issue #3 asks for appends that are single statements (or
 * `BEGIN IMMEDIATE`, which `@effect/sql-sqlite-node` cannot issue): a single write statement takes
 * the write lock before it reads, so two processes on one file queue on the busy timeout instead of
 * failing, and it needs no BEGIN/COMMIT round trips through the SQL client, whose per-statement
 * cost was most of an append's.
 *
 * The whole append travels as one JSON document into the table `dugnad_appends`. Its BEFORE
 * INSERT trigger claims the command id, checks every stream's version, and writes the events, the
 * read models, the checkpoint and the outbox rows; the statement's RETURNING clause reads back the
 * new events' positions, and an AFTER INSERT trigger deletes the document again. A failed check
 * aborts the statement, so nothing is half-written. PostgreSQL keeps its multi-statement
 * transaction (see `SqlStore.append`).
 */
import type * as DateTime from "effect/DateTime"
import type { AppendRequest } from "../EventStore.js"
import type { WorkspaceId } from "../Ids.js"
import { toStored } from "../ItemEvent.js"
import type { Notification } from "../Notification.js"
import type { ItemSummary, PostResult } from "../Projection.js"

/** The messages the trigger aborts with; the store turns them into typed errors. */
export const duplicateCommand = "dugnad:duplicate-command"
export const versionConflict = "dugnad:version-conflict"

const w = "NEW.request ->> '$.workspace'"
const c = "NEW.request ->> '$.command'"

/** The writes of an append, in order, as the trigger of migration 00004 made them. */
const appendStatementsV1 = `
  SELECT RAISE(ABORT, '${duplicateCommand}') WHERE EXISTS (SELECT 1 FROM dugnad_commands
    WHERE workspace = ${w} AND command_id = ${c});
  INSERT INTO dugnad_commands (workspace, command_id) VALUES (${w}, ${c});
  SELECT RAISE(ABORT, '${versionConflict}') FROM json_each(NEW.request, '$.streams') AS s
    WHERE (SELECT COALESCE(MAX(version), 0) FROM dugnad_events
      WHERE workspace = ${w} AND stream = s.value ->> '$.stream') <> s.value ->> '$.expected';
  INSERT INTO dugnad_events (workspace, stream, version, command_id, type, schema_version, data)
    SELECT ${w}, e.value ->> '$.stream', e.value ->> '$.version', ${c}, e.value ->> '$.type',
      e.value ->> '$.schemaVersion', e.value -> '$.data'
    FROM json_each(NEW.request, '$.events') AS e ORDER BY e.key;
  INSERT INTO dugnad_items (workspace, item, version, stage, owner, updated_at, data)
    SELECT ${w}, i.value ->> '$.item', i.value ->> '$.version', i.value ->> '$.stage', i.value ->> '$.owner',
      i.value ->> '$.updatedAt', i.value -> '$.data'
    FROM json_each(NEW.request, '$.items') AS i WHERE true
    ON CONFLICT (workspace, item) DO UPDATE SET version = excluded.version, stage = excluded.stage,
      owner = excluded.owner, updated_at = excluded.updated_at, data = excluded.data;
  DELETE FROM dugnad_item_goals
    WHERE workspace = ${w} AND item IN (SELECT value FROM json_each(NEW.request, '$.goalsOf'));
  INSERT INTO dugnad_item_goals (workspace, goal, item)
    SELECT ${w}, g.value ->> '$.goal', g.value ->> '$.item' FROM json_each(NEW.request, '$.goals') AS g;
  DELETE FROM dugnad_post_results
    WHERE workspace = ${w} AND item IN (SELECT value FROM json_each(NEW.request, '$.postsOf'));
  INSERT INTO dugnad_post_results (workspace, item, network, published_at, captured_at, reach, impressions,
      reactions, comments, shares, saves, clicks, video_views, data)
    SELECT ${w}, p.value ->> '$.item', p.value ->> '$.network', p.value ->> '$.publishedAt',
      p.value ->> '$.capturedAt', p.value ->> '$.metrics.reach', p.value ->> '$.metrics.impressions', p.value ->> '$.metrics.reactions',
      p.value ->> '$.metrics.comments', p.value ->> '$.metrics.shares', p.value ->> '$.metrics.saves', p.value ->> '$.metrics.clicks',
      p.value ->> '$.metrics.videoViews', p.value -> '$.data'
    FROM json_each(NEW.request, '$.posts') AS p;
  INSERT INTO dugnad_checkpoints (name, position)
    SELECT 'read-models', MAX(position) FROM dugnad_events WHERE workspace = ${w} AND command_id = ${c}
    GROUP BY command_id
    ON CONFLICT (name) DO UPDATE SET position = excluded.position;
  INSERT INTO dugnad_outbox (id, workspace, data, status, attempts, next_attempt_at)
    SELECT o.value ->> '$.id', ${w}, o.value -> '$.data', 'pending', 0, NEW.request ->> '$.now'
    FROM json_each(NEW.request, '$.outbox') AS o WHERE true
    ON CONFLICT (id) DO NOTHING;`

/**
 * Migration 00008 adds the goal rows of posts (`dugnad_post_goals`, one per post and goal the
 * item serves), which `ReadModel.goalTotals` sums from one index range per goal: they are
 * rewritten for every item whose goals or posts the append changed.
 */
const postGoalStatements = `
  DELETE FROM dugnad_post_goals WHERE workspace = ${w} AND item IN (
    SELECT value FROM json_each(NEW.request, '$.goalsOf') UNION SELECT value FROM json_each(NEW.request, '$.postsOf'));
  INSERT INTO dugnad_post_goals (workspace, goal, item, network, published_at, reach, reactions, comments, shares)
    SELECT p.workspace, g.goal, p.item, p.network, p.published_at, p.reach, p.reactions, p.comments, p.shares
    FROM dugnad_post_results p JOIN dugnad_item_goals g ON g.workspace = p.workspace AND g.item = p.item
    WHERE p.workspace = ${w} AND p.item IN (
      SELECT value FROM json_each(NEW.request, '$.goalsOf') UNION SELECT value FROM json_each(NEW.request, '$.postsOf'));`

const trigger = (statements: string) =>
  `CREATE TRIGGER dugnad_append BEFORE INSERT ON dugnad_appends BEGIN${statements}
END`

/** The table and its triggers (migration 00004, SQLite only). */
export const ddl: ReadonlyArray<string> = [
  "CREATE TABLE dugnad_appends (id INTEGER PRIMARY KEY, request TEXT NOT NULL)",
  trigger(appendStatementsV1),
  "CREATE TRIGGER dugnad_append_done AFTER INSERT ON dugnad_appends BEGIN DELETE FROM dugnad_appends WHERE id = NEW.id; END"
]

/** The trigger again, now also writing the posts' goal rows (migration 00008, SQLite only). */
export const ddlWithPostGoals: ReadonlyArray<string> = [
  "DROP TRIGGER dugnad_append",
  trigger(appendStatementsV1 + postGoalStatements)
]

/** The append: one statement, answering with the JSON array of the new events' positions, in order. */
export const appendStatement = `INSERT INTO dugnad_appends (request) VALUES (?)
  RETURNING (SELECT json_group_array(position) FROM (SELECT position FROM dugnad_events
    WHERE workspace = request ->> '$.workspace' AND command_id = request ->> '$.command' ORDER BY position))
  AS positions`

/** How the SQL stores keep a summary and a post result: plain JSON, times as epoch milliseconds. */
export const summaryData = (summary: ItemSummary) => ({
  ...summary,
  submittedAt: summary.submittedAt.epochMillis,
  updatedAt: summary.updatedAt.epochMillis
})
export const postData = (post: PostResult) => ({
  ...post,
  publishedAt: post.publishedAt.epochMillis,
  capturedAt: post.capturedAt?.epochMillis
})

/**
 * The append request as the trigger's JSON document. Goal rows are rewritten only when the append
 * submits or edits an idea, post rows only when it publishes or records results: a comment or an
 * approval writes the summary alone.
 */
export const requestJson = (
  workspace: WorkspaceId,
  request: AppendRequest,
  now: DateTime.Utc,
  encodeNotification: (notification: Notification) => unknown
): string => {
  const eventData = new Map<unknown, unknown>()
  const events: Array<unknown> = []
  const tagsOf = new Map<string, Set<string>>()
  for (const append of request.streams) {
    const tags = tagsOf.get(append.stream) ?? new Set<string>()
    tagsOf.set(append.stream, tags)
    append.events.forEach((event, index) => {
      const stored = toStored(event)
      eventData.set(event, stored.data)
      tags.add(event._tag)
      events.push({
        stream: append.stream,
        version: append.expectedVersion + index + 1,
        type: stored.type,
        schemaVersion: stored.version,
        data: stored.data
      })
    })
  }
  const goalsOf: Array<string> = []
  const goals: Array<unknown> = []
  const postsOf: Array<string> = []
  const posts: Array<unknown> = []
  const items = request.projections.map(({ posts: itemPosts, summary }) => {
    const tags = tagsOf.get(summary.item)
    if (tags?.has("IdeaSubmitted") || tags?.has("IdeaEdited")) {
      goalsOf.push(summary.item)
      for (const goal of summary.goals) goals.push({ goal, item: summary.item })
    }
    if (tags?.has("PostPublished") || tags?.has("ResultsRecorded")) {
      postsOf.push(summary.item)
      for (const post of itemPosts) {
        posts.push({
          item: post.item,
          network: post.network,
          publishedAt: post.publishedAt.epochMillis,
          capturedAt: post.capturedAt?.epochMillis,
          metrics: post.metrics,
          data: postData(post)
        })
      }
    }
    return {
      item: summary.item,
      version: summary.version,
      stage: summary.stage,
      owner: summary.owner,
      updatedAt: summary.updatedAt.epochMillis,
      data: summaryData(summary)
    }
  })
  const outbox = request.notifications.map((notification) => {
    const data = eventData.get(notification.event)
    return {
      id: notification.id,
      data: data === undefined ? encodeNotification(notification) : {
        id: notification.id,
        workspace: notification.workspace,
        item: notification.item,
        version: notification.version,
        audience: notification.audience,
        event: data
      }
    }
  })
  return JSON.stringify({
    workspace,
    command: request.commandId,
    now: now.epochMillis,
    streams: request.streams.map((append) => ({ stream: append.stream, expected: append.expectedVersion })),
    events,
    items,
    goalsOf,
    goals,
    postsOf,
    posts,
    outbox
  })
}

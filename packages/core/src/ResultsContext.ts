/**
 * Results in context: how a published post did next to the same network's other posts of its
 * workspace, so that the people who helped hear more than a bare number (DESIGN §1.9).
 *
 * - **Window**: the posts of the same workspace and network published in
 *   `[publishedAt − windowDays, publishedAt]`, both ends included (default 90 days). It trails the
 *   post's own publication, not today: asking again next month gives the same set of posts (only
 *   their numbers may have grown), and an old post is still compared with what came before it.
 * - **The post is one of them**: it is ranked among the window's posts, rank 1 being the best.
 * - **Engagement** = reactions + comments + shares. A post with none of the three recorded has no
 *   engagement (it is not a zero); one with at least one recorded counts the others as 0, since a
 *   network's export or a hand-typed result leaves out what it does not have.
 * - **Engagement rate** = engagement ÷ reach, only with reach > 0. Reach (people) rather than
 *   impressions (views, one person counting several times, counted differently per network):
 *   the rate is "of the people who saw it, how many took part".
 * - Each metric is judged on its own, over the posts that have it ("comparable" posts, this one
 *   included): this post without the metric is `Missing`; fewer than {@link minComparable}
 *   comparable posts is `ThinHistory` (said rather than ranked); else `Ranked`:
 *   - **rank**: competition ranking ("1224"): 1 + the number of posts with a strictly higher
 *     value, so tied posts share a rank and "3rd of 10" always means two did better;
 *   - **percentile**: the share of the *other* comparable posts this one did better than, a tie
 *     counting half, × 100: the best is 100, the worst 0, all tied 50;
 *   - **median** of the comparable posts' values (this one included; the mean of the middle two
 *     for an even count), and **ratioToMedian** = value ÷ median (undefined when the median is 0).
 * - **Best recent post**: the highest engagement in the window other than this post; a tie goes
 *   to the most recent (then the lower item id). Undefined when no other post has engagement.
 * - **Goal totals**: for each goal this post serves, over the same window but every network (this
 *   post included): posts, distinct items, and reach and engagement summed over the posts that
 *   have them (with how many do, so that a total from few posts is not taken for more).
 * - **Numbers** are each post's latest snapshot. A post asked about at its +2-day check-in meets
 *   older posts' +7-day numbers, so it is judged early; compare at the same check-in.
 *
 * `contextOf` and `goalTotalsOf` are the pure core; `contextFor` reads what it needs from the
 * `ReadModel`.
 *
 * @since 0.1.0
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { Network } from "./Draft.js"
import { InvalidCommand, UnknownItem } from "./Errors.js"
import { type GoalId, ItemId, type WorkspaceId } from "./Ids.js"
import { Stage } from "./Item.js"
import type { Metrics } from "./ItemEvent.js"
import { type GoalTotals, type PostRow, ReadModel } from "./ReadModel.js"

/**
 * How far back the window reaches when no `windowDays` is given.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultWindowDays = 90

/**
 * The fewest comparable posts (this one included) that are ranked; below it, `ThinHistory`.
 *
 * @since 0.1.0
 * @category constants
 */
export const minComparable = 5

/**
 * The longest window asked for (ten years).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxWindowDays = 3650

/**
 * Where the post stands among the comparable posts on one metric.
 *
 * @since 0.1.0
 * @category model
 */
export interface Ranked {
  readonly _tag: "Ranked"
  readonly value: number
  /** 1 = best; tied posts share a rank ("1224"). */
  readonly rank: number
  /** The comparable posts, this one included. */
  readonly of: number
  /** 0–100: the share of the other comparable posts it did better than, a tie counting half. */
  readonly percentile: number
  readonly median: number
  /** `value ÷ median`; undefined when the median is 0. */
  readonly ratioToMedian: number | undefined
}

/**
 * Too few comparable posts to rank honestly (fewer than {@link minComparable}, this one included).
 *
 * @since 0.1.0
 * @category model
 */
export interface ThinHistory {
  readonly _tag: "ThinHistory"
  readonly value: number
  /** The comparable posts, this one included. */
  readonly comparable: number
}

/**
 * The post has no value for this metric (not recorded yet, or the network does not report it).
 * `comparable` counts the window's other posts that have it.
 *
 * @since 0.1.0
 * @category model
 */
export interface Missing {
  readonly _tag: "Missing"
  readonly comparable: number
}

/**
 * The post's standing on one metric.
 *
 * @since 0.1.0
 * @category model
 */
export type Standing = Ranked | ThinHistory | Missing

/**
 * The window's best post by engagement, other than the post in question.
 *
 * @since 0.1.0
 * @category model
 */
export interface BestPost {
  readonly item: ItemId
  readonly publishedAt: DateTime.Utc
  readonly engagement: number
  readonly reach: number | undefined
}

/**
 * One post of the window on the post's network, as a chart plots it.
 *
 * @since 0.1.0
 * @category model
 */
export interface ContextPoint {
  readonly item: ItemId
  readonly publishedAt: DateTime.Utc
  readonly reach: number | undefined
  readonly engagement: number | undefined
  readonly engagementRate: number | undefined
  /** Whether this is the post the context is for. */
  readonly thisPost: boolean
}

/**
 * The window: `[from, until]`, both included, `until` being the post's publication.
 *
 * @since 0.1.0
 * @category model
 */
export interface ContextWindow {
  readonly days: number
  readonly from: DateTime.Utc
  readonly until: DateTime.Utc
}

/**
 * A post's results in context. Structured values only: the wording is the adapters'.
 *
 * @since 0.1.0
 * @category model
 */
export interface PostContext {
  readonly item: ItemId
  readonly network: Network
  readonly publishedAt: DateTime.Utc
  /** The post's own latest numbers. */
  readonly metrics: Metrics
  readonly window: ContextWindow
  readonly reach: Standing
  readonly engagement: Standing
  readonly engagementRate: Standing
  readonly best: BestPost | undefined
  /** One entry per goal the post serves, in the idea's order, over the window on every network. */
  readonly goals: ReadonlyArray<GoalTotals>
  /** The window's posts on this network, this one included, in publication order (for a chart). */
  readonly posts: ReadonlyArray<ContextPoint>
}

/**
 * How to put a post in context.
 *
 * @since 0.1.0
 * @category model
 */
export interface ContextOptions {
  /**
   * How many days back the window reaches: a whole number from 1 to {@link maxWindowDays} (default
   * {@link defaultWindowDays}).
   */
  readonly windowDays?: number | undefined
}

/**
 * Reactions + comments + shares; undefined when none of the three is recorded.
 *
 * @since 0.1.0
 * @category metrics
 */
export const engagementOf = (metrics: Metrics): number | undefined =>
  metrics.reactions === undefined && metrics.comments === undefined && metrics.shares === undefined
    ? undefined
    : (metrics.reactions ?? 0) + (metrics.comments ?? 0) + (metrics.shares ?? 0)

/**
 * Engagement ÷ reach; undefined without engagement or without reach > 0.
 *
 * @since 0.1.0
 * @category metrics
 */
export const engagementRateOf = (metrics: Metrics): number | undefined => {
  const engagement = engagementOf(metrics)
  return engagement === undefined || metrics.reach === undefined || metrics.reach === 0
    ? undefined
    : engagement / metrics.reach
}

/**
 * The window of a post published at `publishedAt`.
 *
 * @since 0.1.0
 * @category context
 */
export const windowOf = (publishedAt: DateTime.Utc, days: number): ContextWindow => ({
  days,
  from: DateTime.subtract(publishedAt, { days }),
  until: publishedAt
})

/**
 * A value's standing among the values of the other comparable posts (those that have the metric;
 * without this one). `value` undefined gives `Missing`.
 *
 * @since 0.1.0
 * @category context
 */
export const standingOf = (value: number | undefined, others: ReadonlyArray<number>): Standing => {
  if (value === undefined) return { _tag: "Missing", comparable: others.length }
  const of = others.length + 1
  if (of < minComparable) return { _tag: "ThinHistory", value, comparable: of }
  let higher = 0
  let tied = 0
  for (const other of others) {
    if (other > value) higher++
    else if (other === value) tied++
  }
  const lower = others.length - higher - tied
  const sorted = [...others, value].sort((left, right) => left - right)
  const middle = of >> 1
  const median = of % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
  return {
    _tag: "Ranked",
    value,
    rank: higher + 1,
    of,
    // × 100 before dividing, so that hand-computed shares come out exact (3 of 5 is 60, not 60.000…1).
    percentile: ((lower + tied / 2) * 100) / others.length,
    median,
    ratioToMedian: median === 0 ? undefined : value / median
  }
}

const byPublication = (left: ContextPoint, right: ContextPoint) =>
  left.publishedAt.epochMillis - right.publishedAt.epochMillis ||
  (left.item < right.item ? -1 : left.item > right.item ? 1 : 0)

const pointOf = (row: PostRow, thisPost: boolean): ContextPoint => ({
  item: row.item,
  publishedAt: row.publishedAt,
  reach: row.metrics.reach,
  engagement: engagementOf(row.metrics),
  engagementRate: engagementRateOf(row.metrics),
  thisPost
})

/** Higher engagement wins; a tie goes to the more recent post, then to the lower item id. */
const beats = (point: ContextPoint, engagement: number, best: BestPost | undefined) =>
  best === undefined || engagement > best.engagement ||
  (engagement === best.engagement &&
    (point.publishedAt.epochMillis > best.publishedAt.epochMillis ||
      (point.publishedAt.epochMillis === best.publishedAt.epochMillis && point.item < best.item)))

/**
 * The totals of `goals` over `posts` (the posts of a window, every network; each with all the
 * goals it serves): for each goal in turn, the posts serving it, their distinct items, and reach
 * and engagement summed over the posts that have them. This is the definition the stores'
 * `ReadModel.goalTotals` follows.
 *
 * @since 0.1.0
 * @category context
 */
export const goalTotalsOf = (
  goals: ReadonlyArray<GoalId>,
  posts: ReadonlyArray<PostRow & { readonly goals: ReadonlyArray<GoalId> }>
): ReadonlyArray<GoalTotals> =>
  goals.map((goal) => {
    const items = new Set<ItemId>()
    const totals = { goal, posts: 0, items: 0, reach: 0, withReach: 0, engagement: 0, withEngagement: 0 }
    for (const post of posts) {
      if (!post.goals.includes(goal)) continue
      totals.posts++
      items.add(post.item)
      if (post.metrics.reach !== undefined) {
        totals.reach += post.metrics.reach
        totals.withReach++
      }
      const engagement = engagementOf(post.metrics)
      if (engagement !== undefined) {
        totals.engagement += engagement
        totals.withEngagement++
      }
    }
    return { ...totals, items: items.size }
  })

/**
 * A post's results in context. `comparable` may hold any posts of the workspace (other networks
 * and posts outside the window are left out, as the definitions say), at most one per item and
 * network; a row of the post itself is replaced by `post`. `goals` are the totals of the goals it
 * serves over its window (`goalTotalsOf`), passed through.
 *
 * @since 0.1.0
 * @category context
 */
export const contextOf = (
  post: PostRow,
  comparable: ReadonlyArray<PostRow>,
  goals: ReadonlyArray<GoalTotals>,
  options: ContextOptions = {}
): PostContext => {
  const window = windowOf(post.publishedAt, options.windowDays ?? defaultWindowDays)
  const from = window.from.epochMillis
  const until = window.until.epochMillis
  const self = pointOf(post, true)
  const points: Array<ContextPoint> = [self]
  const reach: Array<number> = []
  const engagement: Array<number> = []
  const rate: Array<number> = []
  let best: BestPost | undefined
  for (const row of comparable) {
    const at = row.publishedAt.epochMillis
    if (at < from || at > until || row.network !== post.network || row.item === post.item) continue
    const point = pointOf(row, false)
    points.push(point)
    if (point.reach !== undefined) reach.push(point.reach)
    if (point.engagementRate !== undefined) rate.push(point.engagementRate)
    if (point.engagement === undefined) continue
    engagement.push(point.engagement)
    if (beats(point, point.engagement, best)) {
      best = { item: point.item, publishedAt: point.publishedAt, engagement: point.engagement, reach: point.reach }
    }
  }
  return {
    item: post.item,
    network: post.network,
    publishedAt: post.publishedAt,
    metrics: post.metrics,
    window,
    reach: standingOf(self.reach, reach),
    engagement: standingOf(self.engagement, engagement),
    engagementRate: standingOf(self.engagementRate, rate),
    best,
    goals,
    posts: points.sort(byPublication)
  }
}

/**
 * The item has no post on that network (not published yet, or published elsewhere only).
 *
 * @since 0.1.0
 * @category errors
 */
export class NotPublished extends Schema.TaggedError<NotPublished>()("NotPublished", {
  item: ItemId,
  network: Network,
  stage: Stage,
  /** The networks it is published on. */
  publishedOn: Schema.Array(Network)
}) {}

/**
 * The results context of an item's post on a network, from the read model: the post (by key),
 * its network's window (slim rows from a covering index), and the totals of its goals over the
 * window (summed by the store). Fails with `UnknownItem`, `NotPublished`, or `InvalidCommand`
 * (field `windowDays`) for a window that is not a whole number of days from 1 to
 * {@link maxWindowDays}.
 *
 * @since 0.1.0
 * @category queries
 */
export const contextFor = Effect.fn("ResultsContext.contextFor")(function*(
  workspace: WorkspaceId,
  item: ItemId,
  network: Network,
  options: ContextOptions = {}
) {
  const days = options.windowDays ?? defaultWindowDays
  if (!Number.isInteger(days) || days < 1 || days > maxWindowDays) {
    return yield* new InvalidCommand({ command: "ResultsContext", field: "windowDays", reason: "not_allowed" })
  }
  const readModel = yield* ReadModel
  const found = yield* readModel.publishedPost(workspace, item, network)
  if (found === undefined) return yield* new UnknownItem({ workspace, item })
  const post = found.post
  if (post === undefined) {
    return yield* new NotPublished({ item, network, stage: found.stage, publishedOn: found.publishedOn })
  }
  const { from, until } = windowOf(post.publishedAt, days)
  // One read after the other: concurrent reads (forked fibers) kept the window's rows alive past
  // the query, and the garbage collector's copying of them doubled the p99 on SQLite.
  const comparable = yield* readModel.postWindow(workspace, { network, from, until })
  const goals = found.goals.length === 0
    ? []
    : yield* readModel.goalTotals(workspace, { from, until, goals: found.goals })
  return contextOf(post, comparable, goals, { windowDays: days })
})

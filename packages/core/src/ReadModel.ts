/**
 * The read-model port: the board (one summary per item) and the results index (one row per
 * published post with its latest numbers), kept current in the same transaction as the events,
 * and rebuildable from the event log. The in-memory read model comes with `EventStore.layerMemory`
 * and the SQL one with the SQL stores.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as DateTime from "effect/DateTime"
import type * as Effect from "effect/Effect"
import type { Network } from "./Draft.js"
import type { GoalId, ItemId, MemberId, WorkspaceId } from "./Ids.js"
import type { Stage } from "./Item.js"
import type { Metrics } from "./ItemEvent.js"
import type { ItemSummary, PostResult } from "./Projection.js"

/**
 * Which cards to show. Every given criterion must hold.
 *
 * @since 0.1.0
 * @category model
 */
export interface BoardFilter {
  readonly goal?: GoalId | undefined
  readonly owner?: MemberId | undefined
  readonly stage?: Stage | undefined
}

/**
 * Which posts to list: one network's, published since a time.
 *
 * @since 0.1.0
 * @category model
 */
export interface ResultsFilter {
  readonly network?: Network | undefined
  readonly publishedSince?: DateTime.Utc | undefined
}

/**
 * One published post as the results context reads it: its latest numbers, straight from the
 * metric columns (no URL, no capture time, nothing to decode).
 *
 * @since 0.1.0
 * @category model
 */
export interface PostRow {
  readonly item: ItemId
  readonly network: Network
  readonly publishedAt: DateTime.Utc
  readonly metrics: Metrics
}

/**
 * An item's stage and goals, where it is published, and its post on one network.
 *
 * @since 0.1.0
 * @category model
 */
export interface PostLookup {
  readonly stage: Stage
  /** In the idea's order. */
  readonly goals: ReadonlyArray<GoalId>
  /** The networks it has a post on, in the order of `Draft.networks`. */
  readonly publishedOn: ReadonlyArray<Network>
  /** Its post on the network asked about; undefined when it has none there. */
  readonly post: PostRow | undefined
}

/**
 * Which posts to read: those published from `from` to `until` (both included), on one network if
 * given.
 *
 * @since 0.1.0
 * @category model
 */
export interface PostWindowFilter {
  readonly from: DateTime.Utc
  readonly until: DateTime.Utc
  readonly network?: Network | undefined
}

/**
 * Which goals to total, over the posts (every network) published from `from` to `until` (both
 * included).
 *
 * @since 0.1.0
 * @category model
 */
export interface GoalTotalsFilter {
  readonly from: DateTime.Utc
  readonly until: DateTime.Utc
  readonly goals: ReadonlyArray<GoalId>
}

/**
 * What a window's posts did for one goal (see `ResultsContext.goalTotalsOf`, which defines it).
 *
 * @since 0.1.0
 * @category model
 */
export interface GoalTotals {
  readonly goal: GoalId
  /** Network posts serving the goal (an item on two networks counts twice). */
  readonly posts: number
  /** Distinct items among them. */
  readonly items: number
  /** Sum of reach over the `withReach` posts that have it. */
  readonly reach: number
  readonly withReach: number
  /** Sum of engagement over the `withEngagement` posts that have it. */
  readonly engagement: number
  readonly withEngagement: number
}

/**
 * What a rebuild did.
 *
 * @since 0.1.0
 * @category model
 */
export interface RebuildReport {
  readonly events: number
  readonly items: number
  /** The log position the read models are now current up to. */
  readonly checkpoint: number
}

/**
 * What a read model does.
 *
 * @since 0.1.0
 * @category port
 */
export interface ReadModelService {
  /** The workspace's cards matching the filter, most recently changed first. */
  readonly board: (workspace: WorkspaceId, filter: BoardFilter) => Effect.Effect<ReadonlyArray<ItemSummary>>
  /** The workspace's published posts matching the filter, newest first. */
  readonly results: (workspace: WorkspaceId, filter: ResultsFilter) => Effect.Effect<ReadonlyArray<PostResult>>
  /**
   * An item's stage and goals, the networks it is published on, and its post on `network`;
   * `undefined` when the workspace has no such item. Found by key.
   */
  readonly publishedPost: (
    workspace: WorkspaceId,
    item: ItemId,
    network: Network
  ) => Effect.Effect<PostLookup | undefined>
  /**
   * The workspace's posts matching the filter, oldest first (then by item and network), as slim
   * rows, read from a covering index: `(workspace, network, published_at, …)` with a network,
   * `(workspace, published_at, …)` without one.
   */
  readonly postWindow: (workspace: WorkspaceId, filter: PostWindowFilter) => Effect.Effect<ReadonlyArray<PostRow>>
  /**
   * For each goal asked (in that order), the totals over the posts of the window serving it, zeros
   * when none does. Summed by the store: the window walked in the covering index, each post's
   * goals looked up by key.
   */
  readonly goalTotals: (workspace: WorkspaceId, filter: GoalTotalsFilter) => Effect.Effect<ReadonlyArray<GoalTotals>>
  /** The log position the read models are current up to. */
  readonly checkpoint: Effect.Effect<number>
  /**
   * Re-derives the read models from the event log: from scratch, or only for the items with
   * events after the checkpoint (catching up after a crash or an upgrade).
   */
  readonly rebuild: (from: "start" | "checkpoint") => Effect.Effect<RebuildReport>
}

/**
 * The read-model port.
 *
 * @since 0.1.0
 * @category port
 */
export class ReadModel extends Context.Tag("@dugnad/core/ReadModel")<ReadModel, ReadModelService>() {}

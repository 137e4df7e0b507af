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
import type { GoalId, MemberId, WorkspaceId } from "./Ids.js"
import type { Stage } from "./Item.js"
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

/**
 * Read models derived from an item's state: its card on the board and the results of its posts.
 * Pure; stores keep them up to date in the same transaction as the events, and can rebuild them
 * from the log.
 *
 * @since 0.1.0
 */
import type * as DateTime from "effect/DateTime"
import type { Network } from "./Draft.js"
import type { GoalId, ItemId, MeetingId, MemberId, WorkspaceId } from "./Ids.js"
import {
  type ItemState,
  latestRevision,
  missingApprovals,
  openObjections,
  type Stage,
  undecidedSuggestions,
  workOf
} from "./Item.js"
import type { Metrics } from "./ItemEvent.js"

/**
 * An item's card on the board.
 *
 * @since 0.1.0
 * @category model
 */
export interface ItemSummary {
  readonly workspace: WorkspaceId
  readonly item: ItemId
  readonly version: number
  readonly title: string
  readonly stage: Stage
  readonly submittedBy: MemberId
  readonly submittedAt: DateTime.Utc
  /** The meeting series the idea was brought to, if any. */
  readonly meeting: MeetingId | undefined
  /** The successful item this idea follows up, if any. */
  readonly followUpOf: ItemId | undefined
  readonly owner: MemberId | undefined
  readonly goals: ReadonlyArray<GoalId>
  readonly revision: number
  readonly openObjections: number
  readonly missingApprovals: number
  readonly undecidedSuggestions: number
  readonly updatedAt: DateTime.Utc
}

/**
 * One published post with its latest results: the index that puts a post in context with others.
 *
 * @since 0.1.0
 * @category model
 */
export interface PostResult {
  readonly workspace: WorkspaceId
  readonly item: ItemId
  readonly network: Network
  readonly url: string
  readonly publishedAt: DateTime.Utc
  readonly goals: ReadonlyArray<GoalId>
  /** When the latest snapshot was taken; undefined before any. */
  readonly capturedAt: DateTime.Utc | undefined
  readonly metrics: Metrics
}

/**
 * Everything the read models hold for one item.
 *
 * @since 0.1.0
 * @category model
 */
export interface ItemProjection {
  readonly summary: ItemSummary
  readonly posts: ReadonlyArray<PostResult>
}

/**
 * The read models of an item in a given state, at a given stream version; `undefined` before the
 * idea exists.
 *
 * @since 0.1.0
 * @category derivation
 */
export const project = (
  workspace: WorkspaceId,
  item: ItemId,
  state: ItemState,
  version: number,
  updatedAt: DateTime.Utc
): ItemProjection | undefined => {
  if (state._tag === "None") return undefined
  const work = workOf(state)
  const summary: ItemSummary = {
    workspace,
    item,
    version,
    title: state.idea.title,
    stage: state._tag,
    submittedBy: state.idea.submittedBy,
    submittedAt: state.idea.submittedAt,
    meeting: state.idea.meeting,
    followUpOf: state.idea.followUpOf,
    owner: work?.owner,
    goals: state.idea.goals,
    revision: work === undefined ? 0 : latestRevision(work)?.number ?? 0,
    openObjections: work === undefined ? 0 : openObjections(work).length,
    missingApprovals: work === undefined || work.reviewers.length === 0 ? 0 : missingApprovals(work).length,
    undecidedSuggestions: work === undefined ? 0 : undecidedSuggestions(work).length,
    updatedAt
  }
  if (state._tag !== "Published" && state._tag !== "CorrectionNeeded" && state._tag !== "Closed") {
    return { summary, posts: [] }
  }
  const posts = state.publication.posts.map((post): PostResult => {
    let latest: { readonly capturedAt: DateTime.Utc; readonly metrics: Metrics } | undefined
    for (const snapshot of state.publication.results) {
      if (snapshot.network !== post.network) continue
      if (latest === undefined || snapshot.capturedAt.epochMillis >= latest.capturedAt.epochMillis) latest = snapshot
    }
    return {
      workspace,
      item,
      network: post.network,
      url: post.url,
      publishedAt: post.publishedAt,
      goals: state.idea.goals,
      capturedAt: latest?.capturedAt,
      metrics: latest?.metrics ?? {}
    }
  })
  return { summary, posts }
}

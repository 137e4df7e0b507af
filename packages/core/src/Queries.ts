/**
 * Read models over the event log: one item with its state, an item's timeline, the board of all
 * items by stage, and the diff between two revisions of a draft. Every query names its workspace.
 *
 * @since 0.1.0
 */
import type * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import { type DraftBody, type Media, type Network, textFor } from "./Draft.js"
import { InvalidCommand, UnknownItem } from "./Errors.js"
import { EventStore } from "./EventStore.js"
import type { ItemId, MemberId, WorkspaceId } from "./Ids.js"
import { type DiffLine, lineDiff } from "./internal/lineDiff.js"
import { type CheckOptions, check } from "./FormatChecks.js"
import { type ItemState, latestRevision, type Revision, type Stage, stages, workOf } from "./Item.js"
import type { ItemEvent } from "./ItemEvent.js"
import type { ItemSummary } from "./Projection.js"
import { type BoardFilter as ReadModelBoardFilter, ReadModel } from "./ReadModel.js"
import { fold } from "./Workflow.js"

/**
 * An item with its state and stream version.
 *
 * @since 0.1.0
 * @category model
 */
export interface ItemView {
  readonly item: ItemId
  readonly version: number
  readonly state: ItemState
}

/**
 * The item and its current state.
 *
 * @since 0.1.0
 * @category queries
 */
export const item = Effect.fn("Queries.item")(function*(workspace: WorkspaceId, id: ItemId) {
  const store = yield* EventStore
  const recorded = yield* store.readStream(workspace, id)
  if (recorded.length === 0) return yield* new UnknownItem({ workspace, item: id })
  return { item: id, version: recorded.length, state: fold(recorded.map((entry) => entry.event)) } satisfies ItemView
})

/**
 * One entry of an item's timeline: what happened, who did it and when.
 *
 * @since 0.1.0
 * @category model
 */
export interface TimelineEntry {
  readonly version: number
  readonly at: DateTime.Utc
  readonly by: MemberId
  readonly event: ItemEvent
}

/**
 * Every event of an item, oldest first, with actor and time.
 *
 * @since 0.1.0
 * @category queries
 */
export const timeline = Effect.fn("Queries.timeline")(function*(workspace: WorkspaceId, id: ItemId) {
  const store = yield* EventStore
  const recorded = yield* store.readStream(workspace, id)
  if (recorded.length === 0) return yield* new UnknownItem({ workspace, item: id })
  return recorded.map((entry): TimelineEntry => ({
    version: entry.version,
    at: entry.event.at,
    by: entry.event.by,
    event: entry.event
  }))
})

/**
 * One card on the board: the item's summary from the read model.
 *
 * @since 0.1.0
 * @category model
 */
export type BoardCard = ItemSummary

/**
 * Which cards to show. Every given criterion must hold.
 *
 * @since 0.1.0
 * @category model
 */
export type BoardFilter = ReadModelBoardFilter

/**
 * The board: one column per stage in workflow order (empty ones included), newest card first.
 *
 * @since 0.1.0
 * @category model
 */
export type Board = ReadonlyArray<{ readonly stage: Stage; readonly cards: ReadonlyArray<BoardCard> }>

/**
 * Every item of the workspace by stage, filtered, from the read model.
 *
 * @since 0.1.0
 * @category queries
 */
export const board = Effect.fn("Queries.board")(function*(workspace: WorkspaceId, filter: BoardFilter = {}) {
  if (filter.stage !== undefined && !stages.includes(filter.stage)) {
    return yield* new InvalidCommand({ command: "Board", field: "stage", reason: "not_allowed", allowed: stages })
  }
  const readModel = yield* ReadModel
  const cards = yield* readModel.board(workspace, filter)
  return stages
    .filter((stage) => stage !== "None")
    .map((stage) => ({ stage, cards: cards.filter((card) => card.stage === stage) })) satisfies Board
})

/**
 * What changed between two revisions of a draft.
 *
 * @since 0.1.0
 * @category model
 */
export interface RevisionDiff {
  readonly from: Revision
  readonly to: Revision
  /** Per target network of either revision, the line diff of the text shown there. */
  readonly text: ReadonlyArray<{ readonly network: Network; readonly lines: ReadonlyArray<DiffLine> }>
  readonly networks: { readonly added: ReadonlyArray<Network>; readonly removed: ReadonlyArray<Network> }
  readonly media: { readonly added: ReadonlyArray<Media>; readonly removed: ReadonlyArray<Media> }
  readonly plannedFor: { readonly before: DateTime.Utc | undefined; readonly after: DateTime.Utc | undefined }
}

const mediaKey = (media: Media) => `${media.kind}\u0000${media.url}\u0000${media.alt}`

const diffBodies = (from: DraftBody, to: DraftBody) => {
  const all = [...new Set([...from.networks, ...to.networks])]
  const fromMedia = new Set(from.media.map(mediaKey))
  const toMedia = new Set(to.media.map(mediaKey))
  return {
    text: all.map((network) => ({
      network,
      lines: lineDiff(from.networks.includes(network) ? textFor(from, network) : "", textFor(to, network))
    })),
    networks: {
      added: to.networks.filter((network) => !from.networks.includes(network)),
      removed: from.networks.filter((network) => !to.networks.includes(network))
    },
    media: {
      added: to.media.filter((media) => !fromMedia.has(mediaKey(media))),
      removed: from.media.filter((media) => !toMedia.has(mediaKey(media)))
    },
    plannedFor: { before: from.plannedFor, after: to.plannedFor }
  }
}

/**
 * The diff between two kept revisions of an item's draft (`from` defaults to the one before `to`,
 * `to` to the latest).
 *
 * @since 0.1.0
 * @category queries
 */
export const diff = Effect.fn("Queries.diff")(function*(
  workspace: WorkspaceId,
  id: ItemId,
  revisions: { readonly from?: number | undefined; readonly to?: number | undefined } = {}
) {
  const { state } = yield* item(workspace, id)
  const work = workOf(state)
  const kept = work?.revisions ?? []
  const to = revisions.to ?? kept.length
  const from = revisions.from ?? to - 1
  const find = (number: number, field: string) => {
    const found = kept.find((revision) => revision.number === number)
    return found === undefined
      ? Effect.fail(
        new InvalidCommand({
          command: "Diff",
          field,
          reason: "not_allowed",
          allowed: kept.map((revision) => String(revision.number))
        })
      )
      : Effect.succeed(found)
  }
  const toRevision = yield* find(to, "to")
  const fromRevision = yield* find(from, "from")
  return { from: fromRevision, to: toRevision, ...diffBodies(fromRevision.body, toRevision.body) } satisfies RevisionDiff
})

/**
 * The format checks of an item's latest draft revision (see `FormatChecks.check`): structured
 * findings, each citing the primer entry that explains it.
 *
 * @since 0.1.0
 * @category queries
 */
export const checks = Effect.fn("Queries.checks")(function*(
  workspace: WorkspaceId,
  id: ItemId,
  options: CheckOptions = {}
) {
  const view = yield* item(workspace, id)
  const work = workOf(view.state)
  const latest = work === undefined ? undefined : latestRevision(work)
  if (latest === undefined) {
    return yield* new InvalidCommand({ command: "Checks", field: "item", reason: "not_allowed" })
  }
  return { revision: latest.number, findings: check(latest.body, options) }
})

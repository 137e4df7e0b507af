/**
 * The commands a person can give about one content item. Commands that act on a draft carry the
 * revision the person saw, so an old button or a concurrent edit is caught as a stale revision
 * instead of acting on text nobody looked at.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import type * as DateTime from "effect/DateTime"
import type { DraftBody, Network, RevisionKind } from "./Draft.js"
import type { GoalId, ItemId, MeetingId, MemberId, ObjectionId, SuggestionId } from "./Ids.js"
import type { Highlight, Metrics, ReviewerRequest } from "./ItemEvent.js"
import type { ReminderPolicy } from "./Member.js"

/**
 * A command about one item. See the command table in the package README for who may give each
 * one and in which stage.
 *
 * @since 0.1.0
 * @category commands
 */
export type ItemCommand = Data.TaggedEnum<{
  SubmitIdea: {
    readonly title: string
    readonly pitch: string
    readonly department?: string | undefined
    readonly goals: ReadonlyArray<GoalId>
    readonly concerns: ReadonlyArray<MemberId>
    readonly meeting?: MeetingId | undefined
    readonly followUpOf?: ItemId | undefined
  }
  EditIdea: {
    readonly title?: string | undefined
    readonly pitch?: string | undefined
    readonly department?: string | undefined
    readonly goals?: ReadonlyArray<GoalId> | undefined
    readonly concerns?: ReadonlyArray<MemberId> | undefined
  }
  AcceptIdea: {}
  ParkIdea: { readonly reason: string }
  ReviveIdea: {}
  DeclineIdea: { readonly reason: string }
  /** Writes the first draft (`baseRevision` 0) or a new revision of the one the author saw. */
  WriteDraft: { readonly baseRevision: number; readonly kind: RevisionKind; readonly body: DraftBody }
  RequestReview: {
    readonly reviewers: ReadonlyArray<ReviewerRequest>
    readonly due?: DateTime.Utc | undefined
    /** When to remind the reviewers before `due`; absent: the workspace's policy. */
    readonly reminder?: ReminderPolicy | undefined
  }
  ApproveFacts: { readonly revision: number }
  RaiseObjection: { readonly revision: number; readonly claim: string; readonly correction: string }
  ResolveObjection: { readonly objection: ObjectionId; readonly note?: string | undefined }
  SuggestFormat: { readonly revision: number; readonly note: string }
  DecideFormat: {
    readonly suggestion: SuggestionId
    readonly decision: "accepted" | "declined"
    readonly explanation: string
    readonly primer?: string | undefined
  }
  Comment: { readonly text: string }
  RemoveReviewer: { readonly reviewer: MemberId; readonly reason: string }
  ApproveForPublication: { readonly revision: number }
  SchedulePublication: { readonly network: Network; readonly scheduledFor: DateTime.Utc }
  RecordPublication: { readonly network: Network; readonly url: string; readonly publishedAt: DateTime.Utc }
  RecordResults: {
    readonly network: Network
    readonly capturedAt: DateTime.Utc
    readonly metrics: Metrics
    readonly highlights: ReadonlyArray<Highlight>
  }
  ShareResults: {}
  MarkSuccess: { readonly note?: string | undefined }
  /** Proposes a follow-up idea; `followUp` is the id of the new item it creates. */
  ProposeFollowUp: { readonly followUp: ItemId; readonly title: string; readonly pitch: string }
  RecordCorrection: { readonly objections: ReadonlyArray<ObjectionId>; readonly note: string }
  Withdraw: { readonly reason: string }
  Close: {}
}>

/**
 * Constructors for {@link ItemCommand}.
 *
 * @since 0.1.0
 * @category commands
 */
export const ItemCommand = Data.taggedEnum<ItemCommand>()

/** @since 0.1.0 @category commands */
export type ItemCommandTag = ItemCommand["_tag"]

/**
 * Typed domain errors. Each carries the structured facts an adapter needs to tell the user what
 * went wrong, why, and what to do; none carries a sentence (wording is the adapters' job, per
 * locale).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { CommandId, ItemId, MeetingId, MemberId, ObjectionId, SuggestionId, WorkspaceId } from "./Ids.js"

/**
 * The rule an actor failed. Adapters explain each one.
 *
 * @since 0.1.0
 * @category authorisation
 */
export const AuthorityRule = Schema.Literal(
  /** Only advisors triage, draft, request review, decide format, approve, publish and share results. */
  "advisor_only",
  /** Only advisors and managers manage goals and the member directory. */
  "advisor_or_manager",
  /** Only someone asked to review this item may do this. */
  "reviewer_only",
  /** Only an expert reviewing this item may approve or object to facts. */
  "expert_reviewer_only",
  /** An advisor never reviews the facts of their own draft. */
  "not_on_own_draft",
  /** Only the expert who raised a fact objection may resolve it. */
  "raiser_only",
  /** Only whoever submitted the idea, or an advisor, may do this. */
  "submitter_or_advisor"
)
/** @since 0.1.0 @category authorisation */
export type AuthorityRule = typeof AuthorityRule.Type

/**
 * The actor lacks the authority for this command.
 *
 * @since 0.1.0
 * @category errors
 */
export class NotAuthorized extends Schema.TaggedError<NotAuthorized>()("NotAuthorized", {
  actor: MemberId,
  command: Schema.String,
  rule: AuthorityRule
}) {}

/**
 * The command does not apply to the item in its current state (e.g. approving an idea).
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidTransition extends Schema.TaggedError<InvalidTransition>()("InvalidTransition", {
  item: Schema.optional(ItemId),
  command: Schema.String,
  state: Schema.String
}) {}

/**
 * Approval or publication is blocked by open fact objections: the expert's veto.
 *
 * @since 0.1.0
 * @category errors
 */
export class FactObjectionOpen extends Schema.TaggedError<FactObjectionOpen>()("FactObjectionOpen", {
  item: ItemId,
  objections: Schema.NonEmptyArray(ObjectionId)
}) {}

/**
 * The command refers to a draft revision that is no longer current (an old button, or someone
 * revised the draft meanwhile). `latestContent` is the newest revision that changed the facts.
 *
 * @since 0.1.0
 * @category errors
 */
export class StaleRevision extends Schema.TaggedError<StaleRevision>()("StaleRevision", {
  item: ItemId,
  seen: Schema.Number,
  latest: Schema.Number,
  latestContent: Schema.Number
}) {}

/**
 * Approval for publication needs every expert reviewer's approval of the latest content revision.
 *
 * @since 0.1.0
 * @category errors
 */
export class ExpertApprovalMissing extends Schema.TaggedError<ExpertApprovalMissing>()("ExpertApprovalMissing", {
  item: ItemId,
  revision: Schema.Number,
  missing: Schema.NonEmptyArray(MemberId)
}) {}

/**
 * Approval for publication needs the advisor to have decided every format suggestion.
 *
 * @since 0.1.0
 * @category errors
 */
export class FormatSuggestionUndecided extends Schema.TaggedError<FormatSuggestionUndecided>()(
  "FormatSuggestionUndecided",
  { item: ItemId, suggestions: Schema.NonEmptyArray(SuggestionId) }
) {}

/**
 * A review must always include at least one expert: someone has to vouch for the facts.
 *
 * @since 0.1.0
 * @category errors
 */
export class ExpertReviewerRequired extends Schema.TaggedError<ExpertReviewerRequired>()("ExpertReviewerRequired", {
  item: ItemId
}) {}

/**
 * The item is not in this workspace (it may exist elsewhere; that is never revealed).
 *
 * @since 0.1.0
 * @category errors
 */
export class UnknownItem extends Schema.TaggedError<UnknownItem>()("UnknownItem", {
  workspace: WorkspaceId,
  item: ItemId
}) {}

/**
 * No such fact objection on this item, or it is not open any more.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnknownObjection extends Schema.TaggedError<UnknownObjection>()("UnknownObjection", {
  item: ItemId,
  objection: ObjectionId,
  status: Schema.Literal("missing", "resolved", "corrected")
}) {}

/**
 * No such format suggestion on this item, or it has been decided already.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnknownSuggestion extends Schema.TaggedError<UnknownSuggestion>()("UnknownSuggestion", {
  item: ItemId,
  suggestion: SuggestionId,
  status: Schema.Literal("missing", "decided")
}) {}

/**
 * The item already has a recorded post on that network.
 *
 * @since 0.1.0
 * @category errors
 */
export class AlreadyPublished extends Schema.TaggedError<AlreadyPublished>()("AlreadyPublished", {
  item: ItemId,
  network: Schema.String
}) {}

/**
 * No such workspace.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnknownWorkspace extends Schema.TaggedError<UnknownWorkspace>()("UnknownWorkspace", {
  workspace: WorkspaceId
}) {}

/**
 * No such member in this workspace (looked up by id or by handle).
 *
 * @since 0.1.0
 * @category errors
 */
export class UnknownMember extends Schema.TaggedError<UnknownMember>()("UnknownMember", {
  workspace: WorkspaceId,
  member: Schema.String
}) {}

/**
 * A workspace with this id exists already.
 *
 * @since 0.1.0
 * @category errors
 */
export class WorkspaceExists extends Schema.TaggedError<WorkspaceExists>()("WorkspaceExists", {
  workspace: WorkspaceId
}) {}

/**
 * Another member of the workspace already has this handle.
 *
 * @since 0.1.0
 * @category errors
 */
export class HandleTaken extends Schema.TaggedError<HandleTaken>()("HandleTaken", {
  workspace: WorkspaceId,
  handle: Schema.String
}) {}

/**
 * No such goal in this workspace.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnknownGoal extends Schema.TaggedError<UnknownGoal>()("UnknownGoal", {
  workspace: WorkspaceId,
  goal: Schema.String
}) {}

/**
 * Someone else appended to the stream since it was read. The command layer retries these; callers
 * see one only when retries are exhausted.
 *
 * @since 0.1.0
 * @category errors
 */
export class VersionConflict extends Schema.TaggedError<VersionConflict>()("VersionConflict", {
  workspace: WorkspaceId,
  stream: Schema.String,
  expected: Schema.Number,
  actual: Schema.Number
}) {}

/**
 * Why a field of a command is not acceptable.
 *
 * @since 0.1.0
 * @category errors
 */
export const InvalidReason = Schema.Literal(
  /** The field must be given and not blank. */
  "required",
  /** The value is not one of `allowed`. */
  "not_allowed",
  /** The time must lie in the future. */
  "in_past",
  /** The same value was given twice. */
  "duplicate",
  /** The person may not review their own draft. */
  "self_review",
  /** The person is not a reviewer of this item. */
  "not_a_reviewer",
  /** The list must have at least one entry. */
  "empty",
  /** The command changes nothing. */
  "no_change"
)
/** @since 0.1.0 @category errors */
export type InvalidReason = typeof InvalidReason.Type

/**
 * A command field is missing or wrong. `field` is the command's field path (`body.media[0].alt`),
 * `allowed` lists acceptable values when there is a fixed set.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidCommand extends Schema.TaggedError<InvalidCommand>()("InvalidCommand", {
  command: Schema.String,
  field: Schema.String,
  reason: InvalidReason,
  allowed: Schema.optional(Schema.Array(Schema.String))
}) {}

/**
 * A command id was reused for a different command. The first command's result stands.
 *
 * @since 0.1.0
 * @category errors
 */
export class CommandIdReused extends Schema.TaggedError<CommandIdReused>()("CommandIdReused", {
  workspace: WorkspaceId,
  commandId: CommandId,
  item: ItemId
}) {}

/**
 * The command id was already recorded by the store: the command was applied before. The command
 * layer answers it with the first result; callers of `Commands.handle` never see it.
 *
 * @since 0.1.0
 * @category errors
 */
export class DuplicateCommand extends Schema.TaggedError<DuplicateCommand>()("DuplicateCommand", {
  workspace: WorkspaceId,
  commandId: CommandId
}) {}

/**
 * The database could not be opened, migrated or reached. `store` says which kind, `detail` what
 * the driver said (never a password: URLs are redacted before they get here).
 *
 * @since 0.1.0
 * @category errors
 */
export class StoreUnavailable extends Schema.TaggedError<StoreUnavailable>()("StoreUnavailable", {
  store: Schema.Literal("sqlite", "postgres"),
  location: Schema.String,
  detail: Schema.String
}) {}

/**
 * No meeting series with this id in the workspace.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnknownMeeting extends Schema.TaggedError<UnknownMeeting>()("UnknownMeeting", {
  workspace: WorkspaceId,
  meeting: MeetingId
}) {}

/**
 * The series has no occurrence at this local start time (or it was cancelled). `occurrence` is the
 * occurrence's original local start, `2026-03-03T10:00`.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnknownOccurrence extends Schema.TaggedError<UnknownOccurrence>()("UnknownOccurrence", {
  meeting: MeetingId,
  occurrence: Schema.String
}) {}

/**
 * The meeting series has ended; it can no longer be changed.
 *
 * @since 0.1.0
 * @category errors
 */
export class SeriesEnded extends Schema.TaggedError<SeriesEnded>()("SeriesEnded", {
  meeting: MeetingId
}) {}

/**
 * Every error `decide` can return.
 *
 * @since 0.1.0
 * @category errors
 */
export type DecisionError =
  | NotAuthorized
  | InvalidTransition
  | FactObjectionOpen
  | StaleRevision
  | ExpertApprovalMissing
  | FormatSuggestionUndecided
  | ExpertReviewerRequired
  | UnknownObjection
  | UnknownSuggestion
  | AlreadyPublished
  | InvalidCommand

/**
 * Every error the application layer can return for a command.
 *
 * @since 0.1.0
 * @category errors
 */
export type CommandError =
  | DecisionError
  | UnknownItem
  | UnknownWorkspace
  | UnknownMember
  | UnknownGoal
  | VersionConflict
  | CommandIdReused

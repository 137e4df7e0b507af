/**
 * Outbox rows: who must be told what, for every event that matters. Rows are data, derived purely
 * from the events a command produced and the item's state after each one, written in the same
 * append as the events, and rendered later by an adapter in the recipient's language.
 *
 * | event | told |
 * |---|---|
 * | IdeaSubmitted | the advisors (to triage) |
 * | IdeaAccepted, IdeaParked, IdeaRevived, IdeaDeclined | whoever submitted the idea |
 * | DraftRevised (under review) | the reviewers |
 * | ReviewRequested | the reviewers asked in it |
 * | FactsApproved, FactObjectionRaised, FactObjectionResolved, FormatSuggested | the owning advisor |
 * | FormatSuggestionDecided | whoever suggested it |
 * | ReviewerRemoved | the removed reviewer |
 * | CommentAdded, ApprovedForPublication, PostPublished, CorrectionRecorded, ItemWithdrawn | the participants |
 * | ResultsShared | the participants, the advisor who shared included |
 * | MarkedSuccess | the team channel |
 *
 * The actor is never told of their own action, except when sharing results.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ItemId, MemberId, WorkspaceId } from "./Ids.js"
import { type ItemState, participants, workOf } from "./Item.js"
import { ItemEvent } from "./ItemEvent.js"
import { Role } from "./Member.js"

/**
 * Who a notification is for: named members, everyone holding a role, or the team's channel.
 *
 * @since 0.1.0
 * @category model
 */
export const Audience = Schema.Union(
  Schema.TaggedStruct("Members", { members: Schema.NonEmptyArray(MemberId) }),
  Schema.TaggedStruct("Role", { role: Role }),
  Schema.TaggedStruct("TeamChannel", {})
)
/** @since 0.1.0 @category model */
export type Audience = typeof Audience.Type

/**
 * One outbox row. `id` is stable (workspace, item and stream version), so an adapter that sees a
 * row twice can drop the duplicate.
 *
 * @since 0.1.0
 * @category model
 */
export class Notification extends Schema.Class<Notification>("@dugnad/Notification")({
  id: Schema.NonEmptyString,
  workspace: WorkspaceId,
  item: ItemId,
  version: Schema.Int.pipe(Schema.positive()),
  audience: Audience,
  event: ItemEvent
}) {}

/**
 * The stable id of the notification for the event at `version` of `item`.
 *
 * @since 0.1.0
 * @category model
 */
export const notificationId = (workspace: WorkspaceId, item: ItemId, version: number): string =>
  `${workspace}/${item}/${version}`

const members = (list: Iterable<MemberId>, except?: MemberId): Audience | undefined => {
  const chosen = [...new Set(list)].filter((member) => member !== except)
  return chosen.length === 0 ? undefined : { _tag: "Members", members: [chosen[0]!, ...chosen.slice(1)] }
}

/**
 * Who must hear of `event`, given the item's state after it; `undefined` when nobody.
 *
 * @since 0.1.0
 * @category derivation
 */
export const audienceOf = (event: ItemEvent, after: ItemState): Audience | undefined => {
  const actor = event.by
  const work = workOf(after)
  switch (event._tag) {
    case "IdeaSubmitted":
      return { _tag: "Role", role: "advisor" }
    case "IdeaAccepted":
    case "IdeaParked":
    case "IdeaRevived":
    case "IdeaDeclined":
      return after._tag === "None" ? undefined : members([after.idea.submittedBy], actor)
    case "DraftRevised":
      return after._tag === "InReview" || after._tag === "Approved"
        ? members(after.work.reviewers.map((reviewer) => reviewer.member), actor)
        : undefined
    case "ReviewRequested":
      return members(event.reviewers.map((reviewer) => reviewer.member), actor)
    case "FactsApproved":
    case "FactObjectionRaised":
    case "FactObjectionResolved":
    case "FormatSuggested":
      return work === undefined ? undefined : members([work.owner], actor)
    case "FormatSuggestionDecided": {
      const suggestion = work?.suggestions.find((candidate) => candidate.id === event.suggestion)
      return suggestion === undefined ? undefined : members([suggestion.by], actor)
    }
    case "ReviewerRemoved":
      return members([event.reviewer], actor)
    case "CommentAdded":
    case "ApprovedForPublication":
    case "PostPublished":
    case "CorrectionRecorded":
    case "ItemWithdrawn":
      return members(participants(after), actor)
    case "ResultsShared":
      return members(participants(after))
    case "MarkedSuccess":
      return { _tag: "TeamChannel" }
    case "IdeaEdited":
    case "PublicationScheduled":
    case "ResultsRecorded":
    case "FollowUpProposed":
    case "ItemClosed":
      return undefined
  }
}

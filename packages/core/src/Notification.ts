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
import { Network } from "./Draft.js"
import { ItemId, MeetingId, MemberId, WorkspaceId } from "./Ids.js"
import { type ItemState, participants, Stage, workOf } from "./Item.js"
import { ItemEvent, Metrics } from "./ItemEvent.js"
import { Role } from "./Member.js"
import { exactOptional } from "./internal/schema.js"

/** An occurrence's name: its original local start, `2026-03-03T10:00` (see `Recurrence`). */
const Occurrence = Schema.String

/**
 * Who a notification is for: named members, everyone holding a role, or the team's channel.
 *
 * @since 0.1.0
 * @category model
 */
export const Audience = Schema.Union(
  Schema.TaggedStruct("Members", { members: Schema.NonEmptyArray(MemberId) }),
  Schema.TaggedStruct("Role", { role: Role }),
  Schema.TaggedStruct("TeamChannel", {}),
  /** A named chat channel, e.g. a meeting series' own. */
  Schema.TaggedStruct("Channel", { channel: Schema.NonEmptyTrimmedString })
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

/**
 * One idea in a meeting report: what it is, who brought it, and the stage it has reached.
 *
 * @since 0.1.0
 * @category reminders
 */
export const ReportedIdea = Schema.Struct({ item: ItemId, title: Schema.String, by: MemberId, stage: Stage })
/** @since 0.1.0 @category reminders */
export type ReportedIdea = typeof ReportedIdea.Type

/**
 * One post in a meeting report, with its latest numbers.
 *
 * @since 0.1.0
 * @category reminders
 */
export const ReportedPost = Schema.Struct({
  item: ItemId,
  title: Schema.String,
  network: Network,
  publishedAt: Schema.DateTimeUtc,
  metrics: Metrics
})
/** @since 0.1.0 @category reminders */
export type ReportedPost = typeof ReportedPost.Type

/**
 * A next step agreed at a meeting.
 *
 * @since 0.1.0
 * @category reminders
 */
export const ReportedStep = Schema.Struct({
  text: Schema.String,
  owner: MemberId,
  due: exactOptional(Schema.String)
})

/**
 * What a timer-driven message is about. Each carries the data to render it, so an adapter needs no
 * further reads.
 *
 * - `ReviewDue`: a review is due soon (`overdue` false) or has passed its due time (true).
 * - `ResultsCheckIn`: time to record a post's results, `days` after publication.
 * - `MeetingReminder`: an occurrence is coming; with the agenda, the last cycle's ideas and where
 *   they are now, the results of posts published since, and follow-up ideas to take up.
 * - `MeetingSummary`: after an occurrence: its ideas and who brought them, who came, next steps.
 * - `MeetingChanged`: an occurrence was cancelled or moved.
 *
 * @since 0.1.0
 * @category reminders
 */
export const ReminderSubject = Schema.Union(
  Schema.TaggedStruct("ReviewDue", {
    item: ItemId,
    title: Schema.String,
    due: Schema.DateTimeUtc,
    overdue: Schema.Boolean
  }),
  Schema.TaggedStruct("ResultsCheckIn", {
    item: ItemId,
    title: Schema.String,
    network: Network,
    publishedAt: Schema.DateTimeUtc,
    days: Schema.Int.pipe(Schema.positive())
  }),
  Schema.TaggedStruct("MeetingReminder", {
    meeting: MeetingId,
    title: Schema.String,
    occurrence: Occurrence,
    start: Schema.DateTimeUtc,
    timeZone: Schema.String,
    agenda: Schema.Array(Schema.String),
    lastOccurrence: exactOptional(Occurrence),
    ideasLastTime: Schema.Array(ReportedIdea),
    postsSince: Schema.Array(ReportedPost),
    followUps: Schema.Array(ReportedIdea)
  }),
  Schema.TaggedStruct("MeetingSummary", {
    meeting: MeetingId,
    title: Schema.String,
    occurrence: Occurrence,
    start: Schema.DateTimeUtc,
    timeZone: Schema.String,
    ideas: Schema.Array(ReportedIdea),
    attendance: Schema.Array(MemberId),
    nextSteps: Schema.Array(ReportedStep)
  }),
  Schema.TaggedStruct("MeetingChanged", {
    meeting: MeetingId,
    title: Schema.String,
    occurrence: Occurrence,
    change: Schema.Literal("cancelled", "moved"),
    start: exactOptional(Schema.DateTimeUtc),
    timeZone: Schema.String,
    reason: exactOptional(Schema.String)
  })
)
/** @since 0.1.0 @category reminders */
export type ReminderSubject = typeof ReminderSubject.Type

/**
 * A message not caused by one item event: a reminder, a meeting report or a change to a meeting.
 * Its `id` names the occasion (`review-due/<ws>/<item>/<due>`, `meeting-reminder/<ws>/<meeting>/<occurrence>`…),
 * so the outbox takes each occasion once however often, and from however many processes, a
 * scheduler offers it.
 *
 * @since 0.1.0
 * @category reminders
 */
export class Reminder extends Schema.Class<Reminder>("@dugnad/Reminder")({
  id: Schema.NonEmptyString,
  workspace: WorkspaceId,
  audience: Audience,
  subject: ReminderSubject
}) {}

/**
 * What the outbox holds and the notifier delivers: an item event's notification or a reminder.
 *
 * @since 0.1.0
 * @category model
 */
export const OutboxMessage = Schema.Union(Notification, Reminder)
/** @since 0.1.0 @category model */
export type OutboxMessage = Notification | Reminder

/**
 * Whether a message is an item event's notification (rather than a reminder).
 *
 * @since 0.1.0
 * @category model
 */
export const isItemNotification = (message: OutboxMessage): message is Notification => message instanceof Notification

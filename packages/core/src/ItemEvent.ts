/**
 * The events of one content item: the persisted contract of Dugnad.
 *
 * Every event records who (`by`) and when (`at`). Events are stored as a versioned envelope
 * ({@link StoredEvent}); when an event's shape changes, its version goes up and an upcaster turns
 * older envelopes into the current shape, so a log written by any earlier release still replays.
 *
 * @since 0.1.0
 */
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { DraftBody, Network, RevisionKind } from "./Draft.js"
import { GoalId, ItemId, MeetingId, MemberId, ObjectionId, SuggestionId } from "./Ids.js"
import { ReminderPolicy } from "./Member.js"
import { exactOptional } from "./internal/schema.js"

/** An optional field that is either absent or set, never `undefined`: what is stored is what is read. */

/**
 * A draft revision number. Revisions start at 1 and only increase.
 *
 * @since 0.1.0
 * @category fields
 */
export const RevisionNumber = Schema.Int.pipe(Schema.positive())

const stamp = {
  by: MemberId,
  at: Schema.DateTimeUtc
}

/**
 * The counts a network reports for one post at one moment. Any of them may be missing: networks
 * report different things, and an advisor types in what they have.
 *
 * @since 0.1.0
 * @category results
 */
export const Metrics = Schema.Struct({
  reach: exactOptional(Schema.NonNegativeInt),
  impressions: exactOptional(Schema.NonNegativeInt),
  reactions: exactOptional(Schema.NonNegativeInt),
  comments: exactOptional(Schema.NonNegativeInt),
  shares: exactOptional(Schema.NonNegativeInt),
  saves: exactOptional(Schema.NonNegativeInt),
  clicks: exactOptional(Schema.NonNegativeInt),
  videoViews: exactOptional(Schema.NonNegativeInt)
})
/** @since 0.1.0 @category results */
export type Metrics = typeof Metrics.Type

/**
 * A notable comment on a published post, kept to show the people who helped.
 *
 * @since 0.1.0
 * @category results
 */
export const Highlight = Schema.Struct({
  text: Schema.NonEmptyTrimmedString,
  author: exactOptional(Schema.NonEmptyTrimmedString),
  tone: Schema.Literal("positive", "neutral", "negative", "question")
})
/** @since 0.1.0 @category results */
export type Highlight = typeof Highlight.Type

/**
 * A person asked to review, and whether they review as an expert (whose approval of the facts is
 * required and who holds the veto) or only comment and suggest format.
 *
 * @since 0.1.0
 * @category review
 */
export const ReviewerRequest = Schema.Struct({
  member: MemberId,
  expert: Schema.Boolean
})
/** @since 0.1.0 @category review */
export type ReviewerRequest = typeof ReviewerRequest.Type

/** @since 0.1.0 @category ideas */
export const IdeaSubmitted = Schema.TaggedStruct("IdeaSubmitted", {
  ...stamp,
  item: ItemId,
  title: Schema.NonEmptyTrimmedString,
  pitch: Schema.String,
  department: exactOptional(Schema.NonEmptyTrimmedString),
  goals: Schema.Array(GoalId),
  concerns: Schema.Array(MemberId),
  meeting: exactOptional(MeetingId),
  followUpOf: exactOptional(ItemId)
})
/** @since 0.1.0 */
export interface IdeaSubmitted extends Schema.Schema.Type<typeof IdeaSubmitted> {}

/** @since 0.1.0 @category ideas */
export const IdeaEdited = Schema.TaggedStruct("IdeaEdited", {
  ...stamp,
  title: exactOptional(Schema.NonEmptyTrimmedString),
  pitch: exactOptional(Schema.String),
  department: exactOptional(Schema.NonEmptyTrimmedString),
  goals: exactOptional(Schema.Array(GoalId)),
  concerns: exactOptional(Schema.Array(MemberId))
})
/** @since 0.1.0 */
export interface IdeaEdited extends Schema.Schema.Type<typeof IdeaEdited> {}

/** The advisor took the idea on; `by` becomes the item's owner. @since 0.1.0 @category ideas */
export const IdeaAccepted = Schema.TaggedStruct("IdeaAccepted", { ...stamp })
/** @since 0.1.0 */
export interface IdeaAccepted extends Schema.Schema.Type<typeof IdeaAccepted> {}

/** @since 0.1.0 @category ideas */
export const IdeaParked = Schema.TaggedStruct("IdeaParked", {
  ...stamp,
  reason: Schema.NonEmptyTrimmedString
})
/** @since 0.1.0 */
export interface IdeaParked extends Schema.Schema.Type<typeof IdeaParked> {}

/** @since 0.1.0 @category ideas */
export const IdeaRevived = Schema.TaggedStruct("IdeaRevived", { ...stamp })
/** @since 0.1.0 */
export interface IdeaRevived extends Schema.Schema.Type<typeof IdeaRevived> {}

/** @since 0.1.0 @category ideas */
export const IdeaDeclined = Schema.TaggedStruct("IdeaDeclined", {
  ...stamp,
  reason: Schema.NonEmptyTrimmedString
})
/** @since 0.1.0 */
export interface IdeaDeclined extends Schema.Schema.Type<typeof IdeaDeclined> {}

/** A new draft revision; revision 1 is the first draft. @since 0.1.0 @category drafts */
export const DraftRevised = Schema.TaggedStruct("DraftRevised", {
  ...stamp,
  revision: RevisionNumber,
  kind: RevisionKind,
  body: DraftBody
})
/** @since 0.1.0 */
export interface DraftRevised extends Schema.Schema.Type<typeof DraftRevised> {}

/** @since 0.1.0 @category review */
export const ReviewRequested = Schema.TaggedStruct("ReviewRequested", {
  ...stamp,
  reviewers: Schema.Array(ReviewerRequest),
  due: exactOptional(Schema.DateTimeUtc),
  /** When to remind the reviewers before `due` (the workspace's policy when absent). */
  reminder: exactOptional(ReminderPolicy)
})
/** @since 0.1.0 */
export interface ReviewRequested extends Schema.Schema.Type<typeof ReviewRequested> {}

/** @since 0.1.0 @category review */
export const FactsApproved = Schema.TaggedStruct("FactsApproved", {
  ...stamp,
  revision: RevisionNumber
})
/** @since 0.1.0 */
export interface FactsApproved extends Schema.Schema.Type<typeof FactsApproved> {}

/** @since 0.1.0 @category review */
export const FactObjectionRaised = Schema.TaggedStruct("FactObjectionRaised", {
  ...stamp,
  objection: ObjectionId,
  revision: RevisionNumber,
  claim: Schema.NonEmptyTrimmedString,
  correction: Schema.NonEmptyTrimmedString
})
/** @since 0.1.0 */
export interface FactObjectionRaised extends Schema.Schema.Type<typeof FactObjectionRaised> {}

/** @since 0.1.0 @category review */
export const FactObjectionResolved = Schema.TaggedStruct("FactObjectionResolved", {
  ...stamp,
  objection: ObjectionId,
  note: exactOptional(Schema.String)
})
/** @since 0.1.0 */
export interface FactObjectionResolved extends Schema.Schema.Type<typeof FactObjectionResolved> {}

/** @since 0.1.0 @category review */
export const FormatSuggested = Schema.TaggedStruct("FormatSuggested", {
  ...stamp,
  suggestion: SuggestionId,
  revision: RevisionNumber,
  note: Schema.NonEmptyTrimmedString
})
/** @since 0.1.0 */
export interface FormatSuggested extends Schema.Schema.Type<typeof FormatSuggested> {}

/**
 * The advisor's decision on a format suggestion, always with an explanation; `primer` names the
 * primer entry it leans on, so colleagues can learn from it.
 *
 * @since 0.1.0
 * @category review
 */
export const FormatSuggestionDecided = Schema.TaggedStruct("FormatSuggestionDecided", {
  ...stamp,
  suggestion: SuggestionId,
  decision: Schema.Literal("accepted", "declined"),
  explanation: Schema.NonEmptyTrimmedString,
  primer: exactOptional(Schema.NonEmptyTrimmedString)
})
/** @since 0.1.0 */
export interface FormatSuggestionDecided extends Schema.Schema.Type<typeof FormatSuggestionDecided> {}

/** @since 0.1.0 @category review */
export const CommentAdded = Schema.TaggedStruct("CommentAdded", {
  ...stamp,
  text: Schema.NonEmptyTrimmedString
})
/** @since 0.1.0 */
export interface CommentAdded extends Schema.Schema.Type<typeof CommentAdded> {}

/** @since 0.1.0 @category review */
export const ReviewerRemoved = Schema.TaggedStruct("ReviewerRemoved", {
  ...stamp,
  reviewer: MemberId,
  reason: Schema.NonEmptyTrimmedString
})
/** @since 0.1.0 */
export interface ReviewerRemoved extends Schema.Schema.Type<typeof ReviewerRemoved> {}

/** @since 0.1.0 @category review */
export const ApprovedForPublication = Schema.TaggedStruct("ApprovedForPublication", {
  ...stamp,
  revision: RevisionNumber
})
/** @since 0.1.0 */
export interface ApprovedForPublication extends Schema.Schema.Type<typeof ApprovedForPublication> {}

/** @since 0.1.0 @category publishing */
export const PublicationScheduled = Schema.TaggedStruct("PublicationScheduled", {
  ...stamp,
  network: Network,
  scheduledFor: Schema.DateTimeUtc
})
/** @since 0.1.0 */
export interface PublicationScheduled extends Schema.Schema.Type<typeof PublicationScheduled> {}

/** @since 0.1.0 @category publishing */
export const PostPublished = Schema.TaggedStruct("PostPublished", {
  ...stamp,
  network: Network,
  url: Schema.NonEmptyTrimmedString,
  publishedAt: Schema.DateTimeUtc
})
/** @since 0.1.0 */
export interface PostPublished extends Schema.Schema.Type<typeof PostPublished> {}

/** @since 0.1.0 @category results */
export const ResultsRecorded = Schema.TaggedStruct("ResultsRecorded", {
  ...stamp,
  network: Network,
  capturedAt: Schema.DateTimeUtc,
  metrics: Metrics,
  highlights: Schema.Array(Highlight)
})
/** @since 0.1.0 */
export interface ResultsRecorded extends Schema.Schema.Type<typeof ResultsRecorded> {}

/** @since 0.1.0 @category results */
export const ResultsShared = Schema.TaggedStruct("ResultsShared", { ...stamp })
/** @since 0.1.0 */
export interface ResultsShared extends Schema.Schema.Type<typeof ResultsShared> {}

/** @since 0.1.0 @category results */
export const MarkedSuccess = Schema.TaggedStruct("MarkedSuccess", {
  ...stamp,
  note: exactOptional(Schema.String)
})
/** @since 0.1.0 */
export interface MarkedSuccess extends Schema.Schema.Type<typeof MarkedSuccess> {}

/**
 * A follow-up idea proposed from this item ("make more posts about this"). The new item's stream
 * starts with an {@link IdeaSubmitted} whose `followUpOf` points back here.
 *
 * @since 0.1.0
 * @category results
 */
export const FollowUpProposed = Schema.TaggedStruct("FollowUpProposed", {
  ...stamp,
  followUp: ItemId,
  title: Schema.NonEmptyTrimmedString,
  pitch: Schema.String
})
/** @since 0.1.0 */
export interface FollowUpProposed extends Schema.Schema.Type<typeof FollowUpProposed> {}

/**
 * The advisor corrected a published post after a fact objection. The objections it answers are
 * closed as corrected (not resolved: only the raiser resolves, and they can object again).
 *
 * @since 0.1.0
 * @category publishing
 */
export const CorrectionRecorded = Schema.TaggedStruct("CorrectionRecorded", {
  ...stamp,
  objections: Schema.NonEmptyArray(ObjectionId),
  note: Schema.NonEmptyTrimmedString
})
/** @since 0.1.0 */
export interface CorrectionRecorded extends Schema.Schema.Type<typeof CorrectionRecorded> {}

/** @since 0.1.0 @category lifecycle */
export const ItemWithdrawn = Schema.TaggedStruct("ItemWithdrawn", {
  ...stamp,
  reason: Schema.NonEmptyTrimmedString
})
/** @since 0.1.0 */
export interface ItemWithdrawn extends Schema.Schema.Type<typeof ItemWithdrawn> {}

/** @since 0.1.0 @category lifecycle */
export const ItemClosed = Schema.TaggedStruct("ItemClosed", { ...stamp })
/** @since 0.1.0 */
export interface ItemClosed extends Schema.Schema.Type<typeof ItemClosed> {}

/**
 * Every event of a content item.
 *
 * @since 0.1.0
 * @category events
 */
export const ItemEvent = Schema.Union(
  IdeaSubmitted,
  IdeaEdited,
  IdeaAccepted,
  IdeaParked,
  IdeaRevived,
  IdeaDeclined,
  DraftRevised,
  ReviewRequested,
  FactsApproved,
  FactObjectionRaised,
  FactObjectionResolved,
  FormatSuggested,
  FormatSuggestionDecided,
  CommentAdded,
  ReviewerRemoved,
  ApprovedForPublication,
  PublicationScheduled,
  PostPublished,
  ResultsRecorded,
  ResultsShared,
  MarkedSuccess,
  FollowUpProposed,
  CorrectionRecorded,
  ItemWithdrawn,
  ItemClosed
)
/** @since 0.1.0 @category events */
export type ItemEvent = typeof ItemEvent.Type

/** @since 0.1.0 @category events */
export type ItemEventTag = ItemEvent["_tag"]

/**
 * The current schema version of every event type. Raise one when its shape changes and add an
 * upcaster from the previous version to {@link upcasters}.
 *
 * @since 0.1.0
 * @category versioning
 */
export const schemaVersions: { readonly [Tag in ItemEventTag]: number } = {
  IdeaSubmitted: 1,
  IdeaEdited: 1,
  IdeaAccepted: 1,
  IdeaParked: 1,
  IdeaRevived: 1,
  IdeaDeclined: 1,
  DraftRevised: 1,
  ReviewRequested: 1,
  FactsApproved: 1,
  FactObjectionRaised: 1,
  FactObjectionResolved: 1,
  FormatSuggested: 1,
  FormatSuggestionDecided: 1,
  CommentAdded: 1,
  ReviewerRemoved: 1,
  ApprovedForPublication: 1,
  PublicationScheduled: 1,
  PostPublished: 1,
  ResultsRecorded: 1,
  ResultsShared: 1,
  MarkedSuccess: 1,
  FollowUpProposed: 1,
  CorrectionRecorded: 1,
  ItemWithdrawn: 1,
  ItemClosed: 1
}

/**
 * Upcasters: for an event type, a function per old version that turns that version's encoded data
 * into the next version's. Empty while every event is at version 1.
 *
 * @since 0.1.0
 * @category versioning
 */
export const upcasters: {
  readonly [Tag in ItemEventTag]?: { readonly [fromVersion: number]: (data: unknown) => unknown }
} = {}

/**
 * An event as it is persisted: its type, the schema version it was written with, and its encoded
 * data (JSON-safe).
 *
 * @since 0.1.0
 * @category versioning
 */
export const StoredEvent = Schema.Struct({
  type: Schema.String,
  version: Schema.Int.pipe(Schema.positive()),
  data: Schema.Unknown
})
/** @since 0.1.0 @category versioning */
export type StoredEvent = typeof StoredEvent.Type

/**
 * A stored event could not be read back: an unknown type, a version newer than this release knows,
 * or data that does not match the schema.
 *
 * @since 0.1.0
 * @category versioning
 */
export class EventDecodeError extends Schema.TaggedError<EventDecodeError>()("EventDecodeError", {
  type: Schema.String,
  version: Schema.Number,
  problem: Schema.Literal("unknown_type", "newer_version", "missing_upcaster", "invalid_data"),
  detail: Schema.String
}) {}

const encodeEvent = Schema.encodeSync(ItemEvent)
const decodeEvent = Schema.decodeUnknownEither(ItemEvent)

const isTag = (type: string): type is ItemEventTag => Object.hasOwn(schemaVersions, type)

/**
 * Encodes an event into its stored envelope at the current schema version.
 *
 * @since 0.1.0
 * @category versioning
 */
export const toStored = (event: ItemEvent): StoredEvent => ({
  type: event._tag,
  version: schemaVersions[event._tag],
  data: encodeEvent(event)
})

/**
 * Decodes a stored envelope, upcasting older versions first.
 *
 * @since 0.1.0
 * @category versioning
 */
export const fromStored = (stored: StoredEvent): Either.Either<ItemEvent, EventDecodeError> => {
  const fail = (problem: EventDecodeError["problem"], detail: string) =>
    Either.left(new EventDecodeError({ type: stored.type, version: stored.version, problem, detail }))
  if (!isTag(stored.type)) return fail("unknown_type", `no event type ${stored.type}`)
  const current = schemaVersions[stored.type]
  if (stored.version > current) return fail("newer_version", `this release reads up to version ${current}`)
  let data = stored.data
  for (let version = stored.version; version < current; version++) {
    const upcast = upcasters[stored.type]?.[version]
    if (upcast === undefined) return fail("missing_upcaster", `no upcaster from version ${version}`)
    data = upcast(data)
  }
  return Either.mapLeft(
    decodeEvent(data),
    (error) =>
      new EventDecodeError({
        type: stored.type,
        version: stored.version,
        problem: "invalid_data",
        detail: ParseResult.TreeFormatter.formatErrorSync(error)
      })
  )
}

const dateFields: { readonly [Tag in ItemEventTag]?: ReadonlyArray<string> } = {
  ReviewRequested: ["due"],
  PublicationScheduled: ["scheduledFor"],
  PostPublished: ["publishedAt"],
  ResultsRecorded: ["capturedAt"]
}

const toUtc = (value: unknown): DateTime.Utc => {
  const utc = DateTime.make(value as string)
  if (Option.isNone(utc)) throw new Error(`not a time: ${String(value)}`)
  return DateTime.toUtc(utc.value)
}

/**
 * Decodes an envelope this release wrote itself, at the current schema version, without the
 * schema check: only its times are turned back into `DateTime`s. For replaying a whole log (a
 * read-model rebuild), where the full decode is most of the cost. Anything else (an older version,
 * an unknown type) goes through {@link fromStored}. Equal to `fromStored` on every event this
 * release encodes (property-tested).
 *
 * @since 0.1.0
 * @category versioning
 */
export const fromStoredTrusted = (stored: StoredEvent): Either.Either<ItemEvent, EventDecodeError> => {
  if (!isTag(stored.type) || stored.version !== schemaVersions[stored.type]) return fromStored(stored)
  try {
    const data = { ...(stored.data as Record<string, unknown>) }
    data["at"] = toUtc(data["at"])
    for (const field of dateFields[stored.type] ?? []) {
      if (data[field] !== undefined) data[field] = toUtc(data[field])
    }
    if (stored.type === "DraftRevised") {
      const body = { ...(data["body"] as Record<string, unknown>) }
      if (body["plannedFor"] !== undefined) body["plannedFor"] = toUtc(body["plannedFor"])
      data["body"] = body
    }
    return Either.right(data as unknown as ItemEvent)
  } catch {
    return fromStored(stored)
  }
}

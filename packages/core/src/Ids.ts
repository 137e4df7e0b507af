/**
 * Branded identifiers. Every id is a plain string on the wire and a distinct type in code, so an
 * `ItemId` can never be passed where a `MemberId` is meant.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A workspace: one Discord guild, one Mattermost team or one CLI database. Nothing crosses it.
 *
 * @since 0.1.0
 * @category ids
 */
export const WorkspaceId = Schema.NonEmptyTrimmedString.pipe(Schema.brand("@dugnad/WorkspaceId"))
/** @since 0.1.0 @category ids */
export type WorkspaceId = typeof WorkspaceId.Type

/**
 * A content item: one idea and everything that becomes of it, one event stream.
 *
 * @since 0.1.0
 * @category ids
 */
export const ItemId = Schema.NonEmptyTrimmedString.pipe(Schema.brand("@dugnad/ItemId"))
/** @since 0.1.0 @category ids */
export type ItemId = typeof ItemId.Type

/**
 * A person in a workspace's member directory.
 *
 * @since 0.1.0
 * @category ids
 */
export const MemberId = Schema.NonEmptyTrimmedString.pipe(Schema.brand("@dugnad/MemberId"))
/** @since 0.1.0 @category ids */
export type MemberId = typeof MemberId.Type

/**
 * An organisation goal that ideas and posts serve.
 *
 * @since 0.1.0
 * @category ids
 */
export const GoalId = Schema.NonEmptyTrimmedString.pipe(Schema.brand("@dugnad/GoalId"))
/** @since 0.1.0 @category ids */
export type GoalId = typeof GoalId.Type

/**
 * A recurring idea meeting (its series), which ideas can be captured against.
 *
 * @since 0.1.0
 * @category ids
 */
export const MeetingId = Schema.NonEmptyTrimmedString.pipe(Schema.brand("@dugnad/MeetingId"))
/** @since 0.1.0 @category ids */
export type MeetingId = typeof MeetingId.Type

/**
 * The caller-chosen id of one command. Sending the same id twice changes state once.
 *
 * @since 0.1.0
 * @category ids
 */
export const CommandId = Schema.NonEmptyTrimmedString.pipe(Schema.brand("@dugnad/CommandId"))
/** @since 0.1.0 @category ids */
export type CommandId = typeof CommandId.Type

/**
 * A fact objection within one item (`O1`, `O2`, …), numbered by the item so it stays typeable.
 *
 * @since 0.1.0
 * @category ids
 */
export const ObjectionId = Schema.NonEmptyTrimmedString.pipe(Schema.brand("@dugnad/ObjectionId"))
/** @since 0.1.0 @category ids */
export type ObjectionId = typeof ObjectionId.Type

/**
 * A format suggestion within one item (`S1`, `S2`, …).
 *
 * @since 0.1.0
 * @category ids
 */
export const SuggestionId = Schema.NonEmptyTrimmedString.pipe(Schema.brand("@dugnad/SuggestionId"))
/** @since 0.1.0 @category ids */
export type SuggestionId = typeof SuggestionId.Type

/**
 * The port for meeting series' event streams. A series is its own stream (its events are
 * `Meeting.MeetingEvent`s, kept apart from items' in their own table), appended under the same
 * rules as items: a command id is taken once per workspace (shared with item commands), the
 * expected version is the concurrency check, and the messages an append causes (a cancelled or
 * moved occurrence) enter the outbox in the same transaction.
 *
 * The in-memory implementation comes with `EventStore.layerMemory` (it shares that outbox); the
 * SQL one with `SqlStore.layer`, `Sqlite.layer` and `Postgres.layer`.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { DuplicateCommand, VersionConflict } from "./Errors.js"
import type { CommandId, MeetingId, WorkspaceId } from "./Ids.js"
import { MeetingEvent } from "./Meeting.js"
import type { Reminder } from "./Notification.js"

/**
 * A stored meeting event.
 *
 * @since 0.1.0
 * @category model
 */
export interface RecordedMeetingEvent {
  readonly workspace: WorkspaceId
  readonly meeting: MeetingId
  /** 1 for the series' first event. */
  readonly version: number
  readonly commandId: CommandId
  readonly event: MeetingEvent
}

/**
 * One atomic append to a series, with the messages it causes.
 *
 * @since 0.1.0
 * @category model
 */
export interface MeetingAppend {
  readonly commandId: CommandId
  readonly meeting: MeetingId
  readonly expectedVersion: number
  readonly events: ReadonlyArray<MeetingEvent>
  readonly messages: ReadonlyArray<Reminder>
}

/**
 * @since 0.1.0
 * @category ports
 */
export interface MeetingStoreService {
  /** A series' events in order; empty for an unknown series. */
  readonly read: (workspace: WorkspaceId, meeting: MeetingId) => Effect.Effect<ReadonlyArray<RecordedMeetingEvent>>
  /** The workspace's series, by id. */
  readonly list: (workspace: WorkspaceId) => Effect.Effect<ReadonlyArray<MeetingId>>
  /** The events a command id recorded (empty if none). */
  readonly eventsOfCommand: (
    workspace: WorkspaceId,
    commandId: CommandId
  ) => Effect.Effect<ReadonlyArray<RecordedMeetingEvent>>
  /** Appends all of it or nothing. */
  readonly append: (
    workspace: WorkspaceId,
    append: MeetingAppend
  ) => Effect.Effect<ReadonlyArray<RecordedMeetingEvent>, VersionConflict | DuplicateCommand>
}

/**
 * The meeting store in context.
 *
 * @since 0.1.0
 * @category ports
 */
export class MeetingStore extends Context.Tag("@dugnad/core/MeetingStore")<MeetingStore, MeetingStoreService>() {}

/**
 * How a meeting event is stored: its tag as `type`, its encoded form as JSON `data`.
 *
 * @since 0.1.0
 * @category codec
 */
export const encodeEvent = (event: MeetingEvent): { readonly type: string; readonly data: string } => ({
  type: event._tag,
  data: JSON.stringify(Schema.encodeSync(MeetingEvent)(event))
})

/**
 * Reads a stored meeting event back (a row this release cannot read is a defect, not a user error).
 *
 * @since 0.1.0
 * @category codec
 */
export const decodeEvent = (data: string): MeetingEvent => Schema.decodeUnknownSync(MeetingEvent)(JSON.parse(data))

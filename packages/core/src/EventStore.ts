/**
 * The event store port: append-only streams of item events per workspace, with optimistic
 * concurrency (expected version), idempotency by command id, and outbox rows written in the same
 * atomic append.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { DuplicateCommand, VersionConflict } from "./Errors.js"
import type { CommandId, ItemId, WorkspaceId } from "./Ids.js"
import * as MemoryStore from "./internal/memoryStore.js"
import type { ItemEvent } from "./ItemEvent.js"
import type { Notification } from "./Notification.js"
import type { ItemProjection } from "./Projection.js"
import { MeetingStore } from "./MeetingStore.js"
import { Outbox } from "./Outbox.js"
import { ReadModel } from "./ReadModel.js"

/**
 * An event as the store recorded it. `version` counts from 1 within the stream; `position` is the
 * store-wide order, increasing across all streams and workspaces.
 *
 * @since 0.1.0
 * @category model
 */
export interface RecordedEvent {
  readonly workspace: WorkspaceId
  readonly stream: ItemId
  readonly version: number
  readonly position: number
  readonly commandId: CommandId
  readonly event: ItemEvent
}

/**
 * Events for one stream, to be appended only if the stream is still at `expectedVersion` (0 for a
 * new stream).
 *
 * @since 0.1.0
 * @category model
 */
export interface StreamAppend {
  readonly stream: ItemId
  readonly expectedVersion: number
  readonly events: ReadonlyArray<ItemEvent>
}

/**
 * One atomic append: the events of one command, possibly over several streams (a follow-up idea
 * starts a new one), the notifications they cause, and the items' read models after them. All of
 * it is stored, or none of it.
 *
 * @since 0.1.0
 * @category model
 */
export interface AppendRequest {
  readonly commandId: CommandId
  readonly streams: ReadonlyArray<StreamAppend>
  readonly notifications: ReadonlyArray<Notification>
  /** The read models of the items after the append, written in the same transaction. */
  readonly projections: ReadonlyArray<ItemProjection>
}

/**
 * Reading from where in the store-wide order, and how much.
 *
 * @since 0.1.0
 * @category model
 */
export interface ReadAllOptions {
  /** Return events with a position greater than this (0 for the start). */
  readonly after: number
  readonly limit: number
}

/**
 * What an event store does.
 *
 * @since 0.1.0
 * @category port
 */
export interface EventStoreService {
  /** The events of one stream in version order; empty when the stream does not exist. */
  readonly readStream: (workspace: WorkspaceId, stream: ItemId) => Effect.Effect<ReadonlyArray<RecordedEvent>>
  /** The workspace's events in store-wide order. */
  readonly readAll: (workspace: WorkspaceId, options: ReadAllOptions) => Effect.Effect<ReadonlyArray<RecordedEvent>>
  /** The events a command recorded; empty when the command id is new. */
  readonly eventsOfCommand: (
    workspace: WorkspaceId,
    commandId: CommandId
  ) => Effect.Effect<ReadonlyArray<RecordedEvent>>
  /** Appends atomically, or fails without writing anything. */
  readonly append: (
    workspace: WorkspaceId,
    request: AppendRequest
  ) => Effect.Effect<ReadonlyArray<RecordedEvent>, VersionConflict | DuplicateCommand>
}

/**
 * The event store port.
 *
 * @since 0.1.0
 * @category port
 */
export class EventStore extends Context.Tag("@dugnad/core/EventStore")<EventStore, EventStoreService>() {
  /**
   * An in-memory store, with its outbox and read model, for tests and for embedding without
   * persistence.
   *
   * @since 0.1.0
   */
  static readonly layerMemory: Layer.Layer<EventStore | Outbox | ReadModel | MeetingStore> = Layer.effectContext(
    Effect.map(MemoryStore.make, (store) =>
      Context.make(EventStore, store.eventStore).pipe(
        Context.add(Outbox, store.outbox),
        Context.add(ReadModel, store.readModel),
        Context.add(MeetingStore, store.meetingStore)
      ))
  )
}

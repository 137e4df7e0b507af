/**
 * Command handling: load the item's stream, fold it to its state, decide, and append the events
 * together with the notifications they cause, in one atomic write. Conflicting writers are retried
 * (optimistic concurrency), and a command id that was seen before returns the first result without
 * changing anything (idempotency).
 *
 * @since 0.1.0
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { Directory } from "./Directory.js"
import {
  type CommandError,
  CommandIdReused,
  InvalidCommand,
  UnknownItem
} from "./Errors.js"
import { EventStore, type RecordedEvent, type StreamAppend } from "./EventStore.js"
import { CommandId, ItemId, type MemberId, type WorkspaceId } from "./Ids.js"
import { shortId } from "./internal/ids.js"
import type { ItemState } from "./Item.js"
import { ItemCommand } from "./ItemCommand.js"
import { type ItemEvent, IdeaSubmitted } from "./ItemEvent.js"
import { audienceOf, Notification, notificationId } from "./Notification.js"
import type { MeetingStore } from "./MeetingStore.js"
import type { Outbox } from "./Outbox.js"
import { PrimerEntryId } from "./Primer.js"
import { type ItemProjection, project } from "./Projection.js"
import type { ReadModel } from "./ReadModel.js"
import { decide, evolve, fold, initialState } from "./Workflow.js"

/**
 * One command as a caller sends it. `item` may be left out only when submitting an idea; a short,
 * typeable id is then chosen.
 *
 * @since 0.1.0
 * @category model
 */
export interface Envelope {
  readonly workspace: WorkspaceId
  readonly commandId: CommandId
  readonly actor: MemberId
  readonly item?: ItemId | undefined
  readonly command: ItemCommand
}

/**
 * What a handled command did. For a command id seen before, `replayed` is true and `events` are
 * the ones the first attempt recorded.
 *
 * @since 0.1.0
 * @category model
 */
export interface CommandResult {
  readonly item: ItemId
  /** The item's stream version after the command. */
  readonly version: number
  readonly events: ReadonlyArray<RecordedEvent>
  readonly state: ItemState
  readonly replayed: boolean
}

/**
 * Everything command handling and the queries need, in memory: an event store with its outbox
 * and read model, and a directory. For tests, demos and embedding without persistence.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemory: Layer.Layer<EventStore | Outbox | ReadModel | Directory | MeetingStore> = Layer.merge(
  EventStore.layerMemory,
  Directory.layerMemory
)

/**
 * How many times a command is decided again after another writer got there first.
 *
 * @since 0.1.0
 * @category configuration
 */
export const conflictRetries = 5

/**
 * A fresh, short and typeable item id (six characters, e.g. `k7m2qd`).
 *
 * @since 0.1.0
 * @category ids
 */
export const newItemId: Effect.Effect<ItemId> = Effect.map(shortId(6), ItemId.make)

/**
 * A fresh command id, for callers that have no id of their own to give (a chat interaction id or
 * a CLI invocation id is better: re-sending it is then safe).
 *
 * @since 0.1.0
 * @category ids
 */
export const newCommandId: Effect.Effect<CommandId> = Effect.map(shortId(16), CommandId.make)

/**
 * Handles one command. Fails with a typed {@link CommandError}; on failure nothing is written.
 *
 * @since 0.1.0
 * @category handling
 */
export const handle: (
  envelope: Envelope
) => Effect.Effect<CommandResult, CommandError, Directory | EventStore> = Effect.fn("Commands.handle")(function*(
  envelope: Envelope
) {
  const directory = yield* Directory
  const store = yield* EventStore
  // The actor first: a known member implies a known workspace, so the workspace is read only to
  // tell an unknown workspace from an unknown member.
  const member = yield* directory.member(envelope.workspace, envelope.actor).pipe(
    Effect.tapError(() => directory.workspace(envelope.workspace))
  )
  const actor = { id: member.id, roles: member.roles }

  const attempt = Effect.gen(function*() {
    const command = yield* resolveReferences(envelope.workspace, envelope.command)
    const { item, recorded } = yield* chooseItem(envelope)
    const before = fold(recorded.map((entry) => entry.event))
    if (before._tag === "None" && command._tag !== "SubmitIdea") {
      return yield* new UnknownItem({ workspace: envelope.workspace, item })
    }
    const now = yield* DateTime.now
    const decision = decide(before, command, { item, actor, now })
    if (Either.isLeft(decision)) return yield* decision.left
    const events = decision.right
    const version = recorded.length
    if (events.length === 0) {
      const first = yield* replay(envelope)
      if (first !== undefined) return first
      return { item, version, events: [], state: before, replayed: false } satisfies CommandResult
    }
    const appends: Array<StreamAppend> = [
      { stream: item, expectedVersion: version, events },
      ...(yield* spawnedStreams(envelope.workspace, item, before, events))
    ]
    const played = appends.map((append) => play(envelope.workspace, append, append.stream === item ? before : initialState))
    const written = yield* store.append(envelope.workspace, {
      commandId: envelope.commandId,
      streams: appends,
      notifications: played.flatMap((result) => result.notifications),
      projections: played.flatMap((result) => (result.projection === undefined ? [] : [result.projection]))
    })
    return {
      item,
      version: version + events.length,
      events: written,
      state: played[0]!.after,
      replayed: false
    } satisfies CommandResult
  })

  // A command id is checked when its append is refused as a duplicate, or when the command is
  // refused (a re-sent command may no longer fit the item): either way a known id returns the
  // first result. Checking before deciding would cost every command a read.
  return yield* attempt.pipe(
    Effect.retry({
      schedule: Schedule.recurs(conflictRetries),
      while: (error) => error._tag === "VersionConflict"
    }),
    Effect.catchAll((error) =>
      Effect.flatMap(replay(envelope), (first) => {
        if (first !== undefined) return Effect.succeed(first)
        return error._tag === "DuplicateCommand"
          ? Effect.die("a duplicate command left no events")
          : Effect.fail(error)
      })
    )
  )
})

/** The named item and its stream, or for a new idea without a name, a fresh id no stream uses yet. */
const chooseItem = (envelope: Envelope) =>
  Effect.gen(function*() {
    const store = yield* EventStore
    if (envelope.item !== undefined) {
      return { item: envelope.item, recorded: yield* store.readStream(envelope.workspace, envelope.item) }
    }
    if (envelope.command._tag !== "SubmitIdea") {
      return yield* new InvalidCommand({ command: envelope.command._tag, field: "item", reason: "required" })
    }
    while (true) {
      const item = yield* newItemId
      const recorded = yield* store.readStream(envelope.workspace, item)
      if (recorded.length === 0) return { item, recorded }
    }
  })

/** The result of a command id recorded before, or `undefined` for a new one. */
const replay = (envelope: Envelope) =>
  Effect.gen(function*() {
    const store = yield* EventStore
    const recorded = yield* store.eventsOfCommand(envelope.workspace, envelope.commandId)
    const first = recorded[0]
    if (first === undefined) return undefined
    if (envelope.item !== undefined && envelope.item !== first.stream) {
      return yield* new CommandIdReused({
        workspace: envelope.workspace,
        commandId: envelope.commandId,
        item: first.stream
      })
    }
    const own = recorded.filter((entry) => entry.stream === first.stream)
    const stream = yield* store.readStream(envelope.workspace, first.stream)
    const version = own[own.length - 1]!.version
    return {
      item: first.stream,
      version,
      events: recorded,
      state: fold(stream.slice(0, version).map((entry) => entry.event)),
      replayed: true
    } satisfies CommandResult
  })

/**
 * Checks that the goals and people a command names exist in the workspace, and marks each
 * requested reviewer as an expert exactly when the directory says they are one.
 */
const isBuiltInPrimerId = Schema.is(PrimerEntryId)

const resolveReferences = (workspace: WorkspaceId, command: ItemCommand) =>
  Effect.gen(function*() {
    const directory = yield* Directory
    switch (command._tag) {
      case "SubmitIdea":
      case "EditIdea":
        yield* Effect.forEach(command.goals ?? [], (goal) => directory.goal(workspace, goal), { discard: true })
        yield* Effect.forEach(command.concerns ?? [], (member) => directory.member(workspace, member), {
          discard: true
        })
        return command
      case "RequestReview": {
        const reviewers = yield* Effect.forEach(command.reviewers, (reviewer) =>
          Effect.map(directory.member(workspace, reviewer.member), (member) => ({
            member: member.id,
            expert: member.roles.includes("expert")
          })))
        return ItemCommand.RequestReview({ ...command, reviewers })
      }
      case "RemoveReviewer":
        yield* directory.member(workspace, command.reviewer)
        return command
      case "DecideFormat": {
        // A decision cites the primer entry that explains it: a built-in one or the workspace's own.
        const cited = command.primer?.trim()
        if (cited === undefined || cited === "" || isBuiltInPrimerId(cited)) return command
        const own = yield* directory.primerEntries(workspace)
        if (own.some((entry) => entry.id === cited)) return command
        return yield* new InvalidCommand({ command: command._tag, field: "primer", reason: "not_allowed" })
      }
      default:
        return command
    }
  })

/** A follow-up idea starts its own stream, linked back to the item it follows up. */
const spawnedStreams = (
  workspace: WorkspaceId,
  item: ItemId,
  before: ItemState,
  events: ReadonlyArray<ItemEvent>
) =>
  Effect.gen(function*() {
    const store = yield* EventStore
    const appends: Array<StreamAppend> = []
    for (const event of events) {
      if (event._tag !== "FollowUpProposed" || before._tag === "None") continue
      if ((yield* store.readStream(workspace, event.followUp)).length > 0) {
        return yield* new InvalidCommand({ command: "ProposeFollowUp", field: "followUp", reason: "duplicate" })
      }
      const parent = before.idea
      appends.push({
        stream: event.followUp,
        expectedVersion: 0,
        events: [
          IdeaSubmitted.make({
            by: event.by,
            at: event.at,
            item: event.followUp,
            title: event.title,
            pitch: event.pitch,
            goals: parent.goals,
            concerns: parent.concerns,
            followUpOf: item,
            ...(parent.department === undefined ? {} : { department: parent.department })
          })
        ]
      })
    }
    return appends
  })

// Rows are built from events `decide` made and ids the store checked: validating them again costs
// a parse of the whole event union per command.
const trusted = true

/**
 * Evolves one stream's new events once, from the state before them, and keeps what the append
 * writes with them: a notification per event someone must hear of, and the item's read models
 * after the last one.
 */
const play = (workspace: WorkspaceId, append: StreamAppend, start: ItemState) => {
  let state = start
  const notifications: Array<Notification> = []
  append.events.forEach((event, index) => {
    state = evolve(state, event)
    const audience = audienceOf(event, state)
    if (audience === undefined) return
    const version = append.expectedVersion + index + 1
    notifications.push(
      Notification.make({
        id: notificationId(workspace, append.stream, version),
        workspace,
        item: append.stream,
        version,
        audience,
        event
      }, trusted)
    )
  })
  const last = append.events[append.events.length - 1]!
  const projection: ItemProjection | undefined = project(
    workspace,
    append.stream,
    state,
    append.expectedVersion + append.events.length,
    last.at
  )
  return { notifications, projection, after: state }
}

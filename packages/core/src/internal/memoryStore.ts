import * as Clock from "effect/Clock"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { networks } from "../Draft.js"
import { DuplicateCommand, VersionConflict } from "../Errors.js"
import type { EventStoreService, RecordedEvent } from "../EventStore.js"
import type { MeetingId } from "../Ids.js"
import type { MeetingStoreService, RecordedMeetingEvent } from "../MeetingStore.js"
import { claimLease, type OutboxEntry, type OutboxService } from "../Outbox.js"
import type { ItemProjection, ItemSummary, PostResult } from "../Projection.js"
import type { PostRow, ReadModelService } from "../ReadModel.js"
import { goalTotalsOf } from "../ResultsContext.js"
import { Replay } from "./replay.js"

/** Keys are prefixed by workspace so that nothing is ever looked up across workspaces. */
const key = (workspace: string, id: string) => `${workspace}\u0000${id}`

const postRow = (post: PostResult): PostRow => ({
  item: post.item,
  network: post.network,
  publishedAt: post.publishedAt,
  metrics: post.metrics
})

/** Oldest first, then by item and network: the order the SQL stores give. */
const byPublication = (left: PostRow, right: PostRow) =>
  left.publishedAt.epochMillis - right.publishedAt.epochMillis ||
  (left.item < right.item ? -1 : left.item > right.item ? 1 : 0) ||
  (left.network < right.network ? -1 : left.network > right.network ? 1 : 0)

/** A fresh in-memory event store and outbox sharing one state. */
export const make = Effect.sync(() => {
  // Effects on one runtime never interleave inside a synchronous block, so each operation below is
  // atomic without locks: `append` validates everything before it writes anything.
  const all: Array<RecordedEvent> = []
  const streams = new Map<string, Array<RecordedEvent>>()
  const commands = new Map<string, ReadonlyArray<RecordedEvent>>()
  const rows: Array<OutboxEntry> = []
  const summaries = new Map<string, ItemSummary>()
  const posts = new Map<string, ReadonlyArray<PostResult>>()
  let checkpoint = 0
  const writeProjection = (projection: ItemProjection) => {
    const itemKey = key(projection.summary.workspace, projection.summary.item)
    summaries.set(itemKey, projection.summary)
    posts.set(itemKey, projection.posts)
  }
  const rowIndex = new Map<string, number>()
  const postsIn = (workspace: string, from: DateTime.Utc, until: DateTime.Utc) =>
    [...posts.values()].flat().filter((post) =>
      post.workspace === workspace && post.publishedAt.epochMillis >= from.epochMillis &&
      post.publishedAt.epochMillis <= until.epochMillis
    )

  const eventStore: EventStoreService = {
    readStream: (workspace, stream) => Effect.sync(() => [...(streams.get(key(workspace, stream)) ?? [])]),
    readAll: (workspace, { after, limit }) =>
      Effect.sync(() => {
        const found: Array<RecordedEvent> = []
        for (let index = Math.max(0, after); index < all.length && found.length < limit; index++) {
          const recorded = all[index]!
          if (recorded.workspace === workspace) found.push(recorded)
        }
        return found
      }),
    eventsOfCommand: (workspace, commandId) => Effect.sync(() => commands.get(key(workspace, commandId)) ?? []),
    append: (workspace, request) =>
      Effect.flatMap(DateTime.now, (now): Effect.Effect<ReadonlyArray<RecordedEvent>, DuplicateCommand | VersionConflict> => {
        if (commandTaken(workspace, request.commandId)) {
          return Effect.fail(new DuplicateCommand({ workspace, commandId: request.commandId }))
        }
        for (const append of request.streams) {
          const actual = streams.get(key(workspace, append.stream))?.length ?? 0
          if (actual !== append.expectedVersion) {
            return Effect.fail(
              new VersionConflict({ workspace, stream: append.stream, expected: append.expectedVersion, actual })
            )
          }
        }
        const recorded: Array<RecordedEvent> = []
        for (const append of request.streams) {
          const streamKey = key(workspace, append.stream)
          const stream = streams.get(streamKey) ?? []
          streams.set(streamKey, stream)
          for (const event of append.events) {
            const entry: RecordedEvent = {
              workspace,
              stream: append.stream,
              version: stream.length + 1,
              position: all.length + 1,
              commandId: request.commandId,
              event
            }
            stream.push(entry)
            all.push(entry)
            recorded.push(entry)
          }
        }
        commands.set(key(workspace, request.commandId), recorded)
        for (const projection of request.projections) writeProjection(projection)
        checkpoint = all.length
        for (const notification of request.notifications) {
          if (rowIndex.has(notification.id)) continue
          rowIndex.set(notification.id, rows.length)
          rows.push({ notification, status: "pending", attempts: 0, nextAttemptAt: now, lastError: undefined })
        }
        return Effect.succeed(recorded)
      })
  }

  const update = (id: string, when: (row: OutboxEntry) => boolean, change: (row: OutboxEntry) => OutboxEntry) => {
    const index = rowIndex.get(id)
    const row = index === undefined ? undefined : rows[index]
    if (row !== undefined && when(row)) rows[index!] = change(row)
  }
  const claimedUntil = new Map<string, number>()

  const outbox: OutboxService = {
    enqueue: (reminders) =>
      Effect.map(DateTime.now, (now) => {
        const added: Array<string> = []
        for (const reminder of reminders) {
          if (rowIndex.has(reminder.id)) continue
          rowIndex.set(reminder.id, rows.length)
          rows.push({ notification: reminder, status: "pending", attempts: 0, nextAttemptAt: now, lastError: undefined })
          added.push(reminder.id)
        }
        return added
      }),
    list: (workspace) => Effect.sync(() => rows.filter((row) => row.notification.workspace === workspace)),
    claim: (limit) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        const claimed: Array<OutboxEntry> = []
        for (let index = 0; index < rows.length && claimed.length < limit; index++) {
          const row = rows[index]!
          const due = row.status === "pending" && row.nextAttemptAt.epochMillis <= now
          const abandoned = row.status === "claimed" && (claimedUntil.get(row.notification.id) ?? 0) <= now
          if (!due && !abandoned) continue
          const next: OutboxEntry = { ...row, status: "claimed", attempts: row.attempts + 1 }
          rows[index] = next
          claimedUntil.set(row.notification.id, now + Duration.toMillis(claimLease))
          claimed.push(next)
        }
        return claimed
      }),
    markDelivered: (ids) =>
      Effect.sync(() => {
        for (const id of ids) update(id, (row) => row.status === "claimed", (row) => ({ ...row, status: "delivered" }))
      }),
    retryLater: (id, error, at) =>
      Effect.sync(() =>
        update(id, (row) => row.status === "claimed", (row) => ({
          ...row,
          status: "pending",
          nextAttemptAt: at,
          lastError: error
        }))
      ),
    park: (id, error) =>
      Effect.sync(() =>
        update(id, (row) => row.status === "claimed", (row) => ({ ...row, status: "parked", lastError: error }))
      ),
    unpark: (workspace, ids) =>
      Effect.map(DateTime.now, (now) => {
        for (const id of ids) {
          update(
            id,
            (row) => row.status === "parked" && row.notification.workspace === workspace,
            (row) => ({ ...row, status: "pending", nextAttemptAt: now })
          )
        }
      })
  }

  const meetingStreams = new Map<string, Array<RecordedMeetingEvent>>()
  const meetingCommands = new Map<string, ReadonlyArray<RecordedMeetingEvent>>()
  const meetingIds = new Map<string, Set<MeetingId>>()
  const commandTaken = (workspace: string, commandId: string) =>
    commands.has(key(workspace, commandId)) || meetingCommands.has(key(workspace, commandId))

  const meetingStore: MeetingStoreService = {
    read: (workspace, meeting) => Effect.sync(() => [...(meetingStreams.get(key(workspace, meeting)) ?? [])]),
    list: (workspace) => Effect.sync(() => [...(meetingIds.get(workspace) ?? [])].sort()),
    eventsOfCommand: (workspace, commandId) => Effect.sync(() => meetingCommands.get(key(workspace, commandId)) ?? []),
    append: (workspace, request) =>
      Effect.flatMap(
        DateTime.now,
        (now): Effect.Effect<ReadonlyArray<RecordedMeetingEvent>, DuplicateCommand | VersionConflict> => {
          if (commandTaken(workspace, request.commandId)) {
            return Effect.fail(new DuplicateCommand({ workspace, commandId: request.commandId }))
          }
          const streamKey = key(workspace, request.meeting)
          const stream = meetingStreams.get(streamKey) ?? []
          if (stream.length !== request.expectedVersion) {
            return Effect.fail(
              new VersionConflict({
                workspace,
                stream: request.meeting,
                expected: request.expectedVersion,
                actual: stream.length
              })
            )
          }
          const recorded = request.events.map((event, index): RecordedMeetingEvent => ({
            workspace,
            meeting: request.meeting,
            version: request.expectedVersion + index + 1,
            commandId: request.commandId,
            event
          }))
          meetingStreams.set(streamKey, [...stream, ...recorded])
          meetingCommands.set(key(workspace, request.commandId), recorded)
          meetingIds.set(workspace, (meetingIds.get(workspace) ?? new Set()).add(request.meeting))
          for (const message of request.messages) {
            if (rowIndex.has(message.id)) continue
            rowIndex.set(message.id, rows.length)
            rows.push({ notification: message, status: "pending", attempts: 0, nextAttemptAt: now, lastError: undefined })
          }
          return Effect.succeed(recorded)
        }
      )
  }

  const readModel: ReadModelService = {
    board: (workspace, filter) =>
      Effect.sync(() =>
        [...summaries.values()]
          .filter((summary) =>
            summary.workspace === workspace &&
            (filter.goal === undefined || summary.goals.includes(filter.goal)) &&
            (filter.owner === undefined || summary.owner === filter.owner) &&
            (filter.stage === undefined || summary.stage === filter.stage)
          )
          .sort((left, right) =>
            right.updatedAt.epochMillis - left.updatedAt.epochMillis || left.item.localeCompare(right.item)
          )
      ),
    results: (workspace, filter) =>
      Effect.sync(() =>
        [...posts.values()]
          .flat()
          .filter((post) =>
            post.workspace === workspace &&
            (filter.network === undefined || post.network === filter.network) &&
            (filter.publishedSince === undefined || post.publishedAt.epochMillis >= filter.publishedSince.epochMillis)
          )
          .sort((left, right) =>
            right.publishedAt.epochMillis - left.publishedAt.epochMillis || left.item.localeCompare(right.item)
          )
      ),
    publishedPost: (workspace, item, network) =>
      Effect.sync(() => {
        const itemKey = key(workspace, item)
        const summary = summaries.get(itemKey)
        if (summary === undefined) return undefined
        const itemPosts = posts.get(itemKey) ?? []
        const post = itemPosts.find((candidate) => candidate.network === network)
        return {
          stage: summary.stage,
          goals: summary.goals,
          publishedOn: networks.filter((name) => itemPosts.some((candidate) => candidate.network === name)),
          post: post === undefined ? undefined : postRow(post)
        }
      }),
    postWindow: (workspace, filter) =>
      Effect.sync(() =>
        postsIn(workspace, filter.from, filter.until)
          .filter((post) => filter.network === undefined || post.network === filter.network)
          .map(postRow)
          .sort(byPublication)
      ),
    goalTotals: (workspace, filter) =>
      Effect.sync(() => goalTotalsOf(filter.goals, postsIn(workspace, filter.from, filter.until))),
    checkpoint: Effect.sync(() => checkpoint),
    rebuild: (from) =>
      Effect.sync(() => {
        // Read models are written with the events, so from the checkpoint there is nothing to do.
        if (from === "checkpoint") return { events: 0, items: 0, checkpoint }
        const replay = new Replay()
        for (const entry of all) replay.add(entry)
        summaries.clear()
        posts.clear()
        for (const projection of replay.projections()) writeProjection(projection)
        checkpoint = all.length
        return { events: all.length, items: replay.size, checkpoint }
      })
  }

  return { eventStore, outbox, readModel, meetingStore }
})

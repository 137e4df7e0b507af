import * as Effect from "effect/Effect"
import { DuplicateCommand, VersionConflict } from "../Errors.js"
import type { EventStoreService, RecordedEvent } from "../EventStore.js"
import type { OutboxEntry, OutboxService } from "../Outbox.js"

/** Keys are prefixed by workspace so that nothing is ever looked up across workspaces. */
const key = (workspace: string, id: string) => `${workspace}\u0000${id}`

/** A fresh in-memory event store and outbox sharing one state. */
export const make = Effect.sync(() => {
  // Effects on one runtime never interleave inside a synchronous block, so each operation below is
  // atomic without locks: `append` validates everything before it writes anything.
  const all: Array<RecordedEvent> = []
  const streams = new Map<string, Array<RecordedEvent>>()
  const commands = new Map<string, ReadonlyArray<RecordedEvent>>()
  const rows: Array<OutboxEntry> = []
  const rowIndex = new Map<string, number>()

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
      Effect.suspend((): Effect.Effect<ReadonlyArray<RecordedEvent>, DuplicateCommand | VersionConflict> => {
        if (commands.has(key(workspace, request.commandId))) {
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
        for (const notification of request.notifications) {
          if (rowIndex.has(notification.id)) continue
          rowIndex.set(notification.id, rows.length)
          rows.push({ notification, status: "pending", attempts: 0 })
        }
        return Effect.succeed(recorded)
      })
  }

  const move = (ids: ReadonlyArray<string>, from: OutboxEntry["status"], to: OutboxEntry["status"]) =>
    Effect.sync(() => {
      for (const id of ids) {
        const index = rowIndex.get(id)
        const row = index === undefined ? undefined : rows[index]
        if (row !== undefined && row.status === from) rows[index!] = { ...row, status: to }
      }
    })

  const outbox: OutboxService = {
    list: (workspace) => Effect.sync(() => rows.filter((row) => row.notification.workspace === workspace)),
    claim: (limit) =>
      Effect.sync(() => {
        const claimed = []
        for (let index = 0; index < rows.length && claimed.length < limit; index++) {
          const row = rows[index]!
          if (row.status !== "pending") continue
          rows[index] = { ...row, status: "claimed", attempts: row.attempts + 1 }
          claimed.push(row.notification)
        }
        return claimed
      }),
    markDelivered: (ids) => move(ids, "claimed", "delivered"),
    release: (ids) => move(ids, "claimed", "pending")
  }

  return { eventStore, outbox }
})

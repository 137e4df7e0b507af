/**
 * Meeting series as Discord guild scheduled events: each running series has one external event
 * (`entity_type` 3) for its next occurrence, at the meeting's channel (or "Dugnad"), visible to the
 * guild (`privacy_level` 2). Once an occurrence has started the event moves on to the next one
 * (unless someone started the event in Discord: an active event is left alone); when the series
 * ends, or has no occurrence left, the event is deleted.
 *
 * Nothing about events is stored: the event's description ends with a marker naming the meeting
 * (`dugnad:<meeting id>`), so each sync lists the guild's events and finds the series' event again.
 * A restarted bot, or another process, therefore updates the event instead of creating a second
 * one; if two ever exist for one series (two processes created one at the same moment), the sync
 * keeps the oldest and deletes the others.
 *
 * Where it hooks in: the core records scheduling and changing a series as `MeetingStore` events,
 * and only cancelled or moved occurrences become outbox messages (`MeetingChanged`). So the bot
 * syncs every workspace's series after each scheduler period (`Reminders.run`, under its own lease),
 * and the notifier also syncs a series at once when it delivers a `MeetingChanged` message.
 *
 * @since 0.1.0
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Directory from "@dugnad/core/Directory"
import type { MeetingId, WorkspaceId } from "@dugnad/core/Ids"
import type { Series } from "@dugnad/core/Meeting"
import * as Meetings from "@dugnad/core/Meetings"
import { MeetingStore } from "@dugnad/core/MeetingStore"
import { occurrences } from "@dugnad/core/Recurrence"
import {
  type APIGuildScheduledEvent,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  GuildScheduledEventStatus,
  type REST,
  Routes
} from "discord.js"
import { guildIdOf } from "./Identity.js"

/**
 * The marker at the end of an event's description that names its series.
 *
 * @since 0.1.0
 * @category events
 */
export const markerOf = (meeting: MeetingId | string): string => `dugnad:${meeting}`

const markerPattern = /dugnad:([A-Za-z0-9_-]+)\s*$/u

/**
 * The series an event belongs to, from its description's marker.
 *
 * @since 0.1.0
 * @category events
 */
export const meetingOfEvent = (event: Pick<APIGuildScheduledEvent, "description">): string | undefined =>
  markerPattern.exec(event.description ?? "")?.[1]

/**
 * What a series' event should say now.
 *
 * @since 0.1.0
 * @category events
 */
export interface DesiredEvent {
  readonly name: string
  readonly description: string
  readonly scheduled_start_time: string
  readonly scheduled_end_time: string
  readonly entity_type: GuildScheduledEventEntityType.External
  readonly privacy_level: GuildScheduledEventPrivacyLevel.GuildOnly
  readonly entity_metadata: { readonly location: string }
}

/** Discord's limits on an event's name, description and location. */
const limits = { name: 100, description: 1000, location: 100 } as const

/**
 * The event a series should have at `now`: its next occurrence (Discord takes only start times in
 * the future); `undefined` when it has ended or has no occurrence left.
 *
 * @since 0.1.0
 * @category events
 */
export const desiredOf = (series: Series, ended: boolean, now: DateTime.Utc): DesiredEvent | undefined => {
  if (ended) return undefined
  const [next] = occurrences(series.schedule, {
    from: DateTime.add(now, { millis: 1 }),
    until: DateTime.add(now, { days: 3660 }),
    limit: 1
  })
  if (next === undefined) return undefined
  const marker = markerOf(series.id)
  const agenda = series.agenda.map((line) => `• ${line}`).join("\n")
  const room = limits.description - marker.length - 2
  const text = agenda.length > room ? `${agenda.slice(0, Math.max(0, room - 1))}…` : agenda
  return {
    name: series.title.slice(0, limits.name),
    description: text === "" ? marker : `${text}\n\n${marker}`,
    scheduled_start_time: DateTime.formatIso(DateTime.toUtc(next.start)),
    scheduled_end_time: DateTime.formatIso(DateTime.toUtc(next.end)),
    entity_type: GuildScheduledEventEntityType.External,
    privacy_level: GuildScheduledEventPrivacyLevel.GuildOnly,
    entity_metadata: { location: (series.channel ?? "Dugnad").slice(0, limits.location) }
  }
}

const sameInstant = (left: string | null | undefined, right: string) =>
  left !== null && left !== undefined && Date.parse(left) === Date.parse(right)

/** Whether an existing event already says what it should. */
const upToDate = (event: APIGuildScheduledEvent, desired: DesiredEvent) =>
  event.name === desired.name &&
  (event.description ?? "") === desired.description &&
  sameInstant(event.scheduled_start_time, desired.scheduled_start_time) &&
  sameInstant(event.scheduled_end_time, desired.scheduled_end_time) &&
  event.entity_type === desired.entity_type &&
  event.entity_metadata?.location === desired.entity_metadata.location

/**
 * What one sync of a guild did (for logs and tests).
 *
 * @since 0.1.0
 * @category events
 */
export interface SyncReport {
  readonly created: ReadonlyArray<string>
  readonly updated: ReadonlyArray<string>
  readonly deleted: ReadonlyArray<string>
}

const emptyReport: SyncReport = { created: [], updated: [], deleted: [] }

/**
 * Brings a workspace's guild's events in line with its series (all of them, or `only` one).
 * A workspace that is not a Discord guild, or has no series, costs no request.
 *
 * @since 0.1.0
 * @category events
 */
export const syncWorkspace = (
  rest: REST,
  workspace: WorkspaceId,
  only?: MeetingId
): Effect.Effect<SyncReport, unknown, MeetingStore> =>
  Effect.gen(function*() {
    const guildId = guildIdOf(workspace)
    if (guildId === undefined) return emptyReport
    const store = yield* MeetingStore
    const meetings = only === undefined ? yield* store.list(workspace) : [only]
    if (meetings.length === 0) return emptyReport
    const now = yield* DateTime.now
    const existing = yield* Effect.tryPromise(() =>
      rest.get(Routes.guildScheduledEvents(guildId)) as Promise<ReadonlyArray<APIGuildScheduledEvent>>
    )
    // Events the series still owns: scheduled or in progress (a completed or cancelled one is history).
    const live = existing.filter((event) =>
      event.status === GuildScheduledEventStatus.Scheduled || event.status === GuildScheduledEventStatus.Active
    )
    const report = { created: [] as Array<string>, updated: [] as Array<string>, deleted: [] as Array<string> }
    const syncOne = (meeting: MeetingId) => Effect.gen(function*() {
      const found = yield* Meetings.series(workspace, meeting).pipe(
        // A meeting id with no series recorded (yet) has no event to sync.
        Effect.catchTag("UnknownMeeting", () => Effect.succeed(undefined))
      )
      if (found === undefined) return
      const desired = desiredOf(found.series, found.ended, now)
      const [kept, ...extra] = live
        .filter((event) => meetingOfEvent(event) === meeting)
        .sort((left, right) => (BigInt(left.id) < BigInt(right.id) ? -1 : 1))
      for (const event of extra) {
        yield* Effect.tryPromise(() => rest.delete(Routes.guildScheduledEvent(guildId, event.id)))
        report.deleted.push(event.id)
      }
      if (desired === undefined) {
        if (kept !== undefined && kept.status === GuildScheduledEventStatus.Scheduled) {
          yield* Effect.tryPromise(() => rest.delete(Routes.guildScheduledEvent(guildId, kept.id)))
          report.deleted.push(kept.id)
        }
      } else if (kept === undefined) {
        const created = yield* Effect.tryPromise(() =>
          rest.post(Routes.guildScheduledEvents(guildId), { body: desired }) as Promise<APIGuildScheduledEvent>
        )
        report.created.push(created.id)
      } else if (kept.status === GuildScheduledEventStatus.Scheduled && !upToDate(kept, desired)) {
        // An event in progress (started in Discord) is left alone until it is over.
        yield* Effect.tryPromise(() => rest.patch(Routes.guildScheduledEvent(guildId, kept.id), { body: desired }))
        report.updated.push(kept.id)
      }
    })
    for (const meeting of meetings) {
      // One series failing (Discord refused its event) does not hold up the others.
      yield* syncOne(meeting).pipe(
        Effect.catchAll((error) =>
          Effect.logWarning("scheduled event not synced", {
            workspace,
            meeting,
            error: String(typeof error === "object" && error !== null && "cause" in error ? error.cause : error)
          })
        )
      )
    }
    return report satisfies SyncReport
  })

/**
 * Syncs every workspace's guild; a guild that fails is logged and tried again at the next sync.
 *
 * @since 0.1.0
 * @category events
 */
export const syncAll = (rest: REST): Effect.Effect<void, never, MeetingStore | Directory.Directory> =>
  Effect.gen(function*() {
    const directory = yield* Directory.Directory
    for (const workspace of yield* directory.workspaces) {
      yield* syncWorkspace(rest, workspace.id).pipe(
        Effect.catchAllCause((cause) =>
          Effect.logWarning("scheduled events sync failed", { workspace: workspace.id, cause: String(cause) })
        )
      )
    }
  })

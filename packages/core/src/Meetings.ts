/**
 * The application layer of meeting series: handling meeting commands against the stores (like
 * `Commands.handle` for items), and the reports around an occurrence: what the reminder carries
 * (agenda, the last cycle's ideas and where they are now, results since, follow-ups to take up),
 * the summary afterwards, and the series as an iCalendar file.
 *
 * An idea belongs to the occurrence it was brought to: an idea submitted with a meeting id belongs
 * to the latest occurrence that started at or before its submission (ideas sent in after a meeting
 * count for it, until the next one starts), or to the first occurrence when it came before any.
 *
 * @since 0.1.0
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schedule from "effect/Schedule"
import { ics } from "./Calendar.js"
import { Directory } from "./Directory.js"
import {
  InvalidCommand,
  type UnknownMember,
  UnknownMeeting,
  type UnknownWorkspace,
  type VersionConflict
} from "./Errors.js"
import { type CommandId, MeetingId, type MemberId, type WorkspaceId } from "./Ids.js"
import { shortId } from "./internal/ids.js"
import {
  decide,
  fold,
  type Invitees,
  type MeetingCommand,
  type MeetingDecisionError,
  type MeetingEvent,
  type MeetingState,
  type Series,
  seriesOf
} from "./Meeting.js"
import { MeetingStore, type RecordedMeetingEvent } from "./MeetingStore.js"
import type { Member } from "./Member.js"
import { type Audience, Reminder, type ReportedIdea, type ReportedPost, type ReminderSubject } from "./Notification.js"
import type { ItemSummary } from "./Projection.js"
import { ReadModel } from "./ReadModel.js"
import { next, type Occurrence, occurrenceAt, occurrences, previous } from "./Recurrence.js"

/**
 * A meeting command with who sends it, where, and its id (for idempotency).
 *
 * @since 0.1.0
 * @category handling
 */
export interface MeetingEnvelope {
  readonly workspace: WorkspaceId
  readonly commandId: CommandId
  readonly actor: MemberId
  /** The series; omitted when scheduling a new one (an id is chosen). */
  readonly meeting?: MeetingId | undefined
  readonly command: MeetingCommand
}

/**
 * What handling a meeting command did.
 *
 * @since 0.1.0
 * @category handling
 */
export interface MeetingResult {
  readonly meeting: MeetingId
  readonly version: number
  readonly events: ReadonlyArray<RecordedMeetingEvent>
  readonly state: MeetingState
  readonly replayed: boolean
}

/**
 * Every error handling a meeting command can return.
 *
 * @since 0.1.0
 * @category handling
 */
export type MeetingCommandError =
  | MeetingDecisionError
  | UnknownMeeting
  | UnknownWorkspace
  | UnknownMember
  | VersionConflict

const newMeetingId: Effect.Effect<MeetingId> = Effect.map(shortId(6), MeetingId.make)

/**
 * The members a series invites: everyone with one of its roles, in one of its departments, or
 * named; everyone when it names nobody.
 *
 * @since 0.1.0
 * @category reports
 */
export const invited = (invitees: Invitees, members: ReadonlyArray<Member>): ReadonlyArray<MemberId> => {
  const everyone = invitees.roles.length === 0 && invitees.departments.length === 0 && invitees.members.length === 0
  return members
    .filter((member) =>
      everyone ||
      invitees.members.includes(member.id) ||
      member.roles.some((role) => invitees.roles.includes(role)) ||
      (member.department !== undefined && invitees.departments.includes(member.department))
    )
    .map((member) => member.id)
}

const membersAudience = (members: ReadonlyArray<MemberId>): Audience | undefined =>
  members.length === 0 ? undefined : { _tag: "Members", members: [members[0]!, ...members.slice(1)] }

/**
 * A message for a series: to its channel (or the team channel) and, when `direct`, as direct
 * messages to the people invited. Ids name the occasion, so each goes out once.
 *
 * @since 0.1.0
 * @category reports
 */
export const messagesFor = (
  workspace: WorkspaceId,
  series: Series,
  invitedMembers: ReadonlyArray<MemberId>,
  occasion: string,
  subject: ReminderSubject
): ReadonlyArray<Reminder> => {
  const channel: Audience = series.channel === undefined ? { _tag: "TeamChannel" } : { _tag: "Channel", channel: series.channel }
  const direct = membersAudience(invitedMembers)
  return [
    Reminder.make({ id: `${occasion}/channel`, workspace, audience: channel, subject }, true),
    ...(direct === undefined ? [] : [Reminder.make({ id: `${occasion}/direct`, workspace, audience: direct, subject }, true)])
  ]
}

const zoneOf = (series: Series) => series.schedule.segments[series.schedule.segments.length - 1]!.timeZone

/** The messages a cancelled or moved occurrence causes. */
const changeMessages = (
  workspace: WorkspaceId,
  series: Series,
  members: ReadonlyArray<Member>,
  events: ReadonlyArray<MeetingEvent>,
  after: MeetingState
): ReadonlyArray<Reminder> =>
  events.flatMap((event) => {
    if (event._tag !== "OccurrenceCancelled" && event._tag !== "OccurrenceMoved") return []
    const moved = event._tag === "OccurrenceMoved"
      ? occurrenceAt(seriesOf(after)!.schedule, event.occurrence)
      : undefined
    const subject: ReminderSubject = {
      _tag: "MeetingChanged",
      meeting: series.id,
      title: series.title,
      occurrence: event.occurrence,
      change: event._tag === "OccurrenceCancelled" ? "cancelled" : "moved",
      timeZone: zoneOf(series),
      ...(moved === undefined ? {} : { start: DateTime.toUtc(moved.start) }),
      ...(event._tag === "OccurrenceCancelled" && event.reason !== undefined ? { reason: event.reason } : {})
    }
    const occasion = `meeting-${subject.change}/${workspace}/${series.id}/${event.occurrence}/${event.at.epochMillis}`
    return messagesFor(workspace, series, invited(series.invitees, members), occasion, subject)
  })

const replay = (envelope: MeetingEnvelope) =>
  Effect.gen(function*() {
    const store = yield* MeetingStore
    const recorded = yield* store.eventsOfCommand(envelope.workspace, envelope.commandId)
    const first = recorded[0]
    if (first === undefined) return undefined
    if (envelope.meeting !== undefined && envelope.meeting !== first.meeting) {
      // The id was used for another series' command: a client bug, answered as a duplicate id.
      return yield* new InvalidCommand({ command: envelope.command._tag, field: "commandId", reason: "duplicate" })
    }
    const stream = yield* store.read(envelope.workspace, first.meeting)
    const version = recorded[recorded.length - 1]!.version
    return {
      meeting: first.meeting,
      version,
      events: recorded,
      state: fold(stream.slice(0, version).map((entry) => entry.event)),
      replayed: true
    } satisfies MeetingResult
  })

/**
 * Handles one meeting command: checks the actor, decides, appends the events and the messages
 * they cause in one go. Retried on a version conflict; a command id already recorded returns the
 * first result.
 *
 * @since 0.1.0
 * @category handling
 */
export const handle: (
  envelope: MeetingEnvelope
) => Effect.Effect<MeetingResult, MeetingCommandError, Directory | MeetingStore> = Effect.fn("Meetings.handle")(
  function*(envelope: MeetingEnvelope) {
    const directory = yield* Directory
    const store = yield* MeetingStore
    const workspace = yield* directory.workspace(envelope.workspace)
    const member = yield* directory.member(envelope.workspace, envelope.actor)
    const actor = { id: member.id, roles: member.roles }

    const attempt = Effect.gen(function*() {
      let meeting = envelope.meeting
      if (meeting === undefined) {
        if (envelope.command._tag !== "ScheduleMeeting") {
          return yield* new InvalidCommand({ command: envelope.command._tag, field: "meeting", reason: "required" })
        }
        meeting = yield* newMeetingId
      }
      const recorded = yield* store.read(envelope.workspace, meeting)
      if (recorded.length === 0 && envelope.command._tag !== "ScheduleMeeting") {
        return yield* new UnknownMeeting({ workspace: envelope.workspace, meeting })
      }
      const before = fold(recorded.map((entry) => entry.event))
      const now = yield* DateTime.now
      const decision = decide(before, envelope.command, {
        meeting,
        actor,
        now,
        defaultTimeZone: workspace.timeZone
      })
      if (Either.isLeft(decision)) return yield* decision.left
      const events = decision.right
      const after = fold(events, before)
      const series = seriesOf(after)!
      // Only a cancelled or moved occurrence tells anyone, so only then are the invitees read.
      const tells = events.some((event) => event._tag === "OccurrenceCancelled" || event._tag === "OccurrenceMoved")
      const messages = tells
        ? changeMessages(envelope.workspace, series, yield* directory.members(envelope.workspace), events, after)
        : []
      const written = yield* store.append(envelope.workspace, {
        commandId: envelope.commandId,
        meeting,
        expectedVersion: recorded.length,
        events,
        messages
      })
      return {
        meeting,
        version: recorded.length + events.length,
        events: written,
        state: after,
        replayed: false
      } satisfies MeetingResult
    })

    return yield* attempt.pipe(
      Effect.retry({ schedule: Schedule.recurs(5), while: (error) => error._tag === "VersionConflict" }),
      Effect.catchAll((error) =>
        Effect.flatMap(replay(envelope), (first) => {
          if (first !== undefined) return Effect.succeed(first)
          return error._tag === "DuplicateCommand"
            ? Effect.die("a duplicate meeting command left no events")
            : Effect.fail(error)
        })
      )
    )
  }
)

/**
 * A series as stored, with its stream version.
 *
 * @since 0.1.0
 * @category reports
 */
export const series = Effect.fn("Meetings.series")(function*(workspace: WorkspaceId, meeting: MeetingId) {
  const store = yield* MeetingStore
  const recorded = yield* store.read(workspace, meeting)
  const state = fold(recorded.map((entry) => entry.event))
  const found = seriesOf(state)
  if (found === undefined) return yield* new UnknownMeeting({ workspace, meeting })
  return { series: found, version: recorded.length, ended: state._tag === "Ended" }
})

/**
 * Which occurrence an idea submitted at `at` belongs to: the latest that started at or before it,
 * else the first.
 *
 * @since 0.1.0
 * @category reports
 */
export const occurrenceOfIdea = (schedule: Series["schedule"], at: DateTime.Utc): Occurrence | undefined =>
  previous(schedule, at) ?? next(schedule, DateTime.subtract(at, { millis: 1 }))

const reported = (summary: ItemSummary): ReportedIdea => ({
  item: summary.item,
  title: summary.title,
  by: summary.submittedBy,
  stage: summary.stage
})

/** The ideas brought to one occurrence of a series. */
const ideasOf = (board: ReadonlyArray<ItemSummary>, found: Series, occurrence: Occurrence) =>
  board
    .filter((summary) =>
      summary.meeting === found.id && occurrenceOfIdea(found.schedule, summary.submittedAt)?.key === occurrence.key
    )
    .sort((left, right) => left.submittedAt.epochMillis - right.submittedAt.epochMillis)
    .map(reported)

/**
 * What the reminder before `occurrence` carries: the agenda; the previous occurrence's ideas and
 * the stage each has reached; posts published since the previous occurrence with their latest
 * numbers; and follow-up ideas proposed since then that are still waiting (they go on this
 * agenda).
 *
 * @since 0.1.0
 * @category reports
 */
export const reminderFor = Effect.fn("Meetings.reminderFor")(function*(
  workspace: WorkspaceId,
  found: Series,
  occurrence: Occurrence
) {
  const readModel = yield* ReadModel
  const last = previous(found.schedule, DateTime.subtract(DateTime.toUtc(occurrence.start), { millis: 1 }))
  const board = yield* readModel.board(workspace, {})
  const since = last === undefined ? undefined : DateTime.toUtc(last.start)
  const posts = yield* readModel.results(workspace, since === undefined ? {} : { publishedSince: since })
  const titles = new Map(board.map((summary) => [summary.item, summary.title]))
  const postsSince = posts
    .filter((post) => post.publishedAt.epochMillis < DateTime.toUtc(occurrence.start).epochMillis)
    .map((post): ReportedPost => ({
      item: post.item,
      title: titles.get(post.item) ?? post.item,
      network: post.network,
      publishedAt: post.publishedAt,
      metrics: post.metrics
    }))
  const followUps = board
    .filter((summary) =>
      summary.followUpOf !== undefined && summary.stage === "Idea" &&
      (since === undefined || summary.submittedAt.epochMillis >= since.epochMillis)
    )
    .sort((left, right) => left.submittedAt.epochMillis - right.submittedAt.epochMillis)
    .map(reported)
  const subject: ReminderSubject = {
    _tag: "MeetingReminder",
    meeting: found.id,
    title: found.title,
    occurrence: occurrence.key,
    start: DateTime.toUtc(occurrence.start),
    timeZone: zoneOf(found),
    agenda: found.agenda,
    ...(last === undefined ? {} : { lastOccurrence: last.key }),
    ideasLastTime: last === undefined ? [] : ideasOf(board, found, last),
    postsSince,
    followUps
  }
  return subject
})

/**
 * The summary of an occurrence: its ideas and who brought them, who came, and the next steps
 * agreed.
 *
 * @since 0.1.0
 * @category reports
 */
export const summaryFor = Effect.fn("Meetings.summaryFor")(function*(
  workspace: WorkspaceId,
  found: Series,
  occurrence: Occurrence
) {
  const readModel = yield* ReadModel
  const board = yield* readModel.board(workspace, {})
  const subject: ReminderSubject = {
    _tag: "MeetingSummary",
    meeting: found.id,
    title: found.title,
    occurrence: occurrence.key,
    start: DateTime.toUtc(occurrence.start),
    timeZone: zoneOf(found),
    ideas: ideasOf(board, found, occurrence),
    attendance: found.attendance.find((entry) => entry.occurrence === occurrence.key)?.members ?? [],
    nextSteps: found.nextSteps
      .filter((step) => step.occurrence === occurrence.key)
      .map((step) => ({ text: step.text, owner: step.owner, ...(step.due === undefined ? {} : { due: step.due }) }))
  }
  return subject
})

/**
 * The summary of one occurrence of a stored series, by its local start (the latest past
 * occurrence when omitted).
 *
 * @since 0.1.0
 * @category reports
 */
export const summary = Effect.fn("Meetings.summary")(function*(
  workspace: WorkspaceId,
  meeting: MeetingId,
  occurrence?: string
) {
  const { series: found } = yield* series(workspace, meeting)
  const now = yield* DateTime.now
  const chosen = occurrence === undefined ? previous(found.schedule, now) : occurrenceAt(found.schedule, occurrence)
  if (chosen === undefined) {
    return yield* new InvalidCommand({ command: "MeetingSummary", field: "occurrence", reason: "not_allowed" })
  }
  return yield* summaryFor(workspace, found, chosen)
})

/**
 * The next occurrences of a stored series from now (`count`, default 1), and the reminder the
 * first would carry.
 *
 * @since 0.1.0
 * @category reports
 */
export const upcoming = Effect.fn("Meetings.upcoming")(function*(workspace: WorkspaceId, meeting: MeetingId, count = 1) {
  const { ended, series: found } = yield* series(workspace, meeting)
  const now = yield* DateTime.now
  if (ended) return { occurrences: [] as ReadonlyArray<Occurrence>, reminder: undefined }
  const list = occurrences(found.schedule, {
    from: now,
    until: DateTime.add(now, { days: 3660 }),
    limit: count
  })
  const first = list[0]
  return { occurrences: list, reminder: first === undefined ? undefined : yield* reminderFor(workspace, found, first) }
})

/**
 * A stored series as an iCalendar file (see `Calendar.ics`).
 *
 * @since 0.1.0
 * @category calendar
 */
export const calendar = Effect.fn("Meetings.calendar")(function*(workspace: WorkspaceId, meeting: MeetingId) {
  const { series: found } = yield* series(workspace, meeting)
  const now = yield* DateTime.now
  return ics({
    id: found.id,
    workspace,
    title: found.title,
    ...(found.agenda.length === 0 ? {} : { description: found.agenda.join("\n") }),
    ...(found.channel === undefined ? {} : { location: found.channel }),
    schedule: found.schedule
  }, { now })
})

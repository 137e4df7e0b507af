/**
 * The recurring idea meeting, as its own event stream: a series with an RFC 5545 rule in a time
 * zone, invitees, an agenda template and a reminder lead time; occurrences cancelled or moved one
 * by one; the rule changed from a date on; attendance and next steps recorded per occurrence.
 *
 * Pure like `Workflow`: `decide(state, command, context)` returns events or a typed error,
 * `evolve` folds them. An occurrence is named by its original local start (`2026-03-03T10:00`),
 * which stays its name when it is moved.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import type * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { InvalidCommand, NotAuthorized, SeriesEnded, UnknownOccurrence } from "./Errors.js"
import { MeetingId, MemberId } from "./Ids.js"
import { type Actor, hasRole, Role } from "./Member.js"
import {
  type InvalidRecurrence,
  LocalDateTime,
  type Schedule,
  Segment,
  splitAt,
  validateSegment,
  occurrenceAt
} from "./Recurrence.js"
import { exactOptional } from "./internal/schema.js"

/**
 * Who is invited: everyone with one of the roles, everyone in one of the departments, and named
 * people. All empty means the whole workspace.
 *
 * @since 0.1.0
 * @category model
 */
export const Invitees = Schema.Struct({
  roles: Schema.Array(Role),
  departments: Schema.Array(Schema.NonEmptyTrimmedString),
  members: Schema.Array(MemberId)
})
/** @since 0.1.0 @category model */
export type Invitees = typeof Invitees.Type

/**
 * The day a next step is due, in the series' time zone: `2026-03-17`.
 *
 * @since 0.1.0
 * @category model
 */
export const LocalDate = Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/))

const actorAndTime = { by: MemberId, at: Schema.DateTimeUtc }

/** @since 0.1.0 @category events */
export const MeetingScheduled = Schema.TaggedStruct("MeetingScheduled", {
  ...actorAndTime,
  meeting: MeetingId,
  title: Schema.NonEmptyTrimmedString,
  segment: Segment,
  channel: exactOptional(Schema.NonEmptyTrimmedString),
  invitees: Invitees,
  agenda: Schema.Array(Schema.String),
  reminderLeadMinutes: Schema.Int.pipe(Schema.nonNegative())
})

/** @since 0.1.0 @category events */
export const MeetingUpdated = Schema.TaggedStruct("MeetingUpdated", {
  ...actorAndTime,
  title: exactOptional(Schema.NonEmptyTrimmedString),
  channel: exactOptional(Schema.NonEmptyTrimmedString),
  invitees: exactOptional(Invitees),
  agenda: exactOptional(Schema.Array(Schema.String)),
  reminderLeadMinutes: exactOptional(Schema.Int.pipe(Schema.nonNegative()))
})

/** @since 0.1.0 @category events */
export const OccurrenceCancelled = Schema.TaggedStruct("OccurrenceCancelled", {
  ...actorAndTime,
  occurrence: LocalDateTime,
  reason: exactOptional(Schema.NonEmptyTrimmedString)
})

/** @since 0.1.0 @category events */
export const OccurrenceMoved = Schema.TaggedStruct("OccurrenceMoved", {
  ...actorAndTime,
  occurrence: LocalDateTime,
  start: LocalDateTime,
  durationMinutes: exactOptional(Schema.Int.pipe(Schema.positive()))
})

/** The rule, time or duration changes for the occurrences from `from` on. @since 0.1.0 @category events */
export const SeriesChanged = Schema.TaggedStruct("SeriesChanged", {
  ...actorAndTime,
  from: LocalDateTime,
  segment: Segment
})

/** Who came to an occurrence (replaces an earlier record for it). @since 0.1.0 @category events */
export const AttendanceRecorded = Schema.TaggedStruct("AttendanceRecorded", {
  ...actorAndTime,
  occurrence: LocalDateTime,
  members: Schema.Array(MemberId)
})

/** @since 0.1.0 @category events */
export const NextStepAdded = Schema.TaggedStruct("NextStepAdded", {
  ...actorAndTime,
  occurrence: LocalDateTime,
  text: Schema.NonEmptyTrimmedString,
  owner: MemberId,
  due: exactOptional(LocalDate)
})

/** @since 0.1.0 @category events */
export const MeetingEnded = Schema.TaggedStruct("MeetingEnded", {
  ...actorAndTime,
  reason: exactOptional(Schema.NonEmptyTrimmedString)
})

/**
 * Everything that happens to a meeting series, the persisted contract of its stream.
 *
 * @since 0.1.0
 * @category events
 */
export const MeetingEvent = Schema.Union(
  MeetingScheduled,
  MeetingUpdated,
  OccurrenceCancelled,
  OccurrenceMoved,
  SeriesChanged,
  AttendanceRecorded,
  NextStepAdded,
  MeetingEnded
)
/** @since 0.1.0 @category events */
export type MeetingEvent = typeof MeetingEvent.Type

/**
 * What a meeting series says to do.
 *
 * @since 0.1.0
 * @category commands
 */
export type MeetingCommand = Data.TaggedEnum<{
  ScheduleMeeting: {
    readonly title: string
    /** The first occurrence's local start. */
    readonly start: string
    readonly rrule: string
    /** Defaults to the workspace's time zone. */
    readonly timeZone?: string | undefined
    readonly durationMinutes: number
    readonly channel?: string | undefined
    readonly invitees: Invitees
    readonly agenda: ReadonlyArray<string>
    /** Minutes before an occurrence that the reminder goes out (default a day). */
    readonly reminderLeadMinutes?: number | undefined
  }
  UpdateMeeting: {
    readonly title?: string | undefined
    readonly channel?: string | undefined
    readonly invitees?: Invitees | undefined
    readonly agenda?: ReadonlyArray<string> | undefined
    readonly reminderLeadMinutes?: number | undefined
  }
  CancelOccurrence: { readonly occurrence: string; readonly reason?: string | undefined }
  MoveOccurrence: { readonly occurrence: string; readonly start: string; readonly durationMinutes?: number | undefined }
  /** Changes rule, time, zone or duration for the occurrences from `from` on. */
  ChangeSeries: {
    readonly from: string
    readonly start: string
    readonly rrule: string
    readonly timeZone?: string | undefined
    readonly durationMinutes?: number | undefined
  }
  RecordAttendance: { readonly occurrence: string; readonly members: ReadonlyArray<MemberId> }
  AddNextStep: {
    readonly occurrence: string
    readonly text: string
    readonly owner: MemberId
    readonly due?: string | undefined
  }
  EndSeries: { readonly reason?: string | undefined }
}>

/**
 * Constructors for {@link MeetingCommand}.
 *
 * @since 0.1.0
 * @category commands
 */
export const MeetingCommand = Data.taggedEnum<MeetingCommand>()

/**
 * A series as its events leave it.
 *
 * @since 0.1.0
 * @category state
 */
export interface Series {
  readonly id: MeetingId
  readonly title: string
  readonly organiser: MemberId
  readonly channel: string | undefined
  readonly invitees: Invitees
  readonly agenda: ReadonlyArray<string>
  readonly reminderLeadMinutes: number
  readonly schedule: Schedule
  readonly attendance: ReadonlyArray<{ readonly occurrence: LocalDateTime; readonly members: ReadonlyArray<MemberId> }>
  readonly nextSteps: ReadonlyArray<typeof NextStepAdded.Type>
}

/**
 * The stages of a series: not scheduled yet, running, ended.
 *
 * @since 0.1.0
 * @category state
 */
export type MeetingState =
  | { readonly _tag: "NoMeeting" }
  | { readonly _tag: "Running"; readonly series: Series }
  | { readonly _tag: "Ended"; readonly series: Series; readonly endedAt: DateTime.Utc }

/** @since 0.1.0 @category state */
export const initialState: MeetingState = { _tag: "NoMeeting" }

/**
 * Every error `decide` can return for a meeting command.
 *
 * @since 0.1.0
 * @category errors
 */
export type MeetingDecisionError =
  | NotAuthorized
  | InvalidCommand
  | InvalidRecurrence
  | UnknownOccurrence
  | SeriesEnded

/**
 * What `decide` needs besides the state: which series, who acts, the time, and the workspace's
 * time zone (the default for a new series).
 *
 * @since 0.1.0
 * @category decider
 */
export interface MeetingContext {
  readonly meeting: MeetingId
  readonly actor: Actor
  readonly now: DateTime.Utc
  readonly defaultTimeZone: string
}

/** The reminder goes out a day before, unless the series says otherwise. */
const defaultReminderLeadMinutes = 24 * 60
const maxDurationMinutes = 24 * 60

type Decision = Either.Either<ReadonlyArray<MeetingEvent>, MeetingDecisionError>

const invalid = (command: string, field: string, reason: InvalidCommand["reason"]): Decision =>
  Either.left(new InvalidCommand({ command, field, reason }))

const isLocalDateTime = Schema.is(LocalDateTime)
const isLocalDate = Schema.is(LocalDate)

/** The local-time fields of a command: each must be a valid wall-clock time. */
const checkTimes = (command: string, times: Record<string, string | undefined>): Decision | undefined => {
  for (const [field, value] of Object.entries(times)) {
    if (value !== undefined && !isLocalDateTime(value)) return invalid(command, field, "not_allowed")
  }
  return undefined
}

const checkDuration = (command: string, minutes: number | undefined): Decision | undefined =>
  minutes === undefined || (Number.isInteger(minutes) && minutes > 0 && minutes <= maxDurationMinutes)
    ? undefined
    : invalid(command, "durationMinutes", "not_allowed")

const checkLead = (command: string, minutes: number | undefined): Decision | undefined =>
  minutes === undefined || (Number.isInteger(minutes) && minutes >= 0)
    ? undefined
    : invalid(command, "reminderLeadMinutes", "not_allowed")

/** A rule, zone and first start that make a segment with at least one occurrence. */
const segmentOf = (
  start: string,
  rrule: string,
  timeZone: string,
  durationMinutes: number
): Either.Either<Segment, InvalidRecurrence> => validateSegment({ start, rrule, timeZone, durationMinutes })

const blank = (text: string | undefined) => text !== undefined && text.trim().length === 0

const organises = (actor: Actor) => hasRole(actor, "advisor") || hasRole(actor, "manager")

/**
 * Decides a meeting command: the events it causes, or why not. Organising a series (scheduling,
 * changing, cancelling, recording attendance and next steps) is for advisors and managers.
 *
 * @since 0.1.0
 * @category decider
 */
export const decide = (state: MeetingState, command: MeetingCommand, context: MeetingContext): Decision => {
  const { actor, now } = context
  if (!organises(actor)) {
    return Either.left(new NotAuthorized({ actor: actor.id, command: command._tag, rule: "advisor_or_manager" }))
  }
  const by = actor.id
  const at = now
  if (command._tag === "ScheduleMeeting") {
    if (state._tag !== "NoMeeting") return invalid(command._tag, "meeting", "duplicate")
    if (command.title.trim().length === 0) return invalid(command._tag, "title", "required")
    const problem = checkTimes(command._tag, { start: command.start }) ??
      checkDuration(command._tag, command.durationMinutes) ?? checkLead(command._tag, command.reminderLeadMinutes)
    if (problem !== undefined) return problem
    if (blank(command.channel)) return invalid(command._tag, "channel", "required")
    const segment = segmentOf(
      command.start,
      command.rrule,
      command.timeZone ?? context.defaultTimeZone,
      command.durationMinutes
    )
    if (Either.isLeft(segment)) return Either.left(segment.left)
    return Either.right([{
      _tag: "MeetingScheduled",
      by,
      at,
      meeting: context.meeting,
      title: command.title.trim(),
      segment: segment.right,
      ...(command.channel === undefined ? {} : { channel: command.channel.trim() }),
      invitees: command.invitees,
      agenda: command.agenda,
      reminderLeadMinutes: command.reminderLeadMinutes ?? defaultReminderLeadMinutes
    }])
  }
  if (state._tag === "NoMeeting") return invalid(command._tag, "meeting", "required")
  if (state._tag === "Ended") return Either.left(new SeriesEnded({ meeting: state.series.id }))
  const series = state.series
  const unknownOccurrence = (occurrence: string) =>
    Either.left(new UnknownOccurrence({ meeting: series.id, occurrence }))

  switch (command._tag) {
    case "UpdateMeeting": {
      if (blank(command.title)) return invalid(command._tag, "title", "required")
      if (blank(command.channel)) return invalid(command._tag, "channel", "required")
      const problem = checkLead(command._tag, command.reminderLeadMinutes)
      if (problem !== undefined) return problem
      const changes = {
        ...(command.title === undefined || command.title.trim() === series.title ? {} : { title: command.title.trim() }),
        ...(command.channel === undefined || command.channel.trim() === series.channel
          ? {}
          : { channel: command.channel.trim() }),
        ...(command.invitees === undefined ? {} : { invitees: command.invitees }),
        ...(command.agenda === undefined ? {} : { agenda: command.agenda }),
        ...(command.reminderLeadMinutes === undefined || command.reminderLeadMinutes === series.reminderLeadMinutes
          ? {}
          : { reminderLeadMinutes: command.reminderLeadMinutes })
      }
      if (Object.keys(changes).length === 0) return invalid(command._tag, "meeting", "no_change")
      return Either.right([{ _tag: "MeetingUpdated", by, at, ...changes }])
    }
    case "CancelOccurrence": {
      const problem = checkTimes(command._tag, { occurrence: command.occurrence })
      if (problem !== undefined) return problem
      const occurrence = occurrenceAt(series.schedule, command.occurrence)
      if (occurrence === undefined) return unknownOccurrence(command.occurrence)
      if (occurrence.start.epochMillis <= now.epochMillis) return invalid(command._tag, "occurrence", "in_past")
      if (blank(command.reason)) return invalid(command._tag, "reason", "required")
      return Either.right([{
        _tag: "OccurrenceCancelled",
        by,
        at,
        occurrence: command.occurrence,
        ...(command.reason === undefined ? {} : { reason: command.reason.trim() })
      }])
    }
    case "MoveOccurrence": {
      const problem = checkTimes(command._tag, { occurrence: command.occurrence, start: command.start }) ??
        checkDuration(command._tag, command.durationMinutes)
      if (problem !== undefined) return problem
      const occurrence = occurrenceAt(series.schedule, command.occurrence)
      if (occurrence === undefined) return unknownOccurrence(command.occurrence)
      if (occurrence.start.epochMillis <= now.epochMillis) return invalid(command._tag, "occurrence", "in_past")
      const moved = occurrenceAt(
        { ...series.schedule, moved: [...series.schedule.moved.filter((m) => m.occurrence !== command.occurrence), {
          occurrence: command.occurrence,
          start: command.start
        }] },
        command.occurrence
      )
      if (moved !== undefined && moved.start.epochMillis <= now.epochMillis) return invalid(command._tag, "start", "in_past")
      return Either.right([{
        _tag: "OccurrenceMoved",
        by,
        at,
        occurrence: command.occurrence,
        start: command.start,
        ...(command.durationMinutes === undefined ? {} : { durationMinutes: command.durationMinutes })
      }])
    }
    case "ChangeSeries": {
      const problem = checkTimes(command._tag, { from: command.from, start: command.start }) ??
        checkDuration(command._tag, command.durationMinutes)
      if (problem !== undefined) return problem
      if (command.start < command.from) return invalid(command._tag, "start", "not_allowed")
      const first = series.schedule.segments[0]
      if (first !== undefined && command.from <= first.start) return invalid(command._tag, "from", "not_allowed")
      const last = series.schedule.segments[series.schedule.segments.length - 1]!
      const segment = segmentOf(
        command.start,
        command.rrule,
        command.timeZone ?? last.timeZone,
        command.durationMinutes ?? last.durationMinutes
      )
      if (Either.isLeft(segment)) return Either.left(segment.left)
      return Either.right([{ _tag: "SeriesChanged", by, at, from: command.from, segment: segment.right }])
    }
    case "RecordAttendance": {
      const problem = checkTimes(command._tag, { occurrence: command.occurrence })
      if (problem !== undefined) return problem
      if (occurrenceAt(series.schedule, command.occurrence) === undefined) return unknownOccurrence(command.occurrence)
      if (new Set(command.members).size !== command.members.length) return invalid(command._tag, "members", "duplicate")
      return Either.right([{ _tag: "AttendanceRecorded", by, at, occurrence: command.occurrence, members: command.members }])
    }
    case "AddNextStep": {
      const problem = checkTimes(command._tag, { occurrence: command.occurrence })
      if (problem !== undefined) return problem
      if (occurrenceAt(series.schedule, command.occurrence) === undefined) return unknownOccurrence(command.occurrence)
      if (command.text.trim().length === 0) return invalid(command._tag, "text", "required")
      if (command.due !== undefined && !isLocalDate(command.due)) return invalid(command._tag, "due", "not_allowed")
      return Either.right([{
        _tag: "NextStepAdded",
        by,
        at,
        occurrence: command.occurrence,
        text: command.text.trim(),
        owner: command.owner,
        ...(command.due === undefined ? {} : { due: command.due })
      }])
    }
    case "EndSeries":
      if (blank(command.reason)) return invalid(command._tag, "reason", "required")
      return Either.right([{
        _tag: "MeetingEnded",
        by,
        at,
        ...(command.reason === undefined ? {} : { reason: command.reason.trim() })
      }])
  }
}

const running = (state: MeetingState, change: (series: Series) => Series): MeetingState =>
  state._tag === "Running" ? { _tag: "Running", series: change(state.series) } : state

/**
 * Applies one event. Total: an event that does not fit the state leaves it as it is (decide never
 * produces one).
 *
 * @since 0.1.0
 * @category decider
 */
export const evolve = (state: MeetingState, event: MeetingEvent): MeetingState => {
  switch (event._tag) {
    case "MeetingScheduled":
      return state._tag !== "NoMeeting" ? state : {
        _tag: "Running",
        series: {
          id: event.meeting,
          title: event.title,
          organiser: event.by,
          channel: event.channel,
          invitees: event.invitees,
          agenda: event.agenda,
          reminderLeadMinutes: event.reminderLeadMinutes,
          schedule: { segments: [event.segment], cancelled: [], moved: [] },
          attendance: [],
          nextSteps: []
        }
      }
    case "MeetingUpdated":
      return running(state, (series) => ({
        ...series,
        title: event.title ?? series.title,
        channel: event.channel ?? series.channel,
        invitees: event.invitees ?? series.invitees,
        agenda: event.agenda ?? series.agenda,
        reminderLeadMinutes: event.reminderLeadMinutes ?? series.reminderLeadMinutes
      }))
    case "OccurrenceCancelled":
      return running(state, (series) => ({
        ...series,
        schedule: {
          ...series.schedule,
          cancelled: [...series.schedule.cancelled, event.occurrence],
          moved: series.schedule.moved.filter((moved) => moved.occurrence !== event.occurrence)
        }
      }))
    case "OccurrenceMoved":
      return running(state, (series) => ({
        ...series,
        schedule: {
          ...series.schedule,
          moved: [...series.schedule.moved.filter((moved) => moved.occurrence !== event.occurrence), {
            occurrence: event.occurrence,
            start: event.start,
            ...(event.durationMinutes === undefined ? {} : { durationMinutes: event.durationMinutes })
          }]
        }
      }))
    case "SeriesChanged":
      return running(state, (series) => ({ ...series, schedule: splitAt(series.schedule, event.from, event.segment) }))
    case "AttendanceRecorded":
      return running(state, (series) => ({
        ...series,
        attendance: [...series.attendance.filter((entry) => entry.occurrence !== event.occurrence), {
          occurrence: event.occurrence,
          members: event.members
        }]
      }))
    case "NextStepAdded":
      return running(state, (series) => ({ ...series, nextSteps: [...series.nextSteps, event] }))
    case "MeetingEnded":
      return state._tag === "Running" ? { _tag: "Ended", series: state.series, endedAt: event.at } : state
  }
}

/**
 * The state after `events`.
 *
 * @since 0.1.0
 * @category decider
 */
export const fold = (events: Iterable<MeetingEvent>, from: MeetingState = initialState): MeetingState => {
  let state = from
  for (const event of events) state = evolve(state, event)
  return state
}

/**
 * The series of a state, running or ended.
 *
 * @since 0.1.0
 * @category state
 */
export const seriesOf = (state: MeetingState): Series | undefined => state._tag === "NoMeeting" ? undefined : state.series

/** @since 0.1.0 @category decider */
export const decider = { decide, evolve, initialState } as const

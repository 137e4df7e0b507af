import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import { MeetingId } from "../src/Ids.js"
import {
  decide,
  fold,
  initialState,
  MeetingCommand,
  type MeetingContext,
  type MeetingEvent,
  type MeetingState,
  seriesOf
} from "../src/Meeting.js"
import type { Actor } from "../src/Member.js"
import { occurrenceAt, occurrences } from "../src/Recurrence.js"
import { actors, ids } from "./utils/fixtures.js"

const meeting = MeetingId.make("idemote")
const now = DateTime.unsafeMake("2026-03-02T08:00:00Z")
const context = (actor: Actor = actors.ingrid, at: DateTime.Utc = now): MeetingContext => ({
  meeting,
  actor,
  now: at,
  defaultTimeZone: "Europe/Oslo"
})

const schedule = MeetingCommand.ScheduleMeeting({
  title: "Idémøte",
  start: "2026-03-03T10:00",
  rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
  durationMinutes: 45,
  channel: "innhold",
  invitees: { roles: ["expert", "manager"], departments: ["Fiskeri"], members: [ids.ola] },
  agenda: ["Hva jobber du med? Kan det bli innhold? Hvordan?"]
})

/** GIVEN these commands were accepted, in order. */
const given = (...commands: ReadonlyArray<MeetingCommand>): MeetingState => {
  let state = initialState
  for (const command of commands) {
    const events = decide(state, command, context())
    if (Either.isLeft(events)) throw new Error(`given: ${command._tag} refused: ${events.left._tag}`)
    state = fold(events.right, state)
  }
  return state
}

const events = (state: MeetingState, command: MeetingCommand, ctx = context()): ReadonlyArray<MeetingEvent> =>
  Either.getOrThrowWith(decide(state, command, ctx), (error) => new Error(`refused: ${JSON.stringify(error)}`))

const refusal = (state: MeetingState, command: MeetingCommand, ctx = context()) =>
  Either.match(decide(state, command, ctx), { onLeft: (error) => ({ ...error }), onRight: () => undefined })

describe("Meeting decider", () => {
  it("GIVEN no series WHEN the advisor schedules every second Tuesday 10:00 THEN MeetingScheduled in the workspace's zone with a day's reminder lead", () => {
    const [event] = events(initialState, schedule)
    assert.deepStrictEqual(event, {
      _tag: "MeetingScheduled",
      by: ids.ingrid,
      at: now,
      meeting,
      title: "Idémøte",
      segment: { start: "2026-03-03T10:00", rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", timeZone: "Europe/Oslo", durationMinutes: 45 },
      channel: "innhold",
      invitees: { roles: ["expert", "manager"], departments: ["Fiskeri"], members: [ids.ola] },
      agenda: ["Hva jobber du med? Kan det bli innhold? Hvordan?"],
      reminderLeadMinutes: 24 * 60
    })
    const series = seriesOf(fold([event!]))!
    const starts = occurrences(series.schedule, {
      from: now,
      until: DateTime.unsafeMake("2026-04-01T00:00:00Z")
    }).map((occurrence) => occurrence.key)
    assert.deepStrictEqual(starts, ["2026-03-03T10:00", "2026-03-17T10:00", "2026-03-31T10:00"])
  })

  it("GIVEN no series WHEN a colleague or an expert schedules THEN NotAuthorized: advisors and managers organise", () => {
    assert.deepInclude(refusal(initialState, schedule, context(actors.ola)), { _tag: "NotAuthorized", rule: "advisor_or_manager" })
    assert.deepInclude(refusal(initialState, schedule, context(actors.per)), { _tag: "NotAuthorized" })
    assert.isUndefined(refusal(initialState, schedule, context(actors.magnus)))
  })

  it("GIVEN no series WHEN the rule, zone, start, title or duration is wrong THEN a typed error names the field", () => {
    const wrong = (patch: Partial<Parameters<typeof MeetingCommand.ScheduleMeeting>[0]>) =>
      refusal(initialState, MeetingCommand.ScheduleMeeting({ ...schedule, ...patch }))
    assert.deepInclude(wrong({ rrule: "FREQ=SOMETIMES" }), { _tag: "InvalidRecurrence", field: "rrule" })
    assert.deepInclude(wrong({ rrule: "FREQ=MINUTELY" }), { _tag: "InvalidRecurrence", field: "rrule" })
    assert.deepInclude(wrong({ timeZone: "Europe/Atlantis" }), { _tag: "InvalidRecurrence", field: "timeZone" })
    assert.deepInclude(wrong({ start: "2026-02-30T10:00" }), { _tag: "InvalidCommand", field: "start", reason: "not_allowed" })
    assert.deepInclude(wrong({ title: "  " }), { _tag: "InvalidCommand", field: "title", reason: "required" })
    assert.deepInclude(wrong({ durationMinutes: 0 }), { _tag: "InvalidCommand", field: "durationMinutes" })
    assert.deepInclude(wrong({ reminderLeadMinutes: -5 }), { _tag: "InvalidCommand", field: "reminderLeadMinutes" })
  })

  it("GIVEN a series WHEN an occurrence is cancelled THEN it is gone from the schedule and the others stay", () => {
    const state = given(schedule)
    const after = fold(events(state, MeetingCommand.CancelOccurrence({ occurrence: "2026-03-17T10:00", reason: "Vinterferie" })), state)
    const series = seriesOf(after)!
    assert.isUndefined(occurrenceAt(series.schedule, "2026-03-17T10:00"))
    assert.isDefined(occurrenceAt(series.schedule, "2026-03-31T10:00"))
  })

  it("GIVEN a series WHEN a time that is not an occurrence is cancelled or moved THEN UnknownOccurrence", () => {
    const state = given(schedule)
    assert.deepInclude(refusal(state, MeetingCommand.CancelOccurrence({ occurrence: "2026-03-10T10:00" })), {
      _tag: "UnknownOccurrence",
      occurrence: "2026-03-10T10:00"
    })
    assert.deepInclude(refusal(state, MeetingCommand.MoveOccurrence({ occurrence: "2026-03-17T11:00", start: "2026-03-18T10:00" })), {
      _tag: "UnknownOccurrence"
    })
  })

  it("GIVEN an occurrence that has begun WHEN it is cancelled or moved THEN in_past", () => {
    const state = given(schedule)
    const later = context(actors.ingrid, DateTime.unsafeMake("2026-03-03T09:30:00Z"))
    assert.deepInclude(refusal(state, MeetingCommand.CancelOccurrence({ occurrence: "2026-03-03T10:00" }), later), {
      _tag: "InvalidCommand",
      field: "occurrence",
      reason: "in_past"
    })
    assert.deepInclude(refusal(state, MeetingCommand.MoveOccurrence({ occurrence: "2026-03-17T10:00", start: "2026-03-01T10:00" })), {
      _tag: "InvalidCommand",
      field: "start",
      reason: "in_past"
    })
  })

  it("GIVEN a series WHEN one occurrence moves to Wednesday 13:00 THEN it keeps its name and starts at the new time", () => {
    const state = given(schedule)
    const after = fold(
      events(state, MeetingCommand.MoveOccurrence({ occurrence: "2026-03-17T10:00", start: "2026-03-18T13:00", durationMinutes: 60 })),
      state
    )
    const moved = occurrenceAt(seriesOf(after)!.schedule, "2026-03-17T10:00")!
    assert.isTrue(moved.moved)
    assert.strictEqual(DateTime.formatIso(DateTime.toUtc(moved.start)), "2026-03-18T12:00:00.000Z")
    assert.strictEqual(DateTime.formatIso(DateTime.toUtc(moved.end)), "2026-03-18T13:00:00.000Z")
  })

  it("GIVEN a series WHEN it changes to Thursdays 14:00 from 1 April THEN earlier occurrences keep Tuesday 10:00", () => {
    const state = given(schedule)
    const after = fold(
      events(state, MeetingCommand.ChangeSeries({ from: "2026-04-01T00:00", start: "2026-04-02T14:00", rrule: "FREQ=WEEKLY;BYDAY=TH" })),
      state
    )
    const keys = occurrences(seriesOf(after)!.schedule, {
      from: now,
      until: DateTime.unsafeMake("2026-04-17T00:00:00Z")
    }).map((occurrence) => occurrence.key)
    assert.deepStrictEqual(keys, [
      "2026-03-03T10:00",
      "2026-03-17T10:00",
      "2026-03-31T10:00",
      "2026-04-02T14:00",
      "2026-04-09T14:00",
      "2026-04-16T14:00"
    ])
    assert.deepInclude(
      refusal(state, MeetingCommand.ChangeSeries({ from: "2026-03-01T00:00", start: "2026-03-05T14:00", rrule: "FREQ=WEEKLY" })),
      { _tag: "InvalidCommand", field: "from" }
    )
  })

  it("GIVEN an occurrence WHEN attendance and next steps are recorded THEN the series keeps them per occurrence", () => {
    const state = given(
      schedule,
      MeetingCommand.RecordAttendance({ occurrence: "2026-03-03T10:00", members: [ids.per, ids.ola] }),
      MeetingCommand.AddNextStep({ occurrence: "2026-03-03T10:00", text: "Per skriver tre setninger om havna", owner: ids.per, due: "2026-03-10" })
    )
    const series = seriesOf(state)!
    assert.deepStrictEqual(series.attendance, [{ occurrence: "2026-03-03T10:00", members: [ids.per, ids.ola] }])
    assert.deepStrictEqual(series.nextSteps.map((step) => [step.text, step.owner, step.due]), [
      ["Per skriver tre setninger om havna", ids.per, "2026-03-10"]
    ])
    assert.deepInclude(
      refusal(state, MeetingCommand.AddNextStep({ occurrence: "2026-03-03T10:00", text: "x", owner: ids.per, due: "neste uke" })),
      { _tag: "InvalidCommand", field: "due" }
    )
    assert.deepInclude(
      refusal(state, MeetingCommand.RecordAttendance({ occurrence: "2026-03-03T10:00", members: [ids.per, ids.per] })),
      { _tag: "InvalidCommand", field: "members", reason: "duplicate" }
    )
  })

  it("GIVEN a series WHEN an update changes nothing THEN no_change; WHEN it changes the agenda THEN MeetingUpdated", () => {
    const state = given(schedule)
    assert.deepInclude(refusal(state, MeetingCommand.UpdateMeeting({ title: "Idémøte" })), { reason: "no_change" })
    const [event] = events(state, MeetingCommand.UpdateMeeting({ agenda: ["Runde rundt bordet", "Resultater"] }))
    assert.deepStrictEqual(seriesOf(fold([event!], state))!.agenda, ["Runde rundt bordet", "Resultater"])
  })

  it("GIVEN an ended series WHEN anything is changed THEN SeriesEnded; WHEN scheduled again THEN duplicate", () => {
    const state = given(schedule, MeetingCommand.EndSeries({ reason: "Erstattet av månedsmøte" }))
    assert.strictEqual(state._tag, "Ended")
    assert.deepInclude(refusal(state, MeetingCommand.CancelOccurrence({ occurrence: "2026-03-17T10:00" })), { _tag: "SeriesEnded" })
    assert.deepInclude(refusal(state, schedule), { _tag: "InvalidCommand", field: "meeting", reason: "duplicate" })
  })

  it("GIVEN no series WHEN anything but scheduling is sent THEN the meeting is required", () => {
    assert.deepInclude(refusal(initialState, MeetingCommand.EndSeries({})), { _tag: "InvalidCommand", field: "meeting", reason: "required" })
  })
})

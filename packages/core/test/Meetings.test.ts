import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as TestClock from "effect/TestClock"
import ICAL from "ical.js"
import * as Commands from "../src/Commands.js"
import { CommandId, type ItemId, ItemId as ItemIdSchema, MeetingId, type MemberId, type WorkspaceId } from "../src/Ids.js"
import { ItemCommand } from "../src/ItemCommand.js"
import { MeetingCommand } from "../src/Meeting.js"
import * as Meetings from "../src/Meetings.js"
import { isItemNotification, type Reminder } from "../src/Notification.js"
import { Outbox } from "../src/Outbox.js"
import { occurrences } from "../src/Recurrence.js"
import { body, ids } from "./utils/fixtures.js"
import { memoryLayer, seedTeam } from "./utils/team.js"

let sequence = 0
const nextCommandId = () => CommandId.make(`m${++sequence}`)
const meeting = MeetingId.make("idemote")

const organise = (workspace: WorkspaceId, command: MeetingCommand, actor: MemberId = ids.ingrid) =>
  Meetings.handle({ workspace, commandId: nextCommandId(), actor, meeting, command })

const item = (workspace: WorkspaceId, actor: MemberId, command: ItemCommand, id: ItemId) =>
  Commands.handle({ workspace, commandId: nextCommandId(), actor, item: id, command })

/** Every Tuesday 10:00 Oslo from 3 March 2026, for experts and Ola. */
const scheduleWeekly = (workspace: WorkspaceId) =>
  organise(workspace, MeetingCommand.ScheduleMeeting({
    title: "Idémøte",
    start: "2026-03-03T10:00",
    rrule: "FREQ=WEEKLY;BYDAY=TU",
    durationMinutes: 45,
    channel: "innhold",
    invitees: { roles: ["expert"], departments: [], members: [ids.ola] },
    agenda: ["Hva jobber du med? Kan det bli innhold? Hvordan?", "Resultater siden sist"]
  }))

const at = (iso: string) => TestClock.setTime(Date.parse(iso))
const idea = (workspace: WorkspaceId, id: string, by: MemberId, extra: { readonly followUpOf?: ItemId } = {}) =>
  item(workspace, by, ItemCommand.SubmitIdea({ title: `Idé ${id}`, pitch: "", goals: [ids.goal], concerns: [], meeting, ...extra }), ItemIdSchema.make(id))

describe("Meetings", () => {
  it.effect("GIVEN a weekly meeting WHEN ideas come in around two occurrences THEN each belongs to the meeting it was brought to, and the next reminder reports them with their stage", () =>
    Effect.gen(function*() {
      yield* at("2026-03-02T08:00:00Z")
      const workspace = yield* seedTeam()
      yield* scheduleWeekly(workspace)
      // Before the first meeting: counts for the first.
      yield* idea(workspace, "i1", ids.per)
      // During and after the first meeting (Tuesday 3 March 10:00 Oslo = 09:00Z).
      yield* at("2026-03-03T09:20:00Z")
      yield* idea(workspace, "i2", ids.ola)
      yield* at("2026-03-05T12:00:00Z")
      yield* idea(workspace, "i3", ids.siri)
      yield* item(workspace, ids.ingrid, ItemCommand.AcceptIdea(), ItemIdSchema.make("i2"))
      // After the second meeting.
      yield* at("2026-03-10T10:00:00Z")
      yield* idea(workspace, "i4", ids.per)

      const first = yield* Meetings.summary(workspace, meeting, "2026-03-03T10:00")
      assert.strictEqual(first._tag, "MeetingSummary")
      if (first._tag !== "MeetingSummary") return
      assert.deepStrictEqual(first.ideas.map((entry) => [entry.item, entry.by, entry.stage]), [
        ["i1", ids.per, "Idea"],
        ["i2", ids.ola, "Drafting"],
        ["i3", ids.siri, "Idea"]
      ])

      const { occurrences: coming, reminder } = yield* Meetings.upcoming(workspace, meeting)
      assert.deepStrictEqual(coming.map((occurrence) => occurrence.key), ["2026-03-17T10:00"])
      assert.strictEqual(reminder?._tag, "MeetingReminder")
      if (reminder?._tag !== "MeetingReminder") return
      assert.strictEqual(reminder.lastOccurrence, "2026-03-10T10:00")
      assert.deepStrictEqual(reminder.ideasLastTime.map((entry) => entry.item), ["i4"])
      assert.deepStrictEqual(reminder.agenda, ["Hva jobber du med? Kan det bli innhold? Hvordan?", "Resultater siden sist"])
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN a post published and a follow-up proposed since the last meeting WHEN the next reminder is built THEN it reports the post's numbers and puts the follow-up on the agenda", () =>
    Effect.gen(function*() {
      yield* at("2026-03-02T08:00:00Z")
      const workspace = yield* seedTeam()
      yield* scheduleWeekly(workspace)
      const post = ItemIdSchema.make("p1")
      yield* at("2026-03-04T08:00:00Z")
      yield* idea(workspace, "p1", ids.per)
      yield* item(workspace, ids.ingrid, ItemCommand.AcceptIdea(), post)
      yield* item(workspace, ids.ingrid, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body("Havna åpner.") }), post)
      yield* item(workspace, ids.ingrid, ItemCommand.RequestReview({ reviewers: [{ member: ids.per, expert: true }] }), post)
      yield* item(workspace, ids.per, ItemCommand.ApproveFacts({ revision: 1 }), post)
      yield* item(workspace, ids.ingrid, ItemCommand.ApproveForPublication({ revision: 1 }), post)
      const now = yield* DateTime.now
      yield* item(workspace, ids.ingrid, ItemCommand.RecordPublication({ network: "facebook", url: "https://fb.example/p1", publishedAt: now }), post)
      yield* item(workspace, ids.ingrid, ItemCommand.RecordResults({
        network: "facebook",
        capturedAt: now,
        metrics: { reach: 5400, reactions: 120, comments: 14 },
        highlights: []
      }), post)
      yield* item(workspace, ids.ingrid, ItemCommand.ProposeFollowUp({ followUp: ItemIdSchema.make("f1"), title: "Mer om havna", pitch: "Folk vil vite mer" }), post)
      const { reminder } = yield* Meetings.upcoming(workspace, meeting)
      if (reminder?._tag !== "MeetingReminder") return assert.fail("no reminder")
      assert.deepStrictEqual(reminder.postsSince.map((entry) => [entry.item, entry.network, entry.metrics.reach]), [[post, "facebook", 5400]])
      assert.deepStrictEqual(reminder.followUps.map((entry) => [entry.item, entry.title]), [["f1", "Mer om havna"]])
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN a weekly meeting WHEN the advisor cancels one THEN the channel and the invitees are told, once", () =>
    Effect.gen(function*() {
      yield* at("2026-03-02T08:00:00Z")
      const workspace = yield* seedTeam()
      yield* scheduleWeekly(workspace)
      const command = MeetingCommand.CancelOccurrence({ occurrence: "2026-03-17T10:00", reason: "Vinterferie" })
      const commandId = nextCommandId()
      const first = yield* Meetings.handle({ workspace, commandId, actor: ids.ingrid, meeting, command })
      const again = yield* Meetings.handle({ workspace, commandId, actor: ids.ingrid, meeting, command })
      assert.isTrue(again.replayed)
      assert.deepStrictEqual(again.events, first.events)
      const outbox = yield* Outbox
      const rows = (yield* outbox.list(workspace)).map((row) => row.notification)
        .filter((message): message is Reminder => !isItemNotification(message))
      assert.deepStrictEqual(rows.map((row) => [row.audience, row.subject._tag === "MeetingChanged" && row.subject.change]), [
        [{ _tag: "Channel", channel: "innhold" }, "cancelled"],
        [{ _tag: "Members", members: [ids.per, ids.siri, ids.magnus, ids.ola] }, "cancelled"]
      ])
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN a colleague WHEN they try to schedule or to change a series THEN NotAuthorized and nothing is stored", () =>
    Effect.gen(function*() {
      yield* at("2026-03-02T08:00:00Z")
      const workspace = yield* seedTeam()
      const unknown = yield* Effect.either(organise(workspace, MeetingCommand.EndSeries({})))
      assert.strictEqual(Either.isLeft(unknown) && unknown.left._tag, "UnknownMeeting")
      const scheduling = yield* Effect.either(Meetings.handle({
        workspace,
        commandId: nextCommandId(),
        actor: ids.ola,
        command: MeetingCommand.ScheduleMeeting({
          title: "Mitt møte",
          start: "2026-03-03T10:00",
          rrule: "FREQ=WEEKLY",
          durationMinutes: 30,
          invitees: { roles: [], departments: [], members: [] },
          agenda: []
        })
      }))
      assert.strictEqual(Either.isLeft(scheduling) && scheduling.left._tag, "NotAuthorized")
      yield* scheduleWeekly(workspace)
      const ending = yield* Effect.either(organise(workspace, MeetingCommand.EndSeries({}), ids.ola))
      assert.strictEqual(Either.isLeft(ending) && ending.left._tag, "NotAuthorized")
      const { ended, version } = yield* Meetings.series(workspace, meeting)
      assert.deepStrictEqual([ended, version], [false, 1])
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN a series with a cancelled, a moved occurrence and a change of rule WHEN exported as .ics THEN ical.js expands it to exactly the same occurrences", () =>
    Effect.gen(function*() {
      yield* at("2026-03-02T08:00:00Z")
      const workspace = yield* seedTeam()
      yield* scheduleWeekly(workspace)
      yield* organise(workspace, MeetingCommand.CancelOccurrence({ occurrence: "2026-03-17T10:00" }))
      yield* organise(workspace, MeetingCommand.MoveOccurrence({ occurrence: "2026-03-24T10:00", start: "2026-03-25T13:00" }))
      yield* organise(workspace, MeetingCommand.ChangeSeries({ from: "2026-04-06T00:00", start: "2026-04-07T14:00", rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU" }))
      const text = yield* Meetings.calendar(workspace, meeting)
      const { series } = yield* Meetings.series(workspace, meeting)
      const from = DateTime.unsafeMake("2026-03-01T00:00:00Z")
      const until = DateTime.unsafeMake("2026-06-01T00:00:00Z")
      const expected = occurrences(series.schedule, { from, until }).map((occurrence) =>
        DateTime.toUtc(occurrence.start).epochMillis
      )

      const calendar = new ICAL.Component(ICAL.parse(text))
      for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone)
      const vevents = calendar.getAllSubcomponents("vevent")
      const masters = vevents.filter((vevent) => !vevent.hasProperty("recurrence-id"))
      const expanded: Array<number> = []
      for (const master of masters) {
        const event = new ICAL.Event(master)
        for (const exception of vevents.filter((vevent) => vevent.hasProperty("recurrence-id"))) {
          if (exception.getFirstPropertyValue("uid") === event.uid) event.relateException(exception)
        }
        const iterator = event.iterator()
        for (let next = iterator.next(); next !== undefined && next !== null; next = iterator.next()) {
          const details = event.getOccurrenceDetails(next)
          const start = details.startDate.toJSDate().getTime()
          if (start >= until.epochMillis) break
          if (start >= from.epochMillis) expanded.push(start)
        }
      }
      assert.deepStrictEqual(expanded.sort((a, b) => a - b), expected)
      assert.include(text, "BEGIN:VTIMEZONE")
      assert.include(text, "TZID:Europe/Oslo")
    }).pipe(Effect.provide(memoryLayer)))
})

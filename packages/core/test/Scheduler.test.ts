import * as path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import * as Commands from "../src/Commands.js"
import { Directory } from "../src/Directory.js"
import { CommandId, type ItemId, MeetingId, type MemberId, type WorkspaceId } from "../src/Ids.js"
import { ItemCommand } from "../src/ItemCommand.js"
import { Lease } from "../src/Lease.js"
import { MeetingCommand } from "../src/Meeting.js"
import * as Meetings from "../src/Meetings.js"
import type { ReminderPolicy } from "../src/Member.js"
import { isItemNotification, type Reminder } from "../src/Notification.js"
import { Outbox } from "../src/Outbox.js"
import * as Scheduler from "../src/Scheduler.js"
import * as Sqlite from "../src/Sqlite.js"
import { body, ids } from "./utils/fixtures.js"
import { checkPostgres, postgresStorePair, tempDir } from "./utils/stores.js"
import { memoryLayer, seedTeam } from "./utils/team.js"

let sequence = 0
const nextCommandId = () => CommandId.make(`s${++sequence}`)
const send = (workspace: WorkspaceId, actor: MemberId, command: ItemCommand, item: ItemId = ids.item) =>
  Commands.handle({ workspace, commandId: nextCommandId(), actor, item, command })

/** Monday 2 March 2026, 09:00 in Oslo. */
const monday = Date.parse("2026-03-02T08:00:00Z")
const hours = (n: number) => n * 3_600_000
const days = (n: number) => n * 86_400_000

const setTime = (millis: number) => TestClock.setTime(millis)

/** An item in review with Per as the expert reviewer, due `dueIn` from now. */
const inReview = (workspace: WorkspaceId, dueIn: number, reminder?: ReminderPolicy) =>
  Effect.gen(function*() {
    const now = yield* DateTime.now
    yield* send(workspace, ids.ola, ItemCommand.SubmitIdea({ title: "Ny fiskerihavn", pitch: "", goals: [ids.goal], concerns: [] }))
    yield* send(workspace, ids.ingrid, ItemCommand.AcceptIdea())
    yield* send(workspace, ids.ingrid, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body("Havna åpner i mai.") }))
    yield* send(workspace, ids.ingrid, ItemCommand.RequestReview({
      reviewers: [{ member: ids.per, expert: true }],
      due: DateTime.add(now, { millis: dueIn }),
      ...(reminder === undefined ? {} : { reminder })
    }))
  })

const reminders = (workspace: WorkspaceId) =>
  Effect.map(Effect.flatMap(Outbox, (outbox) => outbox.list(workspace)), (rows) =>
    rows.map((row) => row.notification).filter((message): message is Reminder => !isItemNotification(message)))

const tickAt = (millis: number) => Effect.zipRight(setTime(millis), Scheduler.tick())

describe("Scheduler: review reminders", () => {
  it.effect("GIVEN a review due in three days WHEN time passes THEN one reminder a day before and one overdue notice, each once", () =>
    Effect.gen(function*() {
      yield* setTime(monday)
      const workspace = yield* seedTeam()
      yield* inReview(workspace, days(3))
      assert.deepStrictEqual((yield* Scheduler.tick()).enqueued, [])
      assert.deepStrictEqual((yield* tickAt(monday + days(2) - 1)).enqueued, [])
      const before = yield* tickAt(monday + days(2))
      assert.deepStrictEqual(before.enqueued, [`review-due/${workspace}/${ids.item}/${monday + days(3)}`])
      assert.deepStrictEqual((yield* tickAt(monday + days(2) + hours(1))).enqueued, [], "offered again, taken once")
      const overdue = yield* tickAt(monday + days(3) + hours(1))
      assert.deepStrictEqual(overdue.enqueued, [`review-overdue/${workspace}/${ids.item}/${monday + days(3)}`])
      const sent = yield* reminders(workspace)
      assert.deepStrictEqual(sent.map((reminder) => [reminder.subject._tag, reminder.audience]), [
        ["ReviewDue", { _tag: "Members", members: [ids.per] }],
        ["ReviewDue", { _tag: "Members", members: [ids.per, ids.ingrid] }]
      ])
      assert.deepStrictEqual(sent.map((reminder) => reminder.subject._tag === "ReviewDue" && reminder.subject.overdue), [false, true])
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN a request that says never WHEN its due time passes THEN no reminder at all", () =>
    Effect.gen(function*() {
      yield* setTime(monday)
      const workspace = yield* seedTeam()
      yield* inReview(workspace, days(1), "never")
      for (const at of [hours(1), hours(23), days(1) + hours(1), days(3)]) yield* tickAt(monday + at)
      assert.deepStrictEqual(yield* reminders(workspace), [])
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN a workspace that reminds 2 hours before and a request that says 6 WHEN ticking THEN the request wins", () =>
    Effect.gen(function*() {
      yield* setTime(monday)
      const workspace = yield* seedTeam()
      const directory = yield* Directory
      const settings = yield* directory.workspace(workspace)
      yield* directory.updateWorkspace({ ...settings, reviewReminder: { hoursBefore: 2 } } as typeof settings)
      yield* inReview(workspace, days(1), { hoursBefore: 6 })
      assert.deepStrictEqual((yield* tickAt(monday + hours(17))).enqueued, [])
      assert.strictEqual((yield* tickAt(monday + hours(18))).enqueued.length, 1)
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN the expert approves WHEN the due time passes THEN nobody is chased", () =>
    Effect.gen(function*() {
      yield* setTime(monday)
      const workspace = yield* seedTeam()
      yield* inReview(workspace, days(1))
      yield* send(workspace, ids.per, ItemCommand.ApproveFacts({ revision: 1 }))
      yield* tickAt(monday + hours(23))
      yield* tickAt(monday + days(2))
      assert.deepStrictEqual(yield* reminders(workspace), [])
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN the scheduler was down for two weeks WHEN it ticks again THEN stale reminders are not sent", () =>
    Effect.gen(function*() {
      yield* setTime(monday)
      const workspace = yield* seedTeam()
      yield* inReview(workspace, days(1))
      assert.deepStrictEqual((yield* tickAt(monday + days(15))).enqueued, [])
    }).pipe(Effect.provide(memoryLayer)))
})

/** Submitted, accepted, drafted, reviewed, approved and published on Facebook at `monday`. */
const published = (workspace: WorkspaceId, item: ItemId) =>
  Effect.gen(function*() {
    const now = yield* DateTime.now
    yield* send(workspace, ids.ola, ItemCommand.SubmitIdea({ title: `Sak ${item}`, pitch: "", goals: [ids.goal], concerns: [] }), item)
    yield* send(workspace, ids.ingrid, ItemCommand.AcceptIdea(), item)
    yield* send(workspace, ids.ingrid, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body("Havna åpner.") }), item)
    yield* send(workspace, ids.ingrid, ItemCommand.RequestReview({ reviewers: [{ member: ids.per, expert: true }] }), item)
    yield* send(workspace, ids.per, ItemCommand.ApproveFacts({ revision: 1 }), item)
    yield* send(workspace, ids.ingrid, ItemCommand.ApproveForPublication({ revision: 1 }), item)
    yield* send(workspace, ids.ingrid, ItemCommand.RecordPublication({ network: "facebook", url: `https://fb.example/${item}`, publishedAt: now }), item)
  })

describe("Scheduler: result check-ins", () => {
  it.effect("GIVEN a post published on Monday WHEN days pass THEN the advisor is asked on day 2 and day 7, once each", () =>
    Effect.gen(function*() {
      yield* setTime(monday)
      const workspace = yield* seedTeam()
      yield* published(workspace, ids.item)
      assert.deepStrictEqual((yield* tickAt(monday + days(2) - 1)).enqueued, [])
      assert.deepStrictEqual((yield* tickAt(monday + days(2))).enqueued, [`check-in/${workspace}/${ids.item}/facebook/2`])
      assert.deepStrictEqual((yield* tickAt(monday + days(3))).enqueued, [])
      assert.deepStrictEqual((yield* tickAt(monday + days(7))).enqueued, [`check-in/${workspace}/${ids.item}/facebook/7`])
      const sent = yield* reminders(workspace)
      assert.deepStrictEqual(sent.map((reminder) => reminder.audience), [
        { _tag: "Members", members: [ids.ingrid] },
        { _tag: "Members", members: [ids.ingrid] }
      ])
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN results recorded on day 3 WHEN day 7 comes THEN the day-7 check-in still asks, the day-2 one was answered", () =>
    Effect.gen(function*() {
      yield* setTime(monday)
      const workspace = yield* seedTeam()
      yield* published(workspace, ids.item)
      yield* setTime(monday + days(1))
      yield* send(workspace, ids.ingrid, ItemCommand.RecordResults({
        network: "facebook",
        capturedAt: DateTime.unsafeMake(monday + days(1)),
        metrics: { reach: 1200 },
        highlights: []
      }))
      assert.deepStrictEqual((yield* tickAt(monday + days(2))).enqueued, [`check-in/${workspace}/${ids.item}/facebook/2`])
      yield* send(workspace, ids.ingrid, ItemCommand.RecordResults({
        network: "facebook",
        capturedAt: DateTime.unsafeMake(monday + days(3)),
        metrics: { reach: 2400 },
        highlights: []
      }))
      assert.deepStrictEqual((yield* tickAt(monday + days(7))).enqueued, [`check-in/${workspace}/${ids.item}/facebook/7`])
      yield* send(workspace, ids.ingrid, ItemCommand.RecordResults({
        network: "facebook",
        capturedAt: DateTime.unsafeMake(monday + days(7) + hours(1)),
        metrics: { reach: 3000 },
        highlights: []
      }))
      assert.deepStrictEqual((yield* tickAt(monday + days(8))).enqueued, [])
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN the scheduler was down from day 1 to day 8 WHEN it ticks THEN only the day-7 check-in goes out, not a backlog", () =>
    Effect.gen(function*() {
      yield* setTime(monday)
      const workspace = yield* seedTeam()
      yield* published(workspace, ids.item)
      yield* published(workspace, ids.followUp)
      const report = yield* tickAt(monday + days(8))
      assert.deepStrictEqual([...report.enqueued].sort(), [
        `check-in/${workspace}/${ids.item}/facebook/7`,
        `check-in/${workspace}/${ids.followUp}/facebook/7`
      ])
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN many posts due at once WHEN the limit is 1 THEN one goes per tick, oldest first, none lost", () =>
    Effect.gen(function*() {
      yield* setTime(monday)
      const workspace = yield* seedTeam()
      yield* published(workspace, ids.item)
      yield* setTime(monday + hours(1))
      yield* published(workspace, ids.followUp)
      yield* setTime(monday + days(2) + hours(2))
      assert.deepStrictEqual((yield* Scheduler.tick({ limit: 1 })).enqueued, [`check-in/${workspace}/${ids.item}/facebook/2`])
      assert.deepStrictEqual((yield* Scheduler.tick({ limit: 1 })).enqueued, [`check-in/${workspace}/${ids.followUp}/facebook/2`])
    }).pipe(Effect.provide(memoryLayer)))
})

const weekly = (workspace: WorkspaceId, meeting: MeetingId) =>
  Meetings.handle({
    workspace,
    commandId: nextCommandId(),
    actor: ids.ingrid,
    meeting,
    command: MeetingCommand.ScheduleMeeting({
      title: "Idémøte",
      start: "2026-03-03T10:00",
      rrule: "FREQ=WEEKLY;BYDAY=TU",
      durationMinutes: 45,
      channel: "innhold",
      invitees: { roles: ["expert"], departments: [], members: [] },
      agenda: ["Hva jobber du med?", "Resultater siden sist"],
      reminderLeadMinutes: 24 * 60
    })
  })

describe("Scheduler: meetings", () => {
  it.effect("GIVEN a weekly Tuesday 10:00 Oslo meeting WHEN Monday 10:00 comes, across the March DST change THEN a reminder to the channel and the invitees, once per occurrence", () =>
    Effect.gen(function*() {
      yield* setTime(monday)
      const workspace = yield* seedTeam()
      const meeting = MeetingId.make("idemote")
      yield* weekly(workspace, meeting)
      // Monday 2 March 10:00 Oslo = 09:00Z (winter time).
      assert.deepStrictEqual((yield* tickAt(Date.parse("2026-03-02T08:59:59Z"))).enqueued, [])
      assert.deepStrictEqual((yield* tickAt(Date.parse("2026-03-02T09:00:00Z"))).enqueued, [
        `meeting-reminder/${workspace}/${meeting}/2026-03-03T10:00/channel`,
        `meeting-reminder/${workspace}/${meeting}/2026-03-03T10:00/direct`
      ])
      // After the change on 29 March, Monday 30 March 10:00 Oslo = 08:00Z (summer time).
      assert.deepStrictEqual(
        (yield* tickAt(Date.parse("2026-03-30T07:59:59Z"))).enqueued.filter((id) => id.startsWith("meeting-reminder")),
        []
      )
      assert.deepStrictEqual(
        (yield* tickAt(Date.parse("2026-03-30T08:00:00Z"))).enqueued.filter((id) => id.startsWith("meeting-reminder")),
        [
          `meeting-reminder/${workspace}/${meeting}/2026-03-31T10:00/channel`,
          `meeting-reminder/${workspace}/${meeting}/2026-03-31T10:00/direct`
        ]
      )
      const [channel, direct] = yield* reminders(workspace)
      assert.deepStrictEqual(channel!.audience, { _tag: "Channel", channel: "innhold" })
      assert.deepStrictEqual(direct!.audience, { _tag: "Members", members: [ids.per, ids.siri, ids.magnus] })
      assert.strictEqual(channel!.subject._tag, "MeetingReminder")
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN a meeting that has ended WHEN an hour has passed THEN its summary goes out once", () =>
    Effect.gen(function*() {
      yield* setTime(monday)
      const workspace = yield* seedTeam()
      const meeting = MeetingId.make("idemote")
      yield* weekly(workspace, meeting)
      // 3 March 10:00–10:45 Oslo = 09:00–09:45Z; the summary an hour after.
      assert.deepStrictEqual(
        (yield* tickAt(Date.parse("2026-03-03T10:44:59Z"))).enqueued.filter((id) => id.startsWith("meeting-summary")),
        []
      )
      assert.deepStrictEqual(
        (yield* tickAt(Date.parse("2026-03-03T10:45:00Z"))).enqueued.filter((id) => id.startsWith("meeting-summary")),
        [
          `meeting-summary/${workspace}/${meeting}/2026-03-03T10:00/channel`,
          `meeting-summary/${workspace}/${meeting}/2026-03-03T10:00/direct`
        ]
      )
      assert.deepStrictEqual(
        (yield* tickAt(Date.parse("2026-03-03T12:00:00Z"))).enqueued.filter((id) => id.startsWith("meeting-summary")),
        []
      )
    }).pipe(Effect.provide(memoryLayer)))
})

describe("Scheduler: durability", () => {
  it.scoped("GIVEN a SQLite file and a pending reminder WHEN the process restarts in the middle THEN the reminder fires exactly once", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const filename = path.join(dir, "dugnad.db")
      const store = Sqlite.layer({ filename })
      yield* setTime(monday)
      const workspace = yield* Effect.scoped(
        Effect.gen(function*() {
          const seeded = yield* seedTeam()
          yield* inReview(seeded, days(2))
          assert.deepStrictEqual((yield* Scheduler.tick()).enqueued, [], "not due yet")
          return seeded
        }).pipe(Effect.provide(Layer.fresh(store)))
      )
      // The process is gone; time passes; a new process opens the same file.
      yield* setTime(monday + days(1) + hours(1))
      const first = yield* Effect.scoped(Effect.provide(Scheduler.tick(), Layer.fresh(store)))
      assert.deepStrictEqual(first.enqueued, [`review-due/${workspace}/${ids.item}/${monday + days(2)}`])
      // And again, restarted once more while the reminder is still in its window.
      yield* setTime(monday + days(1) + hours(2))
      const second = yield* Effect.scoped(Effect.provide(Scheduler.tick(), Layer.fresh(store)))
      assert.deepStrictEqual(second.enqueued, [])
      const rows = yield* Effect.scoped(Effect.provide(reminders(workspace), Layer.fresh(store)))
      assert.strictEqual(rows.length, 1)
    }))

  it.scoped("GIVEN two processes ticking the same SQLite file at once WHEN a reminder is due THEN it is enqueued once", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const store = Sqlite.layer({ filename: path.join(dir, "dugnad.db") })
      yield* setTime(monday)
      const workspace = yield* Effect.scoped(
        Effect.provide(Effect.tap(seedTeam(), (seeded) => inReview(seeded, days(1))), Layer.fresh(store))
      )
      yield* setTime(monday + hours(23))
      const ticks = yield* Effect.all(
        [1, 2, 3].map(() => Effect.scoped(Effect.provide(Scheduler.tick(), Layer.fresh(store)))),
        { concurrency: "unbounded" }
      )
      assert.strictEqual(ticks.flatMap((report) => report.enqueued).length, 1)
      const rows = yield* Effect.scoped(Effect.provide(reminders(workspace), Layer.fresh(store)))
      assert.strictEqual(rows.length, 1)
    }))

  it.scoped("GIVEN four processes ticking one PostgreSQL database at once WHEN a reminder is due THEN it is enqueued once", () =>
    Effect.gen(function*() {
      if (!checkPostgres("Scheduler on PostgreSQL")) return
      const [first, second] = yield* postgresStorePair()
      yield* setTime(monday)
      const workspace = yield* Effect.scoped(
        Effect.provide(Effect.tap(seedTeam(), (seeded) => inReview(seeded, days(1))), first)
      )
      yield* setTime(monday + hours(23))
      const ticks = yield* Effect.all(
        [first, second, first, second].map((store) => Effect.scoped(Effect.provide(Scheduler.tick(), store))),
        { concurrency: "unbounded" }
      )
      assert.strictEqual(ticks.flatMap((report) => report.enqueued).length, 1)
      const rows = yield* Effect.scoped(Effect.provide(reminders(workspace), second))
      assert.strictEqual(rows.length, 1)
    }), 30_000)

  it.effect("GIVEN Scheduler.run under the lease WHEN the clock reaches a reminder's time THEN it goes out without anyone calling tick", () =>
    Effect.gen(function*() {
      yield* setTime(monday)
      const workspace = yield* seedTeam()
      yield* inReview(workspace, days(2))
      const fiber = yield* Effect.fork(Scheduler.run("test-process", { every: "1 hour", leaseTtl: "6 hours" }))
      yield* TestClock.adjust("1 hour")
      assert.strictEqual((yield* reminders(workspace)).length, 0)
      yield* TestClock.adjust("23 hours")
      assert.strictEqual((yield* reminders(workspace)).length, 1)
      yield* Fiber.interrupt(fiber)
    }).pipe(Effect.provide(Layer.merge(memoryLayer, Lease.layerMemory))))
})

import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as fc from "fast-check"
import * as Recurrence from "../src/Recurrence.js"

const utc = (iso: string) => DateTime.unsafeMake(iso)
const series = (
  rrule: string,
  start = "2026-03-03T10:00",
  extra: Partial<Omit<Recurrence.Schedule, "segments">> = {}
): Recurrence.Schedule => ({
  segments: [{ start, rrule, timeZone: "Europe/Oslo", durationMinutes: 60 }],
  cancelled: [],
  moved: [],
  ...extra
})
const window = (schedule: Recurrence.Schedule, from: string, until: string, limit?: number) =>
  Recurrence.occurrences(schedule, { from: utc(from), until: utc(until), limit })
/** The local wall clock of an instant, `2026-03-03T10:00`. */
const local = (zoned: DateTime.Zoned) => DateTime.formatIsoZoned(zoned).slice(0, 16)
const instant = (zoned: DateTime.Zoned) => DateTime.formatIso(zoned)
const keys = (occurrences: ReadonlyArray<Recurrence.Occurrence>) => occurrences.map((o) => o.key)

describe("Recurrence", () => {
  describe("time zones and DST", () => {
    it("GIVEN a weekly Tuesday 10:00 Europe/Oslo meeting WHEN expanded across 2026-03-29 and 2026-10-25 THEN it stays at 10:00 local while its UTC hour moves", () => {
      const all = window(series("FREQ=WEEKLY;BYDAY=TU"), "2026-03-01T00:00:00Z", "2026-11-30T00:00:00Z")
      assert.strictEqual(all.length, 39)
      assert.isTrue(all.every((o) => local(o.start).endsWith("T10:00") && o.key === local(o.start)))
      const byKey = new Map(all.map((o) => [o.key, instant(o.start)]))
      assert.strictEqual(byKey.get("2026-03-24T10:00"), "2026-03-24T09:00:00.000Z")
      assert.strictEqual(byKey.get("2026-03-31T10:00"), "2026-03-31T08:00:00.000Z")
      assert.strictEqual(byKey.get("2026-10-20T10:00"), "2026-10-20T08:00:00.000Z")
      assert.strictEqual(byKey.get("2026-10-27T10:00"), "2026-10-27T09:00:00.000Z")
      assert.isTrue(all.every((o) => DateTime.toEpochMillis(o.end) - DateTime.toEpochMillis(o.start) === 3_600_000))
    })

    it("GIVEN a daily 02:30 series WHEN it crosses the spring-forward gap THEN that day starts at 03:30 (the gap's length later) and keeps its key", () => {
      const all = window(series("FREQ=DAILY", "2026-03-27T02:30"), "2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z")
      assert.deepStrictEqual(all.map((o) => [o.key, local(o.start), instant(o.start)]), [
        ["2026-03-27T02:30", "2026-03-27T02:30", "2026-03-27T01:30:00.000Z"],
        ["2026-03-28T02:30", "2026-03-28T02:30", "2026-03-28T01:30:00.000Z"],
        ["2026-03-29T02:30", "2026-03-29T03:30", "2026-03-29T01:30:00.000Z"],
        ["2026-03-30T02:30", "2026-03-30T02:30", "2026-03-30T00:30:00.000Z"]
      ])
    })

    it("GIVEN a daily 02:30 series WHEN 02:30 happens twice in the autumn THEN the occurrence is the first one (summer time)", () => {
      const autumn = Recurrence.occurrenceAt(series("FREQ=DAILY", "2026-10-20T02:30"), "2026-10-25T02:30")
      assert.strictEqual(autumn && instant(autumn.start), "2026-10-25T00:30:00.000Z")
    })

    it("GIVEN a series in another zone WHEN expanded THEN its wall clock is that zone's", () => {
      const newYork: Recurrence.Schedule = {
        segments: [{ start: "2026-03-03T09:00", rrule: "FREQ=WEEKLY;BYDAY=TU", timeZone: "America/New_York", durationMinutes: 30 }],
        cancelled: [],
        moved: []
      }
      // New York moves its clocks on 2026-03-08, three weeks before Europe.
      assert.deepStrictEqual(window(newYork, "2026-03-01T00:00:00Z", "2026-03-12T00:00:00Z").map((o) => instant(o.start)), [
        "2026-03-03T14:00:00.000Z",
        "2026-03-10T13:00:00.000Z"
      ])
    })
  })

  describe("rules", () => {
    it("GIVEN every second Tuesday WHEN expanded THEN occurrences are fourteen days apart", () => {
      assert.deepStrictEqual(keys(window(series("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"), "2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z")), [
        "2026-03-03T10:00",
        "2026-03-17T10:00",
        "2026-03-31T10:00",
        "2026-04-14T10:00",
        "2026-04-28T10:00"
      ])
    })

    it("GIVEN a monthly first Tuesday (BYDAY=1TU) WHEN expanded THEN each month's first Tuesday", () => {
      assert.deepStrictEqual(keys(window(series("FREQ=MONTHLY;BYDAY=1TU"), "2026-03-01T00:00:00Z", "2026-07-01T00:00:00Z")), [
        "2026-03-03T10:00",
        "2026-04-07T10:00",
        "2026-05-05T10:00",
        "2026-06-02T10:00"
      ])
    })

    it("GIVEN COUNT=3 WHEN expanded far ahead THEN exactly three occurrences and no next after the last", () => {
      const schedule = series("FREQ=WEEKLY;BYDAY=TU;COUNT=3")
      assert.deepStrictEqual(keys(window(schedule, "2026-01-01T00:00:00Z", "2030-01-01T00:00:00Z")), [
        "2026-03-03T10:00",
        "2026-03-10T10:00",
        "2026-03-17T10:00"
      ])
      assert.isUndefined(Recurrence.next(schedule, utc("2026-03-17T09:00:00Z")))
    })

    it("GIVEN UNTIL as a local date, a local time or a UTC instant WHEN expanded THEN each ends where it says", () => {
      const last = (rrule: string) => keys(window(series(rrule), "2026-01-01T00:00:00Z", "2030-01-01T00:00:00Z")).at(-1)
      // A date alone includes that day's meeting.
      assert.strictEqual(last("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260317"), "2026-03-17T10:00")
      assert.strictEqual(last("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260317T095959"), "2026-03-10T10:00")
      // 09:00Z is 10:00 in Oslo in March: included. 08:59Z is not.
      assert.strictEqual(last("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260317T090000Z"), "2026-03-17T10:00")
      assert.strictEqual(last("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260317T085900Z"), "2026-03-10T10:00")
    })

    it("GIVEN a start that is no occurrence of the rule WHEN expanded THEN the series begins with the rule's first date after it", () => {
      // 2026-03-02 is a Monday.
      assert.deepStrictEqual(keys(window(series("FREQ=WEEKLY;BYDAY=TU", "2026-03-02T10:00"), "2026-03-01T00:00:00Z", "2026-03-12T00:00:00Z")), [
        "2026-03-03T10:00",
        "2026-03-10T10:00"
      ])
    })

    it("GIVEN a daily series over ten years WHEN expanded without a limit THEN at most 1000 occurrences, the earliest", () => {
      const all = window(series("FREQ=DAILY"), "2026-01-01T00:00:00Z", "2036-01-01T00:00:00Z")
      assert.strictEqual(all.length, 1000)
      assert.strictEqual(all[0]?.key, "2026-03-03T10:00")
      assert.strictEqual(window(series("FREQ=DAILY"), "2026-01-01T00:00:00Z", "2036-01-01T00:00:00Z", 5).length, 5)
    })
  })

  describe("cancelled and moved occurrences", () => {
    const schedule = series("FREQ=WEEKLY;BYDAY=TU", "2026-03-03T10:00", {
      cancelled: ["2026-03-10T10:00"],
      moved: [
        { occurrence: "2026-03-17T10:00", start: "2026-03-19T14:00", durationMinutes: 90 },
        // Moved out of the window below, and into it from outside.
        { occurrence: "2026-03-31T10:00", start: "2026-04-10T10:00" },
        { occurrence: "2026-04-07T10:00", start: "2026-03-27T08:00" }
      ]
    })

    it("GIVEN cancelled and moved occurrences WHEN expanded THEN the cancelled one is gone and moved ones are at their new time, in order", () => {
      const all = window(schedule, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")
      assert.deepStrictEqual(all.map((o) => [o.key, local(o.start), local(o.end), o.moved]), [
        ["2026-03-03T10:00", "2026-03-03T10:00", "2026-03-03T11:00", false],
        ["2026-03-17T10:00", "2026-03-19T14:00", "2026-03-19T15:30", true],
        ["2026-03-24T10:00", "2026-03-24T10:00", "2026-03-24T11:00", false],
        ["2026-04-07T10:00", "2026-03-27T08:00", "2026-03-27T09:00", true]
      ])
    })

    it("GIVEN cancelled and moved occurrences WHEN asked for next, previous or one occurrence THEN they answer the same way", () => {
      assert.strictEqual(Recurrence.next(schedule, utc("2026-03-03T09:00:00Z"))?.key, "2026-03-17T10:00")
      assert.strictEqual(Recurrence.next(schedule, utc("2026-03-03T08:59:59Z"))?.key, "2026-03-03T10:00")
      assert.strictEqual(Recurrence.previous(schedule, utc("2026-03-19T13:00:00Z"))?.key, "2026-03-17T10:00")
      assert.strictEqual(Recurrence.previous(schedule, utc("2026-03-19T12:59:59Z"))?.key, "2026-03-03T10:00")
      assert.strictEqual(Recurrence.previous(schedule, utc("2026-03-01T00:00:00Z")), undefined)
      assert.isUndefined(Recurrence.occurrenceAt(schedule, "2026-03-10T10:00"))
      assert.isUndefined(Recurrence.occurrenceAt(schedule, "2026-03-11T10:00"))
      assert.isUndefined(Recurrence.occurrenceAt(schedule, "2026-02-24T10:00"))
      assert.isUndefined(Recurrence.occurrenceAt(schedule, "not a date"))
      const moved = Recurrence.occurrenceAt(schedule, "2026-03-17T10:00")
      assert.deepStrictEqual(moved && [local(moved.start), moved.moved, moved.segment], ["2026-03-19T14:00", true, 0])
    })

    it("GIVEN entries for keys that are no occurrence WHEN expanded THEN they are ignored", () => {
      const stray = series("FREQ=WEEKLY;BYDAY=TU", "2026-03-03T10:00", {
        cancelled: ["2026-03-04T10:00"],
        moved: [{ occurrence: "2026-03-05T10:00", start: "2026-03-06T10:00" }]
      })
      assert.deepStrictEqual(keys(window(stray, "2026-03-01T00:00:00Z", "2026-03-12T00:00:00Z")), [
        "2026-03-03T10:00",
        "2026-03-10T10:00"
      ])
    })
  })

  describe("splitAt", () => {
    const base = series("FREQ=WEEKLY;BYDAY=TU", "2026-03-03T10:00", {
      cancelled: ["2026-03-10T10:00", "2026-04-14T10:00"],
      moved: [
        { occurrence: "2026-03-17T10:00", start: "2026-03-18T10:00" },
        { occurrence: "2026-04-21T10:00", start: "2026-04-22T10:00" }
      ]
    })
    const afternoon: Recurrence.Segment = {
      start: "2026-04-07T14:00",
      rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
      timeZone: "Europe/Oslo",
      durationMinutes: 90
    }

    it("GIVEN a weekly series WHEN its time changes from a date on THEN later occurrences follow the new segment and earlier ones are unchanged", () => {
      const from = "2026-04-07T10:00"
      const split = Recurrence.splitAt(base, from, afternoon)
      const before = window(base, "2026-03-01T00:00:00Z", "2026-04-06T00:00:00Z")
      assert.deepStrictEqual(window(split, "2026-03-01T00:00:00Z", "2026-04-06T00:00:00Z"), before)
      assert.deepStrictEqual(
        window(split, "2026-04-06T00:00:00Z", "2026-05-31T00:00:00Z").map((o) => [o.key, local(o.end), o.segment]),
        [
          ["2026-04-07T14:00", "2026-04-07T15:30", 1],
          ["2026-04-21T14:00", "2026-04-21T15:30", 1],
          ["2026-05-05T14:00", "2026-05-05T15:30", 1],
          ["2026-05-19T14:00", "2026-05-19T15:30", 1]
        ]
      )
      // Cancellations and moves of the old rule from the change on are dropped.
      assert.deepStrictEqual(split.cancelled, ["2026-03-10T10:00"])
      assert.deepStrictEqual(split.moved.map((m) => m.occurrence), ["2026-03-17T10:00"])
      // The new segment starts after `from`, so the old rule is ended before it: no 10:00 on 2026-04-07.
      assert.isUndefined(Recurrence.occurrenceAt(split, from))
      assert.strictEqual(split.segments[0]?.rrule, "FREQ=WEEKLY;UNTIL=20260331T100000;BYDAY=TU")
    })

    it("GIVEN a split series WHEN split again at an earlier date THEN the later segment is replaced", () => {
      const once = Recurrence.splitAt(base, "2026-04-07T10:00", afternoon)
      const again = Recurrence.splitAt(once, "2026-03-24T10:00", { ...afternoon, start: "2026-03-24T10:00", rrule: "FREQ=WEEKLY;BYDAY=WE" })
      assert.strictEqual(again.segments.length, 2)
      assert.deepStrictEqual(keys(window(again, "2026-03-01T00:00:00Z", "2026-04-09T00:00:00Z")), [
        "2026-03-03T10:00",
        "2026-03-17T10:00",
        "2026-03-25T10:00",
        "2026-04-01T10:00",
        "2026-04-08T10:00"
      ])
    })

    it("GIVEN a new segment starting before the change date WHEN split THEN it starts at its first date from the change on, keeping its rhythm and its COUNT's end", () => {
      const split = Recurrence.splitAt(base, "2026-04-08T00:00", {
        start: "2026-03-03T14:00",
        rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=6",
        timeZone: "Europe/Oslo",
        durationMinutes: 60
      })
      // Every second Tuesday from 2026-03-03: 03-03, 03-17, 03-31, 04-14, 04-28, 05-12 (the sixth).
      assert.deepStrictEqual(split.segments[1], {
        start: "2026-04-14T14:00",
        rrule: "FREQ=WEEKLY;INTERVAL=2;UNTIL=20260512T140000;BYDAY=TU",
        timeZone: "Europe/Oslo",
        durationMinutes: 60
      })
      assert.deepStrictEqual(keys(window(split, "2026-03-25T00:00:00Z", "2027-01-01T00:00:00Z")), [
        "2026-03-31T10:00",
        "2026-04-07T10:00",
        "2026-04-14T14:00",
        "2026-04-28T14:00",
        "2026-05-12T14:00"
      ])
    })
  })

  describe("validation", () => {
    const ruleProblem = (rrule: string) =>
      Either.match(Recurrence.validateRule(rrule), {
        onLeft: (error) => [error.field, error.reason, error.part],
        onRight: (normalised) => normalised
      })

    it("GIVEN rules RFC 5545 allows WHEN validated THEN they come back in canonical form", () => {
      assert.strictEqual(ruleProblem("rrule:freq=weekly;interval=1;byday=tu"), "FREQ=WEEKLY;BYDAY=TU")
      assert.strictEqual(ruleProblem("BYDAY=+1TU;FREQ=MONTHLY;WKST=MO"), "FREQ=MONTHLY;BYDAY=1TU")
      assert.strictEqual(ruleProblem("FREQ=YEARLY;BYMONTH=03;BYDAY=-1SU;COUNT=5"), "FREQ=YEARLY;COUNT=5;BYMONTH=3;BYDAY=-1SU")
      assert.strictEqual(ruleProblem("FREQ=MONTHLY;BYDAY=TU,WE;BYSETPOS=-1;UNTIL=20261231"), "FREQ=MONTHLY;UNTIL=20261231;BYDAY=TU,WE;BYSETPOS=-1")
    })

    it("GIVEN rules that cannot be used WHEN validated THEN InvalidRecurrence names the reason and the part", () => {
      const cases: ReadonlyArray<readonly [string, Array<string>]> = [
        ["", ["rrule", "unparsable", "RRULE"]],
        ["BYDAY=TU", ["rrule", "unparsable", "FREQ"]],
        ["FREQ=FORTNIGHTLY", ["rrule", "unparsable", "FREQ"]],
        ["FREQ=WEEKLY;FREQ=DAILY", ["rrule", "unparsable", "FREQ"]],
        ["FREQ=WEEKLY;BYEASTER=0", ["rrule", "unparsable", "BYEASTER"]],
        ["FREQ=WEEKLY;BYDAY=XX", ["rrule", "unparsable", "BYDAY"]],
        ["FREQ=WEEKLY;INTERVAL=abc", ["rrule", "unparsable", "INTERVAL"]],
        ["FREQ=WEEKLY;UNTIL=20260230", ["rrule", "unparsable", "UNTIL"]],
        ["FREQ=WEEKLY BYDAY=TU", ["rrule", "unparsable", "RRULE"]],
        ["FREQ=HOURLY", ["rrule", "unsupported_frequency", "FREQ"]],
        ["FREQ=MINUTELY", ["rrule", "unsupported_frequency", "FREQ"]],
        ["FREQ=SECONDLY", ["rrule", "unsupported_frequency", "FREQ"]],
        ["FREQ=DAILY;BYHOUR=10,14", ["rrule", "unsupported_part", "BYHOUR"]],
        ["FREQ=WEEKLY;INTERVAL=0", ["rrule", "out_of_range", "INTERVAL"]],
        ["FREQ=YEARLY;BYMONTH=13", ["rrule", "out_of_range", "BYMONTH"]],
        ["FREQ=DAILY;COUNT=10001", ["rrule", "out_of_range", "COUNT"]],
        ["FREQ=MONTHLY;BYMONTHDAY=40", ["rrule", "out_of_range", "BYMONTHDAY"]],
        ["FREQ=MONTHLY;BYDAY=0TU", ["rrule", "out_of_range", "BYDAY"]],
        ["FREQ=WEEKLY;COUNT=3;UNTIL=20261231", ["rrule", "conflicting_parts", "UNTIL"]],
        ["FREQ=WEEKLY;BYDAY=2TU", ["rrule", "conflicting_parts", "BYDAY"]],
        ["FREQ=WEEKLY;BYMONTHDAY=1", ["rrule", "conflicting_parts", "BYMONTHDAY"]],
        ["FREQ=MONTHLY;BYWEEKNO=1", ["rrule", "conflicting_parts", "BYWEEKNO"]],
        ["FREQ=MONTHLY;BYSETPOS=1", ["rrule", "conflicting_parts", "BYSETPOS"]]
      ]
      for (const [rrule, expected] of cases) assert.deepStrictEqual(ruleProblem(rrule), expected, rrule)
    })

    it("GIVEN segments with a bad zone, start, duration or a rule without dates WHEN validated THEN InvalidRecurrence on that field", () => {
      const good: Recurrence.Segment = { start: "2026-03-03T10:00", rrule: "freq=weekly", timeZone: "europe/oslo", durationMinutes: 60 }
      const problem = (segment: Recurrence.Segment) =>
        Either.match(Recurrence.validateSegment(segment), {
          onLeft: (error) => [error._tag, error.field, error.reason],
          onRight: (normalised) => normalised
        })
      assert.deepStrictEqual(problem(good), { ...good, rrule: "FREQ=WEEKLY", timeZone: "Europe/Oslo" })
      // Intl calls it Asia/Calcutta; the current name stays.
      assert.deepStrictEqual(problem({ ...good, timeZone: "Asia/Kolkata" }), { ...good, rrule: "FREQ=WEEKLY", timeZone: "Asia/Kolkata" })
      assert.deepStrictEqual(problem({ ...good, timeZone: "Europe/Atlantis" }), ["InvalidRecurrence", "timeZone", "unknown_time_zone"])
      assert.deepStrictEqual(problem({ ...good, start: "2026-02-30T10:00" }), ["InvalidRecurrence", "start", "invalid"])
      assert.deepStrictEqual(problem({ ...good, durationMinutes: 0 }), ["InvalidRecurrence", "durationMinutes", "invalid"])
      assert.deepStrictEqual(problem({ ...good, rrule: "FREQ=HOURLY" }), ["InvalidRecurrence", "rrule", "unsupported_frequency"])
      assert.deepStrictEqual(problem({ ...good, rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" }), ["InvalidRecurrence", "rrule", "no_occurrences"])
      assert.deepStrictEqual(problem({ ...good, rrule: "FREQ=WEEKLY;UNTIL=20250101" }), ["InvalidRecurrence", "rrule", "no_occurrences"])
    })

    it("GIVEN rules that never match WHEN validated or expanded THEN the answer comes quickly: no_occurrences, and no occurrences", () => {
      // rrule alone looks for these dates until the year 9999: seconds each.
      const never = ["FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=WEEKLY;BYMONTH=2;BYDAY=MO;BYSETPOS=7", "FREQ=DAILY;INTERVAL=7;BYDAY=WE"]
      const started = Date.now()
      for (const rrule of never) {
        const schedule = series(rrule)
        const refused = Recurrence.validateSegment(schedule.segments[0]!)
        assert.deepStrictEqual(Either.isLeft(refused) && refused.left.reason, "no_occurrences", rrule)
        assert.deepStrictEqual(window(schedule, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"), [])
        assert.isUndefined(Recurrence.next(schedule, utc("2026-01-01T00:00:00Z")))
        assert.isUndefined(Recurrence.previous(schedule, utc("2027-01-01T00:00:00Z")))
      }
      assert.isBelow(Date.now() - started, 3000)
    })

    it("GIVEN an interval too long to check for dates WHEN validated THEN out_of_range on INTERVAL", () => {
      // Every fourth day, Wednesdays only: its rhythm repeats only every 1600 years.
      const refused = Recurrence.validateSegment(series("FREQ=DAILY;INTERVAL=4;BYDAY=WE").segments[0]!)
      assert.deepStrictEqual(Either.isLeft(refused) && [refused.left.reason, refused.left.part], ["out_of_range", "INTERVAL"])
      assert.isTrue(Either.isRight(Recurrence.validateSegment(series("FREQ=WEEKLY;INTERVAL=4;BYDAY=WE").segments[0]!)))
    })

    it("GIVEN strings WHEN decoded as LocalDateTime THEN only real minutes of real dates pass", () => {
      const valid = (text: string) => Either.isRight(Schema.decodeUnknownEither(Recurrence.LocalDateTime)(text))
      assert.isTrue(valid("2024-02-29T23:59"))
      for (const text of ["2026-02-29T10:00", "2026-03-03T24:00", "2026-03-03T10:60", "2026-03-03 10:00", "2026-03-03T10:00:00", "0999-01-01T00:00"]) {
        assert.isFalse(valid(text), text)
      }
    })
  })

  describe("properties", () => {
    const zones = ["Europe/Oslo", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"]
    const rules = ["FREQ=DAILY", "FREQ=WEEKLY;BYDAY=SU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "FREQ=MONTHLY;BYDAY=-1SU", "FREQ=DAILY;COUNT=40"]
    const arbitrary = fc.record({
      zone: fc.constantFrom(...zones),
      rrule: fc.constantFrom(...rules),
      day: fc.integer({ min: 0, max: 700 }),
      // Hours 0 to 3 hit the DST changes of every zone above.
      hour: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 23 })),
      minute: fc.constantFrom(0, 30, 45),
      cancel: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 5 }),
      move: fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: -3000, max: 3000 })), { maxLength: 3 }),
      windowStart: fc.integer({ min: -30, max: 400 }),
      windowDays: fc.integer({ min: 1, max: 120 })
    }).map((input) => {
      const startDate = new Date(Date.UTC(2025, 0, 1 + input.day, input.hour, input.minute))
      const start = startDate.toISOString().slice(0, 16)
      const segment = { start, rrule: input.rrule, timeZone: input.zone, durationMinutes: 45 }
      const early = Recurrence.occurrences({ segments: [segment], cancelled: [], moved: [] }, {
        from: utc("2024-01-01T00:00:00Z"),
        until: utc("2030-01-01T00:00:00Z"),
        limit: 31
      })
      const keyAt = (i: number) => early[i % early.length]!.key
      const schedule: Recurrence.Schedule = {
        segments: [segment],
        cancelled: input.cancel.map(keyAt),
        moved: input.move.map(([i, minutes]) => ({
          occurrence: keyAt(i),
          start: new Date(Date.parse(`${keyAt(i)}Z`) + minutes * 60_000).toISOString().slice(0, 16)
        }))
      }
      const from = startDate.getTime() + input.windowStart * 86_400_000
      return { schedule, from: DateTime.unsafeMake(from), until: DateTime.unsafeMake(from + input.windowDays * 86_400_000) }
    })

    it("GIVEN random series, cancellations, moves and windows WHEN expanded THEN sorted, inside the window, never cancelled, and at the series' wall-clock time unless in a DST gap", () => {
      fc.assert(
        fc.property(arbitrary, ({ from, schedule, until }) => {
          const all = Recurrence.occurrences(schedule, { from, until })
          const zone = DateTime.zoneUnsafeMakeNamed(schedule.segments[0]!.timeZone)
          const time = schedule.segments[0]!.start.slice(11)
          const movedKeys = new Set(schedule.moved.map((m) => m.occurrence))
          all.forEach((o, i) => {
            const start = DateTime.toEpochMillis(o.start)
            assert.isTrue(start >= DateTime.toEpochMillis(from) && start < DateTime.toEpochMillis(until))
            if (i > 0) assert.isTrue(start >= DateTime.toEpochMillis(all[i - 1]!.start))
            assert.notInclude(schedule.cancelled, o.key)
            assert.strictEqual(o.moved, movedKeys.has(o.key))
            assert.strictEqual(o.key.slice(11), time)
            if (!o.moved && local(o.start) !== o.key) {
              const exists = DateTime.makeZoned(new Date(`${o.key}Z`), {
                timeZone: zone,
                adjustForTimeZone: true,
                disambiguation: "reject"
              })
              assert.isTrue(Option.isNone(exists), `${o.key} exists in ${zone.id}`)
            }
          })
        }),
        { numRuns: 150 }
      )
    })

    it("GIVEN random series WHEN asked for next, previous and single occurrences THEN they agree with the expansion", () => {
      fc.assert(
        fc.property(arbitrary, ({ from, schedule, until }) => {
          const all = Recurrence.occurrences(schedule, { from, until })
          const first = all[0]
          const last = all.at(-1)
          if (first === undefined || last === undefined) return
          assert.deepStrictEqual(Recurrence.next(schedule, DateTime.subtract(from, { millis: 1 })), first)
          assert.deepStrictEqual(Recurrence.previous(schedule, DateTime.subtract(until, { millis: 1 })), last)
          for (const o of all) assert.deepStrictEqual(Recurrence.occurrenceAt(schedule, o.key), o)
        }),
        { numRuns: 100 }
      )
    })
  })
})

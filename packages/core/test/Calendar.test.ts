import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as fc from "fast-check"
import ICAL from "ical.js"
import * as Calendar from "../src/Calendar.js"
import * as Recurrence from "../src/Recurrence.js"

const utc = (iso: string) => DateTime.unsafeMake(iso)
const now = utc("2026-01-15T12:00:00Z")
const weekly: Recurrence.Schedule = {
  segments: [{ start: "2026-03-03T10:00", rrule: "FREQ=WEEKLY;BYDAY=TU", timeZone: "Europe/Oslo", durationMinutes: 60 }],
  cancelled: ["2026-03-10T10:00", "2026-10-27T10:00"],
  moved: [
    { occurrence: "2026-03-24T10:00", start: "2026-03-26T13:00", durationMinutes: 90 },
    // Cancelled as well: the cancellation wins.
    { occurrence: "2026-10-27T10:00", start: "2026-10-28T10:00" },
    // Moved back across the autumn change, into summer time.
    { occurrence: "2026-11-03T10:00", start: "2026-10-23T09:00" }
  ]
}
const series = (schedule: Recurrence.Schedule): Calendar.CalendarSeries => ({
  id: "M1",
  workspace: "ws",
  title: "Idémøte",
  description: "Hva jobber du med? Kan det bli innhold?",
  location: "#ideer",
  url: "https://example.org/m/M1",
  schedule
})

/** What Thunderbird's parser makes of the document: each instance's start and end in UTC, in `[from, until)`. */
const expandWithIcalJs = (text: string, from: string, until: string): ReadonlyArray<readonly [string, string]> => {
  const calendar = new ICAL.Component(ICAL.parse(text))
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone)
  const events = calendar.getAllSubcomponents("vevent").map((component) => new ICAL.Event(component))
  const found: Array<readonly [string, string]> = []
  // Recurrence ids are looked at up to a month beyond the window, so moved occurrences come along.
  const horizon = Date.parse(until) + 31 * 86_400_000
  for (const master of events.filter((event) => !event.isRecurrenceException())) {
    for (const exception of events.filter((event) => event.isRecurrenceException() && event.uid === master.uid)) {
      master.relateException(exception)
    }
    const iterator = master.iterator()
    for (let next = iterator.next(); next !== undefined && next !== null; next = iterator.next()) {
      if (next.toJSDate().getTime() > horizon) break
      const details = master.getOccurrenceDetails(next)
      const start = details.startDate.toJSDate().toISOString()
      if (start >= new Date(from).toISOString() && start < new Date(until).toISOString()) {
        found.push([start, details.endDate.toJSDate().toISOString()])
      }
    }
  }
  return found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

const expected = (schedule: Recurrence.Schedule, from: string, until: string) =>
  Recurrence.occurrences(schedule, { from: utc(from), until: utc(until) }).map((o) =>
    [DateTime.formatIso(o.start), DateTime.formatIso(o.end)] as const
  )

const roundTrip = (schedule: Recurrence.Schedule, from: string, until: string) => {
  const text = Calendar.ics(series(schedule), { now })
  const fromCalendar = expandWithIcalJs(text, from, until)
  assert.isAbove(fromCalendar.length, 0)
  assert.deepStrictEqual(fromCalendar, expected(schedule, from, until))
  return text
}

const lines = (text: string) => text.split("\r\n")
/** Content lines with continuation lines joined again (RFC 5545 §3.1). */
const unfolded = (text: string) => text.replaceAll("\r\n ", "").split("\r\n")

describe("Calendar", () => {
  describe("round trip through ical.js", () => {
    it("GIVEN a weekly Oslo series with cancelled and moved occurrences WHEN its .ics is expanded by ical.js across both DST changes THEN the instants equal Recurrence.occurrences", () => {
      roundTrip(weekly, "2026-03-01T00:00:00Z", "2026-12-01T00:00:00Z")
    })

    it("GIVEN a series split twice, once into another time zone WHEN its .ics is expanded THEN the instants equal Recurrence.occurrences", () => {
      const afternoons = Recurrence.splitAt(weekly, "2026-05-05T10:00", {
        start: "2026-05-05T14:00",
        rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        timeZone: "Europe/Oslo",
        durationMinutes: 90
      })
      const split = Recurrence.splitAt(
        { ...afternoons, cancelled: [...afternoons.cancelled, "2026-06-02T14:00"] },
        "2026-09-01T00:00",
        { start: "2026-09-01T08:00", rrule: "FREQ=MONTHLY;BYDAY=1TU;COUNT=6", timeZone: "America/New_York", durationMinutes: 60 }
      )
      const text = roundTrip(split, "2026-03-01T00:00:00Z", "2027-06-01T00:00:00Z")
      const content = unfolded(text)
      assert.includeMembers(content, [
        "RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20260428T080000Z",
        "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20260825T120000Z",
        "RRULE:FREQ=MONTHLY;BYDAY=1TU;UNTIL=20270202T130000Z",
        "EXDATE;TZID=Europe/Oslo:20260602T140000",
        "TZID:Europe/Oslo",
        "TZID:America/New_York",
        "UID:M1-0@ws.dugnad",
        "UID:M1-1@ws.dugnad",
        "UID:M1-2@ws.dugnad"
      ])
    })

    it("GIVEN a daily 02:30 series WHEN its .ics is expanded across the spring-forward gap THEN ical.js also puts that day at 03:30, by an override", () => {
      const schedule: Recurrence.Schedule = {
        segments: [{ start: "2026-03-26T02:30", rrule: "FREQ=DAILY;COUNT=10", timeZone: "Europe/Oslo", durationMinutes: 30 }],
        cancelled: [],
        moved: []
      }
      const text = roundTrip(schedule, "2026-03-20T00:00:00Z", "2026-04-10T00:00:00Z")
      assert.includeMembers(unfolded(text), [
        "RECURRENCE-ID;TZID=Europe/Oslo:20260329T023000",
        "DTSTART;TZID=Europe/Oslo:20260329T033000"
      ])
    })
  })

  describe("round trip, property", () => {
    // Daytime starts: at night ical.js reads DST gaps and overlaps its own way (see `ics`).
    const arbitrary = fc.record({
      zone: fc.constantFrom("Europe/Oslo", "America/New_York", "Australia/Sydney", "Asia/Kolkata"),
      rrules: fc.array(
        fc.constantFrom("FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "FREQ=MONTHLY;BYDAY=1TU", "FREQ=DAILY;COUNT=20"),
        { minLength: 1, maxLength: 3 }
      ),
      day: fc.integer({ min: 0, max: 365 }),
      hour: fc.integer({ min: 6, max: 20 }),
      splitAfterDays: fc.integer({ min: 10, max: 120 }),
      cancel: fc.array(fc.integer({ min: 0, max: 25 }), { maxLength: 4 }),
      move: fc.array(fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: -2, max: 2 })), { maxLength: 3 })
    })

    it("GIVEN random split series with cancellations and moves WHEN the .ics is expanded by ical.js THEN its instants equal Recurrence.occurrences", () => {
      fc.assert(
        fc.property(arbitrary, (input) => {
          const key = (millis: number) => new Date(millis).toISOString().slice(0, 16)
          const start = Date.UTC(2026, 0, 1 + input.day, input.hour)
          let schedule: Recurrence.Schedule = { segments: [], cancelled: [], moved: [] }
          input.rrules.forEach((rrule, i) => {
            const from = key(start + i * input.splitAfterDays * 86_400_000)
            const segment = { start: from, rrule, timeZone: input.zone, durationMinutes: 50 + i * 10 }
            schedule = Recurrence.splitAt(schedule, from, segment)
          })
          const known = Recurrence.occurrences(schedule, { from: utc("2025-12-01T00:00:00Z"), until: utc("2028-01-01T00:00:00Z"), limit: 26 })
          const at = (i: number) => known[i % known.length]!.key
          schedule = {
            ...schedule,
            cancelled: input.cancel.map(at),
            moved: input.move.map(([i, days]) => ({ occurrence: at(i), start: key(Date.parse(`${at(i)}Z`) + days * 86_400_000) }))
          }
          roundTrip(schedule, "2025-12-01T00:00:00Z", "2027-06-01T00:00:00Z")
        }),
        { numRuns: 40 }
      )
    })
  })

  describe("the document", () => {
    const text = Calendar.ics(
      series({
        ...weekly,
        segments: [{ ...weekly.segments[0]!, timeZone: "UTC" }, {
          ...weekly.segments[0]!,
          start: "2026-06-02T10:00"
        }]
      }),
      { now, productId: "-//Example//Idémøter//NO" }
    )

    it("GIVEN a series WHEN written THEN CRLF ends every line, no line exceeds 75 octets, and unfolding restores long values", () => {
      assert.isTrue(text.endsWith("END:VCALENDAR\r\n"))
      assert.notMatch(text, /\r(?!\n)|(?<!\r)\n/)
      for (const line of lines(text)) assert.isAtMost(Buffer.byteLength(line, "utf8"), 75, line)
      // A long title is folded at 75 octets without splitting a UTF-8 character.
      const longTitle = Calendar.ics({ ...series(weekly), title: "Idémøte om innhold, æøå ".repeat(8).trim() }, { now })
      assert.isTrue(lines(longTitle).every((line) => Buffer.byteLength(line, "utf8") <= 75))
      assert.include(unfolded(longTitle), `SUMMARY:${"Idémøte om innhold\\, æøå ".repeat(8).trim()}`)
    })

    it("GIVEN a series WHEN written THEN the calendar and every event carry the required properties", () => {
      const content = unfolded(text)
      assert.deepStrictEqual(content.slice(0, 4), ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Example//Idémøter//NO", "METHOD:PUBLISH"])
      const events = text.split("BEGIN:VEVENT").slice(1).map(unfolded)
      // Two segments, and one moved occurrence in each (the third move is of a cancelled occurrence).
      assert.strictEqual(events.length, 4)
      for (const event of events) {
        for (const name of ["UID:", "DTSTAMP:20260115T120000Z", "DTSTART;TZID=", "DTEND;TZID=", "SUMMARY:Idémøte"]) {
          assert.isTrue(event.some((line) => line.startsWith(name)), name)
        }
      }
      assert.include(content, "LOCATION:#ideer")
      assert.include(content, "URL;VALUE=URI:https://example.org/m/M1")
      assert.include(content, "DTSTART;TZID=Etc/UTC:20260303T100000")
    })

    it("GIVEN zones Europe/Oslo and UTC WHEN written THEN there is one VTIMEZONE for each, with Oslo's DST rules", () => {
      const content = unfolded(text)
      assert.strictEqual(content.filter((line) => line === "BEGIN:VTIMEZONE").length, 2)
      assert.include(content, "TZID:Europe/Oslo")
      assert.include(content, "TZID:Etc/UTC")
      assert.include(content, "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
    })

    it("GIVEN zones with other names in Intl or in the VTIMEZONE database WHEN written THEN every TZID has its VTIMEZONE", () => {
      const zones = ["Asia/Kolkata", "Europe/Kyiv", "UTC"]
      const schedule: Recurrence.Schedule = {
        segments: zones.map((timeZone, i) => ({ start: `2026-0${i + 3}-03T10:00`, rrule: "FREQ=WEEKLY", timeZone, durationMinutes: 60 })),
        cancelled: [],
        moved: []
      }
      const content = unfolded(roundTrip(schedule, "2026-03-01T00:00:00Z", "2026-07-01T00:00:00Z"))
      const used = new Set(content.flatMap((line) => /^DTSTART;TZID=([^:]+):/.exec(line)?.slice(1) ?? []))
      const described = new Set(content.flatMap((line) => /^TZID:(.+)$/.exec(line)?.slice(1) ?? []))
      assert.deepStrictEqual([...used].sort(), ["Asia/Kolkata", "Etc/UTC", "Europe/Kiev"])
      assert.deepStrictEqual([...described].sort(), [...used].sort())
    })

    it("GIVEN the same series and time WHEN written in processes with different local time zones THEN the output is identical", () => {
      const original = process.env.TZ
      try {
        process.env.TZ = "America/Los_Angeles"
        const west = Calendar.ics(series(weekly), { now })
        process.env.TZ = "Asia/Tokyo"
        const east = Calendar.ics(series(weekly), { now })
        assert.strictEqual(west, east)
      } finally {
        if (original === undefined) delete process.env.TZ
        else process.env.TZ = original
      }
    })

    it("GIVEN ids with reserved characters WHEN written THEN UIDs stay one property, unique per segment", () => {
      const odd = Calendar.ics({ ...series(weekly), id: "m;1,x", workspace: "team a" }, { now })
      assert.include(unfolded(odd), "UID:m%3B1%2Cx-0@team%20a.dugnad")
    })

    it("GIVEN a series whose segment has no occurrence left WHEN written THEN it gets no event, and the others keep their UIDs", () => {
      const schedule: Recurrence.Schedule = {
        segments: [
          { start: "2026-03-03T10:00", rrule: "FREQ=WEEKLY;BYDAY=TU", timeZone: "Europe/Oslo", durationMinutes: 60 },
          { start: "2026-04-01T10:00", rrule: "FREQ=WEEKLY;UNTIL=20260301", timeZone: "Europe/Oslo", durationMinutes: 60 }
        ],
        cancelled: [],
        moved: []
      }
      const content = unfolded(Calendar.ics(series(schedule), { now }))
      assert.deepStrictEqual(content.filter((line) => line.startsWith("UID:")), ["UID:M1-0@ws.dugnad"])
      assert.include(content, "RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20260401T075959Z")
    })
  })
})

/**
 * A meeting series as an iCalendar (RFC 5545) feed that Google Calendar, Outlook, Apple Calendar
 * and Thunderbird import or subscribe to.
 *
 * One VEVENT per segment carries the rule (DTSTART with TZID, RRULE, EXDATE for cancelled
 * occurrences); one VEVENT per moved occurrence overrides it with the same UID and a
 * RECURRENCE-ID. A VTIMEZONE describes each zone used. Only what every client supports: no
 * RANGE=THISANDFUTURE (a change from a date on is a new segment with its own UID).
 *
 * @since 0.1.0
 */
import { getVtimezoneComponent } from "@touch4it/ical-timezones"
import * as DateTime from "effect/DateTime"
import ical, { ICalCalendarMethod, type ICalDayJsStub } from "ical-generator"
import { compact, floating, keyOf, lastPossibleKey, ruleText } from "./internal/rrule.js"
import {
  compile,
  type Compiled,
  type CompiledSchedule,
  firstKey,
  instant,
  isKey,
  lastKey,
  occurrence,
  segmentOf,
  visitKeys,
  wallClock
} from "./internal/schedule.js"
import type { Occurrence, Schedule } from "./Recurrence.js"

/**
 * A meeting series to publish. `id` is the meeting's id and `workspace` its workspace; together
 * they make the events' UIDs. `location` is where people meet, e.g. the chat channel.
 *
 * @since 0.1.0
 * @category models
 */
export interface CalendarSeries {
  readonly id: string
  readonly workspace: string
  readonly title: string
  readonly description?: string | undefined
  readonly location?: string | undefined
  readonly schedule: Schedule
  readonly url?: string | undefined
}

/** How far ahead occurrences at a wall-clock time that does not exist are written out (see `ics`). */
const gapHorizonMillis = 5 * 366 * 86_400_000

/**
 * ical-generator formats a `Date` through the process's time zone when an event has a TZID, so
 * wall-clock times go in as its Day.js-shaped input, which it formats as given.
 */
const local = (key: string, at: DateTime.DateTime): ICalDayJsStub => ({
  format: (pattern) => (pattern === "YYYYMMDD" ? compact(key).slice(0, 8) : compact(key).slice(9)),
  isValid: () => true,
  toDate: () => DateTime.toDateUtc(at),
  toJSON: () => DateTime.formatIso(at)
})

/**
 * The TZID to write: that of the VTIMEZONE the database has for the zone under its given name or
 * the runtime's (Intl says Asia/Calcutta for Asia/Kolkata, tzdata 2018g has Europe/Kiev only, UTC
 * is Etc/UTC), so that events and VTIMEZONE agree.
 */
const tzid = (segment: Compiled): string => {
  for (const name of [segment.segment.timeZone, segment.zone.id]) {
    const found = getVtimezoneComponent(name)?.match(/^TZID:(.+)$/m)?.[1]
    if (found !== undefined) return found.trim()
  }
  return segment.zone.id
}

/** An instant as an RFC 5545 UTC date-time, `20260303T090000Z`. */
const utcText = (millis: number): string => `${new Date(millis).toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`

/** A wall-clock time at its later reading if it is ambiguous, so that clients reading it either way stay within it. */
const latest = (zone: DateTime.TimeZone, wallClock: Date): number =>
  DateTime.toEpochMillis(
    DateTime.unsafeMakeZoned(wallClock, { timeZone: zone, adjustForTimeZone: true, disambiguation: "later" })
  )

/**
 * The UTC UNTIL of a segment's event (RFC 5545 wants UTC with a TZID start): the earliest of its
 * rule's UNTIL, its last date under COUNT, and the moment before the next segment starts.
 */
const endOf = (segment: Compiled): string | undefined => {
  const ends: Array<number> = []
  const until = segment.rule.until
  if (until !== undefined) {
    ends.push(until._tag === "Utc" ? until.instant.getTime() : latest(segment.zone, until.floating))
  }
  const last = segment.rule.count === undefined ? undefined : lastKey(segment)
  if (last !== undefined) ends.push(latest(segment.zone, floating(last)))
  if (segment.to !== lastPossibleKey) ends.push(DateTime.toEpochMillis(instant(segment.zone, segment.to)) - 1000)
  return ends.length === 0 ? undefined : utcText(Math.min(...ends))
}

/** The occurrences that need an overriding VEVENT: moved ones, and pinned ones (see `ics`). */
const overrides = (
  schedule: CompiledSchedule,
  segment: Compiled,
  belongs: (key: string) => boolean,
  horizon: string
): ReadonlyArray<Occurrence> => {
  const moved = [...schedule.moved]
    .filter(([key]) => !schedule.cancelled.has(key) && belongs(key))
    .map(([key, move]) => occurrence(segment, key, move))
  const pinned: Array<Occurrence> = []
  visitKeys(segment, segment.from, horizon, (key) => {
    if (!schedule.cancelled.has(key) && !schedule.moved.has(key)) {
      const regular = occurrence(segment, key, undefined)
      if (wallClock(regular.start) !== key) pinned.push(regular)
    }
    return true
  })
  return [...moved, ...pinned].sort((a, b) => (a.key < b.key ? -1 : 1))
}

/**
 * The series as an iCalendar document (CRLF line ends, lines folded at 75 octets). `productId` is
 * the PRODID (default `-//Dugnad//Dugnad//EN`), `now` the DTSTAMP (default: the current time).
 *
 * UIDs are `<id>-<segment index>@<workspace>.dugnad` (id and workspace percent-encoded), stable
 * as long as the segment is. A segment that ends gets an UNTIL in UTC: its rule's own end, or the
 * moment before the next segment starts.
 * An occurrence whose wall-clock time falls in a spring-forward gap is written out as an override
 * at the time it moves to, for the next five years: RFC 5545 moves it forward, as `Recurrence`
 * does, but ical.js (Thunderbird) moves it back. An ambiguous autumn time (02:30 on the last
 * Sunday of October in Europe) is not pinned: that needs a UTC DTSTART beside a TZID
 * RECURRENCE-ID, which ical-generator cannot write; RFC 5545 and `Recurrence` take the first
 * 02:30, ical.js the second. Zones missing from the VTIMEZONE database (tzdata 2018g, e.g.
 * `America/Ciudad_Juarez`) keep their TZID without a VTIMEZONE.
 *
 * @since 0.1.0
 * @category ics
 */
export const ics = (
  series: CalendarSeries,
  options?: { readonly productId?: string; readonly now?: DateTime.Utc }
): string => {
  const now = options?.now ?? DateTime.unsafeNow()
  const common = {
    stamp: DateTime.toDateUtc(now),
    summary: series.title,
    description: series.description ?? null,
    location: series.location ?? null,
    url: series.url ?? null
  }
  const calendar = ical({
    // ical-generator writes the leading "-" itself.
    prodId: (options?.productId ?? "-//Dugnad//Dugnad//EN").replace(/^-/, ""),
    method: ICalCalendarMethod.PUBLISH,
    name: series.title,
    // No calendar-wide zone (it would also make DTSTAMP local), only the generator for each event's.
    timezone: { name: null, generator: getVtimezoneComponent }
  })
  const schedule = compile(series.schedule)
  const horizon = keyOf(new Date(DateTime.toEpochMillis(now) + gapHorizonMillis))
  for (const segment of schedule.segments) {
    const first = firstKey(segment)
    if (first === undefined) continue
    const end = endOf(segment)
    const id = `${encodeURIComponent(series.id)}-${segment.index}@${encodeURIComponent(series.workspace)}.dugnad`
    const zone = tzid(segment)
    const belongs = (key: string) => segmentOf(schedule, key) === segment && isKey(segment, key)
    const cancelled = [...schedule.cancelled].filter(belongs).sort()
    const start = occurrence(segment, first, undefined)
    calendar.createEvent({
      ...common,
      id,
      timezone: zone,
      start: local(first, start.start),
      end: local(wallClock(start.end), start.end),
      repeating: [
        `RRULE:${ruleText(segment.rule, ["COUNT", "UNTIL"])}${end === undefined ? "" : `;UNTIL=${end}`}`,
        ...cancelled.map((key) => `EXDATE;TZID=${zone}:${compact(key)}`)
      ].join("\n")
    })
    for (const override of overrides(schedule, segment, belongs, horizon)) {
      calendar.createEvent({
        ...common,
        id,
        timezone: zone,
        recurrenceId: local(override.key, instant(segment.zone, override.key)),
        start: local(wallClock(override.start), override.start),
        end: local(wallClock(override.end), override.end)
      })
    }
  }
  // RFC 5545 ends every content line with CRLF, the last one too.
  return `${calendar.toString()}\r\n`
}

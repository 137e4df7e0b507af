/**
 * The timing of a recurring meeting: RFC 5545 recurrence rules in a time zone, changed "from a
 * date on" by starting a new segment, with single occurrences cancelled or moved.
 *
 * Rules are expanded in wall-clock time and each wall-clock start is then placed in the zone, so
 * a meeting at 10:00 Europe/Oslo stays at 10:00 across daylight saving time changes (its UTC time
 * moves). A wall-clock time that does not exist (the spring-forward gap) moves forward by the gap:
 * 02:30 becomes 03:30. One that happens twice (the autumn fall-back) is the first of the two.
 *
 * @since 0.1.0
 */
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import {
  floating,
  hasDates,
  horizonYears,
  keyOf,
  lastPossibleKey,
  parseRule,
  ruleText,
  ruleUntil
} from "./internal/rrule.js"
import {
  compile,
  compileSegment,
  firstKey,
  isKey,
  lastKey,
  movedOccurrences,
  occurrence,
  prepare,
  segmentOf,
  visitKeys,
  zoneOf
} from "./internal/schedule.js"

/**
 * A wall-clock date-time in a series' time zone, to the minute: `2026-03-03T10:00`. Strings of
 * this form sort in time order.
 *
 * @since 0.1.0
 * @category models
 */
export const LocalDateTime = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
  // The pattern admits 2026-02-30 and 25:00, which do not survive a round trip through a date;
  // years before 1000 would be read as 19xx on the way.
  Schema.filter((text) => text >= "1000" && keyOf(floating(text)) === text)
)
/** @since 0.1.0 @category models */
export type LocalDateTime = typeof LocalDateTime.Type

/**
 * One stretch of a series: from its first occurrence on, until the next segment takes over.
 * `start` is DTSTART in `timeZone` (an IANA zone such as `Europe/Oslo`); `rrule` is an RFC 5545
 * RRULE value without `RRULE:`, e.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU`, with COUNT or UNTIL if it
 * ends. An UNTIL without `Z` is wall-clock time in `timeZone`; a date alone includes that day.
 *
 * @since 0.1.0
 * @category models
 */
export const Segment = Schema.Struct({
  start: LocalDateTime,
  rrule: Schema.String,
  timeZone: Schema.String,
  durationMinutes: Schema.Int.pipe(Schema.positive())
})
/** @since 0.1.0 @category models */
export type Segment = typeof Segment.Type

/**
 * One occurrence moved to another start (in its segment's zone) and, optionally, another duration.
 *
 * @since 0.1.0
 * @category models
 */
export const MovedOccurrence = Schema.Struct({
  occurrence: LocalDateTime,
  start: LocalDateTime,
  durationMinutes: Schema.optional(Schema.Int.pipe(Schema.positive()))
})
/** @since 0.1.0 @category models */
export type MovedOccurrence = typeof MovedOccurrence.Type

/**
 * A series' timing: segments in order of `start` (segment i covers the occurrences whose local
 * start is at or after its `start` and before the next segment's), cancelled occurrences and
 * moved ones, both keyed by the occurrence's original local start. Entries for keys that are no
 * occurrence of the series are ignored; a cancelled occurrence stays cancelled even if also moved.
 *
 * @since 0.1.0
 * @category models
 */
export const Schedule = Schema.Struct({
  segments: Schema.Array(Segment),
  cancelled: Schema.Array(LocalDateTime),
  moved: Schema.Array(MovedOccurrence)
})
/** @since 0.1.0 @category models */
export interface Schedule extends Schema.Schema.Type<typeof Schedule> {}

/**
 * One meeting of a series. `key`, the original local start, identifies it even when it is moved;
 * `segment` is the index of the segment it belongs to.
 *
 * @since 0.1.0
 * @category models
 */
export interface Occurrence {
  readonly key: LocalDateTime
  readonly start: DateTime.Zoned
  readonly end: DateTime.Zoned
  readonly moved: boolean
  readonly segment: number
}

/**
 * The segment field a problem is about.
 *
 * @since 0.1.0
 * @category errors
 */
export const RecurrenceField = Schema.Literal("rrule", "start", "timeZone", "durationMinutes")
/** @since 0.1.0 @category errors */
export type RecurrenceField = typeof RecurrenceField.Type

/**
 * Why a recurrence is not acceptable.
 *
 * @since 0.1.0
 * @category errors
 */
export const RecurrenceReason = Schema.Literal(
  /** `start` is no `YYYY-MM-DDTHH:mm` date-time, or the duration no positive whole number of minutes. */
  "invalid",
  /** The rule does not follow RFC 5545: a missing FREQ, an unknown or repeated part, a malformed value. */
  "unparsable",
  /** HOURLY, MINUTELY and SECONDLY rules are refused: a meeting is at most daily. */
  "unsupported_frequency",
  /** BYHOUR, BYMINUTE and BYSECOND are refused: the start gives the time of day. */
  "unsupported_part",
  /**
   * A number is outside what its part allows (INTERVAL=0, BYMONTH=13, BYMONTHDAY=32, COUNT over
   * 10 000), or an INTERVAL too long to check the rule for dates (e.g. every 16th week).
   */
  "out_of_range",
  /** Parts RFC 5545 forbids together (COUNT with UNTIL, BYMONTHDAY in a WEEKLY rule, 2TU in a WEEKLY rule). */
  "conflicting_parts",
  /** The time zone is not an IANA zone the runtime knows. */
  "unknown_time_zone",
  /** The rule has no occurrence from its start on (before its end, and within a hundred years). */
  "no_occurrences"
)
/** @since 0.1.0 @category errors */
export type RecurrenceReason = typeof RecurrenceReason.Type

/**
 * A recurrence rule, time zone, start or duration that cannot be used. `part` names the rule part
 * at fault (`FREQ`, `BYDAY`, …) when the field is `rrule`.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidRecurrence extends Schema.TaggedError<InvalidRecurrence>()("InvalidRecurrence", {
  field: RecurrenceField,
  reason: RecurrenceReason,
  part: Schema.optional(Schema.String)
}) {}

/**
 * Checks an RRULE value and returns it in canonical form: upper case, parts in a fixed order,
 * defaults (`INTERVAL=1`, `WKST=MO`) left out. An `RRULE:` prefix is tolerated.
 *
 * @since 0.1.0
 * @category validation
 */
export const validateRule = (rrule: string): Either.Either<string, InvalidRecurrence> =>
  parseRule(rrule).pipe(
    Either.map((rule) => ruleText(rule)),
    Either.mapLeft((problem) => new InvalidRecurrence({ field: "rrule", ...problem }))
  )

const isLocalDateTime = Schema.is(LocalDateTime)

/** How far `next` looks for an occurrence. */
const horizonMillis = horizonYears * 366 * 86_400_000
const dayMillis = 86_400_000

/** The wall-clock key of an epoch time taken as floating, clamped to what rrule can reach. */
const keyNear = (millis: number): string =>
  millis <= floating("1000-01-01T00:00").getTime()
    ? "1000-01-01T00:00"
    : millis >= floating(lastPossibleKey).getTime()
    ? lastPossibleKey
    : keyOf(new Date(millis))

/**
 * Checks a segment as a whole and returns it normalised (canonical rule, the zone's name in
 * canonical case). Besides each field, the rule must have an occurrence from `start` on, within a
 * hundred years.
 *
 * @since 0.1.0
 * @category validation
 */
export const validateSegment = (segment: Segment): Either.Either<Segment, InvalidRecurrence> => {
  if (!isLocalDateTime(segment.start)) return Either.left(new InvalidRecurrence({ field: "start", reason: "invalid" }))
  if (!Number.isSafeInteger(segment.durationMinutes) || segment.durationMinutes <= 0) {
    return Either.left(new InvalidRecurrence({ field: "durationMinutes", reason: "invalid" }))
  }
  const zone = zoneOf(segment.timeZone)
  if (zone === undefined) return Either.left(new InvalidRecurrence({ field: "timeZone", reason: "unknown_time_zone" }))
  const rule = parseRule(segment.rrule)
  if (Either.isLeft(rule)) return Either.left(new InvalidRecurrence({ field: "rrule", ...rule.left }))
  const dates = hasDates(rule.right, segment.start)
  if (dates === undefined) {
    return Either.left(new InvalidRecurrence({ field: "rrule", reason: "out_of_range", part: "INTERVAL" }))
  }
  // The runtime's spelling fixes case, but may be an older name (Asia/Calcutta): a new one stays.
  const timeZone = zone.id.toLowerCase() === segment.timeZone.toLowerCase() ? zone.id : segment.timeZone
  const normalised = { ...segment, rrule: ruleText(rule.right), timeZone }
  return dates && firstKey(prepare(normalised, 0, undefined, zone, rule.right)) !== undefined
    ? Either.right(normalised)
    : Either.left(new InvalidRecurrence({ field: "rrule", reason: "no_occurrences" }))
}

const millis = (occurrence: Occurrence) => DateTime.toEpochMillis(occurrence.start)
const byStart = (a: Occurrence, b: Occurrence) => millis(a) - millis(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

/**
 * The occurrences starting in `[from, until)`, sorted by start: cancelled ones left out, moved
 * ones at their new time (included if the new start is in the window). At most `limit` (default
 * 1000), the earliest ones.
 *
 * @since 0.1.0
 * @category expansion
 */
export const occurrences = (
  schedule: Schedule,
  window: { readonly from: DateTime.Utc; readonly until: DateTime.Utc; readonly limit?: number | undefined }
): ReadonlyArray<Occurrence> => {
  const from = DateTime.toEpochMillis(window.from)
  const until = DateTime.toEpochMillis(window.until)
  const limit = window.limit ?? 1000
  const compiled = compile(schedule)
  const found: Array<Occurrence> = []
  for (const segment of compiled.segments) {
    let taken = 0
    // Wall clocks are within a day of UTC, so this key range covers the window in any zone.
    visitKeys(segment, keyNear(from - dayMillis), keyNear(until + dayMillis), (key) => {
      if (taken >= limit) return false
      if (compiled.cancelled.has(key) || compiled.moved.has(key)) return true
      const regular = occurrence(segment, key, undefined)
      if (millis(regular) >= until) return false
      if (millis(regular) >= from) {
        found.push(regular)
        taken++
      }
      return true
    })
  }
  for (const moved of movedOccurrences(compiled)) {
    if (millis(moved) >= from && millis(moved) < until) found.push(moved)
  }
  return found.sort(byStart).slice(0, limit)
}

/**
 * The first occurrence starting strictly after `after`, looking up to a hundred years ahead.
 *
 * @since 0.1.0
 * @category expansion
 */
export const next = (schedule: Schedule, after: DateTime.Utc): Occurrence | undefined => {
  const threshold = DateTime.toEpochMillis(after)
  const compiled = compile(schedule)
  const candidates = movedOccurrences(compiled).filter((moved) => millis(moved) > threshold)
  for (const segment of compiled.segments) {
    visitKeys(segment, keyNear(threshold - dayMillis), keyNear(threshold + horizonMillis), (key) => {
      if (compiled.cancelled.has(key) || compiled.moved.has(key)) return true
      const regular = occurrence(segment, key, undefined)
      if (millis(regular) <= threshold) return true
      candidates.push(regular)
      return false
    })
  }
  return candidates.sort(byStart)[0]
}

/**
 * The last occurrence starting at or before `atOrBefore`.
 *
 * @since 0.1.0
 * @category expansion
 */
export const previous = (schedule: Schedule, atOrBefore: DateTime.Utc): Occurrence | undefined => {
  const threshold = DateTime.toEpochMillis(atOrBefore)
  const compiled = compile(schedule)
  const candidates = movedOccurrences(compiled).filter((moved) => millis(moved) <= threshold)
  for (const segment of compiled.segments) {
    const keys: Array<string> = []
    visitKeys(segment, segment.from, keyNear(threshold + dayMillis), (key) => {
      keys.push(key)
      return true
    })
    // Placing a key in the zone costs more than listing it: walk back from the latest.
    for (const key of keys.reverse()) {
      if (compiled.cancelled.has(key) || compiled.moved.has(key)) continue
      const regular = occurrence(segment, key, undefined)
      if (millis(regular) <= threshold) {
        candidates.push(regular)
        break
      }
    }
  }
  return candidates.sort(byStart).at(-1)
}

/**
 * The occurrence whose original local start is `key`, moved if it was; undefined if the series
 * has no such occurrence or it was cancelled.
 *
 * @since 0.1.0
 * @category expansion
 */
export const occurrenceAt = (schedule: Schedule, key: LocalDateTime): Occurrence | undefined => {
  if (!isLocalDateTime(key)) return undefined
  const compiled = compile(schedule)
  const segment = compiled.cancelled.has(key) ? undefined : segmentOf(compiled, key)
  return segment !== undefined && isKey(segment, key) ? occurrence(segment, key, compiled.moved.get(key)) : undefined
}

/** The segment started at its first occurrence at or after `from`, keeping its dates; undefined if it has none. */
const startingFrom = (segment: Segment, from: LocalDateTime): Segment | undefined => {
  if (segment.start >= from) return segment
  const compiled = compileSegment(segment, 0, undefined)
  // A segment refused by validation has no dates to start from; it only keeps the order.
  if (compiled === undefined) return { ...segment, start: from }
  const first = firstKey(compiled, from)
  if (first === undefined) return undefined
  // A COUNT would count again from the new start; the date of the last occurrence does not move.
  const rrule = compiled.rule.count === undefined ? segment.rrule : ruleUntil(compiled.rule, lastKey(compiled)!)
  return { ...segment, start: first, rrule }
}

/**
 * Changes a series from a date on: occurrences whose original local start is at or after `from`
 * follow `segment`, earlier ones keep their segment. Cancellations and moves at or after `from`
 * are dropped, as they belonged to the old rule.
 *
 * If `segment` starts after `from`, the old rule is ended before `from` (an UNTIL replaces its
 * COUNT or UNTIL). If it starts before `from`, it is started at its first occurrence at or after
 * `from`. Earlier segments keep their index, so their calendar UIDs stay the same.
 *
 * @since 0.1.0
 * @category changes
 */
export const splitAt = (schedule: Schedule, from: LocalDateTime, segment: Segment): Schedule => {
  const kept = schedule.segments.filter((earlier) => earlier.start < from)
  const tail = startingFrom(segment, from)
  const index = kept.length - 1
  const last = kept[index]
  if (last !== undefined && (tail === undefined || tail.start > from)) {
    const compiled = compileSegment(last, index, schedule.segments[index + 1]?.start)
    if (compiled !== undefined && firstKey(compiled, from) !== undefined) {
      // With no occurrence before `from` either, an UNTIL before its start leaves it empty.
      const end = lastKey(compiled, from) ?? keyOf(new Date(floating(last.start).getTime() - 60_000))
      kept[index] = { ...last, rrule: ruleUntil(compiled.rule, end) }
    }
  }
  return {
    segments: tail === undefined ? kept : [...kept, tail],
    cancelled: schedule.cancelled.filter((key) => key < from),
    moved: schedule.moved.filter((moved) => moved.occurrence < from)
  }
}

/**
 * A schedule prepared for expansion: each segment's rule and zone resolved once, its key range,
 * and the cancelled and moved occurrences as lookups. Shared by `Recurrence` and `Calendar`.
 */
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type { Occurrence, Schedule, Segment } from "../Recurrence.js"
import {
  type Expansion,
  expansion,
  floating,
  hasDates,
  keyOf,
  lastPossibleKey,
  parseRule,
  type Rule,
  visit
} from "./rrule.js"

/** One segment, ready to expand. `from` and `to` bound its keys: `[from, to)`. */
export interface Compiled {
  readonly index: number
  readonly segment: Segment
  readonly zone: DateTime.TimeZone.Named
  readonly rule: Rule
  readonly expansion: Expansion
  readonly from: string
  readonly to: string
  /** Whether the segment ends: by its own COUNT or UNTIL, or where the next segment starts. */
  readonly finite: boolean
}

/** A moved occurrence: its new local start and, if changed, its duration. */
export interface Move {
  readonly start: string
  readonly durationMinutes?: number | undefined
}

/**
 * A schedule ready to expand. Segments that `validateSegment` refuses (rule, zone, or no dates
 * in a hundred years) have no occurrences.
 */
export interface CompiledSchedule {
  readonly segments: ReadonlyArray<Compiled>
  readonly cancelled: ReadonlySet<string>
  /** Keyed by the original local start; a later entry for the same occurrence wins. */
  readonly moved: ReadonlyMap<string, Move>
}

/** The zone, or undefined when the runtime does not know it. */
export const zoneOf = (id: string): DateTime.TimeZone.Named | undefined =>
  Option.getOrUndefined(DateTime.zoneMakeNamed(id))

/** Prepares one segment bounded by the next segment's start, if any, without checking that it has dates. */
export const prepare = (
  segment: Segment,
  index: number,
  to: string | undefined,
  zone: DateTime.TimeZone.Named,
  rule: Rule
): Compiled => ({
  index,
  segment,
  zone,
  rule,
  expansion: expansion(rule, segment.start, zone),
  from: segment.start,
  to: to ?? lastPossibleKey,
  finite: to !== undefined || rule.count !== undefined || rule.until !== undefined
})

/** Prepares one segment bounded by the next segment's start, if any; undefined if `validateSegment` refuses it. */
export const compileSegment = (segment: Segment, index: number, to: string | undefined): Compiled | undefined => {
  const zone = zoneOf(segment.timeZone)
  const rule = parseRule(segment.rrule)
  if (zone === undefined || Either.isLeft(rule) || hasDates(rule.right, segment.start) !== true) return undefined
  return prepare(segment, index, to, zone, rule.right)
}

/** Prepares a schedule for expansion. */
export const compile = (schedule: Schedule): CompiledSchedule => ({
  segments: schedule.segments.flatMap((segment, index) =>
    compileSegment(segment, index, schedule.segments[index + 1]?.start) ?? []
  ),
  cancelled: new Set(schedule.cancelled),
  moved: new Map(schedule.moved.map((move) => [move.occurrence, move]))
})

/**
 * The instant of a wall-clock time in a zone. A time in a spring-forward gap moves forward by
 * the gap (02:30 becomes 03:30); an ambiguous autumn time is the first of the two (summer time).
 * This is RFC 5545 §3.3.5 and Temporal's "compatible".
 */
export const instant = (zone: DateTime.TimeZone, key: string): DateTime.Zoned =>
  DateTime.unsafeMakeZoned(floating(key), { timeZone: zone, adjustForTimeZone: true, disambiguation: "compatible" })

/** The wall-clock key of an instant in its zone. */
export const wallClock = (zoned: DateTime.Zoned): string =>
  keyOf(new Date(DateTime.toEpochMillis(zoned) + DateTime.zonedOffset(zoned)))

/** Visits the segment's keys in `[lower, upper)` within its own range, in order, while `visitor` returns true. */
export const visitKeys = (
  compiled: Compiled,
  lower: string,
  upper: string,
  visitor: (key: string) => boolean
): void =>
  visit(
    compiled.expansion,
    lower > compiled.from ? lower : compiled.from,
    upper < compiled.to ? upper : compiled.to,
    visitor
  )

/** The first key of the segment at or after `lower`. */
export const firstKey = (compiled: Compiled, lower: string = compiled.from): string | undefined => {
  let first: string | undefined
  visitKeys(compiled, lower, lastPossibleKey, (key) => {
    first = key
    return false
  })
  return first
}

/** The last key of the segment before `upper`; undefined for a segment without end and no `upper`. */
export const lastKey = (compiled: Compiled, upper: string = compiled.to): string | undefined => {
  if (!compiled.finite && upper >= compiled.to) return undefined
  let last: string | undefined
  visitKeys(compiled, compiled.from, upper, (key) => {
    last = key
    return true
  })
  return last
}

/** Whether `key` is one of the segment's occurrences (cancelled or not). */
export const isKey = (compiled: Compiled, key: string): boolean => {
  let found = false
  visitKeys(compiled, key, keyOf(new Date(floating(key).getTime() + 60_000)), () => {
    found = true
    return false
  })
  return found
}

/** The segment whose range holds `key`: the latest one starting at or before it. */
export const segmentOf = (schedule: CompiledSchedule, key: string): Compiled | undefined => {
  for (let i = schedule.segments.length - 1; i >= 0; i--) {
    const compiled = schedule.segments[i]!
    if (compiled.from <= key && key < compiled.to) return compiled
  }
  return undefined
}

/** The occurrence with original start `key`, moved if `move` is given. */
export const occurrence = (compiled: Compiled, key: string, move: Move | undefined): Occurrence => {
  const start = instant(compiled.zone, move?.start ?? key)
  return {
    key,
    start,
    end: DateTime.addDuration(start, Duration.minutes(move?.durationMinutes ?? compiled.segment.durationMinutes)),
    moved: move !== undefined,
    segment: compiled.index
  }
}

/** The moved occurrences that are occurrences of the schedule and not cancelled. */
export const movedOccurrences = (schedule: CompiledSchedule): ReadonlyArray<Occurrence> =>
  [...schedule.moved].flatMap(([key, move]) => {
    const compiled = schedule.cancelled.has(key) ? undefined : segmentOf(schedule, key)
    return compiled !== undefined && isKey(compiled, key) ? [occurrence(compiled, key, move)] : []
  })

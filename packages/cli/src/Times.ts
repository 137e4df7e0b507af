/**
 * Reading the dates and times given on the command line, strictly: 2026-02-31 and 24:61 are
 * refused, never rolled over into the next month or day as JavaScript's `Date` would. Pure: the
 * caller turns a reading into a moment (in the workspace's zone) or a usage error (`Ui.badTime`).
 */
import type { TimeProblem } from "./Ui.js"

/** A wall-clock date and time, as written: month 1–12, seconds 0 when not given. */
export interface WallClock {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hours: number
  readonly minutes: number
  readonly seconds: number
}

/** What a date or time option was given. */
export type TimeReading =
  /** A date, or a date and wall-clock time, without a zone: it is in the workspace's zone. */
  | { readonly _tag: "Wall"; readonly wall: WallClock; readonly dateOnly: boolean }
  /** An ISO 8601 time with its own zone (`Z`, `+01:00`), possible as written. */
  | { readonly _tag: "Zoned"; readonly text: string }
  | { readonly _tag: "Invalid"; readonly problem: TimeProblem }

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/** The number of days in a month (1–12) of a year of the proleptic Gregorian calendar. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31

/**
 * What is impossible about a wall-clock date and time: `date` for a month or a day the calendar
 * does not have (2026-13-01, 2026-02-29, 2026-04-31), `clock` for a time of day the clock does
 * not have (24:00, 10:60, a 60th second); `undefined` when it exists.
 */
export const problemOf = (wall: WallClock): "date" | "clock" | undefined =>
  wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > daysInMonth(wall.year, wall.month)
    ? "date"
    : wall.hours > 23 || wall.minutes > 59 || wall.seconds > 59
    ? "clock"
    : undefined

const wallOf = (match: RegExpExecArray): WallClock => ({
  year: Number(match[1]),
  month: Number(match[2]),
  day: Number(match[3]),
  hours: Number(match[4] ?? 0),
  minutes: Number(match[5] ?? 0),
  seconds: Number(match[6] ?? 0)
})

const wallPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/
const zonedPattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))$/i
const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i

/**
 * Reads a moment option (`--due`, `--at`, `--from`, `--to`): a date (`2026-12-01`) or a date and
 * wall-clock time (`2026-12-01T10:00`, `2026-12-01 10:00:30`), or ISO 8601 with a zone
 * (`2026-12-01T09:00Z`, `…+01:00`). Whether a zoned text other than `YYYY-MM-DDTHH:MM[:SS]±zone`
 * is a time is left to the caller's ISO parser.
 */
export const readTime = (text: string): TimeReading => {
  const trimmed = text.trim()
  const wall = wallPattern.exec(trimmed)
  if (wall !== null) {
    const parts = wallOf(wall)
    const problem = problemOf(parts)
    return problem === undefined
      ? { _tag: "Wall", wall: parts, dateOnly: wall[4] === undefined }
      : { _tag: "Invalid", problem }
  }
  const zoned = zonedPattern.exec(trimmed)
  if (zoned !== null) {
    const problem = problemOf(wallOf(zoned)) ??
      (Number(zoned[7] ?? 0) > 23 || Number(zoned[8] ?? 0) > 59 ? "clock" : undefined)
    return problem === undefined ? { _tag: "Zoned", text: trimmed } : { _tag: "Invalid", problem }
  }
  return hasZone.test(trimmed) ? { _tag: "Zoned", text: trimmed } : { _tag: "Invalid", problem: "form" }
}

const localStartPattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/

/**
 * Reads a meeting's local start (`meeting schedule --start`, `meeting summary --occurrence`):
 * `YYYY-MM-DDTHH:MM` (or with a space for the `T`), as the core's `Recurrence.LocalDateTime`
 * writes it. Gives that text, or what is wrong.
 */
export const readLocalStart = (
  text: string
): { readonly _tag: "LocalStart"; readonly text: string } | { readonly _tag: "Invalid"; readonly problem: TimeProblem } => {
  const trimmed = text.trim()
  const local = localStartPattern.exec(trimmed)
  if (local === null) return { _tag: "Invalid", problem: "form" }
  const problem = problemOf(wallOf(local))
  return problem === undefined ? { _tag: "LocalStart", text: trimmed.replace(" ", "T") } : { _tag: "Invalid", problem }
}

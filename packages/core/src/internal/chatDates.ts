/**
 * Dates and times typed in a chat command, read as the CLI reads them.
 */
import * as DateTime from "effect/DateTime"
import * as Option from "effect/Option"

const wallPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/
const localStartPattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/

const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
    : month === 4 || month === 6 || month === 9 || month === 11
    ? 30
    : 31

interface Wall {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hours: number
  readonly minutes: number
}

/** A wall-clock date (and time) as written, or `undefined` when the calendar or the clock has no such one. */
const wallOf = (match: RegExpExecArray): Wall | undefined => {
  const wall = {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hours: Number(match[4] ?? 0),
    minutes: Number(match[5] ?? 0)
  }
  const exists = wall.month >= 1 && wall.month <= 12 && wall.day >= 1 && wall.day <= daysInMonth(wall.year, wall.month) &&
    wall.hours <= 23 && wall.minutes <= 59
  return exists ? wall : undefined
}

/** See `ChatCommands.readMoment`. */
export const readMoment = (given: string, timeZone: string): { readonly at: DateTime.Utc; readonly dateOnly: boolean } | undefined => {
  const trimmed = given.trim()
  const match = wallPattern.exec(trimmed)
  if (match !== null) {
    const wall = wallOf(match)
    if (wall === undefined) return undefined
    const zoned = DateTime.makeZoned(wall, { timeZone, adjustForTimeZone: true })
    return Option.isNone(zoned) ? undefined : { at: DateTime.toUtc(zoned.value), dateOnly: match[4] === undefined }
  }
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) return undefined
  const zoned = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(trimmed)
  if (zoned === null || wallOf(zoned) === undefined) return undefined
  return Option.match(DateTime.make(trimmed), {
    onNone: () => undefined,
    onSome: (at) => ({ at: DateTime.toUtc(at), dateOnly: false })
  })
}

/** See `ChatCommands.readLocalStart`. */
export const readLocalStart = (given: string): string | undefined => {
  const trimmed = given.trim()
  const match = localStartPattern.exec(trimmed)
  return match === null || wallOf(match) === undefined ? undefined : trimmed.replace(" ", "T")
}

/**
 * RFC 5545 recurrence rules: a strict parser (rrule's own parser accepts `INTERVAL=abc` and
 * `BYMONTHDAY=40`), and expansion with rrule in floating wall-clock time: rrule's dates are UTC
 * dates that stand for the wall clock in the series' zone, so DST never reaches rrule.
 */
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as rrule from "rrule"
import type { RRule as RRuleInstance } from "rrule"

// rrule's `main` is UMD and its ESM build is no ES module to Node (no `"type": "module"`): Node's
// ESM loader finds RRule only on `default`, bundlers and CommonJS interop find it by name.
const { RRule } = "RRule" in rrule ? rrule : (rrule as { readonly default: typeof rrule }).default

/** An expanded rule, ready to list wall-clock dates. */
export type Expansion = RRuleInstance

/** Why a rule was refused; `part` names the rule part at fault. */
export interface RuleProblem {
  readonly reason: "unparsable" | "unsupported_frequency" | "unsupported_part" | "out_of_range" | "conflicting_parts"
  readonly part?: string
}

/** The end of a rule as written: a local date (inclusive), a local date-time, or a UTC instant. */
export type Until =
  | { readonly _tag: "Local"; readonly floating: Date }
  | { readonly _tag: "Utc"; readonly instant: Date }

/** A rule that passed the parser: its parts in canonical order and spelling. */
export interface Rule {
  readonly parts: ReadonlyArray<readonly [name: string, value: string]>
  readonly freq: Frequency
  readonly interval: number
  readonly count: number | undefined
  readonly until: Until | undefined
}

/** The frequencies a meeting can have. */
export type Frequency = "YEARLY" | "MONTHLY" | "WEEKLY" | "DAILY"

/** The latest key rrule is asked about; rules without an end stop there. */
export const lastPossibleKey = "9999-12-31T23:59"

const frequencies: ReadonlyArray<string> = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY"]
const isFrequency = (text: string): text is Frequency => frequencies.includes(text)
const tooFrequent = ["HOURLY", "MINUTELY", "SECONDLY"]
// The start's time of day is the meeting's time; rules that add times of day are out of scope.
const timeOfDayParts = ["BYHOUR", "BYMINUTE", "BYSECOND"]
const order = [
  "FREQ",
  "INTERVAL",
  "COUNT",
  "UNTIL",
  "BYMONTH",
  "BYWEEKNO",
  "BYYEARDAY",
  "BYMONTHDAY",
  "BYDAY",
  "BYSETPOS",
  "WKST"
]
const weekday = /^(MO|TU|WE|TH|FR|SA|SU)$/

const problem = (reason: RuleProblem["reason"], part: string): Either.Either<never, RuleProblem> =>
  Either.left({ reason, part })

/** The integer, or `unparsable` if it is none, `out_of_range` if outside `[min, max]` (by size, and not 0, if signed). */
const integer = (
  part: string,
  text: string,
  signed: boolean,
  min: number,
  max: number
): Either.Either<number, RuleProblem> => {
  if (!(signed ? /^[+-]?\d{1,9}$/ : /^\d{1,9}$/).test(text)) return problem("unparsable", part)
  const n = Number(text)
  return (signed ? n !== 0 && Math.abs(n) >= min && Math.abs(n) <= max : n >= min && n <= max)
    ? Either.right(n)
    : problem("out_of_range", part)
}

const integers = (part: string, text: string, signed: boolean, min: number, max: number) =>
  Either.all(text.split(",").map((item) => integer(part, item, signed, min, max))).pipe(
    Either.map((ns) => ns.join(","))
  )

const dayItem = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/

const byDay = (text: string) =>
  Either.all(text.split(",").map((item): Either.Either<{ text: string; ordinal: boolean }, RuleProblem> => {
    const match = dayItem.exec(item)
    if (match === null) return problem("unparsable", "BYDAY")
    const [, ordinal, day] = match
    if (ordinal === undefined) return Either.right({ text: day!, ordinal: false })
    return integer("BYDAY", ordinal, true, 1, 53).pipe(Either.map((n) => ({ text: `${n}${day}`, ordinal: true })))
  }))

/** Checks one date or date-time of UNTIL, e.g. `20261231`, `20261231T235959`, `20261231T225959Z`. */
const until = (text: string): Either.Either<Until, RuleProblem> => {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(text)
  if (match === null) return problem("unparsable", "UNTIL")
  const at = (group: number, otherwise: number) => (match[group] === undefined ? otherwise : Number(match[group]))
  // A date alone ends the series with that local day.
  const date = new Date(Date.UTC(at(1, 0), at(2, 0) - 1, at(3, 0), at(4, 23), at(5, 59), at(6, 59)))
  // Date.UTC rolls 30 February over into March; a real date comes back as written.
  const written = `${text.slice(0, 8)}T${match[4] === undefined ? "235959" : text.slice(9, 15)}`
  if (date.toISOString().replace(/[-:]/g, "").slice(0, 15) !== written) return problem("unparsable", "UNTIL")
  return Either.right(match[7] === "Z" ? { _tag: "Utc", instant: date } : { _tag: "Local", floating: date })
}

/**
 * Parses an RRULE value (an optional `RRULE:` prefix is tolerated) into canonical parts: names
 * and weekdays upper case, numbers without sign or leading zeros, the defaults `INTERVAL=1` and
 * `WKST=MO` left out, and RFC 5545's restrictions on combining parts enforced.
 */
export const parseRule = (text: string): Either.Either<Rule, RuleProblem> => {
  const body = text.trim().replace(/^RRULE:/i, "")
  if (body === "" || /\s/.test(body)) return problem("unparsable", "RRULE")
  const raw = new Map<string, string>()
  for (const item of body.split(";").filter((item) => item !== "")) {
    const eq = item.indexOf("=")
    const name = item.slice(0, eq).toUpperCase()
    const value = item.slice(eq + 1).toUpperCase()
    if (eq < 1 || value === "") return problem("unparsable", item)
    if (timeOfDayParts.includes(name)) return problem("unsupported_part", name)
    if (!order.includes(name) || raw.has(name)) return problem("unparsable", name)
    raw.set(name, value)
  }
  const freq = raw.get("FREQ")
  if (freq === undefined) return problem("unparsable", "FREQ")
  if (tooFrequent.includes(freq)) return problem("unsupported_frequency", "FREQ")
  if (!isFrequency(freq)) return problem("unparsable", "FREQ")

  const parts: Array<readonly [string, string]> = []
  let count: number | undefined
  let end: Until | undefined
  let ordinalDays = false
  for (const name of order) {
    const value = raw.get(name)
    if (value === undefined) continue
    let canonical: Either.Either<string, RuleProblem>
    switch (name) {
      case "FREQ":
        canonical = Either.right(value)
        break
      case "INTERVAL":
        canonical = integer(name, value, false, 1, 10_000).pipe(Either.map(String))
        break
      case "COUNT":
        // Enough for decades of meetings; listing more dates than this for an .ics would be slow.
        canonical = integer(name, value, false, 1, 10_000).pipe(Either.map((n) => {
          count = n
          return String(n)
        }))
        break
      case "UNTIL":
        canonical = until(value).pipe(Either.map((u) => {
          end = u
          return value
        }))
        break
      case "BYMONTH":
        canonical = integers(name, value, false, 1, 12)
        break
      case "BYWEEKNO":
        canonical = integers(name, value, true, 1, 53)
        break
      case "BYYEARDAY":
      case "BYSETPOS":
        canonical = integers(name, value, true, 1, 366)
        break
      case "BYMONTHDAY":
        canonical = integers(name, value, true, 1, 31)
        break
      case "BYDAY":
        canonical = byDay(value).pipe(Either.map((days) => {
          ordinalDays = days.some((day) => day.ordinal)
          return days.map((day) => day.text).join(",")
        }))
        break
      default:
        canonical = weekday.test(value) ? Either.right(value) : problem("unparsable", name)
    }
    if (Either.isLeft(canonical)) return Either.left(canonical.left)
    const omitted = (name === "INTERVAL" && canonical.right === "1") || (name === "WKST" && canonical.right === "MO")
    if (!omitted) parts.push([name, canonical.right])
  }

  // RFC 5545 §3.3.10: the combinations whose meaning is undefined.
  const has = (name: string) => raw.has(name)
  if (has("COUNT") && has("UNTIL")) return problem("conflicting_parts", "UNTIL")
  if (has("BYMONTHDAY") && freq === "WEEKLY") return problem("conflicting_parts", "BYMONTHDAY")
  if (has("BYYEARDAY") && freq !== "YEARLY") return problem("conflicting_parts", "BYYEARDAY")
  if (has("BYWEEKNO") && freq !== "YEARLY") return problem("conflicting_parts", "BYWEEKNO")
  if (ordinalDays && (!(freq === "MONTHLY" || freq === "YEARLY") || has("BYWEEKNO"))) {
    return problem("conflicting_parts", "BYDAY")
  }
  if (has("BYSETPOS") && !["BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY"].some(has)) {
    return problem("conflicting_parts", "BYSETPOS")
  }
  return Either.right({ parts, freq, interval: Number(raw.get("INTERVAL") ?? 1), count, until: end })
}

/** The rule as an RRULE value, optionally without some parts (e.g. to replace COUNT and UNTIL). */
export const ruleText = (rule: Rule, without: ReadonlyArray<string> = []): string =>
  rule.parts.filter(([name]) => !without.includes(name)).map(([name, value]) => `${name}=${value}`).join(";")

/** The rule ending at a local date-time (inclusive) instead of its own COUNT or UNTIL. */
export const ruleUntil = (rule: Rule, lastKey: string): string =>
  ruleText({
    ...rule,
    parts: [
      ...rule.parts.filter(([name]) => name !== "COUNT" && name !== "UNTIL"),
      ["UNTIL", compact(lastKey)] as const
    ].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
  })

/** `2026-03-03T10:00` as the floating date rrule works with. */
export const floating = (key: string): Date =>
  new Date(Date.UTC(
    Number(key.slice(0, 4)),
    Number(key.slice(5, 7)) - 1,
    Number(key.slice(8, 10)),
    Number(key.slice(11, 13)),
    Number(key.slice(14, 16))
  ))

/** A floating date as a local key, `2026-03-03T10:00` (seconds dropped). */
export const keyOf = (date: Date): string => date.toISOString().slice(0, 16)

/** `2026-03-03T10:00` as RFC 5545 writes a local date-time: `20260303T100000`. */
export const compact = (key: string): string =>
  `${key.slice(0, 10).replaceAll("-", "")}T${key.slice(11, 13)}${key.slice(14, 16)}00`

/** The expansion of `rule` from `start` (a local key) in `zone`, wall clock throughout. */
export const expansion = (rule: Rule, start: string, zone: DateTime.TimeZone): Expansion => {
  const options = RRule.parseString(ruleText(rule, ["COUNT", "UNTIL"]))
  const end = rule.until
  return new RRule({
    ...options,
    dtstart: floating(start),
    ...(rule.count === undefined ? {} : { count: rule.count }),
    ...(end === undefined ? {} : {
      until: end._tag === "Local"
        ? end.floating
        // The wall clock in the zone at that instant.
        : new Date(
          end.instant.getTime() + DateTime.zonedOffset(DateTime.unsafeMakeZoned(end.instant, { timeZone: zone }))
        )
    })
  })
}

/**
 * Visits the keys of `expansion` in `[lower, upper)`, in order, while `visitor` returns true.
 */
export const visit = (
  expansion: Expansion,
  lower: string,
  upper: string,
  visitor: (key: string) => boolean
): void => {
  if (upper <= lower) return
  expansion.between(floating(lower), new Date(floating(upper).getTime() - 1), true, (date) => visitor(keyOf(date)))
}

/** How many years from its start a rule must have a date in. */
export const horizonYears = 100

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))
/** Periods in the 400 years after which the Gregorian calendar repeats exactly. */
const cyclePeriods: Record<Frequency, number> = { YEARLY: 400, MONTHLY: 4800, WEEKLY: 20_871, DAILY: 146_097 }
const periodsPerYear: Record<Frequency, number> = { YEARLY: 1, MONTHLY: 12, WEEKLY: 52.18, DAILY: 365.25 }
/** Periods rrule may look through for a date that never comes: about a second, once, when a rule is checked. */
const probeBudget = 400_000

/**
 * The same dates from a rule that is quicker to search, or the answer outright. Daily rules cost
 * the most to search; a daily rule without INTERVAL has the dates of the yearly rule with the same
 * filters (BYSETPOS picks from one day: 1 or -1 keeps it, anything else drops it).
 */
const quicker = (rule: Rule): Rule | boolean => {
  const has = (name: string) => rule.parts.some(([part]) => part === name)
  // Without filters the start is a date of the rule.
  if (!rule.parts.some(([part]) => part.startsWith("BY"))) return true
  if (rule.freq !== "DAILY" || rule.interval !== 1) return rule
  if (has("BYSETPOS") && !rule.parts.some(([part, value]) => part === "BYSETPOS" && /(^|,)-?1(,|$)/.test(value))) {
    return false
  }
  // Every day of the months given (yearly rules would fill in the start's day instead).
  if (!has("BYMONTHDAY") && !has("BYDAY")) return true
  return {
    ...rule,
    freq: "YEARLY",
    parts: rule.parts.map(([part, value]) => [part, part === "FREQ" ? "YEARLY" : value] as const)
      .filter(([part]) => part !== "BYSETPOS")
  }
}

/**
 * Whether the rule (COUNT and UNTIL aside) has a date within `horizonYears` of `start`, or
 * undefined if that is too costly to find out.
 *
 * rrule looks for a next date up to the year 9999, seconds of work for a rule that never matches
 * (every 30 February). So the question goes to the same rule moved forward to end near 9999, by
 * a whole number of 400-year cycles (the calendar repeats exactly) that is also a whole number
 * of INTERVAL periods (the rhythm repeats too): at most `horizonYears` plus one such cycle of
 * periods to look through. Large intervals make the cycle too long for that.
 */
export const hasDates = (original: Rule, start: string): boolean | undefined => {
  const rule = quicker(original)
  if (typeof rule === "boolean") return rule
  const year = Number(start.slice(0, 4))
  const cycle = (400 * rule.interval) / gcd(rule.interval, cyclePeriods[rule.freq])
  const moved = year + Math.max(0, Math.floor((9999 - horizonYears - year) / cycle)) * cycle
  if ((10_000 - moved) * periodsPerYear[rule.freq] > probeBudget) return undefined
  const from = `${moved}${start.slice(4)}`
  let found = false
  visit(
    new RRule({ ...RRule.parseString(ruleText(rule, ["COUNT", "UNTIL"])), dtstart: floating(from) }),
    from,
    moved + horizonYears > 9999 ? lastPossibleKey : `${moved + horizonYears}${start.slice(4)}`,
    () => {
      found = true
      return false
    }
  )
  return found
}

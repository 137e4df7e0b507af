import { describe, expect, it } from "vitest"
import { daysInMonth, problemOf, readLocalStart, readTime } from "../src/Times.js"

const wall = (year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0) => ({
  year,
  month,
  day,
  hours,
  minutes,
  seconds
})

describe("reading dates and times strictly", () => {
  it("GIVEN months WHEN counting their days THEN February has 29 only in leap years", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((month) => daysInMonth(2026, month)))
      .toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    expect(daysInMonth(2028, 2)).toBe(29)
    expect(daysInMonth(2100, 2)).toBe(28)
    expect(daysInMonth(2000, 2)).toBe(29)
  })

  it("GIVEN a wall-clock date and time WHEN checked THEN a missing day is a date problem, a missing time a clock problem", () => {
    expect(problemOf(wall(2026, 2, 28, 23, 59, 59))).toBeUndefined()
    expect(problemOf(wall(2026, 2, 31))).toBe("date")
    expect(problemOf(wall(2026, 13, 1))).toBe("date")
    expect(problemOf(wall(2026, 0, 1))).toBe("date")
    expect(problemOf(wall(2026, 4, 0))).toBe("date")
    expect(problemOf(wall(2026, 3, 1, 24, 0))).toBe("clock")
    expect(problemOf(wall(2026, 3, 1, 10, 60))).toBe("clock")
    expect(problemOf(wall(2026, 3, 1, 10, 0, 60))).toBe("clock")
  })

  it("GIVEN a moment option WHEN read THEN real dates and times pass, impossible ones are never rolled over", () => {
    expect(readTime(" 2028-02-29 ")).toEqual({ _tag: "Wall", wall: wall(2028, 2, 29), dateOnly: true })
    expect(readTime("2026-12-01 10:05:30")).toEqual({ _tag: "Wall", wall: wall(2026, 12, 1, 10, 5, 30), dateOnly: false })
    expect(readTime("2026-12-01T09:00Z")).toEqual({ _tag: "Zoned", text: "2026-12-01T09:00Z" })
    expect(readTime("2026-12-01T09:00:00.000+01:00")).toEqual({ _tag: "Zoned", text: "2026-12-01T09:00:00.000+01:00" })
    expect(readTime("2026-02-31")).toEqual({ _tag: "Invalid", problem: "date" })
    expect(readTime("2026-13-01T10:00")).toEqual({ _tag: "Invalid", problem: "date" })
    expect(readTime("2026-03-01T24:61")).toEqual({ _tag: "Invalid", problem: "clock" })
    expect(readTime("2026-02-31T10:00Z")).toEqual({ _tag: "Invalid", problem: "date" })
    expect(readTime("2026-03-01T10:00+25:00")).toEqual({ _tag: "Invalid", problem: "clock" })
    expect(readTime("tomorrow")).toEqual({ _tag: "Invalid", problem: "form" })
    expect(readTime("2026-3-1")).toEqual({ _tag: "Invalid", problem: "form" })
  })

  it("GIVEN a meeting's local start WHEN read THEN only YYYY-MM-DDTHH:MM that exists passes, a space for the T is accepted", () => {
    expect(readLocalStart(" 2026-03-03 10:00 ")).toEqual({ _tag: "LocalStart", text: "2026-03-03T10:00" })
    expect(readLocalStart("2028-02-29T10:00")).toEqual({ _tag: "LocalStart", text: "2028-02-29T10:00" })
    expect(readLocalStart("2026-02-29T10:00")).toEqual({ _tag: "Invalid", problem: "date" })
    expect(readLocalStart("2026-03-03T23:60")).toEqual({ _tag: "Invalid", problem: "clock" })
    expect(readLocalStart("2026-03-03")).toEqual({ _tag: "Invalid", problem: "form" })
    expect(readLocalStart("2026-03-03T10:00:00")).toEqual({ _tag: "Invalid", problem: "form" })
  })
})

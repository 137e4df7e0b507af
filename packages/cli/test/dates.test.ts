/**
 * Dates and times on the command line, through the built `dugnad` binary: a date or time that
 * does not exist (2026-02-31, 2026-13-01, 24:61) is a usage error (exit 2, one sentence naming the
 * option, what was given and what is allowed, nothing written), never rolled over into the next
 * month; a real one still works, as wall-clock time in the workspace's zone.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ui } from "../src/Ui.js"
import { assertBuilt, dugnad, json, type Run, snapshot } from "./helpers.js"

let dir: string
let db: string
let item: string
let meeting: string

/** The workspace's zone: not the machine's, and far from UTC, so a wrong zone shows. */
const timeZone = "America/New_York"
const moment = { _tag: "Moment", timeZone } as const
const localStart = { _tag: "LocalStart" } as const
const nextYear = new Date().getUTCFullYear() + 1

const run = (...args: Array<string>): Run => dugnad([...args, "--db", db])

const ok = (...args: Array<string>): Run => {
  const result = run(...args)
  expect(result.code, `${args.join(" ")}\n${result.stdout}\n${result.stderr}`).toBe(0)
  return result
}

/** Runs a command that must be a usage error (exit 2) with `sentence` first, and writes nothing. */
const usage = (sentence: string, ...args: Array<string>): void => {
  const before = snapshot(db)
  const result = run(...args)
  expect(result.code, `${args.join(" ")}\n${result.stdout}\n${result.stderr}`).toBe(2)
  expect(result.stdout).toBe("")
  expect(result.stderr.split("\n")[0]).toBe(sentence)
  expect(snapshot(db)).toEqual(before)
}

beforeAll(() => {
  assertBuilt()
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-dates-"))
  db = path.join(dir, "team.db")
  ok("init", "--name", "Kystverket", "--locale", "en", "--time-zone", timeZone, "--founder", "ingrid", "--founder-name", "Ingrid Berg")
  ok("member", "add", "per", "--name", "Per Olsen", "--role", "expert", "--as", "ingrid")
  item = json(ok("idea", "submit", "Guest harbour", "--pitch", "Boats can moor from June", "--as", "per", "--json")).item
  ok("idea", "accept", item, "--as", "ingrid")
  ok("draft", "write", item, "--text", "Boats can moor at the new guest harbour from 14 June.", "--network", "facebook", "--as", "ingrid")
})

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

describe("dates and times on the command line", () => {
  it("GIVEN --due with a day, month or time that does not exist WHEN review request THEN exit 2, the sentence, nothing written", () => {
    const request = (due: string) => ["review", "request", item, "--reviewer", "per", "--due", due, "--as", "ingrid"]
    usage(ui("en").badTime("--due", "2026-02-31", "date", moment), ...request("2026-02-31"))
    usage(ui("en").badTime("--due", "2026-13-01", "date", moment), ...request("2026-13-01"))
    usage(ui("en").badTime("--due", "2026-02-29T10:00", "date", moment), ...request("2026-02-29T10:00"))
    usage(ui("en").badTime("--due", "2026-03-01T24:61", "clock", moment), ...request("2026-03-01T24:61"))
    usage(ui("en").badTime("--due", "2026-04-31T10:00Z", "date", moment), ...request("2026-04-31T10:00Z"))
    usage(ui("en").badTime("--due", "next week", "form", moment), ...request("next week"))
    usage(
      ui("nb").badTime("--due", "2026-02-31", "date", moment),
      ...request("2026-02-31"),
      "--locale",
      "nb"
    )
    expect(ui("en").badTime("--due", "2026-02-31", "date", moment)).toBe(
      `--due: “2026-02-31” is not a date that exists. Give YYYY-MM-DD or YYYY-MM-DDTHH:MM (in ${timeZone}), or a time with its zone such as 2026-12-01T09:00Z.`
    )
  })

  it("GIVEN a real --due in the workspace's zone WHEN review request THEN the review is asked for", () => {
    const requested = json(ok("review", "request", item, "--reviewer", "per", "--due", "2099-02-28T17:30", "--as", "ingrid", "--json"))
    expect(requested).toMatchObject({ stage: "InReview", events: [{ type: "ReviewRequested" }] })
    ok("review", "approve", item, "--as", "per")
    ok("approve", item, "--as", "ingrid")
  })

  it("GIVEN --at that does not exist WHEN publish THEN exit 2, the sentence, nothing written", () => {
    const publish = (at: string) => ["publish", item, "--network", "facebook", "--url", "https://facebook.com/k/1", "--at", at, "--as", "ingrid"]
    usage(ui("en").badTime("--at", "2026-06-31T09:00", "date", moment), ...publish("2026-06-31T09:00"))
    usage(ui("en").badTime("--at", "2026-06-14 25:00", "clock", moment), ...publish("2026-06-14 25:00"))
    usage(ui("en").badTime("--at", "2026-06-14T09:00:60", "clock", moment), ...publish("2026-06-14T09:00:60"))
  })

  it("GIVEN a real --at without a zone WHEN publish THEN it is that wall-clock time in the workspace's zone", () => {
    ok("publish", item, "--network", "facebook", "--url", "https://facebook.com/k/1", "--at", "2026-06-14T09:00", "--as", "ingrid")
    // New York is UTC-4 in June.
    expect(json(ok("show", item, "--json")).posts[0].publishedAt).toBe("2026-06-14T13:00:00.000Z")
  })

  it("GIVEN --from or --to that does not exist WHEN report THEN exit 2 with the sentence; real dates are days in the workspace's zone", () => {
    usage(ui("en").badTime("--from", "2026-02-30", "date", moment), "report", "goals", "--from", "2026-02-30")
    usage(ui("en").badTime("--to", "2026-00-10", "date", moment), "report", "people", "--to", "2026-00-10")
    const report = json(ok("report", "goals", "--from", "2028-02-29", "--to", "2028-03-01", "--json"))
    // New York is UTC-5 in winter; --to is the whole day.
    expect(report.period).toEqual({ from: "2028-02-29T05:00:00.000Z", until: "2028-03-02T05:00:00.000Z" })
  })

  it("GIVEN --start that does not exist WHEN meeting schedule THEN exit 2 with the sentence; a real one schedules the meeting", () => {
    const schedule = (start: string) => ["meeting", "schedule", "Idea meeting", "--start", start, "--rrule", "FREQ=WEEKLY", "--as", "ingrid"]
    usage(ui("en").badTime("--start", "2099-02-29T10:00", "date", localStart), ...schedule("2099-02-29T10:00"))
    usage(ui("en").badTime("--start", "2099-03-03T24:00", "clock", localStart), ...schedule("2099-03-03T24:00"))
    usage(ui("en").badTime("--start", "2099-03-03", "form", localStart), ...schedule("2099-03-03"))
    // Next year (the next occurrences are looked for a few years ahead); New York is UTC-5 on 3 March.
    const scheduled = json(ok(...schedule(`${nextYear}-03-03 10:00`), "--json"))
    expect(scheduled.next[0]).toMatchObject({ occurrence: `${nextYear}-03-03T10:00`, start: `${nextYear}-03-03T15:00:00.000Z` })
    meeting = scheduled.meeting
  })

  it("GIVEN --occurrence that does not exist WHEN meeting summary THEN exit 2 with the sentence; a real one is summed up", () => {
    usage(ui("en").badTime("--occurrence", "2099-03-32T10:00", "date", localStart), "meeting", "summary", meeting, "--occurrence", "2099-03-32T10:00")
    usage(ui("en").badTime("--occurrence", "2099-03-03T10:61", "clock", localStart), "meeting", "summary", meeting, "--occurrence", "2099-03-03T10:61")
    expect(json(ok("meeting", "summary", meeting, "--occurrence", `${nextYear}-03-03 10:00`, "--json")).occurrence)
      .toBe(`${nextYear}-03-03T10:00`)
  })
})

/**
 * The whole process through the built `dugnad` binary on a temp SQLite file: text and --json,
 * exit codes, and that a refused command writes nothing.
 */
import { FactObjectionOpen, NotAuthorized } from "@dugnad/core/Errors"
import { ItemId, MemberId, ObjectionId } from "@dugnad/core/Ids"
import * as Messages from "@dugnad/core/Messages"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { PNG } from "pngjs"
import { assertBuilt, bin, dugnad, json, type Run, snapshot } from "./helpers.js"

let dir: string
let db: string
let item: string
let second: string
let brought: string

/** `dugnad …args --db <temp file>` */
const run = (...args: Array<string>): Run => dugnad([...args, "--db", db])

/** Runs a command that must be refused with exit 1, and checks that it wrote nothing. */
const refused = (...args: Array<string>): Run => {
  const before = snapshot(db)
  const result = run(...args)
  expect(result.code, `${args.join(" ")}\n${result.stdout}\n${result.stderr}`).toBe(1)
  expect(result.stdout).toBe("")
  expect(snapshot(db)).toEqual(before)
  return result
}

const ok = (...args: Array<string>): Run => {
  const result = run(...args)
  expect(result.code, `${args.join(" ")}\n${result.stdout}\n${result.stderr}`).toBe(0)
  return result
}

/** Messages as the English catalogue words them, with the members' names. */
const names: Record<string, string> = {}
const context: Messages.RenderContext = { timeZone: "Europe/Oslo", name: (id) => names[id] ?? id }
const sentence = (error: Messages.DugnadError) => Messages.errorMessage("en", error, context)

beforeAll(() => {
  assertBuilt()
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-cli-"))
  db = path.join(dir, "team.db")
})

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

describe("dugnad, end to end on SQLite", () => {
  it("GIVEN no database WHEN a command runs THEN it exits 1 with a sentence and creates no file", () => {
    const result = run("member", "list")
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("There is no Dugnad database at")
    expect(result.stderr).not.toContain("    at ")
    expect(fs.existsSync(db)).toBe(false)
  })

  it("GIVEN a new file WHEN init is refused THEN no database file is left behind", () => {
    const badHandle = run("init", "--name", "Kystverket", "--locale", "en", "--founder", "Ingrid Berg", "--founder-name", "Ingrid")
    expect(badHandle.code).toBe(1)
    expect(badHandle.stderr).toContain("A handle may only have lower-case letters")
    expect(fs.existsSync(db)).toBe(false)
    const badZone = run("init", "--name", "Kystverket", "--locale", "en", "--time-zone", "Mars/Olympus", "--founder", "ingrid", "--founder-name", "Ingrid")
    expect(badZone.code).toBe(2)
    expect(badZone.stderr).toContain("not a known time zone")
    expect(fs.existsSync(db)).toBe(false)
  })

  it("GIVEN a new file WHEN init THEN the workspace exists with its founder as advisor, and a second init is refused", () => {
    const created = ok("init", "--name", "Kystverket", "--locale", "en", "--founder", "ingrid", "--founder-name", "Ingrid Berg")
    expect(created.stdout).toContain("Created the workspace Kystverket")
    expect(created.stdout).toContain("@ingrid")
    const again = refused("init", "--name", "Other", "--locale", "en", "--founder", "x", "--founder-name", "X", "--json")
    expect(JSON.parse(again.stderr)).toEqual({
      error: { type: "workspace_exists", message: expect.stringContaining("already has a workspace"), exitCode: 1 }
    })
  })

  it("GIVEN the advisor WHEN adding members THEN they are listed with their roles (text and JSON)", () => {
    const per = json(ok("member", "add", "per", "--name", "Per Olsen", "--role", "expert", "--field", "fisheries", "--department", "Fiskeri", "--as", "ingrid", "--json"))
    expect(per.member).toEqual({
      id: expect.stringMatching(/^m-/),
      handle: "per",
      name: "Per Olsen",
      roles: ["member", "expert"],
      department: "Fiskeri",
      fields: ["fisheries"]
    })
    ok("member", "add", "siri", "--name", "Siri Dahl", "--role", "expert", "--as", "ingrid")
    const ola = ok("member", "add", "ola", "--name", "Ola Nordmann", "--as", "ingrid")
    expect(ola.stdout).toContain("@ola  Ola Nordmann")

    const list = json(ok("member", "list", "--json"))
    expect(list.members.map((member: { handle: string }) => member.handle)).toEqual(["ingrid", "ola", "per", "siri"])
    for (const member of list.members) names[member.id] = member.name
    expect(ok("member", "list").stdout).toContain("@per  Per Olsen  subject expert")
  })

  it("GIVEN a plain member WHEN they add a member THEN exit 1, the sentence, and nothing written", () => {
    const result = refused("member", "add", "kari", "--name", "Kari", "--as", "ola")
    expect(result.stderr.trim()).toBe(
      sentence(new NotAuthorized({ actor: MemberId.make("x"), command: "AddMember", rule: "advisor_or_manager" }))
    )
  })

  it("GIVEN the advisor WHEN adding a goal THEN it is G1", () => {
    expect(json(ok("goal", "add", "More applicants", "--description", "Recruitment", "--as", "ingrid", "--json"))).toEqual({
      goal: { id: "G1", title: "More applicants", description: "Recruitment" }
    })
    expect(ok("goal", "list").stdout).toContain("G1  More applicants")
  })

  it("GIVEN a colleague WHEN they submit an idea THEN it gets a short typeable id", () => {
    const submitted = json(ok(
      "idea", "submit", "New guest harbour in Bodø", "--pitch", "Boats can moor from June", "--goal", "g1",
      "--concerns", "per", "--department", "Fiskeri", "--as", "ola", "--json"
    ))
    expect(submitted).toMatchObject({ stage: "Idea", title: "New guest harbour in Bodø", revision: 0, replayed: false })
    expect(submitted.item).toMatch(/^[a-z2-9]{6}$/)
    expect(submitted.events).toEqual([
      { type: "IdeaSubmitted", message: "Ola Nordmann has a new idea: “New guest harbour in Bodø” (Fiskeri)." }
    ])
    item = submitted.item
  })

  it("GIVEN the idea WHEN the advisor accepts, drafts and asks for review THEN the item is in review", () => {
    expect(ok("idea", "accept", item, "--as", "ingrid").stdout).toContain(`${item}  drafting  New guest harbour in Bodø`)
    const draft = json(ok(
      "draft", "write", item, "--text", "Boats can moor at the new guest harbour from 12 June.",
      "--network", "facebook", "--network", "linkedin",
      "--media", "image:https://example.no/harbour.jpg:The new pier at dawn, with three boats: one red",
      "--as", "ingrid", "--json"
    ))
    expect(draft).toMatchObject({ stage: "Drafting", revision: 1 })
    const review = ok("review", "request", item, "--reviewer", "per", "--reviewer", "ola", "--due", "2099-01-05T12:00", "--as", "ingrid")
    expect(review.stdout).toContain("in review")
    expect(review.stdout).toContain("asks Per Olsen and Ola Nordmann to review")
  })

  it("GIVEN the review WHEN the expert objects THEN the objection id is O1", () => {
    const objection = json(ok(
      "review", "object", item, "--claim", "The harbour opens on 14 June", "--correction", "Say 14 June",
      "--as", "per", "--json"
    ))
    expect(objection).toMatchObject({ stage: "InReview", objection: "O1", revision: 1 })
    expect(objection.events[0].type).toBe("FactObjectionRaised")
  })

  it("GIVEN an open objection WHEN the advisor approves THEN exit 1 with the sentence, in text and JSON, and nothing written", () => {
    const expected = sentence(new FactObjectionOpen({ item: ItemId.make(item), objections: [ObjectionId.make("O1")] }))
    expect(refused("approve", item, "--as", "ingrid").stderr.trim()).toBe(expected)
    expect(JSON.parse(refused("approve", item, "--as", "ingrid", "--json").stderr)).toEqual({
      error: { type: "FactObjectionOpen", message: expected, exitCode: 1 }
    })
    const norwegian = refused("approve", item, "--as", "ingrid", "--locale", "nb").stderr.trim()
    expect(norwegian).toBe(
      Messages.errorMessage("nb", new FactObjectionOpen({ item: ItemId.make(item), objections: [ObjectionId.make("O1")] }), context)
    )
    expect(norwegian).not.toBe(expected)
  })

  it("GIVEN Per's objection WHEN another expert resolves it THEN exit 1 (only the raiser) and nothing written", () => {
    const result = refused("review", "resolve", item, "O1", "--as", "siri")
    expect(result.stderr.trim()).toBe(
      sentence(new NotAuthorized({ actor: MemberId.make("x"), command: "ResolveObjection", rule: "raiser_only" }))
    )
    // Not even the advisor.
    refused("review", "resolve", item, "o1", "--as", "ingrid")
  })

  it("GIVEN a format suggestion WHEN a member decides it THEN exit 1 (only advisors) and nothing written", () => {
    expect(json(ok("review", "suggest", item, "--note", "Shorter first line", "--as", "ola", "--json"))).toMatchObject({
      suggestion: "S1"
    })
    const result = refused("review", "decide", item, "S1", "--accept", "--reason", "I agree", "--as", "ola")
    expect(result.stderr.trim()).toBe(
      sentence(new NotAuthorized({ actor: MemberId.make("x"), command: "DecideFormat", rule: "advisor_only" }))
    )
    expect(json(ok("review", "decide", item, "s1", "--decline", "--reason", "The date must come first", "--as", "ingrid", "--json")))
      .toMatchObject({ suggestion: "S1", events: [{ type: "FormatSuggestionDecided" }] })
  })

  it("GIVEN the objection WHEN the expert resolves it and approves the facts THEN the advisor can approve and publish", () => {
    ok("draft", "write", item, "--text", "Boats can moor at the new guest harbour from 14 June.", "--as", "ingrid")
    expect(ok("review", "resolve", item, "O1", "--note", "Fixed", "--as", "per").stdout).toContain("resolved fact objection O1")
    const facts = json(ok("review", "approve", item, "--as", "per", "--json"))
    expect(facts).toMatchObject({ revision: 2, events: [{ type: "FactsApproved" }] })
    expect(facts.events[0].message).toContain("approved the facts in revision 2")
    expect(json(ok("approve", item, "--as", "ingrid", "--json"))).toMatchObject({ stage: "Approved", revision: 2 })
    const published = json(ok(
      "publish", item, "--network", "facebook", "--url", "https://facebook.com/kystverket/posts/1",
      "--at", "2026-06-14T09:00", "--as", "ingrid", "--json"
    ))
    expect(published).toMatchObject({ stage: "Published", network: "facebook", url: "https://facebook.com/kystverket/posts/1" })
    expect(published.events[0].message).toContain("14 June 2026 at 09:00")
    ok("comment", item, "Great picture!", "--as", "ola")
  })

  it("GIVEN the published item WHEN show THEN stage, draft, reviews and timeline are there (text and JSON)", () => {
    const text = ok("show", item).stdout
    expect(text).toContain(`${item}  New guest harbour in Bodø`)
    expect(text).toContain("Stage: published")
    expect(text).toContain("│ Boats can moor at the new guest harbour from 14 June.")
    expect(text).toContain("@per (expert): approved revision 2")
    expect(text).toContain("O1 @per [resolved]")
    expect(text).toContain("S1 @ola [declined]")
    expect(text).toContain("Facebook: https://facebook.com/kystverket/posts/1")
    expect(text).toContain("Ola Nordmann commented on “New guest harbour in Bodø”: Great picture!")

    const shown = json(ok("show", item, "--json"))
    expect(shown).toMatchObject({
      item,
      title: "New guest harbour in Bodø",
      stage: "Published",
      owner: "ingrid",
      idea: { pitch: "Boats can moor from June", department: "Fiskeri", goals: ["G1"], concerns: ["per"], submittedBy: "ola" },
      draft: {
        revision: 2,
        kind: "content",
        text: "Boats can moor at the new guest harbour from 14 June.",
        networks: ["facebook", "linkedin"],
        media: [{ kind: "image", url: "https://example.no/harbour.jpg", alt: "The new pier at dawn, with three boats: one red" }]
      },
      reviewers: [
        { handle: "per", expert: true, approvedRevision: 2, approvalMissing: false },
        { handle: "ola", expert: false, approvedRevision: null, approvalMissing: false }
      ],
      objections: [{ id: "O1", by: "per", status: "resolved", revision: 1 }],
      suggestions: [{ id: "S1", by: "ola", decision: "declined" }],
      posts: [{ network: "facebook", url: "https://facebook.com/kystverket/posts/1", revision: 2 }]
    })
    expect(shown.timeline.map((entry: { type: string }) => entry.type)).toEqual([
      "IdeaSubmitted",
      "IdeaAccepted",
      "DraftRevised",
      "ReviewRequested",
      "FactObjectionRaised",
      "FormatSuggested",
      "FormatSuggestionDecided",
      "DraftRevised",
      "FactObjectionResolved",
      "FactsApproved",
      "ApprovedForPublication",
      "PostPublished",
      "CommentAdded"
    ])
    expect(shown.timeline[0]).toMatchObject({ version: 1, by: "ola", at: expect.stringMatching(/Z$/) })
  })

  it("GIVEN the published post WHEN the advisor records its numbers THEN they are kept, and a network without a post is refused", () => {
    const recorded = json(ok(
      "results", "record", item, "--network", "facebook", "--reach", "4180", "--likes", "120", "--comments", "14",
      "--highlight", "Finally a harbour!", "--as", "ingrid", "--json"
    ))
    expect(recorded).toMatchObject({
      stage: "Published",
      network: "facebook",
      metrics: { reach: 4180, reactions: 120, comments: 14 },
      events: [{ type: "ResultsRecorded" }]
    })
    expect(recorded.events[0].message).toContain("reach 4,180")
    expect(refused("results", "record", item, "--network", "linkedin", "--reach", "10", "--as", "ingrid").stderr)
      .toContain("You can choose facebook")
    refused("results", "record", item, "--network", "facebook", "--reach", "5", "--as", "ola")
  })

  it("GIVEN the recorded numbers WHEN reports are asked for THEN goals and people show them (text and JSON)", () => {
    const goals = json(ok("report", "goals", "--from", "2026-01-01", "--to", "2099-12-31", "--json"))
    expect(goals.period).toEqual({ from: "2025-12-31T23:00:00.000Z", until: "2099-12-31T23:00:00.000Z" })
    expect(goals.goals).toEqual([
      expect.objectContaining({
        goal: "G1",
        title: "More applicants",
        posts: 1,
        reach: 4180,
        engagement: 134,
        best: [expect.objectContaining({ item, network: "facebook", reach: 4180, engagement: 134 })]
      })
    ])
    expect(ok("report", "goals", "--from", "2026-01-01", "--to", "2099-12-31").stdout).toContain("reach 4,180")
    const people = json(ok("report", "people", "--from", "2026-01-01", "--to", "2099-12-31", "--json"))
    const per = people.people.find((person: { handle: string }) => person.handle === "per")
    expect(per).toMatchObject({ name: "Per Olsen", department: "Fiskeri", posts: 1 })
    expect(per.reviews).toBeGreaterThan(0)
    expect(people.departments).toEqual([expect.objectContaining({ department: "Fiskeri", posts: 1 })])
    expect(run("report", "goals", "--from", "yesterday").code).toBe(2)
  })

  it("GIVEN the recorded numbers WHEN the advisor shares the results THEN the feedback is printed, the chart written (text and JSON)", () => {
    const chart = path.join(dir, "share.png")
    const shared = ok("results", "share", item, "--chart", chart, "--as", "ingrid")
    expect(shared.stdout).toContain("New guest harbour in Bodø")
    expect(shared.stdout).toContain("reach 4,180")
    expect(shared.stdout).toContain("Not marked a success.")
    expect(shared.stdout).toContain(`Chart: ${chart}`)
    const png = PNG.sync.read(fs.readFileSync(chart))
    expect(png.width).toBeGreaterThan(0)
    expect(png.height).toBeGreaterThan(0)
    const again = json(ok("results", "share", item, "--as", "ingrid", "--json"))
    expect(again).toMatchObject({
      item,
      title: "New guest harbour in Bodø",
      success: false,
      marked: false,
      posts: [{
        network: "facebook",
        metrics: { reach: 4180, reactions: 120, comments: 14 },
        success: false,
        engagement: { standing: "thin-history", value: 134, comparable: 1 },
        best: null
      }],
      followUps: [],
      chart: null,
      chartFailures: []
    })
    expect(again.participants).toContainEqual(expect.objectContaining({ handle: "ingrid", contributions: ["advisor"] }))
    expect(again.message).toContain("reach 4,180")
    refused("results", "share", item, "--as", "ola")
  })

  it("GIVEN a Meta export WHEN imported THEN the matched row is recorded once, the other reported, and an unreadable file writes nothing", () => {
    const csv = path.join(dir, "facebook.csv")
    fs.writeFileSync(
      csv,
      [
        `"Post ID","Permalink","Publish time","Impressions","Reach","Reactions","Comments","Shares"`,
        `"123_456","https://facebook.com/kystverket/posts/1","06/14/2026 09:00","9000","5000","150","20","7"`,
        `"123_789","https://facebook.com/kystverket/posts/999","06/14/2026 10:00","9","5","1","0","0"`
      ].join("\n")
    )
    const first = json(ok("results", "import", csv, "--format", "meta-facebook", "--as", "ingrid", "--json"))
    expect(first).toMatchObject({
      format: "meta-facebook",
      rows: 2,
      recorded: [{ line: 2, item, network: "facebook" }],
      unchanged: [],
      unmatched: [{ line: 3, reason: "no_match" }],
      invalid: [],
      refused: []
    })
    const again = ok("results", "import", csv, "--format", "meta-facebook", "--as", "ingrid")
    expect(again.stdout).toContain("2 rows read")
    // No progress line: stderr is not a terminal here.
    expect(again.stderr).toBe("")
    expect(json(ok("results", "import", csv, "--format", "meta-facebook", "--as", "ingrid", "--json")).unchanged)
      .toEqual([{ line: 2, item, network: "facebook" }])

    const bad = path.join(dir, "bad.csv")
    fs.writeFileSync(bad, "nothing,here\n1,2\n")
    expect(refused("results", "import", bad, "--format", "linkedin", "--as", "ingrid").stderr).toContain("Nothing was imported")
    refused("results", "import", csv, "--format", "meta-facebook", "--as", "ola")
  })

  it("GIVEN the advisor WHEN scheduling the idea meeting THEN its next occurrences, reminder and calendar are there", () => {
    // Every other Tuesday from the first Tuesday of next January (winter: Oslo is UTC+1).
    const year = new Date().getUTCFullYear() + 1
    let day = 1
    while (new Date(Date.UTC(year, 0, day)).getUTCDay() !== 2) day++
    const date = (n: number) => `${year}-01-${String(n).padStart(2, "0")}`
    const scheduled = json(ok(
      "meeting", "schedule", "Idea meeting", "--start", `${date(day)}T10:00`, "--rrule", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
      "--duration", "45", "--invite", "expert", "--invite", "ola", "--agenda", "What are you working on?", "--as", "ingrid", "--json"
    ))
    expect(scheduled.title).toBe("Idea meeting")
    expect(scheduled.next).toHaveLength(3)
    expect(scheduled.next[0]).toEqual({
      occurrence: `${date(day)}T10:00`,
      start: `${date(day)}T09:00:00.000Z`,
      end: `${date(day)}T09:45:00.000Z`,
      moved: false
    })
    expect(scheduled.next[1].occurrence).toBe(`${date(day + 14)}T10:00`)
    const meeting = scheduled.meeting
    const next = ok("meeting", "next", meeting)
    expect(next.stdout).toContain(`${date(day)} 10:00 – ${date(day)} 10:45`)
    expect(next.stdout).toContain("“Idea meeting” is coming up")
    expect(json(ok("meeting", "next", meeting, "--count", "2", "--json")).occurrences).toHaveLength(2)

    brought = json(ok("idea", "submit", "Harbour open day", "--meeting", meeting, "--as", "per", "--json")).item
    expect(ok("show", brought).stdout).toContain(`Idea meeting: ${meeting}`)
    expect(json(ok("show", brought, "--json")).idea.meeting).toBe(meeting)

    const ics = path.join(dir, "meeting.ics")
    ok("meeting", "ics", meeting, "--out", ics)
    const calendar = fs.readFileSync(ics, "utf8")
    expect(calendar).toContain("BEGIN:VCALENDAR")
    expect(calendar).toContain("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")
    expect(calendar).toContain("TZID:Europe/Oslo")

    expect(refused("meeting", "schedule", "Mine", "--start", `${date(day)}T10:00`, "--rrule", "FREQ=WEEKLY", "--as", "ola").stderr)
      .toContain("Only communications advisors and managers")
    expect(refused("meeting", "schedule", "Hourly", "--start", `${date(day)}T10:00`, "--rrule", "FREQ=HOURLY", "--as", "ingrid").stderr)
      .toContain("at most once a day")
    expect(refused("meeting", "next", "nosuch").stderr.trim()).toBe("There's no meeting series nosuch here.")
  })

  it("GIVEN two items WHEN board THEN items are grouped by stage and filter by state and goal (text and JSON)", () => {
    second = json(ok("idea", "submit", "Winter storm ready", "--as", "siri", "--json")).item
    const text = ok("board").stdout
    expect(text).toContain("published (1)")
    expect(text).toContain(`${item}  New guest harbour in Bodø  @ingrid  G1`)
    expect(text).toContain(`${second}  Winter storm ready`)

    const all = json(ok("board", "--json"))
    const stagesWithItems = all.columns
      .filter((column: { items: Array<unknown> }) => column.items.length > 0)
      .map((column: { stage: string }) => column.stage)
    expect(stagesWithItems).toEqual(["Idea", "Published"])
    expect(all.columns.find((column: { stage: string }) => column.stage === "Published").items[0]).toMatchObject({
      item,
      title: "New guest harbour in Bodø",
      stage: "Published",
      submittedBy: "ola",
      owner: "ingrid",
      goals: ["G1"],
      revision: 2,
      openObjections: 0,
      missingApprovals: 0,
      undecidedSuggestions: 0
    })
    const ideas = json(ok("board", "--state", "Idea", "--json"))
    expect(ideas.columns).toHaveLength(1)
    expect(ideas.columns[0].items.map((card: { item: string }) => card.item)).toEqual([second, brought])
    const forGoal = json(ok("board", "--goal", "G1", "--json"))
    expect(forGoal.columns.flatMap((column: { items: Array<{ item: string }> }) => column.items.map((card) => card.item)))
      .toEqual([item])
  })

  it("GIVEN a draft with a placeholder alt text and a link on Instagram WHEN checks THEN the findings cite the primer", () => {
    expect(refused("checks", second).stderr).not.toBe("")
    ok("idea", "accept", second, "--as", "ingrid")
    ok(
      "draft", "write", second, "--text", "Storms are coming. Read more: https://example.no/storm",
      "--network", "instagram", "--media", "image:https://example.no/IMG_1234.jpg:IMG_1234.jpg", "--as", "ingrid"
    )
    const found = json(ok("checks", second, "--json"))
    expect(found).toMatchObject({ item: second, revision: 1, worst: "warning" })
    const byCheck = Object.fromEntries(found.findings.map((finding: { check: string }) => [finding.check, finding]))
    expect(byCheck["alt-text-placeholder"]).toMatchObject({ severity: "warning", media: 0, primer: "alt-text", primerTitle: "Alt text" })
    expect(byCheck["link-not-clickable"]).toMatchObject({ severity: "warning", network: "instagram", primer: "instagram-links" })
    for (const finding of found.findings) expect(finding.message).not.toBe("")
    const text = ok("checks", second).stdout
    expect(text).toContain(`${second}  revision 1`)
    expect(text).toContain("warning")
    expect(text).toContain("(primer: Alt text, dugnad primer)")
  })

  it("GIVEN the primer WHEN read for a network and in Norwegian THEN its entries are there", () => {
    const instagram = json(ok("primer", "instagram", "--json"))
    expect(instagram.entries.length).toBeGreaterThan(0)
    for (const entry of instagram.entries) expect(entry.network).toBe("instagram")
    expect(ok("primer", "--locale", "nb").stdout).toContain("Slik fungerer feeden")
    expect(run("primer", "myspace").code).toBe(2)
  })

  it("GIVEN a usage error WHEN the command runs THEN exit 2 with the command's usage, and nothing written", () => {
    const before = snapshot(db)
    const missing = run("review", "approve", "--as", "per")
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("Missing argument <ITEM>")
    expect(missing.stderr).toContain("$ dugnad review approve")
    expect(missing.stderr).not.toContain("\u001b[")

    const noText = run("draft", "write", item, "--as", "ingrid")
    expect(noText.code).toBe(2)
    expect(noText.stderr).toContain("dugnad draft write")

    const both = run("review", "decide", item, "S1", "--accept", "--decline", "--reason", "x", "--as", "ingrid")
    expect(both.code).toBe(2)
    expect(both.stderr).toContain("Give exactly one of --accept and --decline.")

    const noActor = run("comment", item, "Hello")
    expect(noActor.code).toBe(2)
    expect(noActor.stderr).toContain("--as HANDLE")

    const blank = run("show", " ", "--locale", "nb")
    expect(blank.code).toBe(2)
    expect(blank.stderr).toContain("ITEM kan ikke være tom: skriv id-en.")

    const unknown = run("frobnicate")
    expect(unknown.code).toBe(2)
    expect(snapshot(db)).toEqual(before)
  })

  it("GIVEN DUGNAD_DB and DUGNAD_AS WHEN no flags are given THEN they name the database and the actor", () => {
    const result = dugnad(["comment", item, "From the environment"], { DUGNAD_DB: db, DUGNAD_AS: "per" })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("Per Olsen commented")
  })

  it("GIVEN an unknown handle WHEN acting as it THEN exit 1 with the directory's sentence", () => {
    expect(refused("comment", item, "Hi", "--as", "nobody").stderr).toContain("nobody called nobody")
  })

  it("GIVEN an item id nobody has WHEN show THEN exit 1 with the core's sentence", () => {
    const result = run("show", "zzzzzz")
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toBe("There's no item zzzzzz here.")
  })

  it("GIVEN a command's --help WHEN run THEN its options are described and it exits 0", () => {
    const help = dugnad(["review", "object", "--help"])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain("--claim TEXT")
    expect(help.stdout).toContain("What is wrong.")
  })

  it("GIVEN the linked command bin/dugnad.cjs WHEN asked its version THEN it runs the built CLI", () => {
    const result = dugnad(["--version"])
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.resolve(path.dirname(bin), "../package.json"), "utf8")).version)
  })

  it("GIVEN --help WHEN run THEN it lists the commands and exits 0", () => {
    const help = dugnad(["--help"])
    expect(help.code).toBe(0)
    for (const command of ["init", "member add", "idea submit", "review object", "publish", "show", "board"]) {
      expect(help.stdout).toContain(command)
    }
  })
})

describe("dugnad demo, end to end", () => {
  let demoDir: string
  beforeAll(() => {
    assertBuilt()
    demoDir = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-demo-"))
  })
  afterAll(() => {
    fs.rmSync(demoDir, { recursive: true, force: true })
  })

  it("GIVEN a new file WHEN demo THEN the whole process is played: a celebrated item, a chart and a follow-up on the next meeting's agenda", () => {
    const file = path.join(demoDir, "demo.db")
    const played = dugnad(["demo", "--db", file])
    expect(played.code, `${played.stdout}\n${played.stderr}`).toBe(0)
    expect(played.stdout).toContain("objects to a fact (O1)")
    expect(played.stdout).toContain("(primer: first-lines)")
    expect(played.stdout).toContain("Marked a success")
    expect(played.stdout).toContain(`dugnad board --db ${file}`)
    expect(played.stdout).not.toContain("\u001b[")
    const chart = PNG.sync.read(fs.readFileSync(path.join(demoDir, "demo-chart.png")))
    expect(chart.width).toBeGreaterThan(0)

    const board = json(dugnad(["board", "--db", file, "--json"]))
    const cards = board.columns.flatMap((column: { stage: string; items: Array<{ item: string; title: string }> }) =>
      column.items.map((card) => ({ ...card, stage: column.stage }))
    )
    const harbour = cards.find((card: { title: string }) => card.title === "The new fishing harbour in Bodø")
    expect(harbour).toBeDefined()
    const shown = json(dugnad(["show", harbour.item, "--db", file, "--json"]))
    expect(shown.timeline.map((entry: { type: string }) => entry.type)).toContain("MarkedSuccess")
    const followUp = cards.find((card: { title: string }) => card.title === "Meet the people: The new fishing harbour in Bodø")
    expect(followUp).toBeDefined()

    const meeting = /dugnad meeting next (\S+)/.exec(played.stdout)![1]!
    const next = json(dugnad(["meeting", "next", meeting, "--db", file, "--json"]))
    expect(next.occurrences).toHaveLength(1)
    expect(next.reminder).toContain("Meet the people: The new fishing harbour in Bodø")
  })

  it("GIVEN a database that holds something WHEN demo THEN it is refused and left alone", () => {
    const file = path.join(demoDir, "demo.db")
    const before = snapshot(file)
    const again = dugnad(["demo", "--db", file])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain("already exists")
    expect(snapshot(file)).toEqual(before)
  })
})

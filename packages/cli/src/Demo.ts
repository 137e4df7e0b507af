/**
 * `dugnad demo`: the article's whole process, played by five colleagues on a new SQLite file, so a
 * newcomer sees every step and then has a database to try the other commands on.
 *
 * It goes through the same store layer as every other command (`Session.storeLayer`), and the
 * core's own commands and queries: nothing is written behind the core's back. The earlier posts
 * that give the results their context are real items too, published in the past.
 */
import * as Commands from "@dugnad/core/Commands"
import type { DraftBody, Network } from "@dugnad/core/Draft"
import type { ItemId, MeetingId, MemberId } from "@dugnad/core/Ids"
import { latestRevision, type ItemState, workOf } from "@dugnad/core/Item"
import { ItemCommand } from "@dugnad/core/ItemCommand"
import type { Metrics } from "@dugnad/core/ItemEvent"
import type { Locale, Member } from "@dugnad/core/Member"
import * as Meeting from "@dugnad/core/Meeting"
import * as Meetings from "@dugnad/core/Meetings"
import * as Messages from "@dugnad/core/Messages"
import * as Results from "@dugnad/core/Results"
import * as Team from "@dugnad/core/Team"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as fs from "node:fs"
import * as path from "node:path"
import { Rejection } from "./Run.js"
import { type Location, storeLayer } from "./Session.js"
import { bold, cyan, dim, green, yellow } from "./Ui.js"

/** Where the demo writes when `--db` is not given: a file of its own, never the real `./dugnad.db`. */
export const defaultDemoDatabase = "./dugnad-demo.db"

/** The chart's file: next to the database, named after it (`dugnad-demo.db` → `dugnad-demo-chart.png`). */
export const chartFileOf = (database: string): string => {
  const parsed = path.parse(database)
  return path.join(parsed.dir, `${parsed.name}-chart.png`)
}

const line = (text = "") => Effect.sync(() => process.stdout.write(`${text}\n`))
const heading = (text: string) => line(`\n${bold(`== ${text}`)}`)

/** The wall-clock date of an instant in a time zone, `YYYY-MM-DD`. */
const localDate = (instant: DateTime.Utc, timeZone: string): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    .format(new Date(instant.epochMillis))

const quote = (text: string) => /^[\w./:-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`

/** The earlier posts: the history the demo post is compared with (Facebook, the last 90 days). */
const history: ReadonlyArray<{ readonly title: string; readonly daysAgo: number; readonly metrics: Metrics }> = [
  { title: "Winter storm: how we keep the fairway open", daysAgo: 12, metrics: { reach: 2300, reactions: 64, comments: 7, shares: 5 } },
  { title: "A day with the pilot boat", daysAgo: 21, metrics: { reach: 3100, reactions: 88, comments: 11, shares: 9 } },
  { title: "New buoys in Vestfjorden", daysAgo: 30, metrics: { reach: 1400, reactions: 31, comments: 3, shares: 2 } },
  { title: "Summer jobs at the coast: apply now", daysAgo: 38, metrics: { reach: 2800, reactions: 52, comments: 9, shares: 14 } },
  { title: "The lighthouse keeper's last shift", daysAgo: 47, metrics: { reach: 4100, reactions: 130, comments: 22, shares: 17 } },
  { title: "Oil spill drill in Lofoten", daysAgo: 56, metrics: { reach: 1900, reactions: 40, comments: 4, shares: 3 } },
  { title: "How a fairway is dredged", daysAgo: 65, metrics: { reach: 1600, reactions: 35, comments: 6, shares: 2 } },
  { title: "Open day at the harbour office", daysAgo: 74, metrics: { reach: 2100, reactions: 58, comments: 5, shares: 6 } }
]

const facebook: Network = "facebook"
const linkedin: Network = "linkedin"

const body = (text: string, networks: ReadonlyArray<Network>): DraftBody => ({
  text,
  perNetwork: {},
  media: [{
    kind: "image",
    url: "https://example.no/bilder/fiskerihavn-bodo.jpg",
    alt: "Fishing boats moored at the new quay in Bodø harbour at dawn"
  }],
  networks
})

const revisionOf = (state: ItemState): number => {
  const work = workOf(state)
  return work === undefined ? 0 : latestRevision(work)?.number ?? 0
}

/**
 * Refuses a database that already holds something: the demo only ever writes a new file.
 * An empty file (e.g. from `mktemp`) counts as new.
 */
const refuseExisting = (location: Location & { readonly _tag: "Sqlite" }) => {
  const filename = location.filename
  const exists = filename !== ":memory:" && fs.existsSync(filename) && fs.statSync(filename).size > 0
  return exists
    ? Effect.fail(
      new Rejection({
        type: "database_exists",
        message:
          `${filename} already exists. The demo only writes a new database: give --db a new file, or remove ${filename} first.`,
        exitCode: 1,
        json: false
      })
    )
    : Effect.void
}

/** The story itself, against the store. */
const story = (location: Location & { readonly _tag: "Sqlite" }, locale: Locale) =>
  Effect.gen(function*() {
    const db = location.filename
    const started = Date.now()

    // ── The team ─────────────────────────────────────────────────────────────────────────────
    yield* heading("The team")
    const { founder: ingrid, workspace } = yield* Team.createWorkspace({
      name: "Kystverket Nord",
      locale,
      founder: { handle: "ingrid", name: "Ingrid Berg", department: "Kommunikasjon" }
    })
    const ws = workspace.id
    const per = yield* Team.addMember(ws, ingrid.id, {
      handle: "per",
      name: "Per Olsen",
      roles: ["expert"],
      department: "Fiskeri",
      fields: ["fiskeri", "havner"]
    })
    const siri = yield* Team.addMember(ws, ingrid.id, {
      handle: "siri",
      name: "Siri Hansen",
      roles: ["expert"],
      department: "Klima og miljø",
      fields: ["klima"]
    })
    const kari = yield* Team.addMember(ws, ingrid.id, {
      handle: "kari",
      name: "Kari Nilsen",
      roles: ["manager"],
      department: "Ledelsen"
    })
    const ola = yield* Team.addMember(ws, ingrid.id, { handle: "ola", name: "Ola Nordmann", department: "Drift" })
    const goal = yield* Team.addGoal(ws, ingrid.id, { title: "People along the coast know what we build for them" })
    const members: ReadonlyArray<Member> = [ingrid, per, siri, kari, ola]
    const byId = new Map(members.map((member) => [member.id as string, member]))
    const context: Messages.RenderContext = { timeZone: workspace.timeZone, name: (id: MemberId) => byId.get(id)?.name ?? id }
    const words = Messages.messages(locale)
    yield* line(`  Workspace ${bold(workspace.name)} (${workspace.id}) in ${db}`)
    for (const member of members) {
      const roles = member.roles.filter((role) => role !== "member").map((role) => words.role[role]).join(", ")
      yield* line(`  ${`@${member.handle}`.padEnd(8)} ${member.name.padEnd(14)} ${dim(`${roles || words.role.member} · ${member.department ?? ""}`)}`)
    }
    yield* line(`  Goal ${goal.id}: ${goal.title}`)

    const send = (actor: Member, command: ItemCommand, item?: ItemId) =>
      Effect.flatMap(Commands.newCommandId, (commandId) =>
        Commands.handle({ workspace: ws, commandId, actor: actor.id, item, command }))
    const step = (actor: Member, text: string) => line(`  ${actor.name.padEnd(14)} ${text}`)

    // ── The history ──────────────────────────────────────────────────────────────────────────
    yield* heading("The team's earlier posts (so the results have context)")
    const now = yield* DateTime.now
    for (const earlier of history) {
      const submitted = yield* send(ola, ItemCommand.SubmitIdea({ title: earlier.title, pitch: earlier.title, goals: [goal.id], concerns: [] }))
      const item = submitted.item
      yield* send(ingrid, ItemCommand.AcceptIdea(), item)
      yield* send(ingrid, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body(earlier.title, [facebook]) }), item)
      yield* send(ingrid, ItemCommand.RequestReview({ reviewers: [{ member: per.id, expert: true }] }), item)
      yield* send(per, ItemCommand.ApproveFacts({ revision: 1 }), item)
      yield* send(ingrid, ItemCommand.ApproveForPublication({ revision: 1 }), item)
      const publishedAt = DateTime.subtract(now, { days: earlier.daysAgo })
      yield* send(ingrid, ItemCommand.RecordPublication({ network: facebook, url: `https://facebook.com/kystverketnord/posts/${item}`, publishedAt }), item)
      yield* send(ingrid, ItemCommand.RecordResults({
        network: facebook,
        capturedAt: DateTime.add(publishedAt, { days: 7 }),
        metrics: earlier.metrics,
        highlights: []
      }), item)
    }
    yield* line(`  ${history.length} posts published on Facebook over the last ${history[history.length - 1]!.daysAgo} days, with their numbers`)

    // ── The idea meeting ─────────────────────────────────────────────────────────────────────
    yield* heading("The idea meeting")
    const firstMeeting = localDate(DateTime.subtract(now, { days: 14 }), workspace.timeZone)
    const scheduled = yield* Effect.flatMap(Commands.newCommandId, (commandId) =>
      Meetings.handle({
        workspace: ws,
        commandId,
        actor: ingrid.id,
        command: Meeting.MeetingCommand.ScheduleMeeting({
          title: "Idémøte",
          start: `${firstMeeting}T10:00`,
          rrule: "FREQ=WEEKLY",
          durationMinutes: 45,
          channel: "innhold",
          invitees: { roles: [], departments: [], members: [] },
          agenda: ["What are you working on? Could it become content? How?", "Results since last time"]
        })
      }))
    const meeting: MeetingId = scheduled.meeting
    yield* step(ingrid, `schedules “Idémøte”, weekly at 10:00 from ${firstMeeting}, everyone invited (meeting ${meeting})`)

    const brought = [
      { by: ola, title: "The new fishing harbour in Bodø", pitch: "Boats can moor there from this summer; the fishermen I talk to are thrilled.", concerns: [per.id, siri.id] },
      { by: per, title: "Cod quotas explained in one minute", pitch: "Everyone asks us about next year's quotas.", concerns: [] },
      { by: siri, title: "Our climate report, page by page", pitch: "The new report is out: forty pages of findings.", concerns: [] },
      { by: kari, title: "Meet the new harbour master", pitch: "Anne starts in Bodø next month.", concerns: [] },
      { by: ingrid, title: "Behind the scenes at the ice plant", pitch: "The new ice plant runs day and night in the season.", concerns: [per.id] }
    ] as const
    const ideas: Array<ItemId> = []
    for (const idea of brought) {
      const result = yield* send(idea.by, ItemCommand.SubmitIdea({
        title: idea.title,
        pitch: idea.pitch,
        goals: [goal.id],
        concerns: idea.concerns,
        meeting,
        department: idea.by.department
      }))
      ideas.push(result.item)
      yield* step(idea.by, `brings an idea: “${idea.title}” (${result.item})`)
    }
    const [item, quotas, report, harbourMaster, icePlant] = ideas as [ItemId, ItemId, ItemId, ItemId, ItemId]

    // ── Triage ───────────────────────────────────────────────────────────────────────────────
    yield* heading("Triage")
    yield* send(ingrid, ItemCommand.AcceptIdea(), item)
    yield* step(ingrid, `${green("accepts")} “The new fishing harbour in Bodø”`)
    const parkReason = "The quotas are set in December: let's make it then, when the numbers are real."
    yield* send(ingrid, ItemCommand.ParkIdea({ reason: parkReason }), quotas)
    yield* step(ingrid, `${yellow("parks")} “Cod quotas explained in one minute”: ${parkReason}`)
    const declineReason =
      "Thank you, Siri! Forty pages won't fit a feed, but one finding at a time will: bring your favourite to the next meeting?"
    yield* send(ingrid, ItemCommand.DeclineIdea({ reason: declineReason }), report)
    yield* step(ingrid, `declines “Our climate report, page by page”, kindly: ${declineReason}`)
    yield* line(dim(`  (“Meet the new harbour master” ${harbourMaster} and “Behind the scenes at the ice plant” ${icePlant} wait for the next meeting)`))

    // ── Draft and review ─────────────────────────────────────────────────────────────────────
    yield* heading("Draft and review")
    const networks = [facebook, linkedin]
    yield* send(ingrid, ItemCommand.WriteDraft({
      baseRevision: 0,
      kind: "content",
      body: body("The new fishing harbour in Bodø opens in May! Room for 40 boats, shore power and a new ice plant.", networks)
    }), item)
    yield* step(ingrid, "writes the first draft (revision 1), for Facebook and LinkedIn")
    yield* send(ingrid, ItemCommand.RequestReview({
      reviewers: [{ member: per.id, expert: true }, { member: siri.id, expert: true }, { member: ola.id, expert: false }],
      due: DateTime.add(now, { days: 2 })
    }), item)
    yield* step(ingrid, "asks Per and Siri (experts) and Ola to review, due in two days")
    yield* send(siri, ItemCommand.ApproveFacts({ revision: 1 }), item)
    yield* step(siri, "approves the facts of revision 1")
    const objected = yield* send(per, ItemCommand.RaiseObjection({
      revision: 1,
      claim: "The harbour opens in May.",
      correction: "The breakwater is finished in May; boats can moor from 12 June."
    }), item)
    const objection = workOf(objected.state)!.objections.at(-1)!
    yield* step(per, `${yellow("objects")} to a fact (${objection.id}): “${objection.claim}” — ${objection.correction}`)
    const suggested = yield* send(ola, ItemCommand.SuggestFormat({
      revision: 1,
      note: "Could the first line name all seven partners? They'd love the credit."
    }), item)
    const suggestion = workOf(suggested.state)!.suggestions.at(-1)!
    yield* step(ola, `suggests a format change (${suggestion.id}): “${suggestion.note}”`)
    const refused = yield* Effect.either(send(ingrid, ItemCommand.ApproveForPublication({ revision: 1 }), item))
    if (refused._tag === "Left") {
      yield* step(ingrid, `tries to approve for publication: ${dim(Messages.errorMessage(locale, refused.left, context))}`)
    }
    const second = yield* send(ingrid, ItemCommand.WriteDraft({
      baseRevision: 1,
      kind: "content",
      body: body("Boats can moor in the new fishing harbour in Bodø from 12 June! Room for 40 boats, shore power and a new ice plant.", networks)
    }), item)
    const revision = revisionOf(second.state)
    yield* step(ingrid, `fixes the date (content revision ${revision}: the facts need approving again)`)
    yield* send(per, ItemCommand.ResolveObjection({ objection: objection.id, note: "Right date now, thanks!" }), item)
    yield* step(per, `resolves ${objection.id}`)
    yield* send(per, ItemCommand.ApproveFacts({ revision }), item)
    yield* send(siri, ItemCommand.ApproveFacts({ revision }), item)
    yield* step(per, `and Siri approve the facts of revision ${revision}`)
    const reason = "The first line is all the feed shows, so it has to make people stop. I'll thank and tag the partners at the end instead."
    yield* send(ingrid, ItemCommand.DecideFormat({ suggestion: suggestion.id, decision: "declined", explanation: reason, primer: "first-lines" }), item)
    yield* step(ingrid, `declines ${suggestion.id}: ${reason} ${dim("(primer: first-lines)")}`)

    // ── Publishing ───────────────────────────────────────────────────────────────────────────
    yield* heading("Publishing")
    yield* send(ingrid, ItemCommand.ApproveForPublication({ revision }), item)
    yield* step(ingrid, `approves revision ${revision} for publication`)
    const publishedAt = DateTime.subtract(now, { minutes: 5 })
    yield* send(ingrid, ItemCommand.RecordPublication({ network: facebook, url: "https://facebook.com/kystverketnord/posts/fiskerihavn-bodo", publishedAt }), item)
    yield* send(ingrid, ItemCommand.RecordPublication({ network: linkedin, url: "https://linkedin.com/posts/kystverketnord-fiskerihavn-bodo", publishedAt }), item)
    yield* step(ingrid, "records the posts on Facebook and LinkedIn")

    // ── Results ──────────────────────────────────────────────────────────────────────────────
    yield* heading("Results, back to the people who helped")
    yield* send(ingrid, ItemCommand.RecordResults({
      network: facebook,
      capturedAt: now,
      metrics: { reach: 6400, impressions: 9100, reactions: 310, comments: 42, shares: 55 },
      highlights: [{ text: "My father fished from this harbour for forty years. Wonderful!", tone: "positive" }]
    }), item)
    yield* send(ingrid, ItemCommand.RecordResults({
      network: linkedin,
      capturedAt: now,
      metrics: { reach: 2100, impressions: 3300, reactions: 88, comments: 9, shares: 6 },
      highlights: []
    }), item)
    yield* step(ingrid, "records the numbers of both posts")
    const found = yield* Results.share(ws, ingrid.id, item, yield* Commands.newCommandId)
    const messages = yield* Results.messagesFor(found)
    yield* step(ingrid, `shares the results with ${Messages.formatList(locale, found.participants.map((p) => context.name(p.member)))}`)
    const fromOla = messages.find((message) => message.member === ola.id) ?? messages[0]
    if (fromOla !== undefined) {
      yield* line(dim(`  What ${context.name(fromOla.member)} reads:`))
      for (const text of fromOla.text.split("\n")) yield* line(`    ${text}`)
    }
    const chart = messages[0]?.charts[0]
    const chartFile = chartFileOf(db)
    if (chart !== undefined) {
      yield* Effect.sync(() => fs.writeFileSync(chartFile, chart.png))
      yield* line(`  The chart of the ${chart.network} post: ${chartFile}`)
    }

    // ── Celebration and follow-up ────────────────────────────────────────────────────────────
    yield* heading("Celebration and a follow-up")
    yield* line(found.marked ? green("  ✓ Marked a success: it beat the team's recent posts.") : "  Not a success this time.")
    if (found.marked) {
      const celebration = yield* Results.celebration(ws, item)
      for (const text of celebration.split("\n")) yield* line(`    ${text}`)
    }
    const pick = found.followUps.find((suggestion) => suggestion.angle === "people") ?? found.followUps[0]
    let followUp: ItemId | undefined
    if (pick !== undefined) {
      const proposed = yield* Results.acceptFollowUp(ws, ingrid.id, pick, yield* Commands.newCommandId)
      const created = proposed.events.find((recorded) => recorded.event._tag === "FollowUpProposed")?.event
      followUp = created !== undefined && "followUp" in created ? created.followUp as ItemId : undefined
      const wording = words.followUp[pick.angle](found.title)
      yield* step(ingrid, `picks a follow-up: “${wording.title}”${followUp === undefined ? "" : ` (${followUp})`}`)
    }
    const { occurrences, reminder } = yield* Meetings.upcoming(ws, meeting, 1)
    const next = occurrences[0]
    if (next !== undefined) {
      yield* line(`\n  ${bold("The next idea meeting")} (${next.key}): the reminder everyone gets beforehand`)
      if (reminder !== undefined) {
        for (const text of Messages.reminderMessage(locale, reminder, context).split("\n")) yield* line(`    ${text}`)
      }
    }

    // ── What to try next ─────────────────────────────────────────────────────────────────────
    const flag = `--db ${quote(db)}`
    yield* heading("Try it yourself")
    yield* line(`  Done in ${((Date.now() - started) / 1000).toFixed(1)} s. Everything above is in ${db}:`)
    for (
      const command of [
        `npx dugnad board ${flag}`,
        `npx dugnad show ${item} ${flag}`,
        `npx dugnad report people ${flag}`,
        `npx dugnad report goals ${flag}`,
        `npx dugnad meeting next ${meeting} ${flag}`,
        `npx dugnad idea accept ${followUp ?? harbourMaster} ${flag} --as ingrid`,
        `npx dugnad results share ${item} --chart chart.png ${flag} --as ingrid`
      ]
    ) yield* line(`  ${cyan(command)}`)
    return { workspace: ws, item, meeting, followUp, chart: chart === undefined ? null : chartFile }
  })

/**
 * `dugnad demo [--db PATH] [--locale nb|en]`: refuses a database that holds anything, then
 * plays the story on a new SQLite file. A failure part-way removes the file again.
 */
export const demo = (input: { readonly db: Option.Option<string>; readonly locale: Option.Option<Locale> }) => {
  const filename = Option.getOrElse(input.db, () => defaultDemoDatabase)
  const locale = Option.getOrElse(input.locale, () => "en" as const)
  if (/^postgres(ql)?:\/\//i.test(filename)) {
    return Effect.fail(
      new Rejection({
        type: "usage",
        message: "The demo writes a new SQLite file only: give --db a file name, not a postgres:// URL.",
        exitCode: 2,
        json: false
      })
    )
  }
  const location = { _tag: "Sqlite", filename } as const
  return refuseExisting(location).pipe(
    Effect.zipRight(
      story(location, locale).pipe(
        Effect.provide(storeLayer(location)),
        Effect.tapError(() =>
          Effect.sync(() => {
            for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${filename}${suffix}`, { force: true })
          })
        ),
        Effect.catchAll((error) =>
          Effect.fail(
            new Rejection({
              type: typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : "unexpected",
              message: `The demo stopped: ${
                typeof error === "object" && error !== null && "_tag" in error
                  ? Messages.errorMessage(locale, error as Messages.DugnadError, { timeZone: "Europe/Oslo", name: (id) => id })
                  : String(error)
              }`,
              exitCode: 1,
              json: false
            })
          )
        )
      )
    ),
    Effect.asVoid
  )
}

/**
 * `dugnad demo`: the article's whole process, played by five colleagues on a new SQLite file, so a
 * newcomer sees every step and then has a database to try the other commands on.
 *
 * It goes through the same store layer as every other command (`Session.storeLayer`), and the
 * core's own commands and queries: nothing is written behind the core's back. The earlier posts
 * that give the results their context are real items too, published in the past. What the demo
 * says itself is in `DemoText`, in the language given by `--locale` (which is also the workspace's).
 */
import * as Commands from "@dugnad/core/Commands"
import type { DraftBody, Network } from "@dugnad/core/Draft"
import type { ItemId, MeetingId, MemberId } from "@dugnad/core/Ids"
import { workOf } from "@dugnad/core/Item"
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
import { type DemoText, demoText, type EarlierPost, type Idea } from "./DemoText.js"
import { defaultDemoDatabase } from "./Defaults.js"
import { Rejection } from "./Rejection.js"
import { latestRevisionNumber } from "./Run.js"
import { type Location, locationFrom, removeDatabase, storeLayer } from "./Session.js"
import { bold, cyan, dim, green, yellow } from "./Ui.js"


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
const history: ReadonlyArray<{ readonly post: EarlierPost; readonly daysAgo: number; readonly metrics: Metrics }> = [
  { post: "winterStorm", daysAgo: 12, metrics: { reach: 2300, reactions: 64, comments: 7, shares: 5 } },
  { post: "pilotBoat", daysAgo: 21, metrics: { reach: 3100, reactions: 88, comments: 11, shares: 9 } },
  { post: "buoys", daysAgo: 30, metrics: { reach: 1400, reactions: 31, comments: 3, shares: 2 } },
  { post: "summerJobs", daysAgo: 38, metrics: { reach: 2800, reactions: 52, comments: 9, shares: 14 } },
  { post: "lighthouseKeeper", daysAgo: 47, metrics: { reach: 4100, reactions: 130, comments: 22, shares: 17 } },
  { post: "oilSpillDrill", daysAgo: 56, metrics: { reach: 1900, reactions: 40, comments: 4, shares: 3 } },
  { post: "dredging", daysAgo: 65, metrics: { reach: 1600, reactions: 35, comments: 6, shares: 2 } },
  { post: "openDay", daysAgo: 74, metrics: { reach: 2100, reactions: 58, comments: 5, shares: 6 } }
]

/** The team's name for its weekly meeting, the same in both languages (like the team's other names). */
const meetingTitle = "Idémøte"

const facebook: Network = "facebook"
const linkedin: Network = "linkedin"

const body = (text: string, networks: ReadonlyArray<Network>, alt: string): DraftBody => ({
  text,
  perNetwork: {},
  media: [{
    kind: "image",
    url: "https://example.no/bilder/fiskerihavn-bodo.jpg",
    alt
  }],
  networks
})

/**
 * Refuses a database that already holds something: the demo only ever writes a new file.
 * An empty file (e.g. from `mktemp`) counts as new.
 */
const refuseExisting = (location: Location & { readonly _tag: "Sqlite" }, text: DemoText) => {
  const filename = location.filename
  const exists = filename !== ":memory:" && fs.existsSync(filename) && fs.statSync(filename).size > 0
  return exists
    ? Effect.fail(
      new Rejection({
        type: "database_exists",
        message: text.databaseExists(filename),
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
    const text = demoText(locale)

    // ── The team ─────────────────────────────────────────────────────────────────────────────
    yield* heading(text.heading.team)
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
    const goal = yield* Team.addGoal(ws, ingrid.id, { title: text.goal })
    const members: ReadonlyArray<Member> = [ingrid, per, siri, kari, ola]
    const byId = new Map(members.map((member) => [member.id as string, member]))
    const context: Messages.RenderContext = { timeZone: workspace.timeZone, name: (id: MemberId) => byId.get(id)?.name ?? id }
    const words = Messages.messages(locale)
    yield* line(`  ${text.workspace(bold(workspace.name), workspace.id, db)}`)
    for (const member of members) {
      const roles = member.roles.filter((role) => role !== "member").map((role) => words.role[role]).join(", ")
      yield* line(`  ${`@${member.handle}`.padEnd(8)} ${member.name.padEnd(14)} ${dim(`${roles || words.role.member} · ${member.department ?? ""}`)}`)
    }
    yield* line(`  ${text.goalLine(goal.id, goal.title)}`)

    const send = (actor: Member, command: ItemCommand, item?: ItemId) =>
      Effect.flatMap(Commands.newCommandId, (commandId) =>
        Commands.handle({ workspace: ws, commandId, actor: actor.id, item, command }))
    const step = (actor: Member, says: string) => line(`  ${actor.name.padEnd(14)} ${says}`)

    // ── The history ──────────────────────────────────────────────────────────────────────────
    yield* heading(text.heading.earlierPosts)
    const now = yield* DateTime.now
    for (const earlier of history) {
      const title = text.earlierPost[earlier.post]
      const submitted = yield* send(ola, ItemCommand.SubmitIdea({ title, pitch: title, goals: [goal.id], concerns: [] }))
      const item = submitted.item
      yield* send(ingrid, ItemCommand.AcceptIdea(), item)
      yield* send(ingrid, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body(title, [facebook], text.photoAlt) }), item)
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
    yield* line(`  ${text.earlierPostsPublished(history.length, history[history.length - 1]!.daysAgo)}`)

    // ── The idea meeting ─────────────────────────────────────────────────────────────────────
    yield* heading(text.heading.ideaMeeting)
    const firstMeeting = localDate(DateTime.subtract(now, { days: 14 }), workspace.timeZone)
    const scheduled = yield* Effect.flatMap(Commands.newCommandId, (commandId) =>
      Meetings.handle({
        workspace: ws,
        commandId,
        actor: ingrid.id,
        command: Meeting.MeetingCommand.ScheduleMeeting({
          title: meetingTitle,
          start: `${firstMeeting}T10:00`,
          rrule: "FREQ=WEEKLY",
          durationMinutes: 45,
          channel: "innhold",
          invitees: { roles: [], departments: [], members: [] },
          agenda: text.agenda
        })
      }))
    const meeting: MeetingId = scheduled.meeting
    yield* step(ingrid, text.schedulesMeeting(meetingTitle, firstMeeting, meeting))

    const brought: ReadonlyArray<{ readonly by: Member; readonly idea: Idea; readonly concerns: ReadonlyArray<MemberId> }> = [
      { by: ola, idea: "harbour", concerns: [per.id, siri.id] },
      { by: per, idea: "quotas", concerns: [] },
      { by: siri, idea: "climateReport", concerns: [] },
      { by: kari, idea: "harbourMaster", concerns: [] },
      { by: ingrid, idea: "icePlant", concerns: [per.id] }
    ]
    const ideas: Array<ItemId> = []
    for (const idea of brought) {
      const { pitch, title } = text.idea[idea.idea]
      const result = yield* send(idea.by, ItemCommand.SubmitIdea({
        title,
        pitch,
        goals: [goal.id],
        concerns: idea.concerns,
        meeting,
        department: idea.by.department
      }))
      ideas.push(result.item)
      yield* step(idea.by, text.bringsIdea(title, result.item))
    }
    const [item, quotas, report, harbourMaster, icePlant] = ideas as [ItemId, ItemId, ItemId, ItemId, ItemId]

    // ── Triage ───────────────────────────────────────────────────────────────────────────────
    yield* heading(text.heading.triage)
    yield* send(ingrid, ItemCommand.AcceptIdea(), item)
    yield* step(ingrid, text.accepts(text.idea.harbour.title, green))
    yield* send(ingrid, ItemCommand.ParkIdea({ reason: text.parkReason }), quotas)
    yield* step(ingrid, text.parks(text.idea.quotas.title, text.parkReason, yellow))
    yield* send(ingrid, ItemCommand.DeclineIdea({ reason: text.declineReason }), report)
    yield* step(ingrid, text.declines(text.idea.climateReport.title, text.declineReason))
    yield* line(dim(`  ${text.waitForNextMeeting(text.idea.harbourMaster.title, harbourMaster, text.idea.icePlant.title, icePlant)}`))

    // ── Draft and review ─────────────────────────────────────────────────────────────────────
    yield* heading(text.heading.review)
    const networks = [facebook, linkedin]
    yield* send(ingrid, ItemCommand.WriteDraft({
      baseRevision: 0,
      kind: "content",
      body: body(text.firstDraft, networks, text.photoAlt)
    }), item)
    yield* step(ingrid, text.writesFirstDraft)
    yield* send(ingrid, ItemCommand.RequestReview({
      reviewers: [{ member: per.id, expert: true }, { member: siri.id, expert: true }, { member: ola.id, expert: false }],
      due: DateTime.add(now, { days: 2 })
    }), item)
    yield* step(ingrid, text.requestsReview)
    yield* send(siri, ItemCommand.ApproveFacts({ revision: 1 }), item)
    yield* step(siri, text.approvesFacts(1))
    const objected = yield* send(per, ItemCommand.RaiseObjection({
      revision: 1,
      claim: text.claim,
      correction: text.correction
    }), item)
    const objection = workOf(objected.state)!.objections.at(-1)!
    yield* step(per, text.objects(objection.id, objection.claim, objection.correction, yellow))
    const suggested = yield* send(ola, ItemCommand.SuggestFormat({
      revision: 1,
      note: text.formatSuggestion
    }), item)
    const suggestion = workOf(suggested.state)!.suggestions.at(-1)!
    yield* step(ola, text.suggestsFormat(suggestion.id, suggestion.note))
    const refused = yield* Effect.either(send(ingrid, ItemCommand.ApproveForPublication({ revision: 1 }), item))
    if (refused._tag === "Left") {
      yield* step(ingrid, text.triesToApprove(dim(Messages.errorMessage(locale, refused.left, context))))
    }
    const second = yield* send(ingrid, ItemCommand.WriteDraft({
      baseRevision: 1,
      kind: "content",
      body: body(text.secondDraft, networks, text.photoAlt)
    }), item)
    const revision = latestRevisionNumber(second.state)
    yield* step(ingrid, text.fixesDate(revision))
    yield* send(per, ItemCommand.ResolveObjection({ objection: objection.id, note: text.resolveNote }), item)
    yield* step(per, text.resolves(objection.id))
    yield* send(per, ItemCommand.ApproveFacts({ revision }), item)
    yield* send(siri, ItemCommand.ApproveFacts({ revision }), item)
    yield* step(per, text.andSiriApproveFacts(revision))
    const primer = "first-lines"
    yield* send(ingrid, ItemCommand.DecideFormat({ suggestion: suggestion.id, decision: "declined", explanation: text.formatReason, primer }), item)
    yield* step(ingrid, text.declinesSuggestion(suggestion.id, text.formatReason, primer, dim))

    // ── Publishing ───────────────────────────────────────────────────────────────────────────
    yield* heading(text.heading.publishing)
    yield* send(ingrid, ItemCommand.ApproveForPublication({ revision }), item)
    yield* step(ingrid, text.approvesForPublication(revision))
    const publishedAt = DateTime.subtract(now, { minutes: 5 })
    yield* send(ingrid, ItemCommand.RecordPublication({ network: facebook, url: "https://facebook.com/kystverketnord/posts/fiskerihavn-bodo", publishedAt }), item)
    yield* send(ingrid, ItemCommand.RecordPublication({ network: linkedin, url: "https://linkedin.com/posts/kystverketnord-fiskerihavn-bodo", publishedAt }), item)
    yield* step(ingrid, text.recordsPosts)

    // ── Results ──────────────────────────────────────────────────────────────────────────────
    yield* heading(text.heading.results)
    yield* send(ingrid, ItemCommand.RecordResults({
      network: facebook,
      capturedAt: now,
      metrics: { reach: 6400, impressions: 9100, reactions: 310, comments: 42, shares: 55 },
      highlights: [{ text: text.comment, tone: "positive" }]
    }), item)
    yield* send(ingrid, ItemCommand.RecordResults({
      network: linkedin,
      capturedAt: now,
      metrics: { reach: 2100, impressions: 3300, reactions: 88, comments: 9, shares: 6 },
      highlights: []
    }), item)
    yield* step(ingrid, text.recordsNumbers)
    const found = yield* Results.share(ws, ingrid.id, item, yield* Commands.newCommandId)
    const messages = yield* Results.messagesFor(found)
    yield* step(ingrid, text.sharesResults(Messages.formatList(locale, found.participants.map((p) => context.name(p.member)))))
    const fromOla = messages.find((message) => message.member === ola.id) ?? messages[0]
    if (fromOla !== undefined) {
      yield* line(dim(`  ${text.whatTheyRead(context.name(fromOla.member))}`))
      for (const feedback of fromOla.text.split("\n")) yield* line(`    ${feedback}`)
    }
    const chart = messages[0]?.charts[0]
    const chartFile = chartFileOf(db)
    if (chart !== undefined) {
      yield* Effect.sync(() => fs.writeFileSync(chartFile, chart.png))
      yield* line(`  ${text.chart(words.network[chart.network], chartFile)}`)
    }
    // A chart that could not be drawn is said, not silently missing (the message has the numbers).
    for (const failure of messages[0]?.chartFailures ?? []) {
      yield* line(`  ${yellow(text.chartFailed(words.network[failure.network]))}`)
      yield* line(`    ${Messages.errorMessage(locale, failure.error, context)}`)
    }

    // ── Celebration and follow-up ────────────────────────────────────────────────────────────
    yield* heading(text.heading.celebration)
    yield* line(found.marked ? green(`  ${text.markedSuccess}`) : `  ${text.notASuccess}`)
    if (found.marked) {
      const celebration = yield* Results.celebration(ws, item)
      for (const celebrated of celebration.split("\n")) yield* line(`    ${celebrated}`)
    }
    const pick = found.followUps.find((suggestion) => suggestion.angle === "people") ?? found.followUps[0]
    let followUp: ItemId | undefined
    if (pick !== undefined) {
      const proposed = yield* Results.acceptFollowUp(ws, ingrid.id, pick, yield* Commands.newCommandId)
      const created = proposed.events.find((recorded) => recorded.event._tag === "FollowUpProposed")?.event
      followUp = created !== undefined && "followUp" in created ? created.followUp as ItemId : undefined
      const wording = words.followUp[pick.angle](found.title)
      yield* step(ingrid, text.picksFollowUp(wording.title, followUp))
    }
    const { occurrences, reminder } = yield* Meetings.upcoming(ws, meeting, 1)
    const next = occurrences[0]
    if (next !== undefined) {
      yield* line(`\n  ${text.nextMeeting(next.key, bold)}`)
      if (reminder !== undefined) {
        for (const reminded of Messages.reminderMessage(locale, reminder, context).split("\n")) yield* line(`    ${reminded}`)
      }
    }

    // ── What to try next ─────────────────────────────────────────────────────────────────────
    const flag = `--db ${quote(db)}`
    yield* heading(text.heading.tryIt)
    yield* line(`  ${text.done((Date.now() - started) / 1000, db)}`)
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
  const text = demoText(locale)
  const location = locationFrom(filename)
  if (location._tag === "Postgres") {
    return Effect.fail(
      new Rejection({
        type: "usage",
        message: text.postgresRefused,
        exitCode: 2,
        json: false
      })
    )
  }
  return refuseExisting(location, text).pipe(
    Effect.zipRight(
      story(location, locale).pipe(
        Effect.provide(storeLayer(location)),
        Effect.tapError(() => removeDatabase(filename)),
        Effect.catchAll((error) =>
          Effect.fail(
            new Rejection({
              type: typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : "unexpected",
              message: text.stopped(
                typeof error === "object" && error !== null && "_tag" in error
                  ? Messages.errorMessage(locale, error as Messages.DugnadError, { timeZone: "Europe/Oslo", name: (id) => id })
                  : String(error)
              ),
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

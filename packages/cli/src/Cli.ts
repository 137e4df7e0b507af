/**
 * The `dugnad` command tree. Names and flags are the scripting interface: keep them stable.
 */
import * as Args from "@effect/cli/Args"
import * as CliConfig from "@effect/cli/CliConfig"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import { type Network, networks } from "@dugnad/core/Draft"
import { GoalId, ItemId, MeetingId, ObjectionId, SuggestionId } from "@dugnad/core/Ids"
import { stages } from "@dugnad/core/Item"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { completionScript, type Shell, shells } from "./Completions.js"
import { defaultDatabase, defaultDemoDatabase } from "./Defaults.js"
import { Rejection } from "./Rejection.js"
import { localeOfEnvironment, ui } from "./Ui.js"
import type { Common } from "./Session.js"

// ---------------------------------------------------------------------------------------------
// The code behind the commands, loaded when one runs: `--help` and usage errors never load the
// core, the stores or the drivers.

const handlers = <A, E, R>(use: (module: typeof import("./Handlers.js")) => Effect.Effect<A, E, R>) =>
  Effect.flatMap(Effect.promise(() => import("./Handlers.js")), use)

const demoModule = <A, E, R>(use: (module: typeof import("./Demo.js")) => Effect.Effect<A, E, R>) =>
  Effect.flatMap(Effect.promise(() => import("./Demo.js")), use)

/** A group run without one of its commands (`dugnad review`): a usage error, answered with the group's help. */
const chooseSubcommand = Effect.fail(
  new Rejection({ type: "usage", message: ui(localeOfEnvironment()).chooseCommand, exitCode: 2, json: false })
)

// ---------------------------------------------------------------------------------------------
// Options every command takes

const common = {
  db: Options.text("db").pipe(Options.withPseudoName("PATH|URL"), 
    Options.withDescription(`The database: a SQLite file, or a postgres:// URL (default: DUGNAD_DB, else ${defaultDatabase}).`),
    Options.optional
  ),
  as: Options.text("as").pipe(Options.withPseudoName("HANDLE"), 
    Options.withDescription("Who you are: your member handle (default: DUGNAD_AS)."),
    Options.optional
  ),
  json: Options.boolean("json").pipe(Options.withDescription("Print the result as JSON, for scripts.")),
  locale: Options.choice("locale", ["nb", "en"]).pipe(
    Options.withDescription("The language to answer in (default: yours, else the workspace's)."),
    Options.optional
  )
}

const commonOf = (config: Common): Common => ({
  db: config.db,
  as: config.as,
  json: config.json,
  locale: config.locale
})

// ---------------------------------------------------------------------------------------------
// Arguments

const nonEmpty = (what: string) => (text: string) =>
  text.trim() === ""
    ? Effect.fail(HelpDoc.p(ui(localeOfEnvironment()).emptyId(what)))
    : Effect.succeed(text.trim())

const itemArg = Args.text({ name: "ITEM" }).pipe(
  Args.withDescription("The item's id, as shown by board and show (e.g. k7m2qd)."),
  Args.mapEffect(nonEmpty("ITEM")),
  Args.map((id) => ItemId.make(id.toLowerCase()))
)

const objectionArg = Args.text({ name: "OBJECTION" }).pipe(
  Args.withDescription("The objection's id, e.g. O1."),
  Args.mapEffect(nonEmpty("OBJECTION")),
  Args.map((id) => ObjectionId.make(id.toUpperCase()))
)

const suggestionArg = Args.text({ name: "SUGGESTION" }).pipe(
  Args.withDescription("The suggestion's id, e.g. S1."),
  Args.mapEffect(nonEmpty("SUGGESTION")),
  Args.map((id) => SuggestionId.make(id.toUpperCase()))
)

const roles = ["expert", "manager", "advisor", "member"] as const

const goalId = (text: string) => GoalId.make(text.trim().toUpperCase())

const networkOption = (name: string) =>
  Options.choice(name, networks as ReadonlyArray<Network> as [Network, ...Array<Network>])

// ---------------------------------------------------------------------------------------------
// init

const init = Command.make(
  "init",
  {
    db: common.db,
    json: common.json,
    name: Options.text("name").pipe(Options.withPseudoName("NAME"), Options.withDescription("The workspace's name (your organisation or team).")),
    workspaceLocale: Options.choice("locale", ["nb", "en"]).pipe(
      Options.withDescription("The workspace's language: nb (Norwegian Bokmål) or en (English).")
    ),
    timeZone: Options.text("time-zone").pipe(Options.withPseudoName("ZONE"), 
      Options.withDescription("An IANA time zone (default Europe/Oslo)."),
      Options.optional
    ),
    founder: Options.text("founder").pipe(Options.withPseudoName("HANDLE"), Options.withDescription("Your handle: you join as the first advisor.")),
    founderName: Options.text("founder-name").pipe(Options.withPseudoName("NAME"), Options.withDescription("Your name as colleagues see it."))
  },
  (config) =>
    handlers((Handlers) => Handlers.init(
      { db: config.db, as: Option.none(), json: config.json, locale: Option.some(config.workspaceLocale) },
      {
        name: config.name,
        locale: config.workspaceLocale,
        timeZone: config.timeZone,
        founder: config.founder,
        founderName: config.founderName
      }
    ))
).pipe(Command.withDescription("Create the workspace in a new database."))

// ---------------------------------------------------------------------------------------------
// member, goal

const memberAdd = Command.make(
  "add",
  {
    ...common,
    handle: Args.text({ name: "HANDLE" }).pipe(Args.withDescription("Their handle: lower-case letters, digits, . _ -")),
    name: Options.text("name").pipe(Options.withPseudoName("NAME"), Options.withDescription("Their name.")),
    roles: Options.choice("role", roles).pipe(
      Options.withDescription("A role: expert, manager or advisor (repeat for several; everyone is a member)."),
      Options.repeated
    ),
    department: Options.text("department").pipe(Options.withPseudoName("DEPARTMENT"), Options.optional),
    fields: Options.text("field").pipe(Options.withPseudoName("FIELD"), 
      Options.withDescription("A subject field they know (repeat for several)."),
      Options.repeated
    )
  },
  (config) => handlers((Handlers) => Handlers.memberAdd(commonOf(config), config))
).pipe(Command.withDescription("Add a colleague (advisors and managers)."))

const memberList = Command.make("list", { ...common }, (config) => handlers((Handlers) => Handlers.memberList(commonOf(config))))
  .pipe(Command.withDescription("List the members."))

const member = Command.make("member", {}, () => chooseSubcommand).pipe(
  Command.withDescription("Members of the workspace."),
  Command.withSubcommands([memberAdd, memberList])
)

const goalAdd = Command.make(
  "add",
  {
    ...common,
    title: Args.text({ name: "TITLE" }).pipe(Args.withDescription("The goal.")),
    description: Options.text("description").pipe(Options.withPseudoName("TEXT"), Options.optional)
  },
  (config) => handlers((Handlers) => Handlers.goalAdd(commonOf(config), config))
).pipe(Command.withDescription("Register an organisation goal (advisors and managers)."))

const goalList = Command.make("list", { ...common }, (config) => handlers((Handlers) => Handlers.goalList(commonOf(config))))
  .pipe(Command.withDescription("List the goals."))

const goal = Command.make("goal", {}, () => chooseSubcommand).pipe(
  Command.withDescription("The organisation's goals."),
  Command.withSubcommands([goalAdd, goalList])
)

// ---------------------------------------------------------------------------------------------
// idea

const ideaSubmit = Command.make(
  "submit",
  {
    ...common,
    title: Args.text({ name: "TITLE" }).pipe(Args.withDescription("The idea in a few words.")),
    pitch: Options.text("pitch").pipe(Options.withPseudoName("TEXT"), Options.withDescription("What it is and why it could become content."), Options.optional),
    goals: Options.text("goal").pipe(Options.withPseudoName("GOAL"), Options.withDescription("A goal it serves, e.g. G1 (repeat for several)."), Options.repeated),
    department: Options.text("department").pipe(Options.withPseudoName("DEPARTMENT"), Options.optional),
    concerns: Options.text("concerns").pipe(Options.withPseudoName("HANDLE"), 
      Options.withDescription("A colleague it concerns, by handle (repeat for several)."),
      Options.repeated
    ),
    meeting: Options.text("meeting").pipe(Options.withPseudoName("MEETING"), Options.withDescription("The idea meeting it was brought to."), Options.optional)
  },
  (config) =>
    handlers((Handlers) => Handlers.ideaSubmit(commonOf(config), {
      title: config.title,
      pitch: config.pitch,
      goals: config.goals.map(goalId),
      department: config.department,
      concerns: config.concerns,
      meeting: Option.getOrUndefined(Option.map(config.meeting, (id) => MeetingId.make(id.trim())))
    }))
).pipe(Command.withDescription("Submit an idea (anyone)."))

const triage = (name: "accept" | "park" | "revive" | "decline", description: string) =>
  Command.make(
    name,
    {
      ...common,
      item: itemArg,
      reason: Options.text("reason").pipe(Options.withPseudoName("TEXT"), 
        Options.withDescription("Why (required to park or decline: the contributor is told)."),
        Options.optional
      )
    },
    (config) => handlers((Handlers) => Handlers.triage(commonOf(config), name, config.item, config.reason))
  ).pipe(Command.withDescription(description))

const ideaAccept = triage("accept", "Take the idea on and start a draft (advisors).")
const ideaPark = triage("park", "Park the idea for now, with a reason (advisors).")
const ideaRevive = triage("revive", "Bring a parked idea back (advisors).")
const ideaDecline = triage("decline", "Decline the idea with a kind reason (advisors).")

const idea = Command.make("idea", {}, () => chooseSubcommand).pipe(
  Command.withDescription("Ideas: submit, and triage (advisors)."),
  Command.withSubcommands([ideaSubmit, ideaAccept, ideaPark, ideaRevive, ideaDecline])
)

// ---------------------------------------------------------------------------------------------
// draft

const draftWrite = Command.make(
  "write",
  {
    ...common,
    item: itemArg,
    text: Options.text("text").pipe(Options.withPseudoName("TEXT"), 
      Options.withDescription("The post's text."),
      Options.orElseEither(
        Options.fileText("text-file").pipe(Options.withPseudoName("FILE"), Options.withDescription("Read the post's text from a file."))
      )
    ),
    networks: networkOption("network").pipe(
      Options.withDescription("A network to post on (repeat for several; default: the previous revision's)."),
      Options.repeated
    ),
    media: Options.text("media").pipe(Options.withPseudoName("KIND:URL:ALT"), 
      Options.withDescription(
        "A picture or video as KIND:URL:ALT, KIND one of image, illustration, video (repeat; default: the previous revision's)."
      ),
      Options.repeated
    ),
    kind: Options.choice("kind", ["content", "format"]).pipe(
      Options.withDescription("content (facts need approving again) or format (approvals stand)."),
      Options.withDefault("content" as const)
    )
  },
  (config) =>
    handlers((Handlers) => Handlers.draftWrite(commonOf(config), {
      item: config.item,
      text: config.text._tag === "Left" ? config.text.left : config.text.right[1],
      networks: config.networks,
      media: config.media,
      kind: config.kind
    }))
).pipe(Command.withDescription("Write the draft, or a new revision of it (advisors)."))

const draft = Command.make("draft", {}, () => chooseSubcommand).pipe(
  Command.withDescription("The draft."),
  Command.withSubcommands([draftWrite])
)

// ---------------------------------------------------------------------------------------------
// review

const reviewRequest = Command.make(
  "request",
  {
    ...common,
    item: itemArg,
    reviewers: Options.text("reviewer").pipe(Options.withPseudoName("HANDLE"), 
      Options.withDescription("A colleague to review, by handle (repeat; at least one subject expert in all)."),
      Options.atLeast(1)
    ),
    due: Options.text("due").pipe(Options.withPseudoName("TIME"), 
      Options.withDescription("When the review is due: 2026-12-01T10:00 (workspace time) or ISO 8601 with a zone."),
      Options.optional
    )
  },
  (config) => handlers((Handlers) => Handlers.reviewRequest(commonOf(config), config.item, config.reviewers, config.due))
).pipe(Command.withDescription("Send the draft to the people concerned (advisors)."))

const reviewApprove = Command.make(
  "approve",
  {
    ...common,
    item: itemArg,
    revision: Options.integer("revision").pipe(Options.withPseudoName("N"), 
      Options.withDescription("The revision you read (default: the latest)."),
      Options.optional
    )
  },
  (config) => handlers((Handlers) => Handlers.reviewApprove(commonOf(config), config.item, config.revision))
).pipe(Command.withDescription("Approve the facts (expert reviewers)."))

const reviewObject = Command.make(
  "object",
  {
    ...common,
    item: itemArg,
    claim: Options.text("claim").pipe(Options.withPseudoName("TEXT"), Options.withDescription("What is wrong.")),
    correction: Options.text("correction").pipe(Options.withPseudoName("TEXT"), Options.withDescription("What is right."))
  },
  (config) => handlers((Handlers) => Handlers.reviewObject(commonOf(config), config.item, config.claim, config.correction))
).pipe(Command.withDescription("Raise a fact objection on the latest revision (expert reviewers): it blocks approval."))

const reviewResolve = Command.make(
  "resolve",
  {
    ...common,
    item: itemArg,
    objection: objectionArg,
    note: Options.text("note").pipe(Options.withPseudoName("TEXT"), Options.optional)
  },
  (config) => handlers((Handlers) => Handlers.reviewResolve(commonOf(config), config.item, config.objection, config.note))
).pipe(Command.withDescription("Resolve your own fact objection (only the expert who raised it)."))

const reviewSuggest = Command.make(
  "suggest",
  {
    ...common,
    item: itemArg,
    note: Options.text("note").pipe(Options.withPseudoName("TEXT"), Options.withDescription("The format change you suggest."))
  },
  (config) => handlers((Handlers) => Handlers.reviewSuggest(commonOf(config), config.item, config.note))
).pipe(Command.withDescription("Suggest a format change on the latest revision (reviewers)."))

const reviewDecide = Command.make(
  "decide",
  {
    ...common,
    item: itemArg,
    suggestion: suggestionArg,
    accept: Options.boolean("accept").pipe(Options.withDescription("Take the suggestion up.")),
    decline: Options.boolean("decline").pipe(Options.withDescription("Do not take it up.")),
    reason: Options.text("reason").pipe(Options.withPseudoName("TEXT"), Options.withDescription("Why: the suggester is told."))
  },
  (config) =>
    handlers((Handlers) => Handlers.reviewDecide(commonOf(config), config.item, config.suggestion, config.accept, config.decline, config.reason))
).pipe(Command.withDescription("Decide a format suggestion, with a reason (advisors)."))

const review = Command.make("review", {}, () => chooseSubcommand).pipe(
  Command.withDescription("The review: facts (experts' veto) and format (the advisor decides)."),
  Command.withSubcommands([reviewRequest, reviewApprove, reviewObject, reviewResolve, reviewSuggest, reviewDecide])
)

// ---------------------------------------------------------------------------------------------
// comment, approve, withdraw, publish

const comment = Command.make(
  "comment",
  { ...common, item: itemArg, text: Args.text({ name: "TEXT" }) },
  (config) => handlers((Handlers) => Handlers.comment(commonOf(config), config.item, config.text))
).pipe(Command.withDescription("Comment on an item (anyone; never blocks)."))

const approve = Command.make(
  "approve",
  { ...common, item: itemArg },
  (config) => handlers((Handlers) => Handlers.approve(commonOf(config), config.item))
).pipe(Command.withDescription("Approve the latest revision for publication (advisors)."))

const withdraw = Command.make(
  "withdraw",
  { ...common, item: itemArg, reason: Options.text("reason").pipe(Options.withPseudoName("TEXT"), Options.withDescription("Why.")) },
  (config) => handlers((Handlers) => Handlers.withdraw(commonOf(config), config.item, config.reason))
).pipe(Command.withDescription("Withdraw an item before publication."))

const publish = Command.make(
  "publish",
  {
    ...common,
    item: itemArg,
    network: networkOption("network").pipe(Options.withDescription("Where it went out.")),
    url: Options.text("url").pipe(Options.withPseudoName("URL"), Options.withDescription("The post's link.")),
    at: Options.text("at").pipe(Options.withPseudoName("TIME"), 
      Options.withDescription("When it went out (default: now): 2026-12-01T10:00 (workspace time) or ISO 8601."),
      Options.optional
    )
  },
  (config) => handlers((Handlers) => Handlers.publish(commonOf(config), config.item, config.network, config.url, config.at))
).pipe(Command.withDescription("Record a publication on one network (advisors)."))

// ---------------------------------------------------------------------------------------------
// show, board

const show = Command.make("show", { ...common, item: itemArg }, (config) => handlers((Handlers) => Handlers.show(commonOf(config), config.item)))
  .pipe(Command.withDescription("An item: its stage, current draft, reviews and timeline."))

const board = Command.make(
  "board",
  {
    ...common,
    goal: Options.text("goal").pipe(Options.withPseudoName("GOAL"), Options.withDescription("Only items serving this goal, e.g. G1."), Options.optional),
    state: Options.choice("state", stages.filter((stage) => stage !== "None")).pipe(
      Options.withDescription("Only items at this stage."),
      Options.optional
    )
  },
  (config) => handlers((Handlers) => Handlers.board(commonOf(config), config.goal, config.state))
).pipe(Command.withDescription("Every item by stage."))

const count = (name: string, description: string) =>
  Options.integer(name).pipe(Options.withPseudoName("N"), Options.withDescription(description), Options.optional)

const resultsRecord = Command.make(
  "record",
  {
    ...common,
    item: itemArg,
    network: networkOption("network").pipe(Options.withDescription("The network the post is on.")),
    reach: count("reach", "People reached."),
    impressions: count("impressions", "Times shown."),
    likes: count("likes", "Reactions (likes)."),
    comments: count("comments", "Comments."),
    shares: count("shares", "Shares."),
    saves: count("saves", "Saves."),
    clicks: count("clicks", "Link clicks."),
    views: count("views", "Video views."),
    highlights: Options.text("highlight").pipe(
      Options.withPseudoName("TEXT"),
      Options.withDescription("A notable comment to keep (repeat for several)."),
      Options.repeated
    )
  },
  (config) =>
    handlers((Handlers) => Handlers.resultsRecord(commonOf(config), config.item, {
      network: config.network,
      metrics: {
        reach: config.reach,
        impressions: config.impressions,
        reactions: config.likes,
        comments: config.comments,
        shares: config.shares,
        saves: config.saves,
        clicks: config.clicks,
        videoViews: config.views
      },
      highlights: config.highlights
    }))
).pipe(Command.withDescription("Record a post's numbers by hand (advisors)."))

const resultsImport = Command.make(
  "import",
  {
    ...common,
    file: Args.fileContent({ name: "FILE" }).pipe(Args.withDescription("The network's CSV export.")),
    format: Options.choice("format", ["meta", "meta-facebook", "meta-instagram", "linkedin"]).pipe(
      Options.withDescription("meta (Meta Business Suite: Facebook or Instagram, told apart by the columns) or linkedin.")
    )
  },
  (config) => handlers((Handlers) => Handlers.resultsImport(commonOf(config), config.file[0], config.file[1], config.format))
).pipe(Command.withDescription("Import results from a network's CSV export, matched by post id or link (advisors)."))

const resultsShare = Command.make(
  "share",
  {
    ...common,
    item: itemArg,
    chart: Options.text("chart").pipe(
      Options.withPseudoName("FILE.png"),
      Options.withDescription("Write the chart of the first post (its engagement among recent posts) to this PNG file."),
      Options.optional
    )
  },
  (config) => handlers((Handlers) => Handlers.resultsShare(commonOf(config), config.item, config.chart))
).pipe(Command.withDescription("Share the results with everyone who helped, in context; marks a success (advisors)."))

const results = Command.make("results", {}, () => chooseSubcommand).pipe(
  Command.withDescription("Results of published posts."),
  Command.withSubcommands([resultsRecord, resultsImport, resultsShare])
)

const reportCommand = (kind: "goals" | "people", description: string) =>
  Command.make(
    kind,
    {
      ...common,
      from: Options.text("from").pipe(
        Options.withPseudoName("DATE"),
        Options.withDescription("The first day (default: 90 days before --to)."),
        Options.optional
      ),
      to: Options.text("to").pipe(
        Options.withPseudoName("DATE"),
        Options.withDescription("The last day, included (default: now)."),
        Options.optional
      )
    },
    (config) => handlers((Handlers) => Handlers.report(commonOf(config), kind, config.from, config.to))
  ).pipe(Command.withDescription(description))

const reportGoals = reportCommand("goals", "What social media did for each goal: ideas, posts, reach, engagement, best posts.")
const reportPeople = reportCommand("people", "Who took part: ideas, reviews and posts per person and department.")

const report = Command.make("report", {}, () => chooseSubcommand).pipe(
  Command.withDescription("Reports for a period."),
  Command.withSubcommands([reportGoals, reportPeople])
)

const meetingArg = Args.text({ name: "MEETING" }).pipe(
  Args.withDescription("The meeting series' id, as printed by meeting schedule."),
  Args.mapEffect(nonEmpty("MEETING"))
)

const meetingSchedule = Command.make(
  "schedule",
  {
    ...common,
    title: Args.text({ name: "TITLE" }),
    start: Options.text("start").pipe(
      Options.withPseudoName("LOCAL"),
      Options.withDescription("The first meeting's local start, e.g. 2026-03-03T10:00.")
    ),
    rrule: Options.text("rrule").pipe(
      Options.withPseudoName("RULE"),
      Options.withDescription("An RFC 5545 rule, e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=TU.")
    ),
    timeZone: Options.text("tz").pipe(
      Options.withPseudoName("ZONE"),
      Options.withDescription("An IANA time zone (default: the workspace's)."),
      Options.optional
    ),
    duration: Options.integer("duration").pipe(
      Options.withPseudoName("MIN"),
      Options.withDescription("Minutes (default 60)."),
      Options.withDefault(60)
    ),
    invite: Options.text("invite").pipe(
      Options.withPseudoName("ROLE|HANDLE"),
      Options.withDescription("A role (expert, manager, advisor, member) or a colleague's handle (repeat; none: everyone)."),
      Options.repeated
    ),
    channel: Options.text("channel").pipe(Options.withPseudoName("CHANNEL"), Options.optional),
    agenda: Options.text("agenda").pipe(
      Options.withPseudoName("TEXT"),
      Options.withDescription("An agenda point (repeat)."),
      Options.repeated
    )
  },
  (config) => handlers((Handlers) => Handlers.meetingSchedule(commonOf(config), config))
).pipe(Command.withDescription("Schedule the recurring idea meeting (advisors and managers)."))

const meetingNext = Command.make(
  "next",
  {
    ...common,
    meeting: meetingArg,
    count: Options.integer("count").pipe(Options.withPseudoName("N"), Options.withDefault(1))
  },
  (config) => handlers((Handlers) => Handlers.meetingNext(commonOf(config), config.meeting, config.count))
).pipe(Command.withDescription("The next meeting(s), with the reminder the next one will carry."))

const meetingSummary = Command.make(
  "summary",
  {
    ...common,
    meeting: meetingArg,
    occurrence: Options.text("occurrence").pipe(
      Options.withPseudoName("LOCAL"),
      Options.withDescription("Which meeting, by its original local start (default: the last one)."),
      Options.optional
    )
  },
  (config) => handlers((Handlers) => Handlers.meetingSummary(commonOf(config), config.meeting, config.occurrence))
).pipe(Command.withDescription("A meeting's summary: its ideas, who came, next steps."))

const meetingIcs = Command.make(
  "ics",
  {
    ...common,
    meeting: meetingArg,
    out: Options.text("out").pipe(Options.withPseudoName("FILE"), Options.optional)
  },
  (config) => handlers((Handlers) => Handlers.meetingIcs(commonOf(config), config.meeting, config.out))
).pipe(Command.withDescription("The series as an iCalendar (.ics) file, for any calendar."))

const meeting = Command.make("meeting", {}, () => chooseSubcommand).pipe(
  Command.withDescription("The recurring idea meeting."),
  Command.withSubcommands([meetingSchedule, meetingNext, meetingSummary, meetingIcs])
)

const checks = Command.make("checks", { ...common, item: itemArg }, (config) => handlers((Handlers) => Handlers.checks(commonOf(config), config.item)))
  .pipe(Command.withDescription("The format checks of the latest revision, each citing the primer."))

const primer = Command.make(
  "primer",
  {
    ...common,
    network: Args.choice(networks.map((network) => [network, network] as [string, Network])).pipe(
      Args.withDescription("Only the entries about this network, in full."),
      Args.optional
    )
  },
  (config) => handlers((Handlers) => Handlers.primer(commonOf(config), config.network))
).pipe(Command.withDescription("How social media works: the primer, per network."))

const demo = Command.make(
  "demo",
  {
    db: Options.text("db").pipe(
      Options.withPseudoName("PATH"),
      Options.withDescription(`A new SQLite file to play the demo in (default: ${defaultDemoDatabase}); refused if it holds anything.`),
      Options.optional
    ),
    locale: common.locale
  },
  (config) => demoModule((Demo) => Demo.demo({ db: config.db, locale: config.locale }))
).pipe(Command.withDescription("Play the whole process once with five colleagues, on a new database: start here."))

// ---------------------------------------------------------------------------------------------
// discord, mattermost

/**
 * A chat bot, configured by its environment variables (see the adapter's README). Loaded only
 * here: the adapter and its client library stay outside the bundle (tsup.config.ts), so they cost
 * the other commands nothing. The bot prints its own one-line errors and sets the exit code (2 for
 * a missing or invalid variable); the command ends when the bot has started, and the process lives
 * on until SIGINT or SIGTERM.
 */
const botCommand = (
  name: "discord" | "mattermost",
  load: () => Promise<{ readonly run: () => Promise<unknown> }>,
  description: string
) =>
  Command.make(name, {}, () =>
    Effect.tryPromise({
      try: load,
      catch: () =>
        new Rejection({
          type: "unavailable",
          message: ui(localeOfEnvironment()).botUnavailable(name),
          exitCode: 1,
          json: false
        })
    }).pipe(Effect.flatMap((bot) => Effect.promise(() => bot.run())), Effect.asVoid)
  ).pipe(Command.withDescription(description))

const discord = botCommand(
  "discord",
  () => import("@dugnad/adapter-discord/Main"),
  "Run the Discord bot: DISCORD_TOKEN, DISCORD_APPLICATION_ID and the other DISCORD_* variables, the store from DUGNAD_DB."
)

const mattermost = botCommand(
  "mattermost",
  () => import("@dugnad/adapter-mattermost/Main"),
  "Run the Mattermost bot: MATTERMOST_URL, MATTERMOST_TOKEN, MATTERMOST_COMMAND_TOKEN, MATTERMOST_HMAC_SECRET, MATTERMOST_PUBLIC_URL and the other MATTERMOST_* variables, the store from DUGNAD_DB."
)

// ---------------------------------------------------------------------------------------------
// completions

const completions = Command.make(
  "completions",
  {
    shell: Args.choice(shells.map((shell): [string, Shell] => [shell, shell]), { name: "SHELL" }).pipe(
      Args.withDescription("bash, zsh or fish.")
    )
  },
  // `dugnad` is read when the command runs: it contains this command.
  ({ shell }): Effect.Effect<void> => Effect.sync(() => void process.stdout.write(completionScript(shell, dugnad)))
).pipe(Command.withDescription("Print the completion script for your shell (see the README)."))

export const dugnad = Command.make("dugnad", {}, () => chooseSubcommand).pipe(
  Command.withDescription("Social-media content made together: ideas from anyone, the experts' veto on facts, the advisor's say on format."),
  Command.withSubcommands([
    demo,
    init,
    member,
    goal,
    idea,
    draft,
    review,
    comment,
    approve,
    withdraw,
    publish,
    show,
    board,
    results,
    report,
    meeting,
    checks,
    primer,
    discord,
    mattermost,
    completions
  ])
)

/** Every command by its path (`["review", "approve"]`), for the help shown with a usage error. */
export const commandsByPath: ReadonlyArray<readonly [ReadonlyArray<string>, Command.Command<any, any, any, any>]> = [
  [["demo"], demo],
  [["init"], init],
  [["member", "add"], memberAdd],
  [["member", "list"], memberList],
  [["member"], member],
  [["goal", "add"], goalAdd],
  [["goal", "list"], goalList],
  [["goal"], goal],
  [["idea", "submit"], ideaSubmit],
  [["idea", "accept"], ideaAccept],
  [["idea", "park"], ideaPark],
  [["idea", "revive"], ideaRevive],
  [["idea", "decline"], ideaDecline],
  [["idea"], idea],
  [["draft", "write"], draftWrite],
  [["draft"], draft],
  [["review", "request"], reviewRequest],
  [["review", "approve"], reviewApprove],
  [["review", "object"], reviewObject],
  [["review", "resolve"], reviewResolve],
  [["review", "suggest"], reviewSuggest],
  [["review", "decide"], reviewDecide],
  [["review"], review],
  [["comment"], comment],
  [["approve"], approve],
  [["withdraw"], withdraw],
  [["publish"], publish],
  [["show"], show],
  [["board"], board],
  [["results", "record"], resultsRecord],
  [["results", "import"], resultsImport],
  [["results", "share"], resultsShare],
  [["results"], results],
  [["report", "goals"], reportGoals],
  [["report", "people"], reportPeople],
  [["report"], report],
  [["meeting", "schedule"], meetingSchedule],
  [["meeting", "next"], meetingNext],
  [["meeting", "summary"], meetingSummary],
  [["meeting", "ics"], meetingIcs],
  [["meeting"], meeting],
  [["checks"], checks],
  [["primer"], primer],
  [["discord"], discord],
  [["mattermost"], mattermost],
  [["completions"], completions]
]

/** The groups of commands (a path that others extend): a usage error on one shows its list of commands. */
export const parents: ReadonlySet<string> = new Set(
  commandsByPath.filter(([path]) => path.length === 1 && commandsByPath.some(([other]) => other.length > 1 && other[0] === path[0]))
    .map(([path]) => path.join(" "))
)

/** The package's version, put in by the build (tsup `define`). */
const version = process.env.DUGNAD_CLI_VERSION ?? "0.0.0"

/** @effect/cli's settings: its built-in options (--wizard, --log-level, --completions) stay out of the help. */
export const cliConfig = CliConfig.make({ showBuiltIns: false })

/** Runs a command line, shaped as `process.argv` (node, the script, then the arguments). */
export const main = (argv: ReadonlyArray<string>) =>
  Effect.suspend(() => Command.run(dugnad, { name: "dugnad", version, executable: "dugnad" })(argv)).pipe(
    Effect.provide(NodeContext.layer),
    Effect.provide(CliConfig.layer(cliConfig))
  )

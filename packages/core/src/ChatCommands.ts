/**
 * The `/dugnad` subcommands of a chat bot, platform-neutral: each subcommand, parsed by the
 * adapter into a {@link Request}, becomes one core command or query, answered with a
 * {@link Reply} built from the core's views (`ChatView`). Both chat adapters (Discord, Mattermost)
 * call {@link handle}; what is theirs stays with them: parsing their platform's input into a
 * `Request` (option values, people given as users or @mentions resolved to members), rendering the
 * reply, and their own extras (Discord's draft modal with attachments, handled before delegating).
 *
 * - A subcommand that needs text answers with the core's form for it (`ChatView.form`): `idea
 *   submit`, `draft write`, `review object`, `review suggest`, `review decide`, `comment`. Its
 *   submission is a `ChatAction` like a pressed button.
 * - The rest run one command or query; the reply shows the item after it (or the board, a report,
 *   a meeting, a small list for members, goals and checks).
 * - The request's `id` is the command id, so a request the platform delivers twice acts once.
 * - Every refusal is a reply, never a failure: the core's worded error (`Messages.errorMessage`
 *   through `ChatView.errorView`), or for a date that cannot be read one of `Messages`'
 *   `chat.command` sentences, shown to the person only.
 *
 * Dates (`due`, `from`, `to`) are read as the CLI reads them: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`
 * in the workspace's time zone (or ISO 8601 with a zone); a day that does not exist is refused.
 *
 * ```ts
 * const request: ChatCommands.Request = {
 *   id: `discord-${interaction.id}`,
 *   path: ["review", "request"],
 *   text: (name) => options.get(name),
 *   integer: () => undefined,
 *   members: (names) => Effect.forEach(names, resolveUser),
 *   channel: () => undefined,
 *   person: () => undefined
 * }
 * const reply = yield* ChatCommands.handle(session, request)
 * ```
 *
 * @since 0.1.0
 */
import * as ChatAction from "./ChatAction.js"
import * as ChatView from "./ChatView.js"
import * as Commands from "./Commands.js"
import * as Directory from "./Directory.js"
import type { Network } from "./Draft.js"
import { InvalidCommand } from "./Errors.js"
import type { EventStore } from "./EventStore.js"
import { CommandId, type GoalId, ItemId, type MeetingId, type MemberId, ObjectionId, SuggestionId } from "./Ids.js"
import { ItemCommand } from "./ItemCommand.js"
import type { Metrics } from "./ItemEvent.js"
import * as chatDates from "./internal/chatDates.js"
import * as Meeting from "./Meeting.js"
import * as Meetings from "./Meetings.js"
import type { MeetingStore } from "./MeetingStore.js"
import type { Locale, Member, Role, Workspace } from "./Member.js"
import * as Messages from "./Messages.js"
import * as Queries from "./Queries.js"
import type { ReadModel } from "./ReadModel.js"
import * as Reports from "./Reports.js"
import * as Results from "./Results.js"
import * as Team from "./Team.js"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"

// ---------------------------------------------------------------------------------------------
// Model

/**
 * What to answer a request (or a pressed button, a submitted form) with.
 *
 * @since 0.1.0
 * @category models
 */
export type Reply =
  /** A new message; `ephemeral` shows it only to the person who acted. */
  | { readonly _tag: "Message"; readonly view: ChatView.ChatView; readonly ephemeral: boolean }
  /** A form to fill in first (a modal, a dialog). */
  | { readonly _tag: "Form"; readonly form: ChatView.ChatForm }
  /** Suggestions while typing an option (autocomplete). */
  | { readonly _tag: "Choices"; readonly choices: ReadonlyArray<{ readonly name: string; readonly value: string }> }

/**
 * The core services a chat command uses.
 *
 * @since 0.1.0
 * @category models
 */
export type Services = Directory.Directory | EventStore | ReadModel | MeetingStore

/**
 * Someone acting in a workspace, and how to talk to them: their language, names and the zone
 * to show times in, the chat's name (`platform`, "Discord") and how a subcommand is typed there
 * (`command(["goal", "add"])` → "/dugnad goal add"), for hints.
 *
 * @since 0.1.0
 * @category models
 */
export interface Session {
  readonly workspace: Workspace
  readonly member: Member
  readonly locale: Locale
  readonly context: Messages.RenderContext
  readonly platform: string
  readonly command: (path: ReadonlyArray<string>) => string
}

/**
 * A person of the platform given in a user option (`member add user`), to add as a member: the
 * member id the adapter gives them, their display name, and a handle not among `taken`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Person {
  readonly id: MemberId
  readonly name: string
  readonly handle: (taken: ReadonlySet<string>) => string
}

/**
 * One `/dugnad` subcommand as the adapter parsed it. Option names are the English ones of the
 * command tree (`item`, `reason`, `due`, `reviewer`, `reviewer2` …).
 *
 * - `id`: the command id (made unique per platform, e.g. `discord-<interaction id>`), so a request
 *   delivered twice acts once;
 * - `path`: the group and subcommand (`["review", "request"]`, `["show"]`);
 * - `text(name)`: a text or choice option as given (trimmed by the core), `undefined` if not given;
 * - `integer(name)`: a number option;
 * - `members(names)`: the people given in these user options, as members of the workspace (the
 *   platform resolves its users or @mentions, creating or syncing members on the way);
 * - `channel(name)`: the name of a channel given;
 * - `person(name)`: a person given, to add as a member (`member add`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Request {
  readonly id: string
  readonly path: ReadonlyArray<string>
  readonly text: (name: string) => string | undefined
  readonly integer: (name: string) => number | undefined
  readonly members: (names: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<Member>, Messages.DugnadError, Services>
  readonly channel: (name: string) => string | undefined
  readonly person: (name: string) => Person | undefined
}

/**
 * Every subcommand {@link handle} answers, by path.
 *
 * @since 0.1.0
 * @category models
 */
export const paths: ReadonlyArray<string> = [
  "idea submit",
  "idea accept",
  "idea park",
  "idea revive",
  "idea decline",
  "draft write",
  "review request",
  "review object",
  "review suggest",
  "review decide",
  "review approve",
  "review resolve",
  "comment",
  "approve",
  "publish",
  "withdraw",
  "show",
  "board",
  "checks",
  "primer",
  "results record",
  "results share",
  "report goals",
  "report people",
  "meeting schedule",
  "meeting next",
  "meeting summary",
  "member add",
  "member list",
  "goal add",
  "goal list"
]

// ---------------------------------------------------------------------------------------------
// Dates

/**
 * A moment given as `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` in the workspace's time zone (a date alone is
 * its midnight), or an ISO 8601 time with its own zone; `undefined` for anything else, and for a
 * day or time that does not exist (2026-02-31, 24:61).
 *
 * @since 0.1.0
 * @category dates
 */
export const readMoment: (given: string, timeZone: string) => { readonly at: DateTime.Utc; readonly dateOnly: boolean } | undefined =
  chatDates.readMoment

/**
 * A meeting's local start, `YYYY-MM-DDTHH:MM` as the core takes it, or `undefined`.
 *
 * @since 0.1.0
 * @category dates
 */
export const readLocalStart: (given: string) => string | undefined = chatDates.readLocalStart

// ---------------------------------------------------------------------------------------------
// Replies

/**
 * A view shown to the person who acted only.
 *
 * @since 0.1.0
 * @category replies
 */
export const notice = (view: ChatView.ChatView): Reply => ({ _tag: "Message", view, ephemeral: true })

/**
 * A short notice as a view: a title and a body, as a warning (fitted by `ChatView.fit`: what the
 * person typed and is shown again pings nobody).
 *
 * @since 0.1.0
 * @category replies
 */
export const noticeView = (title: string, body: string): ChatView.ChatView =>
  ChatView.fit({ title, body, fields: [], actions: [], tone: "warning", mentions: [] })

/**
 * A refusal, worded by the core in the person's language, to them only.
 *
 * @since 0.1.0
 * @category replies
 */
export const errorReply = (session: Session, error: Messages.DugnadError): Reply =>
  notice(ChatView.errorView(error, session.locale, session.context))

/**
 * The answer to a subcommand the chat does not offer (yet): where to do it instead.
 *
 * @since 0.1.0
 * @category replies
 */
export const elsewhere = (session: Session): Reply => {
  const words = Messages.messages(session.locale).chat.command.notHere
  return notice(noticeView(words.title(session.platform), words.body(session.platform)))
}

const commandIdOf = (request: Request): CommandId => CommandId.make(request.id)

const textOf = (request: Request, name: string): string => (request.text(name) ?? "").trim()
const optionalText = (request: Request, name: string): string | undefined => {
  const found = textOf(request, name)
  return found === "" ? undefined : found
}

/** The `item` option, lower-cased; an empty one is `none`, which no item is. */
const itemOf = (request: Request): ItemId => {
  const raw = textOf(request, "item").toLowerCase()
  return ItemId.make(raw === "" ? "none" : raw)
}

const itemReply = (session: Session, view: Parameters<typeof ChatView.itemView>[0]) =>
  notice(ChatView.itemView(view, session.locale, session.context, session.member))

/** Runs one item command and answers with the item as it is after it. */
const runCommand = (session: Session, request: Request, item: ItemId | undefined, command: ItemCommand) =>
  Effect.gen(function*() {
    const result = yield* Effect.either(Commands.handle({
      workspace: session.workspace.id,
      commandId: commandIdOf(request),
      actor: session.member.id,
      item,
      command
    }))
    if (Either.isLeft(result)) return errorReply(session, result.left)
    return itemReply(session, { item: result.right.item, state: result.right.state })
  })

/** The form of an action on an item's latest revision (what a text-taking subcommand opens). */
const formOnLatest = (session: Session, item: ItemId, make: (revision: number) => ChatAction.ActionId) =>
  Effect.gen(function*() {
    const found = yield* Effect.either(Queries.item(session.workspace.id, item))
    if (Either.isLeft(found)) return errorReply(session, found.left)
    const form = ChatView.form(make(ChatAction.currentRevision(found.right.state)), session.locale, found.right.state)
    return form === undefined ? itemReply(session, found.right) : { _tag: "Form", form } satisfies Reply
  })

/** The latest revision's number of an item, for commands that act on it. */
const latestOf = (session: Session, item: ItemId) =>
  Effect.map(Effect.either(Queries.item(session.workspace.id, item)), Either.map((view) => ChatAction.currentRevision(view.state)))

const badTime = (session: Session, option: string, given: string): Reply => {
  const words = Messages.messages(session.locale).chat.command.badTime
  return notice(noticeView(words.title, words.body(option, given.trim(), session.workspace.timeZone)))
}

const badStart = (session: Session, option: string, given: string): Reply => {
  const words = Messages.messages(session.locale).chat.command.badStart
  return notice(noticeView(words.title, words.body(option, given.trim())))
}

/** A small list view (members, goals, findings): a title, one line a row, nobody pinged. */
const listView = (title: string, lines: ReadonlyArray<string>, empty: string, tone: ChatView.Tone = "info"): ChatView.ChatView =>
  ChatView.fit({ title, body: lines.length === 0 ? empty : lines.join("\n"), fields: [], actions: [], tone, mentions: [] })

// ---------------------------------------------------------------------------------------------
// Subcommands

/** `draft write`: the core's draft form (content, or format with `kind format`) on the latest revision. */
const draftWrite = (session: Session, request: Request, item: ItemId) =>
  formOnLatest(
    session,
    item,
    (revision) => textOf(request, "kind") === "format" ? { _tag: "reviseFormat", item, revision } : { _tag: "writeDraft", item, revision }
  )

const reviewRequest = (session: Session, request: Request, item: ItemId) =>
  Effect.gen(function*() {
    const dueText = optionalText(request, "due")
    const due = dueText === undefined ? undefined : readMoment(dueText, session.workspace.timeZone)
    if (dueText !== undefined && due === undefined) return badTime(session, "due", dueText)
    const reviewers = yield* Effect.either(request.members(["reviewer", "reviewer2", "reviewer3"]))
    if (Either.isLeft(reviewers)) return errorReply(session, reviewers.left)
    const unique = [...new Map(reviewers.right.map((member) => [member.id, member])).values()]
    // Reviewers met just now are named in the reply too.
    const names = new Map<string, string>(unique.map((member) => [member.id, member.name]))
    const named: Session = { ...session, context: { ...session.context, name: (id) => names.get(id) ?? session.context.name(id) } }
    return yield* runCommand(
      named,
      request,
      item,
      ItemCommand.RequestReview({
        reviewers: unique.map((member) => ({ member: member.id, expert: member.roles.includes("expert") })),
        ...(due === undefined ? {} : { due: due.at })
      })
    )
  })

/** `review decide`: the accept or decline form of the suggestion (its reason is asked for there). */
const reviewDecide = (session: Session, request: Request, item: ItemId) =>
  Effect.gen(function*() {
    const suggestion = SuggestionId.make(textOf(request, "suggestion").toUpperCase())
    const found = yield* Effect.either(Queries.item(session.workspace.id, item))
    if (Either.isLeft(found)) return errorReply(session, found.left)
    const action: ChatAction.ActionId = textOf(request, "decision") === "decline"
      ? { _tag: "declineFormat", item, suggestion }
      : { _tag: "acceptFormat", item, suggestion }
    // A suggestion already decided (or unknown) is refused now, as its button would be.
    const stale = ChatAction.staleness(action, found.right.state)
    if (stale !== undefined) return errorReply(session, stale)
    const form = ChatView.form(action, session.locale, found.right.state)
    return form === undefined ? itemReply(session, found.right) : { _tag: "Form", form } satisfies Reply
  })

const metricOptions: ReadonlyArray<readonly [string, keyof Metrics]> = [
  ["reach", "reach"],
  ["impressions", "impressions"],
  ["likes", "reactions"],
  ["comments", "comments"],
  ["shares", "shares"],
  ["saves", "saves"],
  ["clicks", "clicks"],
  ["views", "videoViews"]
]

const resultsRecord = (session: Session, request: Request, item: ItemId) =>
  Effect.gen(function*() {
    const metrics: { -readonly [K in keyof Metrics]?: number } = {}
    for (const [option, key] of metricOptions) {
      const value = request.integer(option)
      if (value !== undefined) metrics[key] = value
    }
    const highlight = optionalText(request, "highlight")
    return yield* runCommand(
      session,
      request,
      item,
      ItemCommand.RecordResults({
        network: textOf(request, "network") as Network,
        capturedAt: yield* DateTime.now,
        metrics,
        highlights: highlight === undefined ? [] : [{ text: highlight, tone: "neutral" as const }]
      })
    )
  })

/**
 * `results share`: shares the results (and marks a success), and answers with the acting person's
 * results message with the first post's chart attached (the message and chart every participant
 * gets through the outbox).
 */
const resultsShare = (session: Session, request: Request, item: ItemId) =>
  Effect.gen(function*() {
    const shared = yield* Effect.either(Results.share(session.workspace.id, session.member.id, item, commandIdOf(request)))
    if (Either.isLeft(shared)) return errorReply(session, shared.left)
    const found = shared.right
    const messages = yield* Effect.either(Results.messagesFor(found))
    if (Either.isLeft(messages)) return errorReply(session, messages.left)
    const mine = messages.right.find((message) => message.member === session.member.id)
    const catalogue = Messages.messages(session.locale)
    const image = ChatView.resultsImage(session.locale, item, mine, found)
    return notice(ChatView.fit({
      title: catalogue.chat.title.results,
      body: mine?.text ?? "",
      fields: [{ label: catalogue.chat.label.item, value: found.title }],
      actions: [],
      ...(image === undefined ? {} : { image }),
      tone: "success",
      mentions: []
    }))
  })

/** `report goals|people`: the period from `from` to `to` (a date alone includes that day), default the last 90 days. */
const report = (session: Session, request: Request, kind: "goals" | "people") =>
  Effect.gen(function*() {
    const zone = session.workspace.timeZone
    const toText = optionalText(request, "to")
    const fromText = optionalText(request, "from")
    const to = toText === undefined ? undefined : readMoment(toText, zone)
    if (toText !== undefined && to === undefined) return badTime(session, "to", toText)
    const from = fromText === undefined ? undefined : readMoment(fromText, zone)
    if (fromText !== undefined && from === undefined) return badTime(session, "from", fromText)
    const until = to === undefined ? yield* DateTime.now : to.dateOnly ? DateTime.add(to.at, { days: 1 }) : to.at
    const period = { from: from?.at ?? DateTime.subtract(until, { days: 90 }), until }
    if (kind === "goals") {
      const goals = yield* Effect.either(Reports.goals(session.workspace.id, period))
      return Either.isLeft(goals) ? errorReply(session, goals.left) : notice(ChatView.goalsView(goals.right, session.locale))
    }
    const people = yield* Effect.either(Reports.people(session.workspace.id, period))
    return Either.isLeft(people) ? errorReply(session, people.left) : notice(ChatView.peopleView(people.right, session.locale))
  })

const roleValues: ReadonlyArray<Role> = ["expert", "manager", "advisor", "member"]

const meetingSchedule = (session: Session, request: Request) =>
  Effect.gen(function*() {
    const startText = textOf(request, "start")
    const start = readLocalStart(startText)
    if (start === undefined) return badStart(session, "start", startText)
    const role = roleValues.find((candidate) => candidate === textOf(request, "invite-role"))
    const invited = yield* Effect.either(request.members(["invite-user"]))
    if (Either.isLeft(invited)) return errorReply(session, invited.left)
    const agenda = optionalText(request, "agenda")
    const channel = request.channel("channel")
    const zone = optionalText(request, "tz")
    const scheduled = yield* Effect.either(Meetings.handle({
      workspace: session.workspace.id,
      commandId: commandIdOf(request),
      actor: session.member.id,
      command: Meeting.MeetingCommand.ScheduleMeeting({
        title: textOf(request, "title"),
        start,
        rrule: textOf(request, "rrule"),
        ...(zone === undefined ? {} : { timeZone: zone }),
        durationMinutes: request.integer("duration") ?? 60,
        ...(channel === undefined ? {} : { channel }),
        invitees: { roles: role === undefined ? [] : [role], departments: [], members: invited.right.map((member) => member.id) },
        agenda: agenda === undefined ? [] : [agenda]
      })
    }))
    if (Either.isLeft(scheduled)) return errorReply(session, scheduled.left)
    return yield* meetingNext(session, scheduled.right.meeting, 1)
  })

/** The next occurrence of a meeting, its reminder as a view, with the meeting's id to use later. */
const meetingNext = (session: Session, meeting: MeetingId, count: number) =>
  Effect.gen(function*() {
    const upcoming = yield* Effect.either(Meetings.upcoming(session.workspace.id, meeting, Math.max(1, count)))
    if (Either.isLeft(upcoming)) return errorReply(session, upcoming.left)
    const view = ChatView.meetingView(upcoming.right.reminder, session.locale, session.context)
    const catalogue = Messages.messages(session.locale)
    const later = upcoming.right.occurrences.slice(1).map((occurrence) =>
      Messages.formatDateTime(session.locale, occurrence.start, session.workspace.timeZone)
    )
    return notice(ChatView.fit({
      ...view,
      fields: [
        { label: "ID", value: meeting, inline: true },
        ...view.fields,
        ...(later.length === 0 ? [] : [{ label: catalogue.chat.label.when, value: later.join("\n") }])
      ]
    }))
  })

const meetingSummary = (session: Session, request: Request) =>
  Effect.gen(function*() {
    const occurrenceText = optionalText(request, "occurrence")
    const occurrence = occurrenceText === undefined ? undefined : readLocalStart(occurrenceText)
    if (occurrenceText !== undefined && occurrence === undefined) return badStart(session, "occurrence", occurrenceText)
    const meeting = textOf(request, "meeting") as MeetingId
    const subject = yield* Effect.either(Meetings.summary(session.workspace.id, meeting, occurrence))
    return Either.isLeft(subject)
      ? errorReply(session, subject.left)
      : notice(ChatView.meetingView(subject.right, session.locale, session.context))
  })

const memberLine = (
  session: Session,
  member: { readonly handle: string; readonly name: string; readonly roles: ReadonlyArray<Role>; readonly department?: string | undefined }
) => {
  const catalogue = Messages.messages(session.locale)
  const roles = member.roles.filter((role) => role !== "member").map((role) => catalogue.role[role])
  return `- ${member.name} (${member.handle})` + (roles.length === 0 ? "" : ` · ${roles.join(", ")}`) +
    (member.department === undefined ? "" : ` · ${member.department}`)
}

/** `member add`: a person of the platform as a member, with the roles given (kept with those they have). */
const memberAdd = (session: Session, request: Request) =>
  Effect.gen(function*() {
    const person = request.person("user")
    if (person === undefined) {
      return errorReply(session, new InvalidCommand({ command: "AddMember", field: "user", reason: "required" }))
    }
    const directory = yield* Directory.Directory
    const others = yield* directory.members(session.workspace.id)
    const taken = new Set(others.filter((member) => member.id !== person.id).map((member) => member.handle))
    const roles = [...new Set(["role", "role2", "role3"].flatMap((name) => {
      const role = roleValues.find((candidate) => candidate === textOf(request, name))
      return role === undefined ? [] : [role]
    }))]
    const department = optionalText(request, "department")
    const field = optionalText(request, "field")
    const existing = others.find((member) => member.id === person.id)
    const added = yield* Effect.either(Team.addMember(session.workspace.id, session.member.id, {
      id: person.id,
      handle: existing?.handle ?? person.handle(taken),
      name: person.name,
      roles: [...new Set<Role>([...(existing?.roles ?? []), ...roles])],
      ...(department === undefined ? {} : { department }),
      fields: field === undefined ? existing?.fields ?? [] : [field],
      ...(existing?.locale === undefined ? {} : { locale: existing.locale })
    }))
    if (Either.isLeft(added)) return errorReply(session, added.left)
    const words = Messages.messages(session.locale).chat.command.members
    return notice({ ...listView(words.title, [memberLine(session, added.right)], ""), tone: "success" })
  })

const memberList = (session: Session) =>
  Effect.gen(function*() {
    const directory = yield* Directory.Directory
    const members = [...yield* directory.members(session.workspace.id)].sort((a, b) => a.handle.localeCompare(b.handle))
    const words = Messages.messages(session.locale).chat.command.members
    return notice(listView(words.title, members.map((member) => memberLine(session, member)), words.empty))
  })

const goalLine = (goal: { readonly id: GoalId; readonly title: string; readonly description?: string | undefined }) =>
  `- ${goal.id}: ${goal.title}` + (goal.description === undefined ? "" : ` — ${goal.description}`)

const goalAdd = (session: Session, request: Request) =>
  Effect.gen(function*() {
    const description = optionalText(request, "description")
    const goal = yield* Effect.either(Team.addGoal(session.workspace.id, session.member.id, {
      title: textOf(request, "title"),
      ...(description === undefined ? {} : { description })
    }))
    if (Either.isLeft(goal)) return errorReply(session, goal.left)
    const words = Messages.messages(session.locale).chat.command.goals
    return notice({ ...listView(words.added, [goalLine(goal.right)], ""), tone: "success" })
  })

const goalList = (session: Session) =>
  Effect.gen(function*() {
    const directory = yield* Directory.Directory
    const goals = yield* directory.goals(session.workspace.id)
    const words = Messages.messages(session.locale).chat.command.goals
    return notice(listView(words.title, goals.map(goalLine), words.empty(session.command(["goal", "add"]))))
  })

/** `checks`: the format checks of the latest revision, each finding worded by the core. */
const checks = (session: Session, item: ItemId) =>
  Effect.gen(function*() {
    const found = yield* Effect.either(Queries.checks(session.workspace.id, item))
    if (Either.isLeft(found)) return errorReply(session, found.left)
    const catalogue = Messages.messages(session.locale)
    const words = catalogue.chat.command.checks
    const { findings, revision } = found.right
    const worst = findings.some((finding) => finding.severity === "error")
      ? "danger"
      : findings.some((finding) => finding.severity === "warning")
      ? "warning"
      : "success"
    return notice(listView(
      words.title(item, revision),
      findings.map((finding) => `- ${catalogue.severity[finding.severity]}: ${Messages.findingMessage(session.locale, finding)}`),
      words.clean,
      worst
    ))
  })

// ---------------------------------------------------------------------------------------------
// Entry points

/**
 * Answers one `/dugnad` subcommand. Never fails: every refusal is a reply in the person's
 * language; a path not in {@link paths} is answered with {@link elsewhere}.
 *
 * @since 0.1.0
 * @category handling
 */
export const handle = (session: Session, request: Request): Effect.Effect<Reply, never, Services> =>
  Effect.gen(function*() {
    const item = itemOf(request)
    switch (request.path.join(" ")) {
      case "idea submit": {
        const form = ChatView.form({ _tag: "submitIdea" }, session.locale)
        return form === undefined ? elsewhere(session) : { _tag: "Form", form } satisfies Reply
      }
      case "idea accept":
        return yield* runCommand(session, request, item, ItemCommand.AcceptIdea())
      case "idea park":
        return yield* runCommand(session, request, item, ItemCommand.ParkIdea({ reason: textOf(request, "reason") }))
      case "idea revive":
        return yield* runCommand(session, request, item, ItemCommand.ReviveIdea())
      case "idea decline":
        return yield* runCommand(session, request, item, ItemCommand.DeclineIdea({ reason: textOf(request, "reason") }))
      case "draft write":
        return yield* draftWrite(session, request, item)
      case "review request":
        return yield* reviewRequest(session, request, item)
      case "review decide":
        return yield* reviewDecide(session, request, item)
      case "results record":
        return yield* resultsRecord(session, request, item)
      case "results share":
        return yield* resultsShare(session, request, item)
      case "report goals":
        return yield* report(session, request, "goals")
      case "report people":
        return yield* report(session, request, "people")
      case "meeting schedule":
        return yield* meetingSchedule(session, request)
      case "meeting next":
        return yield* meetingNext(session, textOf(request, "meeting") as MeetingId, request.integer("count") ?? 1)
      case "meeting summary":
        return yield* meetingSummary(session, request)
      case "member add":
        return yield* memberAdd(session, request)
      case "member list":
        return yield* memberList(session)
      case "goal add":
        return yield* goalAdd(session, request)
      case "goal list":
        return yield* goalList(session)
      case "checks":
        return yield* checks(session, item)
      case "review object":
        return yield* formOnLatest(session, item, (revision) => ({ _tag: "object", item, revision }))
      case "review suggest":
        return yield* formOnLatest(session, item, (revision) => ({ _tag: "suggestFormat", item, revision }))
      case "comment":
        return yield* formOnLatest(session, item, () => ({ _tag: "comment", item }))
      case "review approve": {
        const revision = yield* latestOf(session, item)
        if (Either.isLeft(revision)) return errorReply(session, revision.left)
        return yield* runCommand(session, request, item, ItemCommand.ApproveFacts({ revision: revision.right }))
      }
      case "review resolve":
        return yield* runCommand(
          session,
          request,
          item,
          ItemCommand.ResolveObjection({ objection: ObjectionId.make(textOf(request, "objection").toUpperCase()) })
        )
      case "approve": {
        const revision = yield* latestOf(session, item)
        if (Either.isLeft(revision)) return errorReply(session, revision.left)
        return yield* runCommand(session, request, item, ItemCommand.ApproveForPublication({ revision: revision.right }))
      }
      case "publish":
        return yield* runCommand(
          session,
          request,
          item,
          ItemCommand.RecordPublication({
            network: textOf(request, "network") as Network,
            url: textOf(request, "url"),
            publishedAt: yield* DateTime.now
          })
        )
      case "withdraw":
        return yield* runCommand(session, request, item, ItemCommand.Withdraw({ reason: textOf(request, "reason") }))
      case "show": {
        const found = yield* Effect.either(Queries.item(session.workspace.id, item))
        return Either.isLeft(found) ? errorReply(session, found.left) : itemReply(session, found.right)
      }
      case "board": {
        const board = yield* Effect.either(Queries.board(session.workspace.id))
        return Either.isLeft(board) ? errorReply(session, board.left) : notice(ChatView.boardView(board.right, session.locale))
      }
      case "primer": {
        const network = (textOf(request, "network") || "facebook") as Network
        const primer = yield* Effect.either(Team.primer(session.workspace.id, session.locale))
        if (Either.isLeft(primer)) return errorReply(session, primer.left)
        return notice(
          ChatView.primerView(network, primer.right.filter((entry) => entry.network === network || entry.network === undefined), session.locale)
        )
      }
      default:
        return elsewhere(session)
    }
  }).pipe(Effect.withSpan("ChatCommands.handle"))

/**
 * Item ids while typing `item` (autocomplete): the board's items whose id or title contains
 * `typed`, as the board lists them, at most 25.
 *
 * @since 0.1.0
 * @category handling
 */
export const itemChoices = (session: Session, typed: string): Effect.Effect<Reply, never, Services> =>
  Effect.gen(function*() {
    const lower = typed.toLowerCase()
    const board = yield* Queries.board(session.workspace.id).pipe(Effect.orElseSucceed(() => []))
    const choices = board.flatMap((column) => column.cards)
      .filter((entry) => entry.item.includes(lower) || entry.title.toLowerCase().includes(lower))
      .slice(0, 25)
      .map((entry) => ({ name: `${entry.item} · ${entry.title}`.slice(0, 100), value: entry.item }))
    return { _tag: "Choices", choices } satisfies Reply as Reply
  })

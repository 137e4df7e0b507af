/**
 * Every sentence Dugnad says to people, in Norwegian Bokmål (`nb`) and English (`en`): error
 * messages, notification lines, reminders, meeting reports and format-check findings. The domain
 * carries structured data only (errors with fields, events, reminder subjects, findings with their
 * measurements); the bots and the CLI turn it into text here, in the language of the person reading.
 *
 * - Both languages implement one {@link Catalogue}, so a message missing from one of them does not
 *   compile, and a test compares the two key sets at run time.
 * - Times are shown in a time zone the caller gives (the workspace's, or a meeting's own), numbers
 *   and lists the way each language writes them (`1 234`, "Per, Siri og Ola").
 * - Text people typed (titles, comments, reasons, names, ids) passes through
 *   {@link neutraliseMentions}, so an idea titled "@everyone" never pings a whole team.
 * - Results go back to the people who helped (`results.feedback`, `results.celebration`, the
 *   chart's labels, follow-up ideas' wording) with their context in plain words, and an import
 *   of the networks' exports is summed up row by row (`import.report`).
 *
 * ```ts
 * import { Messages } from "@dugnad/core"
 *
 * const locale = Messages.localeFor(workspace, member)
 * const context: Messages.RenderContext = {
 *   timeZone: workspace.timeZone,
 *   name: (id) => names.get(id) ?? id
 * }
 * Messages.errorMessage(locale, error, context)
 * Messages.eventMessage(locale, notification.event, "Kysten i morgenlys", context)
 * Messages.messages(locale).meeting.reminder(subject, context)
 * ```
 *
 * @since 0.1.0
 */
import * as DateTime from "effect/DateTime"
import type * as ChatAction from "./ChatAction.js"
import type { ActionKind, FieldId, FormKind } from "./ChatAction.js"
import type { MediaKind, Network } from "./Draft.js"
import type * as Errors from "./Errors.js"
import type { CheckId, Finding, Severity } from "./FormatChecks.js"
import type { MemberId } from "./Ids.js"
import type { Stage } from "./Item.js"
import type { ItemCommandTag } from "./ItemCommand.js"
import { type ItemEvent, Metrics } from "./ItemEvent.js"
import { en } from "./internal/messages/en.js"
import { nb } from "./internal/messages/nb.js"
import type { Locale, Role } from "./Member.js"
import { isItemNotification, type OutboxMessage, type ReminderSubject } from "./Notification.js"
import type * as Primer from "./Primer.js"
import type * as Recurrence from "./Recurrence.js"
import type { Contribution, Feedback, FollowUpAngle, Participant } from "./Results.js"
import type * as ResultsChart from "./ResultsChart.js"
import type { ChartLabels } from "./ResultsChart.js"
import type * as ResultsContext from "./ResultsContext.js"
import type * as ResultsImport from "./ResultsImport.js"
import type { ImportFormat, ImportReport, UnmatchedReason } from "./ResultsImport.js"

type InstanceOf<C> = C extends abstract new(...args: ReadonlyArray<never>) => infer I
  ? I extends { readonly _tag: string } ? I : never
  : never

/** The error classes of a module: every export whose instances carry a string `_tag`. */
type ErrorsOf<M> = InstanceOf<M[keyof M]>

/**
 * Every error class exported by the `Errors` module, and by the modules that define their own
 * errors next to the data they check: `Recurrence` (`InvalidRecurrence`), `Primer`
 * (`InvalidPrimerEntry`), `ResultsImport` (`UnreadableExport`), `ResultsContext` (`NotPublished`),
 * `ChatAction` (`StaleAction`, `InvalidAction`: a chat button that no longer fits, or is not one)
 * and `ResultsChart` (`ChartRenderError`, which `renderPng` fails with when a chart cannot be
 * drawn; `Results.messagesFor` reports it as data, in a message's `chartFailures`). Derived from
 * the modules themselves, so a new error class in any of them is in this union, and needs a message
 * in both languages, the moment it is exported.
 *
 * @since 0.1.0
 * @category models
 */
export type DugnadError =
  | ErrorsOf<typeof Errors>
  | ErrorsOf<typeof ChatAction>
  | ErrorsOf<typeof Recurrence>
  | ErrorsOf<typeof Primer>
  | ErrorsOf<typeof ResultsImport>
  | ErrorsOf<typeof ResultsContext>
  | ErrorsOf<typeof ResultsChart>

/**
 * What rendering needs besides the message's own data: the time zone times are shown in (the
 * workspace's) and the display name of a member.
 *
 * @since 0.1.0
 * @category models
 */
export interface RenderContext {
  readonly timeZone: string
  readonly name: (member: MemberId) => string
}

/**
 * A review reminder: before the due time (`reminder.review`) or after it (`reminder.reviewOverdue`).
 * `reviewer` greets the person by name; leave it out for a message to several reviewers. Matches
 * the `ReviewDue` reminder subject, which can be passed as it is.
 *
 * @since 0.1.0
 * @category reminders
 */
export interface ReviewReminder {
  readonly title: string
  readonly due: DateTime.DateTime
  readonly reviewer?: MemberId | undefined
}

/**
 * A reminder to the advisor to record a post's results `days` after publication (e.g. +2 and +7).
 * Matches the `ResultsCheckIn` reminder subject.
 *
 * @since 0.1.0
 * @category reminders
 */
export interface ResultsCheckIn {
  readonly title: string
  readonly network: Network
  readonly publishedAt: DateTime.DateTime
  readonly days: number
}

/**
 * One idea in a meeting report: its title, who brought it, the stage it has reached.
 *
 * @since 0.1.0
 * @category meetings
 */
export interface IdeaReport {
  readonly title: string
  readonly by: MemberId
  readonly stage: Stage
}

/**
 * One published post in a meeting report, with its latest numbers.
 *
 * @since 0.1.0
 * @category meetings
 */
export interface PostReport {
  readonly title: string
  readonly network: Network
  readonly publishedAt: DateTime.DateTime
  readonly metrics: Metrics
}

/**
 * The reminder before a meeting: the prompt, the agenda, and the last cycle (ideas from last time
 * and where they are now, results of posts published since, follow-up ideas to take up). Times are
 * shown in the meeting's own `timeZone`; `lastOccurrence` is the last meeting's local start
 * (`2026-03-03T10:00`). Matches the `MeetingReminder` reminder subject.
 *
 * @since 0.1.0
 * @category meetings
 */
export interface MeetingReminder {
  readonly title: string
  readonly start: DateTime.DateTime
  readonly timeZone: string
  readonly agenda: ReadonlyArray<string>
  readonly lastOccurrence?: string | undefined
  readonly ideasLastTime: ReadonlyArray<IdeaReport>
  readonly postsSince: ReadonlyArray<PostReport>
  readonly followUps: ReadonlyArray<IdeaReport>
}

/**
 * A next step agreed at a meeting. `due` is a local date (`2026-03-10`) or date and time
 * (`2026-03-10T12:00`), or free text, which is shown as typed.
 *
 * @since 0.1.0
 * @category meetings
 */
export interface NextStep {
  readonly text: string
  readonly owner: MemberId
  readonly due?: string | undefined
}

/**
 * The summary after a meeting: its ideas and who brought them, who came, and the next steps.
 * Matches the `MeetingSummary` reminder subject.
 *
 * @since 0.1.0
 * @category meetings
 */
export interface MeetingSummary {
  readonly title: string
  readonly start: DateTime.DateTime
  readonly timeZone: string
  readonly ideas: ReadonlyArray<IdeaReport>
  readonly attendance: ReadonlyArray<MemberId>
  readonly nextSteps: ReadonlyArray<NextStep>
}

/**
 * A meeting occurrence was cancelled. `occurrence` is its local start (`2026-03-03T10:00`).
 *
 * @since 0.1.0
 * @category meetings
 */
export interface MeetingCancelled {
  readonly title: string
  readonly occurrence: string
  readonly reason?: string | undefined
}

/**
 * A meeting occurrence was moved from its local start `occurrence` to `start`, shown in the
 * meeting's `timeZone`.
 *
 * @since 0.1.0
 * @category meetings
 */
export interface MeetingMoved {
  readonly title: string
  readonly occurrence: string
  readonly start: DateTime.DateTime
  readonly timeZone: string
  readonly reason?: string | undefined
}

/**
 * The longest title a proposed follow-up idea gets, in UTF-16 code units (what `String#length`
 * counts, so never fewer than the characters a reader sees): a long parent title is cut short
 * with "…" to fit.
 *
 * @since 0.1.0
 * @category results
 */
export const maxFollowUpTitleLength = 100

/**
 * The wording of a follow-up idea proposed from a successful item: a title (non-empty, at most
 * {@link maxFollowUpTitleLength} characters, without a live mass mention) and a pitch.
 *
 * @since 0.1.0
 * @category results
 */
export interface FollowUpWording {
  readonly title: string
  readonly pitch: string
}

/**
 * What one participant's results message is made from: the item's feedback and the participant
 * it is for (their contributions pick the thanks).
 *
 * @since 0.1.0
 * @category results
 */
export interface FeedbackParams {
  readonly feedback: Feedback
  readonly participant: Participant
}

/**
 * Commands outside the item workflow that errors name (the directory, goals and queries). Errors
 * about any other command name it as typed.
 *
 * @since 0.1.0
 * @category models
 */
export type OtherCommand = "AddMember" | "SetRoles" | "AddGoal" | "CreateWorkspace" | "Board" | "Diff"

/**
 * The command fields `InvalidCommand` errors name, each with a readable name in both languages.
 * `body.media[].…` are the parts of one media file (the error's `[2]` becomes "media file 3");
 * `body.perNetwork.<network>` and `metrics.<metric>` are named from the network and metric names.
 * Any other field is shown as its path.
 *
 * @since 0.1.0
 * @category models
 */
export type KnownField =
  | "title"
  | "pitch"
  | "department"
  | "goals"
  | "concerns"
  | "reason"
  | "text"
  | "note"
  | "claim"
  | "correction"
  | "explanation"
  | "primer"
  | "decision"
  | "kind"
  | "draft"
  | "due"
  | "followUp"
  | "idea"
  | "network"
  | "results"
  | "reviewer"
  | "reviewers"
  | "scheduledFor"
  | "publishedAt"
  | "capturedAt"
  | "url"
  | "item"
  | "stage"
  | "handle"
  | "name"
  | "from"
  | "to"
  | "revision"
  | "objection"
  | "objections"
  | "suggestion"
  | "metrics"
  | "highlights"
  | "body.text"
  | "body.networks"
  | "body.plannedFor"
  | "body.media"
  | "body.media[].kind"
  | "body.media[].url"
  | "body.media[].alt"
  | "body.media[].durationSeconds"

/**
 * The messages of one language. Each entry is a function from typed data to a sentence, or a
 * display name. Notification lines (`event`) are worded for the audience `Notification.audienceOf`
 * gives each event.
 *
 * @since 0.1.0
 * @category models
 */
export interface Catalogue {
  /** What went wrong, why, and what to do, from the error's fields. Never a stack trace. */
  readonly error: { readonly [E in DugnadError as E["_tag"]]: (error: E, context: RenderContext) => string }
  /** Who did what on which item: the line people are notified with. */
  readonly event: {
    readonly [E in ItemEvent as E["_tag"]]: (event: E, title: string, context: RenderContext) => string
  }
  readonly reminder: {
    readonly review: (params: ReviewReminder, context: RenderContext) => string
    readonly reviewOverdue: (params: ReviewReminder, context: RenderContext) => string
    readonly resultsCheckIn: (params: ResultsCheckIn, context: RenderContext) => string
  }
  readonly meeting: {
    readonly reminder: (params: MeetingReminder, context: RenderContext) => string
    readonly summary: (params: MeetingSummary, context: RenderContext) => string
    readonly cancelled: (params: MeetingCancelled, context: RenderContext) => string
    readonly moved: (params: MeetingMoved, context: RenderContext) => string
  }
  readonly stage: { readonly [S in Stage]: string }
  readonly role: { readonly [R in Role]: string }
  readonly network: { readonly [N in Network]: string }
  readonly metric: { readonly [M in keyof Metrics]-?: string }
  /** What a command does, as an infinitive phrase ("approve the facts"), for error messages. */
  readonly command: { readonly [C in ItemCommandTag | OtherCommand]: string }
  /** A command field's readable name ("the alt text"), for error messages. */
  readonly field: { readonly [F in KnownField]: string }
  /**
   * A format-check finding as one sentence with its numbers: what was measured, against which
   * limit or recommendation, on which network (display name) and media file, and what to do.
   */
  readonly finding: { readonly [C in CheckId]: (finding: Finding) => string }
  /** How serious a finding is, as a short label ("advarsel" / "warning"). */
  readonly severity: { readonly [S in Severity]: string }
  /** How someone took part in an item, as a short label for a credits line ("Idé", "Idea"). */
  readonly contribution: { readonly [C in Contribution]: string }
  /**
   * A follow-up idea's title and pitch for each angle, from the successful item's title. The title
   * is non-empty, at most {@link maxFollowUpTitleLength} characters however long the parent title
   * (which is cut short with "…"), on one line, and has its mass mentions neutralised.
   */
  readonly followUp: { readonly [A in FollowUpAngle]: (parentTitle: string) => FollowUpWording }
  /**
   * The words on the engagement chart of one post among the network's posts of the `windowDays`
   * days up to its publication (the median line being the median of those posts, this one included).
   */
  readonly chart: (network: Network, windowDays: number) => ChartLabels
  readonly results: {
    /**
     * The results message one participant gets, as plain text for a chat DM (line breaks and "- "
     * lists): thanks for how they took part, then per post its latest numbers, the context in plain
     * words (honest about thin history), the best recent post, the comment highlights, the totals
     * of the item's goals, and whether it is a success.
     */
    readonly feedback: (params: FeedbackParams, context: RenderContext) => string
    /**
     * The team channel's celebration of a successful item: its title, the post(s) that did well
     * with the number that made them a success, everyone who took part by name grouped by how, and
     * (when follow-ups are proposed) an invitation to the advisor to pick one.
     */
    readonly celebration: (feedback: Feedback, context: RenderContext) => string
  }
  /**
   * The short words of the chat views (`ChatView`): button labels, form titles, form field labels
   * and placeholders, view titles and field labels. Every sentence a view shows comes from the
   * entries above; these are labels only. Form titles and field labels are at most 24 characters
   * (Mattermost dialogs' limit), button labels at most 80, placeholders at most 100.
   */
  readonly chat: ChatLabels
  readonly import: {
    /**
     * A short summary of an import for the CLI and the bots: rows read, recorded and unchanged,
     * then each unmatched row (line, identifier, reason), each invalid cell (line, column, value)
     * and each refused row with its error's message. `context` names people and zones in a refused
     * row's message (default: UTC and member ids).
     */
    readonly report: (report: ImportReport, context?: RenderContext) => string
    /** Why a row was not matched to a post, as a clause ("no published post has this link or id"). */
    readonly unmatched: { readonly [R in UnmatchedReason]: string }
    /** The exports an import reads, by name ("Meta Business Suite (Facebook)"). */
    readonly format: { readonly [F in ImportFormat]: string }
  }
}

/**
 * The labels of the chat views, per language (see `Catalogue.chat`).
 *
 * @since 0.1.0
 * @category models
 */
export interface ChatLabels {
  /** A button's label, by the action it carries ("Approve facts"). */
  readonly action: { readonly [K in ActionKind]: string }
  /** The title of the form an action opens ("Fact objection"). */
  readonly form: { readonly [K in FormKind]: string }
  /** A form field's label ("What is wrong?"). */
  readonly field: { readonly [F in FieldId]: string }
  /** A form field's placeholder: an example or a hint. */
  readonly placeholder: { readonly [F in FieldId]: string }
  /** View titles for views that are not about one item. */
  readonly title: {
    readonly reviewDue: string
    readonly reviewOverdue: string
    readonly resultsCheckIn: string
    readonly meetingReminder: string
    readonly meetingSummary: string
    readonly meetingChanged: string
    readonly board: string
    readonly goals: string
    readonly people: string
    readonly departments: string
    readonly primer: (network: string) => string
    readonly nextMeeting: string
    readonly noMeeting: string
    readonly results: string
    readonly celebration: string
    readonly error: string
  }
  /** The labels of a view's fields. */
  readonly label: {
    readonly item: string
    readonly stage: string
    readonly revision: string
    readonly networks: string
    readonly plannedFor: string
    readonly due: string
    readonly reviewers: string
    readonly openObjections: string
    readonly missingApprovals: string
    readonly undecidedSuggestions: string
    readonly submittedBy: string
    readonly department: string
    readonly pitch: string
    readonly ideas: string
    readonly posts: string
    readonly reviews: string
    readonly reach: string
    readonly engagement: string
    readonly best: string
    readonly members: string
    readonly when: string
    /** The text shown on one network ("Text on LinkedIn"). */
    readonly textOn: (network: string) => string
    /** One media file, counting from 1 ("Image 1", "Video 2"). */
    readonly media: (index: number, kind: MediaKind) => string
  }
  /** "Revision 3". */
  readonly revision: (number: number) => string
  /** A list cut short: "… and 3 more". */
  readonly more: (count: number) => string
  /** An empty list or value: "none". */
  readonly none: string
  /** The sentences of `ChatCommands`: refusals of what was typed, and the small list views. */
  readonly command: ChatCommandTexts
}

/**
 * The sentences of `ChatCommands` (see `ChatLabels.command`): `platform` is the chat's name
 * ("Discord"), `command` a subcommand as people type it there ("/dugnad goal add").
 *
 * @since 0.1.0
 * @category models
 */
export interface ChatCommandTexts {
  /** A subcommand the chat does not offer: where to do it instead. */
  readonly notHere: { readonly title: (platform: string) => string; readonly body: (platform: string) => string }
  /** A date or time option (`due`, `from`, `to`) that is no date, or one the calendar does not have. */
  readonly badTime: { readonly title: string; readonly body: (option: string, given: string, timeZone: string) => string }
  /** A meeting's local start (`start`, `occurrence`) not written YYYY-MM-DDTHH:MM, or impossible. */
  readonly badStart: { readonly title: string; readonly body: (option: string, given: string) => string }
  /** `member add`, `member list`. */
  readonly members: { readonly title: string; readonly empty: string }
  /** `goal add`, `goal list`; `empty` names the command that adds one. */
  readonly goals: { readonly title: string; readonly empty: (command: string) => string; readonly added: string }
  /** `checks`. */
  readonly checks: { readonly title: (item: string, revision: number) => string; readonly clean: string }
}

/**
 * The formatting helpers of one language, handed to its catalogue. Every helper that takes text
 * people typed neutralises mass mentions in it.
 *
 * @since 0.1.0
 * @category formatting
 */
export interface Format {
  /** Text people typed, made safe to interpolate ({@link neutraliseMentions}). */
  readonly user: (text: string) => string
  /** Typed text that ends a sentence: made safe, with a full stop unless it has its own. */
  readonly sentence: (text: string) => string
  readonly number: (value: number) => string
  /** A fraction as a percentage, the language's way (`0.052` → `5,2 %` / `5.2%`); at most `digits` decimals (0). */
  readonly percent: (fraction: number, digits?: number) => string
  /**
   * A one-line title made from typed text (a follow-up idea's from its parent's): `template(text)`
   * when that is at most {@link maxFollowUpTitleLength} characters, else `template` of the text cut
   * short with "…". The text is neutralised, its runs of white space (line breaks included) made
   * one space, and it is cut between code points, so the result never exceeds the limit in UTF-16
   * code units (provided `template` puts the text in once, and `template("…")` fits).
   */
  readonly title: (template: (text: string) => string, text: string) => string
  readonly list: (items: ReadonlyArray<string>, type?: ListType) => string
  readonly dateTime: (value: DateTime.DateTime, timeZone: string) => string
  readonly date: (value: DateTime.DateTime, timeZone: string) => string
  /** A local wall time (`2026-03-03`, `2026-03-03T10:00`) as a date (and time); other text as typed. */
  readonly local: (wallTime: string) => string
  /** The metrics that are present, in a fixed order, as `label number · label number`; `""` if none. */
  readonly metrics: (metrics: Metrics, labels: Catalogue["metric"]) => string
  /** `table[key]` if the table has the key (e.g. a command name from an error), else `undefined`. */
  readonly lookup: <K extends string>(table: { readonly [P in K]: string }, key: string) => string | undefined
}

/**
 * How a list joins its last item: "a, b og c" (`conjunction`) or "a, b eller c" (`disjunction`).
 *
 * @since 0.1.0
 * @category formatting
 */
export type ListType = "conjunction" | "disjunction"

// en is written as in Britain: day before month and a 24-hour clock, as a Norwegian workplace
// reads dates whatever the language.
const languageTags: { readonly [L in Locale]: string } = { nb: "nb-NO", en: "en-GB" }

/**
 * Turns `@everyone`, `@here`, `@channel` and `@all` (Discord's and Mattermost's mass mentions, in any
 * case) and Discord role mentions (`<@&id>`) into plain text by putting a zero-width joiner (U+200D)
 * right after the `@`: readers see the same text, the platforms no longer see a mention. Applied to
 * every piece of typed text a message interpolates. Idempotent. A handle that merely starts with one
 * of the words (`@allan`) is defused too: a missing ping is the safe mistake.
 *
 * @since 0.1.0
 * @category formatting
 */
export const neutraliseMentions = (text: string): string =>
  text.replace(/@(?=everyone|here|channel|all|&)/giu, "@\u200D")

/**
 * A number as the language writes it: `1 234` (with a no-break space) in `nb`, `1,234` in `en`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatNumber = (locale: Locale, value: number): string =>
  new Intl.NumberFormat(languageTags[locale]).format(value)

/**
 * A list as the language writes it: "Per, Siri og Ola" / "Per, Siri and Ola" ("eller" / "or" for
 * a `disjunction`).
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatList = (locale: Locale, items: ReadonlyArray<string>, type: ListType = "conjunction"): string =>
  new Intl.ListFormat(languageTags[locale], { type }).format(items)

const inZone = (locale: Locale, millis: number, timeZone: string, options: Intl.DateTimeFormatOptions): string => {
  try {
    return new Intl.DateTimeFormat(languageTags[locale], { ...options, timeZone }).format(millis)
  } catch (error) {
    // A workspace's zone is typed by people and not validated on the way in: an unknown one is
    // shown in UTC, and says so, rather than failing the whole message.
    if (!(error instanceof RangeError)) throw error
    return `${new Intl.DateTimeFormat(languageTags[locale], { ...options, timeZone: "UTC" }).format(millis)} UTC`
  }
}

const dateTimeStyle: Intl.DateTimeFormatOptions = { dateStyle: "full", timeStyle: "short" }
const dateStyle: Intl.DateTimeFormatOptions = { dateStyle: "full" }

/**
 * A moment as a date and time in `timeZone` (an IANA zone such as `Europe/Oslo`): "mandag 30. mars
 * 2026 kl. 11:00" / "Monday, 30 March 2026 at 11:00". Summer time is the zone's business. An unknown
 * zone is shown in UTC, marked "UTC".
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatDateTime = (locale: Locale, value: DateTime.DateTime, timeZone: string): string =>
  inZone(locale, DateTime.toEpochMillis(value), timeZone, dateTimeStyle)

/**
 * A moment as the date it falls on in `timeZone`: "mandag 30. mars 2026" / "Monday, 30 March 2026".
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatDate = (locale: Locale, value: DateTime.DateTime, timeZone: string): string =>
  inZone(locale, DateTime.toEpochMillis(value), timeZone, dateStyle)

const wallTimePattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/

// A wall time names a local date and time with no zone attached; formatting it as UTC shows exactly
// the digits it has.
const formatWallTime = (locale: Locale, text: string): string => {
  const parts = wallTimePattern.exec(text)
  if (parts === null) return neutraliseMentions(text)
  const [, year, month, day, hour, minute] = parts
  const millis = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0))
  // Date.UTC rolls 30 February over into March; a date that does not come back the same is not one.
  const roundTrip = new Date(millis).toISOString().slice(0, hour === undefined ? 10 : 16)
  if (roundTrip !== text) return neutraliseMentions(text)
  return inZone(locale, millis, "UTC", hour === undefined ? dateStyle : dateTimeStyle)
}

const metricOrder = Object.keys(Metrics.fields) as ReadonlyArray<keyof Metrics>

const fitText = (template: (text: string) => string, text: string, max: number): string => {
  const whole = neutraliseMentions(text.replace(/\s+/gu, " ").trim())
  const full = template(whole)
  if (full.length <= max) return full
  const budget = max - template("").length - 1
  let cut = ""
  for (const point of whole) {
    if (cut.length + point.length > budget) break
    cut += point
  }
  // A cut never makes a mention (it only shortens the text after an `@`), and the template's own
  // words have none; the whole is neutralised again all the same, which changes nothing.
  return neutraliseMentions(template(`${cut.trimEnd()}…`))
}

const formatFor = (locale: Locale): Format => ({
  user: neutraliseMentions,
  sentence: (text) => neutraliseMentions(/[.!?…]["'»”)]*$/u.test(text) ? text : `${text}.`),
  number: (value) => formatNumber(locale, value),
  percent: (fraction, digits = 0) =>
    new Intl.NumberFormat(languageTags[locale], { style: "percent", maximumFractionDigits: digits }).format(fraction),
  title: (template, text) => fitText(template, text, maxFollowUpTitleLength),
  list: (items, type) => formatList(locale, items, type),
  dateTime: (value, timeZone) => formatDateTime(locale, value, timeZone),
  date: (value, timeZone) => formatDate(locale, value, timeZone),
  local: (wallTime) => formatWallTime(locale, wallTime),
  metrics: (metrics, labels) =>
    metricOrder
      .flatMap((metric) => {
        const value = metrics[metric]
        return value === undefined ? [] : [`${labels[metric]} ${formatNumber(locale, value)}`]
      })
      .join(" · "),
  lookup: (table, key) => (Object.hasOwn(table, key) ? table[key as keyof typeof table] : undefined)
})

const catalogues: { readonly [L in Locale]: Catalogue } = {
  nb: nb(formatFor("nb")),
  en: en(formatFor("en"))
}

/**
 * The messages of one language.
 *
 * @since 0.1.0
 * @category messages
 */
export const messages = (locale: Locale): Catalogue => catalogues[locale]

/**
 * The language to address someone in: their own choice if they made one, else the workspace's.
 * Without a person (a team channel), the workspace's.
 *
 * @since 0.1.0
 * @category locale
 */
export const localeFor = (
  workspace: { readonly locale: Locale },
  member?: { readonly locale?: Locale | undefined }
): Locale => member?.locale ?? workspace.locale

/**
 * The message for any {@link DugnadError}: an error of the `Errors` module, an `InvalidRecurrence`,
 * an `InvalidPrimerEntry`, an `UnreadableExport`, a `NotPublished` or a `ChartRenderError`.
 *
 * @since 0.1.0
 * @category messages
 */
export const errorMessage = (locale: Locale, error: DugnadError, context: RenderContext): string =>
  // The catalogue's entry for `error._tag` takes exactly that error; TypeScript cannot follow the
  // correlation through the union, so it is widened here, once.
  (messages(locale).error[error._tag] as (error: DugnadError, context: RenderContext) => string)(error, context)

/**
 * A format-check finding as one sentence in the reader's language: "LinkedIn kutter teksten etter
 * 210 tegn («Se mer»); første setning slutter etter 260 tegn – få poenget tidlig." Numbers are
 * written as the language writes them ({@link formatNumber}), video lengths in minutes and seconds,
 * the network by its display name and the media item as "mediefil 2" / "media file 2" (counting
 * from 1). A number the finding lacks (one built by hand without the keys its check documents) is
 * shown as "?". The label for `finding.severity` is `messages(locale).severity`.
 *
 * @example
 * ```ts
 * import { FormatChecks, Messages } from "@dugnad/core"
 *
 * for (const finding of FormatChecks.check(draft)) {
 *   console.log(`${Messages.messages("nb").severity[finding.severity]}: ${Messages.findingMessage("nb", finding)}`)
 * }
 * ```
 *
 * @since 0.1.0
 * @category messages
 */
export const findingMessage = (locale: Locale, finding: Finding): string => messages(locale).finding[finding.check](finding)

/**
 * The notification line for an item event; `title` is the item's current title.
 *
 * @since 0.1.0
 * @category messages
 */
export const eventMessage = (locale: Locale, event: ItemEvent, title: string, context: RenderContext): string =>
  // As in errorMessage: the entry for `event._tag` takes exactly that event.
  (messages(locale).event[event._tag] as (event: ItemEvent, title: string, context: RenderContext) => string)(
    event,
    title,
    context
  )

/**
 * The message for a reminder, meeting report or meeting change (an outbox `Reminder`'s subject).
 *
 * @since 0.1.0
 * @category messages
 */
export const reminderMessage = (locale: Locale, subject: ReminderSubject, context: RenderContext): string => {
  const catalogue = messages(locale)
  switch (subject._tag) {
    case "ReviewDue":
      return subject.overdue ? catalogue.reminder.reviewOverdue(subject, context) : catalogue.reminder.review(subject, context)
    case "ResultsCheckIn":
      return catalogue.reminder.resultsCheckIn(subject, context)
    case "MeetingReminder":
      return catalogue.meeting.reminder(subject, context)
    case "MeetingSummary":
      return catalogue.meeting.summary(subject, context)
    case "MeetingChanged":
      return subject.change === "moved" && subject.start !== undefined
        ? catalogue.meeting.moved({ ...subject, start: subject.start }, context)
        : catalogue.meeting.cancelled(subject, context)
  }
}

/**
 * The message for anything the outbox delivers: an item event's notification (given the item's
 * title) or a reminder.
 *
 * @since 0.1.0
 * @category messages
 */
export const outboxMessage = (locale: Locale, message: OutboxMessage, title: string, context: RenderContext): string =>
  isItemNotification(message)
    ? eventMessage(locale, message.event, title, context)
    : reminderMessage(locale, message.subject, context)

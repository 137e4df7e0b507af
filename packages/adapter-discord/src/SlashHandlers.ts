/**
 * What each `/dugnad` subcommand does. A subcommand that needs text opens the core's form for it
 * as a modal (`idea submit`, `review object`, `review suggest`, `review decide`, `comment`); the
 * rest become one core command or query, answered with the core's view (or, for members, goals and
 * checks, a small list view). Every refusal is the core's worded error, to the person only.
 *
 * `draft write` opens a modal of the adapter's own (`dgd|draft|…`, submitted back here through
 * `Interactions`): the text prefilled from the latest revision and an alt text for each attachment
 * given; the attachments wait in `PendingDrafts` (see there for the trade-off). The core's
 * `writeDraft` form does not fit: it takes one media URL typed in and the networks as text.
 *
 * Dates (`due`, `from`, `to`) are read as the CLI reads them: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` in
 * the workspace's time zone (or ISO 8601 with a zone); a day that does not exist is refused.
 *
 * @since 0.1.0
 */
import { type ActionId, type FieldId, staleness as ChatActionStaleness } from "@dugnad/core/ChatAction"
import { InvalidCommand as InvalidCommandError } from "@dugnad/core/Errors"
import * as ChatView from "@dugnad/core/ChatView"
import * as Commands from "@dugnad/core/Commands"
import * as Directory from "@dugnad/core/Directory"
import { type DraftBody, type Media, type Network, networks as allNetworks, type RevisionKind } from "@dugnad/core/Draft"
import { type GoalId, ItemId, type MeetingId, ObjectionId, SuggestionId } from "@dugnad/core/Ids"
import { type ItemState, latestRevision, workOf } from "@dugnad/core/Item"
import { ItemCommand } from "@dugnad/core/ItemCommand"
import type { Metrics } from "@dugnad/core/ItemEvent"
import * as Meeting from "@dugnad/core/Meeting"
import * as Meetings from "@dugnad/core/Meetings"
import type { Role } from "@dugnad/core/Member"
import * as Messages from "@dugnad/core/Messages"
import * as Queries from "@dugnad/core/Queries"
import * as Reports from "@dugnad/core/Reports"
import * as Results from "@dugnad/core/Results"
import * as Team from "@dugnad/core/Team"
import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIModalSubmitInteraction,
  InteractionType
} from "discord-api-types/v10"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type { HandledInteraction } from "./HttpInteractions.js"
import { handleFor, memberIdOf } from "./Identity.js"
import { adapterModalPrefix, commandIdOf, formValues, type Reply, type Services, type Session } from "./Interactions.js"
import * as PendingDrafts from "./PendingDrafts.js"
import { type ChatInput, parseChatInput } from "./SlashCommands.js"
import { noticeView, text } from "./Text.js"

const notice = (view: ChatView.ChatView): Reply => ({ _tag: "Message", view, ephemeral: true })
const errorReply = (session: Session, error: Messages.DugnadError): Reply =>
  notice(ChatView.errorView(error, session.locale, session.context))

/** The `item` option; Discord requires it where it is offered, so an empty one is a mistake in the data. */
const itemOption = (input: ChatInput): ItemId => {
  const raw = String(input.options.get("item") ?? "").trim().toLowerCase()
  return ItemId.make(raw === "" ? "none" : raw)
}
const textOption = (input: ChatInput, name: string): string => String(input.options.get(name) ?? "").trim()

/** Runs one item command and answers with the item as it is after it. */
const runCommand = (session: Session, interactionId: string, item: ItemId | undefined, command: ItemCommand) =>
  Effect.gen(function*() {
    const result = yield* Effect.either(Commands.handle({
      workspace: session.workspace.id,
      commandId: commandIdOf(interactionId),
      actor: session.member.id,
      item,
      command
    }))
    if (Either.isLeft(result)) return errorReply(session, result.left)
    return notice(ChatView.itemView({ item: result.right.item, state: result.right.state }, session.locale, session.context, session.member))
  })

/** The form of an action on an item's latest revision (the modal a subcommand opens). */
const formOnLatest = (session: Session, item: ItemId, make: (revision: number) => ActionId) =>
  Effect.gen(function*() {
    const found = yield* Effect.either(Queries.item(session.workspace.id, item))
    if (Either.isLeft(found)) return errorReply(session, found.left)
    const work = workOf(found.right.state)
    const revision = work === undefined ? 0 : latestRevision(work)?.number ?? 0
    const form = ChatView.form(make(revision), session.locale, found.right.state)
    return form === undefined ? notice(ChatView.itemView(found.right, session.locale, session.context, session.member)) : { _tag: "Form", form } satisfies Reply
  })

/** The latest revision's number of an item, for commands that act on it. */
const latestOf = (session: Session, item: ItemId) =>
  Effect.map(Effect.either(Queries.item(session.workspace.id, item)), (found) =>
    Either.map(found, (view) => {
      const work = workOf(view.state)
      return work === undefined ? 0 : latestRevision(work)?.number ?? 0
    }))

// ---------------------------------------------------------------------------------------------
// dates and times, read as the CLI reads them

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

/**
 * A moment given as `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` in the workspace's time zone (a date alone is
 * its midnight), or an ISO 8601 time with its own zone; `undefined` for anything else, and for a
 * day or time that does not exist (2026-02-31, 24:61).
 */
export const readMoment = (given: string, timeZone: string): { readonly at: DateTime.Utc; readonly dateOnly: boolean } | undefined => {
  const trimmed = given.trim()
  const match = wallPattern.exec(trimmed)
  if (match !== null) {
    const wall = wallOf(match)
    if (wall === undefined) return undefined
    const zoned = DateTime.makeZoned(
      { year: wall.year, month: wall.month, day: wall.day, hours: wall.hours, minutes: wall.minutes },
      { timeZone, adjustForTimeZone: true }
    )
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

/** A meeting's local start, `YYYY-MM-DDTHH:MM` as the core takes it, or `undefined`. */
export const readLocalStart = (given: string): string | undefined => {
  const trimmed = given.trim()
  const match = localStartPattern.exec(trimmed)
  return match === null || wallOf(match) === undefined ? undefined : trimmed.replace(" ", "T")
}

const badTime = (session: Session, option: string, given: string): Reply => {
  const words = text(session.locale).badTime
  return notice(noticeView(words.title, words.body(option, given.trim(), session.workspace.timeZone)))
}

const badStart = (session: Session, option: string, given: string): Reply => {
  const words = text(session.locale).badStart
  return notice(noticeView(words.title, words.body(option, given.trim())))
}

/** A small list view (members, goals, findings): a title, one line a row, nobody pinged. */
const listView = (title: string, lines: ReadonlyArray<string>, empty: string, tone: ChatView.Tone = "info"): ChatView.ChatView => {
  const body = lines.length === 0 ? empty : lines.join("\n")
  return {
    title: ChatView.defuse(title).slice(0, ChatView.limits.title),
    body: ChatView.defuse(body.length > ChatView.limits.body ? `${body.slice(0, ChatView.limits.body - 1)}…` : body),
    fields: [],
    actions: [],
    tone,
    mentions: []
  }
}

const optionalText = (input: ChatInput, name: string): string | undefined => {
  const found = textOption(input, name)
  return found === "" ? undefined : found
}

const integerOption = (input: ChatInput, name: string): number | undefined => {
  const found = input.options.get(name)
  return typeof found === "number" ? found : undefined
}

/** The Discord users given in these `USER` options, as members of the workspace (synced on the way). */
const membersOf = (session: Session, input: ChatInput, names: ReadonlyArray<string>) =>
  Effect.forEach(
    names.flatMap((name) => {
      const resolved = input.users.get(name)
      return resolved === undefined ? [] : [resolved]
    }),
    (resolved) => session.memberOf(resolved.user, resolved.member)
  )

// ---------------------------------------------------------------------------------------------
// draft write: a modal of the adapter's own

const draftPrefix = `${adapterModalPrefix}draft|`

/**
 * The draft modal's id: `dgd|draft|<item>|<revision>|<c or f>|<networks as indexes>|<token or ->`.
 * Networks are their index in `Draft.networks` (one character each); the attachments are kept in
 * `PendingDrafts` under the token.
 */
const draftModalId = (item: ItemId, revision: number, kind: RevisionKind, chosen: ReadonlyArray<Network>, token: string | undefined) =>
  [
    `${draftPrefix}${item}`,
    String(revision),
    kind === "format" ? "f" : "c",
    chosen.map((network) => allNetworks.indexOf(network).toString(36)).join(""),
    token ?? "-"
  ].join("|")

const readDraftModalId = (id: string) => {
  const parts = id.slice(draftPrefix.length).split("|")
  if (parts.length !== 5) return undefined
  const [item, revision, kind, chosen, token] = parts as [string, string, string, string, string]
  if (!/^\d{1,6}$/.test(revision) || (kind !== "c" && kind !== "f") || item === "") return undefined
  const picked: Array<Network> = []
  for (const digit of chosen) {
    const network = allNetworks[parseInt(digit, 36)]
    if (network === undefined) return undefined
    picked.push(network)
  }
  return {
    item: ItemId.make(item),
    revision: Number(revision),
    kind: (kind === "f" ? "format" : "content") as RevisionKind,
    networks: picked,
    token: token === "-" ? undefined : token
  }
}

const attachmentNames = ["media1", "media2", "media3"] as const

/** `draft write`: the modal with the latest revision's text, and an alt-text field per attachment. */
const openDraftModal = (session: Session, input: ChatInput, item: ItemId) =>
  Effect.gen(function*() {
    const found = yield* Effect.either(Queries.item(session.workspace.id, item))
    if (Either.isLeft(found)) return errorReply(session, found.left)
    const latest = revisionOf(found.right.state)
    const kind: RevisionKind = textOption(input, "kind") === "format" ? "format" : "content"
    const chosen = [...new Set(["network", "network2", "network3"].flatMap((name) => {
      const value = optionalText(input, name)
      const network = allNetworks.find((candidate) => candidate === value)
      return network === undefined ? [] : [network]
    }))]
    const media = attachmentNames.flatMap((name) => {
      const attachment = input.attachments.get(name)
      return attachment === undefined
        ? []
        : [{ url: attachment.url, filename: attachment.filename, contentType: attachment.content_type }]
    })
    const token = media.length === 0 ? undefined : PendingDrafts.put(session.member.id, media)
    const labels = Messages.messages(session.locale).chat
    const words = text(session.locale)
    const previous = latest?.body.text
    const form: ChatView.ChatForm = {
      id: draftModalId(item, latest?.number ?? 0, kind, chosen, token),
      title: (kind === "format" ? labels.form.reviseFormat : labels.form.writeDraft).slice(0, 45),
      fields: [
        {
          id: "text",
          label: labels.field.text.slice(0, 45),
          style: "paragraph",
          required: true,
          minLength: 1,
          maxLength: ChatView.formLimits.paragraph,
          placeholder: labels.placeholder.text.slice(0, 100),
          ...(previous === undefined || previous.length > ChatView.formLimits.paragraph ? {} : { value: previous })
        },
        // No network given and none before (a first draft): asked for here rather than refused after.
        ...(chosen.length > 0 || (latest?.body.networks.length ?? 0) > 0 ? [] : [{
          id: "networks",
          label: labels.field.networks.slice(0, 45),
          style: "short",
          required: true,
          minLength: 1,
          maxLength: 150,
          placeholder: labels.placeholder.networks.slice(0, 100)
        } satisfies ChatView.ChatFormField]),
        // The alt texts' ids (alt1..alt3) are the adapter's, not core `FieldId`s: this modal is
        // submitted back here (the `dgd|` prefix), never to `ChatAction.toCommand`.
        ...media.map((file, index): ChatView.ChatFormField => ({
          id: `alt${index + 1}` as FieldId,
          label: words.altLabel(index + 1).slice(0, 45),
          style: "paragraph",
          required: true,
          minLength: 1,
          maxLength: 1000,
          placeholder: file.filename.slice(0, 100)
        }))
      ]
    }
    return { _tag: "Form", form } satisfies Reply
  })

/** The submitted draft modal: the revision, with the kept attachments and their alt texts. */
const submitDraft = (session: Session, interaction: APIModalSubmitInteraction) =>
  Effect.gen(function*() {
    const parsed = readDraftModalId(interaction.data.custom_id)
    const expired = () => {
      const words = text(session.locale).draftExpired
      return notice(noticeView(words.title, words.body))
    }
    if (parsed === undefined) return expired()
    const kept = parsed.token === undefined ? [] : PendingDrafts.get(parsed.token, session.member.id)
    if (kept === undefined) return expired()
    const values = formValues(interaction) as Readonly<Record<string, string>>
    const found = yield* Effect.either(Queries.item(session.workspace.id, parsed.item))
    if (Either.isLeft(found)) return errorReply(session, found.left)
    const before = revisionOf(found.right.state)?.body
    const typed = (values["networks"] ?? "").split(/[\s,;]+/u).map((name) => name.trim().toLowerCase()).filter((name) => name !== "")
    const unknown = typed.find((name) => !allNetworks.some((network) => network === name))
    if (unknown !== undefined) {
      return errorReply(session, new InvalidCommandError({ command: "WriteDraft", field: "body.networks", reason: "not_allowed", allowed: allNetworks }))
    }
    const chosen = parsed.networks.length > 0
      ? parsed.networks
      : typed.length > 0
      ? [...new Set(typed as ReadonlyArray<Network>)]
      : before?.networks ?? []
    const media: ReadonlyArray<Media> = kept.length === 0
      ? before?.media ?? []
      : kept.map((file, index) => ({
        kind: file.contentType?.startsWith("video/") === true ? "video" : "image",
        url: file.url,
        alt: (values[`alt${index + 1}`] ?? "").trim()
      }))
    const perNetwork: Partial<Record<Network, string>> = {}
    for (const network of chosen) {
      const own = before?.perNetwork[network]
      if (own !== undefined) perNetwork[network] = own
    }
    const body: DraftBody = {
      text: (values["text"] ?? "").trim(),
      perNetwork,
      media,
      networks: chosen,
      ...(before?.plannedFor === undefined ? {} : { plannedFor: before.plannedFor })
    }
    const reply = yield* runCommand(
      session,
      interaction.id,
      parsed.item,
      ItemCommand.WriteDraft({ baseRevision: parsed.revision, kind: parsed.kind, body })
    )
    // The token lives in this modal only, and a modal is submitted once: done with, either way.
    if (parsed.token !== undefined) PendingDrafts.remove(parsed.token)
    return reply
  })

const revisionOf = (state: ItemState) => {
  const work = workOf(state)
  return work === undefined ? undefined : latestRevision(work)
}

// ---------------------------------------------------------------------------------------------
// the other subcommands

const reviewRequest = (session: Session, interactionId: string, input: ChatInput, item: ItemId) =>
  Effect.gen(function*() {
    const dueText = optionalText(input, "due")
    const due = dueText === undefined ? undefined : readMoment(dueText, session.workspace.timeZone)
    if (dueText !== undefined && due === undefined) return badTime(session, "due", dueText)
    const reviewers = yield* Effect.either(membersOf(session, input, ["reviewer", "reviewer2", "reviewer3"]))
    if (Either.isLeft(reviewers)) return errorReply(session, reviewers.left)
    const unique = [...new Map(reviewers.right.map((member) => [member.id, member])).values()]
    // Reviewers met just now are named in the reply too.
    const names = new Map<string, string>(unique.map((member) => [member.id, member.name]))
    const named: Session = { ...session, context: { ...session.context, name: (id) => names.get(id) ?? session.context.name(id) } }
    return yield* runCommand(
      named,
      interactionId,
      item,
      ItemCommand.RequestReview({
        reviewers: unique.map((member) => ({ member: member.id, expert: member.roles.includes("expert") })),
        ...(due === undefined ? {} : { due: due.at })
      })
    )
  })

/** `review decide`: the accept or decline form of the suggestion (its reason is asked for there). */
const reviewDecide = (session: Session, input: ChatInput, item: ItemId) =>
  Effect.gen(function*() {
    const suggestion = SuggestionId.make(textOption(input, "suggestion").toUpperCase())
    const found = yield* Effect.either(Queries.item(session.workspace.id, item))
    if (Either.isLeft(found)) return errorReply(session, found.left)
    const action: ActionId = textOption(input, "decision") === "decline"
      ? { _tag: "declineFormat", item, suggestion }
      : { _tag: "acceptFormat", item, suggestion }
    // A suggestion already decided (or unknown) is refused now, as its button would be.
    const stale = ChatActionStaleness(action, found.right.state)
    if (stale !== undefined) return errorReply(session, stale)
    const form = ChatView.form(action, session.locale, found.right.state)
    return form === undefined
      ? notice(ChatView.itemView(found.right, session.locale, session.context, session.member))
      : { _tag: "Form", form } satisfies Reply
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

const resultsRecord = (session: Session, interactionId: string, input: ChatInput, item: ItemId) =>
  Effect.gen(function*() {
    const metrics: { -readonly [K in keyof Metrics]?: number } = {}
    for (const [option, key] of metricOptions) {
      const value = integerOption(input, option)
      if (value !== undefined) metrics[key] = value
    }
    const highlight = optionalText(input, "highlight")
    return yield* runCommand(
      session,
      interactionId,
      item,
      ItemCommand.RecordResults({
        network: textOption(input, "network") as Network,
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
const resultsShare = (session: Session, interactionId: string, item: ItemId) =>
  Effect.gen(function*() {
    const shared = yield* Effect.either(Results.share(session.workspace.id, session.member.id, item, commandIdOf(interactionId)))
    if (Either.isLeft(shared)) return errorReply(session, shared.left)
    const found = shared.right
    const messages = yield* Effect.either(Results.messagesFor(found))
    if (Either.isLeft(messages)) return errorReply(session, messages.left)
    const mine = messages.right.find((message) => message.member === session.member.id)
    const catalogue = Messages.messages(session.locale)
    const chart = mine?.charts[0]
    const labels = chart === undefined ? undefined : catalogue.chart(chart.network, found.posts.find((post) => post.network === chart.network)?.context.window.days ?? 0)
    const body = mine?.text ?? ""
    const view: ChatView.ChatView = {
      title: catalogue.chat.title.results,
      body: ChatView.defuse(body.length > ChatView.limits.body ? `${body.slice(0, ChatView.limits.body - 1)}…` : body),
      fields: [{ label: catalogue.chat.label.item, value: ChatView.defuse(found.title).slice(0, ChatView.limits.fieldValue) }],
      actions: [],
      ...(chart === undefined || labels === undefined
        ? {}
        : {
          image: {
            filename: `results-${item}-${chart.network}.png`.replace(/[^A-Za-z0-9._-]/gu, "_"),
            png: chart.png,
            alt: labels.subtitle === undefined ? labels.title : `${labels.title}. ${labels.subtitle}`
          }
        }),
      tone: "success",
      mentions: []
    }
    return notice(view)
  })

/** `report goals|people`: the period from `from` to `to` (a date alone includes that day), default the last 90 days. */
const report = (session: Session, input: ChatInput, kind: "goals" | "people") =>
  Effect.gen(function*() {
    const zone = session.workspace.timeZone
    const toText = optionalText(input, "to")
    const fromText = optionalText(input, "from")
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

const meetingSchedule = (session: Session, interactionId: string, input: ChatInput) =>
  Effect.gen(function*() {
    const startText = textOption(input, "start")
    const start = readLocalStart(startText)
    if (start === undefined) return badStart(session, "start", startText)
    const role = roleValues.find((candidate) => candidate === textOption(input, "invite-role"))
    const invited = yield* Effect.either(membersOf(session, input, ["invite-user"]))
    if (Either.isLeft(invited)) return errorReply(session, invited.left)
    const agenda = optionalText(input, "agenda")
    const channel = input.channels.get("channel")?.name ?? undefined
    const zone = optionalText(input, "tz")
    const scheduled = yield* Effect.either(Meetings.handle({
      workspace: session.workspace.id,
      commandId: commandIdOf(interactionId),
      actor: session.member.id,
      command: Meeting.MeetingCommand.ScheduleMeeting({
        title: textOption(input, "title"),
        start,
        rrule: textOption(input, "rrule"),
        ...(zone === undefined ? {} : { timeZone: zone }),
        durationMinutes: integerOption(input, "duration") ?? 60,
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
    return notice({
      ...view,
      fields: [
        { label: "ID", value: meeting, inline: true },
        ...view.fields,
        ...(later.length === 0 ? [] : [{ label: catalogue.chat.label.when, value: later.join("\n") }])
      ]
    })
  })

const meetingSummary = (session: Session, input: ChatInput) =>
  Effect.gen(function*() {
    const occurrenceText = optionalText(input, "occurrence")
    const occurrence = occurrenceText === undefined ? undefined : readLocalStart(occurrenceText)
    if (occurrenceText !== undefined && occurrence === undefined) return badStart(session, "occurrence", occurrenceText)
    const meeting = textOption(input, "meeting") as MeetingId
    const subject = yield* Effect.either(Meetings.summary(session.workspace.id, meeting, occurrence))
    return Either.isLeft(subject)
      ? errorReply(session, subject.left)
      : notice(ChatView.meetingView(subject.right, session.locale, session.context))
  })

const memberLine = (session: Session, member: { readonly handle: string; readonly name: string; readonly roles: ReadonlyArray<Role>; readonly department?: string | undefined }) => {
  const catalogue = Messages.messages(session.locale)
  const roles = member.roles.filter((role) => role !== "member").map((role) => catalogue.role[role])
  return `- ${member.name} (${member.handle})` + (roles.length === 0 ? "" : ` · ${roles.join(", ")}`) +
    (member.department === undefined ? "" : ` · ${member.department}`)
}

/** `member add`: a Discord user as a member, with the roles given (Dugnad-assigned roles only matter where no Discord role is configured). */
const memberAdd = (session: Session, input: ChatInput) =>
  Effect.gen(function*() {
    const resolved = input.users.get("user")
    if (resolved === undefined) {
      return errorReply(session, new InvalidCommandError({ command: "AddMember", field: "user", reason: "required" }))
    }
    const directory = yield* Directory.Directory
    const id = memberIdOf(resolved.user.id)
    const others = yield* directory.members(session.workspace.id)
    const taken = new Set(others.filter((member) => member.id !== id).map((member) => member.handle))
    const roles = [...new Set(["role", "role2", "role3"].flatMap((name) => {
      const role = roleValues.find((candidate) => candidate === textOption(input, name))
      return role === undefined ? [] : [role]
    }))]
    const department = optionalText(input, "department")
    const field = optionalText(input, "field")
    const existing = others.find((member) => member.id === id)
    const added = yield* Effect.either(Team.addMember(session.workspace.id, session.member.id, {
      id,
      handle: existing?.handle ?? handleFor(resolved.user.username, resolved.user.id, taken),
      name: resolved.member?.nick ?? resolved.user.global_name ?? resolved.user.username,
      roles: [...new Set<Role>([...(existing?.roles ?? []), ...roles])],
      ...(department === undefined ? {} : { department }),
      fields: field === undefined ? existing?.fields ?? [] : [field],
      ...(existing?.locale === undefined ? {} : { locale: existing.locale })
    }))
    if (Either.isLeft(added)) return errorReply(session, added.left)
    const words = text(session.locale).members
    return notice({ ...listView(words.title, [memberLine(session, added.right)], ""), tone: "success" })
  })

const memberList = (session: Session) =>
  Effect.gen(function*() {
    const directory = yield* Directory.Directory
    const members = [...yield* directory.members(session.workspace.id)].sort((a, b) => a.handle.localeCompare(b.handle))
    const words = text(session.locale).members
    return notice(listView(words.title, members.map((member) => memberLine(session, member)), words.empty))
  })

const goalLine = (goal: { readonly id: GoalId; readonly title: string; readonly description?: string | undefined }) =>
  `- ${goal.id}: ${goal.title}` + (goal.description === undefined ? "" : ` — ${goal.description}`)

const goalAdd = (session: Session, input: ChatInput) =>
  Effect.gen(function*() {
    const description = optionalText(input, "description")
    const goal = yield* Effect.either(Team.addGoal(session.workspace.id, session.member.id, {
      title: textOption(input, "title"),
      ...(description === undefined ? {} : { description })
    }))
    if (Either.isLeft(goal)) return errorReply(session, goal.left)
    const words = text(session.locale).goals
    return notice({ ...listView(words.added, [goalLine(goal.right)], ""), tone: "success" })
  })

const goalList = (session: Session) =>
  Effect.gen(function*() {
    const directory = yield* Directory.Directory
    const goals = yield* directory.goals(session.workspace.id)
    const words = text(session.locale).goals
    return notice(listView(words.title, goals.map(goalLine), words.empty))
  })

/** `checks`: the format checks of the latest revision, each finding worded by the core. */
const checks = (session: Session, item: ItemId) =>
  Effect.gen(function*() {
    const found = yield* Effect.either(Queries.checks(session.workspace.id, item))
    if (Either.isLeft(found)) return errorReply(session, found.left)
    const catalogue = Messages.messages(session.locale)
    const words = text(session.locale).checks
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

/** The answer to a subcommand the bot does not offer (yet): where to do it instead. */
const elsewhere = (session: Session): Reply => {
  const words = text(session.locale).notHere
  return notice(noticeView(words.title, words.body))
}

/**
 * Answers a `/dugnad` chat-input or autocomplete interaction.
 *
 * @since 0.1.0
 * @category interactions
 */
export const handleSlash = (session: Session, interaction: HandledInteraction): Effect.Effect<Reply, never, Services> =>
  Effect.gen(function*() {
    if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
      return yield* autocomplete(session, interaction)
    }
    if (interaction.type === InteractionType.ModalSubmit) {
      return interaction.data.custom_id.startsWith(draftPrefix) ? yield* submitDraft(session, interaction) : elsewhere(session)
    }
    if (interaction.type !== InteractionType.ApplicationCommand || !("options" in interaction.data)) {
      return elsewhere(session)
    }
    const input = parseChatInput((interaction as APIChatInputApplicationCommandInteraction).data)
    const path = input.path.join(" ")
    const item = input.options.has("item") ? itemOption(input) : ItemId.make("none")
    switch (path) {
      case "idea submit": {
        const form = ChatView.form({ _tag: "submitIdea" }, session.locale)
        return form === undefined ? elsewhere(session) : { _tag: "Form", form } satisfies Reply
      }
      case "idea accept":
        return yield* runCommand(session, interaction.id, item, ItemCommand.AcceptIdea())
      case "idea park":
        return yield* runCommand(session, interaction.id, item, ItemCommand.ParkIdea({ reason: textOption(input, "reason") }))
      case "idea revive":
        return yield* runCommand(session, interaction.id, item, ItemCommand.ReviveIdea())
      case "idea decline":
        return yield* runCommand(session, interaction.id, item, ItemCommand.DeclineIdea({ reason: textOption(input, "reason") }))
      case "draft write":
        return yield* openDraftModal(session, input, item)
      case "review request":
        return yield* reviewRequest(session, interaction.id, input, item)
      case "review decide":
        return yield* reviewDecide(session, input, item)
      case "results record":
        return yield* resultsRecord(session, interaction.id, input, item)
      case "results share":
        return yield* resultsShare(session, interaction.id, item)
      case "report goals":
        return yield* report(session, input, "goals")
      case "report people":
        return yield* report(session, input, "people")
      case "meeting schedule":
        return yield* meetingSchedule(session, interaction.id, input)
      case "meeting next":
        return yield* meetingNext(session, textOption(input, "meeting") as MeetingId, integerOption(input, "count") ?? 1)
      case "meeting summary":
        return yield* meetingSummary(session, input)
      case "member add":
        return yield* memberAdd(session, input)
      case "member list":
        return yield* memberList(session)
      case "goal add":
        return yield* goalAdd(session, input)
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
        return yield* runCommand(session, interaction.id, item, ItemCommand.ApproveFacts({ revision: revision.right }))
      }
      case "review resolve":
        return yield* runCommand(
          session,
          interaction.id,
          item,
          ItemCommand.ResolveObjection({ objection: ObjectionId.make(textOption(input, "objection").toUpperCase()) })
        )
      case "approve": {
        const revision = yield* latestOf(session, item)
        if (Either.isLeft(revision)) return errorReply(session, revision.left)
        return yield* runCommand(session, interaction.id, item, ItemCommand.ApproveForPublication({ revision: revision.right }))
      }
      case "publish":
        return yield* runCommand(
          session,
          interaction.id,
          item,
          ItemCommand.RecordPublication({
            network: textOption(input, "network") as Network,
            url: textOption(input, "url"),
            publishedAt: yield* DateTime.now
          })
        )
      case "withdraw":
        return yield* runCommand(session, interaction.id, item, ItemCommand.Withdraw({ reason: textOption(input, "reason") }))
      case "show": {
        const found = yield* Effect.either(Queries.item(session.workspace.id, item))
        return Either.isLeft(found)
          ? errorReply(session, found.left)
          : notice(ChatView.itemView(found.right, session.locale, session.context, session.member))
      }
      case "board": {
        const board = yield* Effect.either(Queries.board(session.workspace.id))
        return Either.isLeft(board) ? errorReply(session, board.left) : notice(ChatView.boardView(board.right, session.locale))
      }
      case "primer": {
        const network = (textOption(input, "network") || "facebook") as Network
        const primer = yield* Effect.either(Team.primer(session.workspace.id, session.locale))
        if (Either.isLeft(primer)) return errorReply(session, primer.left)
        return notice(ChatView.primerView(network, primer.right.filter((entry) => entry.network === network || entry.network === undefined), session.locale))
      }
      default:
        return elsewhere(session)
    }
  })

/** Item ids while typing `item`: the board's items whose id or title matches, newest first. */
const autocomplete = (session: Session, interaction: APIApplicationCommandAutocompleteInteraction) =>
  Effect.gen(function*() {
    const typed = String(parseChatInput(interaction.data).options.get("item") ?? "").toLowerCase()
    const board = yield* Queries.board(session.workspace.id).pipe(Effect.orElseSucceed(() => []))
    const choices = board.flatMap((column) => column.cards)
      .filter((entry) => entry.item.includes(typed) || entry.title.toLowerCase().includes(typed))
      .slice(0, 25)
      .map((entry) => ({ name: `${entry.item} · ${entry.title}`.slice(0, 100), value: entry.item }))
    return { _tag: "Choices", choices } as Reply
  })

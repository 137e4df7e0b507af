/**
 * The chat view model: platform-neutral messages that the Discord and the Mattermost bot both
 * render. A {@link ChatView} has a title, a body (plain text with line breaks and "- " lists, mass
 * and user mentions already defused), fields, buttons ({@link ChatAction}, each carrying an encoded
 * `ChatAction.ActionId`, some opening a {@link ChatForm} first), an optional PNG image, a tone, and
 * the members it may ping (`mentions`: adapters restrict their allowed mentions to these).
 *
 * The builders are pure (no ports, no clock): the adapter loads what a view needs (the item's
 * state, a results message, a report) and passes it in. Every sentence comes from `Messages`, in
 * the recipient's language; the catalogue's `chat` entries give the short labels.
 *
 * - {@link viewOfMessage}: one outbox message (an item event's notification or a reminder) for one
 *   recipient, with the buttons that recipient can use now (a review request to an expert: approve
 *   facts, object, suggest format, comment; a format suggestion to the advisor: accept, decline…).
 * - Replies to queries: {@link itemView}, {@link boardView}, {@link goalsView}, {@link peopleView},
 *   {@link primerView}, {@link meetingView}, and {@link errorView} for any `DugnadError`.
 * - Forms: {@link form} (the form an action opens; `submitIdea`, `writeDraft` and `recordResults`
 *   can be opened on their own, e.g. from a slash command).
 *
 * ```ts
 * import { ChatAction, ChatView } from "@dugnad/core"
 *
 * const view = ChatView.viewOfMessage(row.notification, member, {
 *   workspace, name: (id) => names.get(id) ?? id, state: (yield* Queries.item(ws, row.notification.item)).state
 * })
 * // render view.title / body / fields / actions; on a press:
 * const action = ChatAction.decode(customId) // then ChatAction.toCommand(action, values, state, actor)
 * ```
 *
 * @since 0.1.0
 */
import {
  type ActionId,
  currentRevision,
  encode,
  type FieldId,
  isEncodable,
  opensForm,
  staleness
} from "./ChatAction.js"
import { type DraftBody, type Network, textFor } from "./Draft.js"
import type { MemberId } from "./Ids.js"
import {
  ideaOf,
  type ItemState,
  latestRevision,
  missingApprovals,
  openObjections,
  undecidedSuggestions,
  workOf
} from "./Item.js"
import type { ItemEvent } from "./ItemEvent.js"
import { hasRole, type Locale, type Member } from "./Member.js"
import * as Messages from "./Messages.js"
import { isItemNotification, type Notification, type OutboxMessage, type Reminder, type ReminderSubject } from "./Notification.js"
import type { PrimerEntry } from "./Primer.js"
import type { Board } from "./Queries.js"
import type { DepartmentReport, GoalReport, PersonReport } from "./Reports.js"
import type { Feedback, ParticipantMessage } from "./Results.js"

/**
 * How a view should feel: the colour of a Discord embed's side bar or a Mattermost attachment's.
 *
 * @since 0.1.0
 * @category model
 */
export type Tone = "info" | "success" | "warning" | "danger"

/**
 * A button's style (Discord's primary/secondary/success/danger; Mattermost's primary/default/
 * success/danger).
 *
 * @since 0.1.0
 * @category model
 */
export type ActionStyle = "primary" | "secondary" | "success" | "danger"

/**
 * One field of a view: a short label and its value; `inline` fields may sit side by side.
 *
 * @since 0.1.0
 * @category model
 */
export interface ChatField {
  readonly label: string
  readonly value: string
  readonly inline?: boolean
}

/**
 * One text input of a form. `id` is what `ChatAction.toCommand` reads the value under.
 *
 * @since 0.1.0
 * @category model
 */
export interface ChatFormField {
  readonly id: FieldId
  readonly label: string
  readonly style: "short" | "paragraph"
  readonly required: boolean
  readonly maxLength: number
  readonly minLength?: number
  readonly placeholder?: string
  /** Prefilled text (the current draft's, for a revision); never longer than `maxLength`. */
  readonly value?: string
}

/**
 * A form (a Discord modal, a Mattermost interactive dialog). `id` is the encoded action it submits
 * to; within {@link formLimits}.
 *
 * @since 0.1.0
 * @category model
 */
export interface ChatForm {
  readonly id: string
  readonly title: string
  readonly fields: ReadonlyArray<ChatFormField>
}

/**
 * A button. `id` is an encoded `ChatAction.ActionId`; with a `form`, the press opens it first and
 * the submission carries the action.
 *
 * @since 0.1.0
 * @category model
 */
export interface ChatAction {
  readonly id: string
  readonly label: string
  readonly style: ActionStyle
  readonly form?: ChatForm
}

/**
 * An image attached to a view (a results chart), with its alt text.
 *
 * @since 0.1.0
 * @category model
 */
export interface ChatImage {
  readonly filename: string
  readonly png: Uint8Array
  readonly alt: string
}

/**
 * A platform-neutral message. Every text is already in the reader's language, defused (no mass or
 * user mention pings through typed text) and within {@link limits}; `mentions` are the only members
 * the adapter may ping with it (the recipient of a direct view; nobody for a team channel's).
 *
 * @since 0.1.0
 * @category model
 */
export interface ChatView {
  readonly title: string
  readonly body: string
  readonly fields: ReadonlyArray<ChatField>
  readonly actions: ReadonlyArray<ChatAction>
  readonly image?: ChatImage
  readonly tone: Tone
  readonly mentions: ReadonlyArray<MemberId>
}

/**
 * The sizes every view keeps within (Discord's embed limits, which Mattermost's attachments exceed):
 * title, body, number of fields, field label and value, number of buttons, button label.
 *
 * @since 0.1.0
 * @category limits
 */
export const limits = {
  title: 256,
  body: 4096,
  fields: 25,
  fieldLabel: 256,
  fieldValue: 1024,
  actions: 25,
  actionLabel: 80
} as const

/**
 * The sizes every form keeps within: Discord modals (title and labels ≤ 45, ≤ 5 inputs, custom ids
 * ≤ 100, placeholders ≤ 100, values ≤ 4000) and Mattermost dialogs (title and labels ≤ 24, text
 * ≤ 150, textarea ≤ 3000), whichever is smaller.
 *
 * @since 0.1.0
 * @category limits
 */
export const formLimits = {
  title: 24,
  fields: 5,
  label: 24,
  placeholder: 100,
  id: 100,
  short: 150,
  paragraph: 3000
} as const

/**
 * What {@link viewOfMessage} needs besides the message: the workspace (its language and time
 * zone), names, and for item notifications the item's state now (its title, the draft to preview,
 * and which buttons still fit; without it, a view has no buttons). `results` is the recipient's
 * results message for `ResultsShared` (`Results.messagesFor`), `feedback` the item's feedback for
 * the team channel's celebration of `MarkedSuccess` (`Results.feedback`).
 *
 * @since 0.1.0
 * @category model
 */
export interface ViewContext {
  readonly workspace: { readonly locale: Locale; readonly timeZone: string }
  readonly name: (member: MemberId) => string
  readonly state?: ItemState | undefined
  readonly results?: ParticipantMessage | undefined
  readonly feedback?: Feedback | undefined
}

// ---------------------------------------------------------------------------------------------
// text safety and limits

/**
 * Makes text safe to post: mass mentions (`@everyone`, `@here`, `@channel`, `@all`), Discord user,
 * role and channel-less mentions (`<@123>`, `<@!123>`, `<@&123>`) and Mattermost handles (`@kari`)
 * get a zero-width joiner after the `@`, so they read the same and ping nobody. An `@` inside a
 * word or a link (`kari@example.org`, `https://mastodon.social/@kari`) is left alone. Idempotent.
 * Views are defused by their builders; pinging is what `mentions` is for.
 *
 * @since 0.1.0
 * @category formatting
 */
export const defuse = (text: string): string =>
  Messages.neutraliseMentions(text)
    .replace(/<@(?!\u200D)/gu, "<@\u200D")
    .replace(/(?<![\p{L}\p{N}_/.@<])@(?=[\p{L}\p{N}_])/gu, "@\u200D")

const cut = (text: string, max: number): string => {
  if (text.length <= max) return text
  let kept = ""
  for (const point of text) {
    if (kept.length + point.length > max - 1) break
    kept += point
  }
  return `${kept.trimEnd()}…`
}

/**
 * A view made safe and small enough to post: title, body, field labels and values defused
 * ({@link defuse}) and then cut to {@link limits} (with "…"), fields without a value left out, at
 * most {@link limits}' number of fields and buttons, each mention once. Every view this module
 * builds is fitted; a view built elsewhere (a chat command's list, a notice) is fitted with this.
 *
 * @since 0.1.0
 * @category formatting
 */
export const fit = (view: ChatView): ChatView => ({
  ...view,
  title: cut(defuse(view.title.replace(/\s+/gu, " ").trim()), limits.title),
  body: cut(defuse(view.body), limits.body),
  fields: view.fields
    .filter((field) => field.value.trim() !== "")
    .slice(0, limits.fields)
    .map((field) => ({
      ...field,
      label: cut(defuse(field.label), limits.fieldLabel),
      value: cut(defuse(field.value), limits.fieldValue)
    })),
  actions: view.actions.slice(0, limits.actions).map((action) => ({
    ...action,
    label: cut(action.label, limits.actionLabel)
  })),
  mentions: [...new Set(view.mentions)]
})

// ---------------------------------------------------------------------------------------------
// forms

interface FieldSpec {
  readonly id: FieldId
  readonly style: "short" | "paragraph"
  readonly required: boolean
  readonly maxLength: number
}

const short = (id: FieldId, required: boolean, maxLength: number = formLimits.short): FieldSpec => ({
  id,
  style: "short",
  required,
  maxLength
})
const paragraph = (id: FieldId, required: boolean, maxLength = 1000): FieldSpec => ({
  id,
  style: "paragraph",
  required,
  maxLength
})

const formFields = {
  object: [paragraph("claim", true), paragraph("correction", true)],
  suggestFormat: [paragraph("note", true)],
  comment: [paragraph("text", true, 2000)],
  acceptFormat: [paragraph("reason", true), short("primer", false, 100)],
  declineFormat: [paragraph("reason", true), short("primer", false, 100)],
  resolveObjection: [paragraph("note", false)],
  parkIdea: [paragraph("reason", true)],
  declineIdea: [paragraph("reason", true)],
  submitIdea: [short("title", true, 100), paragraph("pitch", true, 2000), short("department", false, 100)],
  writeDraft: [
    paragraph("text", true, formLimits.paragraph),
    short("networks", true),
    short("mediaUrl", false),
    paragraph("alt", false)
  ],
  reviseFormat: [
    paragraph("text", true, formLimits.paragraph),
    short("networks", true),
    short("mediaUrl", false),
    paragraph("alt", false)
  ],
  recordResults: [
    short("reach", false, 15),
    short("impressions", false, 15),
    short("reactions", false, 15),
    short("comments", false, 15),
    short("shares", false, 15)
  ]
} as const satisfies { readonly [K in ActionId["_tag"]]?: ReadonlyArray<FieldSpec> }

/** The current draft's values, prefilled in a revision form. */
const prefill = (action: ActionId, state: ItemState | undefined): Partial<Record<FieldId, string>> => {
  if (action._tag !== "writeDraft" && action._tag !== "reviseFormat") return {}
  const work = state === undefined ? undefined : workOf(state)
  const body = work === undefined ? undefined : latestRevision(work)?.body
  if (body === undefined) return {}
  const first = body.media[0]
  return {
    text: body.text,
    networks: body.networks.join(", "),
    ...(first === undefined ? {} : { mediaUrl: first.url, alt: first.alt })
  }
}

/**
 * The form an action opens, in `locale`, or `undefined` for an action that acts at the press (or
 * cannot be encoded). A revision form (`writeDraft`, `reviseFormat`) is prefilled from the item's
 * latest revision when `state` is given; a prefilled value that would not fit is left out.
 *
 * @since 0.1.0
 * @category forms
 */
export const form = (action: ActionId, locale: Locale, state?: ItemState): ChatForm | undefined => {
  const kind = action._tag
  if (!opensForm(kind) || !isEncodable(action)) return undefined
  const labels = Messages.messages(locale).chat
  const values = prefill(action, state)
  return {
    id: encode(action),
    title: cut(labels.form[kind], formLimits.title),
    fields: formFields[kind].slice(0, formLimits.fields).map((spec): ChatFormField => {
      const value = values[spec.id]
      return {
        id: spec.id,
        label: cut(labels.field[spec.id], formLimits.label),
        style: spec.style,
        required: spec.required,
        maxLength: spec.maxLength,
        ...(spec.required ? { minLength: 1 } : {}),
        placeholder: cut(labels.placeholder[spec.id], formLimits.placeholder),
        ...(value === undefined || value.length > spec.maxLength ? {} : { value })
      }
    })
  }
}

const styleOf: { readonly [K in ActionId["_tag"]]: ActionStyle } = {
  approveFacts: "success",
  object: "danger",
  suggestFormat: "secondary",
  comment: "secondary",
  acceptFormat: "success",
  declineFormat: "danger",
  resolveObjection: "success",
  acceptIdea: "success",
  parkIdea: "secondary",
  declineIdea: "danger",
  approvePublication: "success",
  submitIdea: "primary",
  writeDraft: "primary",
  reviseFormat: "secondary",
  recordResults: "primary"
}

/**
 * The button for an action, labelled in `locale`, with its form if it opens one; `undefined` when
 * the action cannot be encoded (an item id outside `ChatAction.ActionItemId`).
 *
 * @since 0.1.0
 * @category forms
 */
export const button = (action: ActionId, locale: Locale, state?: ItemState): ChatAction | undefined => {
  if (!isEncodable(action)) return undefined
  const opened = form(action, locale, state)
  return {
    id: encode(action),
    label: Messages.messages(locale).chat.action[action._tag],
    style: styleOf[action._tag],
    ...(opened === undefined ? {} : { form: opened })
  }
}

/** The buttons for the actions that still fit the item (none without its state). */
const buttons = (
  actions: ReadonlyArray<ActionId>,
  locale: Locale,
  state: ItemState | undefined
): ReadonlyArray<ChatAction> =>
  state === undefined ? [] : actions.flatMap((action) => {
    if (staleness(action, state) !== undefined) return []
    const made = button(action, locale, state)
    return made === undefined ? [] : [made]
  })

// ---------------------------------------------------------------------------------------------
// item parts

/** What a reviewer can do on the current revision: the expert's veto and approval, format, comment. */
const reviewActions = (state: ItemState, member: MemberId, withResolve: boolean): ReadonlyArray<ActionId> => {
  const work = workOf(state)
  const reviewer = work?.reviewers.find((candidate) => candidate.member === member)
  if (work === undefined || reviewer === undefined || state._tag === "None") return []
  const item = state.idea.item
  const revision = currentRevision(state)
  const resolve: ReadonlyArray<ActionId> = withResolve
    ? openObjections(work)
      .filter((objection) => objection.by === member)
      .map((objection) => ({ _tag: "resolveObjection", item, objection: objection.id }))
    : []
  return [
    ...(reviewer.expert
      ? [{ _tag: "approveFacts", item, revision } as const, { _tag: "object", item, revision } as const]
      : []),
    { _tag: "suggestFormat", item, revision },
    { _tag: "comment", item },
    ...resolve
  ]
}

/** The advisor's next step when the review is complete: approval for publication. */
const readyToApprove = (state: ItemState): ReadonlyArray<ActionId> => {
  const work = workOf(state)
  if (state._tag !== "InReview" || work === undefined) return []
  const complete = openObjections(work).length === 0 && missingApprovals(work).length === 0 &&
    undecidedSuggestions(work).length === 0
  return complete ? [{ _tag: "approvePublication", item: state.idea.item, revision: currentRevision(state) }] : []
}

const quote = (text: string): string =>
  text.split("\n").map((line) => (line === "" ? ">" : `> ${line}`)).join("\n")

/** A draft as fields: the revision, networks, each network's own text, the media with alt text. */
const draftFields = (locale: Locale, body: DraftBody, revision: number, timeZone: string): ReadonlyArray<ChatField> => {
  const catalogue = Messages.messages(locale)
  const labels = catalogue.chat.label
  const networkName = (network: Network) => catalogue.network[network]
  return [
    { label: labels.revision, value: String(revision), inline: true },
    {
      label: labels.networks,
      value: body.networks.length === 0 ? catalogue.chat.none : Messages.formatList(locale, body.networks.map(networkName)),
      inline: true
    },
    ...(body.plannedFor === undefined
      ? []
      : [{ label: labels.plannedFor, value: Messages.formatDateTime(locale, body.plannedFor, timeZone), inline: true }]),
    ...body.networks
      .filter((network) => body.perNetwork[network] !== undefined)
      .map((network) => ({ label: labels.textOn(networkName(network)), value: textFor(body, network) })),
    ...body.media.map((media, index) => ({
      label: labels.media(index + 1, media.kind),
      value: `${media.alt}\n${media.url}`
    }))
  ]
}

/** The draft preview under a notification: the main text, quoted. */
const draftPreview = (state: ItemState | undefined): string => {
  const work = state === undefined ? undefined : workOf(state)
  const body = work === undefined ? undefined : latestRevision(work)?.body
  return body === undefined || body.text.trim() === "" ? "" : `\n\n${quote(body.text)}`
}

const previewFields = (locale: Locale, state: ItemState | undefined, timeZone: string): ReadonlyArray<ChatField> => {
  const work = state === undefined ? undefined : workOf(state)
  const latest = work === undefined ? undefined : latestRevision(work)
  return latest === undefined ? [] : draftFields(locale, latest.body, latest.number, timeZone)
}

// ---------------------------------------------------------------------------------------------
// outbox messages

const toneOfEvent = (event: ItemEvent): Tone => {
  switch (event._tag) {
    case "FactsApproved":
    case "FactObjectionResolved":
    case "ApprovedForPublication":
    case "PostPublished":
    case "MarkedSuccess":
    case "IdeaAccepted":
    case "ResultsShared":
    case "CorrectionRecorded":
      return "success"
    case "FactObjectionRaised":
      return "danger"
    case "IdeaDeclined":
    case "IdeaParked":
    case "ItemWithdrawn":
    case "ReviewerRemoved":
      return "warning"
    default:
      return "info"
  }
}

const chartAlt = (locale: Locale, network: Network, feedback: Feedback | undefined): string => {
  const days = feedback?.posts.find((post) => post.network === network)?.context.window.days
  const labels = Messages.messages(locale).chart(network, days ?? 0)
  return days === undefined || labels.subtitle === undefined ? labels.title : `${labels.title}. ${labels.subtitle}`
}

/**
 * The first chart of a participant's results message as a view's image (`undefined` without
 * one): a file name safe on every platform, and the chart's title and window as its alt text.
 *
 * @since 0.1.0
 * @category views
 */
export const resultsImage = (
  locale: Locale,
  item: string,
  results: ParticipantMessage | undefined,
  feedback: Feedback | undefined
): ChatImage | undefined => {
  const chart = results?.charts[0]
  return chart === undefined ? undefined : {
    filename: `results-${item}-${chart.network}.png`.replace(/[^A-Za-z0-9._-]/gu, "_"),
    png: chart.png,
    alt: chartAlt(locale, chart.network, feedback)
  }
}

/** The actions the recipient of an item notification can take now. */
const notificationActions = (
  notification: Notification,
  recipient: Member | undefined,
  state: ItemState | undefined
): ReadonlyArray<ActionId> => {
  if (recipient === undefined || state === undefined || state._tag === "None") return []
  const event = notification.event
  const item = state.idea.item
  const me = recipient.id
  const owner = workOf(state)?.owner
  switch (event._tag) {
    case "IdeaSubmitted":
      return hasRole(recipient, "advisor")
        ? [{ _tag: "acceptIdea", item }, { _tag: "parkIdea", item }, { _tag: "declineIdea", item }]
        : []
    case "ReviewRequested":
      return reviewActions(state, me, false)
    case "DraftRevised":
      return reviewActions(state, me, true)
    case "FormatSuggested":
      return owner === me
        ? [
          { _tag: "acceptFormat", item, suggestion: event.suggestion },
          { _tag: "declineFormat", item, suggestion: event.suggestion }
        ]
        : []
    case "FactObjectionRaised":
      return owner === me
        ? [{ _tag: "writeDraft", item, revision: currentRevision(state) }, { _tag: "comment", item }]
        : []
    case "FactsApproved":
    case "FactObjectionResolved":
    case "FormatSuggestionDecided":
      return owner === me ? readyToApprove(state) : []
    case "CommentAdded":
      return [{ _tag: "comment", item }]
    default:
      return []
  }
}

const notificationView = (
  notification: Notification,
  recipient: Member | undefined,
  context: ViewContext,
  locale: Locale
): ChatView => {
  const { event } = notification
  const state = context.state
  const idea = state === undefined ? undefined : ideaOf(state)
  const title = idea?.title ?? notification.item
  const render: Messages.RenderContext = { timeZone: context.workspace.timeZone, name: context.name }
  const line = Messages.eventMessage(locale, event, title, render)
  const direct = notification.audience._tag === "Members" || notification.audience._tag === "Role"
  const mentions = direct && recipient !== undefined ? [recipient.id] : []
  const actions = buttons(notificationActions(notification, recipient, state), locale, state)
  const catalogue = Messages.messages(locale)
  switch (event._tag) {
    case "ReviewRequested":
    case "DraftRevised": {
      const work = state === undefined ? undefined : workOf(state)
      return {
        title,
        body: line + draftPreview(state),
        fields: [
          ...previewFields(locale, state, context.workspace.timeZone),
          ...(work?.due === undefined
            ? []
            : [{
              label: catalogue.chat.label.due,
              value: Messages.formatDateTime(locale, work.due, context.workspace.timeZone),
              inline: true
            }])
        ],
        actions,
        tone: "info",
        mentions
      }
    }
    case "ResultsShared": {
      const results = context.results !== undefined && context.results.member === recipient?.id
        ? context.results
        : undefined
      const image = resultsImage(locale, notification.item, results, context.feedback)
      return {
        title: catalogue.chat.title.results,
        body: results === undefined ? line : `${line}\n\n${results.text}`,
        fields: [{ label: catalogue.chat.label.item, value: title }],
        actions,
        ...(image === undefined ? {} : { image }),
        tone: "success",
        mentions
      }
    }
    case "MarkedSuccess": {
      const body = context.feedback === undefined
        ? line
        : catalogue.results.celebration(context.feedback, render)
      return { title: catalogue.chat.title.celebration, body, fields: [], actions: [], tone: "success", mentions: [] }
    }
    case "IdeaSubmitted":
      return {
        title,
        body: idea === undefined ? line : `${line}\n\n${quote(idea.pitch)}`,
        fields: [
          { label: catalogue.chat.label.submittedBy, value: context.name(event.by), inline: true },
          ...(idea?.department === undefined
            ? []
            : [{ label: catalogue.chat.label.department, value: idea.department, inline: true }])
        ],
        actions,
        tone: "info",
        mentions
      }
    default:
      return {
        title,
        body: line,
        fields: state === undefined || state._tag === "None"
          ? []
          : [{ label: catalogue.chat.label.stage, value: catalogue.stage[state._tag], inline: true }],
        actions,
        tone: toneOfEvent(event),
        mentions
      }
  }
}

const reminderTitle = (locale: Locale, subject: ReminderSubject): string => {
  const titles = Messages.messages(locale).chat.title
  switch (subject._tag) {
    case "ReviewDue":
      return subject.overdue ? titles.reviewOverdue : titles.reviewDue
    case "ResultsCheckIn":
      return titles.resultsCheckIn
    case "MeetingReminder":
      return titles.meetingReminder
    case "MeetingSummary":
      return titles.meetingSummary
    case "MeetingChanged":
      return titles.meetingChanged
  }
}

const reminderView = (
  reminder: Reminder,
  recipient: Member | undefined,
  context: ViewContext,
  locale: Locale
): ChatView => {
  const { subject } = reminder
  const render: Messages.RenderContext = { timeZone: context.workspace.timeZone, name: context.name }
  const body = Messages.reminderMessage(locale, subject, render)
  const title = reminderTitle(locale, subject)
  const direct = reminder.audience._tag === "Members" || reminder.audience._tag === "Role"
  const mentions = direct && recipient !== undefined ? [recipient.id] : []
  const state = context.state
  switch (subject._tag) {
    case "ReviewDue": {
      const actions = recipient === undefined || state === undefined
        ? []
        : buttons(reviewActions(state, recipient.id, true), locale, state)
      return {
        title,
        body: body + draftPreview(state),
        fields: previewFields(locale, state, context.workspace.timeZone),
        actions,
        tone: subject.overdue ? "warning" : "info",
        mentions
      }
    }
    case "ResultsCheckIn": {
      const action: ActionId = { _tag: "recordResults", item: subject.item, network: subject.network }
      const advisor = recipient !== undefined && hasRole(recipient, "advisor")
      const actions = !advisor
        ? []
        : state === undefined
        ? [button(action, locale)].flatMap((made) => (made === undefined ? [] : [made]))
        : buttons([action], locale, state)
      return { title, body, fields: [], actions, tone: "info", mentions }
    }
    case "MeetingChanged":
      return { title, body, fields: [], actions: [], tone: subject.change === "cancelled" ? "warning" : "info", mentions }
    case "MeetingReminder":
      // The prompt asks what people are working on: one button for everyone to bring an idea.
      return { title, body, fields: [], actions: [submitIdeaButton(locale)], tone: "info", mentions }
    case "MeetingSummary":
      return { title, body, fields: [], actions: [], tone: "info", mentions }
  }
}

/**
 * The view of one outbox message for one recipient (`undefined` for a team channel or a named
 * channel), in the recipient's language (`Messages.localeFor`):
 *
 * - a review request or a revised draft to a reviewer: the draft preview (the text, each network's
 *   own text, the media with alt text) and, for an expert, approve facts / object / suggest format /
 *   comment for the current revision (a reviewer who is not an expert gets suggest format /
 *   comment; an expert with open objections also gets "resolve" for each of theirs);
 * - a new idea to an advisor: take on / park / decline (park and decline ask for a reason);
 * - a format suggestion to the advisor: accept / decline (both ask for the explanation);
 * - a fact objection to the advisor: revise the draft, comment; a completed review: approve for
 *   publication;
 * - shared results: the recipient's results message (`context.results`) with its first chart;
 * - a celebration, meeting reminders, summaries and changes: team-channel views without per-person
 *   buttons and without mentions;
 * - a review reminder: the review buttons; a results check-in to an advisor: record results.
 *
 * Buttons are offered only while they fit the item (`ChatAction.staleness`), so a view made from
 * the current state never carries a stale button. `mentions` holds the recipient only.
 *
 * @since 0.1.0
 * @category views
 */
export const viewOfMessage = (
  message: OutboxMessage,
  recipient: Member | undefined,
  context: ViewContext
): ChatView => {
  const locale = Messages.localeFor(context.workspace, recipient)
  return fit(
    isItemNotification(message)
      ? notificationView(message, recipient, context, locale)
      : reminderView(message, recipient, context, locale)
  )
}

// ---------------------------------------------------------------------------------------------
// replies to queries

/**
 * An item as a reply to "show": its title, the idea's pitch, the stage and the review's state
 * (open objections, who has yet to approve, undecided suggestions), the latest draft, and the
 * buttons `viewer` can use on it now (none without a viewer): the review buttons for a reviewer;
 * for an advisor, triage of an idea; for the owning advisor also the decisions on undecided
 * suggestions, a new revision (content or format only), approval once the review is complete, and
 * recording results per published network.
 *
 * @since 0.1.0
 * @category views
 */
export const itemView = (
  view: { readonly item: string; readonly state: ItemState },
  locale: Locale,
  context: Messages.RenderContext,
  viewer?: Member
): ChatView => {
  const { state } = view
  const catalogue = Messages.messages(locale)
  const labels = catalogue.chat.label
  const idea = ideaOf(state)
  const work = workOf(state)
  const title = idea?.title ?? view.item
  const review: Array<ChatField> = []
  if (work !== undefined) {
    const open = openObjections(work)
    if (open.length > 0) {
      review.push({
        label: labels.openObjections,
        value: open.map((objection) => `${objection.id} (${context.name(objection.by)}): ${objection.claim}`).join("\n")
      })
    }
    const missing = missingApprovals(work)
    if (missing.length > 0 && (state._tag === "InReview" || state._tag === "Approved")) {
      review.push({ label: labels.missingApprovals, value: Messages.formatList(locale, missing.map(context.name)) })
    }
    const undecided = undecidedSuggestions(work)
    if (undecided.length > 0) {
      review.push({
        label: labels.undecidedSuggestions,
        value: undecided.map((suggestion) => `${suggestion.id} (${context.name(suggestion.by)}): ${suggestion.note}`).join(
          "\n"
        )
      })
    }
    if (work.reviewers.length > 0) {
      review.push({
        label: labels.reviewers,
        value: Messages.formatList(locale, work.reviewers.map((reviewer) => context.name(reviewer.member)))
      })
    }
  }
  const asReviewer = viewer === undefined ? [] : reviewActions(state, viewer.id, true)
  const actions: ReadonlyArray<ActionId> = viewer === undefined || idea === undefined
    ? []
    : [
      ...asReviewer,
      ...(hasRole(viewer, "advisor")
        ? [
          { _tag: "acceptIdea", item: idea.item } as const,
          { _tag: "parkIdea", item: idea.item } as const,
          { _tag: "declineIdea", item: idea.item } as const,
          ...(work !== undefined && work.owner === viewer.id
            ? [
              ...undecidedSuggestions(work).flatMap((suggestion) => [
                { _tag: "acceptFormat", item: idea.item, suggestion: suggestion.id } as const,
                { _tag: "declineFormat", item: idea.item, suggestion: suggestion.id } as const
              ]),
              { _tag: "writeDraft", item: idea.item, revision: currentRevision(state) } as const,
              { _tag: "reviseFormat", item: idea.item, revision: currentRevision(state) } as const,
              ...readyToApprove(state),
              ...(state._tag === "Published" || state._tag === "CorrectionNeeded"
                ? state.publication.posts.map((post) =>
                  ({ _tag: "recordResults", item: idea.item, network: post.network }) as const
                )
                : [])
            ]
            : [])
        ]
        : []),
      ...(asReviewer.length === 0 ? [{ _tag: "comment", item: idea.item } as const] : [])
    ]
  return fit({
    title,
    body: [idea === undefined ? "" : idea.pitch, draftPreview(state).trim()].filter((part) => part !== "").join("\n\n"),
    fields: [
      { label: labels.item, value: view.item, inline: true },
      { label: labels.stage, value: catalogue.stage[state._tag], inline: true },
      ...(idea === undefined
        ? []
        : [{ label: labels.submittedBy, value: context.name(idea.submittedBy), inline: true }]),
      ...review,
      ...previewFields(locale, state, context.timeZone)
    ],
    actions: buttons(actions, locale, state),
    tone: state._tag === "CorrectionNeeded" || (work !== undefined && openObjections(work).length > 0)
      ? "danger"
      : state._tag === "Published" || state._tag === "Approved" || state._tag === "Closed"
      ? "success"
      : state._tag === "Declined" || state._tag === "Withdrawn" || state._tag === "Parked"
      ? "warning"
      : "info",
    mentions: []
  })
}

const listed = (locale: Locale, lines: ReadonlyArray<string>, max = 10): string => {
  const shown = lines.slice(0, max)
  const rest = lines.length - shown.length
  return [...shown, ...(rest > 0 ? [Messages.messages(locale).chat.more(rest)] : [])].join("\n")
}

/**
 * The board as a reply: one field per stage that has cards, each card as `id “title”` (at most ten
 * per stage, then "… and N more").
 *
 * @since 0.1.0
 * @category views
 */
export const boardView = (board: Board, locale: Locale): ChatView => {
  const catalogue = Messages.messages(locale)
  const columns = board.filter((column) => column.cards.length > 0)
  return fit({
    title: catalogue.chat.title.board,
    body: columns.length === 0 ? catalogue.chat.none : "",
    fields: columns.map((column) => ({
      label: `${catalogue.stage[column.stage]} (${Messages.formatNumber(locale, column.cards.length)})`,
      value: listed(locale, column.cards.map((card) => `${card.item} · ${card.title}`))
    })),
    actions: [],
    tone: "info",
    mentions: []
  })
}

/**
 * The goals report as a reply: per goal its ideas, posts, reach and engagement in the period, and
 * its best post.
 *
 * @since 0.1.0
 * @category views
 */
export const goalsView = (reports: ReadonlyArray<GoalReport>, locale: Locale): ChatView => {
  const catalogue = Messages.messages(locale)
  const labels = catalogue.chat.label
  const number = (value: number) => Messages.formatNumber(locale, value)
  return fit({
    title: catalogue.chat.title.goals,
    body: reports.length === 0 ? catalogue.chat.none : "",
    fields: reports.map((report) => ({
      label: report.title,
      value: [
        `${labels.ideas}: ${number(report.ideas)} · ${labels.posts}: ${number(report.posts)}`,
        `${labels.reach}: ${number(report.reach)} · ${labels.engagement}: ${number(report.engagement)}`,
        ...(report.best[0] === undefined
          ? []
          : [`${labels.best}: ${report.best[0].title} (${catalogue.network[report.best[0].network]})`])
      ].join("\n")
    })),
    actions: [],
    tone: "info",
    mentions: []
  })
}

/**
 * The people report as a reply: who took part (ideas, reviews, posts, best post), most active
 * first, and the departments. Names are shown, nobody is pinged.
 *
 * @since 0.1.0
 * @category views
 */
export const peopleView = (
  report: { readonly people: ReadonlyArray<PersonReport>; readonly departments: ReadonlyArray<DepartmentReport> },
  locale: Locale
): ChatView => {
  const catalogue = Messages.messages(locale)
  const labels = catalogue.chat.label
  const number = (value: number) => Messages.formatNumber(locale, value)
  const active = report.people.filter((person) => person.ideas + person.reviews + person.posts > 0)
  return fit({
    title: catalogue.chat.title.people,
    body: listed(
      locale,
      active.map((person) =>
        `- ${person.name}${person.department === undefined ? "" : ` (${person.department})`}: ${labels.ideas} ${
          number(person.ideas)
        } · ${labels.reviews} ${number(person.reviews)} · ${labels.posts} ${number(person.posts)}`
      ),
      30
    ) || catalogue.chat.none,
    fields: report.departments.slice(0, 10).map((department) => ({
      label: department.department,
      value: `${labels.members} ${number(department.members)} · ${labels.ideas} ${number(department.ideas)} · ${labels.reviews} ${
        number(department.reviews)
      } · ${labels.posts} ${number(department.posts)}`,
      inline: true
    })),
    actions: [],
    tone: "info",
    mentions: []
  })
}

/**
 * The primer for one network as a reply: each entry's title as a field with its summary, the first
 * entry's body as the view's body.
 *
 * @since 0.1.0
 * @category views
 */
export const primerView = (network: Network, entries: ReadonlyArray<PrimerEntry>, locale: Locale): ChatView => {
  const catalogue = Messages.messages(locale)
  const [first, ...rest] = entries
  return fit({
    title: catalogue.chat.title.primer(catalogue.network[network]),
    body: first === undefined ? catalogue.chat.none : `${first.title}\n\n${first.body}`,
    fields: rest.map((entry) => ({ label: entry.title, value: entry.summary })),
    actions: [],
    tone: "info",
    mentions: []
  })
}

/**
 * The next meeting (its reminder: agenda, last cycle's ideas and results) or a meeting's summary
 * as a reply, worded by `Messages`; `undefined` (no meeting planned) gives a short view saying so.
 *
 * @since 0.1.0
 * @category views
 */
export const meetingView = (
  subject: Extract<ReminderSubject, { readonly _tag: "MeetingReminder" | "MeetingSummary" }> | undefined,
  locale: Locale,
  context: Messages.RenderContext
): ChatView => {
  const catalogue = Messages.messages(locale)
  if (subject === undefined) {
    return fit({
      title: catalogue.chat.title.noMeeting,
      body: "",
      fields: [],
      actions: [],
      tone: "info",
      mentions: []
    })
  }
  return fit({
    title: subject._tag === "MeetingReminder" ? catalogue.chat.title.nextMeeting : catalogue.chat.title.meetingSummary,
    body: Messages.reminderMessage(locale, subject, context),
    fields: [{
      label: catalogue.chat.label.when,
      value: Messages.formatDateTime(locale, subject.start, subject.timeZone),
      inline: true
    }],
    actions: [],
    tone: "info",
    mentions: []
  })
}

/**
 * Any `DugnadError` as a reply, worded by `Messages.errorMessage` (what went wrong, why, what to
 * do). A stale button or an unknown one is a warning; anything else is shown as a problem.
 *
 * @since 0.1.0
 * @category views
 */
export const errorView = (error: Messages.DugnadError, locale: Locale, context: Messages.RenderContext): ChatView =>
  fit({
    title: Messages.messages(locale).chat.title.error,
    body: Messages.errorMessage(locale, error, context),
    fields: [],
    actions: [],
    tone: error._tag === "StaleAction" || error._tag === "InvalidAction" || error._tag === "StaleRevision"
      ? "warning"
      : "danger",
    mentions: []
  })

/**
 * The "submit an idea" button, e.g. under a meeting reminder or as a slash command's reply; its
 * form asks for the title, the pitch and the department.
 *
 * @since 0.1.0
 * @category forms
 */
export const submitIdeaButton = (locale: Locale): ChatAction => button({ _tag: "submitIdea" }, locale)!

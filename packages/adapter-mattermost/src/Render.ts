/**
 * The core's platform-neutral views as Mattermost payloads: a view becomes one post whose
 * `props.attachments` holds a single message attachment (title, body, fields, the tone's colour)
 * with the view's buttons as interactive actions; a form becomes an interactive dialog.
 *
 * Pings: Mattermost notifies by `@username` in the text (message or attachment), so the only
 * `@username`s a rendered post carries are the view's `mentions`, written into `message` by the
 * renderer; all typed text is defused (`ChatView.defuse`: `@kari` → `@\u200Dkari`, `@channel`,
 * `@all` and `@here` likewise), which Mattermost does not read as a mention.
 *
 * Buttons: Mattermost routes a press through `/posts/{post}/actions/{action id}` (the id must be
 * alphanumeric), so the encoded `ChatAction.ActionId` does not travel as the Mattermost action id
 * (`a0`, `a1`…) but in the integration's `context`, signed (Mattermost does not sign what it posts
 * to the integration URL): `context = sign(actionId, workspace)`.
 *
 * A chart (the view's image) is not inlined: the notifier uploads it (`POST /files`) and sends
 * its id in the post's `file_ids`; {@link post} hands it back as an {@link Upload}.
 *
 * @since 0.1.0
 */
import { type ChatForm, type ChatView, defuse, formLimits, type Tone } from "@dugnad/core/ChatView"
import type { MemberId } from "@dugnad/core/Ids"

/**
 * Signs a button's context: given the encoded action id and the workspace, the record the
 * integration gets back on a press (it must carry the action id, and something the bot can check,
 * e.g. an HMAC over both). Written by `Hmac.ts`.
 *
 * @since 0.1.0
 * @category model
 */
export type SignContext = (action: string, workspace: string) => Record<string, unknown>

/** The colours of the tones (Mattermost's blue, green, amber and red). */
export const colours: { readonly [T in Tone]: string } = {
  info: "#1c58d9",
  success: "#3db887",
  warning: "#ffbc1f",
  danger: "#d24b4e"
}

/** Mattermost's button styles: `default`, `primary`, `success`, `good`, `warning`, `danger`. */
const buttonStyles = {
  primary: "primary",
  secondary: "default",
  success: "success",
  danger: "danger"
} as const

/**
 * A file to upload before the post (the chart).
 *
 * @since 0.1.0
 * @category render
 */
export interface Upload {
  readonly name: string
  readonly data: Uint8Array
  readonly contentType: string
}

/**
 * An interactive button of a message attachment.
 *
 * @since 0.1.0
 * @category render
 */
export interface MattermostAction {
  readonly id: string
  readonly name: string
  readonly type: "button"
  readonly style: (typeof buttonStyles)[keyof typeof buttonStyles]
  readonly integration: { readonly url: string; readonly context: Record<string, unknown> }
}

/**
 * A message attachment (Slack-compatible, as Mattermost takes them).
 *
 * @since 0.1.0
 * @category render
 */
export interface MattermostAttachment {
  readonly fallback: string
  readonly color: string
  readonly title: string
  readonly text: string
  readonly fields: ReadonlyArray<{ readonly title: string; readonly value: string; readonly short: boolean }>
  readonly actions: ReadonlyArray<MattermostAction>
}

/**
 * A post for `POST /posts` before its channel, thread and files are known, and the files to
 * upload for it.
 *
 * @since 0.1.0
 * @category render
 */
export interface MattermostPost {
  readonly message: string
  readonly props: { readonly attachments: ReadonlyArray<MattermostAttachment> }
  readonly files: ReadonlyArray<Upload>
}

/**
 * What {@link post} needs besides the view.
 *
 * @since 0.1.0
 * @category render
 */
export interface PostOptions {
  /** The bot's public base URL (`MATTERMOST_PUBLIC_URL`): buttons post to `<publicUrl>/actions`. */
  readonly publicUrl: string
  /** The workspace the view belongs to, signed into each button's context. */
  readonly workspace: string
  readonly sign: SignContext
  /**
   * Whether to write the view's mentions into the message as `@username` (a notification in a
   * channel or thread); a DM or a reply to the person who acted needs none.
   */
  readonly ping?: boolean
  /** The Mattermost username of a member, for the mentions; a member without one is not pinged. */
  readonly username?: (member: MemberId) => string | undefined
}

/** Mattermost's username alphabet: nothing else is ever written after an `@`. */
const usernamePattern = /^[a-z0-9._-]{1,64}$/u

/**
 * The `@username`s a view may ping: its mentions that have a username, once each.
 *
 * @since 0.1.0
 * @category render
 */
export const mentionsOf = (view: ChatView, username: (member: MemberId) => string | undefined): ReadonlyArray<string> => [
  ...new Set(
    view.mentions.flatMap((member) => {
      const name = username(member)?.toLowerCase()
      return name === undefined || !usernamePattern.test(name) ? [] : [`@${name}`]
    })
  )
]

/**
 * The URL buttons post to.
 *
 * @since 0.1.0
 * @category render
 */
export const actionsUrl = (publicUrl: string): string => `${publicUrl.replace(/\/+$/u, "")}/actions`

/**
 * The URL dialogs submit to.
 *
 * @since 0.1.0
 * @category render
 */
export const dialogsUrl = (publicUrl: string): string => `${publicUrl.replace(/\/+$/u, "")}/dialogs`

/**
 * A view as a Mattermost post: `message` holds the pings (only the view's mentions, with `ping`),
 * the attachment the rest; every text defused again (idempotent), so nothing typed can ping.
 *
 * @since 0.1.0
 * @category render
 */
export const post = (view: ChatView, options: PostOptions): MattermostPost => {
  const pings = options.ping === true && options.username !== undefined ? mentionsOf(view, options.username) : []
  const url = actionsUrl(options.publicUrl)
  const title = defuse(view.title)
  const attachment: MattermostAttachment = {
    fallback: title,
    color: colours[view.tone],
    title,
    text: defuse(view.body),
    fields: view.fields.map((field) => ({ title: defuse(field.label), value: defuse(field.value), short: field.inline ?? false })),
    actions: view.actions.map((action, index) => ({
      id: `a${index}`,
      name: defuse(action.label),
      type: "button",
      style: buttonStyles[action.style],
      integration: { url, context: options.sign(action.id, options.workspace) }
    }))
  }
  return {
    message: pings.join(" "),
    props: { attachments: [attachment] },
    files: view.image === undefined ? [] : [{ name: view.image.filename, data: view.image.png, contentType: "image/png" }]
  }
}

/**
 * An element of an interactive dialog.
 *
 * @since 0.1.0
 * @category render
 */
export interface DialogElement {
  readonly display_name: string
  readonly name: string
  readonly type: "text" | "textarea"
  readonly optional: boolean
  readonly max_length: number
  readonly min_length?: number
  readonly placeholder?: string
  readonly default?: string
}

/**
 * An interactive dialog, as `POST /actions/dialogs/open` takes it in `dialog`.
 *
 * @since 0.1.0
 * @category render
 */
export interface MattermostDialog {
  readonly callback_id: string
  readonly title: string
  readonly elements: ReadonlyArray<DialogElement>
  readonly submit_label?: string
  readonly notify_on_cancel: boolean
  readonly state: string
}

/**
 * Mattermost's own limits on dialogs: title and labels 24 characters, placeholders 150, a text
 * field's value 150, a textarea's 3000, at most 5 elements here (`ChatView.formLimits` is already
 * within them; these are the clamp of last resort).
 *
 * @since 0.1.0
 * @category limits
 */
export const dialogLimits = {
  title: 24,
  label: 24,
  placeholder: 150,
  text: 150,
  textarea: 3000,
  elements: formLimits.fields,
  submitLabel: 24
} as const

const cut = (text: string, max: number): string => [...text].slice(0, max).join("")

/**
 * A form as a Mattermost interactive dialog. `callback_id` is the encoded action the submission
 * is for; `state` travels back untouched with the submission (give it the signed context, so the
 * submission can be checked like a press). A text field keeps `type: "text"`, a paragraph becomes
 * a `textarea`; each value is clamped to Mattermost's maximum for its type.
 *
 * @since 0.1.0
 * @category render
 */
export const dialog = (
  form: ChatForm,
  options: { readonly state: string; readonly submitLabel?: string }
): MattermostDialog => ({
  callback_id: form.id,
  title: cut(form.title, dialogLimits.title),
  elements: form.fields.slice(0, dialogLimits.elements).map((field): DialogElement => {
    const type = field.style === "paragraph" ? "textarea" : "text"
    const max = Math.min(field.maxLength, type === "text" ? dialogLimits.text : dialogLimits.textarea)
    return {
      display_name: cut(field.label, dialogLimits.label),
      name: field.id,
      type,
      optional: !field.required,
      max_length: max,
      ...(field.minLength === undefined ? {} : { min_length: Math.min(field.minLength, max) }),
      ...(field.placeholder === undefined ? {} : { placeholder: cut(field.placeholder, dialogLimits.placeholder) }),
      ...(field.value === undefined || field.value === "" || field.value.length > max ? {} : { default: field.value })
    }
  }),
  ...(options.submitLabel === undefined ? {} : { submit_label: cut(options.submitLabel, dialogLimits.submitLabel) }),
  notify_on_cancel: false,
  state: options.state
})

/**
 * The core's platform-neutral views as Discord payloads: a view becomes one embed (title, body,
 * fields, the tone's colour, the chart as an attached image) with its buttons in action rows; a
 * form becomes a modal. Pings are limited to the view's `mentions`: `allowed_mentions` never lets
 * typed text reach `@everyone`, a role or anyone else.
 *
 * @since 0.1.0
 */
import type { ChatForm, ChatView, Tone } from "@dugnad/core/ChatView"
import {
  type APIActionRowComponent,
  type APIAllowedMentions,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
  type APITextInputComponent,
  ButtonStyle,
  ComponentType,
  MessageFlags,
  TextInputStyle
} from "discord-api-types/v10"
import { userIdOf } from "./Identity.js"

/** The colours of the tones (Discord's blurple, green, yellow and red). */
const colours: { readonly [T in Tone]: number } = {
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  danger: 0xed4245
}

const buttonStyles = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger
} as const

/** A file to upload with a message (the chart). */
export interface Upload {
  readonly name: string
  readonly data: Uint8Array
  readonly contentType: string
}

/** A message body for Discord's REST API, and the files it refers to. */
export interface DiscordMessage {
  readonly body: {
    readonly content?: string
    readonly embeds: ReadonlyArray<APIEmbed>
    readonly components: ReadonlyArray<APIActionRowComponent<APIButtonComponentWithCustomId>>
    readonly allowed_mentions: APIAllowedMentions
    readonly attachments?: ReadonlyArray<{ readonly id: number; readonly filename: string; readonly description: string }>
    readonly flags?: number
  }
  readonly files: ReadonlyArray<Upload>
}

/** The Discord users a view may ping: its mentions that are Discord members. */
export const mentionedUsers = (view: ChatView): ReadonlyArray<string> =>
  view.mentions.flatMap((member) => {
    const user = userIdOf(member)
    return user === undefined ? [] : [user]
  })

/**
 * A view as a Discord message. `ping` puts the view's mentions in the message text, where they
 * notify (a notification in a thread or channel); a reply or a DM needs none. `ephemeral` shows
 * the message to the person who acted only.
 *
 * @since 0.1.0
 * @category render
 */
export const message = (
  view: ChatView,
  options: { readonly ping?: boolean; readonly ephemeral?: boolean } = {}
): DiscordMessage => {
  const users = mentionedUsers(view)
  const rows: Array<APIActionRowComponent<APIButtonComponentWithCustomId>> = []
  // Five buttons to a row, five rows to a message.
  for (let start = 0; start < Math.min(view.actions.length, 25); start += 5) {
    rows.push({
      type: ComponentType.ActionRow,
      components: view.actions.slice(start, start + 5).map((action) => ({
        type: ComponentType.Button,
        custom_id: action.id,
        label: action.label,
        style: buttonStyles[action.style]
      }))
    })
  }
  const embed: APIEmbed = {
    title: view.title,
    ...(view.body === "" ? {} : { description: view.body }),
    color: colours[view.tone],
    fields: view.fields.map((field) => ({ name: field.label, value: field.value, inline: field.inline ?? false })),
    ...(view.image === undefined ? {} : { image: { url: `attachment://${view.image.filename}` } })
  }
  return {
    body: {
      ...(options.ping === true && users.length > 0 ? { content: users.map((user) => `<@${user}>`).join(" ") } : {}),
      embeds: [embed],
      components: rows,
      allowed_mentions: { parse: [], users: options.ping === true ? [...users] : [] },
      ...(view.image === undefined
        ? {}
        : { attachments: [{ id: 0, filename: view.image.filename, description: view.image.alt.slice(0, 1024) }] }),
      ...(options.ephemeral === true ? { flags: MessageFlags.Ephemeral } : {})
    },
    files: view.image === undefined
      ? []
      : [{ name: view.image.filename, data: view.image.png, contentType: "image/png" }]
  }
}

/**
 * A form as a Discord modal: one text input to a row.
 *
 * @since 0.1.0
 * @category render
 */
export const modal = (form: ChatForm): APIModalInteractionResponseCallbackData => ({
  custom_id: form.id,
  title: form.title,
  components: form.fields.map((field) => ({
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.TextInput,
        custom_id: field.id,
        label: field.label,
        style: field.style === "paragraph" ? TextInputStyle.Paragraph : TextInputStyle.Short,
        required: field.required,
        max_length: field.maxLength,
        ...(field.minLength === undefined ? {} : { min_length: field.minLength }),
        ...(field.placeholder === undefined ? {} : { placeholder: field.placeholder }),
        ...(field.value === undefined || field.value === "" ? {} : { value: field.value })
      } satisfies APITextInputComponent
    ]
  }))
})

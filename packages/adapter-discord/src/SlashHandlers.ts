/**
 * What each `/dugnad` subcommand does: Discord's interaction parsed into the core's neutral
 * request (`ChatCommands.Request`: options by name, `USER` options resolved to members through
 * `Session.memberOf`), answered by `ChatCommands.handle` (the same subcommands, views, refusals
 * and date reading as the Mattermost bot), with item ids suggested while typing
 * (`ChatCommands.itemChoices`).
 *
 * What stays here is Discord's own: `draft write` opens a modal of the adapter's own
 * (`dgd|draft|…`, submitted back here through `Interactions`): the text prefilled from the latest
 * revision and an alt text for each attachment given; the attachments wait in `PendingDrafts`
 * (see there for the trade-off). The core's `writeDraft` form (which `ChatCommands` answers
 * `draft write` with elsewhere) takes one media URL typed in, where Discord can upload files.
 *
 * @since 0.1.0
 */
import type { FieldId } from "@dugnad/core/ChatAction"
import * as ChatCommands from "@dugnad/core/ChatCommands"
import * as ChatView from "@dugnad/core/ChatView"
import * as Commands from "@dugnad/core/Commands"
import { type DraftBody, type Media, type Network, networks as allNetworks, type RevisionKind } from "@dugnad/core/Draft"
import { InvalidCommand as InvalidCommandError } from "@dugnad/core/Errors"
import { ItemId } from "@dugnad/core/Ids"
import { type ItemState, latestRevision, workOf } from "@dugnad/core/Item"
import { ItemCommand } from "@dugnad/core/ItemCommand"
import * as Messages from "@dugnad/core/Messages"
import * as Queries from "@dugnad/core/Queries"
import {
  type APIChatInputApplicationCommandInteraction,
  type APIModalSubmitInteraction,
  InteractionType
} from "discord-api-types/v10"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { HandledInteraction } from "./HttpInteractions.js"
import { handleFor, memberIdOf } from "./Identity.js"
import { adapterModalPrefix, commandIdOf, displayNameOf, formValues, type Reply, type Services, type Session } from "./Interactions.js"
import * as PendingDrafts from "./PendingDrafts.js"
import { type ChatInput, parseChatInput } from "./SlashCommands.js"
import { text } from "./Text.js"


/** The `item` option, lower-cased; `undefined` when missing or blank (Discord requires it, so only malformed data). */
const itemOption = (input: ChatInput): ItemId | undefined => {
  const raw = String(input.options.get("item") ?? "").trim().toLowerCase()
  return raw === "" ? undefined : ItemId.make(raw)
}
const textOption = (input: ChatInput, name: string): string => String(input.options.get(name) ?? "").trim()
const optionalText = (input: ChatInput, name: string): string | undefined => {
  const found = textOption(input, name)
  return found === "" ? undefined : found
}

/** Runs the draft modal's command and answers with the item as it is after it. */
const runCommand = (session: Session, interactionId: string, item: ItemId, command: ItemCommand) =>
  Effect.gen(function*() {
    const result = yield* Effect.either(Commands.handle({
      workspace: session.workspace.id,
      commandId: commandIdOf(interactionId),
      actor: session.member.id,
      item,
      command
    }))
    if (Either.isLeft(result)) return ChatCommands.errorReply(session, result.left)
    return ChatCommands.notice(ChatView.itemView({ item: result.right.item, state: result.right.state }, session.locale, session.context, session.member))
  })

const revisionOf = (state: ItemState) => {
  const work = workOf(state)
  return work === undefined ? undefined : latestRevision(work)
}

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
    if (Either.isLeft(found)) return ChatCommands.errorReply(session, found.left)
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
      return ChatCommands.notice(ChatCommands.noticeView(words.title, words.body))
    }
    if (parsed === undefined) return expired()
    const kept = parsed.token === undefined ? [] : PendingDrafts.get(parsed.token, session.member.id)
    if (kept === undefined) return expired()
    const values = formValues(interaction) as Readonly<Record<string, string>>
    const found = yield* Effect.either(Queries.item(session.workspace.id, parsed.item))
    if (Either.isLeft(found)) return ChatCommands.errorReply(session, found.left)
    const before = revisionOf(found.right.state)?.body
    const typed = (values["networks"] ?? "").split(/[\s,;]+/u).map((name) => name.trim().toLowerCase()).filter((name) => name !== "")
    const unknown = typed.find((name) => !allNetworks.some((network) => network === name))
    if (unknown !== undefined) {
      return ChatCommands.errorReply(session, new InvalidCommandError({ command: "WriteDraft", field: "body.networks", reason: "not_allowed", allowed: allNetworks }))
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


// ---------------------------------------------------------------------------------------------
// everything else: the core's chat commands

/**
 * A `/dugnad` chat-input interaction as the core's neutral request: option values by name (text
 * and choices as strings, numbers as numbers), `USER` options as members (synced through
 * `Session.memberOf`), a `CHANNEL` option as its name, and `member add`'s user as a person with
 * Discord's member id, display name and handle.
 *
 * @since 0.1.0
 * @category interactions
 */
export const requestOf = (session: Session, interactionId: string, input: ChatInput): ChatCommands.Request => ({
  id: commandIdOf(interactionId),
  path: input.path,
  text: (name) => {
    const found = input.options.get(name)
    return found === undefined ? undefined : String(found)
  },
  integer: (name) => {
    const found = input.options.get(name)
    return typeof found === "number" ? found : undefined
  },
  members: (names) =>
    Effect.forEach(
      names.flatMap((name) => {
        const resolved = input.users.get(name)
        return resolved === undefined ? [] : [resolved]
      }),
      (resolved) => session.memberOf(resolved.user, resolved.member)
    ),
  channel: (name) => input.channels.get(name)?.name ?? undefined,
  person: (name) => {
    const resolved = input.users.get(name)
    return resolved === undefined ? undefined : {
      id: memberIdOf(resolved.user.id),
      name: displayNameOf(resolved.user, resolved.member?.nick),
      handle: (taken) => handleFor(resolved.user.username, resolved.user.id, taken)
    }
  }
})

/**
 * Answers a `/dugnad` chat-input or autocomplete interaction, or the submission of the adapter's
 * own draft modal.
 *
 * @since 0.1.0
 * @category interactions
 */
export const handleSlash = (session: Session, interaction: HandledInteraction): Effect.Effect<Reply, never, Services> =>
  Effect.gen(function*() {
    if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
      const typed = String(parseChatInput(interaction.data).options.get("item") ?? "")
      return yield* ChatCommands.itemChoices(session, typed)
    }
    if (interaction.type === InteractionType.ModalSubmit) {
      return interaction.data.custom_id.startsWith(draftPrefix) ? yield* submitDraft(session, interaction) : ChatCommands.elsewhere(session)
    }
    if (interaction.type !== InteractionType.ApplicationCommand || !("options" in interaction.data)) {
      return ChatCommands.elsewhere(session)
    }
    const input = parseChatInput((interaction as APIChatInputApplicationCommandInteraction).data)
    if (input.path.join(" ") === "draft write") {
      const item = itemOption(input)
      // Said as the missing field, not as an unknown item called "none".
      return item === undefined
        ? ChatCommands.errorReply(session, new InvalidCommandError({ command: "WriteDraft", field: "item", reason: "required" }))
        : yield* openDraftModal(session, input, item)
    }
    return yield* ChatCommands.handle(session, requestOf(session, interaction.id, input))
  })

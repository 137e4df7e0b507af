/**
 * What each `/dugnad` subcommand does. A subcommand that needs text opens the core's form for it
 * as a modal (`idea submit`, `review object`, `review suggest`, `comment`); the rest become one core
 * command or query, answered with the core's view. Buttons then carry the work on (see
 * `Interactions`).
 *
 * @since 0.1.0
 */
import type { ActionId } from "@dugnad/core/ChatAction"
import * as ChatView from "@dugnad/core/ChatView"
import * as Commands from "@dugnad/core/Commands"
import type { Network } from "@dugnad/core/Draft"
import { ItemId, ObjectionId } from "@dugnad/core/Ids"
import { latestRevision, workOf } from "@dugnad/core/Item"
import { ItemCommand } from "@dugnad/core/ItemCommand"
import type * as Messages from "@dugnad/core/Messages"
import * as Queries from "@dugnad/core/Queries"
import * as Team from "@dugnad/core/Team"
import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIChatInputApplicationCommandInteraction,
  InteractionType
} from "discord-api-types/v10"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { HandledInteraction } from "./HttpInteractions.js"
import { commandIdOf, type Reply, type Services, type Session } from "./Interactions.js"
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

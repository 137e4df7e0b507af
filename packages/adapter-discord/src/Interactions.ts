/**
 * One interaction, from Discord's JSON to the reply: who is acting (the guild's workspace, the
 * member with their roles from Discord), what they asked (a slash command, a button, a submitted
 * form), the core command it becomes, and the view to answer with. The same for the gateway and
 * the HTTP-interactions endpoint: the transport only delivers the reply.
 *
 * A button or form carries a `ChatAction` id (item, action, revision): a press made for an older
 * revision, an objection already resolved or a stage the item has left is refused as stale with the
 * core's sentence, never applied to the draft as it is now. The interaction id is the command id,
 * so an interaction Discord delivers twice acts once.
 *
 * @since 0.1.0
 */
import * as ChatAction from "@dugnad/core/ChatAction"
import * as ChatCommands from "@dugnad/core/ChatCommands"
import * as ChatView from "@dugnad/core/ChatView"
import * as Commands from "@dugnad/core/Commands"
import * as Directory from "@dugnad/core/Directory"
import { CommandId, type ItemId, type MemberId } from "@dugnad/core/Ids"
import type { Locale, Member, Workspace } from "@dugnad/core/Member"
import * as Messages from "@dugnad/core/Messages"
import * as Queries from "@dugnad/core/Queries"
import { initialState } from "@dugnad/core/Workflow"
import {
  type APIInteractionDataResolvedGuildMember,
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
  type APIUser,
  ComponentType,
  InteractionType
} from "discord-api-types/v10"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type { DiscordConfig } from "./Config.js"
import type { HandledInteraction } from "./HttpInteractions.js"
import { type DiscordGuild, type DiscordPerson, ensureWorkspace, localeOf, syncMember } from "./Identity.js"
import { nbNames } from "./SlashCommandText.js"
import { text } from "./Text.js"

/**
 * What to answer an interaction with: the core's neutral reply (`ChatCommands.Reply`).
 *
 * @since 0.1.0
 * @category model
 */
export type Reply = ChatCommands.Reply

/**
 * What the pipeline needs from the platform, whichever transport brought the interaction: the
 * guild (its name and language) and the names of Discord roles, from discord.js's cache or REST.
 *
 * @since 0.1.0
 * @category model
 */
export interface Platform {
  readonly guild: (guildId: string) => Effect.Effect<DiscordGuild>
  readonly roleNames: (guildId: string, roleIds: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<string>>
}

/** Someone acting in a guild, and where: the core's chat session, and Discord's own users as members. */
export interface Session extends ChatCommands.Session {
  /**
   * Another Discord user as a member of this workspace (a reviewer, someone added), created or
   * brought up to date from the user and guild-member data Discord resolved for an option, with
   * their roles from their Discord roles as for the person acting.
   */
  readonly memberOf: (
    user: APIUser,
    member: APIInteractionDataResolvedGuildMember | undefined
  ) => Effect.Effect<Member, Messages.DugnadError, Services>
}

/** The name Discord shows for a user in a guild: their nickname there, else their global name, else their username. */
export const displayNameOf = (user: APIUser, nick: string | null | undefined): string => nick ?? user.global_name ?? user.username

/** A Discord user (the person acting, or one given in an option) as the directory takes them. */
const personOf = (user: APIUser, nick: string | null | undefined, roleNames: ReadonlyArray<string>, locale: string): DiscordPerson => ({
  userId: user.id,
  username: user.username,
  displayName: displayNameOf(user, nick),
  discordRoleNames: roleNames,
  locale: localeOf(locale)
})

const renderContext = (workspace: Workspace, members: ReadonlyArray<Member>): Messages.RenderContext => {
  const byId = new Map(members.map((member) => [member.id as string, member]))
  return { timeZone: workspace.timeZone, name: (id: MemberId) => byId.get(id)?.name ?? id }
}

/** A subcommand as the person sees it in Discord: its Norwegian names for `nb` ("/dugnad mål legg-til"). */
const commandText = (locale: Locale) => (path: ReadonlyArray<string>): string => {
  if (locale !== "nb") return `/dugnad ${path.join(" ")}`
  const subcommands: Readonly<Record<string, string | undefined>> = nbNames.subcommands
  const groups: Readonly<Record<string, string | undefined>> = nbNames.groups
  const first = path[0] ?? ""
  const last = subcommands[path.join(" ")] ?? path[path.length - 1] ?? ""
  return path.length > 1 ? `/${nbNames.command} ${groups[first] ?? first} ${last}` : `/${nbNames.command} ${last}`
}

/**
 * The workspace and member behind an interaction, or the reply that says why there is none (used
 * outside a server, or in a server where nobody may found a workspace yet).
 */
export const sessionOf = (interaction: HandledInteraction, settings: DiscordConfig, platform: Platform) =>
  Effect.gen(function*() {
    const locale = localeOf(interaction.locale)
    if (interaction.guild_id === undefined || interaction.member === undefined) {
      const words = text(locale).guildOnly
      return Either.left(ChatCommands.notice(ChatCommands.noticeView(words.title, words.body)))
    }
    const guild = yield* platform.guild(interaction.guild_id)
    const roleNames = yield* platform.roleNames(interaction.guild_id, interaction.member.roles)
    const person = personOf(interaction.member.user, interaction.member.nick, roleNames, interaction.locale)
    const workspace = yield* ensureWorkspace(guild, person, settings.roleNames)
    if (Option.isNone(workspace)) {
      const words = text(locale).notSetUp
      return Either.left(ChatCommands.notice(ChatCommands.noticeView(words.title, words.body(Option.getOrUndefined(settings.roleNames.advisor)))))
    }
    const directory = yield* Directory.Directory
    const known = yield* directory.members(workspace.value.id)
    const member = yield* syncMember(workspace.value.id, person, settings.roleNames, known)
    const members = known.some((other) => other.id === member.id)
      ? known.map((other) => (other.id === member.id ? member : other))
      : [...known, member]
    const guildId = interaction.guild_id
    const memberOf: Session["memberOf"] = (user, resolved) =>
      Effect.gen(function*() {
        const names = yield* platform.roleNames(guildId, resolved?.roles ?? [])
        const other = personOf(user, resolved?.nick, names, user.locale ?? guild.locale)
        return yield* syncMember(workspace.value.id, other, settings.roleNames)
      })
    const sessionLocale = Messages.localeFor(workspace.value, member)
    return Either.right({
      workspace: workspace.value,
      member,
      locale: sessionLocale,
      context: renderContext(workspace.value, members),
      platform: "Discord",
      command: commandText(sessionLocale),
      memberOf
    } satisfies Session)
  })

/** The values of a submitted modal, by field id. */
export const formValues = (interaction: APIModalSubmitInteraction): ChatAction.FormValues => {
  const values: Record<string, string> = {}
  for (const row of interaction.data.components) {
    if (row.type !== ComponentType.ActionRow) continue
    for (const input of row.components) {
      if (input.type === ComponentType.TextInput) values[input.custom_id] = input.value
    }
  }
  return values
}

/** The command id of an interaction: Discord's id, so a redelivered interaction acts once. */
export const commandIdOf = (interactionId: string): CommandId => CommandId.make(`discord-${interactionId}`)

/**
 * Runs a pressed button or a submitted form: the action's form when it opens one, else the core
 * command it gives, checked against the item as it is now. The reply shows the item after the
 * command, with the buttons the person can use next.
 */
const runAction = (
  session: Session,
  interaction: APIMessageComponentInteraction | APIModalSubmitInteraction,
  customId: string,
  values: ChatAction.FormValues | undefined
) =>
  Effect.gen(function*() {
    const decoded = ChatAction.decode(customId)
    if (Either.isLeft(decoded)) return ChatCommands.errorReply(session, decoded.left)
    const action = decoded.right
    const itemId = "item" in action ? (action.item as ItemId) : undefined
    const before = itemId === undefined ? undefined : yield* Effect.either(Queries.item(session.workspace.id, itemId))
    if (before !== undefined && Either.isLeft(before)) return ChatCommands.errorReply(session, before.left)
    const state = before === undefined ? undefined : before.right.state
    if (values === undefined && ChatAction.opensForm(action._tag)) {
      const form = ChatView.form(action, session.locale, state)
      if (form !== undefined) return { _tag: "Form", form } satisfies Reply
    }
    const command = ChatAction.toCommand(
      action,
      values ?? {},
      state ?? initialState,
      session.member,
      yield* DateTime.now
    )
    if (Either.isLeft(command)) return ChatCommands.errorReply(session, command.left)
    const result = yield* Effect.either(Commands.handle({
      workspace: session.workspace.id,
      commandId: commandIdOf(interaction.id),
      actor: session.member.id,
      item: itemId,
      command: command.right
    }))
    if (Either.isLeft(result)) return ChatCommands.errorReply(session, result.left)
    return ChatCommands.notice(ChatView.itemView({ item: result.right.item, state: result.right.state }, session.locale, session.context, session.member))
  })

/**
 * Answers one interaction (every kind but PING, which the transports answer). Never fails: every
 * refusal is a reply in the person's language.
 *
 * @since 0.1.0
 * @category interactions
 */
export const handle = (
  interaction: HandledInteraction,
  settings: DiscordConfig,
  platform: Platform,
  slash: (session: Session, interaction: HandledInteraction) => Effect.Effect<Reply, never, Services>
) =>
  Effect.gen(function*() {
    const found = yield* sessionOf(interaction, settings, platform).pipe(
      // Setting up the workspace or the member was refused (a handle the directory will not take):
      // said in the person's Discord language, as nothing else is known yet.
      Effect.catchAll((error) =>
        Effect.succeed(Either.left(ChatCommands.notice(ChatView.errorView(error, localeOf(interaction.locale), { timeZone: "UTC", name: (id) => id }))))
      )
    )
    if (Either.isLeft(found)) return found.left
    const session = found.right
    switch (interaction.type) {
      case InteractionType.MessageComponent:
        return yield* runAction(session, interaction, interaction.data.custom_id, undefined)
      case InteractionType.ModalSubmit:
        // The adapter's own modals (`draft write`'s) are the slash handler's to submit.
        return interaction.data.custom_id.startsWith(adapterModalPrefix)
          ? yield* slash(session, interaction)
          : yield* runAction(session, interaction, interaction.data.custom_id, formValues(interaction))
      default:
        return yield* slash(session, interaction)
    }
  })

/**
 * The prefix of the custom ids of modals the adapter makes itself (not a core `ChatAction` form):
 * their submissions go to the slash handler, which opened them.
 */
export const adapterModalPrefix = "dgd|"

/** The core services an interaction uses. */
export type Services = ChatCommands.Services

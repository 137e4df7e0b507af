/**
 * INTERACTION_CREATE payloads as Discord sends them: slash commands (with subcommand groups and
 * subcommands), button presses, modal submits — from a guild member with roles and a locale.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  type APIApplicationCommandInteractionDataOption,
  type APIUser
} from "discord-api-types/v10"
import type { FakeGuild } from "./Fixtures.js"
import type { CallbackRecord, InteractionState, World } from "./World.js"

/** Who triggers an interaction, and where. */
export interface From {
  /** Username or user id of a guild member. */
  readonly user: string
  /** Role names to use instead of the member's configured roles. */
  readonly roles?: ReadonlyArray<string>
  /** The user's locale (default: the user's configured locale). */
  readonly locale?: string
  /** Channel name or id (default "content"). */
  readonly channel?: string
  /** Guild id (default: the first guild). */
  readonly guild?: string
}

export type OptionValue = string | number | boolean

export interface SlashCommandSpec extends From {
  readonly command: string
  readonly group?: string
  readonly subcommand?: string
  /** Leaf options: strings → 3, integers → 4, other numbers → 10, booleans → 5. */
  readonly options?: Readonly<Record<string, OptionValue>>
  /** Raw leaf options, for types the record cannot express (users, roles, attachments…). */
  readonly rawOptions?: ReadonlyArray<APIApplicationCommandInteractionDataOption>
  readonly resolved?: Record<string, unknown>
}

export interface ButtonSpec extends From {
  readonly customId: string
  /** The message the button is on (default: the newest bot message in the channel). */
  readonly messageId?: string
}

export interface ModalSubmitSpec extends From {
  readonly customId: string
  /** Text input custom_id → value. */
  readonly fields: Readonly<Record<string, string>>
  /** "actionRow" (type 1 rows, the classic shape) or "label" (type 18). Default "actionRow". */
  readonly layout?: "actionRow" | "label"
  /** When the modal was opened from a component: that message. */
  readonly messageId?: string
}

/** A dispatched interaction: await what the bot answered on the callback route. */
export interface InteractionHandle {
  readonly id: string
  readonly token: string
  readonly payload: Record<string, unknown>
  readonly dispatchedAt: number
  /** The first callback (rejects after `timeoutMs`, default 5000). */
  readonly callback: (timeoutMs?: number) => Promise<CallbackRecord>
  /** Callbacks so far (Discord accepts one; later ones are recorded as failed requests only). */
  readonly callbacks: ReadonlyArray<CallbackRecord>
  /** The message created by the reply/defer or edited by the update, if any (live object). */
  readonly original: () => Record<string, unknown> | undefined
}

const leafOption = (name: string, value: OptionValue): APIApplicationCommandInteractionDataOption => {
  if (typeof value === "boolean") return { name, type: ApplicationCommandOptionType.Boolean, value }
  if (typeof value === "number") {
    return Number.isInteger(value)
      ? { name, type: ApplicationCommandOptionType.Integer, value }
      : { name, type: ApplicationCommandOptionType.Number, value }
  }
  return { name, type: ApplicationCommandOptionType.String, value }
}

export class Interactions {
  constructor(
    readonly world: World,
    readonly dispatch: (t: string, d: unknown) => void
  ) {}

  slashCommand(spec: SlashCommandSpec): InteractionHandle {
    const { guild } = this.#where(spec)
    const leaves = [
      ...Object.entries(spec.options ?? {}).map(([k, v]) => leafOption(k, v)),
      ...(spec.rawOptions ?? [])
    ]
    let options: Array<APIApplicationCommandInteractionDataOption> = leaves
    if (spec.subcommand !== undefined) {
      options = [{ name: spec.subcommand, type: ApplicationCommandOptionType.Subcommand, options: leaves as never }]
    }
    if (spec.group !== undefined) {
      if (spec.subcommand === undefined) throw new Error("a subcommand group needs a subcommand")
      options = [{ name: spec.group, type: ApplicationCommandOptionType.SubcommandGroup, options: options as never }]
    }
    const registered = (this.world.commands.get(guild.id) ?? []).find((c) => c.name === spec.command)
      ?? (this.world.commands.get("global") ?? []).find((c) => c.name === spec.command)
    return this.#send(spec, InteractionType.ApplicationCommand, {
      id: registered?.id ?? this.world.ids.next(),
      name: spec.command,
      type: ApplicationCommandType.ChatInput,
      ...(registered === undefined || registered.guild_id !== undefined ? { guild_id: guild.id } : {}),
      options,
      ...(spec.resolved === undefined ? {} : { resolved: spec.resolved })
    })
  }

  button(spec: ButtonSpec): InteractionHandle {
    const { channelId } = this.#where(spec)
    const message = spec.messageId === undefined
      ? [...(this.world.messages.get(channelId) ?? [])].reverse().find((m) => m.author.id === this.world.bot.id)
      : this.world.findMessage(spec.messageId)
    if (message === undefined) throw new Error(`FakeDiscord.button: no message to press ${spec.customId} on`)
    return this.#send(spec, InteractionType.MessageComponent, { custom_id: spec.customId, component_type: ComponentType.Button }, message.id)
  }

  modalSubmit(spec: ModalSubmitSpec): InteractionHandle {
    const inputs = Object.entries(spec.fields).map(([customId, value], i) => ({
      type: ComponentType.TextInput,
      id: i + 2,
      custom_id: customId,
      value
    }))
    const components = spec.layout === "label"
      ? inputs.map((input, i) => ({ type: ComponentType.Label, id: 100 + i, component: input }))
      : inputs.map((input, i) => ({ type: ComponentType.ActionRow, id: 100 + i, components: [input] }))
    return this.#send(spec, InteractionType.ModalSubmit, { custom_id: spec.customId, components }, spec.messageId)
  }

  #where(from: From): { guild: FakeGuild; channelId: string } {
    const guild = from.guild === undefined ? this.world.guilds[0] : this.world.guild(from.guild)
    if (guild === undefined) throw new Error("FakeDiscord: no such guild")
    const name = from.channel ?? "content"
    const channelId = guild.channels.has(name) ? name : guild.channel(name).id
    return { guild, channelId }
  }

  #send(from: From, type: InteractionType, data: Record<string, unknown>, messageId?: string): InteractionHandle {
    const w = this.world
    const { guild, channelId } = this.#where(from)
    const member = guild.member(from.user)
    const user: APIUser = member.user
    const roles = from.roles?.map((r) => guild.role(r).id) ?? member.roles
    const locale = from.locale ?? [...w.users.values()].find((u) => u.api.id === user.id)?.locale ?? "en-US"
    const id = w.ids.next()
    const token = `aW50ZXJhY3Rpb246${id}:${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`
    const message = messageId === undefined ? undefined : w.findMessage(messageId)
    const payload: Record<string, unknown> = {
      id,
      application_id: w.applicationId,
      type,
      token,
      version: 1,
      data,
      guild_id: guild.id,
      guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
      channel_id: channelId,
      channel: guild.channels.get(channelId),
      member: { ...member, roles, permissions: guild.permissionsOf(user.id, roles) },
      app_permissions: guild.permissionsOf(w.bot.id),
      locale,
      guild_locale: guild.preferredLocale,
      entitlements: [],
      authorizing_integration_owners: { "0": guild.id },
      context: InteractionContextType.Guild,
      attachment_size_limit: 10_485_760,
      ...(message === undefined ? {} : { message })
    }
    const state: InteractionState = {
      id,
      token,
      type,
      guildId: guild.id,
      channelId,
      payload,
      dispatchedAt: Date.now(),
      callbacks: [],
      originalMessageId: undefined,
      componentMessageId: messageId,
      waiters: []
    }
    w.interactions.set(id, state)
    this.dispatch("INTERACTION_CREATE", payload)
    return {
      id,
      token,
      payload,
      dispatchedAt: state.dispatchedAt,
      callbacks: state.callbacks,
      original: () => {
        const mid = state.originalMessageId
        return mid === undefined ? undefined : (w.findMessage(mid) as unknown as Record<string, unknown> | undefined)
      },
      callback: (timeoutMs = 5000) => {
        const first = state.callbacks[0]
        if (first !== undefined) return Promise.resolve(first)
        return new Promise<CallbackRecord>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`FakeDiscord: no callback for interaction ${id} within ${timeoutMs} ms`)), timeoutMs)
          state.waiters.push((record) => {
            clearTimeout(timer)
            resolve(record)
          })
        })
      }
    }
  }
}

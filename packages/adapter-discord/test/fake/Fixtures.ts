/**
 * The fake Discord's world: users, guilds (roles, members, channels) and the JSON shapes Discord sends
 * for them. The shapes are typed with discord-api-types, the same types discord.js parses.
 */
import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  type APIChannel,
  type APIGuildMember,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type ChannelFlags,
  type GuildMemberFlags,
  type RoleFlags,
  type UserFlags,
  type GatewayGuildCreateDispatchData
} from "discord-api-types/v10"
import type { Snowflakes } from "./Snowflake.js"

/** Every permission bit Discord currently defines (what an Administrator effectively has). */
export const ALL_PERMISSIONS = ((1n << 51n) - 1n).toString()
/** The default permissions of @everyone in a new guild. */
export const EVERYONE_PERMISSIONS = "1071698660929"
/** View, send, embed, attach, read history, use commands, create/send in threads. */
export const MEMBER_PERMISSIONS = (
  (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n) | (1n << 31n) | (1n << 35n) | (1n << 38n)
).toString()

/** How a test describes a member of a guild. */
export interface MemberSpec {
  readonly username: string
  /** Role names (must be in the guild's roles). */
  readonly roles?: ReadonlyArray<string>
  /** The user's client locale, sent as `locale` on their interactions. Default "en-US". */
  readonly locale?: string
  readonly globalName?: string
}

/** How a test describes a guild. Everything has a default. */
export interface GuildSpec {
  readonly name?: string
  /** Role names besides @everyone. Default: ["Expert", "Advisor"]. */
  readonly roles?: ReadonlyArray<string>
  /** Text channel names. Default: ["content", "team"]. */
  readonly textChannels?: ReadonlyArray<string>
  /** Default: alice (Advisor), bob (Expert), carol (no role). The bot is always a member. */
  readonly members?: ReadonlyArray<MemberSpec>
  /** Username of the owner. Default: the first member. */
  readonly owner?: string
  readonly preferredLocale?: string
}

export const DEFAULT_MEMBERS: ReadonlyArray<MemberSpec> = [
  { username: "alice", roles: ["Advisor"] },
  { username: "bob", roles: ["Expert"], locale: "nb" },
  { username: "carol" }
]

export interface FakeUser {
  readonly api: APIUser
  readonly locale: string
}

export const makeUser = (id: string, username: string, options: { bot?: boolean; globalName?: string } = {}): APIUser => ({
  id,
  username,
  discriminator: "0",
  global_name: options.globalName ?? (options.bot === true ? null : username[0]!.toUpperCase() + username.slice(1)),
  avatar: null,
  ...(options.bot === true ? { bot: true } : {}),
  flags: 0 as UserFlags,
  public_flags: 0 as UserFlags
})

/** A guild of the fake: mutable state plus the GUILD_CREATE payload built from it. */
export class FakeGuild {
  readonly id: string
  readonly name: string
  readonly ownerId: string
  readonly preferredLocale: string
  readonly roles: Array<APIRole> = []
  readonly members = new Map<string, APIGuildMember>()
  /** Guild channels (text channels, threads) by id. */
  readonly channels = new Map<string, APIChannel>()
  readonly joinedAt = new Date().toISOString()

  constructor(
    ids: Snowflakes,
    spec: GuildSpec,
    users: Map<string, FakeUser>,
    bot: APIUser,
    memberLocale: (username: string) => string | undefined
  ) {
    this.id = ids.next()
    this.name = spec.name ?? "Dugnad"
    this.preferredLocale = spec.preferredLocale ?? "en-US"
    const role = (id: string, name: string, position: number, permissions: string, managed = false): APIRole => ({
      id,
      name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions,
      managed,
      mentionable: false,
      flags: 0 as RoleFlags,
      ...(managed ? { tags: { bot_id: bot.id } } : {})
    })
    this.roles.push(role(this.id, "@everyone", 0, EVERYONE_PERMISSIONS))
    const roleNames = spec.roles ?? ["Expert", "Advisor"]
    roleNames.forEach((name, i) => this.roles.push(role(ids.next(), name, i + 1, MEMBER_PERMISSIONS)))
    const botRole = role(ids.next(), "Dugnad", roleNames.length + 1, ALL_PERMISSIONS, true)
    this.roles.push(botRole)

    for (const [i, name] of (spec.textChannels ?? ["content", "team"]).entries()) {
      const channel: APITextChannel = {
        id: ids.next(),
        type: ChannelType.GuildText,
        guild_id: this.id,
        name,
        position: i,
        permission_overwrites: [],
        parent_id: null,
        topic: null,
        nsfw: false,
        last_message_id: null,
        rate_limit_per_user: 0,
        last_pin_timestamp: null,
        flags: 0 as ChannelFlags
      }
      this.channels.set(channel.id, channel)
    }

    const member = (user: APIUser, roles: ReadonlyArray<string>): APIGuildMember => ({
      user,
      nick: null,
      avatar: null,
      banner: null,
      roles: [...roles],
      joined_at: this.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null
    })
    this.members.set(bot.id, member(bot, [botRole.id]))
    const specs = spec.members ?? DEFAULT_MEMBERS
    for (const m of specs) {
      let user = users.get(m.username)
      if (user === undefined) {
        user = {
          api: makeUser(ids.next(), m.username, m.globalName === undefined ? {} : { globalName: m.globalName }),
          locale: m.locale ?? memberLocale(m.username) ?? "en-US"
        }
        users.set(m.username, user)
      }
      this.members.set(user.api.id, member(user.api, (m.roles ?? []).map((r) => this.role(r).id)))
    }
    const ownerName = spec.owner ?? specs[0]?.username
    this.ownerId = ownerName === undefined ? bot.id : (users.get(ownerName)?.api.id ?? bot.id)
  }

  /** A role by name; throws when the guild has none of that name. */
  role(name: string): APIRole {
    const role = this.roles.find((r) => r.name === name)
    if (role === undefined) throw new Error(`FakeGuild ${this.name}: no role ${name}`)
    return role
  }

  /** A channel (text channel or thread) by name; throws when there is none. */
  channel(name: string): APIChannel & { readonly id: string } {
    for (const c of this.channels.values()) if ("name" in c && c.name === name) return c
    throw new Error(`FakeGuild ${this.name}: no channel ${name}`)
  }

  /** A member by username or user id; throws when there is none. */
  member(usernameOrId: string): APIGuildMember & { readonly user: APIUser } {
    for (const m of this.members.values()) {
      if (m.user.id === usernameOrId || m.user.username === usernameOrId) return m
    }
    throw new Error(`FakeGuild ${this.name}: no member ${usernameOrId}`)
  }

  /** The member's permissions as Discord computes them for interactions (roles OR'ed; owner/admin → all). */
  permissionsOf(userId: string, roleIds?: ReadonlyArray<string>): string {
    if (userId === this.ownerId) return ALL_PERMISSIONS
    const member = this.members.get(userId)
    const ids = [this.id, ...(roleIds ?? member?.roles ?? [])]
    let bits = 0n
    for (const id of ids) {
      const role = this.roles.find((r) => r.id === id)
      if (role !== undefined) bits |= BigInt(role.permissions)
    }
    return (bits & 8n) === 8n ? ALL_PERMISSIONS : bits.toString()
  }

  toGuildCreate(): GatewayGuildCreateDispatchData {
    const channels = [...this.channels.values()].filter(
      (c) => c.type !== ChannelType.PublicThread && c.type !== ChannelType.PrivateThread
    )
    const threads = [...this.channels.values()].filter(
      (c) => c.type === ChannelType.PublicThread || c.type === ChannelType.PrivateThread
    )
    return {
      id: this.id,
      name: this.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: this.ownerId,
      region: "",
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: GuildVerificationLevel.None,
      default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
      explicit_content_filter: GuildExplicitContentFilter.Disabled,
      roles: this.roles,
      emojis: [],
      features: [],
      mfa_level: GuildMFALevel.None,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: GuildPremiumTier.None,
      premium_subscription_count: 0,
      preferred_locale: this.preferredLocale as GatewayGuildCreateDispatchData["preferred_locale"],
      public_updates_channel_id: null,
      max_members: 500000,
      max_video_channel_users: 25,
      nsfw_level: GuildNSFWLevel.Default,
      stickers: [],
      premium_progress_bar_enabled: false,
      hub_type: null,
      safety_alerts_channel_id: null,
      incidents_data: null,
      // GUILD_CREATE extras
      joined_at: this.joinedAt,
      large: false,
      unavailable: false,
      member_count: this.members.size,
      voice_states: [],
      members: [...this.members.values()],
      channels: channels as GatewayGuildCreateDispatchData["channels"],
      threads: threads as GatewayGuildCreateDispatchData["threads"],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    }
  }
}

/**
 * What the bot needs to know of a guild (its name, language, roles and text channels), read over
 * REST and kept for a minute, so the bot works the same with the gateway or with the
 * HTTP-interactions endpoint alone (no gateway, no discord.js cache).
 *
 * @since 0.1.0
 */
import { type APIChannel, type APIGuild, ChannelType, type REST, Routes } from "discord.js"
import type { DiscordGuild } from "./Identity.js"
import { localeOf } from "./Identity.js"

/** A guild as the bot uses it. */
export interface GuildInfo extends DiscordGuild {
  /** Role names by role id. */
  readonly roles: ReadonlyMap<string, string>
  /** Text channel ids by name. */
  readonly textChannels: ReadonlyMap<string, string>
}

/** How long a guild's information is kept before it is read again. */
const ttlMs = 60_000

/**
 * A cache of guilds over Discord's REST API.
 *
 * @since 0.1.0
 * @category guilds
 */
export interface Guilds {
  readonly info: (guildId: string) => Promise<GuildInfo>
  /** Forgets a guild (its roles or channels changed). */
  readonly forget: (guildId: string) => void
}

/**
 * Makes a guild cache on this REST client.
 *
 * @since 0.1.0
 * @category guilds
 */
export const make = (rest: REST, now: () => number = Date.now): Guilds => {
  const cached = new Map<string, { readonly at: number; readonly info: Promise<GuildInfo> }>()
  const read = async (guildId: string): Promise<GuildInfo> => {
    const [guild, channels] = await Promise.all([
      rest.get(Routes.guild(guildId)) as Promise<APIGuild>,
      rest.get(Routes.guildChannels(guildId)) as Promise<ReadonlyArray<APIChannel>>
    ])
    return {
      id: guildId,
      name: guild.name,
      locale: localeOf(guild.preferred_locale),
      roles: new Map(guild.roles.map((role) => [role.id, role.name])),
      textChannels: new Map(
        channels.filter((channel) => channel.type === ChannelType.GuildText).map((channel) => [channel.name ?? "", channel.id])
      )
    }
  }
  return {
    info: (guildId) => {
      const hit = cached.get(guildId)
      if (hit !== undefined && now() - hit.at < ttlMs) return hit.info
      const info = read(guildId)
      cached.set(guildId, { at: now(), info })
      // A failed read is not kept: the next call tries again.
      info.catch(() => cached.delete(guildId))
      return info
    },
    forget: (guildId) => void cached.delete(guildId)
  }
}

/**
 * Who is who: each guild is its own workspace, each Discord user a member of it, with ids made
 * from theirs (`discord-<guild id>`, `discord-<user id>`), so no mapping table is needed and a
 * workspace can never see another guild's people.
 *
 * Roles: each of advisor, expert and manager comes **either** from a Discord role, when its name
 * is configured (`DISCORD_ADVISOR_ROLE` …): then the member has it exactly while they hold that
 * Discord role, checked at every interaction; **or**, when its name is configured empty, from
 * assignment in Dugnad (`/dugnad member add`), kept in the directory. One source per role, so
 * a Discord role taken away really takes the Dugnad role away.
 *
 * @since 0.1.0
 */
import * as Directory from "@dugnad/core/Directory"
import { MemberId, WorkspaceId } from "@dugnad/core/Ids"
import { type Locale, Member, type Role } from "@dugnad/core/Member"
import * as Team from "@dugnad/core/Team"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { DiscordConfig, MappedRole } from "./Config.js"

/** The workspace of a guild. */
export const workspaceIdOf = (guildId: string): WorkspaceId => WorkspaceId.make(`discord-${guildId}`)

/** The member id of a Discord user. */
export const memberIdOf = (userId: string): MemberId => MemberId.make(`discord-${userId}`)

/** The guild of a workspace made by this adapter, if it is one. */
export const guildIdOf = (workspace: WorkspaceId): string | undefined => /^discord-(\d+)$/.exec(workspace)?.[1]

/** The Discord user of a member made by this adapter, if it is one. */
export const userIdOf = (member: MemberId): string | undefined => /^discord-(\d+)$/.exec(member)?.[1]

/**
 * A Dugnad handle for a Discord user: their user name in the handle alphabet (lower-case letters,
 * digits, `.`, `_`, `-`, at most 32), else `user-<id>`. A taken handle gets the id's last digits.
 */
export const handleFor = (username: string, userId: string, taken: ReadonlySet<string> = new Set()): string => {
  const cleaned = username.toLowerCase().replace(/[^a-z0-9._-]/g, "").replace(/^[._-]+/, "").slice(0, 32)
  const base = cleaned === "" ? `user-${userId.slice(-6)}` : cleaned
  if (!taken.has(base)) return base
  return `${base.slice(0, 25)}-${userId.slice(-6)}`
}

/** Discord's locales to Dugnad's: Norwegian is `no`; everything else is answered in English. */
export const localeOf = (discordLocale: string | null | undefined): Locale =>
  discordLocale === "no" || discordLocale?.startsWith("nb") === true || discordLocale?.startsWith("nn") === true
    ? "nb"
    : "en"

/**
 * The roles a member has: those the Discord roles give (for roles with a configured Discord role)
 * and the stored ones (for the others).
 */
export const effectiveRoles = (
  stored: ReadonlyArray<Role>,
  discordRoleNames: ReadonlyArray<string>,
  roleNames: DiscordConfig["roleNames"]
): ReadonlyArray<Role> => {
  const mapped = Object.entries(roleNames) as ReadonlyArray<[MappedRole, Option.Option<string>]>
  const fromDiscord = mapped
    .filter(([, name]) => Option.isSome(name) && discordRoleNames.includes(name.value))
    .map(([role]) => role)
  const managed = new Set(mapped.filter(([, name]) => Option.isSome(name)).map(([role]) => role as Role))
  const kept = stored.filter((role) => !managed.has(role))
  return [...new Set<Role>(["member", ...kept, ...fromDiscord])]
}

/** Someone acting in a guild, as Discord describes them. */
export interface DiscordPerson {
  readonly userId: string
  readonly username: string
  readonly displayName: string
  readonly discordRoleNames: ReadonlyArray<string>
  readonly locale: Locale
}

/** A guild, as the bot sees it. */
export interface DiscordGuild {
  readonly id: string
  readonly name: string
  readonly locale: Locale
}

/**
 * The guild's workspace, created the first time someone who may found it (holding the advisor
 * role, by Discord role or configuration) uses the bot there; `None` when there is none yet and
 * this person may not found it.
 */
export const ensureWorkspace = (guild: DiscordGuild, person: DiscordPerson, roleNames: DiscordConfig["roleNames"]) =>
  Effect.gen(function*() {
    const directory = yield* Directory.Directory
    const id = workspaceIdOf(guild.id)
    const found = yield* Effect.option(directory.workspace(id))
    if (Option.isSome(found)) return Option.some(found.value)
    // Without a configured advisor role, whoever comes first founds the workspace (as `dugnad init`).
    const mayFound = Option.isNone(roleNames.advisor) ||
      effectiveRoles([], person.discordRoleNames, roleNames).includes("advisor")
    if (!mayFound) return Option.none()
    const created = yield* Team.createWorkspace({
      id,
      name: guild.name,
      locale: guild.locale,
      founder: {
        id: memberIdOf(person.userId),
        handle: handleFor(person.username, person.userId),
        name: person.displayName,
        locale: person.locale
      }
    })
    return Option.some(created.workspace)
  })

/**
 * The member acting, created on first use and with their roles brought in line with their
 * Discord roles (see the module docs). Their name follows their Discord display name.
 */
export const syncMember = (
  workspace: WorkspaceId,
  person: DiscordPerson,
  roleNames: DiscordConfig["roleNames"],
  /** The workspace's members, when the caller has just read them: saves reading the member again. */
  known?: ReadonlyArray<Member>
) =>
  Effect.gen(function*() {
    const directory = yield* Directory.Directory
    const id = memberIdOf(person.userId)
    const existing = known === undefined
      ? yield* Effect.option(directory.member(workspace, id))
      : Option.fromNullable(known.find((member) => member.id === id))
    const stored = Option.match(existing, { onNone: () => [] as ReadonlyArray<Role>, onSome: (member) => member.roles })
    const roles = effectiveRoles(stored, person.discordRoleNames, roleNames)
    if (Option.isSome(existing)) {
      const member = existing.value
      const same = member.name === person.displayName && member.roles.length === roles.length &&
        roles.every((role) => member.roles.includes(role))
      if (same) return member
      const updated = Member.make({ ...member, name: person.displayName, roles: [...roles] })
      yield* directory.putMember(updated)
      return updated
    }
    const taken = new Set((known ?? (yield* directory.members(workspace))).map((member) => member.handle))
    const member = Member.make({
      id,
      workspaceId: workspace,
      handle: handleFor(person.username, person.userId, taken),
      name: person.displayName,
      roles: [...roles],
      fields: [],
      locale: person.locale
    })
    yield* directory.putMember(member)
    return member
  })

/**
 * Who is who: each Mattermost team is its own workspace, each Mattermost user a member of it, with
 * ids made from theirs (`mattermost-<team id>`, `mattermost-<user id>`), so no mapping table is
 * needed and a workspace can never see another team's people. A member's handle comes from their
 * Mattermost username, their language from their Mattermost locale (`nb`/`no` → Norwegian, else
 * English).
 *
 * Roles: each of advisor, expert and manager comes from **one** source, as in the Discord adapter:
 *
 * - advisor: from the team's admins (their team membership's roles contain `team_admin`) when
 *   `MATTERMOST_TEAM_ADMINS_ARE_ADVISORS` is on (the default), and/or from the Mattermost group
 *   named by `MATTERMOST_ADVISOR_GROUP`; then a member is an advisor exactly while they are a team
 *   admin or in that group, checked at every interaction;
 * - expert, manager: from the group named by `MATTERMOST_EXPERT_GROUP` / `MATTERMOST_MANAGER_GROUP`;
 * - a role with no Mattermost source configured is assigned in Dugnad (`/dugnad member add`) and
 *   kept in the directory.
 *
 * So a team admin demoted, or someone taken out of a group, really loses the Dugnad role.
 *
 * @since 0.1.0
 */
import * as Directory from "@dugnad/core/Directory"
import { MemberId, WorkspaceId } from "@dugnad/core/Ids"
import { type Locale, Member, type Role } from "@dugnad/core/Member"
import * as Team from "@dugnad/core/Team"
import type { Client4 } from "@mattermost/client"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { MappedRole, RoleSources } from "./Config.js"

/**
 * The workspace of a team.
 *
 * @since 0.1.0
 * @category ids
 */
export const workspaceIdOf = (teamId: string): WorkspaceId => WorkspaceId.make(`mattermost-${teamId}`)

/**
 * The member id of a Mattermost user.
 *
 * @since 0.1.0
 * @category ids
 */
export const memberIdOf = (userId: string): MemberId => MemberId.make(`mattermost-${userId}`)

const ownId = /^mattermost-([A-Za-z0-9]{1,64})$/

/**
 * The team of a workspace made by this adapter, if it is one.
 *
 * @since 0.1.0
 * @category ids
 */
export const teamIdOf = (workspace: WorkspaceId): string | undefined => ownId.exec(workspace)?.[1]

/**
 * The Mattermost user of a member made by this adapter, if it is one.
 *
 * @since 0.1.0
 * @category ids
 */
export const userIdOf = (member: MemberId): string | undefined => ownId.exec(member)?.[1]

/**
 * A Dugnad handle for a Mattermost user: their username in the handle alphabet (lower-case
 * letters, digits, `.`, `_`, `-`, at most 32; Mattermost's own usernames already are), else
 * `user-<id>`. A taken handle gets the id's last characters.
 *
 * @since 0.1.0
 * @category identity
 */
export const handleFor = (username: string, userId: string, taken: ReadonlySet<string> = new Set()): string => {
  const cleaned = username.toLowerCase().replace(/[^a-z0-9._-]/g, "").replace(/^[._-]+/, "").slice(0, 32)
  const base = cleaned === "" ? `user-${userId.slice(-6)}` : cleaned
  if (!taken.has(base)) return base
  return `${base.slice(0, 25)}-${userId.slice(-6)}`
}

/**
 * Mattermost's locales to Dugnad's: Norwegian (`nb`, `no`, `nn`, with or without a region) is
 * `nb`; everything else is answered in English.
 *
 * @since 0.1.0
 * @category identity
 */
export const localeOf = (mattermostLocale: string | null | undefined): Locale => {
  const language = (mattermostLocale ?? "").toLowerCase().split(/[-_]/u)[0]
  return language === "nb" || language === "no" || language === "nn" ? "nb" : "en"
}

/**
 * Whether a team membership's roles (Mattermost's space-separated `roles`, e.g.
 * `"team_user team_admin"`) make the user a team admin.
 *
 * @since 0.1.0
 * @category roles
 */
export const isTeamAdmin = (teamMemberRoles: string | null | undefined): boolean =>
  (teamMemberRoles ?? "").split(/\s+/u).includes("team_admin")

/**
 * The roles whose source is Mattermost (a configured group, or team admin for advisors): the
 * stored copies of these are ignored.
 *
 * @since 0.1.0
 * @category roles
 */
export const managedRoles = (sources: RoleSources): ReadonlySet<Role> => {
  const managed = new Set<Role>(
    (Object.entries(sources.groups) as ReadonlyArray<[MappedRole, Option.Option<string>]>)
      .filter(([, group]) => Option.isSome(group))
      .map(([role]) => role)
  )
  if (sources.teamAdminsAreAdvisors) managed.add("advisor")
  return managed
}

/**
 * What Mattermost says of a person, as far as roles go: team admin or not, and the names of the
 * groups they are in (`name`, the handle of the group, or its display name: both are matched).
 *
 * @since 0.1.0
 * @category roles
 */
export interface RoleFacts {
  readonly teamAdmin: boolean
  readonly groupNames: ReadonlyArray<string>
}

/**
 * The roles a member has: those Mattermost gives (team admin, groups) for roles with a Mattermost
 * source, and the stored ones for the others; always `member`.
 *
 * @since 0.1.0
 * @category roles
 */
export const effectiveRoles = (
  stored: ReadonlyArray<Role>,
  facts: RoleFacts,
  sources: RoleSources
): ReadonlyArray<Role> => {
  const groups = new Set(facts.groupNames.map((name) => name.toLowerCase()))
  const fromGroups = (Object.entries(sources.groups) as ReadonlyArray<[MappedRole, Option.Option<string>]>)
    .filter(([, group]) => Option.isSome(group) && groups.has(group.value.toLowerCase()))
    .map(([role]) => role as Role)
  const fromAdmin: ReadonlyArray<Role> = sources.teamAdminsAreAdvisors && facts.teamAdmin ? ["advisor"] : []
  const managed = managedRoles(sources)
  const kept = stored.filter((role) => !managed.has(role))
  return [...new Set<Role>(["member", ...kept, ...fromAdmin, ...fromGroups])]
}

/**
 * Someone acting in a team, as Mattermost describes them.
 *
 * @since 0.1.0
 * @category identity
 */
export interface MattermostPerson extends RoleFacts {
  readonly userId: string
  readonly username: string
  readonly displayName: string
  readonly locale: Locale
}

/**
 * A team, as the bot sees it.
 *
 * @since 0.1.0
 * @category identity
 */
export interface MattermostTeam {
  readonly id: string
  /** The team's display name. */
  readonly name: string
  readonly locale: Locale
}

/**
 * The name to show for a Mattermost user: their first and last name, else their nickname, else
 * their username.
 *
 * @since 0.1.0
 * @category identity
 */
export const displayNameOf = (user: {
  readonly username: string
  readonly first_name?: string | undefined
  readonly last_name?: string | undefined
  readonly nickname?: string | undefined
}): string => {
  const full = `${user.first_name ?? ""} ${user.last_name ?? ""}`.trim()
  if (full !== "") return full
  const nickname = (user.nickname ?? "").trim()
  return nickname !== "" ? nickname : user.username
}

/**
 * The team's workspace, created the first time someone who may found it (an advisor by
 * Mattermost's say, or anyone when advisors are assigned in Dugnad) uses the bot there; `None`
 * when there is none yet and this person may not found it.
 *
 * @since 0.1.0
 * @category identity
 */
export const ensureWorkspace = (team: MattermostTeam, person: MattermostPerson, sources: RoleSources) =>
  Effect.gen(function*() {
    const directory = yield* Directory.Directory
    const id = workspaceIdOf(team.id)
    const found = yield* Effect.option(directory.workspace(id))
    if (Option.isSome(found)) return Option.some(found.value)
    // Without a Mattermost source for advisors, whoever comes first founds the workspace (as `dugnad init`).
    const mayFound = !managedRoles(sources).has("advisor") || effectiveRoles([], person, sources).includes("advisor")
    if (!mayFound) return Option.none()
    const created = yield* Team.createWorkspace({
      id,
      name: team.name,
      locale: team.locale,
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
 * The member acting, created on first use and with their roles brought in line with Mattermost
 * (see the module docs). Their name follows their Mattermost display name, their language their
 * Mattermost locale.
 *
 * @since 0.1.0
 * @category identity
 */
export const syncMember = (
  workspace: WorkspaceId,
  person: MattermostPerson,
  sources: RoleSources,
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
    const roles = effectiveRoles(stored, person, sources)
    if (Option.isSome(existing)) {
      const member = existing.value
      const same = member.name === person.displayName && member.locale === person.locale &&
        member.roles.length === roles.length && roles.every((role) => member.roles.includes(role))
      if (same) return member
      const updated = Member.make({ ...member, name: person.displayName, locale: person.locale, roles: [...roles] })
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

/**
 * The parts of `Client4` that {@link readPerson} and {@link readTeam} use.
 *
 * @since 0.1.0
 * @category mattermost
 */
export type PeopleClient = Pick<Client4, "getUser" | "getTeamMember" | "getGroupsByUserId" | "getTeam">

/**
 * A person as Mattermost has them in a team: their user (name, locale), their team membership
 * (team admin?) and, only when some role comes from a group, their groups (Mattermost's groups
 * need a licence; without one configured, they are never read).
 *
 * @since 0.1.0
 * @category mattermost
 */
export const readPerson = async (
  client: PeopleClient,
  teamId: string,
  userId: string,
  sources: RoleSources
): Promise<MattermostPerson> => {
  const usesGroups = Object.values(sources.groups).some(Option.isSome)
  const [user, membership, groups] = await Promise.all([
    client.getUser(userId),
    client.getTeamMember(teamId, userId),
    usesGroups ? client.getGroupsByUserId(userId) : Promise.resolve([])
  ])
  return {
    userId,
    username: user.username,
    displayName: displayNameOf(user),
    locale: localeOf(user.locale),
    teamAdmin: isTeamAdmin(membership.roles),
    groupNames: groups.flatMap((group) => [group.name, group.display_name].filter((name) => name !== ""))
  }
}

/**
 * A team as the bot sees it; its language is the reader's (Mattermost teams have none), English
 * unless given.
 *
 * @since 0.1.0
 * @category mattermost
 */
export const readTeam = async (client: PeopleClient, teamId: string, locale: Locale = "en"): Promise<MattermostTeam> => {
  const team = await client.getTeam(teamId)
  return { id: team.id, name: team.display_name || team.name, locale }
}

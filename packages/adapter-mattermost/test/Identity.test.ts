import * as Directory from "@dugnad/core/Directory"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { RoleSources } from "../src/Config.js"
import {
  displayNameOf,
  effectiveRoles,
  ensureWorkspace,
  handleFor,
  isTeamAdmin,
  localeOf,
  memberIdOf,
  readPerson,
  syncMember,
  teamIdOf,
  userIdOf,
  workspaceIdOf
} from "../src/Identity.js"

const sources: RoleSources = {
  groups: { advisor: Option.none(), expert: Option.some("fact-checkers"), manager: Option.none() },
  teamAdminsAreAdvisors: true
}

const team = { id: "t8k3qy1a9jfm5xw7ue4zbdcn6r", name: "Kystverket", locale: "nb" as const }
const kari = {
  userId: "u1aaaaaaaaaaaaaaaaaaaaaaaa",
  username: "kari.nordmann",
  displayName: "Kari Nordmann",
  teamAdmin: true,
  groupNames: [],
  locale: "nb" as const
}
const per = { ...kari, userId: "u2bbbbbbbbbbbbbbbbbbbbbbbb", username: "per", displayName: "Per", teamAdmin: false, groupNames: ["fact-checkers"] }

describe("Identity", () => {
  it("GIVEN Mattermost ids WHEN made into Dugnad ids THEN they go both ways, and other ids are not ours", () => {
    expect(workspaceIdOf(team.id)).toBe(`mattermost-${team.id}`)
    expect(teamIdOf(workspaceIdOf(team.id))).toBe(team.id)
    expect(userIdOf(memberIdOf(kari.userId))).toBe(kari.userId)
    expect(userIdOf(memberIdOf("x") as never)).toBe("x")
    expect(teamIdOf("discord-123" as never)).toBeUndefined()
  })

  it("GIVEN usernames WHEN made into handles THEN they fit the handle alphabet, and a taken one gets the id's end", () => {
    expect(handleFor("Kari.Nordmann", kari.userId)).toBe("kari.nordmann")
    expect(handleFor("kari", "u1aaaaaaaaaaaaaaaaaaa12345", new Set(["kari"]))).toBe("kari-a12345")
    expect(handleFor("__", "u1aaaaaaaaaaaaaaaaaaa12345")).toBe("user-a12345")
  })

  it("GIVEN Mattermost locales WHEN mapped THEN Norwegian is nb and the rest English", () => {
    expect(localeOf("nb")).toBe("nb")
    expect(localeOf("no")).toBe("nb")
    expect(localeOf("nb-NO")).toBe("nb")
    expect(localeOf("en")).toBe("en")
    expect(localeOf("de")).toBe("en")
    expect(localeOf(undefined)).toBe("en")
  })

  it("GIVEN team member roles WHEN read THEN team_admin makes a team admin", () => {
    expect(isTeamAdmin("team_user team_admin")).toBe(true)
    expect(isTeamAdmin("team_user")).toBe(false)
    expect(isTeamAdmin("team_administrator")).toBe(false)
  })

  it("GIVEN role sources WHEN roles are worked out THEN each role has one source", () => {
    // Advisor from team admin, expert from the group; manager is assigned in Dugnad and kept.
    expect(effectiveRoles(["member", "advisor", "expert", "manager"], { teamAdmin: false, groupNames: [] }, sources))
      .toEqual(["member", "manager"])
    expect(effectiveRoles(["member"], { teamAdmin: true, groupNames: ["Fact-Checkers"] }, sources))
      .toEqual(["member", "advisor", "expert"])
    // Team admins not advisors and no advisor group: the stored advisor role stands.
    const assigned: RoleSources = { ...sources, teamAdminsAreAdvisors: false }
    expect(effectiveRoles(["member", "advisor"], { teamAdmin: false, groupNames: [] }, assigned)).toEqual(["member", "advisor"])
    expect(effectiveRoles(["member"], { teamAdmin: true, groupNames: [] }, assigned)).toEqual(["member"])
    // An advisor group as well as team admins: either gives it.
    const both: RoleSources = { ...sources, groups: { ...sources.groups, advisor: Option.some("comms") } }
    expect(effectiveRoles([], { teamAdmin: false, groupNames: ["comms"] }, both)).toContain("advisor")
  })

  it("GIVEN Mattermost users WHEN named THEN full name, else nickname, else username", () => {
    expect(displayNameOf({ username: "kari", first_name: "Kari", last_name: "Nordmann" })).toBe("Kari Nordmann")
    expect(displayNameOf({ username: "kari", first_name: "", last_name: "", nickname: "KN" })).toBe("KN")
    expect(displayNameOf({ username: "kari" })).toBe("kari")
  })

  it("GIVEN a client WHEN a person is read THEN team admin, locale and groups come from Mattermost, groups only when used", async () => {
    const calls: Array<string> = []
    const client = {
      getUser: async (id: string) => (calls.push(`user ${id}`), { id, username: "per", first_name: "Per", last_name: "", locale: "no" }),
      getTeamMember: async (teamId: string, userId: string) => (calls.push(`member ${teamId} ${userId}`), { roles: "team_user" }),
      getGroupsByUserId: async (userId: string) => (calls.push(`groups ${userId}`), [{ name: "fact-checkers", display_name: "Fact checkers" }]),
      getTeam: async () => ({})
    } as never
    const person = await readPerson(client, team.id, per.userId, sources)
    expect(person).toEqual({
      userId: per.userId,
      username: "per",
      displayName: "Per",
      locale: "nb",
      teamAdmin: false,
      groupNames: ["fact-checkers", "Fact checkers"]
    })
    calls.length = 0
    const noGroups: RoleSources = { ...sources, groups: { advisor: Option.none(), expert: Option.none(), manager: Option.none() } }
    expect((await readPerson(client, team.id, per.userId, noGroups)).groupNames).toEqual([])
    expect(calls.some((call) => call.startsWith("groups"))).toBe(false)
  })

  it.effect("GIVEN a new team WHEN someone who is not a team admin comes first THEN no workspace; a team admin founds it", () =>
    Effect.gen(function*() {
      expect(Option.isNone(yield* ensureWorkspace(team, per, sources))).toBe(true)
      const workspace = yield* ensureWorkspace(team, kari, sources)
      expect(Option.getOrThrow(workspace).id).toBe(workspaceIdOf(team.id))
      const directory = yield* Directory.Directory
      const founder = yield* directory.member(workspaceIdOf(team.id), memberIdOf(kari.userId))
      expect(founder.roles).toContain("advisor")
      expect(founder.handle).toBe("kari.nordmann")
      expect(founder.locale).toBe("nb")
    }).pipe(Effect.provide(Directory.Directory.layerMemory)))

  it.effect("GIVEN advisors assigned in Dugnad WHEN anyone comes first THEN they found the workspace", () =>
    Effect.gen(function*() {
      const assigned: RoleSources = { ...sources, teamAdminsAreAdvisors: false }
      expect(Option.isSome(yield* ensureWorkspace(team, per, assigned))).toBe(true)
    }).pipe(Effect.provide(Directory.Directory.layerMemory)))

  it.effect("GIVEN a member WHEN their group or admin status changes THEN their Dugnad roles follow at the next interaction", () =>
    Effect.gen(function*() {
      yield* ensureWorkspace(team, kari, sources)
      const workspace = workspaceIdOf(team.id)
      expect((yield* syncMember(workspace, per, sources)).roles).toEqual(["member", "expert"])
      const left = yield* syncMember(workspace, { ...per, groupNames: [], locale: "en" }, sources)
      expect(left.roles).toEqual(["member"])
      expect(left.locale).toBe("en")
      const demoted = yield* syncMember(workspace, { ...kari, teamAdmin: false }, sources)
      expect(demoted.roles).toEqual(["member"])
      const directory = yield* Directory.Directory
      expect((yield* directory.members(workspace)).map((member) => member.handle).sort()).toEqual(["kari.nordmann", "per"])
    }).pipe(Effect.provide(Directory.Directory.layerMemory)))

  it.effect("GIVEN two teams WHEN the same person acts in both THEN each workspace has its own member", () =>
    Effect.gen(function*() {
      const other = { ...team, id: "t9zzzzzzzzzzzzzzzzzzzzzzzz", name: "Other" }
      yield* ensureWorkspace(team, kari, sources)
      yield* ensureWorkspace(other, kari, sources)
      const directory = yield* Directory.Directory
      expect((yield* directory.members(workspaceIdOf(other.id))).map((m) => m.workspaceId)).toEqual([workspaceIdOf(other.id)])
    }).pipe(Effect.provide(Directory.Directory.layerMemory)))
})

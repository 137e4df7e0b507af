import * as Directory from "@dugnad/core/Directory"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { DiscordConfig } from "../src/Config.js"
import {
  effectiveRoles,
  ensureWorkspace,
  handleFor,
  localeOf,
  memberIdOf,
  syncMember,
  workspaceIdOf
} from "../src/Identity.js"

const roleNames: DiscordConfig["roleNames"] = {
  advisor: Option.some("Comms"),
  expert: Option.some("Experts"),
  manager: Option.none()
}

const guild = { id: "111111111111111111", name: "Kystverket", locale: "nb" as const }
const kari = {
  userId: "222222222222222222",
  username: "Kari.Nordmann",
  displayName: "Kari Nordmann",
  discordRoleNames: ["Comms"],
  locale: "nb" as const
}
const per = { ...kari, userId: "333333333333333333", username: "per", displayName: "Per", discordRoleNames: ["Experts"] }

describe("Identity", () => {
  it("GIVEN Discord names WHEN made into handles THEN they fit the handle alphabet, and a taken one gets the id's digits", () => {
    expect(handleFor("Kari.Nordmann", "222222222222222222")).toBe("kari.nordmann")
    expect(handleFor("🌊🌊", "222222222222123456")).toBe("user-123456")
    expect(handleFor("kari", "222222222222123456", new Set(["kari"]))).toBe("kari-123456")
  })

  it("GIVEN Discord locales WHEN mapped THEN Norwegian is nb and the rest English", () => {
    expect(localeOf("no")).toBe("nb")
    expect(localeOf("en-US")).toBe("en")
    expect(localeOf(undefined)).toBe("en")
  })

  it("GIVEN a role with a Discord role name WHEN the member lacks it THEN the stored role is not kept; unmapped roles are", () => {
    expect(effectiveRoles(["member", "advisor", "manager"], [], roleNames)).toEqual(["member", "manager"])
    expect(effectiveRoles(["member"], ["Experts"], roleNames)).toEqual(["member", "expert"])
  })

  it.effect("GIVEN a new guild WHEN someone without the advisor role comes first THEN no workspace; the advisor founds it", () =>
    Effect.gen(function*() {
      expect(Option.isNone(yield* ensureWorkspace(guild, per, roleNames))).toBe(true)
      const workspace = yield* ensureWorkspace(guild, kari, roleNames)
      expect(Option.getOrThrow(workspace).id).toBe(workspaceIdOf(guild.id))
      const directory = yield* Directory.Directory
      const founder = yield* directory.member(workspaceIdOf(guild.id), memberIdOf(kari.userId))
      expect(founder.roles).toContain("advisor")
      expect(founder.handle).toBe("kari.nordmann")
    }).pipe(Effect.provide(Directory.Directory.layerMemory)))

  it.effect("GIVEN a member WHEN their Discord roles change THEN their Dugnad roles follow at the next interaction", () =>
    Effect.gen(function*() {
      yield* ensureWorkspace(guild, kari, roleNames)
      const workspace = workspaceIdOf(guild.id)
      const asExpert = yield* syncMember(workspace, per, roleNames)
      expect(asExpert.roles).toEqual(["member", "expert"])
      const withoutRole = yield* syncMember(workspace, { ...per, discordRoleNames: [] }, roleNames)
      expect(withoutRole.roles).toEqual(["member"])
      expect(withoutRole.id).toBe(memberIdOf(per.userId))
    }).pipe(Effect.provide(Directory.Directory.layerMemory)))

  it.effect("GIVEN two guilds WHEN the same person acts in both THEN each workspace has its own member", () =>
    Effect.gen(function*() {
      const other = { ...guild, id: "999999999999999999", name: "Other" }
      yield* ensureWorkspace(guild, kari, roleNames)
      yield* ensureWorkspace(other, kari, roleNames)
      const directory = yield* Directory.Directory
      expect((yield* directory.members(workspaceIdOf(guild.id))).map((m) => m.workspaceId)).toEqual([workspaceIdOf(guild.id)])
      expect((yield* directory.members(workspaceIdOf(other.id))).map((m) => m.workspaceId)).toEqual([workspaceIdOf(other.id)])
    }).pipe(Effect.provide(Directory.Directory.layerMemory)))
})

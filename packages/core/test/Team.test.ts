import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { Directory } from "../src/Directory.js"
import { WorkspaceId } from "../src/Ids.js"
import * as Team from "../src/Team.js"
import { ids } from "./utils/fixtures.js"
import { memoryLayer, seedTeam } from "./utils/team.js"

describe("Team", () => {
  it.effect("GIVEN a new workspace WHEN created THEN its founder is an advisor and the zone defaults to Europe/Oslo", () =>
    Effect.gen(function*() {
      const { founder, workspace } = yield* Team.createWorkspace({
        name: "Fylkeskommunen",
        locale: "nb",
        founder: { handle: "@Kari", name: "Kari Nordmann" }
      })
      assert.strictEqual(workspace.timeZone, "Europe/Oslo")
      assert.deepStrictEqual([...founder.roles].sort(), ["advisor", "member"])
      assert.strictEqual(founder.handle, "kari")
      const directory = yield* Directory
      assert.strictEqual((yield* directory.memberByHandle(workspace.id, "@KARI")).id, founder.id)
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN a colleague without authority WHEN they add a member or a goal THEN NotAuthorized advisor_or_manager", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      const member = yield* Effect.either(Team.addMember(workspace, ids.ola, { handle: "nils", name: "Nils" }))
      assert.deepStrictEqual(Either.isLeft(member) && [member.left._tag, "rule" in member.left && member.left.rule], [
        "NotAuthorized",
        "advisor_or_manager"
      ])
      const goal = yield* Effect.either(Team.addGoal(workspace, ids.per, { title: "Mer rekruttering" }))
      assert.strictEqual(Either.isLeft(goal) && goal.left._tag, "NotAuthorized")
      const managerGoal = yield* Team.addGoal(workspace, ids.magnus, { title: "Tryggere sjøvei" })
      assert.strictEqual(managerGoal.id, "G2")
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN a taken or malformed handle WHEN adding a member THEN HandleTaken / InvalidCommand on handle", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      const taken = yield* Effect.either(Team.addMember(workspace, ids.ingrid, { handle: "@PER", name: "Per II" }))
      assert.strictEqual(Either.isLeft(taken) && taken.left._tag, "HandleTaken")
      const malformed = yield* Effect.either(Team.addMember(workspace, ids.ingrid, { handle: "per olsen", name: "Per" }))
      if (Either.isLeft(malformed) && malformed.left._tag === "InvalidCommand") {
        assert.strictEqual(malformed.left.field, "handle")
      } else {
        assert.fail("a handle with a space was accepted")
      }
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN two workspaces WHEN the same handle is used in both THEN each has its own member", () =>
    Effect.gen(function*() {
      yield* seedTeam("a")
      yield* seedTeam("b")
      const directory = yield* Directory
      assert.strictEqual((yield* directory.members(WorkspaceId.make("a"))).length, 6)
      const missing = yield* Effect.either(directory.member(WorkspaceId.make("c"), ids.per))
      assert.strictEqual(Either.isLeft(missing) && missing.left._tag, "UnknownMember")
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN a member WHEN a manager sets their roles THEN they hold exactly those, plus member", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      const updated = yield* Team.setRoles(workspace, ids.magnus, ids.ola, ["expert"])
      assert.deepStrictEqual([...updated.roles].sort(), ["expert", "member"])
    }).pipe(Effect.provide(memoryLayer)))
})

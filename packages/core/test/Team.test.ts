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

  it.effect("GIVEN the built-in primer WHEN the advisor overrides an entry and adds one THEN the workspace's primer shows them, in that language only", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      const before = yield* Team.primer(workspace)
      const linkedin = before.find((entry) => entry.id === "linkedin-length")!
      yield* Team.setPrimerEntry(workspace, ids.ingrid, {
        id: "linkedin-length",
        locale: "nb",
        title: "LinkedIn: hos oss skriver vi kort",
        summary: "Vi holder oss under 600 tegn på LinkedIn.",
        body: "Våre følgere leser på mobil. Hold deg under 600 tegn og få poenget i første linje."
      })
      yield* Team.setPrimerEntry(workspace, ids.ingrid, {
        id: "var-tone",
        locale: "nb",
        title: "Vår tone",
        summary: "Vi skriver som vi snakker: vennlig og tydelig.",
        body: "Bruk du, ikke De. Unngå forkortelser."
      })
      const after = yield* Team.primer(workspace)
      assert.strictEqual(after.find((entry) => entry.id === "linkedin-length")?.title, "LinkedIn: hos oss skriver vi kort")
      assert.strictEqual(after.find((entry) => entry.id === "linkedin-length")?.network, linkedin.network)
      assert.strictEqual(after.find((entry) => entry.id === "var-tone")?.title, "Vår tone")
      const english = yield* Team.primer(workspace, "en")
      assert.notStrictEqual(english.find((entry) => entry.id === "linkedin-length")?.title, "LinkedIn: hos oss skriver vi kort")
      assert.isUndefined(english.find((entry) => entry.id === "var-tone"))
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN a primer entry WHEN a non-advisor sets it, or a field is wrong THEN NotAuthorized or InvalidPrimerEntry naming the field", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      const entry = { id: "var-tone", locale: "nb", title: "Vår tone", summary: "Kort.", body: "Tekst." }
      const manager = yield* Effect.either(Team.setPrimerEntry(workspace, ids.magnus, entry))
      assert.deepStrictEqual(Either.isLeft(manager) && manager.left._tag, "NotAuthorized")
      const badId = yield* Effect.either(Team.setPrimerEntry(workspace, ids.ingrid, { ...entry, id: "Vår Tone!" }))
      assert.deepInclude(Either.getLeft(badId).pipe((left) => left._tag === "Some" ? { ...left.value } : {}), {
        _tag: "InvalidPrimerEntry",
        field: "id"
      })
      const noBody = yield* Effect.either(Team.setPrimerEntry(workspace, ids.ingrid, { ...entry, body: "   " }))
      assert.deepInclude(Either.getLeft(noBody).pipe((left) => left._tag === "Some" ? { ...left.value } : {}), {
        _tag: "InvalidPrimerEntry",
        field: "body"
      })
      const directory = yield* Directory
      assert.deepStrictEqual(yield* directory.primerEntries(workspace), [])
    }).pipe(Effect.provide(memoryLayer)))
})

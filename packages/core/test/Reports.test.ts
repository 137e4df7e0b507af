import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import * as Commands from "../src/Commands.js"
import { CommandId, ItemId, type MemberId, type WorkspaceId } from "../src/Ids.js"
import { ItemCommand } from "../src/ItemCommand.js"
import type { Metrics } from "../src/ItemEvent.js"
import * as Reports from "../src/Reports.js"
import * as Team from "../src/Team.js"
import { body, ids } from "./utils/fixtures.js"
import { memoryLayer, seedTeam } from "./utils/team.js"

let sequence = 0
const send = (workspace: WorkspaceId, actor: MemberId, command: ItemCommand, item: ItemId) =>
  Commands.handle({ workspace, commandId: CommandId.make(`r${++sequence}`), actor, item, command })

const at = (iso: string) => TestClock.setTime(Date.parse(iso))

/** An idea by `by`, reviewed by Per (approval) and Siri (objection, then approval), published on Facebook with `metrics`. */
const publish = (workspace: WorkspaceId, item: ItemId, by: MemberId, metrics: Metrics | undefined, goals = [ids.goal]) =>
  Effect.gen(function*() {
    yield* send(workspace, by, ItemCommand.SubmitIdea({ title: `Sak ${item}`, pitch: "", goals, concerns: [] }), item)
    yield* send(workspace, ids.ingrid, ItemCommand.AcceptIdea(), item)
    yield* send(workspace, ids.ingrid, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body("Tekst.") }), item)
    yield* send(workspace, ids.ingrid, ItemCommand.RequestReview({ reviewers: [{ member: ids.per, expert: true }, { member: ids.siri, expert: true }] }), item)
    yield* send(workspace, ids.per, ItemCommand.ApproveFacts({ revision: 1 }), item)
    yield* send(workspace, ids.siri, ItemCommand.RaiseObjection({ revision: 1, claim: "Feil år", correction: "Riktig år" }), item)
    yield* send(workspace, ids.ingrid, ItemCommand.WriteDraft({ baseRevision: 1, kind: "content", body: body("Rettet tekst.") }), item)
    yield* send(workspace, ids.siri, ItemCommand.ResolveObjection({ objection: "O1" as never, note: "Takk" }), item)
    yield* send(workspace, ids.per, ItemCommand.ApproveFacts({ revision: 2 }), item)
    yield* send(workspace, ids.siri, ItemCommand.ApproveFacts({ revision: 2 }), item)
    yield* send(workspace, ids.ingrid, ItemCommand.ApproveForPublication({ revision: 2 }), item)
    const now = yield* DateTime.now
    yield* send(workspace, ids.ingrid, ItemCommand.RecordPublication({ network: "facebook", url: `https://fb.example/${item}`, publishedAt: now }), item)
    if (metrics !== undefined) {
      yield* send(workspace, ids.ingrid, ItemCommand.RecordResults({ network: "facebook", capturedAt: now, metrics, highlights: [] }), item)
    }
  })

const march = { from: DateTime.unsafeMake("2026-03-01T00:00:00Z"), until: DateTime.unsafeMake("2026-04-01T00:00:00Z") }

describe("Reports", () => {
  it.effect("GIVEN posts in February and March WHEN the March goal report is asked for THEN it counts March's ideas and posts, sums their numbers, ranks the best and gives the trend", () =>
    Effect.gen(function*() {
      yield* at("2026-02-20T09:00:00Z")
      const workspace = yield* seedTeam()
      const second = yield* Team.addGoal(workspace, ids.ingrid, { title: "Rekruttere lærlinger" })
      yield* publish(workspace, ItemId.make("feb"), ids.ola, { reach: 9000, reactions: 300, comments: 20, shares: 10 })
      yield* at("2026-03-03T09:00:00Z")
      yield* publish(workspace, ItemId.make("m1"), ids.ola, { reach: 1000, reactions: 40, comments: 5, shares: 5 })
      yield* at("2026-03-20T09:00:00Z")
      yield* publish(workspace, ItemId.make("m2"), ids.per, { reach: 3000, reactions: 100, comments: 10 })
      yield* publish(workspace, ItemId.make("m3"), ids.per, undefined, [second.id])
      yield* send(workspace, ids.ola, ItemCommand.SubmitIdea({ title: "Bare en idé", pitch: "", goals: [ids.goal], concerns: [] }), ItemId.make("i1"))

      const [first, other] = yield* Reports.goals(workspace, march)
      assert.strictEqual(first!.goal, ids.goal)
      // m1, m2 and i1 were submitted in March (feb in February).
      assert.strictEqual(first!.ideas, 3)
      assert.strictEqual(first!.posts, 2)
      assert.strictEqual(first!.reach, 4000) // 1000 + 3000
      assert.strictEqual(first!.engagement, 50 + 110) // (40 + 5 + 5) + (100 + 10)
      assert.deepStrictEqual(first!.best.map((post) => post.item), ["m2", "m1"])
      assert.deepStrictEqual(first!.trend, [{ month: "2026-03", posts: 2, reach: 4000, engagement: 160 }])
      // A post without results counts as a post, with nothing added to the sums.
      assert.deepStrictEqual([other!.goal, other!.ideas, other!.posts, other!.reach, other!.engagement], [second.id, 1, 1, 0, 0])
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN ideas, reviews and posts by several people WHEN the people report is asked for THEN each is credited for their part, and departments sum their members", () =>
    Effect.gen(function*() {
      yield* at("2026-03-02T09:00:00Z")
      const workspace = yield* seedTeam()
      yield* publish(workspace, ItemId.make("m1"), ids.ola, { reach: 1000, reactions: 40 })
      yield* publish(workspace, ItemId.make("m2"), ids.ola, { reach: 500, reactions: 90 })
      const { departments, people } = yield* Reports.people(workspace, march)
      const of = (member: MemberId) => people.find((person) => person.member === member)!
      assert.deepStrictEqual([of(ids.ola).ideas, of(ids.ola).reviews, of(ids.ola).posts], [2, 0, 2])
      // Per approved twice per item; Siri objected once and approved once per item.
      assert.deepStrictEqual([of(ids.per).reviews, of(ids.siri).reviews], [4, 4])
      assert.deepStrictEqual([of(ids.per).posts, of(ids.ingrid).posts], [2, 2])
      assert.strictEqual(of(ids.ola).best?.item, "m2", "the best by engagement")
      assert.deepStrictEqual([of(ids.tor).ideas, of(ids.tor).reviews, of(ids.tor).posts, of(ids.tor).best], [0, 0, 0, undefined])
      assert.strictEqual(people[people.length - 1]!.ideas + people[people.length - 1]!.reviews + people[people.length - 1]!.posts, 0)
      assert.deepStrictEqual(departments, [])
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN members in departments WHEN the people report is asked for THEN each department counts its members' ideas, reviews and posts once", () =>
    Effect.gen(function*() {
      yield* at("2026-03-02T09:00:00Z")
      const workspace = yield* seedTeam()
      const nils = yield* Team.addMember(workspace, ids.ingrid, { handle: "nils", name: "Nils", department: "Fiskeri" })
      const kari = yield* Team.addMember(workspace, ids.ingrid, { handle: "kari", name: "Kari", department: "Fiskeri", roles: ["expert"] })
      yield* send(workspace, nils.id, ItemCommand.SubmitIdea({ title: "Havna", pitch: "", goals: [], concerns: [kari.id] }), ItemId.make("h1"))
      const { departments } = yield* Reports.people(workspace, march)
      assert.deepStrictEqual(departments, [{ department: "Fiskeri", members: 2, ideas: 1, reviews: 0, posts: 0 }])
    }).pipe(Effect.provide(memoryLayer)))
})

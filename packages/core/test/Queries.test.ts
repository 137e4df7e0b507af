import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as TestClock from "effect/TestClock"
import * as Commands from "../src/Commands.js"
import { CommandId, ItemId, type MemberId, type WorkspaceId } from "../src/Ids.js"
import { ItemCommand } from "../src/ItemCommand.js"
import * as Queries from "../src/Queries.js"
import { body, ids } from "./utils/fixtures.js"
import { memoryLayer, seedTeam } from "./utils/team.js"

let sequence = 0
const send = (workspace: WorkspaceId, actor: MemberId, item: ItemId, command: ItemCommand) =>
  Effect.zipLeft(
    Commands.handle({ workspace, commandId: CommandId.make(`q${++sequence}`), actor, item, command }),
    TestClock.adjust("1 minute")
  )

const idea = (workspace: WorkspaceId, item: ItemId, title: string, goals = [ids.goal]) =>
  send(workspace, ids.ola, item, ItemCommand.SubmitIdea({ title, pitch: "", goals, concerns: [] }))

describe("Queries", () => {
  it.effect("GIVEN items in several stages WHEN the board is asked for THEN cards sit in their stage columns, newest first", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      const [a, b, c] = [ItemId.make("aaa"), ItemId.make("bbb"), ItemId.make("ccc")]
      yield* idea(workspace, a, "Havna")
      yield* idea(workspace, b, "Fyret", [])
      yield* idea(workspace, c, "Losen")
      yield* send(workspace, ids.ingrid, a, ItemCommand.AcceptIdea())
      yield* send(workspace, ids.ingrid, a, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body("Tekst") }))
      yield* send(workspace, ids.ingrid, b, ItemCommand.ParkIdea({ reason: "Etter sommeren" }))
      const board = yield* Queries.board(workspace)
      const column = (stage: string) => board.find((entry) => entry.stage === stage)?.cards.map((card) => card.item)
      assert.deepStrictEqual(column("Drafting"), [a])
      assert.deepStrictEqual(column("Parked"), [b])
      assert.deepStrictEqual(column("Idea"), [c])
      assert.strictEqual(board.length, 10, "every stage but None has a column")
      const drafting = board.find((entry) => entry.stage === "Drafting")!.cards[0]!
      assert.strictEqual(drafting.owner, ids.ingrid)
      assert.strictEqual(drafting.revision, 1)

      const byGoal = yield* Queries.board(workspace, { goal: ids.goal })
      assert.deepStrictEqual(byGoal.flatMap((entry) => entry.cards.map((card) => card.item)).sort(), [a, c])
      const byOwner = yield* Queries.board(workspace, { owner: ids.ingrid })
      assert.deepStrictEqual(byOwner.flatMap((entry) => entry.cards.map((card) => card.item)), [a])
      const byStage = yield* Queries.board(workspace, { stage: "Idea" })
      assert.deepStrictEqual(byStage.flatMap((entry) => entry.cards.map((card) => card.item)), [c])
      const wrong = yield* Effect.either(Queries.board(workspace, { stage: "Drafted" as never }))
      assert.strictEqual(Either.isLeft(wrong) && wrong.left._tag, "InvalidCommand")
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN another workspace's items WHEN the board is asked for THEN they never show", () =>
    Effect.gen(function*() {
      const kyst = yield* seedTeam("kystverket")
      const fisk = yield* seedTeam("fiskeridir")
      yield* idea(kyst, ItemId.make("aaa"), "Havna")
      const board = yield* Queries.board(fisk)
      assert.strictEqual(board.flatMap((entry) => entry.cards).length, 0)
      const item = yield* Effect.either(Queries.item(fisk, ItemId.make("aaa")))
      assert.strictEqual(Either.isLeft(item) && item.left._tag, "UnknownItem")
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN an item's history WHEN its timeline is asked for THEN every event with actor and time, oldest first", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      yield* idea(workspace, ids.item, "Havna")
      yield* send(workspace, ids.per, ids.item, ItemCommand.Comment({ text: "Jeg kan stille til intervju" }))
      yield* send(workspace, ids.ingrid, ids.item, ItemCommand.AcceptIdea())
      const timeline = yield* Queries.timeline(workspace, ids.item)
      assert.deepStrictEqual(timeline.map((entry) => [entry.version, entry.by, entry.event._tag]), [
        [1, ids.ola, "IdeaSubmitted"],
        [2, ids.per, "CommentAdded"],
        [3, ids.ingrid, "IdeaAccepted"]
      ])
      assert.isBelow(timeline[0]!.at.epochMillis, timeline[2]!.at.epochMillis)
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN two revisions WHEN diffed THEN changed lines, networks and media show", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      yield* idea(workspace, ids.item, "Havna")
      yield* send(workspace, ids.ingrid, ids.item, ItemCommand.AcceptIdea())
      yield* send(
        workspace,
        ids.ingrid,
        ids.item,
        ItemCommand.WriteDraft({
          baseRevision: 0,
          kind: "content",
          body: body("Havna åpner i mai.\nVelkommen til åpning!", { networks: ["facebook"] })
        })
      )
      yield* send(
        workspace,
        ids.ingrid,
        ids.item,
        ItemCommand.WriteDraft({
          baseRevision: 1,
          kind: "content",
          body: body("Havna åpner i juni.\nVelkommen til åpning!", {
            networks: ["facebook", "instagram"],
            media: [{ kind: "video", url: "https://example.org/havna.mp4", alt: "Havnesjefen viser fram kaia" }]
          })
        })
      )
      const diff = yield* Queries.diff(workspace, ids.item)
      assert.strictEqual(diff.from.number, 1)
      assert.strictEqual(diff.to.number, 2)
      assert.deepStrictEqual(diff.text.find((entry) => entry.network === "facebook")?.lines, [
        { op: "removed", text: "Havna åpner i mai." },
        { op: "added", text: "Havna åpner i juni." },
        { op: "same", text: "Velkommen til åpning!" }
      ])
      assert.deepStrictEqual(diff.networks, { added: ["instagram"], removed: [] })
      assert.deepStrictEqual(diff.media.added.map((media) => media.kind), ["video"])
      assert.deepStrictEqual(diff.media.removed.map((media) => media.kind), ["image"])
      const missing = yield* Effect.either(Queries.diff(workspace, ids.item, { from: 1, to: 7 }))
      assert.isTrue(Either.isLeft(missing))
      if (Either.isLeft(missing) && missing.left._tag === "InvalidCommand") {
        assert.strictEqual(missing.left.field, "to")
        assert.deepStrictEqual(missing.left.allowed, ["1", "2"])
      }
    }).pipe(Effect.provide(memoryLayer)))
})

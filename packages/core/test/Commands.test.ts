import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import * as Commands from "../src/Commands.js"
import { Directory } from "../src/Directory.js"
import { EventStore } from "../src/EventStore.js"
import { CommandId, type ItemId, type MemberId, WorkspaceId } from "../src/Ids.js"
import { ItemCommand } from "../src/ItemCommand.js"
import { Outbox } from "../src/Outbox.js"
import * as Queries from "../src/Queries.js"
import * as Team from "../src/Team.js"
import { body } from "./utils/fixtures.js"

const layer = Layer.merge(EventStore.layerMemory, Directory.layerMemory)

let sequence = 0
const nextCommandId = () => CommandId.make(`c${++sequence}`)

const setup = Effect.gen(function*() {
  const { workspace, founder } = yield* Team.createWorkspace({
    id: WorkspaceId.make("kystverket"),
    name: "Kystverket",
    locale: "nb",
    founder: { handle: "ingrid", name: "Ingrid Advisor" }
  })
  const per = yield* Team.addMember(workspace.id, founder.id, { handle: "per", name: "Per Expert", roles: ["expert"] })
  const ola = yield* Team.addMember(workspace.id, founder.id, { handle: "ola", name: "Ola Colleague" })
  const run = (actor: MemberId, command: ItemCommand, item?: ItemId, commandId = nextCommandId()) =>
    Commands.handle({ workspace: workspace.id, commandId, actor, item, command })
  return { workspace: workspace.id, ingrid: founder.id, per: per.id, ola: ola.id, run }
})

describe("Commands", () => {
  it.effect("GIVEN a team WHEN an idea goes all the way to publication THEN the board and outbox follow", () =>
    Effect.gen(function*() {
      const { ingrid, ola, per, run, workspace } = yield* setup
      const submitted = yield* run(ola, ItemCommand.SubmitIdea({ title: "Ny fiskerihavn", pitch: "", goals: [], concerns: [per] }))
      const item = submitted.item
      assert.strictEqual(submitted.state._tag, "Idea")
      yield* run(ingrid, ItemCommand.AcceptIdea(), item)
      yield* run(ingrid, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body("Havna åpner i mai.") }), item)
      yield* run(ingrid, ItemCommand.RequestReview({ reviewers: [{ member: per, expert: false }] }), item)
      yield* run(per, ItemCommand.ApproveFacts({ revision: 1 }), item)
      yield* TestClock.adjust("1 hour")
      const approved = yield* run(ingrid, ItemCommand.ApproveForPublication({ revision: 1 }), item)
      assert.strictEqual(approved.state._tag, "Approved")
      const board = yield* Queries.board(workspace)
      assert.deepStrictEqual(board.find((column) => column.stage === "Approved")?.cards.map((card) => card.item), [item])
      const outbox = yield* Outbox
      const rows = yield* outbox.list(workspace)
      assert.deepStrictEqual(rows.map((row) => row.notification.event._tag), [
        "IdeaSubmitted",
        "IdeaAccepted",
        "ReviewRequested",
        "FactsApproved",
        "ApprovedForPublication"
      ])
    }).pipe(Effect.provide(layer)))
})

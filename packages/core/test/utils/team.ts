import * as Effect from "effect/Effect"
import * as Commands from "../../src/Commands.js"
import { WorkspaceId } from "../../src/Ids.js"
import * as Team from "../../src/Team.js"
import { actors, ids } from "./fixtures.js"

/** In-memory store, outbox and directory. */
export const memoryLayer = Commands.layerMemory

/** Creates a workspace holding the fixture cast (same ids and roles as `actors`) and goal G1. */
export const seedTeam = (id = "kystverket") =>
  Effect.gen(function*() {
    const workspace = WorkspaceId.make(id)
    yield* Team.createWorkspace({
      id: workspace,
      name: "Kystverket",
      locale: "nb",
      founder: { id: ids.ingrid, handle: "ingrid", name: "Ingrid Aas" }
    })
    const others = [actors.tor, actors.per, actors.siri, actors.magnus, actors.ola]
    for (const actor of others) {
      yield* Team.addMember(workspace, ids.ingrid, {
        id: actor.id,
        handle: actor.id,
        name: actor.id,
        roles: actor.roles.filter((role) => role !== "member")
      })
    }
    yield* Team.addGoal(workspace, ids.ingrid, { title: "Flere søkere til fagskolen" })
    return workspace
  })

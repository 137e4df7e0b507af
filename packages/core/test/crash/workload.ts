/**
 * What the crash and concurrency writers send, shared by the child writer and the tests that check
 * its work: a team seeded idempotently, three "hot" items every writer comments on, and a command
 * for every (seed, counter) pair that is the same wherever and however often it is built — so a
 * test can re-send exactly the command a killed writer was in the middle of.
 */
import * as Effect from "effect/Effect"
import * as Commands from "../../src/Commands.js"
import { Directory } from "../../src/Directory.js"
import { CommandId, ItemId, WorkspaceId } from "../../src/Ids.js"
import { ItemCommand } from "../../src/ItemCommand.js"
import { Goal, Member, Workspace } from "../../src/Member.js"
import { actors, ids } from "../utils/fixtures.js"

export const workspace = WorkspaceId.make("dugnad-crash")

/** The streams every writer appends to, so writers really do race for the same versions. */
export const hotItems = [ItemId.make("hot-a"), ItemId.make("hot-b"), ItemId.make("hot-c")] as const

const cast = Object.values(actors)

/** The command that creates a hot item; its fixed command id makes creating it idempotent. */
export const setupEnvelope = (item: ItemId): Commands.Envelope => ({
  workspace,
  commandId: CommandId.make(`setup-${item}`),
  actor: ids.ola,
  item,
  command: ItemCommand.SubmitIdea({ title: `Varm sak ${item}`, pitch: "Alle skriver her.", goals: [ids.goal], concerns: [] })
})

/** The id of a writer's n-th command. */
export const commandIdOf = (seed: string, n: number) => CommandId.make(`${seed}-${n}`)

/** The counter of a command id made by {@link commandIdOf}, or `undefined` for another seed. */
export const counterOf = (seed: string, commandId: string): number | undefined => {
  if (!commandId.startsWith(`${seed}-`)) return undefined
  const n = Number(commandId.slice(seed.length + 1))
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined
}

const spread = (seed: string) => [...seed].reduce((sum, char) => sum + char.charCodeAt(0), 0)

/**
 * A writer's n-th command: mostly a comment on a hot item, every fourth a new idea on an item id
 * the command layer picks. Each records exactly one event.
 */
export const envelopeFor = (seed: string, n: number): Commands.Envelope => {
  const actor = cast[(n + spread(seed)) % cast.length]!.id
  const commandId = commandIdOf(seed, n)
  if (n % 4 === 3) {
    return {
      workspace,
      commandId,
      actor,
      command: ItemCommand.SubmitIdea({
        title: `Idé ${seed} ${n}`,
        pitch: "Skrevet av en skriver som kan bli drept når som helst.",
        goals: [ids.goal],
        concerns: [ids.per]
      })
    }
  }
  return {
    workspace,
    commandId,
    actor,
    item: hotItems[(n + spread(seed)) % hotItems.length]!,
    command: ItemCommand.Comment({ text: `${seed} #${n}` })
  }
}

/** A command every writer sends under the same id: one of them records it, the others replay it. */
export const sharedEnvelope = (k: number): Commands.Envelope => ({
  workspace,
  commandId: CommandId.make(`shared-${k}`),
  actor: ids.ola,
  item: hotItems[k % hotItems.length]!,
  command: ItemCommand.Comment({ text: `felles #${k}` })
})

/**
 * The workspace, the fixture cast and goal G1, and the hot items: created where missing, reused
 * where present. Every step checks first, so a writer killed halfway through seeding leaves
 * nothing the next one trips over.
 */
export const ensureTeam = Effect.gen(function*() {
  const directory = yield* Directory
  const known = <A, E, R>(lookup: Effect.Effect<A, E, R>) =>
    Effect.match(lookup, { onFailure: () => false, onSuccess: () => true })
  if (!(yield* known(directory.workspace(workspace)))) {
    yield* directory.createWorkspace(Workspace.make({ id: workspace, name: "Krasjtest", locale: "nb", timeZone: "Europe/Oslo" }))
      .pipe(Effect.catchTag("WorkspaceExists", () => Effect.void))
  }
  for (const actor of cast) {
    if (yield* known(directory.member(workspace, actor.id))) continue
    yield* directory.putMember(
      Member.make({ id: actor.id, workspaceId: workspace, handle: actor.id, name: actor.id, roles: [...actor.roles], fields: [] })
    )
  }
  if (!(yield* known(directory.goal(workspace, ids.goal)))) {
    yield* directory.putGoal(Goal.make({ id: ids.goal, workspaceId: workspace, title: "Færre ulykker langs kysten" }))
  }
  for (const item of hotItems) yield* Commands.handle(setupEnvelope(item))
})

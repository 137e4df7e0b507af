/**
 * The six invariants of DESIGN §3, checked over random command sequences from several actors.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as TestContext from "effect/TestContext"
import * as fc from "fast-check"
import * as Commands from "../src/Commands.js"
import { EventStore } from "../src/EventStore.js"
import { CommandId } from "../src/Ids.js"
import {
  isTerminal,
  type ItemState,
  latestContentRevision,
  missingApprovals,
  openObjections,
  type Stage,
  workOf
} from "../src/Item.js"
import { fromStored, type ItemEvent, toStored } from "../src/ItemEvent.js"
import { Outbox } from "../src/Outbox.js"
import * as Queries from "../src/Queries.js"
import { decide, evolve, fold, initialState } from "../src/Workflow.js"
import { ids } from "./utils/fixtures.js"
import { plan, type Step, steps } from "./utils/randomWorkflow.js"
import { memoryLayer, seedTeam } from "./utils/team.js"

interface Transition {
  readonly before: ItemState
  readonly after: ItemState
  readonly events: ReadonlyArray<ItemEvent>
  readonly accepted: boolean
  readonly actorRoles: ReadonlyArray<string>
}

/** Runs a random sequence through the pure decider, keeping every transition. */
const run = (sequence: ReadonlyArray<Step>) => {
  let state: ItemState = initialState
  const log: Array<ItemEvent> = []
  const transitions: Array<Transition> = []
  sequence.forEach((s, index) => {
    const { actor, command, now } = plan(state, s, index)
    const decision = decide(state, command, { item: ids.item, actor, now })
    const before = state
    const events = Either.isRight(decision) ? decision.right : []
    for (const event of events) {
      state = evolve(state, event)
      log.push(event)
    }
    transitions.push({ before, after: state, events, accepted: Either.isRight(decision), actorRoles: actor.roles })
  })
  return { state, log, transitions }
}

const runs = { numRuns: 400 }
const sequences = steps(80)

describe("Invariants (DESIGN §3)", () => {
  it("GIVEN random sequences WHEN generated THEN they reach every stage (so the properties below are meaningful)", () => {
    const seen = new Set<Stage>()
    fc.assert(
      fc.property(sequences, (sequence) => {
        for (const transition of run(sequence).transitions) seen.add(transition.after._tag)
      }),
      { numRuns: 400, seed: 42 }
    )
    assert.deepStrictEqual(
      [...seen].sort(),
      [
        "Approved",
        "Closed",
        "CorrectionNeeded",
        "Declined",
        "Drafting",
        "Idea",
        "InReview",
        "None",
        "Parked",
        "Published",
        "Withdrawn"
      ]
    )
  })

  it("1. GIVEN any sequence THEN an item is never Approved or Published with an open fact objection", () => {
    fc.assert(
      fc.property(sequences, (sequence) => {
        for (const { after } of run(sequence).transitions) {
          if (after._tag === "Approved" || after._tag === "Published") {
            assert.deepStrictEqual(openObjections(after.work), [], `${after._tag} with an open objection`)
          }
        }
      }),
      runs
    )
  })

  it("2. GIVEN any sequence THEN counted fact approvals refer to the latest content revision", () => {
    fc.assert(
      fc.property(sequences, (sequence) => {
        for (const { after, events } of run(sequence).transitions) {
          const work = workOf(after)
          if (work === undefined) continue
          const needed = latestContentRevision(work)
          for (const approval of work.approvals) {
            assert.isAtLeast(approval.revision, needed, "an approval of an older content revision is still counted")
          }
          if (events.some((event) => event._tag === "ApprovedForPublication")) {
            assert.deepStrictEqual(missingApprovals(work), [], "approved without every expert's approval")
          }
        }
      }),
      runs
    )
  })

  it("3. GIVEN any sequence THEN only the raiser resolves a fact objection and only advisors decide format", () => {
    fc.assert(
      fc.property(sequences, (sequence) => {
        for (const { actorRoles, before, events } of run(sequence).transitions) {
          for (const event of events) {
            if (event._tag === "FactObjectionResolved") {
              const objection = workOf(before)?.objections.find((candidate) => candidate.id === event.objection)
              assert.strictEqual(event.by, objection?.by, "resolved by someone other than the raiser")
            }
            if (event._tag === "FormatSuggestionDecided") {
              assert.include(actorRoles, "advisor", "format decided by a non-advisor")
            }
          }
        }
      }),
      runs
    )
  })

  it("4. GIVEN any sequence THEN replaying the stored events gives the same state and revisions only increase", () => {
    fc.assert(
      fc.property(sequences, (sequence) => {
        const { log, state } = run(sequence)
        assert.deepStrictEqual(fold(log), state)
        const stored = JSON.parse(JSON.stringify(log.map(toStored)))
        const decoded = stored.map((entry: ReturnType<typeof toStored>) => Either.getOrThrow(fromStored(entry)))
        assert.deepStrictEqual(fold(decoded), state)
        const revisions = log.flatMap((event) => (event._tag === "DraftRevised" ? [event.revision] : []))
        revisions.forEach((revision, index) => assert.strictEqual(revision, index + 1))
      }),
      runs
    )
  })

  it("5. GIVEN any sequence THEN terminal stages (Declined, Withdrawn, Closed) accept no further commands", () => {
    let terminalSeen = 0
    fc.assert(
      fc.property(sequences, (sequence) => {
        for (const { accepted, after, before } of run(sequence).transitions) {
          if (isTerminal(before)) {
            terminalSeen++
            assert.isFalse(accepted, `${before._tag} accepted a command`)
            assert.strictEqual(after, before)
          }
        }
      }),
      runs
    )
    assert.isAbove(terminalSeen, 100)
  })
})

describe("Invariant 6 through the command layer", () => {
  it("6. GIVEN any sequence with re-sent command ids THEN each command id changes state once", () =>
    fc.assert(
      fc.asyncProperty(steps(40), fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), async (sequence, resend) => {
        await Effect.gen(function*() {
          const workspace = yield* seedTeam()
          const store = yield* EventStore
          const outbox = yield* Outbox
          const applied: Array<{ envelope: Commands.Envelope; result: Commands.CommandResult }> = []
          const snapshot = Effect.all({
            events: store.readAll(workspace, { after: 0, limit: 100_000 }),
            outbox: outbox.list(workspace)
          })
          for (let index = 0; index < sequence.length; index++) {
            const choice = resend[index]!
            if (applied.length > 0 && choice % 3 === 0) {
              const first = applied[choice % applied.length]!
              const before = yield* snapshot
              const again = yield* Commands.handle(first.envelope)
              assert.deepStrictEqual(yield* snapshot, before, "a re-sent command changed the store")
              assert.isTrue(again.replayed)
              assert.deepStrictEqual(again.events, first.result.events)
              assert.strictEqual(again.version, first.result.version)
            }
            const state = Either.match(yield* Effect.either(Queries.item(workspace, ids.item)), {
              onLeft: () => initialState,
              onRight: (view) => view.state
            })
            // TestClock stays at 0 here: moving it yields to the scheduler each time, which is slow
            // in a loop; the pure properties above cover time.
            const { actor, command } = plan(state, sequence[index]!, index)
            const envelope: Commands.Envelope = {
              workspace,
              commandId: CommandId.make(`c${index}`),
              actor: actor.id,
              item: ids.item,
              command
            }
            const result = yield* Effect.either(Commands.handle(envelope))
            if (Either.isRight(result) && result.right.events.length > 0) applied.push({ envelope, result: result.right })
          }
          // Every command's events were written by one append: consecutive positions, never twice.
          const { events } = yield* snapshot
          const positions = new Map<string, Array<number>>()
          for (const entry of events) positions.set(entry.commandId, [...(positions.get(entry.commandId) ?? []), entry.position])
          for (const [commandId, list] of positions) {
            list.forEach((position, i) => assert.strictEqual(position, list[0]! + i, `${commandId} was applied twice`))
          }
        }).pipe(Effect.provide(memoryLayer), Effect.provide(TestContext.TestContext), Effect.runPromise)
      }),
      { numRuns: 40, endOnFailure: true }
    ), 120_000)
})

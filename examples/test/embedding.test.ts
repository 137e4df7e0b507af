import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { afterEach, beforeEach, vi } from "vitest"
import { main } from "../embedding.js"

describe("examples/embedding", () => {
  let printed: Array<string> = []
  beforeEach(() => {
    printed = []
    vi.spyOn(console, "log").mockImplementation((...args: Array<unknown>) => {
      printed.push(args.map(String).join(" "))
    })
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it.effect("GIVEN the example team WHEN the story is played THEN the item ends published, celebrated and told", () =>
    Effect.gen(function*() {
      const summary = yield* main

      // The item went all the way, and is in Published with its post(s), results and success.
      assert.strictEqual(summary.state._tag, "Published")
      if (summary.state._tag !== "Published") return
      const { publication, work } = summary.state
      assert.deepStrictEqual(publication.posts.map((post) => post.network), ["facebook", "linkedin"])
      assert.strictEqual(publication.results.length, 1)
      assert.isDefined(publication.sharedAt)
      assert.isDefined(publication.success)
      assert.deepStrictEqual(work.objections.map((objection) => `${objection.id} ${objection.status}`), ["O1 resolved"])
      assert.deepStrictEqual(work.suggestions.map((suggestion) => `${suggestion.id} ${suggestion.decision}`), ["S1 declined"])
      assert.deepStrictEqual(work.revisions.map((revision) => `${revision.number} ${revision.kind}`), ["1 content", "2 content"])
      assert.deepStrictEqual(work.approvals.map((approval) => approval.revision), [2, 2])

      // The veto held: approval was refused while O1 was open, and the advisor could not resolve it.
      assert.deepStrictEqual(summary.refusals, ["FactObjectionOpen", "NotAuthorized"])
      // Re-sending a command id replayed the first result.
      assert.isTrue(summary.replayed)

      // Every event is on the timeline once: 18 events, versions 1..18, refusals and the replay add none.
      assert.strictEqual(summary.timeline.length, 18)
      assert.deepStrictEqual(summary.timeline.map((entry) => entry.version), Array.from({ length: 18 }, (_, i) => i + 1))

      // Who is told what (the actor never hears of their own action, except when results are shared).
      const ingrid = "Ingrid (advisor)"
      const per = "Per (expert, fisheries)"
      const siri = "Siri (expert, climate)"
      const ola = "Ola (colleague)"
      assert.deepStrictEqual(summary.outbox, [
        { event: "IdeaSubmitted", told: [ingrid] },
        { event: "IdeaAccepted", told: [ola] },
        { event: "ReviewRequested", told: [per, siri, ola] },
        { event: "FactsApproved", told: [ingrid] },
        { event: "FactObjectionRaised", told: [ingrid] },
        { event: "DraftRevised", told: [per, siri, ola] },
        { event: "FactObjectionResolved", told: [ingrid] },
        { event: "FactsApproved", told: [ingrid] },
        { event: "FactsApproved", told: [ingrid] },
        { event: "FormatSuggested", told: [ingrid] },
        { event: "FormatSuggestionDecided", told: [ola] },
        { event: "ApprovedForPublication", told: [ola, per, siri] },
        { event: "PostPublished", told: [ola, per, siri] },
        { event: "PostPublished", told: [ola, per, siri] },
        { event: "ResultsShared", told: [ola, per, siri, ingrid] },
        { event: "MarkedSuccess", told: ["team channel"] }
      ])

      // And it told the story readably.
      const output = printed.join("\n")
      assert.include(output, "FactObjectionOpen: fact objection O1 is still open")
      assert.include(output, "== Outbox: who is told what")
      assert.include(output, `== Item ${summary.item} is Published, at version 18`)
    }))
})

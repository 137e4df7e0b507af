import { assert, describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as ChatAction from "../src/ChatAction.js"
import { ItemId } from "../src/Ids.js"
import type { ItemState } from "../src/Item.js"
import type { ItemEvent } from "../src/ItemEvent.js"
import * as Messages from "../src/Messages.js"
import { decide, fold } from "../src/Workflow.js"
import { ev, history, O1, S1 } from "./utils/DeciderSpec.js"
import { actors, ids, t0 } from "./utils/fixtures.js"

const context: Messages.RenderContext = { timeZone: "Europe/Oslo", name: (member) => member }
const item = ids.item
const state = (...events: ReadonlyArray<ItemEvent | ReadonlyArray<ItemEvent>>): ItemState =>
  fold(events.flatMap((entry) => (Array.isArray(entry) ? entry : [entry as ItemEvent])))

const left = <A, E>(either: Either.Either<A, E>): E => {
  if (Either.isRight(either)) assert.fail(`expected a refusal, got ${JSON.stringify(either.right)}`)
  return either.left
}
const right = <A, E>(either: Either.Either<A, E>): A => {
  if (Either.isLeft(either)) assert.fail(`expected a command, got ${JSON.stringify(either.left)}`)
  return either.right
}

/** In review at revision 2 after a content revision: Per and Magnus review as experts, Ola as a colleague. */
const revisedInReview = state(history.inReview, ev.revised(2, "content"))

describe("ChatAction", () => {
  describe("encoding", () => {
    it("GIVEN an approve-facts action WHEN encoded THEN the id is compact and readable", () => {
      assert.strictEqual(
        ChatAction.encode({ _tag: "approveFacts", item: ItemId.make("k7m2qd"), revision: 3 }),
        "dg1|approveFacts|k7m2qd|3"
      )
      assert.strictEqual(
        ChatAction.encode({ _tag: "declineFormat", item: ItemId.make("k7m2qd"), suggestion: S1 }),
        "dg1|declineFormat|k7m2qd|S1"
      )
      assert.strictEqual(ChatAction.encode({ _tag: "submitIdea" }), "dg1|submitIdea")
    })

    it("GIVEN any valid action WHEN encoded and decoded THEN it comes back the same, in at most 100 characters", () => {
      FastCheck.assert(
        FastCheck.property(Arbitrary.make(ChatAction.ActionId), (action) => {
          const id = ChatAction.encode(action)
          assert.isAtMost(id.length, ChatAction.maxIdLength, id)
          assert.deepStrictEqual(ChatAction.decode(id), Either.right(action))
          assert.strictEqual(ChatAction.make(action), id)
        }),
        { numRuns: 500 }
      )
    })

    it("GIVEN the longest ids an action can have WHEN encoded THEN they stay within 100 characters", () => {
      const longItem = ItemId.make("a".repeat(32))
      for (
        const action of [
          { _tag: "acceptFormat", item: longItem, suggestion: "S".repeat(24) },
          { _tag: "resolveObjection", item: longItem, objection: "O".repeat(24) },
          { _tag: "approvePublication", item: longItem, revision: 999_999 },
          { _tag: "recordResults", item: longItem, network: "instagram" }
        ] as ReadonlyArray<ChatAction.ActionId>
      ) {
        assert.isAtMost(ChatAction.encode(action).length, ChatAction.maxIdLength)
      }
    })

    it("GIVEN any string WHEN decoded THEN it is an action or a typed InvalidAction, never a throw", () => {
      FastCheck.assert(
        FastCheck.property(FastCheck.string({ maxLength: 200 }), (text) => {
          const decoded = ChatAction.decode(text)
          if (Either.isLeft(decoded)) {
            assert.strictEqual(decoded.left._tag, "InvalidAction")
            assert.isAtMost(decoded.left.id.length, ChatAction.maxIdLength)
          } else {
            assert.strictEqual(ChatAction.encode(decoded.right), text)
          }
        }),
        { numRuns: 500 }
      )
    })

    it("GIVEN junk ids WHEN decoded THEN each is an InvalidAction", () => {
      const junk: ReadonlyArray<unknown> = [
        "",
        "dg1",
        "dg1|",
        "dg2|approveFacts|k7m2qd|3",
        "dg1|approveFacts|k7m2qd",
        "dg1|approveFacts|k7m2qd|03",
        "dg1|approveFacts|k7m2qd|-1",
        "dg1|approveFacts|k7m2qd|1.5",
        "dg1|approveFacts|k7m2qd|3|extra",
        "dg1|approveFacts| k7m2qd|3",
        "dg1|nope|k7m2qd|3",
        "dg1|constructor|k7m2qd|3",
        "dg1|recordResults|k7m2qd|myspace",
        `dg1|comment|${"x".repeat(120)}`,
        "approve",
        42,
        null,
        undefined,
        { _tag: "approveFacts", item: "k7m2qd", revision: 3 }
      ]
      for (const id of junk) {
        const error = left(ChatAction.decode(id))
        assert.strictEqual(error._tag, "InvalidAction", String(id))
      }
    })

    it("GIVEN an item id that cannot travel in an action id WHEN made THEN make gives undefined instead of an id", () => {
      assert.isUndefined(ChatAction.make({ _tag: "comment", item: ItemId.make("has|pipe") }))
      assert.isUndefined(ChatAction.make({ _tag: "comment", item: ItemId.make("x".repeat(40)) }))
    })
  })

  describe("staleness", () => {
    it("GIVEN a content revision after the review request WHEN Per presses approve facts on revision 1 THEN it is a StaleAction, worded in nb and en", () => {
      const action = left(ChatAction.decode("dg1|approveFacts|it1|1").pipe(
        Either.flatMap((decoded) => ChatAction.toCommand(decoded, {}, revisedInReview, actors.per))
      ))
      assert.strictEqual(action._tag, "StaleAction")
      assert.deepInclude(action, { item, action: "approveFacts", reason: "revision", pressed: 1, current: 2, stage: "InReview" })
      const en = Messages.errorMessage("en", action, context)
      const nb = Messages.errorMessage("nb", action, context)
      assert.include(en, "revision 1")
      assert.include(en, "revision 2")
      assert.include(en, "Look at the new draft first")
      assert.include(nb, "versjon 1")
      assert.include(nb, "versjon 2")
      assert.include(nb, "Se på det nye utkastet først")
    })

    it("GIVEN the draft at revision 2 WHEN Per presses approve facts on revision 2 THEN it is ApproveFacts for revision 2, which the decider accepts", () => {
      const command = right(ChatAction.toCommand({ _tag: "approveFacts", item, revision: 2 }, {}, revisedInReview, actors.per))
      assert.strictEqual(command._tag, "ApproveFacts")
      assert.deepInclude(command, { revision: 2 })
      const decision = decide(revisedInReview, command, { item, actor: actors.per, now: t0 })
      assert.isTrue(Either.isRight(decision))
      if (Either.isRight(decision)) assert.deepStrictEqual(decision.right.map((event) => event._tag), ["FactsApproved"])
    })

    it("GIVEN a format-only revision WHEN a button for the revision before is pressed THEN it is stale too: the person looks at the draft as it is", () => {
      const formatRevised = state(history.inReview, ev.revised(2, "format"))
      const error = left(ChatAction.toCommand({ _tag: "suggestFormat", item, revision: 1 }, { note: "Kortere" }, formatRevised, actors.ola))
      assert.deepInclude(error, { _tag: "StaleAction", reason: "revision", pressed: 1, current: 2 })
    })

    it("GIVEN an item that moved on WHEN an old triage button is pressed THEN it is a stage StaleAction naming the stage", () => {
      const error = left(ChatAction.toCommand({ _tag: "acceptIdea", item }, {}, state(history.drafting), actors.ingrid))
      assert.deepInclude(error, { _tag: "StaleAction", reason: "stage", stage: "Drafting" })
      assert.include(Messages.errorMessage("en", error as ChatAction.StaleAction, context), "“drafting”")
      assert.include(Messages.errorMessage("nb", error as ChatAction.StaleAction, context), "ta ideen videre")
    })

    it("GIVEN a resolved objection WHEN its resolve button is pressed THEN it is a StaleAction about the objection", () => {
      const resolved = state(history.inReview, ev.objectionRaised(ids.per, O1, 1), ev.objectionResolved(ids.per, O1))
      const error = left(ChatAction.toCommand({ _tag: "resolveObjection", item, objection: O1 }, {}, resolved, actors.per))
      assert.deepInclude(error, { _tag: "StaleAction", reason: "objection", objection: O1 })
      assert.include(Messages.errorMessage("en", error as ChatAction.StaleAction, context), "O1")
    })

    it("GIVEN an open objection WHEN someone other than its raiser presses resolve THEN it is NotAuthorized (raiser only)", () => {
      const open = state(history.inReview, ev.objectionRaised(ids.per, O1, 1))
      const error = left(ChatAction.toCommand({ _tag: "resolveObjection", item, objection: O1 }, {}, open, actors.ingrid))
      assert.deepInclude(error, { _tag: "NotAuthorized", rule: "raiser_only" })
      const command = right(ChatAction.toCommand({ _tag: "resolveObjection", item, objection: O1 }, { note: " Rettet " }, open, actors.per))
      assert.deepInclude(command, { _tag: "ResolveObjection", objection: O1, note: "Rettet" })
    })

    it("GIVEN a decided suggestion WHEN accept is pressed again THEN it is a StaleAction about the suggestion", () => {
      const decided = state(history.inReview, ev.formatSuggested(ids.ola, S1, 1), ev.formatDecided(S1))
      const error = left(ChatAction.toCommand({ _tag: "acceptFormat", item, suggestion: S1 }, { reason: "Ja" }, decided, actors.ingrid))
      assert.deepInclude(error, { _tag: "StaleAction", reason: "suggestion", suggestion: S1 })
    })
  })

  describe("toCommand", () => {
    it("GIVEN the objection form WHEN submitted THEN it is RaiseObjection with the claim and correction; a blank claim is InvalidCommand", () => {
      const command = right(
        ChatAction.toCommand({ _tag: "object", item, revision: 2 }, { claim: "Mai er feil", correction: "Juni" }, revisedInReview, actors.per)
      )
      assert.deepInclude(command, { _tag: "RaiseObjection", revision: 2, claim: "Mai er feil", correction: "Juni" })
      const error = left(
        ChatAction.toCommand({ _tag: "object", item, revision: 2 }, { claim: "  ", correction: "Juni" }, revisedInReview, actors.per)
      )
      assert.deepInclude(error, { _tag: "InvalidCommand", command: "RaiseObjection", field: "claim", reason: "required" })
    })

    it("GIVEN a format suggestion WHEN declined with a reason THEN it is DecideFormat declined with the explanation", () => {
      const suggested = state(history.inReview, ev.formatSuggested(ids.ola, S1, 1))
      const command = right(
        ChatAction.toCommand(
          { _tag: "declineFormat", item, suggestion: S1 },
          { reason: "Lengden passer LinkedIn", primer: "linkedin-first-lines" },
          suggested,
          actors.ingrid
        )
      )
      assert.deepInclude(command, {
        _tag: "DecideFormat",
        suggestion: S1,
        decision: "declined",
        explanation: "Lengden passer LinkedIn",
        primer: "linkedin-first-lines"
      })
    })

    it("GIVEN the idea form WHEN submitted THEN it is SubmitIdea with the title, pitch and department", () => {
      const command = right(
        ChatAction.toCommand({ _tag: "submitIdea" }, { title: "Havna", pitch: "Åpner i mai", department: "" }, state(), actors.ola)
      )
      assert.deepStrictEqual({ ...command }, { _tag: "SubmitIdea", title: "Havna", pitch: "Åpner i mai", goals: [], concerns: [] })
    })

    it("GIVEN the draft form WHEN a new revision is submitted THEN it is WriteDraft on the current revision, keeping media and networks left blank", () => {
      const command = right(
        ChatAction.toCommand({ _tag: "writeDraft", item, revision: 2 }, { text: "Havna åpner i juni." }, revisedInReview, actors.ingrid)
      )
      assert.strictEqual(command._tag, "WriteDraft")
      if (command._tag !== "WriteDraft") return
      assert.deepInclude(command, { baseRevision: 2, kind: "content" })
      assert.deepStrictEqual(command.body.networks, ["facebook", "linkedin"])
      assert.lengthOf(command.body.media, 1)
      const first = right(
        ChatAction.toCommand(
          { _tag: "writeDraft", item, revision: 0 },
          { text: "Første utkast", networks: "LinkedIn, instagram", mediaUrl: "https://example.org/a.jpg", alt: "Kaia" },
          state(history.drafting),
          actors.ingrid
        )
      )
      assert.deepInclude(first, { baseRevision: 0 })
      if (first._tag === "WriteDraft") {
        assert.deepStrictEqual(first.body.networks, ["linkedin", "instagram"])
        assert.deepStrictEqual(first.body.media, [{ kind: "image", url: "https://example.org/a.jpg", alt: "Kaia" }])
      }
      const noAlt = left(
        ChatAction.toCommand(
          { _tag: "writeDraft", item, revision: 0 },
          { text: "Utkast", networks: "facebook", mediaUrl: "https://example.org/a.jpg" },
          state(history.drafting),
          actors.ingrid
        )
      )
      assert.deepInclude(noAlt, { _tag: "InvalidCommand", field: "body.media[0].alt", reason: "required" })
      const badNetwork = left(
        ChatAction.toCommand({ _tag: "writeDraft", item, revision: 0 }, { text: "Utkast", networks: "myspace" }, state(history.drafting), actors.ingrid)
      )
      assert.deepInclude(badNetwork, { _tag: "InvalidCommand", field: "body.networks", reason: "not_allowed" })
    })

    it.effect("GIVEN the results form WHEN submitted with figures THEN it is RecordResults at the given time", () =>
      Effect.sync(() => {
        const published = state(history.published)
        const command = right(
          ChatAction.toCommand(
            { _tag: "recordResults", item, network: "facebook" },
            { reach: "1 200", reactions: "85", comments: "" },
            published,
            actors.ingrid,
            t0
          )
        )
        assert.deepInclude(command, { _tag: "RecordResults", network: "facebook", metrics: { reach: 1200, reactions: 85 } })
        const empty = left(
          ChatAction.toCommand({ _tag: "recordResults", item, network: "facebook" }, {}, published, actors.ingrid, t0)
        )
        assert.deepInclude(empty, { _tag: "InvalidCommand", field: "metrics", reason: "empty" })
      }))
  })
})

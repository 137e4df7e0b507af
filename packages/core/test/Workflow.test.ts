import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import type { Network, RevisionKind } from "../src/Draft.js"
import { networks } from "../src/Draft.js"
import { GoalId, MeetingId, MemberId, ObjectionId } from "../src/Ids.js"
import { type ItemState, missingApprovals, openObjections, type Stage, stages, workOf } from "../src/Item.js"
import { ItemCommand, type ItemCommandTag } from "../src/ItemCommand.js"
import {
  ApprovedForPublication,
  CommentAdded,
  CorrectionRecorded,
  DraftRevised,
  FactObjectionRaised,
  FactObjectionResolved,
  FactsApproved,
  FollowUpProposed,
  FormatSuggested,
  FormatSuggestionDecided,
  IdeaAccepted,
  IdeaDeclined,
  IdeaEdited,
  IdeaParked,
  IdeaRevived,
  IdeaSubmitted,
  ItemClosed,
  type ItemEvent,
  ItemWithdrawn,
  MarkedSuccess,
  PostPublished,
  PublicationScheduled,
  ResultsRecorded,
  ResultsShared,
  ReviewerRemoved,
  ReviewRequested
} from "../src/ItemEvent.js"
import type { Actor } from "../src/Member.js"
import { decide, fold } from "../src/Workflow.js"
import { defaultNow as now, ev, given, history, O1, O2, S1, S2 } from "./utils/DeciderSpec.js"
import { actors, at, body, ids } from "./utils/fixtures.js"

// Extra people for the authority edge cases.
const kari = MemberId.make("kari")
const G2 = GoalId.make("G2")
const O3 = ObjectionId.make("O3")
const cast = {
  /** The owning advisor, who is also an expert in the field. */
  ingridExpert: { id: ids.ingrid, roles: ["member", "advisor", "expert"] },
  /** A second advisor who is also an expert (not the owner). */
  torExpert: { id: ids.tor, roles: ["member", "advisor", "expert"] },
  /** A manager without the expert role. */
  kari: { id: kari, roles: ["member", "manager"] }
} as const satisfies Record<string, Actor>

const { ingrid, tor, per, siri, magnus, ola } = actors

/** Review where Per and Kari (a manager who is not an expert) are both listed as experts. */
const reviewWithManager = [...history.drafted, ev.reviewRequested([[ids.per, true], [kari, true]])]
/** Review where Per and Tor (an advisor and expert, but not the owner) review as experts. */
const reviewWithSecondAdvisor = [...history.drafted, ev.reviewRequested([[ids.per, true], [ids.tor, true]])]

const stateOf = (events: ReadonlyArray<ItemEvent>): ItemState => fold(events)

// ---------------------------------------------------------------------------------------------
// SubmitIdea
// ---------------------------------------------------------------------------------------------

describe("SubmitIdea", () => {
  it("GIVEN no item WHEN a colleague submits an idea THEN IdeaSubmitted is recorded, trimmed, and the item is an Idea", () => {
    const outcome = given(history.none)
      .when(
        ola,
        ItemCommand.SubmitIdea({
          title: "  Ny fiskerihavn  ",
          pitch: " Havna åpner i mai. ",
          department: " Havn ",
          goals: [ids.goal],
          concerns: [ids.per, ids.siri],
          meeting: MeetingId.make("M1"),
          followUpOf: ids.followUp
        })
      )
      .then([
        IdeaSubmitted.make({
          by: ids.ola,
          at: now,
          item: ids.item,
          title: "Ny fiskerihavn",
          pitch: "Havna åpner i mai.",
          department: "Havn",
          goals: [ids.goal],
          concerns: [ids.per, ids.siri],
          meeting: MeetingId.make("M1"),
          followUpOf: ids.followUp
        })
      ])
    const { idea } = outcome.stage("Idea")
    assert.strictEqual(idea.title, "Ny fiskerihavn")
    assert.strictEqual(idea.submittedBy, ids.ola)
    assert.strictEqual(idea.department, "Havn")
    assert.deepStrictEqual(idea.concerns, [ids.per, ids.siri])
    assert.strictEqual(idea.meeting, MeetingId.make("M1"))
    assert.strictEqual(idea.followUpOf, ids.followUp)
  })

  it("GIVEN no item WHEN an idea has a blank department and no meeting THEN those fields are left out", () => {
    const outcome = given(history.none)
      .when(ola, ItemCommand.SubmitIdea({ title: "Idé", pitch: "", department: "  ", goals: [], concerns: [] }))
      .then(["IdeaSubmitted"])
    const event = outcome.event("IdeaSubmitted")
    assert.isFalse("department" in event)
    assert.isFalse("meeting" in event)
    assert.isFalse("followUpOf" in event)
    assert.strictEqual(outcome.stage("Idea").idea.department, undefined)
  })

  it("GIVEN an existing idea WHEN an idea is submitted on the same item THEN InvalidTransition", () => {
    given(history.idea)
      .when(ola, ItemCommand.SubmitIdea({ title: "Igjen", pitch: "", goals: [], concerns: [] }))
      .thenFails("InvalidTransition", { item: ids.item, command: "SubmitIdea", state: "Idea" })
  })

  it("GIVEN no item WHEN the title is blank THEN InvalidCommand title required", () => {
    given(history.none)
      .when(ola, ItemCommand.SubmitIdea({ title: "   ", pitch: "", goals: [], concerns: [] }))
      .thenFails("InvalidCommand", { command: "SubmitIdea", field: "title", reason: "required" })
  })

  it("GIVEN no item WHEN a goal is listed twice THEN InvalidCommand goals duplicate", () => {
    given(history.none)
      .when(ola, ItemCommand.SubmitIdea({ title: "Idé", pitch: "", goals: [ids.goal, ids.goal], concerns: [] }))
      .thenFails("InvalidCommand", { command: "SubmitIdea", field: "goals", reason: "duplicate" })
  })

  it("GIVEN no item WHEN a concerned person is listed twice THEN InvalidCommand concerns duplicate", () => {
    given(history.none)
      .when(ola, ItemCommand.SubmitIdea({ title: "Idé", pitch: "", goals: [], concerns: [ids.per, ids.per] }))
      .thenFails("InvalidCommand", { command: "SubmitIdea", field: "concerns", reason: "duplicate" })
  })
})

// ---------------------------------------------------------------------------------------------
// EditIdea
// ---------------------------------------------------------------------------------------------

describe("EditIdea", () => {
  it("GIVEN an idea WHEN its submitter edits it THEN IdeaEdited carries only the changed fields", () => {
    const outcome = given(history.idea)
      .when(ola, ItemCommand.EditIdea({ title: " Ny fiskerihavn i nord ", pitch: ev.submitted().pitch, goals: [ids.goal, G2] }))
      .then([IdeaEdited.make({ by: ids.ola, at: now, title: "Ny fiskerihavn i nord", goals: [ids.goal, G2] })])
    const { idea } = outcome.stage("Idea")
    assert.strictEqual(idea.title, "Ny fiskerihavn i nord")
    assert.strictEqual(idea.pitch, ev.submitted().pitch)
    assert.deepStrictEqual(idea.goals, [ids.goal, G2])
  })

  it("GIVEN a parked idea WHEN the advisor edits it THEN it stays Parked with its reason", () => {
    const state = given(history.parked)
      .when(ingrid, ItemCommand.EditIdea({ department: "Fiskeri", concerns: [ids.per, ids.siri] }))
      .then([IdeaEdited.make({ by: ids.ingrid, at: now, department: "Fiskeri", concerns: [ids.per, ids.siri] })])
      .stage("Parked")
    assert.strictEqual(state.reason, "Venter på budsjettet")
    assert.strictEqual(state.idea.department, "Fiskeri")
    assert.deepStrictEqual(state.idea.concerns, [ids.per, ids.siri])
  })

  it("GIVEN an approved item WHEN the advisor edits the idea THEN it stays Approved with the approval intact", () => {
    const state = given(history.approved)
      .when(ingrid, ItemCommand.EditIdea({ title: "Havna åpner" }))
      .then(["IdeaEdited"])
      .stage("Approved")
    assert.strictEqual(state.idea.title, "Havna åpner")
    assert.strictEqual(state.approval.revision, 1)
    assert.lengthOf(state.work.approvals, 2)
  })

  it("GIVEN an idea WHEN someone other than the submitter or an advisor edits it THEN NotAuthorized submitter_or_advisor", () => {
    given(history.idea)
      .when(per, ItemCommand.EditIdea({ title: "Min tittel" }))
      .thenFails("NotAuthorized", { actor: ids.per, command: "EditIdea", rule: "submitter_or_advisor" })
  })

  it("GIVEN an accepted idea WHEN its submitter edits it THEN NotAuthorized advisor_only", () => {
    given(history.drafting)
      .when(ola, ItemCommand.EditIdea({ title: "Min tittel" }))
      .thenFails("NotAuthorized", { actor: ids.ola, command: "EditIdea", rule: "advisor_only" })
  })

  it("GIVEN a published item WHEN the advisor edits the idea THEN InvalidTransition", () => {
    given(history.published)
      .when(ingrid, ItemCommand.EditIdea({ title: "For sent" }))
      .thenFails("InvalidTransition", { command: "EditIdea", state: "Published" })
  })

  it("GIVEN an idea WHEN the title is made blank THEN InvalidCommand title required", () => {
    given(history.idea)
      .when(ola, ItemCommand.EditIdea({ title: "  " }))
      .thenFails("InvalidCommand", { command: "EditIdea", field: "title", reason: "required" })
  })

  it("GIVEN an idea WHEN the edit repeats what is there (goals reordered, blank department) THEN InvalidCommand idea no_change", () => {
    given(ev.submitted(ids.ola, { goals: [ids.goal, G2] }))
      .when(ola, ItemCommand.EditIdea({ title: " Ny fiskerihavn på kysten ", goals: [G2, ids.goal], department: " " }))
      .thenFails("InvalidCommand", { command: "EditIdea", field: "idea", reason: "no_change" })
  })

  it("GIVEN an idea WHEN a goal is listed twice THEN InvalidCommand goals duplicate (as when submitting)", () => {
    given(history.idea)
      .when(ola, ItemCommand.EditIdea({ goals: [ids.goal, ids.goal] }))
      .thenFails("InvalidCommand", { command: "EditIdea", field: "goals", reason: "duplicate" })
  })

  it("GIVEN an idea with two goals WHEN they are replaced by one goal twice THEN InvalidCommand goals duplicate, not no_change", () => {
    given(ev.submitted(ids.ola, { goals: [ids.goal, G2] }))
      .when(ola, ItemCommand.EditIdea({ goals: [ids.goal, ids.goal] }))
      .thenFails("InvalidCommand", { command: "EditIdea", field: "goals", reason: "duplicate" })
  })

  it("GIVEN an idea WHEN a concerned person is listed twice THEN InvalidCommand concerns duplicate", () => {
    given(history.idea)
      .when(ola, ItemCommand.EditIdea({ concerns: [ids.siri, ids.siri] }))
      .thenFails("InvalidCommand", { command: "EditIdea", field: "concerns", reason: "duplicate" })
  })
})

// ---------------------------------------------------------------------------------------------
// Triage: AcceptIdea, ParkIdea, ReviveIdea, DeclineIdea
// ---------------------------------------------------------------------------------------------

describe("AcceptIdea", () => {
  it("GIVEN an idea WHEN the advisor accepts it THEN IdeaAccepted and Drafting, owned by the advisor, with no draft yet", () => {
    const state = given(history.idea)
      .when(ingrid, ItemCommand.AcceptIdea())
      .then([IdeaAccepted.make({ by: ids.ingrid, at: now })])
      .stage("Drafting")
    assert.strictEqual(state.work.owner, ids.ingrid)
    assert.deepStrictEqual(state.work.revisions, [])
    assert.deepStrictEqual(state.work.reviewers, [])
    assert.strictEqual(state.idea.submittedBy, ids.ola)
  })

  it("GIVEN an idea WHEN the second advisor accepts it THEN the second advisor owns it", () => {
    const state = given(history.idea).when(tor, ItemCommand.AcceptIdea()).then(["IdeaAccepted"]).stage("Drafting")
    assert.strictEqual(state.work.owner, ids.tor)
  })

  for (const actor of [ola, per, magnus, cast.kari]) {
    it(`GIVEN an idea WHEN ${actor.id} (${actor.roles.join("+")}) accepts it THEN NotAuthorized advisor_only`, () => {
      given(history.idea)
        .when(actor, ItemCommand.AcceptIdea())
        .thenFails("NotAuthorized", { actor: actor.id, command: "AcceptIdea", rule: "advisor_only" })
    })
  }

  it("GIVEN a parked idea WHEN the advisor accepts it without reviving THEN InvalidTransition", () => {
    given(history.parked)
      .when(ingrid, ItemCommand.AcceptIdea())
      .thenFails("InvalidTransition", { item: ids.item, command: "AcceptIdea", state: "Parked" })
  })
})

describe("ParkIdea", () => {
  it("GIVEN an idea WHEN the advisor parks it with a reason THEN IdeaParked and Parked with the trimmed reason", () => {
    const state = given(history.idea)
      .when(ingrid, ItemCommand.ParkIdea({ reason: "  Tar det opp i høst " }))
      .then([IdeaParked.make({ by: ids.ingrid, at: now, reason: "Tar det opp i høst" })])
      .stage("Parked")
    assert.strictEqual(state.reason, "Tar det opp i høst")
    assert.strictEqual(state.idea.title, ev.submitted().title)
  })

  it("GIVEN an idea WHEN its submitter parks it THEN NotAuthorized advisor_only", () => {
    given(history.idea)
      .when(ola, ItemCommand.ParkIdea({ reason: "Vent" }))
      .thenFails("NotAuthorized", { command: "ParkIdea", rule: "advisor_only" })
  })

  it("GIVEN an idea WHEN the advisor parks it without a reason THEN InvalidCommand reason required", () => {
    given(history.idea)
      .when(ingrid, ItemCommand.ParkIdea({ reason: " " }))
      .thenFails("InvalidCommand", { command: "ParkIdea", field: "reason", reason: "required" })
  })

  it("GIVEN a parked idea WHEN the advisor parks it again THEN InvalidTransition", () => {
    given(history.parked)
      .when(ingrid, ItemCommand.ParkIdea({ reason: "Vent" }))
      .thenFails("InvalidTransition", { command: "ParkIdea", state: "Parked" })
  })
})

describe("ReviveIdea", () => {
  it("GIVEN a parked idea WHEN the advisor revives it THEN IdeaRevived and it is an Idea again, unchanged", () => {
    const state = given(history.parked)
      .when(ingrid, ItemCommand.ReviveIdea())
      .then([IdeaRevived.make({ by: ids.ingrid, at: now })])
      .stage("Idea")
    assert.strictEqual(state.idea.title, ev.submitted().title)
    assert.strictEqual(state.idea.submittedBy, ids.ola)
  })

  it("GIVEN a parked idea WHEN its submitter revives it THEN NotAuthorized advisor_only", () => {
    given(history.parked)
      .when(ola, ItemCommand.ReviveIdea())
      .thenFails("NotAuthorized", { command: "ReviveIdea", rule: "advisor_only" })
  })

  it("GIVEN an idea that is not parked WHEN the advisor revives it THEN InvalidTransition", () => {
    given(history.idea)
      .when(ingrid, ItemCommand.ReviveIdea())
      .thenFails("InvalidTransition", { command: "ReviveIdea", state: "Idea" })
  })
})

describe("DeclineIdea", () => {
  it("GIVEN an idea WHEN the advisor declines it kindly THEN IdeaDeclined and Declined with the reason", () => {
    const state = given(history.idea)
      .when(ingrid, ItemCommand.DeclineIdea({ reason: " Takk! Passer bedre i nyhetsbrevet " }))
      .then([IdeaDeclined.make({ by: ids.ingrid, at: now, reason: "Takk! Passer bedre i nyhetsbrevet" })])
      .stage("Declined")
    assert.strictEqual(state.reason, "Takk! Passer bedre i nyhetsbrevet")
  })

  it("GIVEN a parked idea WHEN the advisor declines it THEN Declined", () => {
    given(history.parked).when(ingrid, ItemCommand.DeclineIdea({ reason: "Nei takk" })).then(["IdeaDeclined"]).stage(
      "Declined"
    )
  })

  it("GIVEN an idea WHEN an expert declines it THEN NotAuthorized advisor_only", () => {
    given(history.idea)
      .when(per, ItemCommand.DeclineIdea({ reason: "Nei" }))
      .thenFails("NotAuthorized", { actor: ids.per, command: "DeclineIdea", rule: "advisor_only" })
  })

  it("GIVEN an idea WHEN the advisor declines without a reason THEN InvalidCommand reason required", () => {
    given(history.idea)
      .when(ingrid, ItemCommand.DeclineIdea({ reason: "" }))
      .thenFails("InvalidCommand", { command: "DeclineIdea", field: "reason", reason: "required" })
  })

  it("GIVEN an accepted idea WHEN the advisor declines it THEN InvalidTransition (withdraw instead)", () => {
    given(history.drafting)
      .when(ingrid, ItemCommand.DeclineIdea({ reason: "Nei" }))
      .thenFails("InvalidTransition", { command: "DeclineIdea", state: "Drafting" })
  })
})

// ---------------------------------------------------------------------------------------------
// WriteDraft
// ---------------------------------------------------------------------------------------------

describe("WriteDraft", () => {
  it("GIVEN an accepted idea WHEN the advisor writes the first draft THEN DraftRevised revision 1 (content), still Drafting", () => {
    const draft = body("Havna åpner i mai.")
    const state = given(history.drafting)
      .when(ingrid, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: draft }))
      .then([DraftRevised.make({ by: ids.ingrid, at: now, revision: 1, kind: "content", body: draft })])
      .stage("Drafting")
    assert.deepStrictEqual(state.work.revisions.map((r) => [r.number, r.kind, r.by]), [[1, "content", ids.ingrid]])
    assert.strictEqual(state.work.revisions[0]?.body.text, "Havna åpner i mai.")
  })

  it("GIVEN a draft WHEN the second advisor revises it THEN revision 2 is theirs and the owner stays", () => {
    const state = given(history.drafted)
      .when(tor, ItemCommand.WriteDraft({ baseRevision: 1, kind: "content", body: body("Ny tekst") }))
      .then(["DraftRevised"])
      .stage("Drafting")
    assert.strictEqual(state.work.owner, ids.ingrid)
    assert.strictEqual(state.work.revisions[1]?.by, ids.tor)
    assert.strictEqual(state.work.revisions[1]?.number, 2)
  })

  it("GIVEN review with both experts' approvals WHEN the advisor makes a content revision THEN approvals become stale and it stays InReview", () => {
    const outcome = given(history.factsApproved)
      .when(ingrid, ItemCommand.WriteDraft({ baseRevision: 1, kind: "content", body: body("Havna åpner i juni.") }))
      .then([DraftRevised.make({ by: ids.ingrid, at: now, revision: 2, kind: "content", body: body("Havna åpner i juni.") })])
    const state = outcome.stage("InReview")
    assert.deepStrictEqual(state.work.approvals, [])
    assert.deepStrictEqual(missingApprovals(state.work), [ids.per, ids.magnus])
  })

  it("GIVEN review with approvals WHEN the advisor makes a format revision THEN approvals are kept", () => {
    const state = given(history.factsApproved)
      .when(ingrid, ItemCommand.WriteDraft({ baseRevision: 1, kind: "format", body: body("Havna åpner i mai!") }))
      .then(["DraftRevised"])
      .stage("InReview")
    assert.deepStrictEqual(state.work.approvals, [{ member: ids.per, revision: 1 }, { member: ids.magnus, revision: 1 }])
    assert.deepStrictEqual(missingApprovals(state.work), [])
  })

  it("GIVEN an approved item WHEN the advisor makes a content revision THEN it goes back to InReview and approvals are stale", () => {
    const state = given(history.approved)
      .when(ingrid, ItemCommand.WriteDraft({ baseRevision: 1, kind: "content", body: body("Havna åpner i juni.") }))
      .then(["DraftRevised"])
      .stage("InReview")
    assert.deepStrictEqual(state.work.approvals, [])
    assert.strictEqual(state.work.revisions.length, 2)
  })

  it("GIVEN an approved item WHEN the advisor makes a format revision THEN it stays Approved with approvals and approval kept", () => {
    const state = given(history.approved, ev.scheduled("linkedin", at(600)))
      .when(ingrid, ItemCommand.WriteDraft({ baseRevision: 1, kind: "format", body: body("Kortere tekst.") }))
      .then([DraftRevised.make({ by: ids.ingrid, at: now, revision: 2, kind: "format", body: body("Kortere tekst.") })])
      .stage("Approved")
    assert.lengthOf(state.work.approvals, 2)
    assert.strictEqual(state.approval.revision, 1)
    assert.deepStrictEqual(state.approval.schedule.map((entry) => entry.network), ["linkedin"])
    assert.strictEqual(state.work.revisions[1]?.kind, "format")
  })

  it("GIVEN only per-network texts WHEN the main text is blank THEN the draft is accepted (every network has text)", () => {
    given(history.drafting)
      .when(
        ingrid,
        ItemCommand.WriteDraft({
          baseRevision: 0,
          kind: "content",
          body: body("", { perNetwork: { facebook: "Hei Facebook", linkedin: "Hei LinkedIn" } })
        })
      )
      .then(["DraftRevised"])
  })

  for (const actor of [ola, per, magnus]) {
    it(`GIVEN a draft in review WHEN ${actor.id} (${actor.roles.join("+")}) revises it THEN NotAuthorized advisor_only`, () => {
      given(history.inReview)
        .when(actor, ItemCommand.WriteDraft({ baseRevision: 1, kind: "content", body: body("Min versjon") }))
        .thenFails("NotAuthorized", { actor: actor.id, command: "WriteDraft", rule: "advisor_only" })
    })
  }

  it("GIVEN revision 2 WHEN the advisor revises from revision 1 THEN StaleRevision with seen, latest and latestContent", () => {
    given(history.inReview, ev.revised(2, "format"))
      .when(ingrid, ItemCommand.WriteDraft({ baseRevision: 1, kind: "content", body: body("Gammel") }))
      .thenFails("StaleRevision", { item: ids.item, seen: 1, latest: 2, latestContent: 1 })
  })

  it("GIVEN revision 1 WHEN the advisor revises from a revision that does not exist yet THEN StaleRevision", () => {
    given(history.drafted)
      .when(ingrid, ItemCommand.WriteDraft({ baseRevision: 5, kind: "content", body: body("Fremtid") }))
      .thenFails("StaleRevision", { seen: 5, latest: 1, latestContent: 1 })
  })

  it("GIVEN no draft yet WHEN the first draft is declared a format revision THEN InvalidCommand kind not_allowed, only content allowed", () => {
    given(history.drafting)
      .when(ingrid, ItemCommand.WriteDraft({ baseRevision: 0, kind: "format", body: body("Tekst") }))
      .thenFails("InvalidCommand", { command: "WriteDraft", field: "kind", reason: "not_allowed", allowed: ["content"] })
  })

  it("GIVEN a draft WHEN the revision kind is unknown THEN InvalidCommand kind not_allowed", () => {
    given(history.drafted)
      .when(ingrid, ItemCommand.WriteDraft({ baseRevision: 1, kind: "tone" as RevisionKind, body: body("Tekst") }))
      .thenFails("InvalidCommand", { field: "kind", reason: "not_allowed", allowed: ["content", "format"] })
  })

  const invalidBodies: ReadonlyArray<{
    readonly what: string
    readonly body: ReturnType<typeof body>
    readonly field: string
    readonly reason: string
    readonly allowed?: ReadonlyArray<string>
  }> = [
    { what: "no target network", body: body("Tekst", { networks: [] }), field: "body.networks", reason: "empty", allowed: networks },
    {
      what: "an unknown network",
      body: body("Tekst", { networks: ["facebook", "myspace" as Network] }),
      field: "body.networks",
      reason: "not_allowed",
      allowed: networks
    },
    { what: "a network twice", body: body("Tekst", { networks: ["x", "x"] }), field: "body.networks", reason: "duplicate" },
    {
      what: "text for a network that is not targeted",
      body: body("Tekst", { perNetwork: { instagram: "Hei" } }),
      field: "body.perNetwork.instagram",
      reason: "not_allowed",
      allowed: ["facebook", "linkedin"]
    },
    { what: "a blank main text", body: body("   "), field: "body.text", reason: "required" },
    {
      what: "a blank per-network text",
      body: body("Tekst", { perNetwork: { linkedin: " " } }),
      field: "body.perNetwork.linkedin",
      reason: "required"
    },
    {
      what: "an unknown media kind",
      body: body("Tekst", { media: [{ kind: "gif" as "image", url: "https://x/y.gif", alt: "Alt" }] }),
      field: "body.media[0].kind",
      reason: "not_allowed",
      allowed: ["image", "illustration", "video"]
    },
    {
      what: "media without a url",
      body: body("Tekst", { media: [{ kind: "video", url: " ", alt: "Teksting" }] }),
      field: "body.media[0].url",
      reason: "required"
    },
    {
      what: "a second image without alt text",
      body: body("Tekst", {
        media: [
          { kind: "image", url: "https://x/1.jpg", alt: "Båt" },
          { kind: "illustration", url: "https://x/2.png", alt: "  " }
        ]
      }),
      field: "body.media[1].alt",
      reason: "required"
    }
  ]
  for (const invalid of invalidBodies) {
    it(`GIVEN a draft WHEN a revision has ${invalid.what} THEN InvalidCommand ${invalid.field} ${invalid.reason}`, () => {
      const error = given(history.drafted)
        .when(ingrid, ItemCommand.WriteDraft({ baseRevision: 1, kind: "content", body: invalid.body }))
        .thenFails("InvalidCommand", { command: "WriteDraft", field: invalid.field, reason: invalid.reason as "required" })
      assert.deepStrictEqual(error.allowed, invalid.allowed)
    })
  }

  it("GIVEN a published item WHEN the advisor revises the draft THEN InvalidTransition", () => {
    given(history.published)
      .when(ingrid, ItemCommand.WriteDraft({ baseRevision: 1, kind: "format", body: body("Etterpå") }))
      .thenFails("InvalidTransition", { command: "WriteDraft", state: "Published" })
  })
})

// ---------------------------------------------------------------------------------------------
// RequestReview
// ---------------------------------------------------------------------------------------------

describe("RequestReview", () => {
  it("GIVEN a draft WHEN the advisor asks an expert and a colleague with a due time THEN ReviewRequested and InReview with those reviewers", () => {
    const due = at(60 * 48)
    const reviewers = [{ member: ids.per, expert: true }, { member: ids.ola, expert: false }]
    const state = given(history.drafted)
      .when(ingrid, ItemCommand.RequestReview({ reviewers, due }))
      .then([ReviewRequested.make({ by: ids.ingrid, at: now, reviewers, due })])
      .stage("InReview")
    assert.deepStrictEqual(state.work.reviewers, reviewers)
    assert.strictEqual(state.work.due?.epochMillis, due.epochMillis)
  })

  it("GIVEN review WHEN the advisor adds Siri as expert and makes Ola an expert THEN reviewers merge, nobody is listed twice", () => {
    const state = given(history.inReview)
      .when(
        ingrid,
        ItemCommand.RequestReview({ reviewers: [{ member: ids.siri, expert: true }, { member: ids.ola, expert: true }] })
      )
      .then((events) => events.length === 1 && events[0]?._tag === "ReviewRequested" && !("due" in events[0]))
      .stage("InReview")
    assert.deepStrictEqual(state.work.reviewers, [
      { member: ids.per, expert: true },
      { member: ids.magnus, expert: true },
      { member: ids.ola, expert: true },
      { member: ids.siri, expert: true }
    ])
  })

  it("GIVEN review WHEN an expert reviewer is asked again as a non-expert THEN they stay an expert", () => {
    const state = given(history.inReview)
      .when(ingrid, ItemCommand.RequestReview({ reviewers: [{ member: ids.per, expert: false }] }))
      .then(["ReviewRequested"])
      .stage("InReview")
    assert.deepStrictEqual(state.work.reviewers.find((r) => r.member === ids.per), { member: ids.per, expert: true })
  })

  it("GIVEN review with experts WHEN the advisor adds only a colleague THEN it is accepted (an expert is already on it)", () => {
    given(history.inReview)
      .when(ingrid, ItemCommand.RequestReview({ reviewers: [{ member: ids.siri, expert: false }] }))
      .then(["ReviewRequested"])
  })

  it("GIVEN an accepted idea without a draft WHEN the advisor requests review THEN InvalidCommand draft required", () => {
    given(history.drafting)
      .when(ingrid, ItemCommand.RequestReview({ reviewers: [{ member: ids.per, expert: true }] }))
      .thenFails("InvalidCommand", { command: "RequestReview", field: "draft", reason: "required" })
  })

  it("GIVEN a draft WHEN nobody is asked THEN InvalidCommand reviewers empty", () => {
    given(history.drafted)
      .when(ingrid, ItemCommand.RequestReview({ reviewers: [] }))
      .thenFails("InvalidCommand", { field: "reviewers", reason: "empty" })
  })

  it("GIVEN a draft WHEN the owner asks themself THEN InvalidCommand reviewers self_review", () => {
    given(history.drafted)
      .when(
        cast.ingridExpert,
        ItemCommand.RequestReview({ reviewers: [{ member: ids.per, expert: true }, { member: ids.ingrid, expert: true }] })
      )
      .thenFails("InvalidCommand", { field: "reviewers", reason: "self_review" })
  })

  it("GIVEN a draft WHEN the same person is asked twice THEN InvalidCommand reviewers duplicate", () => {
    given(history.drafted)
      .when(
        ingrid,
        ItemCommand.RequestReview({ reviewers: [{ member: ids.per, expert: true }, { member: ids.per, expert: false }] })
      )
      .thenFails("InvalidCommand", { field: "reviewers", reason: "duplicate" })
  })

  it("GIVEN a draft WHEN the due time is not in the future THEN InvalidCommand due in_past", () => {
    for (const due of [now, at(0)]) {
      given(history.drafted)
        .when(ingrid, ItemCommand.RequestReview({ reviewers: [{ member: ids.per, expert: true }], due }))
        .thenFails("InvalidCommand", { field: "due", reason: "in_past" })
    }
  })

  it("GIVEN a draft WHEN no expert is asked THEN ExpertReviewerRequired", () => {
    given(history.drafted)
      .when(ingrid, ItemCommand.RequestReview({ reviewers: [{ member: ids.ola, expert: false }] }))
      .thenFails("ExpertReviewerRequired", { item: ids.item })
  })

  it("GIVEN a draft WHEN a manager requests review THEN NotAuthorized advisor_only", () => {
    given(history.drafted)
      .when(magnus, ItemCommand.RequestReview({ reviewers: [{ member: ids.per, expert: true }] }))
      .thenFails("NotAuthorized", { command: "RequestReview", rule: "advisor_only" })
  })

  it("GIVEN an approved item WHEN the advisor requests more review THEN InvalidTransition", () => {
    given(history.approved)
      .when(ingrid, ItemCommand.RequestReview({ reviewers: [{ member: ids.siri, expert: true }] }))
      .thenFails("InvalidTransition", { command: "RequestReview", state: "Approved" })
  })
})

// ---------------------------------------------------------------------------------------------
// ApproveFacts
// ---------------------------------------------------------------------------------------------

describe("ApproveFacts", () => {
  it("GIVEN review WHEN an expert reviewer approves the latest revision THEN FactsApproved and the approval counts", () => {
    const state = given(history.inReview)
      .when(per, ItemCommand.ApproveFacts({ revision: 1 }))
      .then([FactsApproved.make({ by: ids.per, at: now, revision: 1 })])
      .stage("InReview")
    assert.deepStrictEqual(state.work.approvals, [{ member: ids.per, revision: 1 }])
    assert.deepStrictEqual(missingApprovals(state.work), [ids.magnus])
  })

  it("GIVEN review WHEN a manager who is an expert reviewer approves THEN FactsApproved", () => {
    given(history.inReview).when(magnus, ItemCommand.ApproveFacts({ revision: 1 })).then(["FactsApproved"])
  })

  it("GIVEN review listing a manager without the expert role as expert WHEN she approves THEN NotAuthorized expert_reviewer_only", () => {
    given(reviewWithManager)
      .when(cast.kari, ItemCommand.ApproveFacts({ revision: 1 }))
      .thenFails("NotAuthorized", { actor: kari, command: "ApproveFacts", rule: "expert_reviewer_only" })
  })

  it("GIVEN review WHEN a colleague reviewer (not an expert) approves THEN NotAuthorized expert_reviewer_only", () => {
    given(history.inReview)
      .when(ola, ItemCommand.ApproveFacts({ revision: 1 }))
      .thenFails("NotAuthorized", { actor: ids.ola, rule: "expert_reviewer_only" })
  })

  it("GIVEN review WHEN an expert who is not on the item approves THEN NotAuthorized expert_reviewer_only", () => {
    given(history.inReview)
      .when(siri, ItemCommand.ApproveFacts({ revision: 1 }))
      .thenFails("NotAuthorized", { actor: ids.siri, rule: "expert_reviewer_only" })
  })

  it("GIVEN review where an expert is only a non-expert reviewer WHEN they approve THEN NotAuthorized expert_reviewer_only", () => {
    given(history.inReview, ev.reviewRequested([[ids.siri, false]]))
      .when(siri, ItemCommand.ApproveFacts({ revision: 1 }))
      .thenFails("NotAuthorized", { actor: ids.siri, rule: "expert_reviewer_only" })
  })

  it("GIVEN review WHEN the owning advisor who is also an expert approves THEN NotAuthorized not_on_own_draft", () => {
    given(history.inReview)
      .when(cast.ingridExpert, ItemCommand.ApproveFacts({ revision: 1 }))
      .thenFails("NotAuthorized", { actor: ids.ingrid, command: "ApproveFacts", rule: "not_on_own_draft" })
  })

  it("GIVEN a log that lists the owning advisor as expert reviewer WHEN she approves THEN still NotAuthorized not_on_own_draft", () => {
    given(history.drafted, ev.reviewRequested([[ids.per, true], [ids.ingrid, true]]))
      .when(cast.ingridExpert, ItemCommand.ApproveFacts({ revision: 1 }))
      .thenFails("NotAuthorized", { rule: "not_on_own_draft" })
  })

  it("GIVEN an advisor-expert who wrote a revision of someone else's item WHEN she approves its facts THEN NotAuthorized not_on_own_draft", () => {
    given(history.drafted, ev.revised(2, "content", "Tors tekst", ids.tor), ev.reviewRequested([[ids.per, true], [ids.tor, true]]))
      .when(cast.torExpert, ItemCommand.ApproveFacts({ revision: 2 }))
      .thenFails("NotAuthorized", { actor: ids.tor, rule: "not_on_own_draft" })
  })

  it("GIVEN a revision written by a second advisor WHEN the owner asks that advisor to review THEN InvalidCommand reviewers self_review", () => {
    given(history.drafted, ev.revised(2, "content", "Tors tekst", ids.tor))
      .when(ingrid, ItemCommand.RequestReview({ reviewers: [{ member: ids.tor, expert: true }] }))
      .thenFails("InvalidCommand", { field: "reviewers", reason: "self_review" })
  })

  it("GIVEN review where another advisor reviews as expert WHEN that advisor approves THEN FactsApproved (the rule is about one's own draft)", () => {
    const state = given(reviewWithSecondAdvisor)
      .when(cast.torExpert, ItemCommand.ApproveFacts({ revision: 1 }))
      .then(["FactsApproved"])
      .stage("InReview")
    assert.deepStrictEqual(state.work.approvals, [{ member: ids.tor, revision: 1 }])
  })

  it("GIVEN a content revision 2 WHEN an expert approves revision 1 THEN StaleRevision", () => {
    given(history.inReview, ev.revised(2, "content"))
      .when(per, ItemCommand.ApproveFacts({ revision: 1 }))
      .thenFails("StaleRevision", { item: ids.item, seen: 1, latest: 2, latestContent: 2 })
  })

  it("GIVEN a format revision 2 on top of content revision 1 WHEN an expert approves revision 1 THEN FactsApproved (the facts are those of 1)", () => {
    const state = given(history.inReview, ev.revised(2, "format"))
      .when(per, ItemCommand.ApproveFacts({ revision: 1 }))
      .then(["FactsApproved"])
      .stage("InReview")
    assert.deepStrictEqual(missingApprovals(state.work), [ids.magnus])
  })

  it("GIVEN revision 1 WHEN an expert approves revision 2, which does not exist THEN StaleRevision", () => {
    given(history.inReview)
      .when(per, ItemCommand.ApproveFacts({ revision: 2 }))
      .thenFails("StaleRevision", { seen: 2, latest: 1, latestContent: 1 })
  })

  it("GIVEN an expert approved revision 1 WHEN they approve revision 1 again THEN no events", () => {
    const outcome = given(history.inReview, ev.factsApproved(ids.per, 1))
      .when(per, ItemCommand.ApproveFacts({ revision: 1 }))
      .thenNothing()
    assert.deepStrictEqual(outcome.stage("InReview").work.approvals, [{ member: ids.per, revision: 1 }])
  })

  it("GIVEN an expert approved format revision 2 WHEN they approve revision 1 THEN no events (already covered)", () => {
    given(history.inReview, ev.revised(2, "format"), ev.factsApproved(ids.per, 2))
      .when(per, ItemCommand.ApproveFacts({ revision: 1 }))
      .thenNothing()
  })

  it("GIVEN an approved item with a format revision WHEN an expert approves the new revision THEN FactsApproved and it stays Approved", () => {
    const state = given(history.approved, ev.revised(2, "format"))
      .when(per, ItemCommand.ApproveFacts({ revision: 2 }))
      .then(["FactsApproved"])
      .stage("Approved")
    assert.deepStrictEqual(state.work.approvals, [{ member: ids.magnus, revision: 1 }, { member: ids.per, revision: 2 }])
  })

  it("GIVEN a draft not yet in review WHEN an expert approves THEN InvalidTransition", () => {
    given(history.drafted)
      .when(per, ItemCommand.ApproveFacts({ revision: 1 }))
      .thenFails("InvalidTransition", { command: "ApproveFacts", state: "Drafting" })
  })
})

// ---------------------------------------------------------------------------------------------
// RaiseObjection
// ---------------------------------------------------------------------------------------------

describe("RaiseObjection", () => {
  it("GIVEN review with approvals WHEN an expert objects THEN FactObjectionRaised O1, open, and only the objector's approval is withdrawn", () => {
    const state = given(history.factsApproved)
      .when(per, ItemCommand.RaiseObjection({ revision: 1, claim: " Havna åpner i juni ", correction: " Skriv juni " }))
      .then([
        FactObjectionRaised.make({
          by: ids.per,
          at: now,
          objection: O1,
          revision: 1,
          claim: "Havna åpner i juni",
          correction: "Skriv juni"
        })
      ])
      .stage("InReview")
    assert.deepStrictEqual(openObjections(state.work).map((o) => [o.id, o.by, o.status, o.afterPublication]), [
      [O1, ids.per, "open", false]
    ])
    assert.deepStrictEqual(state.work.approvals, [{ member: ids.magnus, revision: 1 }])
  })

  it("GIVEN an objection O1 WHEN another expert objects THEN the new objection is O2", () => {
    const outcome = given(history.inReview, ev.objectionRaised(ids.per, O1, 1))
      .when(magnus, ItemCommand.RaiseObjection({ revision: 1, claim: "Feil tall", correction: "Riktig tall" }))
      .then(["FactObjectionRaised"])
    assert.strictEqual(outcome.event("FactObjectionRaised").objection, O2)
    assert.lengthOf(openObjections(outcome.stage("InReview").work), 2)
  })

  it("GIVEN an approved item WHEN an expert objects THEN it goes back to InReview", () => {
    const state = given(history.approved)
      .when(magnus, ItemCommand.RaiseObjection({ revision: 1, claim: "Feil dato", correction: "Juni" }))
      .then(["FactObjectionRaised"])
      .stage("InReview")
    assert.deepStrictEqual(openObjections(state.work).map((o) => o.id), [O1])
    assert.deepStrictEqual(state.work.approvals, [{ member: ids.per, revision: 1 }])
  })

  it("GIVEN a published item WHEN an expert objects THEN CorrectionNeeded, with the objection marked as after publication", () => {
    const state = given(history.published)
      .when(per, ItemCommand.RaiseObjection({ revision: 1, claim: "Feil dato", correction: "Juni" }))
      .then(["FactObjectionRaised"])
      .stage("CorrectionNeeded")
    assert.deepStrictEqual(openObjections(state.work).map((o) => [o.id, o.afterPublication]), [[O1, true]])
    assert.lengthOf(state.publication.posts, 1)
    assert.strictEqual(state.approval.revision, 1)
  })

  it("GIVEN a post needing correction WHEN another expert objects too THEN it stays CorrectionNeeded with O2", () => {
    const state = given(history.correctionNeeded)
      .when(magnus, ItemCommand.RaiseObjection({ revision: 1, claim: "Også feil sted", correction: "Bodø" }))
      .then(["FactObjectionRaised"])
      .stage("CorrectionNeeded")
    assert.deepStrictEqual(openObjections(state.work).map((o) => o.id), [O1, O2])
  })

  it("GIVEN review WHEN a colleague reviewer objects THEN NotAuthorized expert_reviewer_only", () => {
    given(history.inReview)
      .when(ola, ItemCommand.RaiseObjection({ revision: 1, claim: "Feil", correction: "Rett" }))
      .thenFails("NotAuthorized", { actor: ids.ola, command: "RaiseObjection", rule: "expert_reviewer_only" })
  })

  it("GIVEN review listing a manager without the expert role as expert WHEN she objects THEN NotAuthorized expert_reviewer_only", () => {
    given(reviewWithManager)
      .when(cast.kari, ItemCommand.RaiseObjection({ revision: 1, claim: "Feil", correction: "Rett" }))
      .thenFails("NotAuthorized", { rule: "expert_reviewer_only" })
  })

  it("GIVEN review WHEN an expert not on the item objects THEN NotAuthorized expert_reviewer_only", () => {
    given(history.inReview)
      .when(siri, ItemCommand.RaiseObjection({ revision: 1, claim: "Feil", correction: "Rett" }))
      .thenFails("NotAuthorized", { rule: "expert_reviewer_only" })
  })

  it("GIVEN review or a published post WHEN the owning advisor who is also an expert objects THEN NotAuthorized not_on_own_draft", () => {
    for (const events of [history.inReview, history.published]) {
      given(events)
        .when(cast.ingridExpert, ItemCommand.RaiseObjection({ revision: 1, claim: "Feil", correction: "Rett" }))
        .thenFails("NotAuthorized", { actor: ids.ingrid, command: "RaiseObjection", rule: "not_on_own_draft" })
    }
  })

  it("GIVEN a content revision 2 WHEN an expert objects to revision 1 THEN StaleRevision", () => {
    given(history.inReview, ev.revised(2))
      .when(per, ItemCommand.RaiseObjection({ revision: 1, claim: "Feil", correction: "Rett" }))
      .thenFails("StaleRevision", { seen: 1, latest: 2, latestContent: 2 })
  })

  it("GIVEN review WHEN the claim is blank THEN InvalidCommand claim required", () => {
    given(history.inReview)
      .when(per, ItemCommand.RaiseObjection({ revision: 1, claim: " ", correction: "Rett" }))
      .thenFails("InvalidCommand", { command: "RaiseObjection", field: "claim", reason: "required" })
  })

  it("GIVEN review WHEN the correction is blank THEN InvalidCommand correction required", () => {
    given(history.inReview)
      .when(per, ItemCommand.RaiseObjection({ revision: 1, claim: "Feil", correction: "" }))
      .thenFails("InvalidCommand", { command: "RaiseObjection", field: "correction", reason: "required" })
  })

  it("GIVEN a draft not in review WHEN an expert objects THEN InvalidTransition", () => {
    given(history.drafted)
      .when(per, ItemCommand.RaiseObjection({ revision: 1, claim: "Feil", correction: "Rett" }))
      .thenFails("InvalidTransition", { command: "RaiseObjection", state: "Drafting" })
  })
})

// ---------------------------------------------------------------------------------------------
// ResolveObjection
// ---------------------------------------------------------------------------------------------

describe("ResolveObjection", () => {
  const withObjection = [...history.factsApproved, ev.objectionRaised(ids.per, O1, 1)]

  it("GIVEN an open objection WHEN the raiser resolves it with a note THEN FactObjectionResolved and it stays InReview", () => {
    const state = given(withObjection)
      .when(per, ItemCommand.ResolveObjection({ objection: O1, note: " Avklart på telefon " }))
      .then([FactObjectionResolved.make({ by: ids.per, at: now, objection: O1, note: "Avklart på telefon" })])
      .stage("InReview")
    assert.deepStrictEqual(state.work.objections.map((o) => [o.id, o.status]), [[O1, "resolved"]])
    assert.deepStrictEqual(openObjections(state.work), [])
  })

  it("GIVEN an open objection WHEN the raiser resolves it with a blank note THEN the note is left out", () => {
    const outcome = given(withObjection)
      .when(per, ItemCommand.ResolveObjection({ objection: O1, note: "  " }))
      .then([FactObjectionResolved.make({ by: ids.per, at: now, objection: O1 })])
    assert.isFalse("note" in outcome.event("FactObjectionResolved"))
  })

  it("GIVEN a post needing correction WHEN the raiser resolves the objection THEN it is Published again", () => {
    const state = given(history.correctionNeeded)
      .when(per, ItemCommand.ResolveObjection({ objection: O1 }))
      .then(["FactObjectionResolved"])
      .stage("Published")
    assert.deepStrictEqual(state.work.objections.map((o) => o.status), ["resolved"])
    assert.lengthOf(state.publication.posts, 1)
  })

  it("GIVEN two objections after publication WHEN one raiser resolves theirs THEN it stays CorrectionNeeded", () => {
    given(history.correctionNeeded, ev.objectionRaised(ids.magnus, O2, 1))
      .when(magnus, ItemCommand.ResolveObjection({ objection: O2 }))
      .then(["FactObjectionResolved"])
      .stage("CorrectionNeeded")
  })

  it("GIVEN an open objection WHEN the advisor tries to resolve it THEN NotAuthorized raiser_only", () => {
    given(withObjection)
      .when(ingrid, ItemCommand.ResolveObjection({ objection: O1 }))
      .thenFails("NotAuthorized", { actor: ids.ingrid, command: "ResolveObjection", rule: "raiser_only" })
  })

  it("GIVEN an open objection WHEN another expert reviewer tries to resolve it THEN NotAuthorized raiser_only", () => {
    given(withObjection)
      .when(magnus, ItemCommand.ResolveObjection({ objection: O1 }))
      .thenFails("NotAuthorized", { actor: ids.magnus, rule: "raiser_only" })
  })

  it("GIVEN a post needing correction WHEN the advisor tries to resolve the objection THEN NotAuthorized raiser_only", () => {
    given(history.correctionNeeded)
      .when(ingrid, ItemCommand.ResolveObjection({ objection: O1 }))
      .thenFails("NotAuthorized", { rule: "raiser_only" })
  })

  it("GIVEN no such objection WHEN it is resolved THEN UnknownObjection missing", () => {
    given(withObjection)
      .when(per, ItemCommand.ResolveObjection({ objection: O2 }))
      .thenFails("UnknownObjection", { item: ids.item, objection: O2, status: "missing" })
  })

  it("GIVEN a resolved objection WHEN the raiser resolves it again THEN UnknownObjection resolved", () => {
    given(withObjection, ev.objectionResolved(ids.per, O1))
      .when(per, ItemCommand.ResolveObjection({ objection: O1 }))
      .thenFails("UnknownObjection", { objection: O1, status: "resolved" })
  })

  it("GIVEN a corrected objection WHEN the raiser resolves it THEN UnknownObjection corrected", () => {
    given(history.correctionNeeded, ev.correctionRecorded([O1]))
      .when(per, ItemCommand.ResolveObjection({ objection: O1 }))
      .thenFails("UnknownObjection", { objection: O1, status: "corrected" })
  })

  it("GIVEN a draft not in review WHEN an objection is resolved THEN InvalidTransition", () => {
    given(history.drafted)
      .when(per, ItemCommand.ResolveObjection({ objection: O1 }))
      .thenFails("InvalidTransition", { command: "ResolveObjection", state: "Drafting" })
  })
})

// ---------------------------------------------------------------------------------------------
// Format: SuggestFormat, DecideFormat
// ---------------------------------------------------------------------------------------------

describe("SuggestFormat", () => {
  it("GIVEN review WHEN a colleague reviewer suggests a format change THEN FormatSuggested S1, undecided", () => {
    const state = given(history.inReview)
      .when(ola, ItemCommand.SuggestFormat({ revision: 1, note: " For lang for LinkedIn " }))
      .then([FormatSuggested.make({ by: ids.ola, at: now, suggestion: S1, revision: 1, note: "For lang for LinkedIn" })])
      .stage("InReview")
    assert.deepStrictEqual(state.work.suggestions.map((s) => [s.id, s.by, s.decision]), [[S1, ids.ola, undefined]])
  })

  it("GIVEN an approved item WHEN an expert reviewer suggests a format change THEN S2 and it stays Approved", () => {
    const outcome = given(history.approved, ev.formatSuggested(ids.ola, S1, 1), ev.formatDecided(S1))
      .when(per, ItemCommand.SuggestFormat({ revision: 1, note: "Mer emoji" }))
      .then(["FormatSuggested"])
    assert.strictEqual(outcome.event("FormatSuggested").suggestion, S2)
    outcome.stage("Approved")
  })

  it("GIVEN a format revision 2 WHEN a reviewer suggests on revision 1 THEN FormatSuggested (1 is still current for the facts)", () => {
    given(history.inReview, ev.revised(2, "format"))
      .when(ola, ItemCommand.SuggestFormat({ revision: 1, note: "Kortere" }))
      .then(["FormatSuggested"])
  })

  it("GIVEN review WHEN the advisor (not a reviewer) suggests format THEN NotAuthorized reviewer_only", () => {
    given(history.inReview)
      .when(ingrid, ItemCommand.SuggestFormat({ revision: 1, note: "Kortere" }))
      .thenFails("NotAuthorized", { actor: ids.ingrid, command: "SuggestFormat", rule: "reviewer_only" })
  })

  it("GIVEN review WHEN someone not asked to review suggests format THEN NotAuthorized reviewer_only", () => {
    given(history.inReview)
      .when(siri, ItemCommand.SuggestFormat({ revision: 1, note: "Kortere" }))
      .thenFails("NotAuthorized", { actor: ids.siri, rule: "reviewer_only" })
  })

  it("GIVEN a content revision 2 WHEN a reviewer suggests on revision 1 THEN StaleRevision", () => {
    given(history.inReview, ev.revised(2))
      .when(ola, ItemCommand.SuggestFormat({ revision: 1, note: "Kortere" }))
      .thenFails("StaleRevision", { seen: 1, latest: 2, latestContent: 2 })
  })

  it("GIVEN review WHEN the note is blank THEN InvalidCommand note required", () => {
    given(history.inReview)
      .when(ola, ItemCommand.SuggestFormat({ revision: 1, note: "" }))
      .thenFails("InvalidCommand", { command: "SuggestFormat", field: "note", reason: "required" })
  })

  it("GIVEN a published item WHEN a reviewer suggests format THEN InvalidTransition", () => {
    given(history.published)
      .when(ola, ItemCommand.SuggestFormat({ revision: 1, note: "Kortere" }))
      .thenFails("InvalidTransition", { command: "SuggestFormat", state: "Published" })
  })
})

describe("DecideFormat", () => {
  const suggested = [...history.inReview, ev.formatSuggested(ids.ola, S1, 1)]

  it("GIVEN a suggestion WHEN the advisor accepts it with an explanation and a primer link THEN FormatSuggestionDecided", () => {
    const state = given(suggested)
      .when(
        ingrid,
        ItemCommand.DecideFormat({
          suggestion: S1,
          decision: "accepted",
          explanation: " LinkedIn kutter etter tre linjer ",
          primer: " linkedin.first-lines "
        })
      )
      .then([
        FormatSuggestionDecided.make({
          by: ids.ingrid,
          at: now,
          suggestion: S1,
          decision: "accepted",
          explanation: "LinkedIn kutter etter tre linjer",
          primer: "linkedin.first-lines"
        })
      ])
      .stage("InReview")
    assert.deepStrictEqual(state.work.suggestions.map((s) => s.decision), ["accepted"])
  })

  it("GIVEN a suggestion on an approved item WHEN the advisor declines it without a primer THEN decided, still Approved", () => {
    const outcome = given(history.approved, ev.formatSuggested(ids.per, S1, 1))
      .when(ingrid, ItemCommand.DecideFormat({ suggestion: S1, decision: "declined", explanation: "Tonen passer", primer: " " }))
      .then(["FormatSuggestionDecided"])
    assert.isFalse("primer" in outcome.event("FormatSuggestionDecided"))
    assert.deepStrictEqual(outcome.stage("Approved").work.suggestions.map((s) => s.decision), ["declined"])
  })

  for (const actor of [ola, per, magnus]) {
    it(`GIVEN a suggestion WHEN ${actor.id} (${actor.roles.join("+")}) decides it THEN NotAuthorized advisor_only`, () => {
      given(suggested)
        .when(actor, ItemCommand.DecideFormat({ suggestion: S1, decision: "accepted", explanation: "Ja" }))
        .thenFails("NotAuthorized", { actor: actor.id, command: "DecideFormat", rule: "advisor_only" })
    })
  }

  it("GIVEN no such suggestion WHEN the advisor decides it THEN UnknownSuggestion missing", () => {
    given(suggested)
      .when(ingrid, ItemCommand.DecideFormat({ suggestion: S2, decision: "accepted", explanation: "Ja" }))
      .thenFails("UnknownSuggestion", { item: ids.item, suggestion: S2, status: "missing" })
  })

  it("GIVEN a decided suggestion WHEN the advisor decides it again THEN UnknownSuggestion decided", () => {
    given(suggested, ev.formatDecided(S1))
      .when(ingrid, ItemCommand.DecideFormat({ suggestion: S1, decision: "declined", explanation: "Nei likevel" }))
      .thenFails("UnknownSuggestion", { suggestion: S1, status: "decided" })
  })

  it("GIVEN a suggestion WHEN the decision is neither accepted nor declined THEN InvalidCommand decision not_allowed", () => {
    given(suggested)
      .when(ingrid, ItemCommand.DecideFormat({ suggestion: S1, decision: "maybe" as "accepted", explanation: "Hm" }))
      .thenFails("InvalidCommand", { field: "decision", reason: "not_allowed", allowed: ["accepted", "declined"] })
  })

  it("GIVEN a suggestion WHEN the advisor decides without an explanation THEN InvalidCommand explanation required", () => {
    given(suggested)
      .when(ingrid, ItemCommand.DecideFormat({ suggestion: S1, decision: "declined", explanation: "  " }))
      .thenFails("InvalidCommand", { command: "DecideFormat", field: "explanation", reason: "required" })
  })

  it("GIVEN a published item WHEN the advisor decides a suggestion THEN InvalidTransition", () => {
    given(history.published, ev.formatSuggested(ids.ola, S1, 1))
      .when(ingrid, ItemCommand.DecideFormat({ suggestion: S1, decision: "accepted", explanation: "Ja" }))
      .thenFails("InvalidTransition", { command: "DecideFormat", state: "Published" })
  })
})

// ---------------------------------------------------------------------------------------------
// Comment
// ---------------------------------------------------------------------------------------------

describe("Comment", () => {
  const open = ["idea", "parked", "drafting", "inReview", "approved", "published", "correctionNeeded"] as const
  for (const name of open) {
    it(`GIVEN an item (${name}) WHEN anyone comments THEN CommentAdded and the state is unchanged`, () => {
      const outcome = given(history[name])
        .when(siri, ItemCommand.Comment({ text: "  Så bra!  " }))
        .then([CommentAdded.make({ by: ids.siri, at: now, text: "Så bra!" })])
      assert.strictEqual(outcome.state, outcome.before)
    })
  }

  it("GIVEN no item WHEN someone comments THEN InvalidTransition", () => {
    given(history.none)
      .when(ola, ItemCommand.Comment({ text: "Hei" }))
      .thenFails("InvalidTransition", { command: "Comment", state: "None" })
  })

  it("GIVEN review WHEN the comment is blank THEN InvalidCommand text required", () => {
    given(history.inReview)
      .when(ola, ItemCommand.Comment({ text: " \n " }))
      .thenFails("InvalidCommand", { command: "Comment", field: "text", reason: "required" })
  })
})

// ---------------------------------------------------------------------------------------------
// RemoveReviewer
// ---------------------------------------------------------------------------------------------

describe("RemoveReviewer", () => {
  it("GIVEN review WHEN the advisor removes the colleague reviewer THEN ReviewerRemoved and the reviewer is gone", () => {
    const state = given(history.inReview)
      .when(ingrid, ItemCommand.RemoveReviewer({ reviewer: ids.ola, reason: " Sluttet " }))
      .then([ReviewerRemoved.make({ by: ids.ingrid, at: now, reviewer: ids.ola, reason: "Sluttet" })])
      .stage("InReview")
    assert.deepStrictEqual(state.work.reviewers.map((r) => r.member), [ids.per, ids.magnus])
  })

  it("GIVEN an approved item WHEN the advisor removes one of two experts THEN their approval is dropped and it stays Approved", () => {
    const state = given(history.approved)
      .when(ingrid, ItemCommand.RemoveReviewer({ reviewer: ids.magnus, reason: "Permisjon" }))
      .then(["ReviewerRemoved"])
      .stage("Approved")
    assert.deepStrictEqual(state.work.reviewers.map((r) => r.member), [ids.per, ids.ola])
    assert.deepStrictEqual(state.work.approvals, [{ member: ids.per, revision: 1 }])
  })

  it("GIVEN review missing one expert's approval WHEN that expert is removed THEN nothing is missing any more", () => {
    const state = given(history.inReview, ev.factsApproved(ids.per, 1))
      .when(ingrid, ItemCommand.RemoveReviewer({ reviewer: ids.magnus, reason: "Ferie" }))
      .then(["ReviewerRemoved"])
      .stage("InReview")
    assert.deepStrictEqual(missingApprovals(state.work), [])
  })

  it("GIVEN an open objection WHEN the advisor removes any reviewer THEN FactObjectionOpen", () => {
    for (const reviewer of [ids.per, ids.ola]) {
      given(history.inReview, ev.objectionRaised(ids.per, O1, 1))
        .when(ingrid, ItemCommand.RemoveReviewer({ reviewer, reason: "Ferie" }))
        .thenFails("FactObjectionOpen", { item: ids.item, objections: [O1] })
    }
  })

  it("GIVEN only one expert reviewer WHEN the advisor removes that expert THEN ExpertReviewerRequired", () => {
    given(history.inReview, ev.reviewerRemoved(ids.magnus))
      .when(ingrid, ItemCommand.RemoveReviewer({ reviewer: ids.per, reason: "Ferie" }))
      .thenFails("ExpertReviewerRequired", { item: ids.item })
  })

  it("GIVEN review WHEN the advisor removes someone who is not a reviewer THEN InvalidCommand reviewer not_a_reviewer", () => {
    given(history.inReview)
      .when(ingrid, ItemCommand.RemoveReviewer({ reviewer: ids.siri, reason: "Ferie" }))
      .thenFails("InvalidCommand", { command: "RemoveReviewer", field: "reviewer", reason: "not_a_reviewer" })
  })

  it("GIVEN review WHEN the advisor removes a reviewer without a reason THEN InvalidCommand reason required", () => {
    given(history.inReview)
      .when(ingrid, ItemCommand.RemoveReviewer({ reviewer: ids.ola, reason: "" }))
      .thenFails("InvalidCommand", { field: "reason", reason: "required" })
  })

  it("GIVEN review WHEN an expert removes a reviewer THEN NotAuthorized advisor_only", () => {
    given(history.inReview)
      .when(per, ItemCommand.RemoveReviewer({ reviewer: ids.ola, reason: "Ferie" }))
      .thenFails("NotAuthorized", { actor: ids.per, command: "RemoveReviewer", rule: "advisor_only" })
  })

  it("GIVEN a published item WHEN the advisor removes a reviewer THEN InvalidTransition", () => {
    given(history.published)
      .when(ingrid, ItemCommand.RemoveReviewer({ reviewer: ids.ola, reason: "Ferie" }))
      .thenFails("InvalidTransition", { command: "RemoveReviewer", state: "Published" })
  })
})

// ---------------------------------------------------------------------------------------------
// ApproveForPublication
// ---------------------------------------------------------------------------------------------

describe("ApproveForPublication", () => {
  it("GIVEN every expert approved WHEN the advisor approves for publication THEN ApprovedForPublication and Approved with an empty schedule", () => {
    const state = given(history.factsApproved)
      .when(ingrid, ItemCommand.ApproveForPublication({ revision: 1 }))
      .then([ApprovedForPublication.make({ by: ids.ingrid, at: now, revision: 1 })])
      .stage("Approved")
    assert.strictEqual(state.approval.revision, 1)
    assert.strictEqual(state.approval.by, ids.ingrid)
    assert.strictEqual(state.approval.at.epochMillis, now.epochMillis)
    assert.deepStrictEqual(state.approval.schedule, [])
  })

  it("GIVEN approvals of content revision 1 and a format revision 2 WHEN the advisor approves revision 2 THEN Approved", () => {
    given(history.factsApproved, ev.revised(2, "format"))
      .when(ingrid, ItemCommand.ApproveForPublication({ revision: 2 }))
      .then([ApprovedForPublication.make({ by: ids.ingrid, at: now, revision: 2 })])
      .stage("Approved")
  })

  it("GIVEN revision 2 WHEN the advisor approves revision 1 THEN StaleRevision (publication approval is for the latest revision)", () => {
    given(history.factsApproved, ev.revised(2, "format"))
      .when(ingrid, ItemCommand.ApproveForPublication({ revision: 1 }))
      .thenFails("StaleRevision", { seen: 1, latest: 2, latestContent: 1 })
  })

  it("GIVEN an open fact objection WHEN the advisor approves THEN FactObjectionOpen (the expert's veto)", () => {
    given(history.factsApproved, ev.objectionRaised(ids.per, O1, 1))
      .when(ingrid, ItemCommand.ApproveForPublication({ revision: 1 }))
      .thenFails("FactObjectionOpen", { item: ids.item, objections: [O1] })
  })

  it("GIVEN one expert has not approved WHEN the advisor approves THEN ExpertApprovalMissing naming that expert", () => {
    given(history.inReview, ev.factsApproved(ids.per, 1))
      .when(ingrid, ItemCommand.ApproveForPublication({ revision: 1 }))
      .thenFails("ExpertApprovalMissing", { item: ids.item, revision: 1, missing: [ids.magnus] })
  })

  it("GIVEN approvals of revision 1 and a content revision 2 WHEN the advisor approves THEN ExpertApprovalMissing for both experts", () => {
    given(history.factsApproved, ev.revised(2, "content"))
      .when(ingrid, ItemCommand.ApproveForPublication({ revision: 2 }))
      .thenFails("ExpertApprovalMissing", { revision: 2, missing: [ids.per, ids.magnus] })
  })

  it("GIVEN an undecided format suggestion WHEN the advisor approves THEN FormatSuggestionUndecided", () => {
    given(history.factsApproved, ev.formatSuggested(ids.ola, S1, 1), ev.formatSuggested(ids.per, S2, 1), ev.formatDecided(S1))
      .when(ingrid, ItemCommand.ApproveForPublication({ revision: 1 }))
      .thenFails("FormatSuggestionUndecided", { item: ids.item, suggestions: [S2] })
  })

  it("GIVEN an objection raised and resolved WHEN the advisor approves THEN the raiser's re-approval is still missing, until given", () => {
    const resolved = [...history.factsApproved, ev.objectionRaised(ids.per, O1, 1), ev.objectionResolved(ids.per, O1)]
    given(resolved)
      .when(ingrid, ItemCommand.ApproveForPublication({ revision: 1 }))
      .thenFails("ExpertApprovalMissing", { missing: [ids.per] })
    given(resolved, ev.factsApproved(ids.per, 1))
      .when(ingrid, ItemCommand.ApproveForPublication({ revision: 1 }))
      .then(["ApprovedForPublication"])
      .stage("Approved")
  })

  for (const actor of [per, magnus, ola]) {
    it(`GIVEN every expert approved WHEN ${actor.id} (${actor.roles.join("+")}) approves for publication THEN NotAuthorized advisor_only`, () => {
      given(history.factsApproved)
        .when(actor, ItemCommand.ApproveForPublication({ revision: 1 }))
        .thenFails("NotAuthorized", { actor: actor.id, command: "ApproveForPublication", rule: "advisor_only" })
    })
  }

  it("GIVEN an approved item WHEN the advisor approves again THEN InvalidTransition", () => {
    given(history.approved)
      .when(ingrid, ItemCommand.ApproveForPublication({ revision: 1 }))
      .thenFails("InvalidTransition", { command: "ApproveForPublication", state: "Approved" })
  })
})

// ---------------------------------------------------------------------------------------------
// Publishing: SchedulePublication, RecordPublication
// ---------------------------------------------------------------------------------------------

describe("SchedulePublication", () => {
  it("GIVEN an approved item WHEN the advisor schedules LinkedIn THEN PublicationScheduled and it is on the schedule", () => {
    const when = at(60 * 24)
    const state = given(history.approved)
      .when(ingrid, ItemCommand.SchedulePublication({ network: "linkedin", scheduledFor: when }))
      .then([PublicationScheduled.make({ by: ids.ingrid, at: now, network: "linkedin", scheduledFor: when })])
      .stage("Approved")
    assert.deepStrictEqual(state.approval.schedule.map((e) => [e.network, e.scheduledFor.epochMillis]), [
      ["linkedin", when.epochMillis]
    ])
  })

  it("GIVEN LinkedIn is scheduled WHEN the advisor reschedules it THEN the schedule holds only the new time", () => {
    const later = at(60 * 48)
    const state = given(history.approved, ev.scheduled("linkedin", at(60 * 24)), ev.scheduled("facebook", at(60 * 30)))
      .when(ingrid, ItemCommand.SchedulePublication({ network: "linkedin", scheduledFor: later }))
      .then(["PublicationScheduled"])
      .stage("Approved")
    assert.deepStrictEqual(state.approval.schedule.map((e) => [e.network, e.scheduledFor.epochMillis]), [
      ["facebook", at(60 * 30).epochMillis],
      ["linkedin", later.epochMillis]
    ])
  })

  it("GIVEN an approved item WHEN the advisor schedules a network the draft does not target THEN InvalidCommand network not_allowed", () => {
    given(history.approved)
      .when(ingrid, ItemCommand.SchedulePublication({ network: "tiktok", scheduledFor: at(600) }))
      .thenFails("InvalidCommand", {
        command: "SchedulePublication",
        field: "network",
        reason: "not_allowed",
        allowed: ["facebook", "linkedin"]
      })
  })

  it("GIVEN an approved item WHEN the time is not in the future THEN InvalidCommand scheduledFor in_past", () => {
    given(history.approved)
      .when(ingrid, ItemCommand.SchedulePublication({ network: "facebook", scheduledFor: at(59) }))
      .thenFails("InvalidCommand", { field: "scheduledFor", reason: "in_past" })
  })

  it("GIVEN an approved item WHEN a colleague schedules it THEN NotAuthorized advisor_only", () => {
    given(history.approved)
      .when(ola, ItemCommand.SchedulePublication({ network: "facebook", scheduledFor: at(600) }))
      .thenFails("NotAuthorized", { command: "SchedulePublication", rule: "advisor_only" })
  })

  it("GIVEN an item in review WHEN the advisor schedules it THEN InvalidTransition", () => {
    given(history.factsApproved)
      .when(ingrid, ItemCommand.SchedulePublication({ network: "facebook", scheduledFor: at(600) }))
      .thenFails("InvalidTransition", { command: "SchedulePublication", state: "InReview" })
  })
})

describe("RecordPublication", () => {
  it("GIVEN an approved item WHEN the advisor records the Facebook post THEN PostPublished and Published with that post", () => {
    const state = given(history.approved)
      .when(
        ingrid,
        ItemCommand.RecordPublication({ network: "facebook", url: " https://facebook.com/p/1 ", publishedAt: at(30) })
      )
      .then([
        PostPublished.make({
          by: ids.ingrid,
          at: now,
          network: "facebook",
          url: "https://facebook.com/p/1",
          publishedAt: at(30)
        })
      ])
      .stage("Published")
    assert.deepStrictEqual(state.publication.posts.map((p) => [p.network, p.url, p.revision]), [
      ["facebook", "https://facebook.com/p/1", 1]
    ])
    assert.deepStrictEqual(state.publication.results, [])
    assert.strictEqual(state.publication.success, undefined)
    assert.strictEqual(state.approval.revision, 1)
  })

  it("GIVEN an approved item with a format revision WHEN the post is recorded THEN the post refers to the latest revision", () => {
    const state = given(history.approved, ev.revised(2, "format"))
      .when(ingrid, ItemCommand.RecordPublication({ network: "linkedin", url: "https://li/1", publishedAt: now }))
      .then(["PostPublished"])
      .stage("Published")
    assert.strictEqual(state.publication.posts[0]?.revision, 2)
  })

  it("GIVEN a Facebook post WHEN the LinkedIn post is recorded THEN both posts are kept, still Published", () => {
    const state = given(history.published)
      .when(ingrid, ItemCommand.RecordPublication({ network: "linkedin", url: "https://li/1", publishedAt: now }))
      .then(["PostPublished"])
      .stage("Published")
    assert.deepStrictEqual(state.publication.posts.map((p) => p.network), ["facebook", "linkedin"])
  })

  it("GIVEN a post needing correction WHEN the advisor records the LinkedIn post THEN FactObjectionOpen: the veto holds after publication", () => {
    given(history.correctionNeeded)
      .when(ingrid, ItemCommand.RecordPublication({ network: "linkedin", url: "https://li/1", publishedAt: now }))
      .thenFails("FactObjectionOpen", { item: ids.item })
  })

  it("GIVEN a corrected post WHEN the advisor records the LinkedIn post THEN it is recorded", () => {
    const state = given(history.correctionNeeded, ev.correctionRecorded([O1]))
      .when(ingrid, ItemCommand.RecordPublication({ network: "linkedin", url: "https://li/1", publishedAt: now }))
      .then(["PostPublished"])
      .stage("Published")
    assert.lengthOf(state.publication.posts, 2)
  })

  it("GIVEN a Facebook post WHEN Facebook is recorded again THEN AlreadyPublished", () => {
    given(history.published)
      .when(ingrid, ItemCommand.RecordPublication({ network: "facebook", url: "https://fb/2", publishedAt: now }))
      .thenFails("AlreadyPublished", { item: ids.item, network: "facebook" })
  })

  it("GIVEN an approved item WHEN a network the draft does not target is recorded THEN InvalidCommand network not_allowed", () => {
    given(history.approved)
      .when(ingrid, ItemCommand.RecordPublication({ network: "x", url: "https://x/1", publishedAt: now }))
      .thenFails("InvalidCommand", { field: "network", reason: "not_allowed", allowed: ["facebook", "linkedin"] })
  })

  it("GIVEN an approved item WHEN the url is blank THEN InvalidCommand url required", () => {
    given(history.approved)
      .when(ingrid, ItemCommand.RecordPublication({ network: "facebook", url: "  ", publishedAt: now }))
      .thenFails("InvalidCommand", { command: "RecordPublication", field: "url", reason: "required" })
  })

  it("GIVEN an approved item WHEN an expert records the post THEN NotAuthorized advisor_only", () => {
    given(history.approved)
      .when(per, ItemCommand.RecordPublication({ network: "facebook", url: "https://fb/1", publishedAt: now }))
      .thenFails("NotAuthorized", { command: "RecordPublication", rule: "advisor_only" })
  })

  it("GIVEN an item still in review WHEN the advisor records a post THEN InvalidTransition (nothing is published unapproved)", () => {
    given(history.factsApproved)
      .when(ingrid, ItemCommand.RecordPublication({ network: "facebook", url: "https://fb/1", publishedAt: now }))
      .thenFails("InvalidTransition", { command: "RecordPublication", state: "InReview" })
  })
})

// ---------------------------------------------------------------------------------------------
// Results: RecordResults, ShareResults, MarkSuccess, ProposeFollowUp
// ---------------------------------------------------------------------------------------------

describe("RecordResults", () => {
  const highlights = [{ text: "Gleder meg!", tone: "positive" as const }]

  it("GIVEN a published post WHEN the advisor records its results THEN ResultsRecorded and the snapshot is kept", () => {
    const metrics = { reach: 1500, impressions: 2100, reactions: 90, comments: 12, shares: 7 }
    const state = given(history.published)
      .when(ingrid, ItemCommand.RecordResults({ network: "facebook", capturedAt: at(60 * 48), metrics, highlights }))
      .then([
        ResultsRecorded.make({
          by: ids.ingrid,
          at: now,
          network: "facebook",
          capturedAt: at(60 * 48),
          metrics,
          highlights
        })
      ])
      .stage("Published")
    assert.deepStrictEqual(state.publication.results.map((r) => [r.network, r.metrics]), [["facebook", metrics]])
    assert.deepStrictEqual(state.publication.results[0]?.highlights, highlights)
  })

  it("GIVEN a post needing correction WHEN the advisor records results THEN they are kept, still CorrectionNeeded", () => {
    given(history.correctionNeeded)
      .when(ingrid, ItemCommand.RecordResults({ network: "facebook", capturedAt: now, metrics: { reach: 0 }, highlights: [] }))
      .then(["ResultsRecorded"])
      .stage("CorrectionNeeded")
  })

  it("GIVEN only a Facebook post WHEN LinkedIn results are recorded THEN InvalidCommand network not_allowed, allowed the published networks", () => {
    given(history.published)
      .when(ingrid, ItemCommand.RecordResults({ network: "linkedin", capturedAt: now, metrics: {}, highlights: [] }))
      .thenFails("InvalidCommand", { command: "RecordResults", field: "network", reason: "not_allowed", allowed: ["facebook"] })
  })

  for (const [name, value] of [["reach", -1], ["shares", 2.5]] as const) {
    it(`GIVEN a published post WHEN ${name} is ${value} THEN InvalidCommand metrics.${name} not_allowed`, () => {
      given(history.published)
        .when(
          ingrid,
          ItemCommand.RecordResults({ network: "facebook", capturedAt: now, metrics: { [name]: value }, highlights: [] })
        )
        .thenFails("InvalidCommand", { field: `metrics.${name}`, reason: "not_allowed" })
    })
  }

  it("GIVEN a published post WHEN a colleague records results THEN NotAuthorized advisor_only", () => {
    given(history.published)
      .when(ola, ItemCommand.RecordResults({ network: "facebook", capturedAt: now, metrics: {}, highlights: [] }))
      .thenFails("NotAuthorized", { command: "RecordResults", rule: "advisor_only" })
  })

  it("GIVEN an approved, unpublished item WHEN results are recorded THEN InvalidTransition", () => {
    given(history.approved)
      .when(ingrid, ItemCommand.RecordResults({ network: "facebook", capturedAt: now, metrics: {}, highlights: [] }))
      .thenFails("InvalidTransition", { command: "RecordResults", state: "Approved" })
  })
})

describe("ShareResults", () => {
  const withResults = [...history.published, ev.resultsRecorded()]

  it("GIVEN recorded results WHEN the advisor shares them THEN ResultsShared and sharedAt is now", () => {
    const state = given(withResults)
      .when(ingrid, ItemCommand.ShareResults())
      .then([ResultsShared.make({ by: ids.ingrid, at: now })])
      .stage("Published")
    assert.strictEqual(state.publication.sharedAt?.epochMillis, now.epochMillis)
  })

  it("GIVEN no results yet WHEN the advisor shares THEN InvalidCommand results empty", () => {
    given(history.published)
      .when(ingrid, ItemCommand.ShareResults())
      .thenFails("InvalidCommand", { command: "ShareResults", field: "results", reason: "empty" })
  })

  it("GIVEN recorded results WHEN an expert shares them THEN NotAuthorized advisor_only", () => {
    given(withResults)
      .when(per, ItemCommand.ShareResults())
      .thenFails("NotAuthorized", { command: "ShareResults", rule: "advisor_only" })
  })
})

describe("MarkSuccess", () => {
  it("GIVEN a published post WHEN the advisor marks it a success with a note THEN MarkedSuccess and success is recorded", () => {
    const state = given(history.published)
      .when(ingrid, ItemCommand.MarkSuccess({ note: " Rekord! " }))
      .then([MarkedSuccess.make({ by: ids.ingrid, at: now, note: "Rekord!" })])
      .stage("Published")
    assert.strictEqual(state.publication.success?.by, ids.ingrid)
  })

  it("GIVEN a published post WHEN marked a success without a note THEN the note is left out", () => {
    const outcome = given(history.published).when(ingrid, ItemCommand.MarkSuccess({})).then(["MarkedSuccess"])
    assert.isFalse("note" in outcome.event("MarkedSuccess"))
  })

  it("GIVEN a post already marked a success WHEN it is marked again THEN no events", () => {
    const first = given(history.published).when(ingrid, ItemCommand.MarkSuccess({})).then(["MarkedSuccess"])
    given(first.history).when(tor, ItemCommand.MarkSuccess({ note: "Igjen" })).thenNothing()
  })

  it("GIVEN a published post WHEN a manager marks it a success THEN NotAuthorized advisor_only", () => {
    given(history.published)
      .when(magnus, ItemCommand.MarkSuccess({}))
      .thenFails("NotAuthorized", { command: "MarkSuccess", rule: "advisor_only" })
  })
})

describe("ProposeFollowUp", () => {
  it("GIVEN a published post WHEN a colleague proposes a follow-up THEN FollowUpProposed and it is listed", () => {
    const state = given(history.published)
      .when(ola, ItemCommand.ProposeFollowUp({ followUp: ids.followUp, title: " Mer om havna ", pitch: " Del 2 " }))
      .then([FollowUpProposed.make({ by: ids.ola, at: now, followUp: ids.followUp, title: "Mer om havna", pitch: "Del 2" })])
      .stage("Published")
    assert.deepStrictEqual(state.publication.followUps, [ids.followUp])
  })

  it("GIVEN a post needing correction WHEN an expert proposes a follow-up THEN it is accepted", () => {
    given(history.correctionNeeded)
      .when(per, ItemCommand.ProposeFollowUp({ followUp: ids.followUp, title: "Mer", pitch: "" }))
      .then(["FollowUpProposed"])
      .stage("CorrectionNeeded")
  })

  it("GIVEN a published post WHEN the title is blank THEN InvalidCommand title required", () => {
    given(history.published)
      .when(ola, ItemCommand.ProposeFollowUp({ followUp: ids.followUp, title: "", pitch: "" }))
      .thenFails("InvalidCommand", { command: "ProposeFollowUp", field: "title", reason: "required" })
  })

  it("GIVEN a published post WHEN the follow-up is the item itself or already proposed THEN InvalidCommand followUp duplicate", () => {
    given(history.published)
      .when(ola, ItemCommand.ProposeFollowUp({ followUp: ids.item, title: "Meg selv", pitch: "" }))
      .thenFails("InvalidCommand", { field: "followUp", reason: "duplicate" })
    given(history.published, ev.followUpProposed(ids.followUp))
      .when(ola, ItemCommand.ProposeFollowUp({ followUp: ids.followUp, title: "Igjen", pitch: "" }))
      .thenFails("InvalidCommand", { field: "followUp", reason: "duplicate" })
  })

  it("GIVEN an approved, unpublished item WHEN a follow-up is proposed THEN InvalidTransition", () => {
    given(history.approved)
      .when(ola, ItemCommand.ProposeFollowUp({ followUp: ids.followUp, title: "Mer", pitch: "" }))
      .thenFails("InvalidTransition", { command: "ProposeFollowUp", state: "Approved" })
  })
})

// ---------------------------------------------------------------------------------------------
// RecordCorrection
// ---------------------------------------------------------------------------------------------

describe("RecordCorrection", () => {
  it("GIVEN a post needing correction WHEN the advisor records a correction for all objections THEN CorrectionRecorded and Published again", () => {
    const state = given(history.correctionNeeded)
      .when(ingrid, ItemCommand.RecordCorrection({ objections: [], note: " Rettet til juni " }))
      .then([CorrectionRecorded.make({ by: ids.ingrid, at: now, objections: [O1], note: "Rettet til juni" })])
      .stage("Published")
    assert.deepStrictEqual(state.work.objections.map((o) => [o.id, o.status]), [[O1, "corrected"]])
  })

  it("GIVEN a resolved review objection and two after publication WHEN all are corrected implicitly THEN only the open post-publication ones are answered", () => {
    const events = [
      ...history.inReview,
      ev.objectionRaised(ids.per, O1, 1),
      ev.objectionResolved(ids.per, O1),
      ev.factsApproved(ids.per, 1),
      ev.factsApproved(ids.magnus, 1),
      ev.approvedForPublication(1),
      ev.published(),
      ev.objectionRaised(ids.per, O2, 1),
      ev.objectionRaised(ids.magnus, O3, 1)
    ]
    given(events)
      .when(ingrid, ItemCommand.RecordCorrection({ objections: [], note: "Rettet" }))
      .then((produced) => {
        assert.deepStrictEqual(produced.map((e) => e._tag === "CorrectionRecorded" ? e.objections : []), [[O2, O3]])
      })
      .stage("Published")
  })

  it("GIVEN two objections after publication WHEN only one is corrected THEN it stays CorrectionNeeded", () => {
    const state = given(history.correctionNeeded, ev.objectionRaised(ids.magnus, O2, 1))
      .when(ingrid, ItemCommand.RecordCorrection({ objections: [O1], note: "Rettet dato" }))
      .then(["CorrectionRecorded"])
      .stage("CorrectionNeeded")
    assert.deepStrictEqual(state.work.objections.map((o) => o.status), ["corrected", "open"])
  })

  it("GIVEN a corrected post WHEN the expert objects again THEN CorrectionNeeded again (correction is not resolution)", () => {
    given(history.correctionNeeded, ev.correctionRecorded([O1]))
      .when(per, ItemCommand.RaiseObjection({ revision: 1, claim: "Fortsatt feil", correction: "Juni, ikke juli" }))
      .then(["FactObjectionRaised"])
      .stage("CorrectionNeeded")
  })

  it("GIVEN a post needing correction WHEN the correction names an unknown objection THEN UnknownObjection missing", () => {
    given(history.correctionNeeded)
      .when(ingrid, ItemCommand.RecordCorrection({ objections: [O2], note: "Rettet" }))
      .thenFails("UnknownObjection", { item: ids.item, objection: O2, status: "missing" })
  })

  it("GIVEN an objection from review and one after publication WHEN the review one is named THEN UnknownObjection missing", () => {
    const events = [
      ...history.inReview,
      ev.objectionRaised(ids.per, O1, 1),
      ev.objectionResolved(ids.per, O1),
      ev.factsApproved(ids.per, 1),
      ev.factsApproved(ids.magnus, 1),
      ev.approvedForPublication(1),
      ev.published(),
      ev.objectionRaised(ids.per, O2, 1)
    ]
    given(events)
      .when(ingrid, ItemCommand.RecordCorrection({ objections: [O1], note: "Rettet" }))
      .thenFails("UnknownObjection", { objection: O1, status: "missing" })
  })

  it("GIVEN O1 corrected and O2 open WHEN O1 is corrected again THEN UnknownObjection corrected", () => {
    given(history.correctionNeeded, ev.objectionRaised(ids.magnus, O2, 1), ev.correctionRecorded([O1]))
      .when(ingrid, ItemCommand.RecordCorrection({ objections: [O1], note: "Igjen" }))
      .thenFails("UnknownObjection", { objection: O1, status: "corrected" })
  })

  it("GIVEN a post needing correction WHEN the note is blank THEN InvalidCommand note required", () => {
    given(history.correctionNeeded)
      .when(ingrid, ItemCommand.RecordCorrection({ objections: [], note: " " }))
      .thenFails("InvalidCommand", { command: "RecordCorrection", field: "note", reason: "required" })
  })

  it("GIVEN a post needing correction WHEN the raising expert records a correction THEN NotAuthorized advisor_only", () => {
    given(history.correctionNeeded)
      .when(per, ItemCommand.RecordCorrection({ objections: [], note: "Rettet" }))
      .thenFails("NotAuthorized", { actor: ids.per, command: "RecordCorrection", rule: "advisor_only" })
  })

  it("GIVEN a published post without objections WHEN a correction is recorded THEN InvalidTransition", () => {
    given(history.published)
      .when(ingrid, ItemCommand.RecordCorrection({ objections: [], note: "Rettet" }))
      .thenFails("InvalidTransition", { command: "RecordCorrection", state: "Published" })
  })
})

// ---------------------------------------------------------------------------------------------
// Withdraw, Close
// ---------------------------------------------------------------------------------------------

describe("Withdraw", () => {
  it("GIVEN an idea WHEN its submitter withdraws it THEN ItemWithdrawn and Withdrawn from Idea, without work", () => {
    const state = given(history.idea)
      .when(ola, ItemCommand.Withdraw({ reason: " Ikke aktuelt lenger " }))
      .then([ItemWithdrawn.make({ by: ids.ola, at: now, reason: "Ikke aktuelt lenger" })])
      .stage("Withdrawn")
    assert.strictEqual(state.from, "Idea")
    assert.strictEqual(state.work, undefined)
    assert.strictEqual(state.reason, "Ikke aktuelt lenger")
  })

  it("GIVEN a parked idea WHEN its submitter withdraws it THEN Withdrawn from Parked", () => {
    assert.strictEqual(
      given(history.parked).when(ola, ItemCommand.Withdraw({ reason: "Nei" })).then(["ItemWithdrawn"]).stage("Withdrawn").from,
      "Parked"
    )
  })

  it("GIVEN an item in review WHEN the advisor withdraws it THEN Withdrawn from InReview, keeping the work", () => {
    const state = given(history.factsApproved)
      .when(tor, ItemCommand.Withdraw({ reason: "Saken ble avlyst" }))
      .then(["ItemWithdrawn"])
      .stage("Withdrawn")
    assert.strictEqual(state.from, "InReview")
    assert.lengthOf(state.work?.approvals ?? [], 2)
  })

  it("GIVEN an approved item WHEN the advisor withdraws it THEN Withdrawn from Approved", () => {
    assert.strictEqual(
      given(history.approved).when(ingrid, ItemCommand.Withdraw({ reason: "Avlyst" })).then(["ItemWithdrawn"]).stage(
        "Withdrawn"
      ).from,
      "Approved"
    )
  })

  it("GIVEN an idea WHEN someone other than the submitter or an advisor withdraws it THEN NotAuthorized submitter_or_advisor", () => {
    given(history.idea)
      .when(magnus, ItemCommand.Withdraw({ reason: "Nei" }))
      .thenFails("NotAuthorized", { actor: ids.magnus, command: "Withdraw", rule: "submitter_or_advisor" })
  })

  it("GIVEN an accepted idea WHEN its submitter withdraws it THEN NotAuthorized advisor_only", () => {
    given(history.drafted)
      .when(ola, ItemCommand.Withdraw({ reason: "Nei" }))
      .thenFails("NotAuthorized", { actor: ids.ola, command: "Withdraw", rule: "advisor_only" })
  })

  it("GIVEN an idea WHEN it is withdrawn without a reason THEN InvalidCommand reason required", () => {
    given(history.idea)
      .when(ola, ItemCommand.Withdraw({ reason: "" }))
      .thenFails("InvalidCommand", { command: "Withdraw", field: "reason", reason: "required" })
  })

  it("GIVEN a published or corrected post WHEN the advisor withdraws it THEN InvalidTransition (close it instead)", () => {
    for (const [events, stage] of [[history.published, "Published"], [history.correctionNeeded, "CorrectionNeeded"]] as const) {
      given(events)
        .when(ingrid, ItemCommand.Withdraw({ reason: "Angrer" }))
        .thenFails("InvalidTransition", { command: "Withdraw", state: stage })
    }
  })
})

describe("Close", () => {
  it("GIVEN a published post WHEN the advisor closes it THEN ItemClosed and Closed, keeping the publication", () => {
    const state = given(history.published, ev.resultsRecorded())
      .when(ingrid, ItemCommand.Close())
      .then([ItemClosed.make({ by: ids.ingrid, at: now })])
      .stage("Closed")
    assert.lengthOf(state.publication.posts, 1)
    assert.lengthOf(state.publication.results, 1)
  })

  it("GIVEN a post needing correction WHEN the advisor closes it THEN InvalidTransition (correct it first)", () => {
    given(history.correctionNeeded)
      .when(ingrid, ItemCommand.Close())
      .thenFails("InvalidTransition", { command: "Close", state: "CorrectionNeeded" })
  })

  it("GIVEN a published post WHEN an expert closes it THEN NotAuthorized advisor_only", () => {
    given(history.published)
      .when(per, ItemCommand.Close())
      .thenFails("NotAuthorized", { actor: ids.per, command: "Close", rule: "advisor_only" })
  })
})

// ---------------------------------------------------------------------------------------------
// The command table: which stage accepts which command; terminal stages accept nothing
// ---------------------------------------------------------------------------------------------

/** One plausible command of every kind (the type makes sure none is forgotten). */
const sample: { readonly [Tag in ItemCommandTag]: Extract<ItemCommand, { readonly _tag: Tag }> } = {
  SubmitIdea: ItemCommand.SubmitIdea({ title: "Idé", pitch: "", goals: [], concerns: [] }),
  EditIdea: ItemCommand.EditIdea({ title: "Ny tittel" }),
  AcceptIdea: ItemCommand.AcceptIdea(),
  ParkIdea: ItemCommand.ParkIdea({ reason: "Vent" }),
  ReviveIdea: ItemCommand.ReviveIdea(),
  DeclineIdea: ItemCommand.DeclineIdea({ reason: "Nei takk" }),
  WriteDraft: ItemCommand.WriteDraft({ baseRevision: 1, kind: "content", body: body("Tekst") }),
  RequestReview: ItemCommand.RequestReview({ reviewers: [{ member: ids.siri, expert: true }] }),
  ApproveFacts: ItemCommand.ApproveFacts({ revision: 1 }),
  RaiseObjection: ItemCommand.RaiseObjection({ revision: 1, claim: "Feil", correction: "Rett" }),
  ResolveObjection: ItemCommand.ResolveObjection({ objection: O1 }),
  SuggestFormat: ItemCommand.SuggestFormat({ revision: 1, note: "Kortere" }),
  DecideFormat: ItemCommand.DecideFormat({ suggestion: S1, decision: "accepted", explanation: "Ja" }),
  Comment: ItemCommand.Comment({ text: "Hei" }),
  RemoveReviewer: ItemCommand.RemoveReviewer({ reviewer: ids.ola, reason: "Ferie" }),
  ApproveForPublication: ItemCommand.ApproveForPublication({ revision: 1 }),
  SchedulePublication: ItemCommand.SchedulePublication({ network: "linkedin", scheduledFor: at(600) }),
  RecordPublication: ItemCommand.RecordPublication({ network: "linkedin", url: "https://li/1", publishedAt: at(30) }),
  RecordResults: ItemCommand.RecordResults({ network: "facebook", capturedAt: at(30), metrics: {}, highlights: [] }),
  ShareResults: ItemCommand.ShareResults(),
  MarkSuccess: ItemCommand.MarkSuccess({}),
  ProposeFollowUp: ItemCommand.ProposeFollowUp({ followUp: ids.followUp, title: "Mer", pitch: "" }),
  RecordCorrection: ItemCommand.RecordCorrection({ objections: [], note: "Rettet" }),
  Withdraw: ItemCommand.Withdraw({ reason: "Avlyst" }),
  Close: ItemCommand.Close()
}

/** A history ending in each stage. */
const inStage: { readonly [S in Stage]: ReadonlyArray<ItemEvent> } = {
  None: history.none,
  Idea: history.idea,
  Parked: history.parked,
  Declined: history.declined,
  Drafting: history.drafted,
  InReview: history.inReview,
  Approved: history.approved,
  Published: history.published,
  CorrectionNeeded: history.correctionNeeded,
  Closed: history.closed,
  Withdrawn: history.withdrawn
}

const afterIdea = ["Idea", "Parked", "Drafting", "InReview", "Approved"] as const
const afterPublication = ["Published", "CorrectionNeeded"] as const

/** The command table of Workflow.ts: the stages in which each command applies. */
const table: { readonly [Tag in ItemCommandTag]: ReadonlyArray<Stage> } = {
  SubmitIdea: ["None"],
  EditIdea: afterIdea,
  AcceptIdea: ["Idea"],
  ParkIdea: ["Idea"],
  ReviveIdea: ["Parked"],
  DeclineIdea: ["Idea", "Parked"],
  WriteDraft: ["Drafting", "InReview", "Approved"],
  RequestReview: ["Drafting", "InReview"],
  ApproveFacts: ["InReview", "Approved"],
  RaiseObjection: ["InReview", "Approved", ...afterPublication],
  ResolveObjection: ["InReview", "Approved", ...afterPublication],
  SuggestFormat: ["InReview", "Approved"],
  DecideFormat: ["InReview", "Approved"],
  Comment: [...afterIdea, ...afterPublication],
  RemoveReviewer: ["InReview", "Approved"],
  ApproveForPublication: ["InReview"],
  SchedulePublication: ["Approved"],
  RecordPublication: ["Approved", ...afterPublication],
  RecordResults: afterPublication,
  ShareResults: afterPublication,
  MarkSuccess: afterPublication,
  ProposeFollowUp: afterPublication,
  RecordCorrection: ["CorrectionNeeded"],
  Withdraw: afterIdea,
  Close: ["Published"]
}

const terminal: ReadonlyArray<Stage> = ["Declined", "Withdrawn", "Closed"]

describe("the command table", () => {
  it("GIVEN the canonical histories WHEN they are folded THEN each ends in the stage it is named for", () => {
    for (const stage of stages) assert.strictEqual(stateOf(inStage[stage])._tag, stage)
  })

  for (const tag of Object.keys(table) as Array<ItemCommandTag>) {
    const allowed = table[tag]
    it(`GIVEN every stage WHEN ${tag} is given THEN only ${allowed.join(", ")} consider it, every other stage refuses with InvalidTransition`, () => {
      for (const stage of stages) {
        const state = stateOf(inStage[stage])
        for (const actor of [ingrid, ola, per]) {
          const decision = decide(state, sample[tag], { item: ids.item, actor, now })
          const refusedForStage = Either.isLeft(decision) && decision.left._tag === "InvalidTransition"
          if (allowed.includes(stage)) {
            assert.isFalse(refusedForStage, `${tag} by ${actor.id} should not be a wrong stage in ${stage}`)
          } else {
            assert.isTrue(refusedForStage, `${tag} by ${actor.id} should be refused in ${stage}`)
            if (Either.isLeft(decision)) {
              const { _tag, ...fields } = decision.left
              assert.deepStrictEqual<unknown>(fields, { item: ids.item, command: tag, state: stage })
            }
          }
        }
      }
    })
  }

  for (const stage of terminal) {
    it(`GIVEN a ${stage} item WHEN anyone gives any command THEN InvalidTransition and nothing changes`, () => {
      for (const tag of Object.keys(sample) as Array<ItemCommandTag>) {
        for (const actor of [ingrid, cast.ingridExpert, ola, per, magnus]) {
          given(inStage[stage])
            .when(actor, sample[tag])
            .thenFails("InvalidTransition", { item: ids.item, command: tag, state: stage })
        }
      }
    })
  }

  it("GIVEN the sample of every command WHEN it is run where the table allows it by the advisor THEN some stage accepts it with events", () => {
    // Guards the matrix above against samples that are refused everywhere for other reasons.
    const actorFor = (tag: ItemCommandTag): Actor =>
      tag === "ApproveFacts" || tag === "RaiseObjection" || tag === "ResolveObjection"
        ? per
        : tag === "SuggestFormat"
        ? ola
        : ingrid
    const setups: Partial<Record<ItemCommandTag, ReadonlyArray<ItemEvent>>> = {
      ResolveObjection: history.correctionNeeded,
      DecideFormat: [...history.inReview, ev.formatSuggested(ids.ola, S1, 1)],
      ApproveForPublication: history.factsApproved,
      RecordResults: history.published,
      ShareResults: [...history.published, ev.resultsRecorded()],
      EditIdea: history.idea
    }
    for (const tag of Object.keys(sample) as Array<ItemCommandTag>) {
      const candidates = setups[tag] !== undefined ? [setups[tag]] : table[tag].map((stage) => inStage[stage])
      const accepted = candidates.some((events) => {
        const decision = decide(stateOf(events), sample[tag], { item: ids.item, actor: actorFor(tag), now })
        return Either.isRight(decision) && decision.right.length > 0
      })
      assert.isTrue(accepted, `${tag} was never accepted`)
    }
  })
})

// ---------------------------------------------------------------------------------------------
// Journeys: the behaviours that matter most, end to end through decide and evolve
// ---------------------------------------------------------------------------------------------

describe("journeys", () => {
  it("GIVEN an idea WHEN it goes through review, objection, content revision, re-approval and publication THEN every step lands where expected", () => {
    let story = given(history.idea).when(ingrid, ItemCommand.AcceptIdea()).then(["IdeaAccepted"])
    const step = (actor: Actor, command: ItemCommand, expected: Stage) => {
      story = given(story.history).when(actor, command).then((events) => events.length > 0)
      story.stage(expected)
    }
    step(ingrid, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body("Havna åpner i mai.") }), "Drafting")
    step(ingrid, ItemCommand.RequestReview({ reviewers: [{ member: ids.per, expert: true }] }), "InReview")
    step(per, ItemCommand.ApproveFacts({ revision: 1 }), "InReview")
    step(ingrid, ItemCommand.ApproveForPublication({ revision: 1 }), "Approved")
    step(per, ItemCommand.RaiseObjection({ revision: 1, claim: "Juni, ikke mai", correction: "Skriv juni" }), "InReview")
    given(story.history)
      .when(ingrid, ItemCommand.ApproveForPublication({ revision: 1 }))
      .thenFails("FactObjectionOpen", { objections: [O1] })
    step(ingrid, ItemCommand.WriteDraft({ baseRevision: 1, kind: "content", body: body("Havna åpner i juni.") }), "InReview")
    step(per, ItemCommand.ResolveObjection({ objection: O1 }), "InReview")
    given(story.history)
      .when(ingrid, ItemCommand.ApproveForPublication({ revision: 2 }))
      .thenFails("ExpertApprovalMissing", { revision: 2, missing: [ids.per] })
    step(per, ItemCommand.ApproveFacts({ revision: 2 }), "InReview")
    step(ingrid, ItemCommand.ApproveForPublication({ revision: 2 }), "Approved")
    step(ingrid, ItemCommand.WriteDraft({ baseRevision: 2, kind: "format", body: body("Havna åpner i juni!") }), "Approved")
    step(ingrid, ItemCommand.RecordPublication({ network: "facebook", url: "https://fb/1", publishedAt: now }), "Published")
    step(per, ItemCommand.RaiseObjection({ revision: 3, claim: "Feil kai", correction: "Nordkaia" }), "CorrectionNeeded")
    step(ingrid, ItemCommand.RecordCorrection({ objections: [], note: "Rettet kai" }), "Published")
    step(ingrid, ItemCommand.Close(), "Closed")
    const work = workOf(story.state)
    assert.deepStrictEqual(work?.revisions.map((r) => [r.number, r.kind]), [[1, "content"], [2, "content"], [3, "format"]])
    assert.deepStrictEqual(work?.objections.map((o) => [o.id, o.status, o.afterPublication]), [
      [O1, "resolved", false],
      [O2, "corrected", true]
    ])
  })

  it("GIVEN a draft owned by an advisor who is also an expert WHEN she tries every fact action THEN she is refused, while the format and advisor actions remain hers", () => {
    const review = [...history.inReview, ev.formatSuggested(ids.ola, S1, 1)]
    given(review).when(cast.ingridExpert, sample.ApproveFacts).thenFails("NotAuthorized", { rule: "not_on_own_draft" })
    given(review).when(cast.ingridExpert, sample.RaiseObjection).thenFails("NotAuthorized", { rule: "not_on_own_draft" })
    given(review, ev.objectionRaised(ids.per, O1, 1))
      .when(cast.ingridExpert, sample.ResolveObjection)
      .thenFails("NotAuthorized", { rule: "raiser_only" })
    given(review).when(cast.ingridExpert, sample.DecideFormat).then(["FormatSuggestionDecided"])
  })
})

// ---------------------------------------------------------------------------------------------
// The harness itself must be able to fail
// ---------------------------------------------------------------------------------------------

describe("DeciderSpec", () => {
  const accepted = () => given(history.idea).when(ingrid, ItemCommand.AcceptIdea())
  const refused = () => given(history.idea).when(ola, ItemCommand.AcceptIdea())

  it("GIVEN an accepted command WHEN then expects other tags, or an event differing in one field THEN the spec fails", () => {
    assert.throws(() => accepted().then(["IdeaParked"]))
    assert.throws(() => accepted().then([]))
    assert.throws(() => accepted().then(["IdeaAccepted", "IdeaAccepted"]))
    assert.throws(() => accepted().then([IdeaAccepted.make({ by: ids.tor, at: now })]))
    assert.throws(() => accepted().then([IdeaAccepted.make({ by: ids.ingrid, at: at(61) })]))
    assert.throws(() => accepted().thenNothing())
  })

  it("GIVEN an accepted command WHEN the predicate refuses or the stage is wrong THEN the spec fails", () => {
    assert.throws(() => accepted().then(() => false))
    assert.throws(() => accepted().then(() => assert.fail("no")))
    assert.throws(() => accepted().then(["IdeaAccepted"]).stage("InReview"))
    assert.throws(() => accepted().then(["IdeaAccepted"]).event("IdeaParked"))
    assert.throws(() => accepted().thenFails("NotAuthorized"))
  })

  it("GIVEN a refused command WHEN then expects events, or thenFails names another tag or field value THEN the spec fails", () => {
    assert.throws(() => refused().then(["IdeaAccepted"]))
    assert.throws(() => refused().then(() => true))
    assert.throws(() => refused().thenFails("InvalidTransition"))
    assert.throws(() => refused().thenFails("NotAuthorized", { rule: "raiser_only" }))
    assert.throws(() => refused().thenFails("NotAuthorized", { actor: ids.ingrid }))
  })

  it("GIVEN an accepted or refused command WHEN the expectation is right THEN the spec passes and returns what happened", () => {
    const outcome = accepted().then([IdeaAccepted.make({ by: ids.ingrid, at: now })])
    assert.deepStrictEqual(outcome.history.map((e) => e._tag), ["IdeaSubmitted", "IdeaAccepted"])
    assert.strictEqual(outcome.before._tag, "Idea")
    assert.strictEqual(outcome.stage("Drafting").work.owner, ids.ingrid)
    assert.strictEqual(refused().thenFails("NotAuthorized", { actor: ids.ola, rule: "advisor_only" }).command, "AcceptIdea")
  })
})

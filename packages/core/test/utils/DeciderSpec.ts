/**
 * A small given/when/then harness for the pure decider:
 *
 * ```ts
 * given(history.inReview)
 *   .when(actors.per, ItemCommand.ApproveFacts({ revision: 1 }))
 *   .then(["FactsApproved"])
 *
 * given(history.inReview)
 *   .when(actors.ola, ItemCommand.ApproveFacts({ revision: 1 }))
 *   .thenFails("NotAuthorized", { rule: "expert_reviewer_only" })
 * ```
 *
 * `given` folds the events into a state, `when` runs `decide` with an actor and a time, `then`
 * checks the produced events (by tag, as exact events, or with a predicate) and evolves them into
 * the resulting state, `thenFails` checks the typed error and a subset of its fields.
 *
 * The module also holds event factories (`ev`) and canonical histories (`history`) for every
 * stage, so tests can start anywhere in the workflow without replaying commands.
 */
import { assert } from "@effect/vitest"
import type * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { Network, RevisionKind } from "../../src/Draft.js"
import type { DecisionError } from "../../src/Errors.js"
import { type ItemId, type MemberId, ObjectionId, SuggestionId } from "../../src/Ids.js"
import type { ItemState, Stage } from "../../src/Item.js"
import type { ItemCommand } from "../../src/ItemCommand.js"
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
  IdeaParked,
  IdeaRevived,
  IdeaSubmitted,
  ItemClosed,
  ItemEvent,
  type ItemEventTag,
  ItemWithdrawn,
  type Metrics,
  PostPublished,
  PublicationScheduled,
  ResultsRecorded,
  ResultsShared,
  ReviewerRemoved,
  ReviewRequested
} from "../../src/ItemEvent.js"
import type { Actor } from "../../src/Member.js"
import { type Decision, decide, evolve, fold } from "../../src/Workflow.js"
import { at, body, ids, t0 } from "./fixtures.js"

// ---------------------------------------------------------------------------------------------
// the harness
// ---------------------------------------------------------------------------------------------

/** When a test does not say, commands are decided one hour after the (t0-stamped) history. */
export const defaultNow: DateTime.Utc = at(60)

type ErrorTag = DecisionError["_tag"]
type ErrorOf<Tag extends ErrorTag> = Extract<DecisionError, { readonly _tag: Tag }>
type StateOf<Tag extends Stage> = Extract<ItemState, { readonly _tag: Tag }>
type EventOf<Tag extends ItemEventTag> = Extract<ItemEvent, { readonly _tag: Tag }>

/** What `then` accepts: event tags, exact events (compared in their encoded form), or a mix. */
export type ExpectedEvents = ReadonlyArray<ItemEventTag | ItemEvent>
/** A predicate on the produced events and the state they lead to; `false` or a throw fails. */
export type EventsPredicate = (events: ReadonlyArray<ItemEvent>, state: ItemState) => boolean | void

const encodeEvent = Schema.encodeSync(ItemEvent)

/** Events compared as they would be stored: plain JSON, times as ISO strings. */
export const encoded = (events: ReadonlyArray<ItemEvent>): ReadonlyArray<unknown> => events.map((e) => encodeEvent(e))

const describeDecision = (decision: Decision): string =>
  Either.match(decision, {
    onLeft: (error) => `error ${error._tag} ${JSON.stringify({ ...error })}`,
    onRight: (events) => `events [${events.map((event) => event._tag).join(", ")}]`
  })

/** The result of an accepted command: its events and the states before and after. */
export class Outcome {
  constructor(
    readonly given: ReadonlyArray<ItemEvent>,
    readonly before: ItemState,
    readonly events: ReadonlyArray<ItemEvent>,
    readonly now: DateTime.Utc
  ) {}

  /** The state after evolving the produced events. */
  get state(): ItemState {
    return this.events.reduce(evolve, this.before)
  }

  /** The whole history: the given events followed by the produced ones (to chain another `given`). */
  get history(): ReadonlyArray<ItemEvent> {
    return [...this.given, ...this.events]
  }

  /** Asserts the resulting stage and returns the state narrowed to it. */
  stage<Tag extends Stage>(tag: Tag): StateOf<Tag> {
    const state = this.state
    assert.strictEqual(state._tag, tag, `expected the item to be ${tag} after ${this.events.map((e) => e._tag)}`)
    return state as StateOf<Tag>
  }

  /** The only produced event with this tag (asserts there is exactly one). */
  event<Tag extends ItemEventTag>(tag: Tag): EventOf<Tag> {
    const found = this.events.filter((event): event is EventOf<Tag> => event._tag === tag)
    assert.strictEqual(found.length, 1, `expected exactly one ${tag}, got [${this.events.map((e) => e._tag)}]`)
    return found[0]!
  }
}

/** A command about to be decided against a given history. */
export class When {
  readonly decision: Decision

  constructor(
    readonly given: ReadonlyArray<ItemEvent>,
    readonly before: ItemState,
    readonly actor: Actor,
    readonly command: ItemCommand,
    readonly now: DateTime.Utc,
    readonly item: ItemId
  ) {
    this.decision = decide(before, command, { item, actor, now })
  }

  /**
   * Expects the command to be accepted. With a list, the produced events must match it one to one
   * (a tag matches by tag, an event must be equal in its encoded form); with a function, it must
   * not return `false` (it may also assert on its own).
   */
  then(expected: ExpectedEvents | EventsPredicate): Outcome {
    if (Either.isLeft(this.decision)) {
      assert.fail(`${this.command._tag} by ${this.actor.id}: expected events, got ${describeDecision(this.decision)}`)
    }
    const events = this.decision.right
    const outcome = new Outcome(this.given, this.before, events, this.now)
    if (typeof expected === "function") {
      const verdict = expected(events, outcome.state)
      assert.notStrictEqual(verdict, false, `${this.command._tag}: predicate refused ${describeDecision(this.decision)}`)
      return outcome
    }
    assert.deepStrictEqual(
      events.map((event) => event._tag),
      expected.map((entry) => (typeof entry === "string" ? entry : entry._tag)),
      `${this.command._tag} by ${this.actor.id}: event tags`
    )
    expected.forEach((entry, index) => {
      if (typeof entry !== "string") {
        assert.deepStrictEqual(encodeEvent(events[index]!), encodeEvent(entry), `${this.command._tag}: event #${index}`)
      }
    })
    return outcome
  }

  /** Expects the command to be accepted and to change nothing (no events). */
  thenNothing(): Outcome {
    return this.then([])
  }

  /** Expects a typed error with this tag; every field given must be deeply equal to the error's. */
  thenFails<Tag extends ErrorTag>(tag: Tag, fields: Partial<Omit<ErrorOf<Tag>, "_tag">> = {}): ErrorOf<Tag> {
    if (Either.isRight(this.decision)) {
      assert.fail(`${this.command._tag} by ${this.actor.id}: expected ${tag}, got ${describeDecision(this.decision)}`)
    }
    const error = this.decision.left
    assert.strictEqual(error._tag, tag, `${this.command._tag} by ${this.actor.id}: got ${describeDecision(this.decision)}`)
    for (const [key, value] of Object.entries(fields)) {
      assert.deepStrictEqual((error as unknown as Record<string, unknown>)[key], value, `${tag}.${key}`)
    }
    return error as ErrorOf<Tag>
  }
}

/** A history of events, folded into the state commands are decided against. */
export class Given {
  readonly state: ItemState

  constructor(readonly events: ReadonlyArray<ItemEvent>, readonly item: ItemId = ids.item) {
    this.state = fold(events)
  }

  when(actor: Actor, command: ItemCommand, now: DateTime.Utc = defaultNow): When {
    return new When(this.events, this.state, actor, command, now, this.item)
  }
}

/** Starts a spec from events or histories (arrays are flattened, in order). */
export const given = (...events: ReadonlyArray<ItemEvent | ReadonlyArray<ItemEvent>>): Given =>
  new Given(events.flatMap((entry) => (Array.isArray(entry) ? entry : [entry as ItemEvent])))

// ---------------------------------------------------------------------------------------------
// event factories
// ---------------------------------------------------------------------------------------------

export const O1 = ObjectionId.make("O1")
export const O2 = ObjectionId.make("O2")
export const S1 = SuggestionId.make("S1")
export const S2 = SuggestionId.make("S2")

/**
 * Events as the decider would record them, stamped at `t0` unless told otherwise. Defaults follow
 * the cast in fixtures: Ola submits, Ingrid (advisor) owns the draft, Per and Magnus review as
 * experts.
 */
export const ev = {
  submitted: (by: MemberId = ids.ola, extra: Partial<Omit<IdeaSubmitted, "_tag">> = {}) =>
    IdeaSubmitted.make({
      by,
      at: t0,
      item: ids.item,
      title: "Ny fiskerihavn på kysten",
      pitch: "Havna åpner i mai, og fiskerne er med fra start.",
      goals: [ids.goal],
      concerns: [ids.per],
      ...extra
    }),
  accepted: (by: MemberId = ids.ingrid) => IdeaAccepted.make({ by, at: t0 }),
  parked: (reason = "Venter på budsjettet", by: MemberId = ids.ingrid) => IdeaParked.make({ by, at: t0, reason }),
  revived: (by: MemberId = ids.ingrid) => IdeaRevived.make({ by, at: t0 }),
  declined: (reason = "Takk! Dette passer bedre i nyhetsbrevet", by: MemberId = ids.ingrid) =>
    IdeaDeclined.make({ by, at: t0, reason }),
  revised: (revision: number, kind: RevisionKind = "content", text = `Havna åpner i mai (v${revision}).`, by: MemberId = ids.ingrid) =>
    DraftRevised.make({ by, at: t0, revision, kind, body: body(text) }),
  reviewRequested: (reviewers: ReadonlyArray<readonly [MemberId, boolean]>, due?: DateTime.Utc, by: MemberId = ids.ingrid) =>
    ReviewRequested.make({
      by,
      at: t0,
      reviewers: reviewers.map(([member, expert]) => ({ member, expert })),
      ...(due === undefined ? {} : { due })
    }),
  factsApproved: (by: MemberId, revision: number) => FactsApproved.make({ by, at: t0, revision }),
  objectionRaised: (by: MemberId, objection: ObjectionId, revision: number) =>
    FactObjectionRaised.make({
      by,
      at: t0,
      objection,
      revision,
      claim: "Havna åpner i juni, ikke mai",
      correction: "Skriv juni"
    }),
  objectionResolved: (by: MemberId, objection: ObjectionId) => FactObjectionResolved.make({ by, at: t0, objection }),
  formatSuggested: (by: MemberId, suggestion: SuggestionId, revision: number) =>
    FormatSuggested.make({ by, at: t0, suggestion, revision, note: "For lang for LinkedIn" }),
  formatDecided: (suggestion: SuggestionId, decision: "accepted" | "declined" = "accepted", by: MemberId = ids.ingrid) =>
    FormatSuggestionDecided.make({ by, at: t0, suggestion, decision, explanation: "Første linje må fange" }),
  comment: (by: MemberId, text = "Fint!") => CommentAdded.make({ by, at: t0, text }),
  reviewerRemoved: (reviewer: MemberId, by: MemberId = ids.ingrid) =>
    ReviewerRemoved.make({ by, at: t0, reviewer, reason: "På ferie" }),
  approvedForPublication: (revision: number, by: MemberId = ids.ingrid) =>
    ApprovedForPublication.make({ by, at: t0, revision }),
  scheduled: (network: Network, scheduledFor: DateTime.Utc, by: MemberId = ids.ingrid) =>
    PublicationScheduled.make({ by, at: t0, network, scheduledFor }),
  published: (network: Network = "facebook", by: MemberId = ids.ingrid) =>
    PostPublished.make({ by, at: t0, network, url: `https://${network}.example/post/1`, publishedAt: t0 }),
  resultsRecorded: (network: Network = "facebook", metrics: Metrics = { reach: 1200, reactions: 80 }) =>
    ResultsRecorded.make({ by: ids.ingrid, at: t0, network, capturedAt: t0, metrics, highlights: [] }),
  resultsShared: () => ResultsShared.make({ by: ids.ingrid, at: t0 }),
  followUpProposed: (followUp: ItemId = ids.followUp, by: MemberId = ids.ola) =>
    FollowUpProposed.make({ by, at: t0, followUp, title: "Mer om havna", pitch: "" }),
  correctionRecorded: (objections: readonly [ObjectionId, ...Array<ObjectionId>], by: MemberId = ids.ingrid) =>
    CorrectionRecorded.make({ by, at: t0, objections, note: "Rettet til juni i alle innlegg" }),
  withdrawn: (reason = "Saken ble avlyst", by: MemberId = ids.ingrid) => ItemWithdrawn.make({ by, at: t0, reason }),
  closed: (by: MemberId = ids.ingrid) => ItemClosed.make({ by, at: t0 })
}

// ---------------------------------------------------------------------------------------------
// canonical histories, one per stage
// ---------------------------------------------------------------------------------------------

const idea = [ev.submitted()]
const drafting = [...idea, ev.accepted()]
const drafted = [...drafting, ev.revised(1)]
/** Per and Magnus review as experts, Ola as a colleague (comments and format only). */
const inReview = [...drafted, ev.reviewRequested([[ids.per, true], [ids.magnus, true], [ids.ola, false]])]
const factsApproved = [...inReview, ev.factsApproved(ids.per, 1), ev.factsApproved(ids.magnus, 1)]
const approved = [...factsApproved, ev.approvedForPublication(1)]
const published = [...approved, ev.published("facebook")]
const correctionNeeded = [...published, ev.objectionRaised(ids.per, O1, 1)]

/**
 * A history that ends in each stage. Drafting has no draft yet; `drafted` has revision 1;
 * `factsApproved` is in review with both experts' approvals of revision 1; `approved` adds the
 * advisor's approval of revision 1; `published` has a Facebook post; `correctionNeeded` has Per's
 * objection O1 raised after publication.
 */
export const history = {
  none: [] as ReadonlyArray<ItemEvent>,
  idea,
  parked: [...idea, ev.parked()],
  declined: [...idea, ev.declined()],
  drafting,
  drafted,
  inReview,
  factsApproved,
  approved,
  published,
  correctionNeeded,
  closed: [...published, ev.closed()],
  withdrawn: [...inReview, ev.withdrawn()]
} as const satisfies Record<string, ReadonlyArray<ItemEvent>>

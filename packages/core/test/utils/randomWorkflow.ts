/**
 * Random command sequences for property tests. A step is a few random numbers; it is interpreted
 * against the current state so that most steps are plausible (an advisor drafting, an expert on the
 * item approving the latest revision) and some are not (wrong person, old revision, wrong stage).
 * Both kinds are needed: the invariants must hold for every sequence, accepted or refused.
 */
import * as DateTime from "effect/DateTime"
import * as fc from "fast-check"
import type { Network } from "../../src/Draft.js"
import type { ItemId, MemberId, ObjectionId, SuggestionId } from "../../src/Ids.js"
import { type ItemState, latestRevision, type Stage, workOf } from "../../src/Item.js"
import { ItemCommand, type ItemCommandTag } from "../../src/ItemCommand.js"
import type { Actor } from "../../src/Member.js"
import { actors, body, ids, t0 } from "./fixtures.js"

export interface Step {
  readonly tag: number
  readonly who: number
  readonly a: number
  readonly b: number
}

export const step: fc.Arbitrary<Step> = fc.record({
  tag: fc.nat(),
  who: fc.nat(),
  a: fc.nat(),
  b: fc.nat()
})

export const steps = (maxLength: number) => fc.array(step, { minLength: Math.min(30, maxLength), maxLength })

const allTags: ReadonlyArray<ItemCommandTag> = [
  "SubmitIdea",
  "EditIdea",
  "AcceptIdea",
  "ParkIdea",
  "ReviveIdea",
  "DeclineIdea",
  "WriteDraft",
  "RequestReview",
  "ApproveFacts",
  "RaiseObjection",
  "ResolveObjection",
  "SuggestFormat",
  "DecideFormat",
  "Comment",
  "RemoveReviewer",
  "ApproveForPublication",
  "SchedulePublication",
  "RecordPublication",
  "RecordResults",
  "ShareResults",
  "MarkSuccess",
  "ProposeFollowUp",
  "RecordCorrection",
  "Withdraw",
  "Close"
]

const repeat = (tag: ItemCommandTag, times: number) => Array.from({ length: times }, () => tag)

// What people typically do in each stage, weighted; the rest of the time anything goes.
const typical: { readonly [S in Stage]: ReadonlyArray<ItemCommandTag> } = {
  None: ["SubmitIdea"],
  Idea: [...repeat("AcceptIdea", 8), "ParkIdea", "DeclineIdea", "EditIdea", "Comment", "Withdraw"],
  Parked: [...repeat("ReviveIdea", 3), "DeclineIdea", "EditIdea", "Withdraw"],
  Drafting: [...repeat("WriteDraft", 6), ...repeat("RequestReview", 6), "EditIdea", "Comment", "Withdraw"],
  InReview: [
    ...repeat("ApproveFacts", 6),
    ...repeat("RaiseObjection", 2),
    ...repeat("ResolveObjection", 3),
    ...repeat("SuggestFormat", 2),
    ...repeat("DecideFormat", 3),
    ...repeat("WriteDraft", 2),
    "RequestReview",
    "Comment",
    "RemoveReviewer",
    ...repeat("ApproveForPublication", 4),
    ...repeat("Comment", 2)
  ],
  Approved: [
    ...repeat("RecordPublication", 4),
    "SchedulePublication",
    "WriteDraft",
    "RaiseObjection",
    "SuggestFormat",
    "DecideFormat",
    "ApproveFacts",
    "RemoveReviewer",
    "Comment"
  ],
  Published: [
    ...repeat("RecordResults", 2),
    "ShareResults",
    "MarkSuccess",
    "ProposeFollowUp",
    ...repeat("RaiseObjection", 2),
    "RecordPublication",
    "ResolveObjection",
    "Comment",
    "Close"
  ],
  CorrectionNeeded: [
    ...repeat("RecordCorrection", 3),
    ...repeat("ResolveObjection", 2),
    "RaiseObjection",
    "RecordResults",
    "Close"
  ],
  Declined: allTags,
  Withdrawn: allTags,
  Closed: allTags
}

const everyone: ReadonlyArray<Actor> = Object.values(actors)
const advisors: ReadonlyArray<Actor> = [actors.ingrid, actors.ingrid, actors.ingrid, actors.tor]
const experts: ReadonlyArray<Actor> = [actors.per, actors.siri, actors.magnus, actors.tor]
const networkChoices: ReadonlyArray<Network> = ["facebook", "linkedin", "instagram"]

const pick = <A>(list: ReadonlyArray<A>, n: number): A => list[n % list.length]!

const actorById = (id: MemberId): Actor => everyone.find((actor) => actor.id === id) ?? actors.ola

export interface Planned {
  readonly actor: Actor
  readonly command: ItemCommand
  readonly now: DateTime.Utc
}

/** Turns a random step into a command from someone, at a time after `index` earlier steps. */
export const plan = (state: ItemState, s: Step, index: number): Planned => {
  const tag = s.tag % 13 === 0 ? pick(allTags, s.tag >> 4) : pick(typical[state._tag], s.tag)
  const now = DateTime.addDuration(t0, `${index * 10} minutes`)
  const work = workOf(state)
  const latest = work === undefined ? 0 : latestRevision(work)?.number ?? 0
  // Most of the time, the revision a person saw is the latest; sometimes an older or a future one.
  const revision = s.a % 6 === 0 ? s.b % (latest + 2) : latest
  const plausible = s.who % 6 !== 0
  const reviewers = work?.reviewers ?? []
  const expertReviewers = reviewers.filter((reviewer) => reviewer.expert).map((reviewer) => actorById(reviewer.member))
  const openObjections = work?.objections.filter((objection) => objection.status === "open") ?? []

  const anyone = pick(everyone, s.who)
  const advisor = plausible ? pick(advisors, s.who) : anyone
  const expert = plausible && expertReviewers.length > 0 ? pick(expertReviewers, s.who) : pick(experts, s.who)
  const text = s.b % 9 === 0 ? "  " : `Tekst ${s.a % 7}`

  const at = (actor: Actor, command: ItemCommand): Planned => ({ actor, command, now })
  switch (tag) {
    case "SubmitIdea":
      return at(anyone, ItemCommand.SubmitIdea({ title: text, pitch: "pitch", goals: [ids.goal], concerns: [ids.per] }))
    case "EditIdea":
      return at(plausible ? advisor : anyone, ItemCommand.EditIdea({ title: `Tittel ${s.a}` }))
    case "AcceptIdea":
      return at(advisor, ItemCommand.AcceptIdea())
    case "ParkIdea":
      return at(advisor, ItemCommand.ParkIdea({ reason: text }))
    case "ReviveIdea":
      return at(advisor, ItemCommand.ReviveIdea())
    case "DeclineIdea":
      return at(advisor, ItemCommand.DeclineIdea({ reason: text }))
    case "WriteDraft":
      return at(
        advisor,
        ItemCommand.WriteDraft({
          baseRevision: revision,
          kind: latest === 0 || s.b % 2 === 0 ? "content" : "format",
          body: body(`Utkast ${s.a % 5}`, {
            networks: s.b % 3 === 0 ? ["facebook", "linkedin", "instagram"] : ["facebook", "linkedin"]
          })
        })
      )
    case "RequestReview": {
      const chosen = ([actors.per, actors.siri, actors.magnus, actors.ola, actors.tor] as ReadonlyArray<Actor>).filter((_, i) =>
        ((s.a >> i) & 1) === 1
      )
      return at(
        advisor,
        ItemCommand.RequestReview({
          reviewers: chosen.map((actor) => ({ member: actor.id, expert: actor.roles.includes("expert") }))
        })
      )
    }
    case "ApproveFacts":
      return at(expert, ItemCommand.ApproveFacts({ revision }))
    case "RaiseObjection":
      return at(expert, ItemCommand.RaiseObjection({ revision, claim: "Feil år", correction: text }))
    case "ResolveObjection": {
      const objection = openObjections.length > 0 && plausible
        ? pick(openObjections, s.a)
        : { id: `O${(s.a % 4) + 1}` as ObjectionId, by: anyone.id }
      return at(plausible ? actorById(objection.by) : anyone, ItemCommand.ResolveObjection({ objection: objection.id }))
    }
    case "SuggestFormat": {
      const reviewer = plausible && reviewers.length > 0 ? actorById(pick(reviewers, s.who).member) : anyone
      return at(reviewer, ItemCommand.SuggestFormat({ revision, note: "For langt" }))
    }
    case "DecideFormat": {
      const undecided = work?.suggestions.filter((suggestion) => suggestion.decision === undefined) ?? []
      const suggestion = undecided.length > 0 && plausible
        ? pick(undecided, s.a).id
        : (`S${(s.a % 3) + 1}` as SuggestionId)
      // Authority is the point of this command: a third of the time, anyone tries.
      return at(
        s.who % 3 === 0 ? anyone : advisor,
        ItemCommand.DecideFormat({ suggestion, decision: s.b % 2 === 0 ? "accepted" : "declined", explanation: text })
      )
    }
    case "Comment":
      return at(anyone, ItemCommand.Comment({ text }))
    case "RemoveReviewer":
      return at(
        advisor,
        ItemCommand.RemoveReviewer({
          reviewer: reviewers.length > 0 ? pick(reviewers, s.a).member : ids.per,
          reason: "Svarer ikke"
        })
      )
    case "ApproveForPublication":
      return at(advisor, ItemCommand.ApproveForPublication({ revision }))
    case "SchedulePublication":
      return at(
        advisor,
        ItemCommand.SchedulePublication({
          network: pick(networkChoices, s.a),
          scheduledFor: DateTime.addDuration(now, `${(s.b % 48) - 2} hours`)
        })
      )
    case "RecordPublication":
      return at(
        advisor,
        ItemCommand.RecordPublication({
          network: pick(networkChoices, s.a),
          url: `https://example.org/p/${s.b}`,
          publishedAt: now
        })
      )
    case "RecordResults":
      return at(
        advisor,
        ItemCommand.RecordResults({
          network: pick(networkChoices, s.a),
          capturedAt: now,
          metrics: { reach: s.b % 5000, reactions: s.a % 300 },
          highlights: []
        })
      )
    case "ShareResults":
      return at(advisor, ItemCommand.ShareResults())
    case "MarkSuccess":
      return at(advisor, ItemCommand.MarkSuccess({}))
    case "ProposeFollowUp":
      return at(
        anyone,
        ItemCommand.ProposeFollowUp({ followUp: `f${s.b % 4}` as ItemId, title: "Mer om dette", pitch: "" })
      )
    case "RecordCorrection":
      return at(advisor, ItemCommand.RecordCorrection({ objections: [], note: text }))
    case "Withdraw":
      return at(plausible && s.a % 3 === 0 ? advisor : anyone, ItemCommand.Withdraw({ reason: text }))
    case "Close":
      return at(advisor, ItemCommand.Close())
  }
}

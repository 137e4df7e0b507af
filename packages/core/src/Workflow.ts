/**
 * The content workflow as a pure decider: `decide(state, command, context)` returns the events a
 * command produces or a typed error, `evolve(state, event)` applies one event, and the state of an
 * item is `fold(evolve, initialState, events)`. No ports, no clock, no I/O: time and the actor come
 * in as data, and authority (DESIGN §2) is checked here, where the rules live.
 *
 * | command | who | from stage |
 * |---|---|---|
 * | SubmitIdea | anyone | None |
 * | EditIdea | submitter or advisor (advisor only once accepted) | Idea, Parked, Drafting, InReview, Approved |
 * | AcceptIdea | advisor | Idea |
 * | ParkIdea / ReviveIdea | advisor | Idea / Parked |
 * | DeclineIdea | advisor | Idea, Parked |
 * | WriteDraft | advisor | Drafting, InReview, Approved |
 * | RequestReview | advisor | Drafting (with a draft), InReview |
 * | ApproveFacts / RaiseObjection | expert reviewer, never on own draft | InReview, Approved (+ Published, CorrectionNeeded to object) |
 * | ResolveObjection | the raiser | InReview, Approved, Published, CorrectionNeeded |
 * | SuggestFormat | reviewer | InReview, Approved |
 * | DecideFormat | advisor | InReview, Approved |
 * | Comment | anyone | every stage but terminal ones |
 * | RemoveReviewer | advisor, no open objection | InReview, Approved |
 * | ApproveForPublication | advisor | InReview |
 * | SchedulePublication | advisor | Approved |
 * | RecordPublication | advisor | Approved, Published, CorrectionNeeded |
 * | RecordResults / ShareResults / MarkSuccess | advisor | Published, CorrectionNeeded |
 * | ProposeFollowUp | anyone | Published, CorrectionNeeded |
 * | RecordCorrection | advisor | CorrectionNeeded |
 * | Withdraw | advisor (or the submitter of an idea) | Idea, Parked, Drafting, InReview, Approved |
 * | Close | advisor | Published |
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as DateTime from "effect/DateTime"
import { type DraftBody, MediaKind, networks, textFor } from "./Draft.js"
import {
  AlreadyPublished,
  type DecisionError,
  ExpertApprovalMissing,
  ExpertReviewerRequired,
  FactObjectionOpen,
  FormatSuggestionUndecided,
  InvalidCommand,
  type InvalidReason,
  InvalidTransition,
  NotAuthorized,
  StaleRevision,
  UnknownObjection,
  UnknownSuggestion,
  type AuthorityRule
} from "./Errors.js"
import type { ItemId, MemberId, ObjectionId, SuggestionId } from "./Ids.js"
import {
  type Approval,
  type Idea,
  type ItemState,
  type Publication,
  type Work,
  ideaOf,
  isTerminal,
  latestContentRevision,
  latestRevision,
  missingApprovals,
  openObjections,
  undecidedSuggestions,
  workOf
} from "./Item.js"
import type { ItemCommand, ItemCommandTag } from "./ItemCommand.js"

import type { ItemEvent } from "./ItemEvent.js"
import { type Actor, hasRole } from "./Member.js"

type Cmd<Tag extends ItemCommandTag> = Extract<ItemCommand, { readonly _tag: Tag }>

/**
 * What `decide` needs besides the state and the command: which item, who acts (with their roles)
 * and when.
 *
 * @since 0.1.0
 * @category decider
 */
export interface DecideContext {
  readonly item: ItemId
  readonly actor: Actor
  readonly now: DateTime.Utc
}

/**
 * The outcome of `decide`: the events to append (possibly none, when the command changes nothing
 * that matters, such as approving the same revision twice), or why the command is refused.
 *
 * @since 0.1.0
 * @category decider
 */
export type Decision = Either.Either<ReadonlyArray<ItemEvent>, DecisionError>

/**
 * The state before any event.
 *
 * @since 0.1.0
 * @category decider
 */
export const initialState: ItemState = { _tag: "None" }

// Events are plain tagged objects built here from validated commands; `decide` runs in every
// command's hot path, so nothing is validated twice.
const accept = (...events: ReadonlyArray<ItemEvent>): Decision => Either.right(events)
const nothing: Decision = Either.right([])
const reject = (error: DecisionError): Decision => Either.left(error)

/** Whether `Error.stackTraceLimit` may be set (it may not where intrinsics are frozen). */
const canLimitStackTraces = (() => {
  const descriptor = Object.getOwnPropertyDescriptor(Error, "stackTraceLimit")
  if (descriptor === undefined) return Object.isExtensible(Error)
  return "writable" in descriptor ? descriptor.writable === true : descriptor.set !== undefined
})()

/**
 * Builds a domain error. Refusals are values, never thrown, so the stack trace an `Error` captures
 * would point only into this module; capturing it is the costliest part of a refusal, so it is
 * skipped. The fields were checked by the types, so the schema does not validate them again.
 */
const refuse = <Props, E extends DecisionError>(
  make: new(props: Props, disableValidation: boolean) => E,
  props: Props
): E => {
  if (!canLimitStackTraces) return new make(props, true)
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return new make(props, true)
  } finally {
    Error.stackTraceLimit = limit
  }
}

const blank = (text: string | undefined): boolean => text === undefined || text.trim() === ""

const wrongStage = (command: ItemCommand, state: ItemState, context: DecideContext): Decision =>
  reject(refuse(InvalidTransition, { item: context.item, command: command._tag, state: state._tag }))

const denied = (command: ItemCommandTag, context: DecideContext, rule: AuthorityRule): Decision =>
  reject(refuse(NotAuthorized, { actor: context.actor.id, command, rule }))

const invalid = (
  command: ItemCommandTag,
  field: string,
  reason: InvalidReason,
  allowed?: ReadonlyArray<string>
): InvalidCommand =>
  refuse(InvalidCommand, allowed === undefined ? { command, field, reason } : { command, field, reason, allowed })

const isAdvisor = (context: DecideContext): boolean => hasRole(context.actor, "advisor")

const inFuture = (time: DateTime.Utc, context: DecideContext): boolean => time.epochMillis > context.now.epochMillis

/** A revision a person acts on must be current for the facts: no older than the latest content revision. */
const checkRevision = (work: Work, seen: number, context: DecideContext): StaleRevision | undefined => {
  const latest = latestRevision(work)?.number ?? 0
  const latestContent = latestContentRevision(work)
  return seen < latestContent || seen > latest || seen < 1
    ? refuse(StaleRevision, { item: context.item, seen, latest, latestContent })
    : undefined
}

/** The veto: only an expert listed as such on this item, and never the owner of the draft. */
/** The owner and whoever wrote a revision: their facts are checked by someone else. */
const isAuthor = (work: Work, member: MemberId): boolean =>
  work.owner === member || work.revisions.some((revision) => revision.by === member)

const checkExpertReviewer = (
  command: ItemCommandTag,
  work: Work,
  context: DecideContext
): Decision | undefined => {
  if (isAuthor(work, context.actor.id)) return denied(command, context, "not_on_own_draft")
  const reviewer = work.reviewers.find((candidate) => candidate.member === context.actor.id)
  if (reviewer === undefined || !reviewer.expert || !hasRole(context.actor, "expert")) {
    return denied(command, context, "expert_reviewer_only")
  }
  return undefined
}

const validateBody = (command: ItemCommandTag, body: DraftBody): InvalidCommand | undefined => {
  if (body.networks.length === 0) return invalid(command, "body.networks", "empty", networks)
  const seen = new Set<string>()
  for (const network of body.networks) {
    if (!networks.includes(network)) return invalid(command, "body.networks", "not_allowed", networks)
    if (seen.has(network)) return invalid(command, "body.networks", "duplicate")
    seen.add(network)
  }
  for (const network of Object.keys(body.perNetwork)) {
    if (!seen.has(network)) return invalid(command, `body.perNetwork.${network}`, "not_allowed", body.networks)
  }
  for (const network of body.networks) {
    if (blank(textFor(body, network))) {
      return invalid(command, body.perNetwork[network] === undefined ? "body.text" : `body.perNetwork.${network}`, "required")
    }
  }
  for (let i = 0; i < body.media.length; i++) {
    const media = body.media[i]!
    if (!MediaKind.literals.includes(media.kind)) {
      return invalid(command, `body.media[${i}].kind`, "not_allowed", MediaKind.literals)
    }
    if (blank(media.url)) return invalid(command, `body.media[${i}].url`, "required")
    if (blank(media.alt)) return invalid(command, `body.media[${i}].alt`, "required")
  }
  return undefined
}

/**
 * Decides what a command means for an item in a given state. Pure and total: every command in
 * every stage gives events or a typed error.
 *
 * @since 0.1.0
 * @category decider
 */
export const decide = (state: ItemState, command: ItemCommand, context: DecideContext): Decision => {
  if (isTerminal(state)) return wrongStage(command, state, context)
  switch (command._tag) {
    case "SubmitIdea":
      return submitIdea(state, command, context)
    case "EditIdea":
      return editIdea(state, command, context)
    case "AcceptIdea":
      if (state._tag !== "Idea") return wrongStage(command, state, context)
      if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
      return accept({ _tag: "IdeaAccepted", by: context.actor.id, at: context.now })
    case "ParkIdea":
      if (state._tag !== "Idea") return wrongStage(command, state, context)
      if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
      if (blank(command.reason)) return reject(invalid(command._tag, "reason", "required"))
      return accept({ _tag: "IdeaParked", by: context.actor.id, at: context.now, reason: command.reason.trim() })
    case "ReviveIdea":
      if (state._tag !== "Parked") return wrongStage(command, state, context)
      if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
      return accept({ _tag: "IdeaRevived", by: context.actor.id, at: context.now })
    case "DeclineIdea":
      if (state._tag !== "Idea" && state._tag !== "Parked") return wrongStage(command, state, context)
      if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
      if (blank(command.reason)) return reject(invalid(command._tag, "reason", "required"))
      return accept({ _tag: "IdeaDeclined", by: context.actor.id, at: context.now, reason: command.reason.trim() })
    case "WriteDraft":
      return writeDraft(state, command, context)
    case "RequestReview":
      return requestReview(state, command, context)
    case "ApproveFacts":
      return approveFacts(state, command, context)
    case "RaiseObjection":
      return raiseObjection(state, command, context)
    case "ResolveObjection":
      return resolveObjection(state, command, context)
    case "SuggestFormat":
      return suggestFormat(state, command, context)
    case "DecideFormat":
      return decideFormat(state, command, context)
    case "Comment":
      if (state._tag === "None") return wrongStage(command, state, context)
      if (blank(command.text)) return reject(invalid(command._tag, "text", "required"))
      return accept({ _tag: "CommentAdded", by: context.actor.id, at: context.now, text: command.text.trim() })
    case "RemoveReviewer":
      return removeReviewer(state, command, context)
    case "ApproveForPublication":
      return approveForPublication(state, command, context)
    case "SchedulePublication":
      return schedulePublication(state, command, context)
    case "RecordPublication":
      return recordPublication(state, command, context)
    case "RecordResults":
      return recordResults(state, command, context)
    case "ShareResults":
      if (state._tag !== "Published" && state._tag !== "CorrectionNeeded") return wrongStage(command, state, context)
      if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
      if (state.publication.results.length === 0) return reject(invalid(command._tag, "results", "empty"))
      return accept({ _tag: "ResultsShared", by: context.actor.id, at: context.now })
    case "MarkSuccess":
      if (state._tag !== "Published" && state._tag !== "CorrectionNeeded") return wrongStage(command, state, context)
      if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
      if (state.publication.success !== undefined) return nothing
      return accept(
        blank(command.note)
          ? { _tag: "MarkedSuccess", by: context.actor.id, at: context.now }
          : { _tag: "MarkedSuccess", by: context.actor.id, at: context.now, note: command.note!.trim() }
      )
    case "ProposeFollowUp":
      if (state._tag !== "Published" && state._tag !== "CorrectionNeeded") return wrongStage(command, state, context)
      if (blank(command.title)) return reject(invalid(command._tag, "title", "required"))
      if (command.followUp === context.item || state.publication.followUps.includes(command.followUp)) {
        return reject(invalid(command._tag, "followUp", "duplicate"))
      }
      return accept(
        {
          _tag: "FollowUpProposed",
          by: context.actor.id,
          at: context.now,
          followUp: command.followUp,
          title: command.title.trim(),
          pitch: command.pitch.trim()
        }
      )
    case "RecordCorrection":
      return recordCorrection(state, command, context)
    case "Withdraw":
      return withdraw(state, command, context)
    case "Close":
      if (state._tag !== "Published") return wrongStage(command, state, context)
      if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
      return accept({ _tag: "ItemClosed", by: context.actor.id, at: context.now })
    default:
      return absurd(command)
  }
}

const absurd = (value: never): never => {
  throw new Error(`unreachable: ${JSON.stringify(value)}`)
}

const submitIdea = (state: ItemState, command: Cmd<"SubmitIdea">, context: DecideContext): Decision => {
  if (state._tag !== "None") return wrongStage(command, state, context)
  if (blank(command.title)) return reject(invalid(command._tag, "title", "required"))
  if (new Set(command.goals).size !== command.goals.length) return reject(invalid(command._tag, "goals", "duplicate"))
  if (new Set(command.concerns).size !== command.concerns.length) {
    return reject(invalid(command._tag, "concerns", "duplicate"))
  }
  return accept(
    {
      _tag: "IdeaSubmitted",
      by: context.actor.id,
      at: context.now,
      item: context.item,
      title: command.title.trim(),
      pitch: command.pitch.trim(),
      goals: command.goals,
      concerns: command.concerns,
      ...(blank(command.department) ? {} : { department: command.department!.trim() }),
      ...(command.meeting === undefined ? {} : { meeting: command.meeting }),
      ...(command.followUpOf === undefined ? {} : { followUpOf: command.followUpOf })
    }
  )
}

const editIdea = (state: ItemState, command: Cmd<"EditIdea">, context: DecideContext): Decision => {
  switch (state._tag) {
    case "Idea":
    case "Parked":
      if (!isAdvisor(context) && context.actor.id !== state.idea.submittedBy) {
        return denied(command._tag, context, "submitter_or_advisor")
      }
      break
    case "Drafting":
    case "InReview":
    case "Approved":
      if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
      break
    default:
      return wrongStage(command, state, context)
  }
  const idea = state.idea
  if (command.title !== undefined && blank(command.title)) return reject(invalid(command._tag, "title", "required"))
  // Same rules as SubmitIdea: no goal or concerned person twice (the comparison below is set-like).
  if (command.goals !== undefined && new Set(command.goals).size !== command.goals.length) {
    return reject(invalid(command._tag, "goals", "duplicate"))
  }
  if (command.concerns !== undefined && new Set(command.concerns).size !== command.concerns.length) {
    return reject(invalid(command._tag, "concerns", "duplicate"))
  }
  const changes = {
    ...(command.title !== undefined && command.title.trim() !== idea.title ? { title: command.title.trim() } : {}),
    ...(command.pitch !== undefined && command.pitch.trim() !== idea.pitch ? { pitch: command.pitch.trim() } : {}),
    ...(!blank(command.department) && command.department!.trim() !== idea.department
      ? { department: command.department!.trim() }
      : {}),
    ...(command.goals !== undefined && !sameMembers(command.goals, idea.goals) ? { goals: command.goals } : {}),
    ...(command.concerns !== undefined && !sameMembers(command.concerns, idea.concerns)
      ? { concerns: command.concerns }
      : {})
  }
  if (Object.keys(changes).length === 0) return reject(invalid(command._tag, "idea", "no_change"))
  return accept({ _tag: "IdeaEdited", by: context.actor.id, at: context.now, ...changes })
}

const sameMembers = <A>(left: ReadonlyArray<A>, right: ReadonlyArray<A>): boolean =>
  left.length === right.length && left.every((value) => right.includes(value))

const writeDraft = (state: ItemState, command: Cmd<"WriteDraft">, context: DecideContext): Decision => {
  if (state._tag !== "Drafting" && state._tag !== "InReview" && state._tag !== "Approved") {
    return wrongStage(command, state, context)
  }
  if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
  const latest = latestRevision(state.work)?.number ?? 0
  if (command.baseRevision !== latest) {
    return reject(
      refuse(StaleRevision, {
        item: context.item,
        seen: command.baseRevision,
        latest,
        latestContent: latestContentRevision(state.work)
      })
    )
  }
  if (command.kind !== "content" && command.kind !== "format") {
    return reject(invalid(command._tag, "kind", "not_allowed", ["content", "format"]))
  }
  if (latest === 0 && command.kind !== "content") return reject(invalid(command._tag, "kind", "not_allowed", ["content"]))
  const problem = validateBody(command._tag, command.body)
  if (problem !== undefined) return reject(problem)
  return accept(
    {
      _tag: "DraftRevised",
      by: context.actor.id,
      at: context.now,
      revision: latest + 1,
      kind: command.kind,
      body: command.body
    }
  )
}

const requestReview = (state: ItemState, command: Cmd<"RequestReview">, context: DecideContext): Decision => {
  if (state._tag !== "Drafting" && state._tag !== "InReview") return wrongStage(command, state, context)
  if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
  const work = state.work
  if (work.revisions.length === 0) return reject(invalid(command._tag, "draft", "required"))
  if (command.reviewers.length === 0) return reject(invalid(command._tag, "reviewers", "empty"))
  const requested = new Set<string>()
  for (const reviewer of command.reviewers) {
    if (isAuthor(work, reviewer.member)) return reject(invalid(command._tag, "reviewers", "self_review"))
    if (requested.has(reviewer.member)) return reject(invalid(command._tag, "reviewers", "duplicate"))
    requested.add(reviewer.member)
  }
  if (command.due !== undefined && !inFuture(command.due, context)) {
    return reject(invalid(command._tag, "due", "in_past"))
  }
  const hasExpert = command.reviewers.some((reviewer) => reviewer.expert) ||
    work.reviewers.some((reviewer) => reviewer.expert)
  if (!hasExpert) return reject(refuse(ExpertReviewerRequired, { item: context.item }))
  return accept({
    _tag: "ReviewRequested",
    by: context.actor.id,
    at: context.now,
    reviewers: command.reviewers,
    ...(command.due === undefined ? {} : { due: command.due }),
    ...(command.reminder === undefined ? {} : { reminder: command.reminder })
  })
}

const approveFacts = (state: ItemState, command: Cmd<"ApproveFacts">, context: DecideContext): Decision => {
  if (state._tag !== "InReview" && state._tag !== "Approved") return wrongStage(command, state, context)
  const notAllowed = checkExpertReviewer(command._tag, state.work, context)
  if (notAllowed !== undefined) return notAllowed
  const stale = checkRevision(state.work, command.revision, context)
  if (stale !== undefined) return reject(stale)
  const mine = state.work.approvals.find((approval) => approval.member === context.actor.id)
  if (mine !== undefined && mine.revision >= command.revision) return nothing
  return accept({ _tag: "FactsApproved", by: context.actor.id, at: context.now, revision: command.revision })
}

const raiseObjection = (state: ItemState, command: Cmd<"RaiseObjection">, context: DecideContext): Decision => {
  switch (state._tag) {
    case "InReview":
    case "Approved":
    case "Published":
    case "CorrectionNeeded":
      break
    default:
      return wrongStage(command, state, context)
  }
  const notAllowed = checkExpertReviewer(command._tag, state.work, context)
  if (notAllowed !== undefined) return notAllowed
  const stale = checkRevision(state.work, command.revision, context)
  if (stale !== undefined) return reject(stale)
  if (blank(command.claim)) return reject(invalid(command._tag, "claim", "required"))
  if (blank(command.correction)) return reject(invalid(command._tag, "correction", "required"))
  return accept(
    {
      _tag: "FactObjectionRaised",
      by: context.actor.id,
      at: context.now,
      objection: `O${state.work.objections.length + 1}` as ObjectionId,
      revision: command.revision,
      claim: command.claim.trim(),
      correction: command.correction.trim()
    }
  )
}

const resolveObjection = (
  state: ItemState,
  command: Cmd<"ResolveObjection">,
  context: DecideContext
): Decision => {
  const work = workOf(state)
  if (work === undefined || state._tag === "Drafting") return wrongStage(command, state, context)
  const objection = work.objections.find((candidate) => candidate.id === command.objection)
  if (objection === undefined) {
    return reject(
      refuse(UnknownObjection, { item: context.item, objection: command.objection, status: "missing" })
    )
  }
  if (objection.by !== context.actor.id) return denied(command._tag, context, "raiser_only")
  if (objection.status !== "open") {
    return reject(
      refuse(UnknownObjection, { item: context.item, objection: command.objection, status: objection.status })
    )
  }
  return accept(
    blank(command.note)
      ? { _tag: "FactObjectionResolved", by: context.actor.id, at: context.now, objection: objection.id }
      : {
        _tag: "FactObjectionResolved",
        by: context.actor.id,
        at: context.now,
        objection: objection.id,
        note: command.note!.trim()
      }
  )
}

const suggestFormat = (state: ItemState, command: Cmd<"SuggestFormat">, context: DecideContext): Decision => {
  if (state._tag !== "InReview" && state._tag !== "Approved") return wrongStage(command, state, context)
  if (!state.work.reviewers.some((reviewer) => reviewer.member === context.actor.id)) {
    return denied(command._tag, context, "reviewer_only")
  }
  const stale = checkRevision(state.work, command.revision, context)
  if (stale !== undefined) return reject(stale)
  if (blank(command.note)) return reject(invalid(command._tag, "note", "required"))
  return accept(
    {
      _tag: "FormatSuggested",
      by: context.actor.id,
      at: context.now,
      suggestion: `S${state.work.suggestions.length + 1}` as SuggestionId,
      revision: command.revision,
      note: command.note.trim()
    }
  )
}

const decideFormat = (state: ItemState, command: Cmd<"DecideFormat">, context: DecideContext): Decision => {
  if (state._tag !== "InReview" && state._tag !== "Approved") return wrongStage(command, state, context)
  if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
  const suggestion = state.work.suggestions.find((candidate) => candidate.id === command.suggestion)
  if (suggestion === undefined) {
    return reject(
      refuse(UnknownSuggestion, { item: context.item, suggestion: command.suggestion, status: "missing" })
    )
  }
  if (suggestion.decision !== undefined) {
    return reject(
      refuse(UnknownSuggestion, { item: context.item, suggestion: command.suggestion, status: "decided" })
    )
  }
  if (command.decision !== "accepted" && command.decision !== "declined") {
    return reject(invalid(command._tag, "decision", "not_allowed", ["accepted", "declined"]))
  }
  if (blank(command.explanation)) return reject(invalid(command._tag, "explanation", "required"))
  return accept(
    {
      _tag: "FormatSuggestionDecided",
      by: context.actor.id,
      at: context.now,
      suggestion: suggestion.id,
      decision: command.decision,
      explanation: command.explanation.trim(),
      ...(blank(command.primer) ? {} : { primer: command.primer!.trim() })
    }
  )
}

const removeReviewer = (state: ItemState, command: Cmd<"RemoveReviewer">, context: DecideContext): Decision => {
  if (state._tag !== "InReview" && state._tag !== "Approved") return wrongStage(command, state, context)
  if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
  const work = state.work
  const reviewer = work.reviewers.find((candidate) => candidate.member === command.reviewer)
  if (reviewer === undefined) return reject(invalid(command._tag, "reviewer", "not_a_reviewer"))
  if (blank(command.reason)) return reject(invalid(command._tag, "reason", "required"))
  const open = openObjections(work)
  if (open.length > 0) return reject(objectionsOpen(context.item, open))
  if (reviewer.expert && !work.reviewers.some((other) => other.expert && other.member !== reviewer.member)) {
    return reject(refuse(ExpertReviewerRequired, { item: context.item }))
  }
  return accept(
    {
      _tag: "ReviewerRemoved",
      by: context.actor.id,
      at: context.now,
      reviewer: reviewer.member,
      reason: command.reason.trim()
    }
  )
}

const objectionsOpen = (item: ItemId, open: ReadonlyArray<{ readonly id: ObjectionId }>) =>
  refuse(FactObjectionOpen, { item, objections: [open[0]!.id, ...open.slice(1).map((objection) => objection.id)] })

const approveForPublication = (
  state: ItemState,
  command: Cmd<"ApproveForPublication">,
  context: DecideContext
): Decision => {
  if (state._tag !== "InReview") return wrongStage(command, state, context)
  if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
  const work = state.work
  const latest = latestRevision(work)?.number ?? 0
  if (command.revision !== latest) {
    return reject(
      refuse(StaleRevision, { item: context.item, seen: command.revision, latest, latestContent: latestContentRevision(work) })
    )
  }
  const open = openObjections(work)
  if (open.length > 0) return reject(objectionsOpen(context.item, open))
  const missing = missingApprovals(work)
  if (missing.length > 0) {
    return reject(
      refuse(ExpertApprovalMissing, {
        item: context.item,
        revision: latestContentRevision(work),
        missing: [missing[0]!, ...missing.slice(1)]
      })
    )
  }
  const undecided = undecidedSuggestions(work)
  if (undecided.length > 0) {
    return reject(
      refuse(FormatSuggestionUndecided, {
        item: context.item,
        suggestions: [undecided[0]!.id, ...undecided.slice(1).map((suggestion) => suggestion.id)]
      })
    )
  }
  return accept({ _tag: "ApprovedForPublication", by: context.actor.id, at: context.now, revision: latest })
}

const targetNetworks = (work: Work) => latestRevision(work)?.body.networks ?? []

const schedulePublication = (
  state: ItemState,
  command: Cmd<"SchedulePublication">,
  context: DecideContext
): Decision => {
  if (state._tag !== "Approved") return wrongStage(command, state, context)
  if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
  const targets = targetNetworks(state.work)
  if (!targets.includes(command.network)) return reject(invalid(command._tag, "network", "not_allowed", targets))
  if (!inFuture(command.scheduledFor, context)) return reject(invalid(command._tag, "scheduledFor", "in_past"))
  return accept(
    {
      _tag: "PublicationScheduled",
      by: context.actor.id,
      at: context.now,
      network: command.network,
      scheduledFor: command.scheduledFor
    }
  )
}

const recordPublication = (
  state: ItemState,
  command: Cmd<"RecordPublication">,
  context: DecideContext
): Decision => {
  if (state._tag !== "Approved" && state._tag !== "Published" && state._tag !== "CorrectionNeeded") {
    return wrongStage(command, state, context)
  }
  if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
  const targets = targetNetworks(state.work)
  if (!targets.includes(command.network)) return reject(invalid(command._tag, "network", "not_allowed", targets))
  // The veto holds after publication too: no new post while a correction is pending.
  const open = openObjections(state.work)
  if (open.length > 0) return reject(objectionsOpen(context.item, open))
  if (state._tag !== "Approved" && state.publication.posts.some((post) => post.network === command.network)) {
    return reject(refuse(AlreadyPublished, { item: context.item, network: command.network }))
  }
  if (blank(command.url)) return reject(invalid(command._tag, "url", "required"))
  return accept(
    {
      _tag: "PostPublished",
      by: context.actor.id,
      at: context.now,
      network: command.network,
      url: command.url.trim(),
      publishedAt: command.publishedAt
    }
  )
}

const recordResults = (state: ItemState, command: Cmd<"RecordResults">, context: DecideContext): Decision => {
  if (state._tag !== "Published" && state._tag !== "CorrectionNeeded") return wrongStage(command, state, context)
  if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
  const published = state.publication.posts.map((post) => post.network)
  if (!published.includes(command.network)) return reject(invalid(command._tag, "network", "not_allowed", published))
  for (const [name, value] of Object.entries(command.metrics)) {
    if (value !== undefined && !(typeof value === "number" && Number.isInteger(value) && value >= 0)) {
      return reject(invalid(command._tag, `metrics.${name}`, "not_allowed"))
    }
  }
  return accept(
    {
      _tag: "ResultsRecorded",
      by: context.actor.id,
      at: context.now,
      network: command.network,
      capturedAt: command.capturedAt,
      metrics: command.metrics,
      highlights: command.highlights
    }
  )
}

const recordCorrection = (
  state: ItemState,
  command: Cmd<"RecordCorrection">,
  context: DecideContext
): Decision => {
  if (state._tag !== "CorrectionNeeded") return wrongStage(command, state, context)
  if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
  if (blank(command.note)) return reject(invalid(command._tag, "note", "required"))
  const answered = command.objections.length === 0
    ? openObjections(state.work).filter((objection) => objection.afterPublication).map((objection) => objection.id)
    : command.objections
  for (const id of answered) {
    const objection = state.work.objections.find((candidate) => candidate.id === id)
    if (objection === undefined || !objection.afterPublication) {
      return reject(refuse(UnknownObjection, { item: context.item, objection: id, status: "missing" }))
    }
    if (objection.status !== "open") {
      return reject(refuse(UnknownObjection, { item: context.item, objection: id, status: objection.status }))
    }
  }
  return accept(
    {
      _tag: "CorrectionRecorded",
      by: context.actor.id,
      at: context.now,
      objections: [answered[0]!, ...answered.slice(1)],
      note: command.note.trim()
    }
  )
}

const withdraw = (state: ItemState, command: Cmd<"Withdraw">, context: DecideContext): Decision => {
  switch (state._tag) {
    case "Idea":
    case "Parked":
      if (!isAdvisor(context) && context.actor.id !== state.idea.submittedBy) {
        return denied(command._tag, context, "submitter_or_advisor")
      }
      break
    case "Drafting":
    case "InReview":
    case "Approved":
      if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
      break
    default:
      return wrongStage(command, state, context)
  }
  if (blank(command.reason)) return reject(invalid(command._tag, "reason", "required"))
  return accept({ _tag: "ItemWithdrawn", by: context.actor.id, at: context.now, reason: command.reason.trim() })
}

// ---------------------------------------------------------------------------------------------
// evolve
// ---------------------------------------------------------------------------------------------

type InStage<Tag extends ItemState["_tag"]> = Extract<ItemState, { readonly _tag: Tag }>
type WorkStage = InStage<"Drafting" | "InReview" | "Approved" | "Published" | "CorrectionNeeded" | "Closed">

const hasWork = (state: ItemState): state is WorkStage => workOf(state) !== undefined && state._tag !== "Withdrawn"

const withWork = (state: WorkStage, work: Work): ItemState => {
  switch (state._tag) {
    case "Drafting":
      return { _tag: "Drafting", idea: state.idea, work }
    case "InReview":
      return { _tag: "InReview", idea: state.idea, work }
    case "Approved":
      return { _tag: "Approved", idea: state.idea, work, approval: state.approval }
    default:
      return { _tag: state._tag, idea: state.idea, work, approval: state.approval, publication: state.publication }
  }
}

const withIdea = (state: ItemState, idea: Idea): ItemState => {
  switch (state._tag) {
    case "Idea":
      return { _tag: "Idea", idea }
    case "Parked":
      return { _tag: "Parked", idea, reason: state.reason }
    case "Drafting":
    case "InReview":
      return { _tag: state._tag, idea, work: state.work }
    case "Approved":
      return { _tag: "Approved", idea, work: state.work, approval: state.approval }
    default:
      return state
  }
}

const withPublication = (state: ItemState, publication: Publication): ItemState =>
  state._tag === "Published" || state._tag === "CorrectionNeeded"
    ? { _tag: state._tag, idea: state.idea, work: state.work, approval: state.approval, publication }
    : state

const emptyWork = (owner: Work["owner"]): Work => ({
  owner,
  revisions: [],
  reviewers: [],
  due: undefined,
  reminder: undefined,
  approvals: [],
  objections: [],
  suggestions: []
})

/**
 * Applies one event to the state. Pure and total: an event that does not fit the stage (which
 * `decide` never produces) leaves the state as it was.
 *
 * @since 0.1.0
 * @category decider
 */
export const evolve = (state: ItemState, event: ItemEvent): ItemState => {
  switch (event._tag) {
    case "IdeaSubmitted":
      return state._tag !== "None" ? state : {
        _tag: "Idea",
        idea: {
          item: event.item,
          title: event.title,
          pitch: event.pitch,
          department: event.department,
          goals: event.goals,
          concerns: event.concerns,
          submittedBy: event.by,
          submittedAt: event.at,
          meeting: event.meeting,
          followUpOf: event.followUpOf
        }
      }
    case "IdeaEdited": {
      const idea = ideaOf(state)
      if (idea === undefined) return state
      return withIdea(state, {
        ...idea,
        title: event.title ?? idea.title,
        pitch: event.pitch ?? idea.pitch,
        department: event.department ?? idea.department,
        goals: event.goals ?? idea.goals,
        concerns: event.concerns ?? idea.concerns
      })
    }
    case "IdeaAccepted":
      return state._tag === "Idea" ? { _tag: "Drafting", idea: state.idea, work: emptyWork(event.by) } : state
    case "IdeaParked":
      return state._tag === "Idea" ? { _tag: "Parked", idea: state.idea, reason: event.reason } : state
    case "IdeaRevived":
      return state._tag === "Parked" ? { _tag: "Idea", idea: state.idea } : state
    case "IdeaDeclined":
      return state._tag === "Idea" || state._tag === "Parked"
        ? { _tag: "Declined", idea: state.idea, reason: event.reason }
        : state
    case "DraftRevised": {
      if (!hasWork(state)) return state
      const content = event.kind === "content"
      const work: Work = {
        ...state.work,
        revisions: [...state.work.revisions, {
          number: event.revision,
          kind: event.kind,
          by: event.by,
          at: event.at,
          body: event.body
        }],
        // A content revision changes the facts: earlier approvals no longer count.
        approvals: content ? [] : state.work.approvals
      }
      return state._tag === "Approved" && content
        ? { _tag: "InReview", idea: state.idea, work }
        : withWork(state, work)
    }
    case "ReviewRequested": {
      if (state._tag !== "Drafting" && state._tag !== "InReview") return state
      const reviewers = [...state.work.reviewers]
      for (const requested of event.reviewers) {
        const index = reviewers.findIndex((reviewer) => reviewer.member === requested.member)
        if (index < 0) reviewers.push({ member: requested.member, expert: requested.expert })
        else if (requested.expert) reviewers[index] = { member: requested.member, expert: true }
      }
      return {
        _tag: "InReview",
        idea: state.idea,
        work: { ...state.work, reviewers, due: event.due ?? state.work.due, reminder: event.reminder ?? state.work.reminder }
      }
    }
    case "FactsApproved": {
      if (!hasWork(state)) return state
      const approvals = state.work.approvals.filter((approval) => approval.member !== event.by)
      approvals.push({ member: event.by, revision: event.revision })
      return withWork(state, { ...state.work, approvals })
    }
    case "FactObjectionRaised": {
      if (!hasWork(state)) return state
      const afterPublication = state._tag === "Published" || state._tag === "CorrectionNeeded"
      const work: Work = {
        ...state.work,
        objections: [...state.work.objections, {
          id: event.objection,
          by: event.by,
          revision: event.revision,
          claim: event.claim,
          correction: event.correction,
          status: "open",
          afterPublication
        }],
        // Objecting withdraws the objector's own approval.
        approvals: state.work.approvals.filter((approval) => approval.member !== event.by)
      }
      switch (state._tag) {
        case "Approved":
          return { _tag: "InReview", idea: state.idea, work }
        case "Published":
          return {
            _tag: "CorrectionNeeded",
            idea: state.idea,
            work,
            approval: state.approval,
            publication: state.publication
          }
        default:
          return withWork(state, work)
      }
    }
    case "FactObjectionResolved":
      return closeObjections(state, [event.objection], "resolved")
    case "CorrectionRecorded":
      return closeObjections(state, event.objections, "corrected")
    case "FormatSuggested":
      if (!hasWork(state)) return state
      return withWork(state, {
        ...state.work,
        suggestions: [...state.work.suggestions, {
          id: event.suggestion,
          by: event.by,
          revision: event.revision,
          note: event.note,
          decision: undefined
        }]
      })
    case "FormatSuggestionDecided":
      if (!hasWork(state)) return state
      return withWork(state, {
        ...state.work,
        suggestions: state.work.suggestions.map((suggestion) =>
          suggestion.id === event.suggestion ? { ...suggestion, decision: event.decision } : suggestion
        )
      })
    case "CommentAdded":
      return state
    case "ReviewerRemoved":
      if (!hasWork(state)) return state
      return withWork(state, {
        ...state.work,
        reviewers: state.work.reviewers.filter((reviewer) => reviewer.member !== event.reviewer),
        approvals: state.work.approvals.filter((approval) => approval.member !== event.reviewer)
      })
    case "ApprovedForPublication":
      return state._tag !== "InReview" ? state : {
        _tag: "Approved",
        idea: state.idea,
        work: state.work,
        approval: { revision: event.revision, by: event.by, at: event.at, schedule: [] }
      }
    case "PublicationScheduled": {
      if (state._tag !== "Approved") return state
      const approval: Approval = {
        ...state.approval,
        schedule: [
          ...state.approval.schedule.filter((entry) => entry.network !== event.network),
          { network: event.network, scheduledFor: event.scheduledFor }
        ]
      }
      return { _tag: "Approved", idea: state.idea, work: state.work, approval }
    }
    case "PostPublished": {
      const post = {
        network: event.network,
        url: event.url,
        publishedAt: event.publishedAt,
        revision: state._tag === "None" ? 0 : latestRevision(workOf(state) ?? emptyWork(event.by))?.number ?? 0
      }
      if (state._tag === "Approved") {
        return {
          _tag: "Published",
          idea: state.idea,
          work: state.work,
          approval: state.approval,
          publication: { posts: [post], results: [], sharedAt: undefined, success: undefined, followUps: [] }
        }
      }
      if (state._tag !== "Published" && state._tag !== "CorrectionNeeded") return state
      return withPublication(state, { ...state.publication, posts: [...state.publication.posts, post] })
    }
    case "ResultsRecorded":
      if (state._tag !== "Published" && state._tag !== "CorrectionNeeded") return state
      return withPublication(state, {
        ...state.publication,
        results: [...state.publication.results, {
          network: event.network,
          capturedAt: event.capturedAt,
          metrics: event.metrics,
          highlights: event.highlights
        }]
      })
    case "ResultsShared":
      if (state._tag !== "Published" && state._tag !== "CorrectionNeeded") return state
      return withPublication(state, { ...state.publication, sharedAt: event.at })
    case "MarkedSuccess":
      if (state._tag !== "Published" && state._tag !== "CorrectionNeeded") return state
      return withPublication(state, { ...state.publication, success: { by: event.by, at: event.at } })
    case "FollowUpProposed":
      if (state._tag !== "Published" && state._tag !== "CorrectionNeeded") return state
      return withPublication(state, {
        ...state.publication,
        followUps: [...state.publication.followUps, event.followUp]
      })
    case "ItemWithdrawn":
      switch (state._tag) {
        case "Idea":
        case "Parked":
          return { _tag: "Withdrawn", idea: state.idea, work: undefined, reason: event.reason, from: state._tag }
        case "Drafting":
        case "InReview":
        case "Approved":
          return { _tag: "Withdrawn", idea: state.idea, work: state.work, reason: event.reason, from: state._tag }
        default:
          return state
      }
    case "ItemClosed":
      return state._tag !== "Published" ? state : {
        _tag: "Closed",
        idea: state.idea,
        work: state.work,
        approval: state.approval,
        publication: state.publication
      }
    default:
      return absurd(event)
  }
}

const closeObjections = (
  state: ItemState,
  ids: ReadonlyArray<ObjectionId>,
  status: "resolved" | "corrected"
): ItemState => {
  if (!hasWork(state)) return state
  const work: Work = {
    ...state.work,
    objections: state.work.objections.map((objection) =>
      ids.includes(objection.id) && objection.status === "open" ? { ...objection, status } : objection
    )
  }
  if (state._tag === "CorrectionNeeded" && openObjections(work).length === 0) {
    return { _tag: "Published", idea: state.idea, work, approval: state.approval, publication: state.publication }
  }
  return withWork(state, work)
}

/**
 * The state after a sequence of events: `events.reduce(evolve, from)`.
 *
 * @since 0.1.0
 * @category decider
 */
export const fold = (events: Iterable<ItemEvent>, from: ItemState = initialState): ItemState => {
  let state = from
  for (const event of events) state = evolve(state, event)
  return state
}

/**
 * The decider as one value, in the shape event-sourcing libraries expect.
 *
 * @since 0.1.0
 * @category decider
 */
export const decider = { decide, evolve, initialState } as const

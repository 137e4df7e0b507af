/**
 * The state of one content item, as a tagged union of workflow stages. Each stage carries only what
 * it needs: an idea has no draft, a draft has no posts. State is never a bag of booleans.
 *
 * ```text
 * None → Idea ⇄ Parked
 *        Idea | Parked → Declined
 *        Idea → Drafting → InReview ⇄ Approved → Published ⇄ CorrectionNeeded
 *                                               Published → Closed
 *        Idea | Parked | Drafting | InReview | Approved → Withdrawn
 * ```
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Schema from "effect/Schema"
import type * as DateTime from "effect/DateTime"
import type { DraftBody, Network, RevisionKind } from "./Draft.js"
import type { GoalId, ItemId, MeetingId, MemberId, ObjectionId, SuggestionId } from "./Ids.js"
import type { Highlight, Metrics } from "./ItemEvent.js"
import type { ReminderPolicy } from "./Member.js"

/**
 * The idea an item grew from.
 *
 * @since 0.1.0
 * @category model
 */
export interface Idea {
  readonly item: ItemId
  readonly title: string
  readonly pitch: string
  readonly department: string | undefined
  readonly goals: ReadonlyArray<GoalId>
  readonly concerns: ReadonlyArray<MemberId>
  readonly submittedBy: MemberId
  readonly submittedAt: DateTime.Utc
  readonly meeting: MeetingId | undefined
  readonly followUpOf: ItemId | undefined
}

/**
 * One kept revision of the draft.
 *
 * @since 0.1.0
 * @category model
 */
export interface Revision {
  readonly number: number
  readonly kind: RevisionKind
  readonly by: MemberId
  readonly at: DateTime.Utc
  readonly body: DraftBody
}

/**
 * Someone asked to review. Experts approve facts and hold the veto; the others comment and
 * suggest format.
 *
 * @since 0.1.0
 * @category model
 */
export interface Reviewer {
  readonly member: MemberId
  readonly expert: boolean
}

/**
 * An expert's approval of the facts of one revision.
 *
 * @since 0.1.0
 * @category model
 */
export interface FactApproval {
  readonly member: MemberId
  readonly revision: number
}

/**
 * Where a fact objection stands: `open` blocks approval and publication; only the raiser makes it
 * `resolved`; after publication the advisor's correction makes it `corrected`.
 *
 * @since 0.1.0
 * @category model
 */
export type ObjectionStatus = "open" | "resolved" | "corrected"

/**
 * An expert's fact objection: what is wrong and what is right.
 *
 * @since 0.1.0
 * @category model
 */
export interface Objection {
  readonly id: ObjectionId
  readonly by: MemberId
  readonly revision: number
  readonly claim: string
  readonly correction: string
  readonly status: ObjectionStatus
  readonly afterPublication: boolean
}

/**
 * A reviewer's format suggestion and, once made, the advisor's decision.
 *
 * @since 0.1.0
 * @category model
 */
export interface Suggestion {
  readonly id: SuggestionId
  readonly by: MemberId
  readonly revision: number
  readonly note: string
  readonly decision: "accepted" | "declined" | undefined
}

/**
 * The draft and its review, from acceptance on.
 *
 * @since 0.1.0
 * @category model
 */
export interface Work {
  readonly owner: MemberId
  readonly revisions: ReadonlyArray<Revision>
  readonly reviewers: ReadonlyArray<Reviewer>
  readonly due: DateTime.Utc | undefined
  /** When reviewers are reminded before `due`; undefined: the workspace's policy. */
  readonly reminder: ReminderPolicy | undefined
  readonly approvals: ReadonlyArray<FactApproval>
  readonly objections: ReadonlyArray<Objection>
  readonly suggestions: ReadonlyArray<Suggestion>
}

/**
 * The advisor's approval for publication, and publications scheduled since.
 *
 * @since 0.1.0
 * @category model
 */
export interface Approval {
  readonly revision: number
  readonly by: MemberId
  readonly at: DateTime.Utc
  readonly schedule: ReadonlyArray<{ readonly network: Network; readonly scheduledFor: DateTime.Utc }>
}

/**
 * A post on one network.
 *
 * @since 0.1.0
 * @category model
 */
export interface Post {
  readonly network: Network
  readonly url: string
  readonly publishedAt: DateTime.Utc
  readonly revision: number
}

/**
 * One results snapshot of one post.
 *
 * @since 0.1.0
 * @category model
 */
export interface ResultSnapshot {
  readonly network: Network
  readonly capturedAt: DateTime.Utc
  readonly metrics: Metrics
  readonly highlights: ReadonlyArray<Highlight>
}

/**
 * What happened after publication: posts, results, sharing, success and follow-ups.
 *
 * @since 0.1.0
 * @category model
 */
export interface Publication {
  readonly posts: ReadonlyArray<Post>
  readonly results: ReadonlyArray<ResultSnapshot>
  readonly sharedAt: DateTime.Utc | undefined
  readonly success: { readonly by: MemberId; readonly at: DateTime.Utc } | undefined
  readonly followUps: ReadonlyArray<ItemId>
}

/**
 * The stage an item is in.
 *
 * @since 0.1.0
 * @category state
 */
export type ItemState = Data.TaggedEnum<{
  /** Nothing submitted yet: the state before the first event. */
  None: {}
  Idea: { readonly idea: Idea }
  Parked: { readonly idea: Idea; readonly reason: string }
  Declined: { readonly idea: Idea; readonly reason: string }
  Drafting: { readonly idea: Idea; readonly work: Work }
  InReview: { readonly idea: Idea; readonly work: Work }
  Approved: { readonly idea: Idea; readonly work: Work; readonly approval: Approval }
  Published: { readonly idea: Idea; readonly work: Work; readonly approval: Approval; readonly publication: Publication }
  CorrectionNeeded: {
    readonly idea: Idea
    readonly work: Work
    readonly approval: Approval
    readonly publication: Publication
  }
  Closed: { readonly idea: Idea; readonly work: Work; readonly approval: Approval; readonly publication: Publication }
  Withdrawn: {
    readonly idea: Idea
    readonly work: Work | undefined
    readonly reason: string
    readonly from: "Idea" | "Parked" | "Drafting" | "InReview" | "Approved"
  }
}>

/**
 * Constructors and matchers for {@link ItemState}.
 *
 * @since 0.1.0
 * @category state
 */
export const ItemState = Data.taggedEnum<ItemState>()

/**
 * The name of a stage, as a Schema (read models and reports carry it).
 *
 * @since 0.1.0
 * @category state
 */
export const Stage = Schema.Literal(
  "None",
  "Idea",
  "Parked",
  "Declined",
  "Drafting",
  "InReview",
  "Approved",
  "Published",
  "CorrectionNeeded",
  "Closed",
  "Withdrawn"
)
/** @since 0.1.0 @category state */
export type Stage = ItemState["_tag"]

/**
 * Every stage, in workflow order.
 *
 * @since 0.1.0
 * @category state
 */
export const stages: ReadonlyArray<Stage> = Stage.literals

/**
 * Stages that accept no further commands.
 *
 * @since 0.1.0
 * @category state
 */
export const isTerminal = (state: ItemState): boolean =>
  state._tag === "Declined" || state._tag === "Withdrawn" || state._tag === "Closed"

/**
 * The idea behind an item, if one was submitted.
 *
 * @since 0.1.0
 * @category accessors
 */
export const ideaOf = (state: ItemState): Idea | undefined => (state._tag === "None" ? undefined : state.idea)

/**
 * The draft and review, once the idea was accepted.
 *
 * @since 0.1.0
 * @category accessors
 */
export const workOf = (state: ItemState): Work | undefined => {
  switch (state._tag) {
    case "None":
    case "Idea":
    case "Parked":
    case "Declined":
      return undefined
    default:
      return state.work
  }
}

/**
 * The newest revision, if any.
 *
 * @since 0.1.0
 * @category accessors
 */
export const latestRevision = (work: Work): Revision | undefined => work.revisions[work.revisions.length - 1]

/**
 * The number of the newest revision that changed content (0 before the first draft). Fact
 * approvals count only from this revision on.
 *
 * @since 0.1.0
 * @category accessors
 */
export const latestContentRevision = (work: Work): number => {
  for (let i = work.revisions.length - 1; i >= 0; i--) {
    const revision = work.revisions[i]!
    if (revision.kind === "content") return revision.number
  }
  return 0
}

/**
 * Fact objections that are still open.
 *
 * @since 0.1.0
 * @category accessors
 */
export const openObjections = (work: Work): ReadonlyArray<Objection> =>
  work.objections.filter((objection) => objection.status === "open")

/**
 * Format suggestions the advisor has not decided yet.
 *
 * @since 0.1.0
 * @category accessors
 */
export const undecidedSuggestions = (work: Work): ReadonlyArray<Suggestion> =>
  work.suggestions.filter((suggestion) => suggestion.decision === undefined)

/**
 * Expert reviewers who have not approved the facts of the latest content revision.
 *
 * @since 0.1.0
 * @category accessors
 */
export const missingApprovals = (work: Work): ReadonlyArray<MemberId> => {
  const needed = latestContentRevision(work)
  return work.reviewers
    .filter((reviewer) =>
      reviewer.expert &&
      !work.approvals.some((approval) => approval.member === reviewer.member && approval.revision >= needed)
    )
    .map((reviewer) => reviewer.member)
}

/**
 * Everyone who took part: whoever submitted the idea, the people it concerns, the owning advisor
 * and the reviewers. They are the ones told about approval, publication and results.
 *
 * @since 0.1.0
 * @category accessors
 */
export const participants = (state: ItemState): ReadonlyArray<MemberId> => {
  const idea = ideaOf(state)
  if (idea === undefined) return []
  const work = workOf(state)
  const all = new Set<MemberId>([idea.submittedBy, ...idea.concerns])
  if (work !== undefined) {
    all.add(work.owner)
    for (const reviewer of work.reviewers) all.add(reviewer.member)
  }
  return [...all]
}

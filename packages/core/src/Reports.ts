/**
 * Reports for a period, as data for the bots and the CLI to render: what social media did for each
 * goal (ideas, posts, reach, engagement, the best posts, the trend month by month), and who took
 * part (ideas brought, reviews given, posts published, best results), per person and per
 * department. The article's point is to get more colleagues on board; recognition makes the
 * dugnad visible.
 *
 * Counting rules: an idea counts in the period it was submitted; a review act (a fact approval, a
 * fact objection or a format suggestion) in the period it was given; a post in the period it was
 * published (one per network it went out on), with its latest recorded numbers; engagement is
 * reactions + comments + shares, as in `ResultsContext`. A person is credited with a published post when
 * they brought the idea, are concerned by it, reviewed it or own it as advisor.
 *
 * @since 0.1.0
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import type { Network } from "./Draft.js"
import { Directory } from "./Directory.js"
import { EventStore } from "./EventStore.js"
import type { GoalId, ItemId, MemberId, WorkspaceId } from "./Ids.js"
import type { PostResult } from "./Projection.js"
import { ReadModel } from "./ReadModel.js"
import { engagementOf } from "./ResultsContext.js"

/**
 * The period a report covers: `[from, until)`.
 *
 * @since 0.1.0
 * @category model
 */
export interface Period {
  readonly from: DateTime.Utc
  readonly until: DateTime.Utc
}

/**
 * One post in a report, with its latest numbers.
 *
 * @since 0.1.0
 * @category model
 */
export interface ReportedPost {
  readonly item: ItemId
  readonly title: string
  readonly network: Network
  readonly url: string
  readonly publishedAt: DateTime.Utc
  readonly reach: number | undefined
  readonly engagement: number | undefined
}

/**
 * One month of a goal's trend (months in UTC; `2026-03`).
 *
 * @since 0.1.0
 * @category model
 */
export interface TrendPoint {
  readonly month: string
  readonly posts: number
  readonly reach: number
  readonly engagement: number
}

/**
 * What social media did for one goal in the period.
 *
 * @since 0.1.0
 * @category model
 */
export interface GoalReport {
  readonly goal: GoalId
  readonly title: string
  readonly ideas: number
  readonly posts: number
  readonly reach: number
  readonly engagement: number
  /** The best three posts by engagement (then reach). */
  readonly best: ReadonlyArray<ReportedPost>
  readonly trend: ReadonlyArray<TrendPoint>
}

/**
 * One person's part in the period.
 *
 * @since 0.1.0
 * @category model
 */
export interface PersonReport {
  readonly member: MemberId
  readonly name: string
  readonly department: string | undefined
  readonly ideas: number
  readonly reviews: number
  readonly posts: number
  /** Their best post of the period by engagement, if any. */
  readonly best: ReportedPost | undefined
}

/**
 * One department's part in the period (members without a department are left out).
 *
 * @since 0.1.0
 * @category model
 */
export interface DepartmentReport {
  readonly department: string
  readonly members: number
  readonly ideas: number
  readonly reviews: number
  readonly posts: number
}

/** What the log says about one item, as far as reports care. */
interface ItemFacts {
  title: string
  goals: ReadonlyArray<GoalId>
  submittedBy: MemberId
  submittedAt: DateTime.Utc
  concerns: ReadonlyArray<MemberId>
  owner: MemberId | undefined
  readonly reviewers: Set<MemberId>
}

/** A review act: what an expert or a colleague gives a draft. */
const reviewActs = new Set(["FactsApproved", "FactObjectionRaised", "FormatSuggested"])

const inPeriod = (at: DateTime.Utc, period: Period) =>
  at.epochMillis >= period.from.epochMillis && at.epochMillis < period.until.epochMillis

const page = 1000

/** Reads the workspace's whole log once: item facts, and review acts in the period per person. */
const scan = (workspace: WorkspaceId, period: Period) =>
  Effect.gen(function*() {
    const store = yield* EventStore
    const items = new Map<ItemId, ItemFacts>()
    const reviews = new Map<MemberId, number>()
    let after = 0
    while (true) {
      const batch = yield* store.readAll(workspace, { after, limit: page })
      for (const { event, stream } of batch) {
        const facts = items.get(stream)
        switch (event._tag) {
          case "IdeaSubmitted":
            items.set(stream, {
              title: event.title,
              goals: event.goals,
              submittedBy: event.by,
              submittedAt: event.at,
              concerns: event.concerns,
              owner: undefined,
              reviewers: new Set()
            })
            break
          case "IdeaEdited":
            if (facts === undefined) break
            if (event.title !== undefined) facts.title = event.title
            if (event.goals !== undefined) facts.goals = event.goals
            if (event.concerns !== undefined) facts.concerns = event.concerns
            break
          case "IdeaAccepted":
            if (facts !== undefined) facts.owner = event.by
            break
          case "ReviewRequested":
            for (const reviewer of event.reviewers) facts?.reviewers.add(reviewer.member)
            break
          default:
            if (reviewActs.has(event._tag) && inPeriod(event.at, period)) {
              reviews.set(event.by, (reviews.get(event.by) ?? 0) + 1)
            }
        }
      }
      if (batch.length < page) break
      after = batch[batch.length - 1]!.position
    }
    return { items, reviews }
  })

const reported = (post: PostResult, title: string): ReportedPost => ({
  item: post.item,
  title,
  network: post.network,
  url: post.url,
  publishedAt: post.publishedAt,
  reach: post.metrics.reach,
  engagement: engagementOf(post.metrics)
})

const byResult = (left: ReportedPost, right: ReportedPost) =>
  (right.engagement ?? -1) - (left.engagement ?? -1) || (right.reach ?? -1) - (left.reach ?? -1) ||
  right.publishedAt.epochMillis - left.publishedAt.epochMillis

/** Posts published in the period, with the item facts they belong to. */
const postsIn = (workspace: WorkspaceId, period: Period, items: ReadonlyMap<ItemId, ItemFacts>) =>
  Effect.map(
    Effect.flatMap(ReadModel, (readModel) => readModel.results(workspace, { publishedSince: period.from })),
    (posts) =>
      posts
        .filter((post) => inPeriod(post.publishedAt, period) && items.has(post.item))
        .map((post) => ({ post, facts: items.get(post.item)!, reported: reported(post, items.get(post.item)!.title) }))
  )

const sum = (values: ReadonlyArray<number | undefined>) => values.reduce<number>((total, value) => total + (value ?? 0), 0)

const monthOf = (at: DateTime.Utc) => DateTime.formatIso(at).slice(0, 7)

/**
 * What social media did for each goal of the workspace in the period: every goal, also those
 * without activity (zeros say something too).
 *
 * @since 0.1.0
 * @category reports
 */
export const goals = Effect.fn("Reports.goals")(function*(workspace: WorkspaceId, period: Period) {
  const directory = yield* Directory
  const { items } = yield* scan(workspace, period)
  const posts = yield* postsIn(workspace, period, items)
  return (yield* directory.goals(workspace)).map((goal): GoalReport => {
    const own = posts.filter(({ facts }) => facts.goals.includes(goal.id))
    const months = new Map<string, Array<ReportedPost>>()
    for (const { reported: post } of own) {
      const month = monthOf(post.publishedAt)
      months.set(month, [...(months.get(month) ?? []), post])
    }
    return {
      goal: goal.id,
      title: goal.title,
      ideas: [...items.values()].filter((facts) => facts.goals.includes(goal.id) && inPeriod(facts.submittedAt, period))
        .length,
      posts: own.length,
      reach: sum(own.map(({ reported: post }) => post.reach)),
      engagement: sum(own.map(({ reported: post }) => post.engagement)),
      best: own.map(({ reported: post }) => post).sort(byResult).slice(0, 3),
      trend: [...months.entries()].sort(([left], [right]) => left.localeCompare(right)).map(([month, list]) => ({
        month,
        posts: list.length,
        reach: sum(list.map((post) => post.reach)),
        engagement: sum(list.map((post) => post.engagement))
      }))
    }
  })
})

/**
 * Who took part in the period, per person (everyone in the directory, most active first) and per
 * department.
 *
 * @since 0.1.0
 * @category reports
 */
export const people = Effect.fn("Reports.people")(function*(workspace: WorkspaceId, period: Period) {
  const directory = yield* Directory
  const { items, reviews } = yield* scan(workspace, period)
  const posts = yield* postsIn(workspace, period, items)
  const members = yield* directory.members(workspace)
  const persons = members.map((member): PersonReport => {
    const theirs = posts.filter(({ facts }) =>
      facts.submittedBy === member.id || facts.owner === member.id || facts.concerns.includes(member.id) ||
      facts.reviewers.has(member.id)
    )
    return {
      member: member.id,
      name: member.name,
      department: member.department,
      ideas: [...items.values()].filter((facts) => facts.submittedBy === member.id && inPeriod(facts.submittedAt, period))
        .length,
      reviews: reviews.get(member.id) ?? 0,
      posts: theirs.length,
      best: theirs.map(({ reported: post }) => post).sort(byResult)[0]
    }
  })
  const activity = (person: PersonReport) => person.ideas + person.reviews + person.posts
  const departments = new Map<string, Array<PersonReport>>()
  for (const person of persons) {
    if (person.department !== undefined) departments.set(person.department, [...(departments.get(person.department) ?? []), person])
  }
  return {
    people: [...persons].sort((left, right) => activity(right) - activity(left) || left.name.localeCompare(right.name)),
    departments: [...departments.entries()]
      .map(([department, list]): DepartmentReport => ({
        department,
        members: list.length,
        ideas: sum(list.map((person) => person.ideas)),
        reviews: sum(list.map((person) => person.reviews)),
        // A post with two people of one department counts once for it.
        posts: new Set(
          posts.filter(({ facts }) =>
            list.some((person) =>
              facts.submittedBy === person.member || facts.owner === person.member ||
              facts.concerns.includes(person.member) || facts.reviewers.has(person.member)
            )
          ).map(({ post }) => `${post.item}/${post.network}`)
        ).size
      }))
      .sort((left, right) => right.ideas + right.reviews + right.posts - (left.ideas + left.reviews + left.posts) ||
        left.department.localeCompare(right.department))
  }
})

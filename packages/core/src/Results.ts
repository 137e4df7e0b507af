/**
 * Results back to the people who helped: the article's last step. For a published item this
 * builds the feedback every participant gets (the numbers, the comment highlights, the post's
 * standing among the network's recent posts, and a chart), decides whether the post is a success
 * (the workspace's threshold: by default the top quartile with enough history), and when it is,
 * marks it, which celebrates it in the team channel, and proposes follow-up ideas an advisor can
 * accept with one action (they land on the next meeting's agenda).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as DateTime from "effect/DateTime"
import * as Commands from "./Commands.js"
import type { Network } from "./Draft.js"
import { Directory } from "./Directory.js"
import { InvalidCommand } from "./Errors.js"
import type { CommandId, GoalId, ItemId, MemberId, WorkspaceId } from "./Ids.js"
import { ideaOf, type ItemState, workOf } from "./Item.js"
import { ItemCommand } from "./ItemCommand.js"
import type { Highlight, Metrics } from "./ItemEvent.js"
import type { Locale, Workspace } from "./Member.js"
import * as Messages from "./Messages.js"
import * as Queries from "./Queries.js"
import { ReadModel } from "./ReadModel.js"
import { type ChartPost, ChartRenderError, renderPng } from "./ResultsChart.js"
import { contextFor, type PostContext, type Standing } from "./ResultsContext.js"

/**
 * When a post counts as a success: its engagement (or, without engagement figures, its reach)
 * is at or above `percentile` among at least `minHistory` comparable posts.
 *
 * @since 0.1.0
 * @category success
 */
export interface SuccessThreshold {
  readonly percentile: number
  readonly minHistory: number
}

/**
 * The default: the top quartile, among at least five comparable posts.
 *
 * @since 0.1.0
 * @category success
 */
export const defaultThreshold: SuccessThreshold = { percentile: 75, minHistory: 5 }

/**
 * Whether a post's context clears the threshold.
 *
 * @since 0.1.0
 * @category success
 */
export const isSuccess = (context: PostContext, threshold: SuccessThreshold = defaultThreshold): boolean => {
  const standing: Standing = context.engagement._tag === "Ranked" ? context.engagement : context.reach
  return standing._tag === "Ranked" && standing.of >= threshold.minHistory && standing.percentile >= threshold.percentile
}

/**
 * How someone took part in an item.
 *
 * @since 0.1.0
 * @category feedback
 */
export type Contribution = "idea" | "concerned" | "reviewer" | "advisor"

/**
 * One person who took part, and how.
 *
 * @since 0.1.0
 * @category feedback
 */
export interface Participant {
  readonly member: MemberId
  readonly contributions: ReadonlyArray<Contribution>
}

/**
 * One published post with its latest numbers, its highlights and its context.
 *
 * @since 0.1.0
 * @category feedback
 */
export interface PostFeedback {
  readonly network: Network
  readonly url: string
  readonly publishedAt: DateTime.Utc
  readonly capturedAt: DateTime.Utc | undefined
  readonly metrics: Metrics
  readonly highlights: ReadonlyArray<Highlight>
  readonly context: PostContext
  /** The title of the window's best other post (`context.best`), when there is one. */
  readonly bestTitle: string | undefined
  readonly success: boolean
}

/**
 * A follow-up idea Dugnad proposes for a successful post: an angle on the same topic, with the
 * parent's goals and people. `Messages` words its title and pitch.
 *
 * @since 0.1.0
 * @category follow-ups
 */
export interface FollowUpSuggestion {
  readonly angle: FollowUpAngle
  readonly basedOn: ItemId
  readonly goals: ReadonlyArray<GoalId>
  readonly concerns: ReadonlyArray<MemberId>
}

/**
 * The angles a follow-up can take: more of the same topic, behind the scenes, the people in it,
 * and what happens next.
 *
 * @since 0.1.0
 * @category follow-ups
 */
export type FollowUpAngle = "more" | "behind-the-scenes" | "people" | "what-next"

/** @since 0.1.0 @category follow-ups */
export const followUpAngles: ReadonlyArray<FollowUpAngle> = ["more", "behind-the-scenes", "people", "what-next"]

/**
 * Everything the people who helped should hear about a published item.
 *
 * @since 0.1.0
 * @category feedback
 */
export interface Feedback {
  readonly workspace: WorkspaceId
  readonly item: ItemId
  readonly title: string
  readonly posts: ReadonlyArray<PostFeedback>
  /** The titles of the posts in the contexts' windows, by item (for charts and the best post). */
  readonly titles: Readonly<Record<ItemId, string>>
  /** The titles of the goals the item serves (the contexts' goal totals name goals by id). */
  readonly goals: ReadonlyArray<{ readonly goal: GoalId; readonly title: string }>
  readonly participants: ReadonlyArray<Participant>
  /** Any of its posts cleared the threshold. */
  readonly success: boolean
  /** Whether the item is marked a success (by the threshold, or by an advisor). */
  readonly marked: boolean
  /** Proposed when it is a success and has no follow-ups yet. */
  readonly followUps: ReadonlyArray<FollowUpSuggestion>
}

/**
 * Who took part and how: whoever brought the idea, the people it concerns, the reviewers and the
 * owning advisor.
 *
 * @since 0.1.0
 * @category feedback
 */
export const participantsOf = (state: ItemState): ReadonlyArray<Participant> => {
  const idea = ideaOf(state)
  if (idea === undefined) return []
  const work = workOf(state)
  const found = new Map<MemberId, Array<Contribution>>()
  const add = (member: MemberId, contribution: Contribution) => {
    const list = found.get(member) ?? []
    if (!list.includes(contribution)) list.push(contribution)
    found.set(member, list)
  }
  add(idea.submittedBy, "idea")
  for (const member of idea.concerns) add(member, "concerned")
  for (const reviewer of work?.reviewers ?? []) add(reviewer.member, "reviewer")
  if (work !== undefined) add(work.owner, "advisor")
  return [...found.entries()].map(([member, contributions]) => ({ member, contributions }))
}

/**
 * The feedback for a published item: each post's latest numbers and highlights in the context of
 * the network's recent posts, whether it is a success by the workspace's threshold, who took part,
 * and follow-up suggestions.
 *
 * @since 0.1.0
 * @category feedback
 */
export const feedback = Effect.fn("Results.feedback")(function*(
  workspace: WorkspaceId,
  item: ItemId,
  options: { readonly windowDays?: number | undefined } = {}
) {
  const directory = yield* Directory
  const settings = yield* directory.workspace(workspace)
  const view = yield* Queries.item(workspace, item)
  const state = view.state
  if (state._tag !== "Published" && state._tag !== "CorrectionNeeded" && state._tag !== "Closed") {
    return yield* new InvalidCommand({ command: "Feedback", field: "item", reason: "not_allowed" })
  }
  const threshold = settings.successThreshold ?? defaultThreshold
  const readModel = yield* ReadModel
  const titles = new Map((yield* readModel.board(workspace, {})).map((summary) => [summary.item, summary.title]))
  const goalTitles = new Map((yield* directory.goals(workspace)).map((goal) => [goal.id, goal.title]))
  const posts: Array<PostFeedback> = []
  for (const post of state.publication.posts) {
    const snapshots = state.publication.results.filter((snapshot) => snapshot.network === post.network)
    const latest = snapshots.reduce<(typeof snapshots)[number] | undefined>(
      (best, snapshot) => best === undefined || snapshot.capturedAt.epochMillis >= best.capturedAt.epochMillis ? snapshot : best,
      undefined
    )
    const context = yield* contextFor(workspace, item, post.network, options)
    posts.push({
      network: post.network,
      url: post.url,
      publishedAt: post.publishedAt,
      capturedAt: latest?.capturedAt,
      metrics: latest?.metrics ?? {},
      highlights: snapshots.flatMap((snapshot) => snapshot.highlights),
      context,
      bestTitle: context.best === undefined ? undefined : titles.get(context.best.item),
      success: isSuccess(context, threshold)
    })
  }
  const success = posts.some((post) => post.success)
  const idea = state.idea
  return {
    workspace,
    item,
    title: idea.title,
    posts,
    titles: Object.fromEntries(
      posts.flatMap((post) => post.context.posts.map((point) => [point.item, titles.get(point.item) ?? point.item]))
    ),
    goals: idea.goals.map((goal) => ({ goal, title: goalTitles.get(goal) ?? goal })),
    participants: participantsOf(state),
    success,
    marked: state.publication.success !== undefined,
    followUps: success && state.publication.followUps.length === 0
      ? followUpAngles.map((angle) => ({ angle, basedOn: item, goals: idea.goals, concerns: idea.concerns }))
      : []
  } satisfies Feedback
})

/**
 * Shares an item's results with everyone who took part (`ShareResults`: the outbox tells them),
 * and when a post clears the workspace's threshold and the item is not marked yet, marks it a
 * success (`MarkSuccess`: the team channel celebrates it) in the same step. Returns the feedback.
 * Idempotent like any command: the same `commandId` twice shares once.
 *
 * @since 0.1.0
 * @category feedback
 */
export const share = Effect.fn("Results.share")(function*(
  workspace: WorkspaceId,
  actor: MemberId,
  item: ItemId,
  commandId: CommandId
) {
  yield* Commands.handle({ workspace, commandId, actor, item, command: ItemCommand.ShareResults() })
  const found = yield* feedback(workspace, item)
  if (!found.success || found.marked) return found
  yield* Commands.handle({
    workspace,
    commandId: `${commandId}-success` as CommandId,
    actor,
    item,
    command: ItemCommand.MarkSuccess({})
  })
  return { ...found, marked: true } satisfies Feedback
})

/**
 * Accepts a follow-up suggestion with one action: a new idea on the same topic and goals, linked
 * to the successful item, worded in the workspace's language. As a new idea that follows up a
 * success, it goes on the next meeting's agenda.
 *
 * @since 0.1.0
 * @category follow-ups
 */
export const acceptFollowUp = Effect.fn("Results.acceptFollowUp")(function*(
  workspace: WorkspaceId,
  actor: MemberId,
  suggestion: FollowUpSuggestion,
  commandId: CommandId
) {
  const directory = yield* Directory
  const settings = yield* directory.workspace(workspace)
  const view = yield* Queries.item(workspace, suggestion.basedOn)
  const parent = ideaOf(view.state)
  const wording = Messages.messages(settings.locale).followUp[suggestion.angle](parent?.title ?? suggestion.basedOn)
  const followUp = yield* Commands.newItemId
  return yield* Commands.handle({
    workspace,
    commandId,
    actor,
    item: suggestion.basedOn,
    command: ItemCommand.ProposeFollowUp({ followUp, title: wording.title, pitch: wording.pitch })
  })
})

/**
 * A post's chart that could not be drawn, and why: for logs and bug reports, not for users (the
 * message still tells the post's numbers in words).
 *
 * @since 0.1.0
 * @category feedback
 */
export interface ChartFailure {
  readonly network: Network
  readonly error: ChartRenderError
}

/**
 * One participant's message: their language, the text, the chart of each post that could be
 * drawn, and the posts whose chart could not be (`chartFailures`, in post order; empty when every
 * chart was drawn). A post without engagement figures has no chart and is not a failure.
 *
 * @since 0.1.0
 * @category feedback
 */
export interface ParticipantMessage {
  readonly member: MemberId
  readonly locale: Locale
  readonly text: string
  readonly charts: ReadonlyArray<{ readonly network: Network; readonly png: Uint8Array }>
  readonly chartFailures: ReadonlyArray<ChartFailure>
}

/** The chart of one post's engagement against the network's recent posts, labelled in `locale`. */
const chartOf = (
  settings: Workspace,
  titles: Feedback["titles"],
  post: PostFeedback,
  locale: Locale
) => {
  const points: ReadonlyArray<ChartPost> = post.context.posts.map((point) => ({
    item: point.item,
    label: titles[point.item] ?? point.item,
    publishedAt: point.publishedAt,
    value: point.engagement
  }))
  const own = points.find((point) => point.item === post.context.item)
  // A context without this post's own point (a hand-made `Feedback`) has nothing to chart.
  if (own === undefined) return Effect.fail(new ChartRenderError({ stage: "input", detail: "post-without-value" }))
  const median = post.context.engagement._tag === "Ranked" ? post.context.engagement.median : undefined
  return renderPng({
    metric: "engagement",
    post: own,
    others: points.filter((point) => point.item !== post.context.item),
    ...(median === undefined ? {} : { median }),
    labels: Messages.messages(locale).chart(post.network, post.context.window.days),
    locale,
    timeZone: settings.timeZone
  })
}

/** A language's charts: those drawn, and the posts whose chart could not be. */
interface Charts {
  readonly charts: ParticipantMessage["charts"]
  readonly chartFailures: ReadonlyArray<ChartFailure>
}

/**
 * The feedback as each participant gets it: in their language (their own, else the workspace's),
 * with the numbers, the highlights and the context in plain words, and a chart per post. Charts are
 * rendered once per language.
 *
 * A chart is an extra: a post whose chart cannot be drawn (`ChartRenderError`) still gets its
 * message, with its numbers in words and without that chart, and the failure is in the message's
 * `chartFailures`, for the caller to log (or to mention). So a chart never fails the call, which
 * matters because callers run it after `share` has recorded the share. A post without engagement
 * figures has no chart and no failure. Fails only when the workspace is unknown.
 *
 * @since 0.1.0
 * @category feedback
 */
export const messagesFor = Effect.fn("Results.messagesFor")(function*(found: Feedback) {
  const directory = yield* Directory
  const settings = yield* directory.workspace(found.workspace)
  const members = new Map((yield* directory.members(found.workspace)).map((member) => [member.id, member]))
  const context: Messages.RenderContext = {
    timeZone: settings.timeZone,
    name: (member) => members.get(member)?.name ?? member
  }
  const byLocale = new Map<Locale, Charts>()
  const chartsIn = (locale: Locale) =>
    Effect.map(
      Effect.forEach(found.posts, (post) =>
        // A post without engagement figures has no chart; the text still tells its numbers.
        post.context.engagement._tag === "Missing"
          ? Effect.succeed(undefined)
          : Effect.either(chartOf(settings, found.titles, post, locale)).pipe(
            Effect.map((drawn) => ({ network: post.network, drawn }))
          )),
      (results): Charts => ({
        charts: results.flatMap((result) =>
          result?.drawn._tag === "Right" ? [{ network: result.network, png: result.drawn.right }] : []
        ),
        chartFailures: results.flatMap((result) =>
          result?.drawn._tag === "Left" ? [{ network: result.network, error: result.drawn.left }] : []
        )
      })
    )
  const messages: Array<ParticipantMessage> = []
  for (const participant of found.participants) {
    const locale = Messages.localeFor(settings, members.get(participant.member))
    let charts = byLocale.get(locale)
    if (charts === undefined) {
      charts = yield* chartsIn(locale)
      byLocale.set(locale, charts)
    }
    messages.push({
      member: participant.member,
      locale,
      text: Messages.messages(locale).results.feedback({ feedback: found, participant }, context),
      charts: charts.charts,
      chartFailures: charts.chartFailures
    })
  }
  return messages as ReadonlyArray<ParticipantMessage>
})

/**
 * The celebration for the team channel, in the workspace's language: the item, the numbers that
 * made it a success, and everyone who took part, by name.
 *
 * @since 0.1.0
 * @category success
 */
export const celebration = Effect.fn("Results.celebration")(function*(workspace: WorkspaceId, item: ItemId) {
  const directory = yield* Directory
  const settings = yield* directory.workspace(workspace)
  const members = new Map((yield* directory.members(workspace)).map((member) => [member.id, member]))
  const found = yield* feedback(workspace, item)
  return Messages.messages(settings.locale).results.celebration(found, {
    timeZone: settings.timeZone,
    name: (member) => members.get(member)?.name ?? member
  })
})

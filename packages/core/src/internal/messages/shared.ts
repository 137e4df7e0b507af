/**
 * What both catalogues compute the same way about results feedback: the order of contributions,
 * the context metrics, and the small derivations their sentences are built on.
 */
import type { Highlight } from "../../ItemEvent.js"
import type { Catalogue, DugnadError, RenderContext } from "../../Messages.js"
import type { Contribution, Feedback, PostFeedback } from "../../Results.js"
import type { Ranked } from "../../ResultsContext.js"

export const contributionOrder: ReadonlyArray<Contribution> = ["idea", "concerned", "reviewer", "advisor"]
export type ContextMetric = "engagement" | "reach" | "engagementRate"
export const contextMetrics: ReadonlyArray<ContextMetric> = ["engagement", "reach", "engagementRate"]
/** `value ÷ median` to one decimal; undefined when the median is 0. */
export const ratioOf = (standing: Ranked) =>
  standing.ratioToMedian === undefined ? undefined : Math.round(standing.ratioToMedian * 10) / 10
/** The most recently published post with goal totals: its window is the freshest view of the goals. */
export const latestWithGoals = (found: Feedback) =>
  found.posts.reduce<PostFeedback | undefined>(
    (latest, post) =>
      post.context.goals.length > 0 && (latest === undefined || post.publishedAt.epochMillis >= latest.publishedAt.epochMillis)
        ? post
        : latest,
    undefined
  )
/** A highlight kept at two check-ins is shown once. */
export const distinctHighlights = (highlights: ReadonlyArray<Highlight>) => {
  const seen = new Set<string>()
  return highlights.filter((highlight) => {
    const key = JSON.stringify([highlight.text, highlight.author])
    return seen.has(key) ? false : (seen.add(key), true)
  })
}
/** Whether the feedback speaks of engagement, and of the engagement rate, so that it says what they are. */
export const explained = (found: Feedback) => ({
  engagement: found.posts.some((post) =>
    post.context.engagement._tag !== "Missing" || post.context.engagementRate._tag !== "Missing" ||
    post.context.best !== undefined
  ),
  rate: found.posts.some((post) => post.context.engagementRate._tag !== "Missing")
})
export const advisorsOf = (found: Feedback) =>
  found.participants.filter((one) => one.contributions.includes("advisor")).map((one) => one.member)
/** An import report's refused rows without a context: UTC, and people by id. */
export const noContext: RenderContext = { timeZone: "UTC", name: (member) => member }
export const messageOf = (catalogue: Catalogue, error: DugnadError, context: RenderContext) =>
  (catalogue.error[error._tag] as (error: DugnadError, context: RenderContext) => string)(error, context)

/**
 * The results context: its maths against cases computed by hand (written out next to each), its
 * invariants over random windows, and the query on the in-memory store. The port it reads through
 * is held to one contract on every store (test/contract/storeContract.ts).
 */
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as fc from "fast-check"
import * as Commands from "../src/Commands.js"
import type { Network } from "../src/Draft.js"
import { CommandId, GoalId, ItemId, type MemberId } from "../src/Ids.js"
import { ItemCommand } from "../src/ItemCommand.js"
import type { Metrics } from "../src/ItemEvent.js"
import type { PostRow } from "../src/ReadModel.js"
import {
  contextFor,
  contextOf,
  engagementOf,
  engagementRateOf,
  goalTotalsOf,
  maxWindowDays,
  minComparable,
  type Standing,
  standingOf
} from "../src/ResultsContext.js"
import { body, ids, t0 } from "./utils/fixtures.js"
import { memoryLayer, seedTeam } from "./utils/team.js"

const DAY = 86_400_000
const G1 = GoalId.make("G1")
const G2 = GoalId.make("G2")
const G3 = GoalId.make("G3")

const at = (day: number, millis = 0) => DateTime.unsafeMake(t0.epochMillis + day * DAY + millis)

const row = (
  item: string,
  day: number,
  metrics: Metrics,
  extra: { readonly network?: Network; readonly goals?: ReadonlyArray<GoalId>; readonly millis?: number } = {}
): PostRow & { readonly goals: ReadonlyArray<GoalId> } => ({
  item: ItemId.make(item),
  network: extra.network ?? "facebook",
  publishedAt: at(day, extra.millis),
  goals: extra.goals ?? [],
  metrics
})

/** The post every case puts in context: published on Facebook on day 100. */
const post = (metrics: Metrics) => row("p", 100, metrics)

const ranked = (standing: Standing) => {
  if (standing._tag !== "Ranked") throw new Error(`expected Ranked, got ${JSON.stringify(standing)}`)
  return standing
}

describe("ResultsContext: the maths", () => {
  it("engagement is reactions + comments + shares; none of them recorded is no engagement, not zero", () => {
    assert.strictEqual(engagementOf({ reactions: 10, comments: 3, shares: 2 }), 15)
    assert.strictEqual(engagementOf({ reactions: 10, shares: 2 }), 12) // comments missing: counted as 0
    assert.strictEqual(engagementOf({ comments: 0 }), 0)
    assert.strictEqual(engagementOf({ reach: 500, impressions: 900 }), undefined)
    assert.strictEqual(engagementOf({}), undefined)
    // Rate: engagement ÷ reach, only with reach > 0.
    assert.strictEqual(engagementRateOf({ reach: 200, reactions: 10 }), 0.05)
    assert.strictEqual(engagementRateOf({ reach: 0, reactions: 10 }), undefined)
    assert.strictEqual(engagementRateOf({ reactions: 10 }), undefined)
    assert.strictEqual(engagementRateOf({ reach: 200 }), undefined)
  })

  it("ties share a rank (competition ranking 1-2-2-4-5), and the percentile counts a tie half", () => {
    // Five posts: 500, 300, 300, 200, 100. Each standing is among the other four.
    // 500: 0 higher → rank 1; beats 4 of 4          → 100
    // 300: 1 higher → rank 2; beats 2, ties 1: (2 + ½) / 4 → 62.5 (both 300s)
    // 200: 3 higher → rank 4; beats 1 of 4          → 25
    // 100: 4 higher → rank 5; beats 0               → 0
    // Median of the five: 300.
    const values = [500, 300, 300, 200, 100]
    const standings = values.map((value, index) => ranked(standingOf(value, values.filter((_, other) => other !== index))))
    assert.deepStrictEqual(standings.map((s) => s.rank), [1, 2, 2, 4, 5])
    assert.deepStrictEqual(standings.map((s) => s.percentile), [100, 62.5, 62.5, 25, 0])
    assert.deepStrictEqual(standings.map((s) => [s.of, s.median]), values.map(() => [5, 300]))
    assert.deepStrictEqual(standings.map((s) => s.ratioToMedian), [500 / 300, 1, 1, 200 / 300, 100 / 300])
    // All tied: rank 1 each, percentile 50.
    assert.deepInclude(standingOf(7, [7, 7, 7, 7]), { rank: 1, percentile: 50, median: 7, ratioToMedian: 1 })
    // A median of 0 gives no ratio.
    assert.deepInclude(standingOf(5, [0, 0, 0, 0]), { rank: 1, median: 0, ratioToMedian: undefined })
  })

  it("ranks the post among the same network's window, itself included; a median of an even count is the mean of the middle two", () => {
    // Facebook reach: a 100, b 200, c 300, d 300, e 500, and the post 300 → six posts.
    // Higher than 300: e → rank 2 of 6. Lower: a, b (2); tied: c, d (2) → (2 + 2/2) / 5 = 60.
    // Sorted 100 200 300 300 300 500: median (300 + 300) / 2 = 300, ratio 1.
    // LinkedIn's 9,000 is another network's and is not compared.
    const others = [
      row("a", 20, { reach: 100 }),
      row("b", 30, { reach: 200 }),
      row("c", 40, { reach: 300 }),
      row("d", 50, { reach: 300 }),
      row("e", 60, { reach: 500 }),
      row("f", 60, { reach: 9_000 }, { network: "linkedin" })
    ]
    const context = contextOf(post({ reach: 300 }), others, [])
    assert.deepStrictEqual(context.reach, {
      _tag: "Ranked",
      value: 300,
      rank: 2,
      of: 6,
      percentile: 60,
      median: 300,
      ratioToMedian: 1
    })
    // Engagement: nobody has any; the post neither → Missing with nothing comparable.
    assert.deepStrictEqual(context.engagement, { _tag: "Missing", comparable: 0 })
    // Even count, distinct middles: 100, 200, 300, 500, 600 and the post's 250 → sorted 100 200 250 300 500 600,
    // median (250 + 300) / 2 = 275. Higher: 300 500 600 → rank 4; lower: 2 of 5 → 40.
    const even = contextOf(post({ reach: 250 }), [100, 200, 300, 500, 600].map((reach, n) => row(`r${n}`, 50, { reach })), [])
    assert.deepInclude(ranked(even.reach), { rank: 4, of: 6, median: 275, percentile: 40, ratioToMedian: 250 / 275 })
  })

  it("thin history: 4 comparable posts are said, not ranked; 5 are ranked; posts without the metric do not count", () => {
    const three = [row("a", 10, { reach: 100 }), row("b", 20, { reach: 200 }), row("c", 30, { reach: 400 })]
    // 3 others + the post = 4 < 5. The fourth other post has no reach, so it changes nothing.
    const thin = contextOf(post({ reach: 300 }), [...three, row("x", 40, { reactions: 5 })], [])
    assert.deepStrictEqual(thin.reach, { _tag: "ThinHistory", value: 300, comparable: 4 })
    assert.strictEqual(minComparable, 5)
    // One more post with reach: 5 → ranked. 100 200 300 400 500: rank 3 of 5, beats 2 of 4 → 50, median 300.
    const enough = contextOf(post({ reach: 300 }), [...three, row("d", 40, { reach: 500 })], [])
    assert.deepStrictEqual(enough.reach, {
      _tag: "Ranked",
      value: 300,
      rank: 3,
      of: 5,
      percentile: 50,
      median: 300,
      ratioToMedian: 1
    })
  })

  it("missing metrics: the post without a metric stands Missing; others without it are left out of that metric only", () => {
    const others = [
      row("a", 10, { reach: 100, reactions: 4 }),
      row("b", 20, { reach: 200 }), // no engagement
      row("c", 30, { impressions: 900 }), // neither reach nor engagement
      row("d", 40, { reach: 400, comments: 1 })
    ]
    const nothing = contextOf(post({}), others, [])
    assert.deepStrictEqual(nothing.reach, { _tag: "Missing", comparable: 3 })
    assert.deepStrictEqual(nothing.engagement, { _tag: "Missing", comparable: 2 })
    assert.deepStrictEqual(nothing.engagementRate, { _tag: "Missing", comparable: 2 })
    // The post with reactions only: engagement 6 among a (4) and d (1) → 3 posts, thin.
    const some = contextOf(post({ reactions: 6 }), others, [])
    assert.deepStrictEqual(some.engagement, { _tag: "ThinHistory", value: 6, comparable: 3 })
    assert.deepStrictEqual(some.reach, { _tag: "Missing", comparable: 3 })
  })

  it("engagement rate: ties of equal fractions, and no rate without reach > 0", () => {
    // (reach, engagement → rate): a (1000, 50 → .05), b (2000, 100 → .05), c (500, 10 → .02),
    // d (no reach, 40 → none), e (400, 40 → .1), the post (1000, 50 → .05).
    // Rate over a b c e + post = 5: higher e → rank 2; lower c (1); tied a b (2) → (1 + 1) / 4 = 50;
    // sorted .02 .05 .05 .05 .1 → median .05, ratio 1.
    // Engagement over all six: 10 40 40 50 50 100: higher b → rank 2; lower c d e (3), tied a (1)
    // → (3 + ½) / 5 = 70; median (40 + 50) / 2 = 45; ratio 50 / 45.
    const others = [
      row("a", 10, { reach: 1000, reactions: 50 }),
      row("b", 20, { reach: 2000, reactions: 90, comments: 10 }),
      row("c", 30, { reach: 500, shares: 10 }),
      row("d", 40, { reactions: 40 }),
      row("e", 50, { reach: 400, reactions: 30, comments: 5, shares: 5 })
    ]
    const context = contextOf(post({ reach: 1000, reactions: 45, comments: 5 }), others, [])
    assert.deepStrictEqual(context.engagementRate, {
      _tag: "Ranked",
      value: 0.05,
      rank: 2,
      of: 5,
      percentile: 50,
      median: 0.05,
      ratioToMedian: 1
    })
    assert.deepStrictEqual(context.engagement, {
      _tag: "Ranked",
      value: 50,
      rank: 2,
      of: 6,
      percentile: 70,
      median: 45,
      ratioToMedian: 50 / 45
    })
    // Reach 0 is a value to rank (the lowest), but gives no rate.
    const zero = contextOf(post({ reach: 0, reactions: 3 }), others, [])
    assert.deepInclude(ranked(zero.reach), { value: 0, rank: 5, of: 5, percentile: 0 })
    assert.deepStrictEqual(zero.engagementRate, { _tag: "Missing", comparable: 4 })
  })

  it("the window trails the post's publication: both ends included, later posts and other networks left out", () => {
    // Post on day 100, 90 days back: from day 10 at the same time of day, until day 100.
    const edges = [
      row("early", 10, { reach: 1 }, { millis: -1 }), // 1 ms before the window
      row("first", 10, { reach: 2 }), // exactly at `from`
      row("same", 100, { reach: 3 }), // published at the same instant as the post
      row("later", 100, { reach: 4 }, { millis: 1 }), // 1 ms after the post
      row("elsewhere", 50, { reach: 5 }, { network: "instagram" })
    ]
    const context = contextOf(post({ reach: 10 }), edges, [])
    assert.deepStrictEqual(context.window, { days: 90, from: at(10), until: at(100) })
    assert.deepStrictEqual(context.posts.map((point) => [point.item, point.thisPost]), [
      ["first", false],
      ["p", true],
      ["same", false]
    ])
    const month = contextOf(post({ reach: 10 }), edges, [], { windowDays: 30 })
    assert.deepStrictEqual(month.window.from, at(70))
    assert.deepStrictEqual(month.posts.map((point) => point.item), ["p", "same"])
  })

  it("the best recent post: highest engagement other than this one; a tie goes to the most recent", () => {
    // Engagement: a 40 (day 20), b 90 (day 30), c 90 (day 50), d 90 but on LinkedIn, the post 200.
    // Best: b and c tie at 90 → c, the more recent. The post itself, though higher, is not "best".
    const others = [
      row("a", 20, { reactions: 40 }),
      row("b", 30, { reactions: 80, comments: 10, reach: 3000 }),
      row("c", 50, { reactions: 90, reach: 1500 }),
      row("d", 60, { reactions: 90 }, { network: "linkedin" }),
      row("e", 70, { reach: 9000 }) // no engagement: never best
    ]
    const context = contextOf(post({ reactions: 200 }), others, [])
    assert.deepStrictEqual(context.best, { item: ItemId.make("c"), publishedAt: at(50), engagement: 90, reach: 1500 })
    // Same engagement at the same instant: the lower item id, so the answer never depends on row order.
    const twins = [row("y", 50, { reactions: 9 }), row("x", 50, { reactions: 9 })]
    assert.strictEqual(contextOf(post({}), twins, []).best?.item, "x")
    // No other post with engagement: no best.
    assert.strictEqual(contextOf(post({ reactions: 5 }), [row("e", 70, { reach: 10 })], []).best, undefined)
  })

  it("goal totals: every network, reach and engagement summed where present, items counted once", () => {
    // The window's posts: p (Facebook, G1 and G2, reach 1000, engagement 50);
    // q on Facebook (G1): reach 500, engagement 10 + 5 = 15; q on LinkedIn (same item, G1): reach 300, no engagement;
    // r on Instagram (G2): no reach, engagement 7; s (G3 only): not counted.
    // G1: posts p, q-fb, q-li = 3; items p, q = 2; reach 1000 + 500 + 300 = 1800 from 3; engagement 50 + 15 = 65 from 2.
    // G2: posts p, r = 2; items 2; reach 1000 from 1; engagement 50 + 7 = 57 from 2.
    // G3 asked: s alone. A goal no post serves: zeros.
    const window = [
      row("p", 100, { reach: 1000, reactions: 50 }, { goals: [G1, G2] }),
      row("q", 40, { reach: 500, reactions: 10, comments: 5 }, { goals: [G1] }),
      row("q", 41, { reach: 300 }, { network: "linkedin", goals: [G1] }),
      row("r", 60, { shares: 7 }, { network: "instagram", goals: [G2] }),
      row("s", 60, { reach: 100_000 }, { goals: [G3] })
    ]
    assert.deepStrictEqual(goalTotalsOf([G1, G2, G3, GoalId.make("G9")], window), [
      { goal: G1, posts: 3, items: 2, reach: 1800, withReach: 3, engagement: 65, withEngagement: 2 },
      { goal: G2, posts: 2, items: 2, reach: 1000, withReach: 1, engagement: 57, withEngagement: 2 },
      { goal: G3, posts: 1, items: 1, reach: 100_000, withReach: 1, engagement: 0, withEngagement: 0 },
      { goal: GoalId.make("G9"), posts: 0, items: 0, reach: 0, withReach: 0, engagement: 0, withEngagement: 0 }
    ])
    // contextOf passes the totals through.
    const totals = goalTotalsOf([G2], window)
    assert.strictEqual(contextOf(post({ reach: 1000, reactions: 50 }), window, totals).goals, totals)
  })

  it("the chart's series: the network's window in publication order, posts without numbers included, the post's own row replaced", () => {
    const rows = [
      row("b", 80, { reach: 200, reactions: 10 }),
      row("a", 30, {}),
      row("p", 100, { reach: 1 }), // a stale copy of the post: the `post` argument wins
      row("c", 80, { reach: 100 })
    ]
    const context = contextOf(post({ reach: 400, reactions: 20 }), rows, [])
    assert.deepStrictEqual(context.posts, [
      { item: ItemId.make("a"), publishedAt: at(30), reach: undefined, engagement: undefined, engagementRate: undefined, thisPost: false },
      { item: ItemId.make("b"), publishedAt: at(80), reach: 200, engagement: 10, engagementRate: 0.05, thisPost: false },
      { item: ItemId.make("c"), publishedAt: at(80), reach: 100, engagement: undefined, engagementRate: undefined, thisPost: false },
      { item: ItemId.make("p"), publishedAt: at(100), reach: 400, engagement: 20, engagementRate: 0.05, thisPost: true }
    ])
    assert.deepStrictEqual(context.metrics, { reach: 400, reactions: 20 })
  })
})

describe("ResultsContext: invariants", () => {
  const small = fc.option(fc.nat({ max: 6 }), { nil: undefined }) // small values: many ties
  const metrics = fc.record({ reach: small, reactions: small, comments: small, shares: small }).map((drawn) => {
    const kept: { -readonly [K in keyof Metrics]: Metrics[K] } = {}
    for (const [key, value] of Object.entries(drawn)) if (value !== undefined) kept[key as keyof Metrics] = value
    return kept as Metrics
  })
  const others = fc.array(
    fc.record({
      day: fc.integer({ min: -30, max: 110 }),
      network: fc.constantFrom<Network>("facebook", "linkedin"),
      metrics
    }),
    { maxLength: 40 }
  ).map((drawn) => drawn.map((entry, n) => row(`o${n}`, entry.day, entry.metrics, { network: entry.network })))

  const standings = (context: ReturnType<typeof contextOf>) =>
    [
      ["reach", context.reach, (point: (typeof context.posts)[number]) => point.reach],
      ["engagement", context.engagement, (point: (typeof context.posts)[number]) => point.engagement],
      ["engagementRate", context.engagementRate, (point: (typeof context.posts)[number]) => point.engagementRate]
    ] as const

  it("ranks and percentiles stay in range, counts match the series, the best post beats every other", () => {
    fc.assert(
      fc.property(metrics, others, (own, rows) => {
        const context = contextOf(post(own), rows, [])
        const points = context.posts
        assert.strictEqual(points.filter((point) => point.thisPost).length, 1)
        for (let i = 1; i < points.length; i++) {
          assert.isAtMost(points[i - 1]!.publishedAt.epochMillis, points[i]!.publishedAt.epochMillis)
        }
        for (const [, standing, value] of standings(context)) {
          const comparable = points.filter((point) => value(point) !== undefined).length
          const self = value(points.find((point) => point.thisPost)!)
          switch (standing._tag) {
            case "Missing":
              assert.strictEqual(self, undefined)
              assert.strictEqual(standing.comparable, comparable)
              break
            case "ThinHistory":
              assert.isBelow(standing.comparable, minComparable)
              assert.strictEqual(standing.comparable, comparable)
              break
            case "Ranked":
              assert.isAtLeast(standing.of, minComparable)
              assert.strictEqual(standing.of, comparable)
              assert.isAtLeast(standing.rank, 1)
              assert.isAtMost(standing.rank, standing.of)
              assert.isAtLeast(standing.percentile, 0)
              assert.isAtMost(standing.percentile, 100)
              // Rank 1 + the number of strictly higher values.
              assert.strictEqual(standing.rank, 1 + points.filter((point) => (value(point) ?? -Infinity) > standing.value).length)
          }
        }
        const engaged = points.filter((point) => !point.thisPost && point.engagement !== undefined)
        if (engaged.length === 0) assert.strictEqual(context.best, undefined)
        else {
          assert.notStrictEqual(context.best?.item, "p")
          for (const point of engaged) assert.isAtLeast(context.best!.engagement, point.engagement!)
        }
      })
    )
  })

  it("a higher value never ranks worse", () => {
    fc.assert(
      fc.property(metrics, others, fc.integer({ min: 1, max: 5 }), (own, rows, more) => {
        const before = contextOf(post(own), rows, [])
        const raised = contextOf(
          post({ ...own, reach: (own.reach ?? 0) + more, reactions: (own.reactions ?? 0) + more }),
          rows,
          []
        )
        for (const name of ["reach", "engagement"] as const) {
          const was = before[name]
          const now = raised[name]
          if (was._tag !== "Ranked" || now._tag !== "Ranked") continue
          assert.isAtMost(now.rank, was.rank)
          assert.isAtLeast(now.percentile, was.percentile)
        }
      })
    )
  })
})

describe("ResultsContext.contextFor (in memory)", () => {
  it.effect("reads the post, its window and its goal totals from the read model; unknown, unpublished and bad windows are typed", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      let n = 0
      const send = (item: ItemId, actor: MemberId, command: ItemCommand) =>
        Commands.handle({ workspace, commandId: CommandId.make(`c${++n}`), actor, item, command })
      const publish = (item: ItemId, day: number, reach: number, reactions: number) =>
        Effect.gen(function*() {
          yield* send(item, ids.ola, ItemCommand.SubmitIdea({ title: item, pitch: "", goals: [ids.goal], concerns: [] }))
          yield* send(item, ids.ingrid, ItemCommand.AcceptIdea())
          yield* send(item, ids.ingrid, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body(item) }))
          yield* send(item, ids.ingrid, ItemCommand.RequestReview({ reviewers: [{ member: ids.per, expert: true }] }))
          yield* send(item, ids.per, ItemCommand.ApproveFacts({ revision: 1 }))
          yield* send(item, ids.ingrid, ItemCommand.ApproveForPublication({ revision: 1 }))
          yield* send(item, ids.ingrid, ItemCommand.RecordPublication({ network: "facebook", url: `https://fb/${item}`, publishedAt: at(day) }))
          yield* send(item, ids.ingrid, ItemCommand.RecordResults({
            network: "facebook",
            capturedAt: at(day + 2),
            metrics: { reach, reactions },
            highlights: []
          }))
        })
      // Reach 100 … 600 on days 10 … 60; the last one is put in context.
      for (let i = 1; i <= 6; i++) yield* publish(ItemId.make(`i${i}`), i * 10, i * 100, i * 10)
      const context = yield* contextFor(workspace, ItemId.make("i6"), "facebook")
      assert.deepInclude(ranked(context.reach), { rank: 1, of: 6, percentile: 100, median: 350 })
      assert.deepStrictEqual(context.best?.item, "i5")
      assert.deepStrictEqual(context.goals, [
        { goal: ids.goal, posts: 6, items: 6, reach: 2100, withReach: 6, engagement: 210, withEngagement: 6 }
      ])
      // A 20-day window holds i4, i5, i6: thin.
      const short = yield* contextFor(workspace, ItemId.make("i6"), "facebook", { windowDays: 20 })
      assert.deepStrictEqual(short.reach, { _tag: "ThinHistory", value: 600, comparable: 3 })

      yield* send(ItemId.make("idea"), ids.ola, ItemCommand.SubmitIdea({ title: "Bare en idé", pitch: "", goals: [], concerns: [] }))
      const failures = yield* Effect.all([
        contextFor(workspace, ItemId.make("nope"), "facebook"),
        contextFor(workspace, ItemId.make("idea"), "facebook"),
        contextFor(workspace, ItemId.make("i6"), "linkedin"),
        contextFor(workspace, ItemId.make("i6"), "facebook", { windowDays: 0 }),
        contextFor(workspace, ItemId.make("i6"), "facebook", { windowDays: 7.5 }),
        contextFor(workspace, ItemId.make("i6"), "facebook", { windowDays: maxWindowDays + 1 })
      ].map(Effect.either))
      const errors = failures.map((result) => Either.isLeft(result) ? result.left : undefined)
      assert.deepStrictEqual(errors.map((error) => error?._tag), [
        "UnknownItem",
        "NotPublished",
        "NotPublished",
        "InvalidCommand",
        "InvalidCommand",
        "InvalidCommand"
      ])
      assert.deepInclude(errors[1], { stage: "Idea", publishedOn: [] })
      assert.deepInclude(errors[2], { stage: "Published", publishedOn: ["facebook"] })
    }).pipe(Effect.provide(memoryLayer)))
})

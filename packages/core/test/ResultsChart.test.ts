import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { PNG } from "pngjs"
import {
  type ChartInput,
  type ChartPost,
  chartColors,
  ChartRenderError,
  chartSpec,
  maxLabelLength,
  maxOtherPosts,
  renderPng,
  renderSvg
} from "../src/ResultsChart.js"

const at = (iso: string) => DateTime.unsafeMake(iso)

const recentTitles = [
  "Søk sommerjobb i kommunen",
  "Vi søker lærere i realfag",
  "Brøyting: slik prioriterer vi gatene",
  "Kysten i morgenlys",
  "Biblioteket har fått nye åpningstider",
  "17. mai-programmet er klart",
  "Vannkutt i Sentrum tirsdag",
  "Høring: ny kommuneplan"
]
const recent: ReadonlyArray<ChartPost> = recentTitles.map((label, i) => ({
  item: `it${i + 1}`,
  label,
  publishedAt: at(`2026-02-${String(2 + 3 * i).padStart(2, "0")}T09:00:00Z`),
  value: [1840, 2519, 1138, 2857, 1476, 3195, 1814, 2152][i]
}))
const harbour: ChartPost = {
  item: "it9",
  label: "Ny gjestehavn på Nordnes",
  publishedAt: at("2026-03-20T09:00:00Z"),
  value: 4180
}
const labels = {
  title: "Rekkevidde",
  subtitle: "Ny gjestehavn på Nordnes mot de siste innleggene",
  metric: "Personer nådd",
  thisPost: "Dette innlegget",
  otherPosts: "Andre innlegg",
  median: "Median"
}
const reach: ChartInput = {
  metric: "reach",
  post: harbour,
  others: recent,
  median: 1995,
  labels,
  locale: "nb",
  timeZone: "Europe/Oslo"
}

/** The spec's layers, loosely typed: the tests read what the chart says, not Vega-Lite's types. */
interface Layer {
  readonly mark: { readonly type: string }
  readonly data: { readonly values: ReadonlyArray<Record<string, unknown>> }
  readonly encoding: Record<string, { readonly format?: string; readonly scale?: { readonly range?: ReadonlyArray<string> } }>
  readonly transform?: ReadonlyArray<{ readonly calculate: string }>
}
interface Spec {
  readonly layer: ReadonlyArray<Layer>
  readonly params: ReadonlyArray<{ readonly name: string; readonly value: unknown }>
  readonly config: { readonly locale: { readonly number: { readonly decimal: string; readonly thousands: string } } }
}
const specOf = (input: ChartInput) => chartSpec(input) as unknown as Spec
const param = (spec: Spec, name: string) => spec.params.find((p) => p.name === name)?.value
const postLabels = (input: ChartInput) => param(specOf(input), "postLabels") as ReadonlyArray<string>
const barRows = (input: ChartInput) => specOf(input).layer.find((l) => l.mark.type === "bar")?.data.values ?? []
/** The layer of values at the bars' ends (the median caption is text too, computed by a transform). */
const valueText = (spec: Spec) => spec.layer.find((l) => l.mark.type === "text" && l.transform === undefined)

const hex = (color: string): number => Number.parseInt(color.slice(1), 16)

/** The decoded image, and how many of its pixels have each (opaque) RGB colour. */
const decode = (png: Uint8Array) => {
  const image = PNG.sync.read(Buffer.from(png))
  const colours = new Map<number, number>()
  for (let i = 0; i < image.data.length; i += 4) {
    const rgb = ((image.data[i] ?? 0) << 16) | ((image.data[i + 1] ?? 0) << 8) | (image.data[i + 2] ?? 0)
    colours.set(rgb, (colours.get(rgb) ?? 0) + 1)
  }
  return { width: image.width, height: image.height, colours }
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0

describe("ResultsChart", () => {
  describe("the PNG", () => {
    it.effect("GIVEN a post among eight recent ones WHEN rendered THEN 1600 × 800 pixels with both bar colours", () =>
      Effect.gen(function*() {
        const image = decode(yield* renderPng(reach))
        assert.strictEqual(image.width, 1600)
        assert.strictEqual(image.height, 800)
        // Bars are flat colour: thousands of pixels each, not a stray anti-aliased edge.
        assert.isAbove(image.colours.get(hex(chartColors.thisPost)) ?? 0, 10_000)
        assert.isAbove(image.colours.get(hex(chartColors.otherPosts)) ?? 0, 50_000)
        assert.isAbove(image.colours.get(hex(chartColors.background)) ?? 0, 400_000)
        // Text and edges are anti-aliased: a blank or single-colour image would have a handful.
        assert.isAbove(image.colours.size, 100)
      }))

    it.effect("GIVEN a size and a scale WHEN rendered THEN the image is width × scale by height × scale", () =>
      Effect.gen(function*() {
        const small = decode(yield* renderPng({ ...reach, width: 600, height: 300, scale: 1 }))
        assert.deepStrictEqual([small.width, small.height], [600, 300])
        const sharp = decode(yield* renderPng({ ...reach, width: 500, height: 250, scale: 3 }))
        assert.deepStrictEqual([sharp.width, sharp.height], [1500, 750])
      }))

    it.effect("GIVEN the same input WHEN rendered twice THEN the bytes are the same, SVG and PNG", () =>
      Effect.gen(function*() {
        assert.strictEqual(yield* renderSvg(reach), yield* renderSvg(reach))
        assert.isTrue(sameBytes(yield* renderPng(reach), yield* renderPng(reach)))
      }))

    it.effect("GIVEN ten renders at once WHEN they finish THEN every one has the same bytes", () =>
      Effect.gen(function*() {
        // Also a sanity check that rendering is quick enough to do per results message (no timing asserted).
        const pngs = yield* Effect.all(Array.from({ length: 10 }, () => renderPng(reach)), { concurrency: "unbounded" })
        const [first, ...rest] = pngs
        assert.isDefined(first)
        for (const png of rest) assert.isTrue(sameBytes(first!, png))
      }))

    it.effect("GIVEN this post's value changes WHEN rendered THEN the bytes differ", () =>
      Effect.gen(function*() {
        const before = yield* renderPng(reach)
        const after = yield* renderPng({ ...reach, post: { ...harbour, value: 4181 } })
        assert.isFalse(sameBytes(before, after))
      }))

    it.effect("GIVEN only this post has a value WHEN rendered THEN a chart of that one bar, no other-post colour", () =>
      Effect.gen(function*() {
        const alone = { ...reach, others: recent.map((post) => ({ ...post, value: undefined })) }
        const image = decode(yield* renderPng(alone))
        assert.isAbove(image.colours.get(hex(chartColors.thisPost)) ?? 0, 10_000)
        assert.strictEqual(image.colours.get(hex(chartColors.otherPosts)) ?? 0, 0)
        assert.deepStrictEqual(barRows(alone).map((row) => row["group"]), ["this"])
      }))
  })

  describe("the spec", () => {
    it("GIVEN a post among recent ones WHEN specified THEN one bar per post in publication order, exactly one highlighted", () => {
      const shuffled = { ...reach, others: [recent[5]!, recent[0]!, recent[7]!, ...recent.slice(1, 5), recent[6]!] }
      const rows = barRows(shuffled)
      assert.deepStrictEqual(rows.map((row) => row["value"]), [...recent.map((post) => post.value), 4180])
      assert.deepStrictEqual(rows.filter((row) => row["group"] === "this").map((row) => row["row"]), [8])
      const bar = specOf(reach).layer.find((l) => l.mark.type === "bar")
      assert.deepStrictEqual(bar?.encoding["color"]?.scale?.range, [chartColors.thisPost, chartColors.otherPosts])
      assert.strictEqual(param(specOf(reach), "thisRow"), 8)
    })

    it("GIVEN this post published between others WHEN specified THEN it keeps its place in time", () => {
      const middle = { ...reach, post: { ...harbour, publishedAt: at("2026-02-10T12:00:00Z") } }
      assert.strictEqual(param(specOf(middle), "thisRow"), 3)
      assert.match(postLabels(middle)[3] ?? "", /^Ny gjestehavn på Nordnes · 10\. feb\.$/u)
    })

    it("GIVEN a median WHEN specified THEN a rule at the median and its caption with the value", () => {
      const layers = specOf(reach).layer
      const rule = layers.find((l) => l.mark.type === "rule")
      assert.deepStrictEqual(rule?.data.values, [{ value: 1995 }])
      const caption = layers.find((l) => l.transform !== undefined)
      assert.deepStrictEqual(caption?.data.values, [{ value: 1995, caption: "Median" }])
      assert.strictEqual(caption?.transform?.[0]?.calculate, "[datum.caption, format(datum.value, ',d')]")
    })

    it("GIVEN a median but no caption, or no median WHEN specified THEN a bare rule, or none", () => {
      const { median: _, ...withoutCaption } = labels
      const bare = specOf({ ...reach, labels: withoutCaption }).layer
      // The values are drawn twice: a halo in the background colour, then the digits.
      assert.deepStrictEqual(bare.map((l) => l.mark.type), ["bar", "rule", "text", "text"])
      const { median: __, ...withoutMedian } = reach
      assert.deepStrictEqual(specOf(withoutMedian).layer.map((l) => l.mark.type), ["bar", "text", "text"])
      assert.deepStrictEqual(specOf({ ...reach, median: Number.NaN }).layer.map((l) => l.mark.type), ["bar", "text", "text"])
    })

    it("GIVEN nb WHEN specified and drawn THEN numbers read 1 234 with no-break spaces, and rates 3,4 %", () =>
      Effect.runPromise(Effect.gen(function*() {
        const spec = specOf(reach)
        assert.deepStrictEqual(spec.config.locale.number.decimal, ",")
        assert.deepStrictEqual(spec.config.locale.number.thousands, "\u00a0")
        assert.strictEqual(valueText(spec)?.encoding["text"]?.format, ",d")
        const svg = yield* renderSvg(reach)
        assert.include(svg, ">4\u00a0180<")
        assert.include(svg, ">1\u00a0995<")
        assert.include(svg, ">2\u00a0000<")

        const rates: ChartInput = {
          ...reach,
          metric: "engagementRate",
          post: { ...harbour, value: 0.0342 },
          others: recent.slice(0, 3).map((post, i) => ({ ...post, value: 0.01 * (i + 1) })),
          median: 0.02
        }
        const rateSvg = yield* renderSvg(rates)
        assert.include(rateSvg, ">3,4\u00a0%<")
        assert.include(rateSvg, ">2\u00a0%<")
        assert.strictEqual(valueText(specOf(rates))?.encoding["text"]?.format, ".1~%")
      })))

    it("GIVEN en WHEN drawn THEN numbers read 4,180 and dates 20 Mar", () =>
      Effect.runPromise(Effect.gen(function*() {
        const svg = yield* renderSvg({ ...reach, locale: "en" })
        assert.include(svg, ">4,180<")
        assert.include(svg, "Ny gjestehavn på Nordnes · 20 Mar<")
      })))

    it("GIVEN a post at 23:30 UTC WHEN specified in Oslo and in UTC THEN its date is the Oslo date, or the UTC one", () => {
      const late = { ...reach, post: { ...harbour, publishedAt: at("2026-03-03T23:30:00Z") } }
      assert.include(postLabels(late), "Ny gjestehavn på Nordnes · 4. mars")
      assert.include(postLabels({ ...late, timeZone: "UTC" }), "Ny gjestehavn på Nordnes · 3. mars")
      // A zone typed wrong is read as UTC, as Messages does, rather than failing the chart.
      assert.include(postLabels({ ...late, timeZone: "Europe/Atlantis" }), "Ny gjestehavn på Nordnes · 3. mars")
    })

    it("GIVEN posts in two years WHEN specified THEN every date has its year", () => {
      const december = { ...recent[0]!, publishedAt: at("2025-12-30T09:00:00Z") }
      const labelsAcross = postLabels({ ...reach, others: [december, ...recent.slice(1)] })
      assert.strictEqual(labelsAcross[0], "Søk sommerjobb i kommunen · 30. des. 2025")
      assert.strictEqual(labelsAcross.at(-1), "Ny gjestehavn på Nordnes · 20. mars 2026")
    })

    it("GIVEN posts without a value, or with a non-finite one WHEN specified THEN they are left out", () => {
      const others = recent.map((post, i) => i === 1 ? { ...post, value: undefined } : i === 2 ? { ...post, value: Infinity } : post)
      const rows = barRows({ ...reach, others })
      assert.strictEqual(rows.length, recent.length - 1)
      assert.notInclude(postLabels({ ...reach, others }).join("\n"), "Vi søker lærere")
    })

    it("GIVEN the recent posts include this one WHEN specified THEN it is drawn once, highlighted", () => {
      const rows = barRows({ ...reach, others: [...recent, harbour] })
      assert.strictEqual(rows.length, recent.length + 1)
      assert.strictEqual(rows.filter((row) => row["group"] === "this").length, 1)
    })

    it("GIVEN more recent posts than fit WHEN specified THEN the most recent ones are drawn", () => {
      const many = Array.from({ length: 20 }, (_, i): ChartPost => ({
        item: `old${i}`,
        label: `Innlegg ${i}`,
        publishedAt: at(`2026-01-${String(i + 1).padStart(2, "0")}T09:00:00Z`),
        value: 100 + i
      }))
      const rows = barRows({ ...reach, others: many })
      assert.strictEqual(rows.length, maxOtherPosts + 1)
      assert.strictEqual(rows[0]?.["value"], 100 + 20 - maxOtherPosts)
    })

    it("GIVEN a long title with emoji WHEN specified THEN it is cut with an ellipsis, never inside an emoji", () => {
      const long = "👩‍👩‍👧 Ordføreren åpner den nye gjestehavna på Nordnes med musikk og kaffe"
      // The family emoji is one character of the limit; the cut lands on a space, which goes.
      assert.strictEqual(maxLabelLength, 28)
      assert.strictEqual(
        postLabels({ ...reach, post: { ...harbour, label: long } }).at(-1),
        "👩‍👩‍👧 Ordføreren åpner den nye… · 20. mars"
      )
      const exact = "a".repeat(maxLabelLength)
      assert.strictEqual(postLabels({ ...reach, post: { ...harbour, label: exact } }).at(-1), `${exact} · 20. mars`)
      assert.strictEqual(
        postLabels({ ...reach, post: { ...harbour, label: `${exact}b` } }).at(-1),
        `${"a".repeat(maxLabelLength - 1)}… · 20. mars`
      )
    })

    it("GIVEN the same input WHEN specified twice THEN the specs are equal", () => {
      assert.deepStrictEqual(chartSpec(reach), chartSpec(reach))
    })
  })

  describe("user text", () => {
    const hostile = "</text></svg><script>alert(1)</script> & \"x\" 'y' ]]> <!-- @everyone {{datum}} ${x}"
    const hostileInput: ChartInput = {
      ...reach,
      post: { ...harbour, label: hostile },
      others: [
        ...recent.slice(0, 4),
        { ...recent[4]!, label: "&amp; &lt; <b>fet</b>" },
        { ...recent[5]!, label: "x".repeat(5000) },
        { ...recent[6]!, label: "Klokke\u0007 \u202ebaklengs\u202c \ud800 null\u0000" },
        { ...recent[7]!, label: "日本語のタイトル ﷽" }
      ],
      labels: { ...labels, title: hostile, subtitle: "@everyone & @here", metric: "'); drop table", median: "</svg>" }
    }

    it.effect("GIVEN markup, entities, mentions, controls and very long titles WHEN drawn THEN they are text in a valid SVG and PNG", () =>
      Effect.gen(function*() {
        const svg = yield* renderSvg(hostileInput)
        assert.notInclude(svg, "<script")
        assert.strictEqual(svg.match(/<\/svg>/gu)?.length, 1)
        assert.include(svg, "&lt;/text&gt;&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp;")
        assert.include(svg, "&amp;amp; &amp;lt; &lt;b&gt;fet&lt;/b&gt;")
        assert.include(svg, "@everyone &amp; @here")
        // Nothing XML 1.0 cannot hold, and no bidirectional override to reorder the date.
        assert.notMatch(svg, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e]/u)
        assert.include(svg, "Klokke baklengs null · ")
        const image = decode(yield* renderPng(hostileInput))
        assert.deepStrictEqual([image.width, image.height], [1600, 800])
      }))

    it.effect("GIVEN a title too wide for the chart WHEN drawn THEN it is cut with an ellipsis, never inside a character", () =>
      Effect.gen(function*() {
        // 𝗡 is two UTF-16 units: at these widths Vega's own cut falls between them.
        for (const width of [320, 376]) {
          const svg = yield* renderSvg({ ...reach, width, labels: { ...labels, title: "ab𝗡c".repeat(40) } })
          const title = svg.match(/font-size="20px"[^>]*>([^<]*)</u)?.[1] ?? ""
          assert.isTrue(title.startsWith("ab𝗡cab𝗡c"))
          assert.isTrue(title.endsWith("…"))
          assert.notMatch(svg, /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u)
        }
      }))

    it("GIVEN hostile text WHEN specified THEN it is in data and parameters, never in an expression", () => {
      const spec = JSON.stringify(chartSpec(hostileInput))
      const expressions = [...spec.matchAll(/"(?:expr|labelExpr|calculate|test)":"((?:[^"\\]|\\.)*)"/gu)].map((m) => m[1])
      assert.isAbove(expressions.length, 3)
      for (const expression of expressions) {
        assert.notInclude(expression, "alert")
        assert.notInclude(expression, "everyone")
        assert.notInclude(expression, "svg")
      }
    })

    it.effect("GIVEN Bluesky-style emoji titles WHEN drawn THEN no error, and the emoji the font lacks are left out of the picture", () =>
      Effect.gen(function*() {
        const emoji: ChartInput = {
          ...reach,
          post: { ...harbour, label: "🎉🥳 Gjestehavna er åpen! ⛵️🇳🇴 👍🏽 ☀ ✓" },
          others: [{ ...recent[0]!, label: "🔥🔥🔥" }, ...recent.slice(1)],
          labels: { ...labels, title: "Rekkevidde 📈", thisPost: "Dette innlegget ⭐" }
        }
        const svg = yield* renderSvg(emoji)
        assert.include(svg, "Gjestehavna er åpen! ☀ ✓ · 20. mars")
        assert.notMatch(svg, /\p{Emoji_Presentation}|\p{Regional_Indicator}/u)
        assert.include(svg, ">Rekkevidde<")
        decode(yield* renderPng(emoji))
        // The spec keeps them, for a renderer with an emoji font.
        assert.include(postLabels(emoji).at(-1) ?? "", "🎉🥳")
      }))
  })

  describe("errors", () => {
    it.effect("GIVEN this post has no value WHEN rendered THEN ChartRenderError at the input stage", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(renderPng({ ...reach, post: { ...harbour, value: undefined } }))
        assert.deepStrictEqual(error, new ChartRenderError({ stage: "input", detail: "post-without-value" }))
      }))

    it.effect("GIVEN a size that is not positive, not finite or too large WHEN rendered THEN invalid-size", () =>
      Effect.gen(function*() {
        for (const size of [{ width: 0 }, { height: -1 }, { scale: Number.NaN }, { width: Infinity }, { scale: 20 }]) {
          const error = yield* Effect.flip(renderSvg({ ...reach, ...size }))
          assert.deepStrictEqual(error, new ChartRenderError({ stage: "input", detail: "invalid-size" }))
        }
      }))

    it("GIVEN a ChartRenderError WHEN encoded THEN it is structured data", () => {
      const error = new ChartRenderError({ stage: "png", detail: "out of memory" })
      assert.deepStrictEqual(Schema.encodeSync(ChartRenderError)(error), {
        _tag: "ChartRenderError",
        stage: "png",
        detail: "out of memory"
      })
    })
  })
})

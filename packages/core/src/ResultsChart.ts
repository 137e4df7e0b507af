/**
 * Results in context, as a picture: one published post's reach, engagement or engagement rate as a
 * bar among the recent posts, with the median of those posts as a line. {@link chartSpec} builds a
 * Vega-Lite spec (pure data, for an adapter that renders charts its own way); {@link renderSvg} and
 * {@link renderPng} draw it without a browser or network: Vega-Lite → Vega → SVG, then resvg →
 * PNG, with the DejaVu Sans fonts bundled in `dejavu-fonts-ttf` and never the system's, so a chart
 * looks the same on every machine and the same input always gives the same bytes.
 *
 * Every word on the chart comes in through {@link ChartLabels} (the `Messages` module has them, per
 * locale); titles and labels are drawn as plain text, never read as markup or expressions.
 *
 * ```ts
 * import { renderPng } from "@dugnad/core/ResultsChart"
 *
 * const png = yield* renderPng({
 *   metric: "reach",
 *   post: { item: "it9", label: "Ny gjestehavn på Nordnes", publishedAt, value: 4180 },
 *   others: recentPosts,
 *   median: 2950,
 *   labels: { title: "Rekkevidde", metric: "Personer nådd", thisPost: "Dette innlegget",
 *     otherPosts: "Andre innlegg", median: "Median" },
 *   locale: "nb",
 *   timeZone: "Europe/Oslo"
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { createRequire } from "node:module"
import type * as vega from "vega"
import type { TopLevelSpec } from "vega-lite"
import { type FontMetrics, fontMetrics } from "./internal/chartFont.js"
import type { Locale } from "./Member.js"
import { graphemesOf } from "./internal/graphemes.js"

/**
 * The measure a chart shows. `reach` and `engagement` are counts; `engagementRate` is a fraction
 * (0.034 is shown as 3.4 %).
 *
 * @since 0.1.0
 * @category models
 */
export type ChartMetric = "reach" | "engagement" | "engagementRate"

/**
 * One post on a chart. `label` is its short title as people typed it; `value` is `undefined` when
 * the post has no figure for the chart's metric (such posts are left out of the chart).
 *
 * @since 0.1.0
 * @category models
 */
export interface ChartPost {
  readonly item: string
  readonly label: string
  readonly publishedAt: DateTime.Utc
  readonly value: number | undefined
}

/**
 * The words on a chart, in the reader's language: the title (and an optional subtitle), the value
 * axis (`metric`), the legend (`thisPost`, `otherPosts`) and the median line's caption.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChartLabels {
  readonly title: string
  readonly subtitle?: string
  readonly metric: string
  readonly thisPost: string
  readonly otherPosts: string
  readonly median?: string
}

/**
 * What to draw: this `post` among `others` (the recent posts to compare it with, in any order),
 * optionally a `median` to draw as a line (the caller's, e.g. `ResultsContext`'s; the chart does
 * not compute one from the bars it keeps), in the reader's `locale` and `timeZone`. The size is in
 * CSS pixels (default 800 × 400); the PNG has `scale` (default 2) device pixels per CSS pixel.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChartInput {
  readonly metric: ChartMetric
  readonly post: ChartPost
  readonly others: ReadonlyArray<ChartPost>
  readonly median?: number
  readonly labels: ChartLabels
  readonly locale: Locale
  readonly timeZone: string
  readonly width?: number
  readonly height?: number
  readonly scale?: number
}

/**
 * Where rendering a chart stopped: `input` (the input cannot make a chart; `detail` is one of
 * {@link ChartInputProblem}), `compile` (Vega-Lite to Vega), `svg` (Vega to SVG) or `png` (resvg).
 * For logs and bug reports, not for users: a chart is an extra, and an adapter that cannot draw
 * one shares the results as text.
 *
 * @since 0.1.0
 * @category errors
 */
export class ChartRenderError extends Schema.TaggedError<ChartRenderError>()("ChartRenderError", {
  stage: Schema.Literal("input", "compile", "svg", "png"),
  detail: Schema.String
}) {}

/**
 * Why an input cannot make a chart: the post has no value for the metric (there is nothing to
 * compare), or the size or scale is not a positive finite number within {@link maxPixels}.
 *
 * @since 0.1.0
 * @category errors
 */
export type ChartInputProblem = "post-without-value" | "invalid-size"

/**
 * The colours: this post in a strong orange, the other posts in a light blue-grey (apart in hue
 * for colour-blind readers and in lightness for greyscale), the median line and text in near-black.
 *
 * @since 0.1.0
 * @category constants
 */
export const chartColors = {
  thisPost: "#d9480f",
  otherPosts: "#a5bdd2",
  median: "#343a40",
  text: "#212529",
  muted: "#495057",
  grid: "#dee2e6",
  background: "#ffffff"
} as const

/**
 * At most this many other posts are drawn, the most recent ones: more bars would no longer have
 * readable labels at the default height.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxOtherPosts = 12

/**
 * A longer post title is cut to at most this many characters, the last of them "…" (counted as
 * people see them: an emoji or a letter with a combining accent is one; a space before the cut goes).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxLabelLength = 28

/**
 * The largest PNG, in device pixels (width × height × scale²): 16 megapixels, far above a chat
 * preview, and a bound on memory for a size someone typed.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxPixels = 16_000_000

const defaults = { width: 800, height: 400, scale: 2 } as const
const fontFamily = "DejaVu Sans"
const padding = 16

// d3-format's locale, matched to `Intl.NumberFormat` for nb-NO and en-GB (what `Messages` uses), so
// the chart writes numbers as the messages around it do: no-break spaces in `1 234` and `3,4 %`.
const numberLocales: { readonly [L in Locale]: vega.NumberLocale } = {
  nb: {
    decimal: ",",
    thousands: "\u00a0",
    grouping: [3],
    currency: ["", "\u00a0kr"],
    percent: "\u00a0%",
    minus: "\u2212"
  },
  en: { decimal: ".", thousands: ",", grouping: [3], currency: ["£", ""], minus: "-" }
}

const languageTags: { readonly [L in Locale]: string } = { nb: "nb-NO", en: "en-GB" }

const formats: { readonly [M in ChartMetric]: string } = {
  reach: ",d",
  engagement: ",d",
  engagementRate: ".1~%"
}

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu

// Characters an SVG (XML 1.0) cannot hold, even escaped: C0 controls other than tab and line
// breaks, DEL, U+FFFE/U+FFFF, and surrogates without their pair (Vega escapes `&`, `<` and `>`).
// And the explicit bidirectional controls, so a title cannot reorder the date drawn after it.
const unwanted = new RegExp(
  `[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f\\u202a-\\u202e\\u2066-\\u2069\\ufffe\\uffff]` +
    `|${loneSurrogate.source}`,
  "gu"
)

/** Text people typed, as one line an SVG can hold. */
const plain = (text: string): string => text.replace(unwanted, "").replace(/\s+/gu, " ").trim()


/** Cuts `text` to `max` user-perceived characters, the last of them "…". */
const truncate = (text: string, max: number): string => {
  const parts = Array.from(graphemesOf(text), (s) => s.segment)
  return parts.length <= max ? text : `${parts.slice(0, max - 1).join("").trimEnd()}…`
}

/** A date formatter for `timeZone`, or for UTC when the zone is unknown (as `Messages` does). */
const dateFormat = (locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  try {
    return new Intl.DateTimeFormat(languageTags[locale], { ...options, timeZone })
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    return new Intl.DateTimeFormat(languageTags[locale], { ...options, timeZone: "UTC" })
  }
}

const hasValue = (post: ChartPost): post is ChartPost & { readonly value: number } =>
  post.value !== undefined && Number.isFinite(post.value)

const byPublication = (a: ChartPost, b: ChartPost): number =>
  DateTime.toEpochMillis(a.publishedAt) - DateTime.toEpochMillis(b.publishedAt) ||
  (a.item < b.item ? -1 : a.item > b.item ? 1 : 0) ||
  (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)

/** The posts to draw, oldest first, with whether each is this post. */
const postsToDraw = (input: ChartInput): ReadonlyArray<{ readonly post: ChartPost; readonly isThis: boolean }> => {
  // `others` may include this post (a list of "recent posts" often does): it is drawn once.
  const others = input.others
    .filter((other) => other.item !== input.post.item && hasValue(other))
    .sort(byPublication)
    .slice(-maxOtherPosts)
  const drawn = [
    ...others.map((post) => ({ post, isThis: false })),
    ...(hasValue(input.post) ? [{ post: input.post, isThis: true }] : [])
  ]
  return drawn.sort((a, b) => byPublication(a.post, b.post))
}

/**
 * The Vega-Lite spec of a chart: one horizontal bar per post, in publication order from the top
 * (so the newest, usually this post, sits by the value axis), this post in
 * {@link chartColors}`.thisPost` and the others in `.otherPosts`, each bar with its value at its
 * end, and the median as a dashed line captioned with `labels.median` and its value.
 *
 * - Posts without a finite value are left out, as are the other posts beyond the
 *   {@link maxOtherPosts} most recent and any "other" post of this post's own item (it is drawn
 *   once, highlighted). If this post has no value the chart shows the others only; the renderers
 *   refuse such an input (see {@link ChartRenderError}).
 * - Each post is labelled with its title, cut to {@link maxLabelLength} characters, and its
 *   publication date in `timeZone` (with the year when the posts span more than one); an unknown
 *   zone is read as UTC.
 * - Numbers are formatted by Vega through `config.locale`, as `Messages` writes them (`1 234`,
 *   `3,4 %` in `nb`); user text goes into data and parameters, never into an expression.
 * - Text is in DejaVu Sans; the spec carries no ARIA text (Vega would write it in English): the
 *   adapter gives the image its alt text.
 *
 * Pure: the same input gives the same spec.
 *
 * @since 0.1.0
 * @category charts
 */
export const chartSpec = (input: ChartInput): TopLevelSpec => {
  const width = input.width ?? defaults.width
  const format = formats[input.metric]
  const drawn = postsToDraw(input)
  const millis = drawn.map(({ post }) => DateTime.toEpochMillis(post.publishedAt))
  const years = dateFormat(input.locale, input.timeZone, { year: "numeric" })
  const dates = dateFormat(
    input.locale,
    input.timeZone,
    new Set(millis.map((m) => years.format(m))).size > 1
      ? { day: "numeric", month: "short", year: "numeric" }
      : { day: "numeric", month: "short" }
  )
  const rows = drawn.map(({ isThis, post }, row) => ({ row, value: post.value, group: isThis ? "this" : "other" }))
  const groups = drawn.some(({ isThis }) => !isThis) ? ["this", "other"] : ["this"]
  const x = {
    field: "value",
    type: "quantitative",
    scale: { zero: true, nice: true },
    axis: {
      title: plain(input.labels.metric),
      format,
      tickCount: 5,
      labelOverlap: true,
      // Counts have no fractional ticks.
      ...(input.metric === "engagementRate" ? {} : { tickMinStep: 1 })
    }
  } as const
  const y = {
    field: "row",
    type: "ordinal",
    axis: {
      title: null,
      labelExpr: "postLabels[datum.value]",
      labelFontWeight: { expr: "datum.value === thisRow ? 'bold' : 'normal'" }
    }
  } as const
  // The values at the bars' ends, this post's in bold.
  const values = {
    data: { values: rows },
    mark: {
      type: "text",
      align: "left",
      baseline: "middle",
      dx: 4,
      fontSize: 12,
      fontWeight: { expr: "datum.group === 'this' ? 'bold' : 'normal'" },
      color: chartColors.muted
    },
    encoding: { x, y, text: { field: "value", type: "quantitative", format } }
  } as const
  const subtitle = input.labels.subtitle === undefined ? "" : plain(input.labels.subtitle)
  const captioned = medianOf(input) !== undefined && input.labels.median !== undefined
  return {
    width,
    height: input.height ?? defaults.height,
    autosize: { type: "fit", contains: "padding" },
    padding,
    background: chartColors.background,
    title: { text: plain(input.labels.title), ...(subtitle === "" ? {} : { subtitle }) },
    // User text as parameter values: data the label expressions look up, never code.
    params: [
      {
        name: "postLabels",
        value: drawn.map(({ post }, row) =>
          `${truncate(plain(post.label), maxLabelLength)} · ${dates.format(millis[row])}`
        )
      },
      { name: "thisRow", value: drawn.findIndex(({ isThis }) => isThis) },
      { name: "groupLabels", value: { this: plain(input.labels.thisPost), other: plain(input.labels.otherPosts) } }
    ],
    layer: [
      {
        data: { values: rows },
        // Bars fill most of their row, but no more than 32 px: one or two posts are not slabs.
        // Square ends: Vega-Lite rounds bar ends with clip paths whose ids count up across the
        // process, and the SVG would differ from one render to the next.
        mark: { type: "bar", height: { expr: "min(32, bandwidth('y') * 0.85)" } },
        encoding: {
          x,
          y,
          color: {
            field: "group",
            type: "nominal",
            scale: {
              domain: groups,
              range: groups.map((g) => g === "this" ? chartColors.thisPost : chartColors.otherPosts)
            },
            legend: {
              title: null,
              labelExpr: "groupLabels[datum.value]",
              // Room below the legend for the median's two-line caption above the plot.
              ...(captioned ? { offset: 40 } : {})
            }
          }
        }
      },
      ...medianLayers(input, format, Math.max(0, ...drawn.map(({ post }) => post.value ?? 0))),
      // Each value twice: first outlined in the background colour, a halo that keeps the median
      // line from running through the digits, then the value itself.
      { ...values, mark: { ...values.mark, stroke: chartColors.background, strokeWidth: 4, strokeJoin: "round" } },
      values
    ],
    config: {
      font: fontFamily,
      aria: false,
      locale: { number: numberLocales[input.locale] },
      view: { stroke: null },
      title: {
        anchor: "start",
        fontSize: 20,
        subtitleFontSize: 14,
        color: chartColors.text,
        subtitleColor: chartColors.muted,
        offset: 12,
        // Cut to the chart's width, measured, with "…".
        limit: width - 2 * padding
      },
      axis: {
        labelFontSize: 13,
        titleFontSize: 13,
        titleFontWeight: "normal",
        labelColor: chartColors.text,
        titleColor: chartColors.muted,
        gridColor: chartColors.grid,
        domainColor: chartColors.grid,
        tickColor: chartColors.grid,
        // Titles are cut by characters above; Vega's own cut could split an emoji in two.
        labelLimit: 0
      },
      axisY: { domain: false, ticks: false, labelPadding: 8 },
      legend: {
        orient: "top",
        labelFontSize: 13,
        labelColor: chartColors.text,
        symbolType: "square",
        symbolSize: 160,
        labelLimit: 0
      }
    }
  }
}

/** The median to draw: none when it is missing or not a finite number. */
const medianOf = (input: ChartInput): number | undefined =>
  input.median !== undefined && Number.isFinite(input.median) ? input.median : undefined

type Layer = Extract<TopLevelSpec, { readonly layer: unknown }>["layer"][number]

/** The median line, drawn over the bars and under their values, and its caption above the plot. */
const medianLayers = (input: ChartInput, format: string, largest: number): ReadonlyArray<Layer> => {
  const median = medianOf(input)
  if (median === undefined) return []
  const x = { field: "value", type: "quantitative" } as const
  const rule: Layer = {
    data: { values: [{ value: median }] },
    mark: { type: "rule", color: chartColors.median, strokeDash: [6, 4], strokeWidth: 1.5 },
    encoding: { x }
  }
  if (input.labels.median === undefined) return [rule]
  // The caption reads away from the plot's right edge when the line is near it.
  const leftward = median > largest * 0.6
  return [rule, {
    data: { values: [{ value: median, caption: plain(input.labels.median) }] },
    transform: [{ calculate: `[datum.caption, format(datum.value, '${format}')]`, as: "text" }],
    mark: {
      type: "text",
      align: leftward ? "right" : "left",
      dx: leftward ? -6 : 6,
      baseline: "bottom",
      // Vega sets the first line on `y` and the second one line below: that one ends 6 px above
      // the plot.
      y: -6 - 14,
      lineHeight: 14,
      fontSize: 12,
      color: chartColors.median
    },
    encoding: { x, text: { field: "text", type: "nominal" } }
  }]
}

interface TextItem {
  readonly font?: string
  readonly fontSize?: number
  readonly fontWeight?: string | number
  readonly limit?: number
}
interface Libraries {
  readonly vega: typeof import("vega")
  readonly vegaLite: typeof import("vega-lite")
  readonly silent: vega.LoggerInterface
}
let libraries: Promise<Libraries> | undefined

/**
 * Vega and Vega-Lite, loaded at the first chart: they are most of this package's code, and a
 * process that never draws a chart (a CLI command, a bot's reply) should not pay to load them.
 */
const loadLibraries = (): Promise<Libraries> =>
  libraries ??= Promise.all([import("vega"), import("vega-lite")]).then(([vegaModule, vegaLite]) => ({
    vega: vegaModule,
    vegaLite,
    silent: vegaModule.logger(vegaModule.None)
  }))

/** Vega's shared text-measuring hook (untyped in vega-typings; vl-convert sets it the same way). */
const textMetricsOf = (vegaModule: typeof import("vega")) =>
  (vegaModule as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics

interface DejaVu {
  readonly files: Array<string>
  readonly regular: FontMetrics
}
let dejaVu: DejaVu | undefined

/**
 * The bundled fonts, found and read at the first chart. From then on Vega measures text set in
 * DejaVu Sans with the font's real widths (its guess without a canvas is a third too wide, which
 * leaves gaps beside the labels); text in any other font keeps Vega's guess, so other charts in
 * the process lay out as before.
 */
const loadDejaVu = (vegaModule: typeof import("vega")): DejaVu => {
  if (dejaVu !== undefined) return dejaVu
  const textMetrics = textMetricsOf(vegaModule)
  // Resolved from this module, so it works from `src` (tests) and from the built `dist` alike.
  const require = createRequire(import.meta.url)
  const regularFile = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")
  const boldFile = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")
  const regular = fontMetrics(regularFile)
  const bold = fontMetrics(boldFile)
  const previous = textMetrics.width
  textMetrics.width = (item, text) => {
    if (item.font !== fontFamily) return previous(item, text)
    const font = item.fontWeight === "bold" || Number(item.fontWeight) >= 600 ? bold : regular
    // As Vega's own measures: text is trimmed, 11 px by default, and cut to `limit` when it has one.
    const width = font.width(String(text ?? "").trim(), item.fontSize ?? 11)
    return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width
  }
  dejaVu = { files: [regularFile, boldFile], regular }
  return dejaVu
}

const pictograph = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u

/**
 * `text` without the emoji the font cannot draw (each as a whole, with its joiners, skin tones and
 * variation selectors), rather than as boxes; emoji-like symbols it has (☀, ★, ✓) stay.
 */
const drawable = (font: FontMetrics, text: string): string =>
  Array.from(graphemesOf(text), ({ segment }) => segment)
    .filter((cluster) =>
      Array.from(cluster).every((char) => !pictograph.test(char) || font.has(char.codePointAt(0) ?? 0))
    )
    .join("")

/** The input with every text {@link drawable}. */
const forFont = (font: FontMetrics, input: ChartInput): ChartInput => {
  const text = (s: string) => drawable(font, s)
  const { median, subtitle, ...labels } = input.labels
  const post = (p: ChartPost): ChartPost => ({ ...p, label: text(p.label) })
  return {
    ...input,
    post: post(input.post),
    others: input.others.map(post),
    labels: {
      title: text(labels.title),
      metric: text(labels.metric),
      thisPost: text(labels.thisPost),
      otherPosts: text(labels.otherPosts),
      ...(subtitle === undefined ? {} : { subtitle: text(subtitle) }),
      ...(median === undefined ? {} : { median: text(median) })
    }
  }
}

const validSize = (input: ChartInput): boolean => {
  const width = input.width ?? defaults.width
  const height = input.height ?? defaults.height
  const scale = input.scale ?? defaults.scale
  return [width, height, scale].every((n) => Number.isFinite(n) && n > 0) && width * height * scale * scale <= maxPixels
}

const check = (input: ChartInput): Effect.Effect<void, ChartRenderError> =>
  !hasValue(input.post)
    ? Effect.fail(new ChartRenderError({ stage: "input", detail: "post-without-value" satisfies ChartInputProblem }))
    : !validSize(input)
    ? Effect.fail(new ChartRenderError({ stage: "input", detail: "invalid-size" satisfies ChartInputProblem }))
    : Effect.void

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** The SVG of a chart, and the fonts it is set in. */
const draw = (input: ChartInput): Effect.Effect<{ readonly svg: string; readonly fonts: DejaVu }, ChartRenderError> =>
  Effect.gen(function*() {
    yield* check(input)
    const { silent, vega, vegaLite } = yield* Effect.tryPromise({
      try: loadLibraries,
      catch: (error) => new ChartRenderError({ stage: "compile", detail: message(error) })
    })
    const fonts = yield* Effect.try({
      try: () => loadDejaVu(vega),
      catch: (error) => new ChartRenderError({ stage: "svg", detail: message(error) })
    })
    const runtime = yield* Effect.try({
      try: () => vega.parse(vegaLite.compile(chartSpec(forFont(fonts.regular, input)), { logger: silent }).spec),
      catch: (error) => new ChartRenderError({ stage: "compile", detail: message(error) })
    })
    const svg = yield* Effect.tryPromise({
      try: () => new vega.View(runtime, { renderer: "none", logger: silent }).toSVG(),
      catch: (error) => new ChartRenderError({ stage: "svg", detail: message(error) })
    })
    // Vega cuts a title too wide for the chart by UTF-16 units, which can split a character
    // outside the Basic Multilingual Plane (𝗡) in two: the half before the "…" goes.
    return { svg: svg.replace(loneSurrogate, ""), fonts }
  })

/**
 * The chart as an SVG document of `width` × `height` CSS pixels, its text set in `DejaVu Sans`
 * (a viewer without that font substitutes another; {@link renderPng} brings it along). Emoji the
 * font lacks are left out rather than drawn as boxes; other characters it lacks (Chinese, Japanese,
 * Korean …) are drawn as its missing-character box.
 *
 * Fails with {@link ChartRenderError}: at the `input` stage when this post has no value or the
 * size is invalid, at `compile` or `svg` when Vega fails.
 *
 * @since 0.1.0
 * @category charts
 */
export const renderSvg = (input: ChartInput): Effect.Effect<string, ChartRenderError> =>
  Effect.map(draw(input), ({ svg }) => svg)

/**
 * The chart as a PNG image of (`width` × `scale`) × (`height` × `scale`) pixels (1600 × 800 by
 * default), drawn by resvg off the main thread with the bundled DejaVu Sans and never a system
 * font, so it looks the same everywhere. The same input gives the same bytes.
 *
 * Fails with {@link ChartRenderError} as {@link renderSvg} does, or at the `png` stage.
 *
 * @since 0.1.0
 * @category charts
 */
export const renderPng = (input: ChartInput): Effect.Effect<Uint8Array, ChartRenderError> =>
  Effect.gen(function*() {
    const { fonts, svg } = yield* draw(input)
    const image = yield* Effect.tryPromise({
      try: async (signal) =>
        (await import("@resvg/resvg-js")).renderAsync(svg, {
          fitTo: { mode: "zoom", value: input.scale ?? defaults.scale },
          font: {
            fontFiles: fonts.files,
            loadSystemFonts: false,
            defaultFontFamily: fontFamily,
            sansSerifFamily: fontFamily
          },
          logLevel: "off"
        }, signal),
      catch: (error) => new ChartRenderError({ stage: "png", detail: message(error) })
    })
    return new Uint8Array(image.asPng())
  })

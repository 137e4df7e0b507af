/**
 * Format checks on a draft, per target network: length, first line, readability (LIX), hashtags,
 * links, media, alt text and video length. Each finding is structured data (what was measured,
 * the limit or recommendation it went past, and the primer entry that explains it); the chat and
 * CLI layers word it. The checks advise: only the advisor decides format, and nothing here blocks.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { type DraftBody, type Media, Network, textFor } from "./Draft.js"
import * as internal from "./internal/lix.js"
import { altTextLength, type NetworkRulesTable, rules as defaultRules, textLength } from "./NetworkRules.js"
import { PrimerEntryId } from "./Primer.js"
import { exactOptional } from "./internal/schema.js"
import { graphemesOf } from "./internal/graphemes.js"

/** An optional field that is either absent or set, never `undefined`: what is stored is what is read. */

/**
 * A readability band on Björnsson's LIX scale.
 *
 * @since 0.1.0
 * @category readability
 */
export const LixBand = Schema.Literal("very-easy", "easy", "medium", "hard", "very-hard")
/** @since 0.1.0 @category readability */
export type LixBand = typeof LixBand.Type

/**
 * The LIX of a text, unrounded, with the counts behind it and its band.
 *
 * @since 0.1.0
 * @category readability
 */
export interface Lix {
  readonly lix: number
  readonly words: number
  readonly sentences: number
  readonly longWords: number
  readonly band: LixBand
}

/**
 * Where each LIX band starts: under 25 very easy, 25–34 easy, 35–44 medium, 45–54 hard, 55 and up
 * very hard. A long word has more than {@link longWordLetters} letters.
 *
 * @since 0.1.0
 * @category readability
 */
export const lixBandFloors: {
  readonly easy: number
  readonly medium: number
  readonly hard: number
  readonly veryHard: number
} = internal.lixBandFloors

/**
 * A long word, for LIX, has more than this many letters.
 *
 * @since 0.1.0
 * @category readability
 */
export const longWordLetters: number = internal.longWordLetters

/**
 * LIX readability (Björnsson): words / sentences + 100 × long words / words, 0 for a text without
 * words. How Dugnad counts:
 *
 * - words: whitespace-separated tokens with punctuation stripped that contain a letter (æ, ø, å
 *   and every other script count). Links, @mentions, e-mail addresses, #hashtags and tokens
 *   without letters (numbers, times, emoji) are not words. "Oslo-politiet" is one word;
 * - long words: more than six letters (letters only: digits, hyphens and combining marks do not count);
 * - sentence ends: "!", "?" and ":"; "." and "…" unless a lower-case word follows ("17. mai"), the
 *   token is an initial ("J.") or an abbreviation that never ends a sentence ("f.eks.", "bl.a.",
 *   "kl.", "ca.", "e.g.", "i.e.", "Dr." …); a line break unless the next line goes on in lower case;
 *   a blank line; the end of the text. Sentences without words are not counted.
 *
 * @example
 * ```ts
 * import { lix } from "@dugnad/core/FormatChecks"
 *
 * lix("Havna er klar. Velkommen på lørdag!")
 * // { lix: 19.66…, words: 6, sentences: 2, longWords: 1, band: "very-easy" }
 * ```
 *
 * @since 0.1.0
 * @category readability
 */
export const lix = (text: string): Lix => internal.lix(text)

/**
 * How serious a finding is: `error` where the network would refuse or break the post, `warning`
 * where it goes against the network's rules of thumb, `info` where Dugnad could not check.
 *
 * @since 0.1.0
 * @category findings
 */
export const Severity = Schema.Literal("error", "warning", "info")
/** @since 0.1.0 @category findings */
export type Severity = typeof Severity.Type

/**
 * The checks. Each finding's `measured`, `limit` and `recommended` use these keys (lengths as the
 * network counts them, see `NetworkRules.textLength`):
 *
 * - `length-over-limit` (error): `measured.length` over `limit.length`, the network's hard limit;
 * - `length-over-recommended` (warning): `measured.length` over `recommended.length`;
 * - `first-line-truncated` (warning): the first sentence or line ends at `measured.firstSentenceLength`,
 *   after the feed's "See more" point `recommended.firstSentenceLength`;
 * - `readability` (warning): `measured.lix` (with `words`, `sentences`, `longWords`) is at or over
 *   `recommended.lix`, where "hard" starts. Judged only on texts of 20 words or more: one long name
 *   in a one-line caption would otherwise make it "very hard";
 * - `hashtags-over-recommended` (warning) / `hashtags-over-limit` (error): `measured.hashtags` over
 *   `recommended.hashtags` / `limit.hashtags`;
 * - `link-not-clickable` (warning): `measured.links` links with `https://` or a path where links
 *   cannot be clicked (a bare address such as `nav.no` is fine: people can type it);
 * - `media-required` (error): the network needs media (`measured.media`) or a video (`measured.videos`);
 * - `too-many-images` (error): `measured.images` (images and illustrations) over `limit.images`;
 * - `alt-text-placeholder` (warning): the alt text of `media` looks like a placeholder (a file name,
 *   the URL, a word like "bilde" or "image", or under 10 characters); `measured.altLength`;
 * - `alt-text-too-long` (error): `measured.altLength` over `limit.altLength`;
 * - `video-over-limit` (error) / `video-over-recommended` (warning): `measured.seconds` over
 *   `limit.seconds` / `recommended.seconds`;
 * - `video-duration-unknown` (info): the video `media` has no `durationSeconds`, so its length
 *   could not be checked.
 *
 * @since 0.1.0
 * @category findings
 */
export const CheckId = Schema.Literal(
  "length-over-limit",
  "length-over-recommended",
  "first-line-truncated",
  "readability",
  "hashtags-over-recommended",
  "hashtags-over-limit",
  "link-not-clickable",
  "media-required",
  "too-many-images",
  "alt-text-placeholder",
  "alt-text-too-long",
  "video-over-limit",
  "video-over-recommended",
  "video-duration-unknown"
)
/** @since 0.1.0 @category findings */
export type CheckId = typeof CheckId.Type

const Measures = Schema.Record({ key: Schema.String, value: Schema.Number })

/**
 * One finding. `network` is absent when the finding is about the draft as a whole (an alt text, a
 * video's missing length, the readability of the main text); `media` is the index of the media
 * item in `body.media` it is about. See {@link CheckId} for the keys of `measured`, `limit` and
 * `recommended`.
 *
 * @since 0.1.0
 * @category findings
 */
export const Finding = Schema.Struct({
  check: CheckId,
  severity: Severity,
  network: exactOptional(Network),
  media: exactOptional(Schema.NonNegativeInt),
  primer: PrimerEntryId,
  measured: Measures,
  limit: exactOptional(Measures),
  recommended: exactOptional(Measures)
})
/** @since 0.1.0 @category findings */
export type Finding = typeof Finding.Type

/**
 * Options for {@link check}.
 *
 * @since 0.1.0
 * @category checks
 */
export interface CheckOptions {
  /**
   * The rules to check against, where your accounts differ from `NetworkRules.rules` (a
   * Mastodon server with a higher limit, an X Premium account).
   */
  readonly rules?: NetworkRulesTable | undefined
}

// LIX swings on short texts: one long place name in a six-word caption makes it "very hard".
const readabilityMinWords = 20
const placeholderMinLength = 10

const hashtagEntry: Partial<Record<Network, PrimerEntryId>> = {
  instagram: "instagram-hashtags",
  linkedin: "linkedin-hashtags",
  x: "x-hashtags",
  threads: "threads-hashtags",
  mastodon: "mastodon-hashtags"
}
const linkEntry: Partial<Record<Network, PrimerEntryId>> = { instagram: "instagram-links", tiktok: "tiktok-links" }
const videoEntry: Partial<Record<Network, PrimerEntryId>> = {
  instagram: "instagram-video",
  tiktok: "tiktok-video",
  youtube: "youtube-video"
}

const placeholderWords = new Set([
  "bilde", "bilete", "foto", "fotografi", "illustrasjon", "grafikk", "skjermbilde", "alt", "alt-tekst", "alttekst",
  "alternativ tekst", "uten tittel", "image", "img", "photo", "picture", "pic", "illustration", "graphic",
  "screenshot", "alt text", "untitled", "logo"
])
const fileName = /^[\p{L}\p{N}_ ()-]+\.(?:jpe?g|png|gif|webp|heic|heif|tiff?|bmp|svg|avif)$/iu
const cameraName = /^(?:img|dsc|dscn|dcim|pxl|mvimg|photo|bilde|image|screenshot|skjermbilde)[_ -]?\d/iu


/** Whether an alt text says nothing: a file name, the URL, a generic word, or too short to describe. */
const isPlaceholder = (media: Media): boolean => {
  const alt = media.alt.trim()
  const plain = alt.toLowerCase().replace(/[.:!?]+$/u, "").replace(/\s+\d+$/u, "")
  const lastPathPart = media.url.split(/[/?#]/u).filter((part) => part.length > 0).at(-1)
  return Array.from(graphemesOf(alt)).length < placeholderMinLength ||
    alt === media.url ||
    alt === lastPathPart ||
    fileName.test(alt) ||
    cameraName.test(alt) ||
    placeholderWords.has(plain)
}

const isImage = (media: Media): boolean => media.kind === "image" || media.kind === "illustration"

/** The readability finding on one text: a network's own text, or the main text when `network` is absent. */
const readabilityFinding = (text: string, network: Network | undefined): ReadonlyArray<Finding> => {
  const { band, ...measured } = internal.lix(text)
  if (measured.words < readabilityMinWords || (band !== "hard" && band !== "very-hard")) return []
  return [{
    check: "readability",
    severity: "warning",
    ...(network === undefined ? {} : { network }),
    primer: "plain-language",
    measured,
    recommended: { lix: internal.lixBandFloors.hard }
  }]
}

const networkFindings = (body: DraftBody, network: Network, table: NetworkRulesTable): ReadonlyArray<Finding> => {
  const rule = table[network]
  const text = textFor(body, network)
  const findings: Array<Finding> = []
  const add = (finding: Omit<Finding, "network">) => findings.push({ ...finding, network })

  const length = textLength(text, network, table)
  if (length > rule.hardLimit) {
    add({
      check: "length-over-limit",
      severity: "error",
      primer: `${network}-length`,
      measured: { length },
      limit: { length: rule.hardLimit }
    })
  } else if (length > rule.recommendedLength.max) {
    add({
      check: "length-over-recommended",
      severity: "warning",
      primer: `${network}-length`,
      measured: { length },
      recommended: { length: rule.recommendedLength.max }
    })
  }

  const end = internal.firstSentenceEnd(text)
  if (rule.truncatesAt !== undefined && end !== undefined) {
    const firstSentenceLength = textLength(text.slice(0, end), network, table)
    if (firstSentenceLength > rule.truncatesAt) {
      add({
        check: "first-line-truncated",
        severity: "warning",
        primer: "first-lines",
        measured: { firstSentenceLength },
        recommended: { firstSentenceLength: rule.truncatesAt }
      })
    }
  }

  if (text !== body.text) findings.push(...readabilityFinding(text, network))

  const hashtags = internal.hashtagCount(text)
  const hashtagPrimer = hashtagEntry[network] ?? "hashtags"
  if (rule.hashtags.max !== undefined && hashtags > rule.hashtags.max) {
    add({
      check: "hashtags-over-limit",
      severity: "error",
      primer: hashtagPrimer,
      measured: { hashtags },
      limit: { hashtags: rule.hashtags.max }
    })
  } else if (hashtags > rule.hashtags.recommended.max) {
    add({
      check: "hashtags-over-recommended",
      severity: "warning",
      primer: hashtagPrimer,
      measured: { hashtags },
      recommended: { hashtags: rule.hashtags.recommended.max }
    })
  }

  if (!rule.linksClickable) {
    const links = internal.findUrls(text).filter((url) => url.protocol || url.path).length
    if (links > 0) {
      add({
        check: "link-not-clickable",
        severity: "warning",
        primer: linkEntry[network] ?? "links",
        measured: { links }
      })
    }
  }

  const videos = body.media.filter((media) => media.kind === "video").length
  if (
    (rule.requiredMedia === "any" && body.media.length === 0) ||
    (rule.requiredMedia === "video" && videos === 0)
  ) {
    add({ check: "media-required", severity: "error", primer: network, measured: { media: body.media.length, videos } })
  }

  const images = body.media.filter(isImage).length
  if (rule.maxImages !== undefined && images > rule.maxImages) {
    add({
      check: "too-many-images",
      severity: "error",
      primer: "visuals",
      measured: { images },
      limit: { images: rule.maxImages }
    })
  }

  body.media.forEach((media, index) => {
    if (isImage(media) && rule.altTextMax !== undefined) {
      const altLength = altTextLength(media.alt, network, table)
      if (altLength > rule.altTextMax) {
        add({
          check: "alt-text-too-long",
          severity: "error",
          media: index,
          primer: "alt-text",
          measured: { altLength },
          limit: { altLength: rule.altTextMax }
        })
      }
    }
    const seconds = media.kind === "video" ? media.durationSeconds : undefined
    if (seconds === undefined) return
    const { maxSeconds, recommendedMaxSeconds } = rule.video
    const primer = videoEntry[network] ?? "video-length"
    if (maxSeconds !== undefined && seconds > maxSeconds) {
      add({
        check: "video-over-limit",
        severity: "error",
        media: index,
        primer,
        measured: { seconds },
        limit: { seconds: maxSeconds }
      })
    } else if (recommendedMaxSeconds !== undefined && seconds > recommendedMaxSeconds) {
      add({
        check: "video-over-recommended",
        severity: "warning",
        media: index,
        primer,
        measured: { seconds },
        recommended: { seconds: recommendedMaxSeconds }
      })
    }
  })

  return findings
}

/**
 * Checks a draft against the rules of each of its target networks, using each network's text
 * (`textFor`). Findings about the draft as a whole come first (placeholder alt texts, videos of
 * unknown length, readability of the main text), then each network's, in the draft's network
 * order. A draft with no findings is fine as it stands.
 *
 * @example
 * ```ts
 * import { check, worst } from "@dugnad/core/FormatChecks"
 *
 * const findings = check({
 *   text: "Nå åpner den nye havna! Kom på lørdag kl. 12. #NyHavn",
 *   perNetwork: {},
 *   media: [{ kind: "image", url: "https://example.org/havna.jpg", alt: "Den nye havna i sol, med folk på kaia" }],
 *   networks: ["facebook", "instagram"]
 * })
 * worst(findings) // undefined: nothing to fix
 * ```
 *
 * @since 0.1.0
 * @category checks
 */
export const check = (body: DraftBody, options: CheckOptions = {}): ReadonlyArray<Finding> => {
  const table = options.rules ?? defaultRules
  const targets = Array.from(new Set(body.networks))
  const draftFindings: Array<Finding> = []

  body.media.forEach((media, index) => {
    if (isImage(media) && isPlaceholder(media)) {
      draftFindings.push({
        check: "alt-text-placeholder",
        severity: "warning",
        media: index,
        primer: "alt-text",
        measured: { altLength: Array.from(graphemesOf(media.alt)).length }
      })
    }
    if (media.kind === "video" && media.durationSeconds === undefined) {
      draftFindings.push({
        check: "video-duration-unknown",
        severity: "info",
        media: index,
        primer: "video-length",
        measured: {}
      })
    }
  })

  if (targets.some((network) => textFor(body, network) === body.text)) {
    draftFindings.push(...readabilityFinding(body.text, undefined))
  }

  return [...draftFindings, ...targets.flatMap((network) => networkFindings(body, network, table))]
}

const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 }

/**
 * The most serious severity among findings, or `undefined` when there are none.
 *
 * @since 0.1.0
 * @category findings
 */
export const worst = (findings: ReadonlyArray<Finding>): Severity | undefined =>
  findings.reduce<Severity | undefined>(
    (most, finding) => (most === undefined || rank[finding.severity] > rank[most] ? finding.severity : most),
    undefined
  )

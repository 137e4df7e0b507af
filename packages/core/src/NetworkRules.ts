/**
 * Facts per network, in one place: hard limits, where the feed cuts the text, Dugnad's
 * recommendations, links, media, video, hashtags and alt text. The primer quotes these numbers and
 * the format checks test drafts against them, so the two never disagree.
 *
 * The networks change their limits without notice. The figures are the networks' own help pages
 * and developer documentation as known in {@link asOf}; where a network publishes nothing, the
 * comment says what the figure rests on. "Recommended" figures are Dugnad's rules of thumb for an
 * organisation's posts (drawn from the networks' creator advice and the usual industry guides),
 * not limits: a post may break them for a reason.
 *
 * @since 0.1.0
 */
import type { Network } from "./Draft.js"
import { findUrls, remoteMentionPattern } from "./internal/lix.js"
import { graphemesOf } from "./internal/graphemes.js"

/**
 * When the figures in {@link rules} were last checked against the networks' own documentation.
 *
 * @since 0.1.0
 * @category rules
 */
export const asOf = "2025"

/**
 * How a network counts the length of a text:
 * - `utf16`: UTF-16 code units, as a browser's `maxlength` does (an emoji counts 2). The networks
 *   that publish no counting rule get this, because it never counts less than they do;
 * - `graphemes`: characters as the reader sees them (an emoji, a flag or "å" counts 1), Bluesky;
 * - `x-weighted`: X's weighted count (twitter-text v3): every link counts `urlLength`, an emoji counts
 *   2, Latin, Greek, Cyrillic and common punctuation count 1, other scripts (CJK) count 2;
 * - `mastodon`: graphemes, every `http(s)://` link counts `urlLength`, and `@kari@example.social`
 *   counts as `@kari` (Mastodon's StatusLengthValidator).
 *
 * @since 0.1.0
 * @category rules
 */
export type LengthCounting = "utf16" | "graphemes" | "x-weighted" | "mastodon"

/**
 * An inclusive range.
 *
 * @since 0.1.0
 * @category rules
 */
export interface Range {
  readonly min: number
  readonly max: number
}

/**
 * Video lengths in seconds. Absent means the network sets no such figure.
 *
 * @since 0.1.0
 * @category rules
 */
export interface VideoRules {
  /** The longest video the network accepts in a post. */
  readonly maxSeconds?: number
  /** Dugnad's recommended longest video for the feed (a rule of thumb: short videos are watched to the end). */
  readonly recommendedMaxSeconds?: number
  /** The longest short-form video (YouTube Shorts, Instagram Reels recommended to non-followers). */
  readonly shortFormMaxSeconds?: number
}

/**
 * What one network allows and what Dugnad recommends there.
 *
 * @since 0.1.0
 * @category rules
 */
export interface NetworkRule {
  /** The network's name as it writes it. */
  readonly name: string
  /** How the network counts text length. */
  readonly counting: LengthCounting
  /** What every link counts as, for networks that count links at a fixed length (X, Mastodon). */
  readonly urlLength?: number
  /** The most characters a post's text may have (YouTube: the video description). */
  readonly hardLimit: number
  /** About where the feed cuts the text with "See more"; absent where posts are shown in full. */
  readonly truncatesAt?: number
  /** Dugnad's recommended length of a post's text. */
  readonly recommendedLength: Range
  /** Whether a link in the post text can be clicked. */
  readonly linksClickable: boolean
  /** Whether a post must carry media: any image or video, or a video. */
  readonly requiredMedia: "none" | "any" | "video"
  /** The most images (and illustrations) in one post, where the network sets a limit. */
  readonly maxImages?: number
  /** Video lengths. */
  readonly video: VideoRules
  /** Recommended number of hashtags, and the network's own maximum where it has one. */
  readonly hashtags: { readonly recommended: Range; readonly max?: number }
  /** The longest alt text the network accepts for an image, where it publishes one. */
  readonly altTextMax?: number
}

/**
 * The rules of every network.
 *
 * @since 0.1.0
 * @category rules
 */
export type NetworkRulesTable = { readonly [N in Network]: NetworkRule }

/**
 * The rules Dugnad checks drafts against and the primer quotes, as of {@link asOf}. They change:
 * check the sources in the comments before relying on a figure, and pass your own table to the
 * format checks where your accounts differ (X Premium, a Mastodon server with a higher limit).
 *
 * @since 0.1.0
 * @category rules
 */
export const rules: NetworkRulesTable = {
  facebook: {
    name: "Facebook",
    counting: "utf16",
    // Meta's documented post limit.
    hardLimit: 63_206,
    // The mobile feed shows 2–3 lines before "See more" (fewer with an image); Meta's Ads Guide
    // recommends 125 characters of primary text for the same reason, the only figure Meta publishes.
    truncatesAt: 125,
    recommendedLength: { min: 40, max: 250 },
    linksClickable: true,
    requiredMedia: "none",
    video: {
      // Meta Help Centre: videos up to 240 minutes. Since 2025 every Facebook video is shown as a Reel.
      maxSeconds: 14_400,
      recommendedMaxSeconds: 60
    },
    hashtags: { recommended: { min: 0, max: 2 } }
    // Facebook publishes no limit on photos per post or on alt text; neither is checked.
  },
  instagram: {
    name: "Instagram",
    counting: "utf16",
    // Instagram Help Centre: captions up to 2,200 characters.
    hardLimit: 2_200,
    // The feed shows about 125 characters before "more" (Meta Ads Guide: 125 recommended).
    truncatesAt: 125,
    recommendedLength: { min: 50, max: 300 },
    // Links in captions and comments are plain text; only the profile, Stories and DMs link.
    linksClickable: false,
    requiredMedia: "any",
    // Carousels: up to 20 photos and videos since August 2024 (was 10).
    maxImages: 20,
    video: {
      // Since 2022 every video under 15 minutes posted from the app is a Reel.
      maxSeconds: 900,
      recommendedMaxSeconds: 90,
      // January 2025: Reels up to 3 minutes can be recommended to non-followers (was 90 seconds).
      shortFormMaxSeconds: 180
    },
    // Instagram has long allowed 30 hashtags and its @creators account advises 3–5 (2021–2024).
    hashtags: { recommended: { min: 3, max: 5 }, max: 30 }
    // Instagram's custom alt text field publishes no limit; none is checked.
  },
  linkedin: {
    name: "LinkedIn",
    counting: "utf16",
    // LinkedIn Help: posts up to 3,000 characters.
    hardLimit: 3_000,
    // Desktop shows about 210 characters before "…more"; the mobile app about 140.
    truncatesAt: 210,
    recommendedLength: { min: 150, max: 1_300 },
    linksClickable: true,
    requiredMedia: "none",
    // Multi-image posts: up to 20 images (LinkedIn Help, as known in 2024).
    maxImages: 20,
    video: {
      // LinkedIn Help: up to 15 minutes uploaded from a computer (10 from the mobile app).
      maxSeconds: 900,
      recommendedMaxSeconds: 90
    },
    // LinkedIn gives hashtags less weight since 2023 and has advised "a few"; 3 is the usual advice.
    hashtags: { recommended: { min: 0, max: 3 } },
    // Not sure: the composer's alt text field allowed 120 characters in 2019 and 300 later (seen in
    // 2023–2024); LinkedIn Help does not state it. 300 is used so no valid alt text is flagged.
    altTextMax: 300
  },
  tiktok: {
    name: "TikTok",
    counting: "utf16",
    // Captions up to 4,000 characters since 2023 (was 2,200).
    hardLimit: 4_000,
    // Not documented: the app shows about two lines over the video, roughly 100 characters (2025).
    truncatesAt: 100,
    recommendedLength: { min: 20, max: 150 },
    linksClickable: false,
    requiredMedia: "any",
    // Photo posts (photo mode): up to 35 photos.
    maxImages: 35,
    video: {
      // Uploads up to 60 minutes since 2024 (recorded in the app: 10 minutes).
      maxSeconds: 3_600,
      recommendedMaxSeconds: 60
    },
    hashtags: { recommended: { min: 3, max: 5 } }
    // TikTok publishes no alt text limit for photo posts; none is checked.
  },
  youtube: {
    name: "YouTube",
    counting: "utf16",
    // YouTube Help: video descriptions up to 5,000 characters (titles up to 100 are not modelled).
    hardLimit: 5_000,
    // The watch page shows the first lines before "…more": about 150 characters (YouTube Help says
    // "the first few lines"; guides cite 100–157).
    truncatesAt: 150,
    recommendedLength: { min: 100, max: 2_000 },
    linksClickable: true,
    requiredMedia: "video",
    video: {
      // YouTube Help: up to 12 hours for verified accounts (15 minutes until the account is verified).
      maxSeconds: 43_200,
      // Shorts up to 3 minutes since 15 October 2024 (was 60 seconds). No feed recommendation:
      // on YouTube long videos are fine when people watch them.
      shortFormMaxSeconds: 180
    },
    // YouTube Help (hashtag policy): over 60 hashtags and YouTube ignores all of them; the first 3
    // are shown above the title.
    hashtags: { recommended: { min: 0, max: 3 }, max: 60 }
    // Videos have no alt text: captions and subtitles are the accessible form.
  },
  x: {
    name: "X",
    counting: "x-weighted",
    // X developer docs (counting characters): every link counts 23.
    urlLength: 23,
    // Accounts without Premium (Premium: 25,000).
    hardLimit: 280,
    recommendedLength: { min: 40, max: 240 },
    linksClickable: true,
    requiredMedia: "none",
    maxImages: 4,
    video: {
      // X Help: 2 minutes 20 seconds without Premium.
      maxSeconds: 140,
      recommendedMaxSeconds: 60
    },
    // X Help: "we recommend using no more than 2 hashtags per post".
    hashtags: { recommended: { min: 0, max: 2 } },
    // X Help: image descriptions up to 1,000 characters.
    altTextMax: 1_000
  },
  threads: {
    name: "Threads",
    counting: "utf16",
    // Threads Help: 500 characters per post (longer "text attachments" are not modelled).
    hardLimit: 500,
    recommendedLength: { min: 40, max: 300 },
    linksClickable: true,
    requiredMedia: "none",
    // Not sure: carousels of up to 20 items were reported in 2024 (10 at launch); Threads Help does not say.
    maxImages: 20,
    video: {
      // Threads Help: videos up to 5 minutes.
      maxSeconds: 300,
      recommendedMaxSeconds: 60
    },
    // Threads turns one hashtag per post into a topic tag (2024); further ones stay plain text.
    hashtags: { recommended: { min: 0, max: 1 }, max: 1 }
    // Threads publishes no alt text limit; none is checked.
  },
  bluesky: {
    name: "Bluesky",
    counting: "graphemes",
    // AT Protocol lexicon app.bsky.feed.post: text maxGraphemes 300.
    hardLimit: 300,
    recommendedLength: { min: 40, max: 250 },
    linksClickable: true,
    requiredMedia: "none",
    // app.bsky.embed.images: at most 4 images.
    maxImages: 4,
    video: {
      // Videos up to 3 minutes since March 2025 (was 60 seconds).
      maxSeconds: 180,
      recommendedMaxSeconds: 60
    },
    hashtags: { recommended: { min: 0, max: 2 } },
    // Not sure: the Bluesky app caps alt text at 2,000 characters (as known in 2025); the lexicon sets no limit.
    altTextMax: 2_000
  },
  mastodon: {
    name: "Mastodon",
    counting: "mastodon",
    urlLength: 23,
    // Mastodon's default; each server (instance) can configure its own limit.
    hardLimit: 500,
    recommendedLength: { min: 40, max: 400 },
    linksClickable: true,
    requiredMedia: "none",
    // Mastodon's default: 4 attachments.
    maxImages: 4,
    video: {
      // No duration limit: servers limit the file size (99 MB by default in Mastodon 4).
      recommendedMaxSeconds: 60
    },
    // Hashtags are how people find posts on Mastodon (no algorithm), so at least one is useful.
    hashtags: { recommended: { min: 1, max: 4 } },
    // Mastodon's MediaAttachment description limit: 1,500 characters.
    altTextMax: 1_500
  }
}


const graphemeCount = (text: string): number => Array.from(graphemesOf(text)).length

const emoji = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u

// twitter-text v3: code points in these ranges weigh 1, all others 2.
const xLightRanges: ReadonlyArray<readonly [number, number]> = [[0, 4351], [8192, 8205], [8208, 8223], [8242, 8247]]

const xWeight = (text: string): number => {
  let weight = 0
  for (const { segment } of graphemesOf(text)) {
    if (emoji.test(segment)) {
      weight += 2
      continue
    }
    for (const char of segment) {
      const code = char.codePointAt(0)!
      weight += xLightRanges.some(([from, to]) => code >= from && code <= to) ? 1 : 2
    }
  }
  return weight
}

/** The text with each link replaced by a stand-in of `length` characters. */
const withFixedLinks = (text: string, length: number, protocolOnly: boolean): string => {
  let result = ""
  let at = 0
  for (const url of findUrls(text)) {
    if (protocolOnly && !url.protocol) continue
    result += text.slice(at, url.start) + "x".repeat(length)
    at = url.end
  }
  return result + text.slice(at)
}

/**
 * The length of `text` as `network` counts it (see {@link LengthCounting}). X recognises bare
 * hosts such as `nav.no` as links only when their top-level domain is real; Dugnad counts every
 * bare host it finds as a link, which can count a few characters short on X in rare typos.
 *
 * @since 0.1.0
 * @category counting
 */
export const textLength = (text: string, network: Network, table: NetworkRulesTable = rules): number => {
  const rule = table[network]
  const normalized = text.normalize("NFC")
  switch (rule.counting) {
    case "utf16":
      return normalized.length
    case "graphemes":
      return graphemeCount(normalized)
    case "x-weighted":
      return rule.urlLength === undefined
        ? xWeight(normalized)
        : xWeight(withFixedLinks(normalized, rule.urlLength, false))
    case "mastodon": {
      const local = normalized.replace(remoteMentionPattern, "$1")
      return graphemeCount(rule.urlLength === undefined ? local : withFixedLinks(local, rule.urlLength, true))
    }
  }
}

/**
 * The length of an image's alt text as `network` counts it: graphemes where the network counts
 * graphemes (Bluesky, Mastodon), else UTF-16 code units.
 *
 * @since 0.1.0
 * @category counting
 */
export const altTextLength = (alt: string, network: Network, table: NetworkRulesTable = rules): number => {
  const normalized = alt.normalize("NFC")
  const counting = table[network].counting
  return counting === "graphemes" || counting === "mastodon" ? graphemeCount(normalized) : normalized.length
}

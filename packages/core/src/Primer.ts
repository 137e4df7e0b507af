/**
 * The primer: short built-in guides to how the feed works and what works on each network (first
 * lines, length, plain language, visuals, video, hashtags, links, alt text, universal design), in
 * Norwegian Bokmål and English. A workspace can replace any entry and add its own. The format
 * checks cite entries by id, so every change the advisor makes to a draft comes with a reason
 * colleagues can read.
 *
 * Every figure in the built-in texts is taken from {@link NetworkRules.rules}, never typed in, so
 * the primer and the checks always quote the same numbers.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { Network, networks } from "./Draft.js"
import { en } from "./internal/primer/en.js"
import { nb } from "./internal/primer/nb.js"
import { Locale } from "./Member.js"
import * as NetworkRules from "./NetworkRules.js"
import { exactOptional } from "./internal/schema.js"

/** An optional field that is either absent or set, never `undefined`: what is stored is what is read. */

/** The general entries, about every network: each entry's id is its topic (see `placement`). */
const generalTopics = [
  "feed",
  "first-lines",
  "plain-language",
  "length",
  "visuals",
  "video-length",
  "hashtags",
  "links",
  "alt-text",
  "accessibility"
] as const

/**
 * The ids of the built-in entries. They are stable: the format checks, format decisions and
 * workspace overrides refer to them. General entries come first, then each network's overview
 * (`linkedin`) and its entries (`linkedin-length`, `linkedin-hashtags` …).
 *
 * @since 0.1.0
 * @category ids
 */
export const PrimerEntryId = Schema.Literal(
  ...generalTopics,
  "facebook",
  "facebook-length",
  "instagram",
  "instagram-length",
  "instagram-links",
  "instagram-hashtags",
  "instagram-video",
  "linkedin",
  "linkedin-length",
  "linkedin-hashtags",
  "tiktok",
  "tiktok-length",
  "tiktok-links",
  "tiktok-video",
  "youtube",
  "youtube-length",
  "youtube-video",
  "x",
  "x-length",
  "x-hashtags",
  "threads",
  "threads-length",
  "threads-hashtags",
  "bluesky",
  "bluesky-length",
  "mastodon",
  "mastodon-length",
  "mastodon-hashtags"
)
/** @since 0.1.0 @category ids */
export type PrimerEntryId = typeof PrimerEntryId.Type

/**
 * Every built-in entry id, in reading order.
 *
 * @since 0.1.0
 * @category ids
 */
export const builtInEntryIds: ReadonlyArray<PrimerEntryId> = PrimerEntryId.literals

/**
 * The id of an entry a workspace adds: 2–64 characters, lower-case a–z, digits and dashes.
 * Failures carry a reason code as their message (`too-short`, `too-long`, `invalid-characters`),
 * which {@link decodeOverride} turns into an {@link InvalidPrimerEntry}.
 *
 * @since 0.1.0
 * @category ids
 */
export const CustomPrimerId = Schema.String.pipe(
  Schema.filter((id) =>
    id.length < 2 ? "too-short" : id.length > 64 ? "too-long" : /^[a-z0-9-]+$/.test(id) || "invalid-characters"
  ),
  Schema.brand("@dugnad/CustomPrimerId")
)
/** @since 0.1.0 @category ids */
export type CustomPrimerId = typeof CustomPrimerId.Type

/**
 * The id of any entry: a built-in id (which a workspace may override) or a workspace's own.
 *
 * @since 0.1.0
 * @category ids
 */
export const PrimerId = Schema.Union(PrimerEntryId, CustomPrimerId)
/** @since 0.1.0 @category ids */
export type PrimerId = typeof PrimerId.Type

/**
 * What an entry is about. Network overviews are about the `feed` there; a workspace's own entries
 * are `other` unless they say otherwise.
 *
 * @since 0.1.0
 * @category entries
 */
export const PrimerTopic = Schema.Literal(...generalTopics, "other")
/** @since 0.1.0 @category entries */
export type PrimerTopic = typeof PrimerTopic.Type

/**
 * The longest title, summary and body an entry may have. The body fits a Discord modal's
 * paragraph field and a Discord embed, so an advisor can edit any entry from chat.
 *
 * @since 0.1.0
 * @category entries
 */
export const textLimits = { title: 100, summary: 280, body: 4000 } as const

const text = (max: number) =>
  Schema.String.pipe(
    Schema.filter((value) => {
      if (value.trim().length === 0) return "empty"
      if (value !== value.trim()) return "untrimmed"
      return value.length <= max || "too-long"
    })
  )

/**
 * One primer entry in one language: a title, a one-sentence summary, and a body of a few short
 * paragraphs (plain text; lines starting with "- " are list items).
 *
 * @since 0.1.0
 * @category entries
 */
export const PrimerEntry = Schema.Struct({
  id: PrimerId,
  network: exactOptional(Network),
  topic: PrimerTopic,
  title: text(textLimits.title),
  summary: text(textLimits.summary),
  body: text(textLimits.body)
})
/** @since 0.1.0 @category entries */
export type PrimerEntry = typeof PrimerEntry.Type

/**
 * A workspace's own version of an entry in one language. With a built-in id it replaces that
 * entry (keeping its topic and network unless it sets them); with a custom id it adds an entry.
 *
 * @since 0.1.0
 * @category overrides
 */
export const PrimerOverride = Schema.Struct({
  id: PrimerId,
  locale: Locale,
  title: text(textLimits.title),
  summary: text(textLimits.summary),
  body: text(textLimits.body),
  network: exactOptional(Network),
  topic: exactOptional(PrimerTopic)
})
/** @since 0.1.0 @category overrides */
export type PrimerOverride = typeof PrimerOverride.Type

/**
 * The field of an override that was refused (`entry` when the input is not an object at all).
 *
 * @since 0.1.0
 * @category errors
 */
export const PrimerField = Schema.Literal("entry", "id", "locale", "title", "summary", "body", "network", "topic")
/** @since 0.1.0 @category errors */
export type PrimerField = typeof PrimerField.Type

/**
 * Why a field was refused: `missing`; `empty` (blank text); `untrimmed` (leading or trailing
 * spaces); `too-short` / `too-long` (see {@link CustomPrimerId} and {@link textLimits});
 * `invalid-characters` (an id with anything but a–z, 0–9 and dashes); `invalid` (wrong type, or a
 * locale, network or topic Dugnad does not know).
 *
 * @since 0.1.0
 * @category errors
 */
export const InvalidPrimerEntryReason = Schema.Literal(
  "missing",
  "empty",
  "untrimmed",
  "too-short",
  "too-long",
  "invalid-characters",
  "invalid"
)
/** @since 0.1.0 @category errors */
export type InvalidPrimerEntryReason = typeof InvalidPrimerEntryReason.Type

/**
 * A workspace's primer entry was refused. Structured, so that each adapter words it.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidPrimerEntry extends Schema.TaggedError<InvalidPrimerEntry>()("InvalidPrimerEntry", {
  field: PrimerField,
  reason: InvalidPrimerEntryReason
}) {}

const isField = Schema.is(PrimerField)
const isReason = Schema.is(InvalidPrimerEntryReason)
const decodeOverrideEither = Schema.decodeUnknownEither(PrimerOverride)

/**
 * Checks a workspace's entry (from a chat form, a file or a database row) and returns it as a
 * {@link PrimerOverride}, or says which field is wrong and why. The first wrong field is reported.
 *
 * @since 0.1.0
 * @category overrides
 */
export const decodeOverride = (input: unknown): Either.Either<PrimerOverride, InvalidPrimerEntry> =>
  Either.mapLeft(decodeOverrideEither(input), (error) => {
    const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
    const first = issues[0]
    const field = first?.path[0]
    // The filters above report their reason code as the message; anything else is a type mismatch.
    const coded = issues.find((issue) => isReason(issue.message))?.message
    return new InvalidPrimerEntry({
      field: isField(field) ? field : "entry",
      reason: isReason(coded) ? coded : first?._tag === "Missing" ? "missing" : "invalid"
    })
  })

const topicOfSuffix = { length: "length", links: "links", hashtags: "hashtags", video: "video-length" } as const
const isTopic = Schema.is(PrimerTopic)

/** Where a built-in entry belongs: a network's own entries are `<network>` or `<network>-<topic>`. */
const placement = (id: PrimerEntryId): { readonly topic: PrimerTopic; readonly network?: Network } => {
  const network = networks.find((candidate) => id === candidate || id.startsWith(`${candidate}-`))
  // A general entry's id is its topic ("alt-text").
  if (network === undefined) return { topic: isTopic(id) ? id : "other" }
  if (id === network) return { topic: "feed", network }
  return { topic: topicOfSuffix[id.slice(network.length + 1) as keyof typeof topicOfSuffix], network }
}

const texts = { nb, en } as const
const builtInCache = new Map<Locale, ReadonlyArray<PrimerEntry>>()

/**
 * Every built-in entry in one language, in the order of {@link builtInEntryIds}.
 *
 * @since 0.1.0
 * @category entries
 */
export const builtIn = (locale: Locale): ReadonlyArray<PrimerEntry> => {
  let entries = builtInCache.get(locale)
  if (entries === undefined) {
    const localized = texts[locale](NetworkRules.rules)
    entries = builtInEntryIds.map((id) => ({ id, ...placement(id), ...localized[id] }))
    builtInCache.set(locale, entries)
  }
  return entries
}

const isBuiltInId = Schema.is(PrimerEntryId)

const fromOverride = (override: PrimerOverride, base: PrimerEntry | undefined): PrimerEntry => {
  const network = override.network ?? base?.network
  return {
    id: override.id,
    ...(network === undefined ? {} : { network }),
    topic: override.topic ?? base?.topic ?? "other",
    title: override.title,
    summary: override.summary,
    body: override.body
  }
}

/**
 * The primer a workspace sees in one language: the built-in entries, each replaced by the
 * workspace's override with the same id, followed by the workspace's own entries in the order
 * given. Overrides in other languages are ignored; if two share an id and language, the later wins.
 *
 * @since 0.1.0
 * @category entries
 */
export const resolve = (locale: Locale, overrides: ReadonlyArray<PrimerOverride>): ReadonlyArray<PrimerEntry> => {
  const own = new Map<PrimerId, PrimerOverride>()
  for (const override of overrides) if (override.locale === locale) own.set(override.id, override)
  if (own.size === 0) return builtIn(locale)
  const merged = builtIn(locale).map((base) => {
    const override = own.get(base.id)
    return override === undefined ? base : fromOverride(override, base)
  })
  const added = Array.from(own.values()).filter((override) => !isBuiltInId(override.id))
  return [...merged, ...added.map((override) => fromOverride(override, undefined))]
}

/**
 * One entry by id in one language, with the workspace's overrides applied, or `undefined` if
 * there is no such entry.
 *
 * @since 0.1.0
 * @category entries
 */
export const entry = (
  id: string,
  locale: Locale,
  overrides: ReadonlyArray<PrimerOverride> = []
): PrimerEntry | undefined => resolve(locale, overrides).find((candidate) => candidate.id === id)

/**
 * The entries about one network (its overview first), with the workspace's overrides applied.
 * General entries, which are about every network, are not included.
 *
 * @since 0.1.0
 * @category entries
 */
export const forNetwork = (
  network: Network,
  locale: Locale,
  overrides: ReadonlyArray<PrimerOverride> = []
): ReadonlyArray<PrimerEntry> => resolve(locale, overrides).filter((candidate) => candidate.network === network)

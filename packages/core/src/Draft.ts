/**
 * What a draft is made of: text (per network where they differ), media with alt text or caption,
 * target networks and a planned date.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { exactOptional } from "./internal/schema.js"

/** An optional field that is either absent or set, never `undefined`: what is stored is what is read. */

/**
 * The networks Dugnad knows how to advise on.
 *
 * @since 0.1.0
 * @category networks
 */
export const Network = Schema.Literal(
  "facebook",
  "instagram",
  "linkedin",
  "tiktok",
  "youtube",
  "x",
  "threads",
  "bluesky",
  "mastodon"
)
/** @since 0.1.0 @category networks */
export type Network = typeof Network.Type

/**
 * Every network, in a stable order (for menus and validation messages).
 *
 * @since 0.1.0
 * @category networks
 */
export const networks: ReadonlyArray<Network> = Network.literals

/**
 * The kinds of media a post can carry.
 *
 * @since 0.1.0
 * @category media
 */
export const MediaKind = Schema.Literal("image", "illustration", "video")
/** @since 0.1.0 @category media */
export type MediaKind = typeof MediaKind.Type

/**
 * One image, illustration or video. `alt` is the alt text of an image or illustration and the
 * caption of a video; it is required, because universal design is law for Norwegian public bodies
 * and good practice everywhere.
 *
 * @since 0.1.0
 * @category media
 */
export const Media = Schema.Struct({
  kind: MediaKind,
  url: Schema.NonEmptyTrimmedString,
  alt: Schema.NonEmptyTrimmedString,
  /** A video's length in seconds, when known (the format checks compare it with each network's limits). */
  durationSeconds: exactOptional(Schema.Number.pipe(Schema.positive(), Schema.finite()))
})
/** @since 0.1.0 @category media */
export type Media = typeof Media.Type

/**
 * The kind of a revision, declared by the advisor and recorded. A `content` revision changes what
 * is said and makes earlier fact approvals stale; a `format` revision changes how it is said and
 * keeps them (experts are told and can still object).
 *
 * @since 0.1.0
 * @category revisions
 */
export const RevisionKind = Schema.Literal("content", "format")
/** @since 0.1.0 @category revisions */
export type RevisionKind = typeof RevisionKind.Type

/**
 * The body of one draft revision. `text` is the main text; `perNetwork` overrides it for networks
 * where it differs. `networks` are the target networks (at least one).
 *
 * @since 0.1.0
 * @category drafts
 */
export const DraftBody = Schema.Struct({
  text: Schema.String,
  perNetwork: Schema.partialWith(Schema.Record({ key: Network, value: Schema.String }), { exact: true }),
  media: Schema.Array(Media),
  networks: Schema.Array(Network),
  plannedFor: exactOptional(Schema.DateTimeUtc)
})
/** @since 0.1.0 @category drafts */
export type DraftBody = typeof DraftBody.Type

/**
 * The text a draft shows on one network: the network's own text if it has one, else the main text.
 *
 * @since 0.1.0
 * @category drafts
 */
export const textFor = (body: DraftBody, network: Network): string => body.perNetwork[network] ?? body.text

/**
 * Matching the rows of a network's export to the posts a workspace recorded, by post id or
 * permalink. Pure. A row matches a post only when they share an identity key and the post is on
 * the row's network; nothing is matched by title, text or date.
 *
 * Identity keys. A link gives its normalised form (`url:` host and path, plus the query
 * parameters that carry an id) and the ids in it:
 * - Facebook: `/posts/<id>` (numeric or `pfbid…`), `permalink.php?story_fbid=<id>`,
 *   `photo.php?fbid=<id>` and `/photo/?fbid=`, `/videos/<id>`, `/reel/<id>`, `/photos/<album>/<id>`,
 *   `watch/?v=<id>`; an export's post id `<page id>_<post id>` gives the post id.
 * - Instagram: the shortcode of `/p/<code>`, `/reel/<code>`, `/reels/<code>`, `/tv/<code>`, also
 *   after a user name (`/<user>/p/<code>`). Shortcodes are case-sensitive.
 * - LinkedIn: `urn:li:activity:<id>`, `urn:li:share:<id>`, `urn:li:ugcPost:<id>` anywhere in the
 *   link (also URL-encoded, as in `/feed/update/urn%3Ali%3Aactivity%3A<id>`) or as a bare URN, and
 *   `/posts/<slug>-activity-<id>-<code>`. Activity, share and ugcPost ids are different numbers
 *   for the same post, so each kind only matches its own kind.
 * Normalising a link: the scheme, `www.`, `m.`, `mobile.`, `web.`, `mbasic.` and LinkedIn's
 * country prefixes (`no.linkedin.com`) go; the host is lower-cased; a trailing slash, the fragment
 * and every query parameter but `story_fbid`, `fbid`, `id` and `v` go. The path keeps its case.
 * A link that carries no id, such as Facebook's `/share/p/<code>` short links, matches only the
 * same link.
 */
import type { Network } from "../Draft.js"
import type { ItemId } from "../Ids.js"
import type { UnmatchedReason } from "../ResultsImport.js"

/** Hosts (after the prefixes are dropped) and their network. */
const hosts: ReadonlyMap<string, { readonly host: string; readonly network: Network }> = new Map([
  ["facebook.com", { host: "facebook.com", network: "facebook" }],
  ["fb.com", { host: "facebook.com", network: "facebook" }],
  ["instagram.com", { host: "instagram.com", network: "instagram" }],
  ["instagr.am", { host: "instagram.com", network: "instagram" }],
  ["linkedin.com", { host: "linkedin.com", network: "linkedin" }]
])

const droppedPrefix = /^(?:www|m|mobile|web|mbasic|touch)\./u
const linkedinCountry = /^[a-z]{2}\.(?=linkedin\.com$)/u
const idParameters = ["story_fbid", "fbid", "id", "v"]

const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

const toUrl = (text: string): URL | undefined => {
  const trimmed = text.trim()
  // Links are often pasted without a scheme ("www.facebook.com/…").
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//iu.test(trimmed) ? trimmed : `https://${trimmed}`
  if (!URL.canParse(withScheme)) return undefined
  const url = new URL(withScheme)
  return url.hostname.includes(".") ? url : undefined
}

const hostOf = (url: URL) => {
  const host = url.hostname.toLowerCase().replace(droppedPrefix, "").replace(linkedinCountry, "")
  return hosts.get(host) ?? { host, network: undefined }
}

/**
 * The network a link points to, if it is one Dugnad knows.
 */
export const networkOfUrl = (text: string): Network | undefined => {
  const url = toUrl(text)
  return url === undefined ? undefined : hostOf(url).network
}

const linkedinUrn = /urn:li:(activity|share|ugcPost):(\d+)/gu
const linkedinSlug = /-(activity|share|ugcPost)-(\d+)-/gu

const linkedinKeys = (text: string): Array<string> =>
  [...text.matchAll(linkedinUrn), ...text.matchAll(linkedinSlug)].map((match) => `linkedin:${match[1]}:${match[2]}`)

const facebookKeys = (url: URL, path: string): Array<string> => {
  const ids = [
    /\/posts\/([^/]+)/u.exec(path)?.[1],
    /\/(?:videos|reel|reels)\/(\d+)/u.exec(path)?.[1],
    /\/photos\/[^/]+\/(\d+)/u.exec(path)?.[1],
    url.searchParams.get("story_fbid") ?? undefined,
    url.searchParams.get("fbid") ?? undefined,
    url.searchParams.get("v") ?? undefined
  ]
  return ids.flatMap((id) => (id === undefined || id === "" ? [] : [`facebook:id:${id}`]))
}

const instagramKeys = (path: string): Array<string> => {
  const code = /(?:^|\/)(?:p|reel|reels|tv)\/([A-Za-z0-9_-]+)/u.exec(path)?.[1]
  return code === undefined ? [] : [`instagram:code:${code}`]
}

/**
 * The identity keys of a link: its normalised form and the post ids in it.
 */
export const keysOfUrl = (text: string): ReadonlyArray<string> => {
  const url = toUrl(text)
  // Not a link: perhaps a bare LinkedIn URN.
  if (url === undefined) return linkedinKeys(text)
  const { host, network } = hostOf(url)
  const path = safeDecode(url.pathname).replace(/\/+$/u, "")
  const query = idParameters
    .filter((name) => url.searchParams.has(name))
    .map((name) => `${name}=${url.searchParams.get(name)}`)
    .join("&")
  const keys = [`url:${host}${path}${query === "" ? "" : `?${query}`}`]
  switch (network) {
    case "facebook":
      return [...keys, ...facebookKeys(url, path)]
    case "instagram":
      return [...keys, ...instagramKeys(path)]
    case "linkedin":
      return [...keys, ...linkedinKeys(path)]
    default:
      return keys
  }
}

/**
 * The identity keys of an export row: those of its permalink, and its post id on the export's
 * network.
 */
export const keysOfRow = (
  network: Network,
  row: { readonly postId?: string | undefined; readonly permalink?: string | undefined }
): ReadonlyArray<string> => {
  const keys = row.permalink === undefined ? [] : [...keysOfUrl(row.permalink)]
  if (row.postId !== undefined) {
    // Meta's post ids are `<page id>_<post id>` in some exports, the post id alone in others.
    const id = /^\d+_(\d+)$/u.exec(row.postId)?.[1] ?? row.postId
    keys.push(`${network}:id:${id}`)
  }
  return keys
}

/** A published post, as the results index lists it. */
export interface Post {
  readonly item: ItemId
  readonly network: Network
  readonly url: string
}

/** What became of one row. */
export type RowMatch =
  | { readonly _tag: "Matched"; readonly item: ItemId; readonly network: Network }
  | { readonly _tag: "Unmatched"; readonly reason: UnmatchedReason }

/**
 * Matches each row (its identity keys) to the posts on `network`. A row matches when exactly one
 * post shares a key with it; two rows that match the same post are both `duplicate` (which one
 * holds the numbers is not ours to guess).
 */
export const matchRows = (
  network: Network,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  posts: ReadonlyArray<Post>
): ReadonlyArray<RowMatch> => {
  const index = new Map<string, Array<Post>>()
  for (const post of posts) {
    for (const key of keysOfUrl(post.url)) index.set(key, [...(index.get(key) ?? []), post])
  }
  const matches = rows.map((keys): RowMatch => {
    if (keys.length === 0) return { _tag: "Unmatched", reason: "no_identifier" }
    const found = new Map<string, Post>()
    for (const post of keys.flatMap((key) => index.get(key) ?? [])) found.set(`${post.item}\u0000${post.network}`, post)
    const here = [...found.values()].filter((post) => post.network === network)
    if (here.length === 1) return { _tag: "Matched", item: here[0]!.item, network }
    if (here.length > 1) return { _tag: "Unmatched", reason: "ambiguous" }
    return { _tag: "Unmatched", reason: found.size > 0 ? "not_published_on_network" : "no_match" }
  })
  const uses = new Map<string, number>()
  for (const match of matches) {
    if (match._tag === "Matched") uses.set(match.item, (uses.get(match.item) ?? 0) + 1)
  }
  return matches.map((match) =>
    match._tag === "Matched" && uses.get(match.item)! > 1 ? { _tag: "Unmatched", reason: "duplicate" } : match
  )
}

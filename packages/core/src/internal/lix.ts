/**
 * Text analysis for the format checks: LIX readability, sentence ends, links and hashtags.
 *
 * LIX (Björnsson 1968) = words / sentences + 100 × long words / words, where a long word has
 * more than six letters. Björnsson defined it on printed prose; social-media posts have links,
 * hashtags, emoji and lines without full stops, so the counting rules below decide those cases.
 *
 * Words. The text is split on whitespace. Leading and trailing punctuation is stripped from each
 * token. A token is a word when what is left contains a letter (any script; æ, ø and å are letters,
 * and "E39" or "covid-19" are words). Not words: links (see {@link findUrls}), @mentions and anything
 * with an @ in it (e-mail addresses), #hashtags, and tokens without letters (numbers, times, emoji,
 * dashes). A hyphenated compound ("Oslo-politiet") is one word, as in Björnsson's counts. Only
 * letters count towards a word's length, so "å" typed as "a" + a combining ring is one letter.
 *
 * Sentences. A sentence ends:
 * - after a token ending in "!", "?" or ":" (the colon counts, as in Björnsson's definition);
 * - after a token ending in "." or "…", unless the next token is a word starting with a lower-case
 *   letter (so "17. mai", "3. klasse" and unknown abbreviations mid-sentence do not end one), the
 *   token is a single letter (an initial: "J. K. Rowling"), or it is an abbreviation that is always
 *   followed by more ("f.eks.", "bl.a.", "kl.", "ca.", "e.g.", "i.e.", "Dr." … see `abbreviations`).
 *   Abbreviations that may end a sentence ("osv.", "etc.", "m.m.") follow the general rule;
 * - at a line break, unless the next line starts with a lower-case word (a wrapped sentence goes
 *   on). Posts use line breaks where prose uses full stops: list items, a headline, a closing line;
 * - at a blank line (a paragraph end) and at the end of the text, always.
 * A sentence is counted only if it has at least one word, so a line of hashtags, a link on its own
 * or a row of emoji adds nothing.
 */
import type { Lix, LixBand } from "../FormatChecks.js"

/** A long word has more than this many letters (Björnsson). */
export const longWordLetters = 6

/**
 * The LIX value where each band starts: under 25 very easy, 25–34 easy, 35–44 medium, 45–54 hard,
 * 55 and up very hard (Björnsson's scale, as used by Språkrådet and most Scandinavian tools).
 */
export const lixBandFloors = { easy: 25, medium: 35, hard: 45, veryHard: 55 } as const


/** A link found in a text, as UTF-16 offsets. */
export interface UrlMatch {
  readonly start: number
  readonly end: number
  /** Written with `http://` or `https://`. */
  readonly protocol: boolean
  /** Has something after the host: a path, a query or a fragment. */
  readonly path: boolean
}

// Links with a protocol or "www.", or a bare host ("nav.no", "bergen.kommune.no"). A bare host's
// labels are at least two characters and contain a letter, and its top-level domain is lower case,
// so "f.eks", "bl.a", "17.mai" and "slutt.Neste" are not links.
const urlPattern =
  /(?:[hH][tT][tT][pP][sS]?:\/\/|[wW]{3}\.)[^\s<>"«»]+|(?<![\p{L}\p{N}@./_-])(?:(?=[\p{N}-]*\p{L})[\p{L}\p{N}][\p{L}\p{N}-]*[\p{L}\p{N}]\.)+\p{Ll}{2,24}(?![\p{L}\p{N}@_-])(?:[/?#][^\s<>"«»]*)?/gu

// Punctuation after a link belongs to the sentence, not the link (as every linkifier decides).
const trailingPunctuation = /[.,;:!?'"’”»)\]}]$/u

/**
 * The links in a text: `http(s)://…`, `www.…` and bare hosts such as `nav.no/dagpenger`. Trailing
 * sentence punctuation is not part of a link; a closing parenthesis is, when the link opened one.
 */
export const findUrls = (text: string): ReadonlyArray<UrlMatch> =>
  Array.from(text.matchAll(urlPattern), (match) => {
    let url = match[0]
    while (trailingPunctuation.test(url)) {
      if (url.endsWith(")") && count(url, "(") >= count(url, ")")) break
      url = url.slice(0, -1)
    }
    const protocol = /^https?:\/\//i.test(url)
    const host = url.replace(/^https?:\/\//i, "")
    return { start: match.index, end: match.index + url.length, protocol, path: /[/?#]./u.test(host) }
  })

const count = (text: string, char: string): number => text.split(char).length - 1

// "#" after a letter, digit, "&" or "/" is an anchor, an HTML entity or part of a link; a tag has a letter.
const hashtagPattern = /(?<![\p{L}\p{N}_&#/])#(?=[\p{L}\p{N}_]*\p{L})[\p{L}\p{N}_]+/gu

/** The number of #hashtags in a text. */
export const hashtagCount = (text: string): number => Array.from(text.matchAll(hashtagPattern)).length

/**
 * Mentions of accounts on other servers, `@kari@example.social`: Mastodon counts only `@kari`.
 * Group 1 is the local part.
 */
export const remoteMentionPattern = /(?<![\p{L}\p{N}_/])(@[\p{L}\p{N}_]+)@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu

// Abbreviations that are always followed by more of the sentence, lower-cased without the final
// dot. Those that may end a sentence ("osv.", "etc.", "m.m.", "o.l.") are deliberately absent.
const abbreviations = new Set([
  // Norwegian
  "f.eks", "bl.a", "dvs", "d.v.s", "ca", "kl", "nr", "jf", "jfr", "evt", "ev", "pga", "p.g.a", "mht", "m.h.t", "iht",
  "ift", "inkl", "ekskl", "tlf", "hhv", "vha", "mtp", "vedr", "avd", "adm", "ref", "p.t", "dr", "prof", "st",
  // English
  "e.g", "i.e", "mr", "mrs", "ms", "vs", "approx", "incl", "cf", "fig", "dept"
])

type Terminal = "strong" | "period" | "none"

interface Token {
  readonly end: number
  readonly word: boolean
  readonly letters: number
  readonly terminal: Terminal
  /** Never ends a sentence by its full stop: a known abbreviation or an initial. */
  readonly continues: boolean
  readonly startsLower: boolean
}

const tokenize = (text: string): ReadonlyArray<Token & { readonly start: number }> => {
  const urls = findUrls(text)
  return Array.from(text.matchAll(/\S+/gu), (match) => {
    const raw = match[0]
    const start = match.index
    const end = start + raw.length
    const core = raw.replace(/^[^\p{L}\p{N}#@]+/u, "").replace(/[^\p{L}\p{N}]+$/u, "")
    const tail = raw.slice(raw.search(/[^\p{L}\p{N}]*$/u))
    const terminal: Terminal = /[!?:]/u.test(tail) ? "strong" : /[.…]/u.test(tail) ? "period" : "none"
    const isUrl = urls.some((url) => url.start < end && url.end > start)
    const word = !isUrl && !core.includes("@") && !core.startsWith("#") && /\p{L}/u.test(core)
    const lower = core.toLowerCase()
    return {
      start,
      end,
      word,
      letters: word ? (core.match(/\p{L}/gu)?.length ?? 0) : 0,
      terminal,
      continues: abbreviations.has(lower) || /^\p{L}$/u.test(core),
      startsLower: word && /^\p{Ll}/u.test(core)
    }
  })
}

/** Whether a sentence ends after `token`, given the whitespace up to the next token. */
const endsSentence = (token: Token, gap: string, next: Token | undefined): boolean => {
  if (next === undefined || /\n[^\S\n]*\n/u.test(gap) || token.terminal === "strong") return true
  const lineBreak = gap.includes("\n")
  if (!lineBreak && token.terminal !== "period") return false
  // A lower-case word after a full stop or a line break carries on the same sentence.
  if (next.startsLower) return false
  return lineBreak || !token.continues
}

interface Analysis {
  readonly words: number
  readonly sentences: number
  readonly longWords: number
  /** Where the first sentence with a word in it ends (UTF-16 offset), if the text has a word. */
  readonly firstSentenceEnd: number | undefined
}

const analyse = (text: string): Analysis => {
  const tokens = tokenize(text)
  let words = 0
  let sentences = 0
  let longWords = 0
  let inSentence = 0
  let firstSentenceEnd: number | undefined
  tokens.forEach((token, i) => {
    if (token.word) {
      words++
      inSentence++
      if (token.letters > longWordLetters) longWords++
    }
    const next = tokens[i + 1]
    if (inSentence > 0 && endsSentence(token, text.slice(token.end, next?.start ?? text.length), next)) {
      sentences++
      inSentence = 0
      firstSentenceEnd ??= token.end
    }
  })
  return { words, sentences, longWords, firstSentenceEnd }
}

/** The band of a LIX value. */
export const lixBand = (lix: number): LixBand =>
  lix >= lixBandFloors.veryHard
    ? "very-hard"
    : lix >= lixBandFloors.hard
    ? "hard"
    : lix >= lixBandFloors.medium
    ? "medium"
    : lix >= lixBandFloors.easy
    ? "easy"
    : "very-easy"

/** The LIX of a text (0 for a text without words), unrounded, with its counts and band. */
export const lix = (text: string): Lix => {
  const { longWords, sentences, words } = analyse(text)
  const value = words === 0 ? 0 : words / sentences + (100 * longWords) / words
  return { lix: value, words, sentences, longWords, band: lixBand(value) }
}

/** Where the first sentence (or first line) with a word in it ends, as a UTF-16 offset. */
export const firstSentenceEnd = (text: string): number | undefined => analyse(text).firstSentenceEnd

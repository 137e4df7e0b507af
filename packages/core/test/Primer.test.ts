import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { networks } from "../src/Draft.js"
import { lixBandFloors, longWordLetters } from "../src/internal/lix.js"
import { en } from "../src/internal/primer/en.js"
import { nb } from "../src/internal/primer/nb.js"
import type { Locale } from "../src/Member.js"
import { asOf, type NetworkRulesTable, rules } from "../src/NetworkRules.js"
import {
  builtIn,
  builtInEntryIds,
  decodeOverride,
  entry,
  forNetwork,
  InvalidPrimerEntry,
  PrimerEntry,
  type PrimerOverride,
  resolve
} from "../src/Primer.js"

const locales: ReadonlyArray<Locale> = ["nb", "en"]
const format = (locale: Locale, value: number) => new Intl.NumberFormat(locale === "nb" ? "nb-NO" : "en-GB").format(value)

/** A valid override, decoded as a workspace's stored row would be. */
const override = (fields: Record<string, unknown>): PrimerOverride =>
  Either.getOrThrow(decodeOverride({ title: "Tittel", summary: "Kort oppsummert.", body: "Tekst.", ...fields }))

/** Every number a table's figures can show up as in the texts (durations in seconds, minutes or hours). */
const allowedNumbers = (table: NetworkRulesTable): Set<number> => {
  const allowed = new Set<number>([
    Number(asOf),
    longWordLetters,
    ...Object.values(lixBandFloors).flatMap((floor) => [floor, floor - 1]),
    // Not figures from the rules: WCAG 2.1, section 9 of the Language Act, the file name IMG_1234.jpg.
    2,
    1,
    9,
    1234
  ])
  const visit = (value: unknown): void => {
    if (typeof value === "number") allowed.add(value)
    else if (typeof value === "object" && value !== null) Object.values(value).forEach(visit)
  }
  visit(table)
  for (const network of networks) {
    for (const seconds of Object.values(table[network].video)) {
      allowed.add(seconds / 3600)
      allowed.add(seconds / 60)
      allowed.add(Math.floor(seconds / 60))
      allowed.add(seconds % 60)
    }
  }
  return allowed
}

/** The numbers written in a text: "63,206", "63 206" (with a no-break space), "2", "1234". */
const numbersIn = (text: string): ReadonlyArray<number> =>
  Array.from(text.matchAll(/\d{1,3}(?:[,\u00a0]\d{3})+|\d+/g), ([digits]) => Number(digits.replace(/[,\u00a0]/g, "")))

const allText = (texts: ReturnType<typeof en>) =>
  Object.entries(texts).map(([id, { body, summary, title }]) => ({ id, text: `${title}\n${summary}\n${body}` }))

/** Every figure in the rules moved, so a figure typed into a text instead of taken from the rules stands out. */
const shifted = (table: NetworkRulesTable): NetworkRulesTable => {
  const shift = (value: unknown): unknown =>
    typeof value === "number"
      ? value + 10_007
      : typeof value === "object" && value !== null
      ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shift(inner)]))
      : value
  return shift(table) as NetworkRulesTable
}

describe("Primer", () => {
  describe("built-in entries", () => {
    it("GIVEN the two languages WHEN their entry ids are compared THEN both have exactly the built-in ids", () => {
      // Compared at run time as well as by the type: a missing key in either file fails here.
      const ids = [...builtInEntryIds].sort()
      assert.deepStrictEqual(Object.keys(nb(rules)).sort(), ids)
      assert.deepStrictEqual(Object.keys(en(rules)).sort(), ids)
      for (const locale of locales) {
        assert.deepStrictEqual(builtIn(locale).map((e) => e.id), [...builtInEntryIds])
      }
    })

    it("GIVEN the required ids WHEN the built-in list is read THEN every one of them is there", () => {
      const required = [
        "feed",
        "first-lines",
        "plain-language",
        "length",
        "visuals",
        "video-length",
        "hashtags",
        "links",
        "alt-text",
        "accessibility",
        "instagram-links",
        "tiktok-links",
        "instagram-hashtags",
        "linkedin-hashtags",
        "x-hashtags",
        "youtube-video",
        "tiktok-video",
        "instagram-video"
      ]
      for (const id of required) assert.include(builtInEntryIds, id)
    })

    it("GIVEN every network WHEN its entries are listed THEN it has an overview about the feed and a length entry", () => {
      for (const locale of locales) {
        for (const network of networks) {
          const own = forNetwork(network, locale)
          assert.strictEqual(own[0]?.id, network)
          assert.strictEqual(own[0]?.topic, "feed")
          const length = own.find((e) => e.id === `${network}-length`)
          assert.strictEqual(length?.network, network)
          assert.strictEqual(length?.topic, "length")
        }
      }
    })

    it("GIVEN every entry WHEN decoded with the entry schema THEN it is trimmed, non-empty and within the text limits", () => {
      for (const locale of locales) {
        for (const e of builtIn(locale)) {
          assert.isTrue(Either.isRight(Schema.decodeUnknownEither(PrimerEntry)(e)), `${locale}/${e.id}`)
        }
      }
    })

    it("GIVEN every summary WHEN read THEN it is one sentence", () => {
      for (const locale of locales) {
        for (const { id, summary } of builtIn(locale)) {
          assert.isTrue(summary.endsWith("."), `${locale}/${id}`)
          assert.notMatch(summary, /[.!?]\s+\p{Lu}/u, `${locale}/${id}`)
        }
      }
    })

    it("GIVEN the topics WHEN general and network entries are compared THEN topics follow the id", () => {
      assert.strictEqual(entry("alt-text", "en")?.topic, "alt-text")
      assert.strictEqual(entry("instagram-links", "en")?.topic, "links")
      assert.strictEqual(entry("youtube-video", "nb")?.topic, "video-length")
      assert.strictEqual(entry("x-hashtags", "nb")?.topic, "hashtags")
      assert.isFalse("network" in entry("feed", "nb")!)
    })

    it("GIVEN the accessibility entry WHEN read in Norwegian THEN it names the law, the regulation and WCAG", () => {
      const body = entry("accessibility", "nb")!.body
      assert.include(body, "likestillings- og diskrimineringsloven")
      assert.include(body, "forskrift om universell utforming av IKT-løsninger")
      assert.include(body, "WCAG")
      assert.include(entry("accessibility", "en")!.body, "WCAG")
    })
  })

  describe("figures come from NetworkRules", () => {
    it("GIVEN every network WHEN its length entry is read THEN it quotes the hard limit, the cut-off and the recommended range", () => {
      for (const locale of locales) {
        for (const network of networks) {
          const rule = rules[network]
          const body = entry(`${network}-length`, locale)!.body
          assert.include(body, format(locale, rule.hardLimit), `${locale}/${network}`)
          assert.include(body, format(locale, rule.recommendedLength.max), `${locale}/${network}`)
          if (rule.recommendedLength.min > 0) assert.include(body, format(locale, rule.recommendedLength.min))
          if (rule.truncatesAt !== undefined) assert.include(body, format(locale, rule.truncatesAt))
        }
      }
    })

    it("GIVEN the hashtag entries WHEN read THEN they quote the network's recommendation and maximum", () => {
      for (const locale of locales) {
        const instagram = entry("instagram-hashtags", locale)!
        assert.include(instagram.summary, format(locale, rules.instagram.hashtags.max!))
        assert.include(instagram.body, `${rules.instagram.hashtags.recommended.min}–${rules.instagram.hashtags.recommended.max}`)
        assert.include(entry("x-hashtags", locale)!.body, format(locale, rules.x.hashtags.recommended.max))
        assert.include(entry("x-length", locale)!.body, format(locale, rules.x.urlLength!))
      }
    })

    it("GIVEN every text in both languages WHEN its numbers are read THEN each is a figure from the rules or LIX", () => {
      const allowed = allowedNumbers(rules)
      for (const texts of [nb(rules), en(rules)]) {
        for (const { id, text } of allText(texts)) {
          for (const number of numbersIn(text)) assert.isTrue(allowed.has(number), `${id}: ${number}`)
        }
      }
    })

    it("GIVEN rules with every figure changed WHEN the texts are built THEN they quote only the new figures", () => {
      const moved = shifted(rules)
      const allowed = allowedNumbers(moved)
      for (const texts of [nb(moved), en(moved)]) {
        for (const { id, text } of allText(texts)) {
          for (const number of numbersIn(text)) assert.isTrue(allowed.has(number), `${id}: ${number}`)
        }
      }
      assert.include(nb(moved)["x-length"].body, format("nb", rules.x.hardLimit + 10_007))
      assert.include(en(moved)["x-length"].body, format("en", rules.x.hardLimit + 10_007))
      assert.notInclude(en(moved)["x-length"].body, format("en", rules.x.hardLimit))
    })
  })

  describe("workspace overrides", () => {
    it("GIVEN an override of a built-in entry WHEN resolved THEN it replaces that entry in its language only", () => {
      const tone = override({ id: "linkedin-length", locale: "nb", title: "Lengde hos oss", body: "Vi skriver korte innlegg." })
      const nbEntries = resolve("nb", [tone])
      assert.strictEqual(nbEntries.length, builtInEntryIds.length)
      const replaced = nbEntries.find((e) => e.id === "linkedin-length")!
      assert.deepStrictEqual(replaced, {
        id: "linkedin-length",
        network: "linkedin",
        topic: "length",
        title: "Lengde hos oss",
        summary: "Kort oppsummert.",
        body: "Vi skriver korte innlegg."
      })
      assert.deepStrictEqual(entry("linkedin-length", "en", [tone]), entry("linkedin-length", "en"))
      assert.deepStrictEqual(entry("linkedin-length", "nb", [tone]), replaced)
    })

    it("GIVEN custom entries WHEN resolved THEN they follow the built-in ones, with topic other unless set", () => {
      const own = [
        override({ id: "vaar-tone", locale: "nb", title: "Vår tone" }),
        override({ id: "kommune-tiktok", locale: "nb", network: "tiktok", topic: "feed" }),
        override({ id: "our-tone", locale: "en" })
      ]
      const entries = resolve("nb", own)
      assert.deepStrictEqual(entries.slice(builtInEntryIds.length).map((e) => [e.id, e.topic]), [
        ["vaar-tone", "other"],
        ["kommune-tiktok", "feed"]
      ])
      assert.deepStrictEqual(forNetwork("tiktok", "nb", own).map((e) => e.id), [
        "tiktok",
        "tiktok-length",
        "tiktok-links",
        "tiktok-video",
        "kommune-tiktok"
      ])
      assert.isUndefined(entry("our-tone", "nb", own))
      assert.strictEqual(entry("our-tone", "en", own)?.title, "Tittel")
    })

    it("GIVEN two overrides with the same id and language WHEN resolved THEN the later one wins", () => {
      const first = override({ id: "feed", locale: "en", title: "First" })
      const second = override({ id: "feed", locale: "en", title: "Second" })
      assert.strictEqual(entry("feed", "en", [first, second])?.title, "Second")
    })

    it("GIVEN an unknown id WHEN looked up THEN there is no entry", () => {
      assert.isUndefined(entry("myspace", "nb"))
    })
  })

  describe("invalid entries", () => {
    const refused = (input: unknown) => {
      const result = decodeOverride(input)
      if (Either.isRight(result)) return assert.fail("expected the entry to be refused")
      assert.instanceOf(result.left, InvalidPrimerEntry)
      return { field: result.left.field, reason: result.left.reason }
    }
    const valid = { id: "vaar-tone", locale: "nb", title: "Vår tone", summary: "Slik skriver vi.", body: "Kort og vennlig." }

    it("GIVEN custom ids that break the rules WHEN decoded THEN the id is refused with the reason", () => {
      assert.deepStrictEqual(refused({ ...valid, id: "Vår Tone" }), { field: "id", reason: "invalid-characters" })
      assert.deepStrictEqual(refused({ ...valid, id: "tone_1" }), { field: "id", reason: "invalid-characters" })
      assert.deepStrictEqual(refused({ ...valid, id: "a" }), { field: "id", reason: "too-short" })
      assert.deepStrictEqual(refused({ ...valid, id: "a".repeat(65) }), { field: "id", reason: "too-long" })
      assert.deepStrictEqual(refused({ ...valid, id: 42 }), { field: "id", reason: "invalid" })
    })

    it("GIVEN valid ids WHEN decoded THEN a custom id of 2–64 characters and a one-letter built-in id pass", () => {
      assert.isTrue(Either.isRight(decodeOverride({ ...valid, id: "a".repeat(64) })))
      assert.isTrue(Either.isRight(decodeOverride({ ...valid, id: "ab" })))
      assert.isTrue(Either.isRight(decodeOverride({ ...valid, id: "x" })))
    })

    it("GIVEN bad text, locale or network WHEN decoded THEN the field and reason say what is wrong", () => {
      const { title: _, ...untitled } = valid
      assert.deepStrictEqual(refused(untitled), { field: "title", reason: "missing" })
      assert.deepStrictEqual(refused({ ...valid, summary: "   " }), { field: "summary", reason: "empty" })
      assert.deepStrictEqual(refused({ ...valid, title: " Vår tone" }), { field: "title", reason: "untrimmed" })
      assert.deepStrictEqual(refused({ ...valid, body: "x".repeat(4001) }), { field: "body", reason: "too-long" })
      assert.deepStrictEqual(refused({ ...valid, locale: "de" }), { field: "locale", reason: "invalid" })
      assert.deepStrictEqual(refused({ ...valid, network: "myspace" }), { field: "network", reason: "invalid" })
      assert.deepStrictEqual(refused(null), { field: "entry", reason: "invalid" })
    })

    it("GIVEN a refusal WHEN encoded THEN it is a tagged error with structured fields only", () => {
      const error = new InvalidPrimerEntry({ field: "id", reason: "too-short" })
      assert.strictEqual(error._tag, "InvalidPrimerEntry")
      assert.deepStrictEqual(Schema.encodeSync(InvalidPrimerEntry)(error), {
        _tag: "InvalidPrimerEntry",
        field: "id",
        reason: "too-short"
      })
    })
  })
})

import { assert, describe, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import type { DraftBody, Media, Network } from "../src/Draft.js"
import { check, CheckId, Finding, lix, worst } from "../src/FormatChecks.js"
import { rules, textLength } from "../src/NetworkRules.js"
import { builtInEntryIds, entry } from "../src/Primer.js"

const photo = (alt: string, url = "https://example.org/bilder/havna.jpg"): Media => ({ kind: "image", url, alt })
const video = (durationSeconds?: number): Media => ({
  kind: "video",
  url: "https://example.org/video/havna.mp4",
  alt: "Ordføreren klipper snoren på kaia, med teksting",
  ...(durationSeconds === undefined ? {} : { durationSeconds })
})
const harbourPhoto = photo("Den nye gjestehavna på Nordnes i kveldssol, med seilbåter langs flytebryggene")

const draft = (text: string, networks: ReadonlyArray<Network>, extra: Partial<DraftBody> = {}): DraftBody => ({
  text,
  perNetwork: {},
  media: [harbourPhoto],
  networks,
  ...extra
})

const only = (findings: ReadonlyArray<Finding>, check: CheckId) => findings.filter((f) => f.check === check)
const checksOf = (findings: ReadonlyArray<Finding>) => findings.map((f) => `${f.network ?? "-"}:${f.check}`)

// Realistic drafts. The LIX counts are worked out by hand below.

/**
 * A municipality post about a new guest harbour.
 * Sentences (4): "Nå åpner … Nordnes!" | "Lørdag 14. juni … snoren." ("14." is followed by lower-case "juni",
 * so no sentence end) | "Det blir … barna." | "Velkommen!"
 * Words (22): Nå åpner den nye gjestehavna på Nordnes (7) · Lørdag juni klokka klipper ordføreren
 * snoren (6; "14" and "12" are numbers) · Det blir musikk kaffe og aktiviteter for barna (8) · Velkommen (1)
 * Long words, more than 6 letters (6): gjestehavna, Nordnes, klipper, ordføreren, aktiviteter, Velkommen
 * (not: Lørdag, klokka, snoren, musikk: 6 letters each)
 * LIX = 22/4 + 100 × 6/22 = 5.5 + 27.2727… = 32.7727… → easy
 */
const harbour =
  "Nå åpner den nye gjestehavna på Nordnes! Lørdag 14. juni klokka 12 klipper ordføreren snoren. Det blir musikk, kaffe og aktiviteter for barna. Velkommen!"

/**
 * A school recruitment post with a list, an abbreviation, a link and a hashtag.
 * Sentences (9): "Vil du … unge?" | "Lindås … fra 1. august." ("1." before lower-case "august") |
 * "Vi tilbyr bl.a.:" (the colon ends it) | "et godt arbeidsmiljø" | "faglig utvikling" |
 * "kort vei til sjøen" (each list line ends at its line break) | "Søknadsfrist:" | "15. mars." (the
 * full stop before upper-case "Les") | "Les mer på" (the link and #Jobb are not words)
 * Words (33): 7 + 9 (Lindås ungdomsskole søker to lærere i realfag fra august) + 3 (Vi tilbyr bl.a)
 * + 3 + 2 + 4 + 1 + 1 (mars) + 3
 * Long words (5): ungdomsskole, realfag, arbeidsmiljø, utvikling, Søknadsfrist
 * (not: Lindås, lærere, august, faglig, tilbyr: 6 letters; bl.a: 3 letters)
 * LIX = 33/9 + 100 × 5/33 = 3.6666… + 15.1515… = 18.8181… → very easy
 */
const school =
  "Vil du jobbe med barn og unge? Lindås ungdomsskole søker to lærere i realfag fra 1. august.\n\nVi tilbyr bl.a.:\n- et godt arbeidsmiljø\n- faglig utvikling\n- kort vei til sjøen\n\nSøknadsfrist: 15. mars. Les mer på https://example.kommune.no/jobb #Jobb"

/**
 * A LinkedIn post from a public agency, in English, written the way agencies write.
 * Sentences (3): "The Norwegian … project." | "Successful … authorities." ("e.g." never ends a
 * sentence) | "Applications close on 1 March."
 * Words (36): 15 (The Norwegian Public Roads Administration is recruiting experienced engineers for
 * the E39 coastal highway project) + 17 (Successful candidates will coordinate environmental
 * assessments procurement processes and stakeholder consultations e.g with municipalities and county
 * authorities) + 4 (Applications close on March; "1" is a number)
 * Long words (20): Norwegian, Administration, recruiting, experienced, engineers, coastal, highway,
 * project (8) · Successful, candidates, coordinate, environmental, assessments, procurement,
 * processes, stakeholder, consultations, municipalities, authorities (11) · Applications (1)
 * (not: Public, county: 6 letters; E39: 1 letter)
 * LIX = 36/3 + 100 × 20/36 = 12 + 55.5555… = 67.5555… → very hard
 */
const agency =
  "The Norwegian Public Roads Administration is recruiting experienced engineers for the E39 coastal highway project. Successful candidates will coordinate environmental assessments, procurement processes and stakeholder consultations, e.g. with municipalities and county authorities. Applications close on 1 March."

/**
 * The same harbour news in plain English.
 * Sentences (4): "… Saturday!" | "Come at 12 noon." | "There will … kids." | "See you there?"
 * Words (22): The new harbour opens on Saturday (6) · Come at noon (3) · There will be music coffee and
 * games for the kids (10) · See you there (3)
 * Long words (2): harbour, Saturday (not: coffee: 6 letters)
 * LIX = 22/4 + 100 × 2/22 = 5.5 + 9.0909… = 14.5909… → very easy
 */
const harbourEn = "The new harbour opens on Saturday! Come at 12 noon. There will be music, coffee and games for the kids. See you there?"

/**
 * A health post with a title abbreviation, a mention, emoji and a wrapped line.
 * Sentences (2): "Dr. Kari … forklarer 🧠 / hvorfor … ungdom." ("Dr." never ends a sentence; the line
 * break is followed by lower-case "hvorfor", so the sentence goes on) | "Se videoen 👇" (ends at the
 * blank line). The hashtag line has no words, so it is no sentence.
 * Words (13): Dr Kari Nordmann fra forklarer hvorfor søvn er viktig for ungdom (11; @helsebergen is a
 * mention) · Se videoen (2)
 * Long words (4): Nordmann, forklarer, hvorfor, videoen (not: viktig, ungdom: 6 letters)
 * LIX = 13/2 + 100 × 4/13 = 6.5 + 30.7692… = 37.2692… → medium
 */
const sleep = "Dr. Kari Nordmann fra @helsebergen forklarer 🧠\nhvorfor søvn er viktig for ungdom. Se videoen 👇\n\n#Søvn #Helse"

/**
 * Initials: "J." and "K." are single letters, so they end no sentence.
 * Sentences (2). Words (10): Boka er skrevet av J K Rowling · Den er god.
 * Long words (2): skrevet, Rowling. LIX = 10/2 + 100 × 2/10 = 5 + 20 = 25 → easy (the band's floor)
 */
const initials = "Boka er skrevet av J. K. Rowling. Den er god."

/**
 * A Norwegian agency's LinkedIn post in heavy officialese.
 * Sentences (2). Words (31): 22 in the first sentence (Direktoratet gjennomfører i samarbeid med
 * fylkeskommunene en omfattende kartlegging av kompetansebehovet innenfor samferdselssektoren herunder
 * vurderinger av rekrutteringsutfordringer og nødvendige tiltak for kompetanseheving) + 9 (Resultatene
 * vil danne grunnlaget for videre prioriteringer i handlingsprogrammet)
 * Long words (18): Direktoratet, gjennomfører, samarbeid, fylkeskommunene, omfattende, kartlegging,
 * kompetansebehovet, innenfor, samferdselssektoren, herunder, vurderinger, rekrutteringsutfordringer,
 * nødvendige, kompetanseheving (14) · Resultatene, grunnlaget, prioriteringer, handlingsprogrammet (4)
 * (not: tiltak, videre: 6 letters)
 * LIX = 31/2 + 100 × 18/31 = 15.5 + 58.0645… = 73.5645… → very hard
 */
const officialese =
  "Direktoratet gjennomfører i samarbeid med fylkeskommunene en omfattende kartlegging av kompetansebehovet innenfor samferdselssektoren, herunder vurderinger av rekrutteringsutfordringer og nødvendige tiltak for kompetanseheving. Resultatene vil danne grunnlaget for videre prioriteringer i handlingsprogrammet."
const officialeseFirstSentence = officialese.slice(0, officialese.indexOf("kompetanseheving.") + "kompetanseheving.".length)

describe("FormatChecks", () => {
  describe("LIX", () => {
    const cases = [
      { name: "the harbour post", text: harbour, words: 22, sentences: 4, longWords: 6, value: 22 / 4 + (100 * 6) / 22, band: "easy" },
      { name: "the school post", text: school, words: 33, sentences: 9, longWords: 5, value: 33 / 9 + (100 * 5) / 33, band: "very-easy" },
      { name: "the agency post", text: agency, words: 36, sentences: 3, longWords: 20, value: 12 + (100 * 20) / 36, band: "very-hard" },
      { name: "the English harbour post", text: harbourEn, words: 22, sentences: 4, longWords: 2, value: 5.5 + 200 / 22, band: "very-easy" },
      { name: "the sleep post", text: sleep, words: 13, sentences: 2, longWords: 4, value: 6.5 + 400 / 13, band: "medium" },
      { name: "the initials", text: initials, words: 10, sentences: 2, longWords: 2, value: 25, band: "easy" },
      { name: "the officialese", text: officialese, words: 31, sentences: 2, longWords: 18, value: 15.5 + 1800 / 31, band: "very-hard" }
    ] as const
    for (const c of cases) {
      it(`GIVEN ${c.name} WHEN its LIX is computed THEN it matches the hand count`, () => {
        const result = lix(c.text)
        assert.deepStrictEqual(
          { words: result.words, sentences: result.sentences, longWords: result.longWords, band: result.band },
          { words: c.words, sentences: c.sentences, longWords: c.longWords, band: c.band }
        )
        assert.closeTo(result.lix, c.value, 1e-9)
      })
    }

    it("GIVEN a text without words WHEN its LIX is computed THEN it is 0", () => {
      assert.deepStrictEqual(lix("🎉 #NyHavn https://example.org 12:00"), { lix: 0, words: 0, sentences: 0, longWords: 0, band: "very-easy" })
    })

    it("GIVEN æ, ø and å typed as combining marks WHEN letters are counted THEN each is one letter", () => {
      // "Tårnhøyde" has 9 letters either way; "blåbær" has 6, so it is not long.
      assert.strictEqual(lix("Ta\u030Arnhøyde og bla\u030Abær.").longWords, 1)
    })
  })

  describe("a clean draft", () => {
    it("GIVEN the harbour post with a good photo WHEN checked on five networks THEN there are no findings", () => {
      const body = draft(`${harbour}\n\n#NyHavn #Nordnes`, ["facebook", "instagram", "linkedin", "bluesky", "mastodon"])
      assert.deepStrictEqual(check(body), [])
      assert.isUndefined(worst(check(body)))
    })

    it("GIVEN the English harbour post WHEN checked on X and Threads THEN there are no findings", () => {
      assert.deepStrictEqual(check(draft(harbourEn, ["x", "threads"])), [])
    })

    it("GIVEN the example in the JSDoc WHEN checked THEN there are no findings", () => {
      const findings = check({
        text: "Nå åpner den nye havna! Kom på lørdag kl. 12. #NyHavn",
        perNetwork: {},
        media: [{ kind: "image", url: "https://example.org/havna.jpg", alt: "Den nye havna i sol, med folk på kaia" }],
        networks: ["facebook", "instagram"]
      })
      assert.deepStrictEqual(findings, [])
    })
  })

  describe("length", () => {
    it("GIVEN the officialese on X WHEN checked THEN the length is over X's hard limit", () => {
      assert.deepStrictEqual(only(check(draft(officialese, ["x"])), "length-over-limit"), [{
        check: "length-over-limit",
        severity: "error",
        network: "x",
        primer: "x-length",
        measured: { length: officialese.length },
        limit: { length: rules.x.hardLimit }
      }])
    })

    it("GIVEN the agency post on Facebook WHEN checked THEN it is over the recommended length, not the limit", () => {
      const findings = check(draft(agency, ["facebook"]))
      assert.deepStrictEqual(only(findings, "length-over-recommended"), [{
        check: "length-over-recommended",
        severity: "warning",
        network: "facebook",
        primer: "facebook-length",
        measured: { length: agency.length },
        recommended: { length: rules.facebook.recommendedLength.max }
      }])
      assert.deepStrictEqual(only(findings, "length-over-limit"), [])
    })

    it("GIVEN a post with a long link WHEN checked on X THEN the link counts as 23 characters", () => {
      const text = `Nå åpner den nye gjestehavna på Nordnes! Vi har 40 nye gjesteplasser, strøm og vann på alle brygger, og nye toaletter med dusj. Book plass før sesongen starter 1. juni: https://www.bergen.kommune.no/innbyggerhjelpen/kultur-idrett-og-fritid/gjestehavn/booking?kilde=facebook&kampanje=2026`
      const url = text.slice(text.indexOf("https://"))
      assert.isAbove(text.length, rules.x.hardLimit)
      assert.strictEqual(textLength(text, "x"), text.length - url.length + 23)
      assert.deepStrictEqual(checksOf(check(draft(text, ["x"]))), [])
    })

    it("GIVEN a bare address WHEN counted on X and Mastodon THEN X counts it as a link and Mastodon does not", () => {
      // X links bare hosts; Mastodon shortens only links with http(s)://.
      assert.strictEqual(textLength("Les mer på nav.no", "x"), "Les mer på ".length + 23)
      assert.strictEqual(textLength("Les mer på nav.no", "mastodon"), "Les mer på nav.no".length)
      assert.strictEqual(textLength("Les mer på https://www.nav.no/dagpenger-og-arbeidsledighet", "mastodon"), "Les mer på ".length + 23)
    })

    it("GIVEN emoji WHEN counted on X THEN each emoji counts 2 and æ, ø, å count 1", () => {
      assert.strictEqual(textLength("Gratulerer med dagen! 🇳🇴👨‍👩‍👧‍👦 Blåbær", "x"), "Gratulerer med dagen! ".length + 2 + 2 + " Blåbær".length)
    })

    it("GIVEN a mention of someone on another server WHEN counted on Mastodon THEN only the name counts", () => {
      assert.strictEqual(textLength("Takk, @kari@social.example.no!", "mastodon"), "Takk, @kari!".length)
    })

    it("GIVEN emoji made of several code points WHEN checked on Bluesky THEN they count as one grapheme each", () => {
      // Each round: 28 letters, spaces and punctuation, a space, a flag, a family, a space = 32
      // graphemes but 45 UTF-16 code units (the flag is 4, the family 11).
      const round = "Gratulerer med dagen, Norge! 🇳🇴👨‍👩‍👧‍👦 "
      const text = `${round.repeat(9)}Hipp hurra!` // 9 × 32 + 11 = 299 graphemes
      assert.strictEqual(textLength(text, "bluesky"), 299)
      assert.isAbove(text.length, rules.bluesky.hardLimit)
      assert.deepStrictEqual(only(check(draft(text, ["bluesky"])), "length-over-limit"), [])
      assert.deepStrictEqual(only(check(draft(`${text}!!`, ["bluesky"])), "length-over-limit"), [{
        check: "length-over-limit",
        severity: "error",
        network: "bluesky",
        primer: "bluesky-length",
        measured: { length: 301 },
        limit: { length: 300 }
      }])
    })

    it("GIVEN a Mastodon server with a higher limit WHEN checked with its rules THEN a longer post passes", () => {
      const text = `${agency} ${agency}`
      assert.lengthOf(only(check(draft(text, ["mastodon"])), "length-over-limit"), 1)
      const ownServer = { ...rules, mastodon: { ...rules.mastodon, hardLimit: 1000, recommendedLength: { min: 40, max: 800 } } }
      assert.deepStrictEqual(only(check(draft(text, ["mastodon"]), { rules: ownServer }), "length-over-limit"), [])
    })
  })

  describe("first line", () => {
    it("GIVEN the officialese WHEN checked on Facebook THEN the first sentence ends after the See more point", () => {
      assert.deepStrictEqual(only(check(draft(officialese, ["facebook", "linkedin"])), "first-line-truncated"), [
        {
          check: "first-line-truncated",
          severity: "warning",
          network: "facebook",
          primer: "first-lines",
          measured: { firstSentenceLength: officialeseFirstSentence.length },
          recommended: { firstSentenceLength: rules.facebook.truncatesAt! }
        },
        {
          check: "first-line-truncated",
          severity: "warning",
          network: "linkedin",
          primer: "first-lines",
          measured: { firstSentenceLength: officialeseFirstSentence.length },
          recommended: { firstSentenceLength: rules.linkedin.truncatesAt! }
        }
      ])
    })

    it("GIVEN a short headline line before the long text WHEN checked THEN the first line is early enough", () => {
      const text = `Ny kartlegging av kompetanse i samferdsel\n${officialese}`
      assert.deepStrictEqual(only(check(draft(text, ["facebook"])), "first-line-truncated"), [])
    })

    it("GIVEN X, Threads, Bluesky and Mastodon WHEN a long first sentence is checked THEN nothing is said (they show posts in full)", () => {
      assert.deepStrictEqual(only(check(draft(officialese, ["threads", "mastodon"])), "first-line-truncated"), [])
    })
  })

  describe("readability", () => {
    it("GIVEN the officialese on LinkedIn WHEN checked THEN readability is flagged once for the main text with the counts", () => {
      assert.deepStrictEqual(only(check(draft(officialese, ["linkedin", "facebook"])), "readability"), [{
        check: "readability",
        severity: "warning",
        primer: "plain-language",
        measured: { lix: 15.5 + 1800 / 31, words: 31, sentences: 2, longWords: 18 },
        recommended: { lix: 45 }
      }])
    })

    it("GIVEN the English agency post WHEN checked THEN readability is flagged", () => {
      const [finding] = only(check(draft(agency, ["linkedin"])), "readability")
      assert.deepStrictEqual(finding?.measured, { lix: 12 + 2000 / 36, words: 36, sentences: 3, longWords: 20 })
    })

    it("GIVEN a plain text for X and the officialese elsewhere WHEN checked THEN each text is judged once", () => {
      const body = draft(harbour, ["facebook", "x", "linkedin"], { perNetwork: { linkedin: officialese } })
      assert.deepStrictEqual(only(check(body), "readability").map((f) => f.network), ["linkedin"])
    })

    it("GIVEN a short caption full of long names WHEN checked THEN LIX is not judged (too few words)", () => {
      const caption = "Velkommen til åpningen av Nordnes gjestehavn og Sjøfartsmuseet!"
      assert.strictEqual(lix(caption).band, "very-hard")
      assert.deepStrictEqual(only(check(draft(caption, ["instagram"])), "readability"), [])
    })

    it("GIVEN easy texts WHEN checked THEN readability is not flagged", () => {
      assert.deepStrictEqual(only(check(draft(school, ["facebook"])), "readability"), [])
      assert.deepStrictEqual(only(check(draft(harbourEn, ["facebook"])), "readability"), [])
    })
  })

  describe("hashtags", () => {
    const tags = (n: number) =>
      ["#NyHavn", "#Nordnes", "#Bergen", "#Gjestehavn", "#Båtliv", "#Sommer", "#Vestland", "#Sjøen", "#Havn", "#Kyst"]
        .concat(Array.from({ length: Math.max(0, n - 10) }, (_, i) => `#Brygge${i + 1}`))
        .slice(0, n)
        .join(" ")

    it("GIVEN 8 hashtags on Instagram WHEN checked THEN it is over the recommendation", () => {
      assert.deepStrictEqual(only(check(draft(`${harbour}\n\n${tags(8)}`, ["instagram"])), "hashtags-over-recommended"), [{
        check: "hashtags-over-recommended",
        severity: "warning",
        network: "instagram",
        primer: "instagram-hashtags",
        measured: { hashtags: 8 },
        recommended: { hashtags: 5 }
      }])
    })

    it("GIVEN 31 hashtags on Instagram WHEN checked THEN it is over Instagram's maximum", () => {
      const findings = check(draft(`${harbour}\n\n${tags(31)}`, ["instagram"]))
      assert.deepStrictEqual(only(findings, "hashtags-over-limit"), [{
        check: "hashtags-over-limit",
        severity: "error",
        network: "instagram",
        primer: "instagram-hashtags",
        measured: { hashtags: 31 },
        limit: { hashtags: 30 }
      }])
      assert.deepStrictEqual(only(findings, "hashtags-over-recommended"), [])
    })

    it("GIVEN 2 hashtags on Threads and 4 on LinkedIn and Facebook WHEN checked THEN each network's entry is cited", () => {
      const body = draft(harbour, ["threads", "linkedin", "facebook"], {
        perNetwork: { threads: `${harbour} ${tags(2)}`, linkedin: `${harbour}\n\n${tags(4)}`, facebook: `${harbour}\n\n${tags(4)}` }
      })
      const findings = check(body).filter((f) => f.check.startsWith("hashtags"))
      assert.deepStrictEqual(findings.map((f) => [f.network, f.check, f.primer]), [
        ["threads", "hashtags-over-limit", "threads-hashtags"],
        ["linkedin", "hashtags-over-recommended", "linkedin-hashtags"],
        ["facebook", "hashtags-over-recommended", "hashtags"]
      ])
    })

    it("GIVEN # in links and anchors WHEN counted THEN they are not hashtags", () => {
      const text = `${harbour} Se https://example.org/havn#kart og ring oss. Vi er nr. #1 på service.`
      assert.deepStrictEqual(only(check(draft(text, ["x"])), "hashtags-over-recommended"), [])
    })
  })

  describe("links", () => {
    it("GIVEN a full link on Instagram WHEN checked THEN it is flagged, citing instagram-links", () => {
      const text = `${harbour} Book plass på https://www.bergen.kommune.no/gjestehavn`
      assert.deepStrictEqual(only(check(draft(text, ["instagram", "facebook"])), "link-not-clickable"), [{
        check: "link-not-clickable",
        severity: "warning",
        network: "instagram",
        primer: "instagram-links",
        measured: { links: 1 }
      }])
    })

    it("GIVEN a link with a path on TikTok WHEN checked THEN it is flagged, citing tiktok-links", () => {
      const [finding] = only(check(draft("Slik søker du sommerjobb hos oss 👉 nav.no/sommerjobb", ["tiktok"])), "link-not-clickable")
      assert.strictEqual(finding?.primer, "tiktok-links")
    })

    it("GIVEN a short bare address on Instagram WHEN checked THEN it is not flagged (people can type it)", () => {
      const text = `${harbour} Les mer på bergen.kommune.no, f.eks. om priser.`
      assert.deepStrictEqual(only(check(draft(text, ["instagram"])), "link-not-clickable"), [])
    })
  })

  describe("media", () => {
    it("GIVEN an Instagram post without media WHEN checked THEN media is required", () => {
      assert.deepStrictEqual(only(check(draft(harbour, ["instagram", "facebook"], { media: [] })), "media-required"), [{
        check: "media-required",
        severity: "error",
        network: "instagram",
        primer: "instagram",
        measured: { media: 0, videos: 0 }
      }])
    })

    it("GIVEN a YouTube post with a photo only WHEN checked THEN a video is required; TikTok takes the photo", () => {
      const findings = only(check(draft(harbour, ["youtube", "tiktok"])), "media-required")
      assert.deepStrictEqual(findings.map((f) => [f.network, f.primer, f.measured]), [["youtube", "youtube", { media: 1, videos: 0 }]])
    })

    it("GIVEN five photos on X WHEN checked THEN there are too many images; Instagram takes them", () => {
      const photos = Array.from({ length: 5 }, (_, i) => photo(`Flytebrygge nummer ${i + 1} i den nye gjestehavna`))
      assert.deepStrictEqual(only(check(draft(harbour, ["x", "instagram"], { media: photos })), "too-many-images"), [{
        check: "too-many-images",
        severity: "error",
        network: "x",
        primer: "visuals",
        measured: { images: 5 },
        limit: { images: 4 }
      }])
    })
  })

  describe("alt text", () => {
    it("GIVEN placeholder alt texts WHEN checked THEN each is flagged once for the draft, with its index", () => {
      const media: ReadonlyArray<Media> = [
        photo("IMG_1234.jpg"),
        photo("Bilde"),
        photo("https://example.org/bilder/havna.jpg"),
        photo("havna.jpg"),
        photo("DSC_0042 kaia"),
        photo("Image 2"),
        { kind: "illustration", url: "https://example.org/kart.png", alt: "Kart" },
        photo("Skjermbilde 2025-03-01 kl. 12.00.png"),
        photo("kveldssol_på_brygga.jpg"),
        harbourPhoto,
        { ...video(30), alt: "Video" }
      ]
      const findings = only(check(draft(harbour, ["facebook", "linkedin"], { media })), "alt-text-placeholder")
      assert.deepStrictEqual(findings.map((f) => [f.media, f.network, f.primer]), [
        [0, undefined, "alt-text"],
        [1, undefined, "alt-text"],
        [2, undefined, "alt-text"],
        [3, undefined, "alt-text"],
        [4, undefined, "alt-text"],
        [5, undefined, "alt-text"],
        [6, undefined, "alt-text"],
        [7, undefined, "alt-text"],
        [8, undefined, "alt-text"]
      ])
      assert.deepStrictEqual(findings[0]?.measured, { altLength: "IMG_1234.jpg".length })
    })

    it("GIVEN an alt text of 1,001 characters WHEN checked THEN it is too long for X but fine for Bluesky", () => {
      const sentence = "Ferja legger til ved den nye gjestehavna på Nordnes, mens barn vinker fra kaia i kveldssola. "
      const alt = `${sentence.repeat(11)}`.slice(0, 1001)
      const findings = only(check(draft(harbour, ["x", "bluesky"], { media: [photo(alt)] })), "alt-text-too-long")
      assert.deepStrictEqual(findings, [{
        check: "alt-text-too-long",
        severity: "error",
        network: "x",
        media: 0,
        primer: "alt-text",
        measured: { altLength: 1001 },
        limit: { altLength: 1000 }
      }])
    })
  })

  describe("video", () => {
    it("GIVEN a 4,000-second video WHEN checked on TikTok and YouTube THEN it is over TikTok's limit only", () => {
      const findings = check(draft(harbour, ["tiktok", "youtube"], { media: [video(4000)] }))
      assert.deepStrictEqual(findings.filter((f) => f.check.startsWith("video")), [{
        check: "video-over-limit",
        severity: "error",
        network: "tiktok",
        media: 0,
        primer: "tiktok-video",
        measured: { seconds: 4000 },
        limit: { seconds: 3600 }
      }])
    })

    it("GIVEN a two-minute video WHEN checked on Instagram and LinkedIn THEN it is over the recommended feed length", () => {
      const findings = check(draft(harbour, ["instagram", "linkedin", "bluesky"], { media: [video(120)] }))
      assert.deepStrictEqual(findings.filter((f) => f.check.startsWith("video")).map((f) => [f.network, f.check, f.primer, f.recommended]), [
        ["instagram", "video-over-recommended", "instagram-video", { seconds: 90 }],
        ["linkedin", "video-over-recommended", "video-length", { seconds: 90 }],
        ["bluesky", "video-over-recommended", "video-length", { seconds: 60 }]
      ])
    })

    it("GIVEN a video without a length WHEN checked THEN one info says it could not be checked", () => {
      assert.deepStrictEqual(check(draft(harbour, ["youtube", "instagram"], { media: [video()] })), [{
        check: "video-duration-unknown",
        severity: "info",
        media: 0,
        primer: "video-length",
        measured: {}
      }])
    })
  })

  describe("every finding", () => {
    const allNetworks: ReadonlyArray<Network> = ["facebook", "instagram", "linkedin", "tiktok", "youtube", "x", "threads", "bluesky", "mastodon"]
    const longAlt = "Ferja legger til ved den nye gjestehavna, mens barn vinker fra kaia. ".repeat(16)
    const findings = [
      ...check(draft(`${officialese} Les mer: https://www.vegvesen.no/kompetanse #Samferdsel #Kompetanse #Rekruttering #Vei #Jobb #Bergen #Vestland #Kyst ${"#Tag ".repeat(25)}`, allNetworks, {
        media: [photo("IMG_1234.jpg"), photo(longAlt), harbourPhoto, harbourPhoto, harbourPhoto, video(4000), video(100), video()]
      })),
      ...check(draft(harbour, ["instagram", "youtube"], { media: [] }))
    ]

    it("GIVEN a draft that breaks every rule WHEN checked THEN every check fires", () => {
      assert.deepStrictEqual([...new Set(findings.map((f) => f.check))].sort(), [...CheckId.literals].sort())
      assert.strictEqual(worst(findings), "error")
    })

    it("GIVEN every finding WHEN its primer id is looked up THEN the entry exists in both languages", () => {
      for (const finding of findings) {
        assert.include(builtInEntryIds, finding.primer)
        assert.isDefined(entry(finding.primer, "nb"), finding.primer)
        assert.isDefined(entry(finding.primer, "en"), finding.primer)
      }
    })

    it("GIVEN every finding WHEN encoded and decoded with the Finding schema THEN it round-trips", () => {
      for (const finding of findings) {
        const decoded = Schema.decodeUnknownSync(Schema.parseJson(Finding))(JSON.stringify(finding))
        assert.deepStrictEqual(decoded, finding)
      }
    })
  })

  describe("worst", () => {
    it("GIVEN findings of several severities WHEN the worst is asked for THEN it is the most serious one", () => {
      const base = { primer: "feed", measured: {} } as const
      assert.isUndefined(worst([]))
      assert.strictEqual(worst([{ ...base, check: "video-duration-unknown", severity: "info" }]), "info")
      assert.strictEqual(
        worst([
          { ...base, check: "video-duration-unknown", severity: "info" },
          { ...base, check: "readability", severity: "warning" },
          { ...base, check: "media-required", severity: "error" },
          { ...base, check: "readability", severity: "warning" }
        ]),
        "error"
      )
    })
  })
})

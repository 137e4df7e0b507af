import { assert, describe, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import * as Cause from "effect/Cause"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Commands from "../src/Commands.js"
import type { Network } from "../src/Draft.js"
import { EventStore } from "../src/EventStore.js"
import { CommandId, ItemId, type MemberId, type WorkspaceId } from "../src/Ids.js"
import { parseCount, parseExport } from "../src/internal/csvExports.js"
import { keysOfUrl } from "../src/internal/resultsImportMatch.js"
import { ItemCommand } from "../src/ItemCommand.js"
import { Outbox } from "../src/Outbox.js"
import { ReadModel } from "../src/ReadModel.js"
import * as ResultsImport from "../src/ResultsImport.js"
import { body, ids } from "./utils/fixtures.js"
import { sqliteStore } from "./utils/stores.js"
import { memoryLayer, seedTeam } from "./utils/team.js"

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/results/${name}`, import.meta.url), "utf8")

const facebookEn = fixture("facebook-posts-en.csv")
const instagramNb = fixture("instagram-posts-nb.csv")
const linkedinEn = fixture("linkedin-posts-en.csv")
const linkedinNb = fixture("linkedin-posts-nb.csv")

const NBSP = "\u00A0"
const NNBSP = "\u202F"

let sequence = 0
const send = (workspace: WorkspaceId, actor: MemberId, item: ItemId, command: ItemCommand) =>
  Commands.handle({ workspace, commandId: CommandId.make(`setup-${++sequence}`), actor, item, command })

/** Takes an item through review and records a post on each network, at the link the advisor pasted. */
const publish = (workspace: WorkspaceId, item: string, posts: ReadonlyArray<readonly [Network, string]>) =>
  Effect.gen(function*() {
    const id = ItemId.make(item)
    const networks = posts.map(([network]) => network)
    yield* send(workspace, ids.ola, id, ItemCommand.SubmitIdea({ title: `Sak ${item}`, pitch: "", goals: [ids.goal], concerns: [] }))
    yield* send(workspace, ids.ingrid, id, ItemCommand.AcceptIdea())
    yield* send(workspace, ids.ingrid, id, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body("Teksten.", { networks }) }))
    yield* send(workspace, ids.ingrid, id, ItemCommand.RequestReview({ reviewers: [{ member: ids.per, expert: true }] }))
    yield* send(workspace, ids.per, id, ItemCommand.ApproveFacts({ revision: 1 }))
    yield* send(workspace, ids.ingrid, id, ItemCommand.ApproveForPublication({ revision: 1 }))
    for (const [network, url] of posts) {
      yield* send(workspace, ids.ingrid, id, ItemCommand.RecordPublication({ network, url, publishedAt: DateTime.unsafeMake("2026-02-03T09:15:00Z") }))
    }
    return id
  })

/**
 * The Kystverket posts of February 2026, recorded with the links as the advisor pasted them (from
 * the phone, the share menu, the browser), which is rarely the form the exports use.
 */
const publishAll = (workspace: WorkspaceId) =>
  Effect.gen(function*() {
    // By post id: the mobile story link against the export's /posts/ link.
    yield* publish(workspace, "havna", [
      ["facebook", "https://m.facebook.com/story.php?story_fbid=1029384756473829&id=100064573645382&mibextid=Nif5oz"],
      ["linkedin", "https://www.linkedin.com/posts/kystverket_fiskerihavn-bodo-activity-7295812345678901234-Xk3d?utm_source=share&utm_medium=member_desktop"]
    ])
    // By permalink: the same reel link with a trailing slash and a tracking parameter.
    yield* publish(workspace, "losene", [
      ["facebook", "https://www.facebook.com/reel/1033445566778899/?mibextid=rS40aB7S9Ucbxw6v"],
      ["instagram", "https://instagram.com/kystverket/reel/DFs9LmNoPqR"],
      ["linkedin", "https://no.linkedin.com/posts/kystverket_slik-jobber-losene-activity-7297111111111111111-pQ8z"]
    ])
    // By pfbid, under the page's name instead of its id.
    yield* publish(workspace, "fyret", [
      ["facebook", "https://www.facebook.com/Kystverket/posts/pfbid02kXwQpVw3hJ7eN1GxYmZ8sT4cR6aLbDfU9oPiHnMqEyWvKjT2l/"]
    ])
    yield* publish(workspace, "kaia", [["instagram", "https://www.instagram.com/p/DFq2xYzAbCd/?igsh=MWQ1ZGUxMzBkMA=="]])
    // The Instagram link pasted as the Facebook post by mistake.
    yield* publish(workspace, "feil", [["facebook", "https://www.instagram.com/p/DFu7TuVwXyZ/"]])
    // The same LinkedIn link pasted into two items.
    yield* publish(workspace, "plan1", [["linkedin", "https://www.linkedin.com/feed/update/urn:li:activity:7296000000000000001/"]])
    yield* publish(workspace, "plan2", [["linkedin", "https://www.linkedin.com/feed/update/urn:li:activity:7296000000000000001"]])
  })

/** The team, with the Kystverket posts of February 2026 recorded (see `publishAll`). */
const publishedTeam = Effect.gen(function*() {
  const workspace = yield* seedTeam()
  yield* publishAll(workspace)
  return workspace
})

const capturedAt = DateTime.unsafeMake("2026-03-02T12:00:00Z")

const importFile = (workspace: WorkspaceId, format: ResultsImport.ImportFormat, text: string | Uint8Array, at = capturedAt) =>
  ResultsImport.importResults(workspace, ids.ingrid, { format, text, capturedAt: at })

const resultsOf = (workspace: WorkspaceId, network: Network) =>
  Effect.gen(function*() {
    const readModel = yield* ReadModel
    const posts = yield* readModel.results(workspace, { network })
    return Object.fromEntries(posts.map((post) => [post.item, post.metrics]))
  })

const allEvents = (workspace: WorkspaceId) =>
  Effect.flatMap(EventStore, (store) => store.readAll(workspace, { after: 0, limit: 10_000 }))

const lines = (rows: ReadonlyArray<{ readonly line: number; readonly item: ItemId }>) => rows.map((row) => [row.line, row.item])

describe("ResultsImport", () => {
  describe("reading counts", () => {
    it("GIVEN counts written the English and the Norwegian way WHEN read THEN each is the same count", () => {
      for (const cell of ["1234", "1,234", "1 234", `1${NBSP}234`, `1${NNBSP}234`, ` 1${NBSP}234 `]) {
        assert.strictEqual(parseCount(cell), 1234, cell)
      }
      assert.strictEqual(parseCount("1,234,567"), 1234567)
      assert.strictEqual(parseCount("0"), 0)
    })

    it("GIVEN an empty cell or a dash WHEN read THEN the count is missing, not 0", () => {
      for (const cell of ["", "  ", "-", "--", "–"]) assert.strictEqual(parseCount(cell), "missing", JSON.stringify(cell))
    })

    it("GIVEN a rate, a decimal or a negative number WHEN read as a count THEN it is not a count", () => {
      for (const cell of ["12,5 %", "12.5%", "0.0523", "12,5", "1.234", "-3", "1,23", "12 34", "1,79123E+16", "mange"]) {
        assert.strictEqual(parseCount(cell), "not_a_count", cell)
      }
    })
  })

  describe("reading exports", () => {
    it("GIVEN Meta's Facebook export WHEN read THEN each row has its identifiers, its line and the counts it has", () => {
      const parsed = Either.getOrThrow(parseExport("meta", facebookEn))
      assert.strictEqual(parsed.format, "meta-facebook")
      // The first post's description spans three lines, so the second row starts on line 5.
      assert.deepStrictEqual(parsed.rows.map((row) => row.line), [2, 5, 6, 7, 8])
      assert.deepStrictEqual(parsed.rows[0], {
        line: 2,
        postId: "100064573645382_1029384756473829",
        permalink: "https://www.facebook.com/100064573645382/posts/1029384756473829",
        metrics: { reach: 3870, impressions: 5230, reactions: 171, comments: 25, shares: 16, clicks: 142 },
        invalid: []
      })
      // A reel: no link clicks (empty), 3-second views as video views.
      assert.deepStrictEqual(parsed.rows[1]!.metrics, {
        reach: 9915,
        impressions: 12480,
        reactions: 540,
        comments: 71,
        shares: 44,
        videoViews: 7431
      })
      // "-" is missing: total clicks (160) are not link clicks.
      assert.isUndefined(parsed.rows[2]!.metrics.clicks)
      assert.deepStrictEqual(parsed.rows[4]!.postId, undefined)
      assert.deepStrictEqual(parsed.rows[4]!.permalink, undefined)
    })

    it("GIVEN a Norwegian Instagram export saved by Excel WHEN read as a Meta export THEN it is Instagram's, with BOM, ';', grouped numbers and an added rate column handled", () => {
      const parsed = Either.getOrThrow(parseExport("meta", instagramNb))
      assert.strictEqual(parsed.format, "meta-instagram")
      assert.deepStrictEqual(parsed.rows.map((row) => row.line), [2, 3, 4, 5])
      assert.deepStrictEqual(parsed.rows[0], {
        line: 2,
        postId: "1,79123E+16",
        permalink: "https://www.instagram.com/p/DFq2xYzAbCd/",
        metrics: { reach: 8765, impressions: 12345, reactions: 1234, comments: 48, shares: 56, saves: 97 },
        invalid: []
      })
      assert.strictEqual(parsed.rows[1]!.metrics.videoViews, 45210)
    })

    it("GIVEN LinkedIn's export in English and in Norwegian, each after a title row WHEN read THEN both give the same posts and the same metrics", () => {
      const english = Either.getOrThrow(parseExport("linkedin", linkedinEn))
      const norwegian = Either.getOrThrow(parseExport("linkedin", linkedinNb))
      assert.deepStrictEqual(english.rows.map((row) => row.line), [4, 5, 6, 7])
      assert.deepStrictEqual(norwegian.rows.map((row) => row.line), [4, 5, 6])
      assert.deepStrictEqual(
        norwegian.rows.map((row) => row.permalink),
        english.rows.slice(0, 3).map((row) => row.permalink)
      )
      assert.deepStrictEqual(english.rows[1]!.metrics, {
        impressions: 6877,
        reactions: 171,
        comments: 22,
        shares: 18,
        clicks: 233,
        videoViews: 2044
      })
      assert.deepStrictEqual(norwegian.rows[1]!.metrics, {
        impressions: 7940,
        reactions: 188,
        comments: 25,
        shares: 21,
        clicks: 260,
        videoViews: 2466
      })
      // A post without video has no video views: the empty cell stays missing.
      assert.isUndefined(english.rows[0]!.metrics.videoViews)
    })

    it("GIVEN the bytes of a file Excel saved in Windows-1252 WHEN read THEN it reads as the UTF-8 file does", () => {
      const bytes = Uint8Array.from(linkedinNb, (char) => char.charCodeAt(0))
      assert.deepStrictEqual(parseExport("linkedin", bytes), parseExport("linkedin", linkedinNb))
      const utf8 = new TextEncoder().encode(`\uFEFF${linkedinNb}`)
      assert.deepStrictEqual(parseExport("linkedin", utf8), parseExport("linkedin", linkedinNb))
      const utf16 = Uint8Array.from(Buffer.from(`\uFEFF${linkedinNb}`, "utf16le"))
      assert.deepStrictEqual(parseExport("linkedin", utf16), parseExport("linkedin", linkedinNb))
    })

    it("GIVEN Excel's separator hint before the header WHEN read THEN it is passed over like a title row", () => {
      const parsed = Either.getOrThrow(parseExport("meta", `sep=,\n${facebookEn}`))
      assert.deepStrictEqual(parsed.rows.map((row) => row.line), [3, 6, 7, 8, 9])
    })
  })

  describe("identity of a link", () => {
    const same = (a: string, b: string) => keysOfUrl(a).some((key) => keysOfUrl(b).includes(key))

    it("GIVEN two forms of the same post's link WHEN keyed THEN they share a key", () => {
      const pairs: ReadonlyArray<readonly [string, string]> = [
        ["https://www.facebook.com/100064573645382/posts/1029384756473829", "https://m.facebook.com/story.php?story_fbid=1029384756473829&id=100064573645382"],
        ["https://www.facebook.com/reel/1033445566778899", "facebook.com/reel/1033445566778899/?mibextid=abc"],
        ["https://www.facebook.com/100064573645382/posts/pfbid02kX", "https://web.facebook.com/Kystverket/posts/pfbid02kX?__cft__[0]=x"],
        ["https://www.facebook.com/photo.php?fbid=1066", "https://www.facebook.com/photo/?fbid=1066&set=a.99"],
        ["https://www.facebook.com/Kystverket/videos/1077/", "https://www.facebook.com/watch/?v=1077"],
        ["HTTPS://WWW.Facebook.COM/share/p/1AbCdEf/", "https://facebook.com/share/p/1AbCdEf"],
        ["https://www.instagram.com/p/DFq2xYzAbCd/", "https://instagram.com/kystverket/p/DFq2xYzAbCd?igsh=MWQ1"],
        ["https://www.instagram.com/reel/DFs9LmNoPqR/", "https://www.instagram.com/reels/DFs9LmNoPqR"],
        ["https://www.linkedin.com/feed/update/urn:li:activity:7295812345678901234", "https://no.linkedin.com/posts/kystverket_havn-activity-7295812345678901234-Xk3d?utm_source=share"],
        ["https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7295812345678901234/", "urn:li:activity:7295812345678901234"],
        ["https://www.linkedin.com/feed/update/urn:li:ugcPost:7295812345678901111", "https://www.linkedin.com/posts/kystverket_havn-ugcPost-7295812345678901111-Ab1c"]
      ]
      for (const [a, b] of pairs) assert.isTrue(same(a, b), `${a} ~ ${b}`)
    })

    it("GIVEN links to different posts WHEN keyed THEN they share no key", () => {
      const pairs: ReadonlyArray<readonly [string, string]> = [
        // Shortcodes are case-sensitive.
        ["https://www.instagram.com/p/DFq2xYzAbCd/", "https://www.instagram.com/p/dfq2xyzabcd/"],
        // Activity and share ids are different numbers, even for one post: not ours to equate.
        ["https://www.linkedin.com/feed/update/urn:li:activity:7295812345678901234", "https://www.linkedin.com/feed/update/urn:li:share:7295812345678901234"],
        ["https://www.facebook.com/100064573645382/posts/1029384756473829", "https://www.facebook.com/100064573645382/posts/1029384756473828"],
        // A share link carries no id: it is only equal to itself.
        ["https://www.facebook.com/share/p/1AbCdEf/", "https://www.facebook.com/share/p/1AbCdEg/"]
      ]
      for (const [a, b] of pairs) assert.isFalse(same(a, b), `${a} ≁ ${b}`)
    })
  })

  describe("importing", () => {
    it.effect("GIVEN published posts WHEN Meta's Facebook export is imported THEN the posts it names are recorded, by id and by permalink, and the rest is reported", () =>
      Effect.gen(function*() {
        const workspace = yield* publishedTeam
        const report = yield* importFile(workspace, "meta-facebook", facebookEn)
        assert.strictEqual(report.format, "meta-facebook")
        assert.strictEqual(report.rows, 5)
        assert.deepStrictEqual(lines(report.recorded), [[2, "havna"], [5, "losene"], [6, "fyret"]])
        assert.isTrue(report.recorded.every((row) => row.network === "facebook"))
        assert.deepStrictEqual(report.unmatched, [
          { line: 7, identifier: "https://www.facebook.com/100064573645382/posts/1055667788990011", reason: "no_match" },
          { line: 8, reason: "no_identifier" }
        ])
        assert.deepStrictEqual([report.unchanged, report.invalid, report.refused], [[], [], []])

        const results = yield* resultsOf(workspace, "facebook")
        assert.deepStrictEqual(results["havna"], { reach: 3870, impressions: 5230, reactions: 171, comments: 25, shares: 16, clicks: 142 })
        // Missing stays missing: no link clicks on the reel or the photo, no saves on Facebook.
        assert.deepStrictEqual(results["fyret"], { reach: 2101, impressions: 2944, reactions: 80, comments: 5, shares: 3 })
        assert.deepStrictEqual(results["feil"], {})
        const readModel = yield* ReadModel
        const [losene] = yield* readModel.results(workspace, { network: "facebook" }).pipe(
          Effect.map((posts) => posts.filter((post) => post.item === "losene"))
        )
        assert.deepStrictEqual(losene?.capturedAt, capturedAt)
      }).pipe(Effect.provide(memoryLayer)))

    it.effect("GIVEN a Norwegian Instagram export WHEN imported as a Meta export THEN rows are matched by permalink, and a link recorded on another network or not at all is reported", () =>
      Effect.gen(function*() {
        const workspace = yield* publishedTeam
        const report = yield* importFile(workspace, "meta", instagramNb)
        assert.strictEqual(report.format, "meta-instagram")
        assert.deepStrictEqual(lines(report.recorded), [[2, "kaia"], [3, "losene"]])
        assert.deepStrictEqual(report.unmatched, [
          { line: 4, identifier: "https://www.instagram.com/p/DFu7TuVwXyZ/", reason: "not_published_on_network" },
          { line: 5, identifier: "https://www.instagram.com/p/DFw1AbCdEfG/", reason: "no_match" }
        ])
        const results = yield* resultsOf(workspace, "instagram")
        assert.deepStrictEqual(results["kaia"], { reach: 8765, impressions: 12345, reactions: 1234, comments: 48, shares: 56, saves: 97 })
        assert.deepStrictEqual(results["losene"], {
          reach: 31877,
          impressions: 45210,
          reactions: 2310,
          comments: 96,
          shares: 143,
          saves: 210,
          videoViews: 45210
        })
        // The Facebook post that holds the Instagram link got nothing.
        assert.deepStrictEqual((yield* resultsOf(workspace, "facebook"))["feil"], {})
      }).pipe(Effect.provide(memoryLayer)))

    it.effect("GIVEN two items holding the same LinkedIn link WHEN the export is imported THEN that row is ambiguous and neither item gets its numbers", () =>
      Effect.gen(function*() {
        const workspace = yield* publishedTeam
        const report = yield* importFile(workspace, "linkedin", linkedinEn)
        assert.deepStrictEqual(lines(report.recorded), [[4, "havna"], [5, "losene"]])
        assert.deepStrictEqual(report.unmatched.map((row) => [row.line, row.reason]), [[6, "ambiguous"], [7, "no_match"]])
        const results = yield* resultsOf(workspace, "linkedin")
        assert.deepStrictEqual([results["plan1"], results["plan2"]], [{}, {}])
        assert.deepStrictEqual(results["havna"], { impressions: 4312, reactions: 96, comments: 14, shares: 9, clicks: 187 })
      }).pipe(Effect.provide(memoryLayer)))

    it.effect("GIVEN an imported file WHEN the same file is imported again, later THEN nothing new is recorded: the rows are unchanged, and so are the results, the streams and the outbox", () =>
      Effect.gen(function*() {
        const workspace = yield* publishedTeam
        const first = yield* importFile(workspace, "meta-facebook", facebookEn)
        const outbox = yield* Outbox
        const before = {
          events: yield* allEvents(workspace),
          outbox: yield* outbox.list(workspace),
          results: yield* resultsOf(workspace, "facebook")
        }
        // Auto-detected this time, and a day later: still the same file.
        const again = yield* importFile(workspace, "meta", facebookEn, DateTime.unsafeMake("2026-03-03T12:00:00Z"))
        assert.deepStrictEqual(again.recorded, [])
        assert.deepStrictEqual(again.unchanged, first.recorded)
        assert.deepStrictEqual(again.unmatched, first.unmatched)
        assert.deepStrictEqual(yield* allEvents(workspace), before.events)
        assert.deepStrictEqual(yield* outbox.list(workspace), before.outbox)
        assert.deepStrictEqual(yield* resultsOf(workspace, "facebook"), before.results)
      }).pipe(Effect.provide(memoryLayer)))

    it.effect("GIVEN a SQLite store WHEN a file is imported twice THEN the second import replays, and missing metrics stay missing in the stored results", () =>
      Effect.gen(function*() {
        const workspace = yield* publishedTeam
        const first = yield* importFile(workspace, "meta", instagramNb)
        const before = yield* allEvents(workspace)
        const again = yield* importFile(workspace, "meta", instagramNb)
        assert.deepStrictEqual([again.recorded, again.unchanged], [[], first.recorded])
        assert.deepStrictEqual(yield* allEvents(workspace), before)
        const results = yield* resultsOf(workspace, "instagram")
        assert.deepStrictEqual(results["kaia"], { reach: 8765, impressions: 12345, reactions: 1234, comments: 48, shares: 56, saves: 97 })
      }).pipe(Effect.provide(sqliteStore())))

    it.effect("GIVEN an imported LinkedIn export WHEN a newer one, in Norwegian, is imported THEN each post gets a new snapshot with the new numbers", () =>
      Effect.gen(function*() {
        const workspace = yield* publishedTeam
        yield* importFile(workspace, "linkedin", linkedinEn)
        const later = DateTime.unsafeMake("2026-03-09T12:00:00Z")
        const report = yield* importFile(workspace, "linkedin", linkedinNb, later)
        assert.deepStrictEqual(lines(report.recorded), [[4, "havna"], [5, "losene"]])
        assert.deepStrictEqual(report.unchanged, [])
        const results = yield* resultsOf(workspace, "linkedin")
        assert.deepStrictEqual(results["losene"], {
          impressions: 7940,
          reactions: 188,
          comments: 25,
          shares: 21,
          clicks: 260,
          videoViews: 2466
        })
        const store = yield* EventStore
        const snapshots = (yield* store.readStream(workspace, ItemId.make("losene")))
          .flatMap(({ event }) => (event._tag === "ResultsRecorded" ? [event.capturedAt] : []))
        assert.deepStrictEqual(snapshots, [capturedAt, later])
      }).pipe(Effect.provide(memoryLayer)))

    it.effect("GIVEN a row with a cell that is not a count, and a row without any count WHEN imported THEN both are reported as invalid and not recorded, and the other rows are", () =>
      Effect.gen(function*() {
        const workspace = yield* publishedTeam
        const text = [
          "Post ID,Permalink,Publish time,Page name,Reach,Reactions,Comments",
          "1029384756473829,https://www.facebook.com/100064573645382/posts/1029384756473829,03/02/2026 10:15,Kystverket,\"3,870\",171,12.5%",
          "1033445566778899,https://www.facebook.com/reel/1033445566778899,05/02/2026 14:30,Kystverket,-,,--",
          "1044556677889900,https://www.facebook.com/100064573645382/posts/pfbid02kXwQpVw3hJ7eN1GxYmZ8sT4cR6aLbDfU9oPiHnMqEyWvKjT2l,09/02/2026 09:00,Kystverket,2101,80,5"
        ].join("\n")
        const report = yield* importFile(workspace, "meta-facebook", text)
        assert.deepStrictEqual(report.invalid, [
          { line: 2, field: "comments", reason: "not_a_count", column: "Comments", value: "12.5%" },
          { line: 3, field: "metrics", reason: "no_values" }
        ])
        assert.deepStrictEqual(lines(report.recorded), [[4, "fyret"]])
        const results = yield* resultsOf(workspace, "facebook")
        assert.deepStrictEqual([results["havna"], results["losene"]], [{}, {}])
      }).pipe(Effect.provide(memoryLayer)))

    it.effect("GIVEN two rows naming the same post WHEN imported THEN both are duplicates and neither is recorded", () =>
      Effect.gen(function*() {
        const workspace = yield* publishedTeam
        const text = [
          "Post ID,Permalink,Page name,Date,Reach,Reactions",
          "1029384756473829,https://www.facebook.com/100064573645382/posts/1029384756473829,Kystverket,2026-02-03,1200,40",
          "1029384756473829,https://www.facebook.com/100064573645382/posts/1029384756473829,Kystverket,2026-02-04,800,31"
        ].join("\n")
        const report = yield* importFile(workspace, "meta-facebook", text)
        assert.deepStrictEqual(report.unmatched.map((row) => [row.line, row.reason]), [[2, "duplicate"], [3, "duplicate"]])
        assert.deepStrictEqual(report.recorded, [])
      }).pipe(Effect.provide(memoryLayer)))

    it.effect("GIVEN an item closed after publication WHEN its row is imported THEN the row is refused with the workflow's error and the others are recorded", () =>
      Effect.gen(function*() {
        const workspace = yield* publishedTeam
        yield* send(workspace, ids.ingrid, ItemId.make("fyret"), ItemCommand.Close())
        const report = yield* importFile(workspace, "meta-facebook", facebookEn)
        assert.deepStrictEqual(lines(report.recorded), [[2, "havna"], [5, "losene"]])
        assert.deepStrictEqual(report.refused.map((row) => [row.line, row.item, row.error._tag]), [[6, "fyret", "InvalidTransition"]])
      }).pipe(Effect.provide(memoryLayer)))

    it.effect("GIVEN a colleague who is not an advisor WHEN importing THEN NotAuthorized and nothing is written", () =>
      Effect.gen(function*() {
        const workspace = yield* publishedTeam
        const before = yield* allEvents(workspace)
        const result = yield* Effect.either(
          ResultsImport.importResults(workspace, ids.per, { format: "meta", text: facebookEn, capturedAt })
        )
        assert.deepStrictEqual(
          Either.isLeft(result) && result.left._tag === "NotAuthorized" ? result.left.rule : result,
          "advisor_only"
        )
        assert.deepStrictEqual(yield* allEvents(workspace), before)
      }).pipe(Effect.provide(memoryLayer)))

    describe("progress", () => {
      /** Imports with an `onProgress` that keeps what it is told. */
      const importWatched = (workspace: WorkspaceId, format: ResultsImport.ImportFormat, text: string) =>
        Effect.gen(function*() {
          const seen: Array<ResultsImport.ImportProgress> = []
          const exit = yield* Effect.exit(ResultsImport.importResults(workspace, ids.ingrid, {
            format,
            text,
            capturedAt,
            onProgress: (progress) => Effect.sync(() => void seen.push(progress))
          }))
          return { exit, seen }
        })
      const upTo = (done: number, total: number) => Array.from({ length: done + 1 }, (_, index) => ({ done: index, total }))

      it.effect("GIVEN an export with recorded and unmatched rows WHEN imported THEN progress starts at 0 with the file's row count, grows one row at a time and reaches it", () =>
        Effect.gen(function*() {
          const workspace = yield* publishedTeam
          const { exit, seen } = yield* importWatched(workspace, "meta-facebook", facebookEn)
          const report = yield* exit
          assert.strictEqual(report.rows, 5)
          assert.deepStrictEqual(seen, upTo(5, 5))
        }).pipe(Effect.provide(memoryLayer)))

      it.effect("GIVEN an imported file WHEN imported again THEN the replayed rows count too, and progress reaches the total", () =>
        Effect.gen(function*() {
          const workspace = yield* publishedTeam
          yield* importFile(workspace, "meta-facebook", facebookEn)
          const { exit, seen } = yield* importWatched(workspace, "meta-facebook", facebookEn)
          assert.strictEqual((yield* exit).unchanged.length, 3)
          assert.deepStrictEqual(seen, upTo(5, 5))
        }).pipe(Effect.provide(memoryLayer)))

      it.effect("GIVEN a file with invalid rows WHEN imported THEN the invalid rows count as settled, and progress reaches the total", () =>
        Effect.gen(function*() {
          const workspace = yield* publishedTeam
          const text = [
            "Post ID,Permalink,Publish time,Page name,Reach,Reactions,Comments",
            "1029384756473829,https://www.facebook.com/100064573645382/posts/1029384756473829,03/02/2026 10:15,Kystverket,3870,171,12.5%",
            "1033445566778899,https://www.facebook.com/reel/1033445566778899,05/02/2026 14:30,Kystverket,-,,--",
            "1044556677889900,https://www.facebook.com/100064573645382/posts/pfbid02kXwQpVw3hJ7eN1GxYmZ8sT4cR6aLbDfU9oPiHnMqEyWvKjT2l,09/02/2026 09:00,Kystverket,2101,80,5"
          ].join("\n")
          const { exit, seen } = yield* importWatched(workspace, "meta-facebook", text)
          const report = yield* exit
          assert.deepStrictEqual([report.invalid.length, report.recorded.length], [2, 1])
          assert.deepStrictEqual(seen, upTo(3, 3))
        }).pipe(Effect.provide(memoryLayer)))

      it.effect("GIVEN a store that fails on the import's second command WHEN imported THEN the import fails, and progress has reported only the first row", () =>
        Effect.gen(function*() {
          const workspace = yield* publishedTeam
          let appends = 0
          const { exit, seen } = yield* importWatched(workspace, "meta-facebook", facebookEn).pipe(
            Effect.updateService(EventStore, (store) => ({
              ...store,
              append: (ws, request) =>
                ++appends === 2 ? Effect.die(new Error("the disk is gone")) : store.append(ws, request)
            }))
          )
          assert.isTrue(Exit.isFailure(exit) && Cause.isDie(exit.cause), String(exit))
          assert.deepStrictEqual(seen, upTo(1, 5))
          // The row it reported is really recorded; the next one is not.
          const results = yield* resultsOf(workspace, "facebook")
          assert.deepStrictEqual(results["havna"], { reach: 3870, impressions: 5230, reactions: 171, comments: 25, shares: 16, clicks: 142 })
          assert.deepStrictEqual(results["losene"], {})
        }).pipe(Effect.provide(memoryLayer)))
    })

    describe("unreadable files", () => {
      const withoutColumns = (text: string, names: ReadonlyArray<string>) => {
        const rows = text.trimEnd().split("\n").map((line) => line.split(";"))
        const keep = rows[2]!.map((header, index) => (names.includes(header) ? -1 : index)).filter((index) => index >= 0)
        return rows.map((cells, index) => (index < 2 ? cells.join(";") : keep.map((column) => cells[column]).join(";"))).join("\n")
      }
      const cases: ReadonlyArray<
        readonly [string, ResultsImport.ImportFormat, string | Uint8Array, Partial<ResultsImport.UnreadableExport>]
      > = [
        ["an Excel workbook", "linkedin", Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]), { reason: "not_text" }],
        ["an empty file", "meta", "\uFEFF\r\n", { reason: "empty" }],
        ["a header without rows", "linkedin", linkedinEn.split("\n").slice(0, 3).join("\n"), { reason: "empty" }],
        ["a quote that never closes", "meta", `${facebookEn}"1066","100064573645382","Kystverket","","Uten slutt\n`, { reason: "not_csv", line: 9 }],
        ["a list of names", "meta", "Navn;Avdeling\nPer;Fiskeri\nSiri;Klima\n", { reason: "no_header" }],
        ["LinkedIn without its link column", "linkedin", withoutColumns(linkedinNb.replaceAll("\r\n", "\n"), ["Innleggslenke"]), { reason: "missing_column", column: "permalink" }],
        ["Meta without any metric", "meta-facebook", "Post ID,Permalink,Publish time,Page name\n1,https://www.facebook.com/1/posts/1,03/02/2026 10:15,Kystverket\n", { reason: "missing_column", column: "metrics" }],
        ["LinkedIn's export as Meta's", "meta", linkedinEn, { reason: "wrong_format", detected: "linkedin" }],
        ["Instagram's export as Facebook's", "meta-facebook", instagramNb, { reason: "wrong_format", detected: "meta-instagram" }],
        ["Meta columns both networks have, and no permalink", "meta", "Post ID,Permalink,Publish time,Reach\n1,,03/02/2026 10:15,12\n", { reason: "ambiguous_format" }]
      ]
      for (const [name, format, text, expected] of cases) {
        it.effect(`GIVEN ${name} WHEN imported THEN UnreadableExport (${expected.reason}) and nothing is written`, () =>
          Effect.gen(function*() {
            const workspace = yield* publishedTeam
            const before = yield* allEvents(workspace)
            const result = yield* Effect.either(importFile(workspace, format, text))
            assert.isTrue(Either.isLeft(result) && result.left._tag === "UnreadableExport", String(result))
            if (Either.isLeft(result) && result.left._tag === "UnreadableExport") {
              const { _tag, ...fields } = result.left
              assert.deepStrictEqual({ ...fields }, { format, ...expected })
            }
            assert.deepStrictEqual(yield* allEvents(workspace), before)
          }).pipe(Effect.provide(memoryLayer)))
      }
    })
  })
})

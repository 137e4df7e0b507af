/**
 * `dugnad demo` in both languages, through the built binary on temp SQLite files: the demo's own
 * narration follows `--locale` (English without it), not only the core's messages.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { assertBuilt, dugnad, json } from "./helpers.js"

/** Lines of the demo's own narration in English, one from each part of the story. */
const englishNarration = [
  "== The team",
  "Goal G1: People along the coast know what we build for them",
  "brings an idea: “The new fishing harbour in Bodø”",
  "accepts “The new fishing harbour in Bodø”",
  "objects to a fact (O1): “The harbour opens in May.”",
  "(primer: first-lines)",
  "records the posts on Facebook and LinkedIn",
  "What Ola Nordmann reads:",
  "✓ Marked a success: it beat the team's recent posts.",
  "== Try it yourself",
  "Done in "
]

/** The same places in Norwegian. */
const norwegianNarration = [
  "== Teamet",
  "Mål G1: Folk langs kysten vet hva vi bygger for dem",
  "kommer med en idé: «Den nye fiskerihavna i Bodø»",
  "sier ja til «Den nye fiskerihavna i Bodø»",
  "kommer med en faktainnsigelse (O1): «Havna åpner i mai.»",
  "(innføringen: first-lines)",
  "registrerer postene på Facebook og LinkedIn",
  "Dette får Ola Nordmann:",
  "✓ Markert som en suksess: den gjorde det bedre enn teamets siste poster.",
  "== Prøv selv",
  "Ferdig på "
]

describe("dugnad demo, in the language of --locale", () => {
  let dir: string
  beforeAll(() => {
    assertBuilt()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-demo-locale-"))
  })
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it("GIVEN --locale nb WHEN demo THEN the narration, titles and reasons are Norwegian, with no English narration left", () => {
    const file = path.join(dir, "nb.db")
    const played = dugnad(["demo", "--db", file, "--locale", "nb"])
    expect(played.code, `${played.stdout}\n${played.stderr}`).toBe(0)
    for (const text of norwegianNarration) expect(played.stdout).toContain(text)
    expect(played.stdout).toContain(
      "legger «Torskekvotene forklart på ett minutt» til side: Kvotene fastsettes i desember."
    )
    expect(played.stdout).toContain("«Far min fisket fra denne havna i førti år. Herlig!»")
    for (const text of englishNarration) expect(played.stdout).not.toContain(text)
    expect(played.stdout).not.toContain("The new fishing harbour in Bodø")
    expect(played.stdout).not.toContain("What are you working on?")

    const board = json(dugnad(["board", "--db", file, "--json"]))
    const titles = board.columns.flatMap((column: { items: Array<{ title: string }> }) => column.items.map((card) => card.title))
    expect(titles).toContain("Den nye fiskerihavna i Bodø")
    expect(titles).toContain("Møt folkene: Den nye fiskerihavna i Bodø")
  })

  it("GIVEN --locale nb and a database that holds something WHEN demo THEN the refusal is Norwegian too", () => {
    const again = dugnad(["demo", "--db", path.join(dir, "nb.db"), "--locale", "nb"])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain("finnes allerede")
    expect(again.stderr).not.toContain("already exists")
  })

  it("GIVEN no --locale WHEN demo THEN the narration is English, as with --locale en", () => {
    const played = dugnad(["demo", "--db", path.join(dir, "default.db")])
    expect(played.code, `${played.stdout}\n${played.stderr}`).toBe(0)
    for (const text of englishNarration) expect(played.stdout).toContain(text)
    for (const text of norwegianNarration) expect(played.stdout).not.toContain(text)

    const english = dugnad(["demo", "--db", path.join(dir, "en.db"), "--locale", "en"])
    expect(english.code, `${english.stdout}\n${english.stderr}`).toBe(0)
    for (const text of englishNarration) expect(english.stdout).toContain(text)
  })
})

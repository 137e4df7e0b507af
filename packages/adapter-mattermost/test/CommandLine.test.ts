/**
 * The `/dugnad` command line: words, the command tree, and usage errors worded in nb and en.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as fc from "fast-check"
import * as CommandLine from "../src/CommandLine.js"

const command = (input: string): CommandLine.Command => {
  const parsed = CommandLine.parse(input)
  if (Either.isLeft(parsed)) throw new Error(`expected a command, got ${parsed.left.problem._tag}`)
  if (parsed.right._tag !== "Command") throw new Error("expected a command, got help")
  return parsed.right
}

const problem = (input: string): CommandLine.UsageError => {
  const parsed = CommandLine.parse(input)
  if (Either.isRight(parsed)) throw new Error(`expected a usage error for ${input}`)
  return parsed.left
}

describe("CommandLine: words (properties)", () => {
  it("GIVEN any list of strings WHEN each is quoted and joined THEN the words are exactly those strings, none a flag", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme" }), { maxLength: 6 }), (values) => {
        const words = CommandLine.words(values.map(CommandLine.quote).join(" "))
        expect(Either.isRight(words)).toBe(true)
        const got = Either.getOrThrow(words)
        expect(got.map((word) => word.text)).toEqual(values)
        expect(got.every((word) => !word.bare)).toBe(true)
      })
    )
  })

  it("GIVEN any non-blank text WHEN quoted as a comment THEN the comment's text is that text, even if it looks like a flag", () => {
    fc.assert(
      fc.property(fc.string().filter((s) => s.trim() !== ""), (value) => {
        const parsed = command(`comment k7m2qd ${CommandLine.quote(value)}`)
        expect(parsed.args).toEqual(["k7m2qd", value])
      })
    )
  })

  it("GIVEN any string at all WHEN parsed THEN it never throws, and gives a command, help or a usage error that words in both languages", () => {
    const pieces = fc.constantFrom("review", "request", "--reviewer", "@per", "\"", "'", "«", "»", "\\", "=", " ", "--", "-h", "k7", "help", "comment", "--due", "x")
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "grapheme" }), fc.array(pieces, { maxLength: 10 }).map((p) => p.join(""))), (input) => {
        const parsed = CommandLine.parse(input)
        if (Either.isLeft(parsed)) {
          expect(CommandLine.message("nb", parsed.left).length).toBeGreaterThan(0)
          expect(CommandLine.message("en", parsed.left).length).toBeGreaterThan(0)
        } else if (parsed.right._tag === "Help") {
          expect(CommandLine.helpText("en", parsed.right.path).length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 2000 }
    )
  })
})

describe("CommandLine: commands", () => {
  it("GIVEN a review request with users, repeated and = flags WHEN parsed THEN path, args and options as the CLI has them", () => {
    const parsed = command("review request K7M2QD --reviewer @Per --reviewer=ola --due=2026-12-01T12:00")
    expect(parsed.path).toEqual(["review", "request"])
    expect(parsed.args).toEqual(["k7m2qd"])
    expect(CommandLine.options(parsed, "reviewer")).toEqual([{ _tag: "User", username: "per" }, "ola"])
    expect(CommandLine.option(parsed, "due")).toBe("2026-12-01T12:00")
  })

  it("GIVEN «…», '…', \"…\", escaped quotes and --flag=\"…\" WHEN parsed THEN each is one value", () => {
    const parsed = command(`review object k7m2qd --claim «Åpner 14. juni» --correction="Si \\"14. juni\\""`)
    expect(CommandLine.option(parsed, "claim")).toBe("Åpner 14. juni")
    expect(CommandLine.option(parsed, "correction")).toBe("Si \"14. juni\"")
    expect(command("withdraw k7 --reason 'it is late'").options.get("reason")).toEqual(["it is late"])
  })

  it("GIVEN a quoted @name WHEN given as a handle THEN it stays text (quoting means literal)", () => {
    expect(CommandLine.options(command("review request k7 --reviewer \"@per\""), "reviewer")).toEqual(["@per"])
    expect(CommandLine.options(command("review request k7 --reviewer=\"@per\""), "reviewer")).toEqual(["@per"])
  })

  it("GIVEN a comment without quotes and with an apostrophe WHEN parsed THEN the rest of the words are the text", () => {
    expect(command("comment k7m2qd Don't forget the date").args).toEqual(["k7m2qd", "Don't forget the date"])
  })

  it("GIVEN boolean flags and -- WHEN parsed THEN the flag is present and words after -- are arguments", () => {
    const decide = command("review decide k7 s1 --decline --reason \"Date first\"")
    expect(CommandLine.has(decide, "decline")).toBe(true)
    expect(CommandLine.has(decide, "accept")).toBe(false)
    expect(decide.args).toEqual(["k7", "S1"])
    expect(command("comment k7 -- --not-a-flag").args).toEqual(["k7", "--not-a-flag"])
  })

  it("GIVEN help, an empty text, a group alone or --help WHEN parsed THEN help for the right path", () => {
    const help = (input: string) => Either.getOrThrow(CommandLine.parse(input))
    expect(help("")).toEqual({ _tag: "Help", path: [] })
    expect(help("  help ")).toEqual({ _tag: "Help", path: [] })
    expect(help("review")).toEqual({ _tag: "Help", path: ["review"] })
    expect(help("help review request")).toEqual({ _tag: "Help", path: ["review", "request"] })
    expect(help("review request k7 --help")).toEqual({ _tag: "Help", path: ["review", "request"] })
    expect(CommandLine.helpText("nb", ["review", "request"])).toContain("Bruk: `/dugnad review request ITEM --reviewer HANDLE… [--due TIME]`")
  })

  it("GIVEN the commands that stay in the CLI WHEN typed in Mattermost THEN they are unknown", () => {
    for (const input of ["init", "demo", "completions bash", "results import f.csv", "meeting ics M1", "discord"]) {
      expect(problem(input).problem._tag).toBe("UnknownCommand")
    }
  })
})

describe("CommandLine: usage errors", () => {
  it("GIVEN a misspelt command WHEN parsed THEN UnknownCommand with a suggestion, worded in en and nb with the commands", () => {
    const error = problem("reveiw request k7")
    expect(error.problem).toMatchObject({ _tag: "UnknownCommand", word: "reveiw", suggestion: "review" })
    expect(CommandLine.message("en", error)).toContain("There is no command `reveiw`. Did you mean `review`?")
    expect(CommandLine.message("nb", error)).toContain("Det finnes ingen kommando `reveiw`. Mente du `review`?")
    expect(CommandLine.message("nb", error)).toContain("Kommandoer: `member`")
  })

  it("GIVEN a missing argument WHEN parsed THEN which one, and the usage line of that command", () => {
    const error = problem("review approve")
    expect(error.path).toEqual(["review", "approve"])
    expect(error.problem).toEqual({ _tag: "MissingArgument", argument: "ITEM" })
    expect(CommandLine.message("en", error)).toBe(
      "ITEM is missing.\nUsage: `/dugnad review approve ITEM [--revision N]`\n`/dugnad help review approve` tells more."
    )
    expect(CommandLine.message("nb", error)).toBe(
      "ITEM mangler.\nBruk: `/dugnad review approve ITEM [--revision N]`\n`/dugnad help review approve` forteller mer."
    )
  })

  it("GIVEN a bad choice WHEN parsed THEN the value, why, and what is allowed", () => {
    const error = problem("publish k7 --network myspace --url https://x")
    expect(error.problem).toMatchObject({ _tag: "BadValue", name: "network", value: "myspace", why: "NotAllowed" })
    expect(CommandLine.message("en", error)).toContain("`--network` cannot be `myspace`: it is one of `facebook`")
    expect(CommandLine.message("nb", error)).toContain("`--network` kan ikke være `myspace`: den er en av `facebook`")
  })

  it("GIVEN unknown flags, missing values, bad numbers, repeats and both --accept and --decline WHEN parsed THEN each its own problem", () => {
    expect(problem("review approve k7 --revison 2").problem).toMatchObject({ _tag: "UnknownFlag", flag: "revison", suggestion: "revision" })
    expect(problem("withdraw k7 --reason").problem).toEqual({ _tag: "MissingValue", flag: "reason", placeholder: "TEXT" })
    expect(problem("withdraw k7").problem).toEqual({ _tag: "MissingFlag", flag: "reason", placeholder: "TEXT" })
    expect(problem("review approve k7 --revision two").problem).toMatchObject({ _tag: "BadValue", why: "NotInteger" })
    expect(problem("review approve k7 --revision 0").problem).toMatchObject({ _tag: "BadValue", why: "TooSmall" })
    expect(problem("withdraw k7 --reason a --reason b").problem).toEqual({ _tag: "RepeatedFlag", flag: "reason" })
    expect(problem("review decide k7 S1 --accept=yes --reason r").problem).toEqual({ _tag: "UnexpectedValue", flag: "accept" })
    expect(problem("review decide k7 S1 --accept --decline --reason r").problem).toEqual({
      _tag: "ExactlyOne",
      flags: ["accept", "decline"],
      given: ["accept", "decline"]
    })
    expect(problem("show k7 extra").problem).toEqual({ _tag: "TooManyArguments", extra: ["extra"] })
    expect(problem("show \"New guest harbour\"").problem).toMatchObject({ _tag: "BadValue", name: "ITEM", why: "NotAnId" })
    expect(problem("comment k7 \"unclosed").problem).toMatchObject({ _tag: "UnterminatedQuote", quote: "\"" })
  })

  it("GIVEN every problem WHEN worded THEN both languages give a sentence and differ", () => {
    for (const input of ["x", "review approve k7 --x", "withdraw k7 --reason", "withdraw k7", "show k7 a b", "show «a", "review decide k7 S1 --reason r"]) {
      const error = problem(input)
      expect(CommandLine.message("nb", error)).not.toEqual(CommandLine.message("en", error))
    }
  })
})

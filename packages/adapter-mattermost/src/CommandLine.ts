/**
 * The text of `/dugnad …` as Mattermost sends it (everything after the trigger word, in the slash
 * command's `text` field), parsed against the same command tree as the CLI (`dugnad` in
 * `@dugnad/cli`): the same command names, arguments and flags, minus what makes no sense in a chat
 * (`init`, `demo`, `completions`, `discord`, `results import`, `meeting ics`, the file options
 * `--text-file` and `--chart`, and the CLI's `--db`, `--as`, `--json`, `--locale`: the store,
 * the acting member and the language come from Mattermost).
 *
 * Words are split shell-like:
 * - whitespace separates words; `"…"`, `'…'`, `«…»` and `“…”` quote (whitespace and `--` inside
 *   stay), and a quoted word is never a flag or a user;
 * - a quote opens only at the start of a word, right after `=` or right after another quoted part
 *   (`--text="a b"`, `"a"'b'`): an apostrophe inside a word (`don't`) is a letter;
 * - `\` before a quote character, `\` or whitespace makes it literal (`\"`, `\\`, `\ `), anywhere;
 *   before anything else it is a backslash (`¯\_(ツ)_/¯` survives);
 * - `--flag value`, `--flag=value`, repeated flags (`--reviewer a --reviewer b`), boolean flags
 *   (`--accept`), and `--` ending the flags;
 * - `@username` (unquoted) where a handle is expected becomes `{ _tag: "User", username }`;
 * - the last argument of `comment`, `idea submit`, `goal add` and `meeting schedule` takes the
 *   rest of the words (joined by one space), so `/dugnad comment k7m2qd Looks good` needs no quotes.
 *
 * `help`, `help review request`, an empty text, a group alone (`review`) and `--help`/`-h`
 * anywhere give a {@link Help}; anything wrong gives a {@link UsageError}, data that {@link message}
 * words in nb or en with the usage line of the command concerned.
 *
 * ```ts
 * CommandLine.parse("review request k7m2qd --reviewer @per --due 2026-12-01T12:00")
 * // Right({ _tag: "Command", path: ["review", "request"], args: ["k7m2qd"],
 * //         options: Map { "reviewer" => [{ _tag: "User", username: "per" }], "due" => ["2026-12-01T12:00"] } })
 * ```
 *
 * @since 0.1.0
 */
import { networks } from "@dugnad/core/Draft"
import { stages } from "@dugnad/core/Item"
import * as Data from "effect/Data"
import * as Either from "effect/Either"
import { type Locale, text as textOf } from "./Text.js"

// ---------------------------------------------------------------------------------------------
// Results

/**
 * A Mattermost user named in a handle argument: `@bob` → `{ _tag: "User", username: "bob" }`
 * (lower-cased, as Mattermost usernames are).
 *
 * @since 0.1.0
 * @category models
 */
export interface User {
  readonly _tag: "User"
  readonly username: string
}

/**
 * One argument or flag value: the text (ids normalised as the CLI does: items lower-case,
 * goals, objections and suggestions upper-case), or a Mattermost user.
 *
 * @since 0.1.0
 * @category models
 */
export type Value = string | User

/**
 * A command to run: its path in the tree, its positional arguments in order (an optional one that
 * was not given is absent), and its flags by name without `--` (a boolean flag that was given maps
 * to an empty array; a flag not given is not in the map).
 *
 * @since 0.1.0
 * @category models
 */
export interface Command {
  readonly _tag: "Command"
  readonly path: ReadonlyArray<string>
  readonly args: ReadonlyArray<Value>
  readonly options: ReadonlyMap<string, ReadonlyArray<Value>>
}

/**
 * Help was asked for: `path` is empty for the list of commands, a group (`["review"]`) for its
 * commands, or a command for its usage. Words with {@link helpText}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Help {
  readonly _tag: "Help"
  readonly path: ReadonlyArray<string>
}

/**
 * @since 0.1.0
 * @category models
 */
export type Invocation = Command | Help

/**
 * What is wrong with a command line. Flags are named without `--`; arguments by their
 * placeholder (`ITEM`).
 *
 * @since 0.1.0
 * @category errors
 */
export type Problem =
  | { readonly _tag: "UnterminatedQuote"; readonly quote: string; readonly at: number }
  | {
    readonly _tag: "UnknownCommand"
    readonly word: string
    readonly allowed: ReadonlyArray<string>
    readonly suggestion: string | undefined
  }
  | {
    readonly _tag: "UnknownFlag"
    readonly flag: string
    readonly allowed: ReadonlyArray<string>
    readonly suggestion: string | undefined
  }
  | { readonly _tag: "MissingValue"; readonly flag: string; readonly placeholder: string }
  | { readonly _tag: "UnexpectedValue"; readonly flag: string }
  | { readonly _tag: "RepeatedFlag"; readonly flag: string }
  | { readonly _tag: "MissingArgument"; readonly argument: string }
  | { readonly _tag: "MissingFlag"; readonly flag: string; readonly placeholder: string }
  | { readonly _tag: "TooManyArguments"; readonly extra: ReadonlyArray<string> }
  | {
    readonly _tag: "BadValue"
    /** `ITEM` for an argument, `network` for a flag. */
    readonly name: string
    readonly isFlag: boolean
    readonly value: string
    readonly why: BadValueReason
    /** The values allowed, for `NotAllowed`. */
    readonly allowed: ReadonlyArray<string>
  }
  | { readonly _tag: "ExactlyOne"; readonly flags: ReadonlyArray<string>; readonly given: ReadonlyArray<string> }

/**
 * Why a value was refused: blank; not a whole number; below the least allowed (`min` of the flag);
 * not one of the allowed values; not an id (letters, digits and `._~:-`, at most 32 characters).
 *
 * @since 0.1.0
 * @category errors
 */
export type BadValueReason = "Empty" | "NotInteger" | "TooSmall" | "NotAllowed" | "NotAnId"

/**
 * A command line that cannot run, with the command it concerns (`path`, empty for the top level),
 * whose usage the message shows.
 *
 * @since 0.1.0
 * @category errors
 */
export class UsageError extends Data.TaggedError("UsageError")<{
  readonly path: ReadonlyArray<string>
  readonly problem: Problem
}> {}

// ---------------------------------------------------------------------------------------------
// The tree

/**
 * What a value must be:
 * - `Text`: anything but blank;
 * - `Id`: an id, normalised to `lower` or `upper` case (`none` leaves it);
 * - `Handle`: a member handle, or `@username` → {@link User};
 * - `Choice`: one of `values` (case-insensitive, given back as listed);
 * - `Integer`: a whole number, at least `min`.
 *
 * @since 0.1.0
 * @category tree
 */
export type Kind =
  | { readonly _tag: "Text" }
  | { readonly _tag: "Id"; readonly case: "lower" | "upper" | "none" }
  | { readonly _tag: "Handle" }
  | { readonly _tag: "Choice"; readonly values: ReadonlyArray<string> }
  | { readonly _tag: "Integer"; readonly min: number }
  | { readonly _tag: "Boolean" }

/**
 * @since 0.1.0
 * @category tree
 */
export interface ArgumentSpec {
  readonly name: string
  readonly kind: Kind
  readonly optional?: boolean
  /** Takes the rest of the positional words, joined by one space (only the last argument). */
  readonly rest?: boolean
}

/**
 * @since 0.1.0
 * @category tree
 */
export interface FlagSpec {
  readonly name: string
  readonly kind: Kind
  readonly placeholder: string
  readonly required?: boolean
  readonly repeated?: boolean
}

/**
 * A command: its arguments, flags, and groups of flags of which exactly one must be given.
 *
 * @since 0.1.0
 * @category tree
 */
export interface CommandSpec {
  readonly _tag: "CommandSpec"
  readonly name: string
  readonly args: ReadonlyArray<ArgumentSpec>
  readonly flags: ReadonlyArray<FlagSpec>
  readonly exactlyOne?: ReadonlyArray<ReadonlyArray<string>>
}

/**
 * @since 0.1.0
 * @category tree
 */
export interface GroupSpec {
  readonly _tag: "GroupSpec"
  readonly name: string
  readonly children: ReadonlyArray<CommandSpec>
}

const text: Kind = { _tag: "Text" }
const handle: Kind = { _tag: "Handle" }
const lowerId: Kind = { _tag: "Id", case: "lower" }
const upperId: Kind = { _tag: "Id", case: "upper" }
const plainId: Kind = { _tag: "Id", case: "none" }
const boolean: Kind = { _tag: "Boolean" }
const count: Kind = { _tag: "Integer", min: 0 }
const choice = (values: ReadonlyArray<string>): Kind => ({ _tag: "Choice", values })
const network = choice(networks)

const item: ArgumentSpec = { name: "ITEM", kind: lowerId }
const meetingArg: ArgumentSpec = { name: "MEETING", kind: plainId }

const command = (
  name: string,
  args: ReadonlyArray<ArgumentSpec>,
  flags: ReadonlyArray<FlagSpec> = [],
  exactlyOne?: ReadonlyArray<ReadonlyArray<string>>
): CommandSpec =>
  exactlyOne === undefined
    ? { _tag: "CommandSpec", name, args, flags }
    : { _tag: "CommandSpec", name, args, flags, exactlyOne }

const group = (name: string, children: ReadonlyArray<CommandSpec>): GroupSpec => ({ _tag: "GroupSpec", name, children })

const flag = (name: string, kind: Kind, placeholder: string, more: Partial<Pick<FlagSpec, "required" | "repeated">> = {}): FlagSpec => ({
  name,
  kind,
  placeholder,
  ...more
})

const triage = (name: string, reasonRequired: boolean) =>
  command(name, [item], [flag("reason", text, "TEXT", { required: reasonRequired })])

const report = (name: string) => command(name, [], [flag("from", text, "DATE"), flag("to", text, "DATE")])

/**
 * The command tree, in the CLI's order.
 *
 * @since 0.1.0
 * @category tree
 */
export const tree: ReadonlyArray<CommandSpec | GroupSpec> = [
  group("member", [
    command("add", [{ name: "HANDLE", kind: handle }], [
      flag("name", text, "NAME", { required: true }),
      flag("role", choice(["expert", "manager", "advisor", "member"]), "ROLE", { repeated: true }),
      flag("department", text, "DEPARTMENT"),
      flag("field", text, "FIELD", { repeated: true })
    ]),
    command("list", [])
  ]),
  group("goal", [
    command("add", [{ name: "TITLE", kind: text, rest: true }], [flag("description", text, "TEXT")]),
    command("list", [])
  ]),
  group("idea", [
    command("submit", [{ name: "TITLE", kind: text, rest: true }], [
      flag("pitch", text, "TEXT"),
      flag("goal", upperId, "GOAL", { repeated: true }),
      flag("department", text, "DEPARTMENT"),
      flag("concerns", handle, "HANDLE", { repeated: true }),
      flag("meeting", plainId, "MEETING")
    ]),
    triage("accept", false),
    triage("park", true),
    triage("revive", false),
    triage("decline", true)
  ]),
  group("draft", [
    command("write", [item], [
      flag("text", text, "TEXT", { required: true }),
      flag("network", network, "NETWORK", { repeated: true }),
      flag("media", text, "KIND:URL:ALT", { repeated: true }),
      flag("kind", choice(["content", "format"]), "content|format")
    ])
  ]),
  group("review", [
    command("request", [item], [
      flag("reviewer", handle, "HANDLE", { required: true, repeated: true }),
      flag("due", text, "TIME")
    ]),
    command("approve", [item], [flag("revision", { _tag: "Integer", min: 1 }, "N")]),
    command("object", [item], [
      flag("claim", text, "TEXT", { required: true }),
      flag("correction", text, "TEXT", { required: true })
    ]),
    command("resolve", [item, { name: "OBJECTION", kind: upperId }], [flag("note", text, "TEXT")]),
    command("suggest", [item], [flag("note", text, "TEXT", { required: true })]),
    command(
      "decide",
      [item, { name: "SUGGESTION", kind: upperId }],
      [flag("accept", boolean, ""), flag("decline", boolean, ""), flag("reason", text, "TEXT", { required: true })],
      [["accept", "decline"]]
    )
  ]),
  command("comment", [item, { name: "TEXT", kind: text, rest: true }]),
  command("approve", [item]),
  command("withdraw", [item], [flag("reason", text, "TEXT", { required: true })]),
  command("publish", [item], [
    flag("network", network, "NETWORK", { required: true }),
    flag("url", text, "URL", { required: true }),
    flag("at", text, "TIME")
  ]),
  command("show", [item]),
  command("board", [], [
    flag("goal", upperId, "GOAL"),
    flag("state", choice(stages.filter((stage) => stage !== "None")), "STAGE")
  ]),
  group("results", [
    command("record", [item], [
      flag("network", network, "NETWORK", { required: true }),
      flag("reach", count, "N"),
      flag("impressions", count, "N"),
      flag("likes", count, "N"),
      flag("comments", count, "N"),
      flag("shares", count, "N"),
      flag("saves", count, "N"),
      flag("clicks", count, "N"),
      flag("views", count, "N"),
      flag("highlight", text, "TEXT", { repeated: true })
    ]),
    command("share", [item])
  ]),
  group("report", [report("goals"), report("people")]),
  group("meeting", [
    command("schedule", [{ name: "TITLE", kind: text, rest: true }], [
      flag("start", text, "LOCAL", { required: true }),
      flag("rrule", text, "RULE", { required: true }),
      flag("tz", text, "ZONE"),
      flag("duration", { _tag: "Integer", min: 1 }, "MIN"),
      flag("invite", handle, "ROLE|HANDLE", { repeated: true }),
      flag("channel", text, "CHANNEL"),
      flag("agenda", text, "TEXT", { repeated: true })
    ]),
    command("next", [meetingArg], [flag("count", { _tag: "Integer", min: 1 }, "N")]),
    command("summary", [meetingArg], [flag("occurrence", text, "LOCAL")])
  ]),
  command("checks", [item]),
  command("primer", [{ name: "NETWORK", kind: network, optional: true }])
]

/**
 * Every command and group, by its path joined with a space (`"review request"`, `"review"`). The
 * keys of the descriptions in `Text`.
 *
 * @since 0.1.0
 * @category tree
 */
export type CommandKey =
  | "member" | "member add" | "member list"
  | "goal" | "goal add" | "goal list"
  | "idea" | "idea submit" | "idea accept" | "idea park" | "idea revive" | "idea decline"
  | "draft" | "draft write"
  | "review" | "review request" | "review approve" | "review object" | "review resolve" | "review suggest"
  | "review decide"
  | "comment" | "approve" | "withdraw" | "publish" | "show" | "board"
  | "results" | "results record" | "results share"
  | "report" | "report goals" | "report people"
  | "meeting" | "meeting schedule" | "meeting next" | "meeting summary"
  | "checks" | "primer"

/**
 * The command or group at a path, if there is one.
 *
 * @since 0.1.0
 * @category tree
 */
export const find = (path: ReadonlyArray<string>): CommandSpec | GroupSpec | undefined => {
  let nodes: ReadonlyArray<CommandSpec | GroupSpec> = tree
  let found: CommandSpec | GroupSpec | undefined
  for (const name of path) {
    found = nodes.find((node) => node.name === name)
    if (found === undefined) return undefined
    nodes = found._tag === "GroupSpec" ? found.children : []
  }
  return found
}

// ---------------------------------------------------------------------------------------------
// Words

/**
 * One word of the text: what it says after quoting, whether it could be a flag or a user (its
 * start was not quoted), and where it started.
 *
 * @since 0.1.0
 * @category words
 */
export interface Word {
  readonly text: string
  readonly bare: boolean
  /** Where in `text` the first quoted part starts, -1 if none. */
  readonly quotedFrom: number
  readonly at: number
}

const closers: Readonly<Record<string, string>> = { "\"": "\"", "'": "'", "«": "»", "“": "”" }
const escapable = new Set(["\"", "'", "«", "»", "“", "”", "\\"])
const isSpace = (char: string) => /\s/u.test(char)

/**
 * Splits the text into words (see the module's rules), or the unterminated quote.
 *
 * @since 0.1.0
 * @category words
 */
export const words = (input: string): Either.Either<ReadonlyArray<Word>, Problem> => {
  const result: Array<Word> = []
  const chars = Array.from(input)
  let current: string | undefined
  let bare = true
  let quotedFrom = -1
  let start = 0
  /** A quote may open here: at a word's start, after `=`, after a quoted part. */
  let mayQuote = true
  let i = 0
  const end = () => {
    if (current !== undefined) result.push({ text: current, bare, quotedFrom, at: start })
    current = undefined
    mayQuote = true
  }
  while (i < chars.length) {
    const char = chars[i]!
    if (current === undefined && isSpace(char)) {
      i++
      continue
    }
    if (current === undefined) {
      current = ""
      bare = true
      quotedFrom = -1
      start = i
      mayQuote = true
    }
    if (isSpace(char)) {
      end()
      i++
      continue
    }
    if (char === "\\") {
      const next = chars[i + 1]
      if (next !== undefined && (escapable.has(next) || isSpace(next))) {
        current += next
        i += 2
      } else {
        current += char
        i++
      }
      mayQuote = false
      continue
    }
    const closer = closers[char]
    if (closer !== undefined && mayQuote) {
      if (current === "") bare = false
      if (quotedFrom === -1) quotedFrom = current.length
      const opened = i
      i++
      let closed = false
      while (i < chars.length) {
        const inner = chars[i]!
        if (inner === "\\") {
          const next = chars[i + 1]
          if (next !== undefined && (escapable.has(next) || isSpace(next))) {
            current += next
            i += 2
            continue
          }
          current += inner
          i++
          continue
        }
        if (inner === closer) {
          closed = true
          i++
          break
        }
        current += inner
        i++
      }
      if (!closed) return Either.left({ _tag: "UnterminatedQuote", quote: char, at: opened })
      mayQuote = true
      continue
    }
    current += char
    mayQuote = char === "="
    i++
  }
  end()
  return Either.right(result)
}

/**
 * A text that {@link words} reads back as exactly one word equal to `value`, never a flag or a
 * user: `"…"` with `\` and `"` escaped.
 *
 * @since 0.1.0
 * @category words
 */
export const quote = (value: string): string => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`

// ---------------------------------------------------------------------------------------------
// Parsing

const isHelpWord = (word: Word) => word.bare && (word.text === "--help" || word.text === "-h")
const isFlagWord = (word: Word) => word.bare && word.text.startsWith("--") && word.text.length > 2

const distance = (a: string, b: string): number => {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = saved
    }
  }
  return row[b.length]!
}

const closest = (word: string, names: ReadonlyArray<string>): string | undefined => {
  let best: string | undefined
  let bestDistance = Infinity
  for (const name of names) {
    const d = distance(word.toLowerCase(), name)
    if (d < bestDistance) {
      best = name
      bestDistance = d
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined
}

const userPattern = /^@([A-Za-z0-9._-]{1,64})$/
const idPattern = /^[A-Za-z0-9._~:-]{1,32}$/

type Checked = { readonly _tag: "Ok"; readonly value: Value } | {
  readonly _tag: "Bad"
  readonly why: BadValueReason
  readonly allowed: ReadonlyArray<string>
}

const check = (kind: Kind, raw: string, bare: boolean): Checked => {
  const bad = (why: BadValueReason, allowed: ReadonlyArray<string> = []): Checked => ({ _tag: "Bad", why, allowed })
  const trimmed = raw.trim()
  switch (kind._tag) {
    case "Boolean":
    case "Text":
      return trimmed === "" ? bad("Empty") : { _tag: "Ok", value: raw }
    case "Id": {
      if (trimmed === "") return bad("Empty")
      if (!idPattern.test(trimmed)) return bad("NotAnId")
      const value = kind.case === "lower" ? trimmed.toLowerCase() : kind.case === "upper" ? trimmed.toUpperCase() : trimmed
      return { _tag: "Ok", value }
    }
    case "Handle": {
      if (trimmed === "") return bad("Empty")
      const user = bare ? userPattern.exec(trimmed) : null
      return user !== null ? { _tag: "Ok", value: { _tag: "User", username: user[1]!.toLowerCase() } } : { _tag: "Ok", value: trimmed }
    }
    case "Choice": {
      if (trimmed === "") return bad("Empty", kind.values)
      const found = kind.values.find((value) => value.toLowerCase() === trimmed.toLowerCase())
      return found === undefined ? bad("NotAllowed", kind.values) : { _tag: "Ok", value: found }
    }
    case "Integer": {
      if (trimmed === "") return bad("Empty")
      if (!/^[+-]?[0-9]{1,15}$/.test(trimmed)) return bad("NotInteger")
      const n = Number(trimmed)
      return n < kind.min ? bad("TooSmall", [String(kind.min)]) : { _tag: "Ok", value: String(n) }
    }
  }
}

const lowerPath = (words: ReadonlyArray<Word>) => words.map((word) => word.text.toLowerCase())

/**
 * Parses the text after `/dugnad`. Never throws: anything that is not a command or a request for
 * help is a {@link UsageError}.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (input: string): Either.Either<Invocation, UsageError> => {
  const split = words(input)
  if (Either.isLeft(split)) return Either.left(new UsageError({ path: [], problem: split.left }))
  let rest = split.right
  const first = rest[0]
  if (first === undefined) return Either.right({ _tag: "Help", path: [] })
  if (first.bare && first.text.toLowerCase() === "help") {
    return resolveHelp(lowerPath(rest.slice(1)).filter((word) => word !== "--help" && word !== "-h"))
  }

  const path: Array<string> = []
  let nodes: ReadonlyArray<CommandSpec | GroupSpec> = tree
  for (;;) {
    const word = rest[0]
    if (word === undefined || isHelpWord(word)) return Either.right({ _tag: "Help", path })
    const name = word.text.toLowerCase()
    const node = word.bare ? nodes.find((candidate) => candidate.name === name) : undefined
    if (node === undefined) {
      const allowed = nodes.map((candidate) => candidate.name)
      return Either.left(
        new UsageError({
          path,
          problem: { _tag: "UnknownCommand", word: word.text, allowed, suggestion: closest(name, allowed) }
        })
      )
    }
    path.push(node.name)
    rest = rest.slice(1)
    if (node._tag === "CommandSpec") return parseCommand(node, path, rest)
    nodes = node.children
  }
}

const resolveHelp = (names: ReadonlyArray<string>): Either.Either<Invocation, UsageError> => {
  const path: Array<string> = []
  let nodes: ReadonlyArray<CommandSpec | GroupSpec> = tree
  for (const name of names) {
    const node = nodes.find((candidate) => candidate.name === name)
    if (node === undefined) {
      const allowed = nodes.map((candidate) => candidate.name)
      return Either.left(
        new UsageError({ path, problem: { _tag: "UnknownCommand", word: name, allowed, suggestion: closest(name, allowed) } })
      )
    }
    path.push(node.name)
    if (node._tag === "CommandSpec") break
    nodes = node.children
  }
  return Either.right({ _tag: "Help", path })
}

const parseCommand = (
  spec: CommandSpec,
  path: ReadonlyArray<string>,
  input: ReadonlyArray<Word>
): Either.Either<Invocation, UsageError> => {
  const fail = (problem: Problem) => Either.left(new UsageError({ path, problem }))
  if (input.some(isHelpWord)) return Either.right({ _tag: "Help", path })
  const options = new Map<string, Array<Value>>()
  const positional: Array<Word> = []
  let flagsOver = false
  for (let i = 0; i < input.length; i++) {
    const word = input[i]!
    if (!flagsOver && word.bare && word.text === "--") {
      flagsOver = true
      continue
    }
    if (flagsOver || !isFlagWord(word)) {
      positional.push(word)
      continue
    }
    const body = word.text.slice(2)
    const equals = body.indexOf("=")
    const name = (equals === -1 ? body : body.slice(0, equals)).toLowerCase()
    const inline = equals === -1 ? undefined : body.slice(equals + 1)
    const flagSpec = spec.flags.find((candidate) => candidate.name === name)
    if (flagSpec === undefined) {
      const allowed = spec.flags.map((candidate) => candidate.name)
      return fail({ _tag: "UnknownFlag", flag: name, allowed, suggestion: closest(name, allowed) })
    }
    if (options.has(name) && flagSpec.repeated !== true) return fail({ _tag: "RepeatedFlag", flag: name })
    if (flagSpec.kind._tag === "Boolean") {
      if (inline !== undefined) return fail({ _tag: "UnexpectedValue", flag: name })
      options.set(name, [])
      continue
    }
    let raw: string
    let bare: boolean
    if (inline !== undefined) {
      raw = inline
      // `--reviewer=@bob`: the value's start was not quoted when the word's was not.
      bare = word.quotedFrom === -1 || word.quotedFrom > equals + 3
    } else {
      const next = input[i + 1]
      if (next === undefined || isFlagWord(next) || (next.bare && next.text === "--")) {
        return fail({ _tag: "MissingValue", flag: name, placeholder: flagSpec.placeholder })
      }
      raw = next.text
      bare = next.bare
      i++
    }
    const checked = check(flagSpec.kind, raw, bare)
    if (checked._tag === "Bad") {
      return fail({ _tag: "BadValue", name, isFlag: true, value: raw, why: checked.why, allowed: checked.allowed })
    }
    options.set(name, [...(options.get(name) ?? []), checked.value])
  }

  const args: Array<Value> = []
  let next = 0
  for (const argument of spec.args) {
    if (next >= positional.length) {
      if (argument.optional === true) break
      return fail({ _tag: "MissingArgument", argument: argument.name })
    }
    const taken = argument.rest === true ? positional.slice(next) : positional.slice(next, next + 1)
    next += taken.length
    const raw = taken.map((word) => word.text).join(" ")
    const checked = check(argument.kind, raw, taken.length === 1 && taken[0]!.bare)
    if (checked._tag === "Bad") {
      return fail({ _tag: "BadValue", name: argument.name, isFlag: false, value: raw, why: checked.why, allowed: checked.allowed })
    }
    args.push(checked.value)
  }
  if (next < positional.length) {
    return fail({ _tag: "TooManyArguments", extra: positional.slice(next).map((word) => word.text) })
  }

  for (const flagSpec of spec.flags) {
    if (flagSpec.required === true && !options.has(flagSpec.name)) {
      return fail({ _tag: "MissingFlag", flag: flagSpec.name, placeholder: flagSpec.placeholder })
    }
  }
  for (const names of spec.exactlyOne ?? []) {
    const given = names.filter((name) => options.has(name))
    if (given.length !== 1) return fail({ _tag: "ExactlyOne", flags: names, given })
  }
  return Either.right({ _tag: "Command", path, args, options })
}

// ---------------------------------------------------------------------------------------------
// Reading a command

/**
 * The first value of a flag, if given.
 *
 * @since 0.1.0
 * @category accessors
 */
export const option = (command: Command, name: string): Value | undefined => command.options.get(name)?.[0]

/**
 * Every value of a repeated flag, in order (empty if not given).
 *
 * @since 0.1.0
 * @category accessors
 */
export const options = (command: Command, name: string): ReadonlyArray<Value> => command.options.get(name) ?? []

/**
 * Whether a (boolean) flag was given.
 *
 * @since 0.1.0
 * @category accessors
 */
export const has = (command: Command, name: string): boolean => command.options.has(name)

// ---------------------------------------------------------------------------------------------
// Words for people

const flagUsage = (spec: FlagSpec, inGroup: boolean): string => {
  const kind = spec.kind
  const value = kind._tag === "Boolean"
    ? ""
    : kind._tag === "Choice" && kind.values.length <= 4
    ? ` ${kind.values.join("|")}`
    : ` ${spec.placeholder}`
  const core = `--${spec.name}${value}${spec.repeated === true ? "…" : ""}`
  return spec.required === true || inGroup ? core : `[${core}]`
}

/**
 * A command's usage line, as in the CLI's README: `/dugnad review request ITEM --reviewer HANDLE… [--due TIME]`.
 *
 * @since 0.1.0
 * @category words
 */
export const usageLine = (path: ReadonlyArray<string>, trigger = "/dugnad"): string => {
  const node = find(path)
  if (node === undefined) return `${trigger} help`
  if (node._tag === "GroupSpec") return `${trigger} ${path.join(" ")} <${node.children.map((child) => child.name).join("|")}> …`
  const parts = [trigger, ...path]
  for (const argument of node.args) {
    const name = argument.rest === true ? `${argument.name}…` : argument.name
    parts.push(argument.optional === true ? `[${name}]` : name)
  }
  const grouped = new Set((node.exactlyOne ?? []).flat())
  for (const names of node.exactlyOne ?? []) {
    parts.push(`(${names.map((name) => flagUsage(node.flags.find((f) => f.name === name)!, true)).join(" | ")})`)
  }
  for (const spec of node.flags) {
    if (!grouped.has(spec.name)) parts.push(flagUsage(spec, false))
  }
  return parts.join(" ")
}

const keyOf = (path: ReadonlyArray<string>) => path.join(" ") as CommandKey

/**
 * The help for a path (see {@link Help}), in Mattermost markdown: the list of commands with their
 * descriptions, a group's commands, or a command's description and usage line.
 *
 * @since 0.1.0
 * @category words
 */
export const helpText = (locale: Locale, path: ReadonlyArray<string>, trigger = "/dugnad"): string => {
  const t = textOf[locale]
  const node = path.length === 0 ? undefined : find(path)
  if (node === undefined || node._tag === "GroupSpec") {
    const children = node === undefined ? tree : node.children
    const prefix = node === undefined ? [] : path
    const lines = children.map((child) => {
      const childPath = [...prefix, child.name]
      return `- \`${usageLine(childPath, trigger)}\`: ${t.commands[keyOf(childPath)]}`
    })
    const heading = node === undefined ? t.help.heading(trigger) : `${t.commands[keyOf(path)]}`
    return [heading, "", ...lines, "", t.help.more(trigger, [...path, "…"])].join("\n")
  }
  return [t.commands[keyOf(path)], "", `${t.help.usage}: \`${usageLine(path, trigger)}\``].join("\n")
}

/**
 * The sentence for a usage error in a language, followed by the usage line of the command it
 * concerns (or the list of commands it could have been).
 *
 * @since 0.1.0
 * @category words
 */
export const message = (locale: Locale, error: UsageError, trigger = "/dugnad"): string => {
  const t = textOf[locale]
  const sentence = t.problem(error.problem, trigger)
  const node = error.path.length === 0 ? undefined : find(error.path)
  const usage = node === undefined
    ? t.help.commands(tree.map((child) => child.name))
    : node._tag === "GroupSpec"
    ? t.help.commands(node.children.map((child) => child.name))
    : `${t.help.usage}: \`${usageLine(error.path, trigger)}\``
  return `${sentence}\n${usage}\n${t.help.more(trigger, error.path)}`
}

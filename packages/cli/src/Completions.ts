/**
 * Shell completion scripts for bash, zsh and fish, generated from the command tree.
 *
 * @effect/cli 0.77 has its own generators (`--completions`, `Command.getBashCompletions` …), but
 * their output is wrong for a tree like `dugnad`'s, beyond what small fixes of the text can mend:
 *
 * - bash: the `case "${cmd},${i}"` patterns for nested commands are `dugnad,member,add)` while
 *   `cmd` is by then `dugnad__member`, so no command below the first level is ever reached;
 *   choices are joined with commas (`compgen -W "nb,en"` offers the one word `nb,en`); a boolean
 *   option is treated as taking a value, and every text option completes file names.
 * - zsh: text and number options get no argument spec, so `_arguments` takes `--name Kari` as a
 *   flag followed by a positional, and nothing after it completes in the right place; positional
 *   arguments (the `FILE` of `results import`) are left out; repeated options are offered once.
 * - fish: a command is recognised by `__fish_seen_subcommand_from NAME` anywhere on the line, so
 *   in `dugnad review approve` the options of the top-level `approve` are offered as well, and so
 *   is any command whose name is typed as an argument; options that take a file get `-f`.
 *
 * So this module reads the tree once into a small model (commands, options with the kind of
 * value they take, positional arguments) and writes each shell's script from it. Reading the tree
 * needs @effect/cli's descriptor internals: that is kept to {@link readCommand} and the types
 * beside it, which mirror `internal/commandDescriptor.ts`, `internal/options.ts`,
 * `internal/args.ts` and `internal/primitive.ts` of @effect/cli 0.77. The tests run the real
 * shells on the output, so a change there shows up as missing completions.
 *
 * What the scripts complete: subcommands at every level; each command's options (with `-h`,
 * `--help`, and `--version` at the top); the values of choice options and arguments; file names
 * for file options and arguments, and for text options whose placeholder says `FILE` or `PATH`
 * (`--db PATH|URL`, `--out FILE`, `--chart FILE.png`); nothing for other free text. @effect/cli's
 * other built-in options (`--wizard`, `--log-level`, `--completions`) are left out.
 */
import type * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Option from "effect/Option"

/**
 * The shells a completion script can be written for.
 *
 * @since 0.1.0
 * @category models
 */
export type Shell = "bash" | "zsh" | "fish"

/**
 * Every {@link Shell}, e.g. for an `Args.choice`.
 *
 * @since 0.1.0
 * @category models
 */
export const shells: ReadonlyArray<Shell> = ["bash", "zsh", "fish"]

/**
 * The completion script for `shell`, covering the whole tree under `command`, for the executable
 * `programName` (the word the user types).
 *
 * @example
 * ```ts
 * import { dugnad } from "./Cli.js"
 * import * as Completions from "./Completions.js"
 *
 * process.stdout.write(Completions.completionScript("bash", dugnad))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const completionScript = (
  shell: Shell,
  command: Command.Command<any, any, any, any>,
  programName = "dugnad"
): string => {
  const root = readCommand(command.descriptor as unknown as Descriptor, [programName])
  switch (shell) {
    case "bash":
      return bashScript(root, programName)
    case "zsh":
      return zshScript(root, programName)
    case "fish":
      return fishScript(root, programName)
  }
}

// =============================================================================================
// The model

/** What an option or an argument takes, as far as completing it goes. */
type Value =
  | { readonly _tag: "Free"; readonly placeholder: string }
  | { readonly _tag: "Choice"; readonly placeholder: string; readonly choices: ReadonlyArray<string> }
  | { readonly _tag: "File"; readonly placeholder: string }
  | { readonly _tag: "Directory"; readonly placeholder: string }

interface Flag {
  /** `--name`, then its aliases (`-n`). */
  readonly names: ReadonlyArray<string>
  readonly description: string
  /** Undefined for a flag that takes no value. */
  readonly value: Value | undefined
  readonly repeated: boolean
  /** Options it cannot be given with (the other side of an `Options.orElse`). */
  readonly excludes: ReadonlyArray<string>
}

interface Positional {
  readonly description: string
  readonly value: Value
  readonly optional: boolean
  readonly repeated: boolean
}

interface Node {
  /** From the program name down: `["dugnad", "member", "add"]`. */
  readonly path: ReadonlyArray<string>
  readonly description: string
  readonly options: ReadonlyArray<Flag>
  readonly positionals: ReadonlyArray<Positional>
  readonly children: ReadonlyArray<Node>
}

const helpFlag: Flag = {
  names: ["-h", "--help"],
  description: "Show the help for this command.",
  value: undefined,
  repeated: false,
  excludes: []
}

const versionFlag: Flag = {
  names: ["--version"],
  description: "Show the version.",
  value: undefined,
  repeated: false,
  excludes: []
}

const nodes = (node: Node): ReadonlyArray<Node> => [node, ...node.children.flatMap(nodes)]

const pathOf = (node: Node) => node.path.join(" ")

const takesValue = (flag: Flag): boolean => flag.value !== undefined

const optionNames = (node: Node): ReadonlyArray<string> => node.options.flatMap((flag) => flag.names)

const valuedNames = (node: Node): ReadonlyArray<string> =>
  node.options.filter(takesValue).flatMap((flag) => flag.names)

/** The index of the last positional when it is repeated (it then takes every later word), else -1. */
const variadicIndex = (node: Node): number => {
  const last = node.positionals.length - 1
  return last >= 0 && node.positionals[last]!.repeated ? last : -1
}

// =============================================================================================
// Reading @effect/cli's descriptors (the mirror of its internals, version 0.77)

type Descriptor =
  | {
    readonly _tag: "Standard"
    readonly name: string
    readonly description: HelpDoc.HelpDoc
    readonly options: OptionsNode
    readonly args: ArgsNode
  }
  | { readonly _tag: "GetUserInput"; readonly name: string; readonly description: HelpDoc.HelpDoc }
  | { readonly _tag: "Map"; readonly command: Descriptor }
  | { readonly _tag: "Subcommands"; readonly parent: Descriptor; readonly children: ReadonlyArray<Descriptor> }

type Primitive =
  | { readonly _tag: "Bool" }
  | { readonly _tag: "Choice"; readonly alternatives: ReadonlyArray<readonly [string, unknown]> }
  | { readonly _tag: "Path"; readonly pathType: "file" | "directory" | "either" }
  | { readonly _tag: "DateTime" | "Float" | "Integer" | "Redacted" | "Secret" | "Text" }

interface SingleOption {
  readonly _tag: "Single"
  readonly name: string
  readonly fullName: string
  readonly placeholder: string
  readonly aliases: ReadonlyArray<string>
  readonly primitiveType: Primitive
  readonly description: HelpDoc.HelpDoc
  readonly pseudoName: Option.Option<string>
}

type OptionsNode =
  | { readonly _tag: "Empty" }
  | SingleOption
  | { readonly _tag: "KeyValueMap"; readonly argumentOption: OptionsNode }
  | {
    readonly _tag: "Variadic"
    readonly argumentOption: OptionsNode
    readonly max: Option.Option<number>
  }
  | { readonly _tag: "Map" | "WithDefault" | "WithFallback"; readonly options: OptionsNode }
  | { readonly _tag: "Both" | "OrElse"; readonly left: OptionsNode; readonly right: OptionsNode }

type ArgsNode =
  | { readonly _tag: "Empty" }
  | {
    readonly _tag: "Single"
    readonly name: string
    readonly pseudoName: Option.Option<string>
    readonly primitiveType: Primitive
    readonly description: HelpDoc.HelpDoc
  }
  | { readonly _tag: "Map" | "WithFallbackConfig"; readonly args: ArgsNode }
  | { readonly _tag: "WithDefault"; readonly args: ArgsNode }
  | {
    readonly _tag: "Variadic"
    readonly args: ArgsNode
    readonly min: Option.Option<number>
    readonly max: Option.Option<number>
  }
  | { readonly _tag: "Both"; readonly left: ArgsNode; readonly right: ArgsNode }

/** The first paragraph of a description, on one line and without colour. */
const textOf = (doc: HelpDoc.HelpDoc): string =>
  // eslint-disable-next-line no-control-regex
  HelpDoc.toAnsiText(doc).replace(/\u001b\[[0-9;]*m/g, "").replace(/\s+/g, " ").trim()

/** A text placeholder that names a file (`FILE`, `FILE.png`, `PATH|URL`) completes file names. */
const namesAFile = (placeholder: string) => /\b(FILE|PATH)\b/.test(placeholder)

const valueOf = (primitive: Primitive, placeholder: string): Value | undefined => {
  switch (primitive._tag) {
    case "Bool":
      return undefined
    case "Choice":
      return { _tag: "Choice", placeholder, choices: primitive.alternatives.map(([choice]) => choice) }
    case "Path":
      return primitive.pathType === "directory"
        ? { _tag: "Directory", placeholder }
        : { _tag: "File", placeholder }
    default:
      return namesAFile(placeholder) ? { _tag: "File", placeholder } : { _tag: "Free", placeholder }
  }
}

const namesOf = (options: OptionsNode): ReadonlyArray<string> => readOptions(options).flatMap((flag) => flag.names)

const readOptions = (
  options: OptionsNode,
  context: { readonly repeated: boolean; readonly excludes: ReadonlyArray<string> } = {
    repeated: false,
    excludes: []
  }
): ReadonlyArray<Flag> => {
  switch (options._tag) {
    case "Empty":
      return []
    case "Single": {
      // The placeholder the help shows (--db PATH|URL), else the option's name (--locale: locale).
      const placeholder = Option.getOrElse(options.pseudoName, () => options.name)
      return [{
        names: [options.fullName, ...options.aliases.map((alias) => (alias.length === 1 ? `-${alias}` : `--${alias}`))],
        description: textOf(options.description),
        value: valueOf(options.primitiveType, placeholder),
        repeated: context.repeated,
        excludes: context.excludes
      }]
    }
    case "KeyValueMap":
      return readOptions(options.argumentOption, { ...context, repeated: true })
    case "Variadic":
      return readOptions(options.argumentOption, {
        ...context,
        repeated: Option.match(options.max, { onNone: () => true, onSome: (max) => max > 1 })
      })
    case "Map":
    case "WithDefault":
    case "WithFallback":
      return readOptions(options.options, context)
    case "Both":
      return [...readOptions(options.left, context), ...readOptions(options.right, context)]
    case "OrElse":
      return [
        ...readOptions(options.left, { ...context, excludes: [...context.excludes, ...namesOf(options.right)] }),
        ...readOptions(options.right, { ...context, excludes: [...context.excludes, ...namesOf(options.left)] })
      ]
  }
}

const readArgs = (
  args: ArgsNode,
  context: { readonly optional: boolean; readonly repeated: boolean } = { optional: false, repeated: false }
): ReadonlyArray<Positional> => {
  switch (args._tag) {
    case "Empty":
      return []
    case "Single": {
      const placeholder = Option.getOrElse(args.pseudoName, () => args.name.replace(/^<|>$/g, ""))
      return [{
        description: textOf(args.description),
        value: valueOf(args.primitiveType, placeholder) ?? { _tag: "Choice", placeholder, choices: ["true", "false"] },
        optional: context.optional,
        repeated: context.repeated
      }]
    }
    case "Map":
    case "WithFallbackConfig":
      return readArgs(args.args, context)
    case "WithDefault":
      return readArgs(args.args, { ...context, optional: true })
    case "Variadic":
      return readArgs(args.args, {
        optional: context.optional || Option.match(args.min, { onNone: () => true, onSome: (min) => min === 0 }),
        repeated: Option.match(args.max, { onNone: () => true, onSome: (max) => max > 1 })
      })
    case "Both":
      return [...readArgs(args.left, context), ...readArgs(args.right, context)]
  }
}

/** The model of the tree under `descriptor`, whose own name is replaced by the last word of `path`. */
const readCommand = (descriptor: Descriptor, path: ReadonlyArray<string>): Node => {
  switch (descriptor._tag) {
    case "Map":
      return readCommand(descriptor.command, path)
    case "Standard": {
      const top = path.length === 1
      return {
        path,
        description: textOf(descriptor.description),
        options: [...readOptions(descriptor.options), helpFlag, ...(top ? [versionFlag] : [])],
        positionals: readArgs(descriptor.args),
        children: []
      }
    }
    case "GetUserInput":
      return {
        path,
        description: textOf(descriptor.description),
        options: path.length === 1 ? [helpFlag, versionFlag] : [helpFlag],
        positionals: [],
        children: []
      }
    case "Subcommands": {
      const parent = readCommand(descriptor.parent, path)
      return {
        ...parent,
        children: [
          ...parent.children,
          ...descriptor.children.map((child) => readCommand(child, [...path, nameOf(child)]))
        ]
      }
    }
  }
}

const nameOf = (descriptor: Descriptor): string => {
  switch (descriptor._tag) {
    case "Standard":
    case "GetUserInput":
      return descriptor.name
    case "Map":
      return nameOf(descriptor.command)
    case "Subcommands":
      return nameOf(descriptor.parent)
  }
}

/** A name usable in a shell function's name. */
const identifier = (text: string) => text.replace(/[^A-Za-z0-9_]/g, "_")

// =============================================================================================
// bash

/** A word for bash: bare when it is plain, else single-quoted. */
const bashWord = (word: string) => (/^[A-Za-z0-9_.,:@%+/=-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`)

const bashWords = (words: ReadonlyArray<string>) => words.map(bashWord).join(" ")

/** Case patterns, one per line, joined with `|` and a line continuation. */
const bashPatterns = (patterns: ReadonlyArray<string>, indent: string) => patterns.join(` | \\\n${indent}`)

/** The completion action for a value, run with `cur` set. */
const bashAction = (prefix: string, value: Value): string | undefined => {
  switch (value._tag) {
    case "Choice":
      return `${prefix}_words ${bashWords(value.choices)}`
    case "File":
      return `${prefix}_files`
    case "Directory":
      return `${prefix}_files -d`
    case "Free":
      return undefined
  }
}

/** `case` arms grouping the patterns that share an action. */
const bashArms = (entries: ReadonlyArray<readonly [pattern: string, action: string]>, indent: string): Array<string> => {
  const byAction = new Map<string, Array<string>>()
  for (const [key, action] of entries) byAction.set(action, [...(byAction.get(action) ?? []), key])
  return [...byAction].flatMap(([action, keys]) => [
    `${indent}${bashPatterns(keys, indent)})`,
    `${indent}    ${action} ;;`
  ])
}

const bashScript = (root: Node, program: string): string => {
  const fn = `_${identifier(program)}_completions`
  const all = nodes(root)
  // The values of every option, by name. An option that takes the same kind of value wherever it
  // appears (--db, --locale) gets one pattern for all commands: *' --db'.
  const optionValues = all.flatMap((node) =>
    node.options.flatMap((flag) =>
      flag.value === undefined
        ? []
        : flag.names.map((name) => ({ node, name, action: bashAction(fn, flag.value!) ?? "" }))
    )
  )
  const actionsByName = new Map<string, Set<string>>()
  for (const { action, name } of optionValues) {
    actionsByName.set(name, (actionsByName.get(name) ?? new Set()).add(action))
  }
  const valueArms = bashArms(
    [...new Map(
      optionValues
        .filter(({ action }) => action !== "")
        .map(({ action, name, node }) => {
          const pattern = actionsByName.get(name)!.size === 1
            ? `*${bashWord(` ${name}`)}`
            : bashWord(`${pathOf(node)} ${name}`)
          return [pattern, action] as const
        })
    )],
    "        "
  )
  const positionalArms = bashArms(
    all.flatMap((node) =>
      node.positionals.flatMap((positional, index) => {
        const action = bashAction(fn, positional.value)
        return action === undefined ? [] : [[bashWord(`${pathOf(node)} ${index}`), action] as const]
      })
    ),
    "        "
  )
  return [
    `# bash completion for ${program}. Load it with: source <(${program} completions bash)`,
    `# or save it as ~/.local/share/bash-completion/completions/${program}`,
    "",
    `# Sets, for the command path $1: its subcommands, its options, those of its options that take`,
    `# a value, and the index of its last positional argument if that one repeats (else -1).`,
    `${fn}_node() {`,
    `    case $1 in`,
    ...all.flatMap((node) => [
      `        ${bashWord(pathOf(node))})`,
      `            children=(${bashWords(node.children.map((child) => child.path.at(-1)!))})`,
      `            options=(${bashWords(optionNames(node))})`,
      `            valued=(${bashWords(valuedNames(node))})`,
      `            variadic=${variadicIndex(node)} ;;`
    ]),
    `    esac`,
    `}`,
    "",
    `# Adds the words that start with $cur.`,
    `${fn}_words() {`,
    `    local word`,
    `    for word in "$@"; do`,
    `        [[ $word == "$cur"* ]] && COMPREPLY+=("$word")`,
    `    done`,
    `}`,
    "",
    `# Adds the file names (with -d: directory names) that start with $cur.`,
    `${fn}_files() {`,
    `    compopt -o filenames 2>/dev/null`,
    `    mapfile -t -O "\${#COMPREPLY[@]}" COMPREPLY < <(compgen "\${1:--f}" -- "$cur")`,
    `}`,
    "",
    `# Completes the value of option $2 of the command path $1.`,
    `${fn}_value() {`,
    `    case "$1 $2" in`,
    ...valueArms,
    `    esac`,
    `}`,
    "",
    `# Completes positional argument $2 (from 0) of the command path $1.`,
    `${fn}_positional() {`,
    `    case "$1 $2" in`,
    ...positionalArms,
    `    esac`,
    `}`,
    "",
    `${fn}() {`,
    `    COMPREPLY=()`,
    `    local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"`,
    `    local path=${bashWord(pathOf(root))} word pending="" rest="" npos=0 i variadic`,
    `    local -a children options valued`,
    `    ${fn}_node "$path"`,
    `    # Walk the words before the cursor: follow subcommands, skip option values, count`,
    `    # positional arguments. With "=" in COMP_WORDBREAKS, --opt=value comes as three words.`,
    `    for (( i = 1; i < COMP_CWORD; i++ )); do`,
    `        word="\${COMP_WORDS[i]}"`,
    `        if [[ $word == "=" ]]; then pending=1; continue; fi`,
    `        if [[ -n $pending ]]; then pending=""; continue; fi`,
    `        if [[ -z $rest && $word == -?* ]]; then`,
    `            if [[ $word == -- ]]; then rest=1`,
    `            elif [[ " \${valued[*]} " == *" $word "* ]]; then pending=1`,
    `            fi`,
    `            continue`,
    `        fi`,
    `        if (( npos == 0 )) && [[ " \${children[*]} " == *" $word "* ]]; then`,
    `            path="$path $word"`,
    `            ${fn}_node "$path"`,
    `            continue`,
    `        fi`,
    `        (( npos++ ))`,
    `    done`,
    `    if [[ $cur == "=" ]]; then`,
    `        # --opt=<TAB>: complete after the "=".`,
    `        cur=""`,
    `        [[ " \${valued[*]} " == *" $prev "* ]] && ${fn}_value "$path" "$prev"`,
    `        return 0`,
    `    fi`,
    `    if [[ -n $pending ]]; then`,
    `        [[ $prev == "=" ]] && prev="\${COMP_WORDS[COMP_CWORD-2]}"`,
    `        ${fn}_value "$path" "$prev"`,
    `        return 0`,
    `    fi`,
    `    if [[ -z $rest && $cur == -* ]]; then`,
    `        ${fn}_words "\${options[@]}"`,
    `        return 0`,
    `    fi`,
    `    if (( npos == 0 && \${#children[@]} > 0 )); then`,
    `        ${fn}_words "\${children[@]}"`,
    `        return 0`,
    `    fi`,
    `    (( variadic >= 0 && npos > variadic )) && npos=$variadic`,
    `    ${fn}_positional "$path" "$npos"`,
    `    return 0`,
    `}`,
    "",
    `complete -F ${fn} ${bashWord(program)}`,
    ""
  ].join("\n")
}

// =============================================================================================
// zsh

/** A single-quoted word for zsh. */
const zshQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`

/** Text inside an `_arguments` spec: its special characters escaped. */
const zshEscape = (text: string) => text.replace(/[\\[\]:$`]/g, (char) => `\\${char}`)

const zshAction = (value: Value): string => {
  switch (value._tag) {
    case "Choice":
      return `(${value.choices.map((choice) => choice.replace(/[\\ ()'"$`]/g, (char) => `\\${char}`)).join(" ")})`
    case "File":
      return "_files"
    case "Directory":
      return "_files -/"
    case "Free":
      return " "
  }
}

const zshOptionSpecs = (flag: Flag): ReadonlyArray<string> =>
  flag.names.map((name) => {
    const others = flag.repeated ? flag.excludes : [...flag.names, ...flag.excludes]
    const excludes = others.length > 1 || flag.excludes.length > 0 ? `(${others.join(" ")})` : ""
    const takes = flag.value === undefined ? "" : name.startsWith("--") ? "=" : "+"
    const value = flag.value === undefined
      ? ""
      : `:${zshEscape(flag.value.placeholder)}:${zshAction(flag.value)}`
    return `${excludes}${flag.repeated ? "*" : ""}${name}${takes}[${zshEscape(flag.description)}]${value}`
  })

const zshPositionalSpec = (positional: Positional): string => {
  const message = zshEscape(positional.value.placeholder)
  const action = zshAction(positional.value)
  if (positional.repeated) return `*:${message}:${action}`
  return `${positional.optional ? "::" : ":"}${message}:${action}`
}

/**
 * The function for a command: `_dugnad__member__add`. The top one is `_` and the program's name
 * as it is, since compinit autoloads the file `_dugnad` as the function of that name.
 */
const zshName = (program: string, path: ReadonlyArray<string>) =>
  path.length === 1 && /^[A-Za-z0-9_.-]+$/.test(program)
    ? `_${program}`
    : `_${[program, ...path.slice(1)].map(identifier).join("__")}`

const zshFunction = (node: Node, program: string): ReadonlyArray<string> => {
  const name = zshName(program, node.path)
  const specs = [
    ...node.options.flatMap(zshOptionSpecs),
    ...(node.children.length > 0
      ? ["1: :->command", "*:: :->argument"]
      : node.positionals.map(zshPositionalSpec))
  ].map((spec) => `        ${zshQuote(spec)}`)
  const lines = [
    `${name}() {`,
    `    local curcontext="$curcontext" state state_descr line ret=1`,
    `    typeset -A opt_args`,
    `    _arguments -S -C \\`,
    ...specs.map((spec) => `${spec} \\`),
    `        && ret=0`
  ]
  if (node.children.length > 0) {
    lines.push(
      `    case $state in`,
      `        command)`,
      `            local -a commands=(`,
      ...node.children.map((child) =>
        `                ${zshQuote(`${child.path.at(-1)!.replaceAll(":", "\\:")}:${child.description}`)}`
      ),
      `            )`,
      `            _describe -t commands ${zshQuote(`${pathOf(node)} command`)} commands && ret=0`,
      `            ;;`,
      `        argument)`,
      `            curcontext="\${curcontext%:*:*}:${node.path.map(identifier).join("-")}-$words[1]:"`,
      `            case $words[1] in`,
      ...node.children.map((child) =>
        `                ${zshQuote(child.path.at(-1)!)}) ${zshName(program, child.path)} && ret=0 ;;`
      ),
      `            esac`,
      `            ;;`,
      `    esac`
    )
  }
  lines.push(`    return ret`, `}`, "")
  return lines
}

const zshScript = (root: Node, program: string): string => {
  const main = zshName(program, [program])
  return [
    `#compdef ${program}`,
    `# zsh completion for ${program}. Save it as _${program} in a directory of $fpath (before`,
    `# compinit runs), or load it after compinit with: source <(${program} completions zsh)`,
    "",
    ...nodes(root).flatMap((node) => zshFunction(node, program)),
    `if [[ $funcstack[1] == ${main} ]]; then`,
    `    # Autoloaded from $fpath: this file is the body of ${main}.`,
    `    ${main} "$@"`,
    `else`,
    `    compdef ${main} ${program}`,
    `fi`,
    ""
  ].join("\n")
}

// =============================================================================================
// fish

/** A single-quoted word for fish. */
const fishQuote = (text: string) => `'${text.replace(/[\\']/g, (char) => `\\${char}`)}'`

/** A word for fish: bare when it is plain, else double-quoted (to sit inside a single-quoted one). */
const fishWord = (text: string) =>
  /^[A-Za-z0-9_.,:@%+/=-]+$/.test(text) ? text : `"${text.replace(/["$\\]/g, (char) => `\\${char}`)}"`

/** A list of words for `complete -a`, which fish splits and expands like a command line. */
const fishWords = (words: ReadonlyArray<string>) =>
  fishQuote(words.map((word) => word.replace(/[^A-Za-z0-9_.,:@%+/=-]/g, (char) => `\\${char}`)).join(" "))

const fishValue = (value: Value): string => {
  switch (value._tag) {
    case "Choice":
      return `-x -a ${fishWords(value.choices)}`
    case "File":
      return "-r -F"
    case "Directory":
      return `-x -a '(__fish_complete_directories)'`
    case "Free":
      return "-x"
  }
}

const fishDescription = (description: string) => (description === "" ? "" : ` -d ${fishQuote(description)}`)

/** `contains` over a long list, one word a line. */
const fishContains = (subject: string, words: ReadonlyArray<string>) =>
  words.length === 0
    ? "return 1"
    : [`contains -- ${subject} \\`, ...words.map((word, index) =>
      `        ${fishQuote(word)}${index < words.length - 1 ? " \\" : ""}`
    )].join("\n")

const fishScript = (root: Node, program: string): string => {
  const fn = `__${identifier(program)}`
  const c = `complete -c ${fishWord(program)}`
  const all = nodes(root)
  const at = (node: Node) => `-n ${fishQuote(`${fn}_at ${fishWord(pathOf(node))}`)}`
  const arg = (node: Node, index: number, repeated: boolean) =>
    `-n ${fishQuote(`${fn}_arg ${fishWord(pathOf(node))} ${index}${repeated ? " repeated" : ""}`)}`
  const lines = [
    `# fish completion for ${program}. Save it as ~/.config/fish/completions/${program}.fish, or load it`,
    `# with: ${program} completions fish | source`,
    "",
    `${c} -e`,
    "",
    `function ${fn}_takes_value --description 'Whether option $argv[2] of the command path $argv[1] takes a value'`,
    `    ${fishContains(`"$argv[1] $argv[2]"`, all.flatMap((node) => valuedNames(node).map((name) => `${pathOf(node)} ${name}`)))}`,
    `end`,
    "",
    `function ${fn}_child --description 'Whether $argv[2] is a subcommand of the command path $argv[1]'`,
    `    ${fishContains(`"$argv[1] $argv[2]"`, all.filter((node) => node.path.length > 1).map(pathOf))}`,
    `end`,
    "",
    `function ${fn}_read --description 'Reads the command line: its command path and how many positional arguments follow it'`,
    `    set -l line (commandline -cp)`,
    `    test "$line" = "$${fn}_line"; and return`,
    `    set -g ${fn}_line $line`,
    `    set -l path ${fishWord(pathOf(root))}`,
    `    set -l npos 0`,
    `    set -l pending 0`,
    `    set -l rest 0`,
    `    for word in (commandline -opc)[2..-1]`,
    `        if test $pending = 1`,
    `            set pending 0`,
    `        else if test $rest = 0; and test "$word" = --`,
    `            set rest 1`,
    `        else if test $rest = 0; and string match -q -- '-?*' $word`,
    `            if not string match -q -- '*=*' $word; and ${fn}_takes_value "$path" $word`,
    `                set pending 1`,
    `            end`,
    `        else if test $npos = 0; and ${fn}_child "$path" $word`,
    `            set path "$path $word"`,
    `        else`,
    `            set npos (math $npos + 1)`,
    `        end`,
    `    end`,
    `    set -g ${fn}_path $path`,
    `    set -g ${fn}_npos $npos`,
    `end`,
    "",
    `function ${fn}_at --description 'Whether the command line is at the command path $argv[1]'`,
    `    ${fn}_read`,
    `    test "$${fn}_path" = "$argv[1]"`,
    `end`,
    "",
    `function ${fn}_arg --description 'Whether the command line is at positional argument $argv[2] of the command path $argv[1]'`,
    `    ${fn}_read`,
    `    test "$${fn}_path" = "$argv[1]"; or return 1`,
    `    test $${fn}_npos -eq $argv[2]; and return 0`,
    `    test "$argv[3]" = repeated; and test $${fn}_npos -gt $argv[2]`,
    `end`,
    ""
  ]
  for (const node of all) {
    lines.push(`# ${pathOf(node)}`, `${c} ${at(node)} -f`)
    for (const child of node.children) {
      lines.push(`${c} ${arg(node, 0, false)} -f -a ${fishQuote(child.path.at(-1)!)}${fishDescription(child.description)}`)
    }
    for (const flag of node.options) {
      const names = flag.names.map((name) => (name.startsWith("--") ? `-l ${name.slice(2)}` : `-s ${name.slice(1)}`))
      const value = flag.value === undefined ? "" : ` ${fishValue(flag.value)}`
      lines.push(`${c} ${at(node)} ${names.join(" ")}${value}${fishDescription(flag.description)}`)
    }
    node.positionals.forEach((positional, index) => {
      const repeated = positional.repeated && index === node.positionals.length - 1
      const where = arg(node, index, repeated)
      const value = positional.value
      switch (value._tag) {
        case "Choice":
          lines.push(`${c} ${where} -f -a ${fishWords(value.choices)}${fishDescription(positional.description)}`)
          break
        case "File":
          lines.push(`${c} ${where} -F${fishDescription(positional.description)}`)
          break
        case "Directory":
          lines.push(`${c} ${where} -f -a '(__fish_complete_directories)'${fishDescription(positional.description)}`)
          break
        case "Free":
          break
      }
    })
    lines.push("")
  }
  return lines.join("\n")
}

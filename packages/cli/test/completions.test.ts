/**
 * The completion scripts of Completions.ts, run in the real shells: bash (always; it must be
 * installed), zsh and fish (each skipped, saying so, when it is not installed).
 *
 * - bash: the script is sourced in `bash --norc`, COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT are
 *   set as bash sets them (with "=" split off, as COMP_WORDBREAKS does), and the completion
 *   function's COMPREPLY is read.
 * - fish: `complete -C LINE` after sourcing the script in `fish --no-config`.
 * - zsh: completion only runs inside the line editor, so an interactive `zsh -f` runs in a
 *   pseudo-terminal (the zsh/zpty module), with compinit, and the line is typed followed by TAB.
 *   `compadd` is wrapped to write the words that would be offered to a file instead of showing
 *   them. This runs zsh's real `_arguments`/`_describe`/`_files` on the script, loaded both ways a
 *   user loads it: sourced after compinit, and autoloaded as `_dugnad` from $fpath.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dugnad } from "../src/Cli.js"
import { completionScript, type Shell } from "../src/Completions.js"

const installed = (shell: Shell) => spawnSync(shell, ["-c", "exit 0"], { stdio: "ignore" }).status === 0

if (!installed("bash")) throw new Error("completions: bash is not installed, and the bash completion tests must run")
for (const shell of ["zsh", "fish"] as const) {
  if (!installed(shell)) console.warn(`\n  SKIPPED completions (${shell}): ${shell} is not installed\n`)
}

const temp = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-completions-"))
/** The directory the shells run in: the files that file completion should offer. */
const work = path.join(temp, "work")
/** HOME for the shells, so that no user's configuration takes part. */
const home = path.join(temp, "home")
const scripts = path.join(temp, "scripts")

beforeAll(() => {
  for (const dir of [work, home, scripts, path.join(scripts, "fpath")]) fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(work, "export.csv"), "")
  fs.writeFileSync(path.join(work, "notes.txt"), "")
  for (const shell of ["bash", "zsh", "fish"] as const) {
    fs.writeFileSync(path.join(scripts, `dugnad.${shell}`), completionScript(shell, dugnad))
  }
  fs.writeFileSync(path.join(scripts, "fpath", "_dugnad"), completionScript("zsh", dugnad))
})

afterAll(() => fs.rmSync(temp, { recursive: true, force: true }))

const run = (command: string, args: ReadonlyArray<string>) => {
  const result = spawnSync(command, args, {
    cwd: work,
    encoding: "utf8",
    env: {
      PATH: process.env["PATH"] ?? "/usr/bin:/bin",
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, ".config"),
      XDG_DATA_HOME: path.join(home, ".local/share"),
      XDG_CACHE_HOME: path.join(home, ".cache"),
      TERM: "xterm",
      LANG: "C.UTF-8"
    },
    timeout: 60_000
  })
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}:\n${result.stdout}\n${result.stderr}`)
  }
  return result.stdout
}

const words = (output: string) => output.split("\n").map((word) => word.trim()).filter((word) => word !== "")

// ---------------------------------------------------------------------------------------------
// What every shell must complete

interface Case {
  /** The command line up to the cursor. */
  readonly line: string
  /** Words that must be offered. */
  readonly includes?: ReadonlyArray<string>
  /** Exactly these words (in any order). */
  readonly equals?: ReadonlyArray<string>
  /** Words that must not be offered. */
  readonly excludes?: ReadonlyArray<string>
}

const builtIns = ["--wizard", "--log-level", "--completions"]
const common = ["--db", "--as", "--json", "--locale"]

const cases: ReadonlyArray<Case> = [
  {
    line: "dugnad ",
    includes: ["demo", "init", "member", "goal", "idea", "draft", "review", "results", "report", "meeting", "primer"],
    excludes: [...builtIns, "add", "export.csv"]
  },
  { line: "dugnad me", equals: ["member", "meeting"] },
  { line: "dugnad member ", equals: ["add", "list"] },
  { line: "dugnad review ", equals: ["request", "approve", "object", "resolve", "suggest", "decide"] },
  {
    line: "dugnad member add --",
    includes: ["--name", "--role", "--department", "--field", "--help", ...common],
    excludes: [...builtIns, "--accept"]
  },
  { line: "dugnad member add --role ", equals: ["expert", "manager", "advisor", "member"] },
  { line: "dugnad member add --locale ", equals: ["nb", "en"] },
  // A text option takes the next word as its value: completion goes on after it.
  { line: "dugnad member add --name Kari --r", equals: ["--role"] },
  { line: "dugnad member add --db ", includes: ["export.csv", "notes.txt"] },
  { line: "dugnad results import x --format ", equals: ["meta", "meta-facebook", "meta-instagram", "linkedin"] },
  { line: "dugnad results import ", includes: ["export.csv", "notes.txt"], excludes: ["--db", "record"] },
  {
    line: "dugnad review decide ITEM S1 --",
    includes: ["--accept", "--decline", "--reason", ...common],
    excludes: builtIns
  },
  { line: "dugnad review approve --", includes: ["--revision", ...common], excludes: ["--accept"] },
  { line: "dugnad draft write k7m2qd --network ", includes: ["facebook", "instagram", "linkedin"] },
  { line: "dugnad draft write k7m2qd --kind ", equals: ["content", "format"] },
  { line: "dugnad primer ", includes: ["facebook", "linkedin"], excludes: ["export.csv"] },
  { line: "dugnad demo --", equals: ["--db", "--locale", "--help"] }
]

const check = (got: ReadonlyArray<string>, expected: Omit<Case, "line">) => {
  if (expected.equals !== undefined) expect([...new Set(got)].sort()).toEqual([...expected.equals].sort())
  if (expected.includes !== undefined) expect(got).toEqual(expect.arrayContaining([...expected.includes]))
  for (const word of expected.excludes ?? []) expect(got).not.toContain(word)
}

// ---------------------------------------------------------------------------------------------
// bash

/** Sources the script and runs its completion function on the words given, cursor on the last. */
const bashRunner = `
source "$1"; shift
COMP_WORDS=("$@")
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
COMP_LINE="\${COMP_WORDS[*]}"
COMP_POINT=\${#COMP_LINE}
func=$(complete -p dugnad | sed -E 's/.* -F ([^ ]+) .*/\\1/')
"$func" dugnad "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\\n' "\${COMPREPLY[@]}"
`

/** The words bash would make of a line (split at spaces and around "=", as COMP_WORDBREAKS does). */
const bashWords = (line: string) => line.replace(/=/g, " = ").replace(/ +/g, " ").split(" ")

const bash = (compWords: ReadonlyArray<string>) =>
  words(run("bash", ["--norc", "--noprofile", "-c", bashRunner, "bash", path.join(scripts, "dugnad.bash"), ...compWords]))

describe("bash completion", () => {
  it("GIVEN the script WHEN checked and sourced THEN it parses and registers one function for dugnad", () => {
    run("bash", ["-n", path.join(scripts, "dugnad.bash")])
    expect(run("bash", ["--norc", "-c", `source ${path.join(scripts, "dugnad.bash")}; complete -p dugnad`]).trim())
      .toBe("complete -F _dugnad_completions dugnad")
  })

  it("GIVEN another program name WHEN its script is sourced THEN it completes that name", () => {
    const script = path.join(scripts, "dugnad-dev.bash")
    fs.writeFileSync(script, completionScript("bash", dugnad, "dugnad-dev"))
    const runner = bashRunner.replace("complete -p dugnad", "complete -p dugnad-dev")
    const output = run("bash", ["--norc", "--noprofile", "-c", runner, "bash", script, "dugnad-dev", "member", ""])
    expect(words(output)).toEqual(["add", "list"])
  })

  for (const expected of cases) {
    it(`GIVEN "${expected.line}" WHEN completed THEN the right words are offered`, () => {
      check(bash(bashWords(expected.line)), expected)
    })
  }

  it("GIVEN --format=<TAB> (bash splits the \"=\" off) WHEN completed THEN the formats are offered", () => {
    check(bash(["dugnad", "results", "import", "--format", "="]), { equals: ["meta", "meta-facebook", "meta-instagram", "linkedin"] })
    check(bash(["dugnad", "results", "import", "--format", "=", "l"]), { equals: ["linkedin"] })
    check(bash(["dugnad", "results", "import", "--format", "=", "meta", "--j"]), { equals: ["--json"] })
  })
})

// ---------------------------------------------------------------------------------------------
// fish

const fishAll = (lines: ReadonlyArray<string>): Map<string, Array<string>> => {
  const output = run("fish", [
    "--no-config",
    "-c",
    `source ${path.join(scripts, "dugnad.fish")}; for line in $argv; echo "### $line"; complete -C "$line"; end`,
    ...lines
  ])
  const results = new Map<string, Array<string>>()
  let current: Array<string> = []
  for (const row of output.split("\n")) {
    if (row.startsWith("### ")) results.set(row.slice(4), (current = []))
    else if (row !== "") current.push(row.split("\t")[0]!.replace(/\/$/, ""))
  }
  return results
}

describe.skipIf(!installed("fish"))("fish completion", () => {
  let results = new Map<string, Array<string>>()
  beforeAll(() => {
    results = fishAll([...cases.map((expected) => expected.line), "dugnad results import --format=", "dugnad member add --role=e"])
  })

  it("GIVEN the script WHEN checked THEN it parses", () => {
    run("fish", ["--no-config", "-n", path.join(scripts, "dugnad.fish")])
  })

  for (const expected of cases) {
    it(`GIVEN "${expected.line}" WHEN completed THEN the right words are offered`, () => {
      check(results.get(expected.line) ?? [], expected)
    })
  }

  it("GIVEN --option=<TAB> WHEN completed THEN the values are offered after the \"=\"", () => {
    check(results.get("dugnad results import --format=") ?? [], {
      equals: ["--format=meta", "--format=meta-facebook", "--format=meta-instagram", "--format=linkedin"]
    })
    check(results.get("dugnad member add --role=e") ?? [], { equals: ["--role=expert"] })
  })
})

// ---------------------------------------------------------------------------------------------
// zsh

/**
 * Runs an interactive `zsh -f` in a pseudo-terminal, sets completion up, types each line and TAB,
 * and writes the words completion would offer to OUTDIR/N.txt. `compadd` calls that only compute
 * matches (-O, -A, -D, as `_arguments` and `_describe` make) go through unchanged.
 */
const zshCapture = `
setup=$1 outdir=$2; shift 2
zmodload zsh/zpty || exit 3
zpty z zsh -f -i
zpty -w z "PS1='' RPS1=''; $setup"
zpty -w z 'compadd() {
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd "$@"; return $?; fi
  local -a __hits; builtin compadd -A __hits "$@"
  (( $#__hits )) && print -rl -- $__hits >> $__out
  return 0
}'
zpty -w z "touch \${(q)outdir}/ready"
integer waited=0
while [[ ! -e $outdir/ready ]] && (( waited < 200 )); do sleep 0.05; (( waited++ )); done
integer n=0
for line in "$@"; do
  (( n++ ))
  zpty -w z "__out=\${(q)outdir}/$n.txt; : > \\$__out"
  zpty -w -n z "$line"$'\\t'
  zpty -w z $'\\C-u'"touch \${(q)outdir}/$n.done"
  waited=0
  while [[ ! -e $outdir/$n.done ]] && (( waited < 200 )); do sleep 0.05; (( waited++ )); done
  [[ -e $outdir/$n.done ]] || { print -u2 "no answer to: $line"; exit 4 }
done
zpty -d z
`

const zshAll = (setup: string, lines: ReadonlyArray<string>): Map<string, Array<string>> => {
  const outdir = fs.mkdtempSync(path.join(temp, "zsh-"))
  run("zsh", ["-f", "-c", zshCapture, "zsh", setup, outdir, ...lines])
  return new Map(lines.map((line, index) => [line, words(fs.readFileSync(path.join(outdir, `${index + 1}.txt`), "utf8"))]))
}

const zshLoads = {
  "sourced after compinit": `autoload -Uz compinit && compinit -u -D && source ${path.join(scripts, "dugnad.zsh")}`,
  "autoloaded from $fpath": `fpath=(${path.join(scripts, "fpath")} $fpath) && autoload -Uz compinit && compinit -u -D`
}

describe.skipIf(!installed("zsh"))("zsh completion", () => {
  it("GIVEN the script WHEN checked THEN it parses", () => {
    run("zsh", ["-n", path.join(scripts, "dugnad.zsh")])
  })

  for (const [how, setup] of Object.entries(zshLoads)) {
    describe(how, () => {
      let results = new Map<string, Array<string>>()
      beforeAll(() => {
        results = zshAll(setup, [...cases.map((expected) => expected.line), "dugnad results import --format=", "dugnad member add --role=e"])
      })

      for (const expected of cases) {
        it(`GIVEN "${expected.line}" WHEN completed THEN the right words are offered`, () => {
          check(results.get(expected.line) ?? [], expected)
        })
      }

      it("GIVEN --option=<TAB> WHEN completed THEN the values are offered", () => {
        check(results.get("dugnad results import --format=") ?? [], {
          equals: ["meta", "meta-facebook", "meta-instagram", "linkedin"]
        })
        check(results.get("dugnad member add --role=e") ?? [], { equals: ["expert"] })
      })
    })
  }
})

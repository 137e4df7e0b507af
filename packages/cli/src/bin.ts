/**
 * The `dugnad` binary. Exit codes: 0 done, 1 refused (a domain rule or the CLI's own: no
 * database, no workspace), 2 usage error (with the relevant help on stderr).
 */
import * as CliConfig from "@effect/cli/CliConfig"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as ValidationError from "@effect/cli/ValidationError"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Usage from "@effect/cli/Usage"
import { commandsByPath, dugnad, parents } from "./Cli.js"
import { Rejection } from "./Run.js"
import { colourEnabled, stripAnsi } from "./Ui.js"

/** The package's version, put in by the build (tsup `define`). */
const version = process.env.DUGNAD_CLI_VERSION ?? "0.0.0"

// A reader that stops early (`dugnad board | head -1`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0)
    throw error
  })
}

// Help and usage text from @effect/cli is coloured; without a terminal (or with NO_COLOR), print it plain.
for (const stream of [process.stdout, process.stderr]) {
  if (!colourEnabled(stream)) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: Array<unknown>) => boolean
    stream.write = ((chunk: unknown, ...rest: Array<unknown>) =>
      write(typeof chunk === "string" ? stripAnsi(chunk) : chunk, ...rest)) as typeof stream.write
  }
}

const args = process.argv.slice(2)
const wantsJson = args.includes("--json")

/** The deepest command the arguments name, for the help printed with a usage error. */
const commandOf = (argv: ReadonlyArray<string>) => {
  const words = argv.filter((arg) => !arg.startsWith("-"))
  let best: (typeof commandsByPath)[number] | undefined
  for (const entry of commandsByPath) {
    const [path] = entry
    if (path.every((word, index) => words[index] === word) && path.length > (best?.[0].length ?? 0)) best = entry
  }
  return best
}

const helpConfig = CliConfig.make({ showBuiltIns: false })

/**
 * The help for a usage error: for a command, its usage line and where to read more; for a group
 * (`dugnad review`, `dugnad`), its list of commands.
 */
const usageHelp = (): string => {
  const found = commandOf(args)
  if (found === undefined || parents.has(found[0].join(" "))) {
    return HelpDoc.toAnsiText(Command.getHelp(found?.[1] ?? dugnad, helpConfig)).trimEnd()
  }
  const [path, command] = found
  const usage = stripAnsi(HelpDoc.toAnsiText(Usage.getHelp(Command.getUsage(command)))).trim()
  const name = `dugnad ${path.join(" ")}`
  return `USAGE\n  $ ${["dugnad", ...path.slice(0, -1), usage].join(" ")}\n\nSee “${name} --help”.`
}

const cli = Command.run(dugnad, { name: "dugnad", version, executable: "dugnad" })

const main = Effect.suspend(() => cli(process.argv)).pipe(
  Effect.provide(NodeContext.layer),
  Effect.provide(CliConfig.layer({ showBuiltIns: false }))
)

Effect.runPromiseExit(main).then((exit) => {
  if (Exit.isSuccess(exit)) return
  const failure = Cause.failureOption(exit.cause)
  if (Option.isSome(failure)) {
    const error = failure.value
    if (error instanceof Rejection) {
      if (error.json) {
        process.stderr.write(
          `${JSON.stringify({ error: { type: error.type, message: error.message, exitCode: error.exitCode } }, null, 2)}\n`
        )
      } else {
        process.stderr.write(`${error.message}\n`)
      }
      if (error.exitCode === 2 && !error.json) {
        process.stderr.write(`\n${usageHelp()}\n`)
      }
      process.exitCode = error.exitCode
      return
    }
    if (ValidationError.isValidationError(error)) {
      // @effect/cli has printed what was wrong; add the help of the command it was about.
      if (wantsJson) {
        process.stderr.write(
          `${JSON.stringify({ error: { type: "usage", message: stripAnsi(HelpDoc.toAnsiText(error.error)).trim(), exitCode: 2 } }, null, 2)}\n`
        )
      } else {
        process.stderr.write(`\n${usageHelp()}\n`)
      }
      process.exitCode = 2
      return
    }
  }
  process.stderr.write("Something unexpected went wrong. Nothing was changed by this command.\n")
  if (process.env["DUGNAD_DEBUG"]) process.stderr.write(`${Cause.pretty(exit.cause)}\n`)
  process.exitCode = 1
})

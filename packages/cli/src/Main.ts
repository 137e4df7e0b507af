/**
 * The bundled CLI's entry (`dist/cli.cjs`): {@link run} runs one command line, as the `dugnad`
 * binary does. Exit codes: 0 done, 1 refused (a domain rule or the CLI's own: no database, no
 * workspace), 2 usage error (with the relevant help on stderr).
 */
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Usage from "@effect/cli/Usage"
import { cliConfig, commandsByPath, dugnad, main, parents } from "./Cli.js"
import { Rejection } from "./Rejection.js"
import { colourEnabled, endQuietlyOnClosedPipe, localeOfEnvironment, stripAnsi, ui } from "./Ui.js"

export { renderHelpTexts } from "./HelpTexts.js"

let streamsPrepared = false

/** Once per process: quiet on a closed pipe, and colour only where it is wanted. */
const prepareStreams = () => {
  if (streamsPrepared) return
  streamsPrepared = true
  endQuietlyOnClosedPipe()
  // Help and usage text from @effect/cli is coloured; without a terminal (or with NO_COLOR), print it plain.
  for (const stream of [process.stdout, process.stderr]) {
    if (!colourEnabled(stream)) {
      const write = stream.write.bind(stream) as (chunk: unknown, ...rest: Array<unknown>) => boolean
      stream.write = ((chunk: unknown, ...rest: Array<unknown>) =>
        write(typeof chunk === "string" ? stripAnsi(chunk) : chunk, ...rest)) as typeof stream.write
    }
  }
}

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

/**
 * The help for a usage error: for a command, its usage line and where to read more; for a group
 * (`dugnad review`, `dugnad`), its list of commands.
 */
const usageHelp = (args: ReadonlyArray<string>): string => {
  const found = commandOf(args)
  if (found === undefined || parents.has(found[0].join(" "))) {
    return HelpDoc.toAnsiText(Command.getHelp(found?.[1] ?? dugnad, cliConfig)).trimEnd()
  }
  const [path, command] = found
  const usage = stripAnsi(HelpDoc.toAnsiText(Usage.getHelp(Command.getUsage(command)))).trim()
  const name = `dugnad ${path.join(" ")}`
  return `USAGE\n  $ ${["dugnad", ...path.slice(0, -1), usage].join(" ")}\n\n${ui(localeOfEnvironment(args)).usageHint(name)}`
}

/**
 * Runs one command line (the arguments after `dugnad`) and sets `process.exitCode`; what went
 * wrong is printed on stderr, worded, never as a stack trace (`DUGNAD_DEBUG=1` adds the cause).
 */
export const run = (args: ReadonlyArray<string>): Promise<void> => {
  prepareStreams()
  const wantsJson = args.includes("--json")
  return Effect.runPromiseExit(main(["node", "dugnad", ...args])).then((exit) => {
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
          process.stderr.write(`\n${usageHelp(args)}\n`)
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
          process.stderr.write(`\n${usageHelp(args)}\n`)
        }
        process.exitCode = 2
        return
      }
    }
    process.stderr.write(`${ui(localeOfEnvironment(args)).unexpected}\n`)
    if (process.env["DUGNAD_DEBUG"]) process.stderr.write(`${Cause.pretty(exit.cause)}\n`)
    process.exitCode = 1
  })
}

/**
 * Renders the help of every command as `dugnad [command…] --help` prints it, for the build to
 * write into `dist/help.json` (see `HelpCache.ts`). It runs the CLI itself on each `--help` command
 * line, with a console that keeps what is printed.
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { commandsByPath, main } from "./Cli.js"
import type { HelpTexts } from "./HelpCache.js"

/** The console, but keeping the lines logged to it. */
const capturing = (console: Console.Console, lines: Array<string>): Console.Console => {
  const keep = (...parts: ReadonlyArray<unknown>) => void lines.push(parts.map(String).join(" "))
  return { ...console, log: (...parts) => Effect.sync(() => keep(...parts)), unsafe: { ...console.unsafe, log: keep } }
}

/** The help of `dugnad` and of every command, by path (`""`, `"member add"`). */
export const renderHelpTexts = (): Promise<HelpTexts> =>
  Effect.runPromise(
    Effect.forEach([[], ...commandsByPath.map(([path]) => path)], (path) => {
      const lines: Array<string> = []
      return Effect.flatMap(Effect.console, (console) =>
        main(["node", "dugnad", ...path, "--help"]).pipe(
          Effect.withConsole(capturing(console, lines)),
          Effect.map(() => [path.join(" "), lines.map((line) => `${line}\n`).join("")] as const)
        ))
    }).pipe(Effect.map(Object.fromEntries))
  )

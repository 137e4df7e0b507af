/**
 * `--help` answered from text rendered at build time. @effect/cli lays out help through its
 * document printer, which with Effect itself costs more than twice Node's own start; the help of
 * every command is therefore rendered once by the build (`HelpTexts.ts`, the same code path as a
 * live `--help`) into `dist/help.json`, and printed from there. `--help` (or `-h`) anywhere on the
 * line gives the help of the command its leading words name (`dugnad idea submit "A title" -h`),
 * where @effect/cli would refuse the line. Without the file, the CLI proper answers.
 *
 * This module is loaded before anything else, so it imports nothing but Node and `Ui.ts`.
 */
import { readFileSync } from "node:fs"
import { colourEnabled, endQuietlyOnClosedPipe, stripAnsi } from "./Ui.js"

/** Where the build writes the help texts: next to the bundle. */
export const helpFile = new URL("./help.json", import.meta.url)

/** The help texts by command path (`""` for `dugnad`, `"member add"`), coloured as @effect/cli prints them. */
export type HelpTexts = Readonly<Record<string, string>>

const readTexts = (): HelpTexts | undefined => {
  try {
    return JSON.parse(readFileSync(helpFile, "utf8")) as HelpTexts
  } catch {
    return undefined
  }
}

/** The leading words of the arguments, up to the first option: the command they name, and its arguments. */
const leadingWords = (args: ReadonlyArray<string>): ReadonlyArray<string> => {
  const end = args.findIndex((arg) => arg.startsWith("-"))
  return end === -1 ? args : args.slice(0, end)
}

/**
 * Prints the help the arguments ask for (of the longest command their leading words name), if the
 * build rendered it; returns whether it did.
 */
export const answerFromCache = (args: ReadonlyArray<string>): boolean => {
  if (!args.some((arg) => arg === "--help" || arg === "-h")) return false
  const texts = readTexts()
  if (texts === undefined) return false
  const words = leadingWords(args)
  for (let length = words.length; length >= 0; length--) {
    const text = texts[words.slice(0, length).join(" ")]
    if (text !== undefined) {
      endQuietlyOnClosedPipe()
      process.stdout.write(colourEnabled(process.stdout) ? text : stripAnsi(text))
      return true
    }
  }
  return false
}

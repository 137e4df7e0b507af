/**
 * What the `dugnad` binary runs (`dist/launch.cjs`, small): `--help` from the help rendered at
 * build time, anything else by the CLI bundle (`dist/cli.cjs`), loaded with its code cache.
 */
import { fileURLToPath } from "node:url"
import { type Loaded, loadWithCodeCache } from "./CodeCache.js"
import { answerFromCache } from "./HelpCache.js"

/** What the CLI bundle exports. */
export type CliBundle = typeof import("./Main.js")

/** The CLI bundle, beside this file. */
export const bundleFile: string = fileURLToPath(new URL("./cli.cjs", import.meta.url))

/** Loads the CLI bundle (with its code cache when valid). */
export const loadCli = (): Loaded<CliBundle> => loadWithCodeCache<CliBundle>(bundleFile)

/** Runs `dugnad` with these arguments; `process.exitCode` tells how it went. */
export const launch = async (args: ReadonlyArray<string>): Promise<void> => {
  if (answerFromCache(args)) return
  await loadCli().exports.run(args)
}

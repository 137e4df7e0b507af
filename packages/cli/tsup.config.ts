import { execFileSync } from "node:child_process"
import { createHash } from "node:crypto"
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { defineConfig, type Options } from "tsup"

type Plugin = NonNullable<Options["esbuildPlugins"]>[number]

const { version } = JSON.parse(readFileSync(new URL("package.json", import.meta.url), "utf8")) as { version: string }

// Two bundled CommonJS files: `dist/launch.cjs` (small, what the binary runs) and `dist/cli.cjs`:
// the CLI and everything it uses from @dugnad/core and Effect, except native modules, optional
// drivers and packages that read their own data files (@touch4it/ical-timezones reads its zone
// files next to itself), which Node loads from node_modules as usual. CommonJS because Node 20
// can give a code cache only to a script (see src/CodeCache.ts); the modules a command does not
// need (the chart renderer, PostgreSQL, the demo) stay in the file but are run only when imported.

// @effect/cli reads yaml, toml and ini only for config files (`Options.withFallbackConfig`,
// `Args.fileParse`), which dugnad does not offer: their parsers (400 KB) would be loaded at every
// start for nothing.
const unusedParsers: Plugin = {
  name: "unused-config-file-parsers",
  setup(build) {
    build.onResolve({ filter: /^(yaml|toml|ini)$/ }, (args) => ({ path: args.path, namespace: "unused-parser" }))
    build.onLoad({ filter: /.*/, namespace: "unused-parser" }, (args) => ({
      contents: `export const parse = () => { throw new Error("dugnad reads no ${args.path} files") }`,
      loader: "js"
    }))
  }
}

// The packages the core loads with `import()` only when it draws a chart (Vega, Vega-Lite, resvg)
// stay outside the bundle and are loaded with `require`: a script run with a code cache (see
// src/CodeCache.ts) cannot `import()` without an experimental Node flag. All three ship CommonJS.
// So does the Discord bot (`dugnad discord`): @dugnad/adapter-discord, with discord.js, is kept out
// of the bundle this way (not through `external`, whose plugin would run first and leave the
// `import()` as it is); it is an ES module, which Node 20.19 and later loads with `require`. The
// Mattermost bot (`dugnad mattermost`: @dugnad/adapter-mattermost, with @mattermost/client) likewise.
const requiredWhenImported = /^(vega|vega-lite|@resvg\/resvg-js|@dugnad\/adapter-(discord|mattermost)(\/.*)?)$/
const requireDynamicImports: Plugin = {
  name: "require-dynamic-imports",
  setup(build) {
    build.onResolve({ filter: requiredWhenImported }, (args) =>
      args.kind === "dynamic-import"
        ? { path: args.path, namespace: "required-when-imported" }
        : { path: args.path, external: true })
    build.onLoad({ filter: /.*/, namespace: "required-when-imported" }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)})`,
      loader: "js"
    }))
  }
}

export default defineConfig((overrides) => {
  const outDir = new URL(`${overrides.outDir ?? "dist"}/`, import.meta.url)
  return {
    esbuildPlugins: [unusedParsers, requireDynamicImports],
    // `launch` is what the binary runs: it answers `--help` from the help rendered below, and loads
    // `cli` (everything else, one CommonJS file) with the V8 code cache made below.
    entry: { launch: "src/Launch.ts", cli: "src/Main.ts" },
    format: ["cjs"],
    shims: true,
    tsconfig: "tsconfig.src.json",
    dts: false,
    clean: true,
    sourcemap: false,
    target: "node20",
    platform: "node",
    splitting: false,
    treeshake: false,
    noExternal: [/^(?!better-sqlite3($|\/)|pg($|\/)|pg-native$|@touch4it\/|canvas$|bufferutil$|utf-8-validate$)/],
    external: [/^better-sqlite3($|\/)/, /^pg($|\/)/, "pg-native", /^@touch4it\//, "canvas", "bufferutil", "utf-8-validate"],
    define: { "process.env.DUGNAD_CLI_VERSION": JSON.stringify(version) },
    esbuildOptions: (options) => {
      options.logOverride = {
        // @dugnad/core declares itself free of side effects, so its chunks' bare imports are dropped, as meant.
        "ignored-bare-import": "silent",
        // rrule's ESM build has no default export; core's internal/rrule.ts takes whichever shape it gets.
        "import-is-undefined": "silent"
      }
    },
    onSuccess: async () => {
      // The bundle's build id, which names it in its code cache (see src/CodeCache.ts).
      const bundle = fileURLToPath(new URL("cli.cjs", outDir))
      appendFileSync(bundle, `\n//# build-id=${createHash("sha256").update(readFileSync(bundle)).digest("hex").slice(0, 32)}\n`)
      // The help of every command, rendered by the CLI just built.
      const cli = createRequire(import.meta.url)(bundle) as typeof import("./src/Main.js")
      writeFileSync(new URL("help.json", outDir), JSON.stringify(await cli.renderHelpTexts()))
      // The code cache: one command run by a new process, as a user runs it, on a scratch database.
      const scratch = mkdtempSync(path.join(os.tmpdir(), "dugnad-build-"))
      const launch = JSON.stringify(fileURLToPath(new URL("launch.cjs", outDir)))
      const args = JSON.stringify(["init", "--db", path.join(scratch, "warm.db"), "--name", "Warm", "--locale", "en", "--founder", "warm", "--founder-name", "Warm"])
      try {
        execFileSync(process.execPath, ["-e", `require(${launch}).launch(${args})`], { stdio: "ignore" })
      } finally {
        rmSync(scratch, { recursive: true, force: true })
      }
    }
  }
})

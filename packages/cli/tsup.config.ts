import { readFileSync } from "node:fs"
import { defineConfig } from "tsup"

const { version } = JSON.parse(readFileSync(new URL("package.json", import.meta.url), "utf8")) as { version: string }

// One bundled file, `dist/bin.js`: the CLI and everything it uses from @dugnad/core and Effect,
// except native modules, optional drivers and packages that read their own data files
// (@touch4it/ical-timezones reads its zone files next to itself), which Node loads from
// node_modules as usual.
export default defineConfig({
  entry: { bin: "src/bin.ts" },
  format: ["esm"],
  tsconfig: "tsconfig.src.json",
  dts: false,
  clean: true,
  sourcemap: false,
  target: "node20",
  platform: "node",
  splitting: false,
  treeshake: true,
  noExternal: [/^(?!better-sqlite3($|\/)|pg($|\/)|pg-native$|@resvg\/|@touch4it\/|canvas$|bufferutil$|utf-8-validate$)/],
  external: [/^better-sqlite3($|\/)/, /^pg($|\/)/, "pg-native", /^@resvg\//, /^@touch4it\//, "canvas", "bufferutil", "utf-8-validate"],
  define: { "process.env.DUGNAD_CLI_VERSION": JSON.stringify(version) },
  banner: {
    // Bundled CommonJS dependencies may call require(); give the ES module one.
    js: "#!/usr/bin/env node\nimport { createRequire as __dugnadCreateRequire } from \"node:module\";\nconst require = __dugnadCreateRequire(import.meta.url);"
  }
})

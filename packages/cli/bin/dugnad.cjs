#!/usr/bin/env node
// The `dugnad` command. The CLI itself is built into dist/ (`npm run build`); this small file is
// committed so that npm can link the command on a fresh clone, before the build.
let launch
try {
  ({ launch } = require("../dist/launch.cjs"))
} catch (error) {
  if (error?.code === "MODULE_NOT_FOUND" && /dist[\\/]launch\.cjs/.test(String(error.message))) {
    process.stderr.write("The dugnad CLI is not built yet: run `npm run build` (or `npm install`) at the repository root.\n")
    process.exit(1)
  }
  throw error
}
launch(process.argv.slice(2))

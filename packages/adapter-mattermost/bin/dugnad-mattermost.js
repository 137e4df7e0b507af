#!/usr/bin/env node
// The `dugnad-mattermost` command: runs the Mattermost bot (see src/Main.ts). The bot itself is
// built into dist/ (`npm run build`); this small file is committed so that npm can link the command
// on a fresh clone, before the build.
let run
try {
  ({ run } = await import("../dist/Main.js"))
} catch (error) {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && /dist[\\/]Main\.js/.test(String(error.message))) {
    process.stderr.write("The Mattermost bot is not built yet: run `npm run build` (or `npm install`) at the repository root.\n")
    process.exit(1)
  }
  throw error
}
await run()

#!/usr/bin/env node
// The `dugnad` command. The CLI itself is the bundled dist/bin.js (built by `npm run build`); this
// small file is committed so that npm can link the command on a fresh clone, before the build.
try {
  await import("../dist/bin.js")
} catch (error) {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && /dist[\\/]bin\.js/.test(String(error.message))) {
    process.stderr.write("The dugnad CLI is not built yet: run `npm run build` (or `npm install`) at the repository root.\n")
    process.exit(1)
  }
  throw error
}

/**
 * Runs the BUILT `dugnad` binary as a subprocess, through the launcher npm links
 * (packages/cli/bin/dugnad.cjs → dist/launch.cjs → dist/cli.cjs). The tests build nothing:
 * `npm install` at the root builds every workspace (`prepare` → `build`).
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")

/** The launcher, as npm links it. */
export const bin = path.join(packageDir, "bin", "dugnad.cjs")

/** The built CLI bundle and what the build made beside it. */
export const dist = {
  cli: path.join(packageDir, "dist", "cli.cjs"),
  launch: path.join(packageDir, "dist", "launch.cjs"),
  help: path.join(packageDir, "dist", "help.json")
}

export const assertBuilt = () => {
  for (const file of Object.values(dist)) {
    if (!fs.existsSync(file)) {
      throw new Error(`${file} is missing: build the CLI first (npm run build at the repository root)`)
    }
  }
}

export interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `dugnad …args` with a clean environment: no DUGNAD_* variables, no colour. */
export const dugnad = (args: ReadonlyArray<string>, env: Record<string, string> = {}): Run => {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("DUGNAD_"))
  ) as Record<string, string>
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    env: { ...clean, NO_COLOR: "1", ...env },
    timeout: 60_000
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** The JSON a command printed on stdout. */
export const json = (run: Run): any => {
  try {
    return JSON.parse(run.stdout)
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`)
  }
}

const require = createRequire(import.meta.url)

/**
 * Every row of every Dugnad table, read straight from the SQLite file: equal before and after a
 * failed command means it wrote nothing.
 */
export const snapshot = (filename: string): Record<string, string> => {
  const Database = require("better-sqlite3") as new(file: string, options: { readonly: boolean }) => {
    prepare: (sql: string) => { all: () => Array<Record<string, unknown>>; get: () => Record<string, unknown> }
    close: () => void
  }
  const db = new Database(filename, { readonly: true })
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'dugnad_%' ORDER BY name")
      .all().map((row) => String(row["name"]))
    return Object.fromEntries(
      tables.map((table) => [table, JSON.stringify(db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all())])
    )
  } finally {
    db.close()
  }
}

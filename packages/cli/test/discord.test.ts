/**
 * `dugnad discord`: the Discord bot run from the CLI, through the built binary. The adapter (and
 * discord.js with it) stays outside the CLI bundle and is loaded only by this command.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import { beforeAll, describe, expect, it } from "vitest"
import { assertBuilt, bin, dist } from "./helpers.js"

beforeAll(assertBuilt)

/** Runs `dugnad …args` without any DISCORD_* or DUGNAD_* variable. */
const dugnadWithoutDiscord = (args: ReadonlyArray<string>) => {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("DISCORD_") && !key.startsWith("DUGNAD_"))
  ) as Record<string, string>
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...env, NO_COLOR: "1" }, timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe("dugnad discord", () => {
  it("GIVEN no Discord variables WHEN dugnad discord runs THEN one line names the missing ones, exit code 2", () => {
    const run = dugnadWithoutDiscord(["discord"])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe("")
    expect(run.stderr).toBe("DISCORD_TOKEN is not set. DISCORD_APPLICATION_ID is not set.\n")
  })

  it("GIVEN the build THEN the bot is not in the CLI bundle: it is required only when dugnad discord runs", () => {
    const bundle = fs.readFileSync(dist.cli, "utf8")
    expect(bundle).toContain(`require("@dugnad/adapter-discord/Main")`)
    expect(bundle).not.toContain("GatewayIntentBits")
    expect(bundle).not.toMatch(/require\("discord\.js"\)/)
  })

  it("GIVEN dugnad discord --help THEN its help, from the build", () => {
    const run = dugnadWithoutDiscord(["discord", "--help"])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("DISCORD_TOKEN")
  })
})

/**
 * Running the bot (`Main.run`): the one-line refusal of missing or invalid variables (exit code 2,
 * never a value), the started line, and a clean stop; the built `dugnad-mattermost` binary the
 * same way, stopped by SIGTERM.
 */
import { spawn, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { run } from "../src/Main.js"
import { FakeMattermost } from "./fake/FakeMattermost.js"
import { freePort, onCleanup, secret } from "./support.js"

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const binary = path.join(packageDir, "bin", "dugnad-mattermost.js")
const built = fs.existsSync(path.join(packageDir, "dist", "Main.js"))

const envFor = async (mm: FakeMattermost) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-mm-main-"))
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }))
  const port = await freePort()
  return {
    port,
    env: {
      MATTERMOST_URL: mm.url,
      MATTERMOST_TOKEN: mm.token,
      MATTERMOST_COMMAND_TOKEN: mm.commandToken,
      MATTERMOST_HMAC_SECRET: secret,
      MATTERMOST_PUBLIC_URL: `http://127.0.0.1:${port}`,
      MATTERMOST_HTTP_PORT: String(port),
      DUGNAD_DB: path.join(dir, "bot.db")
    }
  }
}

describe("Main.run", () => {
  it("missing and invalid variables: one line naming them, never a value, exit code 2", async () => {
    const lines: Array<string> = []
    let code: number | undefined
    const running = await run({
      env: { MATTERMOST_URL: "chat.example.org", MATTERMOST_HMAC_SECRET: "short-secret-value" },
      error: (line) => lines.push(line),
      exit: (exit) => (code = exit),
      signals: false
    })
    expect(running).toBeUndefined()
    expect(code).toBe(2)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain("MATTERMOST_URL")
    expect(lines[0]).toContain("MATTERMOST_TOKEN is not set")
    expect(lines[0]).toContain("MATTERMOST_HMAC_SECRET must be at least 32 characters")
    expect(lines[0]).not.toContain("short-secret-value")
  })

  it("starts with one line, answers the slash command, and stops", async () => {
    const mm = await FakeMattermost.start()
    onCleanup(() => mm.close())
    const { env, port } = await envFor(mm)
    const logged: Array<string> = []
    const running = await run({ env, log: (line) => logged.push(line), error: (line) => logged.push(line), signals: false, host: "127.0.0.1" })
    expect(running).toBeDefined()
    onCleanup(() => running!.stop())
    expect(logged).toEqual([`Dugnad on Mattermost: listening on :${port} for http://127.0.0.1:${port}, server ${mm.url}.`])
    const help = await mm.slashCommand({ url: `http://127.0.0.1:${port}/slash`, user: "carol", text: "help" })
    expect(help.status).toBe(200)
    await running!.stop()
    await expect(fetch(`http://127.0.0.1:${port}/slash`, { method: "POST" })).rejects.toThrow()
  })

  it("a port in use: one line, exit code 1", async () => {
    const mm = await FakeMattermost.start()
    onCleanup(() => mm.close())
    const { env } = await envFor(mm)
    const lines: Array<string> = []
    let code: number | undefined
    const blocker = await run({ env, log: () => undefined, signals: false })
    onCleanup(() => blocker!.stop())
    const second = await run({ env, error: (line) => lines.push(line), exit: (exit) => (code = exit), signals: false })
    expect(second).toBeUndefined()
    expect(code).toBe(1)
    expect(lines).toEqual([`Dugnad on Mattermost did not start: port ${env.MATTERMOST_HTTP_PORT} (MATTERMOST_HTTP_PORT) is in use.`])
  })
})

describe.skipIf(!built)("the dugnad-mattermost binary", () => {
  const withoutMattermost = () =>
    Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("MATTERMOST_") && !key.startsWith("DUGNAD_"))) as Record<string, string>

  it("without variables: one line, exit code 2", () => {
    const result = spawnSync(process.execPath, [binary], { encoding: "utf8", env: withoutMattermost(), timeout: 30_000 })
    expect(result.status).toBe(2)
    expect(result.stdout).toBe("")
    expect(result.stderr).toBe(
      "MATTERMOST_URL is not set. MATTERMOST_TOKEN is not set. MATTERMOST_COMMAND_TOKEN is not set. MATTERMOST_HMAC_SECRET is not set. MATTERMOST_PUBLIC_URL is not set.\n"
    )
  })

  it("runs until SIGTERM, then stops cleanly (exit code 0)", async () => {
    const mm = await FakeMattermost.start()
    onCleanup(() => mm.close())
    const { env, port } = await envFor(mm)
    const child = spawn(process.execPath, [binary], { env: { ...withoutMattermost(), ...env }, stdio: ["ignore", "pipe", "pipe"] })
    onCleanup(() => void child.kill("SIGKILL"))
    let out = ""
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")))
    let err = ""
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")))
    const until = Date.now() + 20_000
    while (!out.includes("listening") && Date.now() < until && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(out, err).toContain(`listening on :${port}`)
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
    child.kill("SIGTERM")
    expect(await exited).toBe(0)
    expect(out).toContain("Dugnad on Mattermost: stopped (SIGTERM).")
  })
})

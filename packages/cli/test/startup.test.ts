/**
 * What makes the built binary start quickly must not change what it does: `--help` answered from
 * the help rendered at build time is the help the CLI prints itself, and the code cache the build
 * made is the one V8 takes.
 */
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import { beforeAll, describe, expect, it } from "vitest"
import { commandsByPath } from "../src/Cli.js"
import { assertBuilt, bin, dist, dugnad } from "./helpers.js"

/** Runs node with these arguments, without DUGNAD_* variables and colour; resolves with its output. */
const node = (args: ReadonlyArray<string>) =>
  new Promise<{ readonly code: number | null; readonly stdout: string }>((resolve, reject) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("DUGNAD_")))
    const child = spawn(process.execPath, args, { env: { ...env, NO_COLOR: "1" } })
    let stdout = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => stdout += chunk)
    child.on("error", reject).on("close", (code) => resolve({ code, stdout }))
  })

/** `--help` printed by the CLI itself, not from the build's texts. */
const liveHelp = (path: ReadonlyArray<string>) =>
  node(["-e", `require(${JSON.stringify(dist.cli)}).run(${JSON.stringify([...path, "--help"])})`])

beforeAll(assertBuilt)

describe("dugnad's start-up shortcuts", () => {
  it("GIVEN the build WHEN its help texts are read THEN there is one for dugnad and for every command", () => {
    const texts = JSON.parse(fs.readFileSync(dist.help, "utf8")) as Record<string, string>
    expect(Object.keys(texts).sort()).toEqual(["", ...commandsByPath.map(([path]) => path.join(" "))].sort())
  })

  it("GIVEN every command WHEN --help is answered from the build's texts THEN it is what the CLI prints itself", async () => {
    const paths = [[], ...commandsByPath.map(([path]) => path)]
    // Four at a time: each pair is two Node processes.
    for (let start = 0; start < paths.length; start += 4) {
      await Promise.all(paths.slice(start, start + 4).map(async (path) => {
        const [cached, live] = await Promise.all([node([bin, ...path, "--help"]), liveHelp(path)])
        expect(cached.code, path.join(" ")).toBe(0)
        expect(live.code, path.join(" ")).toBe(0)
        expect(cached.stdout, path.join(" ")).toBe(live.stdout)
      }))
    }
  }, 120_000)

  it("GIVEN -h, or --help after arguments and options WHEN run THEN it is the help of the command named", async () => {
    const reviewObject = (await liveHelp(["review", "object"])).stdout
    expect((await node([bin, "review", "object", "-h"])).stdout).toBe(reviewObject)
    expect((await node([bin, "review", "object", "k7m2qd", "--claim", "x", "--help"])).stdout).toBe(reviewObject)
    const board = await node([bin, "board", "--json", "--help"])
    expect(board.code).toBe(0)
    expect(board.stdout).toBe((await liveHelp(["board"])).stdout)
  })

  it("GIVEN the build's code cache WHEN a command runs THEN V8 takes it (it is not written again)", () => {
    const cacheFile = `${dist.cli}.cache`
    const before = fs.readFileSync(cacheFile)
    const { mtimeMs } = fs.statSync(cacheFile)
    const result = dugnad(["primer", "--db", "/nonexistent/dugnad.db"])
    expect(result.code).toBe(1)
    expect(fs.statSync(cacheFile).mtimeMs).toBe(mtimeMs)
    expect(fs.readFileSync(cacheFile).equals(before)).toBe(true)
  })

  it("GIVEN the completions command WHEN asked for bash THEN bash reads the script without error", async () => {
    const script = dugnad(["completions", "bash"])
    expect(script.code).toBe(0)
    const { spawnSync } = await import("node:child_process")
    const check = spawnSync("bash", ["-n"], { input: script.stdout, encoding: "utf8" })
    expect(check.status, check.stderr).toBe(0)
    expect(script.stdout).toContain("member")
  })
})

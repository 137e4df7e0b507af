import { afterEach, beforeEach, describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { cacheFileOf, identityOf, loadWithCodeCache, writeCodeCache } from "../src/CodeCache.js"

let directory: string
let bundle: string

const writeBundle = (answer: number) =>
  fs.writeFileSync(bundle, `const path = require("node:path"); exports.answer = ${answer}; exports.base = path.basename(__filename)`)

beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-code-cache-"))
  bundle = path.join(directory, "bundle.cjs")
  writeBundle(41)
})

afterEach(() => fs.rmSync(directory, { recursive: true, force: true }))

describe("CodeCache", () => {
  it("GIVEN a bundle without a cache WHEN loaded THEN it runs as require would, and says the cache was not used", () => {
    const loaded = loadWithCodeCache<{ answer: number; base: string }>(bundle, { writeOnExit: false })
    expect(loaded.exports).toEqual({ answer: 41, base: "bundle.cjs" })
    expect(loaded.cached).toBe(false)
    expect(fs.existsSync(cacheFileOf(bundle))).toBe(false)
  })

  it("GIVEN a cache written after a load WHEN loaded again THEN V8 takes it and the exports are the same", () => {
    const first = loadWithCodeCache<{ answer: number }>(bundle, { writeOnExit: false })
    expect(writeCodeCache(bundle, first.script)).toBe(true)
    const second = loadWithCodeCache<{ answer: number }>(bundle, { writeOnExit: false })
    expect(second.cached).toBe(true)
    expect(second.exports.answer).toBe(41)
  })

  it("GIVEN a cache of an earlier build of the same length WHEN loaded THEN the cache is not used and the new code runs", () => {
    const first = loadWithCodeCache<{ answer: number }>(bundle, { writeOnExit: false })
    writeCodeCache(bundle, first.script)
    writeBundle(42)
    // Same length, later modification time: V8 alone would take the old cache.
    fs.utimesSync(bundle, new Date(), new Date(Date.now() + 5_000))
    const second = loadWithCodeCache<{ answer: number }>(bundle, { writeOnExit: false })
    expect(second.cached).toBe(false)
    expect(second.exports.answer).toBe(42)
  })

  it("GIVEN a bundle with a build id WHEN its files get new times (as npm sets them) THEN the cache is still taken; a new id is not", () => {
    fs.appendFileSync(bundle, "\n//# build-id=0123abcd\n")
    const first = loadWithCodeCache<{ answer: number }>(bundle, { writeOnExit: false })
    writeCodeCache(bundle, first.script)
    fs.utimesSync(bundle, new Date(0), new Date(500_000_000_000))
    expect(loadWithCodeCache(bundle, { writeOnExit: false }).cached).toBe(true)
    fs.writeFileSync(bundle, fs.readFileSync(bundle, "utf8").replace("0123abcd", "4567cdef"))
    expect(loadWithCodeCache(bundle, { writeOnExit: false }).cached).toBe(false)
  })

  it("GIVEN a cache file that is not a V8 cache WHEN loaded THEN V8 rejects it and the bundle still runs", () => {
    const identity = identityOf(bundle, fs.readFileSync(bundle, "utf8"))
    fs.writeFileSync(cacheFileOf(bundle), Buffer.concat([Buffer.from(identity), Buffer.from("not a cache")]))
    const loaded = loadWithCodeCache<{ answer: number }>(bundle, { writeOnExit: false })
    expect(loaded.cached).toBe(false)
    expect(loaded.exports.answer).toBe(41)
  })

  it("GIVEN a folder that cannot be written WHEN the cache is written THEN it says so and leaves nothing behind", () => {
    const loaded = loadWithCodeCache(bundle, { writeOnExit: false })
    fs.rmSync(directory, { recursive: true, force: true })
    expect(writeCodeCache(bundle, loaded.script)).toBe(false)
  })
})

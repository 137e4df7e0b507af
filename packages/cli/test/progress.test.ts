import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import * as Progress from "../src/Progress.js"
import { ui } from "../src/Ui.js"

/** A stream that keeps what is written to it. */
const fakeStream = (isTTY: boolean) => {
  const writes: Array<string> = []
  return { isTTY, writes, write: (text: string) => writes.push(text) }
}

const NBSP = "\u00A0"

describe("the progress line", () => {
  describe("wording", () => {
    it("GIVEN Norwegian WHEN 1 200 of 5 000 rows are done THEN the counts are grouped and the per cent written the Norwegian way", () => {
      assert.strictEqual(ui("nb").importing(1200, 5000), `Importerer: 1${NBSP}200 / 5${NBSP}000 rader (24${NBSP}%)`)
      assert.strictEqual(ui("nb").importing(0, 1), `Importerer: 0 / 1 rad (0${NBSP}%)`)
    })

    it("GIVEN English WHEN 1,200 of 5,000 rows are done THEN the counts are grouped the English way", () => {
      assert.strictEqual(ui("en").importing(1200, 5000), "Importing: 1,200 / 5,000 rows (24%)")
      assert.strictEqual(ui("en").importing(1, 1), "Importing: 1 / 1 row (100%)")
    })

    it("GIVEN all rows but one done WHEN worded THEN the per cent is rounded down: 100 % means done", () => {
      assert.strictEqual(ui("en").importing(4999, 5000), "Importing: 4,999 / 5,000 rows (99%)")
      assert.strictEqual(ui("en").importing(1199, 5000), "Importing: 1,199 / 5,000 rows (23%)")
    })
  })

  describe("drawing", () => {
    const render = ui("en").importing

    it.effect("GIVEN a terminal WHEN progress comes faster than ten a second THEN the line is drawn at once, then at most every 100 ms, rewritten in place", () =>
      Effect.gen(function*() {
        const stream = fakeStream(true)
        const line = yield* Progress.make(stream, { render, enabled: true })
        yield* line.update({ done: 0, total: 5000 })
        yield* line.update({ done: 1, total: 5000 })
        yield* TestClock.adjust("99 millis")
        yield* line.update({ done: 2, total: 5000 })
        yield* TestClock.adjust("1 millis")
        yield* line.update({ done: 1200, total: 5000 })
        yield* line.update({ done: 1201, total: 5000 })
        assert.deepStrictEqual(stream.writes, [
          "\rImporting: 0 / 5,000 rows (0%)",
          "\rImporting: 1,200 / 5,000 rows (24%)"
        ])
      }))

    it.effect("GIVEN a longer line drawn before WHEN a shorter one is drawn THEN spaces cover the rest of the old one", () =>
      Effect.gen(function*() {
        const stream = fakeStream(true)
        const line = yield* Progress.make(stream, { render: (done) => "#".repeat(done), enabled: true, intervalMillis: 0 })
        yield* line.update({ done: 5, total: 5 })
        yield* line.update({ done: 2, total: 5 })
        assert.deepStrictEqual(stream.writes, ["\r#####", "\r##   "])
      }))

    it.effect("GIVEN a drawn line WHEN cleared THEN it is blanked and the cursor is back at its start; a second clear writes nothing", () =>
      Effect.gen(function*() {
        const stream = fakeStream(true)
        const line = yield* Progress.make(stream, { render, enabled: true })
        yield* line.update({ done: 5000, total: 5000 })
        yield* line.clear
        yield* line.clear
        const drawn = "Importing: 5,000 / 5,000 rows (100%)"
        assert.deepStrictEqual(stream.writes, [`\r${drawn}`, `\r${" ".repeat(drawn.length)}\r`])
      }))

    it.effect("GIVEN a terminal and nothing drawn WHEN cleared THEN nothing is written", () =>
      Effect.gen(function*() {
        const stream = fakeStream(true)
        const line = yield* Progress.make(stream, { render, enabled: true })
        yield* line.clear
        assert.deepStrictEqual(stream.writes, [])
      }))

    it.effect("GIVEN a stream that is not a terminal, or --json WHEN progress comes and ends THEN nothing is written", () =>
      Effect.gen(function*() {
        for (const [stream, enabled] of [[fakeStream(false), true], [fakeStream(true), false]] as const) {
          const line = yield* Progress.make(stream, { render, enabled })
          yield* line.update({ done: 0, total: 3 })
          yield* TestClock.adjust("1 second")
          yield* line.update({ done: 3, total: 3 })
          yield* line.clear
          assert.deepStrictEqual(stream.writes, [])
        }
      }))
  })
})

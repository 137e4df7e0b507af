import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { type Responder, respondWithin } from "../src/Deadline.js"

const recording = () => {
  const calls: Array<string> = []
  const responder: Responder<string> = {
    answer: (result) => Effect.sync(() => void calls.push(`answer:${result}`)),
    defer: Effect.sync(() => void calls.push("defer")),
    edit: (result) => Effect.sync(() => void calls.push(`edit:${result}`))
  }
  return { calls, responder }
}

describe("Deadline", () => {
  it.effect("GIVEN quick work WHEN it is done before the deadline THEN it is answered directly, never deferred", () =>
    Effect.gen(function*() {
      const { calls, responder } = recording()
      const running = yield* Effect.fork(respondWithin(Effect.as(Effect.sleep("500 millis"), "done"), responder))
      yield* TestClock.adjust("500 millis")
      expect(yield* Fiber.join(running)).toBe(false)
      expect(calls).toEqual(["answer:done"])
    }))

  it.effect("GIVEN slow work WHEN the deadline passes THEN it is deferred at the deadline and the answer edited in later", () =>
    Effect.gen(function*() {
      const { calls, responder } = recording()
      const running = yield* Effect.fork(respondWithin(Effect.as(Effect.sleep("10 seconds"), "late"), responder, "2 seconds"))
      yield* TestClock.adjust("1999 millis")
      expect(calls).toEqual([])
      yield* TestClock.adjust("1 millis")
      expect(calls).toEqual(["defer"])
      yield* TestClock.adjust("8 seconds")
      expect(yield* Fiber.join(running)).toBe(true)
      expect(calls).toEqual(["defer", "edit:late"])
    }))
})

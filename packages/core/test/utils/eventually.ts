import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import * as TestServices from "effect/TestServices"

/**
 * Waits in real time until `check` gives a value that satisfies `until`, and returns it. For tests
 * on the test clock whose fibers wait on real I/O (SQLite, PostgreSQL): the test clock does not move.
 */
export const eventually = <A, E, R>(check: Effect.Effect<A, E, R>, until: (value: A) => boolean) =>
  check.pipe(
    Effect.filterOrFail(until),
    Effect.retry(Schedule.spaced("10 millis")),
    Effect.timeoutFail({ duration: "10 seconds", onTimeout: () => new Error("condition never held") }),
    TestServices.provideLive
  )

/**
 * Discord's three seconds: an interaction must be answered, or deferred, within 3 s of being sent,
 * or the user sees "The application did not respond". Work that is quick is answered directly;
 * work that is not is deferred when the deadline nears ("Dugnad is thinking…") and the answer is
 * edited in when it is ready (the interaction token lives 15 minutes).
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"

/**
 * How an interaction is answered: at once, or deferred and then edited.
 *
 * @since 0.1.0
 * @category model
 */
export interface Responder<A, E = never, R = never> {
  readonly answer: (result: A) => Effect.Effect<void, E, R>
  readonly defer: Effect.Effect<void, E, R>
  readonly edit: (result: A) => Effect.Effect<void, E, R>
}

/**
 * When to defer: well before Discord's 3 s, leaving room for the deferral itself to travel.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultDeadline: Duration.Duration = Duration.millis(2_000)

/**
 * Runs `work` and answers with its result: directly when it is done within `deadline`, else by
 * deferring at the deadline and editing the answer in when the work is done. Returns whether the
 * interaction was deferred.
 *
 * @since 0.1.0
 * @category deadline
 */
export const respondWithin = <A, R, E2, R2>(
  work: Effect.Effect<A, never, R>,
  responder: Responder<A, E2, R2>,
  deadline: Duration.DurationInput = defaultDeadline
): Effect.Effect<boolean, E2, R | R2> =>
  Effect.gen(function*() {
    const running = yield* Effect.fork(work)
    const early = yield* Effect.timeoutOption(Fiber.join(running), deadline)
    if (Option.isSome(early)) {
      yield* responder.answer(early.value)
      return false
    }
    yield* responder.defer
    yield* responder.edit(yield* Fiber.join(running))
    return true
  })

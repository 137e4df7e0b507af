import * as Effect from "effect/Effect"
import * as Random from "effect/Random"

// No 0/o, 1/l/i: ids are read aloud in meetings and typed from screenshots.
const alphabet = "23456789abcdefghjkmnpqrstuvwxyz"

/** A short random id that is easy to read and type, e.g. `k7m2qd`. */
export const shortId = (length: number): Effect.Effect<string> =>
  Effect.gen(function*() {
    let id = ""
    for (let i = 0; i < length; i++) id += alphabet[yield* Random.nextIntBetween(0, alphabet.length)]
    return id
  })

import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Postgres from "../src/Postgres.js"

describe("Postgres", () => {
  it.live("GIVEN a server that does not answer WHEN the store opens THEN StoreUnavailable, with the password left out", () =>
    Effect.gen(function*() {
      const url = Redacted.make("postgres://dugnad:s3cret-passord@127.0.0.1:1/dugnad")
      const result = yield* Effect.either(Layer.build(Postgres.layer({ url })).pipe(Effect.scoped))
      assert.isTrue(Either.isLeft(result))
      if (Either.isLeft(result)) {
        assert.strictEqual(result.left._tag, "StoreUnavailable")
        assert.strictEqual(result.left.location, "postgres://dugnad@127.0.0.1:1/dugnad")
        assert.notInclude(JSON.stringify(result.left), "s3cret")
        assert.notInclude(String(result.left), "s3cret")
      }
    }), 30_000)
})

import { assert, describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import { fromStored, fromStoredTrusted, ItemEvent, schemaVersions, toStored } from "../src/ItemEvent.js"

const anyEvent = Arbitrary.make(ItemEvent)
const tags = Object.keys(schemaVersions).sort()

describe("ItemEvent", () => {
  it("GIVEN the event union WHEN listing its members THEN every event type has a schema version", () => {
    const tagOf = (ast: SchemaAST.AST) =>
      SchemaAST.getPropertySignatures(ast).flatMap((signature) =>
        signature.name === "_tag" && SchemaAST.isLiteral(signature.type) ? [String(signature.type.literal)] : []
      )
    const members = ItemEvent.members.flatMap((member) => tagOf(member.ast)).sort()
    assert.deepStrictEqual(members, tags)
  })

  it("GIVEN any event WHEN stored as JSON and read back THEN it is the same event", () => {
    const seen = new Set<string>()
    FastCheck.assert(
      FastCheck.property(anyEvent, (event) => {
        seen.add(event._tag)
        const stored = JSON.parse(JSON.stringify(toStored(event)))
        assert.strictEqual(stored.type, event._tag)
        assert.strictEqual(stored.version, 1)
        const decoded = Either.getOrThrow(fromStored(stored))
        assert.deepStrictEqual(decoded, event)
      }),
      { numRuns: 2_000 }
    )
    assert.deepStrictEqual([...seen].sort(), tags, "some event types were never generated")
  })

  it("GIVEN any event WHEN read back with the trusted decoder THEN it equals the checked decode", () => {
    FastCheck.assert(
      FastCheck.property(anyEvent, (event) => {
        const stored = JSON.parse(JSON.stringify(toStored(event)))
        const trusted = Either.getOrThrow(fromStoredTrusted(stored))
        assert.deepStrictEqual(trusted, Either.getOrThrow(fromStored(stored)))
        assert.deepStrictEqual(trusted, event)
      }),
      { numRuns: 2_000 }
    )
  })

  it("GIVEN an envelope the trusted decoder does not know WHEN read THEN it falls back to the checked decode", () => {
    assert.strictEqual(
      Either.getLeft(fromStoredTrusted({ type: "IdeaAccepted", version: 2, data: {} })).pipe((error) =>
        error._tag === "Some" ? error.value.problem : "none"
      ),
      "newer_version"
    )
    assert.isTrue(Either.isLeft(fromStoredTrusted({ type: "IdeaAccepted", version: 1, data: { at: "not a time" } })))
  })

  it("GIVEN an envelope of an unknown type WHEN read THEN a typed unknown_type error", () => {
    const result = fromStored({ type: "IdeaTeleported", version: 1, data: {} })
    assert.deepStrictEqual(Either.getLeft(result).pipe((error) => error._tag === "Some" && error.value.problem), "unknown_type")
  })

  it("GIVEN an envelope from a newer release WHEN read THEN a typed newer_version error, not a guess", () => {
    const result = fromStored({ type: "IdeaAccepted", version: 2, data: {} })
    assert.isTrue(Either.isLeft(result))
    if (Either.isLeft(result)) assert.strictEqual(result.left.problem, "newer_version")
  })

  it("GIVEN data that does not match the schema WHEN read THEN invalid_data with the path of the problem", () => {
    const result = fromStored({
      type: "IdeaParked",
      version: 1,
      data: { _tag: "IdeaParked", by: "ingrid", at: "2026-03-02T09:00:00.000Z", reason: "" }
    })
    assert.isTrue(Either.isLeft(result))
    if (Either.isLeft(result)) {
      assert.strictEqual(result.left.problem, "invalid_data")
      assert.include(result.left.detail, "reason")
    }
  })

  it("GIVEN an event WHEN encoded THEN its times are ISO strings (a stable, readable wire format)", () => {
    const [event] = FastCheck.sample(anyEvent, 1)
    const encoded = Schema.encodeSync(ItemEvent)(event!)
    assert.strictEqual(encoded.at, DateTime.formatIso(event!.at))
  })
})

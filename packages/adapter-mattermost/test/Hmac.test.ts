/**
 * Signed button contexts: what a forger, a tamperer or time can and cannot get through.
 */
import { describe, expect, it, vi } from "vitest"
import * as Either from "effect/Either"

const spy = vi.hoisted(() => ({ calls: 0 }))
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>()
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      spy.calls++
      return actual.timingSafeEqual(a, b)
    }
  }
})

const Hmac = await import("../src/Hmac.js")

const secret = "s".repeat(16) + "0123456789abcdef0123"
const key = Hmac.make(secret)
const nowMs = Date.UTC(2026, 0, 15, 12)
const day = 24 * 60 * 60 * 1000
const action = { _tag: "approveFacts", item: "k7m2qd", revision: 3 } as const
const claims = { action: action as never, team: "team1", post: "post1" }

const reasonOf = (result: Either.Either<unknown, { readonly reason: string }>) =>
  Either.isLeft(result) ? result.left.reason : "accepted"

describe("Hmac", () => {
  it("GIVEN a signed context WHEN verified from the same team and post THEN the action, team, post and time come back", () => {
    const context = Hmac.sign(key, claims, nowMs)!
    expect(context.action).toBe("dg1|approveFacts|k7m2qd|3")
    const verified = Hmac.verify(key, JSON.parse(JSON.stringify(context)), { nowMs: nowMs + day, team: "team1", post: "post1" })
    expect(Either.getOrThrow(verified)).toMatchObject({ action, actionId: "dg1|approveFacts|k7m2qd|3", team: "team1", post: "post1" })
  })

  it("GIVEN a signed context WHEN any field or one byte of the MAC is changed THEN Forged", () => {
    const context = Hmac.sign(key, claims, nowMs)!
    const check = { nowMs }
    expect(reasonOf(Hmac.verify(key, { ...context, action: "dg1|approvePublication|k7m2qd|3" }, check))).toBe("Forged")
    expect(reasonOf(Hmac.verify(key, { ...context, team: "team2" }, check))).toBe("Forged")
    expect(reasonOf(Hmac.verify(key, { ...context, post: "post2" }, check))).toBe("Forged")
    expect(reasonOf(Hmac.verify(key, { ...context, issued: context.issued + 1 }, check))).toBe("Forged")
    const mac = Buffer.from(context.mac, "base64url")
    mac[5] = mac[5]! ^ 0x01
    expect(reasonOf(Hmac.verify(key, { ...context, mac: mac.toString("base64url") }, check))).toBe("Forged")
    expect(reasonOf(Hmac.verify(key, { ...context, mac: "short" }, check))).toBe("Forged")
  })

  it("GIVEN a context signed with another secret WHEN verified THEN Forged", () => {
    const other = Hmac.make("another-secret-that-is-long-enough-0123")
    expect(reasonOf(Hmac.verify(key, Hmac.sign(other, claims, nowMs), { nowMs }))).toBe("Forged")
  })

  it("GIVEN a context older than the limit, or from the future WHEN verified THEN Expired / NotYetValid; the limit is configurable", () => {
    const context = Hmac.sign(key, claims, nowMs)!
    expect(reasonOf(Hmac.verify(key, context, { nowMs: nowMs + 30 * day - 1000 }))).toBe("accepted")
    expect(reasonOf(Hmac.verify(key, context, { nowMs: nowMs + 31 * day }))).toBe("Expired")
    expect(reasonOf(Hmac.verify(key, context, { nowMs: nowMs - day }))).toBe("NotYetValid")
    const short = Hmac.make(secret, { maxAgeMs: 60_000 })
    expect(reasonOf(Hmac.verify(short, Hmac.sign(short, claims, nowMs), { nowMs: nowMs + 120_000 }))).toBe("Expired")
  })

  it("GIVEN a genuine context WHEN clicked from another team or post THEN WrongTeam / WrongPost; a DM (no team) passes", () => {
    const context = Hmac.sign(key, claims, nowMs)!
    expect(reasonOf(Hmac.verify(key, context, { nowMs, team: "team2" }))).toBe("WrongTeam")
    expect(reasonOf(Hmac.verify(key, context, { nowMs, post: "post2" }))).toBe("WrongPost")
    expect(reasonOf(Hmac.verify(key, context, { nowMs, team: "", post: "post1" }))).toBe("accepted")
  })

  it("GIVEN junk WHEN verified THEN Malformed, never a throw", () => {
    for (const junk of [undefined, null, 3, "x", [], {}, { v: 1 }, { v: 2, action: "a", team: "t", issued: 1, mac: "m" }]) {
      expect(reasonOf(Hmac.verify(key, junk, { nowMs }))).toBe("Malformed")
    }
  })

  it("GIVEN a dialog state WHEN it round-trips THEN verified; tampered THEN refused", () => {
    const state = Hmac.signState(key, { action: { _tag: "submitIdea" } as never, team: "team1" }, nowMs)!
    expect(Either.isRight(Hmac.verifyState(key, state, { nowMs, team: "team1" }))).toBe(true)
    expect(Either.isLeft(Hmac.verifyState(key, state.slice(0, -2) + "AA", { nowMs }))).toBe(true)
    expect(reasonOf(Hmac.verifyState(key, "not base64!", { nowMs }))).toBe("Malformed")
  })

  it("GIVEN any verification WHEN it compares MACs THEN crypto.timingSafeEqual is used, for good and bad MACs alike", () => {
    const context = Hmac.sign(key, claims, nowMs)!
    spy.calls = 0
    Hmac.verify(key, context, { nowMs })
    Hmac.verify(key, { ...context, mac: "A".repeat(43) }, { nowMs })
    Hmac.verify(key, { ...context, mac: "short" }, { nowMs })
    expect(spy.calls).toBe(3)
  })

  it("GIVEN a short secret WHEN making the key THEN a TypeError that does not contain it", () => {
    expect(() => Hmac.make("short-secret")).toThrow(TypeError)
    try {
      Hmac.make("short-secret")
    } catch (error) {
      expect(String(error)).not.toContain("short-secret")
    }
  })
})

describe("Hmac.signer (Render.SignContext)", () => {
  it("GIVEN the signer WHEN it signs an encoded id for a workspace THEN verify accepts it for that workspace", () => {
    const sign = Hmac.signer(key, () => nowMs)
    const context = sign("dg1|acceptIdea|k7m2qd", "mattermost-team1")
    expect(Either.getOrThrow(Hmac.verify(key, context, { nowMs, team: "mattermost-team1" })).action).toEqual({ _tag: "acceptIdea", item: "k7m2qd" })
    expect(reasonOf(Hmac.verify(key, context, { nowMs, team: "team1" }))).toBe("WrongTeam")
  })
})

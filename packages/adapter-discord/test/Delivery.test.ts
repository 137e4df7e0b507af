import { describe, expect, it } from "@effect/vitest"
import { DiscordAPIError } from "discord.js"
import { deliveryFailure, nonceOf } from "../src/Delivery.js"

describe("Delivery", () => {
  it("GIVEN a notification and a place WHEN its nonce is made THEN it is stable, at most 25 characters, and differs per place", () => {
    const first = nonceOf("w-1:k7m2qd:4", "user:123")
    expect(first).toBe(nonceOf("w-1:k7m2qd:4", "user:123"))
    expect(first.length).toBeLessThanOrEqual(25)
    expect(nonceOf("w-1:k7m2qd:4", "user:456")).not.toBe(first)
    expect(nonceOf("w-1:k7m2qd:5", "user:123")).not.toBe(first)
  })

  it("GIVEN Discord refusing a DM (50007) or an unknown channel WHEN mapped THEN the failure is permanent; a 500 is not", () => {
    const refused = new DiscordAPIError({ code: 50007, message: "Cannot send messages to this user" }, 50007, 403, "POST", "/users/@me/channels", {})
    expect(deliveryFailure("n1", refused).permanent).toBe(true)
    const unknown = new DiscordAPIError({ code: 10003, message: "Unknown Channel" }, 10003, 404, "POST", "/channels/1/messages", {})
    expect(deliveryFailure("n1", unknown).permanent).toBe(true)
    const outage = new DiscordAPIError({ code: 0, message: "Internal Server Error" }, 0, 500, "POST", "/channels/1/messages", {})
    const failure = deliveryFailure("n1", outage)
    expect(failure.permanent).toBe(false)
    expect(failure.reason).toContain("500")
  })
})

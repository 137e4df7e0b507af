import { describe, expect, it } from "vitest"
import { deliveryFailure, pendingPostIdOf, statusOf } from "../src/Delivery.js"

describe("Delivery", () => {
  it("GIVEN a notification and a place WHEN its pending_post_id is made THEN it is stable, web-app shaped, and differs by place", () => {
    const id = pendingPostIdOf("ws/item/3", "thread:mattermost-u1")
    expect(id).toMatch(/^[0-9a-f]{26}:\d{13}$/)
    expect(pendingPostIdOf("ws/item/3", "thread:mattermost-u1")).toBe(id)
    expect(pendingPostIdOf("ws/item/3", "direct:u1")).not.toBe(id)
    expect(pendingPostIdOf("ws/item/4", "thread:mattermost-u1")).not.toBe(id)
  })

  it("GIVEN failed calls WHEN classified THEN 5xx, 429 and network failures are retried; 400, 403 and 404 are permanent", () => {
    const clientError = (status: number) => Object.assign(new Error("nope"), { status_code: status, server_error_id: "x.y" })
    expect(deliveryFailure("n", clientError(500)).permanent).toBe(false)
    expect(deliveryFailure("n", clientError(503)).permanent).toBe(false)
    expect(deliveryFailure("n", clientError(429)).permanent).toBe(false)
    expect(deliveryFailure("n", new TypeError("fetch failed")).permanent).toBe(false)
    for (const status of [400, 403, 404]) expect(deliveryFailure("n", clientError(status)).permanent).toBe(true)
    expect(deliveryFailure("n", clientError(404)).reason).toBe("Error 404 (x.y): nope")
    expect(statusOf({ status: "502" })).toBe(502)
    expect(statusOf("boom")).toBeUndefined()
  })
})

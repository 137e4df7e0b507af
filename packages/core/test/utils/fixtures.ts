import * as DateTime from "effect/DateTime"
import type { DraftBody } from "../../src/Draft.js"
import { GoalId, ItemId, MemberId } from "../../src/Ids.js"
import type { Actor } from "../../src/Member.js"
import { isItemNotification, type Notification, type OutboxMessage } from "../../src/Notification.js"

/** The cast of the article: an advisor, two subject experts, a manager who is also an expert, and a colleague. */
export const ids = {
  item: ItemId.make("it1"),
  followUp: ItemId.make("it2"),
  ingrid: MemberId.make("ingrid"), // communications advisor
  tor: MemberId.make("tor"), // second advisor
  per: MemberId.make("per"), // subject expert (fisheries)
  siri: MemberId.make("siri"), // subject expert (climate)
  magnus: MemberId.make("magnus"), // manager and expert
  ola: MemberId.make("ola"), // colleague
  goal: GoalId.make("G1")
} as const

export const actors = {
  ingrid: { id: ids.ingrid, roles: ["member", "advisor"] },
  tor: { id: ids.tor, roles: ["member", "advisor"] },
  per: { id: ids.per, roles: ["member", "expert"] },
  siri: { id: ids.siri, roles: ["member", "expert"] },
  magnus: { id: ids.magnus, roles: ["member", "manager", "expert"] },
  ola: { id: ids.ola, roles: ["member"] }
} as const satisfies Record<string, Actor>

export const t0 = DateTime.unsafeMake("2026-03-02T09:00:00Z")
export const at = (minutes: number) => DateTime.addDuration(t0, `${minutes} minutes`)

export const body = (text: string, extra: Partial<DraftBody> = {}): DraftBody => ({
  text,
  perNetwork: {},
  media: [{ kind: "image", url: "https://example.org/kysten.jpg", alt: "Fiskebåt ved kaia i morgenlys" }],
  networks: ["facebook", "linkedin"],
  ...extra
})

/** The item notification in an outbox row (the tests that use it write no reminders). */
export const asNotification = (message: OutboxMessage): Notification => {
  if (!isItemNotification(message)) throw new Error(`expected an item notification, got ${message.id}`)
  return message
}

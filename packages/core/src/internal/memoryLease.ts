import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type { LeaseService } from "../Lease.js"

/** Fresh in-memory leases. Each operation is one synchronous step, hence atomic on one runtime. */
export const make = Effect.sync((): LeaseService => {
  const leases = new Map<string, { readonly holder: string; readonly expiresAt: number }>()
  return {
    acquire: (name, holder, ttl) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        const current = leases.get(name)
        if (current !== undefined && current.expiresAt > now && current.holder !== holder) return false
        leases.set(name, { holder, expiresAt: now + Duration.toMillis(ttl) })
        return true
      }),
    release: (name, holder) =>
      Effect.sync(() => {
        if (leases.get(name)?.holder === holder) leases.delete(name)
      })
  }
})

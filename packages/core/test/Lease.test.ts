/**
 * The scheduler lease on every backend (in memory, SQLite, PostgreSQL): one holder at a time,
 * renewal, takeover after expiry, release, and `withLease`.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import type * as Scope from "effect/Scope"
import * as TestClock from "effect/TestClock"
import type { StoreUnavailable } from "../src/Errors.js"
import { Lease, type LeaseService, withLease } from "../src/Lease.js"
import * as SqlLease from "../src/SqlLease.js"
import { eventually } from "./utils/eventually.js"
import {
  checkPostgres,
  postgresSqlStore,
  postgresStorePair,
  type SqlStoreLayer,
  sqliteSqlStore,
  sqliteStorePair
} from "./utils/stores.js"

const schedulers = "schedulers"

const leaseSuite = (name: string, make: () => Layer.Layer<Lease, StoreUnavailable>) =>
  describe(`Lease: ${name}`, () => {
    const test = (title: string, body: () => Effect.Effect<void, unknown, Lease | Scope.Scope>) =>
      it.effect(title, () => Effect.scoped(Effect.provide(body(), make())), 30_000)

    test("GIVEN a free lease WHEN two holders ask THEN only the first gets it, and may renew it", () =>
      Effect.gen(function*() {
        const lease = yield* Lease
        assert.isTrue(yield* lease.acquire(schedulers, "bot-a", "10 seconds"))
        assert.isFalse(yield* lease.acquire(schedulers, "bot-b", "10 seconds"))
        assert.isTrue(yield* lease.acquire(schedulers, "bot-a", "10 seconds"), "the holder renews")
        assert.isFalse(yield* lease.acquire(schedulers, "bot-b", "10 seconds"))
        assert.isTrue(yield* lease.acquire("another", "bot-b", "10 seconds"), "leases are independent by name")
      }))

    test("GIVEN a held lease WHEN the holder renews in time THEN it keeps it, and WHEN it stops THEN another takes over at expiry", () =>
      Effect.gen(function*() {
        const lease = yield* Lease
        assert.isTrue(yield* lease.acquire(schedulers, "bot-a", "10 seconds"))
        yield* TestClock.adjust("8 seconds")
        assert.isTrue(yield* lease.acquire(schedulers, "bot-a", "10 seconds"), "renewed until 18 s")
        yield* TestClock.adjust("4 seconds")
        assert.isFalse(yield* lease.acquire(schedulers, "bot-b", "10 seconds"), "at 12 s the renewal still holds")
        yield* TestClock.adjust("5999 millis")
        assert.isFalse(yield* lease.acquire(schedulers, "bot-b", "10 seconds"), "one millisecond before expiry")
        yield* TestClock.adjust("1 millis")
        assert.isTrue(yield* lease.acquire(schedulers, "bot-b", "10 seconds"), "taken over at expiry")
        assert.isFalse(yield* lease.acquire(schedulers, "bot-a", "10 seconds"), "the old holder has lost it")
      }))

    test("GIVEN a held lease WHEN someone else releases it THEN nothing changes, and WHEN the holder releases it THEN it is free at once", () =>
      Effect.gen(function*() {
        const lease = yield* Lease
        assert.isTrue(yield* lease.acquire(schedulers, "bot-a", "1 hour"))
        yield* lease.release(schedulers, "bot-b")
        assert.isFalse(yield* lease.acquire(schedulers, "bot-b", "1 hour"))
        yield* lease.release(schedulers, "bot-a")
        assert.isTrue(yield* lease.acquire(schedulers, "bot-b", "1 hour"))
        yield* lease.release("never-taken", "bot-a")
      }))

    test("GIVEN a free lease WHEN work runs withLease THEN it runs holding the lease and the lease is released afterwards", () =>
      Effect.gen(function*() {
        const lease = yield* Lease
        const result = yield* withLease(
          schedulers,
          "bot-a",
          "30 seconds",
          Effect.map(lease.acquire(schedulers, "bot-b", "30 seconds"), (bTook) => ({ bTook }))
        )
        assert.deepStrictEqual(result, Option.some({ bTook: false }))
        assert.isTrue(yield* lease.acquire(schedulers, "bot-b", "30 seconds"), "released afterwards")
      }))

    test("GIVEN a lease held by another WHEN work runs withLease THEN it does not run", () =>
      Effect.gen(function*() {
        const lease = yield* Lease
        const ran = yield* Ref.make(false)
        assert.isTrue(yield* lease.acquire(schedulers, "bot-b", "30 seconds"))
        const result = yield* withLease(schedulers, "bot-a", "30 seconds", Ref.set(ran, true))
        assert.isTrue(Option.isNone(result))
        assert.isFalse(yield* Ref.get(ran))
        assert.isFalse(yield* lease.acquire(schedulers, "bot-a", "30 seconds"), "bot-b still holds it")
      }))

    test("GIVEN work that fails WHEN run withLease THEN the error comes through and the lease is released", () =>
      Effect.gen(function*() {
        const lease = yield* Lease
        const result = yield* Effect.either(withLease(schedulers, "bot-a", "30 seconds", Effect.fail("boom" as const)))
        assert.deepStrictEqual(result, Either.left("boom"))
        assert.isTrue(yield* lease.acquire(schedulers, "bot-b", "30 seconds"))
      }))

    test("GIVEN long work withLease WHEN time passes THEN the lease is renewed, and WHEN another takes it over THEN the work is interrupted", () =>
      Effect.gen(function*() {
        const lease = yield* Lease
        // Counts bot-a's calls, so the test can wait for each renewal (the SQL ones do real I/O).
        const calls = yield* Ref.make(0)
        const counted: LeaseService = {
          ...lease,
          acquire: (name, holder, ttl) =>
            lease.acquire(name, holder, ttl).pipe(
              Effect.tap(() => holder === "bot-a" ? Ref.update(calls, (n) => n + 1) : Effect.void)
            )
        }
        const started = yield* Deferred.make<void>()
        const stopped = yield* Deferred.make<void>()
        const work = Deferred.succeed(started, undefined).pipe(
          Effect.zipRight(Effect.never),
          Effect.onInterrupt(() => Deferred.succeed(stopped, undefined))
        )
        const fiber = yield* Effect.fork(
          withLease(schedulers, "bot-a", "30 seconds", work).pipe(Effect.provideService(Lease, counted))
        )
        yield* Deferred.await(started)
        // Renewed every 10 s: after a minute bot-a still holds it.
        for (let renewal = 1; renewal <= 6; renewal++) {
          yield* TestClock.adjust("10 seconds")
          yield* eventually(Ref.get(calls), (n) => n === 1 + renewal)
        }
        assert.isFalse(yield* lease.acquire(schedulers, "bot-b", "30 seconds"), "kept by renewal")
        assert.isFalse(yield* Deferred.isDone(stopped))

        // Simulate losing it (in real life: bot-a stalled past its ttl and bot-b took over).
        yield* lease.release(schedulers, "bot-a")
        assert.isTrue(yield* lease.acquire(schedulers, "bot-b", "30 seconds"))
        yield* TestClock.adjust("10 seconds")
        const result = yield* Fiber.join(fiber)
        assert.isTrue(Option.isNone(result))
        assert.isTrue(yield* Deferred.isDone(stopped), "the work was interrupted")
        assert.isFalse(yield* lease.acquire(schedulers, "bot-a", "30 seconds"), "bot-b's lease was left alone")
      }))
  })

/** Processes with their own connections to one database race for one lease: exactly one wins. */
const raceSuite = (name: string, pair: () => Effect.Effect<readonly [SqlStoreLayer, SqlStoreLayer], never, Scope.Scope>) =>
  describe(`Lease: ${name}, two processes`, () => {
    it.effect("GIVEN twenty holders on two connections WHEN all ask for a free lease at once THEN exactly one gets it", () =>
      Effect.gen(function*() {
        const [first, second] = yield* pair()
        const one = yield* Layer.build(SqlLease.layer.pipe(Layer.provide(first)))
        const two = yield* Layer.build(SqlLease.layer.pipe(Layer.provide(second)))
        const asks = Array.from({ length: 20 }, (_, index) =>
          Effect.flatMap(Lease, (lease) => lease.acquire(schedulers, `bot-${index}`, "1 minute")).pipe(
            Effect.provide(index % 2 === 0 ? one : two)
          ))
        const granted = yield* Effect.all(asks, { concurrency: "unbounded" })
        assert.strictEqual(granted.filter(Boolean).length, 1)
        const winner = granted.indexOf(true)
        const renewed = yield* Effect.flatMap(Lease, (lease) => lease.acquire(schedulers, `bot-${winner}`, "1 minute")).pipe(
          Effect.provide(winner % 2 === 0 ? two : one)
        )
        assert.isTrue(renewed, "the winner renews through the other connection too")
      }).pipe(Effect.scoped), 60_000)
  })

leaseSuite("in memory", () => Lease.layerMemory)
leaseSuite("SQLite", () => SqlLease.layer.pipe(Layer.provide(sqliteSqlStore())))
raceSuite("SQLite", () => sqliteStorePair())
describe.runIf(checkPostgres("Lease: PostgreSQL"))("PostgreSQL", () => {
  leaseSuite("PostgreSQL", () => SqlLease.layer.pipe(Layer.provide(postgresSqlStore())))
  raceSuite("PostgreSQL", postgresStorePair)
})

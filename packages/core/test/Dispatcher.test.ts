/**
 * The dispatcher against every store (in memory, SQLite, PostgreSQL): delivery, backoff, parking,
 * rate limits, the polling loop, and two dispatchers sharing one database.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import type * as Scope from "effect/Scope"
import * as TestClock from "effect/TestClock"
import * as Commands from "../src/Commands.js"
import * as Dispatcher from "../src/Dispatcher.js"
import { CommandId, ItemId, type WorkspaceId } from "../src/Ids.js"
import { ItemCommand } from "../src/ItemCommand.js"
import * as Notifier from "../src/Notifier.js"
import { Outbox } from "../src/Outbox.js"
import { eventually } from "./utils/eventually.js"
import { asNotification, ids } from "./utils/fixtures.js"
import {
  checkPostgres,
  memoryStore,
  postgresStore,
  postgresStorePair,
  type SqlStoreLayer,
  sqliteStore,
  sqliteStorePair,
  type Store,
  type StoreLayer
} from "./utils/stores.js"
import { seedTeam } from "./utils/team.js"

/** Each submitted idea makes one outbox row (the advisors are told). */
const submitIdeas = (workspace: WorkspaceId, count: number) =>
  Effect.forEach(Array.from({ length: count }, (_, index) => index + 1), (n) =>
    Commands.handle({
      workspace,
      commandId: CommandId.make(`idea-${n}`),
      actor: ids.ola,
      item: ItemId.make(`idea${n}`),
      command: ItemCommand.SubmitIdea({ title: `Idé ${n}`, pitch: "", goals: [], concerns: [] })
    }), { discard: true })

/** Backoff of 1 s, 2 s, 4 s, …, no jitter: waits a test can count. */
const exact: Dispatcher.DispatcherOptions = {
  maxAttempts: 4,
  backoff: { base: "1 second", factor: 2, cap: "1 minute", jitter: false }
}

const failing = (
  notification: { readonly id: string },
  reason: string,
  extra: { readonly retryAfter?: number; readonly permanent?: boolean } = {}
) =>
  new Notifier.DeliveryFailed({
    notificationId: notification.id,
    reason,
    permanent: extra.permanent ?? false,
    ...(extra.retryAfter === undefined ? {} : { retryAfter: extra.retryAfter })
  })

const batch = (claimed: number, delivered: number, retried: number, parked: number): Dispatcher.BatchResult => ({
  claimed,
  delivered,
  retried,
  parked
})

const dispatcherSuite = (name: string, make: () => StoreLayer) =>
  describe(`Dispatcher: ${name}`, () => {
    const test = (
      title: string,
      respond: Notifier.Respond | undefined,
      body: () => Effect.Effect<void, unknown, Store | Notifier.Notifier | Notifier.Recording | Scope.Scope>
    ) =>
      it.effect(
        title,
        () => Effect.scoped(Effect.provide(body(), Layer.merge(make(), Notifier.layerRecording(respond)))),
        30_000
      )

    test("GIVEN pending notifications and a working notifier WHEN a batch runs THEN each is delivered once and marked so", undefined, () =>
      Effect.gen(function*() {
        const workspace = yield* seedTeam()
        const outbox = yield* Outbox
        const recording = yield* Notifier.Recording
        yield* submitIdeas(workspace, 5)
        const pending = yield* outbox.list(workspace)
        assert.deepStrictEqual(pending.map((row) => row.status), ["pending", "pending", "pending", "pending", "pending"])

        assert.deepStrictEqual(yield* Dispatcher.runOnce({ batchSize: 3 }), batch(3, 3, 0, 0))
        assert.deepStrictEqual(yield* Dispatcher.runOnce({ batchSize: 3 }), batch(2, 2, 0, 0))
        assert.deepStrictEqual(yield* Dispatcher.runOnce({ batchSize: 3 }), batch(0, 0, 0, 0))

        const delivered = yield* recording.delivered
        assert.deepStrictEqual(delivered.map((n) => n.id), pending.map((row) => row.notification.id), "oldest first, once each")
        assert.deepStrictEqual(delivered.map((n) => asNotification(n).event._tag), ["IdeaSubmitted", "IdeaSubmitted", "IdeaSubmitted", "IdeaSubmitted", "IdeaSubmitted"])
        const rows = yield* outbox.list(workspace)
        assert.isTrue(rows.every((row) => row.status === "delivered" && row.attempts === 1 && row.lastError === undefined))

        yield* TestClock.adjust("1 day")
        assert.deepStrictEqual(yield* Dispatcher.runOnce(), batch(0, 0, 0, 0), "delivered rows never come back")
        assert.strictEqual((yield* recording.attempts).length, 5)
      }))

    test(
      "GIVEN a notifier that fails twice WHEN dispatching THEN the row is retried after 1 s and 2 s and delivered on the third attempt",
      (_, attempt) => attempt <= 2 ? Effect.fail(failing(_, "503 Service Unavailable")) : Effect.void,
      () =>
        Effect.gen(function*() {
          const workspace = yield* seedTeam()
          const outbox = yield* Outbox
          const recording = yield* Notifier.Recording
          yield* submitIdeas(workspace, 1)

          assert.deepStrictEqual(yield* Dispatcher.runOnce(exact), batch(1, 0, 1, 0))
          const [afterFirst] = yield* outbox.list(workspace)
          assert.strictEqual(afterFirst?.status, "pending")
          assert.strictEqual(afterFirst?.attempts, 1)
          assert.strictEqual(afterFirst?.lastError, "503 Service Unavailable")
          assert.strictEqual(afterFirst?.nextAttemptAt.epochMillis, 1_000)

          assert.deepStrictEqual(yield* Dispatcher.runOnce(exact), batch(0, 0, 0, 0), "not due yet")
          yield* TestClock.adjust("999 millis")
          assert.deepStrictEqual(yield* Dispatcher.runOnce(exact), batch(0, 0, 0, 0), "still not due")
          yield* TestClock.adjust("1 millis")
          assert.deepStrictEqual(yield* Dispatcher.runOnce(exact), batch(1, 0, 1, 0))
          assert.strictEqual((yield* outbox.list(workspace))[0]?.nextAttemptAt.epochMillis, 1_000 + 2_000, "the wait doubled")

          yield* TestClock.adjust("2 seconds")
          assert.deepStrictEqual(yield* Dispatcher.runOnce(exact), batch(1, 1, 0, 0))
          const [row] = yield* outbox.list(workspace)
          assert.strictEqual(row?.status, "delivered")
          assert.strictEqual(row?.attempts, 3)
          const attempts = yield* recording.attempts
          assert.deepStrictEqual(attempts.map((entry) => [entry.attempt, entry.at.epochMillis, Option.isSome(entry.failure)]), [
            [1, 0, true],
            [2, 1_000, true],
            [3, 3_000, false]
          ])
          assert.strictEqual((yield* recording.delivered).length, 1)
        })
    )

    test(
      "GIVEN a notifier that keeps failing WHEN maxAttempts is reached THEN the row is parked and listed, and once unparked it is delivered",
      (_, attempt) => attempt <= 4 ? Effect.fail(failing(_, `timeout #${attempt}`)) : Effect.void,
      () =>
        Effect.gen(function*() {
          const workspace = yield* seedTeam()
          const outbox = yield* Outbox
          yield* submitIdeas(workspace, 1)
          const results: Array<Dispatcher.BatchResult> = []
          for (const wait of [0, 1_000, 2_000, 4_000]) {
            yield* TestClock.adjust(Duration.millis(wait))
            results.push(yield* Dispatcher.runOnce(exact))
          }
          assert.deepStrictEqual(results, [batch(1, 0, 1, 0), batch(1, 0, 1, 0), batch(1, 0, 1, 0), batch(1, 0, 0, 1)])
          const [parked] = yield* outbox.list(workspace)
          assert.strictEqual(parked?.status, "parked")
          assert.strictEqual(parked?.attempts, 4)
          assert.strictEqual(parked?.lastError, "timeout #4")

          yield* TestClock.adjust("1 day")
          assert.deepStrictEqual(yield* Dispatcher.runOnce(exact), batch(0, 0, 0, 0), "a parked row waits for a person")
          assert.strictEqual((yield* outbox.list(workspace)).length, 1, "and is never dropped")

          yield* outbox.unpark(workspace, [parked!.notification.id])
          assert.deepStrictEqual(yield* Dispatcher.runOnce(exact), batch(1, 1, 0, 0))
          const [row] = yield* outbox.list(workspace)
          assert.strictEqual(row?.status, "delivered")
          assert.strictEqual(row?.attempts, 5)
          assert.deepStrictEqual((yield* (yield* Notifier.Recording).delivered).map((n) => n.id), [parked!.notification.id])
        })
    )

    test(
      "GIVEN a permanent failure WHEN dispatching THEN the row is parked at once, whatever maxAttempts says",
      (_) => Effect.fail(failing(_, "channel deleted", { permanent: true })),
      () =>
        Effect.gen(function*() {
          const workspace = yield* seedTeam()
          const outbox = yield* Outbox
          yield* submitIdeas(workspace, 2)
          assert.deepStrictEqual(yield* Dispatcher.runOnce(exact), batch(2, 0, 0, 2))
          const rows = yield* outbox.list(workspace)
          assert.deepStrictEqual(rows.map((row) => [row.status, row.attempts, row.lastError]), [
            ["parked", 1, "channel deleted"],
            ["parked", 1, "channel deleted"]
          ])
        })
    )

    test(
      "GIVEN a rate limit asking for 30 s WHEN dispatching THEN the row waits exactly that long instead of the backoff",
      (_, attempt) => attempt === 1 ? Effect.fail(failing(_, "429 Too Many Requests", { retryAfter: 30_000 })) : Effect.void,
      () =>
        Effect.gen(function*() {
          const workspace = yield* seedTeam()
          const outbox = yield* Outbox
          yield* submitIdeas(workspace, 1)
          assert.deepStrictEqual(yield* Dispatcher.runOnce(exact), batch(1, 0, 1, 0))
          assert.strictEqual((yield* outbox.list(workspace))[0]?.nextAttemptAt.epochMillis, 30_000)
          yield* TestClock.adjust("29999 millis")
          assert.deepStrictEqual(yield* Dispatcher.runOnce(exact), batch(0, 0, 0, 0), "the backoff (1 s) is not used")
          yield* TestClock.adjust("1 millis")
          assert.deepStrictEqual(yield* Dispatcher.runOnce(exact), batch(1, 1, 0, 0))
        })
    )

    test(
      "GIVEN a notifier that dies WHEN dispatching THEN the defect counts as a failed attempt and the row is retried",
      (_, attempt) => attempt === 1 ? Effect.die(new Error("adapter bug")) : Effect.void,
      () =>
        Effect.gen(function*() {
          const workspace = yield* seedTeam()
          const outbox = yield* Outbox
          yield* submitIdeas(workspace, 1)
          assert.deepStrictEqual(yield* Dispatcher.runOnce(exact), batch(1, 0, 1, 0))
          const [row] = yield* outbox.list(workspace)
          assert.match(row?.lastError ?? "", /^defect: .*adapter bug/)
          yield* TestClock.adjust("1 second")
          assert.deepStrictEqual(yield* Dispatcher.runOnce(exact), batch(1, 1, 0, 0))
        })
    )

    test(
      "GIVEN the dispatch loop WHEN rows arrive THEN it delivers them at the next poll, drains full batches at once, and stops when interrupted",
      undefined,
      () =>
        Effect.gen(function*() {
          const workspace = yield* seedTeam()
          const recording = yield* Notifier.Recording
          const loop = yield* Effect.fork(Dispatcher.run({ ...exact, batchSize: 2, pollInterval: "5 seconds" }))
          yield* submitIdeas(workspace, 5)
          yield* TestClock.adjust("5 seconds")
          // Three batches (2, 2, 1) in one poll: a full batch is followed by the next at once.
          const delivered = yield* eventually(recording.delivered, (list) => list.length === 5)
          assert.strictEqual(new Set(delivered.map((n) => n.id)).size, 5)

          yield* Commands.handle({
            workspace,
            commandId: CommandId.make("late"),
            actor: ids.ola,
            item: ItemId.make("late"),
            command: ItemCommand.SubmitIdea({ title: "Sent", pitch: "", goals: [], concerns: [] })
          })
          yield* TestClock.adjust("5 seconds")
          yield* eventually(recording.delivered, (list) => list.length === 6)
          const exit = yield* Fiber.interrupt(loop)
          assert.isTrue(Exit.isInterrupted(exit), "the loop stops when interrupted")
        })
    )
  })

/**
 * Two dispatchers, each with its own connection, on one database, delivering through one
 * notifier. The first delivery waits until a second one is under way, so both dispatchers are
 * holding claims at the same moment.
 */
const concurrentSuite = (name: string, pair: () => Effect.Effect<readonly [SqlStoreLayer, SqlStoreLayer], never, Scope.Scope>) =>
  describe(`Dispatcher: ${name}, two processes`, () => {
    it.effect(
      "GIVEN two dispatchers on one database WHEN both run at once THEN every notification is delivered exactly once in total",
      () =>
        Effect.gen(function*() {
          const [first, second] = yield* pair()
          const one = yield* Layer.build(first)
          const two = yield* Layer.build(second)
          const calls = yield* Ref.make(0)
          const bothBusy = yield* Deferred.make<void>()
          const notifier = yield* Layer.build(Notifier.layerRecording(() =>
            Effect.gen(function*() {
              const call = yield* Ref.updateAndGet(calls, (n) => n + 1)
              if (call === 1) yield* Deferred.await(bothBusy)
              if (call === 2) yield* Deferred.succeed(bothBusy, undefined)
            })
          ))
          const workspace = yield* seedTeam().pipe(Effect.provide(one))
          yield* submitIdeas(workspace, 40).pipe(Effect.provide(one))

          const drain = Effect.gen(function*() {
            let delivered = 0
            while (true) {
              const result = yield* Dispatcher.runOnce({ batchSize: 3 })
              assert.strictEqual(result.delivered, result.claimed)
              delivered += result.delivered
              if (result.claimed === 0) return delivered
            }
          })
          const [byOne, byTwo] = yield* Effect.all([
            drain.pipe(Effect.provide(one), Effect.provide(notifier)),
            drain.pipe(Effect.provide(two), Effect.provide(notifier))
          ], { concurrency: 2 })
          assert.strictEqual(byOne + byTwo, 40)
          assert.isAbove(byOne, 0)
          assert.isAbove(byTwo, 0)

          const delivered = yield* Effect.flatMap(Notifier.Recording, (recording) => recording.delivered).pipe(Effect.provide(notifier))
          assert.strictEqual(delivered.length, 40)
          assert.strictEqual(new Set(delivered.map((n) => n.id)).size, 40, "no notification delivered twice")
          const rows = yield* Effect.flatMap(Outbox, (outbox) => outbox.list(workspace)).pipe(Effect.provide(two))
          assert.strictEqual(rows.length, 40)
          assert.isTrue(rows.every((row) => row.status === "delivered" && row.attempts === 1), "no row was claimed twice")
        }).pipe(Effect.scoped),
      60_000
    )
  })

describe("Dispatcher.backoffDelay", () => {
  it("GIVEN the default backoff WHEN attempts fail THEN waits grow threefold from 2 s up to 10 minutes", () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => Duration.toMillis(Dispatcher.backoffDelay(attempt)))
    assert.deepStrictEqual(waits, [2_000, 6_000, 18_000, 54_000, 162_000, 486_000, 600_000, 600_000])
  })
})

describe("Dispatcher: jitter", () => {
  it.effect("GIVEN jitter WHEN rows fail THEN each wait is drawn from the upper half of the backoff", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      const outbox = yield* Outbox
      yield* submitIdeas(workspace, 20)
      const result = yield* Dispatcher.runOnce({ backoff: { base: "10 seconds", jitter: true } })
      assert.deepStrictEqual(result, batch(20, 0, 20, 0))
      const waits = (yield* outbox.list(workspace)).map((row) => row.nextAttemptAt.epochMillis)
      assert.isTrue(waits.every((wait) => wait >= 5_000 && wait <= 10_000), String(waits))
      assert.isAbove(new Set(waits).size, 1, "the waits differ")
    }).pipe(
      Effect.provide(Layer.merge(memoryStore(), Notifier.layerRecording((_) => Effect.fail(failing(_, "503")))))
    ))
})

dispatcherSuite("in memory", memoryStore)
dispatcherSuite("SQLite", () => sqliteStore())
concurrentSuite("SQLite", () => sqliteStorePair())
describe.runIf(checkPostgres("Dispatcher: PostgreSQL"))("PostgreSQL", () => {
  dispatcherSuite("PostgreSQL", postgresStore)
  concurrentSuite("PostgreSQL", postgresStorePair)
})

/**
 * One contract for every store: the in-memory one, SQLite and PostgreSQL must behave the same.
 */
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Commands from "../../src/Commands.js"
import { Directory } from "../../src/Directory.js"
import { EventStore, type StreamAppend } from "../../src/EventStore.js"
import { CommandId, GoalId, ItemId, MeetingId, MemberId, WorkspaceId } from "../../src/Ids.js"
import { MeetingStore } from "../../src/MeetingStore.js"
import { ItemCommand } from "../../src/ItemCommand.js"
import type { ItemEvent } from "../../src/ItemEvent.js"
import { Goal, Member, Workspace } from "../../src/Member.js"
import { Notification, notificationId, Reminder } from "../../src/Notification.js"
import { Outbox } from "../../src/Outbox.js"
import { decodeOverride } from "../../src/Primer.js"
import type { Network } from "../../src/Draft.js"
import type { Metrics } from "../../src/ItemEvent.js"
import { type PostRow, ReadModel } from "../../src/ReadModel.js"
import * as Queries from "../../src/Queries.js"
import * as ResultsContext from "../../src/ResultsContext.js"
import * as Team from "../../src/Team.js"
import { asNotification, body, ids, t0 } from "../utils/fixtures.js"
import { later, type Store, type StoreLayer } from "../utils/stores.js"
import { seedTeam } from "../utils/team.js"

const kyst = WorkspaceId.make("kystverket")
const fisk = WorkspaceId.make("fiskeridir")
const streamA = ItemId.make("aaaaaa")
const streamB = ItemId.make("bbbbbb")

const comment = (text: string): ItemEvent => ({ _tag: "CommentAdded", by: ids.ola, at: t0, text })

const append = (
  workspace: WorkspaceId,
  commandId: string,
  streams: ReadonlyArray<StreamAppend>,
  notify = true
) =>
  Effect.flatMap(EventStore, (store) =>
    store.append(workspace, {
      commandId: CommandId.make(commandId),
      streams,
      notifications: notify
        ? streams.flatMap((entry) =>
          entry.events.map((event, index) =>
            Notification.make({
              id: notificationId(workspace, entry.stream, entry.expectedVersion + index + 1),
              workspace,
              item: entry.stream,
              version: entry.expectedVersion + index + 1,
              audience: { _tag: "TeamChannel" },
              event
            })
          )
        )
        : [],
      projections: []
    }))

const errorTag = <A, E extends { readonly _tag: string }>(result: Either.Either<A, E>) =>
  Either.isLeft(result) ? result.left._tag : "no error"

/** Registers the contract for one store; `make` gives a fresh, empty store per test. */
export const storeContract = (name: string, make: () => StoreLayer) =>
  describe(`Store contract: ${name}`, () => {
    const test = (title: string, body: () => Effect.Effect<void, unknown, Store>) =>
      it.live(title, () => Effect.scoped(Effect.provide(body(), make())), 30_000)

    test("GIVEN an empty stream WHEN events are appended THEN they read back in order with versions and positions", () =>
      Effect.gen(function*() {
        const store = yield* EventStore
        const first = yield* append(kyst, "c1", [{ stream: streamA, expectedVersion: 0, events: [comment("én"), comment("to")] }])
        yield* append(kyst, "c2", [{ stream: streamB, expectedVersion: 0, events: [comment("tre")] }])
        yield* append(kyst, "c3", [{ stream: streamA, expectedVersion: 2, events: [comment("fire")] }])
        assert.deepStrictEqual(first.map((entry) => entry.version), [1, 2])
        const stream = yield* store.readStream(kyst, streamA)
        assert.deepStrictEqual(stream.map((entry) => [entry.version, entry.commandId]), [[1, "c1"], [2, "c1"], [3, "c3"]])
        assert.deepStrictEqual(stream.map((entry) => entry.event), [comment("én"), comment("to"), comment("fire")])
        const positions = (yield* store.readAll(kyst, { after: 0, limit: 100 })).map((entry) => entry.position)
        assert.deepStrictEqual(positions, [...positions].sort((a, b) => a - b))
        assert.strictEqual(new Set(positions).size, 4)
      }))

    test("GIVEN a stream at version 2 WHEN appending at expected version 1 THEN VersionConflict and nothing is written", () =>
      Effect.gen(function*() {
        const store = yield* EventStore
        const outbox = yield* Outbox
        yield* append(kyst, "c1", [{ stream: streamA, expectedVersion: 0, events: [comment("én"), comment("to")] }])
        const result = yield* Effect.either(
          append(kyst, "c2", [{ stream: streamA, expectedVersion: 1, events: [comment("sent")] }])
        )
        assert.strictEqual(errorTag(result), "VersionConflict")
        assert.deepInclude(Either.getLeft(result).pipe(Option.getOrThrow), { stream: streamA, expected: 1, actual: 2 })
        assert.strictEqual((yield* store.readStream(kyst, streamA)).length, 2)
        assert.strictEqual((yield* store.eventsOfCommand(kyst, CommandId.make("c2"))).length, 0)
        assert.strictEqual((yield* outbox.list(kyst)).length, 2)
        // The refused command id was not used up: sent again at the right version, it goes through.
        yield* append(kyst, "c2", [{ stream: streamA, expectedVersion: 2, events: [comment("rett")] }])
        assert.strictEqual((yield* store.readStream(kyst, streamA)).length, 3)
      }))

    test("GIVEN two streams in one append WHEN the second conflicts THEN neither is written", () =>
      Effect.gen(function*() {
        const store = yield* EventStore
        yield* append(kyst, "c1", [{ stream: streamB, expectedVersion: 0, events: [comment("b")] }])
        const result = yield* Effect.either(
          append(kyst, "c2", [
            { stream: streamA, expectedVersion: 0, events: [comment("a")] },
            { stream: streamB, expectedVersion: 0, events: [comment("b igjen")] }
          ])
        )
        assert.strictEqual(errorTag(result), "VersionConflict")
        assert.deepInclude(Either.getLeft(result).pipe(Option.getOrThrow), { stream: streamB, expected: 0, actual: 1 })
        assert.strictEqual((yield* store.readStream(kyst, streamA)).length, 0)
        const written = yield* append(kyst, "c3", [
          { stream: streamA, expectedVersion: 0, events: [comment("a")] },
          { stream: streamB, expectedVersion: 1, events: [comment("b2")] }
        ])
        const recorded = yield* store.eventsOfCommand(kyst, CommandId.make("c3"))
        assert.deepStrictEqual(recorded.map((entry) => [entry.stream, entry.version]), [[streamA, 1], [streamB, 2]])
        // What the append returns is what was stored, positions included.
        assert.deepStrictEqual(written, recorded)
      }))

    test("GIVEN a recorded command id WHEN it is appended again THEN DuplicateCommand and the first events stand", () =>
      Effect.gen(function*() {
        const store = yield* EventStore
        yield* append(kyst, "once", [{ stream: streamA, expectedVersion: 0, events: [comment("først")] }])
        const again = yield* Effect.either(
          append(kyst, "once", [{ stream: streamA, expectedVersion: 1, events: [comment("igjen")] }])
        )
        assert.strictEqual(errorTag(again), "DuplicateCommand")
        const recorded = yield* store.eventsOfCommand(kyst, CommandId.make("once"))
        assert.deepStrictEqual(recorded.map((entry) => entry.event), [comment("først")])
        // Command ids are per workspace.
        yield* append(fisk, "once", [{ stream: streamA, expectedVersion: 0, events: [comment("annen")] }])
      }))

    test("GIVEN events in two workspaces WHEN reading by global position THEN pages hold only the workspace's, in order", () =>
      Effect.gen(function*() {
        const store = yield* EventStore
        for (let i = 0; i < 5; i++) {
          yield* append(kyst, `k${i}`, [{ stream: streamA, expectedVersion: i, events: [comment(`k${i}`)] }])
          yield* append(fisk, `f${i}`, [{ stream: streamA, expectedVersion: i, events: [comment(`f${i}`)] }])
        }
        const first = yield* store.readAll(kyst, { after: 0, limit: 3 })
        const rest = yield* store.readAll(kyst, { after: first[first.length - 1]!.position, limit: 10 })
        assert.deepStrictEqual([...first, ...rest].map((entry) => entry.event), [0, 1, 2, 3, 4].map((i) => comment(`k${i}`)))
        assert.isTrue([...first, ...rest].every((entry) => entry.workspace === kyst))
        assert.deepStrictEqual((yield* store.readStream(fisk, streamA)).map((entry) => entry.event), [0, 1, 2, 3, 4].map((i) => comment(`f${i}`)))
      }))

    test("GIVEN pending notifications WHEN claimed THEN each is handed out once until delivered, retried or its lease runs out", () =>
      Effect.gen(function*() {
        const outbox = yield* Outbox
        yield* append(kyst, "c1", [{ stream: streamA, expectedVersion: 0, events: [comment("1"), comment("2"), comment("3")] }])
        const first = yield* outbox.claim(2)
        assert.deepStrictEqual(first.map((row) => asNotification(row.notification).version), [1, 2])
        assert.deepStrictEqual(first.map((row) => [row.status, row.attempts]), [["claimed", 1], ["claimed", 1]])
        const second = yield* outbox.claim(10)
        assert.deepStrictEqual(second.map((row) => asNotification(row.notification).version), [3], "claimed rows are not handed out twice")
        yield* outbox.markDelivered([first[0]!.notification.id])
        const retryAt = DateTime.add(yield* DateTime.now, { minutes: 5 })
        yield* outbox.retryLater(first[1]!.notification.id, "429 Too Many Requests", retryAt)
        assert.strictEqual((yield* outbox.claim(10)).length, 0, "not due yet, and the third is still leased")
        const afterLease = yield* later(10 * 60_000)(outbox.claim(10))
        assert.deepStrictEqual(afterLease.map((row) => [asNotification(row.notification).version, row.attempts]), [[2, 2], [3, 2]])
        yield* outbox.park(afterLease[0]!.notification.id, "gave up")
        const rows = yield* outbox.list(kyst)
        assert.deepStrictEqual(rows.map((row) => [asNotification(row.notification).version, row.status]), [
          [1, "delivered"],
          [2, "parked"],
          [3, "claimed"]
        ])
        assert.strictEqual(rows[1]!.lastError, "gave up")
        yield* outbox.unpark(fisk, [rows[1]!.notification.id])
        assert.strictEqual((yield* outbox.list(kyst))[1]!.status, "parked", "another workspace cannot unpark it")
        yield* outbox.unpark(kyst, [rows[1]!.notification.id])
        const unparked = yield* later(20 * 60_000)(outbox.claim(10))
        assert.deepStrictEqual(unparked.map((row) => asNotification(row.notification).version).sort(), [2, 3])
      }))

    test("GIVEN notifications in two workspaces WHEN listed THEN each workspace sees only its own", () =>
      Effect.gen(function*() {
        const outbox = yield* Outbox
        yield* append(kyst, "c1", [{ stream: streamA, expectedVersion: 0, events: [comment("k")] }])
        yield* append(fisk, "c1", [{ stream: streamA, expectedVersion: 0, events: [comment("f")] }])
        assert.deepStrictEqual((yield* outbox.list(kyst)).map((row) => asNotification(row.notification).event), [comment("k")])
        assert.deepStrictEqual((yield* outbox.list(fisk)).map((row) => asNotification(row.notification).event), [comment("f")])
      }))

    test("GIVEN a reminder WHEN it is offered again, even after delivery THEN the outbox takes it once, in its workspace only", () =>
      Effect.gen(function*() {
        const outbox = yield* Outbox
        const reminder = (workspace: WorkspaceId, id: string) =>
          Reminder.make({
            id,
            workspace,
            audience: { _tag: "Members", members: [ids.per] },
            subject: { _tag: "ReviewDue", item: streamA, title: "Ny havn", due: t0, overdue: false }
          })
        assert.deepStrictEqual(yield* outbox.enqueue([reminder(kyst, "r1"), reminder(kyst, "r2")]), ["r1", "r2"])
        const claimed = yield* outbox.claim(10)
        assert.deepStrictEqual(claimed.map((row) => row.notification), [reminder(kyst, "r1"), reminder(kyst, "r2")])
        yield* outbox.markDelivered(["r1"])
        assert.deepStrictEqual(yield* outbox.enqueue([reminder(kyst, "r1"), reminder(kyst, "r3")]), ["r3"])
        assert.deepStrictEqual((yield* outbox.list(kyst)).map((row) => [row.notification.id, row.status]), [
          ["r1", "delivered"],
          ["r2", "claimed"],
          ["r3", "pending"]
        ])
        assert.deepStrictEqual(yield* outbox.list(fisk), [])
      }))

    test("GIVEN a meeting series WHEN appended, re-sent and raced THEN versions, command ids and its messages behave as for items, per workspace", () =>
      Effect.gen(function*() {
        const meetings = yield* MeetingStore
        const outbox = yield* Outbox
        const meeting = MeetingId.make("idemote")
        const scheduled = {
          _tag: "MeetingScheduled" as const,
          by: ids.ingrid,
          at: t0,
          meeting,
          title: "Idémøte",
          segment: { start: "2026-03-03T10:00", rrule: "FREQ=WEEKLY;BYDAY=TU", timeZone: "Europe/Oslo", durationMinutes: 45 },
          invitees: { roles: [], departments: [], members: [] },
          agenda: [],
          reminderLeadMinutes: 60
        }
        const cancelled = { _tag: "OccurrenceCancelled" as const, by: ids.ingrid, at: t0, occurrence: "2026-03-10T10:00" }
        const message = Reminder.make({
          id: "meeting-cancelled/x",
          workspace: kyst,
          audience: { _tag: "TeamChannel" },
          subject: { _tag: "MeetingChanged", meeting, title: "Idémøte", occurrence: "2026-03-10T10:00", change: "cancelled", timeZone: "Europe/Oslo" }
        })
        const first = yield* meetings.append(kyst, { commandId: CommandId.make("m1"), meeting, expectedVersion: 0, events: [scheduled], messages: [] })
        assert.deepStrictEqual(first.map((entry) => [entry.version, entry.event._tag]), [[1, "MeetingScheduled"]])
        const stale = yield* Effect.either(
          meetings.append(kyst, { commandId: CommandId.make("m2"), meeting, expectedVersion: 0, events: [cancelled], messages: [message] })
        )
        assert.deepInclude(Either.getLeft(stale).pipe(Option.getOrThrow), { _tag: "VersionConflict", expected: 0, actual: 1 })
        assert.deepStrictEqual(yield* outbox.list(kyst), [], "a refused append writes no message")
        yield* meetings.append(kyst, { commandId: CommandId.make("m2"), meeting, expectedVersion: 1, events: [cancelled], messages: [message] })
        const again = yield* Effect.either(
          meetings.append(kyst, { commandId: CommandId.make("m2"), meeting, expectedVersion: 2, events: [cancelled], messages: [] })
        )
        assert.strictEqual(errorTag(again), "DuplicateCommand")
        // Item and meeting commands share one id space per workspace.
        const itemAfterMeeting = yield* Effect.either(append(kyst, "m1", [{ stream: streamA, expectedVersion: 0, events: [comment("x")] }]))
        assert.strictEqual(errorTag(itemAfterMeeting), "DuplicateCommand")
        assert.deepStrictEqual((yield* meetings.read(kyst, meeting)).map((entry) => entry.event), [scheduled, cancelled])
        assert.deepStrictEqual((yield* meetings.eventsOfCommand(kyst, CommandId.make("m2"))).map((entry) => entry.version), [2])
        assert.deepStrictEqual(yield* meetings.list(kyst), [meeting])
        assert.deepStrictEqual(yield* meetings.list(fisk), [])
        assert.deepStrictEqual(yield* meetings.read(fisk, meeting), [])
        assert.deepStrictEqual((yield* outbox.list(kyst)).map((row) => row.notification), [message])
      }))

    test("GIVEN primer entries of two workspaces WHEN stored and replaced THEN each reads back its own, one per id and language", () =>
      Effect.gen(function*() {
        const directory = yield* Directory
        const kystverket = yield* seedTeam()
        const other = yield* seedTeam("fiskeridir")
        const entry = (title: string, locale: "nb" | "en" = "nb") =>
          Either.getOrThrow(decodeOverride({ id: "var-tone", locale, title, summary: "Kort og vennlig.", body: "Vi skriver som vi snakker." }))
        yield* directory.putPrimerEntry(kystverket, entry("Vår tone"))
        yield* directory.putPrimerEntry(kystverket, entry("Vår tone, nå"))
        yield* directory.putPrimerEntry(kystverket, entry("Our tone", "en"))
        const own = [...(yield* directory.primerEntries(kystverket))].sort((a, b) => a.locale.localeCompare(b.locale))
        assert.deepStrictEqual(own, [entry("Our tone", "en"), entry("Vår tone, nå")])
        assert.deepStrictEqual(yield* directory.primerEntries(other), [])
        const unknown = yield* Effect.either(directory.putPrimerEntry(WorkspaceId.make("ingen"), entry("x")))
        assert.strictEqual(errorTag(unknown), "UnknownWorkspace")
        assert.deepStrictEqual((yield* directory.workspaces).map((workspace) => workspace.id), ["fiskeridir", "kystverket"])
      }))

    test("GIVEN the directory WHEN workspaces, members and goals are stored THEN they read back per workspace", () =>
      Effect.gen(function*() {
        const directory = yield* Directory
        yield* directory.createWorkspace(Workspace.make({ id: kyst, name: "Kystverket", locale: "nb", timeZone: "Europe/Oslo" }))
        yield* directory.createWorkspace(Workspace.make({ id: fisk, name: "Fiskeridir", locale: "en", timeZone: "Europe/Oslo" }))
        const again = yield* Effect.either(
          directory.createWorkspace(Workspace.make({ id: kyst, name: "Igjen", locale: "nb", timeZone: "Europe/Oslo" }))
        )
        assert.strictEqual(errorTag(again), "WorkspaceExists")
        const per = Member.make({
          id: MemberId.make("per"),
          workspaceId: kyst,
          handle: "per",
          name: "Per Fisk",
          roles: ["member", "expert"],
          department: "Fiskeri",
          fields: ["fiskeri", "havner"]
        })
        yield* directory.putMember(per)
        assert.deepStrictEqual(yield* directory.memberByHandle(kyst, "@PER"), per)
        const taken = yield* Effect.either(directory.putMember(Member.make({ ...per, id: MemberId.make("per2") })))
        assert.strictEqual(errorTag(taken), "HandleTaken")
        yield* directory.putMember(Member.make({ ...per, workspaceId: fisk }))
        const renamed = Member.make({ ...per, name: "Per Havn", roles: ["member", "expert", "manager"] })
        yield* directory.putMember(renamed)
        assert.deepStrictEqual(yield* directory.member(kyst, per.id), renamed)
        assert.strictEqual((yield* directory.member(fisk, per.id)).name, "Per Fisk")
        assert.strictEqual(errorTag(yield* Effect.either(directory.member(WorkspaceId.make("ingen"), per.id))), "UnknownMember")
        const nowhere = yield* Effect.either(directory.putMember(Member.make({ ...per, workspaceId: WorkspaceId.make("ingen") })))
        assert.strictEqual(errorTag(nowhere), "UnknownWorkspace")
        yield* directory.putGoal(Goal.make({ id: ids.goal, workspaceId: kyst, title: "Tryggere sjøvei" }))
        assert.strictEqual((yield* directory.goal(kyst, ids.goal)).title, "Tryggere sjøvei")
        assert.strictEqual(errorTag(yield* Effect.either(directory.goal(fisk, ids.goal))), "UnknownGoal")
        assert.strictEqual((yield* directory.members(kyst)).length, 1)
      }))

    test("GIVEN items through the command path WHEN the read models are asked THEN board and results match, and a rebuild gives the same", () =>
      Effect.gen(function*() {
        const workspace = yield* seedTeam()
        const readModel = yield* ReadModel
        let n = 0
        const send = (item: ItemId, actor: MemberId, command: ItemCommand) =>
          Commands.handle({ workspace, commandId: CommandId.make(`r${++n}`), actor, item, command })
        const publish = (item: ItemId, title: string, reach: number, day: number) =>
          Effect.gen(function*() {
            yield* send(item, ids.ola, ItemCommand.SubmitIdea({ title, pitch: "", goals: [ids.goal], concerns: [] }))
            yield* send(item, ids.ingrid, ItemCommand.AcceptIdea())
            yield* send(item, ids.ingrid, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body(title) }))
            yield* send(item, ids.ingrid, ItemCommand.RequestReview({ reviewers: [{ member: ids.per, expert: true }] }))
            yield* send(item, ids.per, ItemCommand.ApproveFacts({ revision: 1 }))
            yield* send(item, ids.ingrid, ItemCommand.ApproveForPublication({ revision: 1 }))
            const publishedAt = DateTime.add(t0, { days: day })
            yield* send(item, ids.ingrid, ItemCommand.RecordPublication({ network: "facebook", url: `https://fb/${item}`, publishedAt }))
            yield* send(item, ids.ingrid, ItemCommand.RecordResults({
              network: "facebook",
              capturedAt: DateTime.add(publishedAt, { days: 2 }),
              metrics: { reach, reactions: Math.round(reach / 20) },
              highlights: []
            }))
            yield* send(item, ids.ingrid, ItemCommand.RecordResults({
              network: "facebook",
              capturedAt: DateTime.add(publishedAt, { days: 7 }),
              metrics: { reach: reach * 2, reactions: Math.round(reach / 10), comments: 3 },
              highlights: []
            }))
          })
        yield* publish(streamA, "Havna", 1_000, 1)
        yield* publish(streamB, "Fyret", 5_000, 3)
        const idea = ItemId.make("cccccc")
        yield* Effect.sleep("5 millis") // the board orders by last change: make this one the newest
        yield* send(idea, ids.ola, ItemCommand.SubmitIdea({ title: "Losen", pitch: "", goals: [], concerns: [] }))

        const board = yield* readModel.board(workspace, {})
        assert.deepStrictEqual(board.map((card) => [card.item, card.stage]), [
          [idea, "Idea"],
          [streamB, "Published"],
          [streamA, "Published"]
        ])
        assert.strictEqual(board[1]!.version, 9)
        assert.strictEqual(board[1]!.owner, ids.ingrid)
        assert.strictEqual(board[0]!.owner, undefined)
        assert.deepStrictEqual((yield* readModel.board(workspace, { goal: ids.goal })).map((card) => card.item), [streamB, streamA])
        assert.deepStrictEqual((yield* readModel.board(workspace, { stage: "Idea" })).map((card) => card.item), [idea])
        assert.deepStrictEqual((yield* readModel.board(workspace, { owner: ids.ingrid })).length, 2)
        assert.strictEqual((yield* readModel.board(fisk, {})).length, 0)

        const results = yield* readModel.results(workspace, { network: "facebook" })
        assert.deepStrictEqual(results.map((post) => [post.item, post.metrics.reach, post.metrics.comments]), [
          [streamB, 10_000, 3],
          [streamA, 2_000, 3]
        ], "the latest snapshot of each post, newest post first")
        assert.deepStrictEqual(results[0]!.capturedAt, DateTime.add(t0, { days: 10 }))
        const since = yield* readModel.results(workspace, { publishedSince: DateTime.add(t0, { days: 2 }) })
        assert.deepStrictEqual(since.map((post) => post.item), [streamB])
        assert.strictEqual((yield* readModel.results(workspace, { network: "linkedin" })).length, 0)

        const store = yield* EventStore
        const log = yield* store.readAll(workspace, { after: 0, limit: 10_000 })
        assert.strictEqual(yield* readModel.checkpoint, log[log.length - 1]!.position)
        const caughtUp = yield* readModel.rebuild("checkpoint")
        assert.strictEqual(caughtUp.events, 0, "nothing to catch up on: read models are written with the events")
        const rebuilt = yield* readModel.rebuild("start")
        assert.strictEqual(rebuilt.items, 3)
        assert.isAtLeast(rebuilt.events, log.length)
        assert.deepStrictEqual(yield* readModel.board(workspace, {}), board)
        assert.deepStrictEqual(yield* readModel.results(workspace, { network: "facebook" }), results)
      }))

    test("GIVEN published posts WHEN read by key, by window and network, and totalled by goal THEN slim rows of the latest numbers, the same totals and the same context", () =>
      Effect.gen(function*() {
        const workspace = yield* seedTeam()
        const other = yield* seedTeam("fiskeridir")
        const g1 = ids.goal
        const g2 = (yield* Team.addGoal(workspace, ids.ingrid, { title: "Tryggere sjøvei" })).id
        const readModel = yield* ReadModel
        let n = 0
        const day = (d: number, millis = 0) => DateTime.add(t0, { days: d, millis })
        const publish = (
          ws: WorkspaceId,
          item: string,
          goals: ReadonlyArray<typeof g1>,
          posts: ReadonlyArray<{ readonly network: Network; readonly day: number; readonly metrics?: Metrics }>
        ) =>
          Effect.gen(function*() {
            const id = ItemId.make(item)
            const send = (actor: MemberId, command: ItemCommand) =>
              Commands.handle({ workspace: ws, commandId: CommandId.make(`p${++n}`), actor, item: id, command })
            yield* send(ids.ola, ItemCommand.SubmitIdea({ title: item, pitch: "", goals, concerns: [] }))
            yield* send(ids.ingrid, ItemCommand.AcceptIdea())
            const networks = posts.map((entry) => entry.network)
            yield* send(ids.ingrid, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body(item, { networks }) }))
            yield* send(ids.ingrid, ItemCommand.RequestReview({ reviewers: [{ member: ids.per, expert: true }] }))
            yield* send(ids.per, ItemCommand.ApproveFacts({ revision: 1 }))
            yield* send(ids.ingrid, ItemCommand.ApproveForPublication({ revision: 1 }))
            for (const entry of posts) {
              const publishedAt = day(entry.day)
              yield* send(ids.ingrid, ItemCommand.RecordPublication({ network: entry.network, url: `https://x/${item}`, publishedAt }))
              if (entry.metrics === undefined) continue
              // An earlier snapshot first: the rows hold the latest.
              yield* send(ids.ingrid, ItemCommand.RecordResults({
                network: entry.network,
                capturedAt: day(entry.day + 1),
                metrics: { reach: 1 },
                highlights: []
              }))
              yield* send(ids.ingrid, ItemCommand.RecordResults({
                network: entry.network,
                capturedAt: day(entry.day + 7),
                metrics: entry.metrics,
                highlights: []
              }))
            }
          })
        yield* publish(workspace, "a", [g1], [
          { network: "facebook", day: 1, metrics: { reach: 100, reactions: 5 } },
          { network: "linkedin", day: 1, metrics: { reach: 50 } }
        ])
        yield* publish(workspace, "b", [g1, g2], [{ network: "facebook", day: 3, metrics: { reach: 300, comments: 2 } }])
        yield* publish(workspace, "c", [g2], [{ network: "instagram", day: 5, metrics: { shares: 1, videoViews: 40 } }])
        yield* publish(workspace, "d", [], [{ network: "facebook", day: 8 }]) // no results yet
        yield* publish(workspace, "e", [g1], [{ network: "facebook", day: 20, metrics: { reach: 1 } }])
        yield* publish(other, "a", [g1], [{ network: "facebook", day: 2, metrics: { reach: 9_999 } }])
        yield* Commands.handle({
          workspace,
          commandId: CommandId.make("idea"),
          actor: ids.ola,
          item: ItemId.make("f"),
          command: ItemCommand.SubmitIdea({ title: "f", pitch: "", goals: [g2], concerns: [] })
        })
        const slim = (rows: ReadonlyArray<PostRow>) =>
          rows.map((row): ReadonlyArray<unknown> => [row.item, row.network, row.publishedAt.epochMillis, row.metrics])

        const post = (ws: WorkspaceId, item: string, network: Network) =>
          Effect.map(readModel.publishedPost(ws, ItemId.make(item), network), (found) =>
            found === undefined ? undefined : { ...found, post: found.post === undefined ? undefined : slim([found.post])[0] })
        assert.deepStrictEqual(yield* post(workspace, "a", "linkedin"), {
          stage: "Published",
          goals: [g1],
          publishedOn: ["facebook", "linkedin"],
          post: ["a", "linkedin", day(1).epochMillis, { reach: 50 }]
        })
        assert.deepStrictEqual(yield* post(workspace, "b", "facebook"), {
          stage: "Published",
          goals: [g1, g2],
          publishedOn: ["facebook"],
          post: ["b", "facebook", day(3).epochMillis, { reach: 300, comments: 2 }]
        }, "the latest snapshot; every goal, in the idea's order")
        assert.deepStrictEqual((yield* post(workspace, "d", "facebook"))?.post, ["d", "facebook", day(8).epochMillis, {}])
        assert.deepStrictEqual(yield* post(workspace, "a", "instagram"), {
          stage: "Published",
          goals: [g1],
          publishedOn: ["facebook", "linkedin"],
          post: undefined
        })
        assert.deepStrictEqual(yield* post(workspace, "f", "facebook"), { stage: "Idea", goals: [g2], publishedOn: [], post: undefined })
        assert.strictEqual(yield* post(workspace, "nope", "facebook"), undefined)
        assert.deepStrictEqual((yield* post(other, "a", "facebook"))?.post, ["a", "facebook", day(2).epochMillis, { reach: 9_999 }])

        const window = { from: day(1), until: day(8) }
        assert.deepStrictEqual(slim(yield* readModel.postWindow(workspace, { ...window, network: "facebook" })), [
          ["a", "facebook", day(1).epochMillis, { reach: 100, reactions: 5 }],
          ["b", "facebook", day(3).epochMillis, { reach: 300, comments: 2 }],
          ["d", "facebook", day(8).epochMillis, {}]
        ], "both ends included; another workspace's never")
        assert.deepStrictEqual(slim(yield* readModel.postWindow(workspace, window)), [
          ["a", "facebook", day(1).epochMillis, { reach: 100, reactions: 5 }],
          ["a", "linkedin", day(1).epochMillis, { reach: 50 }],
          ["b", "facebook", day(3).epochMillis, { reach: 300, comments: 2 }],
          ["c", "instagram", day(5).epochMillis, { shares: 1, videoViews: 40 }],
          ["d", "facebook", day(8).epochMillis, {}]
        ])
        const inner = { from: day(1, 1), until: day(8, -1) }
        assert.deepStrictEqual(slim(yield* readModel.postWindow(workspace, inner)).map((row) => row[0]), ["b", "c"])

        // g1: a on Facebook (reach 100, engagement 5), a on LinkedIn (reach 50, no engagement), b (300, 2; e is later).
        // g2: b (300, 2) and c (no reach; shares only: engagement 1). G9: nobody.
        const g9 = GoalId.make("G9")
        assert.deepStrictEqual(yield* readModel.goalTotals(workspace, { ...window, goals: [g2, g1, g9] }), [
          { goal: g2, posts: 2, items: 2, reach: 300, withReach: 1, engagement: 3, withEngagement: 2 },
          { goal: g1, posts: 3, items: 2, reach: 450, withReach: 3, engagement: 7, withEngagement: 2 },
          { goal: g9, posts: 0, items: 0, reach: 0, withReach: 0, engagement: 0, withEngagement: 0 }
        ], "in the order asked; another workspace's never")
        assert.deepStrictEqual(yield* readModel.goalTotals(workspace, { ...inner, goals: [g1] }), [
          { goal: g1, posts: 1, items: 1, reach: 300, withReach: 1, engagement: 2, withEngagement: 1 }
        ])
        assert.deepStrictEqual(yield* readModel.goalTotals(workspace, { ...window, goals: [] }), [])
        // The goal rows a rebuild writes are the ones the appends wrote.
        const before = yield* readModel.goalTotals(workspace, { ...window, goals: [g2, g1, g9] })
        yield* readModel.rebuild("start")
        assert.deepStrictEqual(yield* readModel.goalTotals(workspace, { ...window, goals: [g2, g1, g9] }), before)

        const context = yield* ResultsContext.contextFor(workspace, ItemId.make("d"), "facebook", { windowDays: 7 })
        assert.deepStrictEqual(context.reach, { _tag: "Missing", comparable: 2 })
        assert.deepStrictEqual(context.best?.item, ItemId.make("a"))
        assert.deepStrictEqual(context.posts.map((point) => point.item), ["a", "b", "d"])
        const withGoals = yield* ResultsContext.contextFor(workspace, ItemId.make("b"), "facebook")
        assert.deepStrictEqual(withGoals.goals, [
          { goal: g1, posts: 3, items: 2, reach: 450, withReach: 3, engagement: 7, withEngagement: 2 },
          { goal: g2, posts: 1, items: 1, reach: 300, withReach: 1, engagement: 2, withEngagement: 1 }
        ])
        const unpublished = yield* Effect.either(ResultsContext.contextFor(workspace, ItemId.make("f"), "facebook"))
        assert.strictEqual(errorTag(unpublished), "NotPublished")
      }))

    test("GIVEN the whole command path WHEN an item goes from idea to approval THEN the store holds the same story", () =>
      Effect.gen(function*() {
        const workspace = yield* seedTeam()
        let n = 0
        const send = (actor: MemberId, command: ItemCommand, commandId = `c${++n}`) =>
          Commands.handle({ workspace, commandId: CommandId.make(commandId), actor, item: ids.item, command })
        yield* send(ids.ola, ItemCommand.SubmitIdea({ title: "Ny fiskerihavn", pitch: "", goals: [ids.goal], concerns: [ids.per] }))
        yield* send(ids.ingrid, ItemCommand.AcceptIdea())
        yield* send(ids.ingrid, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body("Havna åpner i mai.") }))
        yield* send(ids.ingrid, ItemCommand.RequestReview({ reviewers: [{ member: ids.per, expert: true }] }))
        const refused = yield* Effect.either(send(ids.ingrid, ItemCommand.ApproveForPublication({ revision: 1 })))
        assert.strictEqual(errorTag(refused), "ExpertApprovalMissing")
        const approval = yield* send(ids.per, ItemCommand.ApproveFacts({ revision: 1 }), "approve")
        const replay = yield* send(ids.per, ItemCommand.ApproveFacts({ revision: 1 }), "approve")
        assert.isTrue(replay.replayed)
        assert.deepStrictEqual(replay.events, approval.events)
        const approved = yield* send(ids.ingrid, ItemCommand.ApproveForPublication({ revision: 1 }))
        const view = yield* Queries.item(workspace, ids.item)
        assert.deepStrictEqual(view.state, approved.state)
        assert.strictEqual(view.version, 6)
        const board = yield* Queries.board(workspace)
        assert.deepStrictEqual(board.find((column) => column.stage === "Approved")?.cards.map((card) => card.item), [ids.item])
        const outbox = yield* Outbox
        assert.deepStrictEqual((yield* outbox.list(workspace)).map((row) => asNotification(row.notification).event._tag), [
          "IdeaSubmitted",
          "IdeaAccepted",
          "ReviewRequested",
          "FactsApproved",
          "ApprovedForPublication"
        ])
      }))

    test("GIVEN an accepted comment WHEN the same command is sent again, even after others THEN the first result comes back and it is stored once", () =>
      Effect.gen(function*() {
        const workspace = yield* seedTeam()
        const send = (actor: MemberId, command: ItemCommand, commandId: string) =>
          Commands.handle({ workspace, commandId: CommandId.make(commandId), actor, item: ids.item, command })
        yield* send(ids.ola, ItemCommand.SubmitIdea({ title: "Ny fiskerihavn", pitch: "", goals: [], concerns: [] }), "submit")
        const first = yield* send(ids.per, ItemCommand.Comment({ text: "Godt forslag" }), "comment")
        yield* send(ids.ingrid, ItemCommand.Comment({ text: "Enig" }), "other")
        // A comment fits the item again, so the re-sent command is decided afresh and stopped by its id.
        const again = yield* send(ids.per, ItemCommand.Comment({ text: "Godt forslag" }), "comment")
        assert.isTrue(again.replayed)
        assert.deepStrictEqual(again.events, first.events)
        assert.strictEqual(again.version, 2)
        const store = yield* EventStore
        const comments = (yield* store.readStream(workspace, ids.item)).filter((entry) => entry.event._tag === "CommentAdded")
        assert.strictEqual(comments.length, 2)
      }))

    test("GIVEN an unknown workspace or an unknown member WHEN a command is sent THEN the error names which", () =>
      Effect.gen(function*() {
        const workspace = yield* seedTeam()
        const comment = ItemCommand.Comment({ text: "Hei" })
        const noWorkspace = yield* Effect.either(
          Commands.handle({ workspace: WorkspaceId.make("ingen"), commandId: CommandId.make("x1"), actor: ids.per, item: ids.item, command: comment })
        )
        assert.strictEqual(errorTag(noWorkspace), "UnknownWorkspace")
        const noMember = yield* Effect.either(
          Commands.handle({ workspace, commandId: CommandId.make("x2"), actor: MemberId.make("ukjent"), item: ids.item, command: comment })
        )
        assert.strictEqual(errorTag(noMember), "UnknownMember")
      }))
  })

import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as DateTime from "effect/DateTime"
import * as TestClock from "effect/TestClock"
import * as Commands from "../src/Commands.js"
import { Directory } from "../src/Directory.js"
import { EventStore } from "../src/EventStore.js"
import { CommandId, type ItemId, type MemberId, type WorkspaceId } from "../src/Ids.js"
import { ItemCommand } from "../src/ItemCommand.js"
import type { Audience } from "../src/Notification.js"
import { Outbox } from "../src/Outbox.js"
import * as Queries from "../src/Queries.js"
import * as Team from "../src/Team.js"
import { asNotification, body, ids } from "./utils/fixtures.js"
import { memoryLayer, seedTeam } from "./utils/team.js"

let sequence = 0
const nextCommandId = () => CommandId.make(`c${++sequence}`)

const send = (
  workspace: WorkspaceId,
  actor: MemberId,
  command: ItemCommand,
  item: ItemId | undefined = ids.item,
  commandId = nextCommandId()
) => Commands.handle({ workspace, commandId, actor, item, command })

/** An item in review: submitted by Ola, drafted by Ingrid, with Per (expert) and Ola reviewing. */
const inReview = (workspace: WorkspaceId) =>
  Effect.gen(function*() {
    yield* send(workspace, ids.ola, ItemCommand.SubmitIdea({ title: "Ny fiskerihavn", pitch: "", goals: [ids.goal], concerns: [] }))
    yield* send(workspace, ids.ingrid, ItemCommand.AcceptIdea())
    yield* send(workspace, ids.ingrid, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body("Havna åpner i mai.") }))
    return yield* send(
      workspace,
      ids.ingrid,
      ItemCommand.RequestReview({ reviewers: [{ member: ids.per, expert: false }, { member: ids.ola, expert: true }] })
    )
  })

describe("Commands", () => {
  it.effect("GIVEN an idea without an item id WHEN submitted THEN a short typeable id is chosen", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      const result = yield* Commands.handle({
        workspace,
        commandId: nextCommandId(),
        actor: ids.ola,
        command: ItemCommand.SubmitIdea({ title: "Idé", pitch: "", goals: [], concerns: [] })
      })
      assert.match(result.item, /^[2-9a-hjkmnp-z]{6}$/)
      assert.strictEqual(result.version, 1)
      assert.strictEqual(result.state._tag, "Idea")
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN reviewers WHEN review is requested THEN the directory, not the caller, decides who reviews as an expert", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      const result = yield* inReview(workspace)
      assert.strictEqual(result.state._tag, "InReview")
      if (result.state._tag === "InReview") {
        assert.deepStrictEqual(result.state.work.reviewers, [
          { member: ids.per, expert: true },
          { member: ids.ola, expert: false }
        ])
      }
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN a command id already applied WHEN it is sent again THEN the first result comes back and nothing changes", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      yield* inReview(workspace)
      const commandId = CommandId.make("approve-once")
      const first = yield* send(workspace, ids.per, ItemCommand.ApproveFacts({ revision: 1 }), ids.item, commandId)
      yield* send(workspace, ids.ingrid, ItemCommand.Comment({ text: "Takk!" }))
      const again = yield* send(workspace, ids.per, ItemCommand.ApproveFacts({ revision: 1 }), ids.item, commandId)
      assert.isFalse(first.replayed)
      assert.isTrue(again.replayed)
      assert.deepStrictEqual(again.events, first.events)
      assert.strictEqual(again.version, first.version)
      const store = yield* EventStore
      const stream = yield* store.readStream(workspace, ids.item)
      assert.strictEqual(stream.filter((entry) => entry.event._tag === "FactsApproved").length, 1)
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN a command id used for one item WHEN reused for another item THEN CommandIdReused and nothing is written", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      const commandId = CommandId.make("once")
      yield* send(workspace, ids.ola, ItemCommand.SubmitIdea({ title: "A", pitch: "", goals: [], concerns: [] }), ids.item, commandId)
      const reused = yield* Effect.either(
        send(workspace, ids.ola, ItemCommand.SubmitIdea({ title: "B", pitch: "", goals: [], concerns: [] }), ids.followUp, commandId)
      )
      assert.deepStrictEqual(Either.getLeft(reused).pipe((error) => error._tag === "Some" && error.value._tag), "CommandIdReused")
      const store = yield* EventStore
      assert.strictEqual((yield* store.readStream(workspace, ids.followUp)).length, 0)
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN a refused command WHEN handled THEN nothing is written, neither events nor notifications", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      yield* inReview(workspace)
      const store = yield* EventStore
      const outbox = yield* Outbox
      const before = { events: yield* store.readAll(workspace, { after: 0, limit: 1000 }), rows: yield* outbox.list(workspace) }
      const refused = yield* Effect.either(send(workspace, ids.ingrid, ItemCommand.ApproveForPublication({ revision: 1 })))
      assert.deepStrictEqual(
        Either.getLeft(refused).pipe((error) => error._tag === "Some" && error.value._tag),
        "ExpertApprovalMissing"
      )
      assert.deepStrictEqual(
        { events: yield* store.readAll(workspace, { after: 0, limit: 1000 }), rows: yield* outbox.list(workspace) },
        before
      )
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN two workspaces WHEN one names the other's item THEN UnknownItem, and its members are unknown there", () =>
    Effect.gen(function*() {
      const kyst = yield* seedTeam("kystverket")
      const fisk = yield* seedTeam("fiskeridir")
      yield* inReview(kyst)
      const crossed = yield* Effect.either(send(fisk, ids.ingrid, ItemCommand.Comment({ text: "Hei" })))
      if (Either.isLeft(crossed)) {
        assert.strictEqual(crossed.left._tag, "UnknownItem")
      } else {
        assert.fail("a command crossed workspaces")
      }
      const store = yield* EventStore
      assert.strictEqual((yield* store.readAll(fisk, { after: 0, limit: 100 })).length, 0)
      const outbox = yield* Outbox
      assert.isTrue((yield* outbox.list(fisk)).length === 0)
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN an actor who is not a member WHEN they send a command THEN UnknownMember", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      const result = yield* Effect.either(
        send(workspace, "stranger" as MemberId, ItemCommand.SubmitIdea({ title: "Idé", pitch: "", goals: [], concerns: [] }))
      )
      assert.strictEqual(Either.isLeft(result) && result.left._tag, "UnknownMember")
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN an idea naming an unknown goal or person WHEN submitted THEN UnknownGoal / UnknownMember", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      const goal = yield* Effect.either(
        send(workspace, ids.ola, ItemCommand.SubmitIdea({ title: "Idé", pitch: "", goals: ["G9" as typeof ids.goal], concerns: [] }))
      )
      assert.strictEqual(Either.isLeft(goal) && goal.left._tag, "UnknownGoal")
      const person = yield* Effect.either(
        send(workspace, ids.ola, ItemCommand.SubmitIdea({ title: "Idé", pitch: "", goals: [], concerns: ["nobody" as MemberId] }))
      )
      assert.strictEqual(Either.isLeft(person) && person.left._tag, "UnknownMember")
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN another writer appends between read and append WHEN a command is handled THEN it is decided again and succeeds", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      yield* inReview(workspace)
      const store = yield* EventStore
      const directory = yield* Directory
      let interfered = false
      // A store that lets a competing comment in just before our first append.
      const racing = EventStore.of({
        ...store,
        append: (ws, request) =>
          interfered
            ? store.append(ws, request)
            : Effect.zipRight(
              Effect.sync(() => (interfered = true)).pipe(
                Effect.zipRight(
                  send(workspace, ids.ola, ItemCommand.Comment({ text: "Først!" })).pipe(
                    Effect.provideService(EventStore, store),
                    Effect.provideService(Directory, directory)
                  )
                ),
                Effect.orDie
              ),
              store.append(ws, request)
            )
      })
      const result = yield* send(workspace, ids.per, ItemCommand.ApproveFacts({ revision: 1 })).pipe(
        Effect.provideService(EventStore, racing)
      )
      assert.isTrue(interfered)
      assert.strictEqual(result.version, 6)
      const stream = yield* store.readStream(workspace, ids.item)
      assert.deepStrictEqual(stream.slice(-2).map((entry) => entry.event._tag), ["CommentAdded", "FactsApproved"])
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN writers that always get there first WHEN retries run out THEN a typed VersionConflict", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      yield* inReview(workspace)
      const store = yield* EventStore
      const directory = yield* Directory
      let attempts = 0
      const alwaysLate = EventStore.of({
        ...store,
        append: (ws, request) =>
          send(workspace, ids.ola, ItemCommand.Comment({ text: `Kommentar ${attempts++}` })).pipe(
            Effect.provideService(EventStore, store),
            Effect.provideService(Directory, directory),
            Effect.orDie,
            Effect.zipRight(store.append(ws, request))
          )
      })
      const result = yield* Effect.either(
        send(workspace, ids.per, ItemCommand.ApproveFacts({ revision: 1 })).pipe(Effect.provideService(EventStore, alwaysLate))
      )
      assert.strictEqual(Either.isLeft(result) && result.left._tag, "VersionConflict")
      assert.strictEqual(attempts, Commands.conflictRetries + 1)
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN a published item WHEN a follow-up is proposed THEN a new linked idea starts in the same append", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      yield* inReview(workspace)
      yield* send(workspace, ids.per, ItemCommand.ApproveFacts({ revision: 1 }))
      yield* send(workspace, ids.ingrid, ItemCommand.ApproveForPublication({ revision: 1 }))
      yield* TestClock.adjust("1 hour")
      const publishedAt = yield* DateTime.now
      yield* send(workspace, ids.ingrid, ItemCommand.RecordPublication({ network: "facebook", url: "https://fb.example/1", publishedAt }))
      const result = yield* send(
        workspace,
        ids.per,
        ItemCommand.ProposeFollowUp({ followUp: ids.followUp, title: "Mer om havna", pitch: "Intervju med havnesjefen" })
      )
      assert.deepStrictEqual(result.events.map((entry) => [entry.stream, entry.event._tag]), [
        [ids.item, "FollowUpProposed"],
        [ids.followUp, "IdeaSubmitted"]
      ])
      const followUp = yield* Queries.item(workspace, ids.followUp)
      assert.strictEqual(followUp.state._tag, "Idea")
      if (followUp.state._tag === "Idea") {
        assert.strictEqual(followUp.state.idea.followUpOf, ids.item)
        assert.deepStrictEqual(followUp.state.idea.goals, [ids.goal])
        assert.strictEqual(followUp.state.idea.submittedBy, ids.per)
      }
      const outbox = yield* Outbox
      const rows = yield* outbox.list(workspace)
      const last = asNotification(rows[rows.length - 1]!.notification)
      assert.strictEqual(last.item, ids.followUp)
      assert.deepStrictEqual(last.audience, { _tag: "Role", role: "advisor" })
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN the review flow WHEN it runs THEN the outbox says who must be told what, never the actor", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      yield* inReview(workspace)
      yield* send(workspace, ids.per, ItemCommand.RaiseObjection({ revision: 1, claim: "Havna åpner i juni", correction: "Juni, ikke mai" }))
      yield* send(workspace, ids.ola, ItemCommand.SuggestFormat({ revision: 1, note: "Kortere første linje" }))
      yield* send(
        workspace,
        ids.ingrid,
        ItemCommand.DecideFormat({ suggestion: "S1" as never, decision: "declined", explanation: "Første linje er allerede kort" })
      )
      yield* send(workspace, ids.ingrid, ItemCommand.WriteDraft({ baseRevision: 1, kind: "content", body: body("Havna åpner i juni.") }))
      yield* send(workspace, ids.per, ItemCommand.ResolveObjection({ objection: "O1" as never }))
      yield* send(workspace, ids.per, ItemCommand.ApproveFacts({ revision: 2 }))
      yield* send(workspace, ids.ingrid, ItemCommand.ApproveForPublication({ revision: 2 }))
      const outbox = yield* Outbox
      const rows = (yield* outbox.list(workspace)).map((row): [string, Audience] => [
        asNotification(row.notification).event._tag,
        row.notification.audience
      ])
      const to = (...members: Array<MemberId>): Audience => ({ _tag: "Members", members: [members[0]!, ...members.slice(1)] })
      assert.deepStrictEqual(rows, [
        ["IdeaSubmitted", { _tag: "Role", role: "advisor" }],
        ["IdeaAccepted", to(ids.ola)],
        ["ReviewRequested", to(ids.per, ids.ola)],
        ["FactObjectionRaised", to(ids.ingrid)],
        ["FormatSuggested", to(ids.ingrid)],
        ["FormatSuggestionDecided", to(ids.ola)],
        ["DraftRevised", to(ids.per, ids.ola)],
        ["FactObjectionResolved", to(ids.ingrid)],
        ["FactsApproved", to(ids.ingrid)],
        ["ApprovedForPublication", to(ids.ola, ids.per)]
      ])
      const ids_ = (yield* outbox.list(workspace)).map((row) => row.notification.id)
      assert.strictEqual(new Set(ids_).size, ids_.length)
      assert.strictEqual(ids_[0], `${workspace}/${ids.item}/1`)
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN a format suggestion WHEN the advisor declines it citing an unknown primer entry THEN InvalidCommand on primer; citing a built-in or the workspace's own THEN accepted", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      yield* inReview(workspace)
      yield* send(workspace, ids.ola, ItemCommand.SuggestFormat({ revision: 1, note: "Kortere første linje" }))
      yield* send(workspace, ids.ola, ItemCommand.SuggestFormat({ revision: 1, note: "Flere emneknagger" }))
      const decide = (suggestion: string, primer: string) =>
        send(workspace, ids.ingrid, ItemCommand.DecideFormat({
          suggestion: suggestion as never,
          decision: "declined",
          explanation: "Se primeren",
          primer
        }))
      const unknown = yield* Effect.either(decide("S1", "linkedin-lengde"))
      assert.deepInclude(Either.getLeft(unknown).pipe((left) => left._tag === "Some" ? { ...left.value } : {}), {
        _tag: "InvalidCommand",
        field: "primer",
        reason: "not_allowed"
      })
      yield* decide("S1", "facebook-length")
      yield* Team.setPrimerEntry(workspace, ids.ingrid, {
        id: "var-emneknagger",
        locale: "nb",
        title: "Emneknagger hos oss",
        summary: "Vi bruker høyst to.",
        body: "To emneknagger holder."
      })
      const own = yield* decide("S2", "var-emneknagger")
      assert.strictEqual(own.state._tag, "InReview")
    }).pipe(Effect.provide(memoryLayer)))

  it.effect("GIVEN a draft with a long first line and a link for Instagram WHEN its checks are asked for THEN findings cite the primer", () =>
    Effect.gen(function*() {
      const workspace = yield* seedTeam()
      yield* send(workspace, ids.ola, ItemCommand.SubmitIdea({ title: "Ny fiskerihavn", pitch: "", goals: [ids.goal], concerns: [] }))
      yield* send(workspace, ids.ingrid, ItemCommand.AcceptIdea())
      yield* send(workspace, ids.ingrid, ItemCommand.WriteDraft({
        baseRevision: 0,
        kind: "content",
        body: body("Les mer om den nye fiskerihavna på https://kystverket.no/havna – den åpner i mai.", { networks: ["instagram"] })
      }))
      const { findings, revision } = yield* Queries.checks(workspace, ids.item)
      assert.strictEqual(revision, 1)
      const link = findings.find((finding) => finding.primer === "instagram-links")
      assert.isDefined(link)
      assert.strictEqual(link?.network, "instagram")
    }).pipe(Effect.provide(memoryLayer)))
})

import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import * as ChatAction from "../src/ChatAction.js"
import * as ChatCommands from "../src/ChatCommands.js"
import * as Commands from "../src/Commands.js"
import { Directory } from "../src/Directory.js"
import { CommandId, ItemId, type MemberId, MemberId as MemberIdOf, type WorkspaceId } from "../src/Ids.js"
import { ItemCommand } from "../src/ItemCommand.js"
import type { Locale, Member } from "../src/Member.js"
import * as Messages from "../src/Messages.js"
import * as Queries from "../src/Queries.js"
import { body, ids } from "./utils/fixtures.js"
import { sqliteStore } from "./utils/stores.js"
import { memoryLayer, seedTeam } from "./utils/team.js"

// ---------------------------------------------------------------------------------------------
// given / when / then

let sequence = 0
const send = (workspace: WorkspaceId, actor: MemberId, item: ItemId, command: ItemCommand) =>
  Effect.zipLeft(
    Commands.handle({ workspace, commandId: CommandId.make(`setup-${++sequence}`), actor, item, command }),
    TestClock.adjust("1 minute")
  )

/** The workspace with the fixture cast, and item it1 as far as `stage`. */
const given = (stage: "none" | "idea" | "drafting" | "drafted" = "none") =>
  Effect.gen(function*() {
    const workspace = yield* seedTeam()
    if (stage === "none") return workspace
    yield* send(workspace, ids.ola, ids.item, ItemCommand.SubmitIdea({ title: "Kysten i morgenlys", pitch: "", goals: [ids.goal], concerns: [] }))
    if (stage === "idea") return workspace
    yield* send(workspace, ids.ingrid, ids.item, ItemCommand.AcceptIdea())
    if (stage === "drafting") return workspace
    yield* send(workspace, ids.ingrid, ids.item, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: body("Fiskebåtene går ut før sola.") }))
    return workspace
  })

/** The session of a member of the workspace, in English unless told. */
const sessionOf = (workspace: WorkspaceId, member: MemberId, locale: Locale = "en") =>
  Effect.gen(function*() {
    const directory = yield* Directory
    const settings = yield* directory.workspace(workspace)
    const members = yield* directory.members(workspace)
    const acting = members.find((candidate) => candidate.id === member)
    if (acting === undefined) return yield* Effect.die(`no member ${member}`)
    const names = new Map(members.map((candidate) => [candidate.id as string, candidate.name]))
    return {
      workspace: settings,
      member: acting,
      locale,
      context: { timeZone: settings.timeZone, name: (id) => names.get(id) ?? id },
      platform: "Testchat",
      command: (path) => `/dugnad ${path.join(" ")}`
    } satisfies ChatCommands.Session
  })

let requests = 0
/** A request as an adapter would parse it: options by name, people by option name. */
const request = (
  path: string,
  options: Readonly<Record<string, string | number>> = {},
  people: Readonly<Record<string, MemberId>> = {},
  id = `test-${++requests}`
): ChatCommands.Request => ({
  id,
  path: path.split(" "),
  text: (name) => {
    const found = options[name]
    return found === undefined ? undefined : String(found)
  },
  integer: (name) => {
    const found = options[name]
    return typeof found === "number" ? found : undefined
  },
  members: (names) =>
    Effect.gen(function*() {
      const directory = yield* Directory
      const found: Array<Member> = []
      for (const name of names) {
        const member = people[name]
        if (member === undefined) continue
        const all = yield* directory.members((yield* directory.workspaces)[0]!.id)
        const match = all.find((candidate) => candidate.id === member)
        if (match !== undefined) found.push(match)
      }
      return found
    }),
  channel: (name) => (typeof options[name] === "string" ? String(options[name]) : undefined),
  person: (name) => {
    const member = people[name]
    return member === undefined ? undefined : { id: member, name: `Person ${member}`, handle: () => member }
  }
})

const when = (workspace: WorkspaceId, actor: MemberId, req: ChatCommands.Request, locale: Locale = "en") =>
  Effect.flatMap(sessionOf(workspace, actor, locale), (session) => ChatCommands.handle(session, req))

const messageOf = (reply: ChatCommands.Reply) => {
  if (reply._tag !== "Message") return assert.fail(`expected a message, got ${reply._tag}`)
  assert.isTrue(reply.ephemeral)
  return reply.view
}
const formOf = (reply: ChatCommands.Reply) => {
  if (reply._tag !== "Form") return assert.fail(`expected a form, got ${reply._tag}`)
  return reply.form
}
const en = Messages.messages("en")
const isRefusal = (reply: ChatCommands.Reply) => messageOf(reply).title === en.chat.title.error
const stageOf = (workspace: WorkspaceId) => Effect.map(Queries.item(workspace, ids.item), (view) => view.state._tag)

// ---------------------------------------------------------------------------------------------

describe("ChatCommands", () => {
  describe("idea", () => {
    it.effect("GIVEN a submitted idea WHEN the advisor accepts it THEN it is drafting, and the reply shows the item", () =>
      Effect.gen(function*() {
        const workspace = yield* given("idea")
        const reply = yield* when(workspace, ids.ingrid, request("idea accept", { item: "IT1" }))
        assert.isFalse(isRefusal(reply))
        assert.strictEqual(yield* stageOf(workspace), "Drafting")
      }).pipe(Effect.provide(memoryLayer)))

    it.effect("GIVEN a submitted idea WHEN a colleague accepts it THEN the core's refusal, and nothing changes", () =>
      Effect.gen(function*() {
        const workspace = yield* given("idea")
        const reply = yield* when(workspace, ids.ola, request("idea accept", { item: "it1" }))
        assert.isTrue(isRefusal(reply))
        assert.strictEqual(yield* stageOf(workspace), "Idea")
      }).pipe(Effect.provide(memoryLayer)))

    it.effect("GIVEN anyone WHEN they submit an idea THEN the core's idea form", () =>
      Effect.gen(function*() {
        const workspace = yield* given()
        const form = formOf(yield* when(workspace, ids.ola, request("idea submit")))
        assert.deepStrictEqual(ChatAction.decode(form.id).pipe((decoded) => decoded._tag === "Right" && decoded.right._tag), "submitIdea")
      }).pipe(Effect.provide(memoryLayer)))
  })

  describe("draft and review", () => {
    it.effect("GIVEN a drafting item WHEN draft write THEN the core's writeDraft form on the latest revision; an unknown item is refused", () =>
      Effect.gen(function*() {
        const workspace = yield* given("drafting")
        const form = formOf(yield* when(workspace, ids.ingrid, request("draft write", { item: "it1" })))
        const decoded = ChatAction.decode(form.id)
        assert.deepStrictEqual(decoded._tag === "Right" && decoded.right, { _tag: "writeDraft", item: ids.item, revision: 0 })
        assert.isTrue(isRefusal(yield* when(workspace, ids.ingrid, request("draft write", { item: "nope42" }))))
      }).pipe(Effect.provide(memoryLayer)))

    it.effect("GIVEN a draft WHEN review is requested from an expert with a due date THEN it is in review; an impossible date is refused first", () =>
      Effect.gen(function*() {
        const workspace = yield* given("drafted")
        const impossible = messageOf(yield* when(workspace, ids.ingrid, request("review request", { item: "it1", due: "2026-02-31" }, { reviewer: ids.per })))
        assert.strictEqual(impossible.title, en.chat.command.badTime.title)
        assert.include(impossible.body, "2026-02-31")
        assert.include(impossible.body, "Europe/Oslo")
        assert.strictEqual(yield* stageOf(workspace), "Drafting")
        const reply = yield* when(workspace, ids.ingrid, request("review request", { item: "it1", due: "2026-12-01T10:00" }, { reviewer: ids.per }))
        assert.isFalse(isRefusal(reply))
        assert.strictEqual(yield* stageOf(workspace), "InReview")
      }).pipe(Effect.provide(memoryLayer)))

    it.effect("GIVEN an item in review WHEN the expert approves the facts THEN accepted; WHEN a colleague does THEN refused", () =>
      Effect.gen(function*() {
        const workspace = yield* given("drafted")
        yield* when(workspace, ids.ingrid, request("review request", { item: "it1" }, { reviewer: ids.per }))
        assert.isTrue(isRefusal(yield* when(workspace, ids.ola, request("review approve", { item: "it1" }))))
        assert.isFalse(isRefusal(yield* when(workspace, ids.per, request("review approve", { item: "it1" }))))
      }).pipe(Effect.provide(memoryLayer)))

    it.effect("GIVEN an item in review WHEN review object THEN the objection form on the latest revision", () =>
      Effect.gen(function*() {
        const workspace = yield* given("drafted")
        yield* when(workspace, ids.ingrid, request("review request", { item: "it1" }, { reviewer: ids.per }))
        const form = formOf(yield* when(workspace, ids.per, request("review object", { item: "it1" })))
        const decoded = ChatAction.decode(form.id)
        assert.deepStrictEqual(decoded._tag === "Right" && decoded.right, { _tag: "object", item: ids.item, revision: 1 })
      }).pipe(Effect.provide(memoryLayer)))
  })

  describe("show, board and checks", () => {
    it.effect("GIVEN a draft WHEN checks THEN a list titled with the item and revision; an unknown item is refused", () =>
      Effect.gen(function*() {
        const workspace = yield* given("drafted")
        const view = messageOf(yield* when(workspace, ids.ingrid, request("checks", { item: "it1" })))
        assert.strictEqual(view.title, en.chat.command.checks.title("it1", 1))
        assert.isTrue(isRefusal(yield* when(workspace, ids.ingrid, request("show", { item: "nope42" }))))
        assert.strictEqual(messageOf(yield* when(workspace, ids.ingrid, request("board"))).title, en.chat.title.board)
      }).pipe(Effect.provide(memoryLayer)))
  })

  describe("reports", () => {
    it.effect("GIVEN a team WHEN report goals THEN the goals view; WHEN from is a day that does not exist THEN refused with the option named", () =>
      Effect.gen(function*() {
        const workspace = yield* given("idea")
        assert.strictEqual(messageOf(yield* when(workspace, ids.ingrid, request("report goals"))).title, en.chat.title.goals)
        const bad = messageOf(yield* when(workspace, ids.ingrid, request("report people", { from: "2026-13-01" })))
        assert.strictEqual(bad.title, en.chat.command.badTime.title)
        assert.isTrue(bad.body.startsWith("from:"))
      }).pipe(Effect.provide(memoryLayer)))
  })

  describe("meetings", () => {
    it.effect("GIVEN a team WHEN a meeting is scheduled THEN its next occurrence with its id; an impossible start is refused in nb", () =>
      Effect.gen(function*() {
        const workspace = yield* given()
        const bad = messageOf(yield* when(workspace, ids.ingrid, request("meeting schedule", { title: "Idémøte", start: "2026-03-03T24:00", rrule: "FREQ=WEEKLY" }), "nb"))
        assert.strictEqual(bad.title, Messages.messages("nb").chat.command.badStart.title)
        const view = messageOf(
          yield* when(workspace, ids.ingrid, request("meeting schedule", { title: "Idémøte", start: "2026-03-03T10:00", rrule: "FREQ=WEEKLY;BYDAY=TU" }))
        )
        assert.notStrictEqual(view.title, en.chat.title.error, view.body)
        assert.strictEqual(view.fields[0]?.label, "ID")
      }).pipe(Effect.provide(memoryLayer)))
  })

  describe("members and goals", () => {
    it.effect("GIVEN a team WHEN the advisor adds a member and a goal THEN both are listed; a colleague is refused; no user is refused", () =>
      Effect.gen(function*() {
        const workspace = yield* given()
        const nils = MemberIdOf.make("nils")
        const added = messageOf(yield* when(workspace, ids.ingrid, request("member add", { role: "expert", department: "Fiskeri" }, { user: nils })))
        assert.strictEqual(added.title, en.chat.command.members.title)
        assert.include(added.body, "Person nils (nils)")
        assert.include(added.body, "Fiskeri")
        assert.include(messageOf(yield* when(workspace, ids.ola, request("member list"))).body, "Person nils")
        assert.isTrue(isRefusal(yield* when(workspace, ids.ingrid, request("member add"))))
        assert.isTrue(isRefusal(yield* when(workspace, ids.ola, request("goal add", { title: "Mer rekruttering" }))))
        const goal = messageOf(yield* when(workspace, ids.ingrid, request("goal add", { title: "Mer rekruttering", description: "Flere lærlinger" })))
        assert.strictEqual(goal.title, en.chat.command.goals.added)
        assert.include(messageOf(yield* when(workspace, ids.ola, request("goal list"))).body, "G2: Mer rekruttering — Flere lærlinger")
      }).pipe(Effect.provide(memoryLayer)))
  })

  describe("the request's id", () => {
    const twice = Effect.gen(function*() {
      const workspace = yield* given("idea")
      const park = request("idea park", { item: "it1", reason: "Ikke nå" }, {}, "chat-123")
      assert.isFalse(isRefusal(yield* when(workspace, ids.ingrid, park)))
      const version = (yield* Queries.item(workspace, ids.item)).version
      assert.isFalse(isRefusal(yield* when(workspace, ids.ingrid, park)))
      assert.strictEqual((yield* Queries.item(workspace, ids.item)).version, version)
      assert.strictEqual(yield* stageOf(workspace), "Parked")
      // A new id is a new command: parking a parked idea is refused.
      assert.isTrue(isRefusal(yield* when(workspace, ids.ingrid, request("idea park", { item: "it1", reason: "Igjen" }))))
    })
    it.effect("GIVEN an idea WHEN the same park request arrives twice THEN it acts once, and both answers show the item (memory)", () =>
      twice.pipe(Effect.provide(memoryLayer)))
    it.scoped("GIVEN an idea WHEN the same park request arrives twice THEN it acts once (SQLite)", () =>
      twice.pipe(Effect.provide(sqliteStore())))
  })

  describe("elsewhere", () => {
    it.effect("GIVEN a subcommand the chat does not offer WHEN asked THEN where to do it, naming the platform", () =>
      Effect.gen(function*() {
        const workspace = yield* given()
        const view = messageOf(yield* when(workspace, ids.ola, request("results import")))
        assert.strictEqual(view.title, en.chat.command.notHere.title("Testchat"))
      }).pipe(Effect.provide(memoryLayer)))
  })

  describe("dates", () => {
    it("reads dates and times in the workspace's zone, and refuses those that do not exist", () => {
      assert.isTrue(ChatCommands.readMoment("2026-12-01", "Europe/Oslo")?.dateOnly)
      assert.strictEqual(ChatCommands.readMoment("2026-12-01T10:00", "Europe/Oslo")?.at.epochMillis, Date.parse("2026-12-01T09:00:00Z"))
      assert.strictEqual(ChatCommands.readMoment("2026-12-01T10:00Z", "Europe/Oslo")?.at.epochMillis, Date.parse("2026-12-01T10:00:00Z"))
      assert.strictEqual(ChatCommands.readMoment("2028-02-29", "UTC")?.at.epochMillis, Date.parse("2028-02-29T00:00:00Z"))
      for (const impossible of ["2026-02-29", "2026-02-31", "2026-04-31", "2026-12-01T24:61", "2026-12-01T25:00+01:00", "next friday", ""]) {
        assert.isUndefined(ChatCommands.readMoment(impossible, "Europe/Oslo"), impossible)
      }
      assert.strictEqual(ChatCommands.readLocalStart("2026-03-03 10:00"), "2026-03-03T10:00")
      assert.isUndefined(ChatCommands.readLocalStart("2026-03-03"))
      assert.isUndefined(ChatCommands.readLocalStart("2026-02-30T10:00"))
    })
  })
})

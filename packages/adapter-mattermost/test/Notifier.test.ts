/**
 * The Mattermost notifier on the fake Mattermost with a real SQLite store: state is made with the
 * core's own commands on the same database file, and the notifier layer (called directly, or
 * through the core's dispatcher) delivers the outbox through the real `Client4`.
 */
import * as Commands from "@dugnad/core/Commands"
import * as Directory from "@dugnad/core/Directory"
import * as Dispatcher from "@dugnad/core/Dispatcher"
import { CommandId, ItemId, type MeetingId, type MemberId, type WorkspaceId } from "@dugnad/core/Ids"
import { ItemCommand } from "@dugnad/core/ItemCommand"
import { Member, Workspace } from "@dugnad/core/Member"
import { DeliveryFailed, Notifier } from "@dugnad/core/Notifier"
import { type OutboxMessage, Reminder } from "@dugnad/core/Notification"
import { Outbox } from "@dugnad/core/Outbox"
import * as Results from "@dugnad/core/Results"
import * as Sqlite from "@dugnad/core/Sqlite"
import type { Client4 as Client4Type } from "@mattermost/client"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { createHmac } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { memberIdOf, workspaceIdOf } from "../src/Identity.js"
import * as MattermostNotifier from "../src/Notifier.js"
import type { SignContext } from "../src/Render.js"
import type { MmPost } from "./fake/Fixtures.js"
import { FakeMattermost } from "./fake/FakeMattermost.js"

const { Client4 } = (await import("@mattermost/client")).default

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const secret = "test-secret-test-secret-test-secret"
const mac = (action: string, workspace: string) => createHmac("sha256", secret).update(`${action}\u0000${workspace}`).digest("hex")
const sign: SignContext = (action, workspace) => ({ action, workspace, mac: mac(action, workspace) })

type Core = ManagedRuntime.ManagedRuntime<Layer.Layer.Success<ReturnType<typeof Sqlite.layer>>, unknown>

interface World {
  readonly mm: FakeMattermost
  readonly dir: string
  readonly file: string
  readonly core: Core
  readonly workspace: WorkspaceId
  readonly ids: { readonly alice: MemberId; readonly bob: MemberId; readonly carol: MemberId }
  readonly runtimes: Array<ManagedRuntime.ManagedRuntime<Notifier | Outbox, unknown>>
}

const worlds: Array<World> = []

afterEach(async () => {
  for (const world of worlds.splice(0)) {
    for (const runtime of world.runtimes.splice(0)) await runtime.dispose()
    await world.core.dispose()
    await world.mm.close()
    fs.rmSync(world.dir, { recursive: true, force: true })
  }
})

/** The fake, a temp database with the team's workspace (alice advisor, bob expert, carol). */
const setUp = async (): Promise<World> => {
  const mm = await FakeMattermost.start()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-mm-notifier-"))
  const file = path.join(dir, "bot.db")
  const core: Core = ManagedRuntime.make(Sqlite.layer({ filename: file }))
  const workspace = workspaceIdOf(mm.world.team.id)
  const idOf = (username: string) => memberIdOf(mm.world.user(username).id)
  const ids = { alice: idOf("alice"), bob: idOf("bob"), carol: idOf("carol") }
  await core.runPromise(Effect.gen(function*() {
    const directory = yield* Directory.Directory
    yield* directory.createWorkspace(Workspace.make({ id: workspace, name: "Dugnad", locale: "en", timeZone: "UTC" }))
    const people = [["alice", ids.alice, ["advisor"]], ["bob", ids.bob, ["expert"]], ["carol", ids.carol, []]] as const
    for (const [handle, id, roles] of people) {
      yield* directory.putMember(Member.make({ id, workspaceId: workspace, handle, name: handle, roles: ["member", ...roles], fields: [], locale: "en" }))
    }
  }))
  const world: World = { mm, dir, file, core, workspace, ids, runtimes: [] }
  worlds.push(world)
  return world
}

const clientOf = (world: World): Client4Type => {
  const client = new Client4()
  client.setUrl(world.mm.url)
  client.setToken(world.mm.token)
  return client
}

const settings = { publicUrl: "http://127.0.0.1:9/bot", contentChannel: "content", teamChannel: "town-square" }

/** A notifier (a fresh process, as far as its memory goes) on the world's database, with the outbox. */
const notifierOf = (world: World, options: { readonly client?: MattermostNotifier.NotifierClient; readonly teamChannel?: string } = {}) => {
  const layer = MattermostNotifier.layer(options.client ?? clientOf(world), {
    ...settings,
    ...(options.teamChannel === undefined ? {} : { teamChannel: options.teamChannel })
  }, sign).pipe(Layer.provideMerge(Sqlite.layer({ filename: world.file })))
  const runtime = ManagedRuntime.make(layer) as unknown as ManagedRuntime.ManagedRuntime<Notifier | Outbox, unknown>
  world.runtimes.push(runtime)
  return runtime
}

type Runtime = ReturnType<typeof notifierOf>

const deliverWith = (runtime: Runtime, message: OutboxMessage) =>
  runtime.runPromise(Effect.flatMap(Notifier, (notifier) => notifier.deliver(message)))

const failureOf = (runtime: Runtime, message: OutboxMessage) =>
  runtime.runPromise(Effect.flip(Effect.flatMap(Notifier, (notifier) => notifier.deliver(message))))

const dispatchOnce = (runtime: Runtime) =>
  runtime.runPromise(Dispatcher.runOnce({ backoff: { base: "1 millis", jitter: false }, maxAttempts: 5 }))

const outboxRows = (world: World) => world.core.runPromise(Effect.flatMap(Outbox, (outbox) => outbox.list(world.workspace)))

/** Every pending row of the outbox, delivered in order by the notifier. */
const deliverAll = async (_world: World, runtime: Runtime) => {
  for (;;) {
    const result = await dispatchOnce(runtime)
    if (result.claimed === 0) return
  }
}

let sequence = 0
const nextCommand = () => CommandId.make(`t${Date.now()}-${++sequence}`)

const draft = {
  text: "Boats can moor from June.",
  perNetwork: {},
  media: [{ kind: "image" as const, url: "https://example.org/harbour.jpg", alt: "The guest harbour in the morning" }],
  networks: ["facebook" as const]
}

const send = (world: World, item: ItemId, actor: MemberId, command: ItemCommand) =>
  Commands.handle({ workspace: world.workspace, commandId: nextCommand(), actor, item, command })

/** carol's idea, taken on by alice, drafted and sent to bob (an expert) for review. */
const inReview = (world: World, item: ItemId) =>
  world.core.runPromise(Effect.gen(function*() {
    const { alice, bob, carol } = world.ids
    yield* send(world, item, carol, ItemCommand.SubmitIdea({ title: "New guest harbour", pitch: "A good one", goals: [], concerns: [] }))
    yield* send(world, item, alice, ItemCommand.AcceptIdea())
    yield* send(world, item, alice, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: draft }))
    yield* send(world, item, alice, ItemCommand.RequestReview({ reviewers: [{ member: bob, expert: true }] }))
  }))

/** An item submitted by carol, owned by alice, reviewed by bob, published on Facebook with these reactions. */
const publish = (world: World, item: ItemId, reactions: number) =>
  Effect.gen(function*() {
    const { alice, bob, carol } = world.ids
    yield* send(world, item, carol, ItemCommand.SubmitIdea({ title: `Post ${item}`, pitch: "A good one", goals: [], concerns: [] }))
    yield* send(world, item, alice, ItemCommand.AcceptIdea())
    yield* send(world, item, alice, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: draft }))
    yield* send(world, item, alice, ItemCommand.RequestReview({ reviewers: [{ member: bob, expert: true }] }))
    yield* send(world, item, bob, ItemCommand.ApproveFacts({ revision: 1 }))
    yield* send(world, item, alice, ItemCommand.ApproveForPublication({ revision: 1 }))
    const now = yield* DateTime.now
    yield* send(world, item, alice, ItemCommand.RecordPublication({ network: "facebook", url: `https://fb.example/${item}`, publishedAt: now }))
    yield* send(world, item, alice, ItemCommand.RecordResults({ network: "facebook", capturedAt: now, metrics: { reach: reactions * 10, reactions }, highlights: [] }))
  })

/** The posts of a channel by name (or a DM with a user), as stored (with the actions' integrations). */
const postsIn = (world: World, channelId: string): Array<MmPost> => world.mm.world.postsIn(channelId)
const channelId = (world: World, name: string) => world.mm.world.channel(name).id
const dmWith = (world: World, username: string) => world.mm.world.directChannel(world.mm.world.bot.id, world.mm.world.user(username).id).id

type Attachment = {
  readonly title: string
  readonly text: string
  readonly actions?: ReadonlyArray<{ readonly id: string; readonly name: string; readonly integration?: { readonly url: string; readonly context: Record<string, unknown> } }>
}
const attachmentOf = (post: MmPost): Attachment => ((post.props["attachments"] as ReadonlyArray<Attachment> | undefined) ?? [])[0]!

const rootsFor = (world: World, item: ItemId) =>
  postsIn(world, channelId(world, "content")).filter((post) => post.root_id === "" && post.props[MattermostNotifier.itemProp] === item)

describe("the Mattermost notifier: threads", () => {
  it("GIVEN an item under review WHEN its notifications are delivered THEN one thread in the content channel, each reply pinging its recipient only, and the reviewer's DM with signed buttons", async () => {
    const world = await setUp()
    const item = ItemId.make("harb01")
    await inReview(world, item)
    await deliverAll(world, notifierOf(world))

    const content = channelId(world, "content")
    const [root, ...others] = rootsFor(world, item)
    expect(others).toEqual([])
    expect(root!.message).toContain("New guest harbour")
    expect(root!.user_id).toBe(world.mm.world.bot.id)
    const replies = postsIn(world, content).filter((post) => post.root_id === root!.id)
    // The idea to alice (the advisor), its acceptance to carol, the review request to bob.
    expect(replies.map((post) => post.message)).toEqual(["@alice", "@carol", "@bob"])
    expect(postsIn(world, content).filter((post) => post.root_id === "")).toHaveLength(1)
    for (const post of replies) expect(post.pending_post_id).toMatch(/^[0-9a-f]{26}:\d{13}$/)

    // The review request also as a DM to bob, with his buttons, each carrying a signed context.
    const [dm, ...moreDms] = postsIn(world, dmWith(world, "bob"))
    expect(moreDms).toEqual([])
    expect(dm!.message).toBe("")
    const actions = attachmentOf(dm!).actions ?? []
    expect(actions.map((action) => action.name)).toEqual(["Approve facts", "Object to facts", "Suggest format", "Comment"])
    for (const action of actions) {
      expect(action.id).toMatch(/^[A-Za-z0-9]+$/)
      expect(action.integration!.url).toBe("http://127.0.0.1:9/bot/actions")
      const context = action.integration!.context as { action: string; workspace: string; mac: string }
      expect(context.action).toMatch(new RegExp(`^dg1\\|[a-zA-Z]+\\|${item}`))
      expect(context.workspace).toBe(world.workspace)
      expect(context.mac).toBe(mac(context.action, context.workspace))
    }
    // The thread's review request carries the same buttons.
    const inThread = replies.find((post) => post.message === "@bob")!
    expect(attachmentOf(inThread).actions?.map((action) => action.name)).toEqual(actions.map((action) => action.name))
    // Nothing typed pings: no @ left undefused in the attachments.
    for (const post of [...replies, dm!]) expect(JSON.stringify(post.props)).not.toMatch(/(?<![\w/.@<])@(?!\u200D)(?=\w)/u)

    // A restarted bot finds the thread again by its root post's props.
    const later = notifierOf(world)
    await world.core.runPromise(send(world, item, world.ids.bob, ItemCommand.ApproveFacts({ revision: 1 })))
    await deliverAll(world, later)
    expect(rootsFor(world, item)).toHaveLength(1)
    const after = postsIn(world, content).filter((post) => post.root_id === root!.id)
    expect(after.map((post) => post.message)).toEqual(["@alice", "@carol", "@bob", "@alice"])
  })

  it("GIVEN results shared WHEN delivered THEN each participant's reply carries the chart, uploaded with POST /files and attached by file_ids", async () => {
    const world = await setUp()
    const star = ItemId.make("star01")
    const shared = await world.core.runPromise(Effect.gen(function*() {
      for (let n = 1; n <= 6; n++) yield* publish(world, ItemId.make(`hist${n}`), n)
      yield* publish(world, star, 500)
      return yield* Results.share(world.workspace, world.ids.alice, star, nextCommand())
    }))
    expect(shared.marked).toBe(true)
    await deliverAll(world, notifierOf(world))
    const [root] = rootsFor(world, star)
    const withFiles = postsIn(world, channelId(world, "content")).filter((post) => post.root_id === root!.id && post.file_ids.length > 0)
    expect(withFiles.map((post) => post.message).sort()).toEqual(["@alice", "@bob", "@carol"])
    const uploads = world.mm.rest.requests.filter((request) => request.method === "POST" && request.path === "/files")
    expect(uploads.length).toBeGreaterThanOrEqual(3)
    for (const request of uploads) {
      const file = request.files[0]!
      expect(file.contentType).toBe("image/png")
      expect(file.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
      expect((request.body as Record<string, string>)["channel_id"]).toBe(channelId(world, "content"))
    }
    for (const post of withFiles) expect(world.mm.world.files.get(post.file_ids[0]!)?.info.post_id).toBe(post.id)
    // The celebration in the team channel, pinging nobody.
    const team = postsIn(world, channelId(world, "town-square"))
    expect(team).toHaveLength(1)
    expect(team[0]!.message).toBe("")
    expect(attachmentOf(team[0]!).text).toContain(`Post ${star}`)
  })
})

describe("the Mattermost notifier: reminders", () => {
  it("GIVEN each kind of reminder WHEN delivered THEN reminders for named people are DMs, meeting messages go to the named channel or the team channel", async () => {
    const world = await setUp()
    const { alice, bob } = world.ids
    const now = DateTime.unsafeMake(Date.now())
    const item = ItemId.make("rem001")
    const reminder = (id: string, audience: Reminder["audience"], subject: Reminder["subject"]) =>
      Reminder.make({ id: `${id}/${world.workspace}`, workspace: world.workspace, audience, subject })
    const meeting = { meeting: "m1" as MeetingId, title: "Idea meeting", occurrence: "2030-03-05T10:00", start: DateTime.unsafeMake("2030-03-05T10:00:00Z"), timeZone: "UTC" }
    const runtime = notifierOf(world)
    for (const message of [
      reminder("review-due", { _tag: "Members", members: [bob] }, { _tag: "ReviewDue", item, title: "Harbour post", due: DateTime.add(now, { hours: 5 }), overdue: false }),
      reminder("check-in", { _tag: "Role", role: "advisor" }, { _tag: "ResultsCheckIn", item, title: "Harbour post", network: "facebook", publishedAt: now, days: 2 }),
      reminder("meeting-summary", { _tag: "Channel", channel: "Content" }, { _tag: "MeetingSummary", ...meeting, ideas: [], attendance: [alice], nextSteps: [] }),
      reminder("meeting-cancelled", { _tag: "TeamChannel" }, { _tag: "MeetingChanged", ...meeting, change: "cancelled", reason: "Easter" }),
      reminder("meeting-reminder", { _tag: "Channel", channel: "no-such-channel" }, {
        _tag: "MeetingReminder", ...meeting, agenda: ["What are you working on?"], ideasLastTime: [], postsSince: [], followUps: []
      })
    ]) await deliverWith(runtime, message)
    const [toBob] = postsIn(world, dmWith(world, "bob"))
    expect(attachmentOf(toBob!).text).toContain("Harbour post")
    const [toAlice] = postsIn(world, dmWith(world, "alice"))
    expect(attachmentOf(toAlice!).text).toContain("Harbour post")
    expect(JSON.stringify(attachmentOf(toAlice!).actions)).toContain(`dg1|recordResults|${item}`)
    const content = postsIn(world, channelId(world, "content"))
    expect(content).toHaveLength(1)
    expect(attachmentOf(content[0]!).text).toContain("Idea meeting")
    const team = postsIn(world, channelId(world, "town-square"))
    expect(team.map((post) => post.message)).toEqual(["", ""])
    expect(attachmentOf(team[0]!).text).toContain("Easter")
    expect(attachmentOf(team[1]!).text).toContain("What are you working on?")
  })
})

describe("the Mattermost notifier: delivery", () => {
  it("GIVEN the server makes a post but its answer is lost (500) WHEN the outbox retries with a restarted notifier THEN no post shows twice (pending_post_id)", async () => {
    const world = await setUp()
    const item = ItemId.make("lost01")
    await inReview(world, item)
    const real = clientOf(world)
    let lost = 0
    // The third reply is made on the server, then its answer is lost as a 500.
    let replies = 0
    const flaky = new Proxy(real, {
      get: (target, key, receiver) => {
        if (key !== "createPost") return Reflect.get(target, key, receiver)
        return async (post: Parameters<Client4Type["createPost"]>[0]) => {
          const made = await target.createPost(post)
          if (post.root_id !== undefined && post.root_id !== "" && ++replies === 3) {
            lost++
            throw Object.assign(new Error("Unable to save the Post."), { status_code: 500, server_error_id: "app.post.save.app_error" })
          }
          return made
        }
      }
    })
    const first = await dispatchOnce(notifierOf(world, { client: flaky }))
    expect(lost).toBe(1)
    expect(first.retried).toBe(1)
    const row = (await outboxRows(world)).find((entry) => entry.status === "pending")!
    expect(row.lastError).toContain("500")
    // A new process: nothing remembered but what Mattermost keeps.
    await new Promise((resolve) => setTimeout(resolve, 5))
    await deliverAll(world, notifierOf(world))
    expect((await outboxRows(world)).every((entry) => entry.status === "delivered")).toBe(true)
    const [root, ...others] = rootsFor(world, item)
    expect(others).toEqual([])
    const messages = postsIn(world, channelId(world, "content")).filter((post) => post.root_id === root!.id).map((post) => post.message)
    expect(messages).toEqual(["@alice", "@carol", "@bob"])
    expect(postsIn(world, dmWith(world, "bob"))).toHaveLength(1)
  })

  it("GIVEN Mattermost answers 500 to a post WHEN delivered THEN it fails for a retry, and the retry posts once", async () => {
    const world = await setUp()
    const item = ItemId.make("fail01")
    await world.core.runPromise(send(world, item, world.ids.carol, ItemCommand.SubmitIdea({ title: "Idea", pitch: "Pitch", goals: [], concerns: [] })))
    const [row] = await outboxRows(world)
    world.mm.rest.failNext({ method: "POST", path: "/posts", status: 500, times: 2 })
    const runtime = notifierOf(world)
    const failure = await failureOf(runtime, row!.notification)
    expect(failure).toBeInstanceOf(DeliveryFailed)
    expect(failure.permanent).toBe(false)
    expect(failure.reason).toContain("500")
    await expect(failureOf(runtime, row!.notification)).resolves.toMatchObject({ permanent: false })
    await deliverWith(runtime, row!.notification)
    await deliverWith(runtime, row!.notification)
    expect(rootsFor(world, item)).toHaveLength(1)
    expect(postsIn(world, channelId(world, "content")).filter((post) => post.root_id !== "")).toHaveLength(1)
  })

  it("GIVEN no team channel WHEN a team message is delivered THEN it fails permanently and the dispatcher parks the row", async () => {
    const world = await setUp()
    const runtime = notifierOf(world, { teamChannel: "no-such-channel" })
    const reminder = Reminder.make({
      id: `meeting-cancelled/${world.workspace}/m1`,
      workspace: world.workspace,
      audience: { _tag: "TeamChannel" },
      subject: { _tag: "MeetingChanged", meeting: "m1" as MeetingId, title: "Idea meeting", occurrence: "2030-03-05T10:00", change: "cancelled", timeZone: "UTC" }
    })
    const failure = await failureOf(runtime, reminder)
    expect(failure.permanent).toBe(true)
    expect(failure.reason).toContain("404")
    await world.core.runPromise(Effect.flatMap(Outbox, (outbox) => outbox.enqueue([reminder])))
    const result = await dispatchOnce(runtime)
    expect(result.parked).toBe(1)
    expect((await outboxRows(world))[0]?.status).toBe("parked")
  })
})

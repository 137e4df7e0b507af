/**
 * The Discord notifier on the fake Discord with a real SQLite store: state is made with the core's
 * own commands (Commands, Results, Meetings) on the same database file, and the bot's dispatcher
 * (or the notifier layer, called directly) delivers the outbox.
 */
import * as Commands from "@dugnad/core/Commands"
import * as Directory from "@dugnad/core/Directory"
import { CommandId, ItemId, type MeetingId, type MemberId, type WorkspaceId } from "@dugnad/core/Ids"
import { ItemCommand } from "@dugnad/core/ItemCommand"
import { MeetingCommand } from "@dugnad/core/Meeting"
import * as Meetings from "@dugnad/core/Meetings"
import { Member, Workspace } from "@dugnad/core/Member"
import { DeliveryFailed, Notifier } from "@dugnad/core/Notifier"
import { type OutboxMessage, Reminder } from "@dugnad/core/Notification"
import { Outbox } from "@dugnad/core/Outbox"
import * as Results from "@dugnad/core/Results"
import * as Sqlite from "@dugnad/core/Sqlite"
import { REST } from "discord.js"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { type Bot, start } from "../src/Bot.js"
import type { DiscordConfig } from "../src/Config.js"
import * as Guilds from "../src/Guilds.js"
import { memberIdOf, workspaceIdOf } from "../src/Identity.js"
import * as DiscordNotifier from "../src/Notifier.js"
import { markerOf } from "../src/ScheduledEvents.js"
import { FakeDiscord } from "./fake/FakeDiscord.js"
import { eventually, settingsFor, sleep } from "./support.js"

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

type Core = ManagedRuntime.ManagedRuntime<Layer.Layer.Success<ReturnType<typeof Sqlite.layer>>, unknown>

interface World {
  readonly discord: FakeDiscord
  readonly dir: string
  readonly file: string
  readonly settings: DiscordConfig
  /** The core on the bot's database file, for making state. */
  readonly core: Core
  readonly workspace: WorkspaceId
  readonly ids: { readonly alice: MemberId; readonly bob: MemberId; readonly carol: MemberId }
  bots: Array<Bot>
}

const worlds: Array<World> = []

afterEach(async () => {
  for (const world of worlds.splice(0)) {
    for (const bot of world.bots.splice(0)) await bot.stop()
    await world.core.dispose()
    await world.discord.close()
    fs.rmSync(world.dir, { recursive: true, force: true })
  }
})

/** The fake, a temp database with the guild's workspace (alice advisor, bob expert, carol), no bot yet. */
const setUp = async (overrides: Partial<DiscordConfig> = {}): Promise<World> => {
  const discord = await FakeDiscord.start({ heartbeatIntervalMs: 500 })
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-notifier-"))
  const file = path.join(dir, "bot.db")
  const settings = { ...settingsFor(discord, file), ...overrides }
  const core: Core = ManagedRuntime.make(Sqlite.layer({ filename: file }))
  const workspace = workspaceIdOf(discord.guild.id)
  const idOf = (username: string) => memberIdOf(discord.guild.member(username).user.id)
  const ids = { alice: idOf("alice"), bob: idOf("bob"), carol: idOf("carol") }
  await core.runPromise(Effect.gen(function*() {
    const directory = yield* Directory.Directory
    yield* directory.createWorkspace(Workspace.make({ id: workspace, name: "Dugnad", locale: "en", timeZone: "UTC" }))
    const people = [["alice", ids.alice, ["advisor"]], ["bob", ids.bob, ["expert"]], ["carol", ids.carol, []]] as const
    for (const [handle, id, roles] of people) {
      yield* directory.putMember(Member.make({ id, workspaceId: workspace, handle, name: handle, roles: ["member", ...roles], fields: [], locale: "en" }))
    }
  }))
  const world: World = { discord, dir, file, settings, core, workspace, ids, bots: [] }
  worlds.push(world)
  return world
}

/** Starts the bot on the world's database, ticking fast. */
const launch = async (world: World): Promise<Bot> => {
  const bot = await start(world.settings, {
    store: Sqlite.layer({ filename: world.file }),
    reminders: { every: "200 millis", holder: `test-${world.bots.length}-${Math.random()}` }
  })
  world.bots.push(bot)
  return bot
}

const stopBot = async (world: World, bot: Bot) => {
  world.bots.splice(world.bots.indexOf(bot), 1)
  await bot.stop()
}


const poll = async <A>(probe: () => Promise<A | undefined>, timeoutMs = 10_000): Promise<A> => {
  const until = Date.now() + timeoutMs
  for (;;) {
    const found = await probe()
    if (found !== undefined) return found
    if (Date.now() > until) throw new Error("timed out waiting")
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}


type Embed = { readonly title?: string; readonly description?: string; readonly image?: { readonly url: string } }
const embedOf = (message: { readonly embeds?: ReadonlyArray<unknown> }): Embed => (message.embeds?.[0] ?? {}) as Embed

let sequence = 0
const nextCommand = () => CommandId.make(`t${Date.now()}-${++sequence}`)

const draft = {
  text: "Boats can moor from June.",
  perNetwork: {},
  media: [{ kind: "image" as const, url: "https://example.org/harbour.jpg", alt: "The guest harbour in the morning" }],
  networks: ["facebook" as const]
}

/** An item submitted by carol, owned by alice, reviewed by bob, published on Facebook with these reactions. */
const publish = (world: World, item: ItemId, reactions: number) =>
  Effect.gen(function*() {
    const { alice, bob, carol } = world.ids
    const send = (actor: MemberId, command: ItemCommand) =>
      Commands.handle({ workspace: world.workspace, commandId: nextCommand(), actor, item, command })
    yield* send(carol, ItemCommand.SubmitIdea({ title: `Post ${item}`, pitch: "A good one", goals: [], concerns: [] }))
    yield* send(alice, ItemCommand.AcceptIdea())
    yield* send(alice, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: draft }))
    yield* send(alice, ItemCommand.RequestReview({ reviewers: [{ member: bob, expert: true }] }))
    yield* send(bob, ItemCommand.ApproveFacts({ revision: 1 }))
    yield* send(alice, ItemCommand.ApproveForPublication({ revision: 1 }))
    const now = yield* DateTime.now
    yield* send(alice, ItemCommand.RecordPublication({ network: "facebook", url: `https://fb.example/${item}`, publishedAt: now }))
    yield* send(alice, ItemCommand.RecordResults({
      network: "facebook",
      capturedAt: now,
      metrics: { reach: reactions * 10, reactions },
      highlights: []
    }))
  })

/** Six earlier posts, then `star` far above them, its results shared by alice (marked a success). */
const shareStar = (world: World, star: ItemId) =>
  world.core.runPromise(Effect.gen(function*() {
    for (let n = 1; n <= 6; n++) yield* publish(world, ItemId.make(`hist${n}`), n)
    yield* publish(world, star, 500)
    return yield* Results.share(world.workspace, world.ids.alice, star, nextCommand())
  }))

const threadOf = (world: World, item: ItemId) =>
  eventually(() => [...world.discord.guild.channels.values()].find((channel) => channel.name?.endsWith(` · ${item}`) === true))

/** The notifier layer alone, on its own REST client against the fake (no dispatcher). */
const notifierOf = (world: World) => {
  const rest = new REST({ api: world.discord.apiUrl }).setToken(world.discord.token)
  const layer = DiscordNotifier.layer(rest, Guilds.make(rest), world.settings).pipe(
    Layer.provideMerge(Sqlite.layer({ filename: world.file }))
  )
  return ManagedRuntime.make(layer)
}

const deliverWith = (runtime: ReturnType<typeof notifierOf>, message: OutboxMessage) =>
  runtime.runPromise(Effect.flatMap(Notifier, (notifier) => notifier.deliver(message)))

const outboxRows = (world: World) =>
  world.core.runPromise(Effect.flatMap(Outbox, (outbox) => outbox.list(world.workspace)))

/** A local start (UTC workspace) `hours` from now, on the minute. */
const localIn = (hours: number) => new Date(Math.ceil((Date.now() + hours * 3_600_000) / 60_000) * 60_000).toISOString().slice(0, 16)

const scheduleMeeting = (world: World, fields: { readonly title: string; readonly start: string; readonly channel?: string }) =>
  world.core.runPromise(Meetings.handle({
    workspace: world.workspace,
    commandId: nextCommand(),
    actor: world.ids.alice,
    command: MeetingCommand.ScheduleMeeting({
      title: fields.title,
      start: fields.start,
      rrule: "FREQ=WEEKLY",
      timeZone: "UTC",
      durationMinutes: 45,
      ...(fields.channel === undefined ? {} : { channel: fields.channel }),
      invitees: { roles: [], departments: [], members: [] },
      agenda: ["What are you working on?", "Results since last time"]
    })
  }))

describe("the Discord notifier: results", () => {
  it("GIVEN a published post with results WHEN an advisor shares them THEN each participant's message in the item's thread carries the chart as an uploaded PNG", async () => {
    const world = await setUp()
    await launch(world)
    const star = ItemId.make("star01")
    const shared = await shareStar(world, star)
    expect(shared.success).toBe(true)
    const thread = await threadOf(world, star)
    const { alice, bob, carol } = world.ids
    const users = [alice, bob, carol].map((member) => member.replace("discord-", ""))
    // One results message per participant, each pinging that person.
    const results = await eventually(() => {
      const found = world.discord.messages(thread.id).filter((message) => message.attachments.length > 0)
      return found.length === 3 ? found : undefined
    })
    expect(results.map((message) => message.content).sort()).toEqual(users.map((user) => `<@${user}>`).sort())
    for (const message of results) {
      const embed = embedOf(message)
      expect(embed.image?.url).toMatch(/^attachment:\/\/results-star01-facebook\.png$/)
      expect(message.attachments[0]?.filename).toBe("results-star01-facebook.png")
    }
    const uploads = world.discord.requestsTo("POST", `/channels/${thread.id}/messages`).filter((request) => request.files.length > 0)
    expect(uploads.length).toBeGreaterThanOrEqual(3)
    for (const request of uploads) {
      const file = request.files[0]!
      expect(file.contentType).toBe("image/png")
      expect(file.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
      expect(file.bytes.length).toBeGreaterThan(1000)
    }
  })

  it("GIVEN a post that beats the team's recent posts WHEN its results are shared THEN the team channel gets one celebration that pings nobody", async () => {
    const world = await setUp()
    await launch(world)
    const star = ItemId.make("star02")
    const shared = await shareStar(world, star)
    expect(shared.marked).toBe(true)
    const team = world.discord.guild.channel("team").id
    const celebration = await eventually(() => world.discord.messages(team)[0])
    await sleep(600)
    expect(world.discord.messages(team)).toHaveLength(1)
    expect(celebration.content).toBe("")
    expect(celebration.mentions).toEqual([])
    expect(embedOf(celebration).description ?? "").toContain("Post star02")
    const [request] = world.discord.requestsTo("POST", `/channels/${team}/messages`)
    expect((request?.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [], users: [] })
  })
})

describe("the Discord notifier: meetings", () => {
  it("GIVEN a meeting series WHEN it is scheduled THEN the guild gets one scheduled event for its next occurrence, and a restarted bot keeps that one event", async () => {
    const world = await setUp()
    const bot = await launch(world)
    const start = localIn(72)
    const scheduled = await scheduleMeeting(world, { title: "Idea meeting", start, channel: "team" })
    const event = await eventually(() => world.discord.scheduledEvents()[0])
    expect(event).toMatchObject({
      name: "Idea meeting",
      entity_type: 3,
      privacy_level: 2,
      entity_metadata: { location: "team" }
    })
    expect(Date.parse(event.scheduled_start_time)).toBe(Date.parse(`${start}:00Z`))
    expect(Date.parse(event.scheduled_end_time ?? "")).toBe(Date.parse(`${start}:00Z`) + 45 * 60_000)
    expect(event.description?.endsWith(markerOf(scheduled.meeting))).toBe(true)
    expect(event.description).toContain("What are you working on?")

    // A few more periods change nothing: the event says what it should.
    await sleep(800)
    expect(world.discord.scheduledEvents()).toHaveLength(1)
    expect(world.discord.requestsTo("PATCH", /\/scheduled-events\//)).toHaveLength(0)

    // Restart on the same database: the bot finds the event by its marker.
    await stopBot(world, bot)
    const listed = world.discord.requestsTo("GET", `/guilds/${world.discord.guild.id}/scheduled-events`).length
    await launch(world)
    await eventually(() =>
      world.discord.requestsTo("GET", `/guilds/${world.discord.guild.id}/scheduled-events`).length >= listed + 2 ? true : undefined
    )
    expect(world.discord.scheduledEvents()).toHaveLength(1)
    expect(world.discord.requestsTo("POST", `/guilds/${world.discord.guild.id}/scheduled-events`)).toHaveLength(1)

    // A change to the series updates that event.
    await world.core.runPromise(Meetings.handle({
      workspace: world.workspace,
      commandId: nextCommand(),
      actor: world.ids.alice,
      meeting: scheduled.meeting as MeetingId,
      command: MeetingCommand.UpdateMeeting({ title: "Content meeting" })
    }))
    await eventually(() => world.discord.scheduledEvents()[0]?.name === "Content meeting" ? true : undefined)
    expect(world.discord.scheduledEvents()).toHaveLength(1)

    // The first occurrence moved a day later: the team is told, and the event moves with it.
    const later = new Date(Date.parse(`${start}:00Z`) + 86_400_000).toISOString().slice(0, 16)
    await world.core.runPromise(Meetings.handle({
      workspace: world.workspace,
      commandId: nextCommand(),
      actor: world.ids.alice,
      meeting: scheduled.meeting as MeetingId,
      command: MeetingCommand.MoveOccurrence({ occurrence: start, start: later })
    }))
    const team = world.discord.guild.channel("team").id
    await eventually(() => world.discord.messages(team).length > 0 ? true : undefined)
    await eventually(() =>
      Date.parse(world.discord.scheduledEvents()[0]?.scheduled_start_time ?? "") === Date.parse(`${later}:00Z`) ? true : undefined
    )
    expect(world.discord.scheduledEvents()).toHaveLength(1)

    // The series ends: its event goes.
    await world.core.runPromise(Meetings.handle({
      workspace: world.workspace,
      commandId: nextCommand(),
      actor: world.ids.alice,
      meeting: scheduled.meeting as MeetingId,
      command: MeetingCommand.EndSeries({ reason: "We meet in the content meeting now" })
    }))
    await eventually(() => world.discord.scheduledEvents().length === 0 ? true : undefined)
  })

  it("GIVEN meetings starting within their reminder lead WHEN the scheduler ticks THEN the reminder goes to the team channel, or the meeting's own channel, pinging nobody, and to the invited as DMs", async () => {
    const world = await setUp()
    await launch(world)
    await scheduleMeeting(world, { title: "Team meeting", start: localIn(2) })
    await scheduleMeeting(world, { title: "Content meeting", start: localIn(3), channel: "#content" })
    const team = world.discord.guild.channel("team").id
    const content = world.discord.guild.channel("content").id
    const reminder = await eventually(() => world.discord.messages(team)[0])
    expect(embedOf(reminder).description ?? "").toContain("Team meeting")
    expect(reminder.content).toBe("")
    // The one button everyone may use: bring an idea.
    expect(JSON.stringify(reminder.components)).toContain("dg1|")
    const own = await eventually(() => world.discord.messages(content)[0])
    expect(embedOf(own).description ?? "").toContain("Content meeting")
    await sleep(800)
    expect(world.discord.messages(team)).toHaveLength(1)
    expect(world.discord.messages(content)).toHaveLength(1)
    // Invitees (everyone) get their reminders as DMs: two meetings, three people.
    await eventually(() => world.discord.requestsTo("POST", "/users/@me/channels").length >= 6 ? true : undefined)
    const rows = await outboxRows(world)
    const reminders = rows.filter((row) => row.notification.id.startsWith("meeting-reminder/"))
    expect(reminders.map((row) => row.notification.audience._tag).sort()).toEqual(["Channel", "Members", "Members", "TeamChannel"])
  })
})

describe("the Discord notifier: reminders", () => {
  it("GIVEN each kind of reminder WHEN it is delivered THEN review reminders and check-ins are DMs to the people named, meeting messages go to the named channel or the team channel", async () => {
    const world = await setUp()
    const { alice, bob } = world.ids
    const now = DateTime.unsafeMake(Date.now())
    const item = ItemId.make("rem001")
    const reminder = (id: string, audience: Reminder["audience"], subject: Reminder["subject"]) =>
      Reminder.make({ id: `${id}/${world.workspace}`, workspace: world.workspace, audience, subject })
    const meeting = { meeting: "m1" as MeetingId, title: "Idea meeting", occurrence: "2030-03-05T10:00", start: DateTime.unsafeMake("2030-03-05T10:00:00Z"), timeZone: "UTC" }
    const messages = [
      reminder("review-due", { _tag: "Members", members: [bob] }, { _tag: "ReviewDue", item, title: "Harbour post", due: DateTime.add(now, { hours: 5 }), overdue: false }),
      reminder("check-in", { _tag: "Role", role: "advisor" }, { _tag: "ResultsCheckIn", item, title: "Harbour post", network: "facebook", publishedAt: now, days: 2 }),
      reminder("meeting-summary", { _tag: "Channel", channel: "content" }, { _tag: "MeetingSummary", ...meeting, ideas: [], attendance: [alice], nextSteps: [] }),
      reminder("meeting-cancelled", { _tag: "TeamChannel" }, { _tag: "MeetingChanged", ...meeting, change: "cancelled", reason: "Easter" }),
      reminder("meeting-reminder", { _tag: "Channel", channel: "no-such-channel" }, {
        _tag: "MeetingReminder", ...meeting, agenda: ["What are you working on?"], ideasLastTime: [], postsSince: [], followUps: []
      })
    ]
    const notifier = notifierOf(world)
    try {
      for (const message of messages) await deliverWith(notifier, message)
    } finally {
      await notifier.dispose()
    }
    const dmOf = (username: string) => {
      const user = world.discord.guild.member(username).user.id
      const dm = [...world.discord.world.dms.values()].find((channel) => channel.recipients?.[0]?.id === user)
      return dm === undefined ? [] : world.discord.messages(dm.id)
    }
    const [toBob] = dmOf("bob")
    expect(embedOf(toBob!).description ?? "").toContain("Harbour post")
    expect(toBob!.content).toBe("")
    const [toAlice] = dmOf("alice")
    expect(embedOf(toAlice!).description ?? "").toContain("Harbour post")
    // The advisor may record the results from the check-in.
    expect(JSON.stringify(toAlice!.components)).toContain(item)
    expect(dmOf("carol")).toEqual([])
    const content = world.discord.messages("content")
    expect(content).toHaveLength(1)
    expect(embedOf(content[0]!).description ?? "").toContain("Idea meeting")
    // The team channel: the change, and the reminder whose own channel does not exist.
    const team = world.discord.messages("team")
    expect(team).toHaveLength(2)
    expect(team.every((message) => message.content === "" && message.mentions.length === 0)).toBe(true)
    expect(embedOf(team[0]!).description ?? "").toContain("Easter")
    expect(embedOf(team[1]!).description ?? "").toContain("What are you working on?")
  })
})

describe("the Discord notifier: delivery", () => {
  const ideaRow = async (world: World) => {
    const item = ItemId.make("idea01")
    await world.core.runPromise(Commands.handle({
      workspace: world.workspace,
      commandId: nextCommand(),
      actor: world.ids.carol,
      item,
      command: ItemCommand.SubmitIdea({ title: "New guest harbour", pitch: "Boats can moor from June", goals: [], concerns: [] })
    }))
    const rows = await outboxRows(world)
    return { item, message: rows.find((row) => row.notification.id.includes(`/${item}/`))!.notification }
  }

  it("GIVEN one outbox row WHEN the notifier delivers it twice THEN the thread shows one message (the nonce, enforced)", async () => {
    const world = await setUp()
    const { item, message } = await ideaRow(world)
    const notifier = notifierOf(world)
    try {
      await deliverWith(notifier, message)
      await deliverWith(notifier, message)
    } finally {
      await notifier.dispose()
    }
    const thread = await threadOf(world, item)
    expect(world.discord.messages(thread.id)).toHaveLength(1)
    const posts = world.discord.requestsTo("POST", `/channels/${thread.id}/messages`)
    expect(posts).toHaveLength(2)
    const bodies = posts.map((request) => request.body as { nonce: string; enforce_nonce: boolean })
    expect(bodies[0]?.nonce).toBe(bodies[1]?.nonce)
    expect(bodies.every((body) => body.enforce_nonce)).toBe(true)
  })

  it("GIVEN Discord rate-limits the messages route WHEN a row is delivered THEN the message arrives after retry_after", async () => {
    const world = await setUp()
    const { item, message } = await ideaRow(world)
    world.discord.rateLimit({ method: "POST", path: /^\/channels\/\d+\/messages$/, times: 1, retryAfterMs: 400 })
    const notifier = notifierOf(world)
    const began = Date.now()
    try {
      await deliverWith(notifier, message)
    } finally {
      await notifier.dispose()
    }
    const thread = await threadOf(world, item)
    expect(world.discord.messages(thread.id)).toHaveLength(1)
    const posts = world.discord.requestsTo("POST", `/channels/${thread.id}/messages`)
    expect(posts.map((request) => request.status)).toEqual([429, 200])
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(350)
    expect(Date.now() - began).toBeGreaterThanOrEqual(350)
  })

  it("GIVEN no team channel WHEN a team message is delivered THEN it fails permanently and the dispatcher parks the row", async () => {
    const world = await setUp({ teamChannel: "no-such-channel" })
    const reminder = Reminder.make({
      id: `meeting-summary/${world.workspace}/m1/2026-03-03T10:00/channel`,
      workspace: world.workspace,
      audience: { _tag: "TeamChannel" },
      subject: {
        _tag: "MeetingSummary",
        meeting: "m1" as MeetingId,
        title: "Idea meeting",
        occurrence: "2026-03-03T10:00",
        start: DateTime.unsafeMake("2026-03-03T10:00:00Z"),
        timeZone: "UTC",
        ideas: [],
        attendance: [world.ids.alice],
        nextSteps: []
      }
    })
    const notifier = notifierOf(world)
    try {
      const failure = await notifier.runPromise(
        Effect.flip(Effect.flatMap(Notifier, (service) => service.deliver(reminder)))
      )
      expect(failure).toBeInstanceOf(DeliveryFailed)
      expect(failure.permanent).toBe(true)
    } finally {
      await notifier.dispose()
    }
    // Through the bot's dispatcher: parked at once, not retried for ever.
    await world.core.runPromise(Effect.flatMap(Outbox, (outbox) => outbox.enqueue([reminder])))
    await launch(world)
    const row = await poll(async () => {
      const found = (await outboxRows(world)).find((entry) => entry.notification.id === reminder.id)
      return found?.status === "parked" ? found : undefined
    })
    expect(row.attempts).toBe(1)
    expect(row.lastError ?? "").toMatch(/404/)
  })
})

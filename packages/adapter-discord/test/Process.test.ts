/**
 * The article's whole process through Discord, end to end: the real discord.js Client against the
 * fake Discord, a real SQLite store. An idea from a colleague, triage, a draft, a review where the
 * expert's fact objection blocks approval until fixed and a format suggestion the advisor declines
 * with a reason, a stale button refused, approval, publication, results, feedback with the chart in
 * the item's thread, and the celebration in the team channel.
 */
import * as Commands from "@dugnad/core/Commands"
import { CommandId, type ItemId } from "@dugnad/core/Ids"
import { ItemCommand } from "@dugnad/core/ItemCommand"
import * as Sqlite from "@dugnad/core/Sqlite"
import { ApplicationCommandOptionType, type APIMessage } from "discord-api-types/v10"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Bot, start } from "../src/Bot.js"
import { memberIdOf, workspaceIdOf } from "../src/Identity.js"
import { FakeDiscord } from "./fake/FakeDiscord.js"
import { eventually, settingsFor } from "./support.js"

let discord: FakeDiscord
let bot: Bot
let dir: string
let database: string

beforeAll(async () => {
  discord = await FakeDiscord.start({ heartbeatIntervalMs: 500 })
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-process-"))
  database = path.join(dir, "bot.db")
  const settings = settingsFor(discord, database)
  bot = await start(settings, { store: Sqlite.layer({ filename: database }) })
})

afterAll(async () => {
  await bot.stop()
  await discord.close()
  fs.rmSync(dir, { recursive: true, force: true })
})


type Data = Record<string, unknown> | undefined
const embedOf = (data: Data) =>
  ((data?.["embeds"] as Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }> }> | undefined) ?? [])[0] ?? {}
const textOf = (data: Data) => JSON.stringify(embedOf(data))
const buttonsOf = (message: { readonly components?: ReadonlyArray<unknown> } | Data) =>
  (((message as { components?: Array<{ components?: Array<{ custom_id?: string; label?: string }> }> } | undefined)?.components) ?? [])
    .flatMap((row) => row.components ?? [])
const buttonId = (message: Parameters<typeof buttonsOf>[0], kind: string) => {
  const found = buttonsOf(message).find((button) => button.custom_id?.startsWith(`dg1|${kind}|`))
  if (found?.custom_id === undefined) throw new Error(`no ${kind} button in ${JSON.stringify(message)}`)
  return found.custom_id
}

const userOption = (name: string, username: string) => {
  const member = discord.guild.member(username)
  return {
    rawOptions: [{ name, type: ApplicationCommandOptionType.User, value: member.user.id }] as never,
    resolved: { users: { [member.user.id]: member.user }, members: { [member.user.id]: { ...member, user: undefined } } }
  }
}

const threadOf = (item: string) =>
  eventually(() => [...discord.guild.channels.values()].find((channel) => channel.name?.endsWith(` · ${item}`) === true))

/** The newest message in a channel that pings this user. */
const pingTo = async (channelId: string, username: string, after = 0): Promise<APIMessage> => {
  const user = discord.guild.member(username).user.id
  return eventually(() => discord.messages(channelId).slice(after).reverse().find((message) => message.content.includes(`<@${user}>`)))
}

describe("the whole process in Discord", () => {
  let item = ""

  it("GIVEN the advisor sets the server up WHEN a colleague submits an idea through the modal and the advisor accepts it THEN it is drafting", async () => {
    await eventually(() => discord.commands().length > 0 ? true : undefined)
    expect((await discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "board" }).callback()).type).toBe(4)
    const opened = await discord.slashCommand({ user: "carol", command: "dugnad", group: "idea", subcommand: "submit" }).callback()
    expect(opened.type).toBe(9)
    const submitted = await discord.modalSubmit({
      user: "carol",
      customId: String(opened.data?.["custom_id"]),
      fields: { title: "New guest harbour in Bodø", pitch: "Boats can moor from June." }
    }).callback()
    item = JSON.stringify(submitted.data).match(/dg1\|comment\|([a-z0-9]{6})/)?.[1] ?? ""
    expect(item).toMatch(/^[a-z0-9]{6}$/)
    const accepted = await discord.slashCommand({ user: "alice", command: "dugnad", group: "idea", subcommand: "accept", options: { item } }).callback()
    expect(accepted.type).toBe(4)
  })

  it("GIVEN the draft WHEN the advisor asks the expert and the colleague to review THEN the expert's message in the thread has the review buttons", async () => {
    const opened = await discord.slashCommand({ user: "alice", command: "dugnad", group: "draft", subcommand: "write", options: { item, network: "facebook" } }).callback()
    expect(opened.type, JSON.stringify(opened.data)).toBe(9)
    const written = await discord.modalSubmit({
      user: "alice",
      customId: String(opened.data?.["custom_id"]),
      fields: { text: "Boats can moor at the new guest harbour from 12 June." }
    }).callback()
    expect(written.type, JSON.stringify(written.data)).toBe(4)
    const bob = userOption("reviewer", "bob")
    const carol = userOption("reviewer2", "carol")
    const requested = await discord.slashCommand({
      user: "alice",
      command: "dugnad",
      group: "review",
      subcommand: "request",
      options: { item },
      rawOptions: [...(bob.rawOptions as Array<unknown>), ...(carol.rawOptions as Array<unknown>)] as never,
      resolved: { users: { ...bob.resolved.users, ...carol.resolved.users }, members: { ...bob.resolved.members, ...carol.resolved.members } }
    }).callback()
    expect(requested.type, JSON.stringify(requested.data)).toBe(4)
    const thread = await threadOf(item)
    const toBob = await pingTo(thread.id, "bob")
    for (const kind of ["approveFacts", "object", "suggestFormat", "comment"]) expect(buttonId(toBob, kind)).toContain(item)
  })

  it("GIVEN the review WHEN the expert objects to a fact THEN the advisor's approval is refused until the objection is resolved, and an old button is stale", async () => {
    const thread = await threadOf(item)
    const toBob = await pingTo(thread.id, "bob")
    const objectForm = await discord.button({ user: "bob", customId: buttonId(toBob, "object"), channel: thread.id, messageId: toBob.id }).callback()
    expect(objectForm.type).toBe(9)
    const objected = await discord.modalSubmit({
      user: "bob",
      customId: String(objectForm.data?.["custom_id"]),
      fields: { claim: "It opens on 12 June", correction: "It opens on 14 June" },
      channel: thread.id
    }).callback()
    expect(objected.type).toBe(4)

    const refused = await discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "approve", options: { item } }).callback()
    expect(textOf(refused.data)).toMatch(/O1/)

    // A new content revision: Bob's buttons for revision 1 are now stale.
    const opened = await discord.slashCommand({ user: "alice", command: "dugnad", group: "draft", subcommand: "write", options: { item } }).callback()
    await discord.modalSubmit({
      user: "alice",
      customId: String(opened.data?.["custom_id"]),
      fields: { text: "Boats can moor at the new guest harbour from 14 June." }
    }).callback()
    const stale = await discord.button({ user: "bob", customId: buttonId(toBob, "approveFacts"), channel: thread.id, messageId: toBob.id }).callback()
    expect(stale.type).toBe(4)
    expect(textOf(stale.data)).toMatch(/revision 2|versjon 2/)

    const resolved = await discord.slashCommand({ user: "bob", command: "dugnad", group: "review", subcommand: "resolve", options: { item, objection: "O1" } }).callback()
    expect(resolved.type).toBe(4)
    const approvedFacts = await discord.slashCommand({ user: "bob", command: "dugnad", group: "review", subcommand: "approve", options: { item } }).callback()
    expect(approvedFacts.type).toBe(4)
  })

  it("GIVEN a format suggestion WHEN the advisor declines it with a reason THEN it is decided and the item can be approved and published", async () => {
    const thread = await threadOf(item)
    const before = discord.messages(thread.id).length
    const suggestForm = await discord.slashCommand({ user: "carol", command: "dugnad", group: "review", subcommand: "suggest", options: { item } }).callback()
    await discord.modalSubmit({ user: "carol", customId: String(suggestForm.data?.["custom_id"]), fields: { note: "Start with the boats" } }).callback()
    const toAlice = await eventually(() =>
      discord.messages(thread.id).slice(before).find((message) => buttonsOf(message).some((button) => button.custom_id?.startsWith("dg1|declineFormat|")))
    )
    const declineForm = await discord.button({ user: "alice", customId: buttonId(toAlice, "declineFormat"), channel: thread.id, messageId: toAlice.id }).callback()
    expect(declineForm.type).toBe(9)
    const declined = await discord.modalSubmit({
      user: "alice",
      customId: String(declineForm.data?.["custom_id"]),
      fields: { reason: "The date must come first: it is what people act on." },
      channel: thread.id
    }).callback()
    expect(declined.type).toBe(4)
    const approved = await discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "approve", options: { item } }).callback()
    expect(textOf(approved.data)).not.toMatch(/O1 is open/)
    const published = await discord.slashCommand({
      user: "alice",
      command: "dugnad",
      subcommand: "publish",
      options: { item, network: "facebook", url: "https://facebook.com/kystverket/posts/1" }
    }).callback()
    expect(published.type).toBe(4)
  })

  it("GIVEN earlier posts WHEN the advisor records and shares the results THEN everyone who helped gets them with the chart, and the success is celebrated in the team channel", async () => {
    // Eight earlier posts, published before, so the new one has a context (the core's own commands).
    const workspace = workspaceIdOf(discord.guild.id)
    const alice = memberIdOf(discord.guild.member("alice").user.id)
    const bob = memberIdOf(discord.guild.member("bob").user.id)
    await Effect.runPromise(Effect.gen(function*() {
      const now = yield* DateTime.now
      for (let index = 0; index < 8; index++) {
        const send = (actor: typeof alice, command: ItemCommand, earlier?: ItemId) =>
          Commands.handle({ workspace, commandId: CommandId.make(`seed-${index}-${command._tag}`), actor, item: earlier, command })
        const id = (yield* send(alice, ItemCommand.SubmitIdea({ title: `Earlier post ${index}`, pitch: "-", goals: [], concerns: [] }))).item
        yield* send(alice, ItemCommand.AcceptIdea(), id)
        yield* send(alice, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: { text: `Post ${index}`, networks: ["facebook"], media: [], perNetwork: {} } }), id)
        yield* send(alice, ItemCommand.RequestReview({ reviewers: [{ member: bob, expert: true }] }), id)
        yield* send(bob, ItemCommand.ApproveFacts({ revision: 1 }), id)
        yield* send(alice, ItemCommand.ApproveForPublication({ revision: 1 }), id)
        const at = DateTime.subtract(now, { days: 10 + index * 8 })
        yield* send(alice, ItemCommand.RecordPublication({ network: "facebook", url: `https://facebook.com/k/posts/${index + 10}`, publishedAt: at }), id)
        yield* send(alice, ItemCommand.RecordResults({
          network: "facebook",
          capturedAt: DateTime.add(at, { days: 7 }),
          metrics: { reach: 1000 + index * 100, reactions: 20 + index, comments: 2, shares: 1 },
          highlights: []
        }), id)
      }
    }).pipe(Effect.provide(Sqlite.layer({ filename: database }))))

    const recorded = await discord.slashCommand({
      user: "alice",
      command: "dugnad",
      group: "results",
      subcommand: "record",
      options: { item, network: "facebook", reach: 9000, likes: 400, comments: 60, shares: 45 }
    }).callback()
    expect(recorded.type, JSON.stringify(recorded.data)).toBe(4)
    const shared = await discord.slashCommand({ user: "alice", command: "dugnad", group: "results", subcommand: "share", options: { item } }).callback(10_000)
    expect([4, 5]).toContain(shared.type)

    const thread = await threadOf(item)
    const toCarol = await eventually(() =>
      discord.requestsTo("POST", `/channels/${thread.id}/messages`).find((request) =>
        request.files.length > 0 && JSON.stringify(request.body).includes(`<@${discord.guild.member("carol").user.id}>`)
      )
    )
    const png = toCarol.files[0]!.bytes
    expect(Buffer.from(png.subarray(0, 8)).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true)

    const celebration = await eventually(() => discord.messages("team").find((message) => JSON.stringify(message.embeds).includes("New guest harbour")))
    expect(celebration.content).toBe("")
  }, 30_000)
})

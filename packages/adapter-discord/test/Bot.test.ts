/**
 * The bot end to end: the real discord.js Client against the fake Discord on 127.0.0.1, with a real
 * SQLite store in a temp dir.
 */
import { afterEach, describe, expect, it } from "vitest"
import { embedOf, eventually, launchBot, stopBots } from "./support.js"

afterEach(stopBots)

const launch = () => launchBot()


describe("the Discord bot, end to end", () => {
  it("GIVEN the bot in a guild WHEN it starts THEN /dugnad is registered there with Norwegian names", async () => {
    const { discord } = await launch()
    const commands = await eventually(() => discord.commands().length > 0 ? discord.commands() : undefined)
    expect(commands.map((command) => command.name)).toEqual(["dugnad"])
    expect(commands[0]?.name_localizations?.["no"]).toBeDefined()
  })

  it("GIVEN a colleague WHEN they submit an idea through the modal and the advisor accepts it THEN the idea is kept, refusals are said, and the idea's thread tells the colleague", async () => {
    const { discord } = await launch()
    await eventually(() => discord.commands().length > 0 ? true : undefined)

    // The advisor comes first: that sets the guild up as a workspace.
    const board = await discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "board" }).callback()
    expect(board.type).toBe(4)

    const opened = await discord.slashCommand({ user: "carol", command: "dugnad", group: "idea", subcommand: "submit" }).callback()
    expect(opened.type, JSON.stringify(opened.data)).toBe(9)
    expect(opened.ms).toBeLessThan(3_000)
    const modalId = String(opened.data?.["custom_id"])
    const submitted = await discord.modalSubmit({
      user: "carol",
      customId: modalId,
      fields: { title: "New guest harbour in Bodø", pitch: "Boats can moor from June @everyone" }
    }).callback()
    expect(submitted.type).toBe(4)
    expect(embedOf(submitted.data).title).toBe("New guest harbour in Bodø")
    expect(submitted.data?.["allowed_mentions"]).toEqual({ parse: [], users: [] })
    // The reply carries the buttons Carol can use on her idea, each naming the item.
    const itemId = JSON.stringify(submitted.data).match(/dg1\|comment\|([a-z0-9]{6})/)?.[1] ?? ""
    expect(itemId).toMatch(/^[a-z0-9]{6}$/)

    // Carol may not triage: the core's refusal, in her language, to her only.
    const refused = await discord.slashCommand({ user: "carol", command: "dugnad", group: "idea", subcommand: "accept", options: { item: itemId } }).callback()
    expect(refused.type).toBe(4)
    expect(refused.data?.["flags"]).toBe(64)
    expect(embedOf(refused.data).description ?? "").toMatch(/advisor/i)

    const accepted = await discord.slashCommand({ user: "alice", command: "dugnad", group: "idea", subcommand: "accept", options: { item: itemId } }).callback()
    expect(accepted.type).toBe(4)
    expect(JSON.stringify(embedOf(accepted.data))).toMatch(/drafting|Drafting|draft/i)

    // The dispatcher delivers the acceptance to Carol in the item's thread, pinging her only.
    const thread = await eventually(() =>
      [...discord.guild.channels.values()].find((channel) => channel.name?.endsWith(` · ${itemId}`) === true)
    )
    const carol = discord.guild.member("carol").user.id
    const posted = await eventually(() => discord.messages(thread.id).find((message) => message.content.includes(`<@${carol}>`)))
    expect(posted.content).toBe(`<@${carol}>`)
    // Each message to the thread may ping only the person it is for; typed text never pings.
    for (const request of discord.requestsTo("POST", `/channels/${thread.id}/messages`)) {
      const body = request.body as { allowed_mentions: { parse: Array<string>; users: Array<string> }; content?: string; nonce: string; enforce_nonce: boolean }
      expect(body.allowed_mentions.parse).toEqual([])
      expect(body.allowed_mentions.users.every((user) => body.content?.includes(`<@${user}>`))).toBe(true)
      expect(body.enforce_nonce).toBe(true)
    }
  })
})

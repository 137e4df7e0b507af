/**
 * Proves the fake Discord against the real discord.js 14 Client: everything the adapter's tests rely
 * on works end to end over HTTP and the gateway WebSocket on 127.0.0.1.
 */
import {
  AttachmentBuilder,
  ChannelType,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  TextInputBuilder,
  TextInputStyle,
  ModalBuilder,
  ActionRowBuilder,
  type TextChannel
} from "discord.js"
import { afterEach, describe, expect, it } from "vitest"
import { FakeDiscord } from "./fake/FakeDiscord.js"

const opened: Array<{ discord: FakeDiscord; client: Client }> = []

const start = async (options: Parameters<typeof FakeDiscord.start>[0] = {}) => {
  const discord = await FakeDiscord.start({ heartbeatIntervalMs: 500, ...options })
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    rest: { api: discord.apiUrl },
    waitGuildTimeout: 100
  })
  opened.push({ discord, client })
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()))
  await client.login(discord.token)
  await ready
  return { discord, client }
}

/** The next interaction the client receives. */
const nextInteraction = (client: Client) =>
  new Promise<Interaction>((resolve) => client.once(Events.InteractionCreate, resolve))

afterEach(async () => {
  for (const { discord, client } of opened.splice(0)) {
    await client.destroy()
    await discord.close()
  }
})

describe("FakeDiscord with the real discord.js Client", () => {
  it("logs in: clientReady fires and the guild, its channels, roles and members are cached", async () => {
    const { discord, client } = await start()
    expect(client.user?.id).toBe(discord.bot.id)
    expect(client.application?.id).toBe(discord.applicationId)
    const guild = client.guilds.cache.get(discord.guild.id)
    expect(guild?.name).toBe("Dugnad")
    expect(guild?.channels.cache.find((c) => c.name === "content")?.type).toBe(ChannelType.GuildText)
    expect(guild?.channels.cache.find((c) => c.name === "team")).toBeDefined()
    expect(guild?.roles.cache.map((r) => r.name).sort()).toEqual(["@everyone", "Advisor", "Dugnad", "Expert"])
    expect(guild?.members.cache.get(discord.guild.member("bob").user.id)?.roles.cache.map((r) => r.name)).toContain("Expert")
    expect(discord.gateway.identifies).toHaveLength(1)
    expect(discord.gateway.connections[0]?.query).toEqual({ v: "10", encoding: "json" })
    const gatewayBot = discord.requestsTo("GET", "/gateway/bot")[0]
    expect(gatewayBot?.headers["authorization"]).toBe(`Bot ${discord.token}`)
  })

  it("heartbeats are acknowledged", async () => {
    const { discord, client } = await start({ heartbeatIntervalMs: 100 })
    await new Promise((r) => setTimeout(r, 350))
    expect(discord.gateway.heartbeats).toBeGreaterThanOrEqual(2)
    expect(client.ws.ping).toBeGreaterThanOrEqual(0)
  })

  it("answers GET users, members and channels, and enforces the Bot token", async () => {
    const { discord, client } = await start()
    const guild = client.guilds.cache.get(discord.guild.id)!
    const alice = discord.guild.member("alice").user
    expect((await client.users.fetch(alice.id, { force: true })).username).toBe("alice")
    expect((await guild.members.fetch({ user: alice.id, force: true })).roles.cache.map((r) => r.name)).toContain("Advisor")
    const team = discord.guild.channel("team").id
    expect((await client.channels.fetch(team, { force: true }))?.id).toBe(team)
    await expect(client.users.fetch("123456789012345678", { force: true })).rejects.toMatchObject({ code: 10013 })
    const bare = await fetch(`${discord.apiUrl}/v10/channels/${team}`)
    expect(bare.status).toBe(401)
  })

  it("rejects login with a wrong token", async () => {
    const discord = await FakeDiscord.start()
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl }, waitGuildTimeout: 100 })
    opened.push({ discord, client })
    await expect(client.login("wrong-token")).rejects.toMatchObject({ code: "TokenInvalid" })
    expect(discord.requestsTo("GET", "/gateway/bot")[0]?.status).toBe(401)
  })

  it("a slash command with a subcommand group reaches the client; reply() reaches the callback route", async () => {
    const { discord, client } = await start()
    const received = nextInteraction(client)
    const handle = discord.slashCommand({
      user: "bob",
      command: "dugnad",
      group: "idea",
      subcommand: "submit",
      options: { title: "Ski wax", votes: 3 },
      locale: "nb"
    })
    const interaction = await received
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command")
    expect(interaction.commandName).toBe("dugnad")
    expect(interaction.options.getSubcommandGroup()).toBe("idea")
    expect(interaction.options.getSubcommand()).toBe("submit")
    expect(interaction.options.getString("title")).toBe("Ski wax")
    expect(interaction.options.getInteger("votes")).toBe(3)
    expect(interaction.locale).toBe("nb")
    expect(interaction.user.username).toBe("bob")
    expect(interaction.channel?.id).toBe(discord.guild.channel("content").id)
    expect(interaction.inCachedGuild() && interaction.member.roles.cache.map((r) => r.name)).toContain("Expert")
    await interaction.reply({ content: "Takk!", flags: 64 })
    const callback = await handle.callback()
    expect(callback.type).toBe(4)
    expect(callback.data).toMatchObject({ content: "Takk!", flags: 64 })
    expect(callback.ms).toBeGreaterThanOrEqual(0)
    expect(callback.ms).toBeLessThan(3000)
    const request = discord.requestsTo("POST", new RegExp(`^/interactions/${handle.id}/`))[0]
    expect(request?.headers["authorization"]).toBeUndefined()
    expect(handle.original()?.["content"]).toBe("Takk!")
  })

  it("reply withResponse returns the created message; fetchReply and message.edit work", async () => {
    const { discord, client } = await start()
    const received = nextInteraction(client)
    const handle = discord.slashCommand({ user: "alice", command: "status" })
    const interaction = await received
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command")
    const response = await interaction.reply({ content: "Here", withResponse: true })
    expect(response.resource?.message?.content).toBe("Here")
    expect(handle.callbacks).toHaveLength(1)
    const fetched = await interaction.fetchReply()
    expect(fetched.id).toBe(response.resource?.message?.id)
    const channel = client.channels.cache.get(discord.guild.channel("team").id) as TextChannel
    const posted = await channel.send("draft")
    await posted.edit("final")
    expect(discord.messages("team").map((m) => [m.content, m.edited_timestamp !== null])).toEqual([["final", true]])
  })

  it("deferReply then editReply edits the @original message", async () => {
    const { discord, client } = await start()
    const received = nextInteraction(client)
    const handle = discord.slashCommand({ user: "alice", command: "status" })
    const interaction = await received
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command")
    await interaction.deferReply()
    expect((await handle.callback()).type).toBe(5)
    const edited = await interaction.editReply({ content: "Done." })
    expect(edited.content).toBe("Done.")
    const patch = discord.requestsTo("PATCH", `/webhooks/${discord.applicationId}/${handle.token}/messages/@original`)
    expect(patch).toHaveLength(1)
    expect(handle.original()?.["content"]).toBe("Done.")
    expect(Number(handle.original()?.["flags"]) & 128).toBe(0)
    const followUp = await interaction.followUp({ content: "One more thing" })
    expect(followUp.content).toBe("One more thing")
    expect(discord.requestsTo("POST", `/webhooks/${discord.applicationId}/${handle.token}`)[0]?.query).toEqual({ wait: "true" })
  })

  it("showModal answers type 9, and the modal submit reaches the client with its fields", async () => {
    const { discord, client } = await start()
    let received = nextInteraction(client)
    const handle = discord.slashCommand({ user: "carol", command: "idea" })
    const command = await received
    if (!command.isChatInputCommand()) throw new Error("expected a chat input command")
    await command.showModal(
      new ModalBuilder().setCustomId("idea-modal").setTitle("Idea").addComponents(
        new ActionRowBuilder<TextInputBuilder>().addComponents(
          new TextInputBuilder().setCustomId("title").setLabel("Title").setStyle(TextInputStyle.Short)
        )
      )
    )
    const callback = await handle.callback()
    expect(callback.type).toBe(9)
    expect(callback.data?.["custom_id"]).toBe("idea-modal")

    for (const layout of ["actionRow", "label"] as const) {
      received = nextInteraction(client)
      const submit = discord.modalSubmit({ user: "carol", customId: "idea-modal", fields: { title: "Waffles" }, layout })
      const modal = await received
      if (!modal.isModalSubmit()) throw new Error("expected a modal submit")
      expect(modal.customId).toBe("idea-modal")
      expect(modal.fields.getTextInputValue("title")).toBe("Waffles")
      await modal.reply({ content: "Saved" })
      expect((await submit.callback()).type).toBe(4)
    }
  })

  it("a button press on a bot message: update() edits that message (type 7)", async () => {
    const { discord, client } = await start()
    const channel = client.channels.cache.get(discord.guild.channel("content").id) as TextChannel
    const posted = await channel.send({
      content: "Vote?",
      components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: "vote:yes", label: "Yes" }] }]
    })
    const received = nextInteraction(client)
    const handle = discord.button({ user: "alice", customId: "vote:yes", messageId: posted.id })
    const interaction = await received
    if (!interaction.isButton()) throw new Error("expected a button")
    expect(interaction.customId).toBe("vote:yes")
    expect(interaction.message.id).toBe(posted.id)
    await interaction.update({ content: "Voted", components: [] })
    const callback = await handle.callback()
    expect(callback.type).toBe(7)
    const stored = discord.messages("content").find((m) => m.id === posted.id)
    expect(stored?.content).toBe("Voted")
    expect(stored?.components).toEqual([])
  })

  it("a callback after the 3 s deadline gets Unknown interaction", async () => {
    const { discord, client } = await start({ interactionDeadlineMs: 50 })
    const received = nextInteraction(client)
    discord.slashCommand({ user: "alice", command: "late" })
    const interaction = await received
    await new Promise((r) => setTimeout(r, 100))
    if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command")
    await expect(interaction.reply({ content: "too late" })).rejects.toMatchObject({ code: 10062 })
  })

  it("channel.send with a file arrives as multipart with the file bytes", async () => {
    const { discord, client } = await start()
    const channel = client.channels.cache.get(discord.guild.channel("content").id) as TextChannel
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255])
    const message = await channel.send({ content: "Chart", files: [new AttachmentBuilder(bytes, { name: "chart.png" })] })
    expect(message.attachments.first()?.name).toBe("chart.png")
    const request = discord.requestsTo("POST", `/channels/${channel.id}/messages`)[0]
    expect(request?.bodyKind).toBe("multipart")
    expect(request?.body).toMatchObject({ content: "Chart" })
    expect(request?.files[0]?.filename).toBe("chart.png")
    expect(request?.files[0]?.bytes.equals(bytes)).toBe(true)
    const served = await fetch(message.attachments.first()!.url)
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true)
  })

  it("enforce_nonce: a second POST with the same nonce returns the first message", async () => {
    const { discord, client } = await start()
    const channel = client.channels.cache.get(discord.guild.channel("team").id) as TextChannel
    const first = await channel.send({ content: "once", nonce: "n-1", enforceNonce: true })
    const second = await channel.send({ content: "once", nonce: "n-1", enforceNonce: true })
    expect(second.id).toBe(first.id)
    expect(discord.messages("team")).toHaveLength(1)
  })

  it("creates threads (from a channel and from a message) and posts in them", async () => {
    const { discord, client } = await start()
    const channel = client.channels.cache.get(discord.guild.channel("content").id) as TextChannel
    const thread = await channel.threads.create({ name: "Idea 1" })
    expect(thread.isThread()).toBe(true)
    expect(thread.parentId).toBe(channel.id)
    await thread.send("In the thread")
    expect(discord.messages(thread.id).map((m) => m.content)).toEqual(["In the thread"])
    const message = await channel.send("Start here")
    const fromMessage = await message.startThread({ name: "Discussion" })
    expect(fromMessage.id).toBe(message.id)
    expect(discord.gateway.dispatches.filter((d) => d.t === "THREAD_CREATE")).toHaveLength(2)
  })

  it("opens a DM channel and sends a message", async () => {
    const { discord, client } = await start()
    const bob = discord.guild.member("bob").user
    const user = await client.users.fetch(bob.id)
    const sent = await user.send("Your idea was accepted")
    expect(sent.channel.type).toBe(ChannelType.DM)
    expect(discord.requestsTo("POST", "/users/@me/channels")[0]?.body).toEqual({ recipient_id: bob.id })
    expect(discord.messages(sent.channelId).map((m) => m.content)).toEqual(["Your idea was accepted"])
  })

  it("stores guild commands registered with guild.commands.set", async () => {
    const { discord, client } = await start()
    const guild = client.guilds.cache.get(discord.guild.id)!
    const set = await guild.commands.set([
      {
        name: "dugnad",
        description: "Dugnad",
        options: [{ type: 1, name: "status", description: "Status" }]
      }
    ])
    expect(set.first()?.name).toBe("dugnad")
    expect(discord.commands().map((c) => c.name)).toEqual(["dugnad"])
    expect(discord.commands()[0]?.id).toBe(set.first()?.id)
  })

  it("scheduled events: create and list", async () => {
    const { discord, client } = await start()
    const guild = client.guilds.cache.get(discord.guild.id)!
    const at = new Date(Date.now() + 86_400_000)
    const event = await guild.scheduledEvents.create({
      name: "Publish",
      scheduledStartTime: at,
      scheduledEndTime: new Date(at.getTime() + 3_600_000),
      privacyLevel: 2,
      entityType: 3,
      entityMetadata: { location: "Instagram" }
    })
    expect(event.name).toBe("Publish")
    const fetched = await guild.scheduledEvents.fetch()
    expect(fetched.map((e) => e.id)).toEqual([event.id])
    const edited = await event.edit({ name: "Publish (moved)" })
    expect(edited.name).toBe("Publish (moved)")
    expect(discord.scheduledEvents().map((e) => e.name)).toEqual(["Publish (moved)"])
  })

  it("a 429 on the channel-message route makes discord.js wait retry_after and retry", async () => {
    const { discord, client } = await start()
    const channel = client.channels.cache.get(discord.guild.channel("content").id) as TextChannel
    const path = `/channels/${channel.id}/messages`
    discord.rateLimit({ method: "POST", path, times: 1, retryAfterMs: 400 })
    const message = await channel.send("after the wait")
    expect(message.content).toBe("after the wait")
    const attempts = discord.requestsTo("POST", path)
    expect(attempts.map((r) => r.status)).toEqual([429, 200])
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(400)
    expect(attempts[0]?.responseHeaders).toMatchObject({
      "Retry-After": "0.4",
      "X-RateLimit-Remaining": "0",
      "X-RateLimit-Scope": "user"
    })
    expect(attempts[1]?.responseHeaders?.["X-RateLimit-Bucket"]).toBe(attempts[0]?.responseHeaders?.["X-RateLimit-Bucket"])
    expect(attempts[1]?.responseHeaders?.["X-RateLimit-Remaining"]).toBe("4")
    expect(discord.messages("content")).toHaveLength(1)
  })

  it("a forced reconnect (op 7) makes the client RESUME and receive the missed dispatches exactly once", async () => {
    const { discord, client } = await start()
    const seen: Array<string> = []
    client.on(Events.InteractionCreate, (i) => {
      if (i.isChatInputCommand()) seen.push(i.commandName)
    })
    discord.slashCommand({ user: "alice", command: "before" })
    await expect.poll(() => seen).toEqual(["before"])
    discord.gateway.requestReconnect()
    await expect.poll(() => discord.gateway.connected, { timeout: 2000 }).toBe(false)
    discord.slashCommand({ user: "alice", command: "missed-1" })
    discord.slashCommand({ user: "alice", command: "missed-2" })
    const resume = await discord.gateway.waitForResume()
    expect(resume.path).toBe("/gateway-resume")
    expect(resume.replayed).toBe(2)
    await expect.poll(() => seen).toEqual(["before", "missed-1", "missed-2"])
    discord.slashCommand({ user: "alice", command: "after" })
    await expect.poll(() => seen).toEqual(["before", "missed-1", "missed-2", "after"])
    expect(discord.gateway.identifies).toHaveLength(1)
    expect(discord.gateway.resumes).toHaveLength(1)
    expect(discord.gateway.connections.map((c) => c.closeCode)).toEqual([4200, undefined])
  })

  it("a server-side close with a resumable code also resumes", async () => {
    const { discord, client } = await start()
    const seen: Array<string> = []
    client.on(Events.InteractionCreate, (i) => {
      if (i.isChatInputCommand()) seen.push(i.commandName)
    })
    discord.gateway.forceClose(4000)
    discord.slashCommand({ user: "bob", command: "while-away" })
    await discord.gateway.waitForResume()
    await expect.poll(() => seen).toEqual(["while-away"])
    expect(discord.gateway.identifies).toHaveLength(1)
  })
})

/**
 * Proves the fake Mattermost against the real @mattermost/client 11 (Client4 over HTTP, WebSocketClient
 * over ws on Node 20): everything the adapter's tests rely on works end to end on 127.0.0.1.
 */
import { createServer, type IncomingMessage, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import MM from "@mattermost/client"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { WebSocket as WsWebSocket } from "ws"
import { FakeMattermost } from "./fake/FakeMattermost.js"

// Under Node ESM the named exports are undefined: the default export is module.exports.
const { Client4, ClientError, WebSocketClient } = MM

/** Client4 11 has no dialog-open helper and doFetch is protected: what an adapter would do. */
class DialogClient extends Client4 {
  openDialog(body: { trigger_id: string; url: string; dialog: Record<string, unknown> }): Promise<unknown> {
    return this.doFetch(`${this.getBaseRoute()}/actions/dialogs/open`, { method: "post", body: JSON.stringify(body) })
  }
}

const opened: Array<FakeMattermost> = []
const servers: Array<Server> = []

const start = async (options: Parameters<typeof FakeMattermost.start>[0] = {}) => {
  const mm = await FakeMattermost.start(options)
  opened.push(mm)
  const client = new DialogClient()
  client.setUrl(mm.url)
  client.setToken(mm.token)
  return { mm, client }
}

interface Received {
  readonly method: string
  readonly path: string
  readonly headers: IncomingMessage["headers"]
  readonly body: string
}

/** A stand-in integration endpoint that records requests and answers with `reply`. */
const integration = async (reply: (r: Received) => { status?: number; json?: unknown; text?: string }) => {
  const received: Array<Received> = []
  const server = createServer((req, res) => {
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const r: Received = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") }
      received.push(r)
      const answer = reply(r)
      if (answer.json !== undefined) {
        res.writeHead(answer.status ?? 200, { "Content-Type": "application/json" })
        res.end(JSON.stringify(answer.json))
      } else {
        res.writeHead(answer.status ?? 200, { "Content-Type": "text/plain" })
        res.end(answer.text ?? "")
      }
    })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received }
}

afterEach(async () => {
  for (const mm of opened.splice(0)) await mm.close()
  for (const s of servers.splice(0)) await new Promise<void>((resolve) => s.close(() => resolve()))
})

describe("FakeMattermost with the real Client4", () => {
  it("getMe, getUserByUsername, getProfilesByIds, getTeamByName, getChannelByName, getTeamMember", async () => {
    const { mm, client } = await start()
    const me = await client.getMe()
    expect(me).toMatchObject({ id: mm.bot.id, username: "dugnad", is_bot: true })
    const alice = await client.getUserByUsername("alice")
    expect(alice).toMatchObject({ id: mm.user("alice").id, locale: "en" })
    expect((await client.getUserByUsername("bob")).locale).toBe("nb")
    expect((await client.getProfilesByIds([alice.id, mm.user("carol").id])).map((u) => u.username)).toEqual(["alice", "carol"])
    const team = await client.getTeamByName("dugnad")
    expect(team).toMatchObject({ id: mm.team.id, name: "dugnad", display_name: "Dugnad" })
    const content = await client.getChannelByName(team.id, "content")
    expect(content).toMatchObject({ id: mm.channel("content").id, type: "O", team_id: team.id })
    expect((await client.getChannelByName(team.id, "town-square")).display_name).toBe("Town Square")
    expect((await client.getChannel(content.id)).name).toBe("content")
    expect((await client.getTeamMember(team.id, alice.id)).roles.split(" ")).toContain("team_admin")
    expect((await client.getTeamMember(team.id, mm.user("bob").id)).roles).toBe("team_user")
    expect((await client.getGroupsByUserId(mm.user("bob").id)).map((g) => g.name)).toEqual(["experts"])
    expect((await client.getGroupsByUserId(alice.id)).map((g) => [g.name, g.source])).toEqual([["advisors", "custom"]])
    const request = mm.requestsTo("GET", "/users/me")[0]
    expect(request?.headers["authorization"]).toBe(`BEARER ${mm.token}`)
    await expect(client.getUserByUsername("nobody")).rejects.toMatchObject({ status_code: 404, server_error_id: "app.user.missing_account.const" })
  })

  it("a wrong token is a ClientError with status_code 401; the scheme is case-insensitive", async () => {
    const { mm } = await start()
    const bad = new Client4()
    bad.setUrl(mm.url)
    bad.setToken("wrong")
    const error = await bad.getMe().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ClientError)
    expect(error).toMatchObject({ status_code: 401, server_error_id: "api.context.session_expired.app_error" })
    const lower = await fetch(`${mm.url}/api/v4/users/me`, { headers: { authorization: `bearer ${mm.token}` } })
    expect(lower.status).toBe(200)
    expect(lower.headers.get("content-type")).toBe("application/json")
    const none = await fetch(`${mm.url}/api/v4/users/me`)
    expect(none.status).toBe(401)
    expect(await none.json()).toMatchObject({ id: "api.context.session_expired.app_error", status_code: 401 })
  })

  it("createDirectChannel gives the same DM channel for the same pair", async () => {
    const { mm, client } = await start()
    const bob = mm.user("bob").id
    const first = await client.createDirectChannel([mm.bot.id, bob])
    const again = await client.createDirectChannel([bob, mm.bot.id])
    expect(first.type).toBe("D")
    expect(again.id).toBe(first.id)
    expect(first.name).toBe([mm.bot.id, bob].sort().join("__"))
    expect(mm.directChannel("dugnad", "bob").id).toBe(first.id)
    const dm = await client.createPost({ channel_id: first.id, message: "Hei Bob" } as never)
    expect(mm.posts(first.id).map((p) => p.id)).toEqual([dm.id])
  })

  it("createPost (201) with buttons, root_id threads, patch and update; integrations are kept but not returned", async () => {
    const { mm, client } = await start()
    const channel = mm.channel("content").id
    const props = {
      attachments: [{
        text: "Idea: ski wax",
        actions: [
          { id: "approve", name: "Approve", type: "button", integration: { url: "http://127.0.0.1:1/actions", context: { item: "i1", sig: "abc" } } },
          { name: "No id", integration: { url: "http://127.0.0.1:1/actions", context: {} } }
        ]
      }]
    }
    const root = await client.createPost({ channel_id: channel, message: "root", props } as never)
    expect(mm.requestsTo("POST", "/posts")[0]?.status).toBe(201)
    expect(root).toMatchObject({ channel_id: channel, user_id: mm.bot.id, message: "root", root_id: "" })
    const returnedActions = (root.props["attachments"] as Array<{ actions: Array<Record<string, unknown>> }>)[0]!.actions
    expect(returnedActions[0]).toMatchObject({ id: "approve", name: "Approve" })
    expect(returnedActions[0]!["integration"]).toBeUndefined() // stripped on the way out, as Mattermost does
    expect(returnedActions[1]!["id"]).toMatch(/^[a-z0-9]{26}$/) // generated
    const stored = mm.post(root.id)!
    expect((stored.props["attachments"] as Array<{ actions: Array<{ integration: unknown }> }>)[0]!.actions[0]!.integration)
      .toEqual({ url: "http://127.0.0.1:1/actions", context: { item: "i1", sig: "abc" } })

    const reply = await client.createPost({ channel_id: channel, message: "in thread", root_id: root.id } as never)
    expect(reply.root_id).toBe(root.id)
    expect(mm.post(root.id)?.reply_count).toBe(1)
    await expect(client.createPost({ channel_id: channel, message: "x", root_id: "a".repeat(26) } as never))
      .rejects.toMatchObject({ status_code: 400, server_error_id: "api.post.create_post.root_id.app_error" })

    const patched = await client.patchPost({ id: root.id, message: "root (edited)" } as never)
    expect(patched.message).toBe("root (edited)")
    expect(patched.edit_at).toBeGreaterThan(0)
    expect(mm.post(root.id)?.props["attachments"]).toBeDefined() // patch keeps props
    const updated = await client.updatePost({ ...patched, message: "replaced", props: {} } as never)
    expect(updated.message).toBe("replaced")
    expect(mm.post(root.id)?.props).toEqual({})
    expect((await client.getPost(root.id)).message).toBe("replaced")
    const list = await client.getPosts(channel)
    expect(list.order).toEqual([reply.id, root.id])
    expect(mm.posts("content").map((p) => p.message)).toEqual(["replaced", "in thread"])
  })

  it("pending_post_id: a second create within 30 s returns the first post", async () => {
    const { mm, client } = await start()
    const channel = mm.channel("content").id
    const pending = `${mm.bot.id}:${Date.now()}`
    const first = await client.createPost({ channel_id: channel, message: "once", pending_post_id: pending } as never)
    const second = await client.createPost({ channel_id: channel, message: "once", pending_post_id: pending } as never)
    expect(second.id).toBe(first.id)
    expect(mm.posts("content")).toHaveLength(1)
    expect(mm.requestsTo("POST", "/posts").map((r) => r.status)).toEqual([201, 201])
  })

  it("failPosts: the next POST /posts answer 500 (ClientError), attempts are recorded; failNext is generic", async () => {
    const { mm, client } = await start()
    const channel = mm.channel("content").id
    mm.failPosts(2)
    for (let i = 0; i < 2; i++) {
      const error = await client.createPost({ channel_id: channel, message: "x" } as never).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ClientError)
      expect(error).toMatchObject({ status_code: 500, server_error_id: "app.post.save.app_error" })
    }
    await client.createPost({ channel_id: channel, message: "x" } as never)
    expect(mm.requestsTo("POST", "/posts").map((r) => [r.status, r.injected === true])).toEqual([[500, true], [500, true], [201, false]])
    expect(mm.posts("content")).toHaveLength(1)
    mm.failNext("GET", /^\/users\/username\//, 503)
    await expect(client.getUserByUsername("alice")).rejects.toMatchObject({ status_code: 503 })
    expect((await client.getUserByUsername("alice")).username).toBe("alice")
  })

  it("uploadFile (multipart channel_id + files) keeps the bytes; file_ids attach to a post", async () => {
    const { mm, client } = await start()
    const channel = mm.channel("content").id
    const form = new FormData()
    form.append("channel_id", channel)
    form.append("files", new Blob([Buffer.from("id;title\n1;Ski wax\n")], { type: "text/csv" }), "ideas.csv")
    const uploaded = await client.uploadFile(form)
    const info = uploaded.file_infos[0]!
    expect(info).toMatchObject({ name: "ideas.csv", extension: "csv", mime_type: "text/csv", size: 19, channel_id: channel })
    expect(mm.fileBytes(info.id)?.toString()).toBe("id;title\n1;Ski wax\n")
    const post = await client.createPost({ channel_id: channel, message: "export", file_ids: [info.id] } as never)
    expect(post.file_ids).toEqual([info.id])
    expect(post.metadata.files?.[0]?.id).toBe(info.id)
  })

  it("doFetch to /actions/dialogs/open: a trigger id from a slash command is valid once and a few seconds", async () => {
    const { mm, client } = await start({ triggerLifetimeMs: 300 })
    const app = await integration(() => ({ json: { response_type: "ephemeral", text: "ok" } }))
    const command = await mm.slashCommand({ url: `${app.url}/command`, user: "bob", text: "idea submit" })
    const dialog = { callback_id: "idea-submit", title: "New idea", elements: [{ display_name: "Title", name: "title", type: "text" }], state: "s1" }
    const open = (triggerId: string) =>
      client.openDialog({ trigger_id: triggerId, url: `${app.url}/dialog`, dialog })
    expect(await open(command.triggerId)).toEqual({ status: "OK" })
    expect(mm.dialogs[0]).toMatchObject({ triggerId: command.triggerId, url: `${app.url}/dialog`, userId: mm.user("bob").id, channelId: mm.channel("content").id })
    expect(mm.dialogs[0]?.dialog).toEqual(dialog)
    await expect(open(command.triggerId)).rejects.toMatchObject({ status_code: 400 })
    const late = await mm.slashCommand({ url: `${app.url}/command`, user: "bob", text: "idea submit" })
    await new Promise((r) => setTimeout(r, 350))
    await expect(open(late.triggerId)).rejects.toMatchObject({ status_code: 400, server_error_id: "interactive_message.decode_trigger_id.expired" })
    expect(mm.dialogs).toHaveLength(1)
  })
})

describe("FakeMattermost playing Mattermost's outgoing calls", () => {
  it("slashCommand: form POST with Authorization: Token and every field; in_channel → post, ephemeral → ephemeral; response_url replies recorded", async () => {
    const { mm } = await start()
    const app = await integration((r) => (r.body.includes("text=public") ? { json: { response_type: "in_channel", text: "Posted!" } } : { json: { response_type: "ephemeral", text: "Only you" } }))
    const result = await mm.slashCommand({ url: `${app.url}/command`, user: "alice", text: "status now" })
    expect(result.status).toBe(200)
    expect(result.json).toEqual({ response_type: "ephemeral", text: "Only you" })
    const sent = app.received[0]!
    expect(sent.headers["content-type"]).toBe("application/x-www-form-urlencoded")
    expect(sent.headers["authorization"]).toBe(`Token ${mm.commandToken}`)
    const form = Object.fromEntries(new URLSearchParams(sent.body))
    expect(form).toEqual({
      channel_id: mm.channel("content").id,
      channel_name: "content",
      command: "/dugnad",
      response_url: result.responseUrl,
      root_id: "",
      team_domain: "dugnad",
      team_id: mm.team.id,
      text: "status now",
      token: mm.commandToken,
      trigger_id: result.triggerId,
      user_id: mm.user("alice").id,
      user_name: "alice"
    })
    expect(mm.ephemerals).toMatchObject([{ userId: mm.user("alice").id, message: "Only you", via: "command" }])

    await mm.slashCommand({ url: `${app.url}/command`, user: "bob", text: "public" })
    expect(mm.posts("content").map((p) => [p.message, p.user_id])).toEqual([["Posted!", mm.user("bob").id]])

    const later = await fetch(result.responseUrl, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ response_type: "ephemeral", text: "Done later" }) })
    expect(later.status).toBe(200)
    expect(result.responseUrlReplies.map((r) => r.body)).toEqual([{ response_type: "ephemeral", text: "Done later" }])
    expect(mm.responseUrlReplies).toHaveLength(1)
    expect(mm.ephemerals.at(-1)).toMatchObject({ message: "Done later", via: "response_url" })
  })

  it("clickButton posts the stored integration context; update and ephemeral_text are applied", async () => {
    const { mm, client } = await start()
    const app = await integration(() => ({ json: { update: { message: "Approved by alice" }, ephemeral_text: "Thanks" } }))
    const post = await client.createPost({
      channel_id: mm.channel("content").id,
      message: "Idea",
      props: { attachments: [{ actions: [
        { id: "approve", name: "Approve", integration: { url: `${app.url}/actions`, context: { item: "i1", sig: "abc" } } },
        { id: "bad_id", name: "Bad", integration: { url: `${app.url}/actions`, context: {} } }
      ] }] }
    } as never)
    const result = await mm.clickButton({ post: post.id, action: "approve", user: "alice" })
    expect(result.delivered).toBe(true)
    expect(result.status).toBe(200)
    const body = JSON.parse(app.received[0]!.body) as Record<string, unknown>
    expect(body).toMatchObject({
      user_id: mm.user("alice").id,
      user_name: "alice",
      channel_id: mm.channel("content").id,
      team_id: mm.team.id,
      post_id: post.id,
      trigger_id: result.triggerId,
      type: "button",
      context: { item: "i1", sig: "abc" }
    })
    expect(mm.post(post.id)?.message).toBe("Approved by alice")
    expect(mm.ephemerals.at(-1)).toMatchObject({ message: "Thanks", via: "action", userId: mm.user("alice").id })
    const bad = await mm.clickButton({ post: post.id, action: "bad_id", user: "alice" })
    expect(bad).toMatchObject({ delivered: false, status: 404 })
    expect(app.received).toHaveLength(1)
  })

  it("submitDialog posts the dialog_submission of the opened dialog", async () => {
    const { mm, client } = await start()
    const app = await integration((r) => (r.path === "/dialog" ? { json: { errors: { title: "Too short" } } } : { json: {} }))
    const command = await mm.slashCommand({ url: `${app.url}/command`, user: "carol" })
    await client.openDialog({ trigger_id: command.triggerId, url: `${app.url}/dialog`, dialog: { callback_id: "cb", title: "T", state: "st", elements: [] } })
    const result = await mm.submitDialog({ submission: { title: "x" } })
    expect(result.json).toEqual({ errors: { title: "Too short" } })
    expect(JSON.parse(app.received[1]!.body)).toEqual({
      type: "dialog_submission",
      callback_id: "cb",
      state: "st",
      user_id: mm.user("carol").id,
      channel_id: mm.channel("content").id,
      team_id: mm.team.id,
      submission: { title: "x" },
      cancelled: false
    })
  })
})

describe("FakeMattermost with the real WebSocketClient (ws as globalThis.WebSocket)", () => {
  const g = globalThis as Record<string, unknown>
  let saved: { WebSocket: unknown; CloseEvent: unknown }

  beforeEach(() => {
    saved = { WebSocket: g["WebSocket"], CloseEvent: g["CloseEvent"] }
    g["WebSocket"] = WsWebSocket
    // Node 20 has no CloseEvent: the client only builds one to pass to its own onclose.
    g["CloseEvent"] = class CloseEvent extends Event {
      readonly code: number
      readonly wasClean: boolean
      readonly reason: string
      constructor(type: string, init: { code?: number; wasClean?: boolean; reason?: string } = {}) {
        super(type)
        this.code = init.code ?? 0
        this.wasClean = init.wasClean ?? false
        this.reason = init.reason ?? ""
      }
    }
    vi.spyOn(console, "log").mockImplementation(() => undefined)
  })

  afterEach(() => {
    vi.restoreAllMocks()
    if (saved.WebSocket === undefined) delete g["WebSocket"]
    else g["WebSocket"] = saved.WebSocket
    if (saved.CloseEvent === undefined) delete g["CloseEvent"]
    else g["CloseEvent"] = saved.CloseEvent
  })

  const connect = async (mm: FakeMattermost) => {
    const ws = new WebSocketClient({ minWebSocketRetryTime: 50, reconnectJitterRange: 0 })
    const messages: Array<{ event: string; seq: number; data: Record<string, unknown> }> = []
    let missed = 0
    let reconnects = 0
    ws.addMessageListener((m) => messages.push(m as never))
    ws.addMissedMessageListener(() => void (missed += 1))
    ws.addReconnectListener(() => void (reconnects += 1))
    ws.initialize(mm.websocketUrl, mm.token)
    await mm.ws.waitForAuthenticated(1)
    await mm.ws.waitUntil("hello", () => messages.find((m) => m.event === "hello"))
    return { ws, messages, counts: () => ({ missed, reconnects }) }
  }

  it("authentication_challenge → hello (seq 0) and OK; a posted event carries data.post as a JSON string", async () => {
    const { mm } = await start()
    const { ws, messages } = await connect(mm)
    const conn = mm.ws.connections[0]!
    expect(conn.query).toEqual({ connection_id: "", sequence_number: "0" })
    expect(conn.received[0]).toEqual({ action: "authentication_challenge", seq: 1, data: { token: mm.token } })
    expect(conn.outcome).toBe("new")
    expect(messages[0]).toMatchObject({ event: "hello", seq: 0, data: { connection_id: conn.connectionId } })
    const post = mm.userPosts({ user: "bob", channel: "content", message: "hello bot" })
    await mm.ws.waitUntil("posted", () => messages.find((m) => m.event === "posted"))
    const posted = messages.find((m) => m.event === "posted")!
    expect(posted.seq).toBe(1)
    expect(typeof posted.data["post"]).toBe("string")
    expect(JSON.parse(posted.data["post"] as string)).toMatchObject({ id: post.id, message: "hello bot", user_id: mm.user("bob").id })
    expect(posted.data).toMatchObject({ channel_name: "content", channel_type: "O", sender_name: "@bob", team_id: mm.team.id })
    mm.userAdded({ user: "carol", channel: "content" })
    await mm.ws.waitUntil("user_added", () => messages.find((m) => m.event === "user_added"))
    expect(messages.map((m) => m.seq)).toEqual([0, 1, 2])
    ws.close()
  })

  it("a lost event makes a sequence gap: the client closes (4001), reconnects with connection_id + sequence_number, and the fake resumes and replays", async () => {
    const { mm } = await start()
    const { ws, messages, counts } = await connect(mm)
    const connectionId = mm.ws.connections[0]!.connectionId!
    mm.ws.loseNext()
    mm.userPosts({ user: "bob", channel: "content", message: "lost on the wire" }) // seq 1, not written
    mm.userPosts({ user: "bob", channel: "content", message: "shows the gap" }) // seq 2
    const second = await mm.ws.waitForAuthenticated(2)
    expect(second.query).toMatchObject({ connection_id: connectionId, sequence_number: "1", disconnect_err_code: "4001" })
    expect(second.outcome).toBe("resumed")
    expect(second.replayed).toBe(2)
    await mm.ws.waitUntil("replay", () => (messages.filter((m) => m.event === "posted").length >= 2 ? true : undefined))
    expect(messages.map((m) => [m.event, m.seq])).toEqual([["hello", 0], ["posted", 1], ["posted", 2]])
    expect(mm.ws.connections[0]!.closedBy).toBe("client")
    expect(counts()).toEqual({ missed: 0, reconnects: 1 })
    ws.close()
  })

  it("forceSequenceGap: the skipped seq is not in the dead queue, so the reconnect gets a new connection (hello, missed-message listeners)", async () => {
    const { mm } = await start()
    const { ws, messages, counts } = await connect(mm)
    const firstId = mm.ws.connections[0]!.connectionId!
    mm.ws.forceSequenceGap()
    mm.userPosts({ user: "alice", channel: "content", message: "after the gap" }) // seq 2, client expects 1
    const second = await mm.ws.waitForAuthenticated(2)
    expect(second.query).toMatchObject({ connection_id: firstId, sequence_number: "1" })
    expect(second.outcome).toBe("new")
    expect(second.connectionId).not.toBe(firstId)
    await mm.ws.waitUntil("second hello", () => (messages.filter((m) => m.event === "hello").length === 2 ? true : undefined))
    expect(counts()).toEqual({ missed: 1, reconnects: 1 })
    mm.userPosts({ user: "alice", channel: "content", message: "on the new connection" })
    await mm.ws.waitUntil("posted", () => messages.find((m) => m.event === "posted"))
    expect(messages.map((m) => [m.event, m.seq])).toEqual([["hello", 0], ["hello", 0], ["posted", 1]])
    ws.close()
  })

  it("a wrong token is answered FAIL and the socket is closed", async () => {
    const { mm } = await start()
    const ws = new WebSocketClient({ minWebSocketRetryTime: 60_000, reconnectJitterRange: 0 })
    ws.initialize(mm.websocketUrl, "wrong")
    await mm.ws.waitUntil("close", () => mm.ws.connections[0]?.closedAt)
    expect(mm.ws.connections[0]).toMatchObject({ closedBy: "server", closeCode: 1008 })
    expect(mm.ws.connections[0]?.authenticatedAt).toBeUndefined()
    ws.close()
  })
})

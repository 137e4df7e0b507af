/**
 * Events against the shared fake Mattermost (test/fake/FakeMattermost.ts), with the real
 * WebSocketClient. One case (an unanswered ping) needs a server that stops answering pings, which
 * the fake does not do: it uses a few lines of ws server below.
 */
import type { AddressInfo } from "node:net"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { WebSocketServer } from "ws"
import { connect, type ConnectOptions, type EventsConnection, type MattermostEvent, toEvent, websocketUrl } from "../src/Events.js"
import { FakeMattermost } from "./fake/FakeMattermost.js"

const until = async (check: () => boolean, what = "condition", timeoutMs = 5_000): Promise<void> => {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const g = globalThis as Record<string, unknown>
const globalsBefore = { WebSocket: g["WebSocket"], CloseEvent: g["CloseEvent"] }

const expectNoGlobals = () => {
  expect(globalsBefore).toEqual({ WebSocket: undefined, CloseEvent: undefined }) // Node 20
  expect("WebSocket" in globalThis).toBe(false)
  expect("CloseEvent" in globalThis).toBe(false)
}

let mm: FakeMattermost
let connection: EventsConnection | undefined
let consoleSpies: Array<ReturnType<typeof vi.spyOn>> = []

beforeEach(async () => {
  mm = await FakeMattermost.start()
  consoleSpies = (["log", "info", "warn", "error", "debug"] as const).map((method) => vi.spyOn(console, method))
})

afterEach(async () => {
  await connection?.close()
  connection = undefined
  await mm.close()
  for (const spy of consoleSpies) {
    expect(spy).not.toHaveBeenCalled() // the library printed nothing
    spy.mockRestore()
  }
  expectNoGlobals() // after the bot stopped
})

const start = (overrides: Partial<ConnectOptions> = {}) => {
  const events: Array<MattermostEvent> = []
  const reconnects: Array<number> = [] // how many events had arrived when onReconnect ran
  const lines: Array<string> = []
  const ready = connect({
    url: mm.url,
    token: mm.token,
    onEvent: (event) => void events.push(event),
    onReconnect: () => void reconnects.push(events.length),
    log: (line) => void lines.push(line),
    reconnectDelayMs: { min: 20, jitter: 10 },
    ...overrides
  }).then((c) => (connection = c))
  return { events, reconnects, lines, ready }
}

describe("Events on the fake Mattermost", () => {
  it("authenticates, gets hello, and delivers the watched events in order, decoded; no globals while running", async () => {
    const { events, lines, ready } = start()
    await ready
    const first = mm.ws.connections[0]!
    expect(first.query).toEqual({ connection_id: "", sequence_number: "0" })
    expect(first.outcome).toBe("new") // hello sent
    expectNoGlobals()

    const alice = mm.user("alice")
    const content = mm.channel("content")
    mm.emit("user_role_updated", { user_id: alice.id, roles: "system_user" }, { user_id: alice.id }) // only to alice's sessions: not the bot's
    mm.emit("user_role_updated", { user_id: alice.id, roles: "system_user system_admin" })
    mm.emit("typing", { parent_id: "", user_id: alice.id }, { channel_id: content.id }) // not watched
    mm.emit("channel_updated", { channel: JSON.stringify(content) }, { channel_id: content.id })
    const post = mm.userPosts({ user: "alice", channel: "content", message: "hei" })
    mm.emit("memberrole_updated", { member: JSON.stringify({ user_id: alice.id, team_id: mm.team.id, roles: "team_user team_admin" }) })
    mm.userAdded({ user: "bob", channel: "content" })
    await until(() => events.length === 5, "5 events")
    expect(events.map((e) => [e.name, e.concerns, e.userId, e.channelId, e.teamId])).toEqual([
      ["user_role_updated", "roles", alice.id, undefined, undefined],
      ["channel_updated", "channels", undefined, content.id, content.team_id],
      ["posted", "posts", alice.id, content.id, content.team_id],
      ["memberrole_updated", "roles", alice.id, undefined, mm.team.id],
      ["user_added", "roles", mm.user("bob").id, content.id, mm.team.id]
    ])
    expect(events.map((e) => e.seq)).toEqual([1, 3, 4, 5, 6]) // seq counts per connection; typing was 2
    expect(events[2]?.data["post"]).toMatchObject({ id: post.id, message: "hei" })
    expect(lines).toEqual(["Mattermost events: connected."])
  })

  it("a lost event (sequence gap): reconnects with connection_id and the missed sequence number, the server replays it, onReconnect runs", async () => {
    const { events, reconnects, ready } = start()
    await ready
    const connectionId = mm.ws.connections[0]!.connectionId!
    mm.emit("channel_created", { channel_id: "c1", team_id: mm.team.id })
    mm.ws.loseNext()
    mm.emit("channel_deleted", { channel_id: "c2" }) // seq 2, lost on the wire
    mm.emit("user_updated", { user: mm.user("carol") }) // seq 3: the client sees the gap
    await until(() => events.length === 3 && reconnects.length === 1, "the replay and onReconnect")
    expect(events.map((e) => [e.name, e.seq])).toEqual([["channel_created", 1], ["channel_deleted", 2], ["user_updated", 3]])
    expect(mm.ws.connections[1]!.query).toEqual({ connection_id: connectionId, sequence_number: "2", disconnect_err_code: "4001" })
    expect(mm.ws.connections[1]!.outcome).toBe("resumed")
    expect(mm.ws.connections[0]!.closedBy).toBe("client")
    mm.emit("channel_deleted", { channel_id: "c3" })
    await until(() => events.length === 4, "the next event")
    expect(events[3]?.seq).toBe(4)
  })

  it("a gap the server cannot replay: a new connection (hello seq 0), the sequence starts over, onReconnect runs", async () => {
    const { events, reconnects, lines, ready } = start()
    await ready
    mm.emit("channel_created", { channel_id: "c1" })
    mm.ws.forceSequenceGap()
    mm.emit("channel_created", { channel_id: "c2" }) // dropped by the client (wrong seq); never replayed
    await until(() => reconnects.length === 1, "onReconnect")
    expect(mm.ws.connections[1]).toMatchObject({ query: { sequence_number: "2", disconnect_err_code: "4001" }, outcome: "new" })
    mm.emit("channel_created", { channel_id: "c3" })
    await until(() => events.length === 2, "the next event")
    expect(events.map((e) => [e.channelId, e.seq])).toEqual([["c1", 1], ["c3", 1]])
    expect(reconnects).toEqual([1]) // the bot re-reads state to recover c2
    expect(lines).toContain("Mattermost events: the server could not replay what was missed.")
  })

  it("the server closes the connection (1001): reconnect, resume, onReconnect; events emitted meanwhile are covered by onReconnect", async () => {
    const { events, reconnects, lines, ready } = start({ reconnectDelayMs: { min: 100, jitter: 0 } })
    await ready
    mm.emit("user_removed", { remover_id: mm.bot.id, user_id: mm.user("bob").id }, { channel_id: "c1" })
    await until(() => events.length === 1, "the first event")
    mm.ws.closeConnections()
    await sleep(30)
    mm.emit("user_removed", { channel_id: "c2" }) // while down: not delivered (as on Mattermost)
    await until(() => reconnects.length === 1, "onReconnect")
    expect(mm.ws.connections[1]).toMatchObject({ query: { sequence_number: "2", disconnect_err_code: "1001" }, outcome: "resumed" })
    expect(events.map((e) => e.userId)).toEqual([mm.user("bob").id])
    expect(lines).toContain("Mattermost events: connection lost; reconnecting.")
    expect(lines).toContain("Mattermost events: reconnected; catching up.")

    mm.ws.forgetConnections() // a server restart
    await until(() => reconnects.length === 2, "the second onReconnect")
    expect(mm.ws.connections[2]!.outcome).toBe("new")
    mm.emit("user_removed", { user_id: "u3", channel_id: "c3" })
    await until(() => events.length === 2, "an event after the restart")
    expect(events[1]).toMatchObject({ userId: "u3", seq: 1 })
  })

  it("close() stops reconnecting and closes the socket", async () => {
    const { reconnects, ready } = start()
    await ready
    await connection?.close()
    connection = undefined
    expect(mm.ws.connections[0]!.closedBy).toBe("client")
    mm.ws.closeAll()
    await sleep(150)
    expect(mm.ws.connections).toHaveLength(1)
    expect(mm.ws.connected).toBe(false)
    expect(reconnects).toEqual([])
  })

  it("close() while the connection is down stops the retries", async () => {
    const { ready } = start({ reconnectDelayMs: { min: 50, jitter: 0 } })
    await ready
    mm.ws.closeConnections()
    await until(() => mm.ws.connections[0]!.closedAt !== undefined, "the close")
    await connection?.close()
    connection = undefined
    await sleep(200)
    expect(mm.ws.connections).toHaveLength(1)
  })

  it("a refused token rejects connect and leaves nothing running", async () => {
    const lines: Array<string> = []
    await expect(
      connect({ url: mm.url, token: "wrong", onEvent: () => {}, onReconnect: () => {}, log: (l) => void lines.push(l), reconnectDelayMs: { min: 20 } })
    ).rejects.toThrow(/Invalid session/)
    expect(lines[0]).toMatch(/refused the bot's token/)
    await sleep(100)
    expect(mm.ws.connections).toHaveLength(1)
  })

  it("connect times out when nothing answers, and stops", async () => {
    const silent = new WebSocketServer({ host: "127.0.0.1", port: 0 }) // accepts, never answers
    await new Promise<void>((resolve) => silent.once("listening", resolve))
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
    await expect(connect({ url, token: "t", onEvent: () => {}, onReconnect: () => {}, connectTimeoutMs: 100 })).rejects.toThrow(/not connected within 100 ms/)
    await sleep(50)
    expect(silent.clients.size).toBe(0)
    await new Promise((resolve) => silent.close(resolve))
  })

  it("handlers run one at a time in order; what they throw is logged and later events still arrive", async () => {
    const order: Array<string> = []
    const lines: Array<string> = []
    connection = await connect({
      url: mm.url,
      token: mm.token,
      onEvent: async (event) => {
        order.push(`start ${event.seq}`)
        await sleep(20)
        order.push(`end ${event.seq}`)
        if (event.seq === 1) throw new Error("boom")
      },
      onReconnect: () => {},
      log: (l) => void lines.push(l)
    })
    mm.emit("channel_deleted", { channel_id: "c1" })
    mm.emit("channel_deleted", { channel_id: "c2" })
    await until(() => order.length === 4, "both handlers")
    expect(order).toEqual(["start 1", "end 1", "start 2", "end 2"])
    expect(lines).toContain("Mattermost events: onEvent(channel_deleted) failed: boom")
  })
})

describe("Events with a server that stops answering pings", () => {
  it("the client drops the connection itself (its CloseEvent, code 4000) and reconnects", async () => {
    let answerPings = true
    const queries: Array<URLSearchParams> = []
    const server = new WebSocketServer({ host: "127.0.0.1", port: 0, path: "/api/v4/websocket" })
    await new Promise<void>((resolve) => server.once("listening", resolve))
    server.on("connection", (socket, request) => {
      queries.push(new URL(request.url ?? "/", "http://x").searchParams)
      socket.on("message", (raw) => {
        const message = JSON.parse(raw.toString()) as { action: string; seq: number }
        if (message.action === "authentication_challenge") {
          socket.send(JSON.stringify({ status: "OK", seq_reply: message.seq }))
          socket.send(JSON.stringify({ event: "hello", data: { connection_id: "c" }, broadcast: {}, seq: 0 }))
        } else if (message.action === "ping" && answerPings) {
          socket.send(JSON.stringify({ status: "OK", seq_reply: message.seq, data: { text: "pong" } }))
        }
      })
    })
    const reconnects: Array<number> = []
    connection = await connect({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      token: "t",
      onEvent: () => {},
      onReconnect: () => void reconnects.push(1),
      reconnectDelayMs: { min: 20, jitter: 0 },
      pingIntervalMs: 50
    })
    answerPings = false
    await until(() => reconnects.length === 1, "onReconnect")
    expect(queries[1]?.get("disconnect_err_code")).toBe("4000")
    expect(queries[1]?.get("connection_id")).toBe("c")
    answerPings = true
    await connection.close()
    connection = undefined
    for (const client of server.clients) client.terminate()
    await new Promise((resolve) => server.close(resolve))
  })
})

describe("Events helpers", () => {
  it("websocketUrl", () => {
    expect(websocketUrl("https://chat.example.org")).toBe("wss://chat.example.org/api/v4/websocket")
    expect(websocketUrl("http://127.0.0.1:8065/")).toBe("ws://127.0.0.1:8065/api/v4/websocket")
    expect(websocketUrl("https://example.org/mm/")).toBe("wss://example.org/mm/api/v4/websocket")
  })

  it("toEvent drops unwatched events and finds ids in data, decoded data and broadcast", () => {
    expect(toEvent({ event: "typing", data: {}, broadcast: {}, seq: 1 })).toBeUndefined()
    expect(toEvent({ event: "user_added", data: { user_id: "u", team_id: "t" }, broadcast: { channel_id: "c" }, seq: 2 })).toMatchObject({
      concerns: "roles",
      userId: "u",
      channelId: "c",
      teamId: "t"
    })
    expect(toEvent({ event: "channel_updated", data: { channel: "{bad json" }, broadcast: null, seq: 3 })).toMatchObject({
      channelId: undefined,
      data: { channel: "{bad json" }
    })
  })
})

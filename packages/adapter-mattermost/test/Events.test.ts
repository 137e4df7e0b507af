import type { AddressInfo } from "node:net"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { WebSocketServer, type WebSocket as ServerSocket } from "ws"
import { connect, type EventsConnection, type MattermostEvent, toEvent, websocketUrl } from "../src/Events.js"

/**
 * A Mattermost WebSocket endpoint as far as the client needs: authentication_challenge → OK reply
 * and (fresh session) hello seq 0; pings answered; per connection id a history of events so a
 * client reconnecting with connection_id + sequence_number gets the missed ones replayed without a
 * hello (as the real server does when it resumes a connection from its dead queue).
 */
class WsServer {
  readonly server: WebSocketServer
  readonly connects: Array<{ connectionId: string; sequenceNumber: number; disconnectErrCode: string | null }> = []
  answerPings = true
  private sessions = new Map<string, { history: Array<string>; socket: ServerSocket | undefined }>()
  private nextId = 1
  current: { id: string; socket: ServerSocket } | undefined

  private constructor(server: WebSocketServer) {
    this.server = server
    server.on("connection", (socket, request) => {
      const query = new URL(request.url ?? "/", "http://x").searchParams
      const asked = query.get("connection_id") ?? ""
      const sequenceNumber = Number(query.get("sequence_number") ?? "0")
      this.connects.push({ connectionId: asked, sequenceNumber, disconnectErrCode: query.get("disconnect_err_code") })
      socket.on("message", (raw) => {
        const message = JSON.parse(raw.toString()) as { action: string; seq: number; data?: { token?: string } }
        if (message.action === "authentication_challenge") {
          if (message.data?.token !== "bot-token") {
            socket.send(JSON.stringify({ status: "FAIL", seq_reply: message.seq, error: { id: "api.web_socket_router.not_authenticated.app_error", message: "Invalid or expired session" } }))
            return
          }
          socket.send(JSON.stringify({ status: "OK", seq_reply: message.seq }))
          const resumed = this.sessions.get(asked)
          if (resumed !== undefined && sequenceNumber <= resumed.history.length) {
            resumed.socket = socket
            this.current = { id: asked, socket }
            for (const frame of resumed.history.slice(sequenceNumber)) socket.send(frame)
          } else {
            const id = `conn${this.nextId++}`
            const hello = JSON.stringify({ event: "hello", data: { connection_id: id, server_version: "11.0.0" }, broadcast: {}, seq: 0 })
            this.sessions.set(id, { history: [hello], socket })
            this.current = { id, socket }
            socket.send(hello)
          }
        } else if (message.action === "ping" && this.answerPings) {
          socket.send(JSON.stringify({ status: "OK", seq_reply: message.seq, data: { text: "pong" } }))
        }
      })
    })
  }

  static async start(): Promise<WsServer> {
    const server = new WebSocketServer({ host: "127.0.0.1", port: 0, path: "/api/v4/websocket" })
    await new Promise<void>((resolve) => server.once("listening", resolve))
    return new WsServer(server)
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  private session() {
    const current = this.current
    if (current === undefined) throw new Error("no session")
    return { current, session: this.sessions.get(current.id)! }
  }

  /** Records the event in the session's history; sends it unless `lost`. */
  emit(event: string, data: Record<string, unknown>, broadcast: Record<string, unknown> = {}, lost = false): void {
    const { current, session } = this.session()
    const frame = JSON.stringify({ event, data, broadcast, seq: session.history.length })
    session.history.push(frame)
    if (!lost) current.socket.send(frame)
  }

  /** Forgets every session: the next reconnect gets a new connection id and hello. */
  restart(): void {
    this.sessions.clear()
    for (const client of this.server.clients) client.terminate()
  }

  closeConnections(code: number): void {
    for (const client of this.server.clients) client.close(code, "going away")
  }

  dropConnections(): void {
    for (const client of this.server.clients) client.terminate()
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }
}

const until = async (check: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out")
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe("Events", () => {
  let server: WsServer
  let connection: EventsConnection | undefined
  const consoleSpies: Array<ReturnType<typeof vi.spyOn>> = []
  const globalsBefore = { WebSocket: (globalThis as Record<string, unknown>)["WebSocket"], CloseEvent: (globalThis as Record<string, unknown>)["CloseEvent"] }

  const expectNoGlobals = () => {
    const g = globalThis as Record<string, unknown>
    expect(g["WebSocket"]).toBe(globalsBefore.WebSocket)
    expect(g["CloseEvent"]).toBe(globalsBefore.CloseEvent)
    expect(globalsBefore).toEqual({ WebSocket: undefined, CloseEvent: undefined }) // Node 20
  }

  beforeEach(async () => {
    server = await WsServer.start()
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      consoleSpies.push(vi.spyOn(console, method))
    }
  })

  afterEach(async () => {
    await connection?.close()
    connection = undefined
    await server.close()
    for (const spy of consoleSpies) {
      expect(spy).not.toHaveBeenCalled()
      spy.mockRestore()
    }
    consoleSpies.length = 0
    expectNoGlobals()
  })

  const start = (overrides: { pingIntervalMs?: number } = {}) => {
    const events: Array<MattermostEvent> = []
    const reconnects: Array<number> = []
    const lines: Array<string> = []
    const ready = connect({
      url: server.url,
      token: "bot-token",
      onEvent: (event) => void events.push(event),
      onReconnect: () => void reconnects.push(events.length),
      log: (line) => void lines.push(line),
      reconnectDelayMs: { min: 20, jitter: 10 },
      ...overrides
    }).then((c) => (connection = c))
    return { events, reconnects, lines, ready }
  }

  it("authenticates, receives hello and delivers the watched events in order, decoded", async () => {
    const { events, lines, ready } = start()
    await ready
    expect(server.connects).toEqual([{ connectionId: "", sequenceNumber: 0, disconnectErrCode: null }])
    expectNoGlobals() // also while running
    server.emit("user_role_updated", { user_id: "u1", roles: "system_user" })
    server.emit("typing", { parent_id: "" }, { channel_id: "c9" }) // not watched
    server.emit("channel_updated", { channel: JSON.stringify({ id: "c1", team_id: "t1", name: "general" }) })
    server.emit("posted", { post: JSON.stringify({ id: "p1", channel_id: "c2", user_id: "u2", message: "hi" }), channel_type: "O" })
    server.emit("memberrole_updated", { member: JSON.stringify({ user_id: "u3", team_id: "t3", roles: "team_admin" }) })
    server.emit("user_removed", { remover_id: "u4", channel_id: "c5" }, { user_id: "u5" })
    await until(() => events.length === 5)
    expect(events.map((e) => [e.name, e.concerns, e.seq, e.userId, e.channelId, e.teamId])).toEqual([
      ["user_role_updated", "roles", 1, "u1", undefined, undefined],
      ["channel_updated", "channels", 3, undefined, "c1", "t1"],
      ["posted", "posts", 4, "u2", "c2", undefined],
      ["memberrole_updated", "roles", 5, "u3", undefined, "t3"],
      ["user_removed", "roles", 6, "u5", "c5", undefined]
    ])
    expect(events[2]?.data["post"]).toEqual({ id: "p1", channel_id: "c2", user_id: "u2", message: "hi" })
    expect(lines).toEqual(["Mattermost events: connected."])
  })

  it("a sequence gap: the client reconnects with connection_id and the next sequence number, gets the missed events, and onReconnect runs", async () => {
    const { events, reconnects, ready } = start()
    await ready
    server.emit("channel_created", { channel_id: "c1", team_id: "t1" })
    server.emit("channel_deleted", { channel_id: "c2" })
    server.emit("user_added", { user_id: "u3", team_id: "t1" }, {}, true) // lost on the wire
    server.emit("user_updated", { user: { id: "u4", username: "kari" } })
    await until(() => events.length === 4)
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4])
    expect(server.connects[1]).toEqual({ connectionId: "conn1", sequenceNumber: 3, disconnectErrCode: "4001" })
    expect(server.connects).toHaveLength(2)
    await until(() => reconnects.length === 1)
    server.emit("channel_updated", { channel: JSON.stringify({ id: "c5", team_id: "t1" }) })
    await until(() => events.length === 5)
    expect(events[3]?.userId).toBe("u4")
    expect(events[4]?.seq).toBe(5)
  })

  it("a dropped connection: reconnects, resumes, runs onReconnect; a server that lost the session sends hello and the client starts over", async () => {
    const { events, reconnects, lines, ready } = start()
    await ready
    server.emit("user_role_updated", { user_id: "u1" })
    await until(() => events.length === 1)
    server.dropConnections()
    await until(() => reconnects.length === 1)
    expect(server.connects[1]).toMatchObject({ connectionId: "conn1", sequenceNumber: 2 })
    server.emit("user_role_updated", { user_id: "u2" })
    await until(() => events.length === 2)

    server.restart()
    await until(() => reconnects.length === 2)
    expect(server.connects[2]).toMatchObject({ connectionId: "conn1", sequenceNumber: 3 })
    server.emit("user_role_updated", { user_id: "u3" })
    await until(() => events.length === 3)
    expect(events.map((e) => [e.userId, e.seq])).toEqual([["u1", 1], ["u2", 2], ["u3", 1]])
    expect(reconnects).toEqual([1, 2]) // onReconnect ran after the events before each drop
    expect(lines).toContain("Mattermost events: connection lost; reconnecting.")
    expect(lines).toContain("Mattermost events: the server could not replay what was missed.")
  })

  it("a server close (1001): reconnects with disconnect_err_code, resumes, runs onReconnect", async () => {
    const { events, reconnects, ready } = start()
    await ready
    server.closeConnections(1001)
    await until(() => reconnects.length === 1)
    expect(server.connects[1]).toEqual({ connectionId: "conn1", sequenceNumber: 1, disconnectErrCode: "1001" })
    server.emit("channel_deleted", { channel_id: "c1" })
    await until(() => events.length === 1)
    expect(events[0]?.seq).toBe(1)
  })

  it("an unanswered ping: the client drops the connection itself (its CloseEvent, 4000) and reconnects", async () => {
    const { reconnects, ready } = start({ pingIntervalMs: 50 })
    await ready
    server.answerPings = false
    await until(() => reconnects.length === 1)
    expect(server.connects[1]).toMatchObject({ connectionId: "conn1", disconnectErrCode: "4000" })
    server.answerPings = true
  })

  it("close() stops reconnecting", async () => {
    const { ready } = start()
    await ready
    await connection?.close()
    connection = undefined
    server.dropConnections()
    await sleep(150)
    expect(server.connects).toHaveLength(1)
    expect(server.server.clients.size).toBe(0)
  })

  it("close() while the server is down stops the retries", async () => {
    const { reconnects, ready } = start()
    await ready
    const port = (server.server.address() as AddressInfo).port
    await server.close()
    await sleep(100) // a few failed attempts
    await connection?.close()
    connection = undefined
    server = await WsServer.start() // for afterEach
    const again = new WebSocketServer({ host: "127.0.0.1", port, path: "/api/v4/websocket" })
    await new Promise<void>((resolve) => again.once("listening", resolve))
    let attempts = 0
    again.on("connection", () => attempts++)
    await sleep(150)
    expect(attempts).toBe(0)
    expect(reconnects).toEqual([])
    await new Promise((resolve) => again.close(resolve))
  })

  it("a refused token rejects connect and leaves nothing running", async () => {
    const lines: Array<string> = []
    await expect(
      connect({ url: server.url, token: "wrong", onEvent: () => {}, onReconnect: () => {}, log: (l) => void lines.push(l) })
    ).rejects.toThrow(/Invalid or expired session/)
    expect(lines[0]).toMatch(/refused the bot's token/)
    await sleep(50)
    expect(server.server.clients.size).toBe(0)
  })

  it("what onEvent throws is logged and later events still arrive; async handlers run one at a time", async () => {
    const order: Array<string> = []
    const lines: Array<string> = []
    connection = await connect({
      url: server.url,
      token: "bot-token",
      onEvent: async (event) => {
        order.push(`start ${event.seq}`)
        await sleep(20)
        order.push(`end ${event.seq}`)
        if (event.seq === 1) throw new Error("boom")
      },
      onReconnect: () => {},
      log: (l) => void lines.push(l)
    })
    server.emit("channel_deleted", { channel_id: "c1" })
    server.emit("channel_deleted", { channel_id: "c2" })
    await until(() => order.length === 4)
    expect(order).toEqual(["start 1", "end 1", "start 2", "end 2"])
    expect(lines).toContain("Mattermost events: onEvent(channel_deleted) failed: boom")
  })
})

describe("Events helpers", () => {
  it("websocketUrl", () => {
    expect(websocketUrl("https://chat.example.org")).toBe("wss://chat.example.org/api/v4/websocket")
    expect(websocketUrl("http://127.0.0.1:8065/")).toBe("ws://127.0.0.1:8065/api/v4/websocket")
    expect(websocketUrl("https://example.org/mm/")).toBe("wss://example.org/mm/api/v4/websocket")
  })

  it("toEvent drops unwatched events", () => {
    expect(toEvent({ event: "typing", data: {}, broadcast: {}, seq: 1 })).toBeUndefined()
    expect(toEvent({ event: "user_added", data: { user_id: "u", team_id: "t" }, broadcast: { channel_id: "c" }, seq: 2 })).toMatchObject({
      concerns: "roles",
      userId: "u",
      channelId: "c",
      teamId: "t"
    })
  })
})

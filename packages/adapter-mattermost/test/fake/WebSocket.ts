/**
 * The fake Mattermost WebSocket (/api/v4/websocket), as the real server speaks it to WebSocketClient:
 * `authentication_challenge` (or an `Authorization: Bearer` upgrade header) → `hello` (seq 0) and
 * `{status:"OK", seq_reply}`; events with `seq` rising by exactly 1 per connection; replies to
 * `ping` and other actions. Reconnects follow the server's dead-queue rules: a known `connection_id`
 * whose `sequence_number` is still in the queue (the last 128 events) is RESUMED — the missed events
 * are replayed with their original seq and no hello is sent; an unknown id or a sequence that is not
 * in the queue gets a NEW connection (new connection_id, `hello` with seq 0), on which the client runs
 * its missed-message listeners. Events emitted while a connection is down are not queued for it (as
 * on the real server): an adapter must re-sync on reconnect.
 */
import { EventEmitter } from "node:events"
import type { IncomingMessage } from "node:http"
import { WebSocket, type WebSocketServer } from "ws"
import { SERVER_VERSION } from "./Http.js"
import { newId } from "./Ids.js"

/** An event's `broadcast` object. */
export interface Broadcast {
  readonly omit_users: Record<string, boolean> | null
  readonly user_id: string
  readonly channel_id: string
  readonly team_id: string
  readonly connection_id: string
  readonly omit_connection_id: string
}

/** One event of one logical connection (connection_id). */
export interface EventRecord {
  readonly seq: number
  readonly event: string
  readonly data: Record<string, unknown>
  readonly broadcast: Broadcast
  readonly connectionId: string
  readonly at: number
  /** How many times it was written on a socket: 0 when lost (loseNext), 2 when lost/sent then replayed. */
  sent: number
}

/** One WebSocket connection (one socket) as the fake saw it. */
export interface ConnectionRecord {
  /** 0, 1, 2… in order of arrival. */
  readonly index: number
  /** The query the client connected with: `connection_id`, `sequence_number`, maybe `disconnect_err_code`, `posted_ack`. */
  readonly query: Readonly<Record<string, string>>
  readonly openedAt: number
  /** Set when authenticated (challenge or header). */
  authenticatedAt?: number
  userId?: string
  /** The logical connection id it was given (or resumed). */
  connectionId?: string
  /** "new": hello sent (fresh id); "resumed": same connection_id continued, missed events replayed. */
  outcome?: "new" | "resumed"
  /** Events replayed on resume. */
  replayed: number
  /** Every message the client sent on this socket (parsed JSON). */
  readonly received: Array<Record<string, unknown>>
  closedAt?: number
  closeCode?: number
  closedBy?: "client" | "server"
}

interface Session {
  readonly id: string
  readonly userId: string
  /** The seq the next event gets. */
  nextSeq: number
  /** The dead queue: the last `deadQueueSize` events, in seq order. */
  readonly queue: Array<EventRecord>
  socket: WebSocket | undefined
  /** Events still to be lost (assigned a seq and queued, never written). */
  lose: number
}

export interface WebSocketOptions {
  /** token → user id */
  readonly userOfToken: (token: string) => string | undefined
  readonly deadQueueSize: number
}

const broadcastOf = (b: Partial<Broadcast> = {}): Broadcast => ({
  omit_users: b.omit_users ?? null,
  user_id: b.user_id ?? "",
  channel_id: b.channel_id ?? "",
  team_id: b.team_id ?? "",
  connection_id: b.connection_id ?? "",
  omit_connection_id: b.omit_connection_id ?? ""
})

export class FakeWebSocket {
  readonly connections: Array<ConnectionRecord> = []
  /** Events emitted while no socket of a session was open: not delivered to it, as on Mattermost. */
  readonly undelivered: Array<{ readonly event: string; readonly data: unknown; readonly connectionId: string; readonly at: number }> = []
  readonly #sessions = new Map<string, Session>()
  readonly #events = new EventEmitter()
  readonly #options: WebSocketOptions

  constructor(options: WebSocketOptions) {
    this.#options = options
    this.#events.setMaxListeners(100)
  }

  attach(wss: WebSocketServer): void {
    wss.on("connection", (socket, request) => this.#onConnection(socket, request))
  }

  /** Every event of every logical connection, in the order they were made. */
  get events(): ReadonlyArray<EventRecord> {
    return [...this.#sessions.values()].flatMap((s) => s.queue).sort((a, b) => a.at - b.at || a.seq - b.seq)
  }

  /** Events of one logical connection (default: the newest), in seq order (the last deadQueueSize). */
  eventsOf(connectionId?: string): ReadonlyArray<EventRecord> {
    const session = connectionId === undefined ? this.#newest() : this.#sessions.get(connectionId)
    return session?.queue ?? []
  }

  /** Whether some authenticated socket is open. */
  get connected(): boolean {
    return [...this.#sessions.values()].some((s) => s.socket?.readyState === WebSocket.OPEN)
  }

  /**
   * Sends an event to every authenticated, open connection (filtered by `broadcast.user_id` when set
   * and `omit_users`). `data` goes as is: for `posted`, `data.post` must already be a JSON string
   * (see FakeMattermost.userPosts). Returns one record per connection that got a seq.
   */
  emit(event: string, data: Record<string, unknown>, broadcast: Partial<Broadcast> = {}): ReadonlyArray<EventRecord> {
    const b = broadcastOf(broadcast)
    const out: Array<EventRecord> = []
    for (const session of this.#sessions.values()) {
      if (b.user_id !== "" && session.userId !== b.user_id) continue
      if (b.omit_users?.[session.userId] === true) continue
      if (session.socket === undefined || session.socket.readyState !== WebSocket.OPEN) {
        this.undelivered.push({ event, data, connectionId: session.id, at: Date.now() })
        continue
      }
      out.push(this.#emitTo(session, event, data, b))
    }
    this.#events.emit("change")
    return out
  }

  /**
   * Skips one seq number on every open connection: the next event goes out with seq+1. The skipped
   * number was never an event, so it is not in the dead queue: when the client (which closes with
   * 4001 on the gap) comes back with `sequence_number` = the skipped seq, it gets a NEW connection
   * (new connection_id, hello seq 0) and runs its missed-message listeners.
   */
  forceSequenceGap(): void {
    for (const s of this.#sessions.values()) if (s.socket?.readyState === WebSocket.OPEN) s.nextSeq += 1
  }

  /**
   * The next `count` events on every open connection are lost on the wire: they get their seq and
   * stay in the dead queue but are not written. The next event after them shows the gap; the client
   * reconnects with the first lost seq and the fake RESUMES the connection, replaying them.
   */
  loseNext(count = 1): void {
    for (const s of this.#sessions.values()) if (s.socket?.readyState === WebSocket.OPEN) s.lose += count
  }

  /** Closes the open sockets from the server side (the client reconnects after its retry time). */
  closeConnections(code = 1001, reason = "fake: going away"): void {
    for (const record of this.connections) {
      if (record.closedAt === undefined) record.closedBy = "server"
    }
    for (const s of this.#sessions.values()) s.socket?.close(code, reason)
  }

  /** Forgets every logical connection: the next reconnect gets a new connection_id (a server restart). */
  forgetConnections(): void {
    for (const s of this.#sessions.values()) s.socket?.terminate()
    this.#sessions.clear()
  }

  /** Resolves when `count` sockets in all have authenticated (default: one more than now). */
  waitForAuthenticated(count = this.connections.filter((c) => c.authenticatedAt !== undefined).length + 1, timeoutMs = 10_000): Promise<ConnectionRecord> {
    return this.#waitFor(`${count} authenticated WebSocket connections`, () => this.connections.filter((c) => c.authenticatedAt !== undefined)[count - 1], timeoutMs)
  }

  /** Resolves when `count` sockets in all have opened. */
  waitForConnection(count = this.connections.length + 1, timeoutMs = 10_000): Promise<ConnectionRecord> {
    return this.#waitFor(`${count} WebSocket connections`, () => this.connections[count - 1], timeoutMs)
  }

  /** Resolves with the first defined value of `get` (checked on every WebSocket change and every 10 ms). */
  waitUntil<A>(what: string, get: () => A | undefined, timeoutMs = 10_000): Promise<A> {
    return this.#waitFor(what, get, timeoutMs)
  }

  closeAll(): void {
    for (const s of this.#sessions.values()) s.socket?.terminate()
  }

  #newest(): Session | undefined {
    let last: Session | undefined
    for (const s of this.#sessions.values()) last = s
    return last
  }

  #waitFor<A>(what: string, get: () => A | undefined, timeoutMs: number): Promise<A> {
    const now = get()
    if (now !== undefined) return Promise.resolve(now)
    return new Promise((resolve, reject) => {
      // Checked on every change of the fake, and polled too: `get` may read client-side state.
      const poll = setInterval(() => check(), 10)
      const timer = setTimeout(() => {
        clearInterval(poll)
        this.#events.off("change", check)
        reject(new Error(`FakeMattermost WebSocket: no ${what} within ${timeoutMs} ms`))
      }, timeoutMs)
      const check = () => {
        const value = get()
        if (value !== undefined) {
          clearTimeout(timer)
          clearInterval(poll)
          this.#events.off("change", check)
          resolve(value)
        }
      }
      this.#events.on("change", check)
    })
  }

  #write(socket: WebSocket | undefined, payload: unknown): boolean {
    if (socket === undefined || socket.readyState !== WebSocket.OPEN) return false
    socket.send(JSON.stringify(payload))
    return true
  }

  #emitTo(session: Session, event: string, data: Record<string, unknown>, broadcast: Broadcast): EventRecord {
    const record: EventRecord = { seq: session.nextSeq, event, data, broadcast, connectionId: session.id, at: Date.now(), sent: 0 }
    session.nextSeq += 1
    session.queue.push(record)
    if (session.queue.length > this.#options.deadQueueSize) session.queue.shift()
    if (session.lose > 0) {
      session.lose -= 1
      return record
    }
    if (this.#write(session.socket, { event, data, broadcast, seq: record.seq })) record.sent += 1
    return record
  }

  #authenticate(socket: WebSocket, record: ConnectionRecord, userId: string): void {
    record.authenticatedAt = Date.now()
    record.userId = userId
    const wantedId = record.query["connection_id"] ?? ""
    const wantedSeq = Number(record.query["sequence_number"] ?? "0")
    const existing = wantedId === "" ? undefined : this.#sessions.get(wantedId)
    if (existing !== undefined && existing.userId === userId && Number.isInteger(wantedSeq)) {
      const from = existing.queue.findIndex((e) => e.seq === wantedSeq)
      if (wantedSeq === existing.nextSeq || from >= 0) {
        if (existing.socket !== undefined && existing.socket !== socket) existing.socket.terminate()
        existing.socket = socket
        existing.lose = 0
        record.connectionId = existing.id
        record.outcome = "resumed"
        const missed = from >= 0 ? existing.queue.slice(from) : []
        for (const e of missed) {
          if (this.#write(socket, { event: e.event, data: e.data, broadcast: e.broadcast, seq: e.seq })) e.sent += 1
        }
        record.replayed = missed.length
        return
      }
    }
    if (existing !== undefined) this.#sessions.delete(existing.id)
    const session: Session = { id: newId(), userId, nextSeq: 0, queue: [], socket, lose: 0 }
    this.#sessions.set(session.id, session)
    record.connectionId = session.id
    record.outcome = "new"
    this.#emitTo(session, "hello", {
      connection_id: session.id,
      server_version: `${SERVER_VERSION}.false`,
      server_hostname: "fake-mattermost"
    }, broadcastOf({ user_id: userId }))
  }

  #onConnection(socket: WebSocket, request: IncomingMessage): void {
    const url = new URL(request.url ?? "/", "http://127.0.0.1")
    const record: ConnectionRecord = {
      index: this.connections.length,
      query: Object.fromEntries(url.searchParams),
      openedAt: Date.now(),
      replayed: 0,
      received: []
    }
    this.connections.push(record)
    socket.on("close", (code) => {
      record.closedAt = Date.now()
      record.closeCode = code
      record.closedBy ??= "client"
      for (const s of this.#sessions.values()) if (s.socket === socket) s.socket = undefined
      this.#events.emit("change")
    })
    // Mattermost also takes the token from the upgrade request's Authorization header.
    const header = /^bearer\s+(.+)$/i.exec(request.headers.authorization ?? "")?.[1]
    const headerUser = header === undefined ? undefined : this.#options.userOfToken(header.trim())
    if (headerUser !== undefined) this.#authenticate(socket, record, headerUser)

    socket.on("message", (raw) => {
      let msg: Record<string, unknown>
      try {
        msg = JSON.parse(raw.toString()) as Record<string, unknown>
      } catch {
        return
      }
      record.received.push(msg)
      const seq = typeof msg["seq"] === "number" ? msg["seq"] : 0
      const action = msg["action"]
      if (action === "authentication_challenge") {
        const token = (msg["data"] as { token?: unknown } | undefined)?.token
        const userId = typeof token === "string" ? this.#options.userOfToken(token) : undefined
        if (userId === undefined) {
          this.#write(socket, {
            status: "FAIL",
            seq_reply: seq,
            error: { id: "api.web_socket_router.not_authenticated.app_error", message: "Invalid session", status_code: 401 }
          })
          record.closedBy = "server"
          socket.close(1008, "not authenticated")
        } else if (record.authenticatedAt === undefined) {
          this.#authenticate(socket, record, userId)
          this.#write(socket, { status: "OK", seq_reply: seq })
        } else {
          this.#write(socket, { status: "OK", seq_reply: seq })
        }
      } else if (record.authenticatedAt === undefined) {
        this.#write(socket, {
          status: "FAIL",
          seq_reply: seq,
          error: { id: "api.web_socket_router.not_authenticated.app_error", message: "Not authenticated", status_code: 401 }
        })
      } else if (action === "ping") {
        this.#write(socket, { status: "OK", seq_reply: seq, data: { text: "pong", version: SERVER_VERSION, server_time: Date.now(), node_id: "" } })
      } else {
        this.#write(socket, { status: "OK", seq_reply: seq })
      }
      this.#events.emit("change")
    })
    this.#events.emit("change")
  }
}

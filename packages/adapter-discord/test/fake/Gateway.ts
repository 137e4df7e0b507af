/**
 * The fake gateway: the WebSocket conversation discord.js (@discordjs/ws) has with Discord.
 * HELLO → heartbeats/ACKs → IDENTIFY → READY + GUILD_CREATE…, dispatches with rising `s`,
 * RESUME → replay of what the session missed → RESUMED, op 7 / resumable closes to test reconnects.
 * JSON encoding only, no compression (zlib-sync is not installed).
 */
import { EventEmitter } from "node:events"
import type { IncomingMessage } from "node:http"
import { GatewayOpcodes } from "discord-api-types/v10"
import { WebSocket, type WebSocketServer } from "ws"

/** One dispatch as the gateway sent (or would have sent) it to a session. */
export interface DispatchRecord {
  readonly s: number
  readonly t: string
  readonly d: unknown
  /** When it was created (ms since epoch). */
  readonly at: number
  /** How many times it went out on a socket (1 normally; 2 if it was sent, lost and replayed). */
  sent: number
}

export interface ConnectionRecord {
  /** "/gateway" for a first connection, "/gateway-resume" when the client used resume_gateway_url. */
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly openedAt: number
  closedAt?: number
  closeCode?: number
  /** Who closed it: the client, or the fake (forceClose / bad token). */
  closedBy?: "client" | "server"
}

export interface IdentifyRecord {
  readonly at: number
  readonly sessionId: string
  readonly intents: number
  readonly d: Record<string, unknown>
}

export interface ResumeRecord {
  readonly at: number
  readonly sessionId: string
  /** The last sequence the client said it had. */
  readonly seq: number
  /** How many dispatches were replayed. */
  readonly replayed: number
  /** The path of the connection it came over. */
  readonly path: string
}

interface Session {
  readonly id: string
  seq: number
  readonly log: Array<DispatchRecord>
  socket: WebSocket | undefined
}

export interface GatewayOptions {
  readonly token: string
  readonly heartbeatIntervalMs: number
  /** READY's `d` without session_id/resume_gateway_url. */
  readonly readyData: () => Record<string, unknown>
  /** The GUILD_CREATE payloads sent after READY, one per guild. */
  readonly guildCreates: () => ReadonlyArray<unknown>
  readonly resumeUrl: () => string
  readonly newSessionId: () => string
}

export class FakeGateway {
  readonly connections: Array<ConnectionRecord> = []
  readonly identifies: Array<IdentifyRecord> = []
  readonly resumes: Array<ResumeRecord> = []
  /** Every payload the client sent, in order (heartbeats included). */
  readonly received: Array<{ readonly at: number; readonly op: number; readonly d: unknown }> = []
  /** Answer op 1 with op 11. Turn off to make discord.js declare a zombie connection. */
  ackHeartbeats = true
  readonly #sessions = new Map<string, Session>()
  readonly #events = new EventEmitter()
  readonly #options: GatewayOptions

  constructor(options: GatewayOptions) {
    this.#options = options
  }

  /** The number of heartbeats (op 1) received. */
  get heartbeats(): number {
    return this.received.filter((p) => p.op === GatewayOpcodes.Heartbeat).length
  }

  /** Every dispatch of the newest session, in `s` order. */
  get dispatches(): ReadonlyArray<DispatchRecord> {
    return this.#current()?.log ?? []
  }

  /** Whether a session currently has an open socket. */
  get connected(): boolean {
    const socket = this.#current()?.socket
    return socket !== undefined && socket.readyState === WebSocket.OPEN
  }

  attach(wss: WebSocketServer): void {
    wss.on("connection", (socket, request) => this.#onConnection(socket, request))
  }

  /**
   * Sends a dispatch (op 0) to every identified session. While a session is disconnected the dispatch
   * is only logged, and replayed when the client resumes. Returns the records (one per session).
   */
  dispatch(t: string, d: unknown): ReadonlyArray<DispatchRecord> {
    const out: Array<DispatchRecord> = []
    for (const session of this.#sessions.values()) out.push(this.#dispatchTo(session, t, d))
    return out
  }

  /** Sends op 7 RECONNECT: discord.js closes with 4200 and comes back with RESUME on resume_gateway_url. */
  requestReconnect(): void {
    this.#send(this.#requireSocket(), { op: GatewayOpcodes.Reconnect, d: null })
  }

  /**
   * Closes the socket from the server side. 4000 (unknown error) and most others are resumable for
   * discord.js; 1000 makes it re-identify; 4004 is a bad token.
   */
  forceClose(code = 4000, reason = "fake: forced close"): void {
    const socket = this.#requireSocket()
    const record = [...this.connections].reverse().find((c) => c.closedAt === undefined)
    if (record !== undefined) record.closedBy = "server"
    socket.close(code, reason)
  }

  /** Sends op 9 INVALID SESSION (`resumable` = d). */
  invalidateSession(resumable: boolean): void {
    this.#send(this.#requireSocket(), { op: GatewayOpcodes.InvalidSession, d: resumable })
  }

  /** Resolves on the next IDENTIFY's READY (or with the given count reached). */
  waitForIdentify(count = this.identifies.length + 1, timeoutMs = 10_000): Promise<IdentifyRecord> {
    return this.#waitFor("identify", () => this.identifies[count - 1], timeoutMs)
  }

  /** Resolves once the client has resumed (RESUMED sent) `count` times in all. */
  waitForResume(count = this.resumes.length + 1, timeoutMs = 10_000): Promise<ResumeRecord> {
    return this.#waitFor("resume", () => this.resumes[count - 1], timeoutMs)
  }

  closeAll(): void {
    for (const session of this.#sessions.values()) session.socket?.terminate()
  }

  #current(): Session | undefined {
    let last: Session | undefined
    for (const s of this.#sessions.values()) last = s
    return last
  }

  #requireSocket(): WebSocket {
    const socket = this.#current()?.socket
    if (socket === undefined || socket.readyState !== WebSocket.OPEN) {
      throw new Error("FakeGateway: no connected session")
    }
    return socket
  }

  #waitFor<A>(event: string, get: () => A | undefined, timeoutMs: number): Promise<A> {
    const now = get()
    if (now !== undefined) return Promise.resolve(now)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#events.off(event, check)
        reject(new Error(`FakeGateway: no ${event} within ${timeoutMs} ms`))
      }, timeoutMs)
      const check = () => {
        const value = get()
        if (value !== undefined) {
          clearTimeout(timer)
          this.#events.off(event, check)
          resolve(value)
        }
      }
      this.#events.on(event, check)
    })
  }

  #send(socket: WebSocket, payload: unknown): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload))
  }

  #dispatchTo(session: Session, t: string, d: unknown): DispatchRecord {
    session.seq += 1
    const record: DispatchRecord = { s: session.seq, t, d, at: Date.now(), sent: 0 }
    session.log.push(record)
    if (session.socket !== undefined && session.socket.readyState === WebSocket.OPEN) {
      record.sent += 1
      this.#send(session.socket, { op: GatewayOpcodes.Dispatch, t, s: record.s, d })
    }
    return record
  }

  #onConnection(socket: WebSocket, request: IncomingMessage): void {
    const url = new URL(request.url ?? "/", "http://127.0.0.1")
    const record: ConnectionRecord = {
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      openedAt: Date.now()
    }
    this.connections.push(record)
    let session: Session | undefined
    socket.on("close", (code) => {
      record.closedAt = Date.now()
      record.closeCode = code
      record.closedBy ??= "client"
      if (session !== undefined && session.socket === socket) session.socket = undefined
    })
    if (url.searchParams.get("v") !== "10" || url.searchParams.get("encoding") !== "json") {
      record.closedBy = "server"
      socket.close(4012, "Invalid API version")
      return
    }
    if (url.searchParams.has("compress")) {
      record.closedBy = "server"
      socket.close(4002, "the fake speaks no zlib-stream")
      return
    }
    this.#send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.#options.heartbeatIntervalMs } })

    socket.on("message", (raw) => {
      let payload: { op?: unknown; d?: unknown }
      try {
        payload = JSON.parse(raw.toString()) as { op?: unknown; d?: unknown }
      } catch {
        record.closedBy = "server"
        socket.close(4002, "Error while decoding payload.")
        return
      }
      const op = typeof payload.op === "number" ? payload.op : -1
      this.received.push({ at: Date.now(), op, d: payload.d })
      const d = (payload.d ?? {}) as Record<string, unknown>
      switch (op) {
        case GatewayOpcodes.Heartbeat: {
          if (this.ackHeartbeats) this.#send(socket, { op: GatewayOpcodes.HeartbeatAck })
          return
        }
        case GatewayOpcodes.Identify: {
          if (session !== undefined) {
            record.closedBy = "server"
            socket.close(4005, "Already authenticated.")
            return
          }
          if (d["token"] !== this.#options.token) {
            record.closedBy = "server"
            socket.close(4004, "Authentication failed.")
            return
          }
          const id = this.#options.newSessionId()
          session = { id, seq: 0, log: [], socket }
          this.#sessions.clear() // one bot, one session: a new IDENTIFY replaces the old one
          this.#sessions.set(id, session)
          this.identifies.push({ at: Date.now(), sessionId: id, intents: Number(d["intents"] ?? 0), d })
          this.#dispatchTo(session, "READY", {
            ...this.#options.readyData(),
            session_id: id,
            resume_gateway_url: this.#options.resumeUrl(),
            shard: [0, 1]
          })
          for (const guild of this.#options.guildCreates()) this.#dispatchTo(session, "GUILD_CREATE", guild)
          this.#events.emit("identify")
          return
        }
        case GatewayOpcodes.Resume: {
          const existing = this.#sessions.get(String(d["session_id"]))
          if (d["token"] !== this.#options.token) {
            record.closedBy = "server"
            socket.close(4004, "Authentication failed.")
            return
          }
          const seq = Number(d["seq"])
          if (existing === undefined || !Number.isInteger(seq) || seq > existing.seq) {
            this.#send(socket, { op: GatewayOpcodes.InvalidSession, d: false })
            return
          }
          session = existing
          if (existing.socket !== undefined && existing.socket !== socket) existing.socket.terminate()
          existing.socket = socket
          const missed = existing.log.filter((r) => r.s > seq)
          for (const r of missed) {
            r.sent += 1
            this.#send(socket, { op: GatewayOpcodes.Dispatch, t: r.t, s: r.s, d: r.d })
          }
          this.#send(socket, { op: GatewayOpcodes.Dispatch, t: "RESUMED", s: existing.seq, d: {} })
          this.resumes.push({ at: Date.now(), sessionId: existing.id, seq, replayed: missed.length, path: record.path })
          this.#events.emit("resume")
          return
        }
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.VoiceStateUpdate:
        case GatewayOpcodes.RequestGuildMembers:
        case GatewayOpcodes.RequestSoundboardSounds:
          return
        default: {
          record.closedBy = "server"
          socket.close(4001, "Unknown opcode.")
        }
      }
    })
  }
}

/**
 * The bot's WebSocket connection to Mattermost, for the few events the adapter needs: user and
 * membership changes (to forget cached roles), channel changes (to forget cached channels) and,
 * exposed but unused by the workflow, new posts.
 *
 * It runs the real `WebSocketClient` of @mattermost/client on a `ws` socket, with the library's
 * free `WebSocket`/`CloseEvent`/`console` bound in the library's own module scope (see
 * `internal/webSocketClient.ts`): nothing is installed on `globalThis` and the library prints nothing.
 *
 * Reconnects: the library reconnects on its own after a dropped connection, a sequence gap (it
 * closes with 4001) or a ping timeout, sending `connection_id` and `sequence_number` so the server
 * can replay what was missed. Because a server may not be able to (restart, long outage, dead queue
 * gone), `onReconnect` runs after every reconnect, once the new connection is authenticated: the bot
 * re-reads whatever it caches there. Events and `onReconnect` run one at a time, in arrival order
 * (a returned promise is awaited before the next one starts); what they throw is logged, not fatal.
 *
 * Events only invalidate caches as far as they reach the bot: Mattermost addresses some of them to
 * the affected user's sessions only (`broadcast.user_id`, e.g. role changes of other users), so a
 * cache of other people's roles still needs a lifetime of its own.
 *
 * @since 0.1.0
 */
import WebSocket from "ws"
import { type Client, type RawMessage, webSocketClientClass } from "./internal/webSocketClient.js"

/**
 * The events delivered to `onEvent`; every other event is dropped.
 *
 * @since 0.1.0
 */
export const watchedEvents = {
  user_updated: "roles",
  user_role_updated: "roles",
  memberrole_updated: "roles",
  user_added: "roles",
  user_removed: "roles",
  channel_created: "channels",
  channel_updated: "channels",
  channel_deleted: "channels",
  posted: "posts"
} as const

/** @since 0.1.0 */
export type WatchedEventName = keyof typeof watchedEvents

/**
 * One event from Mattermost.
 *
 * - `concerns`: `"roles"` (forget cached roles of `userId`, or all when it is undefined),
 *   `"channels"` (forget cached channel `channelId`, or all), `"posts"` (a new post).
 * - `userId`/`channelId`/`teamId`: taken from the event's data (JSON-string fields such as
 *   `post`, `channel` and `member` decoded) and then its broadcast; undefined when absent.
 * - `data`: the event's data with those JSON-string fields decoded (`posted`: `data.post` is an object).
 *
 * @since 0.1.0
 */
export interface MattermostEvent {
  readonly name: WatchedEventName
  readonly concerns: (typeof watchedEvents)[WatchedEventName]
  readonly seq: number
  readonly userId: string | undefined
  readonly channelId: string | undefined
  readonly teamId: string | undefined
  readonly data: Readonly<Record<string, unknown>>
}

/** @since 0.1.0 */
export interface ConnectOptions {
  /** The server's base URL, `MATTERMOST_URL` (`https://chat.example.org`, no `/api/v4`). */
  readonly url: string
  /** The bot's access token. */
  readonly token: string
  readonly onEvent: (event: MattermostEvent) => void | Promise<void>
  /** After every reconnect, once the new connection is authenticated: re-read what may have been missed. */
  readonly onReconnect: () => void | Promise<void>
  /** One line per connection change or failure (default: nothing). */
  readonly log?: (line: string) => void
  /** The library's reconnect backoff (defaults 3 s, 5 min, 2 s of jitter); tests set it low. */
  readonly reconnectDelayMs?: { readonly min?: number; readonly max?: number; readonly jitter?: number }
  /** How often the client pings; a ping unanswered by the next one drops the connection (default 30 s). */
  readonly pingIntervalMs?: number
  /** How long `connect` waits for the first authenticated connection (default 30 s). */
  readonly connectTimeoutMs?: number
}

/** @since 0.1.0 */
export interface EventsConnection {
  /** Stops reconnecting, closes the socket and waits for the event in progress to finish. Idempotent. */
  close(): Promise<void>
}

/** `https://host/x` → `wss://host/x/api/v4/websocket`. */
export const websocketUrl = (url: string): string => {
  const parsed = new URL(url)
  parsed.protocol = parsed.protocol === "https:" ? "wss:" : parsed.protocol === "http:" ? "ws:" : parsed.protocol
  const base = parsed.pathname.replace(/\/+$/, "")
  return `${parsed.protocol}//${parsed.host}${base}/api/v4/websocket`
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const jsonFields = ["post", "channel", "member", "user"] as const

const decodeData = (data: Record<string, unknown>): Record<string, unknown> => {
  const decoded: Record<string, unknown> = { ...data }
  for (const field of jsonFields) {
    const value = decoded[field]
    if (typeof value === "string" && (value.startsWith("{") || value.startsWith("["))) {
      try {
        decoded[field] = JSON.parse(value)
      } catch {
        // keep the string
      }
    }
  }
  return decoded
}

const firstId = (...candidates: ReadonlyArray<unknown>): string | undefined => {
  for (const candidate of candidates) {
    if (typeof candidate === "string" && candidate !== "") return candidate
  }
  return undefined
}

const field = (value: unknown, key: string): unknown => (isRecord(value) ? value[key] : undefined)

/** The adapter's view of a raw event, or undefined for an event it does not watch. */
export const toEvent = (message: RawMessage): MattermostEvent | undefined => {
  if (!Object.hasOwn(watchedEvents, message.event)) return undefined
  const name = message.event as WatchedEventName
  const data = decodeData(isRecord(message.data) ? message.data : {})
  const broadcast = isRecord(message.broadcast) ? message.broadcast : {}
  const { channel, member, post, user } = data
  return {
    name,
    concerns: watchedEvents[name],
    seq: message.seq,
    userId: firstId(data["user_id"], field(user, "id"), field(member, "user_id"), field(post, "user_id"), broadcast["user_id"]),
    channelId: firstId(data["channel_id"], field(channel, "id"), field(member, "channel_id"), field(post, "channel_id"), broadcast["channel_id"]),
    teamId: firstId(data["team_id"], field(channel, "team_id"), field(member, "team_id"), broadcast["team_id"]),
    data
  }
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * Connects the bot and resolves once the first connection is authenticated (the server answered
 * the authentication challenge or sent `hello`). Rejects, having closed everything, when the server
 * refuses the token or `connectTimeoutMs` passes; after that, connection losses are retried forever.
 *
 * @since 0.1.0
 */
export const connect = (options: ConnectOptions): Promise<EventsConnection> => {
  const log = options.log ?? (() => {})
  const WebSocketClient = webSocketClientClass()

  let closed = false
  let connections = 0 // sockets authenticated so far
  let socket: WebSocket | undefined
  let queue: Promise<void> = Promise.resolve()

  const enqueue = (what: string, run: () => void | Promise<void>): void => {
    queue = queue
      .then(async () => {
        if (!closed) await run()
      })
      .catch((error: unknown) => log(`Mattermost events: ${what} failed: ${describe(error)}`))
  }

  let settle: { resolve: () => void; reject: (error: Error) => void } | undefined

  // Once per socket: the first sign that the server accepted it.
  const authenticated = (of: WebSocket): void => {
    const state = sockets.get(of)
    if (state === undefined || state.authenticated) return
    state.authenticated = true
    connections++
    if (connections === 1) {
      log("Mattermost events: connected.")
      settle?.resolve()
    } else {
      log("Mattermost events: reconnected; catching up.")
      enqueue("onReconnect", options.onReconnect)
    }
  }

  const sockets = new WeakMap<WebSocket, { authenticated: boolean }>()

  const client: Client = new WebSocketClient({
    newWebSocketFn: (url) => {
      const created = new WebSocket(url)
      socket = created
      sockets.set(created, { authenticated: false })
      created.on("error", () => {}) // the library's onerror sees it; this only keeps EventEmitter quiet
      created.on("message", (raw, isBinary) => {
        if (isBinary) return
        let message: unknown
        try {
          message = JSON.parse(raw.toString())
        } catch {
          return
        }
        // The reply to the authentication challenge, always seq 1 on a fresh socket.
        if (!isRecord(message) || message["seq_reply"] !== 1) return
        if (message["status"] === "OK") {
          authenticated(created)
        } else {
          const reason = describe(field(message["error"], "message") ?? field(message["error"], "id") ?? message["status"])
          log(`Mattermost events: the server refused the bot's token (${reason}).`)
          settle?.reject(new Error(`Mattermost refused the WebSocket authentication: ${reason}`))
        }
      })
      return created
    },
    ...(options.reconnectDelayMs?.min === undefined ? {} : { minWebSocketRetryTime: options.reconnectDelayMs.min }),
    ...(options.reconnectDelayMs?.max === undefined ? {} : { maxWebSocketRetryTime: options.reconnectDelayMs.max }),
    ...(options.reconnectDelayMs?.jitter === undefined ? {} : { reconnectJitterRange: options.reconnectDelayMs.jitter }),
    ...(options.pingIntervalMs === undefined ? {} : { clientPingInterval: options.pingIntervalMs })
  })

  client.addMessageListener((message) => {
    if (closed) return
    if (message.event === "hello") {
      if (socket !== undefined) authenticated(socket)
      return
    }
    const event = toEvent(message)
    if (event !== undefined) enqueue(`onEvent(${event.name})`, () => options.onEvent(event))
  })
  // Without a missed-message listener the library never records the connection id, so it could
  // not ask the server to resume. A new id means the server could not: onReconnect covers it.
  client.addMissedMessageListener(() => log("Mattermost events: the server could not replay what was missed."))
  client.addCloseListener((failures) => {
    if (closed) return
    if (failures === 1) log("Mattermost events: connection lost; reconnecting.")
    else if (failures % 10 === 0) log(`Mattermost events: still reconnecting (${failures} attempts).`)
  })

  let closing: Promise<void> | undefined
  const close = (): Promise<void> => {
    if (closing !== undefined) return closing
    closed = true
    client.close() // clears the reconnect timer and the ping interval; closes an open socket
    const last = socket
    closing = (async () => {
      if (last !== undefined && last.readyState !== WebSocket.CLOSED) {
        // The library leaves a socket that is still connecting alone, with its handlers; unhook
        // them so its closing cannot schedule a reconnect.
        last.onopen = null
        last.onmessage = null
        last.onclose = null
        last.onerror = null
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            last.terminate()
            resolve()
          }, 1_000)
          last.once("close", () => {
            clearTimeout(timer)
            resolve()
          })
          if (last.readyState === WebSocket.CONNECTING) last.terminate()
          else if (last.readyState === WebSocket.OPEN) last.close(1000)
        })
      }
      await queue
      log("Mattermost events: closed.")
    })()
    return closing
  }

  return new Promise<EventsConnection>((resolve, reject) => {
    const timer = setTimeout(
      () => settle?.reject(new Error(`Mattermost WebSocket: not connected within ${options.connectTimeoutMs ?? 30_000} ms`)),
      options.connectTimeoutMs ?? 30_000
    )
    settle = {
      resolve: () => {
        settle = undefined
        clearTimeout(timer)
        resolve({ close })
      },
      reject: (error) => {
        settle = undefined
        clearTimeout(timer)
        void close().then(() => reject(error))
      }
    }
    try {
      client.initialize(websocketUrl(options.url), options.token)
    } catch (error) {
      settle.reject(error instanceof Error ? error : new Error(String(error)))
    }
  })
}

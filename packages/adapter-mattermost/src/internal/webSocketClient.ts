/**
 * @mattermost/client's `WebSocketClient`, loaded with its free identifiers bound in its own module
 * scope instead of on `globalThis`.
 *
 * `lib/websocket.js` is written for browsers. Besides `new WebSocket(url)` (avoidable through
 * `newWebSocketFn`) it reads the free identifiers `WebSocket` (`WebSocket.OPEN` on every send, ping
 * and close) and `CloseEvent` (`new CloseEvent(...)` when it drops a connection itself: sequence gap,
 * ping timeout), and it prints to `console.log` with no switch. Node 20 has neither global, so the
 * usual recipe installs `globalThis.WebSocket`/`globalThis.CloseEvent` for the whole process.
 *
 * Instead this module does what Node's CommonJS loader does for every module: it wraps the file's
 * source in a function (`vm.compileFunction`, the loader's own primitive) whose parameters are the
 * module's free names. Next to `exports, require, module, __filename, __dirname` it passes
 * `WebSocket` (the `ws` class), `CloseEvent` (a small class of ours) and `console` (a silent one).
 * Parameters shadow globals, so the library sees them and nothing else in the process does: no
 * global is written, the host's console is untouched, and it works the same from the TypeScript
 * sources under vitest and from any build (no bundler, `define` or `inject` needed).
 *
 * Alternatives, and why not:
 * - `newWebSocketFn` alone does not do it: `WebSocket.OPEN` is read in `sendMessage`, `ping` and
 *   `close`, so without a `WebSocket` binding the very first `onopen` throws "WebSocket is not defined".
 * - Installing the globals only while the library runs (if absent): its uses sit in socket handlers
 *   and in its own ping `setInterval`, so the brackets would have to wrap library-owned timers too,
 *   and our `onEvent` callbacks, called from inside those handlers, would see the globals.
 * - Keeping the library away from `new CloseEvent` (checking `seq` ourselves, never letting pings
 *   time out): re-implements its sequence and ping logic and still needs `WebSocket`.
 * - Bundling the module with esbuild/tsup and `define`/`inject`: the same scoping at build time, but
 *   this monorepo runs packages from their TypeScript sources (`exports` → `src/*.ts`), so it needs a
 *   build step plus a matching vitest `server.deps.inline` + `define` setup, and tests would not run
 *   what ships unless they run the bundle.
 *
 * The cost: we depend on the file's path (`lib/websocket.js`, a CommonJS module) and on its free
 * identifiers; `test/Events.test.ts` runs the real file, so an upgrade that changes either fails there.
 *
 * @internal
 */
import * as Fs from "node:fs"
import { createRequire } from "node:module"
import * as Path from "node:path"
import * as Vm from "node:vm"
import WebSocket from "ws"

/** What the library's event listeners receive (`WebSocketMessage`). */
export interface RawMessage {
  readonly event: string
  readonly data?: Record<string, unknown> | null
  readonly broadcast?: Record<string, unknown> | null
  readonly seq: number
}

/** The subset of `WebSocketClientConfig` the adapter sets. */
export interface ClientConfig {
  readonly newWebSocketFn: (url: string) => WebSocket
  readonly minWebSocketRetryTime?: number
  readonly maxWebSocketRetryTime?: number
  readonly reconnectJitterRange?: number
  readonly clientPingInterval?: number
}

/** The subset of `WebSocketClient` the adapter uses. */
export interface Client {
  initialize(connectionUrl: string, token: string): void
  close(): void
  addMessageListener(listener: (message: RawMessage) => void): void
  addMissedMessageListener(listener: () => void): void
  addCloseListener(listener: (connectFailCount: number) => void): void
}

export type ClientClass = new (config: ClientConfig) => Client

/** What the library constructs when it closes a connection itself; it reads only `code`. */
export class ClientCloseEvent extends Event {
  readonly code: number
  readonly reason: string
  readonly wasClean: boolean
  constructor(type: string, init: { readonly code?: number; readonly reason?: string; readonly wasClean?: boolean } = {}) {
    super(type)
    this.code = init.code ?? 0
    this.reason = init.reason ?? ""
    this.wasClean = init.wasClean ?? false
  }
}

const noop = (): void => {}

/** Every method of the real console, doing nothing. */
const silentConsole: Console = Object.fromEntries(
  Object.keys(console).map((key) => [key, noop])
) as unknown as Console

const scopeNames = ["exports", "require", "module", "__filename", "__dirname", "WebSocket", "CloseEvent", "console"]

let loaded: ClientClass | undefined

/** The library's `WebSocketClient` class, compiled once per process. */
export const webSocketClientClass = (): ClientClass => {
  if (loaded !== undefined) return loaded
  const file = createRequire(import.meta.url).resolve("@mattermost/client/lib/websocket.js")
  const source = Fs.readFileSync(file, "utf8")
  const wrapper = Vm.compileFunction(source, scopeNames, { filename: file })
  const module: { exports: { default?: unknown } } = { exports: {} }
  wrapper.call(
    module.exports,
    module.exports,
    createRequire(file),
    module,
    file,
    Path.dirname(file),
    WebSocket,
    ClientCloseEvent,
    silentConsole
  )
  const exported = module.exports.default
  if (typeof exported !== "function") {
    throw new Error(`@mattermost/client: ${file} has no default export WebSocketClient`)
  }
  loaded = exported as ClientClass
  return loaded
}

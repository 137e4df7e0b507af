/**
 * A fake Mattermost server on 127.0.0.1 (ephemeral port) that the real @mattermost/client runs
 * against: the REST API under /api/v4, the WebSocket at /api/v4/websocket, slash-command
 * `response_url` hooks under /hooks/commands/{id}, and Mattermost's outgoing calls into an
 * integration (slash commands, button presses, dialog submissions).
 *
 * ```ts
 * const mm = await FakeMattermost.start()
 * const client = new Client4(); client.setUrl(mm.url); client.setToken(mm.token)
 * const post = await client.createPost({ channel_id: mm.channel("content").id, message: "hi" })
 * mm.userPosts({ user: "bob", channel: "content", message: "hello bot" }) // → a `posted` event
 * const answer = await mm.slashCommand({ url: "http://127.0.0.1:PORT/mattermost/command", user: "alice", text: "idea submit x" })
 * await mm.close()
 * ```
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { WebSocketServer } from "ws"
import type { ChannelSpec, MmChannel, MmGroup, MmPost, MmTeamMember, MmUser, UserSpec } from "./Fixtures.js"
import type { RecordedRequest } from "./Http.js"
import {
  type ClickButtonResult,
  type ClickButtonSpec,
  Outgoing,
  type OutgoingResult,
  type ResponseUrlReply,
  type SlashCommandResult,
  type SlashCommandSpec,
  type SubmitDialogSpec
} from "./Outgoing.js"
import { type FailRule, FakeRest } from "./Rest.js"
import { type Broadcast, type EventRecord, FakeWebSocket } from "./WebSocket.js"
import { defaultWorldOptions, type EphemeralRecord, type OpenedDialog, World } from "./World.js"

export type { ChannelSpec, MmAction, MmChannel, MmFileInfo, MmGroup, MmPost, MmPostList, MmTeam, MmTeamMember, MmUser, UserSpec } from "./Fixtures.js"
export type { ReceivedFile, RecordedRequest } from "./Http.js"
export type { ClickButtonResult, ClickButtonSpec, OutgoingResult, ResponseUrlReply, SlashCommandResult, SlashCommandSpec, SubmitDialogSpec } from "./Outgoing.js"
export type { FailRule } from "./Rest.js"
export type { Broadcast, ConnectionRecord, EventRecord } from "./WebSocket.js"
export type { EphemeralRecord, OpenedDialog, TriggerRecord } from "./World.js"

export interface FakeMattermostOptions {
  /** The bot's access token (default "fake-bot-token"). Users get "user-token-<username>". */
  readonly token?: string
  /** The slash command's token sent by slashCommand (default "fake-command-token"). */
  readonly commandToken?: string
  /** The bot's username (default "dugnad"). */
  readonly botUsername?: string
  /** Default "dugnad" / "Dugnad". */
  readonly teamName?: string
  readonly teamDisplayName?: string
  /** Default: alice (team admin, "advisors", en), bob ("experts", nb), carol (en). */
  readonly users?: ReadonlyArray<UserSpec>
  /** Default: town-square, content. */
  readonly channels?: ReadonlyArray<ChannelSpec>
  /** Custom user groups created up front (default advisors, experts); users' `groups` add more. */
  readonly groups?: ReadonlyArray<string>
  /** Trigger ids expire after this (default 3000 ms, as Mattermost). */
  readonly triggerLifetimeMs?: number
  /** How long a pending_post_id is remembered (default 30 s, as Mattermost). */
  readonly pendingPostCacheMs?: number
  /** Events kept per WebSocket connection for resuming (default 128, as Mattermost). */
  readonly deadQueueSize?: number
  /**
   * Whether the bot may post ephemeral messages (`create_post_ephemeral`, which Mattermost gives
   * to system admins only; default true, as for a bot made a system admin).
   */
  readonly ephemeralPostsAllowed?: boolean
}

export class FakeMattermost {
  readonly token: string
  readonly commandToken: string
  readonly world: World
  readonly ws: FakeWebSocket
  readonly rest: FakeRest
  readonly #outgoing: Outgoing
  readonly #server: Server
  readonly #wss: WebSocketServer
  #port = 0

  private constructor(options: FakeMattermostOptions) {
    this.token = options.token ?? defaultWorldOptions.token
    this.commandToken = options.commandToken ?? "fake-command-token"
    this.world = new World({
      token: this.token,
      botUsername: options.botUsername ?? defaultWorldOptions.botUsername,
      teamName: options.teamName ?? defaultWorldOptions.teamName,
      teamDisplayName: options.teamDisplayName ?? defaultWorldOptions.teamDisplayName,
      users: options.users ?? defaultWorldOptions.users,
      channels: options.channels ?? defaultWorldOptions.channels,
      groups: options.groups ?? defaultWorldOptions.groups
    })
    if (options.pendingPostCacheMs !== undefined) this.world.pendingPostCacheMs = options.pendingPostCacheMs
    this.ws = new FakeWebSocket({
      userOfToken: (t) => this.world.tokens.get(t),
      deadQueueSize: options.deadQueueSize ?? 128
    })
    this.rest = new FakeRest(this.world, this.ws, {
      triggerLifetimeMs: options.triggerLifetimeMs ?? 3000,
      ephemeralPostsAllowed: options.ephemeralPostsAllowed ?? true
    })
    this.#outgoing = new Outgoing(this.world, this.rest, () => this.url, this.commandToken)
    this.#server = createServer((req, res) => {
      const path = (req.url ?? "/").split("?")[0] ?? "/"
      const fail = (error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" })
        res.end(JSON.stringify({ id: "fake.internal", message: String(error), status_code: 500 }))
      }
      const hook = /^\/hooks\/commands\/([a-z0-9]{26})$/.exec(path)
      if (hook !== null) {
        this.#outgoing.handleHook(req, res, hook[1]!).catch(fail)
        return
      }
      if (path === "/api/v4" || path.startsWith("/api/v4/")) {
        this.rest.handle(req, res).catch(fail)
        return
      }
      res.writeHead(404, { "Content-Type": "text/plain" })
      res.end("not found")
    })
    this.#wss = new WebSocketServer({ noServer: true })
    this.#server.on("upgrade", (req, socket, head) => {
      if ((req.url ?? "/").split("?")[0] !== "/api/v4/websocket") {
        socket.destroy()
        return
      }
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#wss.emit("connection", ws, req))
    })
    this.ws.attach(this.#wss)
  }

  /** Starts the fake on 127.0.0.1 with an ephemeral port. */
  static async start(options: FakeMattermostOptions = {}): Promise<FakeMattermost> {
    const fake = new FakeMattermost(options)
    await new Promise<void>((resolve, reject) => {
      fake.#server.once("error", reject)
      fake.#server.listen(0, "127.0.0.1", () => resolve())
    })
    fake.#port = (fake.#server.address() as AddressInfo).port
    return fake
  }

  get port(): number {
    return this.#port
  }

  /** http://127.0.0.1:PORT: what to pass to Client4.setUrl (no /api/v4). */
  get url(): string {
    return `http://127.0.0.1:${this.#port}`
  }

  /** ws://127.0.0.1:PORT/api/v4/websocket: what to pass to WebSocketClient.initialize. */
  get websocketUrl(): string {
    return `ws://127.0.0.1:${this.#port}/api/v4/websocket`
  }

  get bot(): MmUser {
    return this.world.bot
  }

  get team() {
    return this.world.team
  }

  /** A user by username or id (throws when unknown). */
  user(usernameOrId: string): MmUser {
    return this.world.user(usernameOrId)
  }

  /** The access token of a user ("user-token-<username>"), for REST calls as that user. */
  tokenOf(username: string): string {
    const id = this.world.user(username).id
    for (const [token, userId] of this.world.tokens) if (userId === id) return token
    throw new Error(`FakeMattermost: no token for ${username}`)
  }

  /** A team channel by name, or any channel by id (throws when unknown). */
  channel(nameOrId: string): MmChannel {
    return this.world.channel(nameOrId)
  }

  /** The direct channel between two users (usernames or ids), created on first use. */
  directChannel(a: string, b: string): MmChannel {
    return this.world.directChannel(this.world.user(a).id, this.world.user(b).id)
  }

  teamMember(usernameOrId: string): MmTeamMember | undefined {
    return this.world.teamMembers.get(this.world.user(usernameOrId).id)
  }

  /** A custom group by name or id (throws when unknown). */
  group(nameOrId: string): MmGroup {
    return this.world.group(nameOrId)
  }

  /** The stored post (WITH action integrations, unlike what the API returns). */
  post(id: string): MmPost | undefined {
    return this.world.post(id)
  }

  /** Posts in a channel (name or id), oldest first, deleted ones left out. */
  posts(channel: string): ReadonlyArray<MmPost> {
    return this.world.postsIn(this.world.channel(channel).id)
  }

  /** The bytes of an uploaded file. */
  fileBytes(fileId: string): Buffer | undefined {
    return this.world.files.get(fileId)?.bytes
  }

  /** Dialogs opened through POST /actions/dialogs/open, in order. */
  get dialogs(): ReadonlyArray<OpenedDialog> {
    return this.world.dialogs
  }

  /** Ephemeral posts (command/action replies shown to one user, POST /posts/ephemeral). */
  get ephemerals(): ReadonlyArray<EphemeralRecord> {
    return this.world.ephemerals
  }

  /** Every POST to a response_url, in order. */
  get responseUrlReplies(): ReadonlyArray<ResponseUrlReply> {
    return this.#outgoing.responseUrlReplies
  }

  /** Every REST request received (failed and injected ones included), in order. */
  get requests(): ReadonlyArray<RecordedRequest> {
    return this.rest.requests
  }

  /** Requests with this method whose path (after /api/v4) equals `path` or matches it. */
  requestsTo(method: string, path: string | RegExp): ReadonlyArray<RecordedRequest> {
    return this.rest.requests.filter((r) => r.method === method.toUpperCase() &&
      (typeof path === "string" ? r.path === path : path.test(r.path)))
  }

  /** Makes the next `times` (default 1) requests to method + path answer `status`. */
  failNext(method: string, path: string | RegExp, status: number, times = 1): void {
    this.rest.failNext({ method, path, status, times })
  }

  /** Any FailRule (custom error id/message). */
  fail(rule: FailRule): void {
    this.rest.failNext(rule)
  }

  /** The next `times` POST /posts answer `status` (default 500, `app.post.save.app_error`). */
  failPosts(times = 1, status = 500): void {
    this.rest.failNext({ method: "POST", path: "/posts", status, times })
  }

  /**
   * A user writes a post (as if from their client): stored, and a `posted` event goes to the
   * WebSocket with `data.post` as a JSON string. Returns the post.
   */
  userPosts(spec: {
    readonly user: string
    readonly channel: string
    readonly message: string
    readonly rootId?: string
    readonly props?: Record<string, unknown>
  }): MmPost {
    const user = this.world.user(spec.user)
    const post = this.world.createPost(user.id, this.world.channel(spec.channel).id, {
      message: spec.message,
      root_id: spec.rootId ?? "",
      props: spec.props ?? {}
    })
    this.rest.announce(post)
    return post
  }

  /** A `user_added` event: the user joined the channel. */
  userAdded(spec: { readonly user: string; readonly channel: string }): ReadonlyArray<EventRecord> {
    const channel = this.world.channel(spec.channel)
    return this.ws.emit("user_added", { team_id: channel.team_id, user_id: this.world.user(spec.user).id }, { channel_id: channel.id })
  }

  /** Any event, e.g. emit("added_to_team", { team_id, user_id }, { user_id }). */
  emit(event: string, data: Record<string, unknown>, broadcast: Partial<Broadcast> = {}): ReadonlyArray<EventRecord> {
    return this.ws.emit(event, data, broadcast)
  }

  /** Plays a slash command into the integration (form POST, `Authorization: Token`). */
  slashCommand(spec: SlashCommandSpec): Promise<SlashCommandResult> {
    return this.#outgoing.slashCommand(spec)
  }

  /** Plays a button press on a post into the action's integration URL with its stored context. */
  clickButton(spec: ClickButtonSpec): Promise<ClickButtonResult> {
    return this.#outgoing.clickButton(spec)
  }

  /** Plays a dialog submission (default: of the newest opened dialog). */
  submitDialog(spec: SubmitDialogSpec = {}): Promise<OutgoingResult> {
    return this.#outgoing.submitDialog(spec)
  }

  async close(): Promise<void> {
    this.ws.closeAll()
    for (const client of this.#wss.clients) client.terminate()
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()))
    this.#server.closeAllConnections()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }
}

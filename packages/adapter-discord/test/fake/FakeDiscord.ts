/**
 * A fake Discord on 127.0.0.1 (ephemeral port) that the real discord.js Client runs against:
 * the REST API under /api/v10 and the gateway WebSocket under /gateway.
 *
 * ```ts
 * const discord = await FakeDiscord.start()
 * const client = new Client({ intents, rest: { api: discord.apiUrl }, waitGuildTimeout: 100 })
 * await client.login(discord.token)
 * const slash = discord.slashCommand({ user: "bob", command: "idea", subcommand: "submit", options: { title: "x" } })
 * const answered = await slash.callback() // { type: 4, data, ms }
 * await discord.close()
 * ```
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import type { APIApplicationCommand, APIGuildScheduledEvent, APIMessage } from "discord-api-types/v10"
import { WebSocketServer } from "ws"
import type { FakeGuild, GuildSpec } from "./Fixtures.js"
import { FakeGateway } from "./Gateway.js"
import type { RecordedRequest } from "./Http.js"
import { type ButtonSpec, type InteractionHandle, Interactions, type ModalSubmitSpec, type SlashCommandSpec } from "./Interactions.js"
import { FakeRest, type RateLimitRule } from "./Rest.js"
import { World } from "./World.js"

export type { ButtonSpec, InteractionHandle, ModalSubmitSpec, SlashCommandSpec } from "./Interactions.js"
export type { GuildSpec, MemberSpec } from "./Fixtures.js"
export type { RecordedRequest } from "./Http.js"
export type { RateLimitRule } from "./Rest.js"
export type { CallbackRecord, ReceivedFile } from "./World.js"
export type { ConnectionRecord, DispatchRecord, IdentifyRecord, ResumeRecord } from "./Gateway.js"

export interface FakeDiscordOptions {
  /** The bot token (default "fake-bot-token"). Wrong tokens get 401 on REST and 4004 on the gateway. */
  readonly token?: string
  /** HELLO's heartbeat_interval (default 1000 ms). */
  readonly heartbeatIntervalMs?: number
  /** Default: one guild "Dugnad" with roles Expert/Advisor, channels content/team, members alice/bob/carol. */
  readonly guilds?: ReadonlyArray<GuildSpec>
  readonly botName?: string
  /** Callbacks later than this get 404 Unknown interaction (default 3000, as Discord). */
  readonly interactionDeadlineMs?: number
  /** Interaction webhook tokens live this long (default 15 min). */
  readonly interactionTokenLifetimeMs?: number
  /** enforce_nonce window (default 5 min). */
  readonly nonceWindowMs?: number
}

export class FakeDiscord {
  readonly token: string
  readonly world: World
  readonly gateway: FakeGateway
  readonly rest: FakeRest
  readonly #interactions: Interactions
  readonly #server: Server
  readonly #wss: WebSocketServer
  #port = 0

  private constructor(options: FakeDiscordOptions) {
    this.token = options.token ?? "fake-bot-token"
    this.world = new World(options.guilds ?? [{}], () => this.baseUrl, options.botName)
    this.gateway = new FakeGateway({
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1000,
      readyData: () => ({
        v: 10,
        user: { ...this.world.bot, verified: true, mfa_enabled: false, email: null },
        guilds: this.world.guilds.map((g) => ({ id: g.id, unavailable: true })),
        private_channels: [],
        relationships: [],
        user_settings: {},
        presences: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
        application: { id: this.world.applicationId, flags: 0 }
      }),
      guildCreates: () => this.world.guilds.map((g) => g.toGuildCreate()),
      resumeUrl: () => `ws://127.0.0.1:${this.#port}/gateway-resume`,
      newSessionId: () => this.world.ids.next().slice(-12) + Math.random().toString(16).slice(2, 14)
    })
    this.rest = new FakeRest(
      this.world,
      this.gateway,
      {
        token: this.token,
        interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
        interactionTokenLifetimeMs: options.interactionTokenLifetimeMs ?? 15 * 60_000,
        nonceWindowMs: options.nonceWindowMs ?? 5 * 60_000
      },
      () => `ws://127.0.0.1:${this.#port}/gateway`
    )
    this.#interactions = new Interactions(this.world, (t, d) => void this.gateway.dispatch(t, d))
    this.#server = createServer((req, res) => {
      const path = (req.url ?? "/").split("?")[0] ?? "/"
      if (req.method === "GET" && path.startsWith("/attachments/")) {
        const key = path.slice("/attachments/".length).split("/").map(decodeURIComponent).join("/")
        const file = this.world.attachments.get(key)
        res.writeHead(file === undefined ? 404 : 200, { "Content-Type": file?.contentType ?? "text/plain" })
        res.end(file?.bytes)
        return
      }
      this.rest.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500)
        res.end(String(error))
      })
    })
    this.#wss = new WebSocketServer({ noServer: true })
    this.#server.on("upgrade", (req, socket, head) => {
      const path = (req.url ?? "/").split("?")[0]
      if (path !== "/gateway" && path !== "/gateway-resume") {
        socket.destroy()
        return
      }
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#wss.emit("connection", ws, req))
    })
    this.gateway.attach(this.#wss)
  }

  /** Starts the fake on 127.0.0.1 with an ephemeral port. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options)
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

  /** http://127.0.0.1:PORT */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.#port}`
  }

  /** What to pass as discord.js `rest: { api }`: http://127.0.0.1:PORT/api */
  get apiUrl(): string {
    return `${this.baseUrl}/api`
  }

  get applicationId(): string {
    return this.world.applicationId
  }

  get bot() {
    return this.world.bot
  }

  /** The first guild (the usual one). */
  get guild(): FakeGuild {
    return this.world.guilds[0]!
  }

  get guilds(): ReadonlyArray<FakeGuild> {
    return this.world.guilds
  }

  /** Every REST request received, in order. */
  get requests(): ReadonlyArray<RecordedRequest> {
    return this.rest.requests
  }

  /** Requests with this method whose path equals `path` (string) or matches it (RegExp). */
  requestsTo(method: string, path: string | RegExp): ReadonlyArray<RecordedRequest> {
    return this.rest.requests.filter((r) => r.method === method.toUpperCase() &&
      (typeof path === "string" ? r.path === path : path.test(r.path)))
  }

  /** Messages in a channel (by id or, in the first guild, by name), oldest first. Ephemeral ones included (flags & 64). */
  messages(channel: string): ReadonlyArray<APIMessage> {
    const id = this.world.channel(channel) !== undefined ? channel : this.guild.channel(channel).id
    return this.world.messages.get(id) ?? []
  }

  /** The guild's registered commands (PUT /applications/{app}/guilds/{guild}/commands). */
  commands(guildId: string = this.guild.id): ReadonlyArray<APIApplicationCommand> {
    return this.world.commands.get(guildId) ?? []
  }

  scheduledEvents(guildId: string = this.guild.id): ReadonlyArray<APIGuildScheduledEvent> {
    return this.world.scheduledEvents.get(guildId) ?? []
  }

  /** Dispatches a slash command (INTERACTION_CREATE type 2). */
  slashCommand(spec: SlashCommandSpec): InteractionHandle {
    return this.#interactions.slashCommand(spec)
  }

  /** Dispatches a button press (type 3) on a message. */
  button(spec: ButtonSpec): InteractionHandle {
    return this.#interactions.button(spec)
  }

  /** Dispatches a modal submit (type 5). */
  modalSubmit(spec: ModalSubmitSpec): InteractionHandle {
    return this.#interactions.modalSubmit(spec)
  }

  /** Makes the next `rule.times` requests on a route answer 429 (see RateLimitRule). */
  rateLimit(rule: RateLimitRule): void {
    this.rest.rateLimit(rule)
  }

  /** Sends any dispatch event (e.g. MESSAGE_CREATE, GUILD_MEMBER_UPDATE) to the bot. */
  dispatch(t: string, d: unknown): void {
    this.gateway.dispatch(t, d)
  }

  async close(): Promise<void> {
    this.gateway.closeAll()
    for (const client of this.#wss.clients) client.terminate()
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()))
    this.#server.closeAllConnections()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }
}

/**
 * The fake REST API (/api/v10/...): the routes a bot calls, with Discord's auth rule (Bot token
 * everywhere but interaction callbacks and interaction webhooks), rate-limit headers, switchable 429s,
 * nonce de-duplication, and a record of every request.
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import {
  ChannelType,
  GuildScheduledEventStatus,
  InteractionResponseType,
  MessageFlags,
  type APIApplicationCommand,
  type APIGuildScheduledEvent,
  type APIMessage
} from "discord-api-types/v10"
import type { FakeGateway } from "./Gateway.js"
import {
  bucketOf,
  DiscordError,
  parseBody,
  rateLimitHeaders,
  readBody,
  send,
  unknown,
  type RecordedRequest
} from "./Http.js"
import type { CallbackRecord, InteractionState, ReceivedFile, World } from "./World.js"

/** Make the next `times` requests matching `method` + `path` answer 429. */
export interface RateLimitRule {
  readonly method: string
  /** The path after /api/v10 (exact string) or a RegExp tested against it. */
  readonly path: string | RegExp
  readonly times: number
  /** retry_after in ms. Default 500. */
  readonly retryAfterMs?: number
  readonly scope?: "user" | "shared"
  /** Set X-RateLimit-Global (and global: true). Default false. */
  readonly global?: boolean
}

interface ActiveRule {
  readonly rule: RateLimitRule
  left: number
}

export interface RestOptions {
  readonly token: string
  /** A callback later than this after the dispatch gets 404 Unknown interaction (10062). Default 3000. */
  readonly interactionDeadlineMs: number
  /** Interaction tokens (webhook routes) expire after this. Default 15 minutes. */
  readonly interactionTokenLifetimeMs: number
  /** How long an enforce_nonce nonce is remembered. Default 5 minutes. */
  readonly nonceWindowMs: number
}

const NORMAL_LIMIT = 5

type Handler = (ctx: Ctx) => Promise<[number, unknown]> | [number, unknown]

interface Ctx {
  readonly method: string
  readonly params: ReadonlyArray<string>
  readonly query: URLSearchParams
  readonly body: Record<string, unknown>
  readonly rawBody: unknown
  readonly files: ReadonlyArray<ReceivedFile>
}

interface Route {
  readonly method: string
  readonly pattern: RegExp
  /** Interaction callback / webhook routes take no Bot token. */
  readonly auth: boolean
  readonly handler: Handler
}

const ID = "(\\d+)"
const SEG = "([^/]+)"

export class FakeRest {
  readonly requests: Array<RecordedRequest> = []
  readonly #rules: Array<ActiveRule> = []
  readonly #routes: Array<Route> = []

  constructor(
    readonly world: World,
    readonly gateway: FakeGateway,
    readonly options: RestOptions,
    readonly gatewayUrl: () => string
  ) {
    const w = world
    const r = (method: string, path: string, handler: Handler, auth = true) =>
      this.#routes.push({ method, pattern: new RegExp(`^${path}$`), auth, handler })

    r("GET", "/gateway/bot", () => [
      200,
      {
        url: this.gatewayUrl(),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 }
      }
    ])
    r("GET", "/gateway", () => [200, { url: this.gatewayUrl() }], false)
    r("GET", "/users/@me", () => [200, w.bot])
    r("GET", `/users/${ID}`, ({ params }) => {
      const user = w.userById(params[0]!)
      if (user === undefined) throw unknown("User")
      return [200, user]
    })
    r("POST", "/users/@me/channels", ({ body }) => {
      const user = w.userById(String(body["recipient_id"]))
      if (user === undefined) throw unknown("User")
      return [200, w.openDm(user)]
    })
    r("GET", `/guilds/${ID}`, ({ params }) => {
      const guild = w.guild(params[0]!)
      if (guild === undefined) throw unknown("Guild")
      const { members: _m, channels: _c, threads: _t, ...rest } = guild.toGuildCreate() as unknown as Record<string, unknown>
      return [200, rest]
    })
    r("GET", `/guilds/${ID}/members/${ID}`, ({ params }) => {
      const member = w.guild(params[0]!)?.members.get(params[1]!)
      if (member === undefined) throw unknown("Member")
      return [200, member]
    })
    r("GET", `/guilds/${ID}/channels`, ({ params }) => {
      const guild = w.guild(params[0]!)
      if (guild === undefined) throw unknown("Guild")
      return [200, [...guild.channels.values()].filter((c) => c.type !== ChannelType.PublicThread && c.type !== ChannelType.PrivateThread)]
    })
    r("GET", `/guilds/${ID}/threads/active`, ({ params }) => {
      const guild = w.guild(params[0]!)
      if (guild === undefined) throw unknown("Guild")
      const threads = [...guild.channels.values()].filter((c) =>
        (c.type === ChannelType.PublicThread || c.type === ChannelType.PrivateThread) &&
        (c as { thread_metadata?: { archived?: boolean } }).thread_metadata?.archived !== true
      )
      return [200, { threads, members: [] }]
    })
    r("GET", `/channels/${ID}`, ({ params }) => [200, this.#channel(params[0]!)])

    // Messages
    r("GET", `/channels/${ID}/messages`, ({ params, query }) => {
      this.#channel(params[0]!)
      const limit = Number(query.get("limit") ?? 50)
      return [200, [...(w.messages.get(params[0]!) ?? [])].reverse().slice(0, limit)]
    })
    r("POST", `/channels/${ID}/messages`, ({ params, body, files }) => {
      const channelId = params[0]!
      this.#channel(channelId)
      this.#requireContent(body, files)
      const nonce = body["nonce"]
      const key = `${channelId}:${String(nonce)}`
      if (nonce !== undefined && body["enforce_nonce"] === true) {
        const seen = w.nonces.get(key)
        if (seen !== undefined && Date.now() - seen.at < this.options.nonceWindowMs) {
          const first = w.findMessage(seen.messageId)
          if (first !== undefined) return [200, first]
        }
      }
      const message = w.createMessage(channelId, body, files)
      if (nonce !== undefined && body["enforce_nonce"] === true) w.nonces.set(key, { messageId: message.id, at: Date.now() })
      return [200, message]
    })
    r("GET", `/channels/${ID}/messages/${ID}`, ({ params }) => [200, this.#message(params[0]!, params[1]!)])
    r("PATCH", `/channels/${ID}/messages/${ID}`, ({ params, body, files }) => {
      const message = this.#message(params[0]!, params[1]!)
      if (message.author.id !== w.bot.id) throw new DiscordError(403, 50005, "Cannot edit a message authored by another user")
      return [200, w.editMessage(message, body, files)]
    })
    r("DELETE", `/channels/${ID}/messages/${ID}`, ({ params }) => {
      this.#message(params[0]!, params[1]!)
      const list = w.messages.get(params[0]!) ?? []
      w.messages.set(params[0]!, list.filter((m) => m.id !== params[1]))
      return [204, undefined]
    })

    // Threads
    r("POST", `/channels/${ID}/threads`, ({ params, body }) => {
      const parent = this.#channel(params[0]!)
      if (parent.type !== ChannelType.GuildText && parent.type !== ChannelType.GuildAnnouncement) {
        throw new DiscordError(400, 50024, "Cannot execute action on this channel type")
      }
      const thread = w.makeThread(parent.id, body)
      this.gateway.dispatch("THREAD_CREATE", { ...thread, newly_created: true })
      return [201, thread]
    })
    r("POST", `/channels/${ID}/messages/${ID}/threads`, ({ params, body }) => {
      const message = this.#message(params[0]!, params[1]!)
      if (w.channel(message.id) !== undefined) throw new DiscordError(400, 160004, "A thread has already been created for this message")
      const thread = w.makeThread(params[0]!, { ...body, type: ChannelType.PublicThread }, message.id)
      ;(message as { thread?: unknown }).thread = thread
      this.gateway.dispatch("THREAD_CREATE", { ...thread, newly_created: true })
      return [201, thread]
    })

    // Commands
    const putCommands = (key: string, guildId: string | undefined, body: unknown): [number, unknown] => {
      if (!Array.isArray(body)) throw new DiscordError(400, 50035, "Invalid Form Body")
      const before = w.commands.get(key) ?? []
      const stored = (body as Array<Record<string, unknown>>).map((c): APIApplicationCommand => {
        const type = Number(c["type"] ?? 1)
        const previous = before.find((p) => p.name === c["name"] && p.type === type)
        return {
          id: previous?.id ?? w.ids.next(),
          application_id: w.applicationId,
          ...(guildId === undefined ? {} : { guild_id: guildId }),
          version: w.ids.next(),
          type,
          name: String(c["name"]),
          name_localizations: (c["name_localizations"] ?? null) as APIApplicationCommand["name_localizations"],
          description: String(c["description"] ?? ""),
          description_localizations: (c["description_localizations"] ?? null) as APIApplicationCommand["description_localizations"],
          ...(Array.isArray(c["options"]) ? { options: c["options"] as APIApplicationCommand["options"] } : {}),
          default_member_permissions: (c["default_member_permissions"] ?? null) as string | null,
          nsfw: c["nsfw"] === true,
          ...(Array.isArray(c["contexts"]) ? { contexts: c["contexts"] as APIApplicationCommand["contexts"] } : {}),
          ...(Array.isArray(c["integration_types"])
            ? { integration_types: c["integration_types"] as APIApplicationCommand["integration_types"] }
            : {})
        } as APIApplicationCommand
      })
      w.commands.set(key, stored)
      return [200, stored]
    }
    r("PUT", `/applications/${ID}/guilds/${ID}/commands`, ({ params, rawBody }) => {
      this.#app(params[0]!)
      if (w.guild(params[1]!) === undefined) throw unknown("Guild")
      return putCommands(params[1]!, params[1]!, rawBody)
    })
    r("GET", `/applications/${ID}/guilds/${ID}/commands`, ({ params }) => {
      this.#app(params[0]!)
      return [200, w.commands.get(params[1]!) ?? []]
    })
    r("PUT", `/applications/${ID}/commands`, ({ params, rawBody }) => {
      this.#app(params[0]!)
      return putCommands("global", undefined, rawBody)
    })
    r("GET", `/applications/${ID}/commands`, ({ params }) => {
      this.#app(params[0]!)
      return [200, w.commands.get("global") ?? []]
    })

    // Scheduled events
    r("GET", `/guilds/${ID}/scheduled-events`, ({ params }) => {
      if (w.guild(params[0]!) === undefined) throw unknown("Guild")
      return [200, w.scheduledEvents.get(params[0]!) ?? []]
    })
    r("POST", `/guilds/${ID}/scheduled-events`, ({ params, body }) => {
      const guildId = params[0]!
      if (w.guild(guildId) === undefined) throw unknown("Guild")
      for (const field of ["name", "scheduled_start_time", "privacy_level", "entity_type"]) {
        if (body[field] === undefined) {
          throw new DiscordError(400, 50035, "Invalid Form Body", { [field]: { _errors: [{ code: "BASE_TYPE_REQUIRED", message: "This field is required" }] } })
        }
      }
      const event = {
        id: w.ids.next(),
        guild_id: guildId,
        channel_id: (body["channel_id"] ?? null) as string | null,
        creator_id: w.bot.id,
        creator: w.bot,
        name: String(body["name"]),
        description: (body["description"] ?? null) as string | null,
        scheduled_start_time: String(body["scheduled_start_time"]),
        scheduled_end_time: (body["scheduled_end_time"] ?? null) as string | null,
        privacy_level: body["privacy_level"],
        status: GuildScheduledEventStatus.Scheduled,
        entity_type: body["entity_type"],
        entity_id: null,
        entity_metadata: (body["entity_metadata"] ?? null) as unknown,
        user_count: 0,
        image: (body["image"] ?? null) as string | null,
        recurrence_rule: (body["recurrence_rule"] ?? null) as unknown
      } as APIGuildScheduledEvent
      const list = w.scheduledEvents.get(guildId) ?? []
      list.push(event)
      w.scheduledEvents.set(guildId, list)
      this.gateway.dispatch("GUILD_SCHEDULED_EVENT_CREATE", event)
      return [200, event]
    })
    r("GET", `/guilds/${ID}/scheduled-events/${ID}`, ({ params }) => [200, this.#event(params[0]!, params[1]!)])
    r("PATCH", `/guilds/${ID}/scheduled-events/${ID}`, ({ params, body }) => {
      const event = this.#event(params[0]!, params[1]!) as unknown as Record<string, unknown>
      for (const [k, v] of Object.entries(body)) if (k !== "id" && k !== "guild_id") event[k] = v
      this.gateway.dispatch("GUILD_SCHEDULED_EVENT_UPDATE", event)
      return [200, event]
    })
    r("DELETE", `/guilds/${ID}/scheduled-events/${ID}`, ({ params }) => {
      const event = this.#event(params[0]!, params[1]!)
      w.scheduledEvents.set(params[0]!, (w.scheduledEvents.get(params[0]!) ?? []).filter((e) => e.id !== event.id))
      this.gateway.dispatch("GUILD_SCHEDULED_EVENT_DELETE", event)
      return [204, undefined]
    })

    // Interactions: callback (no auth) and the interaction webhook (no auth, token in the path)
    r("POST", `/interactions/${ID}/${SEG}/callback`, (ctx) => this.#callback(ctx), false)
    r("POST", `/webhooks/${ID}/${SEG}`, ({ params, query, body, files }) => {
      const interaction = this.#webhookInteraction(params[0]!, params[1]!)
      this.#requireContent(body, files)
      const message = w.createMessage(interaction.channelId, body, files, { webhook_id: w.applicationId, application_id: w.applicationId })
      return query.get("wait") === "true" ? [200, message] : [204, undefined]
    }, false)
    r("GET", `/webhooks/${ID}/${SEG}/messages/${SEG}`, ({ params }) => {
      const interaction = this.#webhookInteraction(params[0]!, params[1]!)
      return [200, this.#webhookMessage(interaction, params[2]!)]
    }, false)
    r("PATCH", `/webhooks/${ID}/${SEG}/messages/${SEG}`, ({ params, body, files }) => {
      const interaction = this.#webhookInteraction(params[0]!, params[1]!)
      return [200, w.editMessage(this.#webhookMessage(interaction, params[2]!), body, files)]
    }, false)
    r("DELETE", `/webhooks/${ID}/${SEG}/messages/${SEG}`, ({ params }) => {
      const interaction = this.#webhookInteraction(params[0]!, params[1]!)
      const message = this.#webhookMessage(interaction, params[2]!)
      w.messages.set(message.channel_id, (w.messages.get(message.channel_id) ?? []).filter((m) => m.id !== message.id))
      return [204, undefined]
    }, false)
  }

  /** Makes the next `rule.times` matching requests answer 429. */
  rateLimit(rule: RateLimitRule): void {
    this.#rules.push({ rule, left: rule.times })
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    const method = (req.method ?? "GET").toUpperCase()
    const at = Date.now()
    const prefix = "/api/v10"
    if (!url.pathname.startsWith(prefix)) {
      send(res, 404, { message: "404: Not Found", code: 0 })
      return
    }
    const path = url.pathname.slice(prefix.length).split("/").map((s) => decodeURIComponent(s)).join("/")
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v
    const raw = await readBody(req)
    let parsed
    try {
      parsed = await parseBody(req.headers["content-type"], raw)
    } catch {
      parsed = { body: raw.toString("utf8"), kind: "other" as const, files: [] }
    }
    const record: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: parsed.body,
      bodyKind: parsed.kind,
      files: parsed.files,
      at
    }
    this.requests.push(record)
    const answer = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      record.status = status
      record.responseHeaders = extra
      send(res, status, body, extra)
    }
    const bucket = bucketOf(method, path)

    let route: Route | undefined
    let params: Array<string> = []
    for (const candidate of this.#routes) {
      if (candidate.method !== method) continue
      const match = candidate.pattern.exec(path)
      if (match !== null) {
        route = candidate
        params = match.slice(1)
        break
      }
    }
    if (route === undefined) {
      answer(404, { message: "404: Not Found", code: 0 })
      return
    }
    if (route.auth && headers["authorization"] !== `Bot ${this.options.token}`) {
      answer(401, { message: "401: Unauthorized", code: 0 })
      return
    }
    const limited = this.#rules.find((r) => r.left > 0 && r.rule.method.toUpperCase() === method &&
      (typeof r.rule.path === "string" ? r.rule.path === path : r.rule.path.test(path)))
    if (limited !== undefined) {
      limited.left -= 1
      const retryAfter = (limited.rule.retryAfterMs ?? 500) / 1000
      const global = limited.rule.global === true
      answer(429, { message: "You are being rate limited.", retry_after: retryAfter, global }, {
        ...rateLimitHeaders({
          limit: NORMAL_LIMIT,
          remaining: 0,
          resetAfterSeconds: retryAfter,
          bucket,
          retryAfterSeconds: retryAfter,
          scope: global ? "global" : (limited.rule.scope ?? "user")
        }),
        ...(global ? { "X-RateLimit-Global": "true" } : {})
      })
      return
    }
    try {
      const body = parsed.body !== null && typeof parsed.body === "object" && !Array.isArray(parsed.body)
        ? (parsed.body as Record<string, unknown>)
        : {}
      const [status, out] = await route.handler({ method, params, query: url.searchParams, body, rawBody: parsed.body, files: parsed.files })
      answer(status, out, rateLimitHeaders({ limit: NORMAL_LIMIT, remaining: NORMAL_LIMIT - 1, resetAfterSeconds: 1, bucket }))
    } catch (error) {
      if (error instanceof DiscordError) {
        answer(error.status, error.toJSON())
      } else {
        answer(500, { message: `fake: ${String(error)}`, code: 0 })
      }
    }
  }

  #app(id: string): void {
    if (id !== this.world.applicationId) throw new DiscordError(403, 50001, "Missing Access")
  }

  #channel(id: string) {
    const channel = this.world.channel(id)
    if (channel === undefined) throw unknown("Channel")
    return channel
  }

  #message(channelId: string, messageId: string): APIMessage {
    this.#channel(channelId)
    const message = (this.world.messages.get(channelId) ?? []).find((m) => m.id === messageId)
    if (message === undefined) throw unknown("Message")
    return message
  }

  #event(guildId: string, eventId: string): APIGuildScheduledEvent {
    const event = (this.world.scheduledEvents.get(guildId) ?? []).find((e) => e.id === eventId)
    if (event === undefined) throw unknown("Guild Scheduled Event")
    return event
  }

  #requireContent(body: Record<string, unknown>, files: ReadonlyArray<ReceivedFile>): void {
    const has = (k: string) => {
      const v = body[k]
      return Array.isArray(v) ? v.length > 0 : typeof v === "string" ? v.length > 0 : v !== undefined && v !== null
    }
    if (!["content", "embeds", "components", "sticker_ids", "poll"].some(has) && files.length === 0) {
      throw new DiscordError(400, 50006, "Cannot send an empty message")
    }
  }

  #webhookInteraction(appId: string, token: string): InteractionState {
    if (appId !== this.world.applicationId) throw unknown("Webhook")
    const interaction = [...this.world.interactions.values()].find((i) => i.token === token)
    if (interaction === undefined) throw unknown("Webhook")
    if (Date.now() - interaction.dispatchedAt > this.options.interactionTokenLifetimeMs) {
      throw new DiscordError(401, 50027, "Invalid Webhook Token")
    }
    if (interaction.callbacks.length === 0) throw unknown("Webhook")
    return interaction
  }

  #webhookMessage(interaction: InteractionState, id: string): APIMessage {
    const messageId = id === "@original" ? interaction.originalMessageId : id
    const message = messageId === undefined ? undefined : this.world.findMessage(messageId)
    if (message === undefined) throw unknown("Message")
    return message
  }

  #callback({ params, body, query, files }: Ctx): [number, unknown] {
    const w = this.world
    const interaction = w.interactions.get(params[0]!)
    if (interaction === undefined || interaction.token !== params[1]) throw unknown("interaction")
    const now = Date.now()
    if (interaction.callbacks.length > 0) throw new DiscordError(400, 40060, "Interaction has already been acknowledged.")
    if (now - interaction.dispatchedAt > this.options.interactionDeadlineMs) throw unknown("interaction")
    const type = Number(body["type"])
    const data = (body["data"] ?? undefined) as Record<string, unknown> | undefined
    const component = interaction.componentMessageId === undefined ? undefined : w.findMessage(interaction.componentMessageId)
    let message: APIMessage | undefined
    switch (type) {
      case InteractionResponseType.Pong:
      case InteractionResponseType.DeferredMessageUpdate:
        message = type === InteractionResponseType.DeferredMessageUpdate ? component : undefined
        break
      case InteractionResponseType.ChannelMessageWithSource: {
        this.#requireContent(data ?? {}, files)
        message = w.createMessage(interaction.channelId, data ?? {}, files, { webhook_id: w.applicationId, application_id: w.applicationId })
        interaction.originalMessageId = message.id
        break
      }
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const flags = (Number(data?.["flags"] ?? 0) & MessageFlags.Ephemeral) | MessageFlags.Loading
        message = w.createMessage(interaction.channelId, { content: "", flags }, [], { webhook_id: w.applicationId, application_id: w.applicationId })
        interaction.originalMessageId = message.id
        break
      }
      case InteractionResponseType.UpdateMessage: {
        if (component === undefined) throw new DiscordError(400, 50035, "Invalid Form Body: UPDATE_MESSAGE needs a component interaction")
        message = w.editMessage(component, data ?? {}, files)
        interaction.originalMessageId = component.id
        break
      }
      case InteractionResponseType.Modal: {
        if (typeof data?.["custom_id"] !== "string" || !Array.isArray(data["components"])) {
          throw new DiscordError(400, 50035, "Invalid Form Body")
        }
        if (interaction.type === 5) throw new DiscordError(400, 50035, "Cannot respond to a modal submit with a modal")
        break
      }
      default:
        throw new DiscordError(400, 50035, `Invalid Form Body: unknown callback type ${type}`)
    }
    const record: CallbackRecord = { type, data, at: now, ms: now - interaction.dispatchedAt, files }
    interaction.callbacks.push(record)
    for (const wake of interaction.waiters.splice(0)) wake(record)
    if (query.get("with_response") === "true") {
      return [200, {
        interaction: {
          id: interaction.id,
          type: interaction.type,
          activity_instance_id: null,
          response_message_id: message?.id ?? null,
          response_message_loading: type === InteractionResponseType.DeferredChannelMessageWithSource,
          response_message_ephemeral: ((message?.flags ?? 0) & MessageFlags.Ephemeral) !== 0
        },
        resource: { type, ...(message === undefined ? {} : { message }) }
      }]
    }
    return [204, undefined]
  }
}

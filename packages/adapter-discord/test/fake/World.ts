/**
 * The fake Discord's state: users, guilds, channels (incl. threads and DMs), messages per channel,
 * interactions, registered commands and scheduled events. REST handlers and test helpers share it.
 */
import {
  ChannelType,
  MessageFlags,
  MessageType,
  type APIApplicationCommand,
  type APIAttachment,
  type APIChannel,
  type APIDMChannel,
  type APIGuildScheduledEvent,
  type APIMessage,
  type APIThreadChannel,
  type APIUser,
  type ChannelFlags
} from "discord-api-types/v10"
import { FakeGuild, type FakeUser, type GuildSpec, makeUser } from "./Fixtures.js"
import { makeSnowflakes, type Snowflakes } from "./Snowflake.js"

/** A file that arrived in a multipart request. */
export interface ReceivedFile {
  /** The form field, e.g. "files[0]". */
  readonly field: string
  readonly filename: string
  readonly contentType: string
  readonly bytes: Buffer
}

/** What the bot answered on an interaction's callback route. */
export interface CallbackRecord {
  /** 1 pong, 4 reply, 5 deferred reply, 6 deferred update, 7 update, 9 modal. */
  readonly type: number
  readonly data: Record<string, unknown> | undefined
  readonly at: number
  /** Milliseconds from the INTERACTION_CREATE dispatch to this callback. */
  readonly ms: number
  readonly files: ReadonlyArray<ReceivedFile>
}

export interface InteractionState {
  readonly id: string
  readonly token: string
  readonly type: number
  readonly guildId: string | undefined
  readonly channelId: string
  readonly payload: Record<string, unknown>
  readonly dispatchedAt: number
  readonly callbacks: Array<CallbackRecord>
  /** The id of the message the response created (reply/defer) or edited (update). */
  originalMessageId: string | undefined
  /** For components: the message the component is on. */
  readonly componentMessageId: string | undefined
  readonly waiters: Array<(record: CallbackRecord) => void>
}

export interface NonceEntry {
  readonly messageId: string
  readonly at: number
}

export class World {
  readonly ids: Snowflakes = makeSnowflakes()
  readonly applicationId: string
  readonly bot: APIUser
  /** Users by username. */
  readonly users = new Map<string, FakeUser>()
  readonly guilds: Array<FakeGuild> = []
  /** DM channels by id. */
  readonly dms = new Map<string, APIDMChannel>()
  /** Messages per channel id, oldest first. */
  readonly messages = new Map<string, Array<APIMessage>>()
  readonly nonces = new Map<string, NonceEntry>()
  readonly attachments = new Map<string, { readonly contentType: string; readonly bytes: Buffer }>()
  readonly interactions = new Map<string, InteractionState>()
  /** Registered guild commands per guild id ("global" for global commands). */
  readonly commands = new Map<string, Array<APIApplicationCommand>>()
  readonly scheduledEvents = new Map<string, Array<APIGuildScheduledEvent>>()

  constructor(
    guildSpecs: ReadonlyArray<GuildSpec>,
    readonly baseUrl: () => string,
    botName = "Dugnad"
  ) {
    this.applicationId = this.ids.next()
    this.bot = makeUser(this.applicationId, botName, { bot: true })
    for (const spec of guildSpecs) this.guilds.push(new FakeGuild(this.ids, spec, this.users, this.bot, () => undefined))
  }

  guild(id: string): FakeGuild | undefined {
    return this.guilds.find((g) => g.id === id)
  }

  userById(id: string): APIUser | undefined {
    if (id === this.bot.id) return this.bot
    for (const u of this.users.values()) if (u.api.id === id) return u.api
    return undefined
  }

  /** Any channel: guild channel, thread or DM. */
  channel(id: string): APIChannel | undefined {
    for (const g of this.guilds) {
      const c = g.channels.get(id)
      if (c !== undefined) return c
    }
    return this.dms.get(id)
  }

  guildOfChannel(id: string): FakeGuild | undefined {
    return this.guilds.find((g) => g.channels.has(id))
  }

  findMessage(id: string): APIMessage | undefined {
    for (const list of this.messages.values()) {
      const m = list.find((x) => x.id === id)
      if (m !== undefined) return m
    }
    return undefined
  }

  openDm(recipient: APIUser): APIDMChannel {
    for (const dm of this.dms.values()) if (dm.recipients?.[0]?.id === recipient.id) return dm
    const dm: APIDMChannel = {
      id: this.ids.next(),
      type: ChannelType.DM,
      last_message_id: null,
      flags: 0 as ChannelFlags,
      recipients: [recipient],
      name: null
    }
    this.dms.set(dm.id, dm)
    return dm
  }

  makeThread(
    parentId: string,
    body: Record<string, unknown>,
    id = this.ids.next()
  ): APIThreadChannel {
    const guild = this.guildOfChannel(parentId)
    if (guild === undefined) throw new Error(`no guild channel ${parentId}`)
    const type = body["type"] === ChannelType.PrivateThread ? ChannelType.PrivateThread : ChannelType.PublicThread
    const now = new Date().toISOString()
    const thread = {
      id,
      type,
      guild_id: guild.id,
      parent_id: parentId,
      owner_id: this.bot.id,
      name: String(body["name"] ?? "thread"),
      last_message_id: null,
      last_pin_timestamp: null,
      rate_limit_per_user: Number(body["rate_limit_per_user"] ?? 0),
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      flags: 0 as ChannelFlags,
      applied_tags: [],
      nsfw: false,
      thread_metadata: {
        archived: false,
        auto_archive_duration: Number(body["auto_archive_duration"] ?? 4320) as 60 | 1440 | 4320 | 10080,
        archive_timestamp: now,
        locked: false,
        create_timestamp: now,
        ...(type === ChannelType.PrivateThread ? { invitable: body["invitable"] !== false } : {})
      },
      member: { id, user_id: this.bot.id, join_timestamp: now, flags: 0 }
    } as unknown as APIThreadChannel
    guild.channels.set(thread.id, thread)
    return thread
  }

  /** Turns received files + the body's `attachments` into Discord attachment objects (and keeps the bytes). */
  attachmentsFor(channelId: string, body: Record<string, unknown>, files: ReadonlyArray<ReceivedFile>): Array<APIAttachment> {
    const described = Array.isArray(body["attachments"]) ? (body["attachments"] as Array<Record<string, unknown>>) : []
    return files.map((file, index) => {
      const indexFromField = /\[(\d+)\]/.exec(file.field)?.[1]
      const n = indexFromField === undefined ? index : Number(indexFromField)
      const description = described.find((a) => String(a["id"]) === String(n))
      const id = this.ids.next()
      const filename = String(description?.["filename"] ?? file.filename)
      const url = `${this.baseUrl()}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`
      this.attachments.set(`${channelId}/${id}/${filename}`, { contentType: file.contentType, bytes: file.bytes })
      return {
        id,
        filename,
        size: file.bytes.length,
        url,
        proxy_url: url,
        content_type: file.contentType,
        ...(typeof description?.["description"] === "string" ? { description: description["description"] } : {})
      }
    })
  }

  /** Creates and stores a message as the bot (or `author`) in a channel. */
  createMessage(
    channelId: string,
    body: Record<string, unknown>,
    files: ReadonlyArray<ReceivedFile>,
    extra: { readonly webhook_id?: string; readonly application_id?: string } = {}
  ): APIMessage {
    const channel = this.channel(channelId)
    const guild = this.guildOfChannel(channelId)
    const id = this.ids.next()
    const reference = body["message_reference"] as APIMessage["message_reference"] | undefined
    const message: APIMessage = {
      id,
      channel_id: channelId,
      author: this.bot,
      content: typeof body["content"] === "string" ? body["content"] : "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: body["tts"] === true,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: this.attachmentsFor(channelId, body, files),
      embeds: Array.isArray(body["embeds"]) ? (body["embeds"] as APIMessage["embeds"]) : [],
      pinned: false,
      type: reference === undefined ? MessageType.Default : MessageType.Reply,
      flags: Number(body["flags"] ?? 0) as MessageFlags,
      components: Array.isArray(body["components"]) ? (body["components"] as NonNullable<APIMessage["components"]>) : [],
      ...(body["nonce"] !== undefined ? { nonce: body["nonce"] as string } : {}),
      ...(reference !== undefined ? { message_reference: reference } : {}),
      ...extra
    }
    if (guild !== undefined) (message as { guild_id?: string }).guild_id = guild.id
    if (channel !== undefined && "last_message_id" in channel) (channel as { last_message_id: string | null }).last_message_id = id
    if (channel !== undefined && (channel.type === ChannelType.PublicThread || channel.type === ChannelType.PrivateThread)) {
      const t = channel as { message_count?: number; total_message_sent?: number }
      t.message_count = (t.message_count ?? 0) + 1
      t.total_message_sent = (t.total_message_sent ?? 0) + 1
    }
    const list = this.messages.get(channelId) ?? []
    list.push(message)
    this.messages.set(channelId, list)
    return message
  }

  /** Applies an edit body (content, embeds, components, flags, attachments, files) to a stored message. */
  editMessage(message: APIMessage, body: Record<string, unknown>, files: ReadonlyArray<ReceivedFile>): APIMessage {
    const m = message as { -readonly [K in keyof APIMessage]: APIMessage[K] }
    if (typeof body["content"] === "string" || body["content"] === null) m.content = (body["content"] as string | null) ?? ""
    if (Array.isArray(body["embeds"])) m.embeds = body["embeds"] as APIMessage["embeds"]
    if (Array.isArray(body["components"])) m.components = body["components"] as NonNullable<APIMessage["components"]>
    if (body["flags"] !== undefined && body["flags"] !== null) {
      m.flags = ((Number(body["flags"]) | ((m.flags ?? 0) & MessageFlags.Ephemeral)) & ~MessageFlags.Loading) as MessageFlags
    } else if (m.flags !== undefined) {
      m.flags = (m.flags & ~MessageFlags.Loading) as MessageFlags
    }
    if (Array.isArray(body["attachments"])) {
      const keep = (body["attachments"] as Array<Record<string, unknown>>).map((a) => String(a["id"]))
      const kept = m.attachments.filter((a) => keep.includes(a.id))
      m.attachments = [...kept, ...this.attachmentsFor(m.channel_id, body, files)]
    } else if (files.length > 0) {
      m.attachments = [...m.attachments, ...this.attachmentsFor(m.channel_id, body, files)]
    }
    m.edited_timestamp = new Date().toISOString()
    return message
  }
}

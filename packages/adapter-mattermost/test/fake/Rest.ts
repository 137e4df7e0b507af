/**
 * The fake REST API under /api/v4: the routes a Mattermost bot integration calls, with Mattermost's
 * auth rule (`Authorization: Bearer <token>`, scheme case-insensitive), its error bodies, switchable
 * failures, pending_post_id de-duplication, trigger ids valid once for a few seconds, `posted` /
 * `post_edited` events on the WebSocket, and a record of every request.
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import type { MmPost } from "./Fixtures.js"
import {
  badRequest,
  forbidden,
  MattermostError,
  notFound,
  parseBody,
  readBody,
  send,
  unauthorized,
  type ReceivedFile,
  type RecordedRequest
} from "./Http.js"
import { ID, SEG } from "./Ids.js"
import type { FakeWebSocket } from "./WebSocket.js"
import { stripActionIntegrations, type World } from "./World.js"

/** Make the next `times` requests matching `method` + `path` fail with `status`. */
export interface FailRule {
  readonly method: string
  /** The path after /api/v4 (exact string) or a RegExp tested against it. */
  readonly path: string | RegExp
  readonly status: number
  /** Default 1. */
  readonly times?: number
  /** The error body's id and message (defaults per status). */
  readonly id?: string
  readonly message?: string
}

interface ActiveRule {
  readonly rule: FailRule
  left: number
}

export interface RestOptions {
  /** Trigger ids expire after this (Mattermost: 3000 ms). */
  readonly triggerLifetimeMs: number
  /** Whether the bot holds `create_post_ephemeral` (Mattermost gives it to system admins only). */
  readonly ephemeralPostsAllowed: boolean
}

type Handler = (ctx: Ctx) => Promise<[number, unknown]> | [number, unknown]

interface Ctx {
  readonly userId: string
  readonly params: ReadonlyArray<string>
  readonly query: URLSearchParams
  /** The body when it is a JSON object or form (else {}). */
  readonly body: Record<string, unknown>
  readonly rawBody: unknown
  readonly files: ReadonlyArray<ReceivedFile>
}

interface Route {
  readonly method: string
  readonly pattern: RegExp
  readonly handler: Handler
}

const MAX_MESSAGE_RUNES = 16383

const defaultFailure = (status: number): { id: string; message: string } => {
  if (status === 500) return { id: "app.post.save.app_error", message: "Unable to save the Post." }
  if (status === 429) return { id: "api.context.rate_limited", message: "Too many requests." }
  if (status === 503) return { id: "api.context.server_busy.app_error", message: "Server is busy." }
  return { id: "fake.injected_failure", message: `Injected failure (${status}).` }
}

export class FakeRest {
  readonly requests: Array<RecordedRequest> = []
  readonly #rules: Array<ActiveRule> = []
  readonly #routes: Array<Route> = []

  constructor(
    readonly world: World,
    readonly ws: FakeWebSocket,
    readonly options: RestOptions
  ) {
    const w = world
    const r = (method: string, path: string, handler: Handler) =>
      this.#routes.push({ method, pattern: new RegExp(`^${path}$`), handler })
    const userNotFound = () => notFound("app.user.missing_account.const", "Unable to find the user.")

    // Users
    r("GET", "/users/me", ({ userId }) => [200, w.users.get(userId)])
    r("GET", `/users/username/${SEG}`, ({ params }) => {
      const user = w.findUserByName(params[0]!)
      if (user === undefined) throw userNotFound()
      return [200, user]
    })
    r("POST", "/users/ids", ({ rawBody }) => {
      if (!Array.isArray(rawBody)) throw badRequest("api.context.invalid_body_param.app_error", "Invalid or missing user_ids in request body.")
      return [200, rawBody.flatMap((id) => (typeof id === "string" && w.users.has(id) ? [w.users.get(id)] : []))]
    })
    r("POST", "/users/usernames", ({ rawBody }) => {
      if (!Array.isArray(rawBody)) throw badRequest("api.context.invalid_body_param.app_error", "Invalid or missing usernames in request body.")
      return [200, rawBody.flatMap((n) => { const u = typeof n === "string" ? w.findUserByName(n) : undefined; return u === undefined ? [] : [u] })]
    })
    r("GET", `/users/${ID}`, ({ params }) => {
      const user = w.users.get(params[0]!)
      if (user === undefined) throw userNotFound()
      return [200, user]
    })
    // Group-based roles: custom user groups (source "custom").
    r("GET", `/users/${ID}/groups`, ({ params }) => {
      if (!w.users.has(params[0]!)) throw userNotFound()
      return [200, w.groupsOf(params[0]!)]
    })
    r("GET", "/groups", ({ query }) => {
      const q = (query.get("q") ?? "").toLowerCase()
      const source = query.get("group_source")
      return [200, [...w.groups.values()].filter((g) =>
        (q === "" || g.name.includes(q) || g.display_name.toLowerCase().includes(q)) && (source === null || g.source === source)
      )]
    })
    r("GET", `/groups/${ID}`, ({ params }) => {
      const group = w.groups.get(params[0]!)
      if (group === undefined) throw notFound("app.group.no_rows", "No matching group found.")
      return [200, group]
    })
    r("GET", `/groups/${ID}/members`, ({ params }) => {
      const members = w.groupMembers.get(params[0]!)
      if (members === undefined) throw notFound("app.group.no_rows", "No matching group found.")
      return [200, { members: [...members].map((id) => w.users.get(id)), total_member_count: members.size }]
    })

    // Teams
    const team = (id: string) => {
      if (id !== w.team.id) throw notFound("app.team.get.find.app_error", "Unable to find the existing team.")
      return w.team
    }
    r("GET", `/teams/name/${SEG}`, ({ params }) => {
      if (params[0] !== w.team.name) throw notFound("app.team.get_by_name.missing.app_error", "Unable to find the existing team.")
      return [200, w.team]
    })
    r("GET", `/teams/${ID}`, ({ params }) => [200, team(params[0]!)])
    r("GET", `/teams/${ID}/members/${ID}`, ({ params }) => {
      team(params[0]!)
      const member = w.teamMembers.get(params[1]!)
      if (member === undefined) throw notFound("app.team.get_member.missing.app_error", "No team member found for that user ID and team ID.")
      return [200, member]
    })
    r("GET", `/users/${ID}/teams/members`, ({ params }) => {
      const member = w.teamMembers.get(params[0]!)
      return [200, member === undefined ? [] : [member]]
    })

    // Channels
    const channelNotFound = () => notFound("app.channel.get.existing.app_error", "Unable to find the existing channel.")
    const channel = (id: string) => {
      const c = w.channels.get(id)
      if (c === undefined || c.delete_at !== 0) throw channelNotFound()
      return c
    }
    r("GET", `/teams/${ID}/channels/name/${SEG}`, ({ params }) => {
      team(params[0]!)
      const name = decodeURIComponent(params[1]!)
      const c = [...w.channels.values()].find((x) => x.team_id === params[0] && x.name === name)
      if (c === undefined) throw notFound("app.channel.get_by_name.missing.app_error", "Channel does not exist.")
      return [200, c]
    })
    r("GET", `/channels/${ID}`, ({ params }) => [200, channel(params[0]!)])
    r("POST", "/channels/direct", ({ rawBody, userId }) => {
      if (!Array.isArray(rawBody) || rawBody.length !== 2 || !rawBody.every((x) => typeof x === "string")) {
        throw badRequest("api.context.invalid_body_param.app_error", "Invalid or missing user_ids in request body.")
      }
      const [a, b] = rawBody as [string, string]
      if (!w.users.has(a) || !w.users.has(b)) throw badRequest("api.channel.create_direct_channel.invalid_user.app_error", "Invalid user ID for direct channel creation.")
      if (a !== userId && b !== userId) throw forbidden()
      return [201, w.directChannel(a, b)]
    })

    // Posts
    const postNotFound = () => notFound("app.post.get.app_error", "Unable to get the post.")
    const post = (id: string): MmPost => {
      const p = w.posts.get(id)
      if (p === undefined || p.delete_at !== 0) throw postNotFound()
      return p
    }
    r("POST", "/posts", ({ body, userId }) => {
      const channelId = typeof body["channel_id"] === "string" ? body["channel_id"] : ""
      if (channelId === "") throw badRequest("api.context.invalid_body_param.app_error", "Invalid or missing channel_id in request body.")
      if (!w.channels.has(channelId)) throw forbidden()
      const pending = typeof body["pending_post_id"] === "string" ? body["pending_post_id"] : ""
      if (pending !== "") {
        const first = w.pendingPost(pending)
        if (first !== undefined) return [201, stripActionIntegrations(first)]
      }
      const rootId = typeof body["root_id"] === "string" ? body["root_id"] : ""
      if (rootId !== "") {
        const root = w.posts.get(rootId)
        if (root === undefined || root.channel_id !== channelId || root.root_id !== "" || root.delete_at !== 0) {
          throw badRequest("api.post.create_post.root_id.app_error", "Invalid RootId parameter.")
        }
      }
      const message = typeof body["message"] === "string" ? body["message"] : ""
      if ([...message].length > MAX_MESSAGE_RUNES) {
        throw badRequest("model.post.is_valid.message_length.app_error", "Post Message property is longer than the maximum permitted length.")
      }
      const created = w.createPost(userId, channelId, body)
      this.#broadcastPosted(created)
      return [201, stripActionIntegrations(created)]
    })
    r("POST", "/posts/ephemeral", ({ body }) => {
      if (!this.options.ephemeralPostsAllowed) {
        throw forbidden()
      }
      const target = typeof body["user_id"] === "string" ? body["user_id"] : ""
      const p = (body["post"] ?? {}) as Record<string, unknown>
      const channelId = typeof p["channel_id"] === "string" ? p["channel_id"] : ""
      if (!w.users.has(target) || !w.channels.has(channelId)) throw badRequest("api.context.invalid_body_param.app_error", "Invalid user_id or post.channel_id.")
      const props = (p["props"] ?? {}) as Record<string, unknown>
      const message = typeof p["message"] === "string" ? p["message"] : ""
      w.ephemerals.push({ userId: target, channelId, message, props, via: "rest", at: Date.now() })
      return [201, { id: "", channel_id: channelId, user_id: w.bot.id, message, props, type: "system_ephemeral", create_at: Date.now() }]
    })
    r("GET", `/posts/${ID}`, ({ params }) => [200, stripActionIntegrations(post(params[0]!))])
    r("GET", `/posts/${ID}/thread`, ({ params }) => {
      const p = post(params[0]!)
      const rootId = p.root_id === "" ? p.id : p.root_id
      return [200, w.postList([...w.posts.values()].filter((x) => x.delete_at === 0 && (x.id === rootId || x.root_id === rootId)))]
    })
    const edit = (params: ReadonlyArray<string>, userId: string): MmPost => {
      const p = post(params[0]!)
      const user = w.users.get(userId)
      if (p.user_id !== userId && user?.roles.includes("system_admin") !== true) throw forbidden()
      return p
    }
    r("PUT", `/posts/${ID}`, ({ params, body, userId }) => {
      if (body["id"] !== params[0]) throw badRequest("api.context.invalid_body_param.app_error", "Invalid or missing id in request body.")
      const updated = w.updatePost(edit(params, userId), body)
      this.#broadcastEdited(updated)
      return [200, stripActionIntegrations(updated)]
    })
    r("PUT", `/posts/${ID}/patch`, ({ params, body, userId }) => {
      const updated = w.patchPost(edit(params, userId), body)
      this.#broadcastEdited(updated)
      return [200, stripActionIntegrations(updated)]
    })
    r("DELETE", `/posts/${ID}`, ({ params, userId }) => {
      const p = edit(params, userId)
      p.delete_at = Date.now()
      this.ws.emit("post_deleted", { post: JSON.stringify(stripActionIntegrations(p)) }, { channel_id: p.channel_id })
      return [200, { status: "OK" }]
    })
    r("GET", `/channels/${ID}/posts`, ({ params, query }) => {
      channel(params[0]!)
      const page = Number(query.get("page") ?? 0)
      const perPage = Number(query.get("per_page") ?? 60)
      const since = Number(query.get("since") ?? 0)
      let posts = w.postsIn(params[0]!)
      if (since > 0) posts = posts.filter((p) => p.update_at > since)
      const newestFirst = [...posts].reverse().slice(page * perPage, (page + 1) * perPage)
      return [200, w.postList(newestFirst.reverse())]
    })

    // Files
    r("POST", "/files", ({ body, query, files, userId }) => {
      const channelId = typeof body["channel_id"] === "string" ? body["channel_id"] : (query.get("channel_id") ?? "")
      if (channelId === "") throw badRequest("api.file.upload_file.storage.app_error", "Missing channel_id.")
      if (!w.channels.has(channelId)) throw forbidden()
      const uploads = files.filter((f) => f.field === "files")
      if (uploads.length === 0) throw badRequest("api.file.upload_file.multipart.app_error", "No files in the request.")
      const infos = uploads.map((f) => w.addFile(userId, channelId, f))
      const clientIds = typeof body["client_ids"] === "string" ? [body["client_ids"]] : []
      return [201, { file_infos: infos, client_ids: clientIds }]
    })
    r("GET", `/files/${ID}/info`, ({ params }) => {
      const file = w.files.get(params[0]!)
      if (file === undefined) throw notFound("app.file_info.get.app_error", "Unable to get the file info.")
      return [200, file.info]
    })

    // Dialogs
    r("POST", "/actions/dialogs/open", ({ body }) => {
      const triggerId = typeof body["trigger_id"] === "string" ? body["trigger_id"] : ""
      const trigger = w.triggers.get(triggerId)
      if (trigger === undefined) {
        throw badRequest("interactive_message.decode_trigger_id.signature_decode_failed", "Failed to decode trigger ID for interactive dialog.")
      }
      if (Date.now() - trigger.issuedAt > this.options.triggerLifetimeMs) {
        throw badRequest(
          "interactive_message.decode_trigger_id.expired",
          `Trigger ID for interactive dialog is expired. Trigger IDs live for a maximum of ${Math.round(this.options.triggerLifetimeMs / 1000)}s.`
        )
      }
      if (trigger.usedAt !== undefined) {
        throw badRequest("interactive_message.decode_trigger_id.expired", "Trigger ID for interactive dialog has already been used (the fake allows one use).")
      }
      const url = typeof body["url"] === "string" ? body["url"] : ""
      const dialog = body["dialog"]
      if (url === "" || typeof dialog !== "object" || dialog === null || typeof (dialog as Record<string, unknown>)["title"] !== "string") {
        throw badRequest("api.context.invalid_body_param.app_error", "Invalid or missing dialog in request body (url and dialog.title are required).")
      }
      trigger.usedAt = Date.now()
      w.dialogs.push({
        triggerId,
        url,
        dialog: dialog as Record<string, unknown>,
        userId: trigger.userId,
        channelId: trigger.channelId,
        teamId: trigger.teamId,
        at: Date.now()
      })
      return [200, { status: "OK" }]
    })
  }

  /** Makes the next `rule.times` requests matching the rule answer `rule.status`. */
  failNext(rule: FailRule): void {
    this.#rules.push({ rule, left: rule.times ?? 1 })
  }

  #broadcastPosted(post: MmPost): void {
    const w = this.world
    const channel = w.channels.get(post.channel_id)
    const sender = w.users.get(post.user_id)
    this.ws.emit("posted", {
      channel_display_name: channel?.display_name ?? "",
      channel_name: channel?.name ?? "",
      channel_type: channel?.type ?? "O",
      post: JSON.stringify(stripActionIntegrations(post)),
      sender_name: `@${sender?.username ?? ""}`,
      set_online: true,
      team_id: channel?.team_id ?? ""
    }, { channel_id: post.channel_id })
  }

  #broadcastEdited(post: MmPost): void {
    this.ws.emit("post_edited", { post: JSON.stringify(stripActionIntegrations(post)) }, { channel_id: post.channel_id })
  }

  /** Emits `posted` for a post the fake created itself (userPosts, command responses). */
  announce(post: MmPost): void {
    this.#broadcastPosted(post)
  }

  /** Emits `post_edited` for a post the fake changed itself (action `update`). */
  announceEdit(post: MmPost): void {
    this.#broadcastEdited(post)
  }

  /** Handles a request whose path starts with /api/v4. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    const method = (req.method ?? "GET").toUpperCase()
    const path = url.pathname.slice("/api/v4".length) || "/"
    const raw = await readBody(req)
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(", ") : (v ?? "")]))
    let parsed: Awaited<ReturnType<typeof parseBody>>
    try {
      parsed = await parseBody(req.headers["content-type"], raw)
    } catch {
      parsed = { body: raw.toString("utf8"), kind: "other", files: [] }
    }
    const record: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: parsed.body,
      bodyKind: parsed.kind,
      files: parsed.files,
      at: Date.now()
    }
    this.requests.push(record)
    const answer = (status: number, body: unknown) => {
      record.status = status
      record.response = body
      send(res, status, body instanceof MattermostError ? body.toJSON() : body)
    }

    const token = /^bearer\s+(.+)$/i.exec(headers["authorization"] ?? "")?.[1]?.trim()
    const userId = token === undefined ? undefined : this.world.tokens.get(token)
    if (userId === undefined) return answer(401, unauthorized())
    record.userId = userId

    const active = this.#rules.find((a) => a.left > 0 && a.rule.method.toUpperCase() === method &&
      (typeof a.rule.path === "string" ? a.rule.path === path : a.rule.path.test(path)))
    if (active !== undefined) {
      active.left -= 1
      record.injected = true
      const d = defaultFailure(active.rule.status)
      return answer(active.rule.status, new MattermostError(active.rule.status, active.rule.id ?? d.id, active.rule.message ?? d.message))
    }

    if (method === "GET" && /^\/files\/[a-z0-9]{26}$/.test(path)) {
      const file = this.world.files.get(path.slice("/files/".length))
      record.status = file === undefined ? 404 : 200
      if (file === undefined) return answer(404, notFound("app.file_info.get.app_error", "Unable to get the file info."))
      res.writeHead(200, { "Content-Type": file.info.mime_type, "Content-Length": file.bytes.length })
      res.end(file.bytes)
      return
    }

    for (const route of this.#routes) {
      if (route.method !== method) continue
      const m = route.pattern.exec(path)
      if (m === null) continue
      const isObject = typeof parsed.body === "object" && parsed.body !== null && !Array.isArray(parsed.body)
      try {
        const [status, body] = await route.handler({
          userId,
          params: m.slice(1),
          query: url.searchParams,
          body: isObject ? (parsed.body as Record<string, unknown>) : {},
          rawBody: parsed.body,
          files: parsed.files
        })
        return answer(status, body)
      } catch (error) {
        if (error instanceof MattermostError) return answer(error.status, error)
        throw error
      }
    }
    return answer(404, notFound("api.context.404.app_error", `Sorry, we could not find the page (fake: no route ${method} ${path}).`))
  }
}

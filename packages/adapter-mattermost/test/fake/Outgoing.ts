/**
 * Mattermost's OUTGOING calls, played into an integration's HTTP endpoint: slash commands (form POST
 * with `Authorization: Token`), interactive button presses (JSON to the action's integration URL with
 * its context), dialog submissions, and the `response_url` hook that records later replies. The
 * integration's answers are applied as Mattermost applies them: `in_channel` command responses become
 * posts, ephemeral ones and `ephemeral_text` become ephemeral records, an action's `update` edits the
 * post.
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import type { MmAction, MmPost } from "./Fixtures.js"
import { parseBody, readBody } from "./Http.js"
import { newId } from "./Ids.js"
import type { FakeRest } from "./Rest.js"
import type { OpenedDialog, World } from "./World.js"

/** The integration's answer to one outgoing call. */
export interface OutgoingResult {
  readonly status: number
  /** The response Content-Type (as sent). */
  readonly contentType: string
  /** The JSON body when the Content-Type is application/json (and parses), else undefined. */
  readonly json: unknown
  readonly text: string
  /** How long the integration took (ms). */
  readonly ms: number
  /** The request the fake sent: headers (lower case) and body (form fields or JSON). */
  readonly request: { readonly url: string; readonly headers: Readonly<Record<string, string>>; readonly body: unknown }
}

export interface SlashCommandSpec {
  /** The integration's command URL. */
  readonly url: string
  /** The command's token (default: the fake's commandToken). Sent as `token` and `Authorization: Token <token>`. */
  readonly token?: string
  /** Username or id of the invoking user. */
  readonly user: string
  /** Channel name (team channel) or id. Default "content". */
  readonly channel?: string
  /** The trigger word with its slash. Default "/dugnad". */
  readonly command?: string
  /** What follows the command, e.g. "idea submit Ski wax". */
  readonly text?: string
  /** The thread root when issued in a thread. Default "". */
  readonly rootId?: string
  /** Extra form fields (override any of the above). */
  readonly extra?: Readonly<Record<string, string>>
  readonly timeoutMs?: number
}

export interface SlashCommandResult extends OutgoingResult {
  readonly triggerId: string
  readonly responseUrl: string
  /** Later POSTs to response_url for this command (live array). */
  readonly responseUrlReplies: ReadonlyArray<ResponseUrlReply>
}

export interface ResponseUrlReply {
  readonly hookId: string
  readonly body: unknown
  readonly contentType: string
  readonly at: number
}

export interface ClickButtonSpec {
  /** The post (id or object) holding the button. */
  readonly post: string | MmPost
  /** The action's id (or, failing that, its name). */
  readonly action: string
  /** Username or id of the clicking user. */
  readonly user: string
  /** Overrides the stored integration URL. */
  readonly url?: string
  /** For a select: the chosen option's value (put into context.selected_option). */
  readonly selectedOption?: string
  readonly timeoutMs?: number
}

export interface ClickButtonResult extends OutgoingResult {
  /** False when Mattermost would not call the integration (non-alphanumeric action id → 404 on /posts/{id}/actions/{action_id}). */
  readonly delivered: boolean
  readonly triggerId: string
}

export interface SubmitDialogSpec {
  /** Username or id of the submitting user (default: the user the dialog opened for). */
  readonly user?: string
  /** The opened dialog (default: the newest one). Supplies url, callback_id, state, channel, team. */
  readonly dialog?: OpenedDialog
  readonly url?: string
  readonly callbackId?: string
  readonly state?: string
  readonly channel?: string
  /** element name → value. */
  readonly submission?: Readonly<Record<string, string | number | boolean | null>>
  readonly cancelled?: boolean
  readonly timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 10_000

const call = async (url: string, headers: Record<string, string>, body: string, sentBody: unknown, timeoutMs: number): Promise<OutgoingResult> => {
  const started = Date.now()
  const response = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(timeoutMs) })
  const text = await response.text()
  const contentType = response.headers.get("content-type") ?? ""
  let json: unknown
  if (contentType.toLowerCase().startsWith("application/json") && text !== "") {
    try {
      json = JSON.parse(text) as unknown
    } catch {
      json = undefined
    }
  }
  return {
    status: response.status,
    contentType,
    json,
    text,
    ms: Date.now() - started,
    request: { url, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])), body: sentBody }
  }
}

export class Outgoing {
  readonly responseUrlReplies: Array<ResponseUrlReply> = []
  readonly #hooks = new Map<string, { userId: string; channelId: string; rootId: string; replies: Array<ResponseUrlReply> }>()

  constructor(
    readonly world: World,
    readonly rest: FakeRest,
    readonly baseUrl: () => string,
    readonly commandToken: string
  ) {}

  async slashCommand(spec: SlashCommandSpec): Promise<SlashCommandResult> {
    const w = this.world
    const user = w.user(spec.user)
    const channel = w.channel(spec.channel ?? "content")
    const trigger = w.issueTrigger(user.id, channel.id)
    const hookId = newId()
    const replies: Array<ResponseUrlReply> = []
    const rootId = spec.rootId ?? ""
    this.#hooks.set(hookId, { userId: user.id, channelId: channel.id, rootId, replies })
    const responseUrl = `${this.baseUrl()}/hooks/commands/${hookId}`
    const token = spec.token ?? this.commandToken
    const fields: Record<string, string> = {
      channel_id: channel.id,
      channel_name: channel.name,
      command: spec.command ?? "/dugnad",
      response_url: responseUrl,
      root_id: rootId,
      team_domain: w.team.name,
      team_id: w.team.id,
      text: spec.text ?? "",
      token,
      trigger_id: trigger.id,
      user_id: user.id,
      user_name: user.username,
      ...spec.extra
    }
    const result = await call(spec.url, {
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
      Authorization: `Token ${token}`,
      "User-Agent": "Mattermost-Bot/1.1"
    }, new URLSearchParams(fields).toString(), fields, spec.timeoutMs ?? DEFAULT_TIMEOUT_MS)
    if (result.status === 200) {
      if (result.json !== undefined) this.#applyCommandResponse(result.json, user.id, channel.id, rootId, "command")
      else if (result.text.trim() !== "") w.ephemerals.push({ userId: user.id, channelId: channel.id, message: result.text, props: {}, via: "command", at: Date.now() })
    }
    return { ...result, triggerId: trigger.id, responseUrl, responseUrlReplies: replies }
  }

  /** `{response_type, text, attachments, props, ...}` → an in-channel post (as the invoking user) or an ephemeral. */
  #applyCommandResponse(body: unknown, userId: string, channelId: string, rootId: string, via: "command" | "response_url"): void {
    if (typeof body !== "object" || body === null) return
    const b = body as Record<string, unknown>
    const text = typeof b["text"] === "string" ? b["text"] : ""
    const props = { ...(typeof b["props"] === "object" && b["props"] !== null ? (b["props"] as Record<string, unknown>) : {}) }
    if (Array.isArray(b["attachments"])) props["attachments"] = b["attachments"]
    if (text === "" && props["attachments"] === undefined) return
    if (b["response_type"] === "in_channel") {
      const post = this.world.createPost(userId, channelId, { message: text, props: { ...props, from_webhook: "true" }, root_id: rootId })
      this.rest.announce(post)
    } else {
      this.world.ephemerals.push({ userId, channelId, message: text, props, via, at: Date.now() })
    }
  }

  async clickButton(spec: ClickButtonSpec): Promise<ClickButtonResult> {
    const w = this.world
    const post = typeof spec.post === "string" ? w.post(spec.post) : w.post(spec.post.id)
    if (post === undefined) throw new Error(`FakeMattermost.clickButton: no post ${typeof spec.post === "string" ? spec.post : spec.post.id}`)
    const actions = ((post.props["attachments"] ?? []) as Array<{ actions?: Array<MmAction> }>).flatMap((a) => a.actions ?? [])
    const action = actions.find((a) => a.id === spec.action) ?? actions.find((a) => a.name === spec.action)
    if (action === undefined) throw new Error(`FakeMattermost.clickButton: post ${post.id} has no action ${spec.action} (has ${actions.map((a) => a.id).join(", ")})`)
    const user = w.user(spec.user)
    const channel = w.channel(post.channel_id)
    const trigger = w.issueTrigger(user.id, channel.id)
    const actionId = action.id ?? ""
    const url = spec.url ?? action.integration?.url ?? ""
    if (!/^[A-Za-z0-9]+$/.test(actionId) || url === "") {
      // The webapp calls POST /api/v4/posts/{post_id}/actions/{action_id:[A-Za-z0-9]+}: any other id is a 404 there.
      return {
        delivered: false,
        triggerId: trigger.id,
        status: 404,
        contentType: "",
        json: undefined,
        text: url === "" ? "action has no integration url" : `action id ${actionId} is not alphanumeric: Mattermost answers 404`,
        ms: 0,
        request: { url, headers: {}, body: undefined }
      }
    }
    const context = { ...(action.integration?.context ?? {}), ...(spec.selectedOption === undefined ? {} : { selected_option: spec.selectedOption }) }
    const body = {
      user_id: user.id,
      user_name: user.username,
      channel_id: channel.id,
      channel_name: channel.name,
      team_id: channel.team_id || w.team.id,
      team_domain: w.team.name,
      post_id: post.id,
      trigger_id: trigger.id,
      type: action.type ?? "button",
      data_source: action.data_source ?? "",
      context
    }
    const result = await call(url, { "Content-Type": "application/json", Accept: "application/json" }, JSON.stringify(body), body, spec.timeoutMs ?? DEFAULT_TIMEOUT_MS)
    if (result.status === 200 && typeof result.json === "object" && result.json !== null) {
      const answer = result.json as Record<string, unknown>
      const update = answer["update"]
      if (typeof update === "object" && update !== null) {
        const u = update as Record<string, unknown>
        const props = typeof u["props"] === "object" && u["props"] !== null ? (u["props"] as Record<string, unknown>) : post.props
        const edited = w.patchPost(post, { message: typeof u["message"] === "string" ? u["message"] : post.message, props: { ...props, from_webhook: "true" } })
        this.rest.announceEdit(edited)
      }
      if (typeof answer["ephemeral_text"] === "string" && answer["ephemeral_text"] !== "") {
        w.ephemerals.push({ userId: user.id, channelId: channel.id, message: answer["ephemeral_text"], props: {}, via: "action", at: Date.now() })
      }
    }
    return { ...result, delivered: true, triggerId: trigger.id }
  }

  async submitDialog(spec: SubmitDialogSpec): Promise<OutgoingResult> {
    const w = this.world
    const dialog = spec.dialog ?? w.dialogs[w.dialogs.length - 1]
    const url = spec.url ?? dialog?.url
    if (url === undefined) throw new Error("FakeMattermost.submitDialog: no dialog was opened and no url given")
    const user = spec.user === undefined ? w.users.get(dialog?.userId ?? "") : w.user(spec.user)
    if (user === undefined) throw new Error("FakeMattermost.submitDialog: no user")
    const channel = spec.channel === undefined ? w.channels.get(dialog?.channelId ?? "") : w.channel(spec.channel)
    const d = dialog?.dialog ?? {}
    const body = {
      type: "dialog_submission",
      callback_id: spec.callbackId ?? (typeof d["callback_id"] === "string" ? d["callback_id"] : ""),
      state: spec.state ?? (typeof d["state"] === "string" ? d["state"] : ""),
      user_id: user.id,
      channel_id: channel?.id ?? "",
      team_id: dialog?.teamId ?? w.team.id,
      submission: spec.cancelled === true ? {} : (spec.submission ?? {}),
      cancelled: spec.cancelled === true
    }
    return call(url, { "Content-Type": "application/json", Accept: "application/json" }, JSON.stringify(body), body, spec.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  }

  /** POST /hooks/commands/{id}: a later reply to a slash command's response_url. Unauthenticated, as on Mattermost. */
  async handleHook(req: IncomingMessage, res: ServerResponse, hookId: string): Promise<void> {
    const hook = this.#hooks.get(hookId)
    const raw = await readBody(req)
    if (req.method !== "POST" || hook === undefined) {
      res.writeHead(404, { "Content-Type": "application/json" })
      res.end(JSON.stringify({ id: "web.command_webhook.invalid.app_error", message: "Invalid webhook.", status_code: 404 }))
      return
    }
    const contentType = req.headers["content-type"] ?? ""
    let body: unknown
    try {
      body = (await parseBody(contentType, raw)).body
    } catch {
      res.writeHead(400, { "Content-Type": "application/json" })
      res.end(JSON.stringify({ id: "web.command_webhook.parse.app_error", message: "Unable to parse incoming data.", status_code: 400 }))
      return
    }
    const reply: ResponseUrlReply = { hookId, body, contentType, at: Date.now() }
    hook.replies.push(reply)
    this.responseUrlReplies.push(reply)
    this.#applyCommandResponse(body, hook.userId, hook.channelId, hook.rootId, "response_url")
    res.writeHead(200, { "Content-Type": "text/plain" })
    res.end("ok")
  }
}

/**
 * The HTTP endpoints Mattermost calls: the `/dugnad` slash command, button clicks and dialog
 * submissions. A `node:http` request listener ({@link makeListener}) or a server ({@link make}).
 *
 * | request | reply |
 * | --- | --- |
 * | another path | 404 |
 * | a route, not `POST` | 405 (`Allow: POST`) |
 * | body over `maxBodyBytes` (default 1 MiB) | 413, connection closed |
 * | `POST /slash` without the command token (`token` field and/or `Authorization: Token …`) or with a wrong one | 401 |
 * | `POST /slash`, `onSlash` answers within `replyWithinMs` | 200 with its reply |
 * | `POST /slash`, `onSlash` is slower | 200 ephemeral "working on it" at once; the reply goes to `postToResponseUrl(response_url, reply)` |
 * | `POST /slash`, `onSlash` fails | 200 ephemeral "that did not work" (late: POSTed to `response_url`) |
 * | `POST /actions` or `/dialogs`, body not a JSON object | 400 |
 * | `POST /actions`, context refused by `Hmac.verify` | 200 `{ ephemeral_text: <why> }`; `onAction` not called |
 * | `POST /actions`, verified | 200 with `onAction`'s reply (`{ update?, ephemeral_text? }`) |
 * | `POST /dialogs`, `state` refused by `Hmac.verifyState` | 200 `{ error: <why> }` (the dialog stays open); `onDialog` not called |
 * | `POST /dialogs`, `onDialog` gives field errors | 200 `{ errors: { field: message } }`: the dialog stays open |
 * | `POST /dialogs`, otherwise (and every cancellation) | empty 200: the dialog closes |
 *
 * Decisions:
 * - **Token**: Mattermost sends the command token twice, in the form's `token` and in
 *   `Authorization: Token …`. At least one must be present and every one present must equal
 *   `commandToken`; each comparison is constant-time (both sides hashed, `timingSafeEqual`).
 * - **A forged or expired button gets 200 with `ephemeral_text`, not 403.** Mattermost answers a
 *   non-200 with its own generic error, while the commonest refusal is an honest one (a button
 *   older than the age limit, or a secret that was rotated): the person who clicked is told why, in
 *   their language if `localeOf` knows it, else English. Nothing is done either way; `onError` hears
 *   of it (phase `refused`, with the reason only).
 * - Slash command replies that fail are answered 200 with an apology, since Mattermost shows any
 *   other status as a raw error. Actions and dialogs have no deadline here (Mattermost waits for
 *   them as for any integration request; a slow handler should answer and update the post later).
 * - Help and usage errors are passed to `onSlash` in `parsed`, not answered here: the handler
 *   knows the workspace's language (`CommandLine.helpText`, `CommandLine.message`).
 * - Nothing logs the token, the secret, `response_url` or bodies; failures go to `onError` with
 *   the command token blanked from the message.
 *
 * @since 0.1.0
 */
import { readBody } from "@dugnad/core/HttpBody"
import type * as Either from "effect/Either"
import * as Http from "node:http"
import { performance } from "node:perf_hooks"
import * as CommandLine from "./CommandLine.js"
import * as Hmac from "./Hmac.js"
import { equalStrings } from "./internal/wire.js"
import { type Locale, text } from "./Text.js"

/**
 * A slash command as Mattermost sent it, with its text parsed.
 *
 * @since 0.1.0
 * @category models
 */
export interface ParsedSlash {
  readonly teamId: string
  readonly teamDomain: string
  readonly channelId: string
  readonly channelName: string
  readonly userId: string
  readonly userName: string
  /** The trigger, `/dugnad`. */
  readonly command: string
  /** The text after the trigger, as sent. */
  readonly text: string
  readonly triggerId: string
  /** The thread the command was typed in, if any. */
  readonly rootId: string | undefined
  readonly responseUrl: string | undefined
  readonly parsed: Either.Either<CommandLine.Invocation, CommandLine.UsageError>
}

/**
 * A slash command's reply (Mattermost's command response).
 *
 * @since 0.1.0
 * @category models
 */
export interface SlashReply {
  readonly response_type: "ephemeral" | "in_channel"
  readonly text?: string
  readonly attachments?: ReadonlyArray<unknown>
  readonly props?: Readonly<Record<string, unknown>>
  readonly goto_location?: string
  readonly skip_slack_parsing?: boolean
}

/**
 * A button click whose context passed `Hmac.verify`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Click {
  readonly userId: string
  readonly userName: string
  readonly channelId: string
  readonly teamId: string
  readonly postId: string
  readonly triggerId: string
  /** `button` or `select`. */
  readonly type: string
  /** What the button does, its workspace (team) and post, as signed. */
  readonly verified: Hmac.Verified
  /** The context as received (a select's `selected_option` is in it). */
  readonly context: Readonly<Record<string, unknown>>
}

/**
 * A click's reply: `update` replaces the post's message or props; `ephemeral_text` is shown to
 * the person who clicked only.
 *
 * @since 0.1.0
 * @category models
 */
export interface ActionReply {
  readonly update?: { readonly message?: string; readonly props?: Readonly<Record<string, unknown>> }
  readonly ephemeral_text?: string
  readonly goto_location?: string
  readonly skip_slack_parsing?: boolean
}

/**
 * A dialog submission whose `state` passed `Hmac.verifyState`.
 *
 * @since 0.1.0
 * @category models
 */
export interface DialogSubmission {
  readonly callbackId: string
  readonly userId: string
  readonly channelId: string
  readonly teamId: string
  /** The fields by name; empty when cancelled. */
  readonly submission: Readonly<Record<string, unknown>>
  readonly cancelled: boolean
  readonly verified: Hmac.Verified
}

/**
 * A dialog's reply: `errors` by field name (or `error` for the whole dialog) keep it open with the
 * messages shown; `undefined` or no errors close it.
 *
 * @since 0.1.0
 * @category models
 */
export type DialogReply =
  | { readonly errors?: Readonly<Record<string, string>>; readonly error?: string }
  | undefined

/**
 * Where a failure happened: `slash`, `action`, `dialog` (the handler failed), `lateSlash` (it
 * failed after the "working on it" reply), `responseUrl` (`postToResponseUrl` failed or there was
 * no `response_url`), `refused` (a button or dialog refused by `Hmac`; `message` is the reason).
 *
 * @since 0.1.0
 * @category models
 */
export interface Failure {
  readonly phase: "slash" | "lateSlash" | "responseUrl" | "action" | "dialog" | "refused" | "encode"
  readonly message: string
  readonly cause: unknown
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /**
   * The slash command's token (`MATTERMOST_COMMAND_TOKEN`), or several separated by commas: each
   * team's `/dugnad` command has its own, and one bot can serve several teams.
   */
  readonly commandToken: string
  /** The key of button contexts and dialog states (`MATTERMOST_HMAC_SECRET`). */
  readonly hmac: Hmac.Key
  readonly onSlash: (command: ParsedSlash) => Promise<SlashReply>
  readonly onAction: (click: Click) => Promise<ActionReply>
  readonly onDialog: (submission: DialogSubmission) => Promise<DialogReply>
  /** Delivers a slow slash command's reply: POST it as JSON to `url` (Mattermost's `response_url`). */
  readonly postToResponseUrl: (url: string, reply: SlashReply) => Promise<void>
  /**
   * The workspace signed into contexts for a click's Mattermost team id, for the team check.
   * Default: the team id itself (contexts signed with the team id).
   */
  readonly workspaceOfTeam?: (teamId: string) => string
  /** The language of a Mattermost user, for the adapter's own replies. Default: none (English). */
  readonly localeOf?: (user: { readonly userId: string; readonly teamId: string }) => Locale | undefined | Promise<Locale | undefined>
  readonly paths?: { readonly slash?: string; readonly actions?: string; readonly dialogs?: string }
  /** How long `onSlash` may take before "working on it" is sent. Default 2500 ms. */
  readonly replyWithinMs?: number
  /** Largest body accepted. Default 1 MiB. */
  readonly maxBodyBytes?: number
  /** Epoch milliseconds, for the context's age. Default `Date.now`. */
  readonly now?: () => number
  /** Default: one `console.error` line with the phase and the redacted message. */
  readonly onError?: (failure: Failure) => void
}

const send = (response: Http.ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}) => {
  if (response.headersSent || response.destroyed) return
  if (body === undefined) {
    response.writeHead(status, { "content-length": "0", ...headers })
    response.end()
    return
  }
  const bytes = Buffer.from(JSON.stringify(body), "utf8")
  response.writeHead(status, { "content-type": "application/json", "content-length": String(bytes.length), ...headers })
  response.end(bytes)
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const str = (value: unknown): string => (typeof value === "string" ? value : "")

const parseJson = (bytes: Buffer): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(bytes.toString("utf8"))
    return isRecord(value) ? value : undefined
  } catch {
    return undefined
  }
}

/**
 * Whether a slash command request carries the right token (see the module's decisions).
 *
 * @since 0.1.0
 * @category verifying
 */
export const tokenMatches = (expected: string, field: string | null, authorization: string | undefined): boolean => {
  const header = authorization === undefined ? undefined : /^Token\s+(\S+)\s*$/i.exec(authorization)?.[1] ?? ""
  if (field === null && header === undefined) return false
  // Every comparison always runs, so the time says nothing about which failed or which token
  // matched. Several tokens (comma-separated): one slash command per team, each with its own.
  let fieldOk = field === null
  let headerOk = header === undefined
  for (const token of tokensOf(expected)) {
    const fieldMatch = field !== null && equalStrings(field, token)
    const headerMatch = header !== undefined && equalStrings(header, token)
    fieldOk = fieldOk || fieldMatch
    headerOk = headerOk || headerMatch
  }
  return fieldOk && headerOk
}

/** The accepted tokens of a `MATTERMOST_COMMAND_TOKEN`: one, or several separated by commas. */
export const tokensOf = (setting: string): ReadonlyArray<string> =>
  setting.split(",").map((token) => token.trim()).filter((token) => token !== "")

/**
 * The request listener (see the module's table and decisions). Throws at once when
 * `commandToken` is empty.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeListener = (options: Options): Http.RequestListener => {
  if (options.commandToken.trim() === "") throw new TypeError("Http: commandToken (MATTERMOST_COMMAND_TOKEN) is empty")
  const paths = {
    slash: options.paths?.slash ?? "/slash",
    actions: options.paths?.actions ?? "/actions",
    dialogs: options.paths?.dialogs ?? "/dialogs"
  }
  const replyWithinMs = options.replyWithinMs ?? 2500
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
  const now = options.now ?? Date.now
  const workspaceOf = (teamId: string) => (teamId === "" ? "" : (options.workspaceOfTeam ?? ((id: string) => id))(teamId))
  const redact = (message: string) =>
    tokensOf(options.commandToken).reduce((text, token) => text.split(token).join("[token]"), message)
  const onError = options.onError ??
    ((failure: Failure) => console.error(`Mattermost Http: ${failure.phase}: ${failure.message}`))
  const report = (phase: Failure["phase"], cause: unknown) => {
    try {
      onError({ phase, message: redact(cause instanceof Error ? cause.message : String(cause)), cause })
    } catch {
      // A failing reporter must not take the endpoint down.
    }
  }

  /** The user's language if `localeOf` gives it within `limitMs`, else undefined. */
  const localeSoon = (userId: string, teamId: string): { current: () => Locale; settled: Promise<Locale> } => {
    let known: Locale | undefined
    const settled = Promise.resolve()
      .then(() => options.localeOf?.({ userId, teamId }))
      .then((locale) => {
        known = locale
        return locale ?? "en"
      }, () => "en" as const)
    return { current: () => known ?? "en", settled }
  }

  const withinLimit = <A>(promise: Promise<A>, fallback: A, ms: number): Promise<A> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve(fallback), ms)
      void promise.then((value) => {
        clearTimeout(timer)
        resolve(value)
      })
    })

  const deliver = (url: string | undefined, reply: SlashReply) => {
    if (url === undefined || url === "") {
      report("responseUrl", new Error("no response_url to deliver a late reply to"))
      return
    }
    Promise.resolve()
      .then(() => options.postToResponseUrl(url, reply))
      .catch((cause: unknown) => report("responseUrl", cause))
  }

  const slash = (request: Http.IncomingMessage, response: Http.ServerResponse, body: Buffer, arrivedAt: number) => {
    const form = new URLSearchParams(body.toString("utf8"))
    if (!tokenMatches(options.commandToken, form.get("token"), request.headers.authorization)) {
      send(response, 401, { error: "invalid command token" })
      return
    }
    const rootId = form.get("root_id") ?? ""
    const responseUrl = form.get("response_url") ?? ""
    const commandText = form.get("text") ?? ""
    const command: ParsedSlash = {
      teamId: form.get("team_id") ?? "",
      teamDomain: form.get("team_domain") ?? "",
      channelId: form.get("channel_id") ?? "",
      channelName: form.get("channel_name") ?? "",
      userId: form.get("user_id") ?? "",
      userName: form.get("user_name") ?? "",
      command: form.get("command") ?? "",
      text: commandText,
      triggerId: form.get("trigger_id") ?? "",
      rootId: rootId === "" ? undefined : rootId,
      responseUrl: responseUrl === "" ? undefined : responseUrl,
      parsed: CommandLine.parse(commandText)
    }
    const locale = localeSoon(command.userId, command.teamId)
    let late = false
    let settled = false
    const timer = setTimeout(() => {
      if (settled) return
      late = true
      send(response, 200, { response_type: "ephemeral", text: text[locale.current()].workingOnIt } satisfies SlashReply)
    }, Math.max(0, replyWithinMs - (performance.now() - arrivedAt)))
    Promise.resolve()
      .then(() => options.onSlash(command))
      .then(
        (reply) => {
          settled = true
          clearTimeout(timer)
          if (late) return deliver(command.responseUrl, reply)
          let encoded: unknown
          try {
            encoded = JSON.parse(JSON.stringify(reply))
          } catch (cause) {
            report("encode", cause)
            return send(response, 200, { response_type: "ephemeral", text: text[locale.current()].failed })
          }
          send(response, 200, encoded)
        },
        (cause: unknown) => {
          settled = true
          clearTimeout(timer)
          report(late ? "lateSlash" : "slash", cause)
          const apology: SlashReply = { response_type: "ephemeral", text: text[locale.current()].failed }
          if (late) deliver(command.responseUrl, apology)
          else send(response, 200, apology)
        }
      )
  }

  const action = async (response: Http.ServerResponse, body: Buffer) => {
    const payload = parseJson(body)
    if (payload === undefined) return send(response, 400, { error: "not a JSON object" })
    const userId = str(payload["user_id"])
    const teamId = str(payload["team_id"])
    const postId = str(payload["post_id"])
    const verified = Hmac.verify(options.hmac, payload["context"], { nowMs: now(), team: workspaceOf(teamId), post: postId })
    const locale = localeSoon(userId, teamId)
    if (verified._tag === "Left") {
      report("refused", new Error(verified.left.reason))
      const language = await withinLimit(locale.settled, "en", 500)
      return send(response, 200, { ephemeral_text: text[language].refusal[verified.left.reason] } satisfies ActionReply)
    }
    const click: Click = {
      userId,
      userName: str(payload["user_name"]),
      channelId: str(payload["channel_id"]),
      teamId,
      postId,
      triggerId: str(payload["trigger_id"]),
      type: str(payload["type"]),
      verified: verified.right,
      context: payload["context"] as Record<string, unknown>
    }
    try {
      const reply = await options.onAction(click)
      send(response, 200, JSON.parse(JSON.stringify(reply ?? {})))
    } catch (cause) {
      report("action", cause)
      const language = await withinLimit(locale.settled, "en", 500)
      send(response, 200, { ephemeral_text: text[language].failed } satisfies ActionReply)
    }
  }

  const dialog = async (response: Http.ServerResponse, body: Buffer) => {
    const payload = parseJson(body)
    if (payload === undefined) return send(response, 400, { error: "not a JSON object" })
    const userId = str(payload["user_id"])
    const teamId = str(payload["team_id"])
    const cancelled = payload["cancelled"] === true
    const verified = Hmac.verifyState(options.hmac, payload["state"], { nowMs: now(), team: workspaceOf(teamId) })
    const locale = localeSoon(userId, teamId)
    if (verified._tag === "Left") {
      report("refused", new Error(verified.left.reason))
      if (cancelled) return send(response, 200, undefined)
      const language = await withinLimit(locale.settled, "en", 500)
      return send(response, 200, { error: text[language].refusal[verified.left.reason] })
    }
    const submission: DialogSubmission = {
      callbackId: str(payload["callback_id"]),
      userId,
      channelId: str(payload["channel_id"]),
      teamId,
      submission: isRecord(payload["submission"]) ? payload["submission"] : {},
      cancelled,
      verified: verified.right
    }
    try {
      const reply = await options.onDialog(submission)
      const errors = reply?.errors !== undefined && Object.keys(reply.errors).length > 0 ? reply.errors : undefined
      const error = reply?.error !== undefined && reply.error !== "" ? reply.error : undefined
      if (cancelled || (errors === undefined && error === undefined)) return send(response, 200, undefined)
      send(response, 200, { ...(errors === undefined ? {} : { errors }), ...(error === undefined ? {} : { error }) })
    } catch (cause) {
      report("dialog", cause)
      if (cancelled) return send(response, 200, undefined)
      const language = await withinLimit(locale.settled, "en", 500)
      send(response, 200, { error: text[language].failed })
    }
  }

  return (request, response) => {
    const arrivedAt = performance.now()
    let pathname: string
    try {
      pathname = new URL(request.url ?? "/", "http://localhost").pathname
    } catch {
      pathname = ""
    }
    const route = pathname === paths.slash
      ? "slash"
      : pathname === paths.actions
      ? "actions"
      : pathname === paths.dialogs
      ? "dialogs"
      : undefined
    if (route === undefined) {
      request.resume()
      return send(response, 404, { error: "not found" })
    }
    if (request.method !== "POST") {
      request.resume()
      return send(response, 405, { error: "method not allowed" }, { allow: "POST" })
    }
    void readBody(request, maxBodyBytes).then((read) => {
      switch (read._tag) {
        case "Aborted":
          response.destroy()
          return
        case "TooLarge":
          send(response, 413, { error: "payload too large" }, { connection: "close" })
          return
        case "Body":
          break
      }
      switch (route) {
        case "slash":
          return slash(request, response, read.bytes, arrivedAt)
        case "actions":
          return void action(response, read.bytes).catch((cause: unknown) => {
            report("action", cause)
            send(response, 500, { error: "internal error" })
          })
        case "dialogs":
          return void dialog(response, read.bytes).catch((cause: unknown) => {
            report("dialog", cause)
            send(response, 500, { error: "internal error" })
          })
      }
    })
  }
}

/**
 * A server serving only these routes, not yet listening: `server.listen(port, host)`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Http.Server => Http.createServer(makeListener(options))

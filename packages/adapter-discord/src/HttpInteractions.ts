/**
 * Discord interactions over HTTP, without the gateway: the "Interactions Endpoint URL" of a Discord
 * application. Discord POSTs each interaction, signed with the application's Ed25519 key, and expects
 * the interaction response as the HTTP reply within 3 seconds.
 *
 * What the endpoint does, in order:
 *
 * | request                                               | reply                                        |
 * | ----------------------------------------------------- | -------------------------------------------- |
 * | another path                                          | 404                                          |
 * | the path, not `POST`                                  | 405 (`Allow: POST`)                          |
 * | body over `maxBodyBytes`                              | 413, connection closed                       |
 * | signature or timestamp missing, malformed or wrong    | 401 (Discord sends such requests on purpose) |
 * | timestamp further than `maxClockSkewMs` from now      | 401                                          |
 * | signed, but not a JSON interaction                    | 400                                          |
 * | PING (type 1)                                         | 200 `{"type":1}`; `handle` is not called     |
 * | anything else, `handle` answers within `deferAfterMs` | 200 with `handle`'s response                 |
 * | `handle` is slower                                    | 200 with a deferral, then `followUp`         |
 * | `handle` throws or rejects in time                    | 500 `{"error":"internal error"}`             |
 *
 * The signature is checked over the raw bytes received, never over re-serialised JSON. The module
 * never logs the interaction token, the signature or request bodies; failures go to `onError` with
 * the token blanked out of the message.
 *
 * @since 0.1.0
 */
import type {
  APIInteraction,
  APIInteractionResponse,
  APIPingInteraction
} from "discord-api-types/v10"
import * as Http from "node:http"
import { performance } from "node:perf_hooks"
import { checkSignature, publicKeyFromHex, readBody, redactedMessage } from "./internal/httpInteractions.js"

/**
 * An interaction `handle` receives: every kind but PING, which the endpoint answers itself.
 *
 * @since 0.1.0
 * @category models
 */
export type HandledInteraction = Exclude<APIInteraction, APIPingInteraction>

/**
 * Where a failure happened:
 * - `handle`: `handle` threw or rejected before the deadline (the request got a 500);
 * - `lateHandle`: `handle` threw or rejected after the deferral was sent (nobody is told; the user
 *   sees Discord's "thinking…" until the token expires, unless `handle` catches its own errors);
 * - `followUp`: `followUp` threw or rejected;
 * - `encode`: `handle`'s response could not be turned into JSON (the request got a 500).
 *
 * @since 0.1.0
 * @category models
 */
export type FailurePhase = "handle" | "lateHandle" | "followUp" | "encode"

/**
 * A failure reported to `onError`. `message` has the interaction token replaced by `[token]`;
 * `cause` is the original value and may still contain it (discord.js errors carry webhook URLs).
 *
 * @since 0.1.0
 * @category models
 */
export interface Failure {
  readonly phase: FailurePhase
  readonly interactionId: string
  readonly interactionType: number
  readonly message: string
  readonly cause: unknown
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The application's Ed25519 public key, 64 hex characters (Developer Portal, `DISCORD_PUBLIC_KEY`). */
  readonly publicKey: string
  /**
   * Answers one interaction with its interaction response (type 4 message, 7 update, 8 autocomplete
   * choices, 9 modal, …). If it has not settled within `deferAfterMs`, the endpoint answers Discord
   * with a deferral and hands the eventual response to `followUp` instead.
   */
  readonly handle: (interaction: HandledInteraction) => Promise<APIInteractionResponse>
  /**
   * Delivers a response `handle` produced after the deferral was sent. It receives the interaction
   * (its `application_id` and `token` name the webhook) and the response exactly as `handle` returned
   * it; the usual implementation PATCHes `/webhooks/{application_id}/{token}/messages/@original` with
   * `response.data` (the token lives 15 minutes). Never called for responses sent in time, for
   * autocomplete, or when `handle` fails. A response that cannot follow a deferral (a modal, type 9)
   * is still passed on; what to do with it is the caller's choice. Its failures go to `onError`.
   */
  readonly followUp: (interaction: HandledInteraction, response: APIInteractionResponse) => Promise<void>
  /** The path Discord POSTs to; other paths get 404. Default `"/interactions"`. */
  readonly path?: string
  /**
   * How long `handle` may take, counted from the request's arrival, before the deferral is sent.
   * Discord allows 3 s in all, network included. Default 2500.
   */
  readonly deferAfterMs?: number
  /** Largest body accepted; bigger ones get 413. Default 1 MiB. */
  readonly maxBodyBytes?: number
  /** Largest accepted distance between `X-Signature-Timestamp` and now. Default 5 minutes. */
  readonly maxClockSkewMs?: number
  /** The current time in epoch milliseconds, for the timestamp check. Default `Date.now`. */
  readonly now?: () => number
  /**
   * Told about failures the HTTP reply cannot carry. Default: one `console.error` line with the
   * phase, interaction id and type, and the redacted message.
   */
  readonly onError?: (failure: Failure) => void
}

/**
 * The deferral sent when `handle` is too slow:
 * - application commands (2) and modal submits (5): type 5 DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE,
 *   "thinking…", to be replaced by the follow-up;
 * - message components (3): type 6 DEFERRED_UPDATE_MESSAGE, the clicked message stays as it is until
 *   the follow-up edits it;
 * - autocomplete (4): no deferral exists, so an empty choice list (type 8) and no follow-up;
 * - any type Discord adds later: type 5.
 *
 * @since 0.1.0
 * @category constructors
 */
export const deferralFor = (interaction: HandledInteraction): APIInteractionResponse => {
  switch (interaction.type as number) {
    case 3:
      return { type: 6 } as APIInteractionResponse
    case 4:
      return { type: 8, data: { choices: [] } } as APIInteractionResponse
    default:
      return { type: 5 } as APIInteractionResponse
  }
}

const defaultOnError = (failure: Failure): void => {
  console.error(
    `HttpInteractions: ${failure.phase} failed for interaction ${failure.interactionId} (type ${failure.interactionType}): ${failure.message}`
  )
}

const send = (
  response: Http.ServerResponse,
  status: number,
  body: string,
  headers: Readonly<Record<string, string>> = {}
): void => {
  if (response.headersSent || response.destroyed) return
  const bytes = Buffer.from(body, "utf8")
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(bytes.length),
    ...headers
  })
  response.end(bytes)
}

const sendError = (
  response: Http.ServerResponse,
  status: number,
  error: string,
  headers?: Readonly<Record<string, string>>
): void => send(response, status, JSON.stringify({ error }), headers)

/** A parsed body is handed on only if it looks like an interaction: an object with an integer `type`. */
const parseInteraction = (bytes: Buffer): APIInteraction | undefined => {
  let value: unknown
  try {
    value = JSON.parse(bytes.toString("utf8"))
  } catch {
    return undefined
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined
  const type = (value as { readonly type?: unknown }).type
  return typeof type === "number" && Number.isInteger(type) ? (value as APIInteraction) : undefined
}

const stringField = (value: unknown, key: "id" | "token"): string | undefined => {
  const field = (value as Record<string, unknown>)[key]
  return typeof field === "string" ? field : undefined
}

/**
 * A `node:http` request listener for the endpoint, to mount in an existing server (or use `make`).
 * Throws at once if `publicKey` is not 64 hex characters.
 *
 * The contract with the caller:
 * - `handle` gets every signed interaction but PING and answers with the interaction response;
 * - if it answers within `deferAfterMs` (default 2.5 s), that response is the HTTP reply;
 * - otherwise Discord gets the deferral `deferralFor` gives (5 for commands and modal submits, 6 for
 *   components), and when `handle` settles its response goes to `followUp(interaction, response)`,
 *   which must deliver it through the interaction webhook (PATCH `@original`);
 * - if `handle` fails in time the reply is 500 with no detail; if it fails late, only `onError` hears.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeListener = (options: Options): Http.RequestListener => {
  const publicKey = publicKeyFromHex(options.publicKey)
  const path = options.path ?? "/interactions"
  const deferAfterMs = options.deferAfterMs ?? 2500
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
  const maxClockSkewMs = options.maxClockSkewMs ?? 5 * 60 * 1000
  const now = options.now ?? Date.now
  const onError = options.onError ?? defaultOnError

  const report = (phase: FailurePhase, interaction: HandledInteraction, cause: unknown): void => {
    const token = stringField(interaction, "token")
    try {
      onError({
        phase,
        interactionId: stringField(interaction, "id") ?? "unknown",
        interactionType: interaction.type,
        message: redactedMessage(cause, token),
        cause
      })
    } catch {
      // A failing error reporter must not take the endpoint down.
    }
  }

  const deliverLate = (interaction: HandledInteraction, response: APIInteractionResponse): void => {
    Promise.resolve()
      .then(() => options.followUp(interaction, response))
      .catch((cause: unknown) => report("followUp", interaction, cause))
  }

  const answer = (interaction: HandledInteraction, response: Http.ServerResponse, arrivedAt: number): void => {
    let deferred = false
    let settled = false
    const remaining = Math.max(0, deferAfterMs - (performance.now() - arrivedAt))
    const timer = setTimeout(() => {
      if (settled) return
      deferred = true
      send(response, 200, JSON.stringify(deferralFor(interaction)))
    }, remaining)
    Promise.resolve()
      .then(() => options.handle(interaction))
      .then(
        (result) => {
          settled = true
          clearTimeout(timer)
          if (deferred) {
            // Autocomplete has nothing to follow up: its empty choices were final.
            if ((interaction.type as number) !== 4) deliverLate(interaction, result)
            return
          }
          let body: string
          try {
            body = JSON.stringify(result)
          } catch (cause) {
            report("encode", interaction, cause)
            sendError(response, 500, "internal error")
            return
          }
          send(response, 200, body)
        },
        (cause: unknown) => {
          settled = true
          clearTimeout(timer)
          report(deferred ? "lateHandle" : "handle", interaction, cause)
          if (!deferred) sendError(response, 500, "internal error")
        }
      )
  }

  return (request, response) => {
    const arrivedAt = performance.now()
    let pathname: string
    try {
      pathname = new URL(request.url ?? "/", "http://localhost").pathname
    } catch {
      pathname = ""
    }
    if (pathname !== path) {
      request.resume()
      sendError(response, 404, "not found")
      return
    }
    if (request.method !== "POST") {
      request.resume()
      sendError(response, 405, "method not allowed", { allow: "POST" })
      return
    }
    void readBody(request, maxBodyBytes).then((read) => {
      switch (read._tag) {
        case "Aborted":
          response.destroy()
          return
        case "TooLarge":
          // The rest of the body stays unread: close the connection rather than drain it.
          sendError(response, 413, "payload too large", { connection: "close" })
          return
        case "Body":
          break
      }
      const refusal = checkSignature({
        publicKey,
        signature: request.headers["x-signature-ed25519"],
        timestamp: request.headers["x-signature-timestamp"],
        rawBody: read.bytes,
        nowMs: now(),
        maxSkewMs: maxClockSkewMs
      })
      if (refusal !== undefined) {
        sendError(response, 401, refusal)
        return
      }
      const interaction = parseInteraction(read.bytes)
      if (interaction === undefined) {
        sendError(response, 400, "not an interaction")
        return
      }
      if (interaction.type === 1) {
        send(response, 200, JSON.stringify({ type: 1 }))
        return
      }
      answer(interaction, response, arrivedAt)
    })
  }
}

/**
 * An `http.Server` serving only the endpoint (see `makeListener` for the contract). It is not
 * listening yet: call `server.listen(port, host)`, and `server.close()` to stop. Deliveries to
 * `followUp` that are still running are not awaited by `close`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Http.Server => Http.createServer(makeListener(options))

/**
 * HTTP plumbing for the fake REST API: reading bodies (JSON or multipart/form-data, parsed with the
 * platform's own Request/FormData), answering with Discord's headers, and recording every request.
 */
import { createHash } from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import type { ReceivedFile } from "./World.js"

/** One request as the fake received it. */
export interface RecordedRequest {
  readonly method: string
  /** The decoded path after /api/v10, e.g. "/webhooks/1/abc/messages/@original". */
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  /** Header names lower case. */
  readonly headers: Readonly<Record<string, string>>
  /** The JSON body, or the parsed `payload_json` of a multipart body. */
  readonly body: unknown
  /** "json", "multipart", "none" or "other". */
  readonly bodyKind: "json" | "multipart" | "none" | "other"
  readonly files: ReadonlyArray<ReceivedFile>
  /** When it arrived (ms since epoch). */
  readonly at: number
  /** The status the fake answered (set once answered). */
  status?: number
  /** The headers the fake answered with (X-RateLimit-*, Retry-After…). */
  responseHeaders?: Readonly<Record<string, string>>
}

export interface ParsedBody {
  readonly body: unknown
  readonly kind: RecordedRequest["bodyKind"]
  readonly files: ReadonlyArray<ReceivedFile>
}

export const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Array<Buffer> = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export const parseBody = async (contentType: string | undefined, raw: Buffer): Promise<ParsedBody> => {
  if (raw.length === 0) return { body: undefined, kind: "none", files: [] }
  const type = (contentType ?? "").toLowerCase()
  if (type.startsWith("application/json")) {
    return { body: JSON.parse(raw.toString("utf8")) as unknown, kind: "json", files: [] }
  }
  if (type.startsWith("multipart/form-data")) {
    const form = await new Request("http://127.0.0.1/", {
      method: "POST",
      headers: { "content-type": contentType ?? "" },
      body: raw
    }).formData()
    let body: unknown = {}
    const files: Array<ReceivedFile> = []
    for (const [field, value] of form.entries()) {
      if (typeof value === "string") {
        if (field === "payload_json") body = JSON.parse(value) as unknown
      } else {
        files.push({
          field,
          filename: value.name,
          contentType: value.type || "application/octet-stream",
          bytes: Buffer.from(await value.arrayBuffer())
        })
      }
    }
    return { body, kind: "multipart", files }
  }
  return { body: raw.toString("utf8"), kind: "other", files: [] }
}

/** The bucket hash Discord would give a route: same for all ids of one route shape. */
export const bucketOf = (method: string, path: string): string =>
  createHash("sha1")
    .update(`${method} ${path.replace(/\/\d{5,}/g, "/{id}").replace(/\/(webhooks|interactions)\/\{id\}\/[^/]+/, "/$1/{id}/{token}")}`)
    .digest("hex")
    .slice(0, 16)

export interface RateLimitHeaders {
  readonly limit: number
  readonly remaining: number
  readonly resetAfterSeconds: number
  readonly bucket: string
  readonly scope?: "user" | "shared" | "global"
  readonly retryAfterSeconds?: number
}

export const rateLimitHeaders = (h: RateLimitHeaders): Record<string, string> => {
  const out: Record<string, string> = {
    "X-RateLimit-Limit": String(h.limit),
    "X-RateLimit-Remaining": String(h.remaining),
    "X-RateLimit-Reset": ((Date.now() + h.resetAfterSeconds * 1000) / 1000).toFixed(3),
    "X-RateLimit-Reset-After": h.resetAfterSeconds.toFixed(3),
    "X-RateLimit-Bucket": h.bucket
  }
  if (h.retryAfterSeconds !== undefined) {
    out["Retry-After"] = String(h.retryAfterSeconds)
    out["X-RateLimit-Scope"] = h.scope ?? "user"
  }
  return out
}

export const send = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void => {
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers)
    res.end()
    return
  }
  const text = JSON.stringify(body)
  res.writeHead(status, { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) })
  res.end(text)
}

/** Discord's error body: `{ message, code }` (+ `errors` for form errors). */
export class DiscordError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: unknown
  ) {
    super(message)
  }

  toJSON(): Record<string, unknown> {
    return { message: this.message, code: this.code, ...(this.errors === undefined ? {} : { errors: this.errors }) }
  }
}

export const unknown = (what: "Channel" | "Message" | "User" | "Member" | "Guild" | "Webhook" | "interaction" | "Guild Scheduled Event" | "application command"): DiscordError => {
  const codes: Record<string, number> = {
    Channel: 10003,
    Message: 10008,
    User: 10013,
    Member: 10007,
    Guild: 10004,
    Webhook: 10015,
    interaction: 10062,
    "Guild Scheduled Event": 10070,
    "application command": 10063
  }
  return new DiscordError(404, codes[what] ?? 0, `Unknown ${what}`)
}

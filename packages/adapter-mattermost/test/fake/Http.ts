/**
 * HTTP plumbing for the fake Mattermost: reading bodies (JSON, form-urlencoded, multipart parsed with
 * the platform's own Request/FormData), answering as Mattermost does (Content-Type exactly
 * `application/json`, errors as `{id, message, status_code}`), and recording every request.
 */
import type { IncomingMessage, ServerResponse } from "node:http"

/** A file part of a multipart request. */
export interface ReceivedFile {
  /** The form field, "files" for Client4.uploadFile. */
  readonly field: string
  readonly filename: string
  readonly contentType: string
  readonly bytes: Buffer
}

/** One request as the fake received it. */
export interface RecordedRequest {
  readonly method: string
  /** The decoded path after /api/v4, e.g. "/posts" (or the full path for /hooks/... routes). */
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  /** Header names lower case. */
  readonly headers: Readonly<Record<string, string>>
  /** The parsed body: JSON value, form fields (urlencoded or multipart) as a record, or text. */
  readonly body: unknown
  readonly bodyKind: "json" | "form" | "multipart" | "none" | "other"
  readonly files: ReadonlyArray<ReceivedFile>
  /** When it arrived (ms since epoch). */
  readonly at: number
  /** The user the token belongs to (undefined for unauthenticated or hook requests). */
  userId?: string
  /** The status the fake answered (set once answered). */
  status?: number
  /** True when the answer came from a failure switch (failNext / failPosts). */
  injected?: boolean
  /** The JSON the fake answered with. */
  response?: unknown
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
  if (type.startsWith("application/x-www-form-urlencoded")) {
    return { body: Object.fromEntries(new URLSearchParams(raw.toString("utf8"))), kind: "form", files: [] }
  }
  if (type.startsWith("multipart/form-data")) {
    const form = await new Request("http://127.0.0.1/", {
      method: "POST",
      headers: { "content-type": contentType ?? "" },
      body: raw
    }).formData()
    const fields: Record<string, string> = {}
    const files: Array<ReceivedFile> = []
    for (const [field, value] of form.entries()) {
      if (typeof value === "string") {
        fields[field] = value
      } else {
        files.push({
          field,
          filename: value.name,
          contentType: value.type || "application/octet-stream",
          bytes: Buffer.from(await value.arrayBuffer())
        })
      }
    }
    return { body: fields, kind: "multipart", files }
  }
  return { body: raw.toString("utf8"), kind: "other", files: [] }
}

/** The fake's server version, sent as X-Version-Id. */
export const SERVER_VERSION = "11.9.0.fake.0.0"

/** Answers JSON with Content-Type exactly `application/json` (Client4 parses nothing else). */
export const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const base = { "X-Version-Id": SERVER_VERSION, "X-Request-Id": Math.random().toString(36).slice(2), ...headers }
  if (body === undefined) {
    res.writeHead(status, base)
    res.end()
    return
  }
  const text = JSON.stringify(body)
  res.writeHead(status, { ...base, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) })
  res.end(text)
}

/** Mattermost's AppError on the wire: `{id, message, detailed_error, request_id, status_code}`. */
export class MattermostError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly detailed = ""
  ) {
    super(message)
  }

  toJSON(): Record<string, unknown> {
    return {
      id: this.id,
      message: this.message,
      detailed_error: this.detailed,
      request_id: Math.random().toString(36).slice(2),
      status_code: this.status
    }
  }
}

export const unauthorized = (): MattermostError =>
  new MattermostError(401, "api.context.session_expired.app_error", "Invalid or expired session, please login again.")

export const forbidden = (): MattermostError =>
  new MattermostError(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.")

export const notFound = (id: string, message: string): MattermostError => new MattermostError(404, id, message)

export const badRequest = (id: string, message: string, detailed = ""): MattermostError =>
  new MattermostError(400, id, message, detailed)

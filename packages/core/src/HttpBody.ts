/**
 * Reading an HTTP request's body with a cap, for a bot's own endpoints (Discord's interactions,
 * Mattermost's slash commands and actions): a body past the cap is not buffered.
 *
 * @since 0.1.0
 */
import type * as Http from "node:http"

/**
 * The outcome of reading a request body with a cap.
 *
 * @since 0.1.0
 * @category reading
 */
export type BodyRead =
  | { readonly _tag: "Body"; readonly bytes: Buffer }
  | { readonly _tag: "TooLarge" }
  | { readonly _tag: "Aborted" }

/**
 * Reads the whole request body, giving up as soon as it exceeds `maxBytes` (or its declared
 * `Content-Length` does). On `TooLarge` the rest of the body is left unread; the caller answers 413
 * and closes the connection.
 *
 * @since 0.1.0
 * @category reading
 */
export const readBody = (request: Http.IncomingMessage, maxBytes: number): Promise<BodyRead> =>
  new Promise((resolve) => {
    const declared = Number(request.headers["content-length"])
    if (Number.isFinite(declared) && declared > maxBytes) {
      resolve({ _tag: "TooLarge" })
      return
    }
    const chunks: Array<Buffer> = []
    let size = 0
    let done = false
    const finish = (result: BodyRead) => {
      if (done) return
      done = true
      request.off("data", onData)
      request.off("end", onEnd)
      request.off("error", onAbort)
      request.off("aborted", onAbort)
      resolve(result)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        request.pause()
        finish({ _tag: "TooLarge" })
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => finish({ _tag: "Body", bytes: Buffer.concat(chunks, size) })
    const onAbort = () => finish({ _tag: "Aborted" })
    request.on("data", onData)
    request.on("end", onEnd)
    request.on("error", onAbort)
    request.on("aborted", onAbort)
  })

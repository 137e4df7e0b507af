/**
 * Wire-level helpers of the HTTP side: constant-time comparison and a size-capped body reader.
 * Nothing here appears in a public signature.
 *
 * @internal
 */
import * as Crypto from "node:crypto"
import type * as Http from "node:http"

/**
 * Whether two byte strings are equal, in time independent of where they differ
 * (`crypto.timingSafeEqual`). Different lengths are unequal, found without comparing.
 */
export const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && Crypto.timingSafeEqual(a, b)

/**
 * Whether two strings are equal, in time independent of their contents and of the length of the
 * secret: both are hashed (SHA-256) first, so the comparison is always of 32 bytes.
 */
export const equalStrings = (given: string, expected: string): boolean => {
  const a = Crypto.createHash("sha256").update(given, "utf8").digest()
  const b = Crypto.createHash("sha256").update(expected, "utf8").digest()
  return Crypto.timingSafeEqual(a, b)
}

/** The outcome of reading a request body with a cap. */
export type BodyRead =
  | { readonly _tag: "Body"; readonly bytes: Buffer }
  | { readonly _tag: "TooLarge" }
  | { readonly _tag: "Aborted" }

/**
 * Reads the whole request body, giving up as soon as it exceeds `maxBytes` (or its declared
 * `Content-Length` does). On `TooLarge` the rest of the body is left unread; the caller answers 413
 * and closes the connection.
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

/**
 * The wire-level pieces of `HttpInteractions`: Discord's Ed25519 request signature, and the
 * size-capped body reader (the core's `HttpBody`, shared with the Mattermost bot). Nothing here
 * appears in a public signature.
 *
 * @internal
 */
import * as Crypto from "node:crypto"

export { readBody } from "@dugnad/core/HttpBody"

/** An Ed25519 public key as SubjectPublicKeyInfo DER is this 12-byte prefix and the 32 raw bytes. */
const ed25519SpkiPrefix = Buffer.from("302a300506032b6570032100", "hex")

const publicKeyHex = /^[0-9a-fA-F]{64}$/
const signatureHex = /^[0-9a-fA-F]{128}$/
/** Unix seconds as Discord sends them: digits only, no sign, no fraction. */
const timestampDigits = /^[0-9]{1,15}$/

/** Builds the key object from the application's public key (64 hex characters); throws on anything else. */
export const publicKeyFromHex = (hex: string): Crypto.KeyObject => {
  const trimmed = hex.trim()
  if (!publicKeyHex.test(trimmed)) {
    throw new TypeError("HttpInteractions: publicKey must be the application's Ed25519 public key as 64 hex characters")
  }
  return Crypto.createPublicKey({
    key: Buffer.concat([ed25519SpkiPrefix, Buffer.from(trimmed, "hex")]),
    format: "der",
    type: "spki"
  })
}

/** Why a request's signature was refused; the text goes into the 401 body, so it says nothing secret. */
export type SignatureRefusal =
  | "missing signature headers"
  | "malformed signature"
  | "malformed timestamp"
  | "stale timestamp"
  | "invalid signature"

const header = (value: string | Array<string> | undefined): string | undefined =>
  typeof value === "string" ? value : undefined

/**
 * Checks `X-Signature-Ed25519` over `X-Signature-Timestamp + rawBody` (the bytes as received) and that
 * the timestamp is within `maxSkewMs` of `nowMs`. Returns the refusal, or `undefined` when the request
 * is Discord's.
 */
export const checkSignature = (options: {
  readonly publicKey: Crypto.KeyObject
  readonly signature: string | Array<string> | undefined
  readonly timestamp: string | Array<string> | undefined
  readonly rawBody: Buffer
  readonly nowMs: number
  readonly maxSkewMs: number
}): SignatureRefusal | undefined => {
  const signature = header(options.signature)
  const timestamp = header(options.timestamp)
  if (signature === undefined || timestamp === undefined) return "missing signature headers"
  if (!signatureHex.test(signature)) return "malformed signature"
  if (!timestampDigits.test(timestamp)) return "malformed timestamp"
  const data = Buffer.concat([Buffer.from(timestamp, "utf8"), options.rawBody])
  let valid: boolean
  try {
    valid = Crypto.verify(null, data, options.publicKey, Buffer.from(signature, "hex"))
  } catch {
    valid = false
  }
  if (!valid) return "invalid signature"
  // Checked after the signature so that the timestamp we judge is one Discord vouched for.
  if (Math.abs(options.nowMs - Number(timestamp) * 1000) > options.maxSkewMs) return "stale timestamp"
  return undefined
}

/**
 * The message of an error with the interaction token blanked out, for logs: discord.js errors carry
 * the webhook URL, and that URL contains the token.
 */
export const redactedMessage = (error: unknown, token: string | undefined): string => {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return token === undefined || token.length === 0 ? text : text.split(token).join("[token]")
}

/**
 * Wire-level helpers of the HTTP side: constant-time comparison (the size-capped body reader is
 * the core's `HttpBody`).
 * Nothing here appears in a public signature.
 *
 * @internal
 */
import * as Crypto from "node:crypto"

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

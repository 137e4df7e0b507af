/**
 * Mattermost-shaped ids: 26 characters from Mattermost's base32 alphabet (what `model.NewId()` makes).
 */
import { randomBytes } from "node:crypto"

const ALPHABET = "ybndrfg8ejkmcpqxot1uwisza345h769"

/** A fresh 26-character id, e.g. "k3q8sd1ttjfg7mrw5a9hy6eb4o". */
export const newId = (): string => {
  const bytes = randomBytes(26)
  let out = ""
  for (const b of bytes) out += ALPHABET[b % 32]
  return out
}

/** A route parameter that is a Mattermost id. */
export const ID = "([a-z0-9]{26})"
/** Any single path segment. */
export const SEG = "([^/]+)"

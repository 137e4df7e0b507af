/**
 * Sending outbox rows to Discord at least once without showing them twice: every message the bot
 * sends for a notification carries a nonce made from the notification id (and the recipient), with
 * `enforce_nonce`, so Discord itself answers a repeated send (a dispatcher that died after sending,
 * before marking the row delivered) with the message it already has. Failures become the core's
 * `DeliveryFailed`: rate limits are waited out by discord.js's REST client itself; a channel or
 * user the bot may not reach is permanent (the row is parked, not retried for ever).
 *
 * @since 0.1.0
 */
import { DeliveryFailed } from "@dugnad/core/Notifier"
import { createHash } from "node:crypto"

/**
 * The nonce of one message of a notification: Discord takes at most 25 characters, so it is a
 * hash of the notification id and the message's place (recipient or channel).
 *
 * @since 0.1.0
 * @category delivery
 */
export const nonceOf = (notificationId: string, place: string): string =>
  BigInt(`0x${createHash("sha256").update(`${notificationId}\u0000${place}`).digest("hex").slice(0, 20)}`)
    .toString(36)
    .slice(0, 25)

// Discord's JSON error codes that no retry can help: unknown channel, user or message; missing
// access or permissions; a user who does not accept DMs from the bot.
const permanentCodes = new Set([10003, 10008, 10013, 50001, 50007, 50013])

/**
 * A failed send as the core's `DeliveryFailed`, with a reason for operators (never the token).
 *
 * @since 0.1.0
 * @category delivery
 */
export const deliveryFailure = (notificationId: string, error: unknown): DeliveryFailed => {
  const status = typeof error === "object" && error !== null && "status" in error ? Number(error.status) : undefined
  const code = typeof error === "object" && error !== null && "code" in error ? Number(error.code) : undefined
  const permanent = (code !== undefined && permanentCodes.has(code)) || status === 403 || status === 404
  const name = error instanceof Error ? error.name : "Error"
  const message = error instanceof Error ? error.message : String(error)
  return new DeliveryFailed({
    notificationId,
    reason: `${name}${status === undefined ? "" : ` ${status}`}${code === undefined || Number.isNaN(code) ? "" : ` (code ${code})`}: ${message}`.slice(0, 500),
    permanent
  })
}

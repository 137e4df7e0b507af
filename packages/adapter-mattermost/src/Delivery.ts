/**
 * Sending outbox rows to Mattermost at least once without showing them twice. Every post the bot
 * makes for a notification carries a `pending_post_id` made from the notification id and the
 * post's place (thread and recipient, DM, channel): Mattermost keeps the pending ids of recent
 * posts (30 s on a real server) and answers a repeated create with the post it already made, so a
 * send retried at once (a timeout after the post was made) shows once. For longer gaps the
 * notifier also remembers, in the process, which places of a notification it has served.
 *
 * Failures become the core's `DeliveryFailed`: a server error (5xx), a network failure or a rate
 * limit (429) is retried by the dispatcher; 400, 403 and 404 (a malformed post, no access, no such
 * channel or user) cannot get better by retrying, so the row is parked.
 *
 * @since 0.1.0
 */
import { DeliveryFailed } from "@dugnad/core/Notifier"
import { createHash } from "node:crypto"

/**
 * The `pending_post_id` of one post of a notification, shaped like the web app's own
 * (`<26 characters>:<13 digits>`), derived from the notification id and the post's place, so the
 * same post gets the same id on every attempt and every process.
 *
 * @since 0.1.0
 * @category delivery
 */
export const pendingPostIdOf = (notificationId: string, place: string): string => {
  const digest = createHash("sha256").update(`${notificationId}\u0000${place}`).digest()
  const head = digest.subarray(0, 13).toString("hex").slice(0, 26)
  const tail = (digest.readBigUInt64BE(16) % 10_000_000_000_000n).toString().padStart(13, "0")
  return `${head}:${tail}`
}

/** Statuses no retry can help. */
const permanentStatuses = new Set([400, 403, 404])

/**
 * The HTTP status of a failed call: `status_code` on Client4's `ClientError`, `status` on others.
 *
 * @since 0.1.0
 * @category delivery
 */
export const statusOf = (error: unknown): number | undefined => {
  if (typeof error !== "object" || error === null) return undefined
  const raw = "status_code" in error ? error.status_code : "status" in error ? error.status : undefined
  const status = Number(raw)
  return raw === undefined || Number.isNaN(status) ? undefined : status
}

/**
 * A failed send as the core's `DeliveryFailed`, with a reason for operators (never the token).
 *
 * @since 0.1.0
 * @category delivery
 */
export const deliveryFailure = (notificationId: string, error: unknown): DeliveryFailed => {
  const status = statusOf(error)
  const id = typeof error === "object" && error !== null && "server_error_id" in error && typeof error.server_error_id === "string"
    ? error.server_error_id
    : undefined
  const name = error instanceof Error ? error.name : "Error"
  const message = error instanceof Error ? error.message : String(error)
  return new DeliveryFailed({
    notificationId,
    reason: `${name}${status === undefined ? "" : ` ${status}`}${id === undefined || id === "" ? "" : ` (${id})`}: ${message}`.slice(0, 500),
    permanent: status !== undefined && permanentStatuses.has(status)
  })
}

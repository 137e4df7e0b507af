/**
 * The attachments of a `/dugnad draft write` between the command and its modal's submission.
 *
 * A modal's custom id is at most 100 characters: the item, the revision, the kind and the networks
 * fit in it, the attachments' URLs do not. So the command keeps them here, in memory, under a short
 * random token that the modal's id carries, for {@link ttlMillis} (15 minutes, Discord's lifetime of
 * an interaction token). The trade-off: a restart of the bot between the command and the submission
 * (or a submission after 15 minutes) finds nothing, and the person is told to run the command again
 * (`Text.draftExpired`); nothing half-made is saved. Several bot processes behind one gateway
 * session are not a concern: Discord sends the submission to the process that has the session.
 *
 * @since 0.1.0
 */
import type { MemberId } from "@dugnad/core/Ids"
import { randomBytes } from "node:crypto"

/** An attachment as the draft will refer to it. */
export interface PendingMedia {
  readonly url: string
  readonly filename: string
  readonly contentType: string | undefined
}

interface Entry {
  readonly member: MemberId
  readonly media: ReadonlyArray<PendingMedia>
  readonly expires: number
}

/** How long attachments wait for their modal: 15 minutes. */
export const ttlMillis = 15 * 60_000

const pending = new Map<string, Entry>()

const prune = (now: number) => {
  for (const [token, entry] of pending) if (entry.expires <= now) pending.delete(token)
}

/** Keeps the attachments of `member`'s command; gives the token for the modal's id (10 characters). */
export const put = (member: MemberId, media: ReadonlyArray<PendingMedia>, now = Date.now()): string => {
  prune(now)
  const token = randomBytes(8).toString("base64url").slice(0, 10)
  pending.set(token, { member, media, expires: now + ttlMillis })
  return token
}

/** The attachments kept under `token` for `member`, or `undefined` when gone (expired, restarted, someone else's). */
export const get = (token: string, member: MemberId, now = Date.now()): ReadonlyArray<PendingMedia> | undefined => {
  prune(now)
  const entry = pending.get(token)
  return entry === undefined || entry.member !== member ? undefined : entry.media
}

/** Forgets the attachments once the draft has them. */
export const remove = (token: string): void => {
  pending.delete(token)
}

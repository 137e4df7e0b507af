/**
 * Signed button contexts. Mattermost POSTs a button click to the button's integration URL
 * **unsigned**, with the `context` the post was made with: anyone who can reach the URL could
 * forge a click. So the context carries what the button does and an HMAC-SHA256 over it with a
 * secret only Dugnad knows (`MATTERMOST_HMAC_SECRET`):
 *
 * ```json
 * { "v": 1, "action": "dg1|approveFacts|k7m2qd|3", "team": "<team id>", "post": "<post id>",
 *   "issued": 1767225600, "mac": "<base64url HMAC-SHA256>" }
 * ```
 *
 * - `action` is the `ChatAction` id (`@dugnad/core/ChatAction`), `team` the workspace's Mattermost
 *   team id, `post` the post the button is on where it is known when signing (a post's id exists
 *   only after it is created: sign again on the `PUT /posts/{id}` that adds buttons to bind them to
 *   the post), `issued` Unix seconds;
 * - the MAC is over `JSON.stringify(["dugnad-mattermost/1", action, team, post ?? null, issued])`,
 *   so no field can be moved into another;
 * - {@link verify} compares MACs with `crypto.timingSafeEqual` and refuses, with a typed
 *   {@link RefusalReason}: `Malformed` (not such an object), `Forged` (wrong MAC: tampered, or
 *   made with another secret), `UnknownAction` (a signed id this version cannot decode),
 *   `Expired` (older than `maxAgeMs`, default 30 days), `NotYetValid` (issued more than
 *   `maxFutureSkewMs` ahead, default 5 minutes), `WrongTeam` / `WrongPost` (the click came from
 *   another team or post than the signed ones; checked only when both sides name one, since
 *   clicks in direct messages carry no team).
 *
 * Dialogs are unsigned too: {@link signState} and {@link verifyState} carry the same context as
 * a string in the dialog's `state`.
 *
 * The secret lives in a `KeyObject` inside {@link Key}; it is never printed or logged.
 *
 * @since 0.1.0
 */
import * as ChatAction from "@dugnad/core/ChatAction"
import * as Crypto from "node:crypto"
import * as Data from "effect/Data"
import * as Either from "effect/Either"
import { equalBytes } from "./internal/wire.js"

/**
 * The environment variable holding the secret.
 *
 * @since 0.1.0
 * @category configuration
 */
export const secretVariable = "MATTERMOST_HMAC_SECRET"

/**
 * The shortest secret accepted, in characters (32 random characters or more; `openssl rand -hex 32`).
 *
 * @since 0.1.0
 * @category configuration
 */
export const minSecretLength = 32

/**
 * Why a context was refused (see the module's description).
 *
 * @since 0.1.0
 * @category errors
 */
export type RefusalReason = "Malformed" | "Forged" | "UnknownAction" | "Expired" | "NotYetValid" | "WrongTeam" | "WrongPost"

/**
 * @since 0.1.0
 * @category errors
 */
export class ContextRefused extends Data.TaggedError("ContextRefused")<{ readonly reason: RefusalReason }> {}

const secretSymbol: unique symbol = Symbol.for("@dugnad/adapter-mattermost/Hmac/secret")

/**
 * The signing key and the age limits. Make it with {@link make}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Key {
  readonly _tag: "HmacKey"
  readonly maxAgeMs: number
  readonly maxFutureSkewMs: number
  /** @internal */
  readonly [secretSymbol]: Crypto.KeyObject
}

/**
 * Makes the key from the secret. Throws a `TypeError` (without the secret in it) when the secret
 * is shorter than {@link minSecretLength}: a configuration error, found at start-up.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  secret: string,
  options: { readonly maxAgeMs?: number; readonly maxFutureSkewMs?: number } = {}
): Key => {
  if (secret.length < minSecretLength) {
    throw new TypeError(`${secretVariable} must be at least ${minSecretLength} characters`)
  }
  const key: Key = {
    _tag: "HmacKey",
    maxAgeMs: options.maxAgeMs ?? 30 * 24 * 60 * 60 * 1000,
    maxFutureSkewMs: options.maxFutureSkewMs ?? 5 * 60 * 1000,
    [secretSymbol]: Crypto.createSecretKey(Buffer.from(secret, "utf8"))
  }
  return key
}

/**
 * What a button is signed for.
 *
 * @since 0.1.0
 * @category models
 */
export interface Claims {
  readonly action: ChatAction.ActionId
  /** The Mattermost team id of the workspace. */
  readonly team: string
  /** The post the button is on, when known. */
  readonly post?: string | undefined
}

/**
 * The context put in a button's `integration.context`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Context {
  readonly v: 1
  readonly action: string
  readonly team: string
  readonly post?: string
  /** Unix seconds. */
  readonly issued: number
  /** base64url HMAC-SHA256. */
  readonly mac: string
}

/**
 * A context that passed {@link verify}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Verified {
  readonly action: ChatAction.ActionId
  /** The encoded action id, as signed. */
  readonly actionId: string
  readonly team: string
  readonly post: string | undefined
  /** Epoch milliseconds. */
  readonly issuedAt: number
}

const macOf = (key: Key, action: string, team: string, post: string | undefined, issued: number): Buffer =>
  Crypto.createHmac("sha256", key[secretSymbol])
    .update(JSON.stringify(["dugnad-mattermost/1", action, team, post ?? null, issued]), "utf8")
    .digest()

/**
 * Signs a button's context, issued at `nowMs`. `undefined` when the action cannot be encoded
 * (`ChatAction.make`): leave the button out, as the core's view builders do.
 *
 * @since 0.1.0
 * @category signing
 */
export const sign = (key: Key, claims: Claims, nowMs: number): Context | undefined => {
  const action = ChatAction.make(claims.action)
  if (action === undefined) return undefined
  const issued = Math.floor(nowMs / 1000)
  const mac = macOf(key, action, claims.team, claims.post, issued).toString("base64url")
  return claims.post === undefined
    ? { v: 1, action, team: claims.team, issued, mac }
    : { v: 1, action, team: claims.team, post: claims.post, issued, mac }
}

/**
 * What the click says about where it came from, for the team and post checks, and the time.
 *
 * @since 0.1.0
 * @category verifying
 */
export interface Check {
  readonly nowMs: number
  /** The click's `team_id` (empty or absent in direct messages: not checked). */
  readonly team?: string | undefined
  /** The click's `post_id` (checked against a signed post only). */
  readonly post?: string | undefined
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const base64url = /^[A-Za-z0-9_-]{43}$/

/**
 * Verifies a context received with a click (any JSON value: it came from the wire).
 *
 * @since 0.1.0
 * @category verifying
 */
export const verify = (key: Key, context: unknown, check: Check): Either.Either<Verified, ContextRefused> => {
  const refuse = (reason: RefusalReason) => Either.left(new ContextRefused({ reason }))
  if (!isRecord(context)) return refuse("Malformed")
  const { v, action, team, post, issued, mac } = context
  if (
    v !== 1 || typeof action !== "string" || typeof team !== "string" ||
    (post !== undefined && typeof post !== "string") ||
    typeof issued !== "number" || !Number.isSafeInteger(issued) || typeof mac !== "string"
  ) return refuse("Malformed")
  if (action.length > 1000 || team.length > 1000 || (post?.length ?? 0) > 1000) return refuse("Malformed")
  const expected = macOf(key, action, team, post, issued)
  const given = base64url.test(mac) ? Buffer.from(mac, "base64url") : Buffer.alloc(0)
  // Always one timingSafeEqual over 32 bytes, whatever was given.
  const valid = equalBytes(expected, given.length === expected.length ? given : Buffer.alloc(expected.length))
  if (!valid || given.length !== expected.length) return refuse("Forged")
  const decoded = ChatAction.decode(action)
  if (Either.isLeft(decoded)) return refuse("UnknownAction")
  const issuedAt = issued * 1000
  if (check.nowMs - issuedAt > key.maxAgeMs) return refuse("Expired")
  if (issuedAt - check.nowMs > key.maxFutureSkewMs) return refuse("NotYetValid")
  if (check.team !== undefined && check.team !== "" && check.team !== team) return refuse("WrongTeam")
  if (post !== undefined && check.post !== undefined && check.post !== "" && check.post !== post) return refuse("WrongPost")
  return Either.right({ action: decoded.right, actionId: action, team, post, issuedAt })
}

/**
 * A signed context as a dialog's `state` string (base64url JSON), or `undefined` as for {@link sign}.
 *
 * @since 0.1.0
 * @category signing
 */
export const signState = (key: Key, claims: Claims, nowMs: number): string | undefined => {
  const context = sign(key, claims, nowMs)
  return context === undefined ? undefined : Buffer.from(JSON.stringify(context), "utf8").toString("base64url")
}

/**
 * Verifies a dialog's `state` made by {@link signState}.
 *
 * @since 0.1.0
 * @category verifying
 */
export const verifyState = (key: Key, state: unknown, check: Check): Either.Either<Verified, ContextRefused> => {
  if (typeof state !== "string" || state.length > 4000 || !/^[A-Za-z0-9_-]*$/.test(state)) {
    return Either.left(new ContextRefused({ reason: "Malformed" }))
  }
  let context: unknown
  try {
    context = JSON.parse(Buffer.from(state, "base64url").toString("utf8"))
  } catch {
    return Either.left(new ContextRefused({ reason: "Malformed" }))
  }
  return verify(key, context, check)
}

/**
 * A signer in the shape `Render.SignContext` takes: `(encoded action id, workspace) → context`,
 * issued at `now()`. The workspace is signed as the context's `team`; when it is a Dugnad
 * workspace id rather than the Mattermost team id, give `Http` a `workspaceOfTeam` so the team
 * check compares like with like. An id that does not decode is signed as it is (and refused as
 * `UnknownAction` when clicked).
 *
 * @since 0.1.0
 * @category signing
 */
export const signer = (key: Key, now: () => number = Date.now) =>
(action: string, workspace: string): Record<string, unknown> => {
  const issued = Math.floor(now() / 1000)
  const mac = macOf(key, action, workspace, undefined, issued).toString("base64url")
  return { v: 1, action, team: workspace, issued, mac }
}

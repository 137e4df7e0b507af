/**
 * People, their roles, and the organisation goals they work towards.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { GoalId, MemberId, WorkspaceId } from "./Ids.js"
import { exactOptional } from "./internal/schema.js"

/** An optional field that is either absent or set, never `undefined`: what is stored is what is read. */

/**
 * What a person may do (DESIGN §2). Everyone is a `member`; the others add authority. A person can
 * hold several roles.
 *
 * @since 0.1.0
 * @category roles
 */
export const Role = Schema.Literal("member", "expert", "manager", "advisor")
/** @since 0.1.0 @category roles */
export type Role = typeof Role.Type

/**
 * The interface languages: Norwegian Bokmål and English.
 *
 * @since 0.1.0
 * @category workspace
 */
export const Locale = Schema.Literal("nb", "en")
/** @since 0.1.0 @category workspace */
export type Locale = typeof Locale.Type

/**
 * When to remind before something is due: `"never"`, or so many hours before.
 *
 * @since 0.1.0
 * @category workspaces
 */
export const ReminderPolicy = Schema.Union(
  Schema.Literal("never"),
  Schema.Struct({ hoursBefore: Schema.Int.pipe(Schema.positive()) })
)
/** @since 0.1.0 @category workspaces */
export type ReminderPolicy = typeof ReminderPolicy.Type

/**
 * A workspace: the isolation boundary for every command and query.
 *
 * @since 0.1.0
 * @category workspace
 */
export class Workspace extends Schema.Class<Workspace>("@dugnad/Workspace")({
  id: WorkspaceId,
  name: Schema.NonEmptyTrimmedString,
  locale: Locale,
  timeZone: Schema.NonEmptyTrimmedString,
  /** When reviewers are reminded before a review's due time (default a day before; "never"). */
  reviewReminder: exactOptional(ReminderPolicy),
  /** Days after publication the advisor is reminded to record results (default 2 and 7). */
  checkInDays: exactOptional(Schema.Array(Schema.Int.pipe(Schema.positive()))),
  /**
   * When a post is a success: at or above `percentile` among at least `minHistory` comparable
   * posts (default the top quartile, 75, among 5).
   */
  successThreshold: exactOptional(Schema.Struct({
    percentile: Schema.Number.pipe(Schema.between(0, 100)),
    minHistory: Schema.Int.pipe(Schema.positive())
  }))
}) {}

/**
 * A person in the member directory. A `handle` is unique within its workspace and is what people
 * type (`@kari`); `fields` are the subject fields an expert knows.
 *
 * @since 0.1.0
 * @category members
 */
export class Member extends Schema.Class<Member>("@dugnad/Member")({
  id: MemberId,
  workspaceId: WorkspaceId,
  handle: Schema.NonEmptyTrimmedString,
  name: Schema.NonEmptyTrimmedString,
  roles: Schema.Array(Role),
  department: exactOptional(Schema.NonEmptyTrimmedString),
  fields: Schema.Array(Schema.NonEmptyTrimmedString),
  locale: exactOptional(Locale)
}) {}

/**
 * An organisation goal. Ideas and posts are tied to goals so results roll up per goal.
 *
 * @since 0.1.0
 * @category goals
 */
export class Goal extends Schema.Class<Goal>("@dugnad/Goal")({
  id: GoalId,
  workspaceId: WorkspaceId,
  title: Schema.NonEmptyTrimmedString,
  description: exactOptional(Schema.String)
}) {}

/**
 * Who is acting, with the roles the directory gives them at that moment. Commands are decided
 * against the actor, so authority is checked where the rules live.
 *
 * @since 0.1.0
 * @category members
 */
export interface Actor {
  readonly id: MemberId
  readonly roles: ReadonlyArray<Role>
}

/**
 * Whether an actor holds a role. Everyone holds `member`.
 *
 * @since 0.1.0
 * @category roles
 */
export const hasRole = (actor: Actor, role: Role): boolean => role === "member" || actor.roles.includes(role)

/**
 * The canonical form of a handle: lower case, without a leading `@`. Handles are compared in this
 * form, so `@Kari` and `kari` are the same person.
 *
 * @since 0.1.0
 * @category members
 */
export const normaliseHandle = (handle: string): string => handle.trim().replace(/^@/, "").toLowerCase()

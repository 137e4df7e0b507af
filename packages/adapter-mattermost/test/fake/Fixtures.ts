/**
 * The fake Mattermost's fixtures: how a test describes users, the team, channels and groups, the
 * defaults (team "dugnad"; channels "town-square" and "content"; the bot, alice the team admin, bob,
 * carol; custom groups "advisors" and "experts"), and the JSON shapes Mattermost answers with.
 */

/** How a test describes a user. */
export interface UserSpec {
  readonly username: string
  /** The user's Mattermost locale (`user.locale`). Default "en". */
  readonly locale?: string
  /** Team admin of the team: team member roles "team_user team_admin". */
  readonly teamAdmin?: boolean
  /** System admin: user roles "system_user system_admin". */
  readonly systemAdmin?: boolean
  /** Names of custom user groups the user is in (created when missing). */
  readonly groups?: ReadonlyArray<string>
  readonly firstName?: string
  readonly lastName?: string
  readonly nickname?: string
  /** Not a member of the team (GET /teams/{team}/members/{user} answers 404). */
  readonly outsideTeam?: boolean
}

/** How a test describes a channel of the team. */
export interface ChannelSpec {
  readonly name: string
  readonly displayName?: string
  /** "O" public (default) or "P" private. */
  readonly type?: "O" | "P"
}

export const DEFAULT_USERS: ReadonlyArray<UserSpec> = [
  { username: "alice", teamAdmin: true, locale: "en", groups: ["advisors"], firstName: "Alice", lastName: "Admin" },
  { username: "bob", locale: "nb", groups: ["experts"], firstName: "Bob", lastName: "Berg" },
  { username: "carol", locale: "en", firstName: "Carol", lastName: "Christensen" }
]

export const DEFAULT_CHANNELS: ReadonlyArray<ChannelSpec> = [
  { name: "town-square", displayName: "Town Square" },
  { name: "content", displayName: "Content" }
]

export const DEFAULT_GROUPS: ReadonlyArray<string> = ["advisors", "experts"]

/** A user as GET /users/... returns it (sanitized: no password, no auth data). */
export interface MmUser {
  readonly id: string
  readonly create_at: number
  update_at: number
  delete_at: number
  readonly username: string
  first_name: string
  last_name: string
  nickname: string
  email: string
  email_verified: boolean
  auth_service: string
  roles: string
  locale: string
  is_bot: boolean
  bot_description?: string
  position: string
  props: Record<string, string>
  notify_props: Record<string, string>
  timezone: { automaticTimezone: string; manualTimezone: string; useAutomaticTimezone: string }
  disable_welcome_email: boolean
  last_picture_update: number
}

export interface MmTeam {
  readonly id: string
  readonly create_at: number
  update_at: number
  delete_at: number
  display_name: string
  readonly name: string
  description: string
  email: string
  type: "O" | "I"
  company_name: string
  allowed_domains: string
  invite_id: string
  allow_open_invite: boolean
  scheme_id: string | null
  group_constrained: boolean | null
  policy_id: string | null
}

export interface MmTeamMember {
  readonly team_id: string
  readonly user_id: string
  /** Space-separated: "team_user", plus "team_admin" for admins. */
  roles: string
  delete_at: number
  scheme_guest: boolean
  scheme_user: boolean
  scheme_admin: boolean
  explicit_roles: string
}

export interface MmChannel {
  readonly id: string
  readonly create_at: number
  update_at: number
  delete_at: number
  /** "" for direct channels. */
  readonly team_id: string
  /** "O" open, "P" private, "D" direct, "G" group. */
  readonly type: "O" | "P" | "D" | "G"
  display_name: string
  readonly name: string
  header: string
  purpose: string
  last_post_at: number
  last_root_post_at: number
  total_msg_count: number
  total_msg_count_root: number
  extra_update_at: number
  creator_id: string
  scheme_id: string | null
  group_constrained: boolean | null
  shared: boolean | null
}

export interface MmGroup {
  readonly id: string
  readonly name: string
  display_name: string
  description: string
  /** "custom" for Mattermost custom user groups (LDAP groups are "ldap"). */
  source: string
  remote_id: string | null
  readonly create_at: number
  update_at: number
  delete_at: number
  has_syncables: boolean
  allow_reference: boolean
  member_count: number
}

/** `props.attachments[].actions[]` of a post. */
export interface MmAction {
  id?: string
  name?: string
  type?: string
  style?: string
  data_source?: string
  options?: ReadonlyArray<{ text: string; value: string }>
  integration?: { url?: string; context?: Record<string, unknown> }
  [key: string]: unknown
}

export interface MmPost {
  readonly id: string
  readonly create_at: number
  update_at: number
  edit_at: number
  delete_at: number
  is_pinned: boolean
  readonly user_id: string
  readonly channel_id: string
  readonly root_id: string
  original_id: string
  message: string
  type: string
  props: Record<string, unknown>
  hashtags: string
  file_ids: Array<string>
  pending_post_id: string
  reply_count: number
  last_reply_at: number
  participants: null
  has_reactions: boolean
  metadata: { files?: Array<MmFileInfo>; [key: string]: unknown }
}

export interface MmFileInfo {
  readonly id: string
  readonly user_id: string
  post_id: string
  readonly channel_id: string
  readonly create_at: number
  update_at: number
  delete_at: number
  readonly name: string
  readonly extension: string
  readonly size: number
  readonly mime_type: string
  readonly width: number
  readonly height: number
  readonly has_preview_image: boolean
  readonly mini_preview: null
}

/** `{order, posts, next_post_id, prev_post_id, has_next}` as the post list routes answer. */
export interface MmPostList {
  readonly order: ReadonlyArray<string>
  readonly posts: Readonly<Record<string, MmPost>>
  readonly next_post_id: string
  readonly prev_post_id: string
  readonly has_next: boolean
}

export const makeUser = (id: string, spec: UserSpec & { readonly bot?: boolean }, now: number): MmUser => ({
  id,
  create_at: now,
  update_at: now,
  delete_at: 0,
  username: spec.username,
  first_name: spec.firstName ?? "",
  last_name: spec.lastName ?? "",
  nickname: spec.nickname ?? "",
  email: `${spec.username}@dugnad.test`,
  email_verified: true,
  auth_service: "",
  roles: spec.systemAdmin === true ? "system_user system_admin" : "system_user",
  locale: spec.locale ?? "en",
  is_bot: spec.bot === true,
  ...(spec.bot === true ? { bot_description: "Dugnad" } : {}),
  position: "",
  props: {},
  notify_props: { desktop: "default", email: "true", mention_keys: "", push: "mention", channel: "true" },
  timezone: { automaticTimezone: "Europe/Oslo", manualTimezone: "", useAutomaticTimezone: "true" },
  disable_welcome_email: false,
  last_picture_update: 0
})

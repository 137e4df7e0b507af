/**
 * The fake Mattermost's state: users (with tokens), the team and its members, channels (incl. direct
 * channels), custom groups, posts, uploaded files, trigger ids, opened dialogs and ephemeral posts.
 * The REST routes, the WebSocket and the outgoing calls share it.
 */
import {
  type ChannelSpec,
  DEFAULT_CHANNELS,
  DEFAULT_GROUPS,
  DEFAULT_USERS,
  makeUser,
  type MmAction,
  type MmChannel,
  type MmFileInfo,
  type MmGroup,
  type MmPost,
  type MmPostList,
  type MmTeam,
  type MmTeamMember,
  type MmUser,
  type UserSpec
} from "./Fixtures.js"
import type { ReceivedFile } from "./Http.js"
import { newId } from "./Ids.js"

export interface WorldOptions {
  readonly token: string
  readonly botUsername: string
  readonly teamName: string
  readonly teamDisplayName: string
  readonly users: ReadonlyArray<UserSpec>
  readonly channels: ReadonlyArray<ChannelSpec>
  readonly groups: ReadonlyArray<string>
}

export const defaultWorldOptions = {
  token: "fake-bot-token",
  botUsername: "dugnad",
  teamName: "dugnad",
  teamDisplayName: "Dugnad",
  users: DEFAULT_USERS,
  channels: DEFAULT_CHANNELS,
  groups: DEFAULT_GROUPS
} satisfies WorldOptions

/** A trigger id the fake handed out (slash command or button press): valid once, for a few seconds. */
export interface TriggerRecord {
  readonly id: string
  readonly userId: string
  readonly channelId: string
  readonly teamId: string
  readonly issuedAt: number
  usedAt?: number
}

/** A dialog the integration opened through POST /actions/dialogs/open. */
export interface OpenedDialog {
  readonly triggerId: string
  /** Where Mattermost will POST the submission. */
  readonly url: string
  /** `{callback_id, title, elements, submit_label, notify_on_cancel, state, ...}` as sent. */
  readonly dialog: Record<string, unknown>
  /** Who the dialog opened for (the user of the trigger) and where. */
  readonly userId: string
  readonly channelId: string
  readonly teamId: string
  readonly at: number
}

/** A post shown only to one user: an ephemeral command/action reply or POST /posts/ephemeral. */
export interface EphemeralRecord {
  readonly userId: string
  readonly channelId: string
  readonly message: string
  readonly props: Record<string, unknown>
  readonly via: "command" | "response_url" | "action" | "rest"
  readonly at: number
}

const PENDING_POST_CACHE_MS = 30_000
export const MAX_FILES_PER_POST = 10

const clone = <A>(a: A): A => structuredClone(a)

/** The post as Mattermost sends it to clients: action `integration` (url, context) stripped. */
export const stripActionIntegrations = (post: MmPost): MmPost => {
  const copy = clone(post)
  const attachments = copy.props["attachments"]
  if (Array.isArray(attachments)) {
    for (const attachment of attachments as Array<{ actions?: Array<MmAction> }>) {
      for (const action of attachment.actions ?? []) delete action.integration
    }
  }
  return copy
}

export class World {
  readonly bot: MmUser
  readonly team: MmTeam
  readonly users = new Map<string, MmUser>()
  /** token → user id. The bot's token plus one per user (`user-token-<username>`). */
  readonly tokens = new Map<string, string>()
  readonly teamMembers = new Map<string, MmTeamMember>()
  readonly channels = new Map<string, MmChannel>()
  readonly groups = new Map<string, MmGroup>()
  /** group id → user ids */
  readonly groupMembers = new Map<string, Set<string>>()
  /** Posts by id, in creation order (Map order). Stored WITH action integrations. */
  readonly posts = new Map<string, MmPost>()
  readonly files = new Map<string, { info: MmFileInfo; bytes: Buffer }>()
  readonly triggers = new Map<string, TriggerRecord>()
  readonly dialogs: Array<OpenedDialog> = []
  readonly ephemerals: Array<EphemeralRecord> = []
  /** pending_post_id → the post created with it and when. */
  readonly pendingPosts = new Map<string, { postId: string; at: number }>()
  pendingPostCacheMs = PENDING_POST_CACHE_MS

  constructor(readonly options: WorldOptions) {
    const now = Date.now()
    this.bot = makeUser(newId(), { username: options.botUsername, firstName: "Dugnad", bot: true }, now)
    this.#addUser(this.bot, options.token)
    this.team = {
      id: newId(),
      create_at: now,
      update_at: now,
      delete_at: 0,
      display_name: options.teamDisplayName,
      name: options.teamName,
      description: "",
      email: "admin@dugnad.test",
      type: "O",
      company_name: "",
      allowed_domains: "",
      invite_id: newId(),
      allow_open_invite: false,
      scheme_id: null,
      group_constrained: false,
      policy_id: null
    }
    this.#addTeamMember(this.bot.id, false)
    for (const name of options.groups) this.#group(name)
    for (const spec of options.users) {
      const user = makeUser(newId(), spec, now)
      this.#addUser(user, `user-token-${spec.username}`)
      if (spec.outsideTeam !== true) this.#addTeamMember(user.id, spec.teamAdmin === true)
      for (const g of spec.groups ?? []) this.groupMembers.get(this.#group(g).id)!.add(user.id)
    }
    for (const spec of options.channels) {
      const channel = this.#makeChannel(this.team.id, spec.type ?? "O", spec.name, spec.displayName ?? spec.name)
      this.channels.set(channel.id, channel)
    }
    for (const g of this.groups.values()) g.member_count = this.groupMembers.get(g.id)?.size ?? 0
  }

  #addUser(user: MmUser, token: string): void {
    this.users.set(user.id, user)
    this.tokens.set(token, user.id)
  }

  #addTeamMember(userId: string, admin: boolean): void {
    this.teamMembers.set(userId, {
      team_id: this.team.id,
      user_id: userId,
      roles: admin ? "team_user team_admin" : "team_user",
      delete_at: 0,
      scheme_guest: false,
      scheme_user: true,
      scheme_admin: admin,
      explicit_roles: ""
    })
  }

  #group(name: string): MmGroup {
    for (const g of this.groups.values()) if (g.name === name) return g
    const now = Date.now()
    const group: MmGroup = {
      id: newId(),
      name,
      display_name: name[0]!.toUpperCase() + name.slice(1),
      description: "",
      source: "custom",
      remote_id: null,
      create_at: now,
      update_at: now,
      delete_at: 0,
      has_syncables: false,
      allow_reference: true,
      member_count: 0
    }
    this.groups.set(group.id, group)
    this.groupMembers.set(group.id, new Set())
    return group
  }

  #makeChannel(teamId: string, type: MmChannel["type"], name: string, displayName: string): MmChannel {
    const now = Date.now()
    return {
      id: newId(),
      create_at: now,
      update_at: now,
      delete_at: 0,
      team_id: teamId,
      type,
      display_name: displayName,
      name,
      header: "",
      purpose: "",
      last_post_at: now,
      last_root_post_at: now,
      total_msg_count: 0,
      total_msg_count_root: 0,
      extra_update_at: 0,
      creator_id: "",
      scheme_id: null,
      group_constrained: null,
      shared: null
    }
  }

  /** A user by username or id; throws when there is none. */
  user(usernameOrId: string): MmUser {
    const byId = this.users.get(usernameOrId)
    if (byId !== undefined) return byId
    for (const u of this.users.values()) if (u.username === usernameOrId) return u
    throw new Error(`FakeMattermost: no user ${usernameOrId}`)
  }

  findUserByName(username: string): MmUser | undefined {
    for (const u of this.users.values()) if (u.username === username) return u
    return undefined
  }

  /** A channel by id, or a team channel by name; throws when there is none. */
  channel(nameOrId: string): MmChannel {
    const byId = this.channels.get(nameOrId)
    if (byId !== undefined) return byId
    for (const c of this.channels.values()) if (c.team_id === this.team.id && c.name === nameOrId) return c
    throw new Error(`FakeMattermost: no channel ${nameOrId}`)
  }

  /** A custom group by name or id; throws when there is none. */
  group(nameOrId: string): MmGroup {
    const byId = this.groups.get(nameOrId)
    if (byId !== undefined) return byId
    for (const g of this.groups.values()) if (g.name === nameOrId) return g
    throw new Error(`FakeMattermost: no group ${nameOrId}`)
  }

  groupsOf(userId: string): Array<MmGroup> {
    return [...this.groups.values()].filter((g) => this.groupMembers.get(g.id)?.has(userId) === true)
  }

  /** The direct channel of two users: created on first use, the same one afterwards. Name "<id>__<id>" (sorted). */
  directChannel(a: string, b: string): MmChannel {
    const name = [a, b].sort().join("__")
    for (const c of this.channels.values()) if (c.type === "D" && c.name === name) return c
    const channel = this.#makeChannel("", "D", name, "")
    channel.creator_id = a
    this.channels.set(channel.id, channel)
    return channel
  }

  /** A fresh trigger id for `userId` in `channelId` (Mattermost's are opaque strings with a signature). */
  issueTrigger(userId: string, channelId: string): TriggerRecord {
    const record: TriggerRecord = {
      id: `${newId()}:${userId}:${Date.now()}:${Buffer.from(newId()).toString("base64url")}`,
      userId,
      channelId,
      teamId: this.channel(channelId).team_id || this.team.id,
      issuedAt: Date.now()
    }
    this.triggers.set(record.id, record)
    return record
  }

  /** Stores a file upload; returns its FileInfo. */
  addFile(userId: string, channelId: string, file: ReceivedFile): MmFileInfo {
    const now = Date.now()
    const dot = file.filename.lastIndexOf(".")
    const info: MmFileInfo = {
      id: newId(),
      user_id: userId,
      post_id: "",
      channel_id: channelId,
      create_at: now,
      update_at: now,
      delete_at: 0,
      name: file.filename,
      extension: dot < 0 ? "" : file.filename.slice(dot + 1).toLowerCase(),
      size: file.bytes.length,
      mime_type: file.contentType,
      width: 0,
      height: 0,
      has_preview_image: false,
      mini_preview: null
    }
    this.files.set(info.id, { info, bytes: file.bytes })
    return info
  }

  /** The stored post (with integrations), or undefined. */
  post(id: string): MmPost | undefined {
    return this.posts.get(id)
  }

  /** Posts of a channel, oldest first. */
  postsIn(channelId: string): Array<MmPost> {
    return [...this.posts.values()].filter((p) => p.channel_id === channelId && p.delete_at === 0)
  }

  /** The post with this pending_post_id if it was created less than 30 s ago. */
  pendingPost(pendingPostId: string): MmPost | undefined {
    const seen = this.pendingPosts.get(pendingPostId)
    if (seen === undefined || Date.now() - seen.at >= this.pendingPostCacheMs) return undefined
    return this.posts.get(seen.postId)
  }

  /**
   * Creates and stores a post. `fields` is the request body (message, root_id, props, file_ids,
   * pending_post_id, type). Action ids are generated where missing (as Mattermost does). Valid
   * `file_ids` (uploaded by the same user to the same channel, not yet attached) are attached; others
   * are dropped. Callers validate channel and root first.
   */
  createPost(userId: string, channelId: string, fields: Record<string, unknown>): MmPost {
    const now = Date.now()
    const props = (typeof fields["props"] === "object" && fields["props"] !== null ? clone(fields["props"]) : {}) as Record<string, unknown>
    const attachments = props["attachments"]
    if (Array.isArray(attachments)) {
      for (const attachment of attachments as Array<{ actions?: Array<MmAction> }>) {
        for (const action of attachment.actions ?? []) if (typeof action.id !== "string" || action.id === "") action.id = newId()
      }
    }
    const rootId = typeof fields["root_id"] === "string" ? fields["root_id"] : ""
    const post: MmPost = {
      id: newId(),
      create_at: now,
      update_at: now,
      edit_at: 0,
      delete_at: 0,
      is_pinned: fields["is_pinned"] === true,
      user_id: userId,
      channel_id: channelId,
      root_id: rootId,
      original_id: "",
      message: typeof fields["message"] === "string" ? fields["message"] : "",
      type: typeof fields["type"] === "string" ? fields["type"] : "",
      props,
      hashtags: "",
      file_ids: [],
      pending_post_id: typeof fields["pending_post_id"] === "string" ? fields["pending_post_id"] : "",
      reply_count: 0,
      last_reply_at: 0,
      participants: null,
      has_reactions: false,
      metadata: {}
    }
    this.#attachFiles(post, fields["file_ids"])
    this.posts.set(post.id, post)
    const channel = this.channels.get(channelId)
    if (channel !== undefined) {
      channel.last_post_at = now
      channel.total_msg_count += 1
      if (rootId === "") {
        channel.last_root_post_at = now
        channel.total_msg_count_root += 1
      }
    }
    if (rootId !== "") {
      const root = this.posts.get(rootId)
      if (root !== undefined) {
        root.reply_count += 1
        root.last_reply_at = now
      }
    }
    if (post.pending_post_id !== "") this.pendingPosts.set(post.pending_post_id, { postId: post.id, at: now })
    return post
  }

  #attachFiles(post: MmPost, fileIds: unknown): void {
    if (!Array.isArray(fileIds)) return
    const infos: Array<MmFileInfo> = []
    for (const id of fileIds.slice(0, MAX_FILES_PER_POST)) {
      const file = typeof id === "string" ? this.files.get(id) : undefined
      if (file === undefined || file.info.user_id !== post.user_id || file.info.channel_id !== post.channel_id) continue
      if (file.info.post_id !== "" && file.info.post_id !== post.id) continue
      file.info.post_id = post.id
      infos.push(file.info)
    }
    post.file_ids = infos.map((i) => i.id)
    if (infos.length > 0) post.metadata.files = infos
    else delete post.metadata.files
  }

  /** PUT /posts/{id}: message, props, file_ids, is_pinned, has_reactions replaced. */
  updatePost(post: MmPost, body: Record<string, unknown>): MmPost {
    post.message = typeof body["message"] === "string" ? body["message"] : ""
    post.props = (typeof body["props"] === "object" && body["props"] !== null ? clone(body["props"]) : {}) as Record<string, unknown>
    if (Array.isArray(body["file_ids"])) this.#attachFiles(post, body["file_ids"])
    if (typeof body["is_pinned"] === "boolean") post.is_pinned = body["is_pinned"]
    return this.#edited(post)
  }

  /** PUT /posts/{id}/patch: only the fields present (message, props, file_ids, is_pinned, has_reactions). */
  patchPost(post: MmPost, body: Record<string, unknown>): MmPost {
    if (typeof body["message"] === "string") post.message = body["message"]
    if (typeof body["props"] === "object" && body["props"] !== null) post.props = clone(body["props"]) as Record<string, unknown>
    if (Array.isArray(body["file_ids"])) this.#attachFiles(post, body["file_ids"])
    if (typeof body["is_pinned"] === "boolean") post.is_pinned = body["is_pinned"]
    if (typeof body["has_reactions"] === "boolean") post.has_reactions = body["has_reactions"]
    return this.#edited(post)
  }

  #edited(post: MmPost): MmPost {
    const now = Math.max(Date.now(), post.update_at + 1)
    post.edit_at = now
    post.update_at = now
    const attachments = post.props["attachments"]
    if (Array.isArray(attachments)) {
      for (const attachment of attachments as Array<{ actions?: Array<MmAction> }>) {
        for (const action of attachment.actions ?? []) if (typeof action.id !== "string" || action.id === "") action.id = newId()
      }
    }
    return post
  }

  /** A PostList of these posts (given oldest first): newest first in `order`, integrations stripped. */
  postList(posts: ReadonlyArray<MmPost>): MmPostList {
    const sorted = [...posts].reverse() // callers pass creation order
    return {
      order: sorted.map((p) => p.id),
      posts: Object.fromEntries(sorted.map((p) => [p.id, stripActionIntegrations(p)])),
      next_post_id: "",
      prev_post_id: "",
      has_next: false
    }
  }
}

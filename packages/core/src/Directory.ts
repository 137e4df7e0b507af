/**
 * The directory port: workspaces, their members (with roles, department and subject fields) and
 * their goals. Every lookup names its workspace; nothing is found across workspaces.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { HandleTaken, UnknownGoal, UnknownMember, UnknownWorkspace, WorkspaceExists } from "./Errors.js"
import type { GoalId, MemberId, WorkspaceId } from "./Ids.js"
import * as MemoryDirectory from "./internal/memoryDirectory.js"
import type { Goal, Member, Workspace } from "./Member.js"
import type { PrimerOverride } from "./Primer.js"

/**
 * What a directory does.
 *
 * @since 0.1.0
 * @category port
 */
export interface DirectoryService {
  readonly createWorkspace: (workspace: Workspace) => Effect.Effect<void, WorkspaceExists>
  readonly workspace: (id: WorkspaceId) => Effect.Effect<Workspace, UnknownWorkspace>
  /** Replaces a workspace's settings (name, locale, time zone, reminders). */
  readonly updateWorkspace: (workspace: Workspace) => Effect.Effect<void, UnknownWorkspace>
  /** Every workspace, by id (the schedulers go through them all). */
  readonly workspaces: Effect.Effect<ReadonlyArray<Workspace>>
  /** Adds a member or replaces the one with the same id. Handles are unique per workspace. */
  readonly putMember: (member: Member) => Effect.Effect<void, HandleTaken | UnknownWorkspace>
  readonly member: (workspace: WorkspaceId, id: MemberId) => Effect.Effect<Member, UnknownMember>
  /** Finds a member by handle, ignoring case and a leading `@`. */
  readonly memberByHandle: (workspace: WorkspaceId, handle: string) => Effect.Effect<Member, UnknownMember>
  readonly members: (workspace: WorkspaceId) => Effect.Effect<ReadonlyArray<Member>>
  readonly putGoal: (goal: Goal) => Effect.Effect<void, UnknownWorkspace>
  readonly goal: (workspace: WorkspaceId, id: GoalId) => Effect.Effect<Goal, UnknownGoal>
  readonly goals: (workspace: WorkspaceId) => Effect.Effect<ReadonlyArray<Goal>>
  /** Stores a workspace's own primer entry, or its version of a built-in one (per id and language). */
  readonly putPrimerEntry: (workspace: WorkspaceId, entry: PrimerOverride) => Effect.Effect<void, UnknownWorkspace>
  /** A workspace's own primer entries, every language. */
  readonly primerEntries: (workspace: WorkspaceId) => Effect.Effect<ReadonlyArray<PrimerOverride>>
}

/**
 * The directory port.
 *
 * @since 0.1.0
 * @category port
 */
export class Directory extends Context.Tag("@dugnad/core/Directory")<Directory, DirectoryService>() {
  /**
   * An in-memory directory.
   *
   * @since 0.1.0
   */
  static readonly layerMemory: Layer.Layer<Directory> = Layer.effect(Directory, MemoryDirectory.make)
}

/**
 * Setting up a team: a workspace with its founding advisor, members with roles, and goals.
 * Advisors and managers manage the directory and the goals; everyone else may read them.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import { Directory } from "./Directory.js"
import { InvalidCommand, NotAuthorized } from "./Errors.js"
import { GoalId, MemberId, WorkspaceId } from "./Ids.js"
import { shortId } from "./internal/ids.js"
import { decodeOverride, resolve } from "./Primer.js"
import { Goal, hasRole, type Locale, Member, normaliseHandle, type Role, Workspace } from "./Member.js"

/**
 * A person to add to the directory.
 *
 * @since 0.1.0
 * @category model
 */
export interface NewMember {
  /** Give the id a chat platform or an identity provider uses; a short one is made otherwise. */
  readonly id?: MemberId | undefined
  readonly handle: string
  readonly name: string
  readonly roles?: ReadonlyArray<Role> | undefined
  readonly department?: string | undefined
  readonly fields?: ReadonlyArray<string> | undefined
  readonly locale?: Locale | undefined
}

/**
 * A new workspace and the advisor who founds it.
 *
 * @since 0.1.0
 * @category model
 */
export interface NewWorkspace {
  readonly id?: WorkspaceId | undefined
  readonly name: string
  readonly locale: Locale
  /** An IANA time zone; meetings default to Europe/Oslo. */
  readonly timeZone?: string | undefined
  readonly founder: NewMember
}

const handlePattern = /^[a-z0-9][a-z0-9._-]{0,31}$/

const memberFrom = (workspace: WorkspaceId, id: MemberId, input: NewMember, roles: ReadonlyArray<Role>) =>
  Effect.gen(function*() {
    const handle = normaliseHandle(input.handle)
    if (!handlePattern.test(handle)) {
      return yield* new InvalidCommand({ command: "AddMember", field: "handle", reason: "not_allowed" })
    }
    if (input.name.trim() === "") {
      return yield* new InvalidCommand({ command: "AddMember", field: "name", reason: "required" })
    }
    const department = input.department?.trim()
    return Member.make({
      id,
      workspaceId: workspace,
      handle,
      name: input.name.trim(),
      roles: [...new Set<Role>(["member", ...roles])],
      fields: (input.fields ?? []).map((field) => field.trim()).filter((field) => field !== ""),
      ...(department === undefined || department === "" ? {} : { department }),
      ...(input.locale === undefined ? {} : { locale: input.locale })
    })
  })

const newMemberId = (input: NewMember) =>
  input.id === undefined ? Effect.map(shortId(8), (id) => MemberId.make(`m-${id}`)) : Effect.succeed(input.id)

/**
 * Creates a workspace; its founder joins as an advisor.
 *
 * @since 0.1.0
 * @category workspaces
 */
export const createWorkspace = Effect.fn("Team.createWorkspace")(function*(input: NewWorkspace) {
  const directory = yield* Directory
  if (input.name.trim() === "") {
    return yield* new InvalidCommand({ command: "CreateWorkspace", field: "name", reason: "required" })
  }
  const id = input.id ?? WorkspaceId.make(`w-${yield* shortId(8)}`)
  const workspace = Workspace.make({
    id,
    name: input.name.trim(),
    locale: input.locale,
    timeZone: input.timeZone ?? "Europe/Oslo"
  })
  const founder = yield* memberFrom(id, yield* newMemberId(input.founder), input.founder, [
    "advisor",
    ...(input.founder.roles ?? [])
  ])
  yield* directory.createWorkspace(workspace)
  yield* directory.putMember(founder)
  return { workspace, founder }
})

const requireSteward = (workspace: WorkspaceId, actor: MemberId, command: string) =>
  Effect.gen(function*() {
    const directory = yield* Directory
    const member = yield* directory.member(workspace, actor)
    if (!hasRole(member, "advisor") && !hasRole(member, "manager")) {
      return yield* new NotAuthorized({ actor, command, rule: "advisor_or_manager" })
    }
    return member
  })

/**
 * Adds a member. Only advisors and managers may.
 *
 * @since 0.1.0
 * @category members
 */
export const addMember = Effect.fn("Team.addMember")(function*(workspace: WorkspaceId, actor: MemberId, input: NewMember) {
  const directory = yield* Directory
  yield* requireSteward(workspace, actor, "AddMember")
  const member = yield* memberFrom(workspace, yield* newMemberId(input), input, input.roles ?? [])
  yield* directory.putMember(member)
  return member
})

/**
 * Gives a member exactly these roles (everyone keeps `member`). Only advisors and managers may.
 *
 * @since 0.1.0
 * @category members
 */
export const setRoles = Effect.fn("Team.setRoles")(function*(
  workspace: WorkspaceId,
  actor: MemberId,
  member: MemberId,
  roles: ReadonlyArray<Role>
) {
  const directory = yield* Directory
  yield* requireSteward(workspace, actor, "SetRoles")
  const current = yield* directory.member(workspace, member)
  const updated = Member.make({ ...current, roles: [...new Set<Role>(["member", ...roles])] })
  yield* directory.putMember(updated)
  return updated
})

/**
 * Registers an organisation goal. Only advisors and managers may. Goals are numbered `G1`, `G2`, …
 * within the workspace.
 *
 * @since 0.1.0
 * @category goals
 */
export const addGoal = Effect.fn("Team.addGoal")(function*(
  workspace: WorkspaceId,
  actor: MemberId,
  input: { readonly title: string; readonly description?: string | undefined }
) {
  const directory = yield* Directory
  yield* requireSteward(workspace, actor, "AddGoal")
  if (input.title.trim() === "") {
    return yield* new InvalidCommand({ command: "AddGoal", field: "title", reason: "required" })
  }
  const existing = yield* directory.goals(workspace)
  const goal = Goal.make({
    id: GoalId.make(`G${existing.length + 1}`),
    workspaceId: workspace,
    title: input.title.trim(),
    ...(input.description === undefined || input.description.trim() === ""
      ? {}
      : { description: input.description.trim() })
  })
  yield* directory.putGoal(goal)
  return goal
})

/**
 * Stores the workspace's own version of a primer entry (a built-in id) or a new entry (a custom
 * id), in one language. Only advisors may: the primer is their knowledge to share. `input` is
 * checked as a `Primer.PrimerOverride`; a wrong field is an `InvalidPrimerEntry` naming it.
 *
 * @since 0.1.0
 * @category primer
 */
export const setPrimerEntry = Effect.fn("Team.setPrimerEntry")(function*(
  workspace: WorkspaceId,
  actor: MemberId,
  input: unknown
) {
  const directory = yield* Directory
  const member = yield* directory.member(workspace, actor)
  if (!hasRole(member, "advisor")) {
    return yield* new NotAuthorized({ actor, command: "SetPrimerEntry", rule: "advisor_only" })
  }
  const entry = yield* decodeOverride(input)
  yield* directory.putPrimerEntry(workspace, entry)
  return entry
})

/**
 * The workspace's primer in one language (the workspace's language when omitted): the built-in
 * entries with the workspace's own versions in their place, then its own additions.
 *
 * @since 0.1.0
 * @category primer
 */
export const primer = Effect.fn("Team.primer")(function*(workspace: WorkspaceId, locale?: Locale) {
  const directory = yield* Directory
  const found = yield* directory.workspace(workspace)
  return resolve(locale ?? found.locale, yield* directory.primerEntries(workspace))
})

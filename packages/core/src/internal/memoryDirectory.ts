import * as Effect from "effect/Effect"
import type { DirectoryService } from "../Directory.js"
import { HandleTaken, UnknownGoal, UnknownMember, UnknownWorkspace, WorkspaceExists } from "../Errors.js"
import { type Goal, type Member, normaliseHandle as canonical, type Workspace } from "../Member.js"
import type { PrimerOverride } from "../Primer.js"

/** A fresh in-memory directory. */
export const make = Effect.sync((): DirectoryService => {
  const workspaces = new Map<string, Workspace>()
  const members = new Map<string, Map<string, Member>>()
  const goals = new Map<string, Map<string, Goal>>()
  const primer = new Map<string, Map<string, PrimerOverride>>()

  const membersOf = (workspace: string) => members.get(workspace) ?? new Map<string, Member>()
  const goalsOf = (workspace: string) => goals.get(workspace) ?? new Map<string, Goal>()

  return {
    createWorkspace: (workspace) =>
      Effect.suspend(() => {
        if (workspaces.has(workspace.id)) return Effect.fail(new WorkspaceExists({ workspace: workspace.id }))
        workspaces.set(workspace.id, workspace)
        members.set(workspace.id, new Map())
        goals.set(workspace.id, new Map())
        return Effect.void
      }),
    workspace: (id) =>
      Effect.suspend(() => {
        const found = workspaces.get(id)
        return found === undefined ? Effect.fail(new UnknownWorkspace({ workspace: id })) : Effect.succeed(found)
      }),
    updateWorkspace: (workspace) =>
      Effect.suspend(() => {
        if (!workspaces.has(workspace.id)) return Effect.fail(new UnknownWorkspace({ workspace: workspace.id }))
        workspaces.set(workspace.id, workspace)
        return Effect.void
      }),
    putPrimerEntry: (workspace, entry) =>
      Effect.suspend(() => {
        if (!workspaces.has(workspace)) return Effect.fail(new UnknownWorkspace({ workspace }))
        const own = primer.get(workspace) ?? new Map<string, PrimerOverride>()
        primer.set(workspace, own.set(`${entry.id}\u0000${entry.locale}`, entry))
        return Effect.void
      }),
    primerEntries: (workspace) => Effect.sync(() => [...(primer.get(workspace)?.values() ?? [])]),
    workspaces: Effect.sync(() => [...workspaces.values()].sort((a, b) => a.id.localeCompare(b.id))),
    putMember: (member) =>
      Effect.suspend((): Effect.Effect<void, HandleTaken | UnknownWorkspace> => {
        const list = members.get(member.workspaceId)
        if (list === undefined) return Effect.fail(new UnknownWorkspace({ workspace: member.workspaceId }))
        for (const other of list.values()) {
          if (other.id !== member.id && canonical(other.handle) === canonical(member.handle)) {
            return Effect.fail(new HandleTaken({ workspace: member.workspaceId, handle: member.handle }))
          }
        }
        list.set(member.id, member)
        return Effect.void
      }),
    member: (workspace, id) =>
      Effect.suspend(() => {
        const found = membersOf(workspace).get(id)
        return found === undefined ? Effect.fail(new UnknownMember({ workspace, member: id })) : Effect.succeed(found)
      }),
    memberByHandle: (workspace, handle) =>
      Effect.suspend(() => {
        const wanted = canonical(handle)
        for (const member of membersOf(workspace).values()) {
          if (canonical(member.handle) === wanted) return Effect.succeed(member)
        }
        return Effect.fail(new UnknownMember({ workspace, member: handle }))
      }),
    members: (workspace) => Effect.sync(() => [...membersOf(workspace).values()]),
    putGoal: (goal) =>
      Effect.suspend(() => {
        const list = goals.get(goal.workspaceId)
        if (list === undefined) return Effect.fail(new UnknownWorkspace({ workspace: goal.workspaceId }))
        list.set(goal.id, goal)
        return Effect.void
      }),
    goal: (workspace, id) =>
      Effect.suspend(() => {
        const found = goalsOf(workspace).get(id)
        return found === undefined ? Effect.fail(new UnknownGoal({ workspace, goal: id })) : Effect.succeed(found)
      }),
    goals: (workspace) => Effect.sync(() => [...goalsOf(workspace).values()])
  }
})

/**
 * What the `members` racers of `racer.ts` write, shared with the test that checks their work.
 */
import { MemberId, WorkspaceId } from "../../src/Ids.js"
import { Member } from "../../src/Member.js"

/** The workspace the `members` racers write to; the test creates it first. */
export const membersWorkspace = WorkspaceId.make("races")
/** A handle the test gives to {@link takenHandleOwner} before the racers start. */
export const takenHandle = "taken"
export const takenHandleOwner = MemberId.make("owner")
/** How many members each `members` racer keeps upserting, and how often it tries the taken handle. */
export const ownMembers = 7
export const thiefEvery = 10

/** The member a `members` racer writes on its n-th turn (not a thief turn). */
export const ownMember = (seed: string, n: number) =>
  Member.make({
    id: MemberId.make(`${seed}-m${n % ownMembers}`),
    workspaceId: membersWorkspace,
    handle: `${seed}-h${n % ownMembers}`,
    name: `${seed} ${n}`,
    roles: ["member"],
    fields: []
  })


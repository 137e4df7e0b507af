/**
 * The whole process through Mattermost, end to end: the bot (`Bot.start`) on the fake Mattermost
 * with a real SQLite store, every step played as Mattermost plays it into the bot (slash commands,
 * button clicks, dialog submissions) and every notification read back from the fake's posts. An
 * idea by slash command, triage by button, a draft, a review request (the reviewer's DM with
 * buttons), an objection raised by button and dialog that blocks approval until resolved, a stale
 * button refused, a format suggestion declined with a reason by dialog, approval, publication,
 * results recorded and shared (the chart uploaded in the item's thread) and the celebration in the
 * team channel.
 */
import * as Commands from "@dugnad/core/Commands"
import { CommandId, type ItemId, type MemberId, type WorkspaceId } from "@dugnad/core/Ids"
import { ItemCommand } from "@dugnad/core/ItemCommand"
import * as Sqlite from "@dugnad/core/Sqlite"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import { describe, expect, it } from "vitest"
import * as Identity from "../src/Identity.js"
import { itemProp } from "../src/Notifier.js"
import type { MmPost } from "./fake/Fixtures.js"
import { actionsOf, clickAction, eventually, postWithButton, setUp, slash, textOf } from "./support.js"

const replyText = (json: unknown) => {
  const reply = json as { text?: string; attachments?: Array<{ title?: string; text?: string; fields?: Array<{ title: string; value: string }> }> }
  return textOf({ message: reply.text ?? "", props: { attachments: reply.attachments ?? [] } })
}

const seedEarlierPosts = (database: string, workspace: WorkspaceId, alice: MemberId, bob: MemberId) =>
  Effect.runPromise(Effect.gen(function*() {
    const now = yield* DateTime.now
    for (let index = 0; index < 8; index++) {
      const send = (actor: MemberId, command: ItemCommand, earlier?: ItemId) =>
        Commands.handle({ workspace, commandId: CommandId.make(`seed-${index}-${command._tag}`), actor, item: earlier, command })
      const id = (yield* send(alice, ItemCommand.SubmitIdea({ title: `Earlier post ${index}`, pitch: "-", goals: [], concerns: [] }))).item
      yield* send(alice, ItemCommand.AcceptIdea(), id)
      yield* send(alice, ItemCommand.WriteDraft({ baseRevision: 0, kind: "content", body: { text: `Post ${index}`, networks: ["facebook"], media: [], perNetwork: {} } }), id)
      yield* send(alice, ItemCommand.RequestReview({ reviewers: [{ member: bob, expert: true }] }), id)
      yield* send(bob, ItemCommand.ApproveFacts({ revision: 1 }), id)
      yield* send(alice, ItemCommand.ApproveForPublication({ revision: 1 }), id)
      const at = DateTime.subtract(now, { days: 10 + index * 8 })
      yield* send(alice, ItemCommand.RecordPublication({ network: "facebook", url: `https://facebook.com/k/posts/${index + 10}`, publishedAt: at }), id)
      yield* send(alice, ItemCommand.RecordResults({
        network: "facebook",
        capturedAt: DateTime.add(at, { days: 7 }),
        metrics: { reach: 1000 + index * 100, reactions: 20 + index, comments: 2, shares: 1 },
        highlights: []
      }), id)
    }
  }).pipe(Effect.provide(Sqlite.layer({ filename: database }))))

describe("the whole process through Mattermost", () => {
  it("idea → triage → draft → review with objection and format decision → approval → publication → results → celebration", async () => {
    const world = await setUp()
    const { mm } = world
    const dm = (user: string) => mm.directChannel("dugnad", user).id

    // alice (team admin, advisors) founds the workspace with her first command.
    expect(replyText((await slash(world, "alice", "board")).json)).not.toMatch(/not set up/)

    // carol submits an idea by slash command: the command line filled the form, so it is submitted at once.
    const submitted = await slash(world, "carol", "idea submit \"Coastal cleanup\" --pitch \"Volunteers clean the beach on Saturday\"")
    expect(submitted.status).toBe(200)
    expect(replyText(submitted.json)).toContain("Coastal cleanup")
    expect(mm.dialogs).toHaveLength(0)
    // The advisors hear of it in the item's thread in the content channel.
    const root = await eventually(() => mm.posts("content").find((post) => typeof post.props[itemProp] === "string"))
    const item = root.props[itemProp] as string
    expect(root.message).toContain("Coastal cleanup")

    // alice accepts it with the button on her notification.
    const triage = await eventually(() => postWithButton(world, "content", "acceptIdea", item))
    const accepted = await clickAction(world, triage, "acceptIdea", "alice")
    expect(accepted.status).toBe(200)
    expect((accepted.json as { ephemeral_text?: string }).ephemeral_text).toBeTruthy()
    // The clicked post now shows the item after the action: no accept button any more.
    expect(actionsOf(mm.post(triage.id)!).some((action) => action.action.startsWith("dg1|acceptIdea|"))).toBe(false)

    // alice writes the draft and asks bob (experts) to review it.
    const drafted = await slash(world, "alice", `draft write ${item} --text "Join us on Saturday at 10 to clean the beach at Hvalstrand." --network facebook`)
    expect(replyText(drafted.json)).toContain("Hvalstrand")
    const requested = await slash(world, "alice", `review request ${item} --reviewer @bob`)
    expect(requested.status).toBe(200)
    expect(replyText(requested.json)).toMatch(/Bob/)

    // bob gets a direct message with his buttons for revision 1.
    const request = await eventually(() => postWithButton(world, dm("bob"), "approveFacts", item))
    const staleLater = request

    // bob objects: the button opens a dialog; left empty, the dialog stays open with the field's message (bob reads nb).
    const objecting = await clickAction(world, request, "object", "bob")
    expect(objecting.status).toBe(200)
    const dialog = await eventually(() => mm.dialogs.at(-1))
    expect(dialog.userId).toBe(mm.user("bob").id)
    const empty = await mm.submitDialog({ submission: { claim: "", correction: "" } })
    expect(Object.keys((empty.json as { errors: Record<string, string> }).errors).sort()).toEqual(["claim", "correction"])
    const objected = await mm.submitDialog({ submission: { claim: "The beach is at Hvalstrand", correction: "It is at Hvalstrand bad, in Asker" } })
    expect(objected.status).toBe(200)
    expect(objected.text).toBe("")

    // The objection blocks approval.
    const blocked = await slash(world, "alice", `approve ${item}`)
    expect(replyText(blocked.json)).toMatch(/objection/i)

    // alice revises the draft; bob's button for revision 1 is now stale and refused.
    await slash(world, "alice", `draft write ${item} --text "Join us on Saturday at 10 to clean the beach at Hvalstrand bad, Asker." --network facebook`)
    const stale = await clickAction(world, staleLater, "approveFacts", "bob")
    expect(stale.status).toBe(200)
    const staleText = (stale.json as { ephemeral_text?: string }).ephemeral_text ?? ""
    expect(staleText).toMatch(/versjon|revision/i)
    expect(stale.json).not.toHaveProperty("update")

    // bob resolves his objection and approves the facts of revision 2.
    const objection = /\b(O\d+)\b/u.exec(replyText((await slash(world, "bob", `show ${item}`)).json))?.[1] ?? "O1"
    expect(replyText((await slash(world, "bob", `review resolve ${item} ${objection}`)).json)).not.toMatch(/Feil|Error/)
    await slash(world, "bob", `review approve ${item}`)

    // bob suggests a format change; alice declines it with a reason, through the button's dialog.
    await slash(world, "bob", `review suggest ${item} --note "Add a photo of last year's haul"`)
    const suggestion = await eventually(() => postWithButton(world, "content", "declineFormat", item) ?? postWithButton(world, dm("alice"), "declineFormat", item))
    await clickAction(world, suggestion, "declineFormat", "alice")
    const decline = await eventually(() => (mm.dialogs.at(-1)?.userId === mm.user("alice").id ? mm.dialogs.at(-1) : undefined))
    const declined = await mm.submitDialog({ dialog: decline, submission: { reason: "We have no photo with consent from everyone in it" } })
    expect(declined.status).toBe(200)
    expect(declined.text).toBe("")

    // Approval, publication, results.
    const approved = await slash(world, "alice", `approve ${item}`)
    expect(replyText(approved.json)).not.toMatch(/objection/i)
    const published = await slash(world, "alice", `publish ${item} --network facebook --url https://facebook.com/dugnad/posts/1`)
    expect(replyText(published.json)).toMatch(/published/i)
    // Eight earlier posts with results (the core's own commands, on the same database), so the new one has a context to stand out in.
    await seedEarlierPosts(world.file, Identity.workspaceIdOf(mm.team.id), Identity.memberIdOf(mm.user("alice").id), Identity.memberIdOf(mm.user("bob").id))
    await slash(world, "alice", `results record ${item} --network facebook --reach 9000 --likes 400 --comments 60 --shares 45`)
    const shared = await slash(world, "alice", `results share ${item}`)
    expect(shared.status).toBe(200)
    // A slash response carries no files: the bot posts alice's chart in the channel, and the reply says so.
    expect(replyText(shared.json)).toContain("The chart is posted in the channel.")
    const own = await eventually(() => mm.posts("content").find((post) => post.root_id === "" && post.user_id === mm.bot.id && post.file_ids.length > 0))
    expect(mm.fileBytes(own.file_ids[0]!)?.subarray(1, 4).toString("latin1")).toBe("PNG")

    // The results with their chart in the item's thread, and the celebration in the team channel.
    const chart = await eventually(() =>
      mm.posts("content").find((post: MmPost) => post.root_id === root.id && post.file_ids.length > 0)
    )
    const bytes = mm.fileBytes(chart.file_ids![0]!)
    expect(bytes?.subarray(1, 4).toString("latin1")).toBe("PNG")
    await eventually(() => mm.posts("town-square").find((post) => post.user_id === mm.bot.id && /Coastal cleanup/u.test(textOf(post))))
    // Nothing was posted twice (pending_post_id and the notifier's memory).
    const keys = mm.posts("content").filter((post) => post.root_id === root.id).map((post) => `${post.message}|${textOf(post)}|${post.file_ids.length}`)
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([])
  }, 60_000)
})

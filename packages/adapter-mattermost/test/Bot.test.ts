/**
 * The bot's endpoints on the fake Mattermost with a real SQLite store: the slash command (help and
 * usage errors in the person's language, the token, a command's reply), buttons (forged contexts,
 * stale ones) and dialogs (validation shown in the dialog).
 */
import { describe, expect, it } from "vitest"
import { buttonsOf, eventually, setUp, slash, textOf } from "./support.js"

describe("the slash command", () => {
  it("a wrong command token is 401 and nothing runs", async () => {
    const world = await setUp()
    const answer = await slash(world, "alice", "board", { token: "not-the-token" })
    expect(answer.status).toBe(401)
    expect(world.mm.ephemerals).toHaveLength(0)
  })

  it("help and usage errors in the person's language (bob: nb, alice: en)", async () => {
    const world = await setUp()
    const help = await slash(world, "alice", "help")
    expect(help.status).toBe(200)
    expect(help.json).toMatchObject({ response_type: "ephemeral" })
    expect((help.json as { text: string }).text).toContain("/dugnad idea <submit")
    const usage = await slash(world, "bob", "review requst k7m2qd")
    expect((usage.json as { text: string }).text).toMatch(/request/)
    const nb = (usage.json as { text: string }).text
    const en = ((await slash(world, "alice", "review requst k7m2qd")).json as { text: string }).text
    expect(nb).not.toEqual(en)
  })

  it("idea submit with a title and a pitch submits at once; without the pitch, the dialog opens filled in", async () => {
    const world = await setUp()
    const done = await slash(world, "carol", "idea submit \"Ski wax\" --pitch \"How to wax skis\"")
    expect(done.status).toBe(200)
    // carol is not an advisor and the workspace does not exist yet: alice founds it first.
    expect((done.json as { text: string }).text).toMatch(/not set up/)
    await slash(world, "alice", "board")
    const submitted = await slash(world, "carol", "idea submit \"Ski wax\" --pitch \"How to wax skis\"")
    const reply = submitted.json as { response_type: string; attachments: Array<{ title: string }> }
    expect(reply.response_type).toBe("ephemeral")
    expect(reply.attachments[0]?.title).toContain("Ski wax")
    expect(world.mm.dialogs).toHaveLength(0)

    await slash(world, "carol", "idea submit Snow tyres")
    const dialog = await eventually(() => world.mm.dialogs[0])
    const elements = dialog.dialog["elements"] as Array<{ name: string; default?: string }>
    expect(elements.find((element) => element.name === "title")?.default).toBe("Snow tyres")
    // Left empty: the dialog stays open with the core's sentence under the field.
    const invalid = await world.mm.submitDialog({ submission: { title: "Snow tyres", pitch: "" } })
    expect(invalid.status).toBe(200)
    expect((invalid.json as { errors: Record<string, string> }).errors["pitch"]).toBeTruthy()
    const ok = await world.mm.submitDialog({ submission: { title: "Snow tyres", pitch: "When to change them" } })
    expect(ok.status).toBe(200)
    expect(ok.text).toBe("")
    const confirmation = await eventually(() => world.mm.ephemerals.find((e) => e.via === "rest" && textOf(e).includes("Snow tyres")))
    expect(confirmation.userId).toBe(world.mm.user("carol").id)
  })

  it("a forged button context is refused and nothing runs", async () => {
    const world = await setUp()
    await slash(world, "alice", "board")
    const post = world.mm.userPosts({ user: "alice", channel: "content", message: "x" })
    // A post with a button whose context was not signed by the bot.
    const forged = { v: 1, action: "dg1|acceptIdea|abc123", team: `mattermost-${world.mm.team.id}`, issued: Math.floor(Date.now() / 1000), mac: "A".repeat(43) }
    world.mm.world.patchPost(world.mm.post(post.id)!, {
      message: "x",
      props: { attachments: [{ actions: [{ id: "a0", name: "Accept", type: "button", integration: { url: `${world.settings.publicUrl}/actions`, context: forged } }] }] }
    })
    const clicked = await world.mm.clickButton({ post: post.id, action: "a0", user: "alice" })
    expect(clicked.status).toBe(200)
    expect((clicked.json as { ephemeral_text: string }).ephemeral_text).toMatch(/could not be verified/)
    expect(buttonsOf(world.mm.post(post.id)!)).toHaveLength(1)
  })
})

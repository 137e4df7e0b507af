/**
 * The bot's endpoints on the fake Mattermost with a real SQLite store: the slash command (help and
 * usage errors in the person's language, the token, a command's reply), buttons (forged contexts,
 * stale ones) and dialogs (validation shown in the dialog).
 */
import { describe, expect, it } from "vitest"
import { itemProp } from "../src/Notifier.js"
import { buttonsOf, eventually, setUp, slash, textOf, type World } from "./support.js"

const itemOfReply = (json: unknown): string => {
  const fields = ((json as { attachments?: Array<{ fields?: Array<{ title: string; value: string }> }> }).attachments ?? [])[0]?.fields ?? []
  const value = fields.find((field) => /^(Item|Sak)$/u.test(field.title))?.value
  if (value === undefined) throw new Error(`no item in ${JSON.stringify(json)}`)
  return value
}

/** alice founds the workspace; an idea of hers, accepted: its id. */
const acceptedIdea = async (world: World, title = "Harbour day") => {
  await slash(world, "alice", "board")
  const item = itemOfReply((await slash(world, "alice", `idea submit "${title}" --pitch "Open doors at the harbour"`)).json)
  await slash(world, "alice", `idea accept ${item}`)
  return item
}

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

  it("GIVEN a bot without create_post_ephemeral WHEN a dialog is submitted THEN the confirmation comes as a direct message instead", async () => {
    const world = await setUp({ fake: { ephemeralPostsAllowed: false } })
    await slash(world, "alice", "board")
    await slash(world, "carol", "idea submit Snow tyres")
    await eventually(() => world.mm.dialogs[0])
    const ok = await world.mm.submitDialog({ submission: { title: "Snow tyres", pitch: "When to change them" } })
    expect(ok.status).toBe(200)
    expect(ok.text).toBe("")
    const direct = world.mm.directChannel("dugnad", "carol")
    const confirmation = await eventually(() => world.mm.posts(direct.id).find((post) => textOf(post).includes("Snow tyres")))
    expect(confirmation.user_id).toBe(world.mm.bot.id)
    expect(world.mm.ephemerals.filter((e) => e.via === "rest")).toHaveLength(0)
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

  it("a value the core refuses for a field is shown under that field, and the dialog stays open", async () => {
    const world = await setUp()
    const item = await acceptedIdea(world)
    // No network given and none before: the draft's dialog opens with the text filled in.
    await slash(world, "alice", `draft write ${item} --text "Come and see the boats"`)
    const dialog = await eventually(() => world.mm.dialogs[0])
    const elements = dialog.dialog["elements"] as Array<{ name: string; default?: string }>
    expect(elements.find((element) => element.name === "text")?.default).toBe("Come and see the boats")
    const refused = await world.mm.submitDialog({ submission: { text: "Come and see the boats", networks: "myspace" } })
    const errors = (refused.json as { errors?: Record<string, string> }).errors ?? {}
    expect(Object.keys(errors)).toEqual(["networks"])
    expect(errors["networks"]).toMatch(/facebook/i)
    const ok = await world.mm.submitDialog({ submission: { text: "Come and see the boats", networks: "facebook" } })
    expect(ok.text).toBe("")
    const shown = await slash(world, "alice", `show ${item}`)
    expect(JSON.stringify(shown.json)).toContain("Come and see the boats")
  })
})

describe("notifications", () => {
  it("a server error on post creation is retried from the outbox, and nothing is posted twice", async () => {
    const world = await setUp()
    await slash(world, "alice", "board")
    world.mm.failPosts(2)
    const submitted = await slash(world, "carol", `idea submit "Lighthouse night" --pitch "A guided walk"`)
    const item = itemOfReply(submitted.json)
    const roots = () => world.mm.posts("content").filter((post) => post.props[itemProp] === item)
    const root = await eventually(() => roots()[0])
    const replies = await eventually(() => {
      const found = world.mm.posts("content").filter((post) => post.root_id === root.id)
      return found.length > 0 ? found : undefined
    })
    expect(world.mm.requestsTo("POST", "/posts").filter((request) => request.status === 500)).toHaveLength(2)
    // A little later, still one root and one notification per person.
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(roots()).toHaveLength(1)
    const now = world.mm.posts("content").filter((post) => post.root_id === root.id)
    expect(now).toHaveLength(replies.length)
    expect(new Set(now.map((post) => post.message)).size).toBe(now.length)
  })

  it("a role change heard on the WebSocket takes effect at once (the cached person is forgotten)", async () => {
    const world = await setUp({ bot: { cacheMs: 600_000 } })
    await slash(world, "alice", "board")
    const item = itemOfReply((await slash(world, "carol", `idea submit "Boat show" --pitch "Boats"`)).json)
    const refused = await slash(world, "carol", `idea accept ${item}`)
    expect(JSON.stringify(refused.json)).toMatch(/advisor/i)
    const carol = world.mm.user("carol")
    world.mm.teamMember("carol")!.roles = "team_user team_admin"
    world.mm.emit("memberrole_updated", { member: JSON.stringify({ user_id: carol.id, team_id: world.mm.team.id, roles: "team_user team_admin" }) })
    let reply: unknown
    for (let attempt = 0; attempt < 40; attempt++) {
      reply = (await slash(world, "carol", `idea accept ${item}`)).json
      if (!/advisor/i.test(JSON.stringify(reply))) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(JSON.stringify(reply)).not.toMatch(/advisor/i)
  })
})


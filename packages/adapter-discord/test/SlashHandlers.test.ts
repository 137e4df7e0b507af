/**
 * Every `/dugnad` subcommand on the bot, end to end: the real discord.js Client against the fake
 * Discord, with a real SQLite store in a temp dir (started as in Bot.test.ts; the helper is copied).
 */
import { readLocalStart, readMoment } from "@dugnad/core/ChatCommands"
import { afterEach, describe, expect, it } from "vitest"
import { FakeDiscord } from "./fake/FakeDiscord.js"
import { embedOf, launchBot, stopBots } from "./support.js"

afterEach(stopBots)

const launch = () =>
  launchBot({
    fake: {
      guilds: [{
        members: [
          { username: "alice", roles: ["Advisor"] },
          { username: "bob", roles: ["Expert"], locale: "nb" },
          { username: "carol" },
          { username: "dave" }
        ]
      }]
    }
  })

const textOf = (data: Record<string, unknown> | undefined): string => JSON.stringify(embedOf(data))


/** A `USER` option and the `resolved` data Discord sends with it. */
const userOption = (discord: FakeDiscord, name: string, username: string) => {
  const member = discord.guild.member(username)
  return {
    option: { name, type: 6, value: member.user.id },
    user: member.user,
    member: { roles: member.roles, nick: member.nick ?? null, joined_at: member.joined_at, permissions: "0", flags: 0 }
  }
}

const resolvedOf = (...users: ReadonlyArray<ReturnType<typeof userOption>>) => ({
  users: Object.fromEntries(users.map((entry) => [entry.user.id, entry.user])),
  members: Object.fromEntries(users.map((entry) => [entry.user.id, entry.member]))
})

const refusal = (answered: { readonly type: number; readonly data: Record<string, unknown> | undefined }) => {
  expect(answered.type).toBe(4)
  expect(answered.data?.["flags"]).toBe(64)
  const description = embedOf(answered.data).description ?? ""
  expect(description).not.toMatch(/at .*\.ts:\d+|Error:|undefined/)
  return description
}

/** An idea submitted by Carol and taken on by Alice: its id. */
const acceptedIdea = async (discord: FakeDiscord) => {
  await discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "board" }).callback()
  const opened = await discord.slashCommand({ user: "carol", command: "dugnad", group: "idea", subcommand: "submit" }).callback()
  const submitted = await discord.modalSubmit({
    user: "carol",
    customId: String(opened.data?.["custom_id"]),
    fields: { title: "New guest harbour in Bodø", pitch: "Boats can moor from June" }
  }).callback()
  const item = JSON.stringify(submitted.data).match(/dg1\|comment\|([a-z0-9]{6})/)?.[1] ?? ""
  expect(item).toMatch(/^[a-z0-9]{6}$/)
  const accepted = await discord.slashCommand({ user: "alice", command: "dugnad", group: "idea", subcommand: "accept", options: { item } }).callback()
  expect(textOf(accepted.data)).toMatch(/draft/i)
  return item
}

/** Alice writes a draft through the modal (with one attachment when `attach`). */
const writeDraft = async (discord: FakeDiscord, item: string, network: string | undefined, attach = false) => {
  const attachment = {
    id: "900000000000000001",
    filename: "harbour.jpg",
    size: 1234,
    url: "https://cdn.discordapp.com/attachments/1/2/harbour.jpg",
    proxy_url: "https://media.discordapp.net/attachments/1/2/harbour.jpg",
    content_type: "image/jpeg"
  }
  const opened = await discord.slashCommand({
    user: "alice",
    command: "dugnad",
    group: "draft",
    subcommand: "write",
    options: network === undefined ? { item } : { item, network },
    ...(attach
      ? { rawOptions: [{ name: "media1", type: 11, value: attachment.id }], resolved: { attachments: { [attachment.id]: attachment } } }
      : {})
  }).callback()
  expect(opened.type, JSON.stringify(opened.data)).toBe(9)
  const customId = String(opened.data?.["custom_id"])
  expect(customId.length).toBeLessThanOrEqual(100)
  const inputs = JSON.stringify(opened.data)
  return { opened, customId, inputs, submit: (fields: Record<string, string>) => discord.modalSubmit({ user: "alice", customId, fields }).callback() }
}

describe("/dugnad subcommands on Discord", () => {
  it("GIVEN dates as the CLI takes them WHEN read THEN impossible days and times are refused", () => {
    expect(readMoment("2026-12-01", "Europe/Oslo")?.dateOnly).toBe(true)
    expect(readMoment("2026-12-01T10:00", "Europe/Oslo")?.at.epochMillis).toBe(Date.parse("2026-12-01T09:00:00Z"))
    expect(readMoment("2026-02-31", "Europe/Oslo")).toBeUndefined()
    expect(readMoment("2026-12-01T24:61", "Europe/Oslo")).toBeUndefined()
    expect(readMoment("next friday", "Europe/Oslo")).toBeUndefined()
    expect(readLocalStart("2026-03-03T10:00")).toBe("2026-03-03T10:00")
    expect(readLocalStart("2026-03-03")).toBeUndefined()
  })

  it("GIVEN an accepted idea WHEN the advisor writes a draft with an attachment, asks for review, and the item goes to publication and results THEN each step works and each refusal is the core's sentence", async () => {
    const { discord } = await launch()
    const item = await acceptedIdea(discord)

    // A first draft without a network: the modal asks for the networks; a network Dugnad does not know is refused.
    const bare = await writeDraft(discord, item, undefined)
    expect(bare.inputs).toContain("\"networks\"")
    expect(refusal(await bare.submit({ text: "Hello", networks: "myspace" }))).toMatch(/network/i)

    // draft write: the modal asks for the text and the attachment's alt text; the media land in the draft.
    const draft = await writeDraft(discord, item, "facebook", true)
    expect(draft.inputs).toContain("alt1")
    expect(draft.inputs).toContain("harbour.jpg")
    const written = await draft.submit({ text: "The guest harbour opens in June.", alt1: "Boats moored at the new pier at dawn" })
    expect(written.type).toBe(4)
    const shown = await discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "show", options: { item } }).callback()
    expect(textOf(shown.data)).toContain("Boats moored at the new pier at dawn")
    expect(textOf(shown.data)).toContain("https://cdn.discordapp.com/attachments/1/2/harbour.jpg")
    expect(textOf(shown.data)).toContain("The guest harbour opens in June.")

    // A second revision: the text is prefilled from the latest; without attachments the media are kept.
    const second = await writeDraft(discord, item, undefined)
    expect(second.inputs).toContain("The guest harbour opens in June.")
    expect(second.inputs).not.toContain("alt1")
    expect(second.inputs).not.toContain("\"networks\"")
    await second.submit({ text: "The guest harbour opens on 1 June." })
    const again = await discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "show", options: { item } }).callback()
    expect(textOf(again.data)).toContain("Boats moored at the new pier at dawn")
    expect(textOf(again.data)).toContain("1 June")

    // A draft modal whose attachments were forgotten (a restart): the person is told to try again.
    const lost = await discord.modalSubmit({ user: "alice", customId: `dgd|draft|${item}|2|c|0|gone123456`, fields: { text: "x", alt1: "y" } }).callback()
    expect(refusal(lost)).toMatch(/again/i)

    // draft write arriving without its item (malformed data): the missing field is named, not an item "none".
    const noItem = await discord.slashCommand({ user: "alice", command: "dugnad", group: "draft", subcommand: "write" }).callback()
    expect(refusal(noItem)).toMatch(/must be filled in/)
    expect(refusal(noItem)).not.toContain("none")

    // Carol may not write the draft: the core's refusal, to her only.
    const carolDraft = await discord.slashCommand({ user: "carol", command: "dugnad", group: "draft", subcommand: "write", options: { item } }).callback()
    if (carolDraft.type === 9) {
      const refused = await discord.modalSubmit({ user: "carol", customId: String(carolDraft.data?.["custom_id"]), fields: { text: "mine" } }).callback()
      refusal(refused)
    } else {
      refusal(carolDraft)
    }

    // checks: the findings of the latest revision.
    const checked = await discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "checks", options: { item } }).callback()
    expect(checked.type).toBe(4)
    expect(embedOf(checked.data).title).toContain(item)

    // review request: a USER option becomes a member (Bob, an expert through his Discord role); an impossible due date is refused.
    const bob = userOption(discord, "reviewer", "bob")
    const badDue = await discord.slashCommand({
      user: "alice",
      command: "dugnad",
      group: "review",
      subcommand: "request",
      options: { item, due: "2026-02-31" },
      rawOptions: [bob.option],
      resolved: resolvedOf(bob)
    }).callback()
    expect(refusal(badDue)).toContain("2026-02-31")
    const requested = await discord.slashCommand({
      user: "alice",
      command: "dugnad",
      group: "review",
      subcommand: "request",
      options: { item, due: "2030-12-01T10:00" },
      rawOptions: [bob.option],
      resolved: resolvedOf(bob)
    }).callback()
    expect(requested.type).toBe(4)
    expect(textOf(requested.data)).toMatch(/bob/i)

    // review suggest (Bob) then review decide (Alice): the decision's form opens.
    const suggestForm = await discord.slashCommand({ user: "bob", command: "dugnad", group: "review", subcommand: "suggest", options: { item } }).callback()
    expect(suggestForm.type).toBe(9)
    const suggested = await discord.modalSubmit({ user: "bob", customId: String(suggestForm.data?.["custom_id"]), fields: { note: "Shorter first line" } }).callback()
    const suggestion = JSON.stringify(suggested.data).match(/\b(S\d+)\b/)?.[1] ?? "S1"
    const unknownSuggestion = await discord.slashCommand({
      user: "alice",
      command: "dugnad",
      group: "review",
      subcommand: "decide",
      options: { item, suggestion: "S99", decision: "accept" }
    }).callback()
    refusal(unknownSuggestion)
    const decideForm = await discord.slashCommand({
      user: "alice",
      command: "dugnad",
      group: "review",
      subcommand: "decide",
      options: { item, suggestion, decision: "decline" }
    }).callback()
    expect(decideForm.type, JSON.stringify(decideForm.data)).toBe(9)
    expect(String(decideForm.data?.["custom_id"])).toContain("declineFormat")
    const decided = await discord.modalSubmit({ user: "alice", customId: String(decideForm.data?.["custom_id"]), fields: { reason: "The first line is fine" } }).callback()
    expect(decided.type).toBe(4)

    // Bob approves the facts, Alice approves for publication and records the post.
    const approvedFacts = await discord.slashCommand({ user: "bob", command: "dugnad", group: "review", subcommand: "approve", options: { item } }).callback()
    expect(approvedFacts.data?.["flags"]).toBe(64)
    const approved = await discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "approve", options: { item } }).callback()
    expect(textOf(approved.data), textOf(approved.data)).toMatch(/approved|Approved/)
    await discord.slashCommand({
      user: "alice",
      command: "dugnad",
      subcommand: "publish",
      options: { item, network: "facebook", url: "https://facebook.com/posts/1" }
    }).callback()

    // results record: the counts; a refusal first (nothing to record on another network).
    const noPost = await discord.slashCommand({
      user: "alice",
      command: "dugnad",
      group: "results",
      subcommand: "record",
      options: { item, network: "tiktok", reach: 10 }
    }).callback()
    refusal(noPost)
    const recorded = await discord.slashCommand({
      user: "alice",
      command: "dugnad",
      group: "results",
      subcommand: "record",
      options: { item, network: "facebook", reach: 1200, impressions: 3000, likes: 80, comments: 12, shares: 9 }
    }).callback()
    expect(recorded.type).toBe(4)
    expect(recorded.data?.["flags"]).toBe(64)

    // results share: the acting person's results message with the chart attached as a PNG.
    const shared = await discord.slashCommand({ user: "alice", command: "dugnad", group: "results", subcommand: "share", options: { item } }).callback()
    expect(shared.type).toBe(4)
    expect(shared.files.length, textOf(shared.data)).toBe(1)
    const file = shared.files[0]!
    expect(file.contentType).toBe("image/png")
    expect(file.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(embedOf(shared.data).image?.url).toBe(`attachment://${file.filename}`)

    // report goals and people.
    const goals = await discord.slashCommand({ user: "alice", command: "dugnad", group: "report", subcommand: "goals" }).callback()
    expect(goals.type).toBe(4)
    const people = await discord.slashCommand({
      user: "alice",
      command: "dugnad",
      group: "report",
      subcommand: "people",
      options: { from: "2020-01-01", to: "2099-12-31" }
    }).callback()
    expect(embedOf(people.data).description ?? "").toMatch(/alice|carol|bob/i)
    const badFrom = await discord.slashCommand({ user: "alice", command: "dugnad", group: "report", subcommand: "people", options: { from: "2026-13-01" } }).callback()
    expect(refusal(badFrom)).toContain("2026-13-01")
  }, 30_000)

  it("GIVEN the workspace WHEN members, goals and meetings are managed THEN they are kept and shown, and people without the right are refused", async () => {
    const { discord } = await launch()
    await discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "board" }).callback()

    // member add: a Discord user Dugnad has not met, with a role; Carol may not.
    const dave = userOption(discord, "user", "dave")
    const byCarol = await discord.slashCommand({
      user: "carol",
      command: "dugnad",
      group: "member",
      subcommand: "add",
      rawOptions: [dave.option],
      resolved: resolvedOf(dave)
    }).callback()
    refusal(byCarol)
    const added = await discord.slashCommand({
      user: "alice",
      command: "dugnad",
      group: "member",
      subcommand: "add",
      options: { department: "Harbour", role: "manager" },
      rawOptions: [dave.option],
      resolved: resolvedOf(dave)
    }).callback()
    expect(added.type).toBe(4)
    expect(embedOf(added.data).description).toContain("(dave)")
    const listed = await discord.slashCommand({ user: "alice", command: "dugnad", group: "member", subcommand: "list" }).callback()
    expect(embedOf(listed.data).description).toContain("(dave)")
    expect(embedOf(listed.data).description).toContain("Harbour")
    expect(embedOf(listed.data).description).toContain("(alice)")

    // goal add and list; Carol may not add one.
    refusal(await discord.slashCommand({ user: "carol", command: "dugnad", group: "goal", subcommand: "add", options: { title: "Mine" } }).callback())
    const goal = await discord.slashCommand({
      user: "alice",
      command: "dugnad",
      group: "goal",
      subcommand: "add",
      options: { title: "More young members", description: "Under 30" }
    }).callback()
    expect(embedOf(goal.data).description).toContain("G1")
    const goals = await discord.slashCommand({ user: "alice", command: "dugnad", group: "goal", subcommand: "list" }).callback()
    expect(embedOf(goals.data).description).toContain("More young members")

    // meeting schedule, next, summary; an impossible start is refused, an unknown meeting too.
    const badStart = await discord.slashCommand({
      user: "alice",
      command: "dugnad",
      group: "meeting",
      subcommand: "schedule",
      options: { title: "Content meeting", start: "2030-02-30T10:00", rrule: "FREQ=WEEKLY" }
    }).callback()
    expect(refusal(badStart)).toContain("2030-02-30T10:00")
    const scheduled = await discord.slashCommand({
      user: "alice",
      command: "dugnad",
      group: "meeting",
      subcommand: "schedule",
      options: { title: "Content meeting", start: "2030-01-07T10:00", rrule: "FREQ=WEEKLY;BYDAY=MO", "invite-role": "member", agenda: "Ideas for spring" }
    }).callback()
    expect(scheduled.type, textOf(scheduled.data)).toBe(4)
    const meeting = embedOf(scheduled.data).fields?.find((field) => field.name === "ID")?.value ?? ""
    expect(meeting).not.toBe("")
    const next = await discord.slashCommand({ user: "alice", command: "dugnad", group: "meeting", subcommand: "next", options: { meeting, count: 3 } }).callback()
    expect(next.type).toBe(4)
    expect(textOf(next.data)).toMatch(/2030/)
    const unknown = await discord.slashCommand({ user: "alice", command: "dugnad", group: "meeting", subcommand: "next", options: { meeting: "nosuch" } }).callback()
    refusal(unknown)
    // No occurrence has happened yet: the summary is refused with the core's sentence.
    refusal(await discord.slashCommand({ user: "alice", command: "dugnad", group: "meeting", subcommand: "summary", options: { meeting } }).callback())

    // checks of an item without a draft: refused.
    refusal(await discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "checks", options: { item: "nosuch" } }).callback())
  }, 30_000)
})

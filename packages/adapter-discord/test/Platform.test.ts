/**
 * Discord's platform rules, with the bot running on the fake Discord (the real discord.js Client,
 * a real SQLite store in a temp dir): every interaction answered within 3 s even under load, slow
 * work deferred and edited in, 429s waited out, and a gateway reconnect resumed without answering
 * anything twice or delivering a notification twice.
 */
import { ReadModel } from "@dugnad/core/ReadModel"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { afterEach, describe, expect, it } from "vitest"
import { FakeDiscord, type InteractionHandle } from "./fake/FakeDiscord.js"
import { embedOf, eventually, launchBot, sleep, stopBots } from "./support.js"

afterEach(stopBots)

/** A switch that makes the read model's board query take `ms` for real (a slow database). */
interface Slowdown {
  ms: number
}

// The store as it is, but with the board query slowed by a real delay while the switch is on.
const launch = (slowdown?: Slowdown) => {
  const slowed = Layer.effect(
    ReadModel,
    Effect.map(ReadModel, (readModel) => ({
      ...readModel,
      board: (workspace, filter) =>
        Effect.suspend(() =>
          slowdown === undefined || slowdown.ms === 0 ? readModel.board(workspace, filter) : Effect.delay(readModel.board(workspace, filter), slowdown.ms)
        )
    }))
  )
  return launchBot({ store: (sqlite) => Layer.provideMerge(slowed, sqlite) })
}



const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/
const callbackPath = (handle: InteractionHandle) => `/interactions/${handle.id}/${handle.token}/callback`
const originalPath = (discord: FakeDiscord, handle: InteractionHandle) =>
  `/webhooks/${discord.applicationId}/${handle.token}/messages/@original`


/** Submits an idea through the modal as `user` and returns its item id. */
const submitIdea = async (discord: FakeDiscord, user: string, title: string): Promise<string> => {
  const opened = await discord.slashCommand({ user, command: "dugnad", group: "idea", subcommand: "submit" }).callback()
  expect(opened.type, JSON.stringify(opened.data)).toBe(9)
  const submitted = await discord.modalSubmit({
    user,
    customId: String(opened.data?.["custom_id"]),
    fields: { title, pitch: "A pitch for the platform tests" }
  }).callback()
  expect(submitted.type).toBe(4)
  const itemId = JSON.stringify(submitted.data).match(/dg1\|comment\|([a-z0-9]{6})/)?.[1] ?? ""
  expect(itemId).toMatch(/^[a-z0-9]{6}$/)
  return itemId
}

const threadOf = (discord: FakeDiscord, itemId: string) =>
  eventually(() => [...discord.guild.channels.values()].find((channel) => channel.name?.endsWith(` · ${itemId}`) === true))

/**
 * Whether an interaction was answered in time: a reply (4) within 3 s of its dispatch, or a
 * deferral (5) within 3 s followed by a successful edit of @original.
 */
const answeredInTime = (discord: FakeDiscord, handle: InteractionHandle): string | undefined => {
  const [first, ...more] = handle.callbacks
  if (first === undefined) return `${handle.id}: no callback`
  if (more.length > 0) return `${handle.id}: ${handle.callbacks.length} callbacks`
  if (first.ms >= 3_000) return `${handle.id}: callback after ${first.ms} ms`
  if (first.type === 4) return undefined
  if (first.type !== 5) return `${handle.id}: callback type ${first.type}`
  const edited = discord.requestsTo("PATCH", originalPath(discord, handle)).some((request) => request.status === 200)
  return edited ? undefined : `${handle.id}: deferred but @original never edited`
}

describe("Discord's platform rules, on the fake Discord", () => {
  it("GIVEN a set-up guild WHEN 200 interactions from several people arrive at once THEN every one is answered within 3 s of its dispatch, once", async () => {
    const { discord } = await launch()
    // The advisor comes first: that sets the guild up as a workspace.
    expect((await discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "board" }).callback()).type).toBe(4)
    const itemId = await submitIdea(discord, "carol", "Summer opening hours")

    const users = ["alice", "bob", "carol"]
    const handles = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0
        ? discord.slashCommand({ user: users[i % 3]!, command: "dugnad", subcommand: "board" })
        : discord.slashCommand({ user: users[i % 3]!, command: "dugnad", subcommand: "show", options: { item: itemId } }))
    await Promise.all(handles.map((handle) => handle.callback(10_000)))
    // Deferred ones get their edit a moment later.
    await eventually(() => handles.every((handle) => answeredInTime(discord, handle) === undefined) ? true : undefined, 10_000)
      .catch(() => undefined)
    const late = handles.map((handle) => answeredInTime(discord, handle)).filter((problem) => problem !== undefined)
    expect(late).toEqual([])
    // Nothing refused by the fake: no 10062 (too late), no 40060 (answered twice).
    const refused = discord.requestsTo("POST", CALLBACK).filter((request) => request.status !== 204 && request.status !== 200)
    expect(refused.map((request) => `${request.status} ${JSON.stringify(request.body)}`)).toEqual([])
    // The answers are the real ones: the board, and the item for /dugnad show.
    for (const [i, handle] of handles.entries()) {
      const answer = handle.callbacks[0]!.type === 4 ? handle.callbacks[0]!.data : handle.original()
      if (i % 2 === 1) expect(JSON.stringify(answer)).toContain("Summer opening hours")
      else expect(embedOf(answer as Record<string, unknown> | undefined).title ?? "").not.toBe("")
    }
    const worst = Math.max(...handles.map((handle) => handle.callbacks[0]!.ms))
    expect(worst).toBeLessThan(3_000)
  })

  it("GIVEN a store that takes 2.5 s to answer WHEN /dugnad board is asked THEN the bot defers within 3 s and edits the board in when it is ready", async () => {
    const slowdown: Slowdown = { ms: 0 }
    const { discord } = await launch(slowdown)
    expect((await discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "board" }).callback()).type).toBe(4)

    slowdown.ms = 2_500
    const handle = discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "board" })
    const deferred = await handle.callback()
    expect(deferred.type).toBe(5)
    expect(deferred.ms).toBeLessThan(3_000)
    expect(deferred.ms).toBeGreaterThanOrEqual(1_900)
    expect(deferred.data?.["flags"]).toBe(64)

    const edit = await eventually(() => discord.requestsTo("PATCH", originalPath(discord, handle)).find((request) => request.status !== undefined))
    expect(edit.status).toBe(200)
    expect(edit.at - handle.dispatchedAt).toBeGreaterThanOrEqual(2_500)
    // The message the deferral made now shows the board, no longer loading.
    const original = handle.original()
    expect(embedOf(original).title ?? "").not.toBe("")
    expect(Number(original?.["flags"] ?? 0) & 128).toBe(0)
    expect(handle.callbacks).toHaveLength(1)
  })

  it("GIVEN Discord answers the interaction callback with 429 once WHEN someone asks for the board THEN the bot waits out retry_after and its answer still arrives within 3 s", async () => {
    const { discord } = await launch()
    expect((await discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "board" }).callback()).type).toBe(4)

    discord.rateLimit({ method: "POST", path: CALLBACK, times: 1, retryAfterMs: 700 })
    const handle = discord.slashCommand({ user: "bob", command: "dugnad", subcommand: "board" })
    const answered = await handle.callback()
    expect(answered.type).toBe(4)
    expect(answered.ms).toBeLessThan(3_000)
    // The fake sets a request's status once it has answered it (after waking the callback's waiters).
    const attempts = await eventually(() => {
      const sent = discord.requestsTo("POST", callbackPath(handle))
      return sent.every((request) => request.status !== undefined) ? sent : undefined
    })
    expect(attempts.map((request) => request.status)).toEqual([429, 204])
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(700)
  })

  it("GIVEN Discord answers a thread message with 429 once WHEN the outbox delivers a notification THEN it arrives after retry_after, once", async () => {
    const { discord } = await launch()
    expect((await discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "board" }).callback()).type).toBe(4)
    const itemId = await submitIdea(discord, "carol", "Ferry timetable explained")
    const thread = await threadOf(discord, itemId)
    const carol = discord.guild.member("carol").user.id
    const before = discord.requestsTo("POST", `/channels/${thread.id}/messages`).length

    discord.rateLimit({ method: "POST", path: `/channels/${thread.id}/messages`, times: 1, retryAfterMs: 1_000 })
    const accepted = await discord.slashCommand({ user: "alice", command: "dugnad", group: "idea", subcommand: "accept", options: { item: itemId } })
      .callback()
    expect(accepted.type).toBe(4)

    await eventually(() => discord.messages(thread.id).find((message) => message.content === `<@${carol}>`), 10_000)
    const attempts = discord.requestsTo("POST", `/channels/${thread.id}/messages`).slice(before)
    expect(attempts[0]!.status).toBe(429)
    const delivered = attempts.find((request) => request.status === 200 && (request.body as { content?: string }).content === `<@${carol}>`)
    expect(delivered).toBeDefined()
    expect(delivered!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1_000)
    await sleep(1_000)
    expect(discord.messages(thread.id).filter((message) => message.content === `<@${carol}>`)).toHaveLength(1)
  })

  for (const drop of ["op 7 RECONNECT", "close 4000"] as const) {
    it(`GIVEN work under way WHEN the gateway drops the session (${drop}) THEN the client resumes without a new IDENTIFY, later interactions are answered once and the notification arrives once`, async () => {
      const { discord } = await launch()
      expect((await discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "board" }).callback()).type).toBe(4)
      const itemId = await submitIdea(discord, "carol", "Volunteers of the month")
      const thread = await threadOf(discord, itemId)
      const carol = discord.guild.member("carol").user.id
      expect(discord.gateway.identifies).toHaveLength(1)

      // The acceptance's notification is in the outbox while the session drops.
      const accepted = await discord.slashCommand({ user: "alice", command: "dugnad", group: "idea", subcommand: "accept", options: { item: itemId } })
        .callback()
      expect(accepted.type).toBe(4)
      const resumed = discord.gateway.waitForResume()
      if (drop === "op 7 RECONNECT") discord.gateway.requestReconnect()
      else discord.gateway.forceClose(4000)
      // Dispatched while the session is down: replayed on RESUME (or received before the drop).
      const during = discord.slashCommand({ user: "bob", command: "dugnad", subcommand: "show", options: { item: itemId } })
      const resume = await resumed
      expect(discord.gateway.identifies).toHaveLength(1)
      expect(resume.path).toBe("/gateway-resume")
      // The gateway sent it once: live before the drop, or replayed on RESUME.
      const record = discord.gateway.dispatches.find((dispatch) => (dispatch.d as { id?: string }).id === during.id)
      expect(record?.sent).toBe(1)

      const after = [
        discord.slashCommand({ user: "carol", command: "dugnad", subcommand: "show", options: { item: itemId } }),
        discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "board" })
      ]
      for (const handle of [during, ...after]) {
        const answer = await handle.callback()
        expect(answer.type).toBe(4)
        expect(answer.ms).toBeLessThan(3_000)
      }

      await eventually(() => discord.messages(thread.id).find((message) => message.content === `<@${carol}>`), 10_000)
      // Some more dispatcher polls, in case a redelivery were coming.
      await sleep(1_000)
      for (const handle of [during, ...after]) expect(handle.callbacks).toHaveLength(1)
      expect(discord.requestsTo("POST", CALLBACK).filter((request) => request.status === 400)).toEqual([])
      expect(discord.messages(thread.id).filter((message) => message.content === `<@${carol}>`)).toHaveLength(1)
      expect(discord.gateway.identifies).toHaveLength(1)
    })
  }
})

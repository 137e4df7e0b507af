/**
 * The HTTP endpoints through real HTTP on 127.0.0.1, with requests shaped as Mattermost sends them.
 */
import type * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { afterEach, describe, expect, it } from "vitest"
import * as Hmac from "../src/Hmac.js"
import * as MmHttp from "../src/Http.js"

const commandToken = "cmd-token-SECRET-abcdefghijklmnop"
const key = Hmac.make("hmac-secret-0123456789-0123456789-abcdef")
const nowMs = Date.UTC(2026, 0, 15, 12)

const servers: Array<Http.Server> = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  ))
})

const unexpected = (what: string) => () => Promise.reject(new Error(`${what} should not be called`))

const start = async (options: Partial<MmHttp.Options> = {}): Promise<string> => {
  const server = MmHttp.make({
    commandToken,
    hmac: key,
    onSlash: unexpected("onSlash"),
    onAction: unexpected("onAction"),
    onDialog: unexpected("onDialog"),
    postToResponseUrl: unexpected("postToResponseUrl"),
    now: () => nowMs,
    onError: () => {},
    ...options
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const slashForm = (text: string, token = commandToken) =>
  new URLSearchParams({
    token,
    team_id: "team1",
    team_domain: "kystverket",
    channel_id: "chan1",
    channel_name: "town-square",
    user_id: "user1",
    user_name: "ingrid",
    command: "/dugnad",
    text,
    trigger_id: "trig1",
    root_id: "",
    response_url: "http://127.0.0.1:1/hooks/commands/abc"
  }).toString()

/** `null`: no Authorization header. */
const postSlash = (base: string, body: string, authorization: string | null = `Token ${commandToken}`) =>
  fetch(`${base}/slash`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(authorization === null ? {} : { authorization })
    },
    body
  })

const postJson = (url: string, payload: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) })

const deferred = <A>() => {
  let resolve!: (value: A) => void
  const promise = new Promise<A>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

describe("Http: /slash", () => {
  it("GIVEN a wrong or missing command token WHEN a slash command is posted THEN 401 and onSlash is not called", async () => {
    const base = await start()
    const wrongField = await postSlash(base, slashForm("board", "nope"), `Token ${commandToken}`)
    const wrongHeader = await postSlash(base, slashForm("board"), "Token nope")
    const none = await postSlash(base, slashForm("board").replace(/token=[^&]*&/, ""), null)
    expect([wrongField.status, wrongHeader.status, none.status]).toEqual([401, 401, 401])
    expect(await none.text()).not.toContain(commandToken)
  })

  it("GIVEN the right token WHEN a slash command is posted THEN onSlash gets the parsed command and its reply is the JSON answer", async () => {
    const seen: Array<MmHttp.ParsedSlash> = []
    const base = await start({
      onSlash: async (command) => {
        seen.push(command)
        return { response_type: "in_channel", text: "Sent to Per." }
      }
    })
    const response = await postSlash(base, slashForm("review request k7m2qd --reviewer @per"))
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe("application/json")
    expect(await response.json()).toEqual({ response_type: "in_channel", text: "Sent to Per." })
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ teamId: "team1", userId: "user1", userName: "ingrid", rootId: undefined })
    expect(seen[0]!.parsed).toMatchObject({
      _tag: "Right",
      right: { _tag: "Command", path: ["review", "request"], args: ["k7m2qd"] }
    })
  })

  it("GIVEN the token only in the form (no Authorization header) WHEN posted THEN accepted", async () => {
    const base = await start({ onSlash: async () => ({ response_type: "ephemeral", text: "ok" }) })
    expect((await postSlash(base, slashForm("board"), null)).status).toBe(200)
  })

  it("GIVEN a slow handler WHEN a slash command is posted THEN an ephemeral 'working on it' at once, then the reply POSTed to response_url", async () => {
    const release = deferred<void>()
    const delivered = deferred<[string, MmHttp.SlashReply]>()
    const base = await start({
      replyWithinMs: 50,
      localeOf: () => "nb",
      onSlash: async () => {
        await release.promise
        return { response_type: "in_channel", text: "Ferdig." }
      },
      postToResponseUrl: async (url, reply) => delivered.resolve([url, reply])
    })
    const started = Date.now()
    const response = await postSlash(base, slashForm("board"))
    expect(Date.now() - started).toBeLessThan(2000)
    expect(await response.json()).toEqual({ response_type: "ephemeral", text: "Jobber med saken …" })
    release.resolve()
    expect(await delivered.promise).toEqual([
      "http://127.0.0.1:1/hooks/commands/abc",
      { response_type: "in_channel", text: "Ferdig." }
    ])
  })

  it("GIVEN a failing handler WHEN posted THEN 200 with an ephemeral apology, the failure to onError without the token", async () => {
    const failures: Array<MmHttp.Failure> = []
    const base = await start({
      onSlash: () => Promise.reject(new Error(`boom with ${commandToken}`)),
      onError: (failure) => failures.push(failure)
    })
    const response = await postSlash(base, slashForm("board"))
    expect(await response.json()).toEqual({ response_type: "ephemeral", text: "Sorry, that did not work. Please try again in a moment." })
    expect(failures.map((failure) => failure.message)).toEqual(["boom with [token]"])
  })

  it("GIVEN a body over 1 MiB WHEN posted THEN 413", async () => {
    const base = await start()
    const response = await postSlash(base, slashForm("x".repeat(1024 * 1024 + 10)))
    expect(response.status).toBe(413)
  })

  it("GIVEN another path or method WHEN requested THEN 404 / 405", async () => {
    const base = await start()
    expect((await fetch(`${base}/nope`, { method: "POST" })).status).toBe(404)
    const get = await fetch(`${base}/slash`)
    expect(get.status).toBe(405)
    expect(get.headers.get("allow")).toBe("POST")
  })
})

const click = (context: unknown) => ({
  user_id: "user1",
  user_name: "per",
  channel_id: "chan1",
  team_id: "team1",
  post_id: "post1",
  trigger_id: "trig2",
  type: "button",
  context
})

describe("Http: /actions", () => {
  const context = Hmac.sign(key, { action: { _tag: "approveFacts", item: "k7m2qd", revision: 3 } as never, team: "team1", post: "post1" }, nowMs)!

  it("GIVEN a genuine button WHEN clicked THEN onAction gets the verified action and its reply is the answer", async () => {
    const clicks: Array<MmHttp.Click> = []
    const base = await start({
      onAction: async (c) => {
        clicks.push(c)
        return { update: { message: "Approved by Per" }, ephemeral_text: "Takk!" }
      }
    })
    const response = await postJson(`${base}/actions`, click(context))
    expect(await response.json()).toEqual({ update: { message: "Approved by Per" }, ephemeral_text: "Takk!" })
    expect(clicks[0]).toMatchObject({ userId: "user1", postId: "post1", verified: { action: { _tag: "approveFacts", item: "k7m2qd", revision: 3 }, team: "team1" } })
  })

  it("GIVEN a forged context WHEN clicked THEN 200 with a refusal as ephemeral_text (in the user's language), onAction not called", async () => {
    const base = await start({ localeOf: async ({ userId }) => (userId === "user1" ? "nb" : undefined) })
    const forged = { ...context, action: "dg1|approvePublication|k7m2qd|3" }
    const response = await postJson(`${base}/actions`, click(forged))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ephemeral_text: "Denne knappen kunne ikke bekreftes, så ingenting ble gjort." })
    const unknownUser = await postJson(`${base}/actions`, { ...click({ junk: true }), user_id: "user9" })
    expect(await unknownUser.json()).toEqual({ ephemeral_text: "This button is not one of Dugnad's, so nothing was done." })
  })

  it("GIVEN a body that is not JSON WHEN posted THEN 400", async () => {
    const base = await start()
    const response = await fetch(`${base}/actions`, { method: "POST", body: "{nope" })
    expect(response.status).toBe(400)
  })
})

describe("Http: /dialogs", () => {
  const state = Hmac.signState(key, { action: { _tag: "object", item: "k7m2qd", revision: 3 } as never, team: "team1" }, nowMs)!
  const submission = (values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    type: "dialog_submission",
    callback_id: "dg1|object|k7m2qd|3",
    state,
    user_id: "user1",
    channel_id: "chan1",
    team_id: "team1",
    submission: values,
    cancelled: false,
    ...extra
  })

  it("GIVEN a submission with a validation error WHEN posted THEN {errors} keeps the dialog open", async () => {
    const base = await start({
      onDialog: async (s) => (s.submission["claim"] === "" ? { errors: { claim: "Say what is wrong." } } : undefined)
    })
    const response = await postJson(`${base}/dialogs`, submission({ claim: "", correction: "14 June" }))
    expect(await response.json()).toEqual({ errors: { claim: "Say what is wrong." } })
  })

  it("GIVEN a valid submission WHEN posted THEN an empty 200 closes the dialog", async () => {
    const seen: Array<MmHttp.DialogSubmission> = []
    const base = await start({
      onDialog: async (s) => {
        seen.push(s)
        return { errors: {} }
      }
    })
    const response = await postJson(`${base}/dialogs`, submission({ claim: "It opens 14 June", correction: "Say 14 June" }))
    expect(response.status).toBe(200)
    expect(await response.text()).toBe("")
    expect(seen[0]?.verified.action).toEqual({ _tag: "object", item: "k7m2qd", revision: 3 })
  })

  it("GIVEN a tampered state WHEN submitted THEN {error} and onDialog is not called", async () => {
    const base = await start()
    const context = JSON.parse(Buffer.from(state, "base64url").toString("utf8"))
    const tampered = Buffer.from(JSON.stringify({ ...context, team: "team2" })).toString("base64url")
    const response = await postJson(`${base}/dialogs`, { ...submission({}), state: tampered })
    expect(await response.json()).toEqual({ error: "This button could not be verified, so nothing was done." })
  })
})

describe("Http: several teams' command tokens", () => {
  it("GIVEN two comma-separated tokens WHEN either team's command arrives THEN it is taken; any other token is not", () => {
    const setting = `${commandToken}, second-team-token-0123456789`
    expect(MmHttp.tokenMatches(setting, "second-team-token-0123456789", "Token second-team-token-0123456789")).toBe(true)
    expect(MmHttp.tokenMatches(setting, commandToken, undefined)).toBe(true)
    expect(MmHttp.tokenMatches(setting, "third-team-token", "Token third-team-token")).toBe(false)
    // Every token given (the form field, the header) must be one of them.
    expect(MmHttp.tokenMatches(setting, commandToken, "Token nope")).toBe(false)
    expect(MmHttp.tokensOf(" a, ,b ")).toEqual(["a", "b"])
  })
})

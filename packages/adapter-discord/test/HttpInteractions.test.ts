/**
 * The HTTP interactions endpoint, through real HTTP on 127.0.0.1: requests signed with a key pair
 * made here, as Discord signs them (Ed25519 over `timestamp + rawBody`).
 */
import type { APIInteraction, APIInteractionResponse } from "discord-api-types/v10"
import * as Crypto from "node:crypto"
import type * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { afterEach, describe, expect, it } from "vitest"
import * as HttpInteractions from "../src/HttpInteractions.js"

const keys = Crypto.generateKeyPairSync("ed25519")
/** The raw 32-byte public key is the tail of its SPKI DER encoding; the Developer Portal shows it as hex. */
const publicKeyHex = keys.publicKey.export({ format: "der", type: "spki" }).subarray(12).toString("hex")

const token = "interaction-token-SECRET-0123456789"
const nowMs = Date.UTC(2026, 0, 15, 12, 0, 0)
const nowSeconds = String(Math.floor(nowMs / 1000))

const sign = (timestamp: string, body: Buffer): string =>
  Crypto.sign(null, Buffer.concat([Buffer.from(timestamp), body]), keys.privateKey).toString("hex")

const ping = { id: "100", application_id: "200", type: 1, token, version: 1 }
const command = {
  id: "101",
  application_id: "200",
  type: 2,
  token,
  version: 1,
  guild_id: "300",
  channel_id: "400",
  locale: "nb",
  member: { user: { id: "500", username: "kari" }, roles: [], permissions: "0" },
  data: { id: "600", name: "idea", type: 1, options: [{ name: "title", type: 3, value: "Dugnad på lørdag" }] }
}
const component = { ...command, id: "102", type: 3, data: { custom_id: "approve:1", component_type: 2 } }
const modalSubmit = { ...command, id: "103", type: 5, data: { custom_id: "idea-form", components: [] } }
const autocomplete = { ...command, id: "104", type: 4 }

const reply: APIInteractionResponse = { type: 4, data: { content: "Takk for ideen!" } }

type Handle = HttpInteractions.Options["handle"]
type FollowUp = HttpInteractions.Options["followUp"]

const unexpected = (what: string) => () => Promise.reject(new Error(`${what} should not be called`))

const servers: Array<Http.Server> = []
/** Interactions the default `followUp` of `start` received: none is expected unless a test says so. */
const strayFollowUps: Array<string> = []
afterEach(async () => {
  expect(strayFollowUps.splice(0)).toEqual([])
  await Promise.all(
    servers.splice(0).map((server) =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
    )
  )
})

/** Starts the endpoint on 127.0.0.1 with a fixed clock; returns the URL of its path. */
const start = async (options: Partial<HttpInteractions.Options> = {}): Promise<string> => {
  const server = HttpInteractions.make({
    publicKey: publicKeyHex,
    handle: unexpected("handle"),
    followUp: async (interaction) => {
      strayFollowUps.push(interaction.id)
    },
    now: () => nowMs,
    onError: () => {},
    ...options
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/interactions`
}

/** POSTs bytes signed as Discord would, unless `headers` overrides the signature headers. */
const post = (
  url: string,
  payload: unknown,
  options: {
    readonly timestamp?: string
    readonly body?: Buffer
    readonly headers?: Record<string, string>
  } = {}
) => {
  const body = options.body ?? Buffer.from(JSON.stringify(payload))
  const timestamp = options.timestamp ?? nowSeconds
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-signature-ed25519": sign(timestamp, body),
      "x-signature-timestamp": timestamp,
      ...options.headers
    },
    body
  })
}

const deferred = <A>() => {
  let resolve!: (value: A) => void
  const promise = new Promise<A>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

describe("HttpInteractions: signature", () => {
  it("GIVEN a correctly signed PING WHEN it is posted THEN 200 PONG as JSON, without calling handle", async () => {
    const url = await start()
    const response = await post(url, ping)
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe("application/json")
    expect(await response.json()).toEqual({ type: 1 })
  })

  it("GIVEN a signed body WHEN one byte is changed after signing THEN 401", async () => {
    const url = await start()
    const body = Buffer.from(JSON.stringify(ping))
    const timestamp = nowSeconds
    const signature = sign(timestamp, body)
    const tampered = Buffer.from(body)
    tampered[tampered.length - 2] = tampered[tampered.length - 2]! ^ 0x01
    const response = await post(url, undefined, {
      body: tampered,
      headers: { "x-signature-ed25519": signature, "x-signature-timestamp": timestamp }
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ error: "invalid signature" })
  })

  it("GIVEN a signed body WHEN the same JSON is re-serialised with other spacing THEN 401 (the raw bytes are verified)", async () => {
    const url = await start()
    const original = Buffer.from(JSON.stringify(ping))
    const response = await post(url, undefined, {
      body: Buffer.from(JSON.stringify(ping, null, 2)),
      headers: { "x-signature-ed25519": sign(nowSeconds, original) }
    })
    expect(response.status).toBe(401)
  })

  it("GIVEN a good request WHEN one hex digit of the signature is changed THEN 401", async () => {
    const url = await start()
    const body = Buffer.from(JSON.stringify(ping))
    const signature = sign(nowSeconds, body)
    const flipped = (signature[0] === "0" ? "1" : "0") + signature.slice(1)
    const response = await post(url, undefined, { body, headers: { "x-signature-ed25519": flipped } })
    expect(response.status).toBe(401)
  })

  it("GIVEN a body signed with another key WHEN it is posted THEN 401", async () => {
    const url = await start()
    const other = Crypto.generateKeyPairSync("ed25519")
    const body = Buffer.from(JSON.stringify(ping))
    const signature = Crypto.sign(null, Buffer.concat([Buffer.from(nowSeconds), body]), other.privateKey).toString("hex")
    const response = await post(url, undefined, { body, headers: { "x-signature-ed25519": signature } })
    expect(response.status).toBe(401)
  })

  it("GIVEN a signature over the body alone WHEN it is posted THEN 401 (the timestamp is part of the signed bytes)", async () => {
    const url = await start()
    const body = Buffer.from(JSON.stringify(ping))
    const signature = Crypto.sign(null, body, keys.privateKey).toString("hex")
    const response = await post(url, undefined, { body, headers: { "x-signature-ed25519": signature } })
    expect(response.status).toBe(401)
  })

  it("GIVEN no signature headers, or only one of them WHEN posted THEN 401 each time", async () => {
    const url = await start()
    const body = JSON.stringify(ping)
    const bare = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body })
    const onlyTimestamp = await fetch(url, { method: "POST", headers: { "x-signature-timestamp": nowSeconds }, body })
    const onlySignature = await fetch(url, {
      method: "POST",
      headers: { "x-signature-ed25519": sign(nowSeconds, Buffer.from(body)) },
      body
    })
    expect([bare.status, onlyTimestamp.status, onlySignature.status]).toEqual([401, 401, 401])
    expect(await bare.json()).toEqual({ error: "missing signature headers" })
  })

  it("GIVEN malformed signature or timestamp headers WHEN posted THEN 401, not 500", async () => {
    const url = await start()
    const body = Buffer.from(JSON.stringify(ping))
    const good = sign(nowSeconds, body)
    const cases: Array<Record<string, string>> = [
      { "x-signature-ed25519": "zz" + good.slice(2) },
      { "x-signature-ed25519": good.slice(0, 126) },
      { "x-signature-ed25519": "" },
      { "x-signature-timestamp": "soon" },
      { "x-signature-timestamp": "-1" },
      { "x-signature-timestamp": "" }
    ]
    for (const headers of cases) {
      const response = await post(url, undefined, { body, headers })
      expect(response.status, JSON.stringify(headers)).toBe(401)
    }
  })

  it("GIVEN a correctly signed request WHEN its timestamp is over 5 minutes old or ahead THEN 401; within 5 minutes THEN 200", async () => {
    const url = await start()
    const at = (offsetSeconds: number) => post(url, ping, { timestamp: String(Number(nowSeconds) + offsetSeconds) })
    const old = await at(-301)
    expect(old.status).toBe(401)
    expect(await old.json()).toEqual({ error: "stale timestamp" })
    expect((await at(301)).status).toBe(401)
    expect((await at(-299)).status).toBe(200)
    expect((await at(60)).status).toBe(200)
  })

  it("GIVEN a public key that is not 64 hex characters WHEN the endpoint is made THEN it throws at once", () => {
    const options = { handle: unexpected("handle"), followUp: unexpected("followUp") }
    expect(() => HttpInteractions.make({ ...options, publicKey: "abc" })).toThrow(/64 hex/)
    expect(() => HttpInteractions.make({ ...options, publicKey: publicKeyHex.slice(2) + "zz" })).toThrow(/64 hex/)
    expect(() => HttpInteractions.make({ ...options, publicKey: publicKeyHex.toUpperCase() })).not.toThrow()
  })
})

describe("HttpInteractions: routing and limits", () => {
  it("GIVEN the endpoint WHEN the path is requested with GET THEN 405 with Allow: POST", async () => {
    const url = await start()
    const response = await fetch(url)
    expect(response.status).toBe(405)
    expect(response.headers.get("allow")).toBe("POST")
  })

  it("GIVEN the endpoint WHEN a signed PING goes to another path THEN 404; with a query string on the path THEN 200", async () => {
    const url = await start()
    expect((await post(url.replace("/interactions", "/other"), ping)).status).toBe(404)
    expect((await post(url.replace("/interactions", "/"), ping)).status).toBe(404)
    expect((await post(`${url}?x=1`, ping)).status).toBe(200)
  })

  it("GIVEN a configured path WHEN a signed PING goes there THEN 200, and the default path is 404", async () => {
    const url = await start({ path: "/discord/interactions" })
    expect((await post(url.replace("/interactions", "/discord/interactions"), ping)).status).toBe(200)
    expect((await post(url, ping)).status).toBe(404)
  })

  it("GIVEN the default 1 MiB cap WHEN a body of 1 MiB + 1 byte is posted THEN 413", async () => {
    const url = await start()
    const response = await post(url, undefined, { body: Buffer.alloc(1024 * 1024 + 1, 0x20) })
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({ error: "payload too large" })
  })

  it("GIVEN a small cap WHEN an oversized body arrives chunked, without Content-Length THEN 413", async () => {
    const url = await start({ maxBodyBytes: 1000 })
    const chunk = new Uint8Array(400).fill(0x20)
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 10) {
          controller.close()
          return
        }
        sent += 1
        controller.enqueue(chunk)
      }
    })
    const response = await fetch(url, {
      method: "POST",
      headers: { "x-signature-ed25519": "00".repeat(64), "x-signature-timestamp": nowSeconds },
      body: stream,
      duplex: "half"
    } as RequestInit)
    expect(response.status).toBe(413)
  })

  it("GIVEN a correctly signed body that is not JSON, or not an interaction WHEN posted THEN 400", async () => {
    const url = await start()
    expect((await post(url, undefined, { body: Buffer.from("{not json") })).status).toBe(400)
    expect((await post(url, [1, 2])).status).toBe(400)
    expect((await post(url, { type: "1" })).status).toBe(400)
  })
})

describe("HttpInteractions: answering", () => {
  it("GIVEN a handler WHEN a signed slash command arrives THEN handle gets it and its response is the 200 JSON reply", async () => {
    const seen: Array<APIInteraction> = []
    const handle: Handle = async (interaction) => {
      seen.push(interaction)
      return reply
    }
    const url = await start({ handle })
    const response = await post(url, command)
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe("application/json")
    expect(await response.json()).toEqual(reply)
    expect(seen).toEqual([command])
  })

  it("GIVEN a handler that answers a component with an update WHEN a click arrives THEN that update is the reply", async () => {
    const update: APIInteractionResponse = { type: 7, data: { content: "Godkjent", components: [] } }
    const url = await start({ handle: async () => update })
    const response = await post(url, component)
    expect(await response.json()).toEqual(update)
  })

  it("GIVEN a slow handler WHEN a slash command arrives THEN the deferral (type 5) comes within the deadline, then followUp gets the final response", async () => {
    const followed = deferred<{ interaction: APIInteraction; response: APIInteractionResponse }>()
    const handle: Handle = async () => {
      await sleep(800)
      return reply
    }
    const followUp: FollowUp = async (interaction, response) => followed.resolve({ interaction, response })
    const url = await start({ handle, followUp, deferAfterMs: 150 })
    const started = performance.now()
    const response = await post(url, command)
    const elapsed = performance.now() - started
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ type: 5 })
    expect(elapsed).toBeGreaterThanOrEqual(140)
    expect(elapsed).toBeLessThan(750)
    const late = await followed.promise
    expect(late).toEqual({ interaction: command, response: reply })
    expect(performance.now() - started).toBeGreaterThanOrEqual(790)
  })

  it("GIVEN a slow handler WHEN a component click or a modal submit arrives THEN the deferral is type 6 or type 5 respectively", async () => {
    const followUps: Array<string> = []
    const handle: Handle = async () => {
      await sleep(300)
      return reply
    }
    const url = await start({
      handle,
      followUp: async (interaction) => {
        followUps.push(interaction.id)
      },
      deferAfterMs: 50
    })
    expect(await (await post(url, component)).json()).toEqual({ type: 6 })
    expect(await (await post(url, modalSubmit)).json()).toEqual({ type: 5 })
    await sleep(400)
    expect(followUps.sort()).toEqual([component.id, modalSubmit.id])
  })

  it("GIVEN a slow autocomplete handler WHEN it misses the deadline THEN empty choices (type 8) and no followUp", async () => {
    const handled = deferred<void>()
    const handle: Handle = async () => {
      await sleep(200)
      handled.resolve()
      return { type: 8, data: { choices: [{ name: "Late", value: "late" }] } }
    }
    const url = await start({ handle, deferAfterMs: 50 })
    expect(await (await post(url, autocomplete)).json()).toEqual({ type: 8, data: { choices: [] } })
    await handled.promise
    await sleep(20)
    expect(strayFollowUps).toEqual([])
  })

  it("GIVEN a handler that fails after the deferral WHEN it rejects THEN followUp is not called and onError hears lateHandle", async () => {
    const failures = deferred<HttpInteractions.Failure>()
    const handle: Handle = async () => {
      await sleep(150)
      throw new Error("boom")
    }
    const url = await start({ handle, deferAfterMs: 30, onError: failures.resolve })
    expect(await (await post(url, command)).json()).toEqual({ type: 5 })
    const failure = await failures.promise
    expect(failure.phase).toBe("lateHandle")
    expect(failure.interactionId).toBe(command.id)
    expect(strayFollowUps).toEqual([])
  })

  it("GIVEN a throwing handler WHEN a command arrives THEN 500 without the error's message, and onError gets it with the token blanked", async () => {
    const failures: Array<HttpInteractions.Failure> = []
    const handle: Handle = async () => {
      throw new Error(`PATCH /webhooks/200/${token}/messages/@original failed: secret detail`)
    }
    const url = await start({ handle, onError: (failure) => failures.push(failure) })
    const response = await post(url, command)
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(text).not.toContain("secret detail")
    expect(text).not.toContain(token)
    expect(text).not.toContain("at ")
    expect(JSON.parse(text)).toEqual({ error: "internal error" })
    expect(failures).toHaveLength(1)
    expect(failures[0]).toMatchObject({ phase: "handle", interactionId: command.id, interactionType: 2 })
    expect(failures[0]?.message).toContain("secret detail")
    expect(failures[0]?.message).toContain("/webhooks/200/[token]/")
    expect(failures[0]?.message).not.toContain(token)
  })

  it("GIVEN a handler that throws synchronously WHEN a command arrives THEN 500 too", async () => {
    const handle: Handle = () => {
      throw new Error("sync boom")
    }
    const url = await start({ handle })
    const response = await post(url, command)
    expect(response.status).toBe(500)
    expect(await response.text()).not.toContain("sync boom")
  })

  it("GIVEN the default onError WHEN a handler fails THEN the one console line names the interaction but not the token or signature", async () => {
    const lines: Array<string> = []
    const original = console.error
    console.error = (...args: Array<unknown>) => {
      lines.push(args.map(String).join(" "))
    }
    try {
      const server = HttpInteractions.make({
        publicKey: publicKeyHex,
        handle: async () => {
          throw new Error(`failed for token ${token}`)
        },
        followUp: unexpected("followUp"),
        now: () => nowMs
      })
      servers.push(server)
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/interactions`
      const body = Buffer.from(JSON.stringify(command))
      const signature = sign(nowSeconds, body)
      expect((await post(url, undefined, { body })).status).toBe(500)
      expect(lines).toHaveLength(1)
      expect(lines[0]).toContain(command.id)
      expect(lines[0]).not.toContain(token)
      expect(lines[0]).not.toContain(signature)
    } finally {
      console.error = original
    }
  })

  it("GIVEN a followUp that rejects WHEN the late response is delivered THEN onError hears followUp and the endpoint keeps serving", async () => {
    const failures = deferred<HttpInteractions.Failure>()
    const url = await start({
      handle: async () => {
        await sleep(100)
        return reply
      },
      followUp: async () => {
        throw new Error(`webhook ${token} expired`)
      },
      deferAfterMs: 20,
      onError: failures.resolve
    })
    expect(await (await post(url, command)).json()).toEqual({ type: 5 })
    const failure = await failures.promise
    expect(failure.phase).toBe("followUp")
    expect(failure.message).toBe("Error: webhook [token] expired")
    expect((await post(url, ping)).status).toBe(200)
  })
})

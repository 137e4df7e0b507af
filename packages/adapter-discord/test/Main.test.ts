/**
 * Running the bot (`Main.run`), end to end: the HTTP-interactions mode on 127.0.0.1 with the fake
 * Discord's REST behind it (registration, guild facts, follow-ups), requests signed with a key pair
 * made here as Discord signs them; and the one-line refusals for missing or invalid variables,
 * through `run` and through the built `dugnad-discord` binary.
 */
import { spawn, spawnSync } from "node:child_process"
import * as Crypto from "node:crypto"
import * as fs from "node:fs"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "vitest"
import { ReadModel } from "@dugnad/core/ReadModel"
import * as Sqlite from "@dugnad/core/Sqlite"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { readSettings, run, type Running, start } from "../src/Main.js"
import { FakeDiscord } from "./fake/FakeDiscord.js"

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")

const keys = Crypto.generateKeyPairSync("ed25519")
/** The raw 32-byte public key is the tail of its SPKI DER encoding; the Developer Portal shows it as hex. */
const publicKeyHex = keys.publicKey.export({ format: "der", type: "spki" }).subarray(12).toString("hex")

const sign = (timestamp: string, body: Buffer): string =>
  Crypto.sign(null, Buffer.concat([Buffer.from(timestamp), body]), keys.privateKey).toString("hex")

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const listen = (server: Http.Server): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port))
  })

const close = (server: Http.Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })

/** A port nobody listens on now. */
const freePort = async (): Promise<number> => {
  const server = Http.createServer()
  const port = await listen(server)
  await close(server)
  return port
}

/**
 * The fake Discord, behind a proxy that adds the one route the fake lacks: GET /users/@me/guilds
 * (the guilds the bot is in, what HTTP mode registers the command in).
 */
const discordWithGuildList = async () => {
  const discord = await FakeDiscord.start()
  const guildListRequests: Array<string> = []
  const proxy = Http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1")
    if (request.method === "GET" && url.pathname === "/api/v10/users/@me/guilds") {
      guildListRequests.push(url.search)
      const body = JSON.stringify(discord.guilds.map((guild) => ({ id: guild.id, name: guild.name, icon: null, owner: false, permissions: "0", features: [] })))
      response.writeHead(200, { "content-type": "application/json" })
      response.end(body)
      return
    }
    const forwarded = Http.request(
      { host: "127.0.0.1", port: discord.port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
      }
    )
    forwarded.on("error", () => response.destroy())
    request.pipe(forwarded)
  })
  const port = await listen(proxy)
  cleanups.push(() => discord.close(), () => close(proxy))
  return { discord, apiUrl: `http://127.0.0.1:${port}/api`, guildListRequests }
}

interface Posted {
  readonly status: number
  readonly body: Record<string, any>
}

const post = (port: number, body: Buffer, headers: Record<string, string>): Promise<Posted> =>
  new Promise((resolve, reject) => {
    const request = Http.request(
      { host: "127.0.0.1", port, method: "POST", path: "/interactions", headers: { "content-type": "application/json", ...headers } },
      (response) => {
        const chunks: Array<Buffer> = []
        response.on("data", (chunk: Buffer) => chunks.push(chunk))
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8")
          resolve({ status: response.statusCode ?? 0, body: text === "" ? {} : JSON.parse(text) })
        })
      }
    )
    request.on("error", reject)
    request.end(body)
  })

/** POSTs an interaction as Discord does: signed over the timestamp and the raw body. */
const signedPost = (port: number, interaction: unknown, tamper = false): Promise<Posted> => {
  const body = Buffer.from(JSON.stringify(interaction))
  const timestamp = String(Math.floor(Date.now() / 1000))
  const signature = sign(timestamp, body)
  const sent = tamper ? `${signature.slice(0, -2)}${signature.endsWith("00") ? "11" : "00"}` : signature
  return post(port, body, { "x-signature-ed25519": sent, "x-signature-timestamp": timestamp })
}

interface Captured {
  readonly logs: Array<string>
  readonly errors: Array<string>
  readonly exits: Array<number>
}

const runWith = async (env: Record<string, string>) => {
  const captured: Captured = { logs: [], errors: [], exits: [] }
  const running = await run({
    env,
    host: "127.0.0.1",
    signals: false,
    log: (line) => void captured.logs.push(line),
    error: (line) => void captured.errors.push(line),
    exit: (code) => void captured.exits.push(code)
  })
  if (running !== undefined) cleanups.push(() => running.stop())
  return { running, ...captured }
}

const startHttpMode = async () => {
  const { apiUrl, discord, guildListRequests } = await discordWithGuildList()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-discord-main-"))
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
  const port = await freePort()
  const started = await runWith({
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_PUBLIC_KEY: publicKeyHex,
    DISCORD_HTTP_PORT: String(port),
    DISCORD_API_URL: apiUrl,
    DUGNAD_DB: path.join(dir, "bot.db"),
    DISCORD_ADVISOR_ROLE: "Advisor",
    DISCORD_EXPERT_ROLE: "Expert",
    DISCORD_CONTENT_CHANNEL: "content",
    DISCORD_TEAM_CHANNEL: "team"
  })
  expect(started.errors).toEqual([])
  expect(started.running).toBeDefined()
  return { ...started, running: started.running as Running, discord, port, guildListRequests }
}

describe("dugnad-discord in HTTP-interactions mode", () => {
  it("GIVEN DISCORD_HTTP_PORT WHEN it starts THEN it registers /dugnad in the bot's guilds, says one line without the token, and answers PING with PONG", async () => {
    const { discord, guildListRequests, logs, port, running } = await startHttpMode()
    expect(running.mode).toBe("http")
    expect(guildListRequests.length).toBe(1)
    expect(discord.commands().map((command) => command.name)).toEqual(["dugnad"])
    expect(logs).toEqual([`Dugnad on Discord: ${discord.bot.username} listening on :${port} for HTTP interactions, 1 guild`])
    expect(logs.join("\n")).not.toContain(discord.token)
    // No gateway: nobody connected to the fake's WebSocket.
    expect(discord.gateway.connections.length).toBe(0)

    const pong = await signedPost(port, { id: "1", application_id: discord.applicationId, type: 1, token: "t", version: 1 })
    expect(pong).toEqual({ status: 200, body: { type: 1 } })
  })

  it("GIVEN a request whose signature was tampered with THEN 401, and nothing is handled", async () => {
    const { discord, port } = await startHttpMode()
    const slash = discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "board" })
    const refused = await signedPost(port, slash.payload, true)
    expect(refused.status).toBe(401)
    const unsigned = await post(port, Buffer.from(JSON.stringify(slash.payload)), {})
    expect(unsigned.status).toBe(401)
  })

  it("GIVEN the advisor WHEN they use /dugnad board over HTTP THEN the board view is the HTTP reply, and the guild is read over REST", async () => {
    const { discord, port } = await startHttpMode()
    const slash = discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "board" })
    const answered = await signedPost(port, slash.payload)
    expect(answered.status).toBe(200)
    expect(answered.body["type"]).toBe(4)
    const embeds = answered.body["data"]?.["embeds"] as Array<{ title?: string }> | undefined
    expect(embeds?.length ?? 0).toBeGreaterThan(0)
    expect(answered.body["data"]?.["allowed_mentions"]).toBeDefined()
    expect(discord.requestsTo("GET", `/guilds/${discord.guild.id}`).length).toBeGreaterThan(0)
    // Answered in the HTTP reply: no callback over REST.
    expect(discord.requestsTo("POST", /^\/interactions\//).length).toBe(0)
  })

  it("WHEN it is stopped THEN the endpoint is closed", async () => {
    const { port, running } = await startHttpMode()
    await running.stop()
    await expect(signedPost(port, { id: "1", application_id: "1", type: 1, token: "t", version: 1 })).rejects.toThrow()
  })
})

describe("dugnad-discord in HTTP-interactions mode, slow work", () => {
  it("GIVEN a board that takes 2.5 s WHEN it is asked over HTTP THEN the reply is an ephemeral deferral within 3 s, and the board is PATCHed to @original when ready", async () => {
    const { apiUrl, discord } = await discordWithGuildList()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-discord-main-"))
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
    const settings = readSettings({
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_PUBLIC_KEY: publicKeyHex,
      DISCORD_HTTP_PORT: String(await freePort()),
      DISCORD_API_URL: apiUrl,
      DISCORD_ADVISOR_ROLE: "Advisor",
      DISCORD_EXPERT_ROLE: "Expert"
    })
    if (Either.isLeft(settings)) throw new Error(settings.left)
    const slowdown = { ms: 0 }
    const sqlite = Sqlite.layer({ filename: path.join(dir, "bot.db") })
    const slowed = Layer.effect(
      ReadModel,
      Effect.map(ReadModel, (readModel) => ({
        ...readModel,
        board: (workspace, filter) =>
          Effect.suspend(() => slowdown.ms === 0 ? readModel.board(workspace, filter) : Effect.delay(readModel.board(workspace, filter), slowdown.ms))
      }))
    )
    const running = await start(settings.right, { store: Layer.provideMerge(slowed, sqlite), host: "127.0.0.1" })
    cleanups.push(() => running.stop())
    const port = running.port._tag === "Some" ? running.port.value : 0
    // The first use sets the guild up as a workspace.
    expect((await signedPost(port, discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "board" }).payload)).body["type"]).toBe(4)

    slowdown.ms = 2_500
    const slash = discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "board" })
    const sentAt = Date.now()
    const deferred = await signedPost(port, slash.payload)
    expect(Date.now() - sentAt).toBeLessThan(3_000)
    expect(deferred).toEqual({ status: 200, body: { type: 5, data: { flags: 64 } } })
    // What Discord does with that HTTP reply: the deferred "thinking…" message, by the callback route.
    const relayed = await fetch(`${discord.apiUrl}/v10/interactions/${slash.id}/${slash.token}/callback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(deferred.body)
    })
    expect(relayed.status).toBeLessThan(300)
    const until = Date.now() + 5_000
    while (((slash.original()?.["embeds"] as Array<unknown> | undefined) ?? []).length === 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(((slash.original()?.["embeds"] as Array<unknown> | undefined) ?? []).length).toBeGreaterThan(0)
    expect(discord.requestsTo("PATCH", `/webhooks/${discord.applicationId}/${slash.token}/messages/@original`).length).toBeGreaterThan(0)
  })
})

describe("dugnad-discord in gateway mode", () => {
  it("GIVEN no DISCORD_HTTP_PORT WHEN it starts THEN it logs in over the gateway and says so in one line", async () => {
    const discord = await FakeDiscord.start({ heartbeatIntervalMs: 500 })
    cleanups.push(() => discord.close())
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-discord-main-"))
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
    const { errors, logs, running } = await runWith({
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      DUGNAD_DB: path.join(dir, "bot.db")
    })
    expect(errors).toEqual([])
    expect(running?.mode).toBe("gateway")
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatch(/^Dugnad on Discord: logged in as .+, 1 guild$/)
    expect(logs[0]).not.toContain(discord.token)
  })

  it("GIVEN a token Discord refuses THEN one line says so, without the token, exit code 1", async () => {
    const discord = await FakeDiscord.start()
    cleanups.push(() => discord.close())
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-discord-main-"))
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
    const { errors, exits, running } = await runWith({
      DISCORD_TOKEN: "wrong-token-SECRET",
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      DUGNAD_DB: path.join(dir, "bot.db")
    })
    expect(running).toBeUndefined()
    expect(exits).toEqual([1])
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^Dugnad on Discord could not start: /)
    expect(errors[0]).not.toContain("wrong-token-SECRET")
  })
})

describe("the dugnad-discord binary", () => {
  it("GIVEN it runs in HTTP mode WHEN it gets SIGTERM THEN it stops cleanly, exit code 0", async () => {
    const { apiUrl, discord } = await discordWithGuildList()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-discord-main-"))
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
    const port = await freePort()
    const child = spawn(process.execPath, [path.join(packageDir, "bin", "dugnad-discord.js")], {
      env: {
        PATH: process.env["PATH"] ?? "",
        DISCORD_TOKEN: discord.token,
        DISCORD_APPLICATION_ID: discord.applicationId,
        DISCORD_PUBLIC_KEY: publicKeyHex,
        DISCORD_HTTP_PORT: String(port),
        DISCORD_API_URL: apiUrl,
        DUGNAD_DB: path.join(dir, "bot.db")
      }
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => void (stdout += chunk.toString("utf8")))
    child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString("utf8")))
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
    cleanups.push(() => void child.kill("SIGKILL"))
    const until = Date.now() + 20_000
    while (!stdout.includes("listening on") && Date.now() < until && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(stdout, stderr).toContain(`listening on :${port}`)
    const pong = await signedPost(port, { id: "1", application_id: discord.applicationId, type: 1, token: "t", version: 1 })
    expect(pong.body).toEqual({ type: 1 })
    child.kill("SIGTERM")
    expect(await exited).toBe(0)
    expect(stdout.trim().split("\n")).toEqual([
      `Dugnad on Discord: ${discord.bot.username} listening on :${port} for HTTP interactions, 1 guild`,
      "Dugnad on Discord: stopped (SIGTERM)."
    ])
    expect(stderr).toBe("")
  })
})

describe("dugnad-discord's settings", () => {
  it("GIVEN no DISCORD_TOKEN THEN one line names it, exit code 2, nothing started", async () => {
    const { errors, exits, logs, running } = await runWith({ DISCORD_APPLICATION_ID: "123456789012345678" })
    expect(running).toBeUndefined()
    expect(errors).toEqual(["DISCORD_TOKEN is not set."])
    expect(exits).toEqual([2])
    expect(logs).toEqual([])
  })

  it("GIVEN an invalid variable THEN the line names it and says what is allowed, never its value", async () => {
    const { errors, exits } = await runWith({ DISCORD_TOKEN: "secret-token-value", DISCORD_APPLICATION_ID: "not-an-id-secret" })
    expect(exits).toEqual([2])
    expect(errors.length).toBe(1)
    expect(errors[0]).toContain("DISCORD_APPLICATION_ID")
    expect(errors[0]).not.toContain("not-an-id-secret")
    expect(errors[0]).not.toContain("secret-token-value")
  })

  it("GIVEN DISCORD_HTTP_PORT without DISCORD_PUBLIC_KEY THEN one line names the key, exit code 2", async () => {
    const { errors, exits } = await runWith({
      DISCORD_TOKEN: "secret-token-value",
      DISCORD_APPLICATION_ID: "123456789012345678",
      DISCORD_HTTP_PORT: "8080"
    })
    expect(exits).toEqual([2])
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^DISCORD_PUBLIC_KEY is not set/)
  })

  it("GIVEN the built binary and no variables THEN one line on stderr, no stack trace, exit code 2", () => {
    const bin = path.join(packageDir, "bin", "dugnad-discord.js")
    if (!fs.existsSync(path.join(packageDir, "dist", "Main.js"))) {
      throw new Error("dist/Main.js is missing: build first (npm run build at the repository root)")
    }
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith("DISCORD_") && !key.startsWith("DUGNAD_"))
    ) as Record<string, string>
    const result = spawnSync(process.execPath, [bin], { encoding: "utf8", env, timeout: 30_000 })
    expect(result.status).toBe(2)
    expect(result.stdout).toBe("")
    expect(result.stderr).toBe("DISCORD_TOKEN is not set. DISCORD_APPLICATION_ID is not set.\n")
  })
})

/**
 * How fast the bot answers `/dugnad` under load: the running bot (`start` from `src/Bot.ts`, a
 * SQLite store in a temp dir) on the fake Mattermost, 200 slash commands played at once
 * (`/dugnad board` and `/dugnad show ITEM` from alice, bob and carol), round after round. Each
 * command is timed from the fake's POST to `<public url>/slash` to the HTTP response arriving back
 * (what Mattermost waits for before it shows the reply). The issue names no number: the target
 * here is Discord's bench's, p99 ≤ 300 ms, and every command must be answered with its reply
 * itself, not with the "working on it" the endpoint sends after 2.5 s (Mattermost itself waits up
 * to its outgoing-integration timeout, 30 s by default).
 *
 * Baselines, measured in the same run, in turns with the bot so a busy moment of this shared
 * machine falls on all alike, played by the same fake with the same 200-at-once load:
 * - a bare `node:http` endpoint that reads the form and answers a constant ephemeral reply (the
 *   fake's and Node's own HTTP round trip): the baseline of the ratio;
 * - `Http.make` (this package's endpoint: token check, form, command-line parsing) with an
 *   `onSlash` that answers a constant at once: what the endpoint adds before Dugnad's work.
 *
 * The measured rounds follow `BENCH_WARMUP` unmeasured ones (default 3; the bot's first, cold
 * round is reported apart). `BENCH_ROUNDS` sets the rounds (default 10), `BENCH_CONCURRENCY` the
 * commands per round (default 200).
 */
import * as Sqlite from "@dugnad/core/Sqlite"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import { start } from "../src/Bot.js"
import { config } from "../src/Config.js"
import * as Hmac from "../src/Hmac.js"
import * as MmHttp from "../src/Http.js"
import { text } from "../src/Text.js"
import { FakeMattermost } from "../test/fake/FakeMattermost.js"

const rounds = Number(process.env["BENCH_ROUNDS"] ?? 10)
const concurrency = Number(process.env["BENCH_CONCURRENCY"] ?? 200)
const warmup = Math.max(1, Number(process.env["BENCH_WARMUP"] ?? 3))
/** Not in the issue: the Discord bench's target, taken over. */
const TARGET_P99_MS = 300

const load = () => os.loadavg().map((value) => value.toFixed(2)).join(" ")
const quantile = (sorted: ReadonlyArray<number>, q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN
const ms = (value: number) => `${value.toFixed(1)} ms`

/** A port nothing listens on now (the bot's settings take a port, not 0). */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = Http.createServer()
    probe.once("error", reject)
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })

const listen = async (server: Http.Server): Promise<{ url: string; close: () => Promise<void> }> => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

const workingOnIt = new Set(Object.values(text).map((words) => words.workingOnIt))
const failed = new Set(Object.values(text).map((words) => words.failed))

/** One measured command: milliseconds from the POST to the response, and what the response was. */
interface Sample {
  readonly millis: number
  readonly status: number
  /** `reply`, `late` (the "working on it" sent at 2.5 s), `failed` (the apology) or `bad` (not 200 JSON). */
  readonly outcome: "reply" | "late" | "failed" | "bad"
}

const outcomeOf = (status: number, json: unknown): Sample["outcome"] => {
  if (status !== 200 || typeof json !== "object" || json === null) return "bad"
  const said = (json as { readonly text?: unknown }).text
  if (typeof said === "string" && workingOnIt.has(said)) return "late"
  if (typeof said === "string" && failed.has(said)) return "failed"
  return "reply"
}

interface Command {
  readonly user: string
  readonly text: string
}

const users = ["alice", "bob", "carol"]

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-slash-bench-"))
const cleanup: Array<() => Promise<void>> = []

try {
  console.log(
    `Slash-command round trip — node ${process.version}, ${os.cpus().length} CPUs, load average ${load()}, ${rounds} rounds of ${concurrency} at once after ${warmup} unmeasured`
  )

  const mattermost = await FakeMattermost.start()
  cleanup.push(() => mattermost.close())

  /** Plays `count` commands at once into `url` and waits for every response. */
  const burst = async (url: string, command: (index: number) => Command, count: number): Promise<ReadonlyArray<Sample>> => {
    const pending: Array<Promise<Sample>> = []
    for (let index = 0; index < count; index++) {
      const { user, text } = command(index)
      const started = performance.now()
      pending.push(
        mattermost.slashCommand({ url, user, text, timeoutMs: 30_000 }).then((result) => ({
          millis: performance.now() - started,
          status: result.status,
          outcome: outcomeOf(result.status, result.json)
        }))
      )
    }
    return Promise.all(pending)
  }

  // The bot, with the settings `Config` reads from an environment like this one.
  const port = await freePort()
  const publicUrl = `http://127.0.0.1:${port}`
  const filename = path.join(directory, "bench.db")
  const settings = Effect.runSync(
    ConfigProvider.fromMap(
      new Map([
        ["MATTERMOST_URL", mattermost.url],
        ["MATTERMOST_TOKEN", mattermost.token],
        ["MATTERMOST_COMMAND_TOKEN", mattermost.commandToken],
        ["MATTERMOST_HMAC_SECRET", "bench-hmac-secret-0123456789abcdefghijklmnop"],
        ["MATTERMOST_PUBLIC_URL", publicUrl],
        ["MATTERMOST_HTTP_PORT", String(port)],
        ["DUGNAD_DB", filename],
        // The fake's channels are town-square and content.
        ["MATTERMOST_CONTENT_CHANNEL", "content"]
      ])
    ).load(config)
  )
  const bot = await start(settings, { store: Sqlite.layer({ filename }), host: "127.0.0.1" })
  cleanup.unshift(() => bot.stop())
  const slashUrl = `${publicUrl}/slash`

  // Alice (team admin, so advisor) founds the workspace; Carol submits an idea for /dugnad show.
  let first = await mattermost.slashCommand({ url: slashUrl, user: "alice", text: "board" }).catch(() => undefined)
  for (let attempt = 0; first?.status !== 200 && attempt < 50; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    first = await mattermost.slashCommand({ url: slashUrl, user: "alice", text: "board" }).catch(() => undefined)
  }
  if (first?.status !== 200) throw new Error(`the bot does not answer /dugnad board: ${first?.status} ${first?.text}`)
  const submitted = await mattermost.slashCommand({
    url: slashUrl,
    user: "carol",
    text: `idea submit Summer opening hours --pitch "When the harbour office is open in July"`
  })
  // The item id: in the reply (its buttons' signed action ids, or its text), or in the root post of
  // the item's thread that the notifier makes in the content channel.
  const idIn = (value: unknown) => {
    const json = JSON.stringify(value ?? "")
    return json.match(/dg1\|[A-Za-z]+\|([a-z0-9]{6})(?![a-z0-9])/)?.[1] ?? json.match(/· ([a-z0-9]{6})(?![a-z0-9])/)?.[1]
  }
  let itemId = idIn(submitted.json) ?? submitted.responseUrlReplies.map((reply) => idIn(reply.body)).find((id) => id !== undefined)
  for (let waited = 0; itemId === undefined && waited < 10_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    const root = mattermost.posts("content").find((post) => typeof post.props["dugnad_item"] === "string")
    itemId = (root?.props["dugnad_item"] as string | undefined) ??
      submitted.responseUrlReplies.map((reply) => idIn(reply.body)).find((id) => id !== undefined)
  }
  if (itemId === undefined) throw new Error(`the idea was not submitted: ${submitted.status} ${submitted.text.slice(0, 500)}`)
  const shown = await mattermost.slashCommand({ url: slashUrl, user: "bob", text: `show ${itemId}` })
  if (outcomeOf(shown.status, shown.json) !== "reply" || (!shown.text.includes(itemId) && !shown.text.includes("Summer opening hours"))) {
    throw new Error(`/dugnad show ${itemId} did not show the item: ${shown.status} ${shown.text.slice(0, 500)}`)
  }
  console.log(`  item ${itemId}; /dugnad board answers ${first.text.length} bytes, /dugnad show ${shown.text.length} bytes`)
  const botCommand = (index: number): Command => ({
    user: users[index % 3]!,
    text: index % 2 === 0 ? "board" : `show ${itemId}`
  })

  // Baseline: a bare endpoint answering a constant reply.
  const constant = JSON.stringify({ response_type: "ephemeral", text: "ok" })
  const bare = await listen(Http.createServer((request, response) => {
    request.resume()
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(constant)) })
      response.end(constant)
    })
  }))
  cleanup.unshift(bare.close)
  // This package's endpoint with a constant answer: token check, form, parsing, no Dugnad.
  const endpoint = await listen(MmHttp.make({
    commandToken: mattermost.commandToken,
    hmac: Hmac.make("bench-hmac-secret-0123456789abcdefghijklmnop"),
    onSlash: () => Promise.resolve({ response_type: "ephemeral", text: "ok" }),
    onAction: () => Promise.resolve({}),
    onDialog: () => Promise.resolve(undefined),
    postToResponseUrl: () => Promise.resolve()
  }))
  cleanup.unshift(endpoint.close)
  const bareUrl = `${bare.url}/slash`
  const endpointUrl = `${endpoint.url}/slash`

  // Unmeasured rounds first: Node's HTTP, SQLite's page cache, V8's compiled code. The first
  // (cold) round of the bot is reported apart: a bot just started meets its first rush so.
  await burst(bareUrl, botCommand, concurrency)
  await burst(endpointUrl, botCommand, concurrency)
  const cold = await burst(slashUrl, botCommand, concurrency)
  for (let round = 1; round < warmup; round++) {
    await burst(bareUrl, botCommand, concurrency)
    await burst(endpointUrl, botCommand, concurrency)
    await burst(slashUrl, botCommand, concurrency)
  }

  const baseline: Array<Sample> = []
  const endpointOnly: Array<Sample> = []
  const measured: Array<Sample> = []
  const roundP99 = { baseline: [] as Array<number>, bot: [] as Array<number> }
  for (let round = 0; round < rounds; round++) {
    const base = await burst(bareUrl, botCommand, concurrency)
    endpointOnly.push(...await burst(endpointUrl, botCommand, concurrency))
    const ours = await burst(slashUrl, botCommand, concurrency)
    baseline.push(...base)
    measured.push(...ours)
    roundP99.baseline.push(quantile(base.map((s) => s.millis).sort((a, b) => a - b), 0.99))
    roundP99.bot.push(quantile(ours.map((s) => s.millis).sort((a, b) => a - b), 0.99))
  }

  const stats = (samples: ReadonlyArray<Sample>) => {
    const sorted = samples.map((s) => s.millis).sort((a, b) => a - b)
    return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] ?? Number.NaN }
  }
  const base = stats(baseline)
  const http = stats(endpointOnly)
  const ours = stats(measured)
  const coldStats = stats(cold)
  const count = (samples: ReadonlyArray<Sample>, outcome: Sample["outcome"]) => samples.filter((s) => s.outcome === outcome).length

  const row = (name: string, samples: ReadonlyArray<Sample>, s: ReturnType<typeof stats>) =>
    `  ${name.padEnd(36)}  ${String(samples.length).padStart(5)}  ${ms(s.p50).padStart(9)}  ${ms(s.p99).padStart(9)}  ${ms(s.max).padStart(9)}  ${
      `${(s.p99 / base.p99).toFixed(2)}×`.padStart(9)
    }`
  console.log(`\n  ${"endpoint".padEnd(36)}  ${"n".padStart(5)}  ${"p50".padStart(9)}  ${"p99".padStart(9)}  ${"max".padStart(9)}  ${"p99 ratio".padStart(9)}`)
  console.log(row("baseline (bare node:http, constant)", baseline, base))
  console.log(row("Http.make, constant onSlash", endpointOnly, http))
  console.log(row("Dugnad bot (board, show)", measured, ours))
  console.log(`  p99 per round, baseline: ${roundP99.baseline.map((v) => v.toFixed(0)).join(" ")} ms`)
  console.log(`  p99 per round, bot:      ${roundP99.bot.map((v) => v.toFixed(0)).join(" ")} ms`)

  const answered = count(measured, "reply")
  const verdicts = [
    {
      measurement: "bot: POST → response, p99",
      result: ms(ours.p99),
      target: `≤ ${TARGET_P99_MS} ms (Discord's; none in the issue)`,
      verdict: ours.p99 <= TARGET_P99_MS ? "MET" : "NOT MET"
    },
    {
      measurement: "bot: answered with the reply itself",
      result: `${answered}/${measured.length} (${count(measured, "late")} "working on it", ${count(measured, "failed")} failed, ${
        count(measured, "bad")
      } not 200 JSON)`,
      target: "all",
      verdict: answered === measured.length ? "MET" : "NOT MET"
    },
    { measurement: "bot: p50 / max", result: `${ms(ours.p50)} / ${ms(ours.max)}`, target: "", verdict: "info" },
    {
      measurement: "bot, cold (first round after start): p50 / p99 / max",
      result: `${ms(coldStats.p50)} / ${ms(coldStats.p99)} / ${ms(coldStats.max)}`,
      target: "",
      verdict: "info"
    },
    { measurement: "baseline: p50 / p99 / max", result: `${ms(base.p50)} / ${ms(base.p99)} / ${ms(base.max)}`, target: "", verdict: "info" },
    { measurement: "Http.make, constant: p50 / p99 / max", result: `${ms(http.p50)} / ${ms(http.p99)} / ${ms(http.max)}`, target: "", verdict: "info" },
    {
      measurement: "bot / baseline (p50, p99)",
      result: `${(ours.p50 / base.p50).toFixed(2)}× / ${(ours.p99 / base.p99).toFixed(2)}×`,
      target: "",
      verdict: "info"
    }
  ]
  console.log("\nSummary (the baselines are measured in this run, in turns with the bot)")
  const width = (key: "measurement" | "result" | "target") => Math.max(key.length, ...verdicts.map((v) => v[key].length))
  console.log(`  ${"measurement".padEnd(width("measurement"))}  ${"result".padEnd(width("result"))}  ${"target".padEnd(width("target"))}  verdict`)
  for (const v of verdicts) {
    console.log(`  ${v.measurement.padEnd(width("measurement"))}  ${v.result.padEnd(width("result"))}  ${v.target.padEnd(width("target"))}  ${v.verdict}`)
  }
  console.log(`Load average now ${load()}`)
} finally {
  for (const close of cleanup) await close().catch(() => undefined)
  fs.rmSync(directory, { recursive: true, force: true })
}

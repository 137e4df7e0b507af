/**
 * How fast the bot acknowledges interactions under load: the running bot (`start`, the real
 * discord.js Client, a SQLite store in a temp dir) on the fake Discord, 200 interactions dispatched
 * at once (`/dugnad board` and `/dugnad show` from three people), round after round. Each
 * interaction is timed from its INTERACTION_CREATE dispatch to its callback (the reply, or the
 * deferral) arriving at the fake. Target: p99 ≤ 300 ms, far inside Discord's 3 s.
 *
 * The baseline, measured in the same run, in turns with the bot so a busy moment of this shared
 * machine falls on both alike: a trivial discord.js Client on a second fake that answers every
 * interaction at once with a constant reply — the fake's and discord.js's own round trip, under
 * the same 200-at-once load. The ratio shows what Dugnad's work (workspace, member, query, view)
 * adds. The measured rounds follow `BENCH_WARMUP` unmeasured ones (default 3; the bot's first, cold
 * round is reported apart). `BENCH_ROUNDS` sets the rounds (default 10), `BENCH_CONCURRENCY` the
 * interactions per round (default 200).
 */
import * as Sqlite from "@dugnad/core/Sqlite"
import { Client, Events, GatewayIntentBits, Routes } from "discord.js"
import { InteractionResponseType, InteractionType, MessageFlags } from "discord-api-types/v10"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { start } from "../src/Bot.js"
import { FakeDiscord, type InteractionHandle } from "../test/fake/FakeDiscord.js"
import { settingsFor } from "../test/support.js"

const rounds = Number(process.env["BENCH_ROUNDS"] ?? 10)
const concurrency = Number(process.env["BENCH_CONCURRENCY"] ?? 200)
const warmup = Math.max(1, Number(process.env["BENCH_WARMUP"] ?? 3))
const TARGET_P99_MS = 300
const DISCORD_DEADLINE_MS = 3_000

const load = () => os.loadavg().map((value) => value.toFixed(2)).join(" ")
const quantile = (sorted: ReadonlyArray<number>, q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN
const waitFor = async (probe: () => boolean, timeoutMs = 10_000) => {
  const until = Date.now() + timeoutMs
  while (!probe()) {
    if (Date.now() > until) throw new Error("timed out waiting")
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** One measured interaction: milliseconds to its callback, the callback's type, the fake's own ms. */
interface Sample {
  readonly millis: number
  readonly type: number
  readonly fakeMs: number
}

/** Dispatches `count` interactions at once and waits for every callback. */
const burst = async (dispatch: (index: number) => InteractionHandle, count: number): Promise<ReadonlyArray<Sample>> => {
  const pending: Array<Promise<Sample>> = []
  for (let index = 0; index < count; index++) {
    const started = performance.now()
    const handle = dispatch(index)
    pending.push(handle.callback(10_000).then((record) => ({ millis: performance.now() - started, type: record.type, fakeMs: record.ms })))
  }
  return Promise.all(pending)
}

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-ack-bench-"))
const cleanup: Array<() => Promise<void>> = []

try {
  console.log(
    `Interaction acknowledgement — node ${process.version}, ${os.cpus().length} CPUs, load average ${load()}, ${rounds} rounds of ${concurrency} at once after ${warmup} unmeasured`
  )

  // The bot, on its own fake.
  const discord = await FakeDiscord.start({ heartbeatIntervalMs: 5_000 })
  cleanup.push(() => discord.close())
  const filename = path.join(directory, "bench.db")
  const settings = settingsFor(discord, filename)
  const bot = await start(settings, { store: Sqlite.layer({ filename }) })
  cleanup.unshift(() => bot.stop())
  await waitFor(() => discord.commands().length > 0)
  // The advisor sets the guild up; Carol submits an idea for /dugnad show.
  await discord.slashCommand({ user: "alice", command: "dugnad", subcommand: "board" }).callback()
  const opened = await discord.slashCommand({ user: "carol", command: "dugnad", group: "idea", subcommand: "submit" }).callback()
  const submitted = await discord.modalSubmit({
    user: "carol",
    customId: String(opened.data?.["custom_id"]),
    fields: { title: "Summer opening hours", pitch: "When the harbour office is open in July" }
  }).callback()
  const itemId = JSON.stringify(submitted.data).match(/dg1\|comment\|([a-z0-9]{6})/)?.[1]
  if (itemId === undefined) throw new Error(`the idea was not submitted: ${JSON.stringify(submitted.data)}`)
  const users = ["alice", "bob", "carol"]
  const botInteraction = (index: number) =>
    index % 2 === 0
      ? discord.slashCommand({ user: users[index % 3]!, command: "dugnad", subcommand: "board" })
      : discord.slashCommand({ user: users[index % 3]!, command: "dugnad", subcommand: "show", options: { item: itemId } })

  // The baseline: a client that answers every interaction at once, on a second fake.
  const bare = await FakeDiscord.start({ heartbeatIntervalMs: 5_000 })
  cleanup.push(() => bare.close())
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: bare.apiUrl }, waitGuildTimeout: 1_000 })
  cleanup.unshift(() => client.destroy())
  client.on(Events.Raw, (packet: { t?: string; d?: { id: string; token: string; type: number } }) => {
    if (packet.t !== "INTERACTION_CREATE" || packet.d === undefined || packet.d.type === InteractionType.Ping) return
    void client.rest.post(Routes.interactionCallback(packet.d.id, packet.d.token), {
      body: { type: InteractionResponseType.ChannelMessageWithSource, data: { content: "ok", flags: MessageFlags.Ephemeral } },
      auth: false
    }).catch(() => undefined)
  })
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()))
  await client.login(bare.token)
  await ready
  const bareInteraction = (index: number) => bare.slashCommand({ user: users[index % 3]!, command: "dugnad", subcommand: "board" })

  // Unmeasured rounds first: discord.js's handlers, SQLite's page cache, V8's compiled code. The
  // first (cold) round of the bot is reported apart: a bot just started meets its first rush so.
  await burst(bareInteraction, concurrency)
  const cold = await burst(botInteraction, concurrency)
  for (let round = 1; round < warmup; round++) {
    await burst(bareInteraction, concurrency)
    await burst(botInteraction, concurrency)
  }

  const baseline: Array<Sample> = []
  const measured: Array<Sample> = []
  const roundP99 = { baseline: [] as Array<number>, bot: [] as Array<number> }
  for (let round = 0; round < rounds; round++) {
    const base = await burst(bareInteraction, concurrency)
    const ours = await burst(botInteraction, concurrency)
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
  const ours = stats(measured)
  const coldStats = stats(cold)
  const deferred = measured.filter((s) => s.type === 5).length
  const late = measured.filter((s) => s.fakeMs >= DISCORD_DEADLINE_MS || (s.type !== 4 && s.type !== 5)).length
  const ms = (value: number) => `${value.toFixed(1)} ms`

  console.log(`\n  ${"client".padEnd(34)}  ${"n".padStart(5)}  ${"p50".padStart(9)}  ${"p99".padStart(9)}  ${"max".padStart(9)}  ${"p99 ratio".padStart(9)}`)
  console.log(
    `  ${"baseline (answers at once)".padEnd(34)}  ${String(baseline.length).padStart(5)}  ${ms(base.p50).padStart(9)}  ${ms(base.p99).padStart(9)}  ${
      ms(base.max).padStart(9)
    }  ${"1.00×".padStart(9)}`
  )
  console.log(
    `  ${"Dugnad bot (board, show)".padEnd(34)}  ${String(measured.length).padStart(5)}  ${ms(ours.p50).padStart(9)}  ${ms(ours.p99).padStart(9)}  ${
      ms(ours.max).padStart(9)
    }  ${`${(ours.p99 / base.p99).toFixed(2)}×`.padStart(9)}`
  )
  console.log(`  p99 per round, baseline: ${roundP99.baseline.map((v) => v.toFixed(0)).join(" ")} ms`)
  console.log(`  p99 per round, bot:      ${roundP99.bot.map((v) => v.toFixed(0)).join(" ")} ms`)

  const verdicts = [
    { measurement: "bot: dispatch → callback, p99", result: ms(ours.p99), target: `≤ ${TARGET_P99_MS} ms`, verdict: ours.p99 <= TARGET_P99_MS ? "MET" : "NOT MET" },
    {
      measurement: "bot: answered within Discord's 3 s",
      result: `${measured.length - late}/${measured.length} (${deferred} deferred)`,
      target: "all",
      verdict: late === 0 ? "MET" : "NOT MET"
    },
    { measurement: "bot: p50 / max", result: `${ms(ours.p50)} / ${ms(ours.max)}`, target: "", verdict: "info" },
    {
      measurement: "bot, cold (first round after start): p50 / p99 / max",
      result: `${ms(coldStats.p50)} / ${ms(coldStats.p99)} / ${ms(coldStats.max)}`,
      target: "",
      verdict: "info"
    },
    { measurement: "baseline: p50 / p99 / max", result: `${ms(base.p50)} / ${ms(base.p99)} / ${ms(base.max)}`, target: "", verdict: "info" },
    {
      measurement: "bot / baseline (p50, p99)",
      result: `${(ours.p50 / base.p50).toFixed(2)}× / ${(ours.p99 / base.p99).toFixed(2)}×`,
      target: "",
      verdict: "info"
    }
  ]
  console.log("\nSummary (the baseline is measured in this run, in turns with the bot)")
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

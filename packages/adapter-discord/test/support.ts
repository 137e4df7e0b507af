/**
 * What the tests that run the bot on the fake Discord share: its settings, starting and stopping
 * it, reading a reply's embed, and waiting for something to happen.
 */
import type { StoreUnavailable } from "@dugnad/core/Errors"
import type { Outbox } from "@dugnad/core/Outbox"
import * as Sqlite from "@dugnad/core/Sqlite"
import type * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { type Bot, start } from "../src/Bot.js"
import type { DiscordConfig } from "../src/Config.js"
import type { Services } from "../src/Interactions.js"
import { FakeDiscord, type FakeDiscordOptions } from "./fake/FakeDiscord.js"

/**
 * The bot's settings for a fake Discord and a SQLite file: the fake's default guild has the roles
 * Advisor and Expert and the channels content and team.
 */
export const settingsFor = (discord: FakeDiscord, database: string): DiscordConfig => ({
  token: Redacted.make(discord.token),
  applicationId: discord.applicationId,
  publicKey: Option.none(),
  httpPort: Option.none(),
  apiUrl: Option.some(discord.apiUrl),
  database: Redacted.make(database),
  roleNames: { advisor: Option.some("Advisor"), expert: Option.some("Expert"), manager: Option.none() },
  contentChannel: "content",
  teamChannel: "team"
})

/** Polls `probe` until it gives a value, or fails after `timeoutMs`. */
export const eventually = async <A>(probe: () => A | undefined, timeoutMs = 10_000): Promise<A> => {
  const until = Date.now() + timeoutMs
  for (;;) {
    const found = probe()
    if (found !== undefined) return found
    if (Date.now() > until) throw new Error("timed out waiting")
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

const running: Array<{ discord: FakeDiscord; bot: Bot; dir: string }> = []

/**
 * Starts the fake Discord and the bot on a SQLite file in a new temp dir (`store` may wrap that
 * store), and waits until `/dugnad` is registered. {@link stopBots} stops it.
 */
export const launchBot = async (options: {
  readonly fake?: FakeDiscordOptions
  readonly store?: (sqlite: Layer.Layer<Services | Outbox, StoreUnavailable>) => Layer.Layer<Services | Outbox, StoreUnavailable>
} = {}): Promise<{ readonly discord: FakeDiscord; readonly bot: Bot }> => {
  const discord = await FakeDiscord.start({ heartbeatIntervalMs: 500, ...options.fake })
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-discord-"))
  const filename = path.join(dir, "bot.db")
  const sqlite = Sqlite.layer({ filename })
  const bot = await start(settingsFor(discord, filename), { store: options.store === undefined ? sqlite : options.store(sqlite) })
  running.push({ discord, bot, dir })
  await eventually(() => discord.commands().length > 0 ? true : undefined)
  return { discord, bot }
}

/** Stops every bot {@link launchBot} started and removes its temp dir (for `afterEach`). */
export const stopBots = async (): Promise<void> => {
  for (const { bot, dir, discord } of running.splice(0)) {
    await bot.stop()
    await discord.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** The first embed of a reply's or message's data. */
export interface Embed {
  readonly title?: string
  readonly description?: string
  readonly fields?: ReadonlyArray<{ name: string; value: string }>
  readonly image?: { url: string }
}

/** The first embed of a reply's data, or an empty one. */
export const embedOf = (data: Record<string, unknown> | undefined): Embed =>
  ((data?.["embeds"] as Array<Embed> | undefined) ?? [])[0] ?? {}

/**
 * What the tests that run the bot on the fake Discord share: its settings, and waiting for
 * something to happen.
 */
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { DiscordConfig } from "../src/Config.js"
import type { FakeDiscord } from "./fake/FakeDiscord.js"

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

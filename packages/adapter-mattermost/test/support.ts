/**
 * The bot on the fake Mattermost with a real SQLite store in a temp directory: `setUp()` starts
 * both on 127.0.0.1; `slash`, `click` and `submit` play Mattermost's outgoing calls into the bot.
 */
import * as Sqlite from "@dugnad/core/Sqlite"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as fs from "node:fs"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import { afterEach } from "vitest"
import * as Bot from "../src/Bot.js"
import type { MattermostConfig } from "../src/Config.js"
import type { MmPost } from "./fake/Fixtures.js"
import { FakeMattermost, type FakeMattermostOptions } from "./fake/FakeMattermost.js"

export const secret = "0123456789abcdef0123456789abcdef-test"

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Runs after the test, in reverse order of registration. */
export const onCleanup = (cleanup: () => Promise<void> | void) => void cleanups.push(cleanup)

/** A port nobody listens on now. */
export const freePort = async (): Promise<number> => {
  const server = Http.createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export const settingsFor = (mm: FakeMattermost, port: number, database: string): MattermostConfig => ({
  url: mm.url,
  token: Redacted.make(mm.token),
  commandToken: Redacted.make(mm.commandToken),
  hmacSecret: Redacted.make(secret),
  publicUrl: `http://127.0.0.1:${port}`,
  httpPort: port,
  database: Redacted.make(database),
  roles: {
    groups: { advisor: Option.some("advisors"), expert: Option.some("experts"), manager: Option.none() },
    teamAdminsAreAdvisors: true
  },
  contentChannel: "content",
  teamChannel: "town-square"
})

export interface World {
  readonly mm: FakeMattermost
  readonly bot: Bot.Bot
  readonly settings: MattermostConfig
  readonly file: string
  readonly dir: string
  /** The bot again, on the same store and fake (after `bot.stop()`). */
  readonly restart: () => Promise<Bot.Bot>
}

export const setUp = async (options: { readonly fake?: FakeMattermostOptions; readonly bot?: Bot.StartOptions } = {}): Promise<World> => {
  const mm = await FakeMattermost.start({ triggerLifetimeMs: 10_000, ...options.fake })
  onCleanup(() => mm.close())
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-mm-bot-"))
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }))
  const file = path.join(dir, "bot.db")
  const port = await freePort()
  const settings = settingsFor(mm, port, file)
  const begin = async () => {
    const bot = await Bot.start(settings, {
      store: Sqlite.layer({ filename: file }),
      host: "127.0.0.1",
      events: { reconnectDelayMs: { min: 50, max: 200, jitter: 10 } },
      dispatcher: { pollInterval: "50 millis", backoff: { base: "50 millis", cap: "200 millis", jitter: false } },
      onError: () => undefined,
      ...options.bot
    })
    onCleanup(() => bot.stop())
    return bot
  }
  const bot = await begin()
  return { mm, bot, settings, file, dir, restart: begin }
}

export const slashUrl = (world: World) => `${world.settings.publicUrl}/slash`

/** `/dugnad <text>` typed by `user` (in `channel`, default content). */
export const slash = (world: World, user: string, text: string, more: { readonly channel?: string; readonly rootId?: string; readonly token?: string } = {}) =>
  world.mm.slashCommand({ url: slashUrl(world), user, text, ...more })

/** Waits until `check` gives something (polls every 25 ms, up to `ms`). */
export const eventually = async <A>(check: () => A | undefined | false, ms = 10_000): Promise<A> => {
  const until = Date.now() + ms
  for (;;) {
    const value = check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > until) throw new Error("eventually: timed out")
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** The buttons of a post, by label. */
export const buttonsOf = (post: MmPost): ReadonlyArray<{ readonly id: string; readonly name: string }> =>
  ((post.props["attachments"] ?? []) as Array<{ actions?: Array<{ id?: string; name?: string }> }>)
    .flatMap((attachment) => attachment.actions ?? [])
    .map((action) => ({ id: action.id ?? "", name: action.name ?? "" }))

/** The text of a post's attachments (title, text and fields). */
export const textOf = (post: { readonly message: string; readonly props: Record<string, unknown> }): string =>
  [
    post.message,
    ...((post.props["attachments"] ?? []) as Array<{ title?: string; text?: string; fields?: Array<{ title: string; value: string }> }>)
      .flatMap((attachment) => [attachment.title ?? "", attachment.text ?? "", ...(attachment.fields ?? []).map((field) => `${field.title}: ${field.value}`)])
  ].join("\n")

/** The id and encoded action of each button of a post (the action as signed in its context). */
export const actionsOf = (post: MmPost): ReadonlyArray<{ readonly id: string; readonly action: string }> =>
  ((post.props["attachments"] ?? []) as Array<{ actions?: Array<{ id?: string; integration?: { context?: { action?: string } } }> }>)
    .flatMap((attachment) => attachment.actions ?? [])
    .map((action) => ({ id: action.id ?? "", action: action.integration?.context?.action ?? "" }))

/** The newest post in `channel` (name or id) with a button for this kind of action (`approveFacts`), if any. */
export const postWithButton = (world: World, channel: string, kind: string, item?: string) =>
  [...world.mm.posts(channel)].reverse().find((post) =>
    actionsOf(post).some((action) => action.action.startsWith(`dg1|${kind}|${item === undefined ? "" : `${item}|`}`) || action.action === `dg1|${kind}|${item ?? ""}`)
  )

/** Clicks the button for this kind of action on a post. */
export const clickAction = (world: World, post: MmPost, kind: string, user: string) => {
  const button = actionsOf(post).find((action) => action.action.startsWith(`dg1|${kind}|`))
  if (button === undefined) throw new Error(`no ${kind} button on post ${post.id}: ${JSON.stringify(actionsOf(post))}`)
  return world.mm.clickButton({ post: post.id, action: button.id, user })
}

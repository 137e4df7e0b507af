/**
 * Running the bot: `run()` reads the settings from the environment (`Config.ts`) and starts it in
 * one of two modes, until SIGINT or SIGTERM.
 *
 * - **Gateway** (the default): `Bot.start`, interactions over discord.js's gateway connection.
 * - **HTTP interactions** (`DISCORD_HTTP_PORT` set, `DISCORD_PUBLIC_KEY` required): Discord POSTs
 *   each interaction to this process's "Interactions Endpoint URL" (`HttpInteractions`); no gateway
 *   connection at all. Everything else goes over REST: answers that cannot travel in the HTTP reply,
 *   notifications (the notifier and the core's dispatcher), the scheduler (`Reminders`) and
 *   command registration.
 *
 * Both modes answer through the same pipeline (`Bot.replyTo`: `Interactions.handle` with the slash
 * handlers, the guild facts from `Guilds` over REST) within the same deadline (`Deadline`: a reply
 * not ready after 2 s is deferred, ephemerally, and edited in when it is).
 *
 * Decisions, HTTP mode:
 * - **A reply with files** (the results chart) cannot be the HTTP response (it is JSON only): the
 *   HTTP response is a deferral (type 5, ephemeral when the reply is) and the whole reply, files
 *   included, is then PATCHed to `/webhooks/{app}/{token}/messages/@original`. One message, as on
 *   the gateway, rather than a reply and a second message with the image. The PATCH is retried a
 *   few times on 404: Discord may not have taken the deferral in yet when it arrives.
 * - **Registration**: there is no GUILD_CREATE without the gateway, so `/dugnad` is registered at
 *   start in every guild the bot is in (`GET /users/@me/guilds`, paged). A guild that adds the bot
 *   later gets the command at the next start.
 *
 * Logs: one line when started (`Dugnad on Discord: logged in as …, N guilds` / `… listening on
 * :PORT …`), one when stopped; the token, interaction tokens and `DUGNAD_DB` are never printed. A
 * missing or invalid variable: one line naming it (never its value), exit code 2. Failing to start
 * (a wrong token, a port in use, an unreachable database): one line, exit code 1. No stack traces.
 *
 * @since 0.1.0
 */
import * as BotProcess from "@dugnad/core/BotProcess"
import * as Dispatcher from "@dugnad/core/Dispatcher"
import type { StoreUnavailable } from "@dugnad/core/Errors"
import type { Outbox } from "@dugnad/core/Outbox"
import {
  type APIInteractionResponse,
  type APIUser,
  InteractionResponseType,
  MessageFlags,
  type RESTGetAPICurrentUserGuildsResult
} from "discord-api-types/v10"
import { REST, Routes } from "discord.js"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { AddressInfo } from "node:net"
import * as Bot from "./Bot.js"
import * as Config from "./Config.js"
import { respondWithin } from "./Deadline.js"
import * as Guilds from "./Guilds.js"
import * as HttpInteractions from "./HttpInteractions.js"
import type * as Interactions from "./Interactions.js"
import * as Notifier from "./Notifier.js"
import type * as Render from "./Render.js"
import * as Reminders from "./Reminders.js"
import { registerGuildCommands } from "./SlashCommands.js"
import * as StoreLocation from "@dugnad/core/StoreLocation"

/**
 * A running bot, in either mode.
 *
 * @since 0.1.0
 * @category running
 */
export interface Running {
  readonly mode: "gateway" | "http"
  /** The line logged when it started. */
  readonly startedLine: string
  /** In HTTP mode, the port the endpoint listens on. */
  readonly port: Option.Option<number>
  /** Stops delivering, closes the connection or the endpoint, and closes the store (once: later calls wait for the first). */
  readonly stop: () => Promise<void>
}

/**
 * What `start` and `run` may be given instead of the defaults (tests, embedding).
 *
 * @since 0.1.0
 * @category running
 */
export interface StartOptions {
  /** Replaces the store `DUGNAD_DB` names. */
  readonly store?: Layer.Layer<Interactions.Services | Outbox, StoreUnavailable>
  /** HTTP mode: the address to listen on (default: every interface). */
  readonly host?: string
  /** HTTP mode: the endpoint's path (default `/interactions`). */
  readonly path?: string
}

/**
 * @since 0.1.0
 * @category running
 */
export interface RunOptions extends StartOptions, BotProcess.RunOptions {}

// ---------------------------------------------------------------------------------------------
// Settings

/**
 * The settings from these variables (default: the process's environment), or the one line that
 * says which variable is missing or wrong. HTTP mode also needs `DISCORD_PUBLIC_KEY`.
 *
 * @since 0.1.0
 * @category running
 */
export const readSettings = (
  env?: Readonly<Record<string, string | undefined>>
): Either.Either<Config.DiscordConfig, string> => {
  const read = BotProcess.readConfig(Config.config, env)
  if (Either.isLeft(read)) return read
  const settings = read.right
  if (Option.isSome(settings.httpPort) && Option.isNone(settings.publicKey)) {
    return Either.left("DISCORD_PUBLIC_KEY is not set (the HTTP-interactions mode, DISCORD_HTTP_PORT, needs it).")
  }
  return Either.right(settings)
}

// ---------------------------------------------------------------------------------------------
// HTTP mode

const ephemeralDeferral = (ephemeral: boolean): APIInteractionResponse => ({
  type: InteractionResponseType.DeferredChannelMessageWithSource,
  ...(ephemeral ? { data: { flags: MessageFlags.Ephemeral } } : {})
})

const isDeferral = (response: APIInteractionResponse) =>
  response.type === InteractionResponseType.DeferredChannelMessageWithSource ||
  response.type === InteractionResponseType.DeferredMessageUpdate

const statusOf = (error: unknown): number | undefined => {
  const status = (error as { readonly status?: unknown } | null)?.status
  return typeof status === "number" ? status : undefined
}

/** A stop that stops once, however often it is called (a signal, then the caller). */
const once = (stop: () => Promise<void>): (() => Promise<void>) => {
  let stopping: Promise<void> | undefined
  return () => (stopping ??= stop())
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Every guild the bot is in, over REST, 200 at a time. */
const guildIdsOf = async (rest: REST): Promise<ReadonlyArray<string>> => {
  const ids: Array<string> = []
  for (;;) {
    const query = new URLSearchParams({ limit: "200", ...(ids.length > 0 ? { after: ids[ids.length - 1]! } : {}) })
    const page = (await rest.get(Routes.userGuilds(), { query })) as RESTGetAPICurrentUserGuildsResult
    ids.push(...page.map((guild) => guild.id))
    if (page.length < 200) return ids
  }
}

const httpMode = async (settings: Config.DiscordConfig, publicKey: string, port: number, options: StartOptions): Promise<Running> => {
  const rest = new REST(Option.isSome(settings.apiUrl) ? { api: settings.apiUrl.value } : {}).setToken(Redacted.value(settings.token))
  const guilds = Guilds.make(rest)
  const store = options.store ?? StoreLocation.layer(settings.database)
  const runtime = ManagedRuntime.make(Layer.provideMerge(Notifier.layer(rest, guilds, settings), store))
  const platform = Bot.platformOf(guilds)

  /** Replaces the deferred "thinking…" message with the response, files included. */
  const editOriginal = async (
    interaction: HttpInteractions.HandledInteraction,
    response: APIInteractionResponse,
    files: ReadonlyArray<Render.Upload>
  ): Promise<void> => {
    const route = Routes.webhookMessage(settings.applicationId, interaction.token)
    const body = "data" in response ? response.data : {}
    for (let attempt = 0;; attempt++) {
      try {
        await rest.patch(route, { body, files: Bot.filesOf(files), auth: false })
        return
      } catch (error) {
        // Discord may not have taken the deferral (our HTTP reply) in yet: try again shortly.
        if (statusOf(error) !== 404 || attempt >= 4) throw error
        await sleep(250 * (attempt + 1))
      }
    }
  }

  const handle = (interaction: HttpInteractions.HandledInteraction) =>
    new Promise<APIInteractionResponse>((resolve, reject) => {
      const edit = (reply: Interactions.Reply) =>
        Effect.promise(() => {
          const { files, response } = Bot.responseOf(reply)
          return editOriginal(interaction, response, files).catch((error: unknown) =>
            console.error(`Dugnad on Discord: could not deliver the answer to interaction ${interaction.id} (HTTP ${statusOf(error) ?? "error"}).`)
          )
        })
      const work = respondWithin(Bot.replyTo(interaction, settings, platform), {
        answer: (reply) => {
          const { files, response } = Bot.responseOf(reply)
          if (files.length === 0) return Effect.sync(() => resolve(response))
          // Files cannot go in the HTTP reply: defer, then the whole message with its files.
          const ephemeral = reply._tag === "Message" && reply.ephemeral
          return Effect.zipRight(Effect.sync(() => resolve(ephemeralDeferral(ephemeral))), edit(reply))
        },
        // As on the gateway: the person alone sees "thinking…".
        defer: Effect.sync(() => resolve(ephemeralDeferral(true))),
        edit
      })
      runtime.runPromise(work).catch(reject)
    })

  const server = HttpInteractions.make({
    publicKey,
    handle,
    // Only if our own deadline (2 s) was missed and the endpoint's backstop deferred first. A reply
    // with files never comes here: it is a deferral, and edited in by `answer` above.
    followUp: async (interaction, response) => {
      if (isDeferral(response) || response.type === InteractionResponseType.Modal) return
      await editOriginal(interaction, response, [])
    },
    deferAfterMs: 2_700,
    ...(options.path === undefined ? {} : { path: options.path })
  })

  const stopRuntime = () => runtime.dispose().then(() => {
    rest.clearHashSweeper()
    rest.clearHandlerSweeper()
  })
  try {
    const me = (await rest.get(Routes.user())) as APIUser
    const guildIds = await guildIdsOf(rest)
    await Promise.all(guildIds.map((guildId) =>
      runtime.runPromise(
        registerGuildCommands(rest, settings.applicationId, guildId).pipe(
          Effect.tapError(() => Effect.logWarning("could not register /dugnad", { guild: guildId })),
          Effect.ignore
        )
      )
    ))
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject)
      if (options.host === undefined) server.listen(port, () => resolve())
      else server.listen(port, options.host, () => resolve())
    })
    const delivering = runtime.runFork(Dispatcher.run({ pollInterval: "200 millis" }))
    // As on the gateway: reminders, meeting reports and check-ins; meetings as scheduled events.
    const scheduling = runtime.runFork(Reminders.run(rest))
    const listening = (server.address() as AddressInfo).port
    return {
      mode: "http",
      port: Option.some(listening),
      startedLine:
        `Dugnad on Discord: ${me.username} listening on :${listening} for HTTP interactions, ${guildIds.length} ${guildIds.length === 1 ? "guild" : "guilds"}`,
      stop: once(async () => {
        await runtime.runPromise(delivering.interruptAsFork(delivering.id()).pipe(Effect.ignore))
        await runtime.runPromise(scheduling.interruptAsFork(scheduling.id()).pipe(Effect.ignore))
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        })
        await stopRuntime()
      })
    }
  } catch (error) {
    server.close()
    await stopRuntime()
    throw error
  }
}

// ---------------------------------------------------------------------------------------------
// Either mode

/**
 * Starts the bot with these settings: the HTTP-interactions endpoint when `httpPort` is set, else
 * the gateway bot. Rejects when it cannot start (the caller says so).
 *
 * @since 0.1.0
 * @category running
 */
export const start = async (settings: Config.DiscordConfig, options: StartOptions = {}): Promise<Running> => {
  if (Option.isSome(settings.httpPort)) {
    if (Option.isNone(settings.publicKey)) throw new Error("DISCORD_PUBLIC_KEY is not set")
    return httpMode(settings, settings.publicKey.value, settings.httpPort.value, options)
  }
  const bot = await Bot.start(settings, options.store === undefined ? {} : { store: options.store })
  const guilds = bot.client.guilds.cache.size
  return {
    mode: "gateway",
    port: Option.none(),
    startedLine: `Dugnad on Discord: logged in as ${bot.client.user?.tag ?? "the bot"}, ${guilds} ${guilds === 1 ? "guild" : "guilds"}`,
    stop: once(bot.stop)
  }
}

/** Why starting failed, in one line, without the token or any URL carrying one. */
const startFailure = (error: unknown, settings: Config.DiscordConfig): string => {
  const status = statusOf(error)
  const code = (error as { readonly code?: unknown } | null)?.code
  let message = error instanceof Error ? error.message : String(error)
  for (const secret of [Redacted.value(settings.token), Redacted.value(settings.database)]) {
    if (secret !== "") message = message.split(secret).join("[redacted]")
  }
  message = message.split("\n")[0] ?? ""
  if (code === "EADDRINUSE") message = `port ${Option.getOrElse(settings.httpPort, () => 0)} (DISCORD_HTTP_PORT) is in use: stop what holds it or choose another port`
  if (code === "TokenInvalid" || status === 401) message = "Discord refused the token (DISCORD_TOKEN)"
  return `Dugnad on Discord could not start: ${message}.`.replace(/\.\.$/, ".")
}

/**
 * Reads the settings and starts the bot; stops it on SIGINT or SIGTERM. What it does instead:
 * a missing or invalid variable is one line on stderr naming it, exit code 2; a failure to start,
 * one line, exit code 1. Resolves with the running bot (or `undefined` when it did not start).
 *
 * @since 0.1.0
 * @category running
 */
export const run = (options: RunOptions = {}): Promise<Running | undefined> =>
  BotProcess.run({ name: "Dugnad on Discord", readSettings, start: (settings) => start(settings, options), startFailure }, options)

/**
 * Running the bot: `run()` reads the settings from the environment (`Config.ts`) and starts it
 * (`Bot.start`) until SIGINT or SIGTERM. The `dugnad-mattermost` command and `dugnad mattermost`.
 *
 * Logs: one line when started (`Dugnad on Mattermost: listening on :PORT for <public URL>, server
 * <url>`), one when stopped; the tokens, the HMAC secret and `DUGNAD_DB` are never printed. A
 * missing or invalid variable: one line naming it (never its value), exit code 2. Failing to start
 * (a port in use, a wrong token, an unreachable server or database): one line, exit code 1. No
 * stack traces.
 *
 * @since 0.1.0
 */
import * as BotProcess from "@dugnad/core/BotProcess"
import type * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Bot from "./Bot.js"
import * as Config from "./Config.js"

/**
 * A running bot and the line it logged when it started.
 *
 * @since 0.1.0
 * @category running
 */
export interface Running {
  readonly bot: Bot.Bot
  readonly startedLine: string
  /** Stops the bot (once: later calls wait for the first). */
  readonly stop: () => Promise<void>
}

/**
 * @since 0.1.0
 * @category running
 */
export interface RunOptions extends Bot.StartOptions, BotProcess.RunOptions {}

/**
 * The settings from these variables (default: the process's environment), or the one line that
 * says which variable is missing or wrong.
 *
 * @since 0.1.0
 * @category running
 */
export const readSettings = (
  env?: Readonly<Record<string, string | undefined>>
): Either.Either<Config.MattermostConfig, string> => BotProcess.readConfig(Config.config, env)

const secretsOf = (settings: Config.MattermostConfig): ReadonlyArray<string> =>
  [settings.token, settings.commandToken, settings.hmacSecret, settings.database].map(Redacted.value).filter((value) => value.trim() !== "")

/**
 * Why the bot did not start, in one line, without a secret in it.
 *
 * @since 0.1.0
 * @category running
 */
export const startFailure = (cause: unknown, settings: Config.MattermostConfig): string => {
  const code = typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : ""
  const status = typeof cause === "object" && cause !== null && "status_code" in cause ? Number(cause.status_code) : undefined
  let reason = code === "EADDRINUSE"
    ? `port ${settings.httpPort} (MATTERMOST_HTTP_PORT) is in use`
    : code === "EACCES"
    ? `port ${settings.httpPort} (MATTERMOST_HTTP_PORT) may not be used by this user`
    : status === 401
    ? `Mattermost refused the bot's token (MATTERMOST_TOKEN)`
    : (cause instanceof Error ? cause.message : String(cause)).split("\n")[0] ?? ""
  for (const secret of secretsOf(settings)) reason = reason.split(secret).join("[redacted]")
  return `Dugnad on Mattermost did not start: ${reason}.`.replace(/\.\.$/u, ".")
}

/**
 * Starts the bot with these settings, and the line to log.
 *
 * @since 0.1.0
 * @category running
 */
export const start = async (settings: Config.MattermostConfig, options: Bot.StartOptions = {}): Promise<Running> => {
  const bot = await Bot.start(settings, options)
  return {
    bot,
    startedLine: `Dugnad on Mattermost: listening on :${bot.port} for ${settings.publicUrl}, server ${settings.url}.`,
    stop: bot.stop
  }
}

/**
 * Reads the environment and runs the bot until SIGINT or SIGTERM (see the module's description).
 * Resolves with the running bot, or `undefined` when it did not start (the exit code is set).
 *
 * @since 0.1.0
 * @category running
 */
export const run = (options: RunOptions = {}): Promise<Running | undefined> =>
  BotProcess.run({
    name: "Dugnad on Mattermost",
    readSettings,
    start: (settings) => start(settings, options),
    startFailure
  }, options)

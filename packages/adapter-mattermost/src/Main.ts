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
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
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
export interface RunOptions extends Bot.StartOptions {
  /** The variables to read instead of `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Where the started and stopped lines go (default: stdout). */
  readonly log?: (line: string) => void
  /** Where the one-line errors go (default: stderr). */
  readonly error?: (line: string) => void
  /** Sets the exit code (default: `process.exitCode`). */
  readonly exit?: (code: number) => void
  /** Stop on SIGINT and SIGTERM (default true). */
  readonly signals?: boolean
}

/**
 * The settings from these variables (default: the process's environment), or the one line that
 * says which variable is missing or wrong.
 *
 * @since 0.1.0
 * @category running
 */
export const readSettings = (
  env?: Readonly<Record<string, string | undefined>>
): Either.Either<Config.MattermostConfig, string> => {
  const provider = env === undefined
    ? ConfigProvider.fromEnv()
    : ConfigProvider.fromMap(new Map(Object.entries(env).flatMap(([key, value]) => value === undefined ? [] : [[key, value] as const])))
  const read = Effect.runSync(Effect.either(Effect.withConfigProvider(Config.config, provider)))
  return Either.isLeft(read) ? Either.left(Config.describeConfigError(read.left)) : Either.right(read.right)
}

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
export const run = async (options: RunOptions = {}): Promise<Running | undefined> => {
  const log = options.log ?? ((line: string) => void process.stdout.write(`${line}\n`))
  const error = options.error ?? ((line: string) => void process.stderr.write(`${line}\n`))
  const exit = options.exit ?? ((code: number) => void (process.exitCode = code))
  const settings = readSettings(options.env)
  if (Either.isLeft(settings)) {
    error(settings.left)
    exit(2)
    return undefined
  }
  let running: Running
  try {
    running = await start(settings.right, options)
  } catch (cause) {
    error(startFailure(cause, settings.right))
    exit(1)
    return undefined
  }
  log(running.startedLine)
  if (options.signals !== false) {
    let stopping = false
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return
      stopping = true
      running.stop().then(
        () => {
          log(`Dugnad on Mattermost: stopped (${signal}).`)
          exit(0)
        },
        () => {
          error("Dugnad on Mattermost: stopped, not cleanly.")
          exit(1)
        }
      ).finally(() => {
        process.off("SIGINT", stop)
        process.off("SIGTERM", stop)
        // Whatever a socket or a driver still holds must not keep the process up.
        setTimeout(() => process.exit(), 2_000).unref()
      })
    }
    process.on("SIGINT", stop)
    process.on("SIGTERM", stop)
  }
  return running
}

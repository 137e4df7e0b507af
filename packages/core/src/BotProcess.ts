/**
 * What every bot's `Main` does around its own start: reading its settings from the environment
 * (a missing or invalid variable is one line naming it, never its value), and running until SIGINT
 * or SIGTERM with one line when started, one when stopped, and an exit code (2: a setting is wrong;
 * 1: it did not start or did not stop cleanly; 0: stopped). The bot itself (its settings, how it
 * starts, why it failed) stays with the bot.
 *
 * @since 0.1.0
 */
import type * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"

/**
 * One line for a person starting a bot, naming each variable that is wrong and why; never a value.
 *
 * @since 0.1.0
 * @category settings
 */
export const describeConfigError = (error: ConfigError.ConfigError): string => {
  const lines = new Set<string>()
  const walk = (e: ConfigError.ConfigError): void => {
    switch (e._op) {
      case "And":
      case "Or":
        walk(e.left)
        walk(e.right)
        return
      case "MissingData":
        lines.add(`${e.path.join(".")} is not set.`)
        return
      case "InvalidData":
      case "SourceUnavailable":
      case "Unsupported":
        lines.add(`${e.path.join(".")} ${e.message}.`)
        return
    }
  }
  walk(error)
  return [...lines].join(" ")
}

/**
 * The settings `config` reads from these variables (default: the process's environment; an
 * `undefined` value counts as unset), or the one line of {@link describeConfigError}.
 *
 * @since 0.1.0
 * @category settings
 */
export const readConfig = <A>(
  config: Config.Config<A>,
  env?: Readonly<Record<string, string | undefined>>
): Either.Either<A, string> => {
  const provider = env === undefined
    ? ConfigProvider.fromEnv()
    : ConfigProvider.fromMap(new Map(Object.entries(env).flatMap(([key, value]) => value === undefined ? [] : [[key, value] as const])))
  const read = Effect.runSync(Effect.either(Effect.withConfigProvider(config, provider)))
  return Either.isLeft(read) ? Either.left(describeConfigError(read.left)) : Either.right(read.right)
}

/**
 * Where a run's lines and exit code go, and whether it stops on signals (tests, embedding).
 *
 * @since 0.1.0
 * @category running
 */
export interface RunOptions {
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
 * A bot as {@link run} runs it.
 *
 * @since 0.1.0
 * @category running
 */
export interface Launcher<Settings, Running extends { readonly startedLine: string; readonly stop: () => Promise<void> }> {
  /** How the bot names itself in its lines, e.g. `Dugnad on Mattermost`. */
  readonly name: string
  readonly readSettings: (env?: Readonly<Record<string, string | undefined>>) => Either.Either<Settings, string>
  readonly start: (settings: Settings) => Promise<Running>
  /** Why it did not start, in one line, without a secret in it. */
  readonly startFailure: (cause: unknown, settings: Settings) => string
}

/**
 * Reads the settings and starts the bot; stops it on SIGINT or SIGTERM (see the module's
 * description). Resolves with the running bot, or `undefined` when it did not start (the exit code
 * is set).
 *
 * @since 0.1.0
 * @category running
 */
export const run = async <Settings, Running extends { readonly startedLine: string; readonly stop: () => Promise<void> }>(
  launcher: Launcher<Settings, Running>,
  options: RunOptions = {}
): Promise<Running | undefined> => {
  const log = options.log ?? ((line: string) => void process.stdout.write(`${line}\n`))
  const error = options.error ?? ((line: string) => void process.stderr.write(`${line}\n`))
  const exit = options.exit ?? ((code: number) => void (process.exitCode = code))
  const settings = launcher.readSettings(options.env)
  if (Either.isLeft(settings)) {
    error(settings.left)
    exit(2)
    return undefined
  }
  let running: Running
  try {
    running = await launcher.start(settings.right)
  } catch (cause) {
    error(launcher.startFailure(cause, settings.right))
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
          log(`${launcher.name}: stopped (${signal}).`)
          exit(0)
        },
        () => {
          error(`${launcher.name}: stopped, not cleanly.`)
          exit(1)
        }
      ).finally(() => {
        process.off("SIGINT", stop)
        process.off("SIGTERM", stop)
        // Whatever a socket, a client library or a driver still holds must not keep the process up.
        setTimeout(() => process.exit(), 2_000).unref()
      })
    }
    process.on("SIGINT", stop)
    process.on("SIGTERM", stop)
  }
  return running
}

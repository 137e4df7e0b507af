/**
 * The bot's settings, read from the environment. The token (and a database URL, which may carry a
 * password) stay `Redacted` from the moment they are read: they are never logged or printed.
 *
 * | variable | meaning |
 * |---|---|
 * | `DISCORD_TOKEN` | the bot's token (required) |
 * | `DISCORD_APPLICATION_ID` | the application's id, a snowflake (required) |
 * | `DISCORD_PUBLIC_KEY` | the application's public key (hex), for the HTTP-interactions endpoint |
 * | `DISCORD_HTTP_PORT` | serve HTTP interactions on this port instead of receiving them over the gateway |
 * | `DISCORD_API_URL` | another Discord API base (`http://127.0.0.1:PORT/api`), for tests |
 * | `DUGNAD_DB` | the store: a SQLite file (default `./dugnad.db`) or a `postgres://` URL |
 * | `DISCORD_ADVISOR_ROLE`, `DISCORD_EXPERT_ROLE`, `DISCORD_MANAGER_ROLE` | the Discord role names that give those roles (empty: assigned in Dugnad instead) |
 * | `DISCORD_CONTENT_CHANNEL` | the channel where each item gets its thread (default `dugnad`) |
 * | `DISCORD_TEAM_CHANNEL` | the channel for celebrations and meetings (default `general`) |
 *
 * @since 0.1.0
 */
import * as BotProcess from "@dugnad/core/BotProcess"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"

/** The Dugnad roles a Discord role can give. */
export type MappedRole = "advisor" | "expert" | "manager"

/**
 * The bot's settings.
 *
 * @since 0.1.0
 * @category config
 */
export interface DiscordConfig {
  readonly token: Redacted.Redacted<string>
  readonly applicationId: string
  readonly publicKey: Option.Option<string>
  readonly httpPort: Option.Option<number>
  readonly apiUrl: Option.Option<string>
  readonly database: Redacted.Redacted<string>
  /** For each Dugnad role, the Discord role name that gives it, if any. */
  readonly roleNames: { readonly [R in MappedRole]: Option.Option<string> }
  readonly contentChannel: string
  readonly teamChannel: string
}

const snowflake = /^\d{17,20}$/
const hexKey = /^[0-9a-fA-F]{64}$/

const checked = <A>(config: Config.Config<A>, valid: (value: A) => boolean, allowed: string) =>
  Config.validate(config, { message: `must be ${allowed}`, validation: valid })

const optionalName = (name: string, fallback: string) =>
  Config.string(name).pipe(
    Config.withDefault(fallback),
    Config.map((value) => (value.trim() === "" ? Option.none<string>() : Option.some(value.trim())))
  )

/**
 * The settings as an Effect `Config`: a missing or invalid variable fails with a `ConfigError`
 * naming it and saying what is allowed.
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<DiscordConfig> = Config.all({
  token: Config.redacted("DISCORD_TOKEN"),
  applicationId: checked(Config.string("DISCORD_APPLICATION_ID"), (id) => snowflake.test(id), "a Discord id (17 to 20 digits)"),
  publicKey: Config.option(checked(Config.string("DISCORD_PUBLIC_KEY"), (key) => hexKey.test(key), "64 hexadecimal digits")),
  httpPort: Config.option(Config.port("DISCORD_HTTP_PORT")),
  apiUrl: Config.option(checked(Config.string("DISCORD_API_URL"), (url) => /^https?:\/\/[^/]+/.test(url), "an http(s) URL")),
  database: Config.redacted("DUGNAD_DB").pipe(Config.withDefault(Redacted.make("./dugnad.db"))),
  roleNames: Config.all({
    advisor: optionalName("DISCORD_ADVISOR_ROLE", "Dugnad advisor"),
    expert: optionalName("DISCORD_EXPERT_ROLE", "Dugnad expert"),
    manager: optionalName("DISCORD_MANAGER_ROLE", "Dugnad manager")
  }),
  contentChannel: Config.string("DISCORD_CONTENT_CHANNEL").pipe(Config.withDefault("dugnad")),
  teamChannel: Config.string("DISCORD_TEAM_CHANNEL").pipe(Config.withDefault("general"))
})

/**
 * One line for a person starting the bot, naming the variable that is wrong; never the value.
 *
 * @since 0.1.0
 * @category config
 */
export const describeConfigError: (error: ConfigError.ConfigError) => string = BotProcess.describeConfigError

/**
 * The bot's settings, read from the environment. The tokens, the HMAC secret and a database URL
 * (which may carry a password) stay `Redacted` from the moment they are read: they are never
 * logged or printed.
 *
 * | variable | meaning |
 * |---|---|
 * | `MATTERMOST_URL` | the Mattermost server, `https://chat.example.org` (required; no `/api/v4`) |
 * | `MATTERMOST_TOKEN` | the bot account's access token (required) |
 * | `MATTERMOST_COMMAND_TOKEN` | the `/dugnad` slash command's token, checked on every command (required) |
 * | `MATTERMOST_HMAC_SECRET` | signs the context of buttons and dialogs (required, at least 32 characters) |
 * | `MATTERMOST_PUBLIC_URL` | where Mattermost reaches the bot's HTTP endpoint, for integration URLs (required) |
 * | `MATTERMOST_HTTP_PORT` | the port the bot's HTTP endpoint listens on (default `8080`) |
 * | `DUGNAD_DB` | the store: a SQLite file (default `./dugnad.db`) or a `postgres://` URL |
 * | `MATTERMOST_ADVISOR_GROUP`, `MATTERMOST_EXPERT_GROUP`, `MATTERMOST_MANAGER_GROUP` | the Mattermost group names that give those roles (unset or empty: not from a group) |
 * | `MATTERMOST_TEAM_ADMINS_ARE_ADVISORS` | whether a team's admins are its advisors (default `true`) |
 * | `MATTERMOST_CONTENT_CHANNEL` | the channel (by name) where each item gets its thread (default `dugnad`) |
 * | `MATTERMOST_TEAM_CHANNEL` | the channel for celebrations and meetings (default `town-square`) |
 *
 * @since 0.1.0
 */
import * as BotProcess from "@dugnad/core/BotProcess"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"

/**
 * The Dugnad roles a Mattermost group (or, for advisors, team admin) can give.
 *
 * @since 0.1.0
 * @category config
 */
export type MappedRole = "advisor" | "expert" | "manager"

/**
 * Where roles come from (see `Identity`): for each role the Mattermost group name that gives it,
 * if any, and whether team admins are advisors.
 *
 * @since 0.1.0
 * @category config
 */
export interface RoleSources {
  readonly groups: { readonly [R in MappedRole]: Option.Option<string> }
  readonly teamAdminsAreAdvisors: boolean
}

/**
 * The bot's settings.
 *
 * @since 0.1.0
 * @category config
 */
export interface MattermostConfig {
  /** The server's base URL, without a trailing slash and without `/api/v4`. */
  readonly url: string
  readonly token: Redacted.Redacted<string>
  readonly commandToken: Redacted.Redacted<string>
  readonly hmacSecret: Redacted.Redacted<string>
  /** The bot's public base URL, without a trailing slash: buttons post to `<publicUrl>/actions`. */
  readonly publicUrl: string
  readonly httpPort: number
  readonly database: Redacted.Redacted<string>
  readonly roles: RoleSources
  readonly contentChannel: string
  readonly teamChannel: string
}

const httpUrl = /^https?:\/\/[^/\s]+(\/\S*)?$/

const checked = <A>(config: Config.Config<A>, valid: (value: A) => boolean, allowed: string) =>
  Config.validate(config, { message: `must be ${allowed}`, validation: valid })

const baseUrl = (name: string, valid: (url: string) => boolean = () => true, allowed = "an http(s) URL") =>
  checked(Config.string(name), (url) => httpUrl.test(url.trim()) && valid(url.trim().replace(/\/+$/u, "")), allowed).pipe(
    Config.map((url) => url.trim().replace(/\/+$/u, ""))
  )

// Checked as a string (so an error names the variable), redacted before anything else sees it.
const secret = (name: string, valid: (value: string) => boolean, allowed: string) =>
  checked(Config.string(name), valid, allowed).pipe(Config.map((value) => Redacted.make(value.trim())))

const optionalName = (name: string) =>
  Config.string(name).pipe(
    Config.withDefault(""),
    Config.map((value) => (value.trim() === "" ? Option.none<string>() : Option.some(value.trim())))
  )

const channelName = (name: string, fallback: string) =>
  checked(
    Config.string(name),
    (value) => /^[~#]?[a-z0-9_-]{1,64}$/u.test(value.trim()),
    "a Mattermost channel name (lower-case letters, digits, - and _, as in the channel's URL)"
  ).pipe(Config.map((value) => value.trim().replace(/^[~#]/u, "")), Config.withDefault(fallback))

/**
 * The settings as an Effect `Config`: a missing or invalid variable fails with a `ConfigError`
 * naming it and saying what is allowed.
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<MattermostConfig> = Config.all({
  url: baseUrl("MATTERMOST_URL", (url) => !/\/api\/v4$/u.test(url), "an http(s) URL without /api/v4"),
  token: secret("MATTERMOST_TOKEN", (token) => token.trim() !== "", "a non-empty token"),
  commandToken: secret("MATTERMOST_COMMAND_TOKEN", (token) => token.trim() !== "", "a non-empty token"),
  hmacSecret: secret("MATTERMOST_HMAC_SECRET", (value) => value.length >= 32, "at least 32 characters"),
  publicUrl: baseUrl("MATTERMOST_PUBLIC_URL"),
  httpPort: Config.port("MATTERMOST_HTTP_PORT").pipe(Config.withDefault(8080)),
  database: Config.redacted("DUGNAD_DB").pipe(Config.withDefault(Redacted.make("./dugnad.db"))),
  roles: Config.all({
    groups: Config.all({
      advisor: optionalName("MATTERMOST_ADVISOR_GROUP"),
      expert: optionalName("MATTERMOST_EXPERT_GROUP"),
      manager: optionalName("MATTERMOST_MANAGER_GROUP")
    }),
    teamAdminsAreAdvisors: Config.boolean("MATTERMOST_TEAM_ADMINS_ARE_ADVISORS").pipe(Config.withDefault(true))
  }),
  contentChannel: channelName("MATTERMOST_CONTENT_CHANNEL", "dugnad"),
  teamChannel: channelName("MATTERMOST_TEAM_CHANNEL", "town-square")
})

/**
 * One line for a person starting the bot, naming the variable that is wrong; never the value.
 *
 * @since 0.1.0
 * @category config
 */
export const describeConfigError: (error: ConfigError.ConfigError) => string = BotProcess.describeConfigError

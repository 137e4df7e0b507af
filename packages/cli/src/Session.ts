/**
 * Where a command runs: the store (`--db` / `DUGNAD_DB`), the workspace in it, who is acting
 * (`--as` / `DUGNAD_AS`) and the language to answer in (`--locale`).
 *
 * One database holds one workspace for the CLI: `dugnad init` creates it, and every other command
 * finds it as the only workspace in the directory. A database shared with the bots (PostgreSQL)
 * may hold several; then `DUGNAD_WORKSPACE` names the one to use.
 */
import * as Directory from "@dugnad/core/Directory"
import type { MemberId } from "@dugnad/core/Ids"
import type { Locale, Member, Workspace } from "@dugnad/core/Member"
import * as Messages from "@dugnad/core/Messages"
import type * as Postgres from "@dugnad/core/Postgres"
import * as StoreLocation from "@dugnad/core/StoreLocation"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as fs from "node:fs"
import { defaultDatabase } from "./Defaults.js"
import { localeOfEnvironment, type Ui, ui } from "./Ui.js"

/** The options every command takes. */
export interface Common {
  readonly db: Option.Option<string>
  readonly as: Option.Option<string>
  readonly json: boolean
  readonly locale: Option.Option<Locale>
}

/** Where the data lives, as the user gave it. A PostgreSQL URL is kept redacted. */
export type Location =
  | { readonly _tag: "Sqlite"; readonly filename: string }
  | { readonly _tag: "Postgres"; readonly url: Redacted.Redacted<string> }

/** The location a `--db` value names: a `postgres://` URL, else a SQLite file. */
export const locationFrom = (given: string): Location => {
  const redacted = Redacted.make(given)
  return StoreLocation.isPostgres(redacted) ? { _tag: "Postgres", url: redacted } : { _tag: "Sqlite", filename: given }
}

export const locationOf = (common: Common): Location =>
  locationFrom(Option.getOrElse(common.db, () => process.env["DUGNAD_DB"] || defaultDatabase))

/**
 * The PostgreSQL module, loaded only for a `postgres://` location (as the store itself is, by
 * `StoreLocation.layer`): it costs a SQLite user a fifth of a command's start-up.
 */
const postgres: Effect.Effect<typeof Postgres> = Effect.promise(() => import("@dugnad/core/Postgres"))

/** The location for people to read: a file name, or the URL without its password. */
export const describeLocation = (location: Location): Effect.Effect<string> =>
  location._tag === "Sqlite"
    ? Effect.succeed(location.filename)
    : Effect.map(postgres, (module) => module.safeLocation(location.url))

/**
 * A refusal the CLI itself words (no database, no workspace, no `--as`), with the exit code it
 * ends with: 1 like a domain rejection, 2 for usage.
 */
export class CliError extends Data.TaggedError("CliError")<{
  readonly message: string
  readonly code: "no_database" | "no_workspace" | "several_workspaces" | "workspace_exists" | "usage"
  readonly exitCode: 1 | 2
}> {}

/** The store's layer for a location: the core's, with the driver it names loaded only then. */
export const storeLayer = (location: Location) =>
  StoreLocation.layer(location._tag === "Sqlite" ? Redacted.make(location.filename) : location.url, { maxConnections: 2 })

/** What a command needs to run against its workspace. */
export interface Session {
  readonly workspace: Workspace
  readonly members: ReadonlyArray<Member>
  /** The member named by `--as`, if any. */
  readonly actor: Member | undefined
  readonly locale: Locale
  readonly ui: Ui
  readonly context: Messages.RenderContext
  readonly json: boolean
}

/** The display name of a member for messages: their name, or the id if unknown. */
const renderContext = (workspace: Workspace, members: ReadonlyArray<Member>): Messages.RenderContext => {
  const byId = new Map(members.map((member) => [member.id as string, member]))
  return { timeZone: workspace.timeZone, name: (id: MemberId) => byId.get(id)?.name ?? id }
}

/** The handle of a member id, for output (the id when unknown). */
export const handleOf = (session: Session, id: MemberId): string =>
  session.members.find((member) => member.id === id)?.handle ?? id

/** The handle given with `--as` or `DUGNAD_AS`, if any. */
export const actingHandle = (common: Common): string | undefined =>
  Option.getOrUndefined(common.as) ?? (process.env["DUGNAD_AS"] || undefined)

/** Fails unless the SQLite file exists: commands other than `init` never create a database. */
export const requireDatabase = (location: Location, locale: Locale) =>
  location._tag === "Sqlite" && location.filename !== ":memory:" && !fs.existsSync(location.filename)
    ? Effect.fail(
      new CliError({ code: "no_database", exitCode: 1, message: ui(locale).noDatabase(location.filename) })
    )
    : Effect.void

/** Removes a SQLite file and its journals: what a failed `init` or `demo` created. */
export const removeDatabase = (filename: string) =>
  Effect.sync(() => {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${filename}${suffix}`, { force: true })
  })

/** The language before a workspace is known: `--locale`, else the environment's (`LANG`), else English. */
export const initialLocale = (common: Common): Locale => Option.getOrElse(common.locale, () => localeOfEnvironment([]))

/** The workspace of this database. */
export const findWorkspace = (locale: Locale) =>
  Effect.gen(function*() {
    const directory = yield* Directory.Directory
    const all = yield* directory.workspaces
    const chosen = process.env["DUGNAD_WORKSPACE"]
    if (chosen !== undefined && chosen !== "") {
      const found = all.find((workspace) => workspace.id === chosen)
      if (found !== undefined) return found
      return yield* new CliError({ code: "no_workspace", exitCode: 1, message: ui(locale).unknownWorkspace(chosen) })
    }
    const [only, ...others] = all
    if (only === undefined) {
      return yield* new CliError({ code: "no_workspace", exitCode: 1, message: ui(locale).noWorkspace })
    }
    if (others.length > 0) {
      return yield* new CliError({
        code: "several_workspaces",
        exitCode: 1,
        message: ui(locale).severalWorkspaces(all.map((workspace) => `${workspace.id} (${workspace.name})`))
      })
    }
    return only
  })

/**
 * Opens the session: the workspace, its members, the actor (required when `acts`) and the
 * language. Fails with a `CliError`, or `UnknownMember` for an `--as` nobody has.
 */
export const open = (common: Common, acts: boolean) =>
  Effect.gen(function*() {
    const directory = yield* Directory.Directory
    const workspace = yield* findWorkspace(initialLocale(common))
    const members = yield* directory.members(workspace.id)
    const handle = actingHandle(common)
    if (acts && handle === undefined) {
      const locale = Option.getOrElse(common.locale, () => workspace.locale)
      return yield* new CliError({ code: "usage", exitCode: 2, message: ui(locale).asRequired })
    }
    const actor = handle === undefined ? undefined : yield* directory.memberByHandle(workspace.id, handle)
    const locale = Option.getOrElse(common.locale, () => Messages.localeFor(workspace, actor))
    return {
      workspace,
      members,
      actor,
      locale,
      ui: ui(locale),
      context: renderContext(workspace, members),
      json: common.json
    } satisfies Session
  })

/** The actor of a session that acts (checked by {@link open}). */
export const actorOf = (session: Session): Member => session.actor!

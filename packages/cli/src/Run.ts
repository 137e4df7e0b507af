/**
 * Running one CLI command: open the store, find the workspace and the actor, do the work, print
 * the result as text or JSON, and turn every refusal into one sentence with an exit code.
 */
import * as Commands from "@dugnad/core/Commands"
import type { ItemId } from "@dugnad/core/Ids"
import { ideaOf, latestRevision, type ItemState, workOf } from "@dugnad/core/Item"
import type { ItemCommand } from "@dugnad/core/ItemCommand"
import type { Locale } from "@dugnad/core/Member"
import * as Messages from "@dugnad/core/Messages"
import * as Queries from "@dugnad/core/Queries"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import {
  actorOf,
  CliError,
  type Common,
  initialLocale,
  locationOf,
  open,
  requireDatabase,
  type Session,
  storeLayer
} from "./Session.js"
import { Rejection } from "./Rejection.js"
import { readLocalStart, readTime } from "./Times.js"
import { bold, dim, type TimeForm, type TimeProblem, ui } from "./Ui.js"

/** What a command prints: lines of text, or one JSON value. */
export interface Output {
  readonly text: ReadonlyArray<string>
  readonly json: unknown
}


const isDugnadError = (error: unknown): error is Messages.DugnadError =>
  typeof error === "object" && error !== null && "_tag" in error && typeof error._tag === "string" &&
  error._tag !== "CliError"

/** Writes a command's output to stdout. */
export const print = (output: Output, json: boolean) =>
  Effect.sync(() => {
    if (json) process.stdout.write(`${JSON.stringify(output.json, null, 2)}\n`)
    else if (output.text.length > 0) process.stdout.write(`${output.text.join("\n")}\n`)
  })

/** Renders what the core refused, in the session's language when there is one. */
const toRejection = (
  error: unknown,
  json: boolean,
  render: { locale: Locale; context: Messages.RenderContext }
): Rejection => {
  if (error instanceof CliError) {
    return new Rejection({ type: error.code, message: error.message, exitCode: error.exitCode, json })
  }
  if (isDugnadError(error) && error._tag in Messages.messages(render.locale).error) {
    return new Rejection({
      type: error._tag,
      message: Messages.errorMessage(render.locale, error, render.context),
      exitCode: 1,
      json
    })
  }
  return new Rejection({ type: "unexpected", message: ui(render.locale).unexpected, exitCode: 1, json })
}

/** The store and directory services a command body may use. */
export type Services = Layer.Layer.Success<ReturnType<typeof storeLayer>>

/**
 * Runs a command body against the workspace of the database the options name, and prints its
 * output. `acts`: the command needs `--as`.
 */
export const run = <E>(
  common: Common,
  acts: boolean,
  body: (session: Session) => Effect.Effect<Output, E, Services>
) => {
  const render = {
    locale: initialLocale(common),
    context: { timeZone: "UTC", name: (id: string) => id } as Messages.RenderContext
  }
  return Effect.gen(function*() {
    const location = locationOf(common)
    yield* requireDatabase(location, render.locale)
    const output = yield* Effect.gen(function*() {
      const session = yield* open(common, acts)
      render.locale = session.locale
      render.context = session.context
      return yield* body(session)
    }).pipe(Effect.provide(storeLayer(location)))
    yield* print(output, common.json)
  }).pipe(Effect.catchAll((error) => Effect.fail(toRejection(error, common.json, render))))
}

/** Sends an item command as the session's actor, with a fresh command id. */
export const send = (session: Session, item: ItemId | undefined, command: ItemCommand) =>
  Effect.flatMap(Commands.newCommandId, (commandId) =>
    Commands.handle({
      workspace: session.workspace.id,
      commandId,
      actor: actorOf(session).id,
      item,
      command
    }))

/** The item's state now (for the latest revision a command acts on). */
export const current = (session: Session, item: ItemId) => Queries.item(session.workspace.id, item)

/** The number of the item's latest revision, 0 before the first draft. */
export const latestRevisionNumber = (state: ItemState): number => {
  const work = workOf(state)
  return work === undefined ? 0 : latestRevision(work)?.number ?? 0
}

/** The display name of a stage in the session's language. */
export const stageName = (session: Session, stage: ItemState["_tag"]): string =>
  Messages.messages(session.locale).stage[stage]

/**
 * The output of an item command: a status line (id, stage, title) and the line each event is
 * told with; as JSON `{ item, title, stage, version, revision, replayed, events }` plus `extra`.
 */
export const actionOutput = (
  session: Session,
  result: Commands.CommandResult,
  extra: Record<string, unknown> = {}
): Output => {
  const title = ideaOf(result.state)?.title ?? ""
  const events = result.events.map((recorded) => ({
    type: recorded.event._tag,
    message: Messages.eventMessage(session.locale, recorded.event, title, session.context)
  }))
  const revision = latestRevisionNumber(result.state)
  return {
    text: [
      `${bold(result.item)}  ${stageName(session, result.state._tag)}  ${Messages.neutraliseMentions(title)}` +
      (result.replayed ? `  ${dim(session.ui.replayed)}` : ""),
      ...events.map((event) => `  ${event.message}`)
    ],
    json: {
      item: result.item,
      title,
      stage: result.state._tag,
      version: result.version,
      revision,
      replayed: result.replayed,
      ...extra,
      events
    }
  }
}

/** A usage error for a date or time option, worded by `Ui.badTime`. */
export const badTime = (session: Session, flag: string, text: string, problem: TimeProblem, form: TimeForm) =>
  new CliError({ code: "usage", exitCode: 2, message: session.ui.badTime(flag, text.trim(), problem, form) })

/**
 * A time given on the command line: ISO 8601 with a zone (`2026-12-01T10:00Z`,
 * `…+01:00`), or a wall-clock date (and time) in the workspace's time zone (`2026-12-01`,
 * `2026-12-01T10:00`, `2026-12-01 10:00`). A date or time that does not exist (2026-02-31,
 * 24:61) is a usage error, like text that is no time at all (see `Times.readTime`).
 */
export const parseTime = (session: Session, flag: string, text: string) =>
  Effect.gen(function*() {
    const form: TimeForm = { _tag: "Moment", timeZone: session.workspace.timeZone }
    const reading = readTime(text)
    if (reading._tag === "Invalid") return yield* badTime(session, flag, text, reading.problem, form)
    const parsed = reading._tag === "Wall"
      ? DateTime.makeZoned(reading.wall, { timeZone: session.workspace.timeZone, adjustForTimeZone: true }).pipe(
        Option.map(DateTime.toUtc)
      )
      : DateTime.make(reading.text).pipe(Option.map(DateTime.toUtc))
    if (Option.isNone(parsed)) return yield* badTime(session, flag, text, "form", form)
    return parsed.value
  })

/**
 * A meeting's local start given on the command line (`--start`, `--occurrence`), checked as
 * `Times.readLocalStart` does: the text the core takes, or a usage error.
 */
export const parseLocalStart = (session: Session, flag: string, text: string) => {
  const reading = readLocalStart(text)
  return reading._tag === "Invalid"
    ? Effect.fail(badTime(session, flag, text, reading.problem, { _tag: "LocalStart" }))
    : Effect.succeed(reading.text)
}

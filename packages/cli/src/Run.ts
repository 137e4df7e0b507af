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
import { bold, dim, ui } from "./Ui.js"

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

/**
 * A time given on the command line: ISO 8601 with a zone (`2026-12-01T10:00Z`,
 * `…+01:00`), or a wall-clock date (and time) in the workspace's time zone (`2026-12-01`,
 * `2026-12-01T10:00`, `2026-12-01 10:00`).
 */
export const parseTime = (session: Session, flag: string, text: string) =>
  Effect.gen(function*() {
    const trimmed = text.trim()
    const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(trimmed)
    const inRange = local === null || (
      Number(local[2]) >= 1 && Number(local[2]) <= 12 && Number(local[3]) >= 1 && Number(local[3]) <= 31 &&
      Number(local[4] ?? 0) <= 23 && Number(local[5] ?? 0) <= 59 && Number(local[6] ?? 0) <= 59
    )
    const parsed = !inRange
      ? Option.none()
      : local !== null
      ? DateTime.makeZoned({
        year: Number(local[1]),
        month: Number(local[2]),
        day: Number(local[3]),
        hours: Number(local[4] ?? 0),
        minutes: Number(local[5] ?? 0),
        seconds: Number(local[6] ?? 0)
      }, { timeZone: session.workspace.timeZone, adjustForTimeZone: true }).pipe(Option.map(DateTime.toUtc))
      : /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)
      ? DateTime.make(trimmed).pipe(Option.map(DateTime.toUtc))
      : Option.none()
    if (Option.isNone(parsed)) {
      return yield* new CliError({
        code: "usage",
        exitCode: 2,
        message: session.locale === "nb"
          ? `${flag}: «${text}» er ikke et tidspunkt. Skriv for eksempel 2026-12-01T10:00 (i ${session.workspace.timeZone}) eller 2026-12-01T09:00Z.`
          : `${flag}: “${text}” is not a time. Write for example 2026-12-01T10:00 (in ${session.workspace.timeZone}) or 2026-12-01T09:00Z.`
      })
    }
    return parsed.value
  })

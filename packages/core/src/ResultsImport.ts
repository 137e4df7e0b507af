/**
 * Results from the networks' own exports: a Meta Business Suite CSV (Facebook or Instagram posts)
 * or a LinkedIn page analytics "All posts" sheet saved as CSV. Each row is matched to a post the
 * workspace published, by post id or permalink, and recorded as a results snapshot
 * (`RecordResults`) taken at the time the caller gives.
 *
 * What an import is:
 * - **Checked whole before anything is written.** The actor must be an advisor, and the file must
 *   be a readable export of the requested kind (else {@link UnreadableExport}); every row is then
 *   read and matched. A file that fails any of this writes nothing.
 * - **One atomic, idempotent command per matched row.** Rows are recorded one by one with a
 *   command id made from the workspace, the export, the file's content and the post, so importing
 *   the same file again replays each command (`unchanged`) instead of recording a second snapshot,
 *   whatever `capturedAt` says. An import cut short is finished by importing the same file again.
 *   A row the workflow refuses (the item was closed) is reported in `refused` and does not stop
 *   the others.
 * - **Never a guess.** A row that matches no post, several posts, or a post on another network is
 *   reported in `unmatched` with the reason; a row whose numbers cannot be read is reported in
 *   `invalid`. A metric the export leaves empty stays missing, never 0.
 *
 * The report is structured data; the chat and CLI layers word it.
 *
 * @since 0.1.0
 */
import { createHash } from "node:crypto"
import type * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Commands from "./Commands.js"
import { Directory } from "./Directory.js"
import type { Network } from "./Draft.js"
import { type CommandError, NotAuthorized, type UnknownMember, type UnknownWorkspace } from "./Errors.js"
import type { EventStore } from "./EventStore.js"
import { CommandId, type ItemId, type MemberId, type WorkspaceId } from "./Ids.js"
import { parseExport } from "./internal/csvExports.js"
import { keysOfRow, matchRows } from "./internal/resultsImportMatch.js"
import { ItemCommand } from "./ItemCommand.js"
import type { Metrics } from "./ItemEvent.js"
import { ReadModel } from "./ReadModel.js"

/**
 * An export Dugnad reads: Meta Business Suite's Facebook or Instagram posts, or LinkedIn's page
 * posts.
 *
 * @since 0.1.0
 * @category model
 */
export const ExportFormat = Schema.Literal("meta-facebook", "meta-instagram", "linkedin")
/** @since 0.1.0 @category model */
export type ExportFormat = typeof ExportFormat.Type

/**
 * The export the caller says the file is; `meta` tells Facebook from Instagram by the columns
 * (and, where both have them, by the permalinks).
 *
 * @since 0.1.0
 * @category model
 */
export const ImportFormat = Schema.Literal("meta", "meta-facebook", "meta-instagram", "linkedin")
/** @since 0.1.0 @category model */
export type ImportFormat = typeof ImportFormat.Type

/**
 * Why a file cannot be imported.
 *
 * @since 0.1.0
 * @category errors
 */
export const UnreadableReason = Schema.Literal(
  /** Not text: a spreadsheet (.xlsx, .xls) or a text encoding that was not decoded. Save as CSV. */
  "not_text",
  /** No data rows. */
  "empty",
  /** Not CSV: quotes that do not close, whatever the delimiter (`line` says where). */
  "not_csv",
  /** No row that looks like the header of any known export. */
  "no_header",
  /** The header lacks a column the import needs (`column`). */
  "missing_column",
  /** The file is another export than the one asked for (`detected`, when it is clear). */
  "wrong_format",
  /** A Meta export whose columns and permalinks do not tell Facebook from Instagram. */
  "ambiguous_format"
)
/** @since 0.1.0 @category errors */
export type UnreadableReason = typeof UnreadableReason.Type

/**
 * A column the import needs: a permalink or post id column, or any metric column.
 *
 * @since 0.1.0
 * @category errors
 */
export const RequiredColumn = Schema.Literal("permalink", "metrics")
/** @since 0.1.0 @category errors */
export type RequiredColumn = typeof RequiredColumn.Type

/**
 * The file is not a readable export of the requested kind. Nothing was recorded.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnreadableExport extends Schema.TaggedError<UnreadableExport>()("UnreadableExport", {
  format: ImportFormat,
  reason: UnreadableReason,
  column: Schema.optional(RequiredColumn),
  line: Schema.optional(Schema.Number),
  detected: Schema.optional(ExportFormat)
}) {}

/**
 * Why a row was not matched to a post.
 *
 * @since 0.1.0
 * @category model
 */
export const UnmatchedReason = Schema.Literal(
  /** No published post of the workspace has this id or permalink. */
  "no_match",
  /** Several posts on the network have it (the same link recorded twice). */
  "ambiguous",
  /** The row has neither a post id nor a permalink. */
  "no_identifier",
  /** The post it names is recorded on another network only. */
  "not_published_on_network",
  /** Another row of the file names the same post. */
  "duplicate"
)
/** @since 0.1.0 @category model */
export type UnmatchedReason = typeof UnmatchedReason.Type

/**
 * How far an import has come: `done` of the file's `total` data rows are settled (recorded,
 * replayed, refused, unmatched or invalid).
 *
 * @since 0.1.0
 * @category model
 */
export interface ImportProgress {
  readonly done: number
  readonly total: number
}

/**
 * What to import: the export's kind, the file (its text, or its bytes: UTF-8, UTF-16 with BOM or
 * Windows-1252) and when the numbers were taken (usually when the file was exported).
 *
 * `onProgress`, when given, is told how far the import has come: once with `done: 0` when the file
 * has been read and matched (so `total` is known before the first command), then after each row is
 * settled, in file order, until `done` is `total`. Counts only grow, one row at a time; an import
 * that fails midway has reported only the rows it settled. It runs on the import's fiber, so it
 * should be quick (a caller that draws a progress bar throttles the drawing itself).
 *
 * @since 0.1.0
 * @category model
 */
export interface ImportInput {
  readonly format: ImportFormat
  readonly text: string | Uint8Array
  readonly capturedAt: DateTime.Utc
  readonly onProgress?: (progress: ImportProgress) => Effect.Effect<void>
}

/**
 * A row recorded for an item's post on a network (or, under `unchanged`, recorded before).
 *
 * @since 0.1.0
 * @category model
 */
export interface RecordedRow {
  /** The file's line where the row starts (1-based). */
  readonly line: number
  readonly item: ItemId
  readonly network: Network
}

/**
 * A row that names no post, or no single one.
 *
 * @since 0.1.0
 * @category model
 */
export interface UnmatchedRow {
  readonly line: number
  /** The row's permalink, else its post id, as written in the file. */
  readonly identifier?: string
  readonly reason: UnmatchedReason
}

/**
 * A metric cell that is not a count, or a row without any metric. The row is not recorded.
 *
 * @since 0.1.0
 * @category model
 */
export interface InvalidCell {
  readonly line: number
  /** The metric, or `metrics` for a row whose every metric is missing. */
  readonly field: keyof Metrics | "metrics"
  readonly reason: "not_a_count" | "no_values"
  /** The column's header as written in the file (absent for `metrics`). */
  readonly column?: string
  /** The cell as written in the file (absent for `metrics`). */
  readonly value?: string
}

/**
 * A matched row whose `RecordResults` the workflow refused, with its typed error.
 *
 * @since 0.1.0
 * @category model
 */
export interface RefusedRow extends RecordedRow {
  readonly error: CommandError
}

/**
 * What an import did, row by row (lines in file order). `rows` counts the data rows read.
 *
 * @since 0.1.0
 * @category model
 */
export interface ImportReport {
  readonly format: ExportFormat
  readonly rows: number
  readonly recorded: ReadonlyArray<RecordedRow>
  /** Rows this file recorded in an earlier import: nothing new was written. */
  readonly unchanged: ReadonlyArray<RecordedRow>
  readonly unmatched: ReadonlyArray<UnmatchedRow>
  readonly invalid: ReadonlyArray<InvalidCell>
  readonly refused: ReadonlyArray<RefusedRow>
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex")

/** The same file, export and post give the same command id, so a re-import replays. */
const commandIdOf = (
  workspace: WorkspaceId,
  format: ExportFormat,
  file: string,
  item: ItemId,
  network: Network
): CommandId => CommandId.make(`import-${sha256(JSON.stringify([workspace, format, file, item, network])).slice(0, 24)}`)

/**
 * Imports an export's results into the workspace's published posts. Fails, writing nothing, when
 * the actor is not an advisor or the file is not a readable export of `input.format`. Tells
 * `input.onProgress`, when given, how many rows are settled (see {@link ImportInput}).
 *
 * @since 0.1.0
 * @category import
 */
export const importResults: (
  workspace: WorkspaceId,
  actor: MemberId,
  input: ImportInput
) => Effect.Effect<
  ImportReport,
  UnreadableExport | NotAuthorized | UnknownMember | UnknownWorkspace,
  Directory | EventStore | ReadModel
> = Effect.fn("ResultsImport.importResults")(function*(workspace: WorkspaceId, actor: MemberId, input: ImportInput) {
  const directory = yield* Directory
  // As `Commands.handle`: the workspace is read only to tell an unknown one from an unknown member.
  const member = yield* directory.member(workspace, actor).pipe(Effect.tapError(() => directory.workspace(workspace)))
  if (!member.roles.includes("advisor")) {
    return yield* new NotAuthorized({ actor, command: "RecordResults", rule: "advisor_only" })
  }
  const parsed = parseExport(input.format, input.text)
  if (Either.isLeft(parsed)) return yield* new UnreadableExport({ format: input.format, ...parsed.left })
  const { format, network, rows, text } = parsed.right

  const readModel = yield* ReadModel
  // Every network's posts, not only this one's, to tell a post on another network from no post.
  const posts = yield* readModel.results(workspace, {})
  const valid = rows.filter((row) => row.invalid.length === 0)
  const matches = matchRows(network, valid.map((row) => keysOfRow(network, row)), posts)
  const file = sha256(text)

  const recorded: Array<RecordedRow> = []
  const unchanged: Array<RecordedRow> = []
  const unmatched: Array<UnmatchedRow> = []
  const refused: Array<RefusedRow> = []
  const total = rows.length
  const onProgress = input.onProgress ?? (() => Effect.void)
  yield* onProgress({ done: 0, total })
  // Every row in file order, so progress counts the invalid rows too; `matches` is by valid row.
  let validIndex = 0
  for (const [index, row] of rows.entries()) {
    const match = row.invalid.length === 0 ? matches[validIndex++]! : undefined
    if (match?._tag === "Unmatched") {
      const identifier = row.permalink ?? row.postId
      unmatched.push({ line: row.line, ...(identifier === undefined ? {} : { identifier }), reason: match.reason })
    } else if (match !== undefined) {
      const target = { line: row.line, item: match.item, network }
      const result = yield* Effect.either(Commands.handle({
        workspace,
        commandId: commandIdOf(workspace, format, file, match.item, network),
        actor,
        item: match.item,
        command: ItemCommand.RecordResults({ network, capturedAt: input.capturedAt, metrics: row.metrics, highlights: [] })
      }))
      if (Either.isLeft(result)) refused.push({ ...target, error: result.left })
      else if (result.right.replayed) unchanged.push(target)
      else recorded.push(target)
    }
    yield* onProgress({ done: index + 1, total })
  }
  return {
    format,
    rows: rows.length,
    recorded,
    unchanged,
    unmatched,
    invalid: rows.flatMap((row) => row.invalid),
    refused
  } satisfies ImportReport
})

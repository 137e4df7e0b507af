/**
 * Reading the networks' own CSV exports of post results: Meta Business Suite (Facebook and
 * Instagram posts) and LinkedIn page analytics ("All posts"). Pure: text in, rows out.
 *
 * Layouts. Each export is described by a `Layout`: the headers of the fields Dugnad reads
 * (an identifier, metrics), best first, and the export's other headers, which help find the header
 * row and tell the exports apart. Headers are compared trimmed, with runs of white space as one
 * space, ignoring case ("Reactions, comments and shares" was "Reactions, Comments and Shares" in
 * 2025). To support a new variant, add its header to the lists below.
 *
 * Confirmed vs assumed. The English headers are the ones seen in real exports of 2024–2025 (Meta
 * replaced "Impressions" and Instagram's "Plays" with "Views" in 2025; LinkedIn's older exports say
 * "Shares" where newer ones say "Reposts"). The Norwegian headers are assumed: Meta and LinkedIn
 * localise exports to the account's language (Swedish Meta exports read "Publicerings-id",
 * "Räckvidd", "Länkklick"), but no Norwegian export was at hand, so each list carries the likely
 * wordings. A header missing from the lists leaves its column unknown: ignored, or, for the
 * identifier, the file is refused (`missing_column`). Check them against a real Norwegian export.
 *
 * Numbers. Counts are read as written by the networks or by Excel in English or Norwegian: `1234`,
 * `1,234`, `1 234` (space, no-break space U+00A0 or narrow no-break space U+202F between groups of
 * three). An empty cell, `-`, `--` or a dash is missing, never 0. Anything else in a count column
 * (`12,5`, `1.234`, `-3`, `12 %`) is not a count and the row is reported, not guessed at. Rates
 * (CTR, engagement rate: `12,5 %`, `0.0523`) are not read at all: metrics are counts, and a rate
 * cannot be turned back into one.
 *
 * Files. UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252 (what Norwegian Excel writes
 * for "CSV (semikolondelt)"); comma, semicolon or tab between fields; a preamble before the header
 * row (LinkedIn's title row, Excel's `sep=;`).
 */
import { CsvError, parse } from "csv-parse/sync"
import * as Either from "effect/Either"
import type { Network } from "../Draft.js"
import type { Metrics } from "../ItemEvent.js"
import type { ExportFormat, InvalidCell, RequiredColumn, UnreadableReason } from "../ResultsImport.js"
import { networkOfUrl } from "./resultsImportMatch.js"

/** A metric of {@link Metrics}. */
type MetricName = keyof Metrics

/** A column Dugnad reads: the post's identifiers and its metrics. */
type Field = "postId" | "permalink" | MetricName

/** Header texts in each language an export may come in. */
interface Headers {
  readonly en: ReadonlyArray<string>
  readonly nb: ReadonlyArray<string>
}

/** One export's columns. */
interface Layout {
  readonly format: ExportFormat
  readonly network: Network
  /** The headers of each field read, best first (the first present column is used). */
  readonly fields: { readonly [F in Field]?: Headers }
  /** The export's other headers: not read, but they recognise the header row and the export. */
  readonly others: Headers
}

// Meta Business Suite → Insights → Content → Export (CSV), Facebook posts.
// English: confirmed. Norwegian: assumed (see the module comment).
const metaFacebook: Layout = {
  format: "meta-facebook",
  network: "facebook",
  fields: {
    postId: { en: ["Post ID"], nb: ["Innleggs-ID", "Publiserings-ID"] },
    permalink: { en: ["Permalink"], nb: ["Permalenke", "Permanent lenke"] },
    // "Impressions" until 2025, "Views" since; never both in one file.
    impressions: { en: ["Impressions", "Views"], nb: ["Visninger"] },
    reach: { en: ["Reach"], nb: ["Rekkevidde"] },
    reactions: { en: ["Reactions"], nb: ["Reaksjoner"] },
    comments: { en: ["Comments"], nb: ["Kommentarer"] },
    shares: { en: ["Shares"], nb: ["Delinger"] },
    // Link clicks only: "Total clicks" also counts clicks on the photo, the name and "See more".
    clicks: { en: ["Link clicks"], nb: ["Klikk på lenker", "Lenkeklikk"] },
    videoViews: { en: ["3-second video views"], nb: ["3-sekunders videoavspillinger", "Videoavspillinger på 3 sekunder"] }
  },
  others: {
    en: [
      "Page ID",
      "Page name",
      "Title",
      "Description",
      "Duration (sec)",
      "Publish time",
      "Caption type",
      "Is crosspost",
      "Is share",
      "Post type",
      "Languages",
      "Custom labels",
      "Funded content status",
      "Data comment",
      "Date",
      "Reactions, comments and shares",
      "Total clicks",
      "Other Clicks",
      "Matched Audience Targeting Consumption (Photo Click)",
      "Negative feedback from users: Hide all",
      "Negative feedback from users: Hide",
      "Seconds viewed",
      "Average Seconds viewed",
      "1-minute video views"
    ],
    nb: [
      "Side-ID",
      "Sidenavn",
      "Tittel",
      "Beskrivelse",
      "Varighet (sek)",
      "Publiseringstidspunkt",
      "Tekstingstype",
      "Er krysspublisering",
      "Er deling",
      "Innleggstype",
      "Språk",
      "Egendefinerte etiketter",
      "Status for finansiert innhold",
      "Datakommentar",
      "Dato",
      "Reaksjoner, kommentarer og delinger",
      "Totalt antall klikk",
      "Andre klikk",
      "Sekunder sett",
      "Gjennomsnittlig antall sekunder sett"
    ]
  }
}

// Meta Business Suite → Insights → Content → Export (CSV), Instagram posts.
// English: confirmed. Norwegian: assumed.
const metaInstagram: Layout = {
  format: "meta-instagram",
  network: "instagram",
  fields: {
    postId: { en: ["Post ID"], nb: ["Innleggs-ID", "Publiserings-ID"] },
    permalink: { en: ["Permalink"], nb: ["Permalenke", "Permanent lenke"] },
    impressions: { en: ["Impressions", "Views"], nb: ["Visninger"] },
    reach: { en: ["Reach"], nb: ["Rekkevidde"] },
    reactions: { en: ["Likes"], nb: ["Liker", "Likerklikk"] },
    comments: { en: ["Comments"], nb: ["Kommentarer"] },
    shares: { en: ["Shares"], nb: ["Delinger"] },
    saves: { en: ["Saves"], nb: ["Lagringer"] },
    videoViews: { en: ["Plays"], nb: ["Avspillinger"] }
  },
  others: {
    en: [
      "Account ID",
      "Account username",
      "Account name",
      "Description",
      "Duration (sec)",
      "Publish time",
      "Post type",
      "Data comment",
      "Date",
      "Follows",
      "Profile visits",
      "Replies"
    ],
    nb: [
      "Konto-ID",
      "Brukernavn for kontoen",
      "Kontonavn",
      "Beskrivelse",
      "Varighet (sek)",
      "Publiseringstidspunkt",
      "Innleggstype",
      "Datakommentar",
      "Dato",
      "Følger",
      "Følgere",
      "Profilbesøk",
      "Svar"
    ]
  }
}

// LinkedIn page → Analytics → Updates → Export, sheet "All posts" saved as CSV. There is no post
// id column: the post link carries the id. English: confirmed. Norwegian: assumed.
const linkedin: Layout = {
  format: "linkedin",
  network: "linkedin",
  fields: {
    permalink: { en: ["Post link", "Update link"], nb: ["Innleggslenke", "Lenke til innlegget"] },
    impressions: { en: ["Impressions"], nb: ["Visninger"] },
    // LinkedIn's "Likes" counts every reaction (like, celebrate, support …).
    reactions: { en: ["Likes", "Reactions"], nb: ["Liker", "Reaksjoner"] },
    comments: { en: ["Comments"], nb: ["Kommentarer"] },
    shares: { en: ["Reposts", "Shares"], nb: ["Reposter", "Delinger"] },
    clicks: { en: ["Clicks"], nb: ["Klikk"] },
    // Views of a video post on LinkedIn; off-site views (embedded elsewhere) are not counted.
    videoViews: {
      en: ["Views (excluding off-site video views)"],
      nb: ["Visninger (unntatt videovisninger utenfor nettstedet)", "Videovisninger"]
    }
  },
  others: {
    en: [
      "Post title",
      "Update title",
      "Post type",
      "Campaign name",
      "Posted by",
      "Created date",
      "Campaign start date",
      "Campaign end date",
      "Audience",
      "Off-site views",
      "Click through rate (CTR)",
      "Follows",
      "Engagement rate",
      "Content Type"
    ],
    nb: [
      "Innleggstittel",
      "Innleggstype",
      "Kampanjenavn",
      "Publisert av",
      "Opprettet dato",
      "Opprettet",
      "Startdato for kampanjen",
      "Sluttdato for kampanjen",
      "Målgruppe",
      "Visninger utenfor nettstedet",
      "Klikkfrekvens (CTR)",
      "Følger",
      "Følgere",
      "Engasjementsrate",
      "Innholdstype"
    ]
  }
}

/** Every export layout Dugnad reads. */
const layouts: ReadonlyArray<Layout> = [metaFacebook, metaInstagram, linkedin]

/** The metrics, in the order of {@link Metrics}. */
const metricNames: ReadonlyArray<MetricName> = [
  "reach",
  "impressions",
  "reactions",
  "comments",
  "shares",
  "saves",
  "clicks",
  "videoViews"
]

/** A row is found only this far into the file: a preamble is a line or two. */
const headerSearchRows = 30
/** A header row has at least this many known headers (a title row has one cell). */
const headerMinimum = 3

const normaliseHeader = (text: string): string => text.normalize("NFC").replace(/\s+/gu, " ").trim().toLowerCase()

const headersOf = (headers: Headers | undefined): ReadonlyArray<string> =>
  headers === undefined ? [] : [...headers.en, ...headers.nb].map(normaliseHeader)

const knownHeaders = (layout: Layout): ReadonlySet<string> =>
  new Set([...Object.values(layout.fields).flatMap(headersOf), ...headersOf(layout.others)])

/** A count, a missing value, or a cell that is not a count. */
export type Count = number | "missing" | "not_a_count"

const missingMarks = new Set(["", "-", "--", "–", "—"])

/**
 * Reads a count (see the module comment for the rules).
 */
export const parseCount = (cell: string): Count => {
  // `trim` also removes no-break spaces, which Excel leaves around numbers.
  const text = cell.trim()
  if (missingMarks.has(text)) return "missing"
  let digits: string
  if (/^\d+$/u.test(text)) digits = text
  else if (/^\d{1,3}(?:,\d{3})+$/u.test(text)) digits = text.replaceAll(",", "")
  else if (/^\d{1,3}(?:[ \u00A0\u202F\u2009]\d{3})+$/u.test(text)) digits = text.replace(/\D/gu, "")
  else return "not_a_count"
  const value = Number(digits)
  return Number.isSafeInteger(value) ? value : "not_a_count"
}

/** One data row of an export. */
export interface ExportRow {
  /** The file's line where the row starts (1-based; a quoted cell may span lines). */
  readonly line: number
  readonly postId?: string
  readonly permalink?: string
  readonly metrics: Metrics
  /** Why the row cannot be recorded; empty when it can. */
  readonly invalid: ReadonlyArray<InvalidCell>
}

/** A readable export. */
export interface ParsedExport {
  readonly format: ExportFormat
  readonly network: Network
  /** The file's text as read: without BOM, with `\n` line ends (what the import hashes). */
  readonly text: string
  readonly rows: ReadonlyArray<ExportRow>
}

/** Why an export cannot be read. */
export interface ExportProblem {
  readonly reason: UnreadableReason
  readonly column?: RequiredColumn
  readonly line?: number
  readonly detected?: ExportFormat
}

/** What the caller asked for: one export, or a Meta export of either network. */
export type RequestedFormat = ExportFormat | "meta"

const utf8 = new TextDecoder("utf-8", { fatal: true })

/** The file's text: bytes are decoded by their BOM, else as UTF-8, else as Windows-1252. */
const decode = (input: string | Uint8Array): string => {
  if (typeof input === "string") return input
  if (input[0] === 0xff && input[1] === 0xfe) return new TextDecoder("utf-16le").decode(input)
  if (input[0] === 0xfe && input[1] === 0xff) return new TextDecoder("utf-16be").decode(input)
  try {
    return utf8.decode(input)
  } catch {
    // Not UTF-8: Excel's "CSV" in a Norwegian Windows is Windows-1252, where any byte is valid.
    return new TextDecoder("windows-1252").decode(input)
  }
}

interface CsvRecord {
  readonly line: number
  readonly cells: ReadonlyArray<string>
}

type Table = { readonly records: ReadonlyArray<CsvRecord> } | { readonly error: CsvError }

const readTable = (text: string, delimiter: string): Table => {
  try {
    const parsed = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true
    }) as unknown as Array<{ readonly record: Array<string>; readonly info: { readonly lines: number } }>
    // `info.lines` is where a record ends; a quoted cell spanning lines moves its start up.
    return {
      records: parsed.map(({ info, record }) => ({
        line: info.lines - record.reduce((breaks, cell) => breaks + (cell.match(/\n/gu)?.length ?? 0), 0),
        cells: record
      }))
    }
  } catch (error) {
    if (error instanceof CsvError) return { error }
    throw error
  }
}

interface Header {
  readonly layout: Layout
  readonly index: number
  /** How many of the row's cells are headers of the layout. */
  readonly score: number
}

/** The first row among the first few that has enough of the layout's headers. */
const findHeader = (records: ReadonlyArray<CsvRecord>, layout: Layout): Header | undefined => {
  const known = knownHeaders(layout)
  for (const [index, record] of records.slice(0, headerSearchRows).entries()) {
    const score = new Set(record.cells.map(normaliseHeader).filter((cell) => known.has(cell))).size
    if (score >= headerMinimum) return { layout, index, score }
  }
  return undefined
}

/** The column of each field present: the first of its headers found, in the field's order. */
const columnsOf = (layout: Layout, header: ReadonlyArray<string>): ReadonlyMap<Field, number> => {
  const cells = header.map(normaliseHeader)
  const columns = new Map<Field, number>()
  for (const [field, headers] of Object.entries(layout.fields) as Array<[Field, Headers]>) {
    for (const name of headersOf(headers)) {
      const column = cells.indexOf(name)
      if (column >= 0) {
        columns.set(field, column)
        break
      }
    }
  }
  return columns
}

/**
 * Facebook or Instagram, for a Meta export whose columns are the ones both have: by the host of
 * its permalinks, when they all agree.
 */
const metaByPermalinks = (records: ReadonlyArray<CsvRecord>, header: Header): Layout | undefined => {
  const column = columnsOf(header.layout, records[header.index]!.cells).get("permalink")
  if (column === undefined) return undefined
  const found = new Set(
    records.slice(header.index + 1).flatMap((record) => {
      const network = networkOfUrl(record.cells[column] ?? "")
      return network === undefined ? [] : [network]
    })
  )
  if (found.size !== 1) return undefined
  return found.has("facebook") ? metaFacebook : found.has("instagram") ? metaInstagram : undefined
}

type Choice = { readonly header: Header } | { readonly problem: ExportProblem }

/**
 * The export the file is: the layout whose header row has most known headers. A requested format
 * that ties with the best is taken; one that loses is `wrong_format`. `score` is the best header's,
 * so that the delimiter that reads the file best can be chosen.
 */
const choose = (
  requested: RequestedFormat,
  records: ReadonlyArray<CsvRecord>
): { readonly score: number; readonly choice: Choice } => {
  const headers = layouts.flatMap((layout) => {
    const header = findHeader(records, layout)
    return header === undefined ? [] : [header]
  })
  if (headers.length === 0) return { score: 0, choice: { problem: { reason: "no_header" } } }
  const score = Math.max(...headers.map((header) => header.score))
  const tied = headers.filter((header) => header.score === score)
  const wanted = tied.filter((header) =>
    requested === "meta" ? header.layout.format !== "linkedin" : header.layout.format === requested
  )
  if (wanted.length === 0) {
    const detected = tied.length === 1 ? { detected: tied[0]!.layout.format } : {}
    return { score, choice: { problem: { reason: "wrong_format", ...detected } } }
  }
  if (wanted.length === 1) return { score, choice: { header: wanted[0]! } }
  const layout = metaByPermalinks(records, wanted[0]!)
  const header = wanted.find((candidate) => candidate.layout === layout)
  return { score, choice: header === undefined ? { problem: { reason: "ambiguous_format" } } : { header } }
}

const readRow = (record: CsvRecord, columns: ReadonlyMap<Field, number>, header: ReadonlyArray<string>): ExportRow => {
  const text = (field: Field): string | undefined => {
    const column = columns.get(field)
    const cell = column === undefined ? undefined : record.cells[column]?.trim()
    return cell === undefined || cell === "" ? undefined : cell
  }
  const metrics: { -readonly [M in MetricName]?: number } = {}
  const invalid: Array<InvalidCell> = []
  for (const field of metricNames) {
    const column = columns.get(field)
    if (column === undefined) continue
    const cell = record.cells[column] ?? ""
    const count = parseCount(cell)
    if (count === "not_a_count") {
      invalid.push({ line: record.line, field, reason: count, column: header[column]!.trim(), value: cell })
    } else if (count !== "missing") {
      metrics[field] = count
    }
  }
  if (invalid.length === 0 && Object.keys(metrics).length === 0) {
    invalid.push({ line: record.line, field: "metrics", reason: "no_values" })
  }
  const postId = text("postId")
  const permalink = text("permalink")
  return {
    line: record.line,
    ...(postId === undefined ? {} : { postId }),
    ...(permalink === undefined ? {} : { permalink }),
    metrics,
    invalid
  }
}

const delimiters = [",", ";", "\t"] as const

/**
 * Reads an export: finds the delimiter and the header row, checks the columns, and reads every
 * data row. Fails with the problem when the file is not a readable export of the requested kind.
 */
export const parseExport = (
  requested: RequestedFormat,
  input: string | Uint8Array
): Either.Either<ParsedExport, ExportProblem> => {
  const text = decode(input).replace(/^\uFEFF/u, "").replace(/\r\n?/gu, "\n")
  // A NUL never occurs in CSV text: this is a spreadsheet, or UTF-16 read as something else.
  if (text.includes("\u0000")) return Either.left({ reason: "not_text" })
  if (text.trim() === "") return Either.left({ reason: "empty" })

  // The right delimiter reads the header row with the most known headers; a wrong one fails to
  // parse (a quote in the middle of a cell) or merges the header into one cell.
  let best: { readonly records: ReadonlyArray<CsvRecord>; readonly score: number; readonly choice: Choice } | undefined
  let errorLine: number | undefined
  for (const delimiter of delimiters) {
    const table = readTable(text, delimiter)
    if ("error" in table) {
      // The delimiter that read furthest says where the file stops being CSV.
      const line = table.error.lines
      if (typeof line === "number" && line > (errorLine ?? 0)) errorLine = line
      continue
    }
    const { choice, score } = choose(requested, table.records)
    if (best === undefined || score > best.score) best = { records: table.records, score, choice }
  }
  if (best === undefined) {
    return Either.left({ reason: "not_csv", ...(errorLine === undefined ? {} : { line: errorLine }) })
  }
  if ("problem" in best.choice) return Either.left(best.choice.problem)

  const { header } = best.choice
  const headerCells = best.records[header.index]!.cells
  const columns = columnsOf(header.layout, headerCells)
  if (!columns.has("postId") && !columns.has("permalink")) {
    return Either.left({ reason: "missing_column", column: "permalink" })
  }
  if (!metricNames.some((metric) => columns.has(metric))) return Either.left({ reason: "missing_column", column: "metrics" })
  const rows = best.records.slice(header.index + 1).map((record) => readRow(record, columns, headerCells))
  if (rows.length === 0) return Either.left({ reason: "empty" })
  return Either.right({ format: header.layout.format, network: header.layout.network, text, rows })
}

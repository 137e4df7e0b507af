/**
 * The CLI's own short words (headings, labels, its few refusals), in Norwegian Bokmål and English.
 * Every sentence about the workflow itself comes from `@dugnad/core`'s `Messages`.
 */
import type { Locale } from "@dugnad/core/Member"

export interface Ui {
  readonly item: string
  readonly stage: string
  readonly owner: string
  readonly submittedBy: string
  readonly pitch: string
  readonly department: string
  readonly goals: string
  readonly concerns: string
  readonly meeting: string
  readonly draft: string
  readonly revision: (number: number, kind: string) => string
  readonly networks: string
  readonly media: string
  readonly reviewers: string
  readonly expert: string
  readonly approvedRevision: (revision: number) => string
  readonly waiting: string
  readonly objections: string
  readonly suggestions: string
  readonly posts: string
  readonly timeline: string
  readonly noFindings: string
  readonly ideas: string
  readonly reviews: string
  readonly engagement: string
  readonly primer: string
  readonly none: string
  readonly replayed: string
  readonly roles: string
  readonly fields: string
  readonly noMembers: string
  readonly noGoals: string
  readonly emptyBoard: string
  readonly open: string
  readonly resolved: string
  readonly corrected: string
  readonly accepted: string
  readonly declined: string
  readonly undecided: string
  readonly counts: (objections: number, missing: number, suggestions: number) => string
  readonly created: (workspace: string, location: string) => string
  readonly noDatabase: (filename: string) => string
  readonly noWorkspace: string
  readonly unknownWorkspace: (id: string) => string
  readonly severalWorkspaces: (list: ReadonlyArray<string>) => string
  readonly workspaceExists: (name: string, id: string) => string
  readonly asRequired: string
  readonly usageHint: (command: string) => string
  readonly chooseCommand: string
  readonly unexpected: string
  /** `dugnad discord` or `dugnad mattermost` when the adapter cannot be loaded. */
  readonly botUnavailable: (bot: "discord" | "mattermost") => string
  /** The progress line of `results import` (`done` of `total` rows). */
  readonly importing: (done: number, total: number) => string
  /** A date or time option (`flag`) given as `given`, which is not one: {@link TimeProblem}, {@link TimeForm}. */
  readonly badTime: (flag: string, given: string, problem: TimeProblem, form: TimeForm) => string
  /** `init --time-zone` naming no IANA zone. */
  readonly unknownTimeZone: (zone: string) => string
  /** A `--media` value not written KIND:URL:ALT. */
  readonly badMedia: (given: string) => string
  /** `review decide` with both or neither of `--accept` and `--decline`. */
  readonly acceptOrDecline: string
  /** An id argument (ITEM, OBJECTION, SUGGESTION, MEETING) given as blank text. */
  readonly emptyId: (what: string) => string
  /** `results share`: whether the item is marked a success, and the heading of the follow-ups. */
  readonly markedSuccess: string
  readonly notMarkedSuccess: string
  readonly followUpSuggestions: string
  /** `results share --chart`: the file the chart was written to. */
  readonly chartWritten: (file: string) => string
  /** `results share --chart` for a post without engagement figures (it has no chart). */
  readonly noChart: string
}

/**
 * What is wrong with a date or time: not in a form the CLI reads (`form`), a day the calendar
 * does not have such as 2026-02-31 (`date`), or a time of day the clock does not have such as
 * 24:61 (`clock`).
 */
export type TimeProblem = "form" | "date" | "clock"

/**
 * What a date or time option takes: a moment (`--due`, `--at`, `--from`, `--to`), as a date or a
 * wall-clock time in the workspace's zone or with its own zone; or a meeting's local start
 * (`meeting schedule --start`, `meeting summary --occurrence`).
 */
export type TimeForm =
  | { readonly _tag: "Moment"; readonly timeZone: string }
  | { readonly _tag: "LocalStart" }

/** `done` of `total` as a whole per cent, rounded down: 100 % only when every row is done. */
const share = (done: number, total: number): number => (total === 0 ? 1 : Math.floor((done * 100) / total) / 100)

/**
 * A count and a per cent as the language writes them (`1 200`, `24 %` in nb; `1,200`, `24%` in en).
 * The formatters are made at first use: loading a locale's data costs every command's start-up.
 */
const numbers = (tag: string) => {
  let formats: { readonly count: Intl.NumberFormat; readonly percent: Intl.NumberFormat } | undefined
  const made = () =>
    formats ??= {
      count: new Intl.NumberFormat(tag),
      percent: new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 })
    }
  return {
    count: (value: number) => made().count.format(value),
    percent: (done: number, total: number) => made().percent.format(share(done, total))
  }
}
const enNumbers = numbers("en-GB")
const nbNumbers = numbers("nb-NO")

/** The chat platforms' names, for `botUnavailable`. */
const botNames = { discord: "Discord", mattermost: "Mattermost" } as const

const en: Ui = {
  item: "Item",
  stage: "Stage",
  owner: "Owner",
  submittedBy: "Idea from",
  pitch: "Pitch",
  department: "Department",
  goals: "Goals",
  concerns: "Concerns",
  meeting: "Idea meeting",
  draft: "Draft",
  revision: (number, kind) => `revision ${number} (${kind})`,
  networks: "Networks",
  media: "Media",
  reviewers: "Reviewers",
  expert: "expert",
  approvedRevision: (revision) => `approved revision ${revision}`,
  waiting: "not approved yet",
  objections: "Fact objections",
  suggestions: "Format suggestions",
  posts: "Posts",
  timeline: "Timeline",
  ideas: "ideas",
  reviews: "reviews",
  engagement: "engagement",
  noFindings: "No findings: the format checks have nothing to say.",
  primer: "primer",
  none: "none",
  replayed: "(already done: nothing changed)",
  roles: "roles",
  fields: "fields",
  noMembers: "No members.",
  noGoals: "No goals yet.",
  emptyBoard: "Nothing on the board.",
  open: "open",
  resolved: "resolved",
  corrected: "corrected",
  accepted: "accepted",
  declined: "declined",
  undecided: "undecided",
  counts: (objections, missing, suggestions) =>
    [
      objections > 0 ? `${objections} objection${objections === 1 ? "" : "s"} open` : "",
      missing > 0 ? `${missing} approval${missing === 1 ? "" : "s"} missing` : "",
      suggestions > 0 ? `${suggestions} suggestion${suggestions === 1 ? "" : "s"} undecided` : ""
    ].filter((part) => part !== "").join(", "),
  created: (workspace, location) => `Created the workspace ${workspace} in ${location}.`,
  noDatabase: (filename) => `There is no Dugnad database at ${filename}. Create one with “dugnad init”, or point to yours with --db or DUGNAD_DB.`,
  noWorkspace: "This database has no workspace yet. Create it with “dugnad init”.",
  unknownWorkspace: (id) => `DUGNAD_WORKSPACE names ${id}, but this database has no such workspace.`,
  severalWorkspaces: (list) =>
    `This database holds several workspaces (${list.join(", ")}). Choose one with DUGNAD_WORKSPACE=<id>.`,
  workspaceExists: (name, id) => `This database already has a workspace: ${name} (${id}). The CLI keeps one workspace per database.`,
  asRequired: "Say who you are: --as HANDLE (or set DUGNAD_AS).",
  usageHint: (command) => `See “${command} --help”.`,
  chooseCommand: "Choose a command.",
  unexpected: "Something unexpected went wrong. Nothing was changed by this command.",
  botUnavailable: (bot) =>
    `The ${botNames[bot]} bot (@dugnad/adapter-${bot}) is not installed or not built: run \`npm run build\` at the repository root.`,
  importing: (done, total) =>
    `Importing: ${enNumbers.count(done)} / ${enNumbers.count(total)} row${total === 1 ? "" : "s"} (${enNumbers.percent(done, total)})`,
  badTime: (flag, given, problem, form) => {
    const what = problem === "date"
      ? "is not a date that exists"
      : problem === "clock"
      ? "is not a time of day: the clock goes from 00:00 to 23:59"
      : "is not a date or time the CLI can read"
    const allowed = form._tag === "Moment"
      ? `YYYY-MM-DD or YYYY-MM-DDTHH:MM (in ${form.timeZone}), or a time with its zone such as 2026-12-01T09:00Z`
      : "YYYY-MM-DDTHH:MM, the local start, such as 2026-03-03T10:00"
    return `${flag}: “${given}” ${what}. Give ${allowed}.`
  },
  unknownTimeZone: (zone) => `--time-zone: “${zone}” is not a known time zone. Use an IANA name such as Europe/Oslo.`,
  badMedia: (given) => `--media: “${given}” must be written KIND:URL:ALT, with KIND image, illustration or video.`,
  acceptOrDecline: "Give exactly one of --accept and --decline.",
  emptyId: (what) => `${what} must not be empty: give its id.`,
  markedSuccess: "✓ Marked a success.",
  notMarkedSuccess: "Not marked a success.",
  followUpSuggestions: "Follow-up suggestions:",
  chartWritten: (file) => `Chart: ${file}`,
  noChart: "No chart: the post has no engagement figures yet."
}

const nb: Ui = {
  item: "Sak",
  stage: "Fase",
  owner: "Ansvarlig",
  submittedBy: "Idé fra",
  pitch: "Beskrivelse",
  department: "Avdeling",
  goals: "Mål",
  concerns: "Gjelder",
  meeting: "Idémøte",
  draft: "Utkast",
  revision: (number, kind) => `versjon ${number} (${kind === "content" ? "innhold" : kind === "format" ? "format" : kind})`,
  networks: "Kanaler",
  media: "Medier",
  reviewers: "Gjennomlesere",
  expert: "fagekspert",
  approvedRevision: (revision) => `godkjente versjon ${revision}`,
  waiting: "ikke godkjent ennå",
  objections: "Faktainnsigelser",
  suggestions: "Formforslag",
  posts: "Innlegg",
  timeline: "Historikk",
  ideas: "idéer",
  reviews: "gjennomlesninger",
  engagement: "engasjement",
  noFindings: "Ingen funn: formsjekkene har ingenting å utsette.",
  primer: "veileder",
  none: "ingen",
  replayed: "(allerede gjort: ingenting endret)",
  roles: "roller",
  fields: "fagfelt",
  noMembers: "Ingen medlemmer.",
  noGoals: "Ingen mål ennå.",
  emptyBoard: "Ingenting på tavla.",
  open: "åpen",
  resolved: "løst",
  corrected: "rettet",
  accepted: "tatt til følge",
  declined: "avslått",
  undecided: "ikke avgjort",
  counts: (objections, missing, suggestions) =>
    [
      objections > 0 ? `${objections} åpne innsigelse${objections === 1 ? "" : "r"}` : "",
      missing > 0 ? `${missing} godkjenning${missing === 1 ? "" : "er"} mangler` : "",
      suggestions > 0 ? `${suggestions} formforslag ikke avgjort` : ""
    ].filter((part) => part !== "").join(", "),
  created: (workspace, location) => `Opprettet arbeidsområdet ${workspace} i ${location}.`,
  noDatabase: (filename) => `Det finnes ingen Dugnad-database i ${filename}. Opprett en med «dugnad init», eller pek på din med --db eller DUGNAD_DB.`,
  noWorkspace: "Databasen har ikke noe arbeidsområde ennå. Opprett det med «dugnad init».",
  unknownWorkspace: (id) => `DUGNAD_WORKSPACE peker på ${id}, men databasen har ikke noe slikt arbeidsområde.`,
  severalWorkspaces: (list) =>
    `Databasen har flere arbeidsområder (${list.join(", ")}). Velg ett med DUGNAD_WORKSPACE=<id>.`,
  workspaceExists: (name, id) => `Databasen har allerede et arbeidsområde: ${name} (${id}). CLI-en har ett arbeidsområde per database.`,
  asRequired: "Si hvem du er: --as BRUKERNAVN (eller sett DUGNAD_AS).",
  usageHint: (command) => `Se «${command} --help».`,
  chooseCommand: "Velg en kommando.",
  unexpected: "Noe uventet gikk galt. Kommandoen endret ingenting.",
  botUnavailable: (bot) =>
    `${botNames[bot]}-boten (@dugnad/adapter-${bot}) er ikke installert eller ikke bygget: kjør \`npm run build\` i roten av repositoriet.`,
  importing: (done, total) =>
    `Importerer: ${nbNumbers.count(done)} / ${nbNumbers.count(total)} ${total === 1 ? "rad" : "rader"} (${nbNumbers.percent(done, total)})`,
  badTime: (flag, given, problem, form) => {
    const what = problem === "date"
      ? "er ikke en dato som finnes"
      : problem === "clock"
      ? "er ikke et klokkeslett: klokka går fra 00:00 til 23:59"
      : "er ikke en dato eller et tidspunkt CLI-en kan lese"
    const allowed = form._tag === "Moment"
      ? `ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTtt:mm (i ${form.timeZone}), eller et tidspunkt med sone, som 2026-12-01T09:00Z`
      : "ÅÅÅÅ-MM-DDTtt:mm, det lokale starttidspunktet, som 2026-03-03T10:00"
    return `${flag}: «${given}» ${what}. Skriv ${allowed}.`
  },
  unknownTimeZone: (zone) => `--time-zone: «${zone}» er ikke en kjent tidssone. Bruk et IANA-navn som Europe/Oslo.`,
  badMedia: (given) => `--media: «${given}» må skrives TYPE:URL:ALT-TEKST, med TYPE image, illustration eller video.`,
  acceptOrDecline: "Velg én av --accept og --decline.",
  emptyId: (what) => `${what} kan ikke være tom: skriv id-en.`,
  markedSuccess: "✓ Markert som en suksess.",
  notMarkedSuccess: "Ikke markert som en suksess.",
  followUpSuggestions: "Forslag til oppfølging:",
  chartWritten: (file) => `Graf: ${file}`,
  noChart: "Ingen graf: innlegget har ingen engasjementstall ennå."
}

export const ui = (locale: Locale): Ui => (locale === "nb" ? nb : en)

/**
 * The language for what is said before any workspace is read (usage errors, a crash): `--locale`
 * if given, else Norwegian when the environment's language is Norwegian (`LC_ALL`, `LC_MESSAGES`,
 * `LANG`: nb, nn or no), else English.
 */
export const localeOfEnvironment = (argv: ReadonlyArray<string> = process.argv): Locale => {
  const given = argv.indexOf("--locale")
  const option = given >= 0 ? argv[given + 1] : argv.find((arg) => arg.startsWith("--locale="))?.slice(9)
  if (option === "nb" || option === "en") return option
  const language = process.env["LC_ALL"] || process.env["LC_MESSAGES"] || process.env["LANG"] || ""
  return /^(nb|nn|no)([_.@-]|$)/i.test(language) ? "nb" : "en"
}

/** Whether to colour output: only on a terminal, never with `NO_COLOR` (or `--json`). */
export const colourEnabled = (stream: NodeJS.WriteStream): boolean =>
  stream.isTTY === true && (process.env["NO_COLOR"] === undefined || process.env["NO_COLOR"] === "")

const paint = (code: number) => (text: string): string =>
  colourEnabled(process.stdout) ? `\u001b[${code}m${text}\u001b[0m` : text

export const bold = paint(1)
export const dim = paint(2)
export const green = paint(32)
export const yellow = paint(33)
export const red = paint(31)
export const cyan = paint(36)

/** A reader that stops early (`dugnad board | head -1`) is not an error: the command ends quietly. */
export const endQuietlyOnClosedPipe = (): void => {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0)
      throw error
    })
  }
}

/** Removes ANSI escape sequences (help text from @effect/cli when colour is off). */
// eslint-disable-next-line no-control-regex
export const stripAnsi = (text: string): string => text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "")

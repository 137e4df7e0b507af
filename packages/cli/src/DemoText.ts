/**
 * What `dugnad demo` says itself, in Norwegian Bokmål and English: the narration, the headings, and
 * the story's own words (the goal, the ideas, the earlier posts, the drafts, reasons and comments).
 * The core's messages in the demo (feedback, celebration, reminder, refusals) come from
 * `@dugnad/core`'s `Messages`; the team's names (people, departments, the workspace and its
 * "Idémøte") are the same in both languages.
 */
import type { Locale } from "@dugnad/core/Member"

/** Colours part of a line (a verb, a label): the demo passes `green`, `yellow`, `dim` or `bold`. */
export type Mark = (text: string) => string

/** The team's earlier posts, by what each was about. */
export type EarlierPost =
  | "winterStorm"
  | "pilotBoat"
  | "buoys"
  | "summerJobs"
  | "lighthouseKeeper"
  | "oilSpillDrill"
  | "dredging"
  | "openDay"

/** The five ideas brought to the first idea meeting. */
export type Idea = "harbour" | "quotas" | "climateReport" | "harbourMaster" | "icePlant"

/** Every text of the demo; each language gives all of them. */
export interface DemoText {
  readonly heading: {
    readonly team: string
    readonly earlierPosts: string
    readonly ideaMeeting: string
    readonly triage: string
    readonly review: string
    readonly publishing: string
    readonly results: string
    readonly celebration: string
    readonly tryIt: string
  }

  // The team
  readonly goal: string
  readonly workspace: (name: string, id: string, db: string) => string
  readonly goalLine: (id: string, title: string) => string

  // The earlier posts
  readonly earlierPost: { readonly [P in EarlierPost]: string }
  readonly earlierPostsPublished: (posts: number, days: number) => string

  // The idea meeting
  readonly agenda: ReadonlyArray<string>
  readonly schedulesMeeting: (title: string, firstDate: string, meeting: string) => string
  readonly idea: { readonly [I in Idea]: { readonly title: string; readonly pitch: string } }
  readonly bringsIdea: (title: string, item: string) => string

  // Triage
  readonly accepts: (title: string, mark: Mark) => string
  readonly parkReason: string
  readonly parks: (title: string, reason: string, mark: Mark) => string
  readonly declineReason: string
  readonly declines: (title: string, reason: string) => string
  readonly waitForNextMeeting: (first: string, firstItem: string, second: string, secondItem: string) => string

  // Draft and review
  readonly photoAlt: string
  readonly firstDraft: string
  readonly writesFirstDraft: string
  readonly requestsReview: string
  readonly approvesFacts: (revision: number) => string
  readonly claim: string
  readonly correction: string
  readonly objects: (objection: string, claim: string, correction: string, mark: Mark) => string
  readonly formatSuggestion: string
  readonly suggestsFormat: (suggestion: string, note: string) => string
  readonly triesToApprove: (refusal: string) => string
  readonly secondDraft: string
  readonly fixesDate: (revision: number) => string
  readonly resolveNote: string
  readonly resolves: (objection: string) => string
  /** Follows the first expert's name: "Per Olsen" + "and Siri approve …". */
  readonly andSiriApproveFacts: (revision: number) => string
  readonly formatReason: string
  readonly declinesSuggestion: (suggestion: string, reason: string, primer: string, mark: Mark) => string

  // Publishing
  readonly approvesForPublication: (revision: number) => string
  readonly recordsPosts: string

  // Results
  readonly comment: string
  readonly recordsNumbers: string
  readonly sharesResults: (people: string) => string
  readonly whatTheyRead: (name: string) => string
  readonly chart: (network: string, file: string) => string
  readonly chartFailed: (network: string) => string

  // Celebration and follow-up
  readonly markedSuccess: string
  readonly notASuccess: string
  readonly picksFollowUp: (title: string, item: string | undefined) => string
  readonly nextMeeting: (occurrence: string, mark: Mark) => string

  // Try it yourself
  readonly done: (seconds: number, db: string) => string

  // Refusals
  readonly databaseExists: (file: string) => string
  readonly postgresRefused: string
  readonly stopped: (why: string) => string
}

const en: DemoText = {
  heading: {
    team: "The team",
    earlierPosts: "The team's earlier posts (so the results have context)",
    ideaMeeting: "The idea meeting",
    triage: "Triage",
    review: "Draft and review",
    publishing: "Publishing",
    results: "Results, back to the people who helped",
    celebration: "Celebration and a follow-up",
    tryIt: "Try it yourself"
  },

  goal: "People along the coast know what we build for them",
  workspace: (name, id, db) => `Workspace ${name} (${id}) in ${db}`,
  goalLine: (id, title) => `Goal ${id}: ${title}`,

  earlierPost: {
    winterStorm: "Winter storm: how we keep the fairway open",
    pilotBoat: "A day with the pilot boat",
    buoys: "New buoys in Vestfjorden",
    summerJobs: "Summer jobs at the coast: apply now",
    lighthouseKeeper: "The lighthouse keeper's last shift",
    oilSpillDrill: "Oil spill drill in Lofoten",
    dredging: "How a fairway is dredged",
    openDay: "Open day at the harbour office"
  },
  earlierPostsPublished: (posts, days) => `${posts} posts published on Facebook over the last ${days} days, with their numbers`,

  agenda: ["What are you working on? Could it become content? How?", "Results since last time"],
  schedulesMeeting: (title, firstDate, meeting) =>
    `schedules “${title}”, weekly at 10:00 from ${firstDate}, everyone invited (meeting ${meeting})`,
  idea: {
    harbour: {
      title: "The new fishing harbour in Bodø",
      pitch: "Boats can moor there from this summer; the fishermen I talk to are thrilled."
    },
    quotas: { title: "Cod quotas explained in one minute", pitch: "Everyone asks us about next year's quotas." },
    climateReport: { title: "Our climate report, page by page", pitch: "The new report is out: forty pages of findings." },
    harbourMaster: { title: "Meet the new harbour master", pitch: "Anne starts in Bodø next month." },
    icePlant: { title: "Behind the scenes at the ice plant", pitch: "The new ice plant runs day and night in the season." }
  },
  bringsIdea: (title, item) => `brings an idea: “${title}” (${item})`,

  accepts: (title, mark) => `${mark("accepts")} “${title}”`,
  parkReason: "The quotas are set in December: let's make it then, when the numbers are real.",
  parks: (title, reason, mark) => `${mark("parks")} “${title}”: ${reason}`,
  declineReason:
    "Thank you, Siri! Forty pages won't fit a feed, but one finding at a time will: bring your favourite to the next meeting?",
  declines: (title, reason) => `declines “${title}”, kindly: ${reason}`,
  waitForNextMeeting: (first, firstItem, second, secondItem) =>
    `(“${first}” ${firstItem} and “${second}” ${secondItem} wait for the next meeting)`,

  photoAlt: "Fishing boats moored at the new quay in Bodø harbour at dawn",
  firstDraft: "The new fishing harbour in Bodø opens in May! Room for 40 boats, shore power and a new ice plant.",
  writesFirstDraft: "writes the first draft (revision 1), for Facebook and LinkedIn",
  requestsReview: "asks Per and Siri (experts) and Ola to review, due in two days",
  approvesFacts: (revision) => `approves the facts of revision ${revision}`,
  claim: "The harbour opens in May.",
  correction: "The breakwater is finished in May; boats can moor from 12 June.",
  objects: (objection, claim, correction, mark) => `${mark("objects")} to a fact (${objection}): “${claim}” — ${correction}`,
  formatSuggestion: "Could the first line name all seven partners? They'd love the credit.",
  suggestsFormat: (suggestion, note) => `suggests a format change (${suggestion}): “${note}”`,
  triesToApprove: (refusal) => `tries to approve for publication: ${refusal}`,
  secondDraft:
    "Boats can moor in the new fishing harbour in Bodø from 12 June! Room for 40 boats, shore power and a new ice plant.",
  fixesDate: (revision) => `fixes the date (content revision ${revision}: the facts need approving again)`,
  resolveNote: "Right date now, thanks!",
  resolves: (objection) => `resolves ${objection}`,
  andSiriApproveFacts: (revision) => `and Siri approve the facts of revision ${revision}`,
  formatReason:
    "The first line is all the feed shows, so it has to make people stop. I'll thank and tag the partners at the end instead.",
  declinesSuggestion: (suggestion, reason, primer, mark) => `declines ${suggestion}: ${reason} ${mark(`(primer: ${primer})`)}`,

  approvesForPublication: (revision) => `approves revision ${revision} for publication`,
  recordsPosts: "records the posts on Facebook and LinkedIn",

  comment: "My father fished from this harbour for forty years. Wonderful!",
  recordsNumbers: "records the numbers of both posts",
  sharesResults: (people) => `shares the results with ${people}`,
  whatTheyRead: (name) => `What ${name} reads:`,
  chart: (network, file) => `The chart of the ${network} post: ${file}`,
  chartFailed: (network) => `The chart of the ${network} post could not be drawn:`,

  markedSuccess: "✓ Marked a success: it beat the team's recent posts.",
  notASuccess: "Not a success this time.",
  picksFollowUp: (title, item) => `picks a follow-up: “${title}”${item === undefined ? "" : ` (${item})`}`,
  nextMeeting: (occurrence, mark) => `${mark("The next idea meeting")} (${occurrence}): the reminder everyone gets beforehand`,

  done: (seconds, db) => `Done in ${seconds.toFixed(1)} s. Everything above is in ${db}:`,

  databaseExists: (file) =>
    `${file} already exists. The demo only writes a new database: give --db a new file, or remove ${file} first.`,
  postgresRefused: "The demo writes a new SQLite file only: give --db a file name, not a postgres:// URL.",
  stopped: (why) => `The demo stopped: ${why}`
}

const nb: DemoText = {
  heading: {
    team: "Teamet",
    earlierPosts: "Teamets tidligere poster (så resultatene har noe å sammenlignes med)",
    ideaMeeting: "Idémøtet",
    triage: "Sortering",
    review: "Utkast og gjennomlesing",
    publishing: "Publisering",
    results: "Resultatene, tilbake til dem som hjalp til",
    celebration: "Feiring og en oppfølging",
    tryIt: "Prøv selv"
  },

  goal: "Folk langs kysten vet hva vi bygger for dem",
  workspace: (name, id, db) => `Arbeidsområdet ${name} (${id}) i ${db}`,
  goalLine: (id, title) => `Mål ${id}: ${title}`,

  earlierPost: {
    winterStorm: "Vinterstorm: slik holder vi farleden åpen",
    pilotBoat: "En dag med losbåten",
    buoys: "Nye bøyer i Vestfjorden",
    summerJobs: "Sommerjobb på kysten: søk nå",
    lighthouseKeeper: "Fyrvokterens siste vakt",
    oilSpillDrill: "Oljevernøvelse i Lofoten",
    dredging: "Slik mudres en farled",
    openDay: "Åpen dag på havnekontoret"
  },
  earlierPostsPublished: (posts, days) => `${posts} poster publisert på Facebook de siste ${days} dagene, alle med tall`,

  agenda: ["Hva jobber du med? Kan det bli innhold? Hvordan?", "Resultater siden sist"],
  schedulesMeeting: (title, firstDate, meeting) =>
    `setter opp «${title}» hver uke kl. 10:00 fra ${firstDate} og inviterer alle (møte ${meeting})`,
  idea: {
    harbour: {
      title: "Den nye fiskerihavna i Bodø",
      pitch: "Båtene kan legge til der fra i sommer, og fiskerne jeg snakker med, er storfornøyde."
    },
    quotas: { title: "Torskekvotene forklart på ett minutt", pitch: "Alle spør oss om kvotene for neste år." },
    climateReport: { title: "Klimarapporten vår, side for side", pitch: "Den nye rapporten er ute: førti sider med funn." },
    harbourMaster: { title: "Møt den nye havnesjefen", pitch: "Anne begynner i Bodø neste måned." },
    icePlant: { title: "Bak kulissene på isanlegget", pitch: "Det nye isanlegget går dag og natt i sesongen." }
  },
  bringsIdea: (title, item) => `kommer med en idé: «${title}» (${item})`,

  accepts: (title, mark) => `${mark("sier ja til")} «${title}»`,
  parkReason: "Kvotene fastsettes i desember. La oss lage den da, når tallene er på plass.",
  parks: (title, reason, mark) => `${mark("legger")} «${title}» ${mark("til side")}: ${reason}`,
  declineReason:
    "Takk, Siri! Førti sider passer ikke i feeden, men ett funn om gangen gjør det. Tar du med favorittfunnet ditt til neste møte?",
  declines: (title, reason) => `sier vennlig nei takk til «${title}»: ${reason}`,
  waitForNextMeeting: (first, firstItem, second, secondItem) =>
    `(«${first}» ${firstItem} og «${second}» ${secondItem} venter til neste møte)`,

  photoAlt: "Fiskebåter ved den nye kaia i Bodø havn i morgengryet",
  firstDraft: "Den nye fiskerihavna i Bodø åpner i mai! Plass til 40 båter, landstrøm og nytt isanlegg.",
  writesFirstDraft: "skriver det første utkastet (versjon 1) for Facebook og LinkedIn",
  requestsReview: "ber Per og Siri (fageksperter) og Ola om å lese gjennom, med frist om to dager",
  approvesFacts: (revision) => `godkjenner faktaene i versjon ${revision}`,
  claim: "Havna åpner i mai.",
  correction: "Moloen er ferdig i mai. Båtene kan legge til fra 12. juni.",
  objects: (objection, claim, correction, mark) =>
    `${mark("kommer med en faktainnsigelse")} (${objection}): «${claim}» – ${correction}`,
  formatSuggestion: "Kan første linje nevne alle de sju partnerne? De vil sette stor pris på det.",
  suggestsFormat: (suggestion, note) => `kommer med et formatforslag (${suggestion}): «${note}»`,
  triesToApprove: (refusal) => `prøver å godkjenne for publisering: ${refusal}`,
  secondDraft: "Fra 12. juni kan båtene legge til i den nye fiskerihavna i Bodø! Plass til 40 båter, landstrøm og nytt isanlegg.",
  fixesDate: (revision) => `retter datoen (innholdsversjon ${revision}: faktaene må godkjennes på nytt)`,
  resolveNote: "Riktig dato nå, takk!",
  resolves: (objection) => `markerer ${objection} som løst`,
  andSiriApproveFacts: (revision) => `og Siri godkjenner faktaene i versjon ${revision}`,
  formatReason:
    "Første linje er alt feeden viser, så den må få folk til å stoppe opp. Jeg takker og tagger partnerne til slutt i stedet.",
  declinesSuggestion: (suggestion, reason, primer, mark) =>
    `sier nei takk til ${suggestion}: ${reason} ${mark(`(innføringen: ${primer})`)}`,

  approvesForPublication: (revision) => `godkjenner versjon ${revision} for publisering`,
  recordsPosts: "registrerer postene på Facebook og LinkedIn",

  comment: "Far min fisket fra denne havna i førti år. Herlig!",
  recordsNumbers: "registrerer tallene for begge postene",
  sharesResults: (people) => `deler resultatene med ${people}`,
  whatTheyRead: (name) => `Dette får ${name}:`,
  chart: (network, file) => `Grafen for ${network}-posten: ${file}`,
  chartFailed: (network) => `Grafen for ${network}-posten kunne ikke tegnes:`,

  markedSuccess: "✓ Markert som en suksess: den gjorde det bedre enn teamets siste poster.",
  notASuccess: "Ikke en suksess denne gangen.",
  picksFollowUp: (title, item) => `velger en oppfølging: «${title}»${item === undefined ? "" : ` (${item})`}`,
  nextMeeting: (occurrence, mark) => `${mark("Neste idémøte")} (${occurrence}): påminnelsen alle får på forhånd`,

  done: (seconds, db) => `Ferdig på ${seconds.toFixed(1).replace(".", ",")} s. Alt ovenfor ligger i ${db}:`,

  databaseExists: (file) =>
    `${file} finnes allerede. Demoen skriver bare til en ny database: gi --db en ny fil, eller slett ${file} først.`,
  postgresRefused: "Demoen skriver bare til en ny SQLite-fil: gi --db et filnavn, ikke en postgres://-adresse.",
  stopped: (why) => `Demoen stoppet: ${why}`
}

/** The demo's texts in `locale`. */
export const demoText = (locale: Locale): DemoText => (locale === "nb" ? nb : en)

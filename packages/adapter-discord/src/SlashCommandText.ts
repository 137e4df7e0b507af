/**
 * Every text of the `/dugnad` slash command, one typed record per language: the English default
 * (`en`, British spelling like the rest of Dugnad), Norwegian Bokmål (`nb`, Discord's locale `no`,
 * names and descriptions) and American English (`enUS`, Discord's `en-US`, descriptions only).
 * The records are keyed by the command's English names, so a command, option or choice without a
 * text in some language does not compile.
 *
 * English names are the keys themselves (and the CLI's names): Discord sends them back in every
 * interaction whatever the user's language, so the runtime never sees a Norwegian name.
 *
 * @since 0.1.0
 */
import type { Network } from "@dugnad/core/Draft"
import type { Stage } from "@dugnad/core/Item"
import type { Role } from "@dugnad/core/Member"

/**
 * The subcommand groups, as in the CLI.
 *
 * @since 0.1.0
 * @category keys
 */
export type GroupName = "idea" | "draft" | "review" | "results" | "report" | "meeting" | "member" | "goal"

/**
 * Every subcommand by its path, the English names joined by a space (`"review request"`,
 * `"comment"`).
 *
 * @since 0.1.0
 * @category keys
 */
export type SubcommandPath =
  | "idea submit"
  | "idea accept"
  | "idea park"
  | "idea revive"
  | "idea decline"
  | "draft write"
  | "review request"
  | "review approve"
  | "review object"
  | "review resolve"
  | "review suggest"
  | "review decide"
  | "results record"
  | "results share"
  | "report goals"
  | "report people"
  | "meeting schedule"
  | "meeting next"
  | "meeting summary"
  | "member add"
  | "member list"
  | "goal add"
  | "goal list"
  | "comment"
  | "approve"
  | "withdraw"
  | "publish"
  | "show"
  | "board"
  | "checks"
  | "primer"

/**
 * Every option name (English), across all subcommands.
 *
 * @since 0.1.0
 * @category keys
 */
export type OptionName =
  | "item"
  | "reason"
  | "goal"
  | "department"
  | "concerns"
  | "concerns2"
  | "meeting"
  | "kind"
  | "network"
  | "network2"
  | "network3"
  | "media1"
  | "media2"
  | "media3"
  | "reviewer"
  | "reviewer2"
  | "reviewer3"
  | "due"
  | "revision"
  | "objection"
  | "note"
  | "suggestion"
  | "decision"
  | "reach"
  | "impressions"
  | "likes"
  | "comments"
  | "shares"
  | "saves"
  | "clicks"
  | "views"
  | "highlight"
  | "from"
  | "to"
  | "title"
  | "start"
  | "rrule"
  | "tz"
  | "duration"
  | "invite-role"
  | "invite-user"
  | "channel"
  | "agenda"
  | "count"
  | "occurrence"
  | "user"
  | "role"
  | "role2"
  | "role3"
  | "field"
  | "description"
  | "url"
  | "at"
  | "state"

/**
 * The option descriptions. An option name used in several subcommands may have several (a
 * `reason` is optional for accepting, and told to the contributor when parking).
 *
 * @since 0.1.0
 * @category keys
 */
export type OptionText =
  | "item"
  | "reasonOptional"
  | "reasonTold"
  | "reasonWithdraw"
  | "goalServes"
  | "ideaDepartment"
  | "concerns"
  | "meetingBrought"
  | "kind"
  | "draftNetwork"
  | "media"
  | "reviewer"
  | "reviewerMore"
  | "due"
  | "revision"
  | "objection"
  | "resolveNote"
  | "suggestion"
  | "decision"
  | "recordNetwork"
  | "reach"
  | "impressions"
  | "likes"
  | "comments"
  | "shares"
  | "saves"
  | "clicks"
  | "views"
  | "highlight"
  | "from"
  | "to"
  | "meetingTitle"
  | "start"
  | "rrule"
  | "tz"
  | "duration"
  | "inviteRole"
  | "inviteUser"
  | "channel"
  | "agenda"
  | "meeting"
  | "count"
  | "occurrence"
  | "user"
  | "role"
  | "memberDepartment"
  | "field"
  | "goalTitle"
  | "goalDescription"
  | "publishNetwork"
  | "url"
  | "at"
  | "boardGoal"
  | "state"
  | "primerNetwork"

/**
 * The stages `board` can filter on (every stage but `None`).
 *
 * @since 0.1.0
 * @category keys
 */
export type BoardStage = Exclude<Stage, "None">

/**
 * The names shown for choices, by choice set and value.
 *
 * @since 0.1.0
 * @category texts
 */
export interface ChoiceTexts {
  readonly kind: { readonly [K in "content" | "format"]: string }
  readonly decision: { readonly [K in "accept" | "decline"]: string }
  readonly role: { readonly [R in Role]: string }
  readonly stage: { readonly [S in BoardStage]: string }
  readonly network: { readonly [N in Network]: string }
}

/**
 * The descriptions of one language, and the names shown for choices.
 *
 * @since 0.1.0
 * @category texts
 */
export interface Descriptions {
  readonly command: string
  readonly groups: { readonly [K in GroupName]: string }
  readonly subcommands: { readonly [K in SubcommandPath]: string }
  readonly options: { readonly [K in OptionText]: string }
  readonly choices: ChoiceTexts
}

/**
 * The names of one language other than English (`subcommands` holds the subcommand's own name,
 * not its path).
 *
 * @since 0.1.0
 * @category texts
 */
export interface Names {
  readonly command: string
  readonly groups: { readonly [K in GroupName]: string }
  readonly subcommands: { readonly [K in SubcommandPath]: string }
  readonly options: { readonly [K in OptionName]: string }
}

const networkNames: { readonly [N in Network]: string } = {
  facebook: "Facebook",
  instagram: "Instagram",
  linkedin: "LinkedIn",
  tiktok: "TikTok",
  youtube: "YouTube",
  x: "X",
  threads: "Threads",
  bluesky: "Bluesky",
  mastodon: "Mastodon"
}

/**
 * English, the default: what Discord shows when it has nothing in the user's language.
 *
 * @since 0.1.0
 * @category texts
 */
export const en: Descriptions = {
  command: "Social-media content made together: ideas from anyone, facts checked by experts.",
  groups: {
    idea: "Ideas: submit one (anyone), and triage them (advisors).",
    draft: "The draft (advisors).",
    review: "The review: the experts' veto on facts, the advisor's say on format.",
    results: "Results of published posts.",
    report: "Reports for a period.",
    meeting: "The recurring idea meeting.",
    member: "Members of the workspace.",
    goal: "The organisation's goals."
  },
  subcommands: {
    "idea submit": "Submit an idea (anyone). A form asks for its title and pitch.",
    "idea accept": "Take the idea on and start a draft (advisors).",
    "idea park": "Park the idea for now, with a reason (advisors).",
    "idea revive": "Bring a parked idea back (advisors).",
    "idea decline": "Decline the idea with a kind reason (advisors).",
    "draft write": "Write the draft or a new revision (advisors). A form asks for the text.",
    "review request": "Send the draft to the people concerned (advisors).",
    "review approve": "Approve the facts (expert reviewers).",
    "review object": "Raise a fact objection (expert reviewers): it blocks approval. A form follows.",
    "review resolve": "Resolve your own fact objection (only the expert who raised it).",
    "review suggest": "Suggest a format change (reviewers). A form asks for it.",
    "review decide": "Take a format suggestion up or not (advisors). A form asks why.",
    "results record": "Record a post's numbers by hand (advisors).",
    "results share": "Share the results with everyone who helped; marks a success (advisors).",
    "report goals": "What social media did for each goal in a period.",
    "report people": "Who took part in a period: ideas, reviews and posts.",
    "meeting schedule": "Schedule the recurring idea meeting (advisors and managers).",
    "meeting next": "The next meetings, with the reminder the next one will carry.",
    "meeting summary": "A meeting's summary: its ideas, who came, next steps.",
    "member add": "Add a colleague (advisors and managers).",
    "member list": "List the members.",
    "goal add": "Register an organisation goal (advisors and managers).",
    "goal list": "List the goals.",
    comment: "Comment on an item (anyone; never blocks). A form asks for the text.",
    approve: "Approve the latest revision for publication (advisors).",
    withdraw: "Withdraw an item before publication.",
    publish: "Record a publication on one network (advisors).",
    show: "An item: its stage, current draft, reviews and timeline.",
    board: "Every item by stage.",
    checks: "The format checks of the latest revision, each citing the primer.",
    primer: "How social media works: the primer, per network."
  },
  options: {
    item: "The item: type part of its title or id.",
    reasonOptional: "Why (optional).",
    reasonTold: "Why: the contributor is told.",
    reasonWithdraw: "Why.",
    goalServes: "A goal it serves, e.g. G1.",
    ideaDepartment: "The department it comes from.",
    concerns: "A colleague it concerns.",
    meetingBrought: "The id of the idea meeting it was brought to.",
    kind: "Content (facts need approving again) or format (approvals stand).",
    draftNetwork: "A network to post on (default: the previous revision's).",
    media: "A picture or video; a form asks for its alt text.",
    reviewer: "A colleague to review (at least one subject expert in all).",
    reviewerMore: "Another colleague to review.",
    due: "When it is due: YYYY-MM-DDTHH:MM in workspace time, e.g. 2026-12-01T10:00.",
    revision: "The revision you read (default: the latest).",
    objection: "The objection's id, e.g. O1.",
    resolveNote: "How it was resolved.",
    suggestion: "The suggestion's id, e.g. S1.",
    decision: "Take the suggestion up, or not.",
    recordNetwork: "The network the post is on.",
    reach: "People reached.",
    impressions: "Times shown.",
    likes: "Reactions (likes).",
    comments: "Comments.",
    shares: "Shares.",
    saves: "Saves.",
    clicks: "Link clicks.",
    views: "Video views.",
    highlight: "A notable comment to keep.",
    from: "The first day, YYYY-MM-DD (default: 90 days before the last).",
    to: "The last day, included, YYYY-MM-DD (default: today).",
    meetingTitle: "The meeting's title.",
    start: "The first meeting's local start: YYYY-MM-DDTHH:MM, e.g. 2026-03-03T10:00.",
    rrule: "An RFC 5545 rule, e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=TU.",
    tz: "An IANA time zone, e.g. Europe/Oslo (default: the workspace's).",
    duration: "Minutes (default 60).",
    inviteRole: "Invite everyone with this role (no one invited: everyone).",
    inviteUser: "Invite this colleague.",
    channel: "The meeting's channel.",
    agenda: "An agenda point.",
    meeting: "The meeting series' id, as given by meeting schedule.",
    count: "How many (default 1).",
    occurrence: "Which meeting, by its local start YYYY-MM-DDTHH:MM (default: the last).",
    user: "The colleague to add.",
    role: "A role (everyone is a member).",
    memberDepartment: "Their department.",
    field: "A subject field they know.",
    goalTitle: "The goal.",
    goalDescription: "What it means.",
    publishNetwork: "Where it went out.",
    url: "The post's link.",
    at: "When it went out: YYYY-MM-DDTHH:MM in workspace time (default: now).",
    boardGoal: "Only items serving this goal, e.g. G1.",
    state: "Only items at this stage.",
    primerNetwork: "Only the entries about this network, in full."
  },
  choices: {
    kind: { content: "Content: facts need approving again", format: "Format: approvals stand" },
    decision: { accept: "Accept", decline: "Decline" },
    role: { member: "Member", expert: "Subject expert", manager: "Manager", advisor: "Communications advisor" },
    stage: {
      Idea: "Idea",
      Parked: "Parked",
      Declined: "Declined",
      Drafting: "Drafting",
      InReview: "In review",
      Approved: "Approved",
      Published: "Published",
      CorrectionNeeded: "Correction needed",
      Closed: "Closed",
      Withdrawn: "Withdrawn"
    },
    network: networkNames
  }
}

/**
 * Norwegian Bokmål names (Discord's locale `no`): lower case, words joined by `-`, the letters
 * æ, ø and å kept (Discord allows any letter).
 *
 * @since 0.1.0
 * @category texts
 */
export const nbNames: Names = {
  command: "dugnad",
  groups: {
    idea: "ide",
    draft: "utkast",
    review: "gjennomlesing",
    results: "resultater",
    report: "rapport",
    meeting: "møte",
    member: "medlem",
    goal: "mål"
  },
  subcommands: {
    "idea submit": "send-inn",
    "idea accept": "godta",
    "idea park": "legg-til-side",
    "idea revive": "hent-fram",
    "idea decline": "avslå",
    "draft write": "skriv",
    "review request": "be-om",
    "review approve": "godkjenn",
    "review object": "innsigelse",
    "review resolve": "løs",
    "review suggest": "foreslå",
    "review decide": "avgjør",
    "results record": "registrer",
    "results share": "del",
    "report goals": "mål",
    "report people": "personer",
    "meeting schedule": "planlegg",
    "meeting next": "neste",
    "meeting summary": "oppsummering",
    "member add": "legg-til",
    "member list": "liste",
    "goal add": "legg-til",
    "goal list": "liste",
    comment: "kommenter",
    approve: "godkjenn",
    withdraw: "trekk",
    publish: "publiser",
    show: "vis",
    board: "tavle",
    checks: "sjekker",
    primer: "innføring"
  },
  options: {
    item: "sak",
    reason: "begrunnelse",
    goal: "mål",
    department: "avdeling",
    concerns: "gjelder",
    concerns2: "gjelder2",
    meeting: "møte",
    kind: "type",
    network: "nettverk",
    network2: "nettverk2",
    network3: "nettverk3",
    media1: "medie1",
    media2: "medie2",
    media3: "medie3",
    reviewer: "leser",
    reviewer2: "leser2",
    reviewer3: "leser3",
    due: "frist",
    revision: "versjon",
    objection: "innsigelse",
    note: "merknad",
    suggestion: "forslag",
    decision: "avgjørelse",
    reach: "rekkevidde",
    impressions: "visninger",
    likes: "reaksjoner",
    comments: "kommentarer",
    shares: "delinger",
    saves: "lagringer",
    clicks: "klikk",
    views: "videovisninger",
    highlight: "høydepunkt",
    from: "fra",
    to: "til",
    title: "tittel",
    start: "start",
    rrule: "gjentakelse",
    tz: "tidssone",
    duration: "varighet",
    "invite-role": "inviter-rolle",
    "invite-user": "inviter-person",
    channel: "kanal",
    agenda: "agenda",
    count: "antall",
    occurrence: "møtetid",
    user: "person",
    role: "rolle",
    role2: "rolle2",
    role3: "rolle3",
    field: "fagfelt",
    description: "beskrivelse",
    url: "lenke",
    at: "tidspunkt",
    state: "stadium"
  }
}

/**
 * Norwegian Bokmål descriptions and choice names (Discord's locale `no`).
 *
 * @since 0.1.0
 * @category texts
 */
export const nb: Descriptions = {
  command: "Innhold til sosiale medier, laget sammen: ideer fra alle, fakta sjekket av fageksperter.",
  groups: {
    idea: "Ideer: send inn (alle), og behandle dem (rådgivere).",
    draft: "Utkastet (rådgivere).",
    review: "Gjennomlesingen: fageksperter har veto på fakta, rådgiveren avgjør formen.",
    results: "Resultater for publiserte innlegg.",
    report: "Rapporter for en periode.",
    meeting: "Det faste idémøtet.",
    member: "Medlemmene i arbeidsområdet.",
    goal: "Organisasjonens mål."
  },
  subcommands: {
    "idea submit": "Send inn en idé (alle). Et skjema spør om tittel og beskrivelse.",
    "idea accept": "Ta ideen videre og start et utkast (rådgivere).",
    "idea park": "Legg ideen til side inntil videre, med en begrunnelse (rådgivere).",
    "idea revive": "Hent fram en idé som er lagt til side (rådgivere).",
    "idea decline": "Avslå ideen med en vennlig begrunnelse (rådgivere).",
    "draft write": "Skriv utkastet eller en ny versjon (rådgivere). Et skjema spør om teksten.",
    "review request": "Send utkastet til dem det gjelder (rådgivere).",
    "review approve": "Godkjenn faktaene (fageksperter som leser).",
    "review object": "Reis en faktainnsigelse (fageksperter): den stopper godkjenning. Et skjema følger.",
    "review resolve": "Løs din egen faktainnsigelse (bare fageksperten som reiste den).",
    "review suggest": "Foreslå en endring i formen (de som leser). Et skjema spør om forslaget.",
    "review decide": "Ta et formforslag til følge eller ikke (rådgivere). Et skjema spør hvorfor.",
    "results record": "Registrer tallene for et innlegg for hånd (rådgivere).",
    "results share": "Del resultatene med alle som hjalp; markerer en suksess (rådgivere).",
    "report goals": "Hva sosiale medier gjorde for hvert mål i en periode.",
    "report people": "Hvem som deltok i en periode: ideer, gjennomlesinger og innlegg.",
    "meeting schedule": "Planlegg det faste idémøtet (rådgivere og ledere).",
    "meeting next": "De neste møtene, med påminnelsen det neste får.",
    "meeting summary": "Oppsummering av et møte: ideene, hvem som kom, neste steg.",
    "member add": "Legg til en kollega (rådgivere og ledere).",
    "member list": "Vis medlemmene.",
    "goal add": "Registrer et mål for organisasjonen (rådgivere og ledere).",
    "goal list": "Vis målene.",
    comment: "Kommenter en sak (alle; stopper aldri noe). Et skjema spør om teksten.",
    approve: "Godkjenn siste versjon for publisering (rådgivere).",
    withdraw: "Trekk en sak før publisering.",
    publish: "Registrer en publisering på ett nettverk (rådgivere).",
    show: "En sak: stadium, gjeldende utkast, gjennomlesinger og tidslinje.",
    board: "Alle saker etter stadium.",
    checks: "Formsjekkene av siste versjon, hver med henvisning til innføringen.",
    primer: "Slik virker sosiale medier: innføringen, per nettverk."
  },
  options: {
    item: "Saken: skriv en del av tittelen eller id-en.",
    reasonOptional: "Hvorfor (valgfritt).",
    reasonTold: "Hvorfor: den som kom med ideen, får vite det.",
    reasonWithdraw: "Hvorfor.",
    goalServes: "Et mål den tjener, f.eks. G1.",
    ideaDepartment: "Avdelingen den kommer fra.",
    concerns: "En kollega den gjelder.",
    meetingBrought: "Id-en til idémøtet den ble tatt opp på.",
    kind: "Innhold (fakta må godkjennes på nytt) eller form (godkjenningene står).",
    draftNetwork: "Et nettverk å publisere på (standard: forrige versjons).",
    media: "Et bilde eller en video; et skjema spør om alt-teksten.",
    reviewer: "En kollega som skal lese (minst én fagekspert i alt).",
    reviewerMore: "Enda en kollega som skal lese.",
    due: "Fristen, som 2026-12-01T10:00 (arbeidsområdets tid).",
    revision: "Versjonen du leste (standard: den siste).",
    objection: "Innsigelsens id, f.eks. O1.",
    resolveNote: "Hvordan den ble løst.",
    suggestion: "Forslagets id, f.eks. S1.",
    decision: "Ta forslaget til følge, eller ikke.",
    recordNetwork: "Nettverket innlegget ligger på.",
    reach: "Personer nådd.",
    impressions: "Ganger vist.",
    likes: "Reaksjoner (liker).",
    comments: "Kommentarer.",
    shares: "Delinger.",
    saves: "Lagringer.",
    clicks: "Klikk på lenken.",
    views: "Videovisninger.",
    highlight: "En kommentar verdt å ta vare på.",
    from: "Første dag, som 2026-01-31 (standard: 90 dager før den siste).",
    to: "Siste dag, tatt med, som 2026-03-31 (standard: i dag).",
    meetingTitle: "Møtets tittel.",
    start: "Første møtes lokale start, som 2026-03-03T10:00.",
    rrule: "En RFC 5545-regel, f.eks. FREQ=WEEKLY;INTERVAL=2;BYDAY=TU.",
    tz: "En IANA-tidssone, f.eks. Europe/Oslo (standard: arbeidsområdets).",
    duration: "Minutter (standard 60).",
    inviteRole: "Inviter alle med denne rollen (ingen invitert: alle).",
    inviteUser: "Inviter denne kollegaen.",
    channel: "Møtets kanal.",
    agenda: "Et punkt på dagsordenen.",
    meeting: "Møteseriens id, slik møte planlegg ga den.",
    count: "Hvor mange (standard 1).",
    occurrence: "Hvilket møte, etter lokal start som 2026-03-03T10:00 (standard: det siste).",
    user: "Kollegaen som skal legges til.",
    role: "En rolle (alle er medlemmer).",
    memberDepartment: "Avdelingen deres.",
    field: "Et fagfelt de kan.",
    goalTitle: "Målet.",
    goalDescription: "Hva det betyr.",
    publishNetwork: "Hvor det ble publisert.",
    url: "Lenken til innlegget.",
    at: "Når det ble publisert, som 2026-12-01T10:00 (arbeidsområdets tid; standard: nå).",
    boardGoal: "Bare saker som tjener dette målet, f.eks. G1.",
    state: "Bare saker på dette stadiet.",
    primerNetwork: "Bare det som gjelder dette nettverket, i sin helhet."
  },
  choices: {
    kind: { content: "Innhold: fakta må godkjennes på nytt", format: "Form: godkjenningene står" },
    decision: { accept: "Ta til følge", decline: "Avslå" },
    role: { member: "Medlem", expert: "Fagekspert", manager: "Leder", advisor: "Kommunikasjonsrådgiver" },
    stage: {
      Idea: "Idé",
      Parked: "Lagt til side",
      Declined: "Avslått",
      Drafting: "Utkast",
      InReview: "Til gjennomlesing",
      Approved: "Godkjent",
      Published: "Publisert",
      CorrectionNeeded: "Må rettes",
      Closed: "Avsluttet",
      Withdrawn: "Trukket"
    },
    network: networkNames
  }
}

/** British spellings in `en` and their American forms. */
const americanSpellings: ReadonlyArray<readonly [RegExp, string]> = [
  [/organisation/g, "organization"],
  [/Organisation/g, "Organization"]
]

const american = (text: string): string =>
  americanSpellings.reduce((result, [british, us]) => result.replace(british, us), text)

const mapValues = <K extends string>(record: { readonly [P in K]: string }): { readonly [P in K]: string } =>
  Object.fromEntries(Object.entries<string>(record).map(([key, text]) => [key, american(text)])) as {
    readonly [P in K]: string
  }

/**
 * American English descriptions (Discord's locale `en-US`): the English texts in American
 * spelling. Made from `en`, so it has every text `en` has.
 *
 * @since 0.1.0
 * @category texts
 */
export const enUS: Descriptions = {
  command: american(en.command),
  groups: mapValues(en.groups),
  subcommands: mapValues(en.subcommands),
  options: mapValues(en.options),
  choices: {
    kind: mapValues(en.choices.kind),
    decision: mapValues(en.choices.decision),
    role: mapValues(en.choices.role),
    stage: mapValues(en.choices.stage),
    network: mapValues(en.choices.network)
  }
}

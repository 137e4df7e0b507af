/**
 * The Mattermost adapter's own words, per language: command descriptions, help, usage errors,
 * the "working on it" reply and refused buttons. The core's messages (refusals of commands,
 * notifications) stay the core's; these are only what the HTTP side says by itself.
 *
 * One typed record per language ({@link Text}): a missing sentence is a type error.
 *
 * @since 0.1.0
 */
import type { CommandKey, Problem } from "./CommandLine.js"
import type { RefusalReason } from "./Hmac.js"

/**
 * @since 0.1.0
 * @category models
 */
export type Locale = "nb" | "en"

/**
 * The languages, in the order the adapter prefers them.
 *
 * @since 0.1.0
 * @category models
 */
export const locales: ReadonlyArray<Locale> = ["nb", "en"]

/**
 * A Mattermost locale (`nb-NO`, `en`, `en-GB`, `nn`) as one of ours, if there is one.
 *
 * @since 0.1.0
 * @category models
 */
export const localeOf = (value: string | undefined): Locale | undefined => {
  const tag = value?.toLowerCase().split(/[-_]/)[0]
  if (tag === "nb" || tag === "no" || tag === "nn") return "nb"
  if (tag === "en") return "en"
  return undefined
}

/**
 * Everything the adapter says, in one language.
 *
 * @since 0.1.0
 * @category models
 */
export interface Text {
  /** One line per command and group. */
  readonly commands: Readonly<Record<CommandKey, string>>
  readonly help: {
    readonly heading: (trigger: string) => string
    /** "Usage" (before the usage line). */
    readonly usage: string
    readonly commands: (names: ReadonlyArray<string>) => string
    readonly more: (trigger: string, path?: ReadonlyArray<string>) => string
  }
  /** The sentence for a usage error. */
  readonly problem: (problem: Problem, trigger: string) => string
  /** The immediate reply when the answer takes longer than Mattermost waits. */
  readonly workingOnIt: string
  /** The reply when handling failed. */
  readonly failed: string
  /** Why a button or dialog was refused. */
  readonly refusal: Readonly<Record<RefusalReason, string>>
  /** The bot's own replies (`Bot`): no workspace yet, a chart posted, an action done. */
  readonly bot: {
    readonly notSetUp: string
    readonly chartPosted: string
    readonly formDone: (title: string) => string
  }
}

const list = (values: ReadonlyArray<string>, or: string): string =>
  values.length <= 1
    ? values.map((value) => `\`${value}\``).join("")
    : `${values.slice(0, -1).map((value) => `\`${value}\``).join(", ")} ${or} \`${values[values.length - 1]}\``

const en: Text = {
  commands: {
    member: "Members of the workspace.",
    "member add": "Add a colleague (advisors and managers).",
    "member list": "List the members.",
    goal: "The organisation's goals.",
    "goal add": "Register an organisation goal (advisors and managers).",
    "goal list": "List the goals.",
    idea: "Ideas: submit, and triage (advisors).",
    "idea submit": "Submit an idea (anyone).",
    "idea accept": "Take the idea on and start a draft (advisors).",
    "idea park": "Park the idea for now, with a reason (advisors).",
    "idea revive": "Bring a parked idea back (advisors).",
    "idea decline": "Decline the idea with a kind reason (advisors).",
    draft: "The draft.",
    "draft write": "Write the draft, or a new revision of it (advisors).",
    review: "The review: facts (experts' veto) and format (the advisor decides).",
    "review request": "Send the draft to the people concerned (advisors).",
    "review approve": "Approve the facts (expert reviewers).",
    "review object": "Raise a fact objection on the latest revision (expert reviewers): it blocks approval.",
    "review resolve": "Resolve your own fact objection (only the expert who raised it).",
    "review suggest": "Suggest a format change on the latest revision (reviewers).",
    "review decide": "Decide a format suggestion, with a reason (advisors).",
    comment: "Comment on an item (anyone; never blocks).",
    approve: "Approve the latest revision for publication (advisors).",
    withdraw: "Withdraw an item before publication.",
    publish: "Record a publication on one network (advisors).",
    show: "An item: its stage, current draft, reviews and timeline.",
    board: "Every item by stage.",
    results: "Results of published posts.",
    "results record": "Record a post's numbers by hand (advisors).",
    "results share": "Share the results with everyone who helped, in context; marks a success (advisors).",
    report: "Reports for a period.",
    "report goals": "What social media did for each goal: ideas, posts, reach, engagement, best posts.",
    "report people": "Who took part: ideas, reviews and posts per person and department.",
    meeting: "The recurring idea meeting.",
    "meeting schedule": "Schedule the recurring idea meeting (advisors and managers).",
    "meeting next": "The next meeting(s), with the reminder the next one will carry.",
    "meeting summary": "A meeting's summary: its ideas, who came, next steps.",
    checks: "The format checks of the latest revision, each citing the primer.",
    primer: "How social media works: the primer, per network."
  },
  help: {
    heading: (trigger) => `**${trigger}**: social-media content made together. The commands:`,
    usage: "Usage",
    commands: (names) => `Commands: ${list(names, "or")}.`,
    more: (trigger, path = []) => `\`${[trigger, "help", ...path].join(" ")}\` tells more.`
  },
  problem: (problem) => {
    switch (problem._tag) {
      case "UnterminatedQuote":
        return `A quote ${problem.quote} is opened (character ${problem.at + 1}) but never closed. Close it, or write \\${problem.quote} for the character itself.`
      case "UnknownCommand":
        return `There is no command \`${problem.word}\`.` +
          (problem.suggestion === undefined ? "" : ` Did you mean \`${problem.suggestion}\`?`)
      case "UnknownFlag":
        return `This command has no option \`--${problem.flag}\`.` +
          (problem.suggestion === undefined ? "" : ` Did you mean \`--${problem.suggestion}\`?`) +
          (problem.allowed.length === 0
            ? " It takes no options."
            : ` It takes ${list(problem.allowed.map((name) => `--${name}`), "and")}.`)
      case "MissingValue":
        return `\`--${problem.flag}\` needs a value (${problem.placeholder}) after it.`
      case "UnexpectedValue":
        return `\`--${problem.flag}\` takes no value: write just \`--${problem.flag}\`.`
      case "RepeatedFlag":
        return `\`--${problem.flag}\` can be given only once.`
      case "MissingArgument":
        return `${problem.argument} is missing.`
      case "MissingFlag":
        return `\`--${problem.flag} ${problem.placeholder}\` is required.`
      case "TooManyArguments":
        return `Too many arguments: ${list(problem.extra, "and")} ${problem.extra.length === 1 ? "is" : "are"} more than this command takes. Put text with spaces in quotes.`
      case "BadValue": {
        const what = problem.isFlag ? `\`--${problem.name}\`` : problem.name
        switch (problem.why) {
          case "Empty":
            return `${what} cannot be empty.`
          case "NotInteger":
            return `${what} must be a whole number, not \`${problem.value}\`.`
          case "TooSmall":
            return `${what} must be at least ${problem.allowed[0] ?? "0"}, not ${problem.value}.`
          case "NotAllowed":
            return `${what} cannot be \`${problem.value}\`: it is one of ${list(problem.allowed, "or")}.`
          case "NotAnId":
            return `\`${problem.value}\` is not an id for ${what}: ids are short, like \`k7m2qd\`, \`O1\` or \`G1\` (${"`/dugnad board`"} shows them).`
        }
      }
      case "ExactlyOne":
        return problem.given.length === 0
          ? `Give one of ${list(problem.flags.map((name) => `--${name}`), "or")}.`
          : `Give only one of ${list(problem.flags.map((name) => `--${name}`), "or")}, not both.`
    }
  },
  workingOnIt: "Working on it…",
  failed: "Sorry, that did not work. Please try again in a moment.",
  refusal: {
    Malformed: "This button is not one of Dugnad's, so nothing was done.",
    Forged: "This button could not be verified, so nothing was done.",
    Expired: "This button has expired. Use `/dugnad show` for the item's current buttons.",
    NotYetValid: "This button could not be verified (its time is in the future), so nothing was done.",
    WrongTeam: "This button belongs to another team, so nothing was done.",
    WrongPost: "This button belongs to another message, so nothing was done.",
    UnknownAction: "This button is from another version of Dugnad and cannot be used here."
  },
  bot: {
    notSetUp: "Dugnad is not set up in this team yet: a team admin (or a member of the advisors' group) starts it by using `/dugnad` once.",
    chartPosted: "The chart is posted in the channel.",
    formDone: (title) => `Done: ${title}`
  }
}

const nb: Text = {
  commands: {
    member: "Medlemmene i arbeidsområdet.",
    "member add": "Legg til en kollega (rådgivere og ledere).",
    "member list": "Vis medlemmene.",
    goal: "Organisasjonens mål.",
    "goal add": "Registrer et mål for organisasjonen (rådgivere og ledere).",
    "goal list": "Vis målene.",
    idea: "Idéer: send inn, og sortér (rådgivere).",
    "idea submit": "Send inn en idé (alle).",
    "idea accept": "Ta idéen videre og begynn på et utkast (rådgivere).",
    "idea park": "Parker idéen inntil videre, med en begrunnelse (rådgivere).",
    "idea revive": "Hent fram igjen en parkert idé (rådgivere).",
    "idea decline": "Avslå idéen med en vennlig begrunnelse (rådgivere).",
    draft: "Utkastet.",
    "draft write": "Skriv utkastet, eller en ny versjon av det (rådgivere).",
    review: "Gjennomgangen: fakta (fagfolkenes veto) og form (rådgiveren bestemmer).",
    "review request": "Send utkastet til dem det gjelder (rådgivere).",
    "review approve": "Godkjenn faktaene (fagfolk som gjennomgår).",
    "review object": "Meld en faktafeil i siste versjon (fagfolk som gjennomgår): den stanser godkjenningen.",
    "review resolve": "Løs din egen faktainnvending (bare fagpersonen som meldte den).",
    "review suggest": "Foreslå en endring i formen på siste versjon (de som gjennomgår).",
    "review decide": "Avgjør et formforslag, med en begrunnelse (rådgivere).",
    comment: "Kommenter en sak (alle; stanser aldri noe).",
    approve: "Godkjenn siste versjon for publisering (rådgivere).",
    withdraw: "Trekk en sak før publisering.",
    publish: "Registrer en publisering på ett nettverk (rådgivere).",
    show: "En sak: hvor den står, gjeldende utkast, gjennomganger og historikk.",
    board: "Alle saker etter hvor de står.",
    results: "Resultater av publiserte innlegg.",
    "results record": "Registrer tallene for et innlegg for hånd (rådgivere).",
    "results share": "Del resultatene med alle som hjalp til, i sammenheng; markerer en suksess (rådgivere).",
    report: "Rapporter for en periode.",
    "report goals": "Hva sosiale medier gjorde for hvert mål: idéer, innlegg, rekkevidde, engasjement, beste innlegg.",
    "report people": "Hvem som var med: idéer, gjennomganger og innlegg per person og avdeling.",
    meeting: "Det faste idémøtet.",
    "meeting schedule": "Sett opp det faste idémøtet (rådgivere og ledere).",
    "meeting next": "Neste møte(r), med påminnelsen det neste får.",
    "meeting summary": "Et møtes oppsummering: idéene, hvem som kom, neste steg.",
    checks: "Formsjekkene av siste versjon, hver med henvisning til veilederen.",
    primer: "Slik virker sosiale medier: veilederen, per nettverk."
  },
  help: {
    heading: (trigger) => `**${trigger}**: innhold til sosiale medier, laget sammen. Kommandoene:`,
    usage: "Bruk",
    commands: (names) => `Kommandoer: ${list(names, "eller")}.`,
    more: (trigger, path = []) => `\`${[trigger, "help", ...path].join(" ")}\` forteller mer.`
  },
  problem: (problem) => {
    switch (problem._tag) {
      case "UnterminatedQuote":
        return `Et anførselstegn ${problem.quote} åpnes (tegn ${problem.at + 1}), men lukkes aldri. Lukk det, eller skriv \\${problem.quote} for selve tegnet.`
      case "UnknownCommand":
        return `Det finnes ingen kommando \`${problem.word}\`.` +
          (problem.suggestion === undefined ? "" : ` Mente du \`${problem.suggestion}\`?`)
      case "UnknownFlag":
        return `Denne kommandoen har ikke valget \`--${problem.flag}\`.` +
          (problem.suggestion === undefined ? "" : ` Mente du \`--${problem.suggestion}\`?`) +
          (problem.allowed.length === 0
            ? " Den tar ingen valg."
            : ` Den tar ${list(problem.allowed.map((name) => `--${name}`), "og")}.`)
      case "MissingValue":
        return `\`--${problem.flag}\` må ha en verdi (${problem.placeholder}) etter seg.`
      case "UnexpectedValue":
        return `\`--${problem.flag}\` tar ingen verdi: skriv bare \`--${problem.flag}\`.`
      case "RepeatedFlag":
        return `\`--${problem.flag}\` kan bare gis én gang.`
      case "MissingArgument":
        return `${problem.argument} mangler.`
      case "MissingFlag":
        return `\`--${problem.flag} ${problem.placeholder}\` må være med.`
      case "TooManyArguments":
        return `For mange argumenter: ${list(problem.extra, "og")} er mer enn denne kommandoen tar. Sett tekst med mellomrom i anførselstegn.`
      case "BadValue": {
        const what = problem.isFlag ? `\`--${problem.name}\`` : problem.name
        switch (problem.why) {
          case "Empty":
            return `${what} kan ikke være tom.`
          case "NotInteger":
            return `${what} må være et heltall, ikke \`${problem.value}\`.`
          case "TooSmall":
            return `${what} må være minst ${problem.allowed[0] ?? "0"}, ikke ${problem.value}.`
          case "NotAllowed":
            return `${what} kan ikke være \`${problem.value}\`: den er en av ${list(problem.allowed, "eller")}.`
          case "NotAnId":
            return `\`${problem.value}\` er ikke en id for ${what}: id-er er korte, som \`k7m2qd\`, \`O1\` eller \`G1\` (\`/dugnad board\` viser dem).`
        }
      }
      case "ExactlyOne":
        return problem.given.length === 0
          ? `Gi ett av ${list(problem.flags.map((name) => `--${name}`), "eller")}.`
          : `Gi bare ett av ${list(problem.flags.map((name) => `--${name}`), "eller")}, ikke begge.`
    }
  },
  workingOnIt: "Jobber med saken …",
  failed: "Beklager, det gikk ikke. Prøv igjen om litt.",
  refusal: {
    Malformed: "Denne knappen er ikke en av Dugnads, så ingenting ble gjort.",
    Forged: "Denne knappen kunne ikke bekreftes, så ingenting ble gjort.",
    Expired: "Denne knappen har gått ut på dato. Bruk `/dugnad show` for sakens gjeldende knapper.",
    NotYetValid: "Denne knappen kunne ikke bekreftes (tiden i den ligger fram i tid), så ingenting ble gjort.",
    WrongTeam: "Denne knappen hører til et annet team, så ingenting ble gjort.",
    WrongPost: "Denne knappen hører til en annen melding, så ingenting ble gjort.",
    UnknownAction: "Denne knappen er fra en annen versjon av Dugnad og kan ikke brukes her."
  },
  bot: {
    notSetUp: "Dugnad er ikke satt opp i dette teamet ennå: en teamadministrator (eller et medlem av rådgivergruppen) starter det ved å bruke `/dugnad` én gang.",
    chartPosted: "Grafen er lagt ut i kanalen.",
    formDone: (title) => `Ferdig: ${title}`
  }
}

/**
 * The words, by language.
 *
 * @since 0.1.0
 * @category text
 */
export const text: Readonly<Record<Locale, Text>> = { nb, en }

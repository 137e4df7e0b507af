/**
 * Norsk bokmål. Written for colleagues, not translated: "du", plain words, thanks where thanks are
 * due. Titles are quoted «slik».
 */
import { commandOf } from "../../ChatAction.js"
import { type Network, networks } from "../../Draft.js"
import { type Finding, lixBandFloors, longWordLetters } from "../../FormatChecks.js"
import type { MemberId } from "../../Ids.js"
import type { Highlight } from "../../ItemEvent.js"
import type { Locale } from "../../Member.js"
import type { Catalogue, Format, KnownField, RenderContext } from "../../Messages.js"
import { rules } from "../../NetworkRules.js"
import { type PrimerField, PrimerTopic, textLimits } from "../../Primer.js"
import type { GoalTotals } from "../../ReadModel.js"
import type { RecurrenceField } from "../../Recurrence.js"
import type { Contribution, Feedback, PostFeedback } from "../../Results.js"
import type { ChartRenderError } from "../../ResultsChart.js"
import { minComparable, type Ranked } from "../../ResultsContext.js"
import type { InvalidCell } from "../../ResultsImport.js"
import {
  advisorsOf,
  type ContextMetric,
  contextMetrics,
  contributionOrder,
  distinctHighlights,
  explained,
  latestWithGoals,
  messageOf,
  noContext,
  ratioOf
} from "./shared.js"


/** The Norwegian catalogue, built on the Norwegian formatting helpers. */
export const nb = (f: Format): Catalogue => {
  const q = (text: string) => `«${f.user(text)}»`
  const who = (context: RenderContext, member: MemberId) => f.user(context.name(member))
  const people = (context: RenderContext, members: ReadonlyArray<MemberId>) =>
    f.list(members.map((member) => who(context, member)))
  const ids = (list: ReadonlyArray<string>) => f.list(list.map(f.user))
  const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
  // Optional typed text after a colon: "…: grunnen." or just "…."
  const colon = (text: string | undefined) => (text === undefined || text.trim() === "" ? "." : `: ${f.sentence(text)}`)

  const stage = {
    None: "ikke startet",
    Idea: "idé",
    Parked: "lagt til side",
    Declined: "avslått",
    Drafting: "utkast",
    InReview: "til gjennomlesing",
    Approved: "godkjent",
    Published: "publisert",
    CorrectionNeeded: "må rettes",
    Closed: "avsluttet",
    Withdrawn: "trukket"
  } as const satisfies Catalogue["stage"]

  const network = {
    facebook: "Facebook",
    instagram: "Instagram",
    linkedin: "LinkedIn",
    tiktok: "TikTok",
    youtube: "YouTube",
    x: "X",
    threads: "Threads",
    bluesky: "Bluesky",
    mastodon: "Mastodon"
  } as const satisfies Catalogue["network"]

  const metric = {
    reach: "rekkevidde",
    impressions: "visninger",
    reactions: "reaksjoner",
    comments: "kommentarer",
    shares: "delinger",
    saves: "lagringer",
    clicks: "klikk",
    videoViews: "videovisninger"
  } as const satisfies Catalogue["metric"]

  const command = {
    SubmitIdea: "sende inn en idé",
    EditIdea: "endre ideen",
    AcceptIdea: "ta ideen videre",
    ParkIdea: "legge ideen til side",
    ReviveIdea: "hente fram ideen igjen",
    DeclineIdea: "si nei takk til ideen",
    WriteDraft: "skrive utkastet",
    RequestReview: "be om gjennomlesing",
    ApproveFacts: "godkjenne faktaene",
    RaiseObjection: "komme med en faktainnsigelse",
    ResolveObjection: "løse faktainnsigelsen",
    SuggestFormat: "komme med et formatforslag",
    DecideFormat: "avgjøre formatforslaget",
    Comment: "kommentere",
    RemoveReviewer: "ta noen ut av gjennomlesingen",
    ApproveForPublication: "godkjenne for publisering",
    SchedulePublication: "planlegge publisering",
    RecordPublication: "registrere publiseringen",
    RecordResults: "registrere resultater",
    ShareResults: "dele resultatene",
    MarkSuccess: "markere saken som en suksess",
    ProposeFollowUp: "foreslå en oppfølging",
    RecordCorrection: "registrere en rettelse",
    Withdraw: "trekke saken",
    Close: "avslutte saken",
    AddMember: "legge til et medlem",
    SetRoles: "endre roller",
    AddGoal: "legge til et mål",
    CreateWorkspace: "opprette et arbeidsområde",
    Board: "vise tavla",
    Diff: "sammenligne versjoner"
  } as const satisfies Catalogue["command"]

  const field = {
    title: "tittelen",
    pitch: "beskrivelsen",
    department: "avdelingen",
    goals: "målene",
    concerns: "listen over hvem ideen gjelder",
    reason: "begrunnelsen",
    text: "teksten",
    note: "merknaden",
    claim: "det som er feil",
    correction: "rettelsen",
    explanation: "forklaringen",
    primer: "henvisningen til innføringen",
    decision: "avgjørelsen",
    kind: "typen endring",
    draft: "utkastet",
    due: "fristen",
    followUp: "oppfølgingen",
    idea: "ideen",
    network: "kanalen",
    results: "resultatene",
    reviewer: "personen",
    reviewers: "listen over hvem som skal lese gjennom",
    scheduledFor: "publiseringstidspunktet",
    publishedAt: "publiseringstidspunktet",
    capturedAt: "tidspunktet tallene gjelder",
    url: "lenken",
    item: "saken",
    stage: "stadiet",
    handle: "brukernavnet",
    name: "navnet",
    from: "versjonen du sammenligner fra",
    to: "versjonen du sammenligner med",
    revision: "versjonen",
    objection: "faktainnsigelsen",
    objections: "faktainnsigelsene",
    suggestion: "formatforslaget",
    metrics: "tallene",
    highlights: "de utvalgte kommentarene",
    "body.text": "teksten i utkastet",
    "body.networks": "kanalene utkastet skal ut i",
    "body.plannedFor": "planlagt dato",
    "body.media": "bildene og videoene",
    "body.media[].kind": "typen",
    "body.media[].url": "lenken",
    "body.media[].alt": "alt-teksten",
    "body.media[].durationSeconds": "lengden"
  } as const satisfies Catalogue["field"]

  const commandPhrase = (name: string) => f.lookup(command, name) ?? `gjøre «${f.user(name)}»`
  const networkName = (name: string) => f.lookup(network, name) ?? f.user(name)

  const fieldName = (path: string): string => {
    const media = /^body\.media\[(\d+)\]\.(\w+)$/.exec(path)
    if (media !== null) {
      const part = f.lookup(field, `body.media[].${media[2]}`) ?? `feltet «${f.user(media[2] ?? "")}»`
      return `${part} til mediefil ${Number(media[1]) + 1}`
    }
    const perNetwork = /^body\.perNetwork\.(.+)$/.exec(path)
    if (perNetwork !== null) return `teksten for ${networkName(perNetwork[1] ?? "")}`
    const oneMetric = /^metrics\.(.+)$/.exec(path)
    if (oneMetric !== null) return `tallet for ${f.lookup(metric, oneMetric[1] ?? "") ?? f.user(oneMetric[1] ?? "")}`
    return f.lookup<KnownField>(field, path) ?? `feltet «${f.user(path)}»`
  }

  const metricsOrNothing = (text: string) => (text === "" ? "ingen tall ennå" : text)

  // Meeting series (InvalidRecurrence).
  const recurrenceField = {
    rrule: "gjentakelsesregelen (RRULE)",
    start: "starttidspunktet",
    timeZone: "tidssonen",
    durationMinutes: "varigheten"
  } as const satisfies { readonly [F in RecurrenceField]: string }
  const ruleExample = "For eksempel betyr FREQ=WEEKLY;INTERVAL=2;BYDAY=TU annenhver tirsdag."
  // RFC 5545's ranges; INTERVAL and COUNT have Dugnad's own upper bounds far above any meeting series.
  const ruleRange: { readonly [part: string]: string } = {
    INTERVAL: "INTERVAL må være et helt tall fra 1 og oppover",
    COUNT: "COUNT må være et helt tall fra 1 og oppover",
    BYMONTH: "BYMONTH må være fra 1 til 12",
    BYMONTHDAY: "BYMONTHDAY må være fra 1 til 31, eller fra -1 til -31 for å telle fra slutten av måneden",
    BYDAY: "tallet foran en ukedag i BYDAY må være fra 1 til 53 eller fra -1 til -53, som 2TU (andre tirsdag) eller -1FR (siste fredag)",
    BYWEEKNO: "BYWEEKNO må være fra 1 til 53, eller fra -1 til -53",
    BYYEARDAY: "BYYEARDAY må være fra 1 til 366, eller fra -1 til -366",
    BYSETPOS: "BYSETPOS må være fra 1 til 366, eller fra -1 til -366"
  }
  const ruleConflict: { readonly [part: string]: string } = {
    UNTIL: "COUNT og UNTIL kan ikke brukes sammen – velg enten et antall møter (COUNT) eller en sluttdato (UNTIL).",
    BYMONTHDAY: "BYMONTHDAY kan ikke brukes i en ukentlig regel (FREQ=WEEKLY) – bruk BYDAY, eller FREQ=MONTHLY.",
    BYYEARDAY: "BYYEARDAY kan bare brukes med FREQ=YEARLY.",
    BYWEEKNO: "BYWEEKNO kan bare brukes med FREQ=YEARLY.",
    BYDAY:
      "ukedager med tall foran (som 2TU, andre tirsdag) kan bare brukes med FREQ=MONTHLY eller FREQ=YEARLY, og ikke sammen med BYWEEKNO.",
    BYSETPOS:
      "BYSETPOS trenger en annen BY-del å velge blant, som FREQ=MONTHLY;BYDAY=TU;BYSETPOS=-1 (siste tirsdag i måneden)."
  }
  const rulePart = (part: string | undefined) => (part === undefined || part.trim() === "" ? undefined : f.user(part))

  // Results charts (ChartRenderError): where in the drawing a chart failed, past the input check.
  const chartStep = {
    compile: "da grafen ble satt opp",
    svg: "da grafen ble tegnet",
    png: "da bildet ble laget"
  } as const satisfies { readonly [S in Exclude<ChartRenderError["stage"], "input">]: string }

  // Primer entries (InvalidPrimerEntry). The id limits are CustomPrimerId's; a test holds them to it.
  const primerField = {
    entry: "innføringsteksten",
    id: "id-en",
    locale: "språket",
    title: "tittelen",
    summary: "sammendraget",
    body: "brødteksten",
    network: "kanalen",
    topic: "emnet"
  } as const satisfies { readonly [F in PrimerField]: string }
  const language = { nb: "bokmål", en: "engelsk" } as const satisfies { readonly [L in Locale]: string }
  const idRule =
    "En id kan ha fra 2 til 64 tegn: små bokstaver a–z (ikke æ, ø eller å), tall 0–9 og bindestrek, for eksempel «bilder-av-folk»."

  // Format-check findings: the keys of `measured`, `limit` and `recommended` are documented on CheckId.
  const num = (value: number | undefined) => (value === undefined ? "?" : f.number(value))
  const count = (value: number | undefined, one: string, many: string) => `${num(value)} ${value === 1 ? one : many}`
  const excess = (value: number | undefined, bound: number | undefined) =>
    value !== undefined && bound !== undefined && value > bound ? value - bound : undefined
  const duration = (seconds: number | undefined): string => {
    if (seconds === undefined) return "?"
    if (!Number.isFinite(seconds) || seconds < 0) return count(seconds, "sekund", "sekunder")
    const whole = Math.round(seconds)
    const [hours, minutes, rest] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60]
    const parts = [
      ...(hours > 0 ? [count(hours, "time", "timer")] : []),
      ...(minutes > 0 ? [count(minutes, "minutt", "minutter")] : []),
      ...(rest > 0 || whole === 0 ? [count(rest, "sekund", "sekunder")] : [])
    ]
    return f.list(parts)
  }
  const on = (finding: Finding) => (finding.network === undefined ? undefined : networkName(finding.network))
  const onNetwork = (finding: Finding) => (finding.network === undefined ? "" : ` på ${on(finding)}`)
  const networkOr = (finding: Finding) => on(finding) ?? "Kanalen"
  const mediaFile = (finding: Finding) => (finding.media === undefined ? "" : ` i mediefil ${f.number(finding.media + 1)}`)
  const altText = (finding: Finding) =>
    finding.media === undefined ? "alt-teksten" : `alt-teksten til mediefil ${f.number(finding.media + 1)}`

  // Results back to the people who helped: follow-ups, the chart, feedback, celebration, imports.
  const contribution = {
    idea: "Idé",
    concerned: "Med i saken",
    reviewer: "Gjennomlesing",
    advisor: "Tekst"
  } as const satisfies Catalogue["contribution"]
  const thanksFor = {
    idea: "for ideen",
    concerned: "for at du stilte opp",
    reviewer: "for at du leste gjennom",
    advisor: "for jobben med saken"
  } as const satisfies { readonly [C in Contribution]: string }
  const thanks = (contributions: ReadonlyArray<Contribution>) => {
    const phrases = contributionOrder.filter((how) => contributions.includes(how)).map((how) => thanksFor[how])
    return phrases.length === 0 ? "Takk for at du var med!" : `Takk ${f.list(phrases)}!`
  }
  const untitled = (parent: string) => (parent.trim() === "" ? "saken uten tittel" : parent.replace(/\s+/gu, " ").trim())
  const followUp = {
    more: (parent) => ({
      title: f.title((text) => `Mer om: ${text}`, untitled(parent)),
      pitch: `${q(untitled(parent))} gikk bra. Mer om det samme mens interessen er der: nye bilder, tall eller historier om temaet.`
    }),
    "behind-the-scenes": (parent) => ({
      title: f.title((text) => `Bak kulissene: ${text}`, untitled(parent)),
      pitch: `${q(untitled(parent))} gikk bra. Vis arbeidet bak: hvordan det ble til, og folkene og stedene ingen ser til vanlig.`
    }),
    people: (parent) => ({
      title: f.title((text) => `Møt folkene: ${text}`, untitled(parent)),
      pitch: `${q(untitled(parent))} gikk bra. Løft fram menneskene i saken: hvem er de, hva gjør de, og hvorfor bryr de seg?`
    }),
    "what-next": (parent) => ({
      title: f.title((text) => `Hva skjer nå: ${text}`, untitled(parent)),
      pitch: `${q(untitled(parent))} gikk bra. Fortell hva som skjer videre: neste steg, datoer og hva folk kan gjøre selv.`
    })
  } as const satisfies Catalogue["followUp"]

  const postsOn = (name: Network) => `${networkName(name)}-poster`
  const lastDays = (days: number) => (days === 1 ? "det siste døgnet" : `de siste ${f.number(days)} dagene`)
  /** How the post did on one metric, as its subject, its lower-case name and how a value reads. */
  const standingMetric = {
    engagement: { subject: "Engasjementet", name: "engasjement", show: f.number },
    reach: { subject: "Rekkevidden", name: "rekkevidde", show: f.number },
    engagementRate: { subject: "Engasjementsraten", name: "engasjementsrate", show: (value: number) => f.percent(value, 1) }
  } as const satisfies { readonly [K in ContextMetric]: unknown }
  const comparedWith = (standing: Ranked, show: (value: number) => string): ReadonlyArray<string> => {
    const better = Math.floor(standing.percentile)
    const ratio = ratioOf(standing)
    return [
      ...(standing.percentile >= 100
        ? ["bedre enn alle de andre"]
        : better > 0
        ? [`bedre enn ${f.percent(better / 100)} av de andre`]
        : []),
      ratio === undefined
        ? `medianen er ${show(standing.median)}`
        : ratio > 1
        ? `${f.number(ratio)} ganger medianen (${show(standing.median)})`
        : ratio === 1
        ? `omtrent som medianen (${show(standing.median)})`
        : `under medianen (${show(standing.median)})`
    ]
  }
  /** The context of one post in plain words: a sentence per metric it has, thin history said once. */
  const standingLines = (post: PostFeedback): ReadonlyArray<string> => {
    const where = `${postsOn(post.network)} ${lastDays(post.context.window.days)}`
    let placed = false
    let thin = false
    return contextMetrics.flatMap((key) => {
      const standing = post.context[key]
      const { show, subject } = standingMetric[key]
      if (standing._tag === "Missing") return []
      if (standing._tag === "Ranked") {
        const rank = `nr. ${f.number(standing.rank)} av ${f.number(standing.of)}${placed ? "" : ` ${where}`}`
        placed = true
        return [`${subject} var ${show(standing.value)} – ${f.list([rank, ...comparedWith(standing, show)])}.`]
      }
      const said = thin
      thin = true
      return [
        `${subject} var ${show(standing.value)}.` +
        (said
          ? ""
          : ` For få poster å sammenligne med ennå: ${f.number(standing.comparable)} av minst ${
            f.number(minComparable)
          } (${where}, denne medregnet).`)
      ]
    })
  }
  const bestLine = (post: PostFeedback): ReadonlyArray<string> => {
    const best = post.context.best
    if (best === undefined) return []
    const name = post.bestTitle === undefined ? "en annen post" : q(post.bestTitle)
    const own = post.context.engagement._tag === "Missing" ? undefined : post.context.engagement.value
    const period = lastDays(post.context.window.days)
    const other = `Ingen annen ${networkName(post.network)}-post ${period}`
    if (own !== undefined && own > best.engagement) {
      return [`${other} fikk så mye engasjement – nærmest kom ${name} med ${f.number(best.engagement)}.`]
    }
    if (own === best.engagement) return [`${other} fikk mer engasjement; ${name} fikk like mye.`]
    return [`Beste ${networkName(post.network)}-post ${period} var ${name}, med engasjement ${f.number(best.engagement)}.`]
  }
  const numbersLine = (post: PostFeedback, context: RenderContext) => {
    const shown = f.metrics(post.metrics, metric)
    if (shown === "") return "Ingen tall registrert ennå."
    return post.capturedAt === undefined
      ? `Tallene: ${shown}.`
      : `Tallene per ${f.date(post.capturedAt, context.timeZone)}: ${shown}.`
  }
  const highlightLine = (highlight: Highlight) =>
    `- ${q(highlight.text)}${highlight.author === undefined ? "" : ` – ${f.user(highlight.author)}`}`
  const goalTotals = (totals: GoalTotals) => {
    const sums = [
      ...(totals.withReach === 0
        ? []
        : [`rekkevidde ${f.number(totals.reach)}${totals.withReach < totals.posts ? ` (fra ${f.number(totals.withReach)} av dem)` : ""}`]),
      ...(totals.withEngagement === 0
        ? []
        : [
          `engasjement ${f.number(totals.engagement)}${
            totals.withEngagement < totals.posts ? ` (fra ${f.number(totals.withEngagement)} av dem)` : ""
          }`
        ])
    ]
    const posts = `${count(totals.posts, "post", "poster")} fra ${count(totals.items, "sak", "saker")}`
    return sums.length === 0 ? posts : `${posts}; til sammen ${f.list(sums)}`
  }
  const goalLines = (found: Feedback): ReadonlyArray<string> => {
    const latest = latestWithGoals(found)
    if (latest === undefined || found.goals.length === 0) return []
    const titles = new Map(found.goals.map((goal) => [goal.goal as string, goal.title]))
    return [
      `Målene saken bidrar til, ${lastDays(latest.context.window.days)} på alle kanaler:`,
      ...latest.context.goals.map((totals) => `- ${q(titles.get(totals.goal) ?? totals.goal)}: ${goalTotals(totals)}.`)
    ]
  }
  /** The standing that decided success (as `Results.isSuccess` reads it), in a few words. */
  const decidingLine = (post: PostFeedback) => {
    const key = post.context.engagement._tag === "Ranked" ? "engagement" : "reach"
    const standing = post.context[key]
    if (standing._tag !== "Ranked") return metricsOrNothing(f.metrics(post.metrics, metric))
    const { name, show } = standingMetric[key]
    const ratio = ratioOf(standing)
    return `${name} ${show(standing.value)} – nr. ${f.number(standing.rank)} av ${f.number(standing.of)} ${
      postsOn(post.network)
    } ${lastDays(post.context.window.days)}` +
      (ratio !== undefined && ratio > 1 ? `, ${f.number(ratio)} ganger medianen` : "")
  }
  const credits = (found: Feedback, context: RenderContext) =>
    contributionOrder.flatMap((how) => {
      const members = found.participants.filter((one) => one.contributions.includes(how)).map((one) => one.member)
      return members.length === 0 ? [] : [`${contribution[how]}: ${people(context, members)}`]
    }).join(" · ")

  const importFormat = {
    meta: "Meta Business Suite (Facebook eller Instagram)",
    "meta-facebook": "Meta Business Suite (Facebook)",
    "meta-instagram": "Meta Business Suite (Instagram)",
    linkedin: "LinkedIn-sidens statistikk («All posts»)"
  } as const satisfies Catalogue["import"]["format"]
  const formatName = (format: string) => f.lookup(importFormat, format) ?? f.user(format)
  const howToExport = (format: string) =>
    format === "linkedin"
      ? "Eksporter fra LinkedIn-siden: Statistikk → Innlegg → Eksporter (Analytics → Posts → Export), og lagre arket «All posts» som CSV."
      : "Eksporter CSV-fila fra Meta Business Suite: Innsikt → Innhold → Eksporter (Insights → Content → Export)."
  const unmatched = {
    no_match: "ingen publisert post her har denne lenken eller id-en. Er publiseringen registrert med riktig lenke?",
    ambiguous: "flere poster har denne lenken eller id-en – rett opp posten som er registrert to ganger",
    no_identifier: "raden har verken lenke eller post-id",
    not_published_on_network: "saken er registrert publisert på en annen kanal enn den eksporten gjelder",
    duplicate: "en annen rad i fila gjelder samme post, så ingen av dem er registrert (Dugnad gjetter ikke hvilken som har de riktige tallene)"
  } as const satisfies Catalogue["import"]["unmatched"]
  const invalidLine = (cell: InvalidCell) =>
    cell.reason === "no_values"
      ? `- Linje ${f.number(cell.line)}: raden har ingen tall.`
      : `- Linje ${f.number(cell.line)}, kolonnen ${q(cell.column ?? f.lookup(metric, cell.field) ?? cell.field)}: ${
        cell.value === undefined ? "verdien" : q(cell.value)
      } er ikke et antall.`

  const catalogue: Catalogue = {
    error: {
      NotAuthorized: ({ command: name, rule }) => {
        const doIt = commandPhrase(name)
        switch (rule) {
          case "advisor_only":
            return `Bare kommunikasjonsrådgivere kan ${doIt}.`
          case "advisor_or_manager":
            return `Bare kommunikasjonsrådgivere og ledere kan ${doIt}.`
          case "reviewer_only":
            return `Bare de som er bedt om å lese gjennom denne saken, kan ${doIt}.`
          case "expert_reviewer_only":
            return `Bare fageksperter som leser gjennom denne saken, kan ${doIt}.`
          case "not_on_own_draft":
            return `Du kan ikke ${doIt} i ditt eget utkast: det er en annen fagekspert som må gå god for faktaene.`
          case "raiser_only":
            return "Bare fageksperten som kom med faktainnsigelsen, kan løse den. Ingen andre kan avvise den – heller ikke kommunikasjonsrådgiveren."
          case "submitter_or_advisor":
            return `Bare den som sendte inn ideen, eller en kommunikasjonsrådgiver, kan ${doIt}.`
        }
      },
      InvalidTransition: ({ command: name, state }) =>
        `Det går ikke å ${commandPhrase(name)} nå: saken er på stadiet «${f.lookup(stage, state) ?? f.user(state)}».`,
      FactObjectionOpen: ({ objections }) =>
        objections.length === 1
          ? `Saken kan ikke godkjennes eller publiseres mens faktainnsigelse ${ids(objections)} er åpen. Bare fageksperten som kom med den, kan løse den.`
          : `Saken kan ikke godkjennes eller publiseres mens faktainnsigelsene ${ids(objections)} er åpne. Bare fageksperten som kom med en innsigelse, kan løse den.`,
      StaleRevision: ({ seen, latest, latestContent }) =>
        `Du så på versjon ${seen}, men utkastet er nå på versjon ${latest}` +
        (latestContent === latest ? "" : ` (innholdet ble sist endret i versjon ${latestContent})`) +
        ". Se på den nyeste versjonen og prøv igjen.",
      StaleAction: ({ action, current, objection, pressed, reason, stage: now, suggestion }) => {
        switch (reason) {
          case "revision":
            return `Denne knappen gjelder versjon ${pressed ?? "?"}, men utkastet er nå på versjon ${
              current ?? "?"
            }. Se på det nye utkastet først, og bruk knappene som fulgte med det.`
          case "objection":
            return `Faktainnsigelse ${
              f.user(objection ?? "?")
            } er ikke åpen lenger: den er allerede løst eller rettet, så her er det ikke noe mer å gjøre.`
          case "suggestion":
            return `Formatforslag ${
              f.user(suggestion ?? "?")
            } er allerede avgjort. Hvert forslag avgjøres én gang; skriv en kommentar hvis du vil legge til noe.`
          case "stage":
            return `Denne knappen er fra tidligere: saken er nå på stadiet «${
              f.lookup(stage, now) ?? f.user(now)
            }», så du kan ikke ${commandPhrase(commandOf[action])} herfra lenger. Se den nyeste meldingen om saken.`
        }
      },
      InvalidAction: () =>
        "Dugnad kjenner ikke igjen denne knappen eller dette skjemaet (den kan være fra en eldre versjon, eller fra en annen bot). Bruk den nyeste meldingen eller skråstrek-kommandoen i stedet.",
      ExpertApprovalMissing: ({ missing, revision }, context) =>
        `Saken kan ikke godkjennes for publisering før ${people(context, missing)} har godkjent faktaene i versjon ${revision}.`,
      FormatSuggestionUndecided: ({ suggestions }) =>
        `Du må ta stilling til ${
          suggestions.length === 1 ? "formatforslag" : "formatforslagene"
        } ${ids(suggestions)} før saken kan godkjennes.`,
      ExpertReviewerRequired: () =>
        "Minst én fagekspert må være med og lese gjennom – noen må gå god for faktaene.",
      UnknownItem: ({ item }) => `Fant ingen sak ${f.user(item)} her.`,
      UnknownObjection: ({ objection, status }) => {
        switch (status) {
          case "missing":
            return `Saken har ingen faktainnsigelse ${f.user(objection)}.`
          case "resolved":
            return `Faktainnsigelse ${f.user(objection)} er allerede løst.`
          case "corrected":
            return `Faktainnsigelse ${f.user(objection)} er allerede rettet i den publiserte posten.`
        }
      },
      UnknownSuggestion: ({ suggestion, status }) =>
        status === "missing"
          ? `Saken har ikke noe formatforslag ${f.user(suggestion)}.`
          : `Formatforslag ${f.user(suggestion)} er allerede avgjort.`,
      AlreadyPublished: ({ network: name }) => `Saken er allerede publisert på ${networkName(name)}.`,
      UnknownWorkspace: ({ workspace }) => `Fant ikke arbeidsområdet ${f.user(workspace)}.`,
      UnknownMember: ({ member }) => `Fant ingen ${f.user(member)} blant medlemmene her.`,
      WorkspaceExists: ({ workspace }) => `Det finnes allerede et arbeidsområde med id-en ${f.user(workspace)}.`,
      HandleTaken: ({ handle }) => `Brukernavnet ${f.user(handle)} er allerede tatt her. Velg et annet.`,
      UnknownGoal: ({ goal }) => `Fant ikke målet ${f.user(goal)} her.`,
      VersionConflict: ({ expected, actual }) =>
        `Noen andre endret dette samtidig med deg (ventet versjon ${expected}, fant ${actual}). Last inn på nytt og prøv igjen.`,
      InvalidCommand: ({ command: name, field: path, reason, allowed }) => {
        const which = fieldName(path)
        const Which = capitalise(which)
        const why = ((): string => {
          switch (reason) {
            case "required":
              return `${Which} må fylles ut.`
            case "not_allowed":
              if (path === "handle") {
                return "Brukernavnet kan bare ha små bokstaver (a–z), tall, punktum, bindestrek og understrek, må begynne med en bokstav eller et tall og kan ha høyst 32 tegn."
              }
              return allowed === undefined || allowed.length === 0
                ? `${Which}: den verdien er ikke tillatt.`
                : `${Which}: den verdien er ikke tillatt. Du kan velge ${f.list(allowed.map(f.user), "disjunction")}.`
            case "in_past":
              return `${Which} må være fram i tid.`
            case "duplicate":
              return `${Which}: det samme er oppgitt to ganger.`
            case "self_review":
              return `${Which}: den som har skrevet utkastet, kan ikke selv lese det gjennom.`
            case "not_a_reviewer":
              return `${Which}: personen er ikke blant dem som leser gjennom denne saken.`
            case "empty":
              return `${Which}: legg inn minst én.`
            case "no_change":
              return `Dette endrer ingenting på ${which}.`
          }
        })()
        return `Det gikk ikke å ${commandPhrase(name)}. ${why}`
      },
      CommandIdReused: ({ commandId, item }) =>
        `Handlings-id-en ${f.user(commandId)} er allerede brukt til noe annet på sak ${f.user(item)}, og det første gjelder. Prøv igjen fra en ny knapp eller kommando.`,
      DuplicateCommand: ({ commandId }) => `Dette er allerede gjort (handlings-id ${f.user(commandId)}). Første gang gjelder.`,
      StoreUnavailable: ({ store, location, detail }) =>
        `Får ikke kontakt med databasen (${store === "sqlite" ? "SQLite" : "PostgreSQL"} på ${f.user(location)}): ${
          f.user(detail)
        }`,
      UnknownMeeting: ({ meeting }) => `Fant ikke møteserien ${f.user(meeting)} her.`,
      UnknownOccurrence: ({ meeting, occurrence }) =>
        `Møteserien ${f.user(meeting)} har ikke noe møte ${f.local(occurrence)}. Kanskje det er avlyst?`,
      SeriesEnded: ({ meeting }) => `Møteserien ${f.user(meeting)} er avsluttet og kan ikke endres lenger.`,
      InvalidRecurrence: ({ field: which, part, reason }) => {
        const named = rulePart(part)
        const rule = (problem: string) => `Det er noe galt med gjentakelsesregelen (RRULE): ${problem} ${ruleExample}`
        switch (reason) {
          case "invalid":
            if (which === "start") {
              return "Starttidspunktet må være en dato og et klokkeslett skrevet ÅÅÅÅ-MM-DDTtt:mm, for eksempel 2026-03-03T10:00."
            }
            if (which === "durationMinutes") {
              return "Varigheten må være et helt antall minutter, større enn 0 – for eksempel 60 for en time."
            }
            return `${capitalise(f.lookup(recurrenceField, which) ?? `feltet «${f.user(which)}»`)} er ikke gyldig.`
          case "unknown_time_zone":
            return "Kjenner ikke den tidssonen. Bruk et IANA-navn som Europe/Oslo (eller for eksempel America/New_York)."
          case "unparsable":
            return rule(
              part === "RRULE"
                ? "den er tom eller har mellomrom i seg."
                : part === "FREQ"
                ? "den må ha FREQ=DAILY, FREQ=WEEKLY, FREQ=MONTHLY eller FREQ=YEARLY."
                : part === "UNTIL"
                ? "UNTIL må være en dato som 20261231, eller et tidspunkt som 20261231T170000 (med Z til slutt for UTC)."
                : named === undefined
                ? "den følger ikke RFC 5545."
                : `${named} er ukjent, står to ganger eller har en verdi som ikke følger RFC 5545.`
            )
          case "unsupported_frequency":
            return rule(
              "møter kan gjenta seg høyst én gang om dagen. Bruk FREQ=DAILY, WEEKLY, MONTHLY eller YEARLY – ikke HOURLY, MINUTELY eller SECONDLY."
            )
          case "unsupported_part":
            return rule(
              `${named ?? "BYHOUR, BYMINUTE og BYSECOND"} kan ikke brukes – klokkeslettet kommer fra starttidspunktet. Ta den delen ut av regelen.`
            )
          case "out_of_range": {
            const range = part === undefined ? undefined : f.lookup(ruleRange, part)
            return rule(
              range === undefined
                ? `${named ?? "en verdi"} er utenfor det som er lov (som INTERVAL=0, BYMONTH=13 eller BYMONTHDAY=32).`
                : `${range}.`
            )
          }
          case "conflicting_parts":
            return rule(
              (part === undefined ? undefined : f.lookup(ruleConflict, part)) ??
                `${named ?? "delene"} kan ikke kombineres med resten av regelen – RFC 5545 tillater det ikke.`
            )
          case "no_occurrences":
            return rule(
              "den gir ingen møter i de neste hundre årene fra starttidspunktet. Sjekk UNTIL, COUNT og datodelene (BYMONTH=2;BYMONTHDAY=30 gir aldri noen dato)."
            )
        }
      },
      InvalidPrimerEntry: ({ field: which, reason }) => {
        const name = f.lookup(primerField, which) ?? `feltet «${f.user(which)}»`
        const Name = capitalise(name)
        const why = ((): string => {
          switch (reason) {
            case "missing":
              return `${Name} mangler.`
            case "empty":
              return `${Name} må ha innhold, ikke bare mellomrom.`
            case "untrimmed":
              return `${Name} begynner eller slutter med mellomrom – ta dem bort.`
            case "too-short":
              return which === "id" ? `Id-en er for kort. ${idRule}` : `${Name} er for kort.`
            case "too-long":
              return which === "id"
                ? `Id-en er for lang. ${idRule}`
                : which === "title" || which === "summary" || which === "body"
                ? `${Name} kan ha høyst ${f.number(textLimits[which])} tegn.`
                : `${Name} er for lang.`
            case "invalid-characters":
              return `Id-en har tegn som ikke er lov. ${idRule}`
            case "invalid":
              switch (which) {
                case "entry":
                  return "Innføringsteksten må ha id, språk, tittel, sammendrag og brødtekst."
                case "id":
                  return `Id-en må være tekst. ${idRule}`
                case "locale":
                  return `Språket må være ${
                    f.list(Object.entries(language).map(([code, label]) => `${code} (${label})`), "disjunction")
                  }.`
                case "network":
                  return `Kanalen må være en av disse: ${f.list(networks, "disjunction")}.`
                case "topic":
                  return `Emnet må være ett av disse: ${f.list(PrimerTopic.literals, "disjunction")}.`
                default:
                  return `${Name} må være tekst.`
              }
          }
        })()
        return `Det gikk ikke å lagre innføringsteksten. ${why}`
      },
      UnreadableExport: ({ column, detected, format, line, reason }) => {
        const name = formatName(format)
        const why = ((): string => {
          switch (reason) {
            case "not_text":
              return "Fila er ikke tekst – kanskje et regneark (.xlsx eller .xls)? Åpne den og lagre den som CSV (helst «CSV UTF-8»), eller last ned CSV-fila på nytt."
            case "empty":
              return "Fila har ingen rader med poster. Velg en periode der det er publisert noe, og eksporter på nytt."
            case "not_csv":
              return `Fila kan ikke leses som CSV: et anførselstegn${
                line === undefined ? "" : ` på linje ${f.number(line)}`
              } lukkes aldri. Er fila endret for hånd? Last ned en ny eksport.`
            case "no_header":
              return `Fant ingen overskriftsrad fra ${name} i fila. Er det riktig fil?`
            case "missing_column":
              return column === "permalink"
                ? `Fila mangler kolonnen med lenke eller post-id (som «Permalink», «Post ID» eller «Post link»), så Dugnad kan ikke se hvilke poster tallene gjelder.`
                : column === "metrics"
                ? "Fila har ingen kolonner med tall Dugnad kjenner igjen (som «Reach», «Reactions» eller «Comments»)."
                : "Fila mangler en kolonne importen trenger."
            case "wrong_format":
              return `Du valgte ${name}, men fila ${
                detected === undefined ? "er en annen eksport" : `ser ut som en eksport fra ${formatName(detected)}`
              }. Velg riktig kanal og prøv igjen.`
            case "ambiguous_format":
              return "Dugnad ser ikke om fila er fra Facebook eller Instagram – kolonnene og lenkene passer til begge. Velg Facebook eller Instagram når du importerer."
          }
        })()
        return `Ingenting ble importert: ${why} ${howToExport(detected ?? format)}`
      },
      NotPublished: ({ item: id, network: name, publishedOn, stage: state }) =>
        publishedOn.length > 0
          ? `Sak ${f.user(id)} er publisert på ${f.list(publishedOn.map(networkName))}, ikke på ${networkName(name)}. Velg ${
            publishedOn.length === 1 ? "den kanalen" : "en av dem"
          } – eller registrer publiseringen på ${networkName(name)} først, hvis den er lagt ut der også.`
          : `Sak ${f.user(id)} er ikke publisert ennå (den er på stadiet «${
            f.lookup(stage, state) ?? f.user(state)
          }»), så det finnes ingen ${networkName(name)}-post å sette tallene i sammenheng med. Registrer publiseringen først.`,
      ChartRenderError: ({ detail, stage: step }) => {
        const share = "Del resultatene uten graf"
        if (step === "input" && detail === "post-without-value") {
          return `Det gikk ikke å tegne resultatgrafen: posten har ingen tall for det grafen viser, så det er ingenting å sammenligne med. ${share} – meldingen har fortsatt de tallene som finnes – eller registrer tallene for posten først.`
        }
        if (step === "input" && detail === "invalid-size") {
          return `Det gikk ikke å tegne resultatgrafen: bildestørrelsen er ugyldig (bredde, høyde og skala må være positive tall, og bildet kan ikke være større enn grensen). Det er en feil i Dugnad, ikke i tallene dine. ${share}, og meld gjerne fra om feilen.`
        }
        const where = f.lookup(chartStep, step) ?? "underveis"
        const why = detail.trim() === "" ? "" : ` (${f.user(detail.trim())})`
        return `Det gikk ikke å tegne resultatgrafen: noe gikk galt ${where}${why}. ${share}, og meld fra om feilen – ta med denne meldingen.`
      }
    },

    event: {
      IdeaSubmitted: (event, title, context) =>
        `${who(context, event.by)} har kommet med en ny idé: ${q(title)}` +
        (event.department === undefined ? "." : ` (${f.user(event.department)}).`),
      IdeaEdited: (event, title, context) => `${who(context, event.by)} har endret ideen ${q(title)}.`,
      IdeaAccepted: (event, title, context) =>
        `Godt nytt! ${who(context, event.by)} tar ideen ${q(title)} videre og begynner på et utkast. Takk for at du delte den!`,
      IdeaParked: (event, title, context) =>
        `${who(context, event.by)} har lagt ideen ${q(title)} til side inntil videre: ${
          f.sentence(event.reason)
        } Den kan hentes fram igjen senere.`,
      IdeaRevived: (event, title, context) => `${who(context, event.by)} har hentet fram igjen ideen ${q(title)}.`,
      IdeaDeclined: (event, title, context) =>
        `${who(context, event.by)} har sagt nei takk til ideen ${q(title)} denne gangen: ${
          f.sentence(event.reason)
        } Takk for at du delte den – kom gjerne med flere!`,
      DraftRevised: (event, title, context) =>
        event.revision === 1
          ? `${who(context, event.by)} har skrevet første utkast til ${q(title)}.`
          : event.kind === "content"
          ? `${who(context, event.by)} har lagt inn versjon ${event.revision} av ${
            q(title)
          }. Innholdet er endret, så faktaene må godkjennes på nytt.`
          : `${who(context, event.by)} har lagt inn versjon ${event.revision} av ${
            q(title)
          } med endringer bare i formen. Faktagodkjenningene gjelder fortsatt, men si fra hvis noe har blitt feil.`,
      ReviewRequested: (event, title, context) =>
        `${who(context, event.by)} ber ${
          people(context, event.reviewers.map((reviewer) => reviewer.member))
        } lese gjennom ${q(title)}` +
        (event.due === undefined ? "." : `, helst innen ${f.dateTime(event.due, context.timeZone)}.`),
      FactsApproved: (event, title, context) =>
        `${who(context, event.by)} har godkjent faktaene i versjon ${event.revision} av ${q(title)}.`,
      FactObjectionRaised: (event, title, context) =>
        `${who(context, event.by)} har en faktainnsigelse (${f.user(event.objection)}) til versjon ${event.revision} av ${
          q(title)
        }. Dette er feil: ${f.sentence(event.claim)} Riktig er: ${
          f.sentence(event.correction)
        } Saken kan ikke godkjennes eller publiseres før innsigelsen er løst.`,
      FactObjectionResolved: (event, title, context) =>
        `${who(context, event.by)} har løst faktainnsigelsen ${f.user(event.objection)} til ${q(title)}${
          colon(event.note)
        }`,
      FormatSuggested: (event, title, context) =>
        `${who(context, event.by)} har et formatforslag (${f.user(event.suggestion)}) til versjon ${event.revision} av ${
          q(title)
        }: ${f.user(event.note)}`,
      FormatSuggestionDecided: (event, title, context) =>
        (event.decision === "accepted"
          ? `${who(context, event.by)} har tatt med formatforslaget ditt til ${q(title)}: ${f.user(event.explanation)}`
          : `${who(context, event.by)} har valgt å ikke bruke formatforslaget ditt til ${q(title)}: ${
            f.user(event.explanation)
          }`) +
        (event.primer === undefined ? "" : ` (Les mer i innføringen: ${f.user(event.primer)}.)`),
      CommentAdded: (event, title, context) => `${who(context, event.by)} har kommentert ${q(title)}: ${f.user(event.text)}`,
      ReviewerRemoved: (event, title, context) =>
        `${who(context, event.by)} har tatt ${who(context, event.reviewer)} ut av gjennomlesingen av ${q(title)}: ${
          f.sentence(event.reason)
        } Takk for hjelpen!`,
      ApprovedForPublication: (event, title, context) =>
        `${who(context, event.by)} har godkjent ${q(title)} for publisering (versjon ${event.revision}). Takk til alle som har bidratt!`,
      PublicationScheduled: (event, title, context) =>
        `${who(context, event.by)} har planlagt å publisere ${q(title)} på ${network[event.network]} ${
          f.dateTime(event.scheduledFor, context.timeZone)
        }.`,
      PostPublished: (event, title, context) =>
        `${q(title)} er publisert på ${network[event.network]} ${f.dateTime(event.publishedAt, context.timeZone)}: ${
          f.user(event.url)
        }`,
      ResultsRecorded: (event, title, context) =>
        `${who(context, event.by)} har registrert tall for ${q(title)} på ${network[event.network]}: ${
          metricsOrNothing(f.metrics(event.metrics, metric))
        }` +
        (event.highlights.length === 0
          ? "."
          : `, og tatt vare på ${
            event.highlights.length === 1 ? "én kommentar" : `${f.number(event.highlights.length)} kommentarer`
          }.`),
      ResultsShared: (event, title, context) =>
        `${who(context, event.by)} har delt resultatene for ${q(title)} med alle som var med.`,
      MarkedSuccess: (event, title, context) =>
        `Dette gikk bra! ${who(context, event.by)} har markert ${q(title)} som en suksess${
          colon(event.note)
        } Takk til alle som var med!`,
      FollowUpProposed: (event, title, context) =>
        `${who(context, event.by)} foreslår en oppfølging av ${q(title)}: ${q(event.title)}.`,
      CorrectionRecorded: (event, title, context) =>
        `${who(context, event.by)} har rettet opp ${q(title)} etter ${
          event.objections.length === 1 ? "faktainnsigelse" : "faktainnsigelsene"
        } ${ids(event.objections)}: ${f.user(event.note)}`,
      ItemWithdrawn: (event, title, context) =>
        `${who(context, event.by)} har trukket ${q(title)}: ${f.sentence(event.reason)}`,
      ItemClosed: (event, title, context) => `${who(context, event.by)} har avsluttet ${q(title)}.`
    },

    reminder: {
      review: ({ due, reviewer, title }, context) =>
        (reviewer === undefined ? "" : `Hei, ${who(context, reviewer)}! `) +
        `${q(title)} venter på at du leser gjennom, helst innen ${f.dateTime(due, context.timeZone)}. ` +
        "Fageksperter godkjenner faktaene eller kommer med en faktainnsigelse; alle kan kommentere og foreslå endringer i formen.",
      reviewOverdue: ({ due, reviewer, title }, context) =>
        (reviewer === undefined ? "" : `Hei, ${who(context, reviewer)}! `) +
        `Fristen for å lese gjennom ${q(title)} var ${f.dateTime(due, context.timeZone)}. ` +
        "Har du rukket å se på den? Saken kan ikke publiseres før fagekspertene har godkjent faktaene.",
      resultsCheckIn: ({ days, network: name, publishedAt, title }, context) =>
        `Nå er det ${days === 1 ? "én dag" : `${f.number(days)} dager`} siden ${q(title)} ble publisert på ${
          network[name]
        } (${f.dateTime(publishedAt, context.timeZone)}). ` +
        "Tid for å registrere tallene – og dele dem med alle som var med!"
    },

    meeting: {
      reminder: (params, context) => {
        const lines = [
          `Snart er det ${q(params.title)}: ${f.dateTime(params.start, params.timeZone)}.`,
          "",
          "Hva jobber du med? Kan det bli innhold? Hvordan?"
        ]
        if (params.agenda.length > 0) {
          lines.push("", "Agenda:", ...params.agenda.map((line) => `- ${f.user(line)}`))
        }
        if (params.ideasLastTime.length > 0) {
          lines.push(
            "",
            params.lastOccurrence === undefined
              ? "Ideene fra forrige gang, og hvor de står nå:"
              : `Ideene fra forrige møte (${f.local(params.lastOccurrence)}), og hvor de står nå:`,
            ...params.ideasLastTime.map((idea) =>
              `- ${q(idea.title)} fra ${who(context, idea.by)}: ${stage[idea.stage]}`
            )
          )
        }
        if (params.postsSince.length > 0) {
          lines.push(
            "",
            "Slik har det gått med postene siden sist:",
            ...params.postsSince.map((post) =>
              `- ${q(post.title)} på ${network[post.network]} (${f.date(post.publishedAt, params.timeZone)}): ${
                metricsOrNothing(f.metrics(post.metrics, metric))
              }`
            )
          )
        }
        if (params.followUps.length > 0) {
          lines.push(
            "",
            "Oppfølgingsideer å ta opp:",
            ...params.followUps.map((idea) => `- ${q(idea.title)} fra ${who(context, idea.by)}`)
          )
        }
        return lines.join("\n")
      },
      summary: (params, context) => {
        const lines = [`Oppsummering fra ${q(params.title)} ${f.dateTime(params.start, params.timeZone)}.`]
        if (params.attendance.length > 0) {
          lines.push(`${f.number(params.attendance.length)} deltok: ${people(context, params.attendance)}.`)
        }
        lines.push(
          "",
          ...(params.ideas.length === 0
            ? ["Ingen nye ideer denne gangen – kanskje neste gang!"]
            : [
              "Ideer:",
              ...params.ideas.map((idea) => `- ${q(idea.title)} fra ${who(context, idea.by)}`),
              "Takk for alle gode innspill!"
            ])
        )
        if (params.nextSteps.length > 0) {
          lines.push(
            "",
            "Neste steg:",
            ...params.nextSteps.map((step) =>
              `- ${f.user(step.text)} – ${who(context, step.owner)}` +
              (step.due === undefined ? "" : `, innen ${f.local(step.due)}`)
            )
          )
        }
        return lines.join("\n")
      },
      cancelled: ({ occurrence, reason, title }) =>
        `${q(title)} ${f.local(occurrence)} er avlyst${colon(reason)} Vi sees neste gang!`,
      moved: ({ occurrence, reason, start, timeZone, title }) =>
        `${q(title)} er flyttet fra ${f.local(occurrence)} til ${f.dateTime(start, timeZone)}${colon(reason)}`
    },

    stage,
    role: {
      member: "medlem",
      expert: "fagekspert",
      manager: "leder",
      advisor: "kommunikasjonsrådgiver"
    },
    network,
    metric,
    command,
    field,

    finding: {
      "length-over-limit": (finding) => {
        const length = finding.measured["length"]
        const limit = finding.limit?.["length"]
        const cut = excess(length, limit)
        return `${networkOr(finding)} tar høyst ${count(limit, "tegn", "tegn")}, og teksten er på ${num(length)}` +
          (cut === undefined ? "." : ` – kort den ned med minst ${count(cut, "tegn", "tegn")}.`)
      },
      "length-over-recommended": (finding) =>
        `Vi anbefaler høyst ${count(finding.recommended?.["length"], "tegn", "tegn")}${onNetwork(finding)}, og teksten er på ${
          num(finding.measured["length"])
        } – korte poster blir oftere lest til ende.`,
      "first-line-truncated": (finding) =>
        `${on(finding) ?? "Feeden"} kutter teksten etter ${
          count(finding.recommended?.["firstSentenceLength"], "tegn", "tegn")
        } («Se mer»); første setning slutter etter ${
          count(finding.measured["firstSentenceLength"], "tegn", "tegn")
        } – få poenget tidlig.`,
      readability: (finding) => {
        const lix = finding.measured["lix"]
        const hard = finding.recommended?.["lix"]
        const band = lix !== undefined && lix >= lixBandFloors.veryHard ? "svært tung å lese" : "tung å lese"
        return `${finding.network === undefined ? "Teksten" : `Teksten for ${on(finding)}`} har LIX ${
          lix === undefined ? "?" : f.number(Math.round(lix))
        } og er ${band} (${num(hard)} og over regnes som tungt): ${count(finding.measured["words"], "ord", "ord")}, ${
          num(finding.measured["longWords"])
        } av dem med mer enn ${f.number(longWordLetters)} bokstaver, i ${
          count(finding.measured["sentences"], "setning", "setninger")
        } – kortere setninger og enklere ord gjør den lettere.`
      },
      "hashtags-over-recommended": (finding) =>
        `Vi anbefaler høyst ${
          count(finding.recommended?.["hashtags"], "emneknagg", "emneknagger")
        }${onNetwork(finding)}, og posten har ${
          num(finding.measured["hashtags"])
        } – noen få treffende virker bedre enn mange.`,
      "hashtags-over-limit": (finding) => {
        const hashtags = finding.measured["hashtags"]
        const limit = finding.limit?.["hashtags"]
        const cut = excess(hashtags, limit)
        return `${networkOr(finding)} tillater høyst ${count(limit, "emneknagg", "emneknagger")}, og posten har ${
          num(hashtags)
        }` + (cut === undefined ? "." : ` – fjern minst ${num(cut)}.`)
      },
      "link-not-clickable": (finding) =>
        `Lenker i teksten kan ikke klikkes${onNetwork(finding)}, og teksten har ${
          count(finding.measured["links"], "slik lenke", "slike lenker")
        } – legg lenken i profilen og skriv «lenke i profilen», eller skriv en kort adresse folk kan taste inn selv, som nav.no.`,
      "media-required": (finding) => {
        const media = finding.measured["media"]
        const videos = finding.measured["videos"]
        const required = finding.network !== undefined && Object.hasOwn(rules, finding.network)
          ? rules[finding.network].requiredMedia
          : undefined
        return ((media ?? 0) > 0 && videos === 0) || required === "video"
          ? `${networkOr(finding)} krever en video, og utkastet har ${
            media === undefined || media === 0
              ? "ingen bilder eller videoer"
              : `${count(media, "mediefil", "mediefiler")}, men ingen video`
          } – legg til en video før det publiseres der.`
          : `${networkOr(finding)} krever et bilde eller en video, og utkastet har ingen – legg til minst ett bilde eller én video.`
      },
      "too-many-images": (finding) =>
        `${networkOr(finding)} tar høyst ${count(finding.limit?.["images"], "bilde", "bilder")} i én post, og utkastet har ${
          num(finding.measured["images"])
        } – velg ut de beste, eller del dem på flere poster.`,
      "alt-text-placeholder": (finding) =>
        `${capitalise(altText(finding))} er på ${
          count(finding.measured["altLength"], "tegn", "tegn")
        } og ser ut som en plassholder (et filnavn, lenken, et ord som «bilde» eller for kort til å beskrive noe) – skriv hva bildet viser, for dem som ikke ser det.`,
      "alt-text-too-long": (finding) => {
        const length = finding.measured["altLength"]
        const limit = finding.limit?.["altLength"]
        const cut = excess(length, limit)
        return `${networkOr(finding)} tar høyst ${count(limit, "tegn", "tegn")} alt-tekst per bilde, og ${
          altText(finding)
        } er på ${num(length)}` +
          (cut === undefined ? "" : ` – kort den ned med minst ${count(cut, "tegn", "tegn")}`) +
          ", og legg resten i selve posten om det trengs."
      },
      "video-over-limit": (finding) => {
        const seconds = finding.measured["seconds"]
        const limit = finding.limit?.["seconds"]
        const cut = excess(seconds, limit)
        return `${networkOr(finding)} tar videoer på høyst ${duration(limit)}, og videoen${mediaFile(finding)} er ${
          duration(seconds)
        } lang – ${
          cut === undefined ? "klipp den ned" : `klipp bort minst ${duration(cut)}`
        }, eller legg den ut et annet sted og lenk til den.`
      },
      "video-over-recommended": (finding) =>
        `Vi anbefaler videoer på høyst ${duration(finding.recommended?.["seconds"])}${onNetwork(finding)}, og videoen${
          mediaFile(finding)
        } er ${duration(finding.measured["seconds"])} lang – korte videoer blir oftere sett til ende.`,
      "video-duration-unknown": (finding) =>
        `Videoen${
          mediaFile(finding)
        } har ingen oppgitt lengde, så Dugnad kan ikke sjekke den mot grensene på kanalene – legg inn lengden i sekunder.`
    },
    severity: {
      error: "feil",
      warning: "advarsel",
      info: "til info"
    },
    contribution,
    followUp,
    chart: (name, windowDays) => ({
      title: `Engasjement på ${networkName(name)}`,
      subtitle: `Denne posten og ${networkName(name)}-postene fra ${
        windowDays === 1 ? "døgnet" : `de ${f.number(windowDays)} dagene`
      } før den`,
      metric: "Engasjement (reaksjoner + kommentarer + delinger)",
      thisPost: "Denne posten",
      otherPosts: "Andre poster",
      median: "Median (denne medregnet)"
    }),
    results: {
      feedback: ({ feedback: found, participant }, context) => {
        const lines = [
          `Hei, ${who(context, participant.member)}! ${thanks(participant.contributions)} Slik gikk det med ${q(found.title)}:`
        ]
        for (const post of found.posts) {
          lines.push(
            "",
            `${networkName(post.network)}, publisert ${f.date(post.publishedAt, context.timeZone)}:`,
            `- ${numbersLine(post, context)}`,
            ...[...standingLines(post), ...bestLine(post)].map((line) => `- ${line}`),
            ...(post.success
              ? [`- En suksess: blant de beste ${networkName(post.network)}-postene ${lastDays(post.context.window.days)}!`]
              : [])
          )
          const highlights = distinctHighlights(post.highlights)
          if (highlights.length > 0) lines.push("Fra kommentarene:", ...highlights.map(highlightLine))
        }
        if (found.posts.length === 0) lines.push("", "Ingen poster er registrert ennå.")
        const goals = goalLines(found)
        if (goals.length > 0) lines.push("", ...goals)
        const { engagement, rate } = explained(found)
        if (engagement) {
          lines.push(
            "",
            "Engasjement er reaksjoner, kommentarer og delinger til sammen." +
              (rate ? " Engasjementsraten er engasjementet delt på rekkevidden: hvor stor del av dem som så posten, som gjorde noe av det." : "")
          )
        }
        if (found.success || found.marked) lines.push("", "Saken er en suksess – takk for at du var med på å få det til!")
        return lines.join("\n")
      },
      celebration: (found, context) => {
        const celebrated = found.success || found.marked
        const lines = [celebrated ? `Dette gikk riktig bra: ${q(found.title)} er en suksess!` : `Slik gikk det med ${q(found.title)}:`]
        const winners = found.posts.filter((post) => post.success)
        for (const post of winners.length > 0 ? winners : found.posts) {
          lines.push(`- ${networkName(post.network)}: ${decidingLine(post)}.`)
        }
        const names = credits(found, context)
        if (names !== "") lines.push("", "Takk til alle som var med:", names)
        if (found.followUps.length > 0) {
          const titles = f.list(
            found.followUps.map((suggestion) => q(followUp[suggestion.angle](found.title).title)),
            "disjunction"
          )
          const advisors = advisorsOf(found)
          lines.push(
            "",
            advisors.length === 0
              ? `En kommunikasjonsrådgiver kan velge en oppfølging med ett klikk: ${titles}.`
              : `${people(context, advisors)}, vil du velge en oppfølging? Forslag: ${titles}.`
          )
        }
        return lines.join("\n")
      }
    },
    chat: {
      action: {
        approveFacts: "Godkjenn faktaene",
        object: "Faktainnsigelse",
        suggestFormat: "Foreslå format",
        comment: "Kommenter",
        acceptFormat: "Godta",
        declineFormat: "Avslå",
        resolveObjection: "Løs innsigelsen",
        acceptIdea: "Ta videre",
        parkIdea: "Legg til side",
        declineIdea: "Si nei takk",
        approvePublication: "Godkjenn for publisering",
        submitIdea: "Send inn en idé",
        writeDraft: "Nytt utkast",
        reviseFormat: "Bare formatendring",
        recordResults: "Registrer resultater"
      },
      form: {
        object: "Faktainnsigelse",
        suggestFormat: "Formatforslag",
        comment: "Kommentar",
        acceptFormat: "Godta forslaget",
        declineFormat: "Avslå forslaget",
        resolveObjection: "Løs innsigelsen",
        parkIdea: "Legg ideen til side",
        declineIdea: "Si nei takk til ideen",
        submitIdea: "Ny idé",
        writeDraft: "Utkast",
        reviseFormat: "Formatendring",
        recordResults: "Resultater"
      },
      field: {
        claim: "Hva er feil?",
        correction: "Hva er riktig?",
        note: "Forslag",
        text: "Tekst",
        reason: "Begrunnelse",
        primer: "Tema i innføringen",
        title: "Tittel",
        pitch: "Kort beskrivelse",
        department: "Avdeling",
        networks: "Nettverk",
        mediaUrl: "Lenke til bilde/video",
        alt: "Alt-tekst/bildetekst",
        reach: "Rekkevidde",
        impressions: "Visninger",
        reactions: "Reaksjoner",
        comments: "Kommentarer",
        shares: "Delinger"
      },
      placeholder: {
        claim: "Setningen eller tallet som er feil",
        correction: "Hva det skal stå, og hvordan du vet det",
        note: "For langt? For komplisert? Tonen?",
        text: "Skriv kommentaren din",
        reason: "En kort forklaring – den sendes videre",
        primer: "f.eks. linkedin-first-lines",
        title: "Noen ord om ideen",
        pitch: "Hva er det, og hvorfor bryr folk seg?",
        department: "f.eks. Fiskeri",
        networks: "f.eks. facebook, linkedin",
        mediaUrl: "https://…",
        alt: "Beskriv bildet for en som ikke ser det",
        reach: "f.eks. 1200",
        impressions: "f.eks. 3400",
        reactions: "f.eks. 85",
        comments: "f.eks. 12",
        shares: "f.eks. 7"
      },
      title: {
        reviewDue: "Påminnelse om gjennomlesing",
        reviewOverdue: "Gjennomlesingen er forsinket",
        resultsCheckIn: "På tide å registrere resultater",
        meetingReminder: "Idémøte snart",
        meetingSummary: "Oppsummering av idémøtet",
        meetingChanged: "Endring i idémøtet",
        board: "Tavla",
        goals: "Rapport per mål",
        people: "Hvem som bidro",
        departments: "Avdelinger",
        primer: (name) => `Innføring: ${name}`,
        nextMeeting: "Neste idémøte",
        noMeeting: "Ingen møter planlagt",
        results: "Resultatene dine",
        celebration: "Et innlegg gjorde det bra!",
        error: "Det gikk ikke"
      },
      label: {
        item: "Sak",
        stage: "Stadium",
        revision: "Versjon",
        networks: "Nettverk",
        plannedFor: "Planlagt",
        due: "Frist",
        reviewers: "Gjennomlesere",
        openObjections: "Åpne faktainnsigelser",
        missingApprovals: "Venter på faktagodkjenning fra",
        undecidedSuggestions: "Uavgjorte formatforslag",
        submittedBy: "Sendt inn av",
        department: "Avdeling",
        pitch: "Beskrivelse",
        ideas: "Ideer",
        posts: "Innlegg",
        reviews: "Gjennomlesinger",
        reach: "Rekkevidde",
        engagement: "Engasjement",
        best: "Beste innlegg",
        members: "Medlemmer",
        when: "Når",
        textOn: (name) => `Tekst på ${name}`,
        media: (index, kind) => `${kind === "video" ? "Video" : kind === "illustration" ? "Illustrasjon" : "Bilde"} ${index}`
      },
      revision: (number) => `Versjon ${number}`,
      more: (count) => `… og ${f.number(count)} til`,
      none: "ingen",
      command: {
        notHere: {
          title: (platform) => `Ikke i ${platform} ennå`,
          body: (platform) => `Denne kommandoen finnes ikke i ${platform} ennå: bruk dugnad-CLI-en til den (dugnad --help).`
        },
        badTime: {
          title: "Ikke en dato Dugnad kan bruke",
          body: (option, given, timeZone) =>
            `${option}: «${given}» er ikke en dato som finnes, eller ikke skrevet slik Dugnad leser den. Skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTTT:MM (i ${timeZone}), for eksempel 2026-12-01T10:00.`
        },
        badStart: {
          title: "Ikke et starttidspunkt Dugnad kan bruke",
          body: (option, given) =>
            `${option}: «${given}» er ikke en dato og et klokkeslett som finnes, eller ikke skrevet slik Dugnad leser det. Skriv ÅÅÅÅ-MM-DDTTT:MM, for eksempel 2026-03-03T10:00.`
        },
        members: { title: "Medlemmer", empty: "Ingen er lagt til ennå." },
        goals: { title: "Mål", empty: (command) => `Ingen mål ennå: legg til et med ${command}.`, added: "Mål lagt til" },
        checks: {
          title: (item, revision) => `Sjekk av ${item}, versjon ${revision}`,
          clean: "Ingenting å rette: utkastet består alle sjekkene."
        }
      }
    },
    import: {
      report: (report, context = noContext) => {
        const invalidRows = new Set(report.invalid.map((cell) => cell.line)).size
        const parts = [
          `${f.number(report.recorded.length)} registrert`,
          ...(report.unchanged.length === 0 ? [] : [`${f.number(report.unchanged.length)} uendret (importert før)`]),
          ...(report.unmatched.length === 0 ? [] : [`${f.number(report.unmatched.length)} uten treff`]),
          ...(invalidRows === 0 ? [] : [`${f.number(invalidRows)} med tall som ikke kan leses`]),
          ...(report.refused.length === 0 ? [] : [`${f.number(report.refused.length)} avvist`])
        ]
        const lines = [`Import fra ${formatName(report.format)}: ${count(report.rows, "rad", "rader")} lest – ${f.list(parts)}.`]
        if (report.unmatched.length > 0) {
          lines.push(
            "",
            "Uten treff:",
            ...report.unmatched.map((row) =>
              `- Linje ${f.number(row.line)}${row.identifier === undefined ? "" : ` (${f.user(row.identifier)})`}: ${
                f.sentence(f.lookup(unmatched, row.reason) ?? row.reason)
              }`
            )
          )
        }
        if (report.invalid.length > 0) lines.push("", "Tall som ikke kan leses:", ...report.invalid.map(invalidLine))
        if (report.refused.length > 0) {
          lines.push(
            "",
            "Avvist:",
            ...report.refused.map((row) =>
              `- Linje ${f.number(row.line)} (sak ${f.user(row.item)} på ${networkName(row.network)}): ${
                messageOf(catalogue, row.error, context)
              }`
            )
          )
        }
        return lines.join("\n")
      },
      unmatched,
      format: importFormat
    }
  }
  return catalogue
}

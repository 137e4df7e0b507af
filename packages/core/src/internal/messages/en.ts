/**
 * English, in the same plain, collegial voice as the Norwegian. Titles are quoted “like this”.
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

/** The English catalogue, built on the English formatting helpers. */
export const en = (f: Format): Catalogue => {
  const q = (text: string) => `“${f.user(text)}”`
  const who = (context: RenderContext, member: MemberId) => f.user(context.name(member))
  const people = (context: RenderContext, members: ReadonlyArray<MemberId>) =>
    f.list(members.map((member) => who(context, member)))
  const ids = (list: ReadonlyArray<string>) => f.list(list.map(f.user))
  const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
  // Optional typed text after a colon: "…: the reason." or just "…."
  const colon = (text: string | undefined) => (text === undefined || text.trim() === "" ? "." : `: ${f.sentence(text)}`)

  const stage = {
    None: "not started",
    Idea: "idea",
    Parked: "parked",
    Declined: "declined",
    Drafting: "drafting",
    InReview: "in review",
    Approved: "approved",
    Published: "published",
    CorrectionNeeded: "correction needed",
    Closed: "closed",
    Withdrawn: "withdrawn"
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
    reach: "reach",
    impressions: "impressions",
    reactions: "reactions",
    comments: "comments",
    shares: "shares",
    saves: "saves",
    clicks: "clicks",
    videoViews: "video views"
  } as const satisfies Catalogue["metric"]

  const command = {
    SubmitIdea: "submit an idea",
    EditIdea: "edit the idea",
    AcceptIdea: "take the idea on",
    ParkIdea: "park the idea",
    ReviveIdea: "revive the idea",
    DeclineIdea: "decline the idea",
    WriteDraft: "write the draft",
    RequestReview: "ask for a review",
    ApproveFacts: "approve the facts",
    RaiseObjection: "raise a fact objection",
    ResolveObjection: "resolve the fact objection",
    SuggestFormat: "suggest a format change",
    DecideFormat: "decide the format suggestion",
    Comment: "comment",
    RemoveReviewer: "remove someone from the review",
    ApproveForPublication: "approve for publication",
    SchedulePublication: "schedule publication",
    RecordPublication: "record the publication",
    RecordResults: "record results",
    ShareResults: "share the results",
    MarkSuccess: "mark the item as a success",
    ProposeFollowUp: "propose a follow-up",
    RecordCorrection: "record a correction",
    Withdraw: "withdraw the item",
    Close: "close the item",
    AddMember: "add a member",
    SetRoles: "change roles",
    AddGoal: "add a goal",
    CreateWorkspace: "create a workspace",
    Board: "show the board",
    Diff: "compare revisions"
  } as const satisfies Catalogue["command"]

  const field = {
    title: "the title",
    pitch: "the pitch",
    department: "the department",
    goals: "the goals",
    concerns: "the list of people the idea concerns",
    reason: "the reason",
    text: "the text",
    note: "the note",
    claim: "what is wrong",
    correction: "the correction",
    explanation: "the explanation",
    primer: "the primer reference",
    decision: "the decision",
    kind: "the kind of change",
    draft: "the draft",
    due: "the due time",
    followUp: "the follow-up",
    idea: "the idea",
    network: "the network",
    results: "the results",
    reviewer: "that person",
    reviewers: "the list of reviewers",
    scheduledFor: "the publication time",
    publishedAt: "the publication time",
    capturedAt: "the time the figures are from",
    url: "the link",
    item: "the item",
    stage: "the stage",
    handle: "the handle",
    name: "the name",
    from: "the revision to compare from",
    to: "the revision to compare with",
    revision: "the revision",
    objection: "the fact objection",
    objections: "the fact objections",
    suggestion: "the format suggestion",
    metrics: "the figures",
    highlights: "the highlighted comments",
    "body.text": "the draft text",
    "body.networks": "the networks the draft is for",
    "body.plannedFor": "the planned date",
    "body.media": "the images and videos",
    "body.media[].kind": "the kind",
    "body.media[].url": "the link",
    "body.media[].alt": "the alt text",
    "body.media[].durationSeconds": "the length"
  } as const satisfies Catalogue["field"]

  const commandPhrase = (name: string) => f.lookup(command, name) ?? `do “${f.user(name)}”`
  const networkName = (name: string) => f.lookup(network, name) ?? f.user(name)

  const fieldName = (path: string): string => {
    const media = /^body\.media\[(\d+)\]\.(\w+)$/.exec(path)
    if (media !== null) {
      const part = f.lookup(field, `body.media[].${media[2]}`) ?? `the field “${f.user(media[2] ?? "")}”`
      return `${part} of media file ${Number(media[1]) + 1}`
    }
    const perNetwork = /^body\.perNetwork\.(.+)$/.exec(path)
    if (perNetwork !== null) return `the text for ${networkName(perNetwork[1] ?? "")}`
    const oneMetric = /^metrics\.(.+)$/.exec(path)
    if (oneMetric !== null) return `the figure for ${f.lookup(metric, oneMetric[1] ?? "") ?? f.user(oneMetric[1] ?? "")}`
    return f.lookup<KnownField>(field, path) ?? `the field “${f.user(path)}”`
  }

  const metricsOrNothing = (text: string) => (text === "" ? "no figures yet" : text)

  // Meeting series (InvalidRecurrence).
  const recurrenceField = {
    rrule: "the recurrence rule (RRULE)",
    start: "the start",
    timeZone: "the time zone",
    durationMinutes: "the duration"
  } as const satisfies { readonly [F in RecurrenceField]: string }
  const ruleExample = "For example, FREQ=WEEKLY;INTERVAL=2;BYDAY=TU means every other Tuesday."
  // RFC 5545's ranges; INTERVAL and COUNT have Dugnad's own upper bounds far above any meeting series.
  const ruleRange: { readonly [part: string]: string } = {
    INTERVAL: "INTERVAL must be a whole number from 1 up",
    COUNT: "COUNT must be a whole number from 1 up",
    BYMONTH: "BYMONTH must be from 1 to 12",
    BYMONTHDAY: "BYMONTHDAY must be from 1 to 31, or from -1 to -31 to count from the end of the month",
    BYDAY:
      "the number before a weekday in BYDAY must be from 1 to 53 or from -1 to -53, like 2TU (the second Tuesday) or -1FR (the last Friday)",
    BYWEEKNO: "BYWEEKNO must be from 1 to 53, or from -1 to -53",
    BYYEARDAY: "BYYEARDAY must be from 1 to 366, or from -1 to -366",
    BYSETPOS: "BYSETPOS must be from 1 to 366, or from -1 to -366"
  }
  const ruleConflict: { readonly [part: string]: string } = {
    UNTIL: "COUNT and UNTIL can't be used together – choose either a number of meetings (COUNT) or an end date (UNTIL).",
    BYMONTHDAY: "BYMONTHDAY can't be used in a weekly rule (FREQ=WEEKLY) – use BYDAY, or FREQ=MONTHLY.",
    BYYEARDAY: "BYYEARDAY can only be used with FREQ=YEARLY.",
    BYWEEKNO: "BYWEEKNO can only be used with FREQ=YEARLY.",
    BYDAY:
      "weekdays with a number before them (like 2TU, the second Tuesday) can only be used with FREQ=MONTHLY or FREQ=YEARLY, and not together with BYWEEKNO.",
    BYSETPOS:
      "BYSETPOS needs another BY part to pick from, like FREQ=MONTHLY;BYDAY=TU;BYSETPOS=-1 (the last Tuesday of the month)."
  }
  const rulePart = (part: string | undefined) => (part === undefined || part.trim() === "" ? undefined : f.user(part))

  // Results charts (ChartRenderError): where in the drawing a chart failed, past the input check.
  const chartStep = {
    compile: "while setting up the chart",
    svg: "while drawing it",
    png: "while making the image"
  } as const satisfies { readonly [S in Exclude<ChartRenderError["stage"], "input">]: string }

  // Primer entries (InvalidPrimerEntry). The id limits are CustomPrimerId's; a test holds them to it.
  const primerField = {
    entry: "the primer entry",
    id: "the id",
    locale: "the language",
    title: "the title",
    summary: "the summary",
    body: "the body",
    network: "the network",
    topic: "the topic"
  } as const satisfies { readonly [F in PrimerField]: string }
  const language = { nb: "Norwegian Bokmål", en: "English" } as const satisfies { readonly [L in Locale]: string }
  const idRule =
    "An id has 2 to 64 characters: lower-case letters a–z (no æ, ø or å), digits 0–9 and dashes, for example “photos-of-people”."

  // Format-check findings: the keys of `measured`, `limit` and `recommended` are documented on CheckId.
  const num = (value: number | undefined) => (value === undefined ? "?" : f.number(value))
  const count = (value: number | undefined, one: string, many: string) => `${num(value)} ${value === 1 ? one : many}`
  const excess = (value: number | undefined, bound: number | undefined) =>
    value !== undefined && bound !== undefined && value > bound ? value - bound : undefined
  const duration = (seconds: number | undefined): string => {
    if (seconds === undefined) return "?"
    if (!Number.isFinite(seconds) || seconds < 0) return count(seconds, "second", "seconds")
    const whole = Math.round(seconds)
    const [hours, minutes, rest] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60]
    const parts = [
      ...(hours > 0 ? [count(hours, "hour", "hours")] : []),
      ...(minutes > 0 ? [count(minutes, "minute", "minutes")] : []),
      ...(rest > 0 || whole === 0 ? [count(rest, "second", "seconds")] : [])
    ]
    return f.list(parts)
  }
  const on = (finding: Finding) => (finding.network === undefined ? undefined : networkName(finding.network))
  const onNetwork = (finding: Finding) => (finding.network === undefined ? "" : ` on ${on(finding)}`)
  const networkOr = (finding: Finding) => on(finding) ?? "The network"
  const mediaFile = (finding: Finding) => (finding.media === undefined ? "" : ` in media file ${f.number(finding.media + 1)}`)
  const altText = (finding: Finding) =>
    finding.media === undefined ? "the alt text" : `the alt text of media file ${f.number(finding.media + 1)}`

  // Results back to the people who helped: follow-ups, the chart, feedback, celebration, imports.
  const contribution = {
    idea: "Idea",
    concerned: "Featured",
    reviewer: "Review",
    advisor: "Writing"
  } as const satisfies Catalogue["contribution"]
  const thanksFor = {
    idea: "for the idea",
    concerned: "for taking part",
    reviewer: "for reviewing it",
    advisor: "for your work on it"
  } as const satisfies { readonly [C in Contribution]: string }
  const thanks = (contributions: ReadonlyArray<Contribution>) => {
    const phrases = contributionOrder.filter((how) => contributions.includes(how)).map((how) => thanksFor[how])
    return phrases.length === 0 ? "Thank you for taking part!" : `Thank you ${f.list(phrases)}!`
  }
  const untitled = (parent: string) => (parent.trim() === "" ? "the untitled item" : parent.replace(/\s+/gu, " ").trim())
  const followUp = {
    more: (parent) => ({
      title: f.title((text) => `More on: ${text}`, untitled(parent)),
      pitch: `${q(untitled(parent))} did well. More on the same topic while people are interested: new pictures, figures or stories.`
    }),
    "behind-the-scenes": (parent) => ({
      title: f.title((text) => `Behind the scenes: ${text}`, untitled(parent)),
      pitch: `${q(untitled(parent))} did well. Show the work behind it: how it came about, and the people and places nobody usually sees.`
    }),
    people: (parent) => ({
      title: f.title((text) => `Meet the people: ${text}`, untitled(parent)),
      pitch: `${q(untitled(parent))} did well. Put the people in it first: who are they, what do they do, and why do they care?`
    }),
    "what-next": (parent) => ({
      title: f.title((text) => `What happens next: ${text}`, untitled(parent)),
      pitch: `${q(untitled(parent))} did well. Tell people what happens next: the next steps, the dates and what they can do themselves.`
    })
  } as const satisfies Catalogue["followUp"]

  const postsOn = (name: Network) => `${networkName(name)} posts`
  const lastDays = (days: number) => (days === 1 ? "in the last day" : `in the last ${f.number(days)} days`)
  // Made at first use, as the catalogue is built when the module loads.
  let ordinalRules: Intl.PluralRules | undefined
  const ordinalSuffix = { one: "st", two: "nd", few: "rd", other: "th", zero: "th", many: "th" } as const
  const ordinal = (value: number) =>
    `${f.number(value)}${ordinalSuffix[(ordinalRules ??= new Intl.PluralRules("en-GB", { type: "ordinal" })).select(value)]}`
  /** How the post did on one metric, as its subject, its lower-case name and how a value reads. */
  const standingMetric = {
    engagement: { subject: "Engagement", name: "engagement", show: f.number },
    reach: { subject: "Reach", name: "reach", show: f.number },
    engagementRate: { subject: "The engagement rate", name: "engagement rate", show: (value: number) => f.percent(value, 1) }
  } as const satisfies { readonly [K in ContextMetric]: unknown }
  const comparedWith = (standing: Ranked, show: (value: number) => string): ReadonlyArray<string> => {
    const better = Math.floor(standing.percentile)
    const ratio = ratioOf(standing)
    return [
      ...(standing.percentile >= 100
        ? ["better than all the others"]
        : better > 0
        ? [`better than ${f.percent(better / 100)} of the others`]
        : []),
      ratio === undefined
        ? `the median is ${show(standing.median)}`
        : ratio > 1
        ? `${f.number(ratio)} times the median (${show(standing.median)})`
        : ratio === 1
        ? `about the median (${show(standing.median)})`
        : `below the median (${show(standing.median)})`
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
        const rank = `${ordinal(standing.rank)} of ${f.number(standing.of)}${placed ? "" : ` ${where}`}`
        placed = true
        return [`${subject} was ${show(standing.value)} – ${f.list([rank, ...comparedWith(standing, show)])}.`]
      }
      const said = thin
      thin = true
      return [
        `${subject} was ${show(standing.value)}.` +
        (said
          ? ""
          : ` Too few posts to compare with yet: ${f.number(standing.comparable)} of at least ${
            f.number(minComparable)
          } (${where}, this one included).`)
      ]
    })
  }
  const bestLine = (post: PostFeedback): ReadonlyArray<string> => {
    const best = post.context.best
    if (best === undefined) return []
    const name = post.bestTitle === undefined ? "another post" : q(post.bestTitle)
    const own = post.context.engagement._tag === "Missing" ? undefined : post.context.engagement.value
    const period = lastDays(post.context.window.days)
    const other = `No other ${networkName(post.network)} post ${period}`
    if (own !== undefined && own > best.engagement) {
      return [`${other} had as much engagement – the closest was ${name}, with ${f.number(best.engagement)}.`]
    }
    if (own === best.engagement) return [`${other} had more engagement; ${name} had as much.`]
    return [`The best ${networkName(post.network)} post ${period} was ${name}, with engagement ${f.number(best.engagement)}.`]
  }
  const numbersLine = (post: PostFeedback, context: RenderContext) => {
    const shown = f.metrics(post.metrics, metric)
    if (shown === "") return "No figures recorded yet."
    return post.capturedAt === undefined
      ? `The figures: ${shown}.`
      : `The figures as of ${f.date(post.capturedAt, context.timeZone)}: ${shown}.`
  }
  const highlightLine = (highlight: Highlight) =>
    `- ${q(highlight.text)}${highlight.author === undefined ? "" : ` – ${f.user(highlight.author)}`}`
  const goalTotals = (totals: GoalTotals) => {
    const sums = [
      ...(totals.withReach === 0
        ? []
        : [`reach ${f.number(totals.reach)}${totals.withReach < totals.posts ? ` (from ${f.number(totals.withReach)} of them)` : ""}`]),
      ...(totals.withEngagement === 0
        ? []
        : [
          `engagement ${f.number(totals.engagement)}${
            totals.withEngagement < totals.posts ? ` (from ${f.number(totals.withEngagement)} of them)` : ""
          }`
        ])
    ]
    const posts = `${count(totals.posts, "post", "posts")} from ${count(totals.items, "item", "items")}`
    return sums.length === 0 ? posts : `${posts}; in total ${f.list(sums)}`
  }
  const goalLines = (found: Feedback): ReadonlyArray<string> => {
    const latest = latestWithGoals(found)
    if (latest === undefined || found.goals.length === 0) return []
    const titles = new Map(found.goals.map((goal) => [goal.goal as string, goal.title]))
    return [
      `The goals this item serves, ${lastDays(latest.context.window.days)} on every network:`,
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
    return `${name} ${show(standing.value)} – ${ordinal(standing.rank)} of ${f.number(standing.of)} ${
      postsOn(post.network)
    } ${lastDays(post.context.window.days)}` +
      (ratio !== undefined && ratio > 1 ? `, ${f.number(ratio)} times the median` : "")
  }
  const credits = (found: Feedback, context: RenderContext) =>
    contributionOrder.flatMap((how) => {
      const members = found.participants.filter((one) => one.contributions.includes(how)).map((one) => one.member)
      return members.length === 0 ? [] : [`${contribution[how]}: ${people(context, members)}`]
    }).join(" · ")

  const importFormat = {
    meta: "Meta Business Suite (Facebook or Instagram)",
    "meta-facebook": "Meta Business Suite (Facebook)",
    "meta-instagram": "Meta Business Suite (Instagram)",
    linkedin: "LinkedIn page analytics (“All posts”)"
  } as const satisfies Catalogue["import"]["format"]
  const formatName = (format: string) => f.lookup(importFormat, format) ?? f.user(format)
  const howToExport = (format: string) =>
    format === "linkedin"
      ? "Export from the LinkedIn page: Analytics → Posts → Export, and save the “All posts” sheet as CSV."
      : "Export the CSV from Meta Business Suite: Insights → Content → Export."
  const unmatched = {
    no_match: "no published post here has this link or id. Was the publication recorded with the right link?",
    ambiguous: "several posts have this link or id – correct the post that was recorded twice",
    no_identifier: "the row has neither a link nor a post id",
    not_published_on_network: "the item is recorded as published on another network than this export's",
    duplicate: "another row of the file names the same post, so neither was recorded (Dugnad doesn't guess which has the right figures)"
  } as const satisfies Catalogue["import"]["unmatched"]
  const invalidLine = (cell: InvalidCell) =>
    cell.reason === "no_values"
      ? `- Line ${f.number(cell.line)}: the row has no figures.`
      : `- Line ${f.number(cell.line)}, column ${q(cell.column ?? f.lookup(metric, cell.field) ?? cell.field)}: ${
        cell.value === undefined ? "the value" : q(cell.value)
      } is not a count.`

  const catalogue: Catalogue = {
    error: {
      NotAuthorized: ({ command: name, rule }) => {
        const doIt = commandPhrase(name)
        switch (rule) {
          case "advisor_only":
            return `Only communications advisors can ${doIt}.`
          case "advisor_or_manager":
            return `Only communications advisors and managers can ${doIt}.`
          case "reviewer_only":
            return `Only people asked to review this item can ${doIt}.`
          case "expert_reviewer_only":
            return `Only subject experts reviewing this item can ${doIt}.`
          case "not_on_own_draft":
            return `You can't ${doIt} on your own draft: another subject expert has to vouch for the facts.`
          case "raiser_only":
            return "Only the expert who raised the fact objection can resolve it. Nobody else can dismiss it, not even the communications advisor."
          case "submitter_or_advisor":
            return `Only whoever submitted the idea, or a communications advisor, can ${doIt}.`
        }
      },
      InvalidTransition: ({ command: name, state }) =>
        `You can't ${commandPhrase(name)} right now: the item is at the “${
          f.lookup(stage, state) ?? f.user(state)
        }” stage.`,
      FactObjectionOpen: ({ objections }) =>
        objections.length === 1
          ? `This can't be approved or published while fact objection ${ids(objections)} is open. Only the expert who raised it can resolve it.`
          : `This can't be approved or published while fact objections ${ids(objections)} are open. Only the expert who raised an objection can resolve it.`,
      StaleRevision: ({ latest, latestContent, seen }) =>
        `You were looking at revision ${seen}, but the draft is now at revision ${latest}` +
        (latestContent === latest ? "" : ` (the content last changed in revision ${latestContent})`) +
        ". Have a look at the latest and try again.",
      StaleAction: ({ action, current, objection, pressed, reason, stage: now, suggestion }) => {
        switch (reason) {
          case "revision":
            return `This button is for revision ${pressed ?? "?"}, but the draft is now at revision ${
              current ?? "?"
            }. Look at the new draft first, then use the buttons that came with it.`
          case "objection":
            return `Fact objection ${
              f.user(objection ?? "?")
            } is no longer open: it has already been resolved or corrected, so there is nothing left to do here.`
          case "suggestion":
            return `Format suggestion ${
              f.user(suggestion ?? "?")
            } has already been decided. Each suggestion is decided once; comment if you want to add something.`
          case "stage":
            return `This button is from earlier: the item is now at the “${
              f.lookup(stage, now) ?? f.user(now)
            }” stage, so you can't ${commandPhrase(commandOf[action])} from here any more. Look at the item's latest message.`
        }
      },
      InvalidAction: () =>
        "Dugnad doesn't recognise this button or form (it may be from an older version, or from another bot). Use the latest message, or the slash command, instead.",
      ExpertApprovalMissing: ({ missing, revision }, context) =>
        `This can't be approved for publication until ${people(context, missing)} ${
          missing.length === 1 ? "has" : "have"
        } approved the facts in revision ${revision}.`,
      FormatSuggestionUndecided: ({ suggestions }) =>
        `Please decide format ${suggestions.length === 1 ? "suggestion" : "suggestions"} ${
          ids(suggestions)
        } before approving.`,
      ExpertReviewerRequired: () =>
        "At least one subject expert must be among the reviewers: someone has to vouch for the facts.",
      UnknownItem: ({ item }) => `There's no item ${f.user(item)} here.`,
      UnknownObjection: ({ objection, status }) => {
        switch (status) {
          case "missing":
            return `This item has no fact objection ${f.user(objection)}.`
          case "resolved":
            return `Fact objection ${f.user(objection)} is already resolved.`
          case "corrected":
            return `Fact objection ${f.user(objection)} has already been corrected in the published post.`
        }
      },
      UnknownSuggestion: ({ status, suggestion }) =>
        status === "missing"
          ? `This item has no format suggestion ${f.user(suggestion)}.`
          : `Format suggestion ${f.user(suggestion)} has already been decided.`,
      AlreadyPublished: ({ network: name }) => `This item is already published on ${networkName(name)}.`,
      UnknownWorkspace: ({ workspace }) => `There's no workspace ${f.user(workspace)}.`,
      UnknownMember: ({ member }) => `There's nobody called ${f.user(member)} among the members here.`,
      WorkspaceExists: ({ workspace }) => `A workspace with the id ${f.user(workspace)} already exists.`,
      HandleTaken: ({ handle }) => `The handle ${f.user(handle)} is already taken here. Please choose another one.`,
      UnknownGoal: ({ goal }) => `There's no goal ${f.user(goal)} here.`,
      VersionConflict: ({ actual, expected }) =>
        `Someone else changed this at the same time (expected version ${expected}, found ${actual}). Reload and try again.`,
      InvalidCommand: ({ allowed, command: name, field: path, reason }) => {
        const which = fieldName(path)
        const Which = capitalise(which)
        const why = ((): string => {
          switch (reason) {
            case "required":
              return `${Which} must be filled in.`
            case "not_allowed":
              if (path === "handle") {
                return "A handle may only have lower-case letters (a–z), digits, dots, hyphens and underscores, must start with a letter or a digit, and can be at most 32 characters long."
              }
              return allowed === undefined || allowed.length === 0
                ? `${Which}: that value isn't allowed.`
                : `${Which}: that value isn't allowed. You can choose ${
                  f.list(allowed.map(f.user), "disjunction")
                }.`
            case "in_past":
              return `${Which} must be in the future.`
            case "duplicate":
              return `${Which}: the same value was given twice.`
            case "self_review":
              return `${Which}: whoever wrote the draft can't also review it.`
            case "not_a_reviewer":
              return `${Which}: that person isn't reviewing this item.`
            case "empty":
              return `${Which}: please add at least one.`
            case "no_change":
              return `That doesn't change ${which}.`
          }
        })()
        return `Couldn't ${commandPhrase(name)}. ${why}`
      },
      CommandIdReused: ({ commandId, item }) =>
        `The action id ${f.user(commandId)} was already used for something else on item ${
          f.user(item)
        }, and the first one stands. Try again from a fresh button or command.`,
      DuplicateCommand: ({ commandId }) => `That was already done (action id ${f.user(commandId)}). The first time counts.`,
      StoreUnavailable: ({ detail, location, store }) =>
        `Can't reach the database (${store === "sqlite" ? "SQLite" : "PostgreSQL"} at ${f.user(location)}): ${
          f.user(detail)
        }`,
      UnknownMeeting: ({ meeting }) => `There's no meeting series ${f.user(meeting)} here.`,
      UnknownOccurrence: ({ meeting, occurrence }) =>
        `The meeting series ${f.user(meeting)} has no meeting on ${f.local(occurrence)}. Perhaps it was cancelled?`,
      SeriesEnded: ({ meeting }) => `The meeting series ${f.user(meeting)} has ended and can't be changed any more.`,
      InvalidRecurrence: ({ field: which, part, reason }) => {
        const named = rulePart(part)
        const rule = (problem: string) => `There's a problem with the recurrence rule (RRULE): ${problem} ${ruleExample}`
        switch (reason) {
          case "invalid":
            if (which === "start") {
              return "The start must be a date and time written YYYY-MM-DDThh:mm, for example 2026-03-03T10:00."
            }
            if (which === "durationMinutes") {
              return "The duration must be a whole number of minutes, more than 0 – for example 60 for an hour."
            }
            return `${capitalise(f.lookup(recurrenceField, which) ?? `the field “${f.user(which)}”`)} is not valid.`
          case "unknown_time_zone":
            return "That time zone is unknown. Use an IANA name like Europe/Oslo (or, for example, America/New_York)."
          case "unparsable":
            return rule(
              part === "RRULE"
                ? "it is empty or has spaces in it."
                : part === "FREQ"
                ? "it needs FREQ=DAILY, FREQ=WEEKLY, FREQ=MONTHLY or FREQ=YEARLY."
                : part === "UNTIL"
                ? "UNTIL must be a date like 20261231, or a time like 20261231T170000 (with a Z at the end for UTC)."
                : named === undefined
                ? "it doesn't follow RFC 5545."
                : `${named} is unknown, appears twice or has a value that doesn't follow RFC 5545.`
            )
          case "unsupported_frequency":
            return rule(
              "meetings repeat at most once a day. Use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY – not HOURLY, MINUTELY or SECONDLY."
            )
          case "unsupported_part":
            return rule(
              `${named ?? "BYHOUR, BYMINUTE and BYSECOND"} can't be used – the time of day comes from the start. Take that part out of the rule.`
            )
          case "out_of_range": {
            const range = part === undefined ? undefined : f.lookup(ruleRange, part)
            return rule(
              range === undefined
                ? `${named ?? "a value"} is out of range (like INTERVAL=0, BYMONTH=13 or BYMONTHDAY=32).`
                : `${range}.`
            )
          }
          case "conflicting_parts":
            return rule(
              (part === undefined ? undefined : f.lookup(ruleConflict, part)) ??
                `${named ?? "its parts"} can't be combined with the rest of the rule – RFC 5545 doesn't allow it.`
            )
          case "no_occurrences":
            return rule(
              "it gives no meetings in the hundred years from the start. Check UNTIL, COUNT and the date parts (BYMONTH=2;BYMONTHDAY=30 never gives a date)."
            )
        }
      },
      InvalidPrimerEntry: ({ field: which, reason }) => {
        const name = f.lookup(primerField, which) ?? `the field “${f.user(which)}”`
        const Name = capitalise(name)
        const why = ((): string => {
          switch (reason) {
            case "missing":
              return `${Name} is missing.`
            case "empty":
              return `${Name} needs some text, not just spaces.`
            case "untrimmed":
              return `${Name} starts or ends with spaces – take them out.`
            case "too-short":
              return which === "id" ? `The id is too short. ${idRule}` : `${Name} is too short.`
            case "too-long":
              return which === "id"
                ? `The id is too long. ${idRule}`
                : which === "title" || which === "summary" || which === "body"
                ? `${Name} can have at most ${f.number(textLimits[which])} characters.`
                : `${Name} is too long.`
            case "invalid-characters":
              return `The id has characters that aren't allowed. ${idRule}`
            case "invalid":
              switch (which) {
                case "entry":
                  return "The primer entry needs an id, a language, a title, a summary and a body."
                case "id":
                  return `The id must be text. ${idRule}`
                case "locale":
                  return `The language must be ${
                    f.list(Object.entries(language).map(([code, label]) => `${code} (${label})`), "disjunction")
                  }.`
                case "network":
                  return `The network must be one of these: ${f.list(networks, "disjunction")}.`
                case "topic":
                  return `The topic must be one of these: ${f.list(PrimerTopic.literals, "disjunction")}.`
                default:
                  return `${Name} must be text.`
              }
          }
        })()
        return `Couldn't save the primer entry. ${why}`
      },
      UnreadableExport: ({ column, detected, format, line, reason }) => {
        const name = formatName(format)
        const why = ((): string => {
          switch (reason) {
            case "not_text":
              return "The file isn't text – a spreadsheet (.xlsx or .xls), perhaps? Open it and save it as CSV (preferably “CSV UTF-8”), or download the CSV again."
            case "empty":
              return "The file has no rows of posts. Pick a period with posts in it, and export again."
            case "not_csv":
              return `The file can't be read as CSV: a quotation mark${
                line === undefined ? "" : ` on line ${f.number(line)}`
              } is never closed. Was it edited by hand? Download a fresh export.`
            case "no_header":
              return `There's no header row from ${name} in the file. Is it the right file?`
            case "missing_column":
              return column === "permalink"
                ? "The file has no column with the link or post id (such as “Permalink”, “Post ID” or “Post link”), so Dugnad can't tell which posts the figures are for."
                : column === "metrics"
                ? "The file has no columns of figures Dugnad recognises (such as “Reach”, “Reactions” or “Comments”)."
                : "The file lacks a column the import needs."
            case "wrong_format":
              return `You chose ${name}, but the file ${
                detected === undefined ? "is another export" : `looks like an export from ${formatName(detected)}`
              }. Choose the right network and try again.`
            case "ambiguous_format":
              return "Dugnad can't tell whether the file is from Facebook or Instagram – its columns and links fit both. Choose Facebook or Instagram when you import it."
          }
        })()
        return `Nothing was imported: ${why} ${howToExport(detected ?? format)}`
      },
      NotPublished: ({ item: id, network: name, publishedOn, stage: state }) =>
        publishedOn.length > 0
          ? `Item ${f.user(id)} was published on ${f.list(publishedOn.map(networkName))}, not ${networkName(name)}. Choose ${
            publishedOn.length === 1 ? "that network" : "one of those"
          } – or, if it went out on ${networkName(name)} too, record that publication first.`
          : `Item ${f.user(id)} isn't published yet (it's at the “${
            f.lookup(stage, state) ?? f.user(state)
          }” stage), so there's no ${networkName(name)} post to put figures in context. Record the publication first.`,
      ChartRenderError: ({ detail, stage: step }) => {
        const share = "Share the results without a chart"
        if (step === "input" && detail === "post-without-value") {
          return `Couldn't draw the results chart: the post has no figures for what the chart shows, so there's nothing to compare it with. ${share} – the message still gives the numbers there are – or record the post's figures first.`
        }
        if (step === "input" && detail === "invalid-size") {
          return `Couldn't draw the results chart: the image size isn't valid (width, height and scale must be positive numbers, and the image can't be larger than the limit). That's a fault in Dugnad, not in your numbers. ${share}, and please report it.`
        }
        const where = f.lookup(chartStep, step) ?? "along the way"
        const why = detail.trim() === "" ? "" : ` (${f.user(detail.trim())})`
        return `Couldn't draw the results chart: something went wrong ${where}${why}. ${share}, and please report the problem with this message.`
      }
    },

    event: {
      IdeaSubmitted: (event, title, context) =>
        `${who(context, event.by)} has a new idea: ${q(title)}` +
        (event.department === undefined ? "." : ` (${f.user(event.department)}).`),
      IdeaEdited: (event, title, context) => `${who(context, event.by)} edited the idea ${q(title)}.`,
      IdeaAccepted: (event, title, context) =>
        `Good news! ${who(context, event.by)} is taking the idea ${q(title)} on and starting a draft. Thank you for sharing it!`,
      IdeaParked: (event, title, context) =>
        `${who(context, event.by)} has parked the idea ${q(title)} for now: ${
          f.sentence(event.reason)
        } It can be revived later.`,
      IdeaRevived: (event, title, context) => `${who(context, event.by)} has revived the idea ${q(title)}.`,
      IdeaDeclined: (event, title, context) =>
        `${who(context, event.by)} has decided not to go ahead with the idea ${q(title)} this time: ${
          f.sentence(event.reason)
        } Thank you for sharing it – please keep them coming!`,
      DraftRevised: (event, title, context) =>
        event.revision === 1
          ? `${who(context, event.by)} has written the first draft of ${q(title)}.`
          : event.kind === "content"
          ? `${who(context, event.by)} has posted revision ${event.revision} of ${
            q(title)
          }. The content changed, so the facts need approving again.`
          : `${who(context, event.by)} has posted revision ${event.revision} of ${
            q(title)
          } with format changes only. Fact approvals still stand, but do say if something is now wrong.`,
      ReviewRequested: (event, title, context) =>
        `${who(context, event.by)} asks ${
          people(context, event.reviewers.map((reviewer) => reviewer.member))
        } to review ${q(title)}` +
        (event.due === undefined ? "." : `, ideally by ${f.dateTime(event.due, context.timeZone)}.`),
      FactsApproved: (event, title, context) =>
        `${who(context, event.by)} has approved the facts in revision ${event.revision} of ${q(title)}.`,
      FactObjectionRaised: (event, title, context) =>
        `${who(context, event.by)} has raised a fact objection (${f.user(event.objection)}) to revision ${event.revision} of ${
          q(title)
        }. What is wrong: ${f.sentence(event.claim)} What is right: ${
          f.sentence(event.correction)
        } The item can't be approved or published until the objection is resolved.`,
      FactObjectionResolved: (event, title, context) =>
        `${who(context, event.by)} has resolved fact objection ${f.user(event.objection)} on ${q(title)}${
          colon(event.note)
        }`,
      FormatSuggested: (event, title, context) =>
        `${who(context, event.by)} has a format suggestion (${f.user(event.suggestion)}) for revision ${event.revision} of ${
          q(title)
        }: ${f.user(event.note)}`,
      FormatSuggestionDecided: (event, title, context) =>
        (event.decision === "accepted"
          ? `${who(context, event.by)} has taken up your format suggestion for ${q(title)}: ${f.user(event.explanation)}`
          : `${who(context, event.by)} has decided not to use your format suggestion for ${q(title)}: ${
            f.user(event.explanation)
          }`) +
        (event.primer === undefined ? "" : ` (More in the primer: ${f.user(event.primer)}.)`),
      CommentAdded: (event, title, context) => `${who(context, event.by)} commented on ${q(title)}: ${f.user(event.text)}`,
      ReviewerRemoved: (event, title, context) =>
        `${who(context, event.by)} has taken ${who(context, event.reviewer)} off the review of ${q(title)}: ${
          f.sentence(event.reason)
        } Thank you for your help!`,
      ApprovedForPublication: (event, title, context) =>
        `${who(context, event.by)} has approved ${q(title)} for publication (revision ${event.revision}). Thanks to everyone who helped!`,
      PublicationScheduled: (event, title, context) =>
        `${who(context, event.by)} has scheduled ${q(title)} for ${network[event.network]} on ${
          f.dateTime(event.scheduledFor, context.timeZone)
        }.`,
      PostPublished: (event, title, context) =>
        `${q(title)} went out on ${network[event.network]} on ${f.dateTime(event.publishedAt, context.timeZone)}: ${
          f.user(event.url)
        }`,
      ResultsRecorded: (event, title, context) =>
        `${who(context, event.by)} has recorded figures for ${q(title)} on ${network[event.network]}: ${
          metricsOrNothing(f.metrics(event.metrics, metric))
        }` +
        (event.highlights.length === 0
          ? "."
          : `, and kept ${
            event.highlights.length === 1 ? "one comment" : `${f.number(event.highlights.length)} comments`
          }.`),
      ResultsShared: (event, title, context) =>
        `${who(context, event.by)} has shared the results of ${q(title)} with everyone who took part.`,
      MarkedSuccess: (event, title, context) =>
        `That went well! ${who(context, event.by)} has marked ${q(title)} as a success${
          colon(event.note)
        } Thanks to everyone who took part!`,
      FollowUpProposed: (event, title, context) =>
        `${who(context, event.by)} proposes a follow-up to ${q(title)}: ${q(event.title)}.`,
      CorrectionRecorded: (event, title, context) =>
        `${who(context, event.by)} has corrected ${q(title)} after fact ${
          event.objections.length === 1 ? "objection" : "objections"
        } ${ids(event.objections)}: ${f.user(event.note)}`,
      ItemWithdrawn: (event, title, context) =>
        `${who(context, event.by)} has withdrawn ${q(title)}: ${f.sentence(event.reason)}`,
      ItemClosed: (event, title, context) => `${who(context, event.by)} has closed ${q(title)}.`
    },

    reminder: {
      review: ({ due, reviewer, title }, context) =>
        (reviewer === undefined ? "" : `Hi, ${who(context, reviewer)}! `) +
        `${q(title)} is waiting for your review, ideally by ${f.dateTime(due, context.timeZone)}. ` +
        "Subject experts approve the facts or raise a fact objection; everyone can comment and suggest format changes.",
      reviewOverdue: ({ due, reviewer, title }, context) =>
        (reviewer === undefined ? "" : `Hi, ${who(context, reviewer)}! `) +
        `The review of ${q(title)} was due ${f.dateTime(due, context.timeZone)}. ` +
        "Have you had a chance to look at it? It can't be published until the subject experts have approved the facts.",
      resultsCheckIn: ({ days, network: name, publishedAt, title }, context) =>
        `It's been ${days === 1 ? "a day" : `${f.number(days)} days`} since ${q(title)} went out on ${network[name]} (${
          f.dateTime(publishedAt, context.timeZone)
        }). ` +
        "Time to record the figures – and share them with everyone who took part!"
    },

    meeting: {
      reminder: (params, context) => {
        const lines = [
          `${q(params.title)} is coming up: ${f.dateTime(params.start, params.timeZone)}.`,
          "",
          "What are you working on? Could it become content? How?"
        ]
        if (params.agenda.length > 0) {
          lines.push("", "Agenda:", ...params.agenda.map((line) => `- ${f.user(line)}`))
        }
        if (params.ideasLastTime.length > 0) {
          lines.push(
            "",
            params.lastOccurrence === undefined
              ? "Ideas from last time, and where they are now:"
              : `Ideas from the last meeting (${f.local(params.lastOccurrence)}), and where they are now:`,
            ...params.ideasLastTime.map((idea) => `- ${q(idea.title)} from ${who(context, idea.by)}: ${stage[idea.stage]}`)
          )
        }
        if (params.postsSince.length > 0) {
          lines.push(
            "",
            "How the posts since last time have done:",
            ...params.postsSince.map((post) =>
              `- ${q(post.title)} on ${network[post.network]} (${f.date(post.publishedAt, params.timeZone)}): ${
                metricsOrNothing(f.metrics(post.metrics, metric))
              }`
            )
          )
        }
        if (params.followUps.length > 0) {
          lines.push(
            "",
            "Follow-up ideas to take up:",
            ...params.followUps.map((idea) => `- ${q(idea.title)} from ${who(context, idea.by)}`)
          )
        }
        return lines.join("\n")
      },
      summary: (params, context) => {
        const lines = [`Summary of ${q(params.title)}, ${f.dateTime(params.start, params.timeZone)}.`]
        if (params.attendance.length > 0) {
          lines.push(`${f.number(params.attendance.length)} took part: ${people(context, params.attendance)}.`)
        }
        lines.push(
          "",
          ...(params.ideas.length === 0
            ? ["No new ideas this time – maybe next time!"]
            : [
              "Ideas:",
              ...params.ideas.map((idea) => `- ${q(idea.title)} from ${who(context, idea.by)}`),
              "Thank you for all the good input!"
            ])
        )
        if (params.nextSteps.length > 0) {
          lines.push(
            "",
            "Next steps:",
            ...params.nextSteps.map((step) =>
              `- ${f.user(step.text)} – ${who(context, step.owner)}` +
              (step.due === undefined ? "" : `, by ${f.local(step.due)}`)
            )
          )
        }
        return lines.join("\n")
      },
      cancelled: ({ occurrence, reason, title }) =>
        `${q(title)} on ${f.local(occurrence)} is cancelled${colon(reason)} See you next time!`,
      moved: ({ occurrence, reason, start, timeZone, title }) =>
        `${q(title)} has moved from ${f.local(occurrence)} to ${f.dateTime(start, timeZone)}${colon(reason)}`
    },

    stage,
    role: {
      member: "member",
      expert: "subject expert",
      manager: "manager",
      advisor: "communications advisor"
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
        return `${networkOr(finding)} allows at most ${count(limit, "character", "characters")}, and the text has ${
          num(length)
        }` + (cut === undefined ? "." : ` – cut at least ${count(cut, "character", "characters")}.`)
      },
      "length-over-recommended": (finding) =>
        `We recommend at most ${count(finding.recommended?.["length"], "character", "characters")}${
          onNetwork(finding)
        }, and the text has ${num(finding.measured["length"])} – short posts are more often read to the end.`,
      "first-line-truncated": (finding) =>
        `${on(finding) ?? "The feed"} cuts the text at ${
          count(finding.recommended?.["firstSentenceLength"], "character", "characters")
        } (“See more”); the first sentence ends after ${
          count(finding.measured["firstSentenceLength"], "character", "characters")
        } – get to the point early.`,
      readability: (finding) => {
        const lix = finding.measured["lix"]
        const hard = finding.recommended?.["lix"]
        const band = lix !== undefined && lix >= lixBandFloors.veryHard ? "very hard to read" : "hard to read"
        return `${finding.network === undefined ? "The text" : `The text for ${on(finding)}`} has a LIX of ${
          lix === undefined ? "?" : f.number(Math.round(lix))
        } and is ${band} (${num(hard)} and up counts as hard): ${count(finding.measured["words"], "word", "words")}, ${
          num(finding.measured["longWords"])
        } of them longer than ${f.number(longWordLetters)} letters, in ${
          count(finding.measured["sentences"], "sentence", "sentences")
        } – shorter sentences and plainer words make it easier.`
      },
      "hashtags-over-recommended": (finding) =>
        `We recommend at most ${count(finding.recommended?.["hashtags"], "hashtag", "hashtags")}${
          onNetwork(finding)
        }, and the post has ${num(finding.measured["hashtags"])} – a few well-chosen ones work better than many.`,
      "hashtags-over-limit": (finding) => {
        const hashtags = finding.measured["hashtags"]
        const limit = finding.limit?.["hashtags"]
        const cut = excess(hashtags, limit)
        return `${networkOr(finding)} allows at most ${count(limit, "hashtag", "hashtags")}, and the post has ${
          num(hashtags)
        }` + (cut === undefined ? "." : ` – remove at least ${num(cut)}.`)
      },
      "link-not-clickable": (finding) =>
        `Links in the text can't be clicked${onNetwork(finding)}, and the text has ${
          count(finding.measured["links"], "such link", "such links")
        } – put the link in the profile and say “link in bio”, or write a short address people can type, like nav.no.`,
      "media-required": (finding) => {
        const media = finding.measured["media"]
        const videos = finding.measured["videos"]
        const required = finding.network !== undefined && Object.hasOwn(rules, finding.network)
          ? rules[finding.network].requiredMedia
          : undefined
        return ((media ?? 0) > 0 && videos === 0) || required === "video"
          ? `${networkOr(finding)} needs a video, and the draft has ${
            media === undefined || media === 0
              ? "no images or videos"
              : `${count(media, "media file", "media files")} but no video`
          } – add a video before it goes out there.`
          : `${networkOr(finding)} needs an image or a video, and the draft has none – add at least one.`
      },
      "too-many-images": (finding) =>
        `${networkOr(finding)} takes at most ${count(finding.limit?.["images"], "image", "images")} in one post, and the draft has ${
          num(finding.measured["images"])
        } – pick the best ones, or spread them over several posts.`,
      "alt-text-placeholder": (finding) =>
        `${capitalise(altText(finding))} has ${
          count(finding.measured["altLength"], "character", "characters")
        } and looks like a placeholder (a file name, the link, a word like “image”, or too short to describe anything) – say what the image shows, for people who can't see it.`,
      "alt-text-too-long": (finding) => {
        const length = finding.measured["altLength"]
        const limit = finding.limit?.["altLength"]
        const cut = excess(length, limit)
        return `${networkOr(finding)} takes at most ${count(limit, "character", "characters")} of alt text per image, and ${
          altText(finding)
        } has ${num(length)}` +
          (cut === undefined ? "" : ` – cut at least ${count(cut, "character", "characters")}`) +
          ", and move the rest into the post itself if it's needed."
      },
      "video-over-limit": (finding) => {
        const seconds = finding.measured["seconds"]
        const limit = finding.limit?.["seconds"]
        const cut = excess(seconds, limit)
        return `${networkOr(finding)} takes videos of at most ${duration(limit)}, and the video${mediaFile(finding)} is ${
          duration(seconds)
        } long – ${
          cut === undefined ? "trim it" : `trim at least ${duration(cut)}`
        }, or post it somewhere else and link to it.`
      },
      "video-over-recommended": (finding) =>
        `We recommend videos of at most ${duration(finding.recommended?.["seconds"])}${onNetwork(finding)}, and the video${
          mediaFile(finding)
        } is ${duration(finding.measured["seconds"])} long – short videos are more often watched to the end.`,
      "video-duration-unknown": (finding) =>
        `The video${
          mediaFile(finding)
        } has no length given, so Dugnad can't check it against each network's limits – add its length in seconds.`
    },
    severity: {
      error: "error",
      warning: "warning",
      info: "info"
    },
    contribution,
    followUp,
    chart: (name, windowDays) => ({
      title: `Engagement on ${networkName(name)}`,
      subtitle: `This post and the ${postsOn(name)} of the ${
        windowDays === 1 ? "day" : `${f.number(windowDays)} days`
      } before it`,
      metric: "Engagement (reactions + comments + shares)",
      thisPost: "This post",
      otherPosts: "Other posts",
      median: "Median (this one included)"
    }),
    results: {
      feedback: ({ feedback: found, participant }, context) => {
        const lines = [
          `Hi, ${who(context, participant.member)}! ${thanks(participant.contributions)} Here's how ${q(found.title)} did:`
        ]
        for (const post of found.posts) {
          lines.push(
            "",
            `${networkName(post.network)}, published ${f.date(post.publishedAt, context.timeZone)}:`,
            `- ${numbersLine(post, context)}`,
            ...[...standingLines(post), ...bestLine(post)].map((line) => `- ${line}`),
            ...(post.success
              ? [`- A success: among the best ${networkName(post.network)} posts ${lastDays(post.context.window.days)}!`]
              : [])
          )
          const highlights = distinctHighlights(post.highlights)
          if (highlights.length > 0) lines.push("From the comments:", ...highlights.map(highlightLine))
        }
        if (found.posts.length === 0) lines.push("", "No posts recorded yet.")
        const goals = goalLines(found)
        if (goals.length > 0) lines.push("", ...goals)
        const { engagement, rate } = explained(found)
        if (engagement) {
          lines.push(
            "",
            "Engagement is reactions, comments and shares together." +
              (rate ? " The engagement rate is engagement divided by reach: the share of the people who saw the post who did any of that." : "")
          )
        }
        if (found.success || found.marked) lines.push("", "It's a success – thank you for helping make it happen!")
        return lines.join("\n")
      },
      celebration: (found, context) => {
        const celebrated = found.success || found.marked
        const lines = [celebrated ? `That went really well: ${q(found.title)} is a success!` : `Here's how ${q(found.title)} did:`]
        const winners = found.posts.filter((post) => post.success)
        for (const post of winners.length > 0 ? winners : found.posts) {
          lines.push(`- ${networkName(post.network)}: ${decidingLine(post)}.`)
        }
        const names = credits(found, context)
        if (names !== "") lines.push("", "Thank you to everyone who took part:", names)
        if (found.followUps.length > 0) {
          const titles = f.list(
            found.followUps.map((suggestion) => q(followUp[suggestion.angle](found.title).title)),
            "disjunction"
          )
          const advisors = advisorsOf(found)
          lines.push(
            "",
            advisors.length === 0
              ? `A communications advisor can pick a follow-up in one step: ${titles}.`
              : `${people(context, advisors)}, would you like to pick a follow-up? Suggestions: ${titles}.`
          )
        }
        return lines.join("\n")
      }
    },
    chat: {
      action: {
        approveFacts: "Approve facts",
        object: "Object to facts",
        suggestFormat: "Suggest format",
        comment: "Comment",
        acceptFormat: "Accept",
        declineFormat: "Decline",
        resolveObjection: "Resolve objection",
        acceptIdea: "Take on",
        parkIdea: "Park",
        declineIdea: "Decline",
        approvePublication: "Approve for publication",
        submitIdea: "Submit an idea",
        writeDraft: "Revise draft",
        reviseFormat: "Revise format only",
        recordResults: "Record results"
      },
      form: {
        object: "Fact objection",
        suggestFormat: "Format suggestion",
        comment: "Comment",
        acceptFormat: "Accept suggestion",
        declineFormat: "Decline suggestion",
        resolveObjection: "Resolve objection",
        parkIdea: "Park the idea",
        declineIdea: "Decline the idea",
        submitIdea: "New idea",
        writeDraft: "Draft",
        reviseFormat: "Format revision",
        recordResults: "Results"
      },
      field: {
        claim: "What is wrong?",
        correction: "What is right?",
        note: "Note",
        text: "Text",
        reason: "Reason",
        primer: "Primer entry (optional)",
        title: "Title",
        pitch: "Pitch",
        department: "Department",
        networks: "Networks",
        mediaUrl: "Image or video link",
        alt: "Alt text or caption",
        reach: "Reach",
        impressions: "Impressions",
        reactions: "Reactions",
        comments: "Comments",
        shares: "Shares"
      },
      placeholder: {
        claim: "The sentence or number that is wrong",
        correction: "What it should say, and how you know",
        note: "Too long? Too complicated? The tone?",
        text: "Write your comment",
        reason: "A short explanation – it is sent on",
        primer: "e.g. linkedin-first-lines",
        title: "A few words about the idea",
        pitch: "What is it, and why would people care?",
        department: "e.g. Fisheries",
        networks: "e.g. facebook, linkedin",
        mediaUrl: "https://…",
        alt: "Describe the image for someone who can't see it",
        reach: "e.g. 1200",
        impressions: "e.g. 3400",
        reactions: "e.g. 85",
        comments: "e.g. 12",
        shares: "e.g. 7"
      },
      title: {
        reviewDue: "Review reminder",
        reviewOverdue: "Review overdue",
        resultsCheckIn: "Time to record results",
        meetingReminder: "Idea meeting soon",
        meetingSummary: "Idea meeting summary",
        meetingChanged: "Idea meeting changed",
        board: "Board",
        goals: "Goals report",
        people: "Who took part",
        departments: "Departments",
        primer: (name) => `Primer: ${name}`,
        nextMeeting: "Next idea meeting",
        noMeeting: "No meeting planned",
        results: "Your results",
        celebration: "A post did well!",
        error: "That didn't work"
      },
      label: {
        item: "Item",
        stage: "Stage",
        revision: "Revision",
        networks: "Networks",
        plannedFor: "Planned for",
        due: "Due",
        reviewers: "Reviewers",
        openObjections: "Open fact objections",
        missingApprovals: "Waiting for fact approval from",
        undecidedSuggestions: "Undecided format suggestions",
        submittedBy: "Submitted by",
        department: "Department",
        pitch: "Pitch",
        ideas: "Ideas",
        posts: "Posts",
        reviews: "Reviews",
        reach: "Reach",
        engagement: "Engagement",
        best: "Best post",
        members: "Members",
        when: "When",
        textOn: (name) => `Text on ${name}`,
        media: (index, kind) => `${kind === "video" ? "Video" : kind === "illustration" ? "Illustration" : "Image"} ${index}`
      },
      revision: (number) => `Revision ${number}`,
      more: (count) => `… and ${f.number(count)} more`,
      none: "none",
      command: {
        notHere: {
          title: (platform) => `Not in ${platform} yet`,
          body: (platform) => `This command is not offered in ${platform} yet: use the dugnad CLI for it (dugnad --help).`
        },
        badTime: {
          title: "Not a date Dugnad can use",
          body: (option, given, timeZone) =>
            `${option}: “${given}” is not a date that exists, or not one written as Dugnad reads it. Give YYYY-MM-DD or YYYY-MM-DDTHH:MM (in ${timeZone}), for example 2026-12-01T10:00.`
        },
        badStart: {
          title: "Not a start Dugnad can use",
          body: (option, given) =>
            `${option}: “${given}” is not a date and time that exists, or not one written as Dugnad reads it. Give YYYY-MM-DDTHH:MM, for example 2026-03-03T10:00.`
        },
        members: { title: "Members", empty: "Nobody has been added yet." },
        goals: { title: "Goals", empty: (command) => `No goals yet: add one with ${command}.`, added: "Goal added" },
        checks: {
          title: (item, revision) => `Checks of ${item}, revision ${revision}`,
          clean: "Nothing to fix: the draft passes every check."
        }
      }
    },
    import: {
      report: (report, context = noContext) => {
        const invalidRows = new Set(report.invalid.map((cell) => cell.line)).size
        const parts = [
          `${f.number(report.recorded.length)} recorded`,
          ...(report.unchanged.length === 0 ? [] : [`${f.number(report.unchanged.length)} unchanged (imported before)`]),
          ...(report.unmatched.length === 0 ? [] : [`${f.number(report.unmatched.length)} unmatched`]),
          ...(invalidRows === 0 ? [] : [`${f.number(invalidRows)} with figures that can't be read`]),
          ...(report.refused.length === 0 ? [] : [`${f.number(report.refused.length)} refused`])
        ]
        const lines = [`Import from ${formatName(report.format)}: ${count(report.rows, "row", "rows")} read – ${f.list(parts)}.`]
        if (report.unmatched.length > 0) {
          lines.push(
            "",
            "Unmatched:",
            ...report.unmatched.map((row) =>
              `- Line ${f.number(row.line)}${row.identifier === undefined ? "" : ` (${f.user(row.identifier)})`}: ${
                f.sentence(f.lookup(unmatched, row.reason) ?? row.reason)
              }`
            )
          )
        }
        if (report.invalid.length > 0) lines.push("", "Figures that can't be read:", ...report.invalid.map(invalidLine))
        if (report.refused.length > 0) {
          lines.push(
            "",
            "Refused:",
            ...report.refused.map((row) =>
              `- Line ${f.number(row.line)} (item ${f.user(row.item)} on ${networkName(row.network)}): ${
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

import { assert, describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import { type DraftBody, type Media, type Network, networks } from "../src/Draft.js"
import * as ChatAction from "../src/ChatAction.js"
import * as Errors from "../src/Errors.js"
import * as FormatChecks from "../src/FormatChecks.js"
import { CommandId, GoalId, ItemId, MeetingId, MemberId, ObjectionId, SuggestionId, WorkspaceId } from "../src/Ids.js"
import { stages } from "../src/Item.js"
import { ItemEvent, Metrics } from "../src/ItemEvent.js"
import { type Locale, Member, Role, Workspace } from "../src/Member.js"
import * as Messages from "../src/Messages.js"
import { ReminderSubject } from "../src/Notification.js"
import * as Primer from "../src/Primer.js"
import * as Recurrence from "../src/Recurrence.js"
import { type Contribution, type Feedback, followUpAngles, type Participant, type PostFeedback } from "../src/Results.js"
import * as ResultsChart from "../src/ResultsChart.js"
import * as ResultsContext from "../src/ResultsContext.js"
import * as ResultsImport from "../src/ResultsImport.js"

const locales: ReadonlyArray<Locale> = ["nb", "en"]

const per = MemberId.make("per")
const siri = MemberId.make("siri")
const ola = MemberId.make("ola")
const ingrid = MemberId.make("ingrid")
const names: Record<string, string> = { per: "Per", siri: "Siri", ola: "Ola", ingrid: "Ingrid" }
const context: Messages.RenderContext = { timeZone: "Europe/Oslo", name: (member) => names[member] ?? member }

const item = ItemId.make("it1")
const title = "Kysten i morgenlys"
// 30 March 2026: the day after Norway moved to summer time, so 09:00 UTC is 11:00 in Oslo.
const monday = DateTime.unsafeMake("2026-03-30T09:00:00Z")
const oslo = { nb: "mandag 30. mars 2026 kl. 11:00", en: "Monday, 30 March 2026 at 11:00" } as const

/** A value to render, the typed values it must show in every language, and wording per language. */
interface Sample<A> {
  readonly value: A
  readonly shows: ReadonlyArray<string>
  readonly nb?: ReadonlyArray<string>
  readonly en?: ReadonlyArray<string>
}

const assertShows = (text: string, sample: Sample<unknown>, locale: Locale) => {
  assert.isNotEmpty(text.trim())
  for (const expected of [...sample.shows, ...(sample[locale] ?? [])]) {
    assert.include(text, expected, `${locale}: ${text}`)
  }
  assert.notInclude(text, "undefined")
  assert.notInclude(text, "[object")
}

/** Every key of a catalogue as a dotted path (`error.NotAuthorized`, `stage.Idea`). */
const keysOf = (catalogue: object, prefix = ""): ReadonlyArray<string> =>
  Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`]
  )

const missingFrom = (from: Messages.Catalogue, to: Messages.Catalogue): ReadonlyArray<string> => {
  const present = new Set(keysOf(to))
  return keysOf(from).filter((key) => !present.has(key))
}

const leavesOf = (catalogue: object): ReadonlyArray<unknown> =>
  Object.values(catalogue).flatMap((value) => (typeof value === "object" && value !== null ? leavesOf(value) : [value]))

/** The `_tag` of a `Schema.TaggedError` class, found among a module's exports. */
const errorClassTag = (value: unknown): string | undefined =>
  typeof value === "function" && Schema.isSchema(value) && value.prototype instanceof Error && "_tag" in value &&
    typeof value._tag === "string"
    ? value._tag
    : undefined

/**
 * The modules whose error classes `Messages.DugnadError` takes in: `Errors`, and the modules that
 * define their errors next to the data they check. A module added to `DugnadError` belongs here too.
 */
const errorModules: ReadonlyArray<object> = [
  Errors,
  ChatAction,
  Recurrence,
  Primer,
  ResultsImport,
  ResultsContext,
  ResultsChart
]

const errorClasses = errorModules.flatMap((module) => Object.values(module).filter((value) => errorClassTag(value) !== undefined))
const errorTags = errorClasses.map((value) => errorClassTag(value)!).sort()

const eventTags = ItemEvent.members
  .flatMap((member) =>
    SchemaAST.getPropertySignatures(member.ast).flatMap((signature) =>
      signature.name === "_tag" && SchemaAST.isLiteral(signature.type) ? [String(signature.type.literal)] : []
    )
  )
  .sort()

const sorted = (keys: Iterable<string>) => [...keys].sort()

/** The error a validation refused with; fails the test if it was accepted. */
const refused = <E>(result: Either.Either<unknown, E>): E =>
  Either.getOrThrowWith(Either.flip(result), () => new Error("expected the input to be refused"))

const ruleExample = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
const segment: Recurrence.Segment = {
  start: "2026-03-03T10:00",
  rrule: ruleExample,
  timeZone: "Europe/Oslo",
  durationMinutes: 60
}
const primerEntry = {
  id: "bilder-av-folk",
  locale: "nb",
  title: "Bilder av folk",
  summary: "Spør alltid før du tar bilde av noen.",
  body: "Spør alltid først, og fortell hvor bildet skal brukes."
}

const errorSamples: { readonly [E in Messages.DugnadError as E["_tag"]]: Sample<E> } = {
  NotAuthorized: {
    value: new Errors.NotAuthorized({ actor: ola, command: "ApproveForPublication", rule: "advisor_only" }),
    shows: [],
    nb: ["Bare kommunikasjonsrådgivere kan godkjenne for publisering."],
    en: ["Only communications advisors can approve for publication."]
  },
  InvalidTransition: {
    value: new Errors.InvalidTransition({ item, command: "ApproveFacts", state: "Idea" }),
    shows: [],
    nb: ["godkjenne faktaene", "«idé»"],
    en: ["approve the facts", "“idea”"]
  },
  FactObjectionOpen: {
    value: new Errors.FactObjectionOpen({ item, objections: [ObjectionId.make("O1"), ObjectionId.make("O2")] }),
    shows: [],
    nb: ["faktainnsigelsene O1 og O2 er åpne"],
    en: ["fact objections O1 and O2 are open"]
  },
  StaleAction: {
    value: new ChatAction.StaleAction({ item, action: "approveFacts", reason: "revision", stage: "InReview", pressed: 2, current: 3 }),
    shows: [],
    nb: ["versjon 2", "versjon 3", "Se på det nye utkastet først"],
    en: ["revision 2", "revision 3", "Look at the new draft first"]
  },
  InvalidAction: {
    value: new ChatAction.InvalidAction({ id: "junk" }),
    shows: [],
    nb: ["kjenner ikke igjen denne knappen"],
    en: ["doesn't recognise this button"]
  },
  StaleRevision: {
    value: new Errors.StaleRevision({ item, seen: 2, latest: 4, latestContent: 3 }),
    shows: [],
    nb: ["versjon 2", "versjon 4", "versjon 3"],
    en: ["revision 2", "revision 4", "revision 3"]
  },
  ExpertApprovalMissing: {
    value: new Errors.ExpertApprovalMissing({ item, revision: 3, missing: [per, siri] }),
    shows: [],
    nb: ["før Per og Siri har godkjent faktaene i versjon 3"],
    en: ["until Per and Siri have approved the facts in revision 3"]
  },
  FormatSuggestionUndecided: {
    value: new Errors.FormatSuggestionUndecided({ item, suggestions: [SuggestionId.make("S1")] }),
    shows: ["S1"],
    nb: ["formatforslag S1"],
    en: ["format suggestion S1"]
  },
  ExpertReviewerRequired: {
    value: new Errors.ExpertReviewerRequired({ item }),
    shows: [],
    nb: ["fagekspert"],
    en: ["subject expert"]
  },
  UnknownItem: {
    value: new Errors.UnknownItem({ workspace: WorkspaceId.make("kyst"), item: ItemId.make("it9") }),
    shows: ["it9"]
  },
  UnknownObjection: {
    value: new Errors.UnknownObjection({ item, objection: ObjectionId.make("O3"), status: "resolved" }),
    shows: ["O3"],
    nb: ["allerede løst"],
    en: ["already resolved"]
  },
  UnknownSuggestion: {
    value: new Errors.UnknownSuggestion({ item, suggestion: SuggestionId.make("S2"), status: "decided" }),
    shows: ["S2"],
    nb: ["allerede avgjort"],
    en: ["already been decided"]
  },
  AlreadyPublished: {
    value: new Errors.AlreadyPublished({ item, network: "instagram" }),
    shows: ["Instagram"]
  },
  UnknownWorkspace: { value: new Errors.UnknownWorkspace({ workspace: WorkspaceId.make("kyst") }), shows: ["kyst"] },
  UnknownMember: {
    value: new Errors.UnknownMember({ workspace: WorkspaceId.make("kyst"), member: "kari" }),
    shows: ["kari"]
  },
  WorkspaceExists: { value: new Errors.WorkspaceExists({ workspace: WorkspaceId.make("kyst") }), shows: ["kyst"] },
  HandleTaken: {
    value: new Errors.HandleTaken({ workspace: WorkspaceId.make("kyst"), handle: "kari" }),
    shows: ["kari"]
  },
  UnknownGoal: { value: new Errors.UnknownGoal({ workspace: WorkspaceId.make("kyst"), goal: "G7" }), shows: ["G7"] },
  VersionConflict: {
    value: new Errors.VersionConflict({ workspace: WorkspaceId.make("kyst"), stream: "it1", expected: 5, actual: 6 }),
    shows: ["5", "6"]
  },
  InvalidCommand: {
    value: new Errors.InvalidCommand({
      command: "WriteDraft",
      field: "body.networks",
      reason: "not_allowed",
      allowed: ["facebook", "linkedin"]
    }),
    shows: [],
    nb: ["Det gikk ikke å skrive utkastet.", "Kanalene utkastet skal ut i", "facebook eller linkedin"],
    en: ["Couldn't write the draft.", "The networks the draft is for", "facebook or linkedin"]
  },
  CommandIdReused: {
    value: new Errors.CommandIdReused({ workspace: WorkspaceId.make("kyst"), commandId: CommandId.make("c-42"), item }),
    shows: ["c-42", "it1"]
  },
  DuplicateCommand: {
    value: new Errors.DuplicateCommand({ workspace: WorkspaceId.make("kyst"), commandId: CommandId.make("c-42") }),
    shows: ["c-42"]
  },
  StoreUnavailable: {
    value: new Errors.StoreUnavailable({
      store: "postgres",
      location: "postgres://db.example/dugnad",
      detail: "connection refused"
    }),
    shows: ["PostgreSQL", "postgres://db.example/dugnad", "connection refused"]
  },
  UnknownMeeting: {
    value: new Errors.UnknownMeeting({ workspace: WorkspaceId.make("kyst"), meeting: MeetingId.make("idemote") }),
    shows: ["idemote"]
  },
  UnknownOccurrence: {
    value: new Errors.UnknownOccurrence({ meeting: MeetingId.make("idemote"), occurrence: "2026-03-03T10:00" }),
    shows: ["idemote"],
    nb: ["tirsdag 3. mars 2026 kl. 10:00"],
    en: ["Tuesday, 3 March 2026 at 10:00"]
  },
  SeriesEnded: { value: new Errors.SeriesEnded({ meeting: MeetingId.make("idemote") }), shows: ["idemote"] },
  InvalidRecurrence: {
    value: refused(Recurrence.validateSegment({ ...segment, rrule: "FREQ=HOURLY" })),
    shows: ["HOURLY", ruleExample],
    nb: ["gjentakelsesregelen (RRULE)", "høyst én gang om dagen"],
    en: ["the recurrence rule (RRULE)", "at most once a day"]
  },
  InvalidPrimerEntry: {
    value: refused(Primer.decodeOverride({ ...primerEntry, id: "Bilder av folk" })),
    shows: ["a–z", "0–9"],
    nb: ["Det gikk ikke å lagre innføringsteksten.", "Id-en har tegn som ikke er lov.", "bindestrek"],
    en: ["Couldn't save the primer entry.", "The id has characters that aren't allowed.", "dashes"]
  },
  UnreadableExport: {
    value: new ResultsImport.UnreadableExport({ format: "meta", reason: "missing_column", column: "permalink" }),
    shows: ["Meta Business Suite", "Permalink"],
    nb: ["Ingenting ble importert", "Innsikt → Innhold → Eksporter"],
    en: ["Nothing was imported", "Insights → Content → Export"]
  },
  NotPublished: {
    value: new ResultsContext.NotPublished({
      item,
      network: "instagram",
      stage: "Published",
      publishedOn: ["linkedin", "facebook"]
    }),
    shows: ["it1"],
    nb: ["er publisert på LinkedIn og Facebook, ikke på Instagram."],
    en: ["was published on LinkedIn and Facebook, not Instagram."]
  },
  ChartRenderError: {
    value: new ResultsChart.ChartRenderError({ stage: "png", detail: "out of memory" }),
    shows: ["out of memory"],
    nb: ["Det gikk ikke å tegne resultatgrafen", "da bildet ble laget", "Del resultatene uten graf", "meld fra"],
    en: ["Couldn't draw the results chart", "while making the image", "Share the results without a chart", "report"]
  }
}

const by = (member: MemberId) => ({ by: member, at: monday })

const eventSamples: { readonly [E in ItemEvent as E["_tag"]]: Sample<E> } = {
  IdeaSubmitted: {
    value: {
      _tag: "IdeaSubmitted",
      ...by(per),
      item,
      title,
      pitch: "Fiskebåtene kommer inn i soloppgangen",
      department: "Fiskeri",
      goals: [],
      concerns: [siri]
    },
    shows: ["Per", title, "Fiskeri"]
  },
  IdeaEdited: { value: { _tag: "IdeaEdited", ...by(per), pitch: "Ny vinkel" }, shows: ["Per", title] },
  IdeaAccepted: { value: { _tag: "IdeaAccepted", ...by(ingrid) }, shows: ["Ingrid", title] },
  IdeaParked: {
    value: { _tag: "IdeaParked", ...by(ingrid), reason: "Vi venter på tallene fra kvoterådet" },
    shows: ["Ingrid", title, "Vi venter på tallene fra kvoterådet."]
  },
  IdeaRevived: { value: { _tag: "IdeaRevived", ...by(ingrid) }, shows: ["Ingrid", title] },
  IdeaDeclined: {
    value: { _tag: "IdeaDeclined", ...by(ingrid), reason: "Det passer dårlig med sesongen!" },
    shows: ["Ingrid", title, "Det passer dårlig med sesongen!"],
    nb: ["Takk for at du delte den"],
    en: ["Thank you for sharing it"]
  },
  DraftRevised: {
    value: {
      _tag: "DraftRevised",
      ...by(ingrid),
      revision: 3,
      kind: "content",
      body: { text: "Tekst", perNetwork: {}, media: [], networks: ["facebook"] }
    },
    shows: ["Ingrid", title, "3"],
    nb: ["faktaene må godkjennes på nytt"],
    en: ["the facts need approving again"]
  },
  ReviewRequested: {
    value: {
      _tag: "ReviewRequested",
      ...by(ingrid),
      reviewers: [{ member: per, expert: true }, { member: siri, expert: false }],
      due: monday
    },
    shows: ["Ingrid", title],
    nb: ["Per og Siri", oslo.nb],
    en: ["Per and Siri", oslo.en]
  },
  FactsApproved: { value: { _tag: "FactsApproved", ...by(per), revision: 3 }, shows: ["Per", title, "3"] },
  FactObjectionRaised: {
    value: {
      _tag: "FactObjectionRaised",
      ...by(per),
      objection: ObjectionId.make("O1"),
      revision: 2,
      claim: "Torsken ble landet i Bodø",
      correction: "Torsken ble landet i Svolvær"
    },
    shows: ["Per", title, "O1", "Torsken ble landet i Bodø.", "Torsken ble landet i Svolvær."],
    nb: ["faktainnsigelse"],
    en: ["fact objection"]
  },
  FactObjectionResolved: {
    value: { _tag: "FactObjectionResolved", ...by(per), objection: ObjectionId.make("O1"), note: "Rettet i versjon 4" },
    shows: ["Per", title, "O1", "Rettet i versjon 4."]
  },
  FormatSuggested: {
    value: {
      _tag: "FormatSuggested",
      ...by(siri),
      suggestion: SuggestionId.make("S1"),
      revision: 2,
      note: "Kortere første linje"
    },
    shows: ["Siri", title, "S1", "Kortere første linje"],
    nb: ["formatforslag"],
    en: ["format suggestion"]
  },
  FormatSuggestionDecided: {
    value: {
      _tag: "FormatSuggestionDecided",
      ...by(ingrid),
      suggestion: SuggestionId.make("S1"),
      decision: "declined",
      explanation: "Første linje er det som vises i feeden",
      primer: "Første linje"
    },
    shows: ["Ingrid", title, "Første linje er det som vises i feeden", "Første linje."]
  },
  CommentAdded: {
    value: { _tag: "CommentAdded", ...by(ola), text: "Så fint bilde!" },
    shows: ["Ola", title, "Så fint bilde!"]
  },
  ReviewerRemoved: {
    value: { _tag: "ReviewerRemoved", ...by(ingrid), reviewer: siri, reason: "Siri er på ferie" },
    shows: ["Ingrid", "Siri", title, "Siri er på ferie."]
  },
  ApprovedForPublication: {
    value: { _tag: "ApprovedForPublication", ...by(ingrid), revision: 4 },
    shows: ["Ingrid", title, "4"]
  },
  PublicationScheduled: {
    value: { _tag: "PublicationScheduled", ...by(ingrid), network: "facebook", scheduledFor: monday },
    shows: ["Ingrid", title, "Facebook"],
    nb: [oslo.nb],
    en: [oslo.en]
  },
  PostPublished: {
    value: {
      _tag: "PostPublished",
      ...by(ingrid),
      network: "linkedin",
      url: "https://www.linkedin.com/posts/123",
      publishedAt: monday
    },
    shows: [title, "LinkedIn", "https://www.linkedin.com/posts/123"],
    nb: [oslo.nb],
    en: [oslo.en]
  },
  ResultsRecorded: {
    value: {
      _tag: "ResultsRecorded",
      ...by(ingrid),
      network: "facebook",
      capturedAt: monday,
      metrics: { reach: 12_345, reactions: 56 },
      highlights: [{ text: "Nydelig!", tone: "positive" }]
    },
    shows: ["Ingrid", title, "Facebook", "56"],
    nb: ["rekkevidde 12\u00A0345 · reaksjoner 56"],
    en: ["reach 12,345 · reactions 56"]
  },
  ResultsShared: { value: { _tag: "ResultsShared", ...by(ingrid) }, shows: ["Ingrid", title] },
  MarkedSuccess: {
    value: { _tag: "MarkedSuccess", ...by(ingrid), note: "Beste post i år" },
    shows: ["Ingrid", title, "Beste post i år."]
  },
  FollowUpProposed: {
    value: {
      _tag: "FollowUpProposed",
      ...by(ingrid),
      followUp: ItemId.make("it2"),
      title: "Mer om kysten",
      pitch: "Flere bilder fra havna"
    },
    shows: ["Ingrid", title, "Mer om kysten"]
  },
  CorrectionRecorded: {
    value: {
      _tag: "CorrectionRecorded",
      ...by(ingrid),
      objections: [ObjectionId.make("O1"), ObjectionId.make("O2")],
      note: "Rettet havnenavnet"
    },
    shows: ["Ingrid", title, "Rettet havnenavnet"],
    nb: ["faktainnsigelsene O1 og O2"],
    en: ["fact objections O1 and O2"]
  },
  ItemWithdrawn: {
    value: { _tag: "ItemWithdrawn", ...by(ingrid), reason: "Saken ble utsatt" },
    shows: ["Ingrid", title, "Saken ble utsatt."]
  },
  ItemClosed: { value: { _tag: "ItemClosed", ...by(ingrid) }, shows: ["Ingrid", title] }
}

const meetingStart = DateTime.unsafeMake("2026-03-31T08:00:00Z")

const reminderSamples = {
  review: {
    value: { title, due: monday, reviewer: per },
    shows: ["Per", title],
    nb: ["Hei, Per!", oslo.nb],
    en: ["Hi, Per!", oslo.en]
  },
  reviewOverdue: {
    value: { title, due: monday },
    shows: [title],
    nb: [oslo.nb, "Fristen"],
    en: [oslo.en, "was due"]
  },
  resultsCheckIn: {
    value: { title, network: "instagram", publishedAt: monday, days: 7 },
    shows: [title, "Instagram", "7"],
    nb: ["7 dager", oslo.nb],
    en: ["7 days", oslo.en]
  }
} satisfies { readonly [K in keyof Messages.Catalogue["reminder"]]: Sample<Parameters<Messages.Catalogue["reminder"][K]>[0]> }

const meetingSamples = {
  reminder: {
    value: {
      title: "Idémøte",
      start: meetingStart,
      timeZone: "Europe/Oslo",
      agenda: ["Runde rundt bordet", "Resultater fra mars"],
      lastOccurrence: "2026-03-03T10:00",
      ideasLastTime: [{ title: "Torsk på kaia", by: per, stage: "InReview" }],
      postsSince: [{
        title: "Fyret i tåka",
        network: "instagram",
        publishedAt: DateTime.unsafeMake("2026-03-10T12:00:00Z"),
        metrics: { reach: 1234, comments: 8 }
      }],
      followUps: [{ title: "Mer om fyret", by: siri, stage: "Idea" }]
    },
    shows: ["Idémøte", "Runde rundt bordet", "Resultater fra mars", "Torsk på kaia", "Per", "Fyret i tåka", "Instagram"],
    nb: [
      "tirsdag 31. mars 2026 kl. 10:00",
      "Hva jobber du med? Kan det bli innhold? Hvordan?",
      "tirsdag 3. mars 2026 kl. 10:00",
      "til gjennomlesing",
      "rekkevidde 1\u00A0234 · kommentarer 8",
      "«Mer om fyret» fra Siri"
    ],
    en: [
      "Tuesday, 31 March 2026 at 10:00",
      "What are you working on? Could it become content? How?",
      "Tuesday, 3 March 2026 at 10:00",
      "in review",
      "reach 1,234 · comments 8",
      "“Mer om fyret” from Siri"
    ]
  },
  summary: {
    value: {
      title: "Idémøte",
      start: meetingStart,
      timeZone: "Europe/Oslo",
      ideas: [{ title: "Torsk på kaia", by: per, stage: "Idea" }, { title: "Fyret i tåka", by: ola, stage: "Idea" }],
      attendance: [per, siri, ola],
      nextSteps: [{ text: "Ta bilder av fyret", owner: ola, due: "2026-04-03" }, { text: "Sjekke tallene", owner: per }]
    },
    shows: ["Idémøte", "Torsk på kaia", "Fyret i tåka", "Ta bilder av fyret", "Sjekke tallene"],
    nb: ["3 deltok: Per, Siri og Ola.", "«Torsk på kaia» fra Per", "Ta bilder av fyret – Ola, innen fredag 3. april 2026"],
    en: ["3 took part: Per, Siri and Ola.", "“Torsk på kaia” from Per", "Ta bilder av fyret – Ola, by Friday, 3 April 2026"]
  },
  cancelled: {
    value: { title: "Idémøte", occurrence: "2026-03-31T10:00", reason: "Påskeferie" },
    shows: ["Idémøte", "Påskeferie."],
    nb: ["tirsdag 31. mars 2026 kl. 10:00", "avlyst"],
    en: ["Tuesday, 31 March 2026 at 10:00", "cancelled"]
  },
  moved: {
    value: { title: "Idémøte", occurrence: "2026-03-31T10:00", start: monday, timeZone: "Europe/Oslo" },
    shows: ["Idémøte"],
    nb: ["fra tirsdag 31. mars 2026 kl. 10:00 til mandag 30. mars 2026 kl. 11:00."],
    en: ["from Tuesday, 31 March 2026 at 10:00 to Monday, 30 March 2026 at 11:00."]
  }
} satisfies { readonly [K in keyof Messages.Catalogue["meeting"]]: Sample<Parameters<Messages.Catalogue["meeting"][K]>[0]> }

describe("Messages", () => {
  describe("completeness", () => {
    it("GIVEN the nb and en catalogues WHEN their keys are compared THEN each has exactly the keys of the other", () => {
      const nb = Messages.messages("nb")
      const en = Messages.messages("en")
      assert.deepStrictEqual(missingFrom(nb, en), [], "in nb but not in en")
      assert.deepStrictEqual(missingFrom(en, nb), [], "in en but not in nb")
      for (const leaf of [...leavesOf(nb), ...leavesOf(en)]) {
        assert.isTrue(typeof leaf === "function" || (typeof leaf === "string" && leaf.trim() !== ""), String(leaf))
      }
    })

    it("GIVEN a catalogue with one key removed behind a cast WHEN compared THEN the missing key is reported", () => {
      const nb = Messages.messages("nb")
      const withoutOne = Object.fromEntries(Object.entries(nb.error).filter(([tag]) => tag !== "UnknownGoal"))
      const broken = { ...nb, error: withoutOne } as unknown as Messages.Catalogue
      assert.deepStrictEqual(missingFrom(nb, broken), ["error.UnknownGoal"])
      assert.deepStrictEqual(missingFrom(broken, nb), [])
    })

    it("GIVEN every Schema.TaggedError class exported by Errors, Recurrence, Primer, ResultsImport, ResultsContext and ResultsChart WHEN looked up THEN both languages have exactly one message per tag", () => {
      assert.includeMembers(errorTags, [
        "NotAuthorized",
        "InvalidCommand",
        "StoreUnavailable",
        "InvalidRecurrence",
        "InvalidPrimerEntry",
        "UnreadableExport",
        "NotPublished",
        "ChartRenderError"
      ])
      for (const locale of locales) {
        assert.deepStrictEqual(sorted(Object.keys(Messages.messages(locale).error)), errorTags, locale)
      }
      assert.deepStrictEqual(sorted(Object.keys(errorSamples)), errorTags)
    })

    it("GIVEN the members of the ItemEvent union WHEN looked up THEN both languages have exactly one line per event", () => {
      assert.lengthOf(eventTags, 25)
      for (const locale of locales) {
        assert.deepStrictEqual(sorted(Object.keys(Messages.messages(locale).event)), eventTags, locale)
      }
    })

    it("GIVEN stages, roles, networks and metrics WHEN looked up THEN both languages name every one", () => {
      for (const locale of locales) {
        const catalogue = Messages.messages(locale)
        assert.deepStrictEqual(sorted(Object.keys(catalogue.stage)), sorted(stages), locale)
        assert.deepStrictEqual(sorted(Object.keys(catalogue.role)), sorted(Role.literals), locale)
        assert.deepStrictEqual(sorted(Object.keys(catalogue.network)), sorted(networks), locale)
        assert.deepStrictEqual(sorted(Object.keys(catalogue.metric)), sorted(Object.keys(Metrics.fields)), locale)
      }
    })
  })

  describe("rendering", () => {
    it("GIVEN a sample of every error WHEN rendered THEN each language says it with the error's own values", () => {
      for (const locale of locales) {
        for (const sample of Object.values(errorSamples)) {
          assertShows(Messages.errorMessage(locale, sample.value, context), sample, locale)
        }
      }
    })

    it("GIVEN a sample of every event WHEN rendered THEN the line says who did what on which item", () => {
      for (const locale of locales) {
        for (const sample of Object.values(eventSamples)) {
          assertShows(Messages.eventMessage(locale, sample.value, title, context), sample, locale)
        }
      }
    })

    it("GIVEN reminders and meeting messages WHEN rendered THEN they show their titles, times, people and numbers", () => {
      for (const locale of locales) {
        const { meeting, reminder } = Messages.messages(locale)
        assertShows(reminder.review(reminderSamples.review.value, context), reminderSamples.review, locale)
        assertShows(reminder.reviewOverdue(reminderSamples.reviewOverdue.value, context), reminderSamples.reviewOverdue, locale)
        assertShows(
          reminder.resultsCheckIn(reminderSamples.resultsCheckIn.value, context),
          reminderSamples.resultsCheckIn,
          locale
        )
        assertShows(meeting.reminder(meetingSamples.reminder.value, context), meetingSamples.reminder, locale)
        assertShows(meeting.summary(meetingSamples.summary.value, context), meetingSamples.summary, locale)
        assertShows(meeting.cancelled(meetingSamples.cancelled.value, context), meetingSamples.cancelled, locale)
        assertShows(meeting.moved(meetingSamples.moved.value, context), meetingSamples.moved, locale)
      }
    })

    it("GIVEN a meeting with no report yet WHEN the reminder is rendered THEN it is the time and the prompt only", () => {
      const text = Messages.messages("nb").meeting.reminder({
        ...meetingSamples.reminder.value,
        agenda: [],
        ideasLastTime: [],
        postsSince: [],
        followUps: []
      }, context)
      assert.strictEqual(
        text,
        "Snart er det «Idémøte»: tirsdag 31. mars 2026 kl. 10:00.\n\nHva jobber du med? Kan det bli innhold? Hvordan?"
      )
    })

    it("GIVEN every authority rule WHEN NotAuthorized is rendered THEN each rule has its own sentence, and the veto is explained", () => {
      for (const locale of locales) {
        const sentences = Errors.AuthorityRule.literals.map((rule) =>
          Messages.errorMessage(locale, new Errors.NotAuthorized({ actor: ola, command: "ResolveObjection", rule }), context)
        )
        assert.strictEqual(new Set(sentences).size, sentences.length, locale)
      }
      const veto = new Errors.NotAuthorized({ actor: ingrid, command: "ResolveObjection", rule: "raiser_only" })
      assert.include(Messages.errorMessage("nb", veto, context), "Bare fageksperten som kom med faktainnsigelsen, kan løse den.")
      assert.include(Messages.errorMessage("en", veto, context), "Only the expert who raised the fact objection can resolve it.")
    })

    it("GIVEN every reason a command field can be refused WHEN rendered THEN the field is named and the sentences differ", () => {
      for (const locale of locales) {
        const sentences = Errors.InvalidReason.literals.map((reason) =>
          Messages.errorMessage(locale, new Errors.InvalidCommand({ command: "RequestReview", field: "reviewers", reason }), context)
        )
        assert.strictEqual(new Set(sentences).size, sentences.length, locale)
        for (const sentence of sentences) assert.include(sentence.toLowerCase(), locale === "nb" ? "lese gjennom" : "review")
      }
      const alt = new Errors.InvalidCommand({ command: "WriteDraft", field: "body.media[1].alt", reason: "required" })
      assert.strictEqual(
        Messages.errorMessage("nb", alt, context),
        "Det gikk ikke å skrive utkastet. Alt-teksten til mediefil 2 må fylles ut."
      )
      assert.strictEqual(
        Messages.errorMessage("en", alt, context),
        "Couldn't write the draft. The alt text of media file 2 must be filled in."
      )
      const unknown = new Errors.InvalidCommand({ command: "PlanMeeting", field: "rrule", reason: "required" })
      assert.strictEqual(
        Messages.errorMessage("en", unknown, context),
        "Couldn't do “PlanMeeting”. The field “rrule” must be filled in."
      )
    })

    it("GIVEN any event or error WHEN rendered in either language THEN the text is never empty and never leaks undefined", () => {
      const check = (text: string) => {
        assert.isNotEmpty(text.trim())
        assert.notInclude(text, "undefined")
        assert.notInclude(text, "[object")
      }
      FastCheck.assert(
        FastCheck.property(Arbitrary.make(ItemEvent), (event) => {
          for (const locale of locales) check(Messages.eventMessage(locale, event, title, context))
        }),
        { numRuns: 500 }
      )
      for (const errorClass of errorClasses) {
        const errors = FastCheck.sample(Arbitrary.make(errorClass as unknown as Schema.Schema<Messages.DugnadError>), 50)
        for (const error of errors) {
          for (const locale of locales) check(Messages.errorMessage(locale, error, context))
        }
      }
    })
  })

  describe("meeting series and primer errors", () => {
    /** A segment refused for each reason (`invalid` twice: start and duration), and what the message must say. */
    const recurrenceCases: ReadonlyArray<Sample<Partial<Recurrence.Segment>> & { readonly reason: Recurrence.RecurrenceReason }> = [
      {
        reason: "invalid",
        value: { start: "2026-02-30T10:00" },
        shows: ["2026-03-03T10:00"],
        nb: ["Starttidspunktet", "ÅÅÅÅ-MM-DDTtt:mm"],
        en: ["The start", "YYYY-MM-DDThh:mm"]
      },
      {
        reason: "invalid",
        value: { durationMinutes: 0 },
        shows: ["60"],
        nb: ["Varigheten", "helt antall minutter"],
        en: ["The duration", "whole number of minutes"]
      },
      {
        reason: "unknown_time_zone",
        value: { timeZone: "Europe/Atlantis" },
        shows: ["IANA", "Europe/Oslo"],
        nb: ["tidssonen"],
        en: ["time zone"]
      },
      {
        reason: "unparsable",
        value: { rrule: "FREQ=SOMETIMES" },
        shows: [ruleExample, "FREQ=DAILY", "FREQ=YEARLY"],
        nb: ["gjentakelsesregelen (RRULE)"],
        en: ["the recurrence rule (RRULE)"]
      },
      {
        reason: "unsupported_frequency",
        value: { rrule: "FREQ=MINUTELY" },
        shows: [ruleExample, "MINUTELY"],
        nb: ["høyst én gang om dagen"],
        en: ["at most once a day"]
      },
      {
        reason: "unsupported_part",
        value: { rrule: "FREQ=WEEKLY;BYDAY=TU;BYHOUR=9" },
        shows: [ruleExample, "BYHOUR"],
        nb: ["klokkeslettet kommer fra starttidspunktet"],
        en: ["the time of day comes from the start"]
      },
      {
        reason: "out_of_range",
        value: { rrule: "FREQ=MONTHLY;BYMONTHDAY=32" },
        shows: [ruleExample, "BYMONTHDAY", "31"],
        nb: ["fra 1 til 31"],
        en: ["from 1 to 31"]
      },
      {
        reason: "conflicting_parts",
        value: { rrule: "FREQ=WEEKLY;COUNT=10;UNTIL=20261231" },
        shows: [ruleExample, "COUNT", "UNTIL"],
        nb: ["kan ikke brukes sammen"],
        en: ["can't be used together"]
      },
      {
        reason: "no_occurrences",
        value: { rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" },
        shows: [ruleExample],
        nb: ["ingen møter i de neste hundre årene"],
        en: ["no meetings in the hundred years"]
      }
    ]

    it("GIVEN a segment refused for every reason WHEN rendered THEN each says which field, why and what is allowed, each in its own words", () => {
      assert.deepStrictEqual(sorted(new Set(recurrenceCases.map((c) => c.reason))), sorted(Recurrence.RecurrenceReason.literals))
      for (const locale of locales) {
        const sentences = recurrenceCases.map((sample) => {
          const error = refused(Recurrence.validateSegment({ ...segment, ...sample.value }))
          assert.strictEqual(error.reason, sample.reason, JSON.stringify(sample.value))
          const text = Messages.errorMessage(locale, error, context)
          assertShows(text, sample, locale)
          return text
        })
        assert.strictEqual(new Set(sentences).size, sentences.length, locale)
      }
    })

    it("GIVEN an RRULE with an unknown part or an UNTIL that is no date WHEN rendered THEN the part is named", () => {
      const unknown = refused(Recurrence.validateRule("FREQ=WEEKLY;EVERY=TU"))
      assert.include(Messages.errorMessage("nb", unknown, context), "EVERY er ukjent")
      assert.include(Messages.errorMessage("en", unknown, context), "EVERY is unknown")
      const until = refused(Recurrence.validateRule("FREQ=WEEKLY;UNTIL=31.12.2026"))
      assert.include(Messages.errorMessage("nb", until, context), "UNTIL må være en dato som 20261231")
      assert.include(Messages.errorMessage("en", until, context), "UNTIL must be a date like 20261231")
    })

    const { body, summary, title: entryTitle } = Primer.textLimits
    const primerCases: ReadonlyArray<Sample<unknown> & { readonly reason: Primer.InvalidPrimerEntryReason }> = [
      {
        reason: "missing",
        value: Object.fromEntries(Object.entries(primerEntry).filter(([key]) => key !== "summary")),
        shows: [],
        nb: ["Sammendraget mangler."],
        en: ["The summary is missing."]
      },
      { reason: "empty", value: { ...primerEntry, title: "   " }, shows: [], nb: ["Tittelen"], en: ["The title"] },
      {
        reason: "untrimmed",
        value: { ...primerEntry, summary: " Spør først. " },
        shows: [],
        nb: ["Sammendraget begynner eller slutter med mellomrom"],
        en: ["The summary starts or ends with spaces"]
      },
      {
        reason: "too-short",
        // Not "x": that is the built-in entry about X.
        value: { ...primerEntry, id: "q" },
        shows: ["a–z", "0–9"],
        nb: ["Id-en er for kort."],
        en: ["The id is too short."]
      },
      {
        reason: "too-long",
        value: { ...primerEntry, body: "Spør først. ".repeat(400).trim() },
        shows: [],
        nb: [`Brødteksten kan ha høyst ${Messages.formatNumber("nb", body)} tegn.`, "4\u00A0000"],
        en: [`The body can have at most ${Messages.formatNumber("en", body)} characters.`, "4,000"]
      },
      {
        reason: "invalid-characters",
        value: { ...primerEntry, id: "bilder_av_folk" },
        shows: ["a–z", "0–9"],
        nb: ["ikke æ, ø eller å", "bindestrek"],
        en: ["no æ, ø or å", "dashes"]
      },
      {
        reason: "invalid",
        value: { ...primerEntry, locale: "sv" },
        shows: [],
        nb: ["Språket må være nb (bokmål) eller en (engelsk)."],
        en: ["The language must be nb (Norwegian Bokmål) or en (English)."]
      }
    ]

    it("GIVEN a primer entry refused for every reason WHEN rendered THEN each names the field, says why and what is allowed", () => {
      assert.deepStrictEqual(sorted(new Set(primerCases.map((c) => c.reason))), sorted(Primer.InvalidPrimerEntryReason.literals))
      for (const locale of locales) {
        const sentences = primerCases.map((sample) => {
          const error = refused(Primer.decodeOverride(sample.value))
          assert.strictEqual(error.reason, sample.reason, JSON.stringify(sample.value))
          const text = Messages.errorMessage(locale, error, context)
          assertShows(text, sample, locale)
          return text
        })
        assert.strictEqual(new Set(sentences).size, sentences.length, locale)
      }
    })

    it("GIVEN the limits of CustomPrimerId and textLimits WHEN a too-long field is rendered THEN the message quotes exactly those limits", () => {
      // The id limits live in CustomPrimerId's filter: probe them, so the message cannot drift from it.
      const accepts = Schema.is(Primer.CustomPrimerId)
      const lengths = Array.from({ length: 300 }, (_, n) => n).filter((n) => accepts("a".repeat(n)))
      const [shortest, longest] = [lengths[0]!, lengths.at(-1)!]
      assert.strictEqual(lengths.length, longest - shortest + 1)
      const tooLong = refused(Primer.decodeOverride({ ...primerEntry, id: "a".repeat(longest + 1) }))
      const tooShort = refused(Primer.decodeOverride({ ...primerEntry, id: "a".repeat(shortest - 1) }))
      assert.deepInclude(tooLong, { field: "id", reason: "too-long" })
      assert.deepInclude(tooShort, { field: "id", reason: "too-short" })
      for (const error of [tooLong, tooShort]) {
        assert.include(Messages.errorMessage("nb", error, context), `fra ${shortest} til ${longest} tegn`)
        assert.include(Messages.errorMessage("en", error, context), `${shortest} to ${longest} characters`)
      }
      for (const [field, limit] of [["title", entryTitle], ["summary", summary], ["body", body]] as const) {
        const error = refused(Primer.decodeOverride({ ...primerEntry, [field]: "x".repeat(limit + 1) }))
        assert.deepInclude(error, { field, reason: "too-long" })
        assert.include(Messages.errorMessage("nb", error, context), `høyst ${Messages.formatNumber("nb", limit)} tegn`)
        assert.include(Messages.errorMessage("en", error, context), `at most ${Messages.formatNumber("en", limit)} characters`)
      }
    })
  })

  describe("results chart errors", () => {
    const chartInput: ResultsChart.ChartInput = {
      metric: "engagement",
      post: { item: "it9", label: title, publishedAt: DateTime.unsafeMake("2026-03-02T09:00:00Z"), value: 180 },
      others: [{ item: "it8", label: "Ny gjestehavn", publishedAt: DateTime.unsafeMake("2026-02-20T09:00:00Z"), value: 95 }],
      labels: Messages.messages("nb").chart("facebook", 30),
      locale: "nb",
      timeZone: "Europe/Oslo"
    }

    it.effect("GIVEN a post without figures, or an image too large, WHEN renderPng refuses it THEN errorMessage words the ChartRenderError in nb and en without throwing, saying why", () =>
      Effect.gen(function*() {
        const withoutValue = yield* Effect.flip(ResultsChart.renderPng({ ...chartInput, post: { ...chartInput.post, value: undefined } }))
        const tooLarge = yield* Effect.flip(ResultsChart.renderPng({ ...chartInput, width: 100_000, height: 100_000 }))
        assert.deepStrictEqual([withoutValue.stage, withoutValue.detail], ["input", "post-without-value"])
        assert.deepStrictEqual([tooLarge.stage, tooLarge.detail], ["input", "invalid-size"])
        const cases: ReadonlyArray<Sample<ResultsChart.ChartRenderError>> = [
          {
            value: withoutValue,
            shows: [],
            nb: ["Det gikk ikke å tegne resultatgrafen", "ingen tall", "Del resultatene uten graf", "registrer tallene"],
            en: ["Couldn't draw the results chart", "no figures", "Share the results without a chart", "record the post's figures"]
          },
          {
            value: tooLarge,
            shows: [],
            nb: ["Det gikk ikke å tegne resultatgrafen", "bildestørrelsen er ugyldig", "feil i Dugnad", "meld gjerne fra"],
            en: ["Couldn't draw the results chart", "image size isn't valid", "fault in Dugnad", "please report it"]
          }
        ]
        for (const locale of locales) {
          for (const sample of cases) {
            assertShows(Messages.errorMessage(locale, sample.value, context), sample, locale)
            // The codes in `detail` are for logs: the reader gets words, not "post-without-value".
            assert.notInclude(Messages.errorMessage(locale, sample.value, context), sample.value.detail)
          }
        }
      }))

    it("GIVEN a chart that fails at each drawing stage WHEN rendered THEN each stage has its own words, the detail is shown for a report, and an empty detail leaves no empty brackets", () => {
      const drawing = ["compile", "svg", "png"] as const
      for (const locale of locales) {
        const sentences = drawing.map((stage) =>
          Messages.errorMessage(locale, new ResultsChart.ChartRenderError({ stage, detail: "Unrecognized signal" }), context)
        )
        assert.lengthOf(new Set(sentences), drawing.length, locale)
        for (const text of sentences) {
          assert.include(text, "Unrecognized signal")
          assert.include(text, locale === "nb" ? "meld fra" : "report")
        }
        const bare = Messages.errorMessage(locale, new ResultsChart.ChartRenderError({ stage: "svg", detail: " " }), context)
        assert.notInclude(bare, "()")
        assert.notInclude(bare, "( )")
        const unknownInput = Messages.errorMessage(locale, new ResultsChart.ChartRenderError({ stage: "input", detail: "something-new" }), context)
        assert.include(unknownInput, "something-new")
        assert.notInclude(unknownInput, "undefined")
      }
    })
  })

  describe("findings", () => {
    const photo = (alt: string, url = "https://example.org/bilder/havna.jpg"): Media => ({ kind: "image", url, alt })
    const harbourPhoto = photo("Den nye gjestehavna på Nordnes i kveldssol, med seilbåter langs flytebryggene")
    const video = (durationSeconds?: number): Media => ({
      kind: "video",
      url: "https://example.org/video/havna.mp4",
      alt: "Ordføreren klipper snoren på kaia, med teksting",
      ...(durationSeconds === undefined ? {} : { durationSeconds })
    })
    const draft = (text: string, targets: ReadonlyArray<Network>, media: ReadonlyArray<Media> = [harbourPhoto]): DraftBody => ({
      text,
      perNetwork: {},
      media,
      networks: targets
    })
    // A first sentence of 247 characters, past where LinkedIn's feed cuts (210).
    const opening =
      "Nå åpner den nye gjestehavna på Nordnes, og hele byen er invitert til åpningsfest med musikk, kaffe og aktiviteter for barna hele lørdag ettermiddag, fra klokka tolv til langt ut på kvelden, med ordføreren, korpset og mange frivillige fra bydelen."
    const paragraph =
      "Gjestehavna har plass til 40 båter, strøm og vann på bryggene, dusj og toalett i servicebygget og en kiosk som er åpen hver dag i sommer. "
    const longPost = `${opening}\n\n${paragraph.repeat(21)}`
    const agency =
      "The Norwegian Public Roads Administration is recruiting experienced engineers for the E39 coastal highway project. Successful candidates will coordinate environmental assessments, procurement processes and stakeholder consultations, e.g. with municipalities and county authorities. Applications close on 1 March."
    const hashtags = (n: number) => Array.from({ length: n }, (_, i) => `#Havna${i + 1}`).join(" ")
    const longAlt =
      "Den nye gjestehavna på Nordnes i kveldssol, med seilbåter langs flytebryggene, folk som spiser is på kaia, barn som fisker krabber fra brygga og fjellene på andre siden av fjorden i bakgrunnen."

    /** A draft that triggers the check (on `network`), the figures of its finding the sentence must show, and wording. */
    interface FindingSample {
      readonly body: DraftBody
      readonly network?: Network
      readonly numbers: (finding: FormatChecks.Finding) => ReadonlyArray<number | undefined>
      readonly shows: ReadonlyArray<string>
      readonly nb: ReadonlyArray<string>
      readonly en: ReadonlyArray<string>
    }
    const measured = (key: string) => (finding: FormatChecks.Finding) => finding.measured[key]
    const limit = (key: string) => (finding: FormatChecks.Finding) => finding.limit?.[key]
    const recommended = (key: string) => (finding: FormatChecks.Finding) => finding.recommended?.[key]
    const over = (key: string, bound: (finding: FormatChecks.Finding) => number | undefined) => (finding: FormatChecks.Finding) =>
      finding.measured[key]! - bound(finding)!

    const findingSamples: { readonly [C in FormatChecks.CheckId]: FindingSample } = {
      "length-over-limit": {
        body: draft(longPost, ["linkedin"]),
        numbers: (f) => [measured("length")(f), limit("length")(f), over("length", limit("length"))(f)],
        shows: ["LinkedIn"],
        nb: ["LinkedIn tar høyst 3\u00A0000 tegn, og teksten er på 3\u00A0147 – kort den ned med minst 147 tegn."],
        en: ["LinkedIn allows at most 3,000 characters, and the text has 3,147 – cut at least 147 characters."]
      },
      "length-over-recommended": {
        body: draft(`${opening}\n\n${paragraph.repeat(8)}`, ["linkedin"]),
        numbers: (f) => [measured("length")(f), recommended("length")(f)],
        shows: ["LinkedIn"],
        nb: ["høyst 1\u00A0300 tegn på LinkedIn"],
        en: ["at most 1,300 characters on LinkedIn"]
      },
      "first-line-truncated": {
        body: draft(longPost, ["linkedin"]),
        numbers: (f) => [measured("firstSentenceLength")(f), recommended("firstSentenceLength")(f)],
        shows: ["LinkedIn"],
        nb: ["LinkedIn kutter teksten etter 210 tegn («Se mer»); første setning slutter etter 247 tegn – få poenget tidlig."],
        en: ["LinkedIn cuts the text at 210 characters (“See more”); the first sentence ends after 247 characters – get to the point early."]
      },
      readability: {
        body: draft(agency, ["linkedin"]),
        numbers: (f) => [
          Math.round(measured("lix")(f)!),
          measured("words")(f),
          measured("sentences")(f),
          measured("longWords")(f),
          recommended("lix")(f)
        ],
        shows: ["68", "45"],
        nb: ["Teksten har LIX 68 og er svært tung å lese", "36 ord, 20 av dem med mer enn 6 bokstaver, i 3 setninger"],
        en: ["The text has a LIX of 68 and is very hard to read", "36 words, 20 of them longer than 6 letters, in 3 sentences"]
      },
      "hashtags-over-recommended": {
        body: draft(`Velkommen til gjestehavna på Nordnes! ${hashtags(8)}`, ["instagram"]),
        numbers: (f) => [measured("hashtags")(f), recommended("hashtags")(f)],
        shows: ["Instagram"],
        nb: ["høyst 5 emneknagger på Instagram, og posten har 8"],
        en: ["at most 5 hashtags on Instagram, and the post has 8"]
      },
      "hashtags-over-limit": {
        body: draft(`Velkommen til gjestehavna på Nordnes! ${hashtags(32)}`, ["instagram"]),
        numbers: (f) => [measured("hashtags")(f), limit("hashtags")(f), over("hashtags", limit("hashtags"))(f)],
        shows: ["Instagram"],
        nb: ["Instagram tillater høyst 30 emneknagger, og posten har 32 – fjern minst 2."],
        en: ["Instagram allows at most 30 hashtags, and the post has 32 – remove at least 2."]
      },
      "link-not-clickable": {
        body: draft("Les mer om gjestehavna på https://example.kommune.no/havna og https://example.kommune.no/kart", [
          "instagram"
        ]),
        numbers: (f) => [measured("links")(f)],
        shows: ["Instagram", "nav.no"],
        nb: ["kan ikke klikkes på Instagram", "2 slike lenker"],
        en: ["can't be clicked on Instagram", "2 such links"]
      },
      "media-required": {
        body: draft("Se åpningen av gjestehavna!", ["youtube"]),
        numbers: (f) => [measured("media")(f)],
        shows: ["YouTube"],
        nb: ["YouTube krever en video, og utkastet har 1 mediefil, men ingen video"],
        en: ["YouTube needs a video, and the draft has 1 media file but no video"]
      },
      "too-many-images": {
        body: draft("Bilder fra åpningen av gjestehavna!", ["x"], Array.from({ length: 5 }, () => harbourPhoto)),
        numbers: (f) => [measured("images")(f), limit("images")(f)],
        shows: ["X"],
        nb: ["X tar høyst 4 bilder i én post, og utkastet har 5"],
        en: ["X takes at most 4 images in one post, and the draft has 5"]
      },
      "alt-text-placeholder": {
        body: draft("Velkommen til gjestehavna!", ["facebook"], [harbourPhoto, photo("IMG_1234.jpg")]),
        numbers: (f) => [measured("altLength")(f)],
        shows: ["12"],
        nb: ["Alt-teksten til mediefil 2 er på 12 tegn og ser ut som en plassholder", "«bilde»"],
        en: ["The alt text of media file 2 has 12 characters and looks like a placeholder", "“image”"]
      },
      "alt-text-too-long": {
        body: draft("Velkommen til gjestehavna!", ["linkedin"], [video(30), photo(`${longAlt} ${longAlt}`)]),
        network: "linkedin",
        numbers: (f) => [measured("altLength")(f), limit("altLength")(f), over("altLength", limit("altLength"))(f)],
        shows: ["LinkedIn"],
        nb: ["LinkedIn tar høyst 300 tegn alt-tekst per bilde, og alt-teksten til mediefil 2 er på 387"],
        en: ["LinkedIn takes at most 300 characters of alt text per image, and the alt text of media file 2 has 387"]
      },
      "video-over-limit": {
        body: draft("Se åpningen av gjestehavna!", ["x"], [harbourPhoto, video(200)]),
        numbers: () => [],
        shows: ["X"],
        nb: [
          "X tar videoer på høyst 2 minutter og 20 sekunder, og videoen i mediefil 2 er 3 minutter og 20 sekunder lang",
          "klipp bort minst 1 minutt"
        ],
        en: [
          "X takes videos of at most 2 minutes and 20 seconds, and the video in media file 2 is 3 minutes and 20 seconds long",
          "trim at least 1 minute"
        ]
      },
      "video-over-recommended": {
        body: draft("Se åpningen av gjestehavna!", ["instagram"], [video(150)]),
        numbers: () => [],
        shows: ["Instagram"],
        nb: ["høyst 1 minutt og 30 sekunder på Instagram, og videoen i mediefil 1 er 2 minutter og 30 sekunder lang"],
        en: ["at most 1 minute and 30 seconds on Instagram, and the video in media file 1 is 2 minutes and 30 seconds long"]
      },
      "video-duration-unknown": {
        body: draft("Se åpningen av gjestehavna!", ["facebook"], [harbourPhoto, video()]),
        numbers: () => [],
        shows: ["Dugnad"],
        nb: ["Videoen i mediefil 2 har ingen oppgitt lengde", "i sekunder"],
        en: ["The video in media file 2 has no length given", "in seconds"]
      }
    }

    /** The finding FormatChecks gives a sample's draft for its check. */
    const findingFor = (id: FormatChecks.CheckId, sample: FindingSample): FormatChecks.Finding => {
      const found = FormatChecks.check(sample.body).find((finding) =>
        finding.check === id && (sample.network === undefined || finding.network === sample.network)
      )
      assert.isDefined(found, `the sample draft for ${id} gives no ${id} finding`)
      return found!
    }

    it("GIVEN every CheckId and Severity WHEN looked up THEN both languages have a sentence for each check and a label for each severity", () => {
      const checks = sorted(FormatChecks.CheckId.literals)
      for (const locale of locales) {
        const catalogue = Messages.messages(locale)
        assert.deepStrictEqual(sorted(Object.keys(catalogue.finding)), checks, locale)
        assert.deepStrictEqual(sorted(Object.keys(catalogue.severity)), sorted(FormatChecks.Severity.literals), locale)
      }
      assert.deepStrictEqual(sorted(Object.keys(findingSamples)), checks)
      assert.deepStrictEqual(Messages.messages("nb").severity, { error: "feil", warning: "advarsel", info: "til info" })
    })

    it("GIVEN a draft that triggers each check WHEN its finding is rendered THEN the sentence shows the network, the media file and the numbers, written the language's way", () => {
      for (const [id, sample] of Object.entries(findingSamples)) {
        const finding = findingFor(id as FormatChecks.CheckId, sample)
        for (const locale of locales) {
          const text = Messages.findingMessage(locale, finding)
          assertShows(text, { value: finding, ...sample }, locale)
          for (const number of sample.numbers(finding)) {
            assert.isDefined(number, `${id}: a figure the check documents is missing`)
            assert.include(text, Messages.formatNumber(locale, number!), `${locale} ${id}: ${text}`)
          }
          if (finding.network !== undefined) assert.include(text, Messages.messages(locale).network[finding.network])
          if (finding.media !== undefined) {
            assert.include(text, `${locale === "nb" ? "mediefil" : "media file"} ${finding.media + 1}`)
          }
          assert.notInclude(text, "?", `${locale} ${id}: ${text}`)
        }
      }
    })

    it("GIVEN the LinkedIn finding from the design WHEN rendered THEN it is the sentence the advisor would write", () => {
      const finding = Schema.decodeUnknownSync(FormatChecks.Finding)({
        check: "first-line-truncated",
        severity: "warning",
        network: "linkedin",
        primer: "first-lines",
        measured: { firstSentenceLength: 260 },
        recommended: { firstSentenceLength: 210 }
      })
      assert.strictEqual(
        Messages.findingMessage("nb", finding),
        "LinkedIn kutter teksten etter 210 tegn («Se mer»); første setning slutter etter 260 tegn – få poenget tidlig."
      )
      assert.strictEqual(
        Messages.findingMessage("en", finding),
        "LinkedIn cuts the text at 210 characters (“See more”); the first sentence ends after 260 characters – get to the point early."
      )
    })

    it("GIVEN a network that takes any media, or a video, WHEN a draft has none THEN the sentence asks for what that network needs", () => {
      const instagram = findingFor("media-required", { ...findingSamples["media-required"], body: draft("Hei!", ["instagram"], []) })
      assert.include(Messages.findingMessage("nb", instagram), "Instagram krever et bilde eller en video, og utkastet har ingen")
      assert.include(Messages.findingMessage("en", instagram), "Instagram needs an image or a video, and the draft has none")
      const youtube = findingFor("media-required", { ...findingSamples["media-required"], body: draft("Hei!", ["youtube"], []) })
      assert.include(Messages.findingMessage("nb", youtube), "YouTube krever en video, og utkastet har ingen bilder eller videoer")
      assert.include(Messages.findingMessage("en", youtube), "YouTube needs a video, and the draft has no images or videos")
    })

    it("GIVEN large figures and long videos WHEN rendered THEN nb groups digits with a no-break space and durations read as hours and minutes", () => {
      const facebook: FormatChecks.Finding = {
        check: "length-over-limit",
        severity: "error",
        network: "facebook",
        primer: "facebook-length",
        measured: { length: 64_000 },
        limit: { length: 63_206 }
      }
      assert.include(Messages.findingMessage("nb", facebook), "høyst 63\u00A0206 tegn, og teksten er på 64\u00A0000 – kort den ned med minst 794 tegn.")
      assert.include(Messages.findingMessage("en", facebook), "at most 63,206 characters, and the text has 64,000 – cut at least 794 characters.")
      const youtube: FormatChecks.Finding = {
        check: "video-over-limit",
        severity: "error",
        network: "youtube",
        media: 0,
        primer: "youtube-video",
        measured: { seconds: 45_000 },
        limit: { seconds: 43_200 }
      }
      assert.include(Messages.findingMessage("nb", youtube), "høyst 12 timer, og videoen i mediefil 1 er 12 timer og 30 minutter lang")
      assert.include(Messages.findingMessage("en", youtube), "at most 12 hours, and the video in media file 1 is 12 hours and 30 minutes long")
    })

    it("GIVEN any finding, even one without the figures its check documents, WHEN rendered THEN a sentence, with ? for a missing figure, never undefined", () => {
      for (const check of FormatChecks.CheckId.literals) {
        const bare: FormatChecks.Finding = { check, severity: "info", primer: "length", measured: {} }
        for (const locale of locales) {
          const text = Messages.findingMessage(locale, bare)
          assert.isNotEmpty(text.trim())
          assert.notInclude(text, "undefined")
          assert.notInclude(text, "NaN")
        }
      }
      FastCheck.assert(
        FastCheck.property(Arbitrary.make(FormatChecks.Finding), (finding) => {
          for (const locale of locales) {
            const text = Messages.findingMessage(locale, finding)
            assert.isNotEmpty(text.trim())
            assert.notInclude(text, "undefined")
            assert.notInclude(text, "[object")
          }
        }),
        { numRuns: 300 }
      )
    })
  })

  describe("mentions", () => {
    const mass = /@(everyone|here|channel|all)/i

    it("GIVEN mass mentions in every spelling WHEN neutralised THEN none survives, the text reads the same, and twice is once", () => {
      const text = "Hei @everyone, @Here og @CHANNEL – @all, <@&1234> og @kari, ola@example.org"
      const safe = Messages.neutraliseMentions(text)
      assert.notMatch(safe, mass)
      assert.notInclude(safe, "<@&")
      assert.strictEqual(safe.replaceAll("\u200D", ""), text)
      assert.include(safe, "@kari")
      assert.include(safe, "ola@example.org")
      assert.strictEqual(Messages.neutraliseMentions(safe), safe)
    })

    it("GIVEN an idea titled @everyone WHEN its notification is rendered THEN @everyone does not survive verbatim", () => {
      const sample = eventSamples.IdeaSubmitted.value
      for (const locale of locales) {
        const text = Messages.eventMessage(locale, sample, "@everyone: kake i kantina!", context)
        assert.notInclude(text, "@everyone")
        assert.include(text, "@\u200Deveryone: kake i kantina!")
      }
    })

    it("GIVEN mass mentions in every typed value WHEN any sample is rendered THEN no mass mention survives", () => {
      // Every string a person could have typed, in events, errors and reminders, and every name.
      const typed = <A>(value: A, fixed: ReadonlySet<string>): A => {
        const visit = (node: unknown, key: string): unknown => {
          if (typeof node === "string") return fixed.has(key) ? node : `${node} @everyone @here @channel @all`
          if (Array.isArray(node)) return node.map((entry) => visit(entry, key))
          if (typeof node === "object" && node !== null && !DateTime.isDateTime(node)) {
            return Object.fromEntries(Object.entries(node).map(([field, entry]) => [field, visit(entry, field)]))
          }
          return node
        }
        return visit(value, "") as A
      }
      const loud: Messages.RenderContext = { timeZone: "Europe/Oslo", name: () => "@all of us" }
      const eventLiterals = new Set(["_tag", "network", "networks", "kind", "decision", "tone"])
      const errorLiterals = new Set(["_tag", "rule", "reason", "status", "store"])
      const paramLiterals = new Set(["network", "stage", "timeZone"])
      for (const locale of locales) {
        const catalogue = Messages.messages(locale)
        const texts = [
          ...Object.values(eventSamples).map((sample) =>
            Messages.eventMessage(locale, typed(sample.value, eventLiterals), "@here", loud)
          ),
          ...Object.values(errorSamples).map((sample) =>
            Messages.errorMessage(locale, typed({ ...sample.value } as Messages.DugnadError, errorLiterals), loud)
          ),
          catalogue.reminder.review(typed(reminderSamples.review.value, paramLiterals), loud),
          catalogue.reminder.reviewOverdue(typed(reminderSamples.reviewOverdue.value, paramLiterals), loud),
          catalogue.reminder.resultsCheckIn(typed(reminderSamples.resultsCheckIn.value, paramLiterals), loud),
          catalogue.meeting.reminder(typed(meetingSamples.reminder.value, paramLiterals), loud),
          catalogue.meeting.summary(typed(meetingSamples.summary.value, paramLiterals), loud),
          catalogue.meeting.cancelled(typed(meetingSamples.cancelled.value, paramLiterals), loud),
          catalogue.meeting.moved(typed(meetingSamples.moved.value, paramLiterals), loud)
        ]
        for (const text of texts) assert.notMatch(text, mass, text)
      }
    })
  })

  describe("formatting", () => {
    it("GIVEN 1234 WHEN formatted THEN nb groups with a no-break space and en with a comma", () => {
      assert.strictEqual(Messages.formatNumber("nb", 1234), "1\u00A0234")
      assert.strictEqual(Messages.formatNumber("en", 1234), "1,234")
      assert.strictEqual(Messages.formatNumber("nb", 1_234_567), "1\u00A0234\u00A0567")
    })

    it("GIVEN three names WHEN listed THEN nb says og and en says and, or eller and or", () => {
      assert.strictEqual(Messages.formatList("nb", ["Per", "Siri", "Ola"]), "Per, Siri og Ola")
      assert.strictEqual(Messages.formatList("en", ["Per", "Siri", "Ola"]), "Per, Siri and Ola")
      assert.strictEqual(Messages.formatList("nb", ["a", "b", "c"], "disjunction"), "a, b eller c")
      assert.strictEqual(Messages.formatList("en", ["a", "b"], "disjunction"), "a or b")
    })

    it("GIVEN 09:00 UTC on both sides of a DST change WHEN shown in Europe/Oslo THEN the local time moves with the zone", () => {
      const beforeSpring = DateTime.unsafeMake("2026-03-28T09:00:00Z")
      const afterSpring = DateTime.unsafeMake("2026-03-30T09:00:00Z")
      const afterAutumn = DateTime.unsafeMake("2026-10-26T09:00:00Z")
      assert.strictEqual(Messages.formatDateTime("nb", beforeSpring, "Europe/Oslo"), "lørdag 28. mars 2026 kl. 10:00")
      assert.strictEqual(Messages.formatDateTime("nb", afterSpring, "Europe/Oslo"), oslo.nb)
      assert.strictEqual(Messages.formatDateTime("nb", afterAutumn, "Europe/Oslo"), "mandag 26. oktober 2026 kl. 10:00")
      assert.strictEqual(Messages.formatDateTime("en", beforeSpring, "Europe/Oslo"), "Saturday, 28 March 2026 at 10:00")
      assert.strictEqual(Messages.formatDateTime("en", afterSpring, "Europe/Oslo"), oslo.en)
      assert.strictEqual(Messages.formatDate("nb", DateTime.unsafeMake("2026-03-31T22:30:00Z"), "Europe/Oslo"), "onsdag 1. april 2026")
    })

    it("GIVEN a local wall time WHEN shown THEN its own digits are used, and anything that is not a real date is shown as typed", () => {
      const occurrence = (text: string) =>
        Messages.errorMessage("nb", new Errors.UnknownOccurrence({ meeting: MeetingId.make("m"), occurrence: text }), context)
      assert.include(occurrence("2026-03-29T02:30"), "søndag 29. mars 2026 kl. 02:30.")
      assert.include(occurrence("2026-03-03"), "tirsdag 3. mars 2026.")
      assert.include(occurrence("2026-02-30T10:00"), "møte 2026-02-30T10:00.")
      assert.include(occurrence("neste tirsdag"), "møte neste tirsdag.")
    })

    it("GIVEN a zoned time or an unknown zone WHEN shown THEN the zone asked for wins, and an unknown one falls back to UTC, marked", () => {
      const newYork = DateTime.unsafeMakeZoned("2026-03-30T05:00:00", { timeZone: "America/New_York", adjustForTimeZone: true })
      assert.strictEqual(Messages.formatDateTime("nb", newYork, "Europe/Oslo"), oslo.nb)
      assert.strictEqual(Messages.formatDateTime("en", monday, "Mars/Olympus_Mons"), "Monday, 30 March 2026 at 09:00 UTC")
    })
  })

  describe("locale", () => {
    const workspace = Workspace.make({
      id: WorkspaceId.make("kyst"),
      name: "Kystverket",
      locale: "nb",
      timeZone: "Europe/Oslo"
    })
    const member = (locale?: Locale) =>
      Member.make({
        id: per,
        workspaceId: workspace.id,
        handle: "per",
        name: "Per",
        roles: ["member", "expert"],
        fields: ["fiskeri"],
        ...(locale === undefined ? {} : { locale })
      })

    it("GIVEN a person who chose a language WHEN addressed THEN in theirs; without a choice, or without a person, in the workspace's", () => {
      assert.strictEqual(Messages.localeFor(workspace, member("en")), "en")
      assert.strictEqual(Messages.localeFor(workspace, member()), "nb")
      assert.strictEqual(Messages.localeFor(workspace), "nb")
      assert.strictEqual(Messages.localeFor(Workspace.make({ ...workspace, locale: "en" }), member("nb")), "nb")
    })
  })

  describe("reminders", () => {
    const arbitrary = Arbitrary.make(ReminderSubject)
    it("GIVEN any reminder subject WHEN rendered in nb and en THEN a non-empty message naming what it is about", () => {
      FastCheck.assert(
        FastCheck.property(arbitrary, (subject) => {
          for (const locale of ["nb", "en"] as const) {
            const text = Messages.reminderMessage(locale, subject, context)
            assert.isAbove(text.trim().length, 0)
            if ("title" in subject && subject.title.trim().length > 0 && !subject.title.includes("@")) {
              assert.include(text, subject.title.trim().slice(0, 1))
            }
          }
        }),
        { numRuns: 200 }
      )
    })
  })

  describe("results", () => {
    const mass = /@(everyone|here|channel|all)/i
    const nbsp = "\u00A0"
    const kari = MemberId.make("kari")
    const peopleNames: Record<string, string> = { ...names, kari: "Kari" }
    const team: Messages.RenderContext = { timeZone: "Europe/Oslo", name: (member) => peopleNames[member] ?? member }
    const goal = GoalId.make("G1")
    // 22:30 UTC on 31 March is 00:30 on Wednesday 1 April in Oslo: the date is the zone's.
    const published = DateTime.unsafeMake("2026-03-31T22:30:00Z")
    const captured = DateTime.unsafeMake("2026-04-07T08:00:00Z")
    const window = ResultsContext.windowOf(published, ResultsContext.defaultWindowDays)
    const bestItem = ItemId.make("it0")
    const best: ResultsContext.BestPost = { item: bestItem, publishedAt: window.from, engagement: 900, reach: 20_000 }
    const goals = [{ goal, posts: 12, items: 8, reach: 45_000, withReach: 10, engagement: 3_200, withEngagement: 12 }]

    // Facebook, among 14 posts: engagement 640, one post higher (900), median 280 (the 7th and 8th
    // of the 14 are both 280), so 2nd of 14, better than 12 of the 13 others (92 %), 2.3 × median.
    const engagementOthers = [900, 500, 400, 350, 300, 280, 280, 200, 150, 100, 80, 60, 50]
    const reachOthers = [20_000, 15_000, 9_000, 8_000, 7_000, 6_500, 6_500, 6_000, 5_000, 4_000, 3_000, 2_000, 1_000]
    const rankedContext: ResultsContext.PostContext = {
      item,
      network: "facebook",
      publishedAt: published,
      metrics: { reach: 12_345, reactions: 520, comments: 80, shares: 40 },
      window,
      engagement: ResultsContext.standingOf(640, engagementOthers),
      reach: ResultsContext.standingOf(12_345, reachOthers),
      engagementRate: ResultsContext.standingOf(undefined, []),
      best,
      goals,
      posts: []
    }
    const rankedPost: PostFeedback = {
      network: "facebook",
      url: "https://www.facebook.com/kyst/posts/1",
      publishedAt: published,
      capturedAt: captured,
      metrics: rankedContext.metrics,
      highlights: [
        { text: "Nydelig!", author: "Kari", tone: "positive" },
        { text: "Hvor er dette?", tone: "question" },
        // The same comment kept again at the +7 check-in.
        { text: "Nydelig!", author: "Kari", tone: "positive" }
      ],
      context: rankedContext,
      bestTitle: "Fyret i tåka",
      success: true
    }
    // Instagram, with only 3 posts that have engagement (this one included): thin history.
    const thinPost: PostFeedback = {
      network: "instagram",
      url: "https://www.instagram.com/p/abc",
      publishedAt: published,
      capturedAt: captured,
      metrics: { reactions: 30, comments: 10 },
      highlights: [],
      context: {
        ...rankedContext,
        network: "instagram",
        metrics: { reactions: 30, comments: 10 },
        engagement: ResultsContext.standingOf(40, [30, 25]),
        reach: ResultsContext.standingOf(undefined, [1_000]),
        engagementRate: ResultsContext.standingOf(undefined, []),
        best: { ...best, engagement: 30, reach: undefined }
      },
      bestTitle: "Torsk på kaia",
      success: false
    }
    // LinkedIn, with reach only: no engagement, nothing to rank it by, no other post.
    const missingPost: PostFeedback = {
      network: "linkedin",
      url: "https://www.linkedin.com/posts/123",
      publishedAt: published,
      capturedAt: undefined,
      metrics: { reach: 1_234 },
      highlights: [],
      context: {
        ...rankedContext,
        network: "linkedin",
        metrics: { reach: 1_234 },
        engagement: ResultsContext.standingOf(undefined, []),
        reach: ResultsContext.standingOf(1_234, []),
        engagementRate: ResultsContext.standingOf(undefined, []),
        best: undefined,
        goals: []
      },
      bestTitle: undefined,
      success: false
    }
    const participants: ReadonlyArray<Participant> = [
      { member: ola, contributions: ["idea"] },
      { member: kari, contributions: ["concerned"] },
      { member: per, contributions: ["reviewer"] },
      { member: siri, contributions: ["reviewer"] },
      { member: ingrid, contributions: ["advisor"] }
    ]
    const feedbackOf = (posts: ReadonlyArray<PostFeedback>, success: boolean): Feedback => ({
      workspace: WorkspaceId.make("kyst"),
      item,
      title,
      posts,
      titles: {},
      goals: [{ goal, title: "Flere søkere" }],
      participants,
      success,
      marked: success,
      followUps: success
        ? followUpAngles.map((angle) => ({ angle, basedOn: item, goals: [goal], concerns: [kari] }))
        : []
    })
    const successful = feedbackOf([rankedPost, thinPost], true)
    const feedbackText = (locale: Locale, found: Feedback, participant: Participant = participants[0]!) =>
      Messages.messages(locale).results.feedback({ feedback: found, participant }, team)

    it("GIVEN the types the results messages take WHEN the catalogues are built THEN follow-ups cover every angle and contributions every way of taking part", () => {
      const contributions: ReadonlyArray<Contribution> = ["idea", "concerned", "reviewer", "advisor"]
      for (const locale of locales) {
        const catalogue = Messages.messages(locale)
        assert.deepStrictEqual(sorted(Object.keys(catalogue.followUp)), sorted(followUpAngles), locale)
        assert.deepStrictEqual(sorted(Object.keys(catalogue.contribution)), sorted(contributions), locale)
        assert.deepStrictEqual(sorted(Object.keys(catalogue.import.unmatched)), sorted(ResultsImport.UnmatchedReason.literals))
        assert.deepStrictEqual(sorted(Object.keys(catalogue.import.format)), sorted(ResultsImport.ImportFormat.literals))
      }
    })

    it("GIVEN a post ranked among 14 WHEN its feedback is rendered THEN the numbers and the context read in plain words, formatted per language", () => {
      const nb = feedbackText("nb", successful)
      for (
        const expected of [
          "Hei, Ola! Takk for ideen! Slik gikk det med «Kysten i morgenlys»:",
          "Facebook, publisert onsdag 1. april 2026:",
          `- Tallene per tirsdag 7. april 2026: rekkevidde 12${nbsp}345 · reaksjoner 520 · kommentarer 80 · delinger 40.`,
          `- Engasjementet var 640 – nr. 2 av 14 Facebook-poster de siste 90 dagene, bedre enn 92${nbsp}% av de andre og 2,3 ganger medianen (280).`,
          `- Rekkevidden var 12${nbsp}345 – nr. 3 av 14, bedre enn 84${nbsp}% av de andre og 1,9 ganger medianen (6${nbsp}500).`,
          "- Beste Facebook-post de siste 90 dagene var «Fyret i tåka», med engasjement 900.",
          "- En suksess: blant de beste Facebook-postene de siste 90 dagene!",
          "Fra kommentarene:\n- «Nydelig!» – Kari\n- «Hvor er dette?»",
          `- «Flere søkere»: 12 poster fra 8 saker; til sammen rekkevidde 45${nbsp}000 (fra 10 av dem) og engasjement 3${nbsp}200.`,
          "Engasjement er reaksjoner, kommentarer og delinger til sammen.",
          "Saken er en suksess"
        ]
      ) assert.include(nb, expected, nb)
      assert.strictEqual(nb.split("«Nydelig!»").length - 1, 1, "a comment kept twice is shown once")

      const en = feedbackText("en", successful)
      for (
        const expected of [
          "Hi, Ola! Thank you for the idea! Here's how “Kysten i morgenlys” did:",
          "Facebook, published Wednesday, 1 April 2026:",
          "- The figures as of Tuesday, 7 April 2026: reach 12,345 · reactions 520 · comments 80 · shares 40.",
          "- Engagement was 640 – 2nd of 14 Facebook posts in the last 90 days, better than 92% of the others and 2.3 times the median (280).",
          "- Reach was 12,345 – 3rd of 14, better than 84% of the others and 1.9 times the median (6,500).",
          "- The best Facebook post in the last 90 days was “Fyret i tåka”, with engagement 900.",
          "- A success: among the best Facebook posts in the last 90 days!",
          "From the comments:\n- “Nydelig!” – Kari\n- “Hvor er dette?”",
          "- “Flere søkere”: 12 posts from 8 items; in total reach 45,000 (from 10 of them) and engagement 3,200.",
          "Engagement is reactions, comments and shares together.",
          "It's a success"
        ]
      ) assert.include(en, expected, en)
      for (const text of [nb, en]) {
        assert.notInclude(text, "undefined")
        assert.notInclude(text, "|", "no markdown tables")
      }
    })

    it("GIVEN a post with only 3 comparable posts WHEN its feedback is rendered THEN it says the history is thin, and ranks nothing", () => {
      const found = feedbackOf([thinPost], false)
      const nb = feedbackText("nb", found)
      assert.include(
        nb,
        "- Engasjementet var 40. For få poster å sammenligne med ennå: 3 av minst 5 (Instagram-poster de siste 90 dagene, denne medregnet)."
      )
      assert.include(nb, "- Ingen annen Instagram-post de siste 90 dagene fikk så mye engasjement – nærmest kom «Torsk på kaia» med 30.")
      assert.notMatch(nb, /nr\. \d/)
      assert.notInclude(nb, "medianen")
      assert.notInclude(nb, "suksess")
      const en = feedbackText("en", found)
      assert.include(
        en,
        "- Engagement was 40. Too few posts to compare with yet: 3 of at least 5 (Instagram posts in the last 90 days, this one included)."
      )
      assert.notMatch(en, /\d(st|nd|rd|th) of \d/)
      assert.notInclude(en, "median")
      assert.notInclude(en, "success")
      for (const text of [nb, en]) assert.include(text, String(ResultsContext.minComparable))
    })

    it("GIVEN a post with reach only and no history WHEN its feedback is rendered THEN the figures it lacks go unmentioned", () => {
      const found = { ...feedbackOf([missingPost], false), goals: [] }
      const nb = feedbackText("nb", found)
      assert.include(nb, "LinkedIn, publisert onsdag 1. april 2026:\n- Tallene: rekkevidde 1\u00A0234.")
      assert.include(nb, "Rekkevidden var 1\u00A0234. For få poster å sammenligne med ennå: 1 av minst 5")
      const en = feedbackText("en", found)
      assert.include(en, "LinkedIn, published Wednesday, 1 April 2026:\n- The figures: reach 1,234.")
      for (const [text, words] of [[nb, ["reaksjoner", "kommentarer", "delinger", "Engasjement", "Målene"]], [
        en,
        ["reactions", "comments", "shares", "Engagement", "goals"]
      ]] as const) {
        for (const word of words) assert.notInclude(text, word, text)
      }
      const nothingYet = { ...missingPost, metrics: {}, context: { ...missingPost.context, reach: ResultsContext.standingOf(undefined, []) } }
      assert.include(feedbackText("nb", feedbackOf([nothingYet], false)), "- Ingen tall registrert ennå.")
      assert.include(feedbackText("en", feedbackOf([nothingYet], false)), "- No figures recorded yet.")
    })

    it("GIVEN each way of taking part WHEN the feedback is rendered THEN the thanks fit it, and say all of someone's parts", () => {
      const contributions: ReadonlyArray<Contribution> = ["idea", "concerned", "reviewer", "advisor"]
      for (const locale of locales) {
        const openings = contributions.map((how) =>
          feedbackText(locale, successful, { member: kari, contributions: [how] }).split("\n")[0]!
        )
        assert.strictEqual(new Set(openings).size, openings.length, locale)
      }
      assert.include(feedbackText("nb", successful, { member: per, contributions: ["reviewer"] }), "Takk for at du leste gjennom!")
      assert.include(
        feedbackText("nb", successful, { member: per, contributions: ["idea", "reviewer"] }),
        "Takk for ideen og for at du leste gjennom!"
      )
      assert.include(
        feedbackText("en", successful, { member: per, contributions: ["idea", "reviewer"] }),
        "Thank you for the idea and for reviewing it!"
      )
      assert.include(feedbackText("en", successful, { member: per, contributions: [] }), "Thank you for taking part!")
    })

    it("GIVEN a success with four follow-ups WHEN celebrated THEN the item, the number that made it, everyone by name and the follow-ups are there", () => {
      const nb = Messages.messages("nb").results.celebration(successful, team)
      assert.include(nb, "«Kysten i morgenlys» er en suksess!")
      assert.include(nb, "- Facebook: engasjement 640 – nr. 2 av 14 Facebook-poster de siste 90 dagene, 2,3 ganger medianen.")
      assert.notInclude(nb, "Instagram", "only the post that did well")
      assert.include(nb, "Idé: Ola · Med i saken: Kari · Gjennomlesing: Per og Siri · Tekst: Ingrid")
      assert.include(nb, "Ingrid, vil du velge en oppfølging?")
      const en = Messages.messages("en").results.celebration(successful, team)
      assert.include(en, "“Kysten i morgenlys” is a success!")
      assert.include(en, "- Facebook: engagement 640 – 2nd of 14 Facebook posts in the last 90 days, 2.3 times the median.")
      assert.include(en, "Idea: Ola · Featured: Kari · Review: Per and Siri · Writing: Ingrid")
      assert.include(en, "Ingrid, would you like to pick a follow-up?")
      for (const locale of locales) {
        const text = Messages.messages(locale).results.celebration(successful, team)
        for (const participant of participants) assert.include(text, team.name(participant.member), locale)
        for (const angle of followUpAngles) {
          assert.include(text, Messages.messages(locale).followUp[angle](title).title, `${locale} ${angle}`)
        }
        assert.notInclude(text, "undefined")
      }
      const noFollowUps = { ...successful, followUps: [] }
      assert.notInclude(Messages.messages("nb").results.celebration(noFollowUps, team), "oppfølging")
      assert.notInclude(Messages.messages("en").results.celebration(noFollowUps, team), "follow-up")
    })

    it("GIVEN mass mentions in every typed value WHEN feedback and celebration are rendered THEN no mass mention survives", () => {
      const loud = (text: string) => `${text} @everyone @here`
      const loudPost: PostFeedback = {
        ...rankedPost,
        highlights: [{ text: loud("Flott"), author: loud("Kari"), tone: "positive" }],
        bestTitle: loud("Fyret")
      }
      const found: Feedback = {
        ...successful,
        title: loud("Kysten"),
        posts: [loudPost, thinPost],
        goals: [{ goal, title: loud("Flere søkere") }]
      }
      const shouting: Messages.RenderContext = { timeZone: "Europe/Oslo", name: () => "@channel of us" }
      for (const locale of locales) {
        const { results } = Messages.messages(locale)
        for (
          const text of [
            results.feedback({ feedback: found, participant: participants[0]! }, shouting),
            results.celebration(found, shouting)
          ]
        ) assert.notMatch(text, mass, text)
      }
    })

    it("GIVEN every angle, in both languages, for a short, an empty and a hostile 300-character parent title WHEN worded THEN each title is non-empty, one line, at most 100 characters and pings nobody", () => {
      const hostile = `@everyone ${"Kysten i morgenlys @here ".repeat(12)}`.slice(0, 300)
      assert.strictEqual(hostile.length, 300)
      for (const locale of locales) {
        for (const angle of followUpAngles) {
          const word = Messages.messages(locale).followUp[angle]
          const short = word(title)
          assert.include(short.title, title, "a short title is kept whole")
          assert.include(short.pitch, title)
          for (const parent of [title, "", "   ", hostile, `${"🐟".repeat(120)}\n@all`]) {
            const wording = word(parent)
            assert.isNotEmpty(wording.title.trim(), `${locale} ${angle}`)
            assert.isAtMost(wording.title.length, Messages.maxFollowUpTitleLength, wording.title)
            assert.strictEqual(wording.title, wording.title.trim())
            assert.notMatch(wording.title, /[\n\r]/)
            assert.notMatch(wording.title, mass, wording.title)
            assert.notMatch(wording.pitch, mass, wording.pitch)
            assert.isNotEmpty(wording.pitch.trim())
            // A lone surrogate would mean a character was cut in half.
            assert.notMatch(wording.title, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/, wording.title)
          }
          assert.isTrue(word(hostile).title.endsWith("…"), word(hostile).title)
        }
      }
    })

    it("GIVEN any parent title WHEN worded THEN the title always fits and never pings", () => {
      FastCheck.assert(
        FastCheck.property(
          FastCheck.oneof(FastCheck.string({ maxLength: 400 }), FastCheck.string({ maxLength: 400, unit: "grapheme" })),
          FastCheck.constantFrom(...followUpAngles),
          FastCheck.constantFrom(...locales),
          (parent, angle, locale) => {
            const wording = Messages.messages(locale).followUp[angle](`${parent} @everyone ${parent}`)
            assert.isAtLeast(wording.title.trim().length, 1)
            assert.isAtMost(wording.title.length, Messages.maxFollowUpTitleLength)
            assert.notMatch(wording.title, mass)
          }
        ),
        { numRuns: 300 }
      )
    })

    it("GIVEN every network WHEN the chart's labels are asked for THEN every label is non-empty and names the network and the window", () => {
      for (const locale of locales) {
        for (const network of networks) {
          const labels = Messages.messages(locale).chart(network, 90)
          for (const label of [labels.title, labels.subtitle, labels.metric, labels.thisPost, labels.otherPosts, labels.median]) {
            assert.isString(label)
            assert.isNotEmpty(label!.trim(), `${locale} ${network}`)
          }
          assert.include(labels.title, Messages.messages(locale).network[network])
          assert.include(labels.subtitle, "90")
        }
        const day = Messages.messages(locale).chart("facebook", 1)
        assert.notInclude(day.subtitle, "1 ", locale)
      }
      assert.deepStrictEqual(Messages.messages("nb").chart("facebook", 90), {
        title: "Engasjement på Facebook",
        subtitle: "Denne posten og Facebook-postene fra de 90 dagene før den",
        metric: "Engasjement (reaksjoner + kommentarer + delinger)",
        thisPost: "Denne posten",
        otherPosts: "Andre poster",
        median: "Median (denne medregnet)"
      })
    })

    it("GIVEN an import report with every outcome WHEN rendered THEN it counts the rows and names each unmatched row's reason, each invalid cell and each refusal", () => {
      const report: ResultsImport.ImportReport = {
        format: "meta-facebook",
        rows: 1_200,
        recorded: [{ line: 2, item, network: "facebook" }],
        unchanged: [{ line: 3, item: ItemId.make("it2"), network: "facebook" }],
        unmatched: ResultsImport.UnmatchedReason.literals.map((reason, index) => ({
          line: 10 + index,
          ...(reason === "no_identifier" ? {} : { identifier: `https://www.facebook.com/kyst/posts/${index} @everyone` }),
          reason
        })),
        invalid: [
          { line: 20, field: "reactions", reason: "not_a_count", column: "Reactions", value: "12,5" },
          { line: 21, field: "metrics", reason: "no_values" }
        ],
        refused: [{
          line: 30,
          item: ItemId.make("it3"),
          network: "facebook",
          error: new Errors.InvalidTransition({ item: ItemId.make("it3"), command: "RecordResults", state: "Closed" })
        }]
      }
      const reasons = new Set<string>()
      for (const locale of locales) {
        const catalogue = Messages.messages(locale)
        const text = catalogue.import.report(report)
        for (const reason of ResultsImport.UnmatchedReason.literals) {
          const words = catalogue.import.unmatched[reason]
          reasons.add(words)
          assert.include(text, words.slice(0, 30), `${locale} ${reason}`)
        }
        for (const line of ["10", "11", "12", "13", "14", "20", "21", "30"]) assert.include(text, line)
        assert.include(text, "https://www.facebook.com/kyst/posts/0")
        assert.include(text, "12,5")
        assert.include(text, "Reactions")
        assert.include(
          text,
          Messages.errorMessage(locale, report.refused[0]!.error, { timeZone: "UTC", name: (member) => member })
        )
        assert.include(text, catalogue.import.format["meta-facebook"])
        assert.notMatch(text, mass)
        assert.notInclude(text, "undefined")
      }
      assert.strictEqual(reasons.size, 2 * ResultsImport.UnmatchedReason.literals.length, "a reason of its own for each")
      assert.include(
        Messages.messages("nb").import.report(report),
        `Import fra Meta Business Suite (Facebook): 1${nbsp}200 rader lest – 1 registrert, 1 uendret (importert før), 5 uten treff, 2 med tall som ikke kan leses og 1 avvist.`
      )
      assert.include(
        Messages.messages("en").import.report(report),
        "Import from Meta Business Suite (Facebook): 1,200 rows read – 1 recorded, 1 unchanged (imported before), 5 unmatched, 2 with figures that can't be read and 1 refused."
      )
      assert.include(Messages.messages("nb").import.report(report), "- Linje 20, kolonnen «Reactions»: «12,5» er ikke et antall.")
      assert.include(Messages.messages("en").import.report(report), "- Line 21: the row has no figures.")
    })

    it("GIVEN a file refused for every reason WHEN UnreadableExport is rendered THEN each language says why and how to export, in its own words per reason", () => {
      const cases: ReadonlyArray<ConstructorParameters<typeof ResultsImport.UnreadableExport>[0]> = [
        { format: "meta", reason: "not_text" },
        { format: "meta", reason: "empty" },
        { format: "meta", reason: "not_csv", line: 7 },
        { format: "linkedin", reason: "no_header" },
        { format: "meta-facebook", reason: "missing_column", column: "permalink" },
        { format: "meta-facebook", reason: "missing_column", column: "metrics" },
        { format: "meta-facebook", reason: "wrong_format", detected: "meta-instagram" },
        { format: "meta", reason: "ambiguous_format" }
      ]
      for (const locale of locales) {
        const texts = cases.map((fields) => Messages.errorMessage(locale, new ResultsImport.UnreadableExport(fields), context))
        assert.strictEqual(new Set(texts).size, texts.length, locale)
        for (const text of texts) {
          assert.match(text, locale === "nb" ? /^Ingenting ble importert: / : /^Nothing was imported: /)
          assert.match(text, /Meta Business Suite|LinkedIn/)
        }
        assert.include(texts[2], "7")
        assert.include(texts[3], "All posts")
        assert.include(texts[6], "Instagram")
      }
      assert.include(
        Messages.errorMessage("en", new ResultsImport.UnreadableExport(cases[0]!), context),
        "Export the CSV from Meta Business Suite: Insights → Content → Export."
      )
      assert.include(
        Messages.errorMessage("nb", new ResultsImport.UnreadableExport(cases[7]!), context),
        "Velg Facebook eller Instagram når du importerer."
      )
    })

    it("GIVEN an item not published on the network asked about WHEN NotPublished is rendered THEN it says where it is published, or that it is not yet", () => {
      const unpublished = new ResultsContext.NotPublished({ item, network: "facebook", stage: "Drafting", publishedOn: [] })
      assert.include(Messages.errorMessage("nb", unpublished, context), "er ikke publisert ennå (den er på stadiet «utkast»)")
      assert.include(Messages.errorMessage("en", unpublished, context), "isn't published yet (it's at the “drafting” stage)")
      const elsewhere = new ResultsContext.NotPublished({ item, network: "linkedin", stage: "Published", publishedOn: ["facebook"] })
      assert.include(Messages.errorMessage("nb", elsewhere, context), "Sak it1 er publisert på Facebook, ikke på LinkedIn.")
      assert.include(Messages.errorMessage("en", elsewhere, context), "Item it1 was published on Facebook, not LinkedIn.")
    })
  })
})

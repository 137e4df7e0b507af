import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as ChatAction from "../src/ChatAction.js"
import * as ChatView from "../src/ChatView.js"
import { networks } from "../src/Draft.js"
import * as Errors from "../src/Errors.js"
import { GoalId, ItemId, MeetingId, type MemberId, WorkspaceId } from "../src/Ids.js"
import type { ItemState } from "../src/Item.js"
import { IdeaEdited, type ItemEvent, MarkedSuccess, PublicationScheduled } from "../src/ItemEvent.js"
import { type Locale, Member } from "../src/Member.js"
import type * as Messages from "../src/Messages.js"
import { type Audience, Notification, type OutboxMessage, Reminder, type ReminderSubject } from "../src/Notification.js"
import * as Primer from "../src/Primer.js"
import type { Board } from "../src/Queries.js"
import type { ParticipantMessage } from "../src/Results.js"
import { fold } from "../src/Workflow.js"
import { ev, history, O1, S1 } from "./utils/DeciderSpec.js"
import { ids, t0 } from "./utils/fixtures.js"

const locales: ReadonlyArray<Locale> = ["nb", "en"]
const workspaceId = WorkspaceId.make("kyst")
const workspace = { locale: "nb" as Locale, timeZone: "Europe/Oslo" }
const names: Record<string, string> = { ingrid: "Ingrid", per: "Per", magnus: "Magnus", ola: "Ola", siri: "Siri" }
const name = (member: MemberId) => names[member] ?? member
const render: Messages.RenderContext = { timeZone: "Europe/Oslo", name }

const member = (id: MemberId, roles: Member["roles"], locale?: Locale) =>
  new Member({
    id,
    workspaceId,
    handle: id,
    name: name(id),
    roles,
    fields: [],
    ...(locale === undefined ? {} : { locale })
  })
const ingrid = member(ids.ingrid, ["member", "advisor"])
const per = member(ids.per, ["member", "expert"], "en")
const ola = member(ids.ola, ["member"])

const state = (...events: ReadonlyArray<ItemEvent | ReadonlyArray<ItemEvent>>): ItemState =>
  fold(events.flatMap((entry) => (Array.isArray(entry) ? entry : [entry as ItemEvent])))

let version = 0
const notify = (event: ItemEvent, audience: Audience = { _tag: "Members", members: [ids.per] }): Notification =>
  new Notification({
    id: `kyst/it1/${++version}`,
    workspace: workspaceId,
    item: ids.item,
    version,
    audience,
    event
  })

const reminder = (subject: ReminderSubject, audience: Audience = { _tag: "TeamChannel" }): Reminder =>
  new Reminder({ id: `r/${++version}`, workspace: workspaceId, audience, subject })

const decoded = (id: string) => {
  const action = ChatAction.decode(id)
  if (Either.isLeft(action)) return assert.fail(`not an action id: ${id}`)
  return action.right
}

/** A live mass mention, Discord user/role mention or Mattermost handle (no zero-width joiner after the @). */
const live = /@(?:everyone|here|channel|all)\b|<@[!&]?\d+>|(?<![\p{L}\p{N}_/.@<])@[\p{L}\p{N}_]/iu

const textsOf = (view: ChatView.ChatView): ReadonlyArray<string> => [
  view.title,
  view.body,
  ...view.fields.flatMap((field) => [field.label, field.value]),
  ...view.actions.map((action) => action.label)
]

const assertWithinLimits = (view: ChatView.ChatView, what: string) => {
  assert.isNotEmpty(view.title.trim(), what)
  assert.isAtMost(view.title.length, ChatView.limits.title, what)
  assert.isAtMost(view.body.length, ChatView.limits.body, what)
  assert.isAtMost(view.fields.length, ChatView.limits.fields, what)
  assert.isAtMost(view.actions.length, ChatView.limits.actions, what)
  for (const field of view.fields) {
    assert.isNotEmpty(field.label.trim(), what)
    assert.isNotEmpty(field.value.trim(), what)
    assert.isAtMost(field.label.length, ChatView.limits.fieldLabel, what)
    assert.isAtMost(field.value.length, ChatView.limits.fieldValue, what)
  }
  for (const action of view.actions) {
    assert.isAtMost(action.id.length, ChatAction.maxIdLength, what)
    assert.isTrue(Either.isRight(ChatAction.decode(action.id)), what)
    assert.isAtMost(action.label.length, ChatView.limits.actionLabel, what)
    if (action.form !== undefined) assertForm(action.form, what)
  }
  for (const text of textsOf(view)) {
    assert.notInclude(text, "undefined", what)
    assert.notInclude(text, "[object", what)
    assert.notMatch(text, live, what)
  }
}

const assertForm = (form: ChatView.ChatForm, what: string) => {
  assert.isAtMost(form.id.length, ChatView.formLimits.id, what)
  assert.isTrue(Either.isRight(ChatAction.decode(form.id)), what)
  assert.isNotEmpty(form.title, what)
  assert.isAtMost(form.title.length, ChatView.formLimits.title, `${what}: ${form.title}`)
  assert.isAtLeast(form.fields.length, 1, what)
  assert.isAtMost(form.fields.length, ChatView.formLimits.fields, what)
  assert.strictEqual(new Set(form.fields.map((field) => field.id)).size, form.fields.length, what)
  for (const field of form.fields) {
    assert.isAtMost(field.label.length, ChatView.formLimits.label, `${what}: ${field.label}`)
    assert.isAtMost(field.placeholder?.length ?? 0, ChatView.formLimits.placeholder, what)
    assert.isAtMost(
      field.maxLength,
      field.style === "short" ? ChatView.formLimits.short : ChatView.formLimits.paragraph,
      `${what}: ${field.id}`
    )
    assert.isAtMost(field.value?.length ?? 0, field.maxLength, what)
    if (field.minLength !== undefined) assert.isAtMost(field.minLength, field.maxLength, what)
  }
}

/** In review at revision 2 (a content revision): Per and Magnus review as experts, Ola as a colleague. */
const revised = state(history.inReview, ev.revised(2, "content"))

describe("ChatView", () => {
  describe("review requests", () => {
    it("GIVEN a review request to an expert WHEN viewed THEN it previews the draft and has approve facts, object, suggest format and comment for the current revision", () => {
      const view = ChatView.viewOfMessage(
        notify(ev.reviewRequested([[ids.per, true]])),
        per,
        { workspace, name, state: revised }
      )
      assert.deepStrictEqual(view.actions.map((action) => decoded(action.id)), [
        { _tag: "approveFacts", item: ids.item, revision: 2 },
        { _tag: "object", item: ids.item, revision: 2 },
        { _tag: "suggestFormat", item: ids.item, revision: 2 },
        { _tag: "comment", item: ids.item }
      ])
      // Per reads English: his own choice over the workspace's Norwegian.
      assert.deepStrictEqual(view.actions.map((action) => action.label), [
        "Approve facts",
        "Object to facts",
        "Suggest format",
        "Comment"
      ])
      assert.isUndefined(view.actions[0]!.form)
      assert.deepStrictEqual(view.actions[1]!.form?.fields.map((field) => field.id), ["claim", "correction"])
      assert.deepStrictEqual(view.actions[2]!.form?.fields.map((field) => field.id), ["note"])
      assert.deepStrictEqual(view.actions[3]!.form?.fields.map((field) => field.id), ["text"])
      assert.include(view.body, "> Havna åpner i mai (v2).")
      assert.isTrue(view.fields.some((field) => field.value.includes("Fiskebåt ved kaia i morgenlys")), "alt text shown")
      assert.strictEqual(view.title, "Ny fiskerihavn på kysten")
      assertWithinLimits(view, "review request")
    })

    it("GIVEN a review request to a colleague who is not an expert WHEN viewed THEN there is no veto: suggest format and comment only", () => {
      const view = ChatView.viewOfMessage(notify(ev.reviewRequested([[ids.ola, false]])), ola, { workspace, name, state: revised })
      assert.deepStrictEqual(view.actions.map((action) => decoded(action.id)._tag), ["suggestFormat", "comment"])
      assert.strictEqual(view.actions[0]!.label, "Foreslå format")
    })

    it("GIVEN a view made for revision 1 WHEN the draft got a content revision and its button is pressed THEN it is stale; a view made now carries revision 2", () => {
      const old = ChatView.viewOfMessage(notify(ev.reviewRequested([[ids.per, true]])), per, {
        workspace,
        name,
        state: state(history.inReview)
      })
      const approve = decoded(old.actions[0]!.id)
      const refused = ChatAction.toCommand(approve, {}, revised, { id: ids.per, roles: ["member", "expert"] })
      assert.isTrue(Either.isLeft(refused) && refused.left._tag === "StaleAction")
      const now = ChatView.viewOfMessage(notify(ev.revised(2)), per, { workspace, name, state: revised })
      assert.deepStrictEqual(decoded(now.actions[0]!.id), { _tag: "approveFacts", item: ids.item, revision: 2 })
    })

    it("GIVEN Per's open objection WHEN the draft is revised THEN his view also offers to resolve it", () => {
      const objected = state(history.inReview, ev.objectionRaised(ids.per, O1, 1), ev.revised(2))
      const view = ChatView.viewOfMessage(notify(ev.revised(2)), per, { workspace, name, state: objected })
      assert.deepInclude(view.actions.map((action) => decoded(action.id)), { _tag: "resolveObjection", item: ids.item, objection: O1 })
    })
  })

  describe("advisor's decisions", () => {
    it("GIVEN a format suggestion to the advisor WHEN viewed THEN accept and decline both open the reason form", () => {
      const suggested = state(history.inReview, ev.formatSuggested(ids.ola, S1, 1))
      const view = ChatView.viewOfMessage(notify(ev.formatSuggested(ids.ola, S1, 1), { _tag: "Members", members: [ids.ingrid] }), ingrid, {
        workspace,
        name,
        state: suggested
      })
      assert.deepStrictEqual(view.actions.map((action) => decoded(action.id)), [
        { _tag: "acceptFormat", item: ids.item, suggestion: S1 },
        { _tag: "declineFormat", item: ids.item, suggestion: S1 }
      ])
      for (const action of view.actions) {
        assert.deepStrictEqual(action.form?.fields.map((field) => [field.id, field.required]), [["reason", true], ["primer", false]])
      }
      assert.deepStrictEqual(view.mentions, [ids.ingrid])
    })

    it("GIVEN a decided suggestion WHEN its old notification is viewed again THEN no decide buttons are offered", () => {
      const decided = state(history.inReview, ev.formatSuggested(ids.ola, S1, 1), ev.formatDecided(S1))
      const view = ChatView.viewOfMessage(notify(ev.formatSuggested(ids.ola, S1, 1)), ingrid, { workspace, name, state: decided })
      assert.deepStrictEqual(view.actions, [])
    })

    it("GIVEN a new idea to an advisor WHEN viewed THEN take on, park and decline are offered; park and decline ask for a reason", () => {
      const view = ChatView.viewOfMessage(notify(ev.submitted(), { _tag: "Role", role: "advisor" }), ingrid, {
        workspace,
        name,
        state: state(history.idea)
      })
      assert.deepStrictEqual(view.actions.map((action) => [decoded(action.id)._tag, action.form?.fields.map((field) => field.id)]), [
        ["acceptIdea", undefined],
        ["parkIdea", ["reason"]],
        ["declineIdea", ["reason"]]
      ])
      assert.include(view.body, "Havna åpner i mai, og fiskerne er med fra start.")
    })

    it("GIVEN the last expert's approval WHEN the advisor is told THEN the view offers approval for publication of the current revision", () => {
      const view = ChatView.viewOfMessage(notify(ev.factsApproved(ids.magnus, 1)), ingrid, {
        workspace,
        name,
        state: state(history.factsApproved)
      })
      assert.deepStrictEqual(view.actions.map((action) => decoded(action.id)), [
        { _tag: "approvePublication", item: ids.item, revision: 1 }
      ])
    })
  })

  describe("item replies", () => {
    it("GIVEN an item in review with an undecided suggestion WHEN its owner shows it THEN the view offers the decisions and a new revision, and names what blocks approval", () => {
      const suggested = state(history.inReview, ev.formatSuggested(ids.ola, S1, 1))
      const view = ChatView.itemView({ item: ids.item, state: suggested }, "en", render, ingrid)
      assert.deepStrictEqual(view.actions.map((action) => decoded(action.id)._tag), [
        "acceptFormat",
        "declineFormat",
        "writeDraft",
        "reviseFormat",
        "comment"
      ])
      const labels = view.fields.map((field) => field.label)
      assert.include(labels, "Waiting for fact approval from")
      assert.include(labels, "Undecided format suggestions")
      assert.deepStrictEqual(view.mentions, [])
    })

    it("GIVEN a published item WHEN its owner shows it THEN recording results is offered per posted network", () => {
      const view = ChatView.itemView({ item: ids.item, state: state(history.published) }, "nb", render, ingrid)
      assert.deepInclude(view.actions.map((action) => decoded(action.id)), { _tag: "recordResults", item: ids.item, network: "facebook" })
      assert.strictEqual(view.tone, "success")
    })
  })

  describe("results and the team channel", () => {
    const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])
    const results: ParticipantMessage = {
      member: ids.per,
      locale: "en",
      text: "Thank you for checking the facts!",
      charts: [{ network: "facebook", png }],
      chartFailures: []
    }

    it("GIVEN shared results WHEN viewed by a participant THEN the view carries the text and the chart image with alt text", () => {
      const view = ChatView.viewOfMessage(notify(ev.resultsShared()), per, { workspace, name, state: state(history.published), results })
      assert.include(view.body, "Thank you for checking the facts!")
      assert.strictEqual(view.image?.png, png)
      assert.match(view.image?.filename ?? "", /^results-it1-facebook\.png$/)
      assert.include(view.image?.alt ?? "", "Facebook")
      assert.deepStrictEqual(view.mentions, [ids.per])
    })

    it("GIVEN a celebration and meeting messages for the team channel WHEN viewed THEN nobody is mentioned and no per-person button is offered", () => {
      const messages: ReadonlyArray<OutboxMessage> = [
        notify(MarkedSuccess.make({ by: ids.ingrid, at: t0 }), { _tag: "TeamChannel" }),
        ...meetingSubjects.map((subject) => reminder(subject))
      ]
      for (const message of messages) {
        const view = ChatView.viewOfMessage(message, undefined, { workspace, name, state: state(history.published) })
        assert.deepStrictEqual(view.mentions, [], message.id)
        for (const action of view.actions) assert.strictEqual(decoded(action.id)._tag, "submitIdea", message.id)
      }
    })
  })

  describe("mentions", () => {
    it("GIVEN typed text with @everyone, <@123> and @handles WHEN shown in views THEN none of it can ping, and mentions name the recipient only", () => {
      const loud = "@everyone se <@123> og <@&456>, spør @kari"
      const events = [ev.submitted(ids.ola, { title: loud, pitch: loud }), ev.accepted(), ev.revised(1, "content", loud)]
      const noisy = state(events, ev.reviewRequested([[ids.per, true]]), ev.comment(ids.ola, loud))
      const loudNames = (member: MemberId) => `@here ${member}`
      for (const event of [ev.comment(ids.ola, loud), ev.reviewRequested([[ids.per, true]]), ev.submitted(ids.ola, { title: loud })]) {
        for (const recipient of [per, ingrid]) {
          const view = ChatView.viewOfMessage(notify(event), recipient, { workspace, name: loudNames, state: noisy })
          assertWithinLimits(view, event._tag)
          assert.deepStrictEqual(view.mentions, [recipient.id])
          assert.include(view.title, "se <@\u200D123>")
        }
      }
      const item = ChatView.itemView({ item: ids.item, state: noisy }, "nb", { ...render, name: loudNames }, per)
      assertWithinLimits(item, "itemView")
      assert.deepStrictEqual(item.mentions, [])
      // Links and e-mail addresses keep their @.
      assert.strictEqual(ChatView.defuse("kari@example.org https://mastodon.social/@kari"), "kari@example.org https://mastodon.social/@kari")
      assert.strictEqual(ChatView.defuse(ChatView.defuse("@kari")), ChatView.defuse("@kari"))
    })
  })

  describe("every view in both languages", () => {
    it("GIVEN every kind of outbox message and recipients with every role WHEN viewed in nb and en THEN each renders within the limits", () => {
      const published = state(history.published)
      const inReview = state(history.inReview, ev.objectionRaised(ids.per, O1, 1), ev.formatSuggested(ids.ola, S1, 1))
      const events: ReadonlyArray<readonly [ItemEvent, ItemState]> = [
        [ev.submitted(), state(history.idea)],
        [IdeaEdited.make({ by: ids.ola, at: t0, title: "Ny tittel" }), state(history.idea)],
        [ev.accepted(), state(history.drafting)],
        [ev.parked(), state(history.parked)],
        [ev.revived(), state(history.idea)],
        [ev.declined(), state(history.declined)],
        [ev.revised(1), inReview],
        [ev.reviewRequested([[ids.per, true], [ids.ola, false]], DateTime.add(t0, { days: 2 })), inReview],
        [ev.factsApproved(ids.per, 1), inReview],
        [ev.objectionRaised(ids.per, O1, 1), inReview],
        [ev.objectionResolved(ids.per, O1), inReview],
        [ev.formatSuggested(ids.ola, S1, 1), inReview],
        [ev.formatDecided(S1), inReview],
        [ev.comment(ids.ola), inReview],
        [ev.reviewerRemoved(ids.ola), inReview],
        [ev.approvedForPublication(1), state(history.approved)],
        [PublicationScheduled.make({ by: ids.ingrid, at: t0, network: "linkedin", scheduledFor: t0 }), state(history.approved)],
        [ev.published(), published],
        [ev.resultsRecorded(), published],
        [ev.resultsShared(), published],
        [MarkedSuccess.make({ by: ids.ingrid, at: t0 }), published],
        [ev.followUpProposed(), published],
        [ev.correctionRecorded([O1]), published],
        [ev.withdrawn(), state(history.withdrawn)],
        [ev.closed(), state(history.closed)]
      ]
      const messages: ReadonlyArray<readonly [OutboxMessage, ItemState | undefined]> = [
        ...events.map(([event, after]) => [notify(event), after] as const),
        ...events.map(([event]) => [notify(event), undefined] as const),
        ...reviewSubjects.map((subject) => [reminder(subject, { _tag: "Members", members: [ids.per] }), inReview] as const),
        ...meetingSubjects.map((subject) => [reminder(subject), undefined] as const),
        [reminder(checkIn, { _tag: "Role", role: "advisor" }), published]
      ]
      for (const locale of locales) {
        const context = { workspace: { ...workspace, locale }, name }
        for (const [message, after] of messages) {
          for (const recipient of [ingrid, per, ola, undefined]) {
            const view = ChatView.viewOfMessage(message, recipient, { ...context, state: after })
            assertWithinLimits(view, `${locale} ${message.id} ${recipient?.id}`)
            assert.isTrue(view.mentions.every((mentioned) => mentioned === recipient?.id), message.id)
          }
        }
      }
    })

    it("GIVEN query results WHEN shown as replies in nb and en THEN item, board, reports, primer, meetings and errors all render", () => {
      const board: Board = [
        { stage: "Idea", cards: [] },
        {
          stage: "InReview",
          cards: Array.from({ length: 14 }, (_, index) => ({
            workspace: workspaceId,
            item: ItemId.make(`it${index}`),
            version: 3,
            title: `Sak ${index} @everyone`,
            stage: "InReview" as const,
            submittedBy: ids.ola,
            submittedAt: t0,
            meeting: undefined,
            followUpOf: undefined,
            owner: ids.ingrid,
            goals: [],
            revision: 1,
            openObjections: 0,
            missingApprovals: 1,
            undecidedSuggestions: 0,
            updatedAt: t0
          }))
        }
      ]
      const post = {
        item: ids.item,
        title: "Ny fiskerihavn",
        network: "facebook" as const,
        url: "https://facebook.example/1",
        publishedAt: t0,
        reach: 1200,
        engagement: 90
      }
      for (const locale of locales) {
        const views: ReadonlyArray<readonly [string, ChatView.ChatView]> = [
          ...(["idea", "inReview", "approved", "published", "correctionNeeded", "withdrawn"] as const).map((stage) =>
            [`item ${stage}`, ChatView.itemView({ item: ids.item, state: state(history[stage]) }, locale, render, ingrid)] as const
          ),
          ["board", ChatView.boardView(board, locale)],
          ["empty board", ChatView.boardView([], locale)],
          ["goals", ChatView.goalsView([{ goal: GoalId.make("G1"), title: "Rekruttering", ideas: 3, posts: 2, reach: 5000, engagement: 300, best: [post], trend: [] }], locale)],
          ["people", ChatView.peopleView({
            people: [{ member: ids.ola, name: "Ola", department: "Fiskeri", ideas: 2, reviews: 1, posts: 1, best: post }],
            departments: [{ department: "Fiskeri", members: 3, ideas: 2, reviews: 1, posts: 1 }]
          }, locale)],
          ...networks.map((network) =>
            [`primer ${network}`, ChatView.primerView(network, Primer.forNetwork(network, locale), locale)] as const
          ),
          ...meetingSubjects.flatMap((subject) =>
            subject._tag === "MeetingReminder" || subject._tag === "MeetingSummary"
              ? [[subject._tag, ChatView.meetingView(subject, locale, render)] as const]
              : []
          ),
          ["no meeting", ChatView.meetingView(undefined, locale, render)],
          ["error", ChatView.errorView(new Errors.UnknownItem({ workspace: workspaceId, item: ids.item }), locale, render)],
          [
            "stale",
            ChatView.errorView(
              new ChatAction.StaleAction({ item: ids.item, action: "approveFacts", reason: "revision", stage: "InReview", pressed: 2, current: 3 }),
              locale,
              render
            )
          ]
        ]
        for (const [what, view] of views) assertWithinLimits(view, `${locale} ${what}`)
        const stale = views.find(([what]) => what === "stale")![1]
        assert.strictEqual(stale.tone, "warning")
        assert.include(stale.body, locale === "nb" ? "versjon 2" : "revision 2")
        const boardView = views.find(([what]) => what === "board")![1]
        assert.include(boardView.fields[0]!.value, locale === "nb" ? "og 4 til" : "and 4 more")
      }
    })
  })

  describe("forms", () => {
    it("GIVEN every action that opens a form WHEN built in nb and en THEN it keeps within Discord's and Mattermost's limits", () => {
      const item = ItemId.make("a".repeat(32))
      const actions: ReadonlyArray<ChatAction.ActionId> = [
        { _tag: "object", item, revision: 999_999 },
        { _tag: "suggestFormat", item, revision: 1 },
        { _tag: "comment", item },
        { _tag: "acceptFormat", item, suggestion: S1 },
        { _tag: "declineFormat", item, suggestion: S1 },
        { _tag: "resolveObjection", item, objection: O1 },
        { _tag: "parkIdea", item },
        { _tag: "declineIdea", item },
        { _tag: "submitIdea" },
        { _tag: "writeDraft", item, revision: 1 },
        { _tag: "reviseFormat", item, revision: 1 },
        { _tag: "recordResults", item, network: "instagram" }
      ]
      const drafted = state(history.inReview)
      for (const locale of locales) {
        for (const action of actions) {
          const form = ChatView.form(action, locale, drafted)
          if (form === undefined) return assert.fail(action._tag)
          assertForm(form, `${locale} ${action._tag}`)
          assert.deepStrictEqual(decoded(form.id), action)
        }
        assert.isUndefined(ChatView.form({ _tag: "approveFacts", item, revision: 1 }, locale))
      }
      const revision = ChatView.form({ _tag: "writeDraft", item: ids.item, revision: 1 }, "nb", drafted)!
      assert.strictEqual(revision.fields.find((field) => field.id === "text")?.value, "Havna åpner i mai (v1).")
      assert.strictEqual(revision.fields.find((field) => field.id === "networks")?.value, "facebook, linkedin")
    })
  })
})

const meetingId = MeetingId.make("idemote")
const reviewSubjects: ReadonlyArray<ReminderSubject> = [
  { _tag: "ReviewDue", item: ids.item, title: "Ny fiskerihavn @here", due: t0, overdue: false },
  { _tag: "ReviewDue", item: ids.item, title: "Ny fiskerihavn", due: t0, overdue: true }
]
const checkIn: ReminderSubject = {
  _tag: "ResultsCheckIn",
  item: ids.item,
  title: "Ny fiskerihavn",
  network: "facebook",
  publishedAt: t0,
  days: 2
}
const idea = { item: ids.item, title: "Ny fiskerihavn", by: ids.ola, stage: "InReview" as const }
const meetingSubjects: ReadonlyArray<ReminderSubject> = [
  {
    _tag: "MeetingReminder",
    meeting: meetingId,
    title: "Idémøte",
    occurrence: "2026-03-03T10:00",
    start: t0,
    timeZone: "Europe/Oslo",
    agenda: ["Runde rundt bordet", "@everyone nye ideer"],
    lastOccurrence: "2026-02-17T10:00",
    ideasLastTime: [idea],
    postsSince: [{ item: ids.item, title: "Ny fiskerihavn", network: "facebook", publishedAt: t0, metrics: { reach: 1200 } }],
    followUps: []
  },
  {
    _tag: "MeetingSummary",
    meeting: meetingId,
    title: "Idémøte",
    occurrence: "2026-03-03T10:00",
    start: t0,
    timeZone: "Europe/Oslo",
    ideas: [idea],
    attendance: [ids.ola, ids.per],
    nextSteps: [{ text: "Ring havnesjefen", owner: ids.per, due: "2026-03-10" }]
  },
  {
    _tag: "MeetingChanged",
    meeting: meetingId,
    title: "Idémøte",
    occurrence: "2026-03-03T10:00",
    change: "cancelled",
    timeZone: "Europe/Oslo",
    reason: "Vinterferie"
  },
  {
    _tag: "MeetingChanged",
    meeting: meetingId,
    title: "Idémøte",
    occurrence: "2026-03-03T10:00",
    change: "moved",
    start: DateTime.add(t0, { days: 1 }),
    timeZone: "Europe/Oslo"
  }
]

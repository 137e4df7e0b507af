/**
 * What each command does: read its input, send the core command or query, and say what happened.
 */
import * as Commands from "@dugnad/core/Commands"
import * as Directory from "@dugnad/core/Directory"
import { type DraftBody, type Media, MediaKind, type Network } from "@dugnad/core/Draft"
import type { GoalId, ItemId, MeetingId, MemberId, ObjectionId, SuggestionId } from "@dugnad/core/Ids"
import {
  ideaOf,
  latestRevision,
  missingApprovals,
  type Stage,
  workOf
} from "@dugnad/core/Item"
import { ItemCommand } from "@dugnad/core/ItemCommand"
import type { Metrics } from "@dugnad/core/ItemEvent"
import { type Goal, type Locale, type Member, Role } from "@dugnad/core/Member"
import * as FormatChecks from "@dugnad/core/FormatChecks"
import * as Meeting from "@dugnad/core/Meeting"
import * as Meetings from "@dugnad/core/Meetings"
import * as Messages from "@dugnad/core/Messages"
import * as Primer from "@dugnad/core/Primer"
import * as Queries from "@dugnad/core/Queries"
import type * as Recurrence from "@dugnad/core/Recurrence"
import * as Reports from "@dugnad/core/Reports"
import * as Results from "@dugnad/core/Results"
import type * as ResultsContext from "@dugnad/core/ResultsContext"
import * as ResultsImport from "@dugnad/core/ResultsImport"
import * as Team from "@dugnad/core/Team"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as fs from "node:fs"
import * as Progress from "./Progress.js"
import {
  actionOutput,
  current,
  latestRevisionNumber,
  type Output,
  parseLocalStart,
  parseTime,
  print,
  run,
  send,
  stageName
} from "./Run.js"
import { Rejection } from "./Rejection.js"
import {
  actorOf,
  CliError,
  type Common,
  describeLocation,
  handleOf,
  locationOf,
  removeDatabase,
  type Session,
  storeLayer
} from "./Session.js"
import { bold, cyan, dim, green, red, ui, yellow } from "./Ui.js"

const usage = (message: string) => new CliError({ code: "usage", exitCode: 2, message })

// ---------------------------------------------------------------------------------------------
// JSON shapes of people and goals

const memberJson = (member: Member) => ({
  id: member.id,
  handle: member.handle,
  name: member.name,
  roles: member.roles,
  department: member.department ?? null,
  fields: member.fields
})

const goalJson = (goal: Goal) => ({ id: goal.id, title: goal.title, description: goal.description ?? null })

const roleNames = (locale: Locale, roles: ReadonlyArray<Role>) =>
  roles.filter((role) => role !== "member").map((role) => Messages.messages(locale).role[role])

const memberLine = (session: Session, member: Member) => {
  const roles = roleNames(session.locale, member.roles)
  return [
    `${bold(`@${member.handle}`)}  ${Messages.neutraliseMentions(member.name)}`,
    roles.length > 0 ? `  ${roles.join(", ")}` : "",
    member.department === undefined ? "" : `  ${dim(Messages.neutraliseMentions(member.department))}`,
    member.fields.length > 0 ? `  ${dim(`${session.ui.fields}: ${member.fields.join(", ")}`)}` : ""
  ].join("")
}

// ---------------------------------------------------------------------------------------------
// init

export interface InitInput {
  readonly name: string
  readonly locale: Locale
  readonly timeZone: Option.Option<string>
  readonly founder: string
  readonly founderName: string
}

const validTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/**
 * `dugnad init`: creates the workspace and its founder (an advisor). Refused when the database
 * already has a workspace. A new SQLite file is removed again if creating the workspace fails,
 * so a failed `init` leaves nothing behind.
 */
export const init = (common: Common, input: InitInput) => {
  const location = locationOf(common)
  const locale = input.locale
  const words = ui(locale)
  const zone = Option.getOrUndefined(input.timeZone)
  const isNewFile = location._tag === "Sqlite" && location.filename !== ":memory:" &&
    !fs.existsSync(location.filename)
  const create = Effect.gen(function*() {
    if (zone !== undefined && !validTimeZone(zone)) {
      return yield* usage(words.unknownTimeZone(zone))
    }
    const directory = yield* Directory.Directory
    const [existing] = yield* directory.workspaces
    if (existing !== undefined) {
      return yield* new CliError({
        code: "workspace_exists",
        exitCode: 1,
        message: words.workspaceExists(existing.name, existing.id)
      })
    }
    return yield* Team.createWorkspace({
      name: input.name,
      locale,
      timeZone: zone,
      founder: { handle: input.founder, name: input.founderName }
    })
  }).pipe(Effect.provide(storeLayer(location)))
  return create.pipe(
    Effect.tapError(() =>
      isNewFile && location._tag === "Sqlite" ? removeDatabase(location.filename) : Effect.void
    ),
    Effect.flatMap(({ founder, workspace }) => Effect.map(describeLocation(location), (where) => ({ founder, workspace, where }))),
    Effect.flatMap(({ founder, where, workspace }) =>
      print({
        text: [
          words.created(bold(workspace.name), where),
          `  ${workspace.id} · ${workspace.locale} · ${workspace.timeZone}`,
          `  @${founder.handle} (${Messages.messages(locale).role.advisor})`
        ],
        json: {
          workspace: {
            id: workspace.id,
            name: workspace.name,
            locale: workspace.locale,
            timeZone: workspace.timeZone
          },
          founder: memberJson(founder)
        }
      }, common.json)
    ),
    Effect.catchAll((error) =>
      Effect.fail(
        error instanceof CliError
          ? new Rejection({ type: error.code, message: error.message, exitCode: error.exitCode, json: common.json })
          : new Rejection({
            type: error._tag,
            message: Messages.errorMessage(locale, error, { timeZone: zone ?? "Europe/Oslo", name: (id) => id }),
            exitCode: 1,
            json: common.json
          })
      )
    )
  )
}

// ---------------------------------------------------------------------------------------------
// member, goal

export const memberAdd = (
  common: Common,
  input: {
    readonly handle: string
    readonly name: string
    readonly roles: ReadonlyArray<Role>
    readonly department: Option.Option<string>
    readonly fields: ReadonlyArray<string>
  }
) =>
  run(common, true, (session) =>
    Effect.map(
      Team.addMember(session.workspace.id, actorOf(session).id, {
        handle: input.handle,
        name: input.name,
        roles: input.roles,
        department: Option.getOrUndefined(input.department),
        fields: input.fields
      }),
      (member): Output => ({ text: [memberLine(session, member)], json: { member: memberJson(member) } })
    ))

export const memberList = (common: Common) =>
  run(common, false, (session) => {
    const members = [...session.members].sort((a, b) => a.handle.localeCompare(b.handle))
    return Effect.succeed<Output>({
      text: members.length === 0 ? [session.ui.noMembers] : members.map((member) => memberLine(session, member)),
      json: { members: members.map(memberJson) }
    })
  })

export const goalAdd = (
  common: Common,
  input: { readonly title: string; readonly description: Option.Option<string> }
) =>
  run(common, true, (session) =>
    Effect.map(
      Team.addGoal(session.workspace.id, actorOf(session).id, {
        title: input.title,
        description: Option.getOrUndefined(input.description)
      }),
      (goal): Output => ({
        text: [`${bold(goal.id)}  ${Messages.neutraliseMentions(goal.title)}`],
        json: { goal: goalJson(goal) }
      })
    ))

export const goalList = (common: Common) =>
  run(common, false, (session) =>
    Effect.gen(function*() {
      const directory = yield* Directory.Directory
      const goals = yield* directory.goals(session.workspace.id)
      return {
        text: goals.length === 0
          ? [session.ui.noGoals]
          : goals.map((goal) =>
            `${bold(goal.id)}  ${Messages.neutraliseMentions(goal.title)}` +
            (goal.description === undefined ? "" : `\n    ${dim(Messages.neutraliseMentions(goal.description))}`)
          ),
        json: { goals: goals.map(goalJson) }
      } satisfies Output
    }))

// ---------------------------------------------------------------------------------------------
// idea

const memberIdsOf = (session: Session, handles: ReadonlyArray<string>) =>
  Effect.forEach(handles, (handle) =>
    Effect.flatMap(Directory.Directory, (directory) =>
      Effect.map(directory.memberByHandle(session.workspace.id, handle), (member) => member.id)))

export const ideaSubmit = (
  common: Common,
  input: {
    readonly title: string
    readonly pitch: Option.Option<string>
    readonly goals: ReadonlyArray<GoalId>
    readonly department: Option.Option<string>
    readonly concerns: ReadonlyArray<string>
    readonly meeting: MeetingId | undefined
  }
) =>
  run(common, true, (session) =>
    Effect.gen(function*() {
      const concerns = yield* memberIdsOf(session, input.concerns)
      const result = yield* send(
        session,
        undefined,
        ItemCommand.SubmitIdea({
          title: input.title,
          pitch: Option.getOrElse(input.pitch, () => ""),
          department: Option.getOrUndefined(input.department),
          goals: input.goals,
          concerns,
          meeting: input.meeting
        })
      )
      return actionOutput(session, result)
    }))

export const triage = (
  common: Common,
  action: "accept" | "park" | "revive" | "decline",
  item: ItemId,
  reason: Option.Option<string>
) =>
  run(common, true, (session) => {
    const why = Option.getOrElse(reason, () => "")
    const command = action === "accept"
      ? ItemCommand.AcceptIdea()
      : action === "park"
      ? ItemCommand.ParkIdea({ reason: why })
      : action === "revive"
      ? ItemCommand.ReviveIdea()
      : ItemCommand.DeclineIdea({ reason: why })
    return Effect.map(send(session, item, command), (result) => actionOutput(session, result))
  })

// ---------------------------------------------------------------------------------------------
// draft

const mediaPattern = /^([a-z]+):(\S+?):(?!\/\/)(?!\d+\/)(.+)$/

/** `KIND:URL:ALT`, e.g. `image:https://example.no/boat.jpg:A boat in the harbour at dawn`. */
export const parseMedia = (text: string): Media | undefined => {
  const match = mediaPattern.exec(text.trim())
  if (match === null) return undefined
  const kind = match[1]!
  if (!(MediaKind.literals as ReadonlyArray<string>).includes(kind)) return undefined
  return { kind: kind as MediaKind, url: match[2]!, alt: match[3]!.trim() }
}

export const draftWrite = (
  common: Common,
  input: {
    readonly item: ItemId
    readonly text: string
    readonly networks: ReadonlyArray<Network>
    readonly media: ReadonlyArray<string>
    readonly kind: "content" | "format"
  }
) =>
  run(common, true, (session) =>
    Effect.gen(function*() {
      const media: Array<Media> = []
      for (const text of input.media) {
        const parsed = parseMedia(text)
        if (parsed === undefined) {
          return yield* usage(session.ui.badMedia(text))
        }
        media.push(parsed)
      }
      const { state } = yield* current(session, input.item)
      const work = workOf(state)
      const previous = work === undefined ? undefined : latestRevision(work)
      const networks = input.networks.length > 0 ? input.networks : previous?.body.networks ?? []
      const perNetwork = Object.fromEntries(
        Object.entries(previous?.body.perNetwork ?? {}).filter(([network]) => networks.includes(network as Network))
      )
      const body: DraftBody = {
        text: input.text,
        perNetwork,
        media: input.media.length > 0 ? media : previous?.body.media ?? [],
        networks,
        ...(previous?.body.plannedFor === undefined ? {} : { plannedFor: previous.body.plannedFor })
      }
      const result = yield* send(
        session,
        input.item,
        ItemCommand.WriteDraft({ baseRevision: latestRevisionNumber(state), kind: input.kind, body })
      )
      return actionOutput(session, result)
    }))

// ---------------------------------------------------------------------------------------------
// review

export const reviewRequest = (
  common: Common,
  item: ItemId,
  reviewers: ReadonlyArray<string>,
  due: Option.Option<string>
) =>
  run(common, true, (session) =>
    Effect.gen(function*() {
      const directory = yield* Directory.Directory
      const members = yield* Effect.forEach(reviewers, (handle) => directory.memberByHandle(session.workspace.id, handle))
      const dueAt = Option.isSome(due) ? yield* parseTime(session, "--due", due.value) : undefined
      const result = yield* send(
        session,
        item,
        ItemCommand.RequestReview({
          reviewers: members.map((member) => ({ member: member.id, expert: member.roles.includes("expert") })),
          due: dueAt
        })
      )
      return actionOutput(session, result)
    }))

export const reviewApprove = (common: Common, item: ItemId, revision: Option.Option<number>) =>
  run(common, true, (session) =>
    Effect.gen(function*() {
      const seen = Option.isSome(revision)
        ? revision.value
        : latestRevisionNumber((yield* current(session, item)).state)
      const result = yield* send(session, item, ItemCommand.ApproveFacts({ revision: seen }))
      return actionOutput(session, result)
    }))

export const reviewObject = (common: Common, item: ItemId, claim: string, correction: string) =>
  run(common, true, (session) =>
    Effect.gen(function*() {
      const revision = latestRevisionNumber((yield* current(session, item)).state)
      const result = yield* send(session, item, ItemCommand.RaiseObjection({ revision, claim, correction }))
      const raised = result.events.find((recorded) => recorded.event._tag === "FactObjectionRaised")?.event
      return actionOutput(session, result, {
        objection: raised?._tag === "FactObjectionRaised" ? raised.objection : null
      })
    }))

export const reviewResolve = (common: Common, item: ItemId, objection: ObjectionId, note: Option.Option<string>) =>
  run(common, true, (session) =>
    Effect.map(
      send(session, item, ItemCommand.ResolveObjection({ objection, note: Option.getOrUndefined(note) })),
      (result) => actionOutput(session, result, { objection })
    ))

export const reviewSuggest = (common: Common, item: ItemId, note: string) =>
  run(common, true, (session) =>
    Effect.gen(function*() {
      const revision = latestRevisionNumber((yield* current(session, item)).state)
      const result = yield* send(session, item, ItemCommand.SuggestFormat({ revision, note }))
      const made = result.events.find((recorded) => recorded.event._tag === "FormatSuggested")?.event
      return actionOutput(session, result, {
        suggestion: made?._tag === "FormatSuggested" ? made.suggestion : null
      })
    }))

export const reviewDecide = (
  common: Common,
  item: ItemId,
  suggestion: SuggestionId,
  accept: boolean,
  decline: boolean,
  reason: string
) =>
  run(common, true, (session) =>
    Effect.gen(function*() {
      if (accept === decline) {
        return yield* usage(session.ui.acceptOrDecline)
      }
      const result = yield* send(
        session,
        item,
        ItemCommand.DecideFormat({ suggestion, decision: accept ? "accepted" : "declined", explanation: reason })
      )
      return actionOutput(session, result, { suggestion })
    }))

// ---------------------------------------------------------------------------------------------
// comment, approve, withdraw, publish

export const comment = (common: Common, item: ItemId, text: string) =>
  run(common, true, (session) =>
    Effect.map(send(session, item, ItemCommand.Comment({ text })), (result) => actionOutput(session, result)))

export const approve = (common: Common, item: ItemId) =>
  run(common, true, (session) =>
    Effect.gen(function*() {
      const revision = latestRevisionNumber((yield* current(session, item)).state)
      const result = yield* send(session, item, ItemCommand.ApproveForPublication({ revision }))
      return actionOutput(session, result)
    }))

export const withdraw = (common: Common, item: ItemId, reason: string) =>
  run(common, true, (session) =>
    Effect.map(send(session, item, ItemCommand.Withdraw({ reason })), (result) => actionOutput(session, result)))

export const publish = (
  common: Common,
  item: ItemId,
  network: Network,
  url: string,
  at: Option.Option<string>
) =>
  run(common, true, (session) =>
    Effect.gen(function*() {
      const publishedAt = Option.isSome(at) ? yield* parseTime(session, "--at", at.value) : yield* DateTime.now
      const result = yield* send(session, item, ItemCommand.RecordPublication({ network, url, publishedAt }))
      return actionOutput(session, result, { network, url })
    }))

// ---------------------------------------------------------------------------------------------
// show

const iso = (time: DateTime.DateTime) => DateTime.formatIso(time)

/** `2026-11-26 10:05` in the workspace's time zone: compact, for lists. */
const shortTime = (timeZone: string, value: DateTime.DateTime) =>
  new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit"
  }).format(new Date(value.epochMillis))

export const show = (common: Common, item: ItemId) =>
  run(common, false, (session) =>
    Effect.gen(function*() {
      const view = yield* Queries.item(session.workspace.id, item)
      const timeline = yield* Queries.timeline(session.workspace.id, item)
      const state = view.state
      const idea = ideaOf(state)!
      const work = workOf(state)
      const revision = work === undefined ? undefined : latestRevision(work)
      const missing = work === undefined ? [] : missingApprovals(work)
      const posts = state._tag === "Published" || state._tag === "CorrectionNeeded" || state._tag === "Closed"
        ? state.publication.posts
        : []
      const catalogue = Messages.messages(session.locale)
      const who = (id: MemberId) => handleOf(session, id)
      const user = Messages.neutraliseMentions
      const time = (value: DateTime.DateTime) => shortTime(session.workspace.timeZone, value)
      const events = timeline.map((entry) => ({
        version: entry.version,
        at: iso(entry.at),
        by: who(entry.by),
        type: entry.event._tag,
        message: Messages.eventMessage(session.locale, entry.event, idea.title, session.context)
      }))
      const reviewers = work === undefined ? [] : work.reviewers.map((reviewer) => {
        const approval = work.approvals.find((entry) => entry.member === reviewer.member)
        return {
          handle: who(reviewer.member),
          expert: reviewer.expert,
          approvedRevision: approval?.revision ?? null,
          approvalMissing: missing.includes(reviewer.member)
        }
      })
      const json = {
        item: view.item,
        title: idea.title,
        stage: state._tag,
        version: view.version,
        idea: {
          pitch: idea.pitch,
          department: idea.department ?? null,
          goals: idea.goals,
          concerns: idea.concerns.map(who),
          submittedBy: who(idea.submittedBy),
          submittedAt: iso(idea.submittedAt),
          meeting: idea.meeting ?? null
        },
        owner: work === undefined ? null : who(work.owner),
        draft: revision === undefined ? null : {
          revision: revision.number,
          kind: revision.kind,
          by: who(revision.by),
          at: iso(revision.at),
          text: revision.body.text,
          perNetwork: revision.body.perNetwork,
          networks: revision.body.networks,
          media: revision.body.media
        },
        reviewers,
        due: work?.due === undefined ? null : iso(work.due),
        objections: (work?.objections ?? []).map((objection) => ({
          id: objection.id,
          by: who(objection.by),
          revision: objection.revision,
          claim: objection.claim,
          correction: objection.correction,
          status: objection.status
        })),
        suggestions: (work?.suggestions ?? []).map((suggestion) => ({
          id: suggestion.id,
          by: who(suggestion.by),
          revision: suggestion.revision,
          note: suggestion.note,
          decision: suggestion.decision ?? null
        })),
        posts: posts.map((post) => ({
          network: post.network,
          url: post.url,
          publishedAt: iso(post.publishedAt),
          revision: post.revision
        })),
        timeline: events
      }
      const words = session.ui
      const stageText = stageName(session, state._tag)
      const lines: Array<string> = [
        `${bold(view.item)}  ${bold(user(idea.title))}`,
        `  ${words.stage}: ${state._tag === "Approved" || state._tag === "Published" ? green(stageText) : stageText}`,
        `  ${words.submittedBy}: @${who(idea.submittedBy)} · ${time(idea.submittedAt)}`
      ]
      if (work !== undefined) lines.push(`  ${words.owner}: @${who(work.owner)}`)
      if (idea.pitch !== "") lines.push(`  ${words.pitch}: ${user(idea.pitch)}`)
      if (idea.department !== undefined) lines.push(`  ${words.department}: ${user(idea.department)}`)
      if (idea.goals.length > 0) lines.push(`  ${words.goals}: ${idea.goals.join(", ")}`)
      if (idea.concerns.length > 0) lines.push(`  ${words.concerns}: ${idea.concerns.map((id) => `@${who(id)}`).join(", ")}`)
      if (idea.meeting !== undefined) lines.push(`  ${words.meeting}: ${idea.meeting}`)
      if (revision !== undefined) {
        lines.push("", bold(`${words.draft}, ${words.revision(revision.number, revision.kind)}`))
        lines.push(`  ${words.networks}: ${revision.body.networks.map((network) => catalogue.network[network]).join(", ")}`)
        for (const text of revision.body.text.split("\n")) lines.push(`  │ ${user(text)}`)
        for (const [network, text] of Object.entries(revision.body.perNetwork)) {
          lines.push(`  ${catalogue.network[network as Network]}:`)
          for (const line of (text ?? "").split("\n")) lines.push(`  │ ${user(line)}`)
        }
        for (const media of revision.body.media) {
          lines.push(`  ${words.media}: ${media.kind} ${media.url} — ${user(media.alt)}`)
        }
      }
      if (reviewers.length > 0) {
        lines.push("", bold(words.reviewers))
        for (const reviewer of reviewers) {
          lines.push(
            `  @${reviewer.handle}${reviewer.expert ? ` (${words.expert})` : ""}: ` +
              (reviewer.approvedRevision === null || reviewer.approvalMissing
                ? reviewer.expert ? yellow(words.waiting) : "–"
                : green(words.approvedRevision(reviewer.approvedRevision)))
          )
        }
      }
      if (json.objections.length > 0) {
        lines.push("", bold(words.objections))
        for (const objection of json.objections) {
          const status = objection.status === "open" ? red(words.open) : green(words[objection.status])
          lines.push(`  ${objection.id} @${objection.by} [${status}] ${user(objection.claim)} → ${user(objection.correction)}`)
        }
      }
      if (json.suggestions.length > 0) {
        lines.push("", bold(words.suggestions))
        for (const suggestion of json.suggestions) {
          const status = suggestion.decision === null ? yellow(words.undecided) : words[suggestion.decision]
          lines.push(`  ${suggestion.id} @${suggestion.by} [${status}] ${user(suggestion.note)}`)
        }
      }
      if (posts.length > 0) {
        lines.push("", bold(words.posts))
        for (const post of posts) {
          lines.push(`  ${catalogue.network[post.network]}: ${user(post.url)} · ${time(post.publishedAt)}`)
        }
      }
      lines.push("", bold(words.timeline))
      for (const entry of timeline) {
        lines.push(`  ${dim(time(entry.at))}  ${Messages.eventMessage(session.locale, entry.event, idea.title, session.context)}`)
      }
      return { text: lines, json } satisfies Output
    }))

// ---------------------------------------------------------------------------------------------
// board

export const board = (common: Common, goal: Option.Option<string>, stage: Option.Option<Stage>) =>
  run(common, false, (session) =>
    Effect.gen(function*() {
      const columns = yield* Queries.board(session.workspace.id, {
        goal: Option.getOrUndefined(Option.map(goal, (id) => id.trim().toUpperCase() as GoalId)),
        stage: Option.getOrUndefined(stage)
      })
      const shown = columns.filter((column) => Option.isNone(stage) || column.stage === stage.value)
      const json = {
        columns: shown.map((column) => ({
          stage: column.stage,
          items: column.cards.map((card) => ({
            item: card.item,
            title: card.title,
            stage: card.stage,
            submittedBy: handleOf(session, card.submittedBy),
            owner: card.owner === undefined ? null : handleOf(session, card.owner),
            goals: card.goals,
            revision: card.revision,
            openObjections: card.openObjections,
            missingApprovals: card.missingApprovals,
            undecidedSuggestions: card.undecidedSuggestions,
            updatedAt: iso(card.updatedAt)
          }))
        }))
      }
      const lines: Array<string> = []
      for (const column of shown) {
        if (column.cards.length === 0) continue
        lines.push(bold(`${stageName(session, column.stage)} (${column.cards.length})`))
        for (const card of column.cards) {
          const counts = session.ui.counts(card.openObjections, card.missingApprovals, card.undecidedSuggestions)
          lines.push(
            `  ${cyan(card.item)}  ${Messages.neutraliseMentions(card.title)}` +
              (card.owner === undefined ? "" : dim(`  @${handleOf(session, card.owner)}`)) +
              (card.goals.length > 0 ? dim(`  ${card.goals.join(",")}`) : "") +
              (counts === "" ? "" : `  ${yellow(counts)}`)
          )
        }
      }
      return { text: lines.length === 0 ? [session.ui.emptyBoard] : lines, json } satisfies Output
    }))

// ---------------------------------------------------------------------------------------------
// checks, primer

export const checks = (common: Common, item: ItemId) =>
  run(common, false, (session) =>
    Effect.gen(function*() {
      const { findings, revision } = yield* Queries.checks(session.workspace.id, item)
      const directory = yield* Directory.Directory
      const overrides = yield* directory.primerEntries(session.workspace.id)
      const catalogue = Messages.messages(session.locale)
      const shown = findings.map((finding) => ({
        check: finding.check,
        severity: finding.severity,
        network: finding.network ?? null,
        media: finding.media ?? null,
        message: Messages.findingMessage(session.locale, finding),
        primer: finding.primer,
        primerTitle: Primer.entry(finding.primer, session.locale, overrides)?.title ?? null,
        measured: finding.measured,
        limit: finding.limit ?? null,
        recommended: finding.recommended ?? null
      }))
      const paintSeverity = (severity: string) =>
        severity === "error" ? red(severity) : severity === "warning" ? yellow(severity) : dim(severity)
      return {
        text: [
          `${bold(item)}  ${session.ui.revision(revision, "").replace(/ \(\)$/, "")}`,
          ...(shown.length === 0 ? [`  ${green(session.ui.noFindings)}`] : shown.map((finding) =>
            `  ${paintSeverity(catalogue.severity[finding.severity])}  ${finding.message}` +
            (finding.primerTitle === null ? "" : dim(`  (${session.ui.primer}: ${finding.primerTitle}, dugnad primer)`))
          ))
        ],
        json: { item, revision, worst: FormatChecks.worst(findings) ?? null, findings: shown }
      } satisfies Output
    }))

export const primer = (common: Common, network: Option.Option<Network>) =>
  run(common, false, (session) =>
    Effect.gen(function*() {
      const directory = yield* Directory.Directory
      const overrides = yield* directory.primerEntries(session.workspace.id)
      const entries = Option.isSome(network)
        ? Primer.forNetwork(network.value, session.locale, overrides)
        : Primer.resolve(session.locale, overrides)
      const lines: Array<string> = []
      for (const entry of entries) {
        lines.push(`${bold(entry.title)}  ${dim(entry.id)}`, `  ${entry.summary}`)
        if (Option.isSome(network)) lines.push("", ...entry.body.split("\n").map((line) => `  ${line}`))
        lines.push("")
      }
      return {
        text: lines.length === 0 ? [] : lines.slice(0, -1),
        json: {
          locale: session.locale,
          entries: entries.map((entry) => ({
            id: entry.id,
            network: entry.network ?? null,
            topic: entry.topic,
            title: entry.title,
            summary: entry.summary,
            body: entry.body
          }))
        }
      } satisfies Output
    }))

// ---------------------------------------------------------------------------------------------
// results

export interface ResultsInput {
  readonly network: Network
  readonly metrics: Readonly<Record<keyof Metrics, Option.Option<number>>>
  readonly highlights: ReadonlyArray<string>
}

export const resultsRecord = (common: Common, item: ItemId, input: ResultsInput) =>
  run(common, true, (session) =>
    Effect.gen(function*() {
      const metrics: { -readonly [K in keyof Metrics]?: number } = {}
      for (const [key, value] of Object.entries(input.metrics) as Array<[keyof Metrics, Option.Option<number>]>) {
        if (Option.isSome(value)) metrics[key] = value.value
      }
      const result = yield* send(
        session,
        item,
        ItemCommand.RecordResults({
          network: input.network,
          capturedAt: yield* DateTime.now,
          metrics,
          highlights: input.highlights.map((text) => ({ text, tone: "neutral" as const }))
        })
      )
      return actionOutput(session, result, { network: input.network, metrics })
    }))

// ---------------------------------------------------------------------------------------------
// report

const reportPeriod = (session: Session, from: Option.Option<string>, to: Option.Option<string>) =>
  Effect.gen(function*() {
    // `--to 2026-03-31` includes that day: the period ends at the start of the next one.
    const until = Option.isSome(to)
      ? /^\d{4}-\d{2}-\d{2}$/.test(to.value.trim())
        ? DateTime.add(yield* parseTime(session, "--to", to.value), { days: 1 })
        : yield* parseTime(session, "--to", to.value)
      : yield* DateTime.now
    const start = Option.isSome(from) ? yield* parseTime(session, "--from", from.value) : DateTime.subtract(until, { days: 90 })
    return { from: start, until }
  })

const reportedPostJson = (post: Reports.ReportedPost) => ({
  item: post.item,
  title: post.title,
  network: post.network,
  url: post.url,
  publishedAt: iso(post.publishedAt),
  reach: post.reach ?? null,
  engagement: post.engagement ?? null
})

export const report = (
  common: Common,
  kind: "goals" | "people",
  from: Option.Option<string>,
  to: Option.Option<string>
) =>
  run(common, false, (session) =>
    Effect.gen(function*() {
      const period = yield* reportPeriod(session, from, to)
      const number = (value: number) => Messages.formatNumber(session.locale, value)
      const catalogue = Messages.messages(session.locale)
      const periodJson = { from: iso(period.from), until: iso(period.until) }
      const heading = dim(
        `${shortTime(session.workspace.timeZone, period.from)} – ${shortTime(session.workspace.timeZone, period.until)}`
      )
      if (kind === "goals") {
        const goals = yield* Reports.goals(session.workspace.id, period)
        const lines = [heading]
        for (const goal of goals) {
          lines.push(
            `${bold(goal.goal)}  ${Messages.neutraliseMentions(goal.title)}`,
            `  ${session.ui.ideas} ${number(goal.ideas)} · ${session.ui.posts.toLowerCase()} ${number(goal.posts)} · ${catalogue.metric.reach} ${
              number(goal.reach)
            } · ${session.ui.engagement} ${number(goal.engagement)}`
          )
          for (const post of goal.best) {
            lines.push(`  ${cyan(post.item)}  ${Messages.neutraliseMentions(post.title)} (${catalogue.network[post.network]})`)
          }
        }
        return {
          text: goals.length === 0 ? [heading, session.ui.noGoals] : lines,
          json: {
            period: periodJson,
            goals: goals.map((goal) => ({
              goal: goal.goal,
              title: goal.title,
              ideas: goal.ideas,
              posts: goal.posts,
              reach: goal.reach,
              engagement: goal.engagement,
              best: goal.best.map(reportedPostJson),
              trend: goal.trend
            }))
          }
        } satisfies Output
      }
      const { departments, people } = yield* Reports.people(session.workspace.id, period)
      const lines = [heading]
      for (const person of people) {
        lines.push(
          `${bold(`@${handleOf(session, person.member)}`)}  ${Messages.neutraliseMentions(person.name)}` +
            (person.department === undefined ? "" : dim(`  ${Messages.neutraliseMentions(person.department)}`)) +
            `  ${session.ui.ideas} ${number(person.ideas)} · ${session.ui.reviews} ${number(person.reviews)} · ${session.ui.posts.toLowerCase()} ${
              number(person.posts)
            }`
        )
      }
      if (departments.length > 0) {
        lines.push("", bold(session.ui.department))
        for (const department of departments) {
          lines.push(
            `  ${Messages.neutraliseMentions(department.department)}  ${session.ui.ideas} ${number(department.ideas)} · ${session.ui.reviews} ${
              number(department.reviews)
            } · ${session.ui.posts.toLowerCase()} ${number(department.posts)}`
          )
        }
      }
      return {
        text: lines,
        json: {
          period: periodJson,
          people: people.map((person) => ({
            handle: handleOf(session, person.member),
            name: person.name,
            department: person.department ?? null,
            ideas: person.ideas,
            reviews: person.reviews,
            posts: person.posts,
            best: person.best === undefined ? null : reportedPostJson(person.best)
          })),
          departments: departments.map((department) => ({ ...department }))
        }
      } satisfies Output
    }))

export const resultsImport = (common: Common, file: string, content: Uint8Array, format: ResultsImport.ImportFormat) =>
  run(common, true, (session) =>
    Effect.gen(function*() {
      // A line on stderr while the rows are imported, on a terminal only and never with --json.
      const progress = yield* Progress.make(process.stderr, { render: session.ui.importing, enabled: !common.json })
      const report = yield* ResultsImport.importResults(session.workspace.id, actorOf(session).id, {
        format,
        text: content,
        capturedAt: yield* DateTime.now,
        onProgress: progress.update
      }).pipe(Effect.ensuring(progress.clear))
      const row = (entry: { readonly line: number; readonly item: ItemId; readonly network: Network }) => ({
        line: entry.line,
        item: entry.item,
        network: entry.network
      })
      return {
        text: [Messages.messages(session.locale).import.report(report, session.context)],
        json: {
          file,
          format: report.format,
          rows: report.rows,
          recorded: report.recorded.map(row),
          unchanged: report.unchanged.map(row),
          unmatched: report.unmatched.map((entry) => ({
            line: entry.line,
            identifier: entry.identifier ?? null,
            reason: entry.reason
          })),
          invalid: report.invalid.map((entry) => ({
            line: entry.line,
            field: entry.field,
            reason: entry.reason,
            column: entry.column ?? null,
            value: entry.value ?? null
          })),
          refused: report.refused.map((entry) => ({
            ...row(entry),
            type: entry.error._tag,
            message: Messages.errorMessage(session.locale, entry.error, session.context)
          }))
        }
      } satisfies Output
    }))

// ---------------------------------------------------------------------------------------------
// meeting

const occurrenceJson = (occurrence: Recurrence.Occurrence) => ({
  occurrence: occurrence.key,
  start: iso(occurrence.start),
  end: iso(occurrence.end),
  moved: occurrence.moved
})

const isRoleName = (entry: string) => (Role.literals as ReadonlyArray<string>).includes(entry.toLowerCase())

export interface ScheduleInput {
  readonly title: string
  readonly start: string
  readonly rrule: string
  readonly timeZone: Option.Option<string>
  readonly duration: number
  readonly invite: ReadonlyArray<string>
  readonly channel: Option.Option<string>
  readonly agenda: ReadonlyArray<string>
}

export const meetingSchedule = (common: Common, input: ScheduleInput) =>
  run(common, true, (session) =>
    Effect.gen(function*() {
      const start = yield* parseLocalStart(session, "--start", input.start)
      const roles = input.invite.filter(isRoleName).map((entry) => entry.toLowerCase() as Role)
      const members = yield* memberIdsOf(session, input.invite.filter((entry) => !isRoleName(entry)))
      const commandId = yield* Commands.newCommandId
      const result = yield* Meetings.handle({
        workspace: session.workspace.id,
        commandId,
        actor: actorOf(session).id,
        command: Meeting.MeetingCommand.ScheduleMeeting({
          title: input.title,
          start,
          rrule: input.rrule,
          timeZone: Option.getOrUndefined(input.timeZone),
          durationMinutes: input.duration,
          channel: Option.getOrUndefined(input.channel),
          invitees: { roles, departments: [], members },
          agenda: input.agenda
        })
      })
      const { occurrences } = yield* Meetings.upcoming(session.workspace.id, result.meeting, 3)
      const time = (value: DateTime.DateTime) => shortTime(session.workspace.timeZone, value)
      return {
        text: [
          `${bold(result.meeting)}  ${Messages.neutraliseMentions(input.title)}`,
          ...occurrences.map((occurrence) => `  ${time(occurrence.start)} – ${time(occurrence.end)}`)
        ],
        json: { meeting: result.meeting, title: input.title, next: occurrences.map(occurrenceJson) }
      } satisfies Output
    }))

const meetingId = (text: string) => text.trim() as MeetingId

export const meetingNext = (common: Common, meeting: string, count: number) =>
  run(common, false, (session) =>
    Effect.gen(function*() {
      const { occurrences, reminder } = yield* Meetings.upcoming(session.workspace.id, meetingId(meeting), Math.max(1, count))
      const message = reminder === undefined ? null : Messages.reminderMessage(session.locale, reminder, session.context)
      const time = (value: DateTime.DateTime) => shortTime(session.workspace.timeZone, value)
      return {
        text: [
          ...occurrences.map((occurrence) => `${bold(time(occurrence.start))} – ${time(occurrence.end)}  ${dim(occurrence.key)}`),
          ...(message === null ? [session.ui.none] : ["", message])
        ],
        json: { meeting: meetingId(meeting), occurrences: occurrences.map(occurrenceJson), reminder: message }
      } satisfies Output
    }))

export const meetingSummary = (common: Common, meeting: string, occurrence: Option.Option<string>) =>
  run(common, false, (session) =>
    Effect.gen(function*() {
      const key = Option.isSome(occurrence) ? yield* parseLocalStart(session, "--occurrence", occurrence.value) : undefined
      const subject = yield* Meetings.summary(session.workspace.id, meetingId(meeting), key)
      const message = Messages.reminderMessage(session.locale, subject, session.context)
      return {
        text: [message],
        json: {
          meeting: meetingId(meeting),
          occurrence: subject._tag === "MeetingSummary" ? subject.occurrence : null,
          message
        }
      } satisfies Output
    }))

export const meetingIcs = (common: Common, meeting: string, out: Option.Option<string>) =>
  run(common, false, (session) =>
    Effect.gen(function*() {
      const ics = yield* Meetings.calendar(session.workspace.id, meetingId(meeting))
      if (Option.isSome(out)) {
        yield* Effect.sync(() => fs.writeFileSync(out.value, ics))
        return { text: [out.value], json: { meeting: meetingId(meeting), file: out.value, bytes: Buffer.byteLength(ics) } }
      }
      return { text: [ics.trimEnd()], json: { meeting: meetingId(meeting), ics } } satisfies Output
    }))

// ---------------------------------------------------------------------------------------------
// results share

const standingJson = (standing: ResultsContext.Standing) =>
  standing._tag === "Ranked"
    ? {
      standing: "ranked",
      value: standing.value,
      comparable: standing.of,
      rank: standing.rank,
      percentile: standing.percentile,
      median: standing.median
    }
    : standing._tag === "ThinHistory"
    ? { standing: "thin-history", value: standing.value, comparable: standing.comparable }
    : { standing: "missing", comparable: standing.comparable }

/** The feedback of a share as JSON: the shape `results share --json` prints (see the README). */
export const feedbackJson = (
  session: Session,
  found: Results.Feedback,
  message: Results.ParticipantMessage | undefined,
  chart: string | null
) => {
  const words = Messages.messages(session.workspace.locale)
  return {
    item: found.item,
    title: found.title,
    success: found.success,
    marked: found.marked,
    posts: found.posts.map((post) => ({
      network: post.network,
      url: post.url,
      publishedAt: iso(post.publishedAt),
      capturedAt: post.capturedAt === undefined ? null : iso(post.capturedAt),
      metrics: post.metrics,
      success: post.success,
      reach: standingJson(post.context.reach),
      engagement: standingJson(post.context.engagement),
      windowDays: post.context.window.days,
      best: post.context.best === undefined ? null : { item: post.context.best.item, title: post.bestTitle ?? null }
    })),
    participants: found.participants.map((participant) => ({
      handle: handleOf(session, participant.member),
      name: session.context.name(participant.member),
      contributions: participant.contributions
    })),
    followUps: found.followUps.map((suggestion) => ({
      angle: suggestion.angle,
      ...words.followUp[suggestion.angle](found.title)
    })),
    message: message?.text ?? null,
    chart,
    chartFailures: chartFailuresJson(message)
  }
}

/**
 * The charts of the message that could not be drawn, for scripts: the post's network and where
 * the drawing stopped (`ChartRenderError`'s `stage` and `detail`). Empty when every chart was drawn.
 */
export const chartFailuresJson = (message: Results.ParticipantMessage | undefined) =>
  (message?.chartFailures ?? []).map(({ error, network }) => ({ network, stage: error.stage, detail: error.detail }))

/**
 * What became of the chart `results share --chart` writes, the first post's: drawn, not drawn
 * (a `ChartRenderError`), or none because the post has no engagement figures.
 */
export type ChartOutcome =
  | { readonly _tag: "Drawn"; readonly network: Network; readonly png: Uint8Array }
  | { readonly _tag: "Failed"; readonly failure: Results.ChartFailure }
  | { readonly _tag: "None" }

/** The first post's chart in `message`, found by the post's network (not by position). */
export const chartOutcome = (found: Results.Feedback, message: Results.ParticipantMessage | undefined): ChartOutcome => {
  const network = found.posts[0]?.network
  if (network === undefined || message === undefined) return { _tag: "None" }
  const drawn = message.charts.find((chart) => chart.network === network)
  if (drawn !== undefined) return { _tag: "Drawn", network: drawn.network, png: drawn.png }
  const failure = message.chartFailures.find((failed) => failed.network === network)
  return failure === undefined ? { _tag: "None" } : { _tag: "Failed", failure }
}

/**
 * The line `results share --chart` ends with: the file written, why the chart could not be drawn
 * (the core's words for the `ChartRenderError`), or that the post has no figures to chart.
 */
export const chartLine = (
  session: Pick<Session, "ui" | "locale" | "context">,
  outcome: ChartOutcome,
  written: string | null
): string =>
  outcome._tag === "Failed"
    ? yellow(Messages.errorMessage(session.locale, outcome.failure.error, session.context))
    : written !== null
    ? dim(session.ui.chartWritten(written))
    : yellow(session.ui.noChart)

/** The text lines of a share: the advisor's message, the success mark and the follow-ups. */
export const feedbackLines = (
  session: Session,
  found: Results.Feedback,
  message: Results.ParticipantMessage | undefined
): Array<string> => {
  const words = Messages.messages(session.workspace.locale)
  return [
    ...(message === undefined ? [] : message.text.split("\n")),
    "",
    found.marked ? green(session.ui.markedSuccess) : dim(session.ui.notMarkedSuccess),
    ...(found.followUps.length === 0 ? [] : [
      bold(session.ui.followUpSuggestions),
      ...found.followUps.map((suggestion) => {
        const wording = words.followUp[suggestion.angle](found.title)
        return `  ${cyan(suggestion.angle)}  ${Messages.neutraliseMentions(wording.title)}`
      })
    ])
  ]
}

/** The message the session's actor gets, else the first participant's. */
export const messageForActor = (session: Session, messages: ReadonlyArray<Results.ParticipantMessage>) =>
  messages.find((message) => message.member === session.actor?.id) ?? messages[0]

export const resultsShare = (common: Common, item: ItemId, chart: Option.Option<string>) =>
  run(common, true, (session) =>
    Effect.gen(function*() {
      const commandId = yield* Commands.newCommandId
      const found = yield* Results.share(session.workspace.id, actorOf(session).id, item, commandId)
      const messages = yield* Results.messagesFor(found)
      const message = messageForActor(session, messages)
      const outcome = chartOutcome(found, message)
      let written: string | null = null
      if (Option.isSome(chart) && outcome._tag === "Drawn") {
        yield* Effect.sync(() => fs.writeFileSync(chart.value, outcome.png))
        written = chart.value
      }
      // Without its chart (none drawn, or no figures to draw) the share still happened: say why, exit 0.
      return {
        text: [
          ...feedbackLines(session, found, message),
          ...(Option.isSome(chart) ? [chartLine(session, outcome, written)] : [])
        ],
        json: feedbackJson(session, found, message, written)
      } satisfies Output
    }))

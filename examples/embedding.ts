/**
 * Embedding `@dugnad/core` in your own tool.
 *
 * A small team plays one content item from idea to a celebrated post, through the in-memory
 * layers: an advisor (Ingrid), two subject experts (Per on fisheries, Siri on climate) and a
 * colleague (Ola). On the way, Per's fact objection blocks approval until Per resolves it, and
 * Ingrid declines one of Ola's format suggestions with a reason. At the end the program prints the
 * outbox (who must be told what) and the item's timeline.
 *
 * Run it with `npm run embedding -w @dugnad/examples` (build the core first if its dist is stale:
 * `npm run build -w @dugnad/core`). A test runs `main` too: examples/test/embedding.test.ts.
 *
 * Everything the user reads is worded here, by the embedding tool: the core returns data (states,
 * events, typed errors, outbox rows) and no sentences.
 */
import {
  Commands,
  Directory,
  type Errors,
  type Ids,
  Item,
  ItemCommand,
  type ItemEvent,
  Member,
  Notification,
  Outbox,
  Queries,
  Team
} from "@dugnad/core"
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import { pathToFileURL } from "node:url"

// The barrel exports each module as a namespace (`ItemCommand.ItemCommand` is the constructor
// object inside the `ItemCommand` module).
const Command = ItemCommand.ItemCommand

type State = Item.ItemState
type Command = ItemCommand.ItemCommand

/**
 * What the story left behind, for the test (and for anyone who wants to poke at it).
 */
export interface Summary {
  readonly workspace: Ids.WorkspaceId
  readonly item: Ids.ItemId
  readonly state: State
  /** The refusals the story provoked on purpose, as error tags. */
  readonly refusals: ReadonlyArray<Errors.CommandError["_tag"]>
  /** Whether re-sending a command id replayed the first result instead of acting twice. */
  readonly replayed: boolean
  /** Every outbox row: the event, and the names of the people told (or "team channel"). */
  readonly outbox: ReadonlyArray<{ readonly event: ItemEvent.ItemEventTag; readonly told: ReadonlyArray<string> }>
  readonly timeline: ReadonlyArray<Queries.TimelineEntry>
}

/**
 * The story, needing a directory, an event store and an outbox. Provide your own layers to run it
 * against other implementations of the ports.
 */
export const story = Effect.gen(function*() {
  const directory = yield* Directory.Directory

  // ── The team ───────────────────────────────────────────────────────────────────────────────
  yield* Console.log("== Setting up the team")
  const { founder: ingrid, workspace } = yield* Team.createWorkspace({
    name: "Kystverket Nord",
    locale: "en",
    founder: { handle: "ingrid", name: "Ingrid (advisor)", department: "Communications" }
  })
  const per = yield* Team.addMember(workspace.id, ingrid.id, {
    handle: "per",
    name: "Per (expert, fisheries)",
    roles: ["expert"],
    department: "Harbours",
    fields: ["fisheries", "harbours"]
  })
  const siri = yield* Team.addMember(workspace.id, ingrid.id, {
    handle: "siri",
    name: "Siri (expert, climate)",
    roles: ["expert"],
    department: "Environment",
    fields: ["climate"]
  })
  const ola = yield* Team.addMember(workspace.id, ingrid.id, {
    handle: "ola",
    name: "Ola (colleague)",
    department: "Operations"
  })
  const goal = yield* Team.addGoal(workspace.id, ingrid.id, {
    title: "People along the coast know what we build for them"
  })
  const members = yield* directory.members(workspace.id)
  const nameOf = (id: Ids.MemberId) => members.find((member) => member.id === id)?.name ?? id
  for (const member of members) {
    yield* Console.log(`   ${member.name.padEnd(26)} @${member.handle.padEnd(7)} ${member.roles.join(", ")}`)
  }
  yield* Console.log(`   goal ${goal.id}: ${goal.title}`)

  // ── Sending commands ───────────────────────────────────────────────────────────────────────
  // Every command names its workspace, a command id (use your platform's interaction id where you
  // have one: re-sending it is then harmless), the actor and, except for a new idea, the item.
  const send = (actor: Member.Member, command: Command, item?: Ids.ItemId, commandId?: Ids.CommandId) =>
    Effect.gen(function*() {
      return yield* Commands.handle({
        workspace: workspace.id,
        commandId: commandId ?? (yield* Commands.newCommandId),
        actor: actor.id,
        item,
        command
      })
    })

  const step = (actor: Member.Member, what: string, result: Commands.CommandResult) =>
    Console.log(
      `   ${actor.name.padEnd(26)} ${what.padEnd(52)} → ${result.state._tag}` +
        (result.replayed ? " (replayed: nothing new)" : result.events.length === 0 ? " (nothing new)" : "")
    )

  const refusals: Array<Errors.CommandError["_tag"]> = []
  /** Sends a command that must be refused, and tells why, as an adapter would. */
  const refused = (actor: Member.Member, what: string, command: Command, item: Ids.ItemId) =>
    Effect.gen(function*() {
      const outcome = yield* Effect.either(send(actor, command, item))
      if (Either.isRight(outcome)) return yield* Effect.dieMessage(`expected "${what}" to be refused`)
      refusals.push(outcome.left._tag)
      yield* Console.log(`   ${actor.name.padEnd(26)} ${what.padEnd(52)} ✗ ${explain(outcome.left, nameOf)}`)
    })

  // ── Idea ───────────────────────────────────────────────────────────────────────────────────
  yield* Console.log("\n== Idea")
  const submitted = yield* send(
    ola,
    Command.SubmitIdea({
      title: "The new fishing harbour in Bodø",
      pitch: "Boats can moor there from this summer; the fishermen I talk to are thrilled.",
      department: "Operations",
      goals: [goal.id],
      concerns: [per.id, siri.id]
    })
  )
  const item = submitted.item
  yield* step(ola, `submits an idea (item ${item})`, submitted)
  yield* step(ingrid, "accepts it", yield* send(ingrid, Command.AcceptIdea(), item))

  // ── Draft and review ───────────────────────────────────────────────────────────────────────
  yield* Console.log("\n== Draft and review")
  const first = yield* send(
    ingrid,
    Command.WriteDraft({
      baseRevision: 0,
      kind: "content",
      body: draft("The new fishing harbour in Bodø opens in May! 🎣 Room for 40 boats, shore power and a new ice plant.")
    }),
    item
  )
  yield* step(ingrid, `writes the first draft (revision ${revisionOf(first.state)})`, first)
  const now = yield* DateTime.now
  yield* step(
    ingrid,
    "asks Per, Siri and Ola to review (due in 2 days)",
    yield* send(
      ingrid,
      Command.RequestReview({
        // `expert` is recomputed from the directory's roles by `Commands.handle`.
        reviewers: [{ member: per.id, expert: true }, { member: siri.id, expert: true }, {
          member: ola.id,
          expert: false
        }],
        due: DateTime.addDuration(now, "2 days")
      }),
      item
    )
  )
  yield* step(siri, "approves the facts of revision 1", yield* send(siri, Command.ApproveFacts({ revision: 1 }), item))
  const objected = yield* send(
    per,
    Command.RaiseObjection({
      revision: 1,
      claim: "The harbour opens in May.",
      correction: "The breakwater is finished in May; boats can moor from 12 June."
    }),
    item
  )
  const objection = lastObjection(objected.state)
  yield* step(per, `objects to a fact (${objection.id}): "${objection.claim}"`, objected)

  // The veto: nobody gets past an open fact objection, the advisor included.
  yield* refused(ingrid, "tries to approve for publication", Command.ApproveForPublication({ revision: 1 }), item)
  yield* refused(ingrid, `tries to resolve ${objection.id} herself`, Command.ResolveObjection({ objection: objection.id }), item)

  const second = yield* send(
    ingrid,
    Command.WriteDraft({
      baseRevision: 1,
      kind: "content",
      body: draft("Boats can moor in the new fishing harbour in Bodø from 12 June! 🎣 Room for 40 boats, shore power and a new ice plant.")
    }),
    item
  )
  const revision = revisionOf(second.state)
  yield* step(ingrid, `corrects the date (content revision ${revision})`, second)
  yield* Console.log(
    `   ${"".padEnd(26)} fact approvals still missing: ${missingOf(second.state).map(nameOf).join(", ")}`
  )
  yield* step(
    per,
    `resolves ${objection.id}`,
    yield* send(per, Command.ResolveObjection({ objection: objection.id, note: "Right date now, thanks!" }), item)
  )
  yield* step(per, `approves the facts of revision ${revision}`, yield* send(per, Command.ApproveFacts({ revision }), item))
  yield* step(siri, `approves the facts of revision ${revision}`, yield* send(siri, Command.ApproveFacts({ revision }), item))

  const suggested = yield* send(
    ola,
    Command.SuggestFormat({ revision, note: "Could the first line name all seven partners? They'd love the credit." }),
    item
  )
  const suggestion = lastSuggestion(suggested.state)
  yield* step(ola, `suggests a format change (${suggestion.id})`, suggested)
  yield* step(
    ingrid,
    `declines ${suggestion.id}, with a reason and a primer link`,
    yield* send(
      ingrid,
      Command.DecideFormat({
        suggestion: suggestion.id,
        decision: "declined",
        explanation:
          "The first line is all the feed shows, so it has to make people stop. I'll thank and tag the partners at the end instead.",
        primer: "first-lines"
      }),
      item
    )
  )

  // ── Publish ────────────────────────────────────────────────────────────────────────────────
  yield* Console.log("\n== Publish")
  yield* step(
    ingrid,
    `approves revision ${revision} for publication`,
    yield* send(ingrid, Command.ApproveForPublication({ revision }), item)
  )
  const publishedAt = yield* DateTime.now
  yield* step(
    ingrid,
    "records the Facebook post",
    yield* send(
      ingrid,
      Command.RecordPublication({ network: "facebook", url: "https://facebook.com/kystverket/posts/1", publishedAt }),
      item
    )
  )
  yield* step(
    ingrid,
    "records the LinkedIn post",
    yield* send(
      ingrid,
      Command.RecordPublication({ network: "linkedin", url: "https://linkedin.com/posts/kystverket-2", publishedAt }),
      item
    )
  )

  // ── Results ────────────────────────────────────────────────────────────────────────────────
  yield* Console.log("\n== Results")
  yield* step(
    ingrid,
    "records Facebook results after 2 days",
    yield* send(
      ingrid,
      Command.RecordResults({
        network: "facebook",
        capturedAt: DateTime.addDuration(publishedAt, "2 days"),
        metrics: { reach: 18_400, impressions: 26_100, reactions: 912, comments: 64, shares: 131 },
        highlights: [{ text: "My father fished from this harbour for forty years. Wonderful!", tone: "positive" }]
      }),
      item
    )
  )
  const shareId = yield* Commands.newCommandId
  yield* step(ingrid, "shares the results with everyone who helped", yield* send(ingrid, Command.ShareResults(), item, shareId))
  // A chat platform retried the button click: the same command id changes nothing.
  const again = yield* send(ingrid, Command.ShareResults(), item, shareId)
  yield* step(ingrid, "(the same click arrives again)", again)
  const success = yield* send(ingrid, Command.MarkSuccess({ note: "Best reach this quarter" }), item)
  yield* step(ingrid, "marks it a success", success)

  // ── Who is told what ───────────────────────────────────────────────────────────────────────
  // An adapter would claim these rows (`outbox.claim`), render them in each recipient's language
  // and mark them delivered. Here we only list them.
  yield* Console.log("\n== Outbox: who is told what")
  const outbox = yield* Outbox.Outbox
  // This example writes no reminders: every row is an item event's notification.
  const rows = (yield* outbox.list(workspace.id)).map((row) => row.notification).filter(Notification.isItemNotification)
  const told = (audience: Notification.Audience): ReadonlyArray<string> => {
    switch (audience._tag) {
      case "Members":
        return audience.members.map(nameOf)
      case "Role":
        return members.filter((member) => Member.hasRole(member, audience.role)).map((member) => member.name)
      case "TeamChannel":
        return ["team channel"]
      case "Channel":
        return [`#${audience.channel}`]
    }
  }
  for (const row of rows) {
    const { audience, event, version } = row
    const whom = audience._tag === "Role" ? `every ${audience.role}: ${told(audience).join(", ")}` : told(audience).join(", ")
    yield* Console.log(`   v${String(version).padEnd(3)} ${event._tag.padEnd(24)} → ${whom}`)
  }

  // ── The timeline ───────────────────────────────────────────────────────────────────────────
  yield* Console.log(`\n== Timeline of item ${item}`)
  const timeline = yield* Queries.timeline(workspace.id, item)
  for (const entry of timeline) {
    const time = DateTime.formatIso(entry.at).slice(11, 19)
    yield* Console.log(`   v${String(entry.version).padEnd(3)} ${time}  ${nameOf(entry.by).padEnd(26)} ${describe(entry.event)}`)
  }

  const view = yield* Queries.item(workspace.id, item)
  yield* Console.log(`\n== Item ${item} is ${view.state._tag}, at version ${view.version}`)

  return {
    workspace: workspace.id,
    item,
    state: view.state,
    refusals,
    replayed: again.replayed,
    outbox: rows.map((row) => ({ event: row.event._tag, told: told(row.audience) })),
    timeline
  } satisfies Summary
})

/** The in-memory ports: a directory, and an event store with its outbox. */
export const layer = Commands.layerMemory

/** The whole example, ready to run. */
export const main = story.pipe(Effect.provide(layer))

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────

/** A draft body for Facebook and LinkedIn, with an image and its alt text. */
const draft = (text: string) => ({
  text,
  perNetwork: {},
  media: [{
    kind: "image" as const,
    url: "https://example.org/bodo-harbour.jpg",
    alt: "Fishing boats moored along a new concrete quay, snow-capped mountains behind"
  }],
  networks: ["facebook" as const, "linkedin" as const]
})

const workOf = (state: State): Item.Work => {
  const work = Item.workOf(state)
  if (work === undefined) throw new Error(`no draft yet in stage ${state._tag}`)
  return work
}

const revisionOf = (state: State): number => Item.latestRevision(workOf(state))?.number ?? 0

const missingOf = (state: State) => Item.missingApprovals(workOf(state))

const lastObjection = (state: State): Item.Objection => {
  const objection = workOf(state).objections.at(-1)
  if (objection === undefined) throw new Error("no objection")
  return objection
}

const lastSuggestion = (state: State): Item.Suggestion => {
  const suggestion = workOf(state).suggestions.at(-1)
  if (suggestion === undefined) throw new Error("no suggestion")
  return suggestion
}

/**
 * Turns an error into a sentence, as a chat or CLI adapter would (in the user's language; here
 * only English, and only a few errors in detail).
 */
const explain = (error: Errors.CommandError, nameOf: (id: Ids.MemberId) => string): string => {
  switch (error._tag) {
    case "FactObjectionOpen":
      return `${error._tag}: fact objection ${error.objections.join(", ")} is still open`
    case "NotAuthorized":
      return `${error._tag} (${error.rule}): ${
        error.rule === "raiser_only" ? "only the expert who raised it can resolve it" : `${nameOf(error.actor)} may not`
      }`
    case "ExpertApprovalMissing":
      return `${error._tag}: waiting for ${error.missing.map(nameOf).join(", ")} to approve revision ${error.revision}`
    case "StaleRevision":
      return `${error._tag}: you saw revision ${error.seen}, the latest is ${error.latest}`
    default:
      return error._tag
  }
}

/** One line per event for the timeline. */
const describe = (event: ItemEvent.ItemEvent): string => {
  switch (event._tag) {
    case "IdeaSubmitted":
      return `submitted the idea "${event.title}"`
    case "IdeaAccepted":
      return "accepted the idea"
    case "DraftRevised":
      return `wrote revision ${event.revision} (${event.kind})`
    case "ReviewRequested":
      return `asked ${event.reviewers.length} people to review`
    case "FactsApproved":
      return `approved the facts of revision ${event.revision}`
    case "FactObjectionRaised":
      return `raised fact objection ${event.objection} on revision ${event.revision}`
    case "FactObjectionResolved":
      return `resolved ${event.objection}`
    case "FormatSuggested":
      return `suggested ${event.suggestion}: "${event.note}"`
    case "FormatSuggestionDecided":
      return `${event.decision} ${event.suggestion}${event.primer === undefined ? "" : ` (primer: ${event.primer})`}`
    case "ApprovedForPublication":
      return `approved revision ${event.revision} for publication`
    case "PostPublished":
      return `published on ${event.network}: ${event.url}`
    case "ResultsRecorded":
      return `recorded ${event.network} results: reach ${event.metrics.reach ?? "?"}, ${
        event.metrics.reactions ?? "?"
      } reactions`
    case "ResultsShared":
      return "shared the results"
    case "MarkedSuccess":
      return `marked it a success${event.note === undefined ? "" : `: ${event.note}`}`
    default:
      return event._tag
  }
}

// Run only when executed directly (`tsx embedding.ts`), not when a test imports `main`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  Effect.runPromiseExit(main).then((exit) => {
    if (Exit.isFailure(exit)) {
      console.error(Cause.pretty(exit.cause))
      process.exitCode = 1
    }
  })
}

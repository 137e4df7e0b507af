/**
 * What a chat button or form submission means, packed into its custom id: the kind of action, the
 * item (without its workspace: the chat platform's guild or team names that), the revision the
 * button was made for, and the objection, suggestion or network it is about. Ids are compact
 * (`dg1|approveFacts|k7m2qd|3`), at most {@link maxIdLength} characters (Discord's limit for a
 * custom id), and decoded with a Schema, so junk from the wire is a typed {@link InvalidAction},
 * never a throw.
 *
 * {@link toCommand} turns a press (and the form it opened) into the core `ItemCommand`, after
 * checking that the button still fits the item: a button made for an old revision, an objection
 * that was resolved, a suggestion that was decided or a stage the item has left is a
 * {@link StaleAction}, which `Messages.errorMessage` words for the person who pressed it.
 *
 * ```ts
 * import { ChatAction } from "@dugnad/core"
 *
 * const id = ChatAction.encode({ _tag: "approveFacts", item, revision: 3 }) // "dg1|approveFacts|k7m2qd|3"
 * const action = ChatAction.decode(customId) // Either<ActionId, InvalidAction>
 * const command = ChatAction.toCommand(action, formValues, state, actor) // Either<ItemCommand, ActionError>
 * ```
 *
 * @since 0.1.0
 */
import type * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { type DraftBody, type Media, Network, networks } from "./Draft.js"
import { InvalidCommand, NotAuthorized } from "./Errors.js"
import { ItemId, ObjectionId, SuggestionId } from "./Ids.js"
import {
  type ItemState,
  latestRevision,
  openObjections,
  Stage,
  undecidedSuggestions,
  workOf
} from "./Item.js"
import { ItemCommand } from "./ItemCommand.js"
import type { Metrics } from "./ItemEvent.js"
import type { Actor } from "./Member.js"

/**
 * The longest encoded action id: Discord's limit for a `custom_id` (Mattermost's action ids and
 * dialog callback ids take more).
 *
 * @since 0.1.0
 * @category encoding
 */
export const maxIdLength = 100

/**
 * The prefix (and version) of every action id. A later format gets `dg2`, and old buttons still
 * decode as what they were.
 *
 * @since 0.1.0
 * @category encoding
 */
export const prefix = "dg1"

/**
 * An item id as it can travel in an action id: 1 to 32 characters of letters, digits and `._~:-`
 * (generated ids are 6 letters and digits; an id outside this set gets no buttons).
 *
 * @since 0.1.0
 * @category encoding
 */
export const ActionItemId = ItemId.pipe(Schema.pattern(/^[A-Za-z0-9._~:-]{1,32}$/))

const ref = /^[A-Za-z0-9._~:-]{1,24}$/
const ActionObjectionId = ObjectionId.pipe(Schema.pattern(ref))
const ActionSuggestionId = SuggestionId.pipe(Schema.pattern(ref))

/**
 * The revision a button was made for: the draft revision shown (0 before the first draft, for
 * "write the first draft").
 *
 * @since 0.1.0
 * @category encoding
 */
export const ActionRevision = Schema.Int.pipe(Schema.between(0, 999_999))

const onItem = { item: ActionItemId }
const onRevision = { item: ActionItemId, revision: ActionRevision }

/**
 * Every action a button or form can carry, tagged by its kind:
 *
 * | kind | made for | opens a form | command |
 * |---|---|---|---|
 * | `approveFacts` | an expert reviewer, one revision | – | `ApproveFacts` |
 * | `object` | an expert reviewer, one revision | claim, correction | `RaiseObjection` |
 * | `suggestFormat` | a reviewer, one revision | note | `SuggestFormat` |
 * | `comment` | anyone involved | text | `Comment` |
 * | `acceptFormat`, `declineFormat` | the advisor, one suggestion | reason (explanation, primer) | `DecideFormat` |
 * | `resolveObjection` | the expert who raised it, one objection | note (optional) | `ResolveObjection` |
 * | `acceptIdea` | an advisor | – | `AcceptIdea` |
 * | `parkIdea`, `declineIdea` | an advisor | reason | `ParkIdea`, `DeclineIdea` |
 * | `approvePublication` | the advisor, one revision | – | `ApproveForPublication` |
 * | `submitIdea` | anyone (no item yet) | title, pitch, department | `SubmitIdea` |
 * | `writeDraft`, `reviseFormat` | the advisor, on top of one revision | text, networks, media, alt text | `WriteDraft` (content / format) |
 * | `recordResults` | the advisor, one network | reach, impressions, reactions, comments, shares | `RecordResults` |
 *
 * @since 0.1.0
 * @category model
 */
export const ActionId = Schema.Union(
  Schema.TaggedStruct("approveFacts", onRevision),
  Schema.TaggedStruct("object", onRevision),
  Schema.TaggedStruct("suggestFormat", onRevision),
  Schema.TaggedStruct("comment", onItem),
  Schema.TaggedStruct("acceptFormat", { item: ActionItemId, suggestion: ActionSuggestionId }),
  Schema.TaggedStruct("declineFormat", { item: ActionItemId, suggestion: ActionSuggestionId }),
  Schema.TaggedStruct("resolveObjection", { item: ActionItemId, objection: ActionObjectionId }),
  Schema.TaggedStruct("acceptIdea", onItem),
  Schema.TaggedStruct("parkIdea", onItem),
  Schema.TaggedStruct("declineIdea", onItem),
  Schema.TaggedStruct("approvePublication", onRevision),
  Schema.TaggedStruct("submitIdea", {}),
  Schema.TaggedStruct("writeDraft", onRevision),
  Schema.TaggedStruct("reviseFormat", onRevision),
  Schema.TaggedStruct("recordResults", { item: ActionItemId, network: Network })
)
/** @since 0.1.0 @category model */
export type ActionId = typeof ActionId.Type

/**
 * The kind of an action (its `_tag`).
 *
 * @since 0.1.0
 * @category model
 */
export const ActionKind = Schema.Literal(
  "approveFacts",
  "object",
  "suggestFormat",
  "comment",
  "acceptFormat",
  "declineFormat",
  "resolveObjection",
  "acceptIdea",
  "parkIdea",
  "declineIdea",
  "approvePublication",
  "submitIdea",
  "writeDraft",
  "reviseFormat",
  "recordResults"
)
/** @since 0.1.0 @category model */
export type ActionKind = typeof ActionKind.Type

/**
 * The kinds of action that open a form before they act (every kind but `approveFacts`,
 * `acceptIdea` and `approvePublication`, which act at the press).
 *
 * @since 0.1.0
 * @category forms
 */
export type FormKind = Exclude<ActionKind, "approveFacts" | "acceptIdea" | "approvePublication">

/**
 * Whether an action opens a form first.
 *
 * @since 0.1.0
 * @category forms
 */
export const opensForm = (kind: ActionKind): kind is FormKind =>
  kind !== "approveFacts" && kind !== "acceptIdea" && kind !== "approvePublication"

/** The positional segments after the kind, per kind: the encoding's single source. */
const segments: { readonly [K in ActionKind]: ReadonlyArray<string> } = {
  approveFacts: ["item", "revision"],
  object: ["item", "revision"],
  suggestFormat: ["item", "revision"],
  comment: ["item"],
  acceptFormat: ["item", "suggestion"],
  declineFormat: ["item", "suggestion"],
  resolveObjection: ["item", "objection"],
  acceptIdea: ["item"],
  parkIdea: ["item"],
  declineIdea: ["item"],
  approvePublication: ["item", "revision"],
  submitIdea: [],
  writeDraft: ["item", "revision"],
  reviseFormat: ["item", "revision"],
  recordResults: ["item", "network"]
}

const canonicalInt = /^(?:0|[1-9][0-9]{0,5})$/

/**
 * An action id as a string: `dg1|<kind>|<item>|<revision or objection or suggestion or network>`.
 * Decoding checks the prefix, the kind, the number of parts and each part's form; encoding gives at
 * most {@link maxIdLength} characters.
 *
 * @since 0.1.0
 * @category encoding
 */
export const ActionIdFromString = Schema.transformOrFail(
  Schema.String.pipe(Schema.maxLength(maxIdLength)),
  ActionId,
  {
    strict: false,
    decode: (text, _, ast) => {
      const parts = text.split("|")
      const [head, kind, ...rest] = parts
      if (head !== prefix) return ParseResult.fail(new ParseResult.Type(ast, text, `not a ${prefix} action id`))
      if (kind === undefined || !Object.hasOwn(segments, kind)) {
        return ParseResult.fail(new ParseResult.Type(ast, text, "unknown action kind"))
      }
      const names = segments[kind as ActionKind]
      if (rest.length !== names.length) {
        return ParseResult.fail(new ParseResult.Type(ast, text, "wrong number of parts"))
      }
      const raw: Record<string, unknown> = { _tag: kind }
      for (let i = 0; i < names.length; i++) {
        const name = names[i]!
        const value = rest[i]!
        if (name === "revision") {
          if (!canonicalInt.test(value)) return ParseResult.fail(new ParseResult.Type(ast, text, "bad revision"))
          raw[name] = Number(value)
        } else {
          raw[name] = value
        }
      }
      return ParseResult.succeed(raw)
    },
    encode: (action) => {
      const record = action as unknown as Record<string, unknown>
      const kind = record["_tag"] as ActionKind
      return ParseResult.succeed([prefix, kind, ...segments[kind].map((name) => String(record[name]))].join("|"))
    }
  }
)

/**
 * A custom id that is not a Dugnad action id (another bot's, a mangled one, or one from a newer
 * version). `id` is the id as received, cut to {@link maxIdLength} characters.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidAction extends Schema.TaggedError<InvalidAction>()("InvalidAction", {
  id: Schema.String
}) {}

/**
 * Why a button no longer fits its item:
 *
 * - `revision`: it was made for revision `pressed`, and the draft is now at revision `current`;
 * - `objection`: the fact objection it is about is no longer open (resolved or corrected);
 * - `suggestion`: the format suggestion it is about was already decided;
 * - `stage`: the item has moved on to (or is not yet at) a stage where this action applies.
 *
 * @since 0.1.0
 * @category errors
 */
export const StaleReason = Schema.Literal("revision", "objection", "suggestion", "stage")
/** @since 0.1.0 @category errors */
export type StaleReason = typeof StaleReason.Type

/**
 * A button or form that was made for an earlier state of the item: the action is refused before
 * it becomes a command, so nobody approves text they did not see. `pressed` is the revision the
 * button was for, `current` the draft's latest revision (both absent for actions without one);
 * `stage` is the item's stage now.
 *
 * @since 0.1.0
 * @category errors
 */
export class StaleAction extends Schema.TaggedError<StaleAction>()("StaleAction", {
  item: ItemId,
  action: ActionKind,
  reason: StaleReason,
  stage: Stage,
  pressed: Schema.optional(Schema.Number),
  current: Schema.optional(Schema.Number),
  objection: Schema.optional(ObjectionId),
  suggestion: Schema.optional(SuggestionId)
}) {}

/**
 * What {@link toCommand} can refuse with: a stale button, a missing or wrong form field, or a press
 * by someone the button is not for.
 *
 * @since 0.1.0
 * @category errors
 */
export type ActionError = StaleAction | InvalidCommand | NotAuthorized

const encodeSync = Schema.encodeSync(ActionIdFromString)
const decodeEither = Schema.decodeUnknownEither(ActionIdFromString)
const validate = Schema.validateEither(ActionId)

/**
 * The custom id of an action. The action must be valid (see {@link isEncodable}); ids made by
 * {@link make} always are.
 *
 * @since 0.1.0
 * @category encoding
 */
export const encode = (action: ActionId): string => encodeSync(action)

/**
 * The action in a custom id, or {@link InvalidAction} for anything that is not one.
 *
 * @since 0.1.0
 * @category encoding
 */
export const decode = (id: unknown): Either.Either<ActionId, InvalidAction> =>
  Either.mapLeft(
    decodeEither(id),
    () => new InvalidAction({ id: typeof id === "string" ? id.slice(0, maxIdLength) : String(typeof id) })
  )

/**
 * The encoded id of an action, or `undefined` when it cannot be one (an item id outside
 * {@link ActionItemId}'s form, say): view builders then leave the button out.
 *
 * @since 0.1.0
 * @category encoding
 */
export const make = (action: ActionId): string | undefined => isEncodable(action) ? encode(action) : undefined

/**
 * Whether an action can be encoded.
 *
 * @since 0.1.0
 * @category encoding
 */
export const isEncodable = (action: ActionId): boolean => Either.isRight(validate(action))

/**
 * The ids of form fields, as {@link toCommand} reads them from a submission.
 *
 * @since 0.1.0
 * @category forms
 */
export const FieldId = Schema.Literal(
  "claim",
  "correction",
  "note",
  "text",
  "reason",
  "primer",
  "title",
  "pitch",
  "department",
  "networks",
  "mediaUrl",
  "alt",
  "reach",
  "impressions",
  "reactions",
  "comments",
  "shares"
)
/** @since 0.1.0 @category forms */
export type FieldId = typeof FieldId.Type

/**
 * The values a form was submitted with, by field id (absent or empty for fields left blank).
 *
 * @since 0.1.0
 * @category forms
 */
export type FormValues = Readonly<Partial<Record<FieldId, string>>>

/**
 * The command an action gives (its `_tag` in `ItemCommand`).
 *
 * @since 0.1.0
 * @category model
 */
export const commandOf: { readonly [K in ActionKind]: ItemCommand["_tag"] } = {
  approveFacts: "ApproveFacts",
  object: "RaiseObjection",
  suggestFormat: "SuggestFormat",
  comment: "Comment",
  acceptFormat: "DecideFormat",
  declineFormat: "DecideFormat",
  resolveObjection: "ResolveObjection",
  acceptIdea: "AcceptIdea",
  parkIdea: "ParkIdea",
  declineIdea: "DeclineIdea",
  approvePublication: "ApproveForPublication",
  submitIdea: "SubmitIdea",
  writeDraft: "WriteDraft",
  reviseFormat: "WriteDraft",
  recordResults: "RecordResults"
}

/**
 * The stages in which each action applies. A press in any other stage is a `stage` {@link StaleAction}.
 *
 * @since 0.1.0
 * @category staleness
 */
export const stagesOf: { readonly [K in ActionKind]: ReadonlyArray<Stage> } = {
  approveFacts: ["InReview", "Approved"],
  object: ["InReview", "Approved", "Published", "CorrectionNeeded"],
  suggestFormat: ["InReview", "Approved"],
  comment: ["Idea", "Parked", "Drafting", "InReview", "Approved", "Published", "CorrectionNeeded"],
  acceptFormat: ["InReview", "Approved"],
  declineFormat: ["InReview", "Approved"],
  resolveObjection: ["InReview", "Approved", "Published", "CorrectionNeeded"],
  acceptIdea: ["Idea"],
  parkIdea: ["Idea"],
  declineIdea: ["Idea", "Parked"],
  approvePublication: ["InReview"],
  submitIdea: ["None"],
  writeDraft: ["Drafting", "InReview", "Approved"],
  reviseFormat: ["InReview", "Approved"],
  recordResults: ["Published", "CorrectionNeeded"]
}

/**
 * The number of the item's latest revision (0 before the first draft): the revision a button or
 * form made now is for, and what {@link staleness} compares a pressed one with.
 *
 * @since 0.1.0
 * @category staleness
 */
export const currentRevision = (state: ItemState): number => {
  const work = workOf(state)
  return work === undefined ? 0 : latestRevision(work)?.number ?? 0
}

/**
 * Whether an action still fits the item, and if not, the {@link StaleAction} saying why. The stage
 * is checked first, then the revision (a button for revision N is stale once the draft is at any
 * other revision: the person should look at the draft as it is now), then whether the objection is
 * still open or the suggestion still undecided.
 *
 * @since 0.1.0
 * @category staleness
 */
export const staleness = (action: ActionId, state: ItemState): StaleAction | undefined => {
  if (action._tag === "submitIdea") return undefined
  const current = currentRevision(state)
  const base = { item: action.item, action: action._tag, stage: state._tag }
  const hasRevision = "revision" in action
  if (!stagesOf[action._tag].includes(state._tag)) {
    return new StaleAction({
      ...base,
      reason: "stage",
      ...(hasRevision ? { pressed: action.revision, current } : {})
    })
  }
  if (hasRevision && action.revision !== current) {
    return new StaleAction({ ...base, reason: "revision", pressed: action.revision, current })
  }
  const work = workOf(state)
  if (action._tag === "resolveObjection") {
    if (work === undefined || !openObjections(work).some((objection) => objection.id === action.objection)) {
      return new StaleAction({ ...base, reason: "objection", objection: action.objection })
    }
  }
  if (action._tag === "acceptFormat" || action._tag === "declineFormat") {
    if (work === undefined || !undecidedSuggestions(work).some((suggestion) => suggestion.id === action.suggestion)) {
      return new StaleAction({ ...base, reason: "suggestion", suggestion: action.suggestion })
    }
  }
  return undefined
}

const value = (values: FormValues, field: FieldId): string | undefined => {
  const found = values[field]?.trim()
  return found === undefined || found === "" ? undefined : found
}

const required = (
  values: FormValues,
  command: ItemCommand["_tag"],
  field: FieldId,
  path: string = field
): Either.Either<string, InvalidCommand> => {
  const found = value(values, field)
  return found === undefined
    ? Either.left(new InvalidCommand({ command, field: path, reason: "required" }))
    : Either.right(found)
}

const parseNetworks = (
  text: string | undefined,
  fallback: ReadonlyArray<Network>
): Either.Either<ReadonlyArray<Network>, InvalidCommand> => {
  if (text === undefined) {
    return fallback.length === 0
      ? Either.left(new InvalidCommand({ command: "WriteDraft", field: "body.networks", reason: "empty", allowed: networks }))
      : Either.right(fallback)
  }
  const names = text.split(/[\s,;]+/u).map((name) => name.trim().toLowerCase()).filter((name) => name !== "")
  const found: Array<Network> = []
  for (const name of names) {
    const network = networks.find((candidate) => candidate === name)
    if (network === undefined) {
      return Either.left(
        new InvalidCommand({ command: "WriteDraft", field: "body.networks", reason: "not_allowed", allowed: networks })
      )
    }
    if (!found.includes(network)) found.push(network)
  }
  return found.length === 0
    ? Either.left(new InvalidCommand({ command: "WriteDraft", field: "body.networks", reason: "empty", allowed: networks }))
    : Either.right(found)
}

const metricFields = ["reach", "impressions", "reactions", "comments", "shares"] as const

const parseMetrics = (values: FormValues): Either.Either<Metrics, InvalidCommand> => {
  const metrics: Record<string, number> = {}
  for (const field of metricFields) {
    const text = value(values, field)
    if (text === undefined) continue
    const digits = text.replace(/[\s\u00A0\u202F.,]/gu, "")
    if (!/^[0-9]{1,12}$/u.test(digits)) {
      return Either.left(new InvalidCommand({ command: "RecordResults", field: `metrics.${field}`, reason: "not_allowed" }))
    }
    metrics[field] = Number(digits)
  }
  return Object.keys(metrics).length === 0
    ? Either.left(new InvalidCommand({ command: "RecordResults", field: "metrics", reason: "empty" }))
    : Either.right(metrics as Metrics)
}

/**
 * The draft body a draft form gives: the form's text, networks (comma or space separated; the
 * current revision's when left blank) and one media file with its alt text (the current
 * revision's media are kept when the form names none). Per-network texts of the current revision
 * are kept for the networks still targeted.
 */
const draftBody = (values: FormValues, state: ItemState): Either.Either<DraftBody, InvalidCommand> => {
  const work = workOf(state)
  const before = work === undefined ? undefined : latestRevision(work)?.body
  return Either.gen(function*() {
    const text = yield* required(values, "WriteDraft", "text", "body.text")
    const chosen = yield* parseNetworks(value(values, "networks"), before?.networks ?? [])
    const url = value(values, "mediaUrl")
    const alt = value(values, "alt")
    let media: ReadonlyArray<Media> = before?.media ?? []
    if (url !== undefined) {
      if (alt === undefined) {
        return yield* Either.left(new InvalidCommand({ command: "WriteDraft", field: "body.media[0].alt", reason: "required" }))
      }
      const kind = /\.(?:mp4|mov|webm|m4v)(?:[?#].*)?$/iu.test(url) ? "video" : "image"
      media = [{ kind, url, alt }]
    } else if (alt !== undefined && media.length > 0) {
      media = [{ ...media[0]!, alt }, ...media.slice(1)]
    }
    const perNetwork: Partial<Record<Network, string>> = {}
    for (const network of chosen) {
      const own = before?.perNetwork[network]
      if (own !== undefined) perNetwork[network] = own
    }
    return {
      text,
      perNetwork,
      media,
      networks: chosen,
      ...(before?.plannedFor === undefined ? {} : { plannedFor: before.plannedFor })
    } satisfies DraftBody
  })
}

/**
 * The core command for a press (and the form it opened), checked against the item's current
 * state first ({@link staleness}). `values` are the submitted form's fields (empty for a plain
 * button); `now` is needed only for `recordResults` (the time the figures are from). A
 * `resolveObjection` pressed by anyone but the objection's raiser is refused here, as the domain
 * would. Everything else (authority, the draft's rules) is for `Workflow.decide` to judge.
 *
 * @since 0.1.0
 * @category commands
 */
export const toCommand = (
  action: ActionId,
  values: FormValues,
  state: ItemState,
  actor: Actor,
  now?: DateTime.Utc
): Either.Either<ItemCommand, ActionError> => {
  const stale = staleness(action, state)
  if (stale !== undefined) return Either.left(stale)
  switch (action._tag) {
    case "approveFacts":
      return Either.right(ItemCommand.ApproveFacts({ revision: action.revision }))
    case "object":
      return Either.gen(function*() {
        const claim = yield* required(values, "RaiseObjection", "claim")
        const correction = yield* required(values, "RaiseObjection", "correction")
        return ItemCommand.RaiseObjection({ revision: action.revision, claim, correction })
      })
    case "suggestFormat":
      return Either.map(
        required(values, "SuggestFormat", "note"),
        (note) => ItemCommand.SuggestFormat({ revision: action.revision, note })
      )
    case "comment":
      return Either.map(required(values, "Comment", "text"), (text) => ItemCommand.Comment({ text }))
    case "acceptFormat":
    case "declineFormat": {
      const primer = value(values, "primer")
      return Either.map(
        required(values, "DecideFormat", "reason", "explanation"),
        (explanation) =>
          ItemCommand.DecideFormat({
            suggestion: action.suggestion,
            decision: action._tag === "acceptFormat" ? "accepted" : "declined",
            explanation,
            ...(primer === undefined ? {} : { primer })
          })
      )
    }
    case "resolveObjection": {
      const work = workOf(state)
      const objection = work?.objections.find((candidate) => candidate.id === action.objection)
      if (objection !== undefined && objection.by !== actor.id) {
        return Either.left(new NotAuthorized({ actor: actor.id, command: "ResolveObjection", rule: "raiser_only" }))
      }
      const note = value(values, "note")
      return Either.right(
        ItemCommand.ResolveObjection({ objection: action.objection, ...(note === undefined ? {} : { note }) })
      )
    }
    case "acceptIdea":
      return Either.right(ItemCommand.AcceptIdea())
    case "parkIdea":
      return Either.map(required(values, "ParkIdea", "reason"), (reason) => ItemCommand.ParkIdea({ reason }))
    case "declineIdea":
      return Either.map(required(values, "DeclineIdea", "reason"), (reason) => ItemCommand.DeclineIdea({ reason }))
    case "approvePublication":
      return Either.right(ItemCommand.ApproveForPublication({ revision: action.revision }))
    case "submitIdea":
      return Either.gen(function*() {
        const title = yield* required(values, "SubmitIdea", "title")
        const pitch = yield* required(values, "SubmitIdea", "pitch")
        const department = value(values, "department")
        return ItemCommand.SubmitIdea({
          title,
          pitch,
          goals: [],
          concerns: [],
          ...(department === undefined ? {} : { department })
        })
      })
    case "writeDraft":
    case "reviseFormat":
      return Either.map(draftBody(values, state), (body) =>
        ItemCommand.WriteDraft({
          baseRevision: action.revision,
          kind: action._tag === "writeDraft" ? "content" : "format",
          body
        }))
    case "recordResults":
      if (now === undefined) {
        return Either.left(new InvalidCommand({ command: "RecordResults", field: "capturedAt", reason: "required" }))
      }
      return Either.map(parseMetrics(values), (metrics) =>
        ItemCommand.RecordResults({ network: action.network, capturedAt: now, metrics, highlights: [] }))
  }
}

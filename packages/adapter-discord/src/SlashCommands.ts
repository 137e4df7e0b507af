/**
 * The `/dugnad` slash command: one chat-input command whose groups and subcommands mirror the CLI's
 * tree (`packages/cli/src/Cli.ts`), its registration in a guild, and the parsing of what Discord
 * sends back when someone uses it.
 *
 * What differs from the CLI, and why:
 *
 * - Long texts are asked for in a **modal** after the command (Discord options are one line):
 *   see {@link opensModal}. The command then takes only what the modal does not.
 * - People are `USER` options, not handles (`review request reviewer`, `member add user`); a
 *   repeatable CLI flag becomes a few numbered options (`reviewer`, `reviewer2`, `reviewer3`).
 * - Networks, roles, stages, the revision kind and the format decision are choices; numbers are
 *   `INTEGER` options with a minimum; dates and times are strings whose description gives the
 *   format (`2026-12-01T10:00`).
 * - Media are uploaded as `ATTACHMENT` options (`draft write media1..3`); their alt texts are
 *   asked for in the draft modal.
 * - Not offered: `init` (a guild is a workspace: the bot sets it up when it joins), `demo` and
 *   `completions` (terminal only), `results import` (a CSV export: the CLI), `meeting ics` (the
 *   bot creates Discord scheduled events instead), and `--db`, `--as`, `--json`, `--locale` (the
 *   guild, the user and their Discord language give them).
 *
 * @since 0.1.0
 */
import { networks } from "@dugnad/core/Draft"
import { stages } from "@dugnad/core/Item"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOptionChoice,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  type APIAttachment,
  type APIAutocompleteApplicationCommandInteractionData,
  type APIChatInputApplicationCommandInteractionData,
  type APIInteractionDataResolvedChannel,
  type APIInteractionDataResolvedGuildMember,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  Locale,
  type LocalizationMap,
  type REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPutAPIApplicationGuildCommandsJSONBody,
  type RESTPutAPIApplicationGuildCommandsResult,
  Routes
} from "discord.js"
import {
  type ChoiceTexts,
  type Descriptions,
  en,
  enUS,
  type GroupName,
  nb,
  nbNames,
  type OptionName,
  type OptionText,
  type SubcommandPath
} from "./SlashCommandText.js"

export type { GroupName, OptionName, SubcommandPath } from "./SlashCommandText.js"

// ---------------------------------------------------------------------------------------------
// The tree

type ChoiceSet = "kind" | "decision" | "role" | "invite" | "stage" | "network"

interface OptionSpec {
  readonly name: OptionName
  readonly text: OptionText
  readonly type: "string" | "integer" | "user" | "attachment" | "channel"
  readonly required?: true
  readonly autocomplete?: true
  readonly choices?: ChoiceSet
  readonly min?: number
  readonly max?: number
}

interface SubcommandSpec {
  readonly path: SubcommandPath
  readonly options: ReadonlyArray<OptionSpec>
}

interface GroupSpec {
  readonly group: GroupName
  readonly subcommands: ReadonlyArray<SubcommandSpec>
}

const choiceValues: { readonly [S in ChoiceSet]: ReadonlyArray<string> } = {
  kind: ["content", "format"],
  decision: ["accept", "decline"],
  // Everyone is a member: only the other roles are given.
  role: ["expert", "manager", "advisor"],
  invite: ["expert", "manager", "advisor", "member"],
  stage: stages.filter((stage) => stage !== "None"),
  network: networks
}

const choiceTexts = (texts: Descriptions, set: ChoiceSet): Readonly<Record<string, string>> => {
  const all: ChoiceTexts = texts.choices
  return set === "invite" ? all.role : all[set]
}

const sub = (path: SubcommandPath, ...options: ReadonlyArray<OptionSpec>): SubcommandSpec => ({ path, options })

const item: OptionSpec = { name: "item", text: "item", type: "string", required: true, autocomplete: true }
const text = (name: OptionName, description: OptionText, required?: "required"): OptionSpec =>
  required === undefined ? { name, text: description, type: "string" } : { name, text: description, type: "string", required: true }
const choice = (name: OptionName, description: OptionText, set: ChoiceSet, required?: "required"): OptionSpec =>
  required === undefined
    ? { name, text: description, type: "string", choices: set }
    : { name, text: description, type: "string", choices: set, required: true }
const user = (name: OptionName, description: OptionText, required?: "required"): OptionSpec =>
  required === undefined ? { name, text: description, type: "user" } : { name, text: description, type: "user", required: true }
const count = (name: OptionName & OptionText): OptionSpec => ({ name, text: name, type: "integer", min: 0 })
const attachment = (name: OptionName): OptionSpec => ({ name, text: "media", type: "attachment" })

const triage = (path: SubcommandPath, reason: "reasonOptional" | "reasonTold") =>
  sub(path, item, text("reason", reason, reason === "reasonTold" ? "required" : undefined))

/** The command tree in display order, the CLI's order where Discord allows. */
const tree: ReadonlyArray<GroupSpec | SubcommandSpec> = [
  {
    group: "idea",
    subcommands: [
      sub(
        "idea submit",
        text("goal", "goalServes"),
        text("department", "ideaDepartment"),
        user("concerns", "concerns"),
        user("concerns2", "concerns"),
        text("meeting", "meetingBrought")
      ),
      triage("idea accept", "reasonOptional"),
      triage("idea park", "reasonTold"),
      triage("idea revive", "reasonOptional"),
      triage("idea decline", "reasonTold")
    ]
  },
  {
    group: "draft",
    subcommands: [
      sub(
        "draft write",
        item,
        choice("kind", "kind", "kind"),
        choice("network", "draftNetwork", "network"),
        choice("network2", "draftNetwork", "network"),
        choice("network3", "draftNetwork", "network"),
        attachment("media1"),
        attachment("media2"),
        attachment("media3")
      )
    ]
  },
  {
    group: "review",
    subcommands: [
      sub(
        "review request",
        item,
        user("reviewer", "reviewer", "required"),
        user("reviewer2", "reviewerMore"),
        user("reviewer3", "reviewerMore"),
        text("due", "due")
      ),
      sub("review approve", item, { name: "revision", text: "revision", type: "integer", min: 1 }),
      sub("review object", item),
      sub("review resolve", item, text("objection", "objection", "required"), text("note", "resolveNote")),
      sub("review suggest", item),
      sub("review decide", item, text("suggestion", "suggestion", "required"), choice("decision", "decision", "decision", "required"))
    ]
  },
  sub("comment", item),
  sub("approve", item),
  sub("withdraw", item, text("reason", "reasonWithdraw", "required")),
  sub(
    "publish",
    item,
    choice("network", "publishNetwork", "network", "required"),
    text("url", "url", "required"),
    text("at", "at")
  ),
  sub("show", item),
  sub("board", text("goal", "boardGoal"), choice("state", "state", "stage")),
  {
    group: "results",
    subcommands: [
      sub(
        "results record",
        item,
        choice("network", "recordNetwork", "network", "required"),
        count("reach"),
        count("impressions"),
        count("likes"),
        count("comments"),
        count("shares"),
        count("saves"),
        count("clicks"),
        count("views"),
        text("highlight", "highlight")
      ),
      sub("results share", item)
    ]
  },
  {
    group: "report",
    subcommands: [sub("report goals", text("from", "from"), text("to", "to")), sub("report people", text("from", "from"), text("to", "to"))]
  },
  {
    group: "meeting",
    subcommands: [
      sub(
        "meeting schedule",
        text("title", "meetingTitle", "required"),
        text("start", "start", "required"),
        text("rrule", "rrule", "required"),
        text("tz", "tz"),
        { name: "duration", text: "duration", type: "integer", min: 1, max: 1440 },
        choice("invite-role", "inviteRole", "invite"),
        user("invite-user", "inviteUser"),
        { name: "channel", text: "channel", type: "channel" },
        text("agenda", "agenda")
      ),
      sub("meeting next", text("meeting", "meeting", "required"), { name: "count", text: "count", type: "integer", min: 1, max: 10 }),
      sub("meeting summary", text("meeting", "meeting", "required"), text("occurrence", "occurrence"))
    ]
  },
  {
    group: "member",
    subcommands: [
      sub(
        "member add",
        user("user", "user", "required"),
        choice("role", "role", "role"),
        choice("role2", "role", "role"),
        choice("role3", "role", "role"),
        text("department", "memberDepartment"),
        text("field", "field")
      ),
      sub("member list")
    ]
  },
  {
    group: "goal",
    subcommands: [sub("goal add", text("title", "goalTitle", "required"), text("description", "goalDescription")), sub("goal list")]
  },
  sub("checks", item),
  sub("primer", choice("network", "primerNetwork", "network"))
]

// ---------------------------------------------------------------------------------------------
// Modals

/**
 * The modals some subcommands open, by what they ask for. The runtime answers the interaction
 * with the modal (callback type 9) and carries out the command on the modal's submission.
 *
 * @since 0.1.0
 * @category modals
 */
export type ModalKind = "idea" | "draft" | "objection" | "suggestion" | "decision" | "comment"

/**
 * Which subcommands open which modal:
 *
 * - `idea submit` → `idea`: title and pitch;
 * - `draft write` → `draft`: the text (prefilled with the latest revision's), and an alt text for
 *   each of `media1..3` given;
 * - `review object` → `objection`: claim and correction;
 * - `review suggest` → `suggestion`: the note;
 * - `review decide` → `decision`: the reason (the suggester is told);
 * - `comment` → `comment`: the text.
 *
 * Every other subcommand is carried out at once.
 *
 * @since 0.1.0
 * @category modals
 */
export const opensModal: { readonly [P in SubcommandPath]?: ModalKind } = {
  "idea submit": "idea",
  "draft write": "draft",
  "review object": "objection",
  "review suggest": "suggestion",
  "review decide": "decision",
  comment: "comment"
}

/**
 * The fields (custom ids) of each modal, in order. The draft's `alt1..alt3` belong to
 * `media1..media3` and are shown only for the attachments given.
 *
 * @since 0.1.0
 * @category modals
 */
export const modalFields: { readonly [K in ModalKind]: ReadonlyArray<string> } = {
  idea: ["title", "pitch"],
  draft: ["text", "alt1", "alt2", "alt3"],
  objection: ["claim", "correction"],
  suggestion: ["note"],
  decision: ["reason"],
  comment: ["text"]
}

// ---------------------------------------------------------------------------------------------
// The JSON

const names = (name: string): LocalizationMap => ({ [Locale.Norwegian]: name })

/**
 * Discord falls back from `en-GB` to `en-US` (not to the default): where the American text differs,
 * the British one (the default) is given as `en-GB` too, so British users keep their spelling.
 */
const english = (british: string, american: string): LocalizationMap =>
  american === british ? { [Locale.EnglishUS]: american } : { [Locale.EnglishUS]: american, [Locale.EnglishGB]: british }

const descriptions = (pick: (texts: Descriptions) => string): LocalizationMap => ({
  [Locale.Norwegian]: pick(nb),
  ...english(pick(en), pick(enUS))
})

const described = (pick: (texts: Descriptions) => string) => ({
  description: pick(en),
  description_localizations: descriptions(pick)
})

const choicesOf = <V extends string>(set: ChoiceSet): Array<APIApplicationCommandOptionChoice<V>> =>
  choiceValues[set].map((value) => {
    const name = choiceTexts(en, set)[value] ?? value
    const norwegian = choiceTexts(nb, set)[value] ?? name
    const american = choiceTexts(enUS, set)[value] ?? name
    return {
      name,
      name_localizations: american === name ? names(norwegian) : { ...names(norwegian), ...english(name, american) },
      value: value as V
    }
  })

const optionJson = (spec: OptionSpec): APIApplicationCommandBasicOption => {
  const base = {
    name: spec.name,
    name_localizations: names(nbNames.options[spec.name]),
    ...described((texts) => texts.options[spec.text]),
    ...(spec.required === true ? { required: true } : {})
  }
  switch (spec.type) {
    case "string":
      return spec.autocomplete === true
        ? { ...base, type: ApplicationCommandOptionType.String, autocomplete: true }
        : spec.choices === undefined
        ? { ...base, type: ApplicationCommandOptionType.String }
        : { ...base, type: ApplicationCommandOptionType.String, choices: choicesOf(spec.choices) }
    case "integer":
      return {
        ...base,
        type: ApplicationCommandOptionType.Integer,
        ...(spec.min === undefined ? {} : { min_value: spec.min }),
        ...(spec.max === undefined ? {} : { max_value: spec.max })
      }
    case "user":
      return { ...base, type: ApplicationCommandOptionType.User }
    case "attachment":
      return { ...base, type: ApplicationCommandOptionType.Attachment }
    case "channel":
      return { ...base, type: ApplicationCommandOptionType.Channel, channel_types: [ChannelType.GuildText] }
  }
}

const lastName = (path: SubcommandPath): string => path.split(" ").at(-1) ?? path

const subcommandJson = (spec: SubcommandSpec): APIApplicationCommandSubcommandOption => ({
  type: ApplicationCommandOptionType.Subcommand,
  name: lastName(spec.path),
  name_localizations: names(nbNames.subcommands[spec.path]),
  ...described((texts) => texts.subcommands[spec.path]),
  options: spec.options.map(optionJson)
})

const groupJson = (spec: GroupSpec): APIApplicationCommandSubcommandGroupOption => ({
  type: ApplicationCommandOptionType.SubcommandGroup,
  name: spec.group,
  name_localizations: names(nbNames.groups[spec.group]),
  ...described((texts) => texts.groups[spec.group]),
  options: spec.subcommands.map(subcommandJson)
})

/**
 * The `/dugnad` command as Discord takes it: every name with a Norwegian (`no`) localisation,
 * every description with Norwegian and American English (`en-US`) ones, and British English
 * (`en-GB`, the default text) where the American one differs.
 *
 * @since 0.1.0
 * @category commands
 */
export const dugnadCommand: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  type: ApplicationCommandType.ChatInput,
  name: "dugnad",
  name_localizations: names(nbNames.command),
  ...described((texts) => texts.command),
  options: tree.map((entry) => ("group" in entry ? groupJson(entry) : subcommandJson(entry)))
}

/**
 * The body of the guild's bulk overwrite: the bot's only command.
 *
 * @since 0.1.0
 * @category commands
 */
export const guildCommands: RESTPutAPIApplicationGuildCommandsJSONBody = [dugnadCommand]

/**
 * Every subcommand path offered, in display order.
 *
 * @since 0.1.0
 * @category commands
 */
export const subcommandPaths: ReadonlyArray<SubcommandPath> = tree.flatMap((entry) =>
  "group" in entry ? entry.subcommands.map((spec) => spec.path) : [entry.path]
)

const pathSet: ReadonlySet<string> = new Set(subcommandPaths)

/**
 * The subcommand path of a parsed interaction's `path`, if it is one of ours.
 *
 * @since 0.1.0
 * @category parsing
 */
export const subcommandPath = (path: ReadonlyArray<string>): SubcommandPath | undefined => {
  const key = path.join(" ")
  return pathSet.has(key) ? (key as SubcommandPath) : undefined
}

// ---------------------------------------------------------------------------------------------
// Registration

/**
 * Discord refused the command registration (or could not be reached).
 *
 * @since 0.1.0
 * @category errors
 */
export class CommandRegistrationFailed extends Data.TaggedError("CommandRegistrationFailed")<{
  readonly guildId: string
  readonly cause: unknown
}> {}

/**
 * Registers `/dugnad` in a guild: `PUT /applications/{application}/guilds/{guild}/commands` with
 * {@link guildCommands} (a bulk overwrite, so it is safe to run at every start). Guild commands
 * are available at once, unlike global ones.
 *
 * @since 0.1.0
 * @category commands
 */
export const registerGuildCommands = Effect.fn("SlashCommands.registerGuildCommands")(function*(
  rest: REST,
  applicationId: string,
  guildId: string
) {
  const result = yield* Effect.tryPromise({
    try: () => rest.put(Routes.applicationGuildCommands(applicationId, guildId), { body: guildCommands }),
    catch: (cause) => new CommandRegistrationFailed({ guildId, cause })
  })
  return result as RESTPutAPIApplicationGuildCommandsResult
})

// ---------------------------------------------------------------------------------------------
// Parsing

/**
 * A user given in a `USER` option, with their guild membership when Discord sent it.
 *
 * @since 0.1.0
 * @category parsing
 */
export interface ResolvedUser {
  readonly user: APIUser
  readonly member: APIInteractionDataResolvedGuildMember | undefined
}

/**
 * A `/dugnad` interaction, parsed.
 *
 * - `path`: the English names of the group and subcommand (`["review", "request"]`, `["show"]`),
 *   whatever the user's language (Discord sends the default names);
 * - `options`: every given option's value by its English name; a `USER`, `CHANNEL` or
 *   `ATTACHMENT` option's value is the id, resolved in `users`, `channels`, `attachments`;
 * - `focused`: the option being typed in, for autocomplete interactions.
 *
 * @since 0.1.0
 * @category parsing
 */
export interface ChatInput {
  readonly path: ReadonlyArray<string>
  readonly options: ReadonlyMap<string, string | number | boolean>
  readonly users: ReadonlyMap<string, ResolvedUser>
  readonly attachments: ReadonlyMap<string, APIAttachment>
  readonly channels: ReadonlyMap<string, APIInteractionDataResolvedChannel>
  readonly focused: string | undefined
}

/**
 * Reads the data of a `/dugnad` chat-input (or autocomplete) interaction. Pure: everything needed
 * is in the data (`resolved` carries the users and attachments).
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseChatInput = (
  data: APIChatInputApplicationCommandInteractionData | APIAutocompleteApplicationCommandInteractionData
): ChatInput => {
  const path: Array<string> = []
  const options = new Map<string, string | number | boolean>()
  const users = new Map<string, ResolvedUser>()
  const attachments = new Map<string, APIAttachment>()
  const channels = new Map<string, APIInteractionDataResolvedChannel>()
  let focused: string | undefined
  const resolved = data.resolved
  const walk = (list: ReadonlyArray<APIApplicationCommandInteractionDataOption> | undefined): void => {
    for (const option of list ?? []) {
      switch (option.type) {
        case ApplicationCommandOptionType.SubcommandGroup:
        case ApplicationCommandOptionType.Subcommand: {
          path.push(option.name)
          walk(option.options)
          break
        }
        default: {
          options.set(option.name, option.value)
          if ("focused" in option && option.focused === true) focused = option.name
          if (option.type === ApplicationCommandOptionType.User) {
            const found = resolved?.users?.[option.value]
            if (found !== undefined) users.set(option.name, { user: found, member: resolved?.members?.[option.value] })
          } else if (option.type === ApplicationCommandOptionType.Attachment) {
            const found = resolved?.attachments?.[option.value]
            if (found !== undefined) attachments.set(option.name, found)
          } else if (option.type === ApplicationCommandOptionType.Channel) {
            const found = resolved?.channels?.[option.value]
            if (found !== undefined) channels.set(option.name, found)
          }
        }
      }
    }
  }
  walk(data.options)
  return { path, options, users, attachments, channels, focused }
}

/**
 * The running bot: `Client4` with the bot's token on `MATTERMOST_URL`, the HTTP endpoints
 * Mattermost calls (`Http`: the `/dugnad` slash command, button clicks, dialog submissions) on
 * `MATTERMOST_HTTP_PORT`, the outbox delivered through the Mattermost notifier by the core's
 * dispatcher, the core's scheduler (`Reminders`), and the bot's WebSocket (`Events`) to forget
 * cached people and channels when they change.
 *
 * One pipeline for the three endpoints: who is acting (the team's workspace, created by its first
 * advisor; the Mattermost user as a member, roles from team admin and groups, see `Identity`), then
 * what they asked:
 *
 * - **Slash command**: help and usage errors are worded by `CommandLine` in the person's language;
 *   a command becomes the core's neutral request (`ChatCommands`), the trigger id its command id
 *   (`mattermost-<trigger id>`), so a command Mattermost delivers twice acts once.
 * - **Button**: the signed context (`Hmac`) carries a `ChatAction`; one that opens a form opens a
 *   dialog with the click's trigger id, else it becomes the core command on the item as it is now
 *   (a stale button is refused with the core's sentence), run with the trigger id as command id.
 * - **Dialog**: the signed state carries the `ChatAction`; a required field left empty, or a value
 *   the core refuses for a field, keeps the dialog open with the message under that field.
 *
 * Decisions:
 * - **Slash replies are ephemeral** (the core's replies are, except none): attachments from
 *   `Render.post`, buttons signed for the workspace. The person sees the item and the buttons they
 *   can use next; the team hears of it through the notifier's posts in the item's thread.
 * - **A chart cannot travel in a slash response** (Mattermost's command responses carry no files):
 *   the bot uploads it and posts it itself in the channel (in the thread when the command was typed
 *   in one), and the ephemeral reply says so. One post, as the bot, rather than a second reply.
 * - **A form the command line already filled** (`/dugnad idea submit "Title" --pitch "…"`, `review
 *   object … --claim … --correction …`) is submitted at once, as if its dialog had been; when a
 *   required field is missing, the dialog opens with what was given filled in.
 * - **A clicked button's post is updated** to the item as it is after the action, with the buttons
 *   the person who clicked can use next (so a used button does not linger); the outcome is also said
 *   in `ephemeral_text`. A form's confirmation is an ephemeral post (dialogs have no reply text).
 * - **Stale**: a button is checked against the item before its dialog opens, and again (by
 *   `ChatAction.toCommand`) when the dialog is submitted.
 * - Dialog submissions carry no trigger id: their command id is a hash of the signed state's
 *   action, team and time, the user and the submitted values, so a submission delivered twice acts
 *   once while a corrected one is a new command.
 *
 * @since 0.1.0
 */
import * as ChatAction from "@dugnad/core/ChatAction"
import * as ChatCommands from "@dugnad/core/ChatCommands"
import * as ChatView from "@dugnad/core/ChatView"
import * as Commands from "@dugnad/core/Commands"
import * as Directory from "@dugnad/core/Directory"
import * as Dispatcher from "@dugnad/core/Dispatcher"
import { InvalidCommand, type StoreUnavailable, UnknownMember } from "@dugnad/core/Errors"
import { CommandId, type ItemId, type MemberId } from "@dugnad/core/Ids"
import type { Locale, Member, Workspace } from "@dugnad/core/Member"
import * as Messages from "@dugnad/core/Messages"
import type { Outbox } from "@dugnad/core/Outbox"
import * as Queries from "@dugnad/core/Queries"
import { initialState } from "@dugnad/core/Workflow"
import Mattermost from "@mattermost/client"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { createHash } from "node:crypto"
import type * as NodeHttp from "node:http"
import type { AddressInfo } from "node:net"
import * as CommandLine from "./CommandLine.js"
import type { MattermostConfig } from "./Config.js"
import * as Events from "./Events.js"
import * as Hmac from "./Hmac.js"
import * as Http from "./Http.js"
import * as Identity from "./Identity.js"
import * as Notifier from "./Notifier.js"
import * as Reminders from "./Reminders.js"
import * as Render from "./Render.js"
import * as Slash from "./Slash.js"
import * as StoreLocation from "@dugnad/core/StoreLocation"
import { text } from "./Text.js"

const { Client4 } = Mattermost

/**
 * `Client4` with what the bot needs besides: opening an interactive dialog (Client4 11 has no
 * helper for `POST /actions/dialogs/open`).
 *
 * @since 0.1.0
 * @category client
 */
export class BotClient extends Client4 {
  openDialog(request: { readonly trigger_id: string; readonly url: string; readonly dialog: Render.MattermostDialog }): Promise<unknown> {
    return this.doFetch(`${this.getBaseRoute()}/actions/dialogs/open`, { method: "post", body: JSON.stringify(request) })
  }
}

/**
 * A `BotClient` on the server with the bot's token.
 *
 * @since 0.1.0
 * @category client
 */
export const makeClient = (settings: Pick<MattermostConfig, "url" | "token">): BotClient => {
  const client = new BotClient()
  client.setUrl(settings.url)
  client.setToken(Redacted.value(settings.token))
  return client
}

/**
 * The core services the bot's handlers use.
 *
 * @since 0.1.0
 * @category models
 */
export type Services = ChatCommands.Services

/**
 * A reply, the core's (`ChatCommands.Reply`).
 *
 * @since 0.1.0
 * @category models
 */
export type Reply = ChatCommands.Reply

/**
 * Someone acting in a team: the core's session, and the Mattermost facts behind it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Session extends ChatCommands.Session {
  readonly teamId: string
  readonly person: Identity.MattermostPerson
}

/**
 * A running bot.
 *
 * @since 0.1.0
 * @category running
 */
export interface Bot {
  readonly client: BotClient
  readonly server: NodeHttp.Server
  /** The port the HTTP endpoint listens on. */
  readonly port: number
  /** Stops the events, the endpoint, delivering and the scheduler, and closes the store (once). */
  readonly stop: () => Promise<void>
}

/**
 * What `start` may be given instead of the defaults (tests, embedding).
 *
 * @since 0.1.0
 * @category running
 */
export interface StartOptions {
  /** Replaces the store `DUGNAD_DB` names. */
  readonly store?: Layer.Layer<Services | Outbox, StoreUnavailable>
  /** Replaces the client made from `MATTERMOST_URL` and `MATTERMOST_TOKEN`. */
  readonly client?: BotClient
  /** The address the endpoint listens on (default: every interface). */
  readonly host?: string
  /** The scheduler (holder id, period). */
  readonly reminders?: Reminders.RemindersOptions
  /** The dispatcher (default: polls every 200 ms). */
  readonly dispatcher?: Dispatcher.DispatcherOptions
  /** The WebSocket (default: connected; `false`: none, e.g. a server that refuses it). */
  readonly events?: false | Pick<Events.ConnectOptions, "reconnectDelayMs" | "pingIntervalMs" | "connectTimeoutMs" | "log">
  /** How long people and teams read from Mattermost are kept (default 60 s; events forget them sooner). */
  readonly cacheMs?: number
  /** Epoch milliseconds (signing, ages). Default `Date.now`. */
  readonly now?: () => number
  /** Failures of the endpoints (default: one `console.error` line each). */
  readonly onError?: (failure: Http.Failure) => void
}

/** A short cache of promises, forgotten on failure. */
const cache = <A>(ttlMs: number) => {
  const entries = new Map<string, { readonly at: number; readonly value: Promise<A> }>()
  return {
    get: (key: string, read: () => Promise<A>): Promise<A> => {
      const hit = entries.get(key)
      if (hit !== undefined && Date.now() - hit.at < ttlMs) return hit.value
      const value = read()
      entries.set(key, { at: Date.now(), value })
      value.catch(() => entries.delete(key))
      return value
    },
    forget: (matches?: (key: string) => boolean) => {
      if (matches === undefined) return entries.clear()
      for (const key of [...entries.keys()]) if (matches(key)) entries.delete(key)
    }
  }
}

const renderContext = (workspace: Workspace, members: ReadonlyArray<Member>): Messages.RenderContext => {
  const byId = new Map(members.map((member) => [member.id as string, member]))
  return { timeZone: workspace.timeZone, name: (id: MemberId) => byId.get(id)?.name ?? id }
}

/**
 * A view as plain Mattermost markdown (for `ephemeral_text`): the title in bold, the body, the fields.
 *
 * @since 0.1.0
 * @category rendering
 */
export const viewText = (view: ChatView.ChatView): string =>
  [
    `**${ChatView.defuse(view.title)}**`,
    ...(view.body === "" ? [] : [ChatView.defuse(view.body)]),
    ...view.fields.map((field) => `${ChatView.defuse(field.label)}: ${ChatView.defuse(field.value)}`)
  ].join("\n")

/** The core's names for some form fields in its errors (`body.text` is the form's `text`). */
const fieldAliases: Readonly<Record<string, ChatAction.FieldId>> = {
  "body.text": "text",
  "body.networks": "networks",
  "body.media[0].alt": "alt",
  "body.media[0].url": "mediaUrl",
  explanation: "reason",
  "metrics.reactions": "reactions"
}

/**
 * The field of a form that an `InvalidCommand`'s field names (as is, by alias, or as the last part
 * of a path such as `metrics.reach`), if the form has it.
 *
 * @since 0.1.0
 * @category forms
 */
export const fieldOf = (form: ChatView.ChatForm | undefined, field: string): ChatView.ChatFormField | undefined => {
  const candidates = [field, fieldAliases[field], field.split(".").at(-1)?.replace(/\[\d+\]$/u, "")]
  return form?.fields.find((candidate) => candidates.includes(candidate.id))
}

/** A short, stable id from parts (the dialog's command id). */
const digest = (...parts: ReadonlyArray<string>) =>
  createHash("sha256").update(parts.join("\u0000")).digest("base64url").slice(0, 32)

/**
 * Starts the bot: the store, the endpoint on `settings.httpPort`, the dispatcher, the scheduler
 * and the WebSocket. Rejects (having stopped what it started) when the port is taken, the store
 * cannot open or the WebSocket refuses the token.
 *
 * @since 0.1.0
 * @category running
 */
export const start = async (settings: MattermostConfig, options: StartOptions = {}): Promise<Bot> => {
  const now = options.now ?? Date.now
  const client = options.client ?? makeClient(settings)
  const key = Hmac.make(Redacted.value(settings.hmacSecret))
  const sign = Hmac.signer(key, now)
  const channels: Notifier.ChannelCache = new Map()
  const store = options.store ?? StoreLocation.layer(settings.database)
  const runtime = ManagedRuntime.make(
    Layer.provideMerge(Notifier.layer(client, settings, sign, channels), store)
  )
  const ttl = options.cacheMs ?? 60_000
  const people = cache<Identity.MattermostPerson>(ttl)
  const teams = cache<Identity.MattermostTeam>(ttl)
  const dialogsUrl = Render.dialogsUrl(settings.publicUrl)
  const trigger = "/dugnad"

  const personOf = (teamId: string, userId: string) =>
    people.get(`${teamId}:${userId}`, () => Identity.readPerson(client, teamId, userId, settings.roles))
  const teamOf = (teamId: string, locale: Locale) => teams.get(teamId, () => Identity.readTeam(client, teamId, locale))

  // -------------------------------------------------------------------------------------------
  // Who is acting

  const sessionOf = (teamId: string, userId: string) =>
    Effect.gen(function*() {
      const person = yield* Effect.promise(() => personOf(teamId, userId))
      const team = yield* Effect.promise(() => teamOf(teamId, person.locale))
      const workspace = yield* Identity.ensureWorkspace(team, person, settings.roles)
      if (Option.isNone(workspace)) return Either.left(text[person.locale].bot.notSetUp)
      const directory = yield* Directory.Directory
      const known = yield* directory.members(workspace.value.id)
      const member = yield* Identity.syncMember(workspace.value.id, person, settings.roles, known)
      const members = known.some((other) => other.id === member.id)
        ? known.map((other) => (other.id === member.id ? member : other))
        : [...known, member]
      const session: Session = {
        workspace: workspace.value,
        member,
        locale: Messages.localeFor(workspace.value, member),
        context: renderContext(workspace.value, members),
        platform: "Mattermost",
        command: (path) => [trigger, ...path].join(" "),
        teamId,
        person
      }
      return Either.right(session)
    })

  /** A refusal as text, worded by the core. */
  const errorText = (session: Session, error: Messages.DugnadError) =>
    viewText(ChatView.errorView(error, session.locale, session.context))

  // -------------------------------------------------------------------------------------------
  // Replies

  /** A view as a post's parts, its buttons signed for the workspace. */
  const rendered = (session: Session, view: ChatView.ChatView) =>
    Render.post(view, { publicUrl: settings.publicUrl, workspace: session.workspace.id, sign })

  const upload = async (channel: string, file: Render.Upload): Promise<string> => {
    const form = new FormData()
    form.append("channel_id", channel)
    form.append("files", new Blob([new Uint8Array(file.data)], { type: file.contentType }), file.name)
    const answer = await client.uploadFile(form)
    const info = answer.file_infos[0]
    if (info === undefined) throw new Error("the upload answered without a file")
    return info.id
  }

  /** The chart of a reply, posted by the bot in the channel (thread) the command came from. */
  const postFiles = async (files: ReadonlyArray<Render.Upload>, channel: string, root: string | undefined) => {
    const ids: Array<string> = []
    for (const file of files) ids.push(await upload(channel, file))
    await client.createPost({ channel_id: channel, root_id: root ?? "", message: "", file_ids: ids })
  }

  const openDialog = (session: Session, form: ChatView.ChatForm, triggerId: string) =>
    Effect.promise(async () => {
      const action = ChatAction.decode(form.id)
      const state = Either.isRight(action)
        ? Hmac.signState(key, { action: action.right, team: session.workspace.id }, now())
        : undefined
      if (state === undefined) throw new Error(`a form whose action cannot be signed: ${form.id}`)
      await client.openDialog({ trigger_id: triggerId, url: dialogsUrl, dialog: Render.dialog(form, { state }) })
    })

  // -------------------------------------------------------------------------------------------
  // Forms: a dialog submitted, or a form the command line filled

  type Submitted =
    | { readonly _tag: "Done"; readonly view: ChatView.ChatView }
    | { readonly _tag: "Fields"; readonly errors: Readonly<Record<string, string>> }
    | { readonly _tag: "Refused"; readonly message: string }

  const submitForm = (session: Session, action: ChatAction.ActionId, values: ChatAction.FormValues, commandId: CommandId) =>
    Effect.gen(function*() {
      const itemId = "item" in action ? (action.item as ItemId) : undefined
      const found = itemId === undefined ? undefined : yield* Effect.either(Queries.item(session.workspace.id, itemId))
      if (found !== undefined && Either.isLeft(found)) {
        return { _tag: "Refused", message: errorText(session, found.left) } satisfies Submitted as Submitted
      }
      const state = found === undefined ? initialState : found.right.state
      // Every required field left empty, worded by the core, under its field.
      const form = ChatView.form(action, session.locale, found?.right.state)
      const missing = (form?.fields ?? []).filter((field) => field.required && (values[field.id] ?? "").trim() === "")
      if (missing.length > 0) {
        const errors: Record<string, string> = {}
        for (const field of missing) {
          errors[field.id] = Messages.errorMessage(
            session.locale,
            new InvalidCommand({ command: ChatAction.commandOf[action._tag], field: field.id, reason: "required" }),
            session.context
          )
        }
        return { _tag: "Fields", errors } satisfies Submitted as Submitted
      }
      const command = ChatAction.toCommand(action, values, state, session.member, yield* DateTime.now)
      const refusal = (error: Messages.DugnadError): Submitted => {
        const field = error._tag === "InvalidCommand" ? fieldOf(form, error.field) : undefined
        return field === undefined
          ? { _tag: "Refused", message: errorText(session, error) }
          : { _tag: "Fields", errors: { [field.id]: Messages.errorMessage(session.locale, error, session.context) } }
      }
      if (Either.isLeft(command)) return refusal(command.left)
      const result = yield* Effect.either(Commands.handle({
        workspace: session.workspace.id,
        commandId,
        actor: session.member.id,
        item: itemId,
        command: command.right
      }))
      if (Either.isLeft(result)) return refusal(result.left)
      const view = ChatView.itemView({ item: result.right.item, state: result.right.state }, session.locale, session.context, session.member)
      return { _tag: "Done", view } satisfies Submitted as Submitted
    })

  // -------------------------------------------------------------------------------------------
  // The slash command

  /** An `@username` as a Mattermost user, or undefined. */
  const userNamed = (username: string) =>
    Effect.promise(() => client.getUserByUsername(username).then((user) => user, () => undefined))

  /** A value naming someone as a member of the workspace: `@user` (synced from Mattermost), or a Dugnad handle. */
  const memberOf = (session: Session, value: CommandLine.Value) =>
    Effect.gen(function*() {
      const directory = yield* Directory.Directory
      const username = typeof value === "string" ? value.trim().replace(/^@/u, "") : value.username
      if (typeof value === "string") {
        const known = (yield* directory.members(session.workspace.id)).find((member) => member.handle === username.toLowerCase())
        if (known !== undefined) return known
      }
      const user = yield* userNamed(username.toLowerCase())
      if (user === undefined) return yield* new UnknownMember({ workspace: session.workspace.id, member: `@${username}` })
      const person = yield* Effect.tryPromise({
        try: () => personOf(session.teamId, user.id),
        catch: () => new UnknownMember({ workspace: session.workspace.id, member: `@${username}` })
      })
      return yield* Identity.syncMember(session.workspace.id, person, settings.roles)
    })

  const requestOf = (session: Session, command: CommandLine.Command, spec: CommandLine.CommandSpec, triggerId: string) =>
    Effect.gen(function*() {
      const named = Slash.namedValues(command, spec)
      // `member add @user`: the person, read from Mattermost now (the request reads it synchronously).
      const given = named.get("user")
      const user = given === undefined ? undefined : yield* userNamed(typeof given === "string" ? given.replace(/^@/u, "") : given.username)
      const person: ChatCommands.Person | undefined = user === undefined ? undefined : {
        id: Identity.memberIdOf(user.id),
        name: Identity.displayNameOf(user),
        handle: (taken) => Identity.handleFor(user.username, user.id, taken)
      }
      const request: ChatCommands.Request = {
        id: `mattermost-${triggerId}`,
        path: command.path,
        text: (name) => Slash.textOf(named.get(name)),
        integer: (name) => {
          const value = named.get(name)
          return typeof value === "string" && /^[+-]?\d+$/u.test(value) ? Number(value) : undefined
        },
        members: (names) =>
          Effect.forEach(names.flatMap((name) => {
            const value = named.get(name)
            return value === undefined ? [] : [value]
          }), (value) => memberOf(session, value)),
        channel: (name) => Slash.textOf(named.get(name))?.replace(/^[~#]/u, ""),
        person: (name) => (name === "user" ? person : undefined)
      }
      return request
    })

  const messageReply = (session: Session, view: ChatView.ChatView, ephemeral: boolean, slash: Http.ParsedSlash) =>
    Effect.promise(async (): Promise<Http.SlashReply> => {
      const post = rendered(session, view)
      let note = ""
      if (post.files.length > 0) {
        await postFiles(post.files, slash.channelId, slash.rootId)
        note = text[session.locale].bot.chartPosted
      }
      const message = [post.message, note].filter((part) => part !== "").join("\n")
      return {
        response_type: ephemeral ? "ephemeral" : "in_channel",
        ...(message === "" ? {} : { text: message }),
        attachments: post.props.attachments
      }
    })

  const answerSlash = (slash: Http.ParsedSlash) =>
    Effect.gen(function*() {
      const person = yield* Effect.promise(() => personOf(slash.teamId, slash.userId))
      const words = (message: string): Http.SlashReply => ({ response_type: "ephemeral", text: message })
      if (Either.isLeft(slash.parsed)) return words(CommandLine.message(person.locale, slash.parsed.left, slash.command || trigger))
      const invocation = slash.parsed.right
      if (invocation._tag === "Help") return words(CommandLine.helpText(person.locale, invocation.path, slash.command || trigger))
      const found = yield* sessionOf(slash.teamId, slash.userId)
      if (Either.isLeft(found)) return words(found.left)
      const session = found.right
      const spec = CommandLine.find(invocation.path)
      if (spec === undefined || spec._tag !== "CommandSpec") return words(CommandLine.helpText(session.locale, invocation.path, trigger))
      const request = yield* requestOf(session, invocation, spec, slash.triggerId)
      const reply = yield* ChatCommands.handle(session, request)
      switch (reply._tag) {
        case "Message":
          return yield* messageReply(session, reply.view, reply.ephemeral, slash)
        case "Choices":
          return words(reply.choices.map((choice) => `- ${choice.name}`).join("\n"))
        case "Form": {
          const form = Slash.prefill(reply.form, Slash.formValuesOf(invocation, spec))
          const { complete, values } = Slash.filled(form)
          const action = ChatAction.decode(form.id)
          if (complete && Either.isRight(action)) {
            const done = yield* submitForm(session, action.right, values, CommandId.make(request.id))
            switch (done._tag) {
              case "Done":
                return yield* messageReply(session, done.view, true, slash)
              case "Refused":
                return words(done.message)
              case "Fields":
                // The core refused a value: the dialog, with the values given, says which.
                break
            }
          }
          yield* openDialog(session, form, slash.triggerId)
          return { response_type: "ephemeral" } satisfies Http.SlashReply
        }
      }
    }).pipe(Effect.withSpan("Bot.slash"))

  // -------------------------------------------------------------------------------------------
  // Buttons

  const answerClick = (click: Http.Click) =>
    Effect.gen(function*() {
      // The workspace is the signed one (a click in a direct message may carry no team).
      const teamId = Identity.teamIdOf(click.verified.team as Parameters<typeof Identity.teamIdOf>[0]) ?? click.teamId
      const found = yield* sessionOf(teamId, click.userId)
      if (Either.isLeft(found)) return { ephemeral_text: found.left } satisfies Http.ActionReply
      const session = found.right
      const action = click.verified.action
      const itemId = "item" in action ? (action.item as ItemId) : undefined
      const before = itemId === undefined ? undefined : yield* Effect.either(Queries.item(session.workspace.id, itemId))
      if (before !== undefined && Either.isLeft(before)) return { ephemeral_text: errorText(session, before.left) }
      const state = before === undefined ? initialState : before.right.state
      if (ChatAction.opensForm(action._tag)) {
        const stale = ChatAction.staleness(action, state)
        if (stale !== undefined) return { ephemeral_text: errorText(session, stale) }
        const form = ChatView.form(action, session.locale, before?.right.state)
        if (form !== undefined) {
          yield* openDialog(session, form, click.triggerId)
          return {} satisfies Http.ActionReply
        }
      }
      const command = ChatAction.toCommand(action, {}, state, session.member, yield* DateTime.now)
      if (Either.isLeft(command)) return { ephemeral_text: errorText(session, command.left) }
      const result = yield* Effect.either(Commands.handle({
        workspace: session.workspace.id,
        commandId: CommandId.make(`mattermost-${click.triggerId}`),
        actor: session.member.id,
        item: itemId,
        command: command.right
      }))
      if (Either.isLeft(result)) return { ephemeral_text: errorText(session, result.left) }
      const view = ChatView.itemView({ item: result.right.item, state: result.right.state }, session.locale, session.context, session.member)
      const post = rendered(session, view)
      return {
        update: { message: post.message, props: { attachments: post.props.attachments } },
        ephemeral_text: text[session.locale].bot.formDone(view.title)
      } satisfies Http.ActionReply
    }).pipe(Effect.withSpan("Bot.action"))

  // -------------------------------------------------------------------------------------------
  // Dialogs

  const answerDialog = (submission: Http.DialogSubmission) =>
    Effect.gen(function*() {
      if (submission.cancelled) return undefined
      const teamId = Identity.teamIdOf(submission.verified.team as Parameters<typeof Identity.teamIdOf>[0]) ?? submission.teamId
      const found = yield* sessionOf(teamId, submission.userId)
      if (Either.isLeft(found)) return { error: found.left } satisfies Http.DialogReply
      const session = found.right
      const values: Partial<Record<ChatAction.FieldId, string>> = {}
      for (const [name, value] of Object.entries(submission.submission)) {
        if (!(ChatAction.FieldId.literals as ReadonlyArray<string>).includes(name)) continue
        if (typeof value === "string") values[name as ChatAction.FieldId] = value
        else if (typeof value === "number" || typeof value === "boolean") values[name as ChatAction.FieldId] = String(value)
      }
      const commandId = CommandId.make(
        `mattermost-dialog-${
          digest(
            submission.verified.actionId,
            submission.verified.team,
            String(submission.verified.issuedAt),
            submission.userId,
            JSON.stringify(Object.entries(values).sort())
          )
        }`
      )
      const done = yield* submitForm(session, submission.verified.action, values, commandId)
      switch (done._tag) {
        case "Fields":
          return { errors: done.errors } satisfies Http.DialogReply
        case "Refused":
          return { error: done.message } satisfies Http.DialogReply
        case "Done": {
          const post = rendered(session, done.view)
          // An ephemeral post needs the create_post_ephemeral permission (system admins by
          // default): a bot without it tells the person in a direct message instead.
          yield* Effect.tryPromise(() =>
            client.createPostEphemeral(submission.userId, {
              channel_id: submission.channelId,
              message: post.message,
              props: { attachments: post.props.attachments }
            })
          ).pipe(
            Effect.orElse(() =>
              Effect.tryPromise(async () => {
                const me = await client.getMe()
                const direct = await client.createDirectChannel([me.id, submission.userId])
                await client.createPost({ channel_id: direct.id, message: post.message, props: { attachments: post.props.attachments } } as never)
              })
            ),
            Effect.ignore
          )
          return undefined
        }
      }
    }).pipe(Effect.withSpan("Bot.dialog"))

  // -------------------------------------------------------------------------------------------
  // Wiring

  const run = <A>(effect: Effect.Effect<A, unknown, Services | Outbox>) => runtime.runPromise(effect)

  const server = Http.make({
    commandToken: Redacted.value(settings.commandToken),
    hmac: key,
    now,
    workspaceOfTeam: (teamId) => Identity.workspaceIdOf(teamId),
    localeOf: ({ teamId, userId }) => personOf(teamId, userId).then((person) => person.locale, () => undefined),
    onSlash: (slash) => run(answerSlash(slash)),
    onAction: (click) => run(answerClick(click)),
    onDialog: (submission) => run(answerDialog(submission)),
    postToResponseUrl: async (url, reply) => {
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(reply) })
      if (!response.ok) throw new Error(`response_url answered ${response.status}`)
    },
    ...(options.onError === undefined ? {} : { onError: options.onError })
  })

  const fibers: Array<Fiber.RuntimeFiber<unknown, unknown>> = []
  let events: Events.EventsConnection | undefined
  const stopAll = async () => {
    await events?.close().catch(() => undefined)
    await new Promise<void>((resolve) => {
      if (!server.listening) return resolve()
      server.close(() => resolve())
      server.closeAllConnections()
    })
    for (const fiber of fibers.splice(0)) {
      await runtime.runPromise(fiber.interruptAsFork(fiber.id()).pipe(Effect.ignore)).catch(() => undefined)
    }
    await runtime.dispose()
  }

  try {
    // Open the store first: a database that cannot open fails the start.
    await runtime.runPromise(Effect.void)
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject)
      server.listen(settings.httpPort, options.host, () => {
        server.off("error", reject)
        resolve()
      })
    })
    fibers.push(runtime.runFork(Dispatcher.run({ pollInterval: "200 millis", ...options.dispatcher })))
    fibers.push(runtime.runFork(Reminders.run(options.reminders)))
    if (options.events !== false) {
      events = await Events.connect({
        url: settings.url,
        token: Redacted.value(settings.token),
        ...options.events,
        onEvent: (event) => {
          if (event.concerns === "roles") {
            people.forget(event.userId === undefined ? undefined : (key) => key.endsWith(`:${event.userId}`))
          } else if (event.concerns === "channels") {
            teams.forget(event.teamId === undefined ? undefined : (key) => key === event.teamId)
            if (event.channelId === undefined) channels.clear()
            else for (const [name, entry] of [...channels]) if (entry.id === event.channelId) channels.delete(name)
          }
        },
        // What was missed while away may have changed anyone: forget, and deliver what waits now.
        onReconnect: async () => {
          people.forget()
          channels.clear()
          await runtime.runPromise(Dispatcher.runOnce(options.dispatcher).pipe(Effect.ignore))
        }
      })
    }
  } catch (cause) {
    await stopAll()
    throw cause
  }

  let stopping: Promise<void> | undefined
  return {
    client,
    server,
    port: (server.address() as AddressInfo).port,
    stop: () => (stopping ??= stopAll())
  }
}

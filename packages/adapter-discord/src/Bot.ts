/**
 * The running bot: discord.js's `Client` on the gateway (or `DISCORD_API_URL`'s server), the
 * `/dugnad` command registered in every guild it is in, every interaction answered through
 * `Interactions` within Discord's 3 seconds (`Deadline`), and the outbox delivered through the
 * Discord notifier by the core's dispatcher, at least once.
 *
 * Interactions are read from the gateway's raw `INTERACTION_CREATE` and answered over REST, the
 * same JSON the HTTP-interactions endpoint gets, so both transports share one pipeline; discord.js's
 * REST client queues requests per route and waits out 429s (`Retry-After`, `X-RateLimit-*`), and
 * its gateway resumes a dropped session, receiving what it missed.
 *
 * @since 0.1.0
 */
import * as ChatCommands from "@dugnad/core/ChatCommands"
import * as Dispatcher from "@dugnad/core/Dispatcher"
import type { StoreUnavailable } from "@dugnad/core/Errors"
import type { Outbox } from "@dugnad/core/Outbox"
import { type APIInteractionResponse, InteractionResponseType, InteractionType, MessageFlags } from "discord-api-types/v10"
import { Client, Events, GatewayIntentBits, Routes } from "discord.js"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import type { DiscordConfig } from "./Config.js"
import { respondWithin } from "./Deadline.js"
import type { HandledInteraction } from "./HttpInteractions.js"
import { localeOf } from "./Identity.js"
import { unexpectedView } from "./Text.js"
import * as Guilds from "./Guilds.js"
import * as Interactions from "./Interactions.js"
import * as Notifier from "./Notifier.js"
import * as Render from "./Render.js"
import * as Reminders from "./Reminders.js"
import { registerGuildCommands } from "./SlashCommands.js"
import { handleSlash } from "./SlashHandlers.js"
import * as StoreLocation from "@dugnad/core/StoreLocation"

/** A running bot. */
export interface Bot {
  readonly client: Client
  /** Stops delivering, logs out and closes the store. */
  readonly stop: () => Promise<void>
}

/** A reply as an interaction response, and the files it carries. */
export const responseOf = (reply: Interactions.Reply): { readonly response: APIInteractionResponse; readonly files: ReadonlyArray<Render.Upload> } => {
  switch (reply._tag) {
    case "Form":
      return { response: { type: InteractionResponseType.Modal, data: Render.modal(reply.form) }, files: [] }
    case "Choices":
      return { response: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [...reply.choices] } }, files: [] }
    case "Message": {
      const rendered = Render.message(reply.view, { ephemeral: reply.ephemeral })
      return {
        response: { type: InteractionResponseType.ChannelMessageWithSource, data: rendered.body as never },
        files: rendered.files
      }
    }
  }
}

/**
 * The platform facts the pipeline needs, from the guild cache (REST), for either transport.
 *
 * @since 0.1.0
 * @category running
 */
export const platformOf = (guilds: Guilds.Guilds): Interactions.Platform => ({
  guild: (guildId) => Effect.promise(() => guilds.info(guildId)),
  roleNames: (guildId, roleIds) =>
    Effect.map(Effect.promise(() => guilds.info(guildId)), (info) =>
      roleIds.flatMap((id) => {
        const name = info.roles.get(id)
        return name === undefined ? [] : [name]
      }))
})

/**
 * The files of a reply as discord.js REST takes them.
 *
 * @since 0.1.0
 * @category running
 */
export const filesOf = (files: ReadonlyArray<Render.Upload>) =>
  files.map((file) => ({ name: file.name, data: Buffer.from(file.data), contentType: file.contentType }))

/**
 * The pipeline both transports share (the gateway here, the HTTP-interactions endpoint in
 * `Main.ts`): one interaction to its reply, through `Interactions.handle` and the slash handlers.
 * Never fails: a bug is logged (the interaction's id, never its token) and said plainly.
 *
 * @since 0.1.0
 * @category running
 */
export const replyTo = (interaction: HandledInteraction, settings: DiscordConfig, platform: Interactions.Platform) =>
  Interactions.handle(interaction, settings, platform, handleSlash).pipe(
    // A bug: logged for operators (the interaction's id, never its token), said plainly to the person.
    Effect.catchAllDefect((defect) =>
      Effect.logError("interaction failed", { interaction: interaction.id, defect: String(defect) }).pipe(
        Effect.as(ChatCommands.notice(unexpectedView(localeOf(interaction.locale))))
      )
    )
  )

/**
 * Starts the bot with these settings: logs in, registers the command in every guild, answers
 * interactions and delivers the outbox. `store` replaces the store `DUGNAD_DB` names (tests).
 *
 * @since 0.1.0
 * @category running
 */
export const start = async (
  settings: DiscordConfig,
  options: {
    readonly store?: Layer.Layer<Interactions.Services | Outbox, StoreUnavailable>
    /** The scheduler and scheduled-events sync (holder id per process, period). */
    readonly reminders?: Reminders.RemindersOptions
  } = {}
): Promise<Bot> => {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...(settings.apiUrl._tag === "Some" ? { rest: { api: settings.apiUrl.value } } : {}),
    waitGuildTimeout: 1_000
  })
  const store = options.store ?? StoreLocation.layer(settings.database)
  const guilds = Guilds.make(client.rest)
  const runtime = ManagedRuntime.make(Layer.provideMerge(Notifier.layer(client.rest, guilds, settings), store))
  const platform = platformOf(guilds)

  const answer = (interaction: HandledInteraction) => {
    const callback = Routes.interactionCallback(interaction.id, interaction.token)
    return respondWithin(replyTo(interaction, settings, platform), {
      answer: (reply) =>
        Effect.promise(() => {
          const { files, response } = responseOf(reply)
          return client.rest.post(callback, { body: response, files: filesOf(files), auth: false })
        }),
      defer: Effect.promise(() =>
        client.rest.post(callback, {
          body: { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } },
          auth: false
        })
      ),
      edit: (reply) =>
        Effect.promise(() => {
          const { files, response } = responseOf(reply)
          const data = "data" in response ? response.data : {}
          return client.rest.patch(Routes.webhookMessage(settings.applicationId, interaction.token), {
            body: data,
            files: filesOf(files),
            auth: false
          })
        })
    })
  }

  client.on(Events.Raw, (packet: { t?: string; d?: { type?: number } }) => {
    if (packet.t !== "INTERACTION_CREATE" || packet.d === undefined || packet.d.type === InteractionType.Ping) return
    void runtime.runPromise(answer(packet.d as HandledInteraction)).catch(() => undefined)
  })

  const register = (guildId: string) =>
    runtime.runPromise(
      registerGuildCommands(client.rest, settings.applicationId, guildId).pipe(Effect.ignore)
    )
  client.on(Events.GuildCreate, (guild) => void register(guild.id))
  // Roles and channels change: read the guild again at the next interaction.
  const forget = (changed: { readonly guild: { readonly id: string } }) => guilds.forget(changed.guild.id)
  client.on(Events.GuildRoleCreate, forget)
  client.on(Events.GuildRoleUpdate, forget)
  client.on(Events.GuildRoleDelete, forget)
  client.on(Events.ChannelCreate, forget)
  client.on(Events.ChannelUpdate, (channel) => "guild" in channel ? forget(channel) : undefined)
  client.on(Events.ChannelDelete, (channel) => "guild" in channel ? forget(channel) : undefined)

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()))
  await client.login(Redacted.value(settings.token))
  await ready
  await Promise.all(client.guilds.cache.map((guild) => register(guild.id)))
  const delivering = runtime.runFork(Dispatcher.run({ pollInterval: "200 millis" }))
  // Reminders, meeting reports and check-ins into the outbox; meetings as scheduled events.
  const scheduling = runtime.runFork(Reminders.run(client.rest, options.reminders))

  return {
    client,
    stop: async () => {
      await runtime.runPromise(delivering.interruptAsFork(delivering.id()).pipe(Effect.ignore))
      await runtime.runPromise(scheduling.interruptAsFork(scheduling.id()).pipe(Effect.ignore))
      await client.destroy()
      await runtime.dispose()
    }
  }
}

import { networks } from "@dugnad/core/Draft"
import { assert, describe, expect, it } from "@effect/vitest"
import {
  type APIApplicationCommandOption,
  type APIChatInputApplicationCommandInteractionData,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  GuildMemberFlags,
  REST
} from "discord.js"
import * as Effect from "effect/Effect"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import {
  dugnadCommand,
  guildCommands,
  modalFields,
  opensModal,
  parseChatInput,
  registerGuildCommands,
  subcommandPath,
  subcommandPaths
} from "../src/SlashCommands.js"
import { en, enUS } from "../src/SlashCommandText.js"

// ---------------------------------------------------------------------------------------------
// Discord's limits (https://discord.com/developers/docs/interactions/application-commands)

/** Command, group, subcommand and option names, in every locale. */
const nameRegex = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u
const maxOptions = 25
const maxChoices = 25
const maxCommandCharacters = 8000

/** The locales we localise into; the default (English) is `default`. */
const locales = ["default", "no", "en-US", "en-GB"] as const
type LocaleKey = (typeof locales)[number]

type Localised = Readonly<Partial<Record<string, string | null>>> | null | undefined

const localised = (fallback: string, map: Localised, locale: LocaleKey): string =>
  locale === "default" ? fallback : (map?.[locale] ?? fallback)

/** Every option at every level, with where it is. */
const walk = (
  options: ReadonlyArray<APIApplicationCommandOption>,
  at: ReadonlyArray<string> = []
): Array<{ readonly at: ReadonlyArray<string>; readonly option: APIApplicationCommandOption }> =>
  options.flatMap((option) => [
    { at, option },
    ...(option.type === ApplicationCommandOptionType.SubcommandGroup || option.type === ApplicationCommandOptionType.Subcommand
      ? walk(option.options ?? [], [...at, option.name])
      : [])
  ])

const everything = walk(dugnadCommand.options ?? [])
const levels = (): Array<{ readonly at: string; readonly options: ReadonlyArray<APIApplicationCommandOption> }> => [
  { at: "dugnad", options: dugnadCommand.options ?? [] },
  ...everything.flatMap(({ at, option }) =>
    option.type === ApplicationCommandOptionType.SubcommandGroup || option.type === ApplicationCommandOptionType.Subcommand
      ? [{ at: [...at, option.name].join(" "), options: option.options ?? [] }]
      : []
  )
]
const choicesOf = (option: APIApplicationCommandOption) =>
  "choices" in option && option.choices !== undefined ? option.choices : []

/**
 * The command's size as Discord counts it: the characters of every name, description and choice
 * name and value, across the command, its groups, subcommands, options and choices. Assumption
 * (Discord's docs say the limit applies "per locale" without spelling out the sum): each locale is
 * counted on its own, taking the localised name or description where there is one and the default
 * otherwise, and each locale's total must stay under 8000.
 */
const sizeIn = (locale: LocaleKey): number => {
  const own = (name: string, names: Localised, description: string, descriptions: Localised) =>
    localised(name, names, locale).length + localised(description, descriptions, locale).length
  return (
    own(dugnadCommand.name, dugnadCommand.name_localizations, dugnadCommand.description ?? "", dugnadCommand.description_localizations) +
    everything.reduce(
      (sum, { option }) =>
        sum +
        own(option.name, option.name_localizations, option.description, option.description_localizations) +
        choicesOf(option).reduce(
          (choices, choice) => choices + localised(choice.name, choice.name_localizations, locale).length + String(choice.value).length,
          0
        ),
      0
    )
  )
}

// ---------------------------------------------------------------------------------------------
// The CLI's commands (packages/cli/src/Cli.ts, `commandsByPath`, the leaves). Kept here as a list:
// the adapter's tests do not build against the CLI's source (tsconfig.test.json's rootDir is this
// package, and the adapter does not depend on @dugnad/cli). Update it with the CLI.

const cliPaths: ReadonlyArray<string> = [
  "demo",
  "init",
  "member add",
  "member list",
  "goal add",
  "goal list",
  "idea submit",
  "idea accept",
  "idea park",
  "idea revive",
  "idea decline",
  "draft write",
  "review request",
  "review approve",
  "review object",
  "review resolve",
  "review suggest",
  "review decide",
  "comment",
  "approve",
  "withdraw",
  "publish",
  "show",
  "board",
  "results record",
  "results import",
  "results share",
  "report goals",
  "report people",
  "meeting schedule",
  "meeting next",
  "meeting summary",
  "meeting ics",
  "checks",
  "primer",
  "completions"
]

/** CLI commands Discord does not offer, and where they go instead. */
const notOffered: Readonly<Record<string, string>> = {
  demo: "a terminal walk-through on a new SQLite file: the CLI",
  init: "a guild is its workspace: the bot sets it up (Identity.ensureWorkspace) when it joins or is first used",
  completions: "shell completion scripts: the CLI",
  "results import": "a network's CSV export, an advisor's desk job: the CLI (dugnad results import)",
  "meeting ics": "the bot puts the meeting series in Discord's scheduled events; the .ics file stays in the CLI"
}

/** A one-route HTTP server on 127.0.0.1 standing in for Discord's REST API, and a REST client on it. */
const fakeRest = (answer: (request: IncomingMessage, body: string, response: ServerResponse) => void) =>
  Effect.gen(function*() {
    const server = yield* Effect.acquireRelease(
      Effect.async<Server>((resume) => {
        const created = createServer((request, response) => {
          let body = ""
          request.on("data", (chunk: Buffer) => (body += chunk.toString()))
          request.on("end", () => answer(request, body, response))
        })
        created.listen(0, "127.0.0.1", () => resume(Effect.succeed(created)))
      }),
      (created) => Effect.async<void>((resume) => void created.close(() => resume(Effect.void)))
    )
    const port = (server.address() as AddressInfo).port
    return new REST({ api: `http://127.0.0.1:${port}/api`, retries: 0 }).setToken("token")
  })

describe("SlashCommands", () => {
  describe("the command JSON", () => {
    it("is one chat-input command, /dugnad", () => {
      expect(guildCommands).toEqual([dugnadCommand])
      expect(dugnadCommand.type).toBe(ApplicationCommandType.ChatInput)
      expect(dugnadCommand.name).toBe("dugnad")
    })

    it("GIVEN every name WHEN checked against Discord's rules THEN all are valid, lower case, in every locale", () => {
      const named = [dugnadCommand, ...everything.map(({ option }) => option)]
      for (const entry of named) {
        for (const name of [entry.name, ...Object.values(entry.name_localizations ?? {})]) {
          assert.isString(name)
          expect(name, entry.name).toMatch(nameRegex)
          expect(name, entry.name).toBe(name?.toLowerCase())
        }
        expect(Object.keys(entry.name_localizations ?? {}), entry.name).toEqual(["no"])
      }
    })

    it("GIVEN every description WHEN measured THEN 1 to 100 characters in every language, with no and en-US", () => {
      const described = [dugnadCommand, ...everything.map(({ option }) => option)]
      for (const entry of described) {
        const map = entry.description_localizations ?? {}
        const british = map["en-US"] === entry.description ? [] : ["en-GB"]
        expect(Object.keys(map).sort(), entry.name).toEqual([...british, "en-US", "no"])
        if (british.length > 0) expect(map["en-GB"], entry.name).toBe(entry.description)
        for (const description of [entry.description ?? "", ...Object.values(map)]) {
          assert.isString(description)
          expect(description?.length, `${entry.name}: ${description}`).toBeGreaterThanOrEqual(1)
          expect(description?.length, `${entry.name}: ${description}`).toBeLessThanOrEqual(100)
        }
      }
    })

    it("GIVEN every level WHEN counted THEN at most 25 options, names unique in every locale", () => {
      for (const { at, options } of levels()) {
        expect(options.length, at).toBeLessThanOrEqual(maxOptions)
        for (const locale of locales) {
          const names = options.map((option) => localised(option.name, option.name_localizations, locale))
          expect(new Set(names).size, `${at} (${locale}): ${names.join(", ")}`).toBe(names.length)
        }
      }
    })

    it("GIVEN every level WHEN read in order THEN required options come before optional ones", () => {
      for (const { at, options } of levels()) {
        const required = options.map((option) => "required" in option && option.required === true)
        const firstOptional = required.indexOf(false)
        if (firstOptional >= 0) expect(required.slice(firstOptional), at).not.toContain(true)
      }
    })

    it("GIVEN subcommands and groups WHEN nested THEN groups hold only subcommands, and subcommands only plain options", () => {
      const nesting = [ApplicationCommandOptionType.SubcommandGroup, ApplicationCommandOptionType.Subcommand]
      const plain = (options: ReadonlyArray<APIApplicationCommandOption>) => {
        for (const option of options) expect(nesting, option.name).not.toContain(option.type)
      }
      for (const entry of dugnadCommand.options ?? []) {
        if (entry.type === ApplicationCommandOptionType.SubcommandGroup) {
          for (const subcommand of entry.options ?? []) {
            expect(subcommand.type, subcommand.name).toBe(ApplicationCommandOptionType.Subcommand)
            plain(subcommand.options ?? [])
          }
        } else if (entry.type === ApplicationCommandOptionType.Subcommand) {
          plain(entry.options ?? [])
        } else {
          expect.fail(`${entry.name} is neither a group nor a subcommand`)
        }
      }
    })

    it("GIVEN every choice WHEN measured THEN at most 25 per option, names 1 to 100 characters in every locale, values at most 100", () => {
      for (const { option } of everything) {
        const choices = choicesOf(option)
        expect(choices.length, option.name).toBeLessThanOrEqual(maxChoices)
        for (const choice of choices) {
          for (const name of [choice.name, ...Object.values(choice.name_localizations ?? {})]) {
            expect(name?.length, option.name).toBeGreaterThanOrEqual(1)
            expect(name?.length, option.name).toBeLessThanOrEqual(100)
          }
          expect(String(choice.value).length).toBeLessThanOrEqual(100)
        }
      }
    })

    it("GIVEN the whole command WHEN counted per locale like Discord THEN each is under 8000 characters", () => {
      for (const locale of locales) {
        const size = sizeIn(locale)
        expect(size, locale).toBeLessThan(maxCommandCharacters)
        expect(size, locale).toBeGreaterThan(1000) // the count sees the tree
      }
    })

    it("GIVEN the networks WHEN offered as choices THEN they are the core's, every one", () => {
      const publish = everything.find(({ at, option }) => at.join(" ") === "publish" && option.name === "network")
      assert.isDefined(publish)
      expect(choicesOf(publish!.option).map((choice) => choice.value)).toEqual([...networks])
    })

    it("GIVEN an item option WHEN offered THEN it is a required string with autocomplete", () => {
      const items = everything.filter(({ option }) => option.name === "item")
      expect(items.length).toBeGreaterThan(15)
      for (const { option } of items) {
        expect(option).toMatchObject({ type: ApplicationCommandOptionType.String, required: true, autocomplete: true })
      }
    })

    it("GIVEN number options WHEN offered THEN they are integers with a minimum", () => {
      const numbers = everything.filter(({ option }) => option.type === ApplicationCommandOptionType.Integer)
      expect(numbers.map(({ option }) => option.name)).toContain("reach")
      for (const { option } of numbers) expect(option, option.name).toHaveProperty("min_value")
    })

    it("GIVEN the English descriptions WHEN made American THEN only the spelling differs", () => {
      expect(en.groups.goal).toBe("The organisation's goals.")
      expect(enUS.groups.goal).toBe("The organization's goals.")
      expect(enUS.subcommands["idea submit"]).toBe(en.subcommands["idea submit"])
      const goal = dugnadCommand.options?.find((option) => option.name === "goal")
      expect(goal?.description_localizations).toEqual({
        no: "Organisasjonens mål.",
        "en-US": "The organization's goals.",
        "en-GB": "The organisation's goals."
      })
    })
  })

  describe("the paths", () => {
    it("GIVEN the CLI's commands WHEN compared THEN Discord offers every one but those listed, with where they go instead", () => {
      const offered = new Set<string>(subcommandPaths)
      const expected = cliPaths.filter((path) => !(path in notOffered))
      expect([...offered].sort()).toEqual([...expected].sort())
      for (const path of Object.keys(notOffered)) expect(cliPaths, path).toContain(path)
    })

    it("GIVEN the JSON WHEN its leaves are read THEN they are subcommandPaths", () => {
      const leaves = everything
        .filter(({ option }) => option.type === ApplicationCommandOptionType.Subcommand)
        .map(({ at, option }) => [...at, option.name].join(" "))
      expect(leaves).toEqual([...subcommandPaths])
      expect(subcommandPath(["review", "request"])).toBe("review request")
      expect(subcommandPath(["review"])).toBeUndefined()
    })

    it("GIVEN a subcommand that opens a modal WHEN its options are read THEN none asks for what the modal does", () => {
      expect(Object.keys(opensModal).sort()).toEqual(
        ["comment", "draft write", "idea submit", "review decide", "review object", "review suggest"]
      )
      for (const [path, modal] of Object.entries(opensModal)) {
        expect(subcommandPaths, path).toContain(path)
        const options = everything.filter(({ at }) => at.join(" ") === path).map(({ option }) => option.name)
        for (const field of modalFields[modal!]) expect(options, `${path}: ${field}`).not.toContain(field)
      }
      const draft = everything.filter(({ at }) => at.join(" ") === "draft write")
      expect(draft.filter(({ option }) => option.type === ApplicationCommandOptionType.Attachment).map(({ option }) => option.name))
        .toEqual(["media1", "media2", "media3"])
    })
  })

  describe("parseChatInput", () => {
    const per = { id: "333333333333333333", username: "per", discriminator: "0", global_name: "Per Olsen", avatar: null }
    const base = { id: "900000000000000001", name: "dugnad", type: ApplicationCommandType.ChatInput } as const

    it("GIVEN a subcommand in a group with a USER option WHEN parsed THEN the path, values and the resolved user", () => {
      const data: APIChatInputApplicationCommandInteractionData = {
        ...base,
        options: [{
          type: ApplicationCommandOptionType.SubcommandGroup,
          name: "review",
          options: [{
            type: ApplicationCommandOptionType.Subcommand,
            name: "request",
            options: [
              { type: ApplicationCommandOptionType.String, name: "item", value: "k7m2qd" },
              { type: ApplicationCommandOptionType.User, name: "reviewer", value: per.id },
              { type: ApplicationCommandOptionType.String, name: "due", value: "2026-12-01T12:00" }
            ]
          }]
        }],
        resolved: {
          users: { [per.id]: per },
          members: { [per.id]: { roles: [], joined_at: "2026-01-01T00:00:00.000Z", permissions: "0", flags: GuildMemberFlags.CompletedOnboarding, premium_since: null, avatar: null, banner: null, nick: null } }
        }
      }
      const parsed = parseChatInput(data)
      expect(parsed.path).toEqual(["review", "request"])
      expect(Object.fromEntries(parsed.options)).toEqual({ item: "k7m2qd", reviewer: per.id, due: "2026-12-01T12:00" })
      expect(parsed.users.get("reviewer")?.user).toEqual(per)
      expect(parsed.users.get("reviewer")?.member?.joined_at).toBe("2026-01-01T00:00:00.000Z")
      expect(parsed.focused).toBeUndefined()
    })

    it("GIVEN a top-level subcommand WHEN parsed THEN a one-element path", () => {
      const parsed = parseChatInput({
        ...base,
        options: [{
          type: ApplicationCommandOptionType.Subcommand,
          name: "publish",
          options: [
            { type: ApplicationCommandOptionType.String, name: "item", value: "k7m2qd" },
            { type: ApplicationCommandOptionType.String, name: "network", value: "facebook" }
          ]
        }]
      })
      expect(parsed.path).toEqual(["publish"])
      expect(parsed.options.get("network")).toBe("facebook")
      expect(parsed.users.size + parsed.attachments.size).toBe(0)
    })

    it("GIVEN draft write with an ATTACHMENT and an integer WHEN parsed THEN the attachment is resolved", () => {
      const picture = {
        id: "700000000000000001",
        filename: "harbour.jpg",
        size: 1234,
        url: "https://cdn.discordapp.com/attachments/1/2/harbour.jpg",
        proxy_url: "https://media.discordapp.net/attachments/1/2/harbour.jpg",
        content_type: "image/jpeg"
      }
      const parsed = parseChatInput({
        ...base,
        options: [{
          type: ApplicationCommandOptionType.SubcommandGroup,
          name: "draft",
          options: [{
            type: ApplicationCommandOptionType.Subcommand,
            name: "write",
            options: [
              { type: ApplicationCommandOptionType.String, name: "item", value: "k7m2qd" },
              { type: ApplicationCommandOptionType.String, name: "kind", value: "format" },
              { type: ApplicationCommandOptionType.Attachment, name: "media1", value: picture.id }
            ]
          }]
        }],
        resolved: { attachments: { [picture.id]: picture } }
      })
      expect(parsed.path).toEqual(["draft", "write"])
      expect(subcommandPath(parsed.path)).toBe("draft write")
      expect(opensModal["draft write"]).toBe("draft")
      expect(parsed.options.get("media1")).toBe(picture.id)
      expect(parsed.attachments.get("media1")).toEqual(picture)
    })

    it("GIVEN an autocomplete interaction WHEN parsed THEN the focused option is named", () => {
      const parsed = parseChatInput({
        ...base,
        options: [{
          type: ApplicationCommandOptionType.Subcommand,
          name: "show",
          options: [{ type: ApplicationCommandOptionType.String, name: "item", value: "harb", focused: true }]
        }]
      })
      expect(parsed.path).toEqual(["show"])
      expect(parsed.focused).toBe("item")
      expect(parsed.options.get("item")).toBe("harb")
    })
  })

  describe("registerGuildCommands", () => {
    it.effect("GIVEN a REST client WHEN registering THEN it PUTs the command list to the guild's commands", () =>
      Effect.gen(function*() {
        const requests: Array<{ method: string; url: string; body: unknown }> = []
        const rest = yield* fakeRest((request, body, response) => {
          requests.push({ method: request.method ?? "", url: request.url ?? "", body: JSON.parse(body) })
          response.writeHead(200, { "content-type": "application/json" })
          response.end(JSON.stringify([{ ...dugnadCommand, id: "1", application_id: "10", version: "1" }]))
        })
        const result = yield* registerGuildCommands(rest, "10", "20")
        expect(requests).toHaveLength(1)
        expect(requests[0]?.method).toBe("PUT")
        expect(requests[0]?.url).toBe("/api/v10/applications/10/guilds/20/commands")
        expect(requests[0]?.body).toEqual(guildCommands)
        expect(result[0]?.name).toBe("dugnad")
      }).pipe(Effect.scoped))

    it.effect("GIVEN Discord refuses WHEN registering THEN CommandRegistrationFailed with the guild", () =>
      Effect.gen(function*() {
        const rest = yield* fakeRest((_request, _body, response) => {
          response.writeHead(400, { "content-type": "application/json" })
          response.end(JSON.stringify({ code: 50035, message: "Invalid Form Body" }))
        })
        const error = yield* Effect.flip(registerGuildCommands(rest, "10", "20"))
        expect(error._tag).toBe("CommandRegistrationFailed")
        expect(error.guildId).toBe("20")
      }).pipe(Effect.scoped))
  })
})

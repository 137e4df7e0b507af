import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { config, describeConfigError } from "../src/Config.js"

const required = {
  MATTERMOST_URL: "https://chat.example.org/",
  MATTERMOST_TOKEN: "bot-token",
  MATTERMOST_COMMAND_TOKEN: "command-token",
  MATTERMOST_HMAC_SECRET: "s".repeat(32),
  MATTERMOST_PUBLIC_URL: "https://dugnad.example.org"
}

const read = (env: Record<string, string>) =>
  Effect.runSync(Effect.either(Effect.withConfigProvider(config, ConfigProvider.fromMap(new Map(Object.entries(env))))))

describe("Config", () => {
  it("GIVEN the required variables WHEN read THEN the defaults fill the rest and secrets stay redacted", () => {
    const settings = Either.getOrThrow(read(required))
    expect(settings.url).toBe("https://chat.example.org")
    expect(Redacted.value(settings.token)).toBe("bot-token")
    expect(String(settings.hmacSecret)).not.toContain("sss")
    expect(settings.httpPort).toBe(8080)
    expect(settings.contentChannel).toBe("dugnad")
    expect(settings.teamChannel).toBe("town-square")
    expect(settings.roles.teamAdminsAreAdvisors).toBe(true)
    expect(Option.isNone(settings.roles.groups.advisor)).toBe(true)
    expect(Redacted.value(settings.database)).toBe("./dugnad.db")
  })

  it("GIVEN group names and channels WHEN read THEN they are kept, an empty group meaning none", () => {
    const settings = Either.getOrThrow(read({
      ...required,
      MATTERMOST_EXPERT_GROUP: " fact-checkers ",
      MATTERMOST_ADVISOR_GROUP: "",
      MATTERMOST_TEAM_ADMINS_ARE_ADVISORS: "false",
      MATTERMOST_CONTENT_CHANNEL: "~content",
      MATTERMOST_HTTP_PORT: "9000"
    }))
    expect(settings.roles.groups.expert).toEqual(Option.some("fact-checkers"))
    expect(Option.isNone(settings.roles.groups.advisor)).toBe(true)
    expect(settings.roles.teamAdminsAreAdvisors).toBe(false)
    expect(settings.contentChannel).toBe("content")
    expect(settings.httpPort).toBe(9000)
  })

  it("GIVEN a missing token and a bad URL WHEN read THEN one line names both variables, never a value", () => {
    const { MATTERMOST_TOKEN: _, ...rest } = required
    const result = read({ ...rest, MATTERMOST_PUBLIC_URL: "dugnad.example.org", MATTERMOST_HMAC_SECRET: "short-secret" })
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      const line = describeConfigError(result.left)
      expect(line).toContain("MATTERMOST_TOKEN is not set.")
      expect(line).toContain("MATTERMOST_PUBLIC_URL must be an http(s) URL.")
      expect(line).toContain("MATTERMOST_HMAC_SECRET must be at least 32 characters.")
      expect(line).not.toContain("short-secret")
      expect(line.split("\n")).toHaveLength(1)
    }
  })

  it("GIVEN a URL with /api/v4 or a channel display name WHEN read THEN the variable is named", () => {
    const result = read({ ...required, MATTERMOST_URL: "https://chat.example.org/api/v4", MATTERMOST_TEAM_CHANNEL: "Town Square" })
    expect(Either.isLeft(result) && describeConfigError(result.left)).toMatch(/MATTERMOST_URL must be .*MATTERMOST_TEAM_CHANNEL must be/)
  })
})

/**
 * The built `dugnad` binary on PostgreSQL: a `postgres://` URL in --db (or DUGNAD_DB) selects it,
 * and the URL's password is never printed. Skipped, saying so, without a server; CI must run it.
 */
import * as Postgres from "@dugnad/core/Postgres"
import * as Team from "@dugnad/core/Team"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ui } from "../src/Ui.js"
import { assertBuilt, dugnad, json, type Run } from "./helpers.js"

const adminUrl = process.env["DUGNAD_TEST_PG"] ?? "postgres://postgres@127.0.0.1:5432/postgres"

const withAdmin = async <A>(run: (client: pg.Client) => Promise<A>): Promise<A> => {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

const available = await withAdmin(async (client) => (await client.query("SELECT 1")).rowCount === 1).catch(() => false)
if (!available) {
  if (process.env["CI"]) throw new Error(`cli.postgres: PostgreSQL is not reachable at ${adminUrl}, and CI must run these tests`)
  console.warn(`\n  SKIPPED cli.postgres: no PostgreSQL at ${adminUrl} (start it, or set DUGNAD_TEST_PG)\n`)
}

const database = `dugnad_cli_${process.pid}_${Date.now()}`
const databaseUrl = (() => {
  const url = new URL(adminUrl)
  url.pathname = `/${database}`
  return url.toString()
})()

describe.skipIf(!available)("dugnad on PostgreSQL", () => {
  beforeAll(async () => {
    assertBuilt()
    await withAdmin((client) => client.query(`CREATE DATABASE ${database}`))
  })

  afterAll(async () => {
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`))
  })

  it("GIVEN a postgres:// URL WHEN init, add a member and submit an idea THEN the workflow runs there", () => {
    const init = dugnad(["init", "--name", "Kystverket", "--locale", "nb", "--founder", "ingrid", "--founder-name", "Ingrid", "--db", databaseUrl, "--json"])
    expect(init.code, init.stderr).toBe(0)
    expect(json(init).workspace).toMatchObject({ name: "Kystverket", locale: "nb", timeZone: "Europe/Oslo" })

    const env = { DUGNAD_DB: databaseUrl }
    expect(dugnad(["member", "add", "per", "--name", "Per", "--role", "expert", "--as", "ingrid"], env).code).toBe(0)
    const idea = dugnad(["idea", "submit", "Ny gjestehavn", "--concerns", "per", "--as", "ingrid", "--json"], env)
    expect(idea.code, idea.stderr).toBe(0)
    const item = json(idea).item

    // Norwegian by default: the workspace's language.
    const refused = dugnad(["review", "resolve", item, "O1", "--as", "per"], env)
    expect(refused.code).toBe(1)
    expect(refused.stderr.trim()).toBe("Det går ikke å løse faktainnsigelsen nå: saken er på stadiet «idé».")

    const board = dugnad(["board", "--json"], env)
    expect(json(board).columns.find((column: { stage: string }) => column.stage === "Idea").items).toHaveLength(1)
  })

  it("GIVEN an unreachable server WHEN a command runs THEN exit 1 without the URL's password", () => {
    const result = dugnad(["member", "list", "--db", "postgres://dugnad:hunter2@127.0.0.1:1/nowhere"])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("postgres://dugnad@127.0.0.1:1/nowhere")
    expect(result.stderr).not.toContain("hunter2")
    expect(result.stderr).not.toContain("    at ")
  })
})

/**
 * A database shared by several workspaces (as with the bots): `DUGNAD_WORKSPACE` picks one. The URL
 * carries a password, which trust authentication ignores, so every output can be checked for it.
 */
const password = "s3cret-pw"
const sharedDatabase = `${database}_shared`
const sharedUrl = (() => {
  const url = new URL(adminUrl)
  url.username = url.username || "postgres"
  url.password = password
  url.pathname = `/${sharedDatabase}`
  return url.toString()
})()

/** Every row of every Dugnad table: equal before and after a refused command means it wrote nothing. */
const pgSnapshot = async (): Promise<Record<string, string>> => {
  const url = new URL(adminUrl)
  url.pathname = `/${sharedDatabase}`
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 3_000 })
  await client.connect()
  try {
    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'dugnad_%' ORDER BY table_name"
    )
    const entries: Array<[string, string]> = []
    for (const { table_name } of tables.rows) {
      const rows = await client.query<{ rows: string | null }>(
        `SELECT json_agg(t ORDER BY t::text)::text AS rows FROM "${table_name}" t`
      )
      entries.push([table_name, rows.rows[0]?.rows ?? "[]"])
    }
    return Object.fromEntries(entries)
  } finally {
    await client.end()
  }
}

describe.skipIf(!available)("dugnad on a PostgreSQL database with several workspaces", () => {
  const outputs: Array<Run> = []
  /** Runs the CLI against the shared database, keeping every output for the password check. */
  const run = (args: ReadonlyArray<string>, env: Record<string, string> = {}): Run => {
    const result = dugnad(args, { DUGNAD_DB: sharedUrl, ...env })
    outputs.push(result)
    return result
  }
  const words = ui("en")
  let first: { id: string; founder: string }
  let second: { id: string; founder: string }

  beforeAll(async () => {
    assertBuilt()
    await withAdmin((client) => client.query(`CREATE DATABASE ${sharedDatabase}`))
  })

  afterAll(async () => {
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${sharedDatabase} WITH (FORCE)`))
  })

  beforeAll(async () => {
    // The first through the CLI, with the password in --db ...
    const init = dugnad(["init", "--name", "Kystverket", "--locale", "en", "--founder", "ingrid", "--founder-name", "Ingrid", "--db", sharedUrl, "--json"])
    outputs.push(init)
    expect(init.code, init.stderr).toBe(0)
    first = { id: json(init).workspace.id, founder: "ingrid" }

    // ... the second through the core, the way `dugnad init` creates one (as a bot would).
    const created = await Effect.runPromise(
      Team.createWorkspace({ name: "Havnevesenet", locale: "en", founder: { handle: "hanna", name: "Hanna" } }).pipe(
        Effect.provide(Postgres.layer({ url: Redacted.make(sharedUrl), maxConnections: 1 }))
      )
    )
    second = { id: created.workspace.id, founder: created.founder.handle }
    expect(second.id).not.toBe(first.id)
  })

  it("GIVEN two workspaces WHEN a command runs without DUGNAD_WORKSPACE THEN exit 1 listing both, and nothing is written", async () => {
    const before = await pgSnapshot()
    const listed = [
      { id: first.id, name: "Kystverket" },
      { id: second.id, name: "Havnevesenet" }
    ].sort((a, b) => (a.id < b.id ? -1 : 1)).map(({ id, name }) => `${id} (${name})`)

    for (const args of [["member", "list"], ["idea", "submit", "Ny gjestehavn", "--as", "ingrid"], ["member", "add", "per", "--name", "Per", "--as", "hanna"]]) {
      const result = run(args)
      expect(result.code, args.join(" ")).toBe(1)
      expect(result.stdout).toBe("")
      expect(result.stderr.trim()).toBe(words.severalWorkspaces(listed))
    }
    const asJson = run(["member", "list", "--json"])
    expect(asJson.code).toBe(1)
    expect(asJson.stdout + asJson.stderr).toContain(first.id)
    expect(asJson.stdout + asJson.stderr).toContain(second.id)

    expect(await pgSnapshot()).toEqual(before)
  })

  it("GIVEN DUGNAD_WORKSPACE naming the second WHEN commands run THEN they act on it alone", () => {
    const env = { DUGNAD_WORKSPACE: second.id }
    const members = run(["member", "list", "--json"], env)
    expect(members.code, members.stderr).toBe(0)
    expect(json(members).members.map((member: { handle: string }) => member.handle)).toEqual(["hanna"])

    // The first workspace's founder is nobody here.
    const stranger = run(["idea", "submit", "Ny gjestehavn", "--as", "ingrid"], env)
    expect(stranger.code).toBe(1)

    const idea = run(["idea", "submit", "New guest harbour", "--as", second.founder, "--json"], env)
    expect(idea.code, idea.stderr).toBe(0)
    const item = json(idea).item

    const ideas = (board: Run) =>
      json(board).columns.find((column: { stage: string }) => column.stage === "Idea").items
    const secondBoard = run(["board", "--json"], env)
    expect(secondBoard.code, secondBoard.stderr).toBe(0)
    expect(JSON.stringify(ideas(secondBoard))).toContain(item)
    expect(ideas(secondBoard)).toHaveLength(1)

    const firstBoard = run(["board", "--json"], { DUGNAD_WORKSPACE: first.id })
    expect(firstBoard.code, firstBoard.stderr).toBe(0)
    expect(ideas(firstBoard)).toHaveLength(0)
    expect(JSON.stringify(json(firstBoard))).not.toContain(item)
    const firstMembers = run(["member", "list", "--json"], { DUGNAD_WORKSPACE: first.id })
    expect(json(firstMembers).members.map((member: { handle: string }) => member.handle)).toEqual(["ingrid"])
  })

  it("GIVEN DUGNAD_WORKSPACE naming no workspace WHEN a command runs THEN exit 1 saying so", async () => {
    const before = await pgSnapshot()
    const result = run(["idea", "submit", "Ny gjestehavn", "--as", "ingrid"], { DUGNAD_WORKSPACE: "w-nosuch00" })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe("")
    expect(result.stderr.trim()).toBe(words.unknownWorkspace("w-nosuch00"))
    expect(await pgSnapshot()).toEqual(before)
  })

  it("GIVEN workspaces in the database WHEN init runs, with or without DUGNAD_WORKSPACE THEN it is refused", async () => {
    const before = await pgSnapshot()
    // init names the first workspace by id, whichever DUGNAD_WORKSPACE picks.
    const existing = first.id < second.id ? { name: "Kystverket", id: first.id } : { name: "Havnevesenet", id: second.id }
    for (const env of [{}, { DUGNAD_WORKSPACE: second.id }, { DUGNAD_WORKSPACE: "w-nosuch00" }]) {
      const result = run(["init", "--name", "Tredje", "--locale", "en", "--founder", "tor", "--founder-name", "Tor"], env)
      expect(result.code, JSON.stringify(env)).toBe(1)
      expect(result.stderr.trim()).toBe(words.workspaceExists(existing.name, existing.id))
    }
    // With the password in --db rather than DUGNAD_DB.
    const viaFlag = dugnad(["init", "--name", "Tredje", "--locale", "en", "--founder", "tor", "--founder-name", "Tor", "--db", sharedUrl, "--json"])
    outputs.push(viaFlag)
    expect(viaFlag.code).toBe(1)
    expect(await pgSnapshot()).toEqual(before)
  })

  it("GIVEN a database that does not exist WHEN a command runs THEN the error names it without the password", () => {
    const url = new URL(sharedUrl)
    url.pathname = `/${sharedDatabase}_missing`
    const result = dugnad(["member", "list", "--db", url.toString()])
    outputs.push(result)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${sharedDatabase}_missing`)
    expect(result.stderr).not.toContain("    at ")
  })

  // Runs last: vitest runs a file's tests in order.
  it("GIVEN every run above, successful or refused THEN the URL's password reached neither stdout nor stderr", () => {
    expect(outputs.length).toBeGreaterThan(10)
    for (const output of outputs) {
      expect(output.stdout).not.toContain(password)
      expect(output.stderr).not.toContain(password)
    }
  })
})

/**
 * The built `dugnad` binary on PostgreSQL: a `postgres://` URL in --db (or DUGNAD_DB) selects it,
 * and the URL's password is never printed. Skipped, saying so, without a server; CI must run it.
 */
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { assertBuilt, dugnad, json } from "./helpers.js"

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

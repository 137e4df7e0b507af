/**
 * What the store and results benches share: their verdict table, and running each part in a fresh
 * Node process (one part's garbage would otherwise bill the next part's collector) while a run
 * with `BENCH_ONLY` runs the chosen parts in this process.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import pg from "pg"

/** One line of the summary: a measurement, its result, its target and whether it was met. */
export interface Verdict {
  readonly measurement: string
  readonly result: string
  readonly target: string
  readonly verdict: "MET" | "NOT MET" | "info" | "SKIPPED"
}

export const pad = (text: string, width: number, right = false) => right ? text.padStart(width) : text.padEnd(width)
export const load = () => os.loadavg().map((value) => value.toFixed(2)).join(" ")

/**
 * Runs a bench: with `BENCH_ONLY` set, `runParts` in this process; otherwise every part in a child
 * process of its own, one after the other, collecting their verdicts; then prints the summary.
 */
export const runBench = async (bench: {
  readonly title: string
  readonly parts: ReadonlyArray<string>
  readonly only: ReadonlyArray<string> | undefined
  readonly verdicts: Array<Verdict>
  readonly runParts: () => Promise<void>
}) => {
  const started = performance.now()
  const childOut = process.env["BENCH_PART_OUT"]
  if (childOut === undefined) {
    console.log(`${bench.title} — node ${process.version}, ${os.cpus().length} CPUs, load average ${load()}`)
  }
  if (bench.only !== undefined) {
    await bench.runParts()
  } else {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-bench-verdicts-")), "verdicts.json")
    try {
      for (const name of bench.parts) {
        const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!], {
          env: { ...process.env, BENCH_ONLY: name, BENCH_PART_OUT: out },
          stdio: ["ignore", "inherit", "inherit"]
        })
        if (child.status !== 0) throw new Error(`bench part ${name} failed (exit ${child.status ?? child.signal})`)
        bench.verdicts.push(...(JSON.parse(fs.readFileSync(out, "utf8")) as Array<Verdict>))
      }
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true })
    }
  }
  if (childOut !== undefined) {
    fs.writeFileSync(childOut, JSON.stringify(bench.verdicts))
    return
  }
  const { verdicts } = bench
  console.log("\nSummary (ratios are of medians measured in this run)")
  const width = Math.max(...verdicts.map((v) => v.measurement.length))
  const resultWidth = Math.max(...verdicts.map((v) => v.result.length))
  const targetWidth = Math.max(...verdicts.map((v) => v.target.length))
  console.log(`  ${pad("measurement", width)}  ${pad("result", resultWidth)}  ${pad("target", targetWidth)}  verdict`)
  for (const v of verdicts) {
    console.log(`  ${pad(v.measurement, width)}  ${pad(v.result, resultWidth)}  ${pad(v.target, targetWidth)}  ${v.verdict}`)
  }
  console.log(`Load average now ${load()}; bench time ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

/** The PostgreSQL server the benches create their databases on (`DUGNAD_TEST_PG`, as the tests). */
export const PG_ADMIN_URL = process.env["DUGNAD_TEST_PG"] ?? "postgres://postgres@127.0.0.1:5432/postgres"

/** Runs `run` with a client connected to the server's admin database, closing it afterwards. */
export const withAdmin = async <A>(run: (client: pg.Client) => Promise<A>): Promise<A> => {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3_000 })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

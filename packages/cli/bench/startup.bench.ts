/**
 * Start-up of the built `dugnad` binary, as a user pays it: each run is a new Node process started
 * through the committed launcher (`bin/dugnad.cjs`, what `npx dugnad` and an installed `dugnad`
 * run; npx's own start is not counted), with the code cache and help texts the build made. Three commands are timed in turns, round after round, so a
 * busy moment of this shared machine falls on all of them alike:
 * - `node -e 0`, the baseline: Node starting and doing nothing;
 * - `dugnad --help`: the command tree and its help, nothing else (target ≤ 2× the baseline);
 * - `dugnad comment ITEM TEXT`: opens a SQLite file, checks its schema, reads the workspace and
 *   the member, decides and appends one event (target ≤ 3× the baseline).
 * Ratios are of medians of this run. `BENCH_RUNS` sets the rounds (default 25). Needs the CLI
 * built (`npm run build`).
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

const launcher = path.join(import.meta.dirname, "..", "bin", "dugnad.cjs")
const rounds = Number(process.env["BENCH_RUNS"] ?? 25)
const directory = fs.mkdtempSync(path.join(os.tmpdir(), "dugnad-startup-"))
const database = path.join(directory, "bench.db")

/** Runs a command once; a command that fails stops the bench (a failing command is not a measurement). */
const run = (args: ReadonlyArray<string>): { readonly millis: number; readonly stdout: string } => {
  const started = process.hrtime.bigint()
  const child = spawnSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } })
  const millis = Number(process.hrtime.bigint() - started) / 1e6
  if (child.status !== 0) {
    throw new Error(`${args.join(" ")} exited ${child.status ?? child.signal}: ${child.stderr}`)
  }
  return { millis, stdout: child.stdout }
}

const dugnad = (...args: Array<string>) => run([launcher, ...args])

const quantile = (sorted: ReadonlyArray<number>, q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN

try {
  if (!fs.existsSync(path.join(import.meta.dirname, "..", "dist", "cli.cjs"))) {
    throw new Error("The CLI is not built: run `npm run build` first.")
  }
  console.log(`CLI start-up — node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}, ${rounds} rounds`)
  dugnad("init", "--db", database, "--name", "Bench", "--locale", "en", "--founder", "ingrid", "--founder-name", "Ingrid")
  const idea = JSON.parse(dugnad("idea", "submit", "A post to comment on", "--db", database, "--as", "ingrid", "--json").stdout) as {
    readonly item: string
  }
  const commands: ReadonlyArray<{ readonly name: string; readonly args: (round: number) => Array<string> }> = [
    { name: "node -e 0", args: () => ["-e", "0"] },
    { name: "dugnad --help", args: () => [launcher, "--help"] },
    {
      name: "dugnad comment (open + append)",
      args: (round) => [launcher, "comment", idea.item, `Comment ${round}`, "--db", database, "--as", "ingrid"]
    }
  ]
  // One unmeasured round: the file system's caches, as for anyone who has run a command before.
  for (const command of commands) run(command.args(-1))
  const times = commands.map(() => [] as Array<number>)
  for (let round = 0; round < rounds; round++) {
    commands.forEach((command, index) => times[index]!.push(run(command.args(round)).millis))
  }
  const stats = times.map((list) => {
    const sorted = [...list].sort((a, b) => a - b)
    return { median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) }
  })
  const baseline = stats[0]!.median
  const targets = [undefined, 2, 3] as const
  console.log(`\n  ${"command".padEnd(32)}  ${"median".padStart(9)}  ${"p90".padStart(9)}  ${"ratio".padStart(6)}  target  verdict`)
  commands.forEach((command, index) => {
    const { median, p90 } = stats[index]!
    const ratio = median / baseline
    const target = targets[index]
    const verdict = target === undefined ? "baseline" : ratio <= target ? "MET" : "NOT MET"
    console.log(
      `  ${command.name.padEnd(32)}  ${`${median.toFixed(1)} ms`.padStart(9)}  ${`${p90.toFixed(1)} ms`.padStart(9)}  ${`${ratio.toFixed(2)}×`.padStart(6)}  ${(target === undefined ? "" : `≤ ${target}×`).padEnd(6)}  ${verdict}`
    )
  })
  console.log(`Load average now ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`)
} finally {
  fs.rmSync(directory, { recursive: true, force: true })
}

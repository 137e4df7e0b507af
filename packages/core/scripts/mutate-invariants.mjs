// Removes each rule behind an invariant of DESIGN §3, one at a time, and checks that the property
// tests in test/Invariants.test.ts fail. Run from the repo root: node packages/core/scripts/mutate-invariants.mjs
// Restores every file afterwards, also when interrupted.
import { execSync } from "node:child_process"
import { readFileSync, writeFileSync } from "node:fs"

const workflow = "packages/core/src/Workflow.ts"
const commands = "packages/core/src/Commands.ts"
const memoryStore = "packages/core/src/internal/memoryStore.ts"

const mutations = [
  ["1: approve despite an open objection", [[workflow, `  const open = openObjections(work)
  if (open.length > 0) return reject(objectionsOpen(context.item, open))
  const missing = missingApprovals(work)`, `  const missing = missingApprovals(work)`]]],
  ["1: an objection leaves the item Approved", [[workflow, `        case "Approved":
          return { _tag: "InReview", idea: state.idea, work }`, `        case "Approved":
          return { _tag: "Approved", idea: state.idea, work, approval: state.approval }`]]],
  ["2: a content revision keeps approvals", [[workflow, "approvals: content ? [] : state.work.approvals", "approvals: state.work.approvals"]]],
  ["2: approve without every expert", [[workflow, "  if (missing.length > 0) {", "  if (missing.length < 0) {"]]],
  ["3: anyone resolves an objection", [[workflow, `  if (objection.by !== context.actor.id) return denied(command._tag, context, "raiser_only")\n`, ""]]],
  ["3: anyone decides format", [[workflow, `  if (!isAdvisor(context)) return denied(command._tag, context, "advisor_only")
  const suggestion`, "  const suggestion"]]],
  ["4: revision numbered from what the author saw", [[workflow, "      revision: latest + 1,", "      revision: Math.max(1, command.baseRevision),"]]],
  ["5: terminal stages accept commands", [[workflow, "  if (isTerminal(state)) return wrongStage(command, state, context)\n", ""]]],
  ["6: no idempotency", [
    [commands, "  const first = yield* replay(envelope)\n  if (first !== undefined) return first\n", ""],
    [memoryStore, "        if (commands.has(key(workspace, request.commandId))) {", "        if (false as boolean) {"]
  ]]
]

const originals = new Map()
const restore = () => originals.forEach((text, file) => writeFileSync(file, text))
process.on("SIGINT", () => (restore(), process.exit(130)))

let survivors = 0
for (const [name, edits] of mutations) {
  for (const [file, from, to] of edits) {
    const text = originals.get(file) ?? readFileSync(file, "utf8")
    originals.set(file, text)
    const current = readFileSync(file, "utf8")
    if (!current.includes(from)) throw new Error(`mutation "${name}" no longer applies to ${file}`)
    writeFileSync(file, current.replace(from, to))
  }
  let output = ""
  try {
    output = execSync("npx vitest run packages/core/test/Invariants.test.ts", { encoding: "utf8", stdio: "pipe" })
  } catch (failure) {
    output = String(failure.stdout)
  } finally {
    restore()
  }
  const failed = output.split("\n").filter((line) => line.includes("×")).map((line) => line.trim())
  if (failed.length === 0) survivors++
  console.log(`${failed.length > 0 ? "caught " : "MISSED "} ${name}`)
  for (const line of failed) console.log(`          ${line.slice(0, 110)}`)
}
console.log(survivors === 0 ? "every mutation was caught" : `${survivors} mutation(s) survived`)
process.exit(survivors === 0 ? 0 : 1)

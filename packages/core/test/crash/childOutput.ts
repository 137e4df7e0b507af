/** What the child processes of the crash and race tests share: how they report to the parent. */
import * as fs from "node:fs"
import * as Cause from "effect/Cause"
import * as Option from "effect/Option"

/**
 * Writes one line to stdout synchronously, so a line the parent reads was really written before a
 * SIGKILL.
 */
export const emit = (line: string) => {
  const buffer = Buffer.from(`${line}\n`)
  let offset = 0
  while (offset < buffer.length) {
    try {
      offset += fs.writeSync(1, buffer, offset)
    } catch (error) {
      // A full non-blocking pipe: the reader is draining it, try again.
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error
    }
  }
}

/** The first line of the cause, and the driver's own code and message where an `SqlError` wraps one. */
export const firstLine = (cause: Cause.Cause<unknown>) => {
  const head = (Cause.pretty(cause).split("\n")[0] ?? "").trim()
  const error = Option.getOrUndefined(Cause.failureOption(cause)) ?? Option.getOrUndefined(Cause.dieOption(cause))
  const inner = (error as { readonly cause?: { readonly code?: unknown; readonly message?: unknown } } | undefined)?.cause
  return inner?.message === undefined ? head : `${head} (${String(inner.code)}: ${String(inner.message)})`
}

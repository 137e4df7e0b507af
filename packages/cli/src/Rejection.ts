/**
 * A command that did not go through, already worded: its own module, so the command tree and the
 * binary can name it without loading the core.
 */
import * as Data from "effect/Data"

/**
 * A command that did not go through, already worded. `exitCode` 1 is a refusal (the domain's or
 * the CLI's), 2 a usage error.
 */
export class Rejection extends Data.TaggedError("Rejection")<{
  readonly type: string
  readonly message: string
  readonly exitCode: 1 | 2
  readonly json: boolean
}> {}

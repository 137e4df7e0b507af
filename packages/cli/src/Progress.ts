/**
 * A progress line for long commands (`results import`): one line on stderr, rewritten in place
 * with `\r`, drawn at most every {@link defaultIntervalMillis}, and erased when the work is done.
 *
 * Scripts get clean output: nothing at all is written unless the stream is a terminal and the
 * command was not asked for `--json`. Only `\r` and spaces are used, no escape sequences, so any
 * terminal shows it. Time comes from Effect's `Clock`, so tests drive it with `TestClock`.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"

/** The part of a `NodeJS.WriteStream` the line uses (`process.stderr`, or a fake in tests). */
export interface Terminal {
  readonly isTTY?: boolean | undefined
  readonly write: (text: string) => unknown
}

/** How far the work has come. */
export interface Progress {
  readonly done: number
  readonly total: number
}

/** A progress line: `update` as the work goes, `clear` when it ends (whether or not it failed). */
export interface ProgressLine {
  /** Draws `done` of `total`, unless the line was drawn less than the interval ago. */
  readonly update: (progress: Progress) => Effect.Effect<void>
  /** Erases the line, if anything was drawn, and leaves the cursor at the start of it. */
  readonly clear: Effect.Effect<void>
}

/** The shortest time between two drawings: at most ten a second. */
export const defaultIntervalMillis = 100

/** A line that does nothing: not a terminal, or `--json`. */
const silent: ProgressLine = { update: () => Effect.void, clear: Effect.void }

/**
 * A progress line on `stream`, worded by `render` (the locale's `Ui.importing`). Silent unless
 * `stream.isTTY` and `enabled` (pass `!json`).
 */
export const make = (
  stream: Terminal,
  options: {
    readonly render: (done: number, total: number) => string
    readonly enabled: boolean
    readonly intervalMillis?: number
  }
): Effect.Effect<ProgressLine> =>
  Effect.sync(() => {
    if (!options.enabled || stream.isTTY !== true) return silent
    const interval = options.intervalMillis ?? defaultIntervalMillis
    // What is on the line now, and when it was drawn; the line is used from one fiber at a time.
    let drawn = ""
    let drawnAt: number | undefined
    return {
      update: ({ done, total }) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) =>
          Effect.sync(() => {
            if (drawnAt !== undefined && now - drawnAt < interval) return
            const text = options.render(done, total)
            if (text === drawn) return
            // Spaces cover what is left of a longer line drawn before.
            stream.write(`\r${text}${" ".repeat(Math.max(0, drawn.length - text.length))}`)
            drawn = text
            drawnAt = now
          })),
      clear: Effect.sync(() => {
        if (drawn === "") return
        stream.write(`\r${" ".repeat(drawn.length)}\r`)
        drawn = ""
        drawnAt = undefined
      })
    }
  })

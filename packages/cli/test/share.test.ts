/**
 * `results share --chart`: which chart is written (the first post's, by its network) and what is
 * said when it could not be drawn; pure, without the binary (a failing chart is hard to provoke
 * through it).
 */
import type { MemberId } from "@dugnad/core/Ids"
import * as Messages from "@dugnad/core/Messages"
import type * as Results from "@dugnad/core/Results"
import { ChartRenderError } from "@dugnad/core/ResultsChart"
import { describe, expect, it } from "vitest"
import { chartFailuresJson, chartLine, chartOutcome } from "../src/Handlers.js"
import { stripAnsi, ui } from "../src/Ui.js"

const feedback = (...networks: Array<"facebook" | "linkedin">) =>
  ({ posts: networks.map((network) => ({ network })) }) as unknown as Results.Feedback

const png = new Uint8Array([1, 2, 3])
const failed = new ChartRenderError({ stage: "svg", detail: "font missing" })

const message = (
  charts: Results.ParticipantMessage["charts"],
  chartFailures: Results.ParticipantMessage["chartFailures"]
): Results.ParticipantMessage => ({ member: "m-1" as MemberId, locale: "en", text: "Hi", charts, chartFailures })

const context: Messages.RenderContext = { timeZone: "Europe/Oslo", name: (id) => id }
const session = (locale: "nb" | "en") => ({ ui: ui(locale), locale, context })

describe("results share --chart", () => {
  it("GIVEN the first post's chart failed and another's was drawn WHEN choosing THEN the first post's failure, not the other chart", () => {
    const outcome = chartOutcome(
      feedback("facebook", "linkedin"),
      message([{ network: "linkedin", png }], [{ network: "facebook", error: failed }])
    )
    expect(outcome).toEqual({ _tag: "Failed", failure: { network: "facebook", error: failed } })
  })

  it("GIVEN the first post's chart drawn second WHEN choosing THEN it is found by network, not position", () => {
    const other = new Uint8Array([9])
    expect(chartOutcome(feedback("linkedin", "facebook"), message([{ network: "facebook", png: other }, { network: "linkedin", png }], [])))
      .toEqual({ _tag: "Drawn", network: "linkedin", png })
  })

  it("GIVEN a first post without figures WHEN choosing THEN none, even when another post has a chart", () => {
    expect(chartOutcome(feedback("facebook", "linkedin"), message([{ network: "linkedin", png }], []))).toEqual({ _tag: "None" })
    expect(chartOutcome(feedback("facebook"), undefined)).toEqual({ _tag: "None" })
  })

  it("GIVEN each outcome WHEN the line is worded THEN the failure in the core's words, the file, or no figures, in the user's language", () => {
    const failure = { _tag: "Failed", failure: { network: "facebook", error: failed } } as const
    for (const locale of ["en", "nb"] as const) {
      expect(stripAnsi(chartLine(session(locale), failure, null))).toBe(Messages.errorMessage(locale, failed, context))
      expect(stripAnsi(chartLine(session(locale), { _tag: "Drawn", network: "facebook", png }, "c.png")))
        .toBe(ui(locale).chartWritten("c.png"))
      expect(stripAnsi(chartLine(session(locale), { _tag: "None" }, null))).toBe(ui(locale).noChart)
    }
    expect(Messages.errorMessage("en", failed, context)).toContain("Couldn't draw the results chart")
  })

  it("GIVEN failures WHEN printed as JSON THEN network, stage and detail; none gives an empty list", () => {
    expect(chartFailuresJson(message([], [{ network: "facebook", error: failed }])))
      .toEqual([{ network: "facebook", stage: "svg", detail: "font missing" }])
    expect(chartFailuresJson(message([{ network: "facebook", png }], []))).toEqual([])
    expect(chartFailuresJson(undefined)).toEqual([])
  })
})

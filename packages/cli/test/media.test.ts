import { describe, expect, it } from "vitest"
import { parseMedia } from "../src/Handlers.js"

describe("--media KIND:URL:ALT", () => {
  it("GIVEN a URL with a scheme and a port WHEN parsed THEN the alt text starts after the URL", () => {
    expect(parseMedia("image:https://example.no:8443/a/b.jpg:Boats: three of them")).toEqual({
      kind: "image",
      url: "https://example.no:8443/a/b.jpg",
      alt: "Boats: three of them"
    })
    expect(parseMedia("video:https://example.no/v.mp4:Captioned tour")).toEqual({
      kind: "video",
      url: "https://example.no/v.mp4",
      alt: "Captioned tour"
    })
  })

  it("GIVEN an unknown kind or no alt text WHEN parsed THEN it is refused", () => {
    expect(parseMedia("photo:https://example.no/a.jpg:Alt")).toBeUndefined()
    expect(parseMedia("image:https://example.no/a.jpg")).toBeUndefined()
    expect(parseMedia("image")).toBeUndefined()
  })
})

import * as ChatAction from "@dugnad/core/ChatAction"
import * as ChatView from "@dugnad/core/ChatView"
import { ItemId, MemberId } from "@dugnad/core/Ids"
import { describe, expect, it } from "vitest"
import { memberIdOf } from "../src/Identity.js"
import { actionsUrl, colours, dialog, dialogLimits, mentionsOf, post, type SignContext } from "../src/Render.js"

const alice = memberIdOf("aliceaaaaaaaaaaaaaaaaaaaaa")
const carol = memberIdOf("carolccccccccccccccccccccc")
const usernames = new Map<string, string>([[alice, "alice"], [carol, "carol"]])
const username = (member: MemberId) => usernames.get(member)

const sign: SignContext = (action, workspace) => ({ action, workspace, mac: `mac(${action},${workspace})` })

const approve = ChatAction.encode({ _tag: "approveFacts", item: ItemId.make("k7m2qd"), revision: 3 })

const view: ChatView.ChatView = {
  title: "Review the draft",
  body: "Ask @carol, or tell @channel and @all: kari@example.org is fine",
  fields: [
    { label: "Item", value: "k7m2qd", inline: true },
    { label: "Draft", value: "Text by @carol" }
  ],
  actions: [
    { id: approve, label: "Approve facts", style: "success" },
    { id: ChatAction.encode({ _tag: "object", item: ItemId.make("k7m2qd"), revision: 3 }), label: "Object", style: "danger" },
    { id: ChatAction.encode({ _tag: "comment", item: ItemId.make("k7m2qd") }), label: "Comment", style: "secondary" }
  ],
  tone: "warning",
  mentions: [alice]
}

const options = { publicUrl: "https://dugnad.example.org/", workspace: "mattermost-team", sign, username }

describe("Render.post", () => {
  it("GIVEN a view for alice WHEN rendered with ping THEN the message pings alice only, and typed mentions are defused", () => {
    const rendered = post(view, { ...options, ping: true })
    expect(rendered.message).toBe("@alice")
    const [attachment] = rendered.props.attachments
    const texts = [attachment!.title, attachment!.text, ...attachment!.fields.flatMap((field) => [field.title, field.value])]
    // Every @ left in the attachment is followed by the zero-width joiner, or inside a word (an address).
    for (const text of texts) expect(text).not.toMatch(/(?<![\p{L}\p{N}_/.@<])@(?!\u200D)/u)
    expect(attachment!.text).toContain("@\u200Dcarol")
    expect(attachment!.text).toContain("kari@example.org")
    expect(JSON.stringify(rendered)).not.toMatch(/@(channel|all|here|carol)\b/u)
  })

  it("GIVEN the same view WHEN rendered without ping, or a mention without a username THEN nobody is pinged", () => {
    expect(post(view, options).message).toBe("")
    expect(post({ ...view, mentions: [MemberId.make("m-abc")] }, { ...options, ping: true }).message).toBe("")
    expect(mentionsOf({ ...view, mentions: [alice, alice, carol] }, username)).toEqual(["@alice", "@carol"])
    // A username that is not one (never happens on Mattermost) is not written after an @.
    expect(mentionsOf(view, () => "alice @all")).toEqual([])
  })

  it("GIVEN a view WHEN rendered THEN one attachment with title, body, short fields, the tone's colour and signed buttons", () => {
    const [attachment] = post(view, options).props.attachments
    expect(attachment!.title).toBe("Review the draft")
    expect(attachment!.fallback).toBe("Review the draft")
    expect(attachment!.color).toBe(colours.warning)
    expect(attachment!.fields.map((field) => field.short)).toEqual([true, false])
    expect(attachment!.actions.map((action) => [action.id, action.name, action.style])).toEqual([
      ["a0", "Approve facts", "success"],
      ["a1", "Object", "danger"],
      ["a2", "Comment", "default"]
    ])
    for (const action of attachment!.actions) {
      expect(action.id).toMatch(/^[A-Za-z0-9]+$/)
      expect(action.type).toBe("button")
      expect(action.integration.url).toBe("https://dugnad.example.org/actions")
    }
    expect(attachment!.actions[0]!.integration.context).toEqual({
      action: approve,
      workspace: "mattermost-team",
      mac: `mac(${approve},mattermost-team)`
    })
    expect(actionsUrl("https://x.test//")).toBe("https://x.test/actions")
  })

  it("GIVEN a view with a chart WHEN rendered THEN the chart is a PNG upload, not inline", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47])
    const rendered = post({ ...view, image: { filename: "results.png", png, alt: "Reach" } }, options)
    expect(rendered.files).toEqual([{ name: "results.png", data: png, contentType: "image/png" }])
    expect(post(view, options).files).toEqual([])
  })

  it("GIVEN a view from the core WHEN rendered THEN it keeps Mattermost's limits", () => {
    const long = ChatView.errorView({ _tag: "InvalidAction", id: "x" } as never, "en", { timeZone: "UTC", name: String })
    const rendered = post({ ...long, body: "x".repeat(10_000) }, options)
    expect(rendered.props.attachments[0]!.text.length).toBeLessThanOrEqual(10_000)
    const idea = post({ ...view, actions: [ChatView.submitIdeaButton("nb")] }, options)
    expect(idea.props.attachments[0]!.actions[0]!.integration.context["action"]).toBe("dg1|submitIdea")
  })
})

describe("Render.dialog", () => {
  it("GIVEN the draft form WHEN made a dialog THEN text fields and textareas within Mattermost's limits", () => {
    const form = ChatView.form({ _tag: "writeDraft", item: ItemId.make("k7m2qd"), revision: 1 }, "en")!
    const made = dialog(form, { state: "signed", submitLabel: "Send" })
    expect(made.callback_id).toBe(form.id)
    expect(made.state).toBe("signed")
    expect(made.submit_label).toBe("Send")
    expect(made.title.length).toBeLessThanOrEqual(dialogLimits.title)
    expect(made.elements.map((element) => [element.name, element.type, element.optional])).toEqual([
      ["text", "textarea", false],
      ["networks", "text", false],
      ["mediaUrl", "text", true],
      ["alt", "textarea", true]
    ])
    for (const element of made.elements) {
      expect(element.display_name.length).toBeLessThanOrEqual(dialogLimits.label)
      expect(element.max_length).toBeLessThanOrEqual(element.type === "text" ? 150 : 3000)
      expect((element.placeholder ?? "").length).toBeLessThanOrEqual(dialogLimits.placeholder)
    }
    expect(made.elements[0]!.min_length).toBe(1)
  })

  it("GIVEN a form over Mattermost's limits WHEN made a dialog THEN it is clamped, and a too long default is left out", () => {
    const made = dialog({
      id: "dg1|submitIdea",
      title: "A title much longer than twenty-four characters",
      fields: [
        { id: "title", label: "L".repeat(40), style: "short", required: true, maxLength: 500, value: "v".repeat(300) },
        { id: "pitch", label: "Pitch", style: "paragraph", required: true, maxLength: 9000, placeholder: "p".repeat(200), value: "ok" },
        { id: "department", label: "D", style: "short", required: false, maxLength: 10 },
        { id: "note", label: "N", style: "short", required: false, maxLength: 10 },
        { id: "text", label: "T", style: "short", required: false, maxLength: 10 },
        { id: "alt", label: "A", style: "short", required: false, maxLength: 10 }
      ]
    }, { state: "" })
    expect(made.title).toHaveLength(24)
    expect(made.elements).toHaveLength(5)
    expect(made.elements[0]).toMatchObject({ display_name: "L".repeat(24), max_length: 150 })
    expect(made.elements[0]!.default).toBeUndefined()
    expect(made.elements[1]).toMatchObject({ type: "textarea", max_length: 3000, default: "ok" })
    expect(made.elements[1]!.placeholder).toHaveLength(150)
    expect(made.submit_label).toBeUndefined()
  })
})

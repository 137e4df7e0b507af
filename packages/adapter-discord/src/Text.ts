/**
 * The bot's own few sentences (where it can be used, a server not set up yet, its draft modal), in
 * Norwegian Bokmål and English. Every sentence about the workflow, and those of the subcommands
 * (`ChatCommands`), come from `@dugnad/core`'s `Messages`.
 *
 * @since 0.1.0
 */
import { noticeView } from "@dugnad/core/ChatCommands"
import type { ChatView } from "@dugnad/core/ChatView"
import type { Locale } from "@dugnad/core/Member"

/** What the bot says of itself. */
export interface Text {
  readonly guildOnly: { readonly title: string; readonly body: string }
  readonly notSetUp: { readonly title: string; readonly body: (advisorRole: string | undefined) => string }
  readonly unexpected: { readonly title: string; readonly body: string }
  /** A `draft write` modal submitted after its attachments were forgotten (15 minutes, or a restart). */
  readonly draftExpired: { readonly title: string; readonly body: string }
  /** The `draft write` modal: the alt-text field of attachment `index` (at most 45 characters). */
  readonly altLabel: (index: number) => string
}

const en: Text = {
  guildOnly: {
    title: "Use Dugnad in your server",
    body: "Dugnad works in the server your team shares: use /dugnad there."
  },
  notSetUp: {
    title: "Dugnad is not set up here yet",
    body: (role) =>
      role === undefined
        ? "Nobody has set up Dugnad in this server yet."
        : `Dugnad starts when someone with the “${role}” role uses /dugnad here for the first time. Ask your communications advisor.`
  },
  unexpected: {
    title: "Something went wrong",
    body: "Dugnad could not do this because of a fault of its own. Nothing was changed. Try again, and tell whoever runs the bot if it happens again."
  },
  draftExpired: {
    title: "Your attachments were forgotten",
    body: "Dugnad keeps the files you attach to /dugnad draft write for 15 minutes, and not across a restart of the bot. Nothing was saved: run /dugnad draft write again with the files."
  },
  altLabel: (index) => `Alt text for file ${index}`
}

const nb: Text = {
  guildOnly: {
    title: "Bruk Dugnad i serveren deres",
    body: "Dugnad fungerer i serveren teamet deler: bruk /dugnad der."
  },
  notSetUp: {
    title: "Dugnad er ikke satt opp her ennå",
    body: (role) =>
      role === undefined
        ? "Ingen har satt opp Dugnad i denne serveren ennå."
        : `Dugnad starter når noen med rollen «${role}» bruker /dugnad her for første gang. Spør kommunikasjonsrådgiveren deres.`
  },
  unexpected: {
    title: "Noe gikk galt",
    body: "Dugnad fikk ikke gjort dette på grunn av en feil hos seg selv. Ingenting ble endret. Prøv igjen, og si fra til den som drifter boten hvis det skjer igjen."
  },
  draftExpired: {
    title: "Vedleggene dine ble glemt",
    body: "Dugnad tar vare på filene du legger ved /dugnad utkast skriv i 15 minutter, og ikke over en omstart av boten. Ingenting ble lagret: kjør /dugnad utkast skriv på nytt med filene."
  },
  altLabel: (index) => `Alternativ tekst for fil ${index}`
}

/** The bot's sentences in a language. */
export const text = (locale: Locale): Text => (locale === "nb" ? nb : en)

/** The answer when the bot itself failed (a bug), in the person's language. */
export const unexpectedView = (locale: Locale): ChatView => {
  const words = text(locale).unexpected
  return { ...noticeView(words.title, words.body), tone: "danger" }
}

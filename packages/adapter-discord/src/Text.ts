/**
 * The bot's own few sentences (where it can be used, and a server not set up yet), in Norwegian
 * Bokmål and English. Every sentence about the workflow comes from `@dugnad/core`'s `Messages`.
 *
 * @since 0.1.0
 */
import type { ChatView } from "@dugnad/core/ChatView"
import type { Locale } from "@dugnad/core/Member"

/** What the bot says of itself. */
export interface Text {
  readonly guildOnly: { readonly title: string; readonly body: string }
  readonly notSetUp: { readonly title: string; readonly body: (advisorRole: string | undefined) => string }
  readonly notHere: { readonly title: string; readonly body: string }
  readonly unexpected: { readonly title: string; readonly body: string }
  /** A date or time option (`due`, `from`, `to`) that is no date, or one the calendar does not have. */
  readonly badTime: { readonly title: string; readonly body: (option: string, given: string, timeZone: string) => string }
  /** A meeting's local start (`start`, `occurrence`) not written YYYY-MM-DDTHH:MM, or impossible. */
  readonly badStart: { readonly title: string; readonly body: (option: string, given: string) => string }
  /** A `draft write` modal submitted after its attachments were forgotten (15 minutes, or a restart). */
  readonly draftExpired: { readonly title: string; readonly body: string }
  /** The `draft write` modal: the alt-text field of attachment `index` (at most 45 characters). */
  readonly altLabel: (index: number) => string
  /** `member list`, `goal list`, `goal add`, `checks`. */
  readonly members: { readonly title: string; readonly empty: string }
  readonly goals: { readonly title: string; readonly empty: string; readonly added: string }
  readonly checks: { readonly title: (item: string, revision: number) => string; readonly clean: string }
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
  notHere: {
    title: "Not in Discord yet",
    body: "This command is not offered in Discord yet: use the dugnad CLI for it (dugnad --help)."
  },
  unexpected: {
    title: "Something went wrong",
    body: "Dugnad could not do this because of a fault of its own. Nothing was changed. Try again, and tell whoever runs the bot if it happens again."
  },
  badTime: {
    title: "Not a date Dugnad can use",
    body: (option, given, timeZone) =>
      `${option}: “${given}” is not a date that exists, or not one written as Dugnad reads it. Give YYYY-MM-DD or YYYY-MM-DDTHH:MM (in ${timeZone}), for example 2026-12-01T10:00.`
  },
  badStart: {
    title: "Not a start Dugnad can use",
    body: (option, given) =>
      `${option}: “${given}” is not a date and time that exists, or not one written as Dugnad reads it. Give YYYY-MM-DDTHH:MM, for example 2026-03-03T10:00.`
  },
  draftExpired: {
    title: "Your attachments were forgotten",
    body: "Dugnad keeps the files you attach to /dugnad draft write for 15 minutes, and not across a restart of the bot. Nothing was saved: run /dugnad draft write again with the files."
  },
  altLabel: (index) => `Alt text for file ${index}`,
  members: { title: "Members", empty: "Nobody has been added yet." },
  goals: { title: "Goals", empty: "No goals yet: add one with /dugnad goal add.", added: "Goal added" },
  checks: {
    title: (item, revision) => `Checks of ${item}, revision ${revision}`,
    clean: "Nothing to fix: the draft passes every check."
  }
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
  notHere: {
    title: "Ikke i Discord ennå",
    body: "Denne kommandoen finnes ikke i Discord ennå: bruk dugnad-CLI-en til den (dugnad --help)."
  },
  unexpected: {
    title: "Noe gikk galt",
    body: "Dugnad fikk ikke gjort dette på grunn av en feil hos seg selv. Ingenting ble endret. Prøv igjen, og si fra til den som drifter boten hvis det skjer igjen."
  },
  badTime: {
    title: "Ikke en dato Dugnad kan bruke",
    body: (option, given, timeZone) =>
      `${option}: «${given}» er ikke en dato som finnes, eller ikke skrevet slik Dugnad leser den. Skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTTT:MM (i ${timeZone}), for eksempel 2026-12-01T10:00.`
  },
  badStart: {
    title: "Ikke et starttidspunkt Dugnad kan bruke",
    body: (option, given) =>
      `${option}: «${given}» er ikke en dato og et klokkeslett som finnes, eller ikke skrevet slik Dugnad leser det. Skriv ÅÅÅÅ-MM-DDTTT:MM, for eksempel 2026-03-03T10:00.`
  },
  draftExpired: {
    title: "Vedleggene dine ble glemt",
    body: "Dugnad tar vare på filene du legger ved /dugnad utkast skriv i 15 minutter, og ikke over en omstart av boten. Ingenting ble lagret: kjør /dugnad utkast skriv på nytt med filene."
  },
  altLabel: (index) => `Alternativ tekst for fil ${index}`,
  members: { title: "Medlemmer", empty: "Ingen er lagt til ennå." },
  goals: { title: "Mål", empty: "Ingen mål ennå: legg til et med /dugnad mål legg-til.", added: "Mål lagt til" },
  checks: {
    title: (item, revision) => `Sjekk av ${item}, versjon ${revision}`,
    clean: "Ingenting å rette: utkastet består alle sjekkene."
  }
}

/** The bot's sentences in a language. */
export const text = (locale: Locale): Text => (locale === "nb" ? nb : en)

/** A short notice as a view, to the person who acted only. */
export const noticeView = (title: string, body: string): ChatView => ({
  title,
  body,
  fields: [],
  actions: [],
  tone: "warning",
  mentions: []
})

/** The answer when the bot itself failed (a bug), in the person's language. */
export const unexpectedView = (locale: Locale): ChatView => {
  const words = text(locale).unexpected
  return { ...noticeView(words.title, words.body), tone: "danger" }
}

/**
 * Den innebygde veiledningen på bokmål. Every figure comes from the rules table passed in (and
 * LIX's scale from the LIX module), so the primer and the format checks quote the same numbers.
 */
import { type Network, networks } from "../../Draft.js"
import { asOf, type NetworkRulesTable, type Range } from "../../NetworkRules.js"
import type { PrimerEntryId } from "../../Primer.js"
import { lixBandFloors, longWordLetters } from "../lix.js"

type Texts = { readonly [Id in PrimerEntryId]: { readonly title: string; readonly summary: string; readonly body: string } }

let numberFormat: Intl.NumberFormat | undefined
// Made at first use: a number format loads locale data, which a process that never reads the primer should not pay for.
const n = (value: number): string => (numberFormat ??= new Intl.NumberFormat("nb-NO")).format(value)
const og = (items: ReadonlyArray<string>): string => new Intl.ListFormat("nb-NO", { type: "conjunction" }).format(items)
const list = (lines: ReadonlyArray<string>): string => lines.map((line) => `- ${line}`).join("\n")
const range = ({ max, min }: Range): string => (min === 0 ? `inntil ${n(max)}` : `${n(min)}–${n(max)}`)
const unit = (value: number, one: string, many: string): string => `${n(value)} ${value === 1 ? one : many}`

/** Sekunder slik folk sier dem: «90 sekunder», «3 minutter», «2 minutter og 20 sekunder», «12 timer». */
const duration = (seconds: number): string =>
  seconds < 120
    ? unit(seconds, "sekund", "sekunder")
    : seconds % 3600 === 0 && seconds > 3600
    ? unit(seconds / 3600, "time", "timer")
    : seconds % 60 === 0
    ? unit(seconds / 60, "minutt", "minutter")
    : `${unit(Math.floor(seconds / 60), "minutt", "minutter")} og ${unit(seconds % 60, "sekund", "sekunder")}`

/** The built-in Norwegian Bokmål texts, with the figures of `rules`. */
export const nb = (rules: NetworkRulesTable): Texts => {
  const name = (network: Network) => rules[network].name
  const names = (pick: (network: Network) => boolean) => og(networks.filter(pick).map(name))
  const { bluesky, facebook, instagram, linkedin, mastodon, threads, tiktok, x, youtube } = rules
  const lix = lixBandFloors

  return {
    feed: {
      title: "Slik fungerer feeden",
      summary: "Hvert nettverk viser folk de innleggene det tror de vil stoppe opp ved, så det første sekundet avgjør om innlegget ditt blir sett.",
      body: `Ingen ser alt vi legger ut. Nettverkene rangerer innleggene for hver enkelt, ut fra hva personen har stoppet ved, reagert på, kommentert og delt før. Et innlegg som får folk til å stoppe, lese og reagere, blir vist til flere. Et innlegg folk blar forbi, synker.

Det betyr for oss:
- Første linje og bildet eller videoen gjør det meste av jobben. Folk bestemmer seg på et sekund eller to.
- Skriv til én person i målgruppen, ikke til organisasjonen. Begynn med det som betyr noe for dem.
- På de fleste nettverk teller kommentarer og delinger mer enn likerklikk. Et tydelig spørsmål eller et nyttig tips inviterer til begge deler.
- Å legge ut ofte veier ikke opp for innlegg ingen stopper ved. Færre og bedre innlegg når som regel flere.

Nettverkene endrer stadig hvordan de rangerer innlegg, og grensene sine. Tallene i denne innføringen ble sjekket i ${asOf}, og formatsjekkene i Dugnad bruker de samme tallene.`
    },
    "first-lines": {
      title: "Første linje",
      summary: "Få fram poenget i første linje, for de fleste nettverk kutter teksten etter en linje eller to.",
      body: `I feeden viser de fleste nettverk bare starten av teksten og gjemmer resten bak «Se mer». De fleste trykker aldri på den. Derfor må første linje bære budskapet alene, og gi lyst til å lese videre.

Her kutter feeden teksten (omtrent):
${list(networks.flatMap((network) => {
        const at = rules[network].truncatesAt
        return at === undefined ? [] : [`${name(network)}: etter ca. ${n(at)} tegn`]
      }))}

${names((network) => rules[network].truncatesAt === undefined)} viser hele innlegget, som uansett er kort.

Tips:
- Begynn med det som er nytt, eller med det leseren får: «Nå åpner den nye havna», ikke «Kommunen har gleden av å informere om at …».
- Hold avsendernavnet ute av første linje. Innlegget vises allerede under navnet deres.
- Ett budskap per innlegg. Trenger du to førstelinjer, trenger du to innlegg.`
    },
    "plain-language": {
      title: "Klarspråk",
      summary: "Korte setninger og vanlige ord gjør at flere leser helt til slutt.",
      body: `Folk leser innlegg på mobilen, mellom andre ting. Klarspråk betyr at mottakeren forstår hva vi mener, første gang de leser det. For offentlige organer er det også lovpålagt: Etter språkloven § 9 skal offentlige organer bruke et klart, korrekt og brukertilpasset språk.

- Skriv korte setninger, med ett poeng i hver.
- Velg hverdagsord framfor fagord og interne navn. Trenger du et fagord, så forklar det.
- Skriv «du» og «vi», og bruk aktive verb: «Vi stenger veien», ikke «Veien vil bli stengt».
- Kutt det leseren ikke trenger. Detaljer kan ligge bak en lenke eller i kommentarfeltet.

Dugnad måler lesbarhet med LIX (Björnssons lesbarhetsindeks): gjennomsnittlig setningslengde pluss andelen lange ord (mer enn ${n(longWordLetters)} bokstaver) i prosent. Under ${n(lix.easy)} er svært lett, ${n(lix.easy)}–${n(lix.medium - 1)} lett, ${n(lix.medium)}–${n(lix.hard - 1)} middels, ${n(lix.hard)}–${n(lix.veryHard - 1)} vanskelig og ${n(lix.veryHard)} eller mer svært vanskelig. I sosiale medier bør du ligge under ${n(lix.hard)}. LIX er et grovt mål (en kort tekst med noen få lange navn kan få høy verdi), så les teksten høyt også.`
    },
    length: {
      title: "Lengde",
      summary: "Si én ting godt: korte innlegg blir lest mer, og alle nettverk har en absolutt grense.",
      body: `Lengde er ikke et mål i seg selv, men de fleste innlegg blir bedre når de blir kortere. Kutt til hver setning gjør nytte for seg, og sett poenget først.

Absolutt grense og anbefalt lengde per nettverk:
${list(networks.map((network) => `${name(network)}: maks ${n(rules[network].hardLimit)} tegn, anbefalt ${range(rules[network].recommendedLength)}`))}

Den absolutte grensen er der nettverket avviser innlegget. Anbefalt lengde er en tommelfingerregel for feeden: Et lengre innlegg kan fungere når folk vil ha detaljene (for eksempel et LinkedIn-innlegg om en ny stilling), men da betyr første linje enda mer.

Nettverkene teller ulikt. X teller hver lenke som ${n(x.urlLength ?? 0)} tegn og en emoji som to. Mastodon teller også hver lenke som ${n(mastodon.urlLength ?? 0)} tegn, og hver server kan sette sin egen grense. Bluesky teller tegn slik leseren ser dem: En emoji teller som ett tegn.`
    },
    visuals: {
      title: "Bilder, illustrasjoner og video",
      summary: "Bildet eller videoen avgjør om folk stopper, så velg det først, og sørg for at det fungerer på en liten skjerm.",
      body: `I feeden ser folk bildet eller videoen før teksten. Innlegg med et godt bilde får oftere folk til å stoppe. På ${names((network) => rules[network].requiredMedia === "any")} kan du ikke publisere uten bilde eller video, og på ${names((network) => rules[network].requiredMedia === "video")} ikke uten video.

- Ekte mennesker og ekte steder slår arkivbilder og logoer.
- Ett tydelig motiv som synes på mobilen.
- Unngå liten tekst i bildet. Har bildet tekst, gjenta den i innlegget, for skjermlesere kan ikke lese den.
- Stående format fyller mer av mobilskjermen enn liggende.
- Spør før du tar bilder av folk, og få samtykke fra foresatte når det gjelder barn.

Flest bilder per innlegg:
${list(networks.flatMap((network) => {
        const max = rules[network].maxImages
        return max === undefined ? [] : [`${name(network)}: ${n(max)}`]
      }))}

${names((network) => rules[network].maxImages === undefined)}: ingen oppgitt grense.`
    },
    "video-length": {
      title: "Videolengde",
      summary: "Korte videoer blir sett helt ut, og nettverkene viser videoer som blir sett helt ut, til flere.",
      body: `Hvor mye av videoen folk ser, er et av de sterkeste signalene nettverkene bruker. Få de første sekundene til å telle: Vis motivet med en gang, ikke logo eller tittel først. De fleste ser uten lyd, så alt som blir sagt, må tekstes. For offentlige virksomheter er det også et krav (se «Universell utforming»).

Lengste video per innlegg, og anbefalt lengde i feeden:
${list(networks.map((network) => {
        const { maxSeconds, recommendedMaxSeconds, shortFormMaxSeconds } = rules[network].video
        return [
          `${name(network)}: ${maxSeconds === undefined ? "ingen tidsgrense (serveren begrenser filstørrelsen)" : `maks ${duration(maxSeconds)}`}`,
          ...(recommendedMaxSeconds === undefined ? [] : [`anbefalt inntil ${duration(recommendedMaxSeconds)}`]),
          ...(shortFormMaxSeconds === undefined ? [] : [`stående kortvideoer inntil ${duration(shortFormMaxSeconds)}`])
        ].join(", ")
      }))}`
    },
    hashtags: {
      title: "Emneknagger",
      summary: "Bruk noen få presise emneknagger der de hjelper folk å finne innlegget, og ingen der de ikke gjør det.",
      body: `En emneknagg (hashtag) gjør innlegget søkbart under et tema. I dag leser nettverkene først og fremst teksten og bildet for å forstå hva et innlegg handler om. Mange emneknagger gir derfor sjelden mer rekkevidde, og de gjør teksten tyngre å lese.

- Bruk noen få presise emneknagger som folk faktisk følger eller søker på, for eksempel stedet eller arrangementet.
- Skriv hvert ord med stor forbokstav (#NyHavn, ikke #nyhavn), så leser skjermlesere ordene riktig.
- Sett dem til slutt, ikke midt i setningene.

Anbefalt antall per nettverk (og nettverkets maksimum, der det finnes et):
${list(networks.map((network) => {
        const { max, recommended } = rules[network].hashtags
        return `${name(network)}: ${range(recommended)}${
          max === undefined ? "" : max === recommended.max ? ` (mer tillater ikke ${name(network)})` : ` (maks ${n(max)})`
        }`
      }))}`
    },
    links: {
      title: "Lenker",
      summary: "Legg lenker der de kan klikkes, og regn med at innlegg med lenke kan nå færre.",
      body: `Lenker er klikkbare på de fleste nettverk, men ikke i teksten på ${names((network) => !rules[network].linksClickable)}. Der skriver du «lenke i bio» og legger lenken i profilen, eller oppgir en kort adresse folk kan skrive selv, for eksempel forsiden deres.

Mange nettverk vil helst holde folk på plattformen, og på flere av dem ser innlegg med lenke ut til å nå færre. Er ikke lenken selve poenget, kan du droppe den eller legge den i en kommentar.

- Si tydelig hva folk finner bak lenken.
- Bruk adressen til selve siden, ikke en lenkeforkorter som skjuler hvor lenken går.

Lenker i innleggsteksten er klikkbare på ${names((network) => rules[network].linksClickable)}.`
    },
    "alt-text": {
      title: "Alternativ tekst",
      summary: "Beskriv hvert bilde, så de som ikke ser det, får med seg det samme budskapet.",
      body: `Alternativ tekst (alt-tekst) leses opp av skjermlesere for blinde og svaksynte, og vises når bildet ikke lastes inn. Dugnad krever det for hvert bilde og hver illustrasjon.

- Beskriv det som er viktig i bildet for akkurat dette innlegget, med én eller to setninger: «Ferja legger til ved den nye havna, mens barn vinker fra kaia.»
- Ikke begynn med «Bilde av». Skjermleseren sier allerede at det er et bilde.
- Står det tekst i bildet, ta med teksten.
- Et filnavn (IMG_1234.jpg) eller et ord som «bilde» er ikke alternativ tekst, og Dugnad sier fra om det.

Til video skriver du en kort beskrivelse, og sørger for at videoen er tekstet.

Lengste alternative tekst per nettverk:
${list(networks.flatMap((network) => {
        const max = rules[network].altTextMax
        return max === undefined ? [] : [`${name(network)}: ${n(max)} tegn`]
      }))}

${names((network) => rules[network].altTextMax === undefined)}: ingen oppgitt grense (på YouTube gjør tekstingen jobben til alternativ tekst).`
    },
    accessibility: {
      title: "Universell utforming",
      summary: "Offentlige virksomheter i Norge skal gjøre det digitale innholdet sitt tilgjengelig, og det er til nytte for alle.",
      body: `Universell utforming av IKT er lovpålagt i Norge, etter likestillings- og diskrimineringsloven og forskrift om universell utforming av IKT-løsninger, som bygger på WCAG 2.1. Tilsynet for universell utforming av IKT (Uutilsynet) i Digitaliseringsdirektoratet fører tilsyn. Nettverkene eier appene sine, men det vi publiserer der, er vårt ansvar, så langt plattformen gjør det mulig.

I praksis, for hvert innlegg:
- Alternativ tekst på alle bilder og illustrasjoner.
- Teksting av all video, og beskrivelse av viktige ting som bare kan ses eller bare kan høres.
- Budskapet i teksten, ikke bare i bildet.
- Emneknagger med stor forbokstav i hvert ord (#NyHavn).
- Emoji med måte, og aldri i stedet for ord: Skjermlesere leser opp navnet på hver emoji.
- Ingen «fancy» Unicode-bokstaver (𝗳𝗲𝘁𝘁, 𝘬𝘶𝘳𝘴𝘪𝘷): Skjermlesere klarer ikke å lese dem.
- God kontrast i bilder med tekst, og ingen informasjon som bare kommer fram gjennom farge.

Det er til nytte for alle: Teksting hjelper alle som ser video uten lyd, og klarspråk hjelper alle som har dårlig tid.`
    },

    facebook: {
      title: "Facebook",
      summary: "Facebook belønner innlegg som får folk til å snakke sammen, særlig folk som kjenner hverandre.",
      body: `Facebook er fortsatt det nettverket i Norge med flest brukere på tvers av aldersgrupper, og der mange følger kommunen, skolen og lokalnyhetene. Feeden prioriterer innlegg fra venner, familie og grupper, og innlegg fra sider som får folk til å kommentere og dele.

Dette fungerer:
- Praktisk informasjon folk trenger og sender videre: åpningstider, veiarbeid, arrangementer, frister.
- Folk og steder de kjenner: de ansatte, havna, skolen.
- Spørsmål som er lette å svare på i en kommentar.
- Korte, stående videoer (reels), som Facebook også viser til folk som ikke følger dere.

Lenker til nettsidene deres er nyttige, men et innlegg med lenke kan nå færre enn et innlegg med bilde. Få med det viktigste i selve innlegget.`
    },
    "facebook-length": {
      title: "Lengde på Facebook",
      summary: `Facebook tillater svært lange innlegg, men feeden viser bare de første ca. ${n(facebook.truncatesAt ?? 0)} tegnene.`,
      body: `Et innlegg på Facebook kan ha inntil ${n(facebook.hardLimit)} tegn. I feeden vises bare de første ca. ${n(facebook.truncatesAt ?? 0)} før «Se mer» (nøyaktig hvor mange, avhenger av skjermen og om innlegget har bilde).

Anbefalt: ${range(facebook.recommendedLength)} tegn, altså ett eller to korte avsnitt. Trenger du mer, legg detaljene på nettsidene eller i en kommentar.`
    },
    instagram: {
      title: "Instagram",
      summary: "Instagram handler om det visuelle: Nettverket belønner bilder og videoer som folk stopper ved, lagrer og deler.",
      body: `Alle innlegg på Instagram må ha bilde eller video. Reels (stående videoer) vises også til folk som ikke følger dere, og karuseller (inntil ${n(instagram.maxImages ?? 0)} bilder og videoer i ett innlegg) holder folk lenger i innlegget.

Dette fungerer:
- Ett sterkt bilde, eller en karusell som forteller en kort historie: før og etter, steg for steg, fem fakta.
- Ansikter og ekte steder, tett på.
- Reels der noe skjer i første sekund.
- En bildetekst som gir bildet sammenheng, med poenget først.

Delinger i direktemeldinger og lagringer teller mye. Lenker i bildeteksten er ikke klikkbare.`
    },
    "instagram-length": {
      title: "Lengde på Instagram",
      summary: `Bildeteksten kan være lang, men feeden viser bare de første ca. ${n(instagram.truncatesAt ?? 0)} tegnene.`,
      body: `Instagram tillater bildetekster på inntil ${n(instagram.hardLimit)} tegn. I feeden vises bare de første ca. ${n(instagram.truncatesAt ?? 0)} før «mer», så første linje må stå på egne ben.

Anbefalt: ${range(instagram.recommendedLength)} tegn. En lengre bildetekst kan fungere når bildet gir lyst til å lese videre (en historie, en guide), men sett poenget først og bruk korte avsnitt.`
    },
    "instagram-links": {
      title: "Lenker på Instagram",
      summary: "Lenker i bildeteksten på Instagram er ikke klikkbare, så bruk lenken i profilen eller en story i stedet.",
      body: `På Instagram er en lenke i bildeteksten eller i en kommentar bare tekst: Ingen kan klikke på den, og få gidder å skrive den inn.

Gjør heller dette:
- Skriv «lenke i bio», og legg lenken i profilen. En profil kan ha flere lenker.
- Legg et lenkeklistremerke på en story.
- Oppgi en kort adresse folk kan huske og skrive selv, for eksempel forsiden deres. Dugnad sier bare fra om lenker med https:// eller en sti, ikke om en kort adresse som dette.`
    },
    "instagram-hashtags": {
      title: "Emneknagger på Instagram",
      summary: `Bruk ${range(instagram.hashtags.recommended)} relevante emneknagger: Instagram tillater ${n(instagram.hashtags.max ?? 0)}, men flere gir ikke mer rekkevidde.`,
      body: `Instagram anbefaler selv noen få relevante emneknagger framfor mange. De hjelper Instagram å forstå innlegget og lar folk finne det under et tema, men en blokk med ${n(instagram.hashtags.max ?? 0)} emneknagger ser ut som spam og er tung å lese.

- Velg ${range(instagram.hashtags.recommended)} konkrete emneknagger: stedet, arrangementet, temaet (#NordnesSjøbad heller enn #sommer).
- Skriv hvert ord med stor forbokstav, for skjermleserens skyld.
- Sett dem til slutt i bildeteksten.`
    },
    "instagram-video": {
      title: "Video på Instagram",
      summary: `Reels på inntil ${duration(instagram.video.shortFormMaxSeconds ?? 0)} kan vises til folk som ikke følger dere; sikt på under ${duration(instagram.video.recommendedMaxSeconds ?? 0)}.`,
      body: `Videoer på Instagram er reels, og kan være inntil ${duration(instagram.video.maxSeconds ?? 0)} lange. Instagram anbefaler bare reels på inntil ${duration(instagram.video.shortFormMaxSeconds ?? 0)} til folk som ikke følger dere. For de fleste innlegg er under ${duration(instagram.video.recommendedMaxSeconds ?? 0)} bedre: Korte videoer blir sett helt ut, og det er det Instagram måler.

- Stående video som fyller skjermen.
- Vis motivet i første sekund.
- Teksting av alt som blir sagt.
- Et forsidebilde som også fungerer i profilrutenettet.`
    },
    linkedin: {
      title: "LinkedIn",
      summary: "LinkedIn belønner innlegg som folk i fagfeltet kommenterer og bruker tid på å lese.",
      body: `På LinkedIn møtes kolleger, samarbeidspartnere, jobbsøkere og folk i fagfeltet. Feeden belønner innlegg som får gjennomtenkte kommentarer tidlig, og som folk bruker tid på. Den viser innlegg fra personer mer enn innlegg fra bedriftssider.

Dette fungerer:
- Fagkunnskap: hva vi har lært, hva vi gjør og hvorfor, tall som betyr noe.
- Mennesker: nye kolleger, team på jobb, bak kulissene.
- Ledige stillinger, fortalt gjennom folkene som gjør jobben.
- Innlegg som de ansatte skriver eller deler selv. De når lenger enn siden alene.
- Dokumenter (PDF-karuseller) og video lastet opp direkte på LinkedIn.

Skriv for folk i fagfeltet, men på klarspråk. LinkedIn er ingen unnskyldning for sjargong.`
    },
    "linkedin-length": {
      title: "Lengde på LinkedIn",
      summary: `LinkedIn tillater ${n(linkedin.hardLimit)} tegn, men viser bare de første ca. ${n(linkedin.truncatesAt ?? 0)} før «…mer».`,
      body: `Et innlegg på LinkedIn kan ha inntil ${n(linkedin.hardLimit)} tegn. Feeden viser de første ca. ${n(linkedin.truncatesAt ?? 0)} før «…mer» på PC, og færre i mobilappen. Første linje avgjør altså om folk åpner resten.

Anbefalt: ${range(linkedin.recommendedLength)} tegn. LinkedIn er et av få nettverk der lengre innlegg kan gjøre det godt, hvis de gir leseren noe. Bruk korte avsnitt med en tom linje imellom.`
    },
    "linkedin-hashtags": {
      title: "Emneknagger på LinkedIn",
      summary: `Emneknagger betyr lite på LinkedIn nå: Bruk ${range(linkedin.hashtags.recommended)}, eller ingen.`,
      body: `LinkedIn legger mindre vekt på emneknagger enn før, og leser heller selve teksten for å finne ut hva innlegget handler om. Bruk ${range(linkedin.hashtags.recommended)} emneknagger til slutt i innlegget, for temaet eller arrangementet, og skriv hvert ord med stor forbokstav.`
    },
    tiktok: {
      title: "TikTok",
      summary: "TikTok viser videoer til folk som ikke følger dere, ut fra hvor mye av hver video de ser.",
      body: `På TikTok avgjør For deg-feeden nesten alt: En ny konto kan nå mange hvis videoen holder på oppmerksomheten. TikTok ser på om folk ser videoen helt ut, ser den igjen, kommenterer og deler.

Dette fungerer:
- Folk som snakker rett til kameraet, med egne ord.
- Bak kulissene: en dag på jobben, hvordan noe gjøres, svaret på et spørsmål folk lurer på.
- Noe som skjer i første sekund: ingen intro, ingen logo.
- Teksting og tekst på skjermen, for mange ser uten lyd.
- Trender og lyder, når de passer til hvem dere er.

Alle innlegg må ha video eller bilder (bildeinnlegg). Lenker i teksten er ikke klikkbare. Mange unge søker på TikTok, så si hva videoen handler om, både i teksten og på skjermen.`
    },
    "tiktok-length": {
      title: "Lengde på TikTok",
      summary: `Videoen er budskapet: Hold teksten kort, selv om TikTok tillater ${n(tiktok.hardLimit)} tegn.`,
      body: `TikTok tillater tekster på inntil ${n(tiktok.hardLimit)} tegn, men viser bare de første ca. ${n(tiktok.truncatesAt ?? 0)} over videoen. Teksten støtter videoen, den erstatter den ikke.

Anbefalt: ${range(tiktok.recommendedLength)} tegn. Si hva videoen handler om, med ordene folk ville søkt på, og sett de viktigste ordene først.`
    },
    "tiktok-links": {
      title: "Lenker på TikTok",
      summary: "Lenker i teksten og i kommentarer på TikTok er ikke klikkbare.",
      body: `På TikTok er en lenke i teksten bare tekst. Legg heller lenken i profilen (det kan bedriftskontoer og kontoer med mange nok følgere), eller si adressen i videoen og vis den på skjermen. Hold den kort og lett å huske.`
    },
    "tiktok-video": {
      title: "Video på TikTok",
      summary: "TikTok tar imot lange videoer, men korte videoer som blir sett helt ut, når flest.",
      body: `Du kan laste opp videoer på inntil ${duration(tiktok.video.maxSeconds ?? 0)} på TikTok. Det som avgjør rekkevidden, er hvor mye av videoen folk ser. De fleste videoer fra en virksomhet bør derfor være under ${duration(tiktok.video.recommendedMaxSeconds ?? 0)}.

- Begynn med det mest interessante øyeblikket, ikke med en hilsen.
- Ett poeng per video.
- Teksting eller tekst på skjermen.
- Lengre videoer fungerer når folk kom for å se dem: en grundig forklaring, en guide.`
    },
    youtube: {
      title: "YouTube",
      summary: "YouTube er en søkemotor for video: Tittel, miniatyrbilde og hvor lenge folk ser, avgjør hva som blir vist.",
      body: `YouTube fungerer annerledes enn feedene: Folk søker etter noe, og YouTube foreslår neste video. En god video kan bli funnet i årevis.

Dette fungerer:
- Videoer som svarer på noe folk faktisk søker etter: hvordan du søker, hvordan noe fungerer.
- En tydelig tittel som sier hva seeren får, og et miniatyrbilde som kan leses på mobilen.
- Poenget tidlig: Seerne forsvinner når starten er treg.
- Shorts (stående videoer på inntil ${duration(youtube.video.shortFormMaxSeconds ?? 0)}) for å nå nye seere.
- Korrigert teksting. Automatisk teksting er en start, men den tar feil av navn og fagord.

Alle innlegg på YouTube er videoer; beskrivelsen hjelper folk å finne dem.`
    },
    "youtube-length": {
      title: "Beskrivelser på YouTube",
      summary: `Folk ser de første ca. ${n(youtube.truncatesAt ?? 0)} tegnene av beskrivelsen, så de bør si hva videoen gir dem.`,
      body: `En beskrivelse på YouTube kan ha inntil ${n(youtube.hardLimit)} tegn. Seerne ser bare de første ca. ${n(youtube.truncatesAt ?? 0)} før «…mer», og søkeresultatene viser enda mindre. Begynn med hva videoen handler om, med ordene folk søker på.

Anbefalt: ${range(youtube.recommendedLength)} tegn. Under de første linjene er det plass til detaljer: lenker (de er klikkbare), kapitler med tidskoder og medvirkende. Videotittelen har sin egen, kortere grense, som Dugnad ikke sjekker.`
    },
    "youtube-video": {
      title: "Video på YouTube",
      summary: `Shorts er stående videoer på inntil ${duration(youtube.video.shortFormMaxSeconds ?? 0)}; andre videoer kan være inntil ${duration(youtube.video.maxSeconds ?? 0)} på en bekreftet konto.`,
      body: `YouTube har to formater:
- Shorts: stående videoer på inntil ${duration(youtube.video.shortFormMaxSeconds ?? 0)}, som vises i Shorts-feeden, også til folk som ikke abonnerer.
- Vanlige videoer: inntil ${duration(youtube.video.maxSeconds ?? 0)} på en bekreftet konto (før kontoen er bekreftet, er grensen lavere).

På YouTube er lengde ikke et problem i seg selv. Det som teller, er om folk fortsetter å se. Kutt alt som ikke hjelper seeren. For begge formatene gjelder: poenget tidlig, korrigert teksting, og en tittel og et miniatyrbilde som lover det videoen holder.`
    },
    x: {
      title: "X",
      summary: "X er raskt og offentlig: korte innlegg om nyheter og debatt, lest av journalister, politikere og folk som følger et tema tett.",
      body: `Det går fort på X. For deg-feeden blander innlegg fra kontoer du følger, med innlegg algoritmen velger, og et innlegg lever noen timer på det meste.

Dette fungerer:
- Korte, tydelige innlegg om noe som skjer nå.
- Svar og sitater: X er en samtale.
- Et bilde eller en kort video.
- En tråd (flere innlegg etter hverandre) når du trenger mer plass.

Flere har rapportert at innlegg med lenke når færre. Mange virksomheter har vurdert bruken av X på nytt de siste årene, så sjekk at målgruppen deres fortsatt er der.`
    },
    "x-length": {
      title: "Lengde på X",
      summary: `Et innlegg på X kan ha maks ${n(x.hardLimit)} tegn uten Premium, og hver lenke teller som ${n(x.urlLength ?? 0)}.`,
      body: `X teller tegn på sin egen måte:
- hver lenke teller som ${n(x.urlLength ?? 0)} tegn, uansett hvor lang den er;
- en emoji, og bokstaver i enkelte skriftsystemer som kinesisk og japansk, teller som to;
- norske bokstaver (æ, ø, å) teller som ett.

Uten Premium er grensen ${n(x.hardLimit)}. Med Premium kan du skrive lengre innlegg, men feeden viser bare starten av dem. Anbefalt: ${range(x.recommendedLength)} tegn, så er det plass til at andre kan sitere deg.`
    },
    "x-hashtags": {
      title: "Emneknagger på X",
      summary: `X anbefaler ${range(x.hashtags.recommended)} emneknagger per innlegg.`,
      body: `På X knytter en emneknagg innlegget til en samtale eller et arrangement. X anbefaler selv å bruke maks ${n(x.hashtags.recommended.max)}. Bruk emneknaggen folk faktisk bruker om arrangementet (sjekk før du publiserer), og dropp resten.`
    },
    threads: {
      title: "Threads",
      summary: "Threads er Metas tekstnettverk, der svar og samtaler avgjør hva som blir vist.",
      body: `Threads ligner på X og henger sammen med Instagram: De som følger dere på Instagram, kan følge dere der med ett trykk. Feeden belønner innlegg som får svar, og viser mange innlegg fra kontoer folk ikke følger.

Dette fungerer:
- Et spørsmål eller en kort mening som inviterer til svar.
- Å svare på svarene, raskt og personlig.
- Bilder og korte videoer, som på Instagram.
- En emnetagg for å bli med i en samtale (se «Emneknagger på Threads»).

Innleggene kan også deles til fødiverset (Mastodon og andre) hvis du slår det på.`
    },
    "threads-length": {
      title: "Lengde på Threads",
      summary: `Et innlegg på Threads kan ha inntil ${n(threads.hardLimit)} tegn, og vises i sin helhet.`,
      body: `Threads tillater ${n(threads.hardLimit)} tegn per innlegg og viser hele innlegget i feeden, så det finnes ingen «Se mer» å gjemme seg bak. Anbefalt: ${range(threads.recommendedLength)} tegn. Trenger du mer plass? Svar på ditt eget innlegg, så blir det en tråd, med ett poeng i hver del.`
    },
    "threads-hashtags": {
      title: "Emneknagger på Threads",
      summary: `Threads tillater maks ${n(threads.hashtags.max ?? 0)} emnetagg per innlegg.`,
      body: `På Threads blir en emneknagg til en emnetagg, og et innlegg kan ha maks ${n(threads.hashtags.max ?? 0)}. Taggen plasserer innlegget i samtalen om det temaet, så velg den som passer best. Flere #-ord blir ikke tagger.`
    },
    bluesky: {
      title: "Bluesky",
      summary: "Bluesky viser folk det de selv velger: kontoene de følger og feedene de har valgt.",
      body: `Bluesky har ingen felles algoritme. De fleste leser feeden med dem de følger (nyeste først) eller egne feeder som andre har laget, om et tema, et sted eller et yrke. Mange forskere og journalister er der, og mange som har forlatt X.

Dette fungerer:
- Innlegg fra ekte folk i virksomheten, skrevet som mennesker.
- Lenker: Bluesky viser et lenkekort, og det er ikke kjent at innlegg med lenke når færre.
- Bilder med god alternativ tekst. Brukerne legger merke til det når den mangler.
- Å delta i feedene for fagfeltet eller regionen deres.

Innleggene er korte: maks ${n(bluesky.hardLimit)} tegn.`
    },
    "bluesky-length": {
      title: "Lengde på Bluesky",
      summary: `Et innlegg på Bluesky kan ha maks ${n(bluesky.hardLimit)} tegn, talt slik leseren ser dem.`,
      body: `Bluesky teller tegn slik leseren ser dem (grafemer). En emoji teller som ett tegn, også en som er satt sammen av flere deler, som en familie eller et flagg. Det samme gjør æ, ø og å. Grensen er ${n(bluesky.hardLimit)}.

Lenker teller slik du ser dem, men Bluesky-appen forkorter lange lenker i innlegget. Anbefalt: ${range(bluesky.recommendedLength)} tegn.`
    },
    mastodon: {
      title: "Mastodon",
      summary: "Mastodon har ingen algoritme: Folk ser innlegg fra dem de følger, nyeste først, og finner nye gjennom emneknagger og deling.",
      body: `Mastodon er et nettverk av uavhengige servere (instanser) som snakker med hverandre. Det finnes ingen algoritme: Hjem-feeden viser innlegg fra kontoene du følger, i tidsrekkefølge, og innlegg sprer seg når folk deler (booster) dem.

Dette fungerer:
- Å være et menneske, ikke en kanal: Svar på svar, og del andres innlegg.
- Emneknagger, for det er slik folk finner innlegg om et tema.
- Alternativ tekst på alle bilder. Mange på Mastodon deler ikke bilder uten.
- Innholdsvarsel (CW) på temaer noen helst vil bli advart om før de ser dem.`
    },
    "mastodon-length": {
      title: "Lengde på Mastodon",
      summary: `Mastodon tillater ${n(mastodon.hardLimit)} tegn som standard, men hver server kan sette sin egen grense.`,
      body: `De fleste Mastodon-servere tillater ${n(mastodon.hardLimit)} tegn per innlegg, noen flere. Hver lenke teller som ${n(mastodon.urlLength ?? 0)} tegn, og når du nevner noen på en annen server, teller bare navnet (@kari, ikke @kari@example.social). Innleggene vises i sin helhet.

Anbefalt: ${range(mastodon.recommendedLength)} tegn. Dugnad sjekker mot standardgrensen.`
    },
    "mastodon-hashtags": {
      title: "Emneknagger på Mastodon",
      summary: `På Mastodon er emneknagger slik folk finner innlegg, så bruk ${range(mastodon.hashtags.recommended)} som folk følger.`,
      body: `Mastodon har ingen algoritme som finner publikum for deg. Folk følger emneknagger og søker på dem, så en relevant emneknagg er ofte det som får innlegget ut over følgerne deres.

- Bruk ${range(mastodon.hashtags.recommended)} emneknagger, til slutt i innlegget.
- Skriv hvert ord med stor forbokstav (#NyHavn). Det forventer folk på Mastodon, og skjermlesere trenger det.`
    }
  }
}

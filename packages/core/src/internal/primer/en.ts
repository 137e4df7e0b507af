/**
 * The built-in primer in English. Every figure comes from the rules table passed in (and LIX's
 * scale from the LIX module), so the primer and the format checks quote the same numbers.
 */
import { type Network, networks } from "../../Draft.js"
import { asOf, type NetworkRulesTable, type Range } from "../../NetworkRules.js"
import type { PrimerEntryId } from "../../Primer.js"
import { lixBandFloors, longWordLetters } from "../lix.js"

type Texts = { readonly [Id in PrimerEntryId]: { readonly title: string; readonly summary: string; readonly body: string } }

let numberFormat: Intl.NumberFormat | undefined
// Made at first use: a number format loads locale data, which a process that never reads the primer should not pay for.
const n = (value: number): string => (numberFormat ??= new Intl.NumberFormat("en-GB")).format(value)
const and = (items: ReadonlyArray<string>): string => new Intl.ListFormat("en-GB", { type: "conjunction" }).format(items)
const list = (lines: ReadonlyArray<string>): string => lines.map((line) => `- ${line}`).join("\n")
const range = ({ max, min }: Range): string => (min === 0 ? `up to ${n(max)}` : `${n(min)}–${n(max)}`)
const unit = (value: number, name: string): string => `${n(value)} ${name}${value === 1 ? "" : "s"}`

/** Seconds as people say them: "90 seconds", "3 minutes", "2 minutes 20 seconds", "12 hours". */
const duration = (seconds: number): string =>
  seconds < 120
    ? unit(seconds, "second")
    : seconds % 3600 === 0 && seconds > 3600
    ? unit(seconds / 3600, "hour")
    : seconds % 60 === 0
    ? unit(seconds / 60, "minute")
    : `${unit(Math.floor(seconds / 60), "minute")} ${unit(seconds % 60, "second")}`

/** The built-in English texts, with the figures of `rules`. */
export const en = (rules: NetworkRulesTable): Texts => {
  const name = (network: Network) => rules[network].name
  const names = (pick: (network: Network) => boolean) => and(networks.filter(pick).map(name))
  const { bluesky, facebook, instagram, linkedin, mastodon, threads, tiktok, x, youtube } = rules
  const lix = lixBandFloors

  return {
    feed: {
      title: "How the feed works",
      summary: "Each network shows people the posts it expects them to stop for, so the first second decides whether yours is seen.",
      body: `Nobody sees everything we post. Each network ranks posts for each person, based on what that person has stopped for, reacted to, commented on and shared before. A post that makes people stop, read and react is shown to more people; a post they scroll past sinks.

What this means for us:
- The first line and the image or video do most of the work. People decide in a second or two.
- Write for one person in the audience, not for the organisation. Start with what matters to them.
- On most networks, comments and shares count for more than likes. A clear question or a useful tip invites both.
- Posting often does not make up for posts nobody stops for. Fewer, better posts usually reach more people.

The networks keep changing how they rank posts, and their limits. The figures in this primer were checked in ${asOf}, and Dugnad's format checks use the same figures.`
    },
    "first-lines": {
      title: "First lines",
      summary: "Put the point of the post in the first line, because most networks cut the text after a line or two.",
      body: `In the feed, most networks show only the start of the text and hide the rest behind "See more". Most people never tap it. So the first line has to carry the message on its own, and make people want to read on.

Where the feed cuts the text (approximately):
${list(networks.flatMap((network) => {
        const at = rules[network].truncatesAt
        return at === undefined ? [] : [`${name(network)}: after about ${n(at)} characters`]
      }))}

${names((network) => rules[network].truncatesAt === undefined)} show the whole post, which is short anyway.

Tips:
- Start with what is new, or with what the reader gets: "The new harbour opens on Saturday", not "The municipality is pleased to announce that …".
- Keep the organisation's name out of the first line. The post is already shown under your name.
- One message per post. If you need two first lines, you need two posts.`
    },
    "plain-language": {
      title: "Plain language",
      summary: "Short sentences and everyday words make more people read to the end.",
      body: `People read posts on their phones, in between other things. Plain language means that the reader understands what we mean the first time they read it. For Norwegian public bodies it is also the law: section 9 of the Language Act (språklova) requires clear, correct and user-adapted language.

- Write short sentences, one point in each.
- Choose everyday words over technical terms and internal names. If you need a term, explain it.
- Write "you" and "we", and use active verbs: "We are closing the road", not "The road will be closed".
- Cut what the reader does not need. Details can go behind a link or in the comments.

Dugnad measures readability with LIX, Björnsson's readability index: the average sentence length plus the percentage of long words (more than ${n(longWordLetters)} letters). Under ${n(lix.easy)} is very easy, ${n(lix.easy)}–${n(lix.medium - 1)} easy, ${n(lix.medium)}–${n(lix.hard - 1)} medium, ${n(lix.hard)}–${n(lix.veryHard - 1)} hard, and ${n(lix.veryHard)} or more very hard. Aim for under ${n(lix.hard)} on social media. LIX is a rough measure (a short text with a few long names can score high), so read the text aloud as well.`
    },
    length: {
      title: "Length",
      summary: "Say one thing well: short posts are read more, and every network has a hard limit.",
      body: `Length is not a goal in itself, but most posts get better when they get shorter. Cut until every sentence earns its place, and put the point first.

The hard limit and Dugnad's recommended length, per network:
${list(networks.map((network) => `${name(network)}: at most ${n(rules[network].hardLimit)} characters, recommended ${range(rules[network].recommendedLength)}`))}

The hard limit is where the network refuses the post. The recommended length is a rule of thumb for the feed: a longer post can work when people want the details (a LinkedIn post about a new job, for example), but then the first line matters even more.

The networks count differently. X counts every link as ${n(x.urlLength ?? 0)} characters and an emoji as two. Mastodon also counts every link as ${n(mastodon.urlLength ?? 0)} characters, and each server can set its own limit. Bluesky counts characters as the reader sees them: an emoji counts as one.`
    },
    visuals: {
      title: "Images, illustrations and video",
      summary: "The image or video decides whether people stop, so choose it first and make sure it works on a small screen.",
      body: `In the feed, people see the image or video before the text. Posts with a good image make people stop more often. On ${names((network) => rules[network].requiredMedia === "any")} you cannot post without an image or a video, and on ${names((network) => rules[network].requiredMedia === "video")} without a video.

- Real people and real places beat stock photos and logos.
- One clear subject that can be seen on a phone.
- Avoid small text in the image. If the image has text, repeat it in the post, because screen readers cannot read it.
- Portrait format fills more of a phone screen than landscape.
- Ask before you photograph people, and get consent from parents or guardians for children.

The most images per post:
${list(networks.flatMap((network) => {
        const max = rules[network].maxImages
        return max === undefined ? [] : [`${name(network)}: ${n(max)}`]
      }))}

${names((network) => rules[network].maxImages === undefined)}: no published limit.`
    },
    "video-length": {
      title: "Video length",
      summary: "Short videos are watched to the end, and the networks show videos that are watched to the end to more people.",
      body: `How much of a video people watch is one of the strongest signals the networks use. Make the first seconds count: show the subject at once, with no logo or title card first. Most people watch without sound, so subtitle everything that is said. For public bodies that is also a requirement (see "Accessibility and universal design").

The longest video per post, and Dugnad's recommended length for the feed:
${list(networks.map((network) => {
        const { maxSeconds, recommendedMaxSeconds, shortFormMaxSeconds } = rules[network].video
        return [
          `${name(network)}: ${maxSeconds === undefined ? "no time limit (the server limits the file size)" : `at most ${duration(maxSeconds)}`}`,
          ...(recommendedMaxSeconds === undefined ? [] : [`recommended up to ${duration(recommendedMaxSeconds)}`]),
          ...(shortFormMaxSeconds === undefined ? [] : [`short vertical videos up to ${duration(shortFormMaxSeconds)}`])
        ].join(", ")
      }))}`
    },
    hashtags: {
      title: "Hashtags",
      summary: "Use a few precise hashtags where they help people find the post, and none where they don't.",
      body: `A hashtag makes a post findable under a topic. Today the networks mostly read the text and the image to understand what a post is about, so many hashtags rarely bring more reach, and they make the text harder to read.

- Use a few precise hashtags that people actually follow or search for, such as the place or the event.
- Start each word with a capital letter (#NewHarbour, not #newharbour), so that screen readers read the words correctly.
- Put them at the end, not in the middle of sentences.

The recommended number per network (and the network's maximum, where it has one):
${list(networks.map((network) => {
        const { max, recommended } = rules[network].hashtags
        return `${name(network)}: ${range(recommended)}${
          max === undefined ? "" : max === recommended.max ? ` (the most ${name(network)} allows)` : ` (at most ${n(max)})`
        }`
      }))}`
    },
    links: {
      title: "Links",
      summary: "Put links where they can be clicked, and expect that posts with links may reach fewer people.",
      body: `Links can be clicked on most networks, but not in the text of posts on ${names((network) => !rules[network].linksClickable)}. There, write "link in bio" and put the link in the profile, or give a short address people can type themselves, such as your front page.

Many networks would rather keep people on the platform, and on several of them posts with links seem to reach fewer people. If the link is not the point, leave it out or put it in a comment.

- Say clearly what people will find behind the link.
- Use the address of the page itself, not a link shortener that hides where the link goes.

Links in the post text can be clicked on ${names((network) => rules[network].linksClickable)}.`
    },
    "alt-text": {
      title: "Alt text",
      summary: "Describe every image, so that people who cannot see it get the same message.",
      body: `Alt text (alternative text) is read aloud by screen readers for people who are blind or have low vision, and shown when an image does not load. Dugnad requires it for every image and illustration.

- Describe what matters in the image for this post, in one or two sentences: "The ferry docks at the new harbour while children wave from the pier."
- Don't start with "Image of". The screen reader already says that it is an image.
- If the image contains text, include the text.
- A file name (IMG_1234.jpg) or a word like "image" is not alt text, and Dugnad will point it out.

For a video, write a short description, and make sure the video has subtitles.

The longest alt text per network:
${list(networks.flatMap((network) => {
        const max = rules[network].altTextMax
        return max === undefined ? [] : [`${name(network)}: ${n(max)} characters`]
      }))}

${names((network) => rules[network].altTextMax === undefined)}: no published limit (on YouTube, subtitles do the job of alt text).`
    },
    accessibility: {
      title: "Accessibility and universal design",
      summary: "Public bodies in Norway must make their digital content accessible, and doing so helps everyone.",
      body: `Universal design of ICT (universell utforming) is required by law in Norway: by the Equality and Anti-Discrimination Act (likestillings- og diskrimineringsloven) and the regulation on universal design of ICT solutions (forskrift om universell utforming av IKT-løsninger), which builds on WCAG 2.1. The Norwegian Digitalisation Agency's Authority for Universal Design of ICT (Uutilsynet) supervises it. The networks own their apps, but what we publish there is our responsibility, as far as the platform allows.

In practice, for every post:
- Alt text on every image and illustration.
- Subtitles on every video, and a description of anything important that can only be seen or only be heard.
- The message in the text, not only in the image.
- Hashtags with a capital letter for each word (#NewHarbour).
- Emoji in moderation, and never instead of words: screen readers read out the name of every emoji.
- No "fancy" Unicode letters (𝗯𝗼𝗹𝗱, 𝘪𝘵𝘢𝘭𝘪𝘤): screen readers cannot read them.
- Enough contrast in images with text, and no information that is given by colour alone.

It helps everyone: subtitles help everyone who watches without sound, and plain language helps everyone in a hurry.`
    },

    facebook: {
      title: "Facebook",
      summary: "Facebook rewards posts that get people talking, especially people who know each other.",
      body: `In Norway, Facebook is still the network with the most users across age groups, and where many follow their municipality, school and local news. The feed favours posts from friends, family and groups, and page posts that get people to comment and share.

What works:
- Practical information people need and pass on: opening hours, road works, events, deadlines.
- People and places they know: the staff, the harbour, the school.
- Questions that are easy to answer in a comment.
- Short vertical videos (Reels), which Facebook also shows to people who don't follow you.

Links to your own website are useful, but a post with a link may reach fewer people than one with an image. Put the key information in the post itself.`
    },
    "facebook-length": {
      title: "Length on Facebook",
      summary: `Facebook allows very long posts, but the feed shows only about the first ${n(facebook.truncatesAt ?? 0)} characters.`,
      body: `Facebook allows up to ${n(facebook.hardLimit)} characters per post. In the feed, only about the first ${n(facebook.truncatesAt ?? 0)} are shown before "See more" (the exact number depends on the screen and on whether the post has an image).

Recommended: ${range(facebook.recommendedLength)} characters, which is one or two short paragraphs. If you need more, put the details on your website or in a comment.`
    },
    instagram: {
      title: "Instagram",
      summary: "Instagram is visual: it rewards images and videos that people stop for, save and share.",
      body: `Every Instagram post needs an image or a video. Reels (vertical videos) are also shown to people who don't follow you, and carousels (up to ${n(instagram.maxImages ?? 0)} images and videos in one post) keep people in the post for longer.

What works:
- One strong image, or a carousel that tells a short story: before and after, step by step, five facts.
- Faces and real places, close up.
- Reels where something happens in the first second.
- A caption that gives the image its context, with the point first.

Shares in direct messages and saves count for a lot. Links in captions cannot be clicked.`
    },
    "instagram-length": {
      title: "Length on Instagram",
      summary: `Captions can be long, but the feed shows only about the first ${n(instagram.truncatesAt ?? 0)} characters.`,
      body: `Instagram allows captions of up to ${n(instagram.hardLimit)} characters. In the feed, only about the first ${n(instagram.truncatesAt ?? 0)} are shown before "more", so the first line has to stand on its own.

Recommended: ${range(instagram.recommendedLength)} characters. A longer caption can work when the image makes people want to read on (a story, a guide), but put the point first and use short paragraphs.`
    },
    "instagram-links": {
      title: "Links on Instagram",
      summary: "Links in Instagram captions cannot be clicked, so use the profile link or a Story instead.",
      body: `On Instagram, a link in a caption or a comment is plain text: nobody can click it, and few will type it in.

Instead:
- Write "link in bio" and put the link in the profile. A profile can hold several links.
- Add a link sticker to a Story.
- Give a short address that people can remember and type, such as your front page. Dugnad only points out links with https:// or a path, not a bare address like that.`
    },
    "instagram-hashtags": {
      title: "Hashtags on Instagram",
      summary: `Use ${range(instagram.hashtags.recommended)} relevant hashtags: Instagram allows ${n(instagram.hashtags.max ?? 0)}, but more does not mean more reach.`,
      body: `Instagram itself advises a few relevant hashtags rather than many. They help Instagram understand the post and let people find it under a topic, but a block of ${n(instagram.hashtags.max ?? 0)} hashtags looks like spam and is hard to read.

- Choose ${range(instagram.hashtags.recommended)} specific hashtags: the place, the event, the subject (#NordnesBath rather than #summer).
- Start each word with a capital letter, for screen readers.
- Put them at the end of the caption.`
    },
    "instagram-video": {
      title: "Video on Instagram",
      summary: `Reels of up to ${duration(instagram.video.shortFormMaxSeconds ?? 0)} can be shown to people who don't follow you; aim for under ${duration(instagram.video.recommendedMaxSeconds ?? 0)}.`,
      body: `Videos posted on Instagram are Reels, and can be up to ${duration(instagram.video.maxSeconds ?? 0)} long. Instagram recommends Reels to people who don't follow you only when they are at most ${duration(instagram.video.shortFormMaxSeconds ?? 0)} long. For most posts, under ${duration(instagram.video.recommendedMaxSeconds ?? 0)} is better: people watch short videos to the end, and that is what Instagram measures.

- Vertical video that fills the screen.
- Show the subject in the first second.
- Subtitles for everything that is said.
- A cover image that also works in the profile grid.`
    },
    linkedin: {
      title: "LinkedIn",
      summary: "LinkedIn rewards posts that people in the field comment on and spend time reading.",
      body: `LinkedIn is where colleagues, partners, job seekers and people in the field meet. The feed rewards posts that get thoughtful comments early and that people spend time reading, and it shows posts from people more than posts from company pages.

What works:
- Expertise: what we learned, what we do and why, figures that matter.
- People: new colleagues, teams at work, behind the scenes.
- Vacancies, told through the people who do the job.
- Posts written or shared by employees themselves, which reach further than the page alone.
- Documents (PDF carousels) and video uploaded directly to LinkedIn.

Write for people in the field, but in plain language. LinkedIn is no excuse for jargon.`
    },
    "linkedin-length": {
      title: "Length on LinkedIn",
      summary: `LinkedIn allows ${n(linkedin.hardLimit)} characters, but shows only about the first ${n(linkedin.truncatesAt ?? 0)} before "…more".`,
      body: `A LinkedIn post can have up to ${n(linkedin.hardLimit)} characters. The feed shows about the first ${n(linkedin.truncatesAt ?? 0)} before "…more" on a computer, and fewer in the mobile app, so the first line decides whether people open the rest.

Recommended: ${range(linkedin.recommendedLength)} characters. LinkedIn is one of the few networks where longer posts can do well, if they give the reader something. Use short paragraphs with a blank line between them.`
    },
    "linkedin-hashtags": {
      title: "Hashtags on LinkedIn",
      summary: `Hashtags matter little on LinkedIn now: use ${range(linkedin.hashtags.recommended)}, or none.`,
      body: `LinkedIn gives hashtags less weight than it used to, and reads the text itself to find out what a post is about. Use ${range(linkedin.hashtags.recommended)} hashtags at the end of the post, for the subject or the event, and start each word with a capital letter.`
    },
    tiktok: {
      title: "TikTok",
      summary: "TikTok shows videos to people who don't follow you, based on how much of each video they watch.",
      body: `On TikTok, the For You feed decides almost everything: a new account can reach many people if the video holds their attention. TikTok looks at whether people watch to the end, watch again, comment and share.

What works:
- People talking straight to the camera, in their own words.
- Behind the scenes: a day at work, how something is done, the answer to a question people ask.
- Something happening in the first second: no intro, no logo.
- Subtitles and text on screen, because many watch without sound.
- Trends and sounds, when they suit who you are.

Every post needs a video or photos (a photo post). Links in captions cannot be clicked. Many young people search on TikTok, so say what the video is about in the caption and on screen.`
    },
    "tiktok-length": {
      title: "Length on TikTok",
      summary: `The video is the message: keep the caption short, even though TikTok allows ${n(tiktok.hardLimit)} characters.`,
      body: `TikTok allows captions of up to ${n(tiktok.hardLimit)} characters, but shows only about the first ${n(tiktok.truncatesAt ?? 0)} over the video. The caption supports the video; it does not replace it.

Recommended: ${range(tiktok.recommendedLength)} characters. Say what the video is about in the words people would search for, and put the most important words first.`
    },
    "tiktok-links": {
      title: "Links on TikTok",
      summary: "Links in TikTok captions and comments cannot be clicked.",
      body: `On TikTok, a link in a caption is plain text. Put the link in the profile instead (business accounts, and accounts with enough followers, can add one), or say the address in the video and show it on screen. Keep it short and easy to remember.`
    },
    "tiktok-video": {
      title: "Video on TikTok",
      summary: "TikTok accepts long videos, but short ones that are watched to the end reach the most people.",
      body: `You can upload videos of up to ${duration(tiktok.video.maxSeconds ?? 0)} on TikTok. What decides the reach is how much of the video people watch, so most videos from an organisation should be under ${duration(tiktok.video.recommendedMaxSeconds ?? 0)}.

- Start with the most interesting moment, not with a greeting.
- One point per video.
- Subtitles or text on screen.
- Longer videos work when people came for them: a full explanation, a guide.`
    },
    youtube: {
      title: "YouTube",
      summary: "YouTube is a search engine for video: titles, thumbnails and how long people watch decide what it shows.",
      body: `YouTube works differently from the feeds: people search for something, and YouTube suggests the next video. A good video can be found for years.

What works:
- Videos that answer a question people actually search for: how to apply, how something works.
- A clear title that says what the viewer gets, and a thumbnail that can be read on a phone.
- The point early: viewers leave when the start is slow.
- Shorts (vertical videos of up to ${duration(youtube.video.shortFormMaxSeconds ?? 0)}) to reach new viewers.
- Corrected subtitles. Automatic captions are a start, but they get names and terms wrong.

Every YouTube post is a video; the description helps people find it.`
    },
    "youtube-length": {
      title: "Descriptions on YouTube",
      summary: `People see about the first ${n(youtube.truncatesAt ?? 0)} characters of a description, so those should say what the video gives them.`,
      body: `A YouTube description can have up to ${n(youtube.hardLimit)} characters. Viewers see only about the first ${n(youtube.truncatesAt ?? 0)} before "…more", and search results show even less. Start with what the video is about, in the words people search for.

Recommended: ${range(youtube.recommendedLength)} characters. Below the first lines there is room for details: links (they can be clicked), chapters with timestamps, and credits. The video title has its own, shorter limit, which Dugnad does not check.`
    },
    "youtube-video": {
      title: "Video on YouTube",
      summary: `Shorts are vertical videos of up to ${duration(youtube.video.shortFormMaxSeconds ?? 0)}; other videos can be up to ${duration(youtube.video.maxSeconds ?? 0)} on a verified account.`,
      body: `YouTube has two formats:
- Shorts: vertical videos of up to ${duration(youtube.video.shortFormMaxSeconds ?? 0)}, shown in the Shorts feed, also to people who don't subscribe.
- Ordinary videos: up to ${duration(youtube.video.maxSeconds ?? 0)} on a verified account (until the account is verified, the limit is lower).

On YouTube, length is not a problem in itself: what counts is whether people keep watching. Cut everything that does not help the viewer. For both formats: the point early, corrected subtitles, and a title and thumbnail that promise what the video delivers.`
    },
    x: {
      title: "X",
      summary: "X is fast and public: short posts about news and debate, read by journalists, politicians and people who follow a subject closely.",
      body: `X moves fast. The For You feed mixes posts from accounts you follow with posts the algorithm picks, and a post lives for a few hours at most.

What works:
- Short, clear posts about something that is happening now.
- Replies and quotes: X is a conversation.
- An image or a short video.
- A thread (several posts in a row) when you need more room.

Posts with links have been reported to reach fewer people. Many organisations have reconsidered their use of X in recent years, so check that your audience is still there.`
    },
    "x-length": {
      title: "Length on X",
      summary: `A post on X can have at most ${n(x.hardLimit)} characters without Premium, and every link counts as ${n(x.urlLength ?? 0)}.`,
      body: `X counts characters in its own way:
- every link counts as ${n(x.urlLength ?? 0)} characters, however long it is;
- an emoji, and letters in some scripts such as Chinese and Japanese, count as two;
- Norwegian letters (æ, ø, å) count as one.

Without Premium the limit is ${n(x.hardLimit)}. Premium accounts can write longer posts, but the feed shows only the start of them. Recommended: ${range(x.recommendedLength)} characters, which leaves room for people to quote you.`
    },
    "x-hashtags": {
      title: "Hashtags on X",
      summary: `X advises using ${range(x.hashtags.recommended)} hashtags per post.`,
      body: `On X, a hashtag links the post to a conversation or an event. X's own advice is to use no more than ${n(x.hashtags.recommended.max)}. Use the hashtag people are actually using for the event (check before you post), and leave out the rest.`
    },
    threads: {
      title: "Threads",
      summary: "Threads is Meta's text network, where replies and conversation decide what is shown.",
      body: `Threads looks like X and is tied to Instagram: your Instagram followers can follow you there with one tap. The feed rewards posts that get replies, and shows many posts from accounts people don't follow.

What works:
- A question or a short opinion that invites an answer.
- Answering replies, quickly and as a person.
- Images and short videos, as on Instagram.
- A topic tag to join a conversation (see "Hashtags on Threads").

Posts can also be shared to the fediverse (Mastodon and others) if you turn that on.`
    },
    "threads-length": {
      title: "Length on Threads",
      summary: `A post on Threads can have up to ${n(threads.hardLimit)} characters, and is shown in full.`,
      body: `Threads allows ${n(threads.hardLimit)} characters per post and shows the whole post in the feed, so there is no "See more" to hide behind. Recommended: ${range(threads.recommendedLength)} characters. Need more room? Reply to your own post to make a thread, with one point in each part.`
    },
    "threads-hashtags": {
      title: "Hashtags on Threads",
      summary: `Threads allows at most ${n(threads.hashtags.max ?? 0)} topic tag per post.`,
      body: `On Threads, a hashtag becomes a topic tag, and a post can have at most ${n(threads.hashtags.max ?? 0)}. The tag puts the post into the conversation on that topic, so choose the one that fits best. Further # words do not become tags.`
    },
    bluesky: {
      title: "Bluesky",
      summary: "Bluesky shows people what they choose: the accounts they follow and the feeds they pick.",
      body: `Bluesky has no single algorithm. Most people read the Following feed (newest first) or custom feeds made by others, for a subject, a place or a profession. Many researchers and journalists are there, and many who left X.

What works:
- Posts from real people in the organisation, written as people.
- Links: Bluesky shows a link card, and is not known to give posts with links less reach.
- Images with good alt text. The community notices when it is missing.
- Taking part in the feeds for your field or your region.

Posts are short: at most ${n(bluesky.hardLimit)} characters.`
    },
    "bluesky-length": {
      title: "Length on Bluesky",
      summary: `A post on Bluesky can have at most ${n(bluesky.hardLimit)} characters, counted as the reader sees them.`,
      body: `Bluesky counts characters as the reader sees them (graphemes). An emoji counts as one, even one made of several parts such as a family or a flag, and so do æ, ø and å. The limit is ${n(bluesky.hardLimit)}.

Links count as the text you see, but the Bluesky app shortens long links in the post. Recommended: ${range(bluesky.recommendedLength)} characters.`
    },
    mastodon: {
      title: "Mastodon",
      summary: "Mastodon has no algorithm: people see posts from those they follow, newest first, and find new ones through hashtags and boosts.",
      body: `Mastodon is a network of independent servers (instances) that talk to each other. There is no algorithm: the home feed shows posts from the accounts you follow, in time order, and posts travel when people boost (share) them.

What works:
- Being a person, not a broadcast: answer replies, and boost others.
- Hashtags, which is how people find posts about a topic.
- Alt text on every image. Many Mastodon users don't boost images without it.
- Content warnings (CW) on subjects some would rather not see without a warning.`
    },
    "mastodon-length": {
      title: "Length on Mastodon",
      summary: `Mastodon allows ${n(mastodon.hardLimit)} characters by default, but each server can set its own limit.`,
      body: `Most Mastodon servers allow ${n(mastodon.hardLimit)} characters per post; some allow more. Every link counts as ${n(mastodon.urlLength ?? 0)} characters, and a mention of someone on another server counts only the name (@kari, not @kari@example.social). Posts are shown in full.

Recommended: ${range(mastodon.recommendedLength)} characters. Dugnad checks against the default limit.`
    },
    "mastodon-hashtags": {
      title: "Hashtags on Mastodon",
      summary: `On Mastodon, hashtags are how people find posts, so use ${range(mastodon.hashtags.recommended)} that people follow.`,
      body: `Mastodon has no algorithm that finds an audience for you. People follow hashtags and search for them, so a relevant hashtag is often how a post reaches beyond your followers.

- Use ${range(mastodon.hashtags.recommended)} hashtags, at the end of the post.
- Start each word with a capital letter (#NewHarbour). Mastodon users expect it, and screen readers need it.`
    }
  }
}

/**
 * Characters as a reader sees them (an emoji, a flag or "å" is one): one segmenter for the core,
 * made at first use, since making it loads ICU data that a process which never counts characters
 * should not pay for at start-up.
 */
let segmenter: Intl.Segmenter | undefined

/** The grapheme clusters of `text`. */
export const graphemesOf = (text: string): Intl.Segments =>
  (segmenter ??= new Intl.Segmenter("und", { granularity: "grapheme" })).segment(text)

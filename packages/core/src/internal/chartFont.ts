import { readFileSync } from "node:fs"

/** What a chart needs to know of a font: which characters it has, and how wide a text is. */
export interface FontMetrics {
  readonly has: (codePoint: number) => boolean
  /** The width of `text` set at `fontSize` pixels, in pixels. */
  readonly width: (text: string, fontSize: number) => number
}

/**
 * A TrueType font's characters and advance widths (its `cmap` format 12 and `hmtx` tables), read
 * from the file; widths are without kerning. Vega lays a chart out from text widths, and without a
 * canvas it guesses 0.8 em a character, which leaves wide gaps beside labels set in DejaVu Sans.
 * Throws when the file lacks one of those tables (DejaVu Sans has them all).
 */
export const fontMetrics = (file: string): FontMetrics => {
  const font = readFileSync(file)
  const u16 = (at: number) => font.readUInt16BE(at)
  const u32 = (at: number) => font.readUInt32BE(at)
  const tables = new Map<string, number>()
  for (let i = 0, n = u16(4); i < n; i++) {
    const record = 12 + 16 * i
    tables.set(font.toString("latin1", record, record + 4), u32(record + 8))
  }
  const head = tables.get("head")
  const hhea = tables.get("hhea")
  const hmtx = tables.get("hmtx")
  const cmap = tables.get("cmap")
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined) {
    throw new Error(`${file}: not a TrueType font with head, hhea, hmtx and cmap tables`)
  }
  const unitsPerEm = u16(head + 18)
  const longMetrics = u16(hhea + 34)
  // Glyphs past the long metrics share the last advance (monospaced tails).
  const advance = (glyph: number) => u16(hmtx + 4 * Math.min(glyph, longMetrics - 1))
  let groups: number | undefined
  for (let i = 0, n = u16(cmap + 2); i < n; i++) {
    const record = cmap + 4 + 8 * i
    const subtable = cmap + u32(record + 4)
    // Windows, full Unicode: the one map that reaches past the Basic Multilingual Plane.
    if (u16(record) === 3 && u16(record + 2) === 10 && u16(subtable) === 12) groups = subtable
  }
  if (groups === undefined) throw new Error(`${file}: no full-Unicode (format 12) character map`)
  const widths = new Map<number, number>()
  for (let i = 0, n = u32(groups + 12); i < n; i++) {
    const group = groups + 16 + 12 * i
    const start = u32(group)
    for (let codePoint = start, end = u32(group + 4), glyph = u32(group + 8); codePoint <= end; codePoint++, glyph++) {
      widths.set(codePoint, advance(glyph) / unitsPerEm)
    }
  }
  // A character the font lacks takes the width of its "missing" glyph, as the renderer draws it.
  const missing = advance(0) / unitsPerEm
  return {
    has: (codePoint) => widths.has(codePoint),
    width: (text, fontSize) => {
      let em = 0
      for (const char of text) em += widths.get(char.codePointAt(0) ?? 0) ?? missing
      return em * fontSize
    }
  }
}

/** One line of a diff: kept, added or removed. */
export interface DiffLine {
  readonly op: "same" | "added" | "removed"
  readonly text: string
}

/**
 * A line diff by longest common subsequence. Drafts are short (a post, not a codebase), so the
 * quadratic table is small and the result is the minimal, readable diff.
 */
export const lineDiff = (before: string, after: string): ReadonlyArray<DiffLine> => {
  const a = before.split("\n")
  const b = after.split("\n")
  const width = b.length + 1
  const common = new Uint32Array((a.length + 1) * width)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i * width + j] = a[i] === b[j]
        ? common[(i + 1) * width + j + 1]! + 1
        : Math.max(common[(i + 1) * width + j]!, common[i * width + j + 1]!)
    }
  }
  const lines: Array<DiffLine> = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ op: "same", text: a[i]! })
      i++
      j++
    } else if (common[(i + 1) * width + j]! >= common[i * width + j + 1]!) {
      lines.push({ op: "removed", text: a[i++]! })
    } else {
      lines.push({ op: "added", text: b[j++]! })
    }
  }
  while (i < a.length) lines.push({ op: "removed", text: a[i++]! })
  while (j < b.length) lines.push({ op: "added", text: b[j++]! })
  return lines
}

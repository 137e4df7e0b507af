import type { RecordedEvent } from "../EventStore.js"
import type { ItemState } from "../Item.js"
import { type ItemProjection, project } from "../Projection.js"
import { evolve, initialState } from "../Workflow.js"

/** Folds events (in log order) per item and keeps what the read models need. */
export class Replay {
  private readonly items = new Map<string, { last: RecordedEvent; state: ItemState }>()

  add(entry: RecordedEvent): void {
    const key = `${entry.workspace}\u0000${entry.stream}`
    const state = evolve(this.items.get(key)?.state ?? initialState, entry.event)
    this.items.set(key, { last: entry, state })
  }

  get size(): number {
    return this.items.size
  }

  projections(): Array<ItemProjection> {
    const result: Array<ItemProjection> = []
    for (const { last, state } of this.items.values()) {
      const projection = project(last.workspace, last.stream, state, last.version, last.event.at)
      if (projection !== undefined) result.push(projection)
    }
    return result
  }
}

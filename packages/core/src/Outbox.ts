/**
 * The outbox port: notifications written atomically with the events that caused them, then
 * claimed and delivered by a dispatcher at least once. A row that fails is retried later; a row
 * that keeps failing is parked, visible in `list`, and never dropped. The in-memory outbox comes
 * with `EventStore.layerMemory`, because rows and events share one transaction.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as DateTime from "effect/DateTime"
import type * as Effect from "effect/Effect"
import type { WorkspaceId } from "./Ids.js"
import type { OutboxMessage, Reminder } from "./Notification.js"

/**
 * Where an outbox row stands: waiting (`pending`, due at `nextAttemptAt`), being delivered by a
 * dispatcher (`claimed`, until its lease runs out), `delivered`, or `parked` after too many failures.
 *
 * @since 0.1.0
 * @category model
 */
export type DeliveryStatus = "pending" | "claimed" | "delivered" | "parked"

/**
 * An outbox row with its delivery state.
 *
 * @since 0.1.0
 * @category model
 */
export interface OutboxEntry {
  readonly notification: OutboxMessage
  readonly status: DeliveryStatus
  readonly attempts: number
  readonly nextAttemptAt: DateTime.Utc
  readonly lastError: string | undefined
}

/**
 * How long a claim lasts. A dispatcher that dies holding rows loses them to another after this.
 *
 * @since 0.1.0
 * @category configuration
 */
export const claimLease = "1 minute"

/**
 * What an outbox does.
 *
 * @since 0.1.0
 * @category port
 */
export interface OutboxService {
  /**
   * Adds reminders as pending rows, due now, skipping any whose id the outbox already holds (in
   * any status): an occasion is taken once. Returns the ids that were added.
   */
  readonly enqueue: (reminders: ReadonlyArray<Reminder>) => Effect.Effect<ReadonlyArray<string>>
  /** Every row of a workspace, oldest first, with its status. */
  readonly list: (workspace: WorkspaceId) => Effect.Effect<ReadonlyArray<OutboxEntry>>
  /**
   * Claims up to `limit` rows, oldest first: pending rows that are due, and claimed rows whose
   * lease ran out. Two dispatchers never hold the same row at once.
   */
  readonly claim: (limit: number) => Effect.Effect<ReadonlyArray<OutboxEntry>>
  /** Marks claimed rows delivered. */
  readonly markDelivered: (ids: ReadonlyArray<string>) => Effect.Effect<void>
  /** Returns a claimed row to pending after a failed delivery, due again at `at`. */
  readonly retryLater: (id: string, error: string, at: DateTime.Utc) => Effect.Effect<void>
  /** Parks a claimed row that keeps failing: kept and listed, not retried until unparked. */
  readonly park: (id: string, error: string) => Effect.Effect<void>
  /** Makes parked rows of a workspace pending again, due now. */
  readonly unpark: (workspace: WorkspaceId, ids: ReadonlyArray<string>) => Effect.Effect<void>
}

/**
 * The outbox port.
 *
 * @since 0.1.0
 * @category port
 */
export class Outbox extends Context.Tag("@dugnad/core/Outbox")<Outbox, OutboxService>() {}

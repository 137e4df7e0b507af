/**
 * The outbox port: notifications written atomically with the events that caused them, claimed and
 * delivered by a dispatcher at least once. The in-memory outbox comes with
 * `EventStore.layerMemory`, because rows and events share one transaction.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { WorkspaceId } from "./Ids.js"
import type { Notification } from "./Notification.js"

/**
 * Where an outbox row stands.
 *
 * @since 0.1.0
 * @category model
 */
export type DeliveryStatus = "pending" | "claimed" | "delivered"

/**
 * An outbox row with its delivery status.
 *
 * @since 0.1.0
 * @category model
 */
export interface OutboxEntry {
  readonly notification: Notification
  readonly status: DeliveryStatus
  readonly attempts: number
}

/**
 * What an outbox does.
 *
 * @since 0.1.0
 * @category port
 */
export interface OutboxService {
  /** Every row of a workspace, oldest first, with its status. */
  readonly list: (workspace: WorkspaceId) => Effect.Effect<ReadonlyArray<OutboxEntry>>
  /** Claims up to `limit` pending rows (oldest first) for delivery. */
  readonly claim: (limit: number) => Effect.Effect<ReadonlyArray<Notification>>
  /** Marks claimed rows delivered. */
  readonly markDelivered: (ids: ReadonlyArray<string>) => Effect.Effect<void>
  /** Returns claimed rows to pending after a failed delivery. */
  readonly release: (ids: ReadonlyArray<string>) => Effect.Effect<void>
}

/**
 * The outbox port.
 *
 * @since 0.1.0
 * @category port
 */
export class Outbox extends Context.Tag("@dugnad/core/Outbox")<Outbox, OutboxService>() {}

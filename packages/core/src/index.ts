/**
 * `@dugnad/core`: the content workflow of Dugnad as a pure decider, with the Effect services that
 * store, notify and query around it. Each module is a namespace; import what you need:
 *
 * ```ts
 * import { Commands, Meetings, Messages, Workflow } from "@dugnad/core"
 * ```
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Calendar from "./Calendar.js"
/** @since 0.1.0 */
export * as ChatAction from "./ChatAction.js"
/** @since 0.1.0 */
export * as ChatCommands from "./ChatCommands.js"
/** @since 0.1.0 */
export * as ChatView from "./ChatView.js"
/** @since 0.1.0 */
export * as Commands from "./Commands.js"
/** @since 0.1.0 */
export * as Directory from "./Directory.js"
/** @since 0.1.0 */
export * as Dispatcher from "./Dispatcher.js"
/** @since 0.1.0 */
export * as Draft from "./Draft.js"
/** @since 0.1.0 */
export * as Errors from "./Errors.js"
/** @since 0.1.0 */
export * as EventStore from "./EventStore.js"
/** @since 0.1.0 */
export * as FormatChecks from "./FormatChecks.js"
/** @since 0.1.0 */
export * as Ids from "./Ids.js"
/** @since 0.1.0 */
export * as Item from "./Item.js"
/** @since 0.1.0 */
export * as ItemCommand from "./ItemCommand.js"
/** @since 0.1.0 */
export * as ItemEvent from "./ItemEvent.js"
/** @since 0.1.0 */
export * as Lease from "./Lease.js"
/** @since 0.1.0 */
export * as Meeting from "./Meeting.js"
/** @since 0.1.0 */
export * as MeetingStore from "./MeetingStore.js"
/** @since 0.1.0 */
export * as Meetings from "./Meetings.js"
/** @since 0.1.0 */
export * as Member from "./Member.js"
/** @since 0.1.0 */
export * as Messages from "./Messages.js"
/** @since 0.1.0 */
export * as NetworkRules from "./NetworkRules.js"
/** @since 0.1.0 */
export * as Notification from "./Notification.js"
/** @since 0.1.0 */
export * as Notifier from "./Notifier.js"
/** @since 0.1.0 */
export * as Outbox from "./Outbox.js"
/** @since 0.1.0 */
export * as Primer from "./Primer.js"
/** @since 0.1.0 */
export * as Projection from "./Projection.js"
/** @since 0.1.0 */
export * as Queries from "./Queries.js"
/** @since 0.1.0 */
export * as ReadModel from "./ReadModel.js"
/** @since 0.1.0 */
export * as Recurrence from "./Recurrence.js"
/** @since 0.1.0 */
export * as Scheduler from "./Scheduler.js"
/** @since 0.1.0 */
export * as Reports from "./Reports.js"
/** @since 0.1.0 */
export * as Results from "./Results.js"
/** @since 0.1.0 */
export * as ResultsChart from "./ResultsChart.js"
/** @since 0.1.0 */
export * as ResultsContext from "./ResultsContext.js"
/** @since 0.1.0 */
export * as ResultsImport from "./ResultsImport.js"
/** @since 0.1.0 */
export * as Team from "./Team.js"
/** @since 0.1.0 */
export * as Workflow from "./Workflow.js"

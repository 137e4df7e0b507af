/**
 * The Discord adapter for Dugnad: the `/dugnad` command, buttons and modals on the core's chat
 * views, notifications from the outbox in each item's thread, over the gateway or the
 * HTTP-interactions endpoint.
 *
 * @since 0.1.0
 */
export * as Bot from "./Bot.js"
export * as Config from "./Config.js"
export * as Deadline from "./Deadline.js"
export * as Delivery from "./Delivery.js"
export * as HttpInteractions from "./HttpInteractions.js"
export * as Guilds from "./Guilds.js"
export * as Identity from "./Identity.js"
export * as Interactions from "./Interactions.js"
export * as Main from "./Main.js"
export * as Notifier from "./Notifier.js"
export * as Reminders from "./Reminders.js"
export * as Render from "./Render.js"
export * as ScheduledEvents from "./ScheduledEvents.js"
export * as SlashCommands from "./SlashCommands.js"
export * as SlashHandlers from "./SlashHandlers.js"

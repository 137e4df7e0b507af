/**
 * The Mattermost adapter for Dugnad: the running bot (`Bot`, `Main`: `dugnad-mattermost` and
 * `dugnad mattermost`), the `/dugnad` command line and its requests to the core's `ChatCommands`,
 * its HTTP endpoints (slash commands, buttons with signed contexts, dialogs), rendering of the
 * core's chat views as posts and dialogs, identity and roles, the notifier over the bot account,
 * the scheduler, and the bot's WebSocket events.
 *
 * @since 0.1.0
 */
export * as Bot from "./Bot.js"
export * as CommandLine from "./CommandLine.js"
export * as Config from "./Config.js"
export * as Delivery from "./Delivery.js"
export * as Events from "./Events.js"
export * as Hmac from "./Hmac.js"
export * as Http from "./Http.js"
export * as Identity from "./Identity.js"
export * as Main from "./Main.js"
export * as Notifier from "./Notifier.js"
export * as Reminders from "./Reminders.js"
export * as Render from "./Render.js"
export * as Slash from "./Slash.js"
export * as Text from "./Text.js"

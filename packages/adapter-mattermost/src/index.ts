/**
 * The Mattermost adapter for Dugnad: the `/dugnad` slash command over HTTP, interactive messages
 * and dialogs on the core's chat views, and notifications through the bot account.
 *
 * @since 0.1.0
 */
export {}

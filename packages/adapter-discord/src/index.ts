/**
 * The Discord adapter for Dugnad. The modules are being written; see test/fake for the fake Discord
 * server the adapter is tested against.
 *
 * @since 0.1.0
 */
export {}

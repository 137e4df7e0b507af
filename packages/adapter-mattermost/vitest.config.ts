import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "adapter-mattermost",
    include: ["test/**/*.test.ts"],
    // The tests run the real @mattermost/client against a fake Mattermost on 127.0.0.1.
    testTimeout: 30_000
  }
})

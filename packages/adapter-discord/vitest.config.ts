import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "adapter-discord",
    include: ["test/**/*.test.ts"],
    // The tests run the real discord.js Client against a fake Discord on 127.0.0.1.
    testTimeout: 30_000
  }
})

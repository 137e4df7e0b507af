import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "cli",
    include: ["test/**/*.test.ts"],
    // The end-to-end test runs the built binary many times over.
    testTimeout: 120_000
  }
})

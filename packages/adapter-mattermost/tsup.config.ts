import { defineConfig } from "tsup"

// As @dugnad/core: one entry per public module (`@dugnad/adapter-mattermost/Main`, `…/Bot`), ES
// modules, dependencies (@mattermost/client, ws, Effect, the core) left to node_modules. Declarations come from
// tsc (tsconfig.build.json).
export default defineConfig({
  entry: ["src/*.ts"],
  format: ["esm"],
  tsconfig: "tsconfig.src.json",
  dts: false,
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
  splitting: true,
  treeshake: true
})

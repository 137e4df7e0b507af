import { defineConfig } from "tsup"

// One entry per public module, so `@dugnad/core/Workflow` can be imported on its own.
export default defineConfig({
  entry: ["src/*.ts"],
  format: ["esm"],
  tsconfig: "tsconfig.src.json",
  // tsup's declaration build is a single program; project references are for `tsc -b` only.
  dts: { compilerOptions: { composite: false, incremental: false } },
  clean: true,
  sourcemap: true,
  target: "node20",
  splitting: true,
  treeshake: true
})

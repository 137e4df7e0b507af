import { defineConfig } from "tsup"

// One entry per public module, so `@dugnad/core/Workflow` can be imported on its own.
export default defineConfig({
  entry: ["src/*.ts"],
  format: ["esm"],
  tsconfig: "tsconfig.src.json",
  // Declarations come from tsc (tsconfig.build.json): tsup's bundled declarations drop one side of
  // names that are both a value and a type (every Schema here), which `export * as` then loses.
  dts: false,
  clean: true,
  sourcemap: true,
  target: "node20",
  splitting: true,
  treeshake: true
})

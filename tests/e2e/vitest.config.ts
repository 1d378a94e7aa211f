import { defineConfig } from "vitest/config";

// The end-to-end suite: one real app at a time, so files run one after another.
export default defineConfig({
  test: {
    root: "tests/e2e",
    include: ["**/*.e2e.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

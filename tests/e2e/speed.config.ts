import { defineConfig } from "vitest/config";

// Speed figures on the real app (`make bench-ui`): not tests, so not in `make test`.
export default defineConfig({
  test: {
    root: "tests/e2e",
    include: ["**/*.speed.ts"],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});

/**
 * `npm run test:stress` (issue #11 item 8, decision 020): the long tests in
 * tests/stress, which take minutes and are not part of `npm test`. They drive
 * the production build like the e2e tests, with the same global setup (the
 * seeded template database) and the e2e support files, one file at a time.
 */
import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(__dirname, "app") };

export default defineConfig({
  resolve: { alias },
  test: {
    name: "stress",
    include: ["tests/stress/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    environment: "node",
    // Each file starts its own server (and perhaps a browser); they run one at a time, as in e2e.
    pool: "forks",
    poolOptions: { forks: { singleFork: true } },
    testTimeout: 15 * 60_000,
    hookTimeout: 120_000,
  },
});

import fs from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect } from "vitest";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe with the WCAG 2.1 A and AA rules and fails on any violation. */
export async function expectNoAxeViolations(page: Page) {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
  // govern; an inline <script> tag would (rightly) be blocked without the page's nonce.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map((v: { id: string; help: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  expect(violations, `axe på ${page.url()}`).toEqual([]);
}

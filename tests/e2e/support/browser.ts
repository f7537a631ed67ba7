/**
 * Debian's Chromium through playwright-core. No test tool may download a
 * browser of its own: there is no internet here.
 */
import fs from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium saknas på ${CHROMIUM}: installera med 'apt-get install -y chromium' (.ci/run gör det).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export const DEMO_PASSWORD = "Processtod-demo-2026";
export const DEMO = {
  admin: "processledare@ifous.example",
  huddinge: "samordnare@huddinge.example",
  botkyrka: "samordnare@botkyrka.example",
  nacka: "samordnare@nacka.example",
  sponsor: "uppdragsgivare@uph.example",
} as const;

/** Signs in through the form, as a person would, and waits for the start page. */
export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/logga-in`);
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/logga-in")),
    page.getByRole("button", { name: "Logga in" }).click(),
  ]);
}


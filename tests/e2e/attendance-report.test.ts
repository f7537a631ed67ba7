/**
 * The attendance page of a series and the printable attendance list, as
 * Botkyrka's coordinator uses them: figures that match the database, a
 * matrix that names substitutes, a CSV download, and a list that prints on A4
 * without the site's navigation.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TMP_DIR } from "../support/paths";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO, launchBrowser, signIn } from "./support/browser";
import { expectHeading, fold, newPage, settle, tableRows, textOf, visibleText } from "./support/page";
import { dbAll, dbGet, watchBrowserErrors } from "./support/planning";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let browserErrors: string[] = [];

/** Where the screenshots go for a person to look at; SCREENSHOT_DIR moves them out of tests/.tmp, which each run empties. */
const SCREENSHOTS = process.env.SCREENSHOT_DIR || path.join(TMP_DIR, "screenshots");
const SERIES = "Processtöd skolnärvaro Botkyrka";

beforeAll(async () => {
  server = await startServer("e2e-attendance-report");
  browser = await launchBrowser();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  ({ context, page } = await newPage(browser));
  browserErrors = watchBrowserErrors(context);
});

afterEach(async () => {
  await context?.close();
  expect(browserErrors, "fel i webbläsaren").toEqual([]);
});

const botkyrkaId = () => dbGet<{ id: number }>(server.databaseFile, "select id from series where name = ?", SERIES)!.id;
const sessionIds = (seriesId: number) =>
  dbAll<{ id: number }>(server.databaseFile, "select id from series_sessions where series_id = ? order by position", seriesId).map(
    (r) => r.id,
  );

/** "44,0 %" the way the page writes it (non-breaking space folded to a space by `fold`). */
const percent = (part: number, whole: number) => `${(Math.round((part / whole) * 1000) / 10).toFixed(1).replace(".", ",")} %`;

describe("the attendance page of a series", () => {
  it("is reached from the series page and shows the continuity the database holds, with no axe violations", async () => {
    await signIn(page, server.url, DEMO.botkyrka);
    const id = botkyrkaId();
    await page.goto(`${server.url}/serier/${id}`);
    await page.getByRole("link", { name: "Närvaro", exact: true }).click();
    await page.waitForURL(`**/serier/${id}/narvaro`);
    await settle(page);
    await expectHeading(page, `Närvaro: ${SERIES}`);

    // Continuity straight from the server's database, over the three seminars held.
    const seats = dbAll<{ filled: number; self: number }>(
      server.databaseFile,
      `select
         (select count(*) from attendance a join series_sessions s on s.id = a.series_session_id
           where s.series_id = e.series_id and s.kind = 'seminarium' and a.person_id = e.person_id and a.status in ('narvarande', 'sen', 'ersatt')) as filled,
         (select count(*) from attendance a join series_sessions s on s.id = a.series_session_id
           where s.series_id = e.series_id and s.kind = 'seminarium' and a.person_id = e.person_id and a.status in ('narvarande', 'sen')) as self
       from enrolments e where e.series_id = ? and e.status = 'anmald'`,
      id,
    );
    const seatsEvery = seats.filter((s) => s.filled === 3).length;
    const peopleEvery = seats.filter((s) => s.self === 3).length;
    expect(await textOf(page.getByTestId("seat-continuity"))).toBe(
      `${seatsEvery} av ${seats.length} platser (${percent(seatsEvery, seats.length)})`,
    );
    expect(await textOf(page.getByTestId("person-continuity"))).toBe(
      `${peopleEvery} av ${seats.length} personer (${percent(peopleEvery, seats.length)})`,
    );
    expect(seats).toHaveLength(75);

    // Drop-off in social services, seminar 1 → 3, from the same database.
    const present = (session: number) =>
      dbGet<{ n: number }>(
        server.databaseFile,
        "select count(*) as n from attendance a join people p on p.id = a.person_id where a.series_session_id = ? and p.sector = 'socialtjanst' and a.status in ('narvarande', 'sen')",
        session,
      )!.n;
    const [s1, , s3] = sessionIds(id);
    const social = (await tableRows(page.locator("#drop-off"))).find((r) => r[0] === "Socialtjänst")!;
    const [first, last] = [present(s1), present(s3)];
    expect(social).toEqual(["Socialtjänst", String(first), String(last), String(first - last), percent(first - last, first)]);

    // The matrix: 75 enrolled plus the substitute, who says whom she replaced.
    const rows = await tableRows(page.locator("#matrix"));
    expect(rows).toHaveLength(76);
    const replaced = dbGet<{ name: string }>(
      server.databaseFile,
      "select p.name from attendance a join people p on p.id = a.substitute_for_person_id where a.series_id = ?",
      id,
    )!.name;
    const sanna = rows.find((r) => r[0].startsWith("Sanna Ersättare"))!;
    expect(sanna[0]).toBe("Sanna Ersättare ej anmäld till serien");
    expect(sanna.slice(3)).toEqual(["– Ej markerad", `N Närvarande ersättare för ${replaced}`, "– Ej markerad"]);
    expect(rows.find((r) => r[0] === replaced)![4]).toBe("E Ersatt ersatt av Sanna Ersättare");

    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "attendance-matrix.png"), fullPage: true });
  });

  it("fits a phone: the page does not scroll sideways, the matrix scrolls in its own box with the names kept in view", async () => {
    const { context: phoneContext, page: phone } = await newPage(browser, { width: 390, height: 844 });
    const errors = watchBrowserErrors(phoneContext);
    try {
      await signIn(phone, server.url, DEMO.botkyrka);
      await phone.goto(`${server.url}/serier/${botkyrkaId()}/narvaro`);
      await expectHeading(phone, `Närvaro: ${SERIES}`);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const region = phone.getByRole("region", { name: "Närvaro per person och tillfälle" });
      await region.scrollIntoViewIfNeeded();
      await region.evaluate((el) => el.scrollBy(400, 0));
      const name = phone.locator("#matrix tbody th").first();
      const box = (await name.boundingBox())!;
      const wrap = (await region.boundingBox())!;
      // The sticky name column stays at the left edge of the scrolled box.
      expect(Math.abs(box.x - wrap.x)).toBeLessThan(3);
      await expectNoAxeViolations(phone);
      await phone.screenshot({ path: path.join(SCREENSHOTS, "attendance-matrix-phone.png") });
      expect(errors).toEqual([]);
    } finally {
      await phoneContext.close();
    }
  });

  it("downloads the matrix as CSV for Swedish Excel", async () => {
    await signIn(page, server.url, DEMO.botkyrka);
    const id = botkyrkaId();
    await page.goto(`${server.url}/serier/${id}/narvaro`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Exportera CSV (Excel)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("narvaro-processtod-skolnarvaro-botkyrka.csv");
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "Namn;E-post;Organisation;Verksamhet;Yrkesroll;Tillfälle 1 (2026-02-10);Tillfälle 2 (2026-03-17);Tillfälle 3 (2026-04-21);Anmärkning",
    );
    expect(lines).toHaveLength(1 + 76);
  });

  it("is not shown to another municipality's coordinator (404) or to the sponsor (403)", async () => {
    const id = botkyrkaId();
    await signIn(page, server.url, DEMO.huddinge);
    let response = await page.goto(`${server.url}/serier/${id}/narvaro`);
    expect(response?.status()).toBe(404);
    response = await page.goto(`${server.url}/serier/${id}/tillfallen/${sessionIds(id)[1]}/narvarolista`);
    expect(response?.status()).toBe(404);

    const { context: sponsorContext, page: sponsor } = await newPage(browser);
    try {
      await signIn(sponsor, server.url, DEMO.sponsor);
      response = await sponsor.goto(`${server.url}/serier/${id}/narvaro`);
      expect(response?.status()).toBe(403);
      // The series page offers the sponsor no way there.
      await sponsor.goto(`${server.url}/serier/${id}`);
      await expectHeading(sponsor, SERIES);
      expect(await sponsor.getByRole("link", { name: "Närvaro", exact: true }).count()).toBe(0);
      expect(await sponsor.getByRole("link", { name: /Markera närvaro/ }).count()).toBe(0);
    } finally {
      await sponsorContext.close();
    }
  });
});

describe("the printable attendance list", () => {
  it("prints Botkyrka's seminar 2 on A4: no navigation, sorted rows, the substitute listed, rows tall enough to sign", async () => {
    await signIn(page, server.url, DEMO.botkyrka);
    const id = botkyrkaId();
    const session = sessionIds(id)[1];
    await page.goto(`${server.url}/serier/${id}/narvaro`);
    await page.getByRole("link", { name: /^Närvarolista för utskrift\s*,\s*Tillfälle 2$/ }).click();
    await page.waitForURL(`**/serier/${id}/tillfallen/${session}/narvarolista`);
    await settle(page);
    await expectHeading(page, "Närvarolista: 2. Att utreda närvaroproblem i skolan");
    const header = fold(await page.locator(".sheet-details").innerText());
    expect(header).toContain(`Serie ${SERIES}`);
    expect(header).toContain("Datum 2026-03-17");
    expect(header).toContain("Tid 08:30–");
    expect(header).toContain("Plats Kommunhuset, Botkyrka");
    expect(header).toContain("Expert Malin Gren Landell, leg. psykolog");
    expect(header).toContain("Processledare Karin Berg");
    await expect(page.getByRole("button", { name: "Skriv ut" }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, "attendance-list-screen.png") });

    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation", { name: "Huvudmeny" }).isVisible()).toBe(false);
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Skriv ut" }).isVisible()).toBe(false);
    expect(await page.getByRole("link", { name: /Tillbaka/ }).isVisible()).toBe(false);

    // Rows by municipality, then sector in the order the app shows sectors, then name in Swedish order (Å before Ä).
    const sectorOrder = ["skola", "socialtjanst", "halso_sjukvard", "annat", "vill_ej_uppge"];
    const swedish = new Intl.Collator("sv", { sensitivity: "base" });
    const expected = dbAll<{ name: string; sector: string; organisation: string | null }>(
      server.databaseFile,
      `select p.name, p.sector, o.name as organisation from people p left join organisations o on o.id = p.organisation_id
       where p.id in (select person_id from enrolments where series_id = ? and status = 'anmald')
          or p.id in (select person_id from attendance where series_session_id = ?)`,
      id,
      session,
    )
      .sort(
        (a, b) =>
          swedish.compare(a.organisation ?? "", b.organisation ?? "") || sectorOrder.indexOf(a.sector) - sectorOrder.indexOf(b.sector) || swedish.compare(a.name, b.name),
      )
      .map((r) => r.name);
    const rows = await tableRows(page.locator(".sheet-table"));
    const named = rows.filter((r) => r[0] !== "");
    expect(named.map((r) => r[0].split(" ersättare för ")[0].split(" ersatt av ")[0])).toEqual(expected);
    // One municipality, and the sectors in blocks, in the order the app shows them.
    expect(new Set(named.map((r) => r[1].split(" ")[0]))).toEqual(new Set(["Botkyrka"]));
    const blocks = named.map((r) => r[2]).filter((sector, i, all) => i === 0 || all[i - 1] !== sector);
    expect(blocks).toEqual(
      ["Skola", "Socialtjänst", "Hälso- och sjukvård", "Annat", "Vill ej uppge"].filter((s) => named.some((r) => r[2] === s)),
    );
    const replaced = dbGet<{ name: string }>(
      server.databaseFile,
      "select p.name from attendance a join people p on p.id = a.substitute_for_person_id where a.series_session_id = ?",
      session,
    )!.name;
    expect(named.find((r) => r[0].startsWith("Sanna Ersättare"))![0]).toBe(`Sanna Ersättare ersättare för ${replaced}`);
    expect(rows).toHaveLength(expected.length + 8);
    expect(rows.slice(-8).every((r) => r.every((cell) => cell === ""))).toBe(true);

    // Rows at least 9 mm high (34 px at 96 dpi), so there is room to sign.
    const heights = await page.locator(".sheet-table tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(34);

    await page.screenshot({ path: path.join(SCREENSHOTS, "attendance-list-print.png"), fullPage: true });
    const pdf = await page.pdf({ format: "A4", path: path.join(SCREENSHOTS, "attendance-list.pdf") });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(10_000);
    // 76 rows and 8 blank ones of 10 mm do not fit one page.
    expect((pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(3);
  });

  it("lists only the coordinator's own municipality at the shared exchange event", async () => {
    await signIn(page, server.url, DEMO.huddinge);
    const event = dbGet<{ id: number }>(server.databaseFile, "select id from exchange_events order by id limit 1")!.id;
    await page.goto(`${server.url}/utbyten/${event}/narvarolista`);
    await expectHeading(page, "Närvarolista: Erfarenhetsutbyte 2026/2027");
    const rows = (await tableRows(page.locator(".sheet-table"))).filter((r) => r[0] !== "");
    const huddinge = dbGet<{ n: number }>(
      server.databaseFile,
      "select count(*) as n from enrolments e join series s on s.id = e.series_id where s.name = 'Processtöd skolnärvaro Huddinge' and e.status = 'anmald'",
    )!.n;
    expect(rows).toHaveLength(huddinge);
    expect(new Set(rows.map((r) => r[1].split(" ")[0]))).toEqual(new Set(["Huddinge"]));
    expect(await visibleText(page)).not.toContain("Nacka");
    await expectNoAxeViolations(page);
  });
});

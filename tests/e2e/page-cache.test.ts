/**
 * The in-memory page cache (decision 013) on the real server: a second load
 * of the series dashboard is served from memory, but never after a write –
 * through the app or by another process – never after signing out, and never
 * to someone whose own request would not be allowed.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./support/server";
import { readDatabase } from "./support/page";

let server: TestServer;
let huddinge: number;
let seminar2: number;
let person: number;

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${server.url}/logga-in`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: "Processtod-demo-2026", redirectTo: "/" }),
  });
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0];
}

const get = (path: string, cookie: string) => fetch(`${server.url}${path}`, { redirect: "manual", headers: { Cookie: cookie } });
const post = (path: string, cookie: string, fields: Record<string, string>) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });

const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";

beforeAll(async () => {
  server = await startServer("page-cache", { PAGE_CACHE_SECONDS: "60" });
  ({ huddinge, seminar2, person } = readDatabase(server.databaseFile, (db) => {
    const id = Number(db.prepare("select id from series where name = 'Processtöd skolnärvaro Huddinge'").pluck().get());
    return {
      huddinge: id,
      seminar2: Number(db.prepare("select id from series_sessions where series_id = ? and position = 2").pluck().get(id)),
      person: Number(db.prepare("select person_id from attendance a join series_sessions s on s.id = a.series_session_id where s.series_id = ? and s.position = 2 and a.status = 'narvarande' and a.substitute_for_person_id is null and a.walk_in = 0 order by person_id limit 1").pluck().get(id)),
    };
  }));
});

afterAll(async () => {
  await server?.stop();
});

describe("page cache", () => {
  it("serves the second load of a dashboard from memory, with the same page and no-store for the browser", async () => {
    const cookie = await signIn("processledare@ifous.example");
    const first = await get(`/serier/${huddinge}/oversikt`, cookie);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-page-cache")).toBeNull();
    const firstHtml = await first.text();
    const second = await get(`/serier/${huddinge}/oversikt`, cookie);
    expect(second.headers.get("x-page-cache")).toBe("hit");
    // no-transform: the copy goes out as it is (its nonce changed, so no stored gzip).
    expect(second.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(second.headers.get("content-type")).toBe("text/html; charset=utf-8");
    // A fresh CSP nonce in every copy, so the page is not byte for byte the first one.
    const nonce = (response: Response) => /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce(second)).toBeTruthy();
    expect(nonce(second)).not.toBe(nonce(first));
    const secondHtml = await second.text();
    expect(secondHtml).toContain(`nonce="${nonce(second)}"`);
    expect(secondHtml.replaceAll(nonce(second)!, nonce(first)!)).toBe(firstHtml);
    expect(title(firstHtml)).toContain("Processtöd skolnärvaro Huddinge");
  });

  it("renders again after a write through the app: the roster's change shows at once", async () => {
    const coordinator = await signIn("samordnare@huddinge.example");
    const admin = await signIn("processledare@ifous.example");
    const before = await (await get(`/serier/${huddinge}/oversikt.json`, admin)).json();
    await get(`/serier/${huddinge}/oversikt`, admin);
    expect((await get(`/serier/${huddinge}/oversikt`, admin)).headers.get("x-page-cache")).toBe("hit");

    const marked = await post(`/serier/${huddinge}/tillfallen/${seminar2}/narvaro`, coordinator, { intent: "mark", personId: String(person), status: "franvarande_anmalt" });
    expect(marked.status).toBe(200);

    const after = await get(`/serier/${huddinge}/oversikt`, admin);
    expect(after.headers.get("x-page-cache")).toBeNull();
    const now = await (await get(`/serier/${huddinge}/oversikt.json`, admin)).json();
    const attendees = (json: { sessions: { id: number; kind: string; attendees: number }[] }) => json.sessions.find((s) => s.kind === "session" && s.id === seminar2)!.attendees;
    expect(attendees(now)).toBe(attendees(before) - 1);
  });

  it("renders again after another process changed the database", async () => {
    const cookie = await signIn("processledare@ifous.example");
    await get(`/serier/${huddinge}/oversikt`, cookie);
    expect((await get(`/serier/${huddinge}/oversikt`, cookie)).headers.get("x-page-cache")).toBe("hit");
    const db = new Database(server.databaseFile);
    db.prepare("update series set name = 'Processtöd skolnärvaro Huddinge (nytt namn)' where id = ?").run(huddinge);
    db.close();
    const after = await get(`/serier/${huddinge}/oversikt`, cookie);
    expect(after.headers.get("x-page-cache")).toBeNull();
    expect(title(await after.text())).toContain("Huddinge (nytt namn)");
  });

  it("never serves a stored page after signing out, nor to another coordinator or a sponsor", async () => {
    const cookie = await signIn("processledare@ifous.example");
    await get(`/serier/${huddinge}/oversikt`, cookie);
    expect((await get(`/serier/${huddinge}/oversikt`, cookie)).headers.get("x-page-cache")).toBe("hit");
    expect((await post("/logga-ut", cookie, {})).status).toBe(302);
    const afterSignOut = await get(`/serier/${huddinge}/oversikt`, cookie);
    expect(afterSignOut.status).toBe(302);
    expect(afterSignOut.headers.get("location")).toMatch(/^\/logga-in/);

    const nacka = await signIn("samordnare@nacka.example");
    expect((await get(`/serier/${huddinge}/oversikt`, nacka)).status).toBe(404);
    const sponsor = await signIn("uppdragsgivare@uph.example");
    expect((await get(`/serier/${huddinge}/oversikt`, sponsor)).status).toBe(403);
  });
});

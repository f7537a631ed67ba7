/**
 * Hostile input (issue #11 item 8c, decision 019): sign in as each role over
 * HTTP, crawl the pages that role reaches, collect every <form method="post">
 * and post it with XSS payloads, SQL metacharacters, control characters,
 * mixed Unicode, a 1 MB string, missing and duplicated fields. Used by the
 * quick e2e test (one payload per field) and the stress test (every payload in
 * every field). No browser: plain fetch with a cookie jar, as a script would.
 */
import crypto from "node:crypto";
import Database from "better-sqlite3";

/** As tests/e2e/support/page.ts's STACK_TRACE (not imported: that module needs a running vitest). */
const STACK_TRACE = /\bat [\w.<>]+ \(|\w+Error\b|node_modules|\/app\/|\.tsx?:\d+|\.js:\d+:\d+/;

export const XSS_SCRIPT = "<script>alert(1)</script>";
export const XSS_IMG = '"><img src=x onerror=alert(1)>';
export const SQL_META = "'; DROP TABLE people;--";
export const CONTROL = "\u0000\u0007\u001b";
/** Right-to-left override, combining marks, a ZWJ emoji family, a zero-width joiner inside a word. */
export const MIXED_UNICODE = "\u202Eabc\u202C e\u0301\u0308 👩‍👩‍👧 Å\u200Dsa";
export const FAMILIES = { XSS_SCRIPT, XSS_IMG, SQL_META, CONTROL, MIXED_UNICODE } as const;
/** What text fields get all at once: storable, so it reaches the pages that show it. */
export const MARKUP = `${XSS_SCRIPT}${XSS_IMG}${SQL_META} ${MIXED_UNICODE}`;
export const ONE_MB = "x".repeat(1024 * 1024);

/** Literal markup that must never come back unescaped. */
export const LEAKS = [XSS_SCRIPT, "<img src=x onerror"];

export type Field = { name: string; kind: string; value: string; options: string[] };
export type FormSpec = { page: string; action: string; multipart: boolean; fields: Field[]; submit: { name: string; value: string } | null; key: string };

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', lt: "<", gt: ">", apos: "'", nbsp: "\u00a0" };
export function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1].toLowerCase() === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? whole;
  });
}

function attrs(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([^\s="'\/>]+)(?:\s*=\s*"([^"]*)")?/g)) out[m[1].toLowerCase()] = decode(m[2] ?? "");
  return out;
}

/** The route pattern of a path: numbers and long tokens become placeholders. */
export function patternOf(url: string): string {
  const u = new URL(url, "http://x");
  const path = u.pathname.replace(/\/\d+(?=\/|$)/g, "/:id").replace(/\/[A-Za-z0-9_-]{32,}(?=\/|$)/g, "/:token");
  return `${path}?${[...u.searchParams.keys()].sort().join("&")}`;
}

function fieldsIn(html: string): Field[] {
  const fields: Field[] = [];
  const seen = new Set<string>();
  const add = (f: Field) => {
    // Radio groups and repeated names: the first one stands for the rest.
    if (seen.has(f.name)) return;
    seen.add(f.name);
    fields.push(f);
  };
  for (const m of html.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
    const a = attrs(m[1]);
    if (!a.name || "disabled" in a) continue;
    const options = [...m[2].matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/gi)].map((o) => {
      const oa = attrs(o[1]);
      return "value" in oa ? oa.value : decode(o[2].replace(/<[^>]*>/g, ""));
    });
    add({ name: a.name, kind: "select", value: options.find((o) => o !== "") ?? "", options });
  }
  for (const m of html.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
    const a = attrs(m[1]);
    if (a.name && !("disabled" in a)) add({ name: a.name, kind: "textarea", value: decode(m[2]), options: [] });
  }
  for (const m of html.matchAll(/<input\b([^>]*)>/gi)) {
    const a = attrs(m[1]);
    if (!a.name || "disabled" in a) continue;
    const kind = (a.type || "text").toLowerCase();
    if (kind === "submit" || kind === "button" || kind === "reset" || kind === "image") continue;
    add({ name: a.name, kind, value: a.value ?? "", options: [] });
  }
  return fields;
}

/** Every post form of a page, one spec per named submit button (so each intent is tried). */
export function formsOf(html: string, pageUrl: string): FormSpec[] {
  const specs: FormSpec[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const a = attrs(m[1]);
    if ((a.method || "get").toLowerCase() !== "post") continue;
    let inner = m[2];
    // Controls placed outside the form with form="<id>".
    if (a.id) {
      const re = new RegExp(`<(input|select|textarea|button)\\b[^>]*\\bform="${a.id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*>(?:[\\s\\S]*?<\\/(?:select|textarea)>)?`, "gi");
      inner += [...html.matchAll(re)].map((x) => x[0]).join("");
    }
    const action = new URL(a.action || pageUrl, pageUrl);
    const fields = fieldsIn(inner);
    const buttons = [...inner.matchAll(/<button\b([^>]*)>/gi)]
      .map((b) => attrs(b[1]))
      .filter((b) => (b.type || "submit") === "submit" && b.name && !("disabled" in b))
      .map((b) => ({ name: b.name, value: b.value ?? "" }));
    const multipart = (a.enctype || "").toLowerCase() === "multipart/form-data";
    for (const submit of buttons.length ? buttons : [null]) {
      const key = `${patternOf(action.toString())} [${fields.map((f) => f.name).join(",")}] ${submit ? `${submit.name}=${submit.value}` : ""}`;
      specs.push({ page: pageUrl, action: action.pathname + action.search, multipart, fields, submit, key });
    }
  }
  return specs;
}

export function linksOf(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/gi)].map((m) => decode(m[1]));
}

/** A cookie jar over fetch; every request from its own documentation-range IP (the server trusts X-Forwarded-For in these tests). */
export class Client {
  jar = new Map<string, string>();
  constructor(readonly base: string) {}

  private headers(extra: Record<string, string> = {}) {
    const ip = `198.18.${crypto.randomInt(0, 255)}.${crypto.randomInt(1, 255)}`;
    return {
      Cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join("; "),
      "X-Forwarded-For": ip,
      "Accept-Language": "sv-SE,sv",
      ...extra,
    };
  }

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...rest] = c.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      // The language switch would turn the pages English for the rest of the run.
      if (name === "lang") continue;
      if (/max-age=0/i.test(rest.join(";")) || pair.slice(i + 1) === "") this.jar.delete(name);
      else this.jar.set(name, pair.slice(i + 1));
    }
  }

  async get(path: string) {
    const res = await fetch(new URL(path, this.base), { redirect: "manual", headers: this.headers() });
    this.keep(res);
    return { status: res.status, type: res.headers.get("Content-Type") ?? "", location: res.headers.get("Location"), body: await res.text() };
  }

  async post(path: string, body: URLSearchParams | FormData) {
    const res = await fetch(new URL(path, this.base), { method: "POST", body, redirect: "manual", headers: this.headers({ Origin: this.base }) });
    this.keep(res);
    return { status: res.status, type: res.headers.get("Content-Type") ?? "", location: res.headers.get("Location"), body: await res.text() };
  }
}

export async function staffClient(base: string, email: string, password: string): Promise<Client> {
  const client = new Client(base);
  const res = await client.post("/logga-in", new URLSearchParams({ email, password }));
  if (res.status !== 302 || !client.jar.size) throw new Error(`Sign-in as ${email} failed: ${res.status}`);
  return client;
}

/** Paths never followed or posted: they end the session or only download files. */
const SKIP = /^\/(logga-ut|mina-sidor\/logga-ut|build\/|ics\/)|\/(kalender)$|\[|\.(csv|json|ics|pdf|zip|txt|xlsx)(\?|$)|^\/material\/|^\/mina-sidor\/lank\//;
const SKIP_POST = /^\/(logga-ut|mina-sidor\/logga-ut|sprak)(\?|$)/;

export type Crawl = { pages: string[]; forms: FormSpec[]; problems: string[] };

/** Breadth-first over same-site links from the start paths; at most `perPattern` pages per route pattern. */
export async function crawl(client: Client, starts: string[], { perPattern = 1, maxPages = 150 } = {}): Promise<Crawl> {
  const queue = [...starts];
  const seen = new Set<string>();
  const patternCount = new Map<string, number>();
  const pages: string[] = [];
  const forms = new Map<string, FormSpec>();
  const problems: string[] = [];
  while (queue.length && pages.length < maxPages) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const pattern = patternOf(path);
    if ((patternCount.get(pattern) ?? 0) >= perPattern) continue;
    const res = await client.get(path);
    if (res.status >= 500) problems.push(`GET ${path} → ${res.status}`);
    if (res.status !== 200 || !res.type.startsWith("text/html")) continue;
    patternCount.set(pattern, (patternCount.get(pattern) ?? 0) + 1);
    pages.push(path);
    for (const form of formsOf(res.body, new URL(path, client.base).toString())) {
      if (!SKIP_POST.test(form.action) && !forms.has(form.key)) forms.set(form.key, { ...form, page: path });
    }
    for (const href of linksOf(res.body)) {
      if (!href.startsWith("/") || href.startsWith("//")) continue;
      const u = new URL(href, client.base);
      const next = u.pathname + u.search;
      if (!SKIP.test(next) && !seen.has(next)) queue.push(next);
    }
  }
  return { pages, forms: [...forms.values()], problems };
}

let counter = 0;
/** A plausible value for a field as the form offers it. */
function baseline(field: Field): string {
  counter += 1;
  switch (field.kind) {
    case "hidden":
    case "select":
      return field.value;
    case "checkbox":
    case "radio":
      return field.value || "on";
    case "email":
      return `fientlig${counter}@example.se`;
    case "number":
    case "range":
      return field.value || "1";
    case "date":
      return field.value || "2026-12-01";
    case "time":
      return field.value || "10:00";
    case "datetime-local":
      return field.value || "2026-12-01T10:00";
    case "week":
      return field.value || "2026-W49";
    case "file":
      return "";
    default:
      return field.value || "Test";
  }
}

const isText = (f: Field) => ["text", "textarea", "search", "tel", "url", "password"].includes(f.kind);

type Values = [string, string][];

export type Variant = { label: string; values: Values };

/** The posts of one form: quick = one payload per field; full = every payload in every field. */
export function variantsOf(form: FormSpec, full: boolean): Variant[] {
  const base: Values = form.fields.filter((f) => f.kind !== "file").map((f) => [f.name, baseline(f)]);
  const submit: Values = form.submit ? [[form.submit.name, form.submit.value]] : [];
  const families = Object.entries(FAMILIES);
  const replaced = (name: string, value: string): Values => base.map(([n, v]) => [n, n === name ? value : v]);
  const variants: Variant[] = [];
  const textNames = form.fields.filter(isText).map((f) => f.name);
  if (textNames.length) variants.push({ label: "markup in every text field", values: base.map(([n, v]) => [n, textNames.includes(n) ? MARKUP : v]) });
  // Quick: one field per name shape (status-12, status-13 … are one), so a roster of 200 rows is a few posts.
  const shapes = new Set<string>();
  const tried = full ? base : base.filter(([name]) => {
    const shape = name.replace(/\d+/g, "#");
    if (shapes.has(shape)) return false;
    shapes.add(shape);
    return true;
  });
  tried.forEach(([name], i) => {
    if (full) for (const [family, payload] of families) variants.push({ label: `${family} in ${name}`, values: replaced(name, payload) });
    else {
      const [family, payload] = families[i % families.length];
      variants.push({ label: `${family} in ${name}`, values: replaced(name, payload) });
    }
  });
  const bigField = textNames[0] ?? base[0]?.[0] ?? "text";
  variants.push({ label: `1 MB in ${bigField}`, values: base.length ? replaced(bigField, ONE_MB) : [[bigField, ONE_MB]] });
  variants.push({ label: "missing fields", values: base.filter(([n]) => n === "intent") });
  if (full) for (const [name] of base) variants.push({ label: `missing ${name}`, values: base.filter(([n]) => n !== name) });
  variants.push({ label: "duplicated fields", values: base.flatMap(([n, v]) => [[n, MARKUP], [n, v]] as Values) });
  return variants.map((v) => ({ ...v, values: [...v.values, ...submit] }));
}

function bodyOf(form: FormSpec, values: Values): URLSearchParams | FormData {
  if (!form.multipart) return new URLSearchParams(values);
  const data = new FormData();
  for (const [n, v] of values) data.append(n, v);
  for (const f of form.fields.filter((x) => x.kind === "file")) {
    data.append(f.name, new Blob([`namn;e-post\n${MARKUP};fientlig@example.se\n`], { type: "text/csv" }), `${XSS_IMG}.csv`);
  }
  return data;
}

/** Visible error text of a page: alerts, field errors, headings. */
export function errorText(html: string): string {
  const parts: string[] = [];
  for (const m of html.matchAll(/<(\w+)\b[^>]*(?:role="alert"|class="[^"]*(?:error|notice--warn)[^"]*")[^>]*>([\s\S]*?)<\/\1>/gi)) parts.push(m[2]);
  for (const m of html.matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/gi)) parts.push(m[1]);
  return decode(parts.join(" ").replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim();
}

const SWEDISH = /[åäöÅÄÖ]|\b(inte|och|ange|välj|finns|sidan|försök|kan|måste|saknas|fel|länken|koden|redan|har|du|svarat)\b/i;

/** Why a 4xx page's message is not acceptable, or null. */
export function notSwedish(html: string): string | null {
  const text = errorText(html);
  if (!text) return "no error text";
  if (/\bError\b/.test(text) || STACK_TRACE.test(text)) return `English or internal: ${text.slice(0, 200)}`;
  if (!SWEDISH.test(text)) return `not Swedish: ${text.slice(0, 200)}`;
  return null;
}

/** Where literal payload markup appears in the HTML, if anywhere. */
export function leaksIn(html: string): string[] {
  return LEAKS.filter((leak) => html.includes(leak));
}

export type PostResult = { requests: number; problems: string[]; statuses: Map<number, number>; slowest: [number, string][] };

/** Posts every variant of every form; collects 5xx, non-Swedish 4xx pages and markup leaks. */
export async function attack(
  client: Client,
  forms: FormSpec[],
  full: boolean,
  { relogin, serverOutput }: { relogin?: () => Promise<void>; serverOutput?: () => string } = {},
): Promise<PostResult> {
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  const slowest: [number, string][] = [];
  let requests = 0;
  for (const form of forms) {
    for (const variant of variantsOf(form, full)) {
      const started = Date.now();
      const res = await client.post(form.action, bodyOf(form, variant.values));
      slowest.push([Date.now() - started, `${form.action} ${variant.label}`]);
      requests += 1;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const where = `POST ${form.action} (${form.key}) with ${variant.label}`;
      if (res.status >= 500) {
        const log = serverOutput?.() ?? "";
        const cause = log.slice(log.lastIndexOf("Error")).split("\n").slice(0, 3).join(" | ");
        problems.push(`${where} → ${res.status}: ${errorText(res.body).slice(0, 200)} [${cause.slice(0, 300)}]`);
      }
      else if (res.status >= 400 && res.type.startsWith("text/html")) {
        const why = notSwedish(res.body);
        if (why) problems.push(`${where} → ${res.status}: ${why}`);
      }
      const leaks = res.type.startsWith("text/html") ? leaksIn(res.body) : [];
      if (leaks.length) problems.push(`${where} → LEAK in the answer: ${leaks.join(", ")}`);
      // A post that ended the sign-in (a redirect to a sign-in page) signs in again.
      if (relogin && res.status >= 300 && res.status < 400 && /\/logga-in/.test(res.location ?? "")) await relogin();
    }
  }
  slowest.sort((a, b) => b[0] - a[0]);
  return { requests, problems, statuses, slowest: slowest.slice(0, 5) };
}

/** Prepares the copy of the demo database: open windows and known tokens for the public pages. */
export function preparePublicPages(databaseFile: string) {
  const db = new Database(databaseFile);
  db.pragma("busy_timeout = 5000");
  try {
    const now = Date.now();
    const huddinge = Number(db.prepare("select id from series where name = 'Processtöd skolnärvaro Huddinge'").pluck().get());
    const session = db.prepare("select id, checkin_code as code from series_sessions where series_id = ? and position = 3").get(huddinge) as { id: number; code: string | null };
    const code = session.code ?? "FNTL23";
    db.prepare("update series_sessions set checkin_code = ?, checkin_margin_minutes = 30, starts_at = ?, ends_at = ? where id = ?").run(code, now - 5 * 60_000, now + 3 * 3_600_000, session.id);
    const survey = Number(db.prepare("select id from surveys where public_code = 'HUDDPOST'").pluck().get());
    db.prepare("update surveys set opens_at = ?, closes_at = ? where id = ?").run(now - 3_600_000, now + 24 * 3_600_000, survey);
    const participant = db
      .prepare("select p.id, p.email from enrolments e join people p on p.id = e.person_id where e.series_id = ? and e.status = 'anmald' and trim(p.email) <> '' order by p.id limit 1")
      .get(huddinge) as { id: number; email: string };
    const surveyToken = crypto.randomBytes(32).toString("base64url");
    db.prepare("insert into survey_links (survey_id, person_id, token_hash) values (?, ?, ?)").run(survey, participant.id, crypto.createHash("sha256").update(surveyToken).digest("hex"));
    const replyToken = crypto.randomBytes(32).toString("base64url");
    const nacka = Number(db.prepare("select id from series where name = 'Processtöd skolnärvaro Nacka'").pluck().get());
    db.prepare(
      "insert into invitations (series_id, name, email, email_normalized, sector, status, token_hash, sent_at) values (?, 'Fientlig Inbjuden', 'fientlig.inbjuden@example.se', 'fientlig.inbjuden@example.se', 'skola', 'inbjuden', ?, ?)",
    ).run(nacka, crypto.createHash("sha256").update(replyToken).digest("hex"), now);
    return { checkinCode: code, surveyToken, replyToken, participantEmail: participant.email };
  } finally {
    db.close();
  }
}

/** Rows whose text columns hold the script payload, over every table: proof that payloads were stored. */
export function storedPayloadRows(databaseFile: string): number {
  const db = new Database(databaseFile, { readonly: true });
  try {
    let rows = 0;
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").pluck().all() as string[];
    for (const table of tables) {
      const columns = (db.prepare(`pragma table_info("${table}")`).all() as { name: string; type: string }[]).filter((c) => /text/i.test(c.type));
      if (!columns.length) continue;
      const where = columns.map((c) => `instr("${c.name}", ?) > 0`).join(" or ");
      rows += Number(db.prepare(`select count(*) from "${table}" where ${where}`).pluck().get(...columns.map(() => XSS_SCRIPT)));
    }
    return rows;
  } finally {
    db.close();
  }
}

export function integrityCheck(databaseFile: string): string {
  const db = new Database(databaseFile, { readonly: true });
  try {
    return String(db.prepare("pragma integrity_check").pluck().get());
  } finally {
    db.close();
  }
}

/**
 * One hostile-input run against a started server (see hostile.ts): roles in
 * order from least to most power, so what an admin's posts change cannot
 * hide pages from the roles before it. Returns what the tests assert on.
 */
import Database from "better-sqlite3";
import { attack, Client, crawl, integrityCheck, leaksIn, preparePublicPages, staffClient, storedPayloadRows, type FormSpec } from "./hostile";
import { issueSignInLink } from "./portal";
import type { TestServer } from "./server";

export type HostileReport = {
  pages: Record<string, number>;
  formCount: number;
  multipartForms: number;
  actions: string[];
  requests: number;
  statuses: Map<number, number>;
  problems: string[];
  leaksAfter: string[];
  storedRows: number;
  timings: string[];
  escapedSeen: boolean;
  integrity: string;
  peopleTableExists: boolean;
};

type Role = { name: string; starts: string[]; signIn: () => Promise<Client> };

export async function runHostileInput(
  server: TestServer,
  { full, demo, password, perPattern = 1 }: { full: boolean; demo: { admin: string; huddinge: string; sponsor: string }; password: string; perPattern?: number },
): Promise<HostileReport> {
  const tokens = preparePublicPages(server.databaseFile);
  const participant = async () => {
    const client = new Client(server.url);
    const res = await client.post(issueSignInLink(server.databaseFile, tokens.participantEmail), new URLSearchParams());
    if (res.status !== 302) throw new Error(`Participant sign-in failed: ${res.status}`);
    return client;
  };
  const publicStarts = [
    "/",
    "/logga-in",
    "/incheckning",
    `/incheckning/${tokens.checkinCode}`,
    "/enkat",
    "/enkat/HUDDPOST",
    `/enkat/personlig/${tokens.surveyToken}`,
    `/svar/${tokens.replyToken}`,
    "/mina-sidor/logga-in",
    "/personuppgiftspolicy",
    "/tillganglighetsredogorelse",
  ];
  const roles: Role[] = [
    { name: "anonymous", starts: publicStarts, signIn: async () => new Client(server.url) },
    { name: "participant", starts: ["/mina-sidor", "/mina-sidor/mina-uppgifter", `/incheckning/${tokens.checkinCode}`], signIn: participant },
    { name: "sponsor", starts: ["/", "/serier"], signIn: () => staffClient(server.url, demo.sponsor, password) },
    { name: "coordinator", starts: ["/", "/serier"], signIn: () => staffClient(server.url, demo.huddinge, password) },
    { name: "admin", starts: ["/", "/serier"], signIn: () => staffClient(server.url, demo.admin, password) },
  ];

  const pages: Record<string, number> = {};
  const pageLists: Record<string, string[]> = {};
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  const allForms: FormSpec[] = [];
  let requests = 0;

  const timings: string[] = [];
  for (const role of roles) {
    const started = Date.now();
    const client = await role.signIn();
    const found = await crawl(client, role.starts, { perPattern });
    pages[role.name] = found.pages.length;
    pageLists[role.name] = found.pages;
    problems.push(...found.problems.map((p) => `${role.name}: ${p}`));
    allForms.push(...found.forms);
    const relogin = async () => {
      const fresh = await role.signIn();
      client.jar = fresh.jar;
    };
    const result = await attack(client, found.forms, full, { relogin, serverOutput: server.output });
    requests += result.requests;
    problems.push(...result.problems.map((p) => `${role.name}: ${p}`));
    for (const [status, n] of result.statuses) statuses.set(status, (statuses.get(status) ?? 0) + n);
    timings.push(`${role.name}: ${found.pages.length} pages, ${found.forms.length} forms, ${result.requests} posts in ${Date.now() - started} ms; slowest ${JSON.stringify(result.slowest)}`);
  }

  // Afterwards: every page again, as each role, looking for markup that came back unescaped.
  const leaksAfter: string[] = [];
  let escapedSeen = false;
  for (const role of roles) {
    const client = await role.signIn();
    for (const path of pageLists[role.name]) {
      const res = await client.get(path);
      if (res.status >= 500) problems.push(`${role.name}: GET ${path} after the posts → ${res.status}`);
      for (const leak of leaksIn(res.body)) leaksAfter.push(`${role.name}: ${path} shows ${leak}`);
      if (res.body.includes("&lt;script&gt;alert(1)&lt;/script&gt;")) escapedSeen = true;
    }
  }

  const db = new Database(server.databaseFile, { readonly: true });
  const peopleTableExists = Boolean(db.prepare("select 1 from sqlite_master where type = 'table' and name = 'people'").get());
  db.close();

  return {
    pages,
    formCount: allForms.length,
    multipartForms: allForms.filter((f) => f.multipart).length,
    actions: [...new Set(allForms.map((f) => f.action.replace(/\?.*$/, "")))],
    requests,
    statuses,
    problems,
    leaksAfter,
    storedRows: storedPayloadRows(server.databaseFile),
    timings,
    escapedSeen,
    integrity: integrityCheck(server.databaseFile),
    peopleTableExists,
  };
}

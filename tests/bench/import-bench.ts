/**
 * A participant import of 10,000 rows, end to end over HTTP as a coordinator
 * does it: upload the file, open the preview, confirm. Then the rows are
 * counted in the database and removed again, so the dataset is the same for
 * the next run.
 */
import Database from "better-sqlite3";
import { TEMPLATE_HEADER } from "../../app/lib/participant-rows";
import { mulberry32 } from "../../app/lib/random";

/** Every imported person's e-mail ends so; the clean-up removes exactly these people. */
export const IMPORT_EMAIL_DOMAIN = "import.bench.example";

// The spelling people use in their Excel lists (as in tests/fixtures/deltagare-excel.csv), weighted
// like the real mix: mostly school, a fifth social services, few from health care. An empty role
// is suggested from the title, as the import does for a real list.
const SECTORS = [
  ...Array(13).fill("Skola"),
  ...Array(4).fill("Socialtjänst"),
  "Hälso- och sjukvård",
  "Annat",
  "Vill ej uppge",
] as string[];
const TITLES: Record<string, [title: string, role: string][]> = {
  Skola: [["Lärare", ""], ["Rektor", "Chef/ledning"], ["Kurator", ""], ["Specialpedagog", ""], ["Skolsköterska", "Medicinsk elevhälsa"], ["Utvecklingsledare", "Strateg/samordnare"]],
  Socialtjänst: [["Socialsekreterare", ""], ["Enhetschef", "Chef/ledning"], ["Familjebehandlare", "Profession"]],
  "Hälso- och sjukvård": [["Psykolog, BUP", "Sjukvård"], ["Läkare", "Sjukvård"]],
  Annat: [["Fritidsledare", "Annat"]],
  "Vill ej uppge": [["", "Vill ej uppge"]],
};
const FIRST = ["Anna", "Erik", "Maria", "Johan", "Sara", "Karl", "Lena", "Ahmed", "Åsa", "Jörgen", "Märta", "Fatima", "Per", "Elin", "Mikael"];
const LAST = ["Andersson", "Berg", "Öberg", "Lind", "Ström", "Ek", "Nilsson", "Hassan", "Sjöberg", "Gran", "Karlsson", "Holm"];
const WORKPLACES: Record<string, string[]> = {
  Skola: ["Björkskolan", "Edsbergsskolan", "Rösjöskolan", "Elevhälsan"],
  Socialtjänst: ["Socialkontoret", "Familjeenheten"],
  "Hälso- och sjukvård": ["BUP", "Vårdcentralen"],
  Annat: ["Fritidsgården"],
  "Vill ej uppge": [""],
};

/**
 * A participant list in the template's columns (Namn;E-post;…;Nivå), as Excel
 * saves it: semicolons, CRLF. Deterministic for a given `run` and `count`.
 * `municipalities` are the series' own names; the Kommun cell cycles through
 * them and is sometimes left empty, which the import allows.
 */
export function participantCsv({ run, count, municipalities }: { run: string; count: number; municipalities: string[] }): string {
  const random = mulberry32(20261123);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const lines = [TEMPLATE_HEADER.join(";")];
  for (let i = 1; i <= count; i++) {
    const sector = pick(SECTORS);
    const [title, role] = pick(TITLES[sector]);
    const municipality = municipalities.length && i % 10 !== 0 ? municipalities[i % municipalities.length] : "";
    const level = role === "Chef/ledning" || role === "Strateg/samordnare" ? "Strategisk" : i % 3 === 0 ? "" : "Operativ";
    lines.push([`${pick(FIRST)} ${pick(LAST)}`, `imp${run}-${i}@${IMPORT_EMAIL_DOMAIN}`, pick(WORKPLACES[sector]), municipality, sector, role, title, level].join(";"));
  }
  return lines.join("\r\n") + "\r\n";
}

/** The names the import accepts in the Kommun column: the series' municipalities and their districts. */
export function seriesMunicipalityNames(dbFile: string, seriesId: number): string[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    const rows = db
      .prepare(
        `select o.name from organisations o
         where o.id in (select organisation_id from series_organisations where series_id = ?)
            or o.parent_id in (select organisation_id from series_organisations where series_id = ?)
         order by o.name`,
      )
      .all(seriesId, seriesId) as { name: string }[];
    return rows.map((r) => r.name);
  } finally {
    db.close();
  }
}

/**
 * Removes what an import into `seriesId` left: the series' enrolments,
 * invitations and stored uploads, and every person with an import e-mail.
 * Run before the import too, in case a killed run left rows behind.
 *
 * Foreign keys are off for these deletes: several tables point at people
 * without an index on that column (invitations, attendance_changes,
 * survey_links, survey_receipts), so with the check on, deleting 10,000
 * people scans those tables 10,000 times – minutes at the national scale.
 * The import people have no rows there: an import writes people and
 * enrolments only, and their enrolments are deleted first.
 */
export function cleanUpImport(dbFile: string, seriesId: number): { people: number; enrolments: number } {
  const db = new Database(dbFile);
  try {
    db.pragma("busy_timeout = 10000");
    db.pragma("foreign_keys = OFF");
    const importPeople = `select id from people where email like '%@${IMPORT_EMAIL_DOMAIN}'`;
    return db.transaction(() => {
      const enrolments =
        db.prepare("delete from enrolments where series_id = ?").run(seriesId).changes +
        db.prepare(`delete from enrolments where person_id in (${importPeople})`).run().changes;
      db.prepare("delete from invitations where series_id = ?").run(seriesId);
      db.prepare("delete from participant_imports where series_id = ?").run(seriesId);
      const people = db.prepare(`delete from people where id in (${importPeople})`).run().changes;
      return { people, enrolments };
    }).immediate();
  } finally {
    db.close();
  }
}

/** Enrolled people of the series and people with an import e-mail, read without writing. */
export function countImported(dbFile: string, seriesId: number): { enrolled: number; people: number } {
  const db = new Database(dbFile, { readonly: true });
  try {
    const enrolled = (db.prepare("select count(*) as n from enrolments where series_id = ? and status = 'anmald'").get(seriesId) as { n: number }).n;
    const people = (db.prepare(`select count(*) as n from people where email like '%@${IMPORT_EMAIL_DOMAIN}'`).get() as { n: number }).n;
    return { enrolled, people };
  } finally {
    db.close();
  }
}

export type ImportTiming = { totalMs: number; uploadMs: number; previewMs: number; confirmMs: number; created: number; csvBytes: number };

/**
 * Uploads `csv` to the series' participant import (multipart field "file",
 * as app/components/csv-upload-form.tsx sends it), opens the preview it
 * redirects to, and confirms it with the preview page's form (a plain POST
 * without fields). Times the three requests together.
 */
export async function importOverHttp({ url, cookie, seriesId, csv }: { url: string; cookie: string; seriesId: number; csv: string }): Promise<ImportTiming> {
  const form = new FormData();
  form.append("file", new Blob([csv], { type: "text/csv" }), "deltagare-bench.csv");
  const t0 = performance.now();
  const upload = await fetch(`${url}/serier/${seriesId}/deltagare/import`, { method: "POST", body: form, headers: { Cookie: cookie }, redirect: "manual" });
  const previewPath = upload.headers.get("Location") ?? "";
  if (upload.status !== 302 || !/\/deltagare\/import\/\d+$/.test(previewPath)) {
    throw new Error(`Import upload answered ${upload.status} ${previewPath}: ${(await upload.text()).slice(0, 300)}`);
  }
  await upload.arrayBuffer();
  const t1 = performance.now();
  const preview = await fetch(new URL(previewPath, url), { headers: { Cookie: cookie }, redirect: "manual" });
  const previewHtml = await preview.text();
  if (preview.status !== 200) throw new Error(`Import preview answered ${preview.status}`);
  const t2 = performance.now();
  const confirm = await fetch(new URL(previewPath, url), {
    method: "POST",
    body: new URLSearchParams(),
    headers: { Cookie: cookie },
    redirect: "manual",
  });
  const done = confirm.headers.get("Location") ?? "";
  const t3 = performance.now();
  if (confirm.status !== 302) {
    throw new Error(`Import confirmation answered ${confirm.status}: ${(await confirm.text()).slice(0, 300)} (preview had ${previewHtml.length} bytes)`);
  }
  await confirm.arrayBuffer();
  const created = Number(new URL(done, url).searchParams.get("nya"));
  return { totalMs: t3 - t0, uploadMs: t1 - t0, previewMs: t2 - t1, confirmMs: t3 - t2, created, csvBytes: Buffer.byteLength(csv) };
}

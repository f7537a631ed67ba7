/**
 * The participant import: reads an uploaded file into rows, adds what the
 * database knows (who exists, who is enrolled), and turns valid rows into
 * records to save. The preview and the confirmation both run this on the
 * stored text, so what is saved is exactly what was shown.
 */
import { parseImportTable, type ImportFileProblem } from "./csv";
import { normalizeEmail } from "./email";
import { mapHeader, readParticipantRows, type ParticipantColumn, type ParticipantRow } from "./participant-rows";
import { enrolledPersonIds, peopleByEmail, seriesMunicipalities, type PersonInput } from "~/models/participant.server";

export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "./csv";

export type FileProblem = ImportFileProblem<ParticipantColumn>;

export type PreviewRow = ParticipantRow & { status: "new" | "existing" | "enrolled" | "error" };

export type Preview = { ok: true; rows: PreviewRow[]; counts: Record<PreviewRow["status"], number> } | { ok: false; problem: FileProblem };

export function buildPreview({ seriesId, text }: { seriesId: number; text: string }): Preview {
  const file = parseImportTable(text, (header) => mapHeader(header).missing);
  if (!file.ok) return file;
  const { table } = file;

  const municipalities = new Map(seriesMunicipalities({ seriesId }).map((m) => [m.name.toLowerCase(), m.id]));
  const rows = readParticipantRows(table, municipalities);
  const existing = peopleByEmail({ emails: rows.filter((r) => r.errors.length === 0).map((r) => r.email) });
  const enrolled = enrolledPersonIds({ seriesId });
  const counts = { new: 0, existing: 0, enrolled: 0, error: 0 };
  const preview = rows.map((row): PreviewRow => {
    const person = row.errors.length === 0 ? existing.get(normalizeEmail(row.email)) : undefined;
    const status = row.errors.length ? "error" : !person ? "new" : enrolled.has(person.id) ? "enrolled" : "existing";
    counts[status]++;
    return { ...row, status };
  });
  return { ok: true, rows: preview, counts };
}

/** The records to save for a preview without errors. */
export function toPersonInputs({ seriesId, rows }: { seriesId: number; rows: PreviewRow[] }): PersonInput[] {
  const municipalities = seriesMunicipalities({ seriesId });
  const byName = new Map(municipalities.map((m) => [m.name.toLowerCase(), m.id]));
  const fallback = municipalities[0]?.id ?? null;
  return rows.map((row) => ({
    name: row.name,
    email: row.email,
    workplace: row.workplace,
    organisationId: (row.municipality && byName.get(row.municipality.toLowerCase())) || fallback,
    sector: row.sector!,
    roleCategory: row.roleCategory!,
    jobTitle: row.jobTitle,
    level: row.level,
  }));
}

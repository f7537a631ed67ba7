/**
 * Turns a parsed CSV table into participant rows: maps Swedish headers,
 * validates each row and finds duplicates within the file. Pure; the import
 * adds what the database knows (existing people) in the model.
 */
import { z } from "zod";
import { LEVELS, ROLE_CATEGORIES, SECTORS, type Level, type RoleCategory, type Sector } from "../../db/schema";
import { mapColumns, type CsvTable } from "./csv";
import { normalizeEmail } from "./email";
import { suggestRoleCategory } from "./role-suggestion";

export const PARTICIPANT_COLUMNS = ["name", "email", "workplace", "municipality", "sector", "roleCategory", "jobTitle", "level"] as const;
export type ParticipantColumn = (typeof PARTICIPANT_COLUMNS)[number];

/** The header of the downloadable template, in column order. */
export const TEMPLATE_HEADER = ["Namn", "E-post", "Arbetsplats", "Kommun", "Verksamhet", "Yrkesroll", "Titel", "Nivå"];

export const HEADER_ALIASES: Record<ParticipantColumn, string[]> = {
  name: ["namn", "för- och efternamn", "fullständigt namn", "deltagare"],
  email: ["e-post", "epost", "e-postadress", "epostadress", "mejl", "mail", "email", "e-mail"],
  workplace: ["arbetsplats", "skola/enhet", "enhet", "skola", "organisation"],
  municipality: ["kommun", "kommun/stadsdel", "stadsdel", "stadsdelsområde"],
  sector: ["verksamhet", "sektor"],
  roleCategory: ["yrkesroll", "rollkategori", "roll"],
  jobTitle: ["titel", "befattning", "yrkestitel", "funktion"],
  level: ["nivå", "niva"],
};

/** The Swedish header of a column, for messages. */
export const columnLabel = (column: string) =>
  TEMPLATE_HEADER[PARTICIPANT_COLUMNS.indexOf(column as ParticipantColumn)] ?? column;

export const REQUIRED_COLUMNS: ParticipantColumn[] = ["name", "email", "sector"];

const clean = (value: string) => value.toLowerCase().replace(/\s+/g, " ").trim();

const SECTOR_WORDS: Record<string, Sector> = {
  skola: "skola",
  "skola/elevhälsa": "skola",
  elevhälsa: "skola",
  socialtjänst: "socialtjanst",
  ifo: "socialtjanst",
  "hälso- och sjukvård": "halso_sjukvard",
  "hälso-och sjukvård": "halso_sjukvard",
  "hälso och sjukvård": "halso_sjukvard",
  region: "halso_sjukvard",
  annat: "annat",
  "vill ej uppge": "vill_ej_uppge",
};

const ROLE_WORDS: Record<string, RoleCategory> = {
  "professioner som möter barn/familj": "profession",
  "profession som möter barn/familj": "profession",
  profession: "profession",
  "chefer/ledning": "chef",
  "chef/ledning": "chef",
  chef: "chef",
  "strateger/samordnare": "strateg",
  "strateg/samordnare": "strateg",
  "medicinsk elevhälsa": "medicinsk_elevhalsa",
  sjukvård: "sjukvard",
  annat: "annat",
  "vill ej uppge": "vill_ej_uppge",
};

export function parseSector(value: string): Sector | null {
  return SECTOR_WORDS[clean(value)] ?? null;
}

export function parseRoleCategory(value: string): RoleCategory | null {
  return ROLE_WORDS[clean(value)] ?? null;
}

export function parseLevel(value: string): Level | null | "invalid" {
  const v = clean(value);
  if (!v) return null;
  return (LEVELS as readonly string[]).includes(v) ? (v as Level) : "invalid";
}

/** Which column index holds which field; unknown headers are ignored. */
export function mapHeader(header: string[]): { columns: Partial<Record<ParticipantColumn, number>>; missing: ParticipantColumn[] } {
  return mapColumns(header, HEADER_ALIASES, REQUIRED_COLUMNS);
}

export type RowIssue =
  | "import.nameMissing"
  | "import.emailInvalid"
  | "import.sectorUnknown"
  | "import.roleUnknown"
  | "import.levelUnknown"
  | "import.municipalityUnknown"
  | "import.duplicateInFile"
  | "import.tooLong";

export type ParticipantRow = {
  line: number;
  name: string;
  email: string;
  workplace: string | null;
  municipality: string | null;
  sector: Sector | null;
  roleCategory: RoleCategory | null;
  roleSuggested: boolean;
  jobTitle: string | null;
  level: Level | null;
  errors: RowIssue[];
  duplicateOfLine?: number;
};

const emailSchema = z.string().email();

/** Validates every row; municipalities are matched against `knownMunicipalities` (lower-case name → id). */
export function readParticipantRows(table: CsvTable, knownMunicipalities: Map<string, number>): ParticipantRow[] {
  const { columns } = mapHeader(table.header);
  const cell = (cells: string[], column: ParticipantColumn) => {
    const index = columns[column];
    return index === undefined ? "" : (cells[index] ?? "").trim();
  };
  const firstLineOfEmail = new Map<string, number>();
  return table.rows.map(({ line, cells }) => {
    const errors: RowIssue[] = [];
    const name = cell(cells, "name");
    const email = cell(cells, "email");
    const jobTitle = cell(cells, "jobTitle") || null;
    const sectorText = cell(cells, "sector");
    const roleText = cell(cells, "roleCategory");
    const municipality = cell(cells, "municipality") || null;
    if (!name) errors.push("import.nameMissing");
    if (!emailSchema.safeParse(email).success || email.length > 254) errors.push("import.emailInvalid");
    const sector = parseSector(sectorText);
    if (!sector) errors.push("import.sectorUnknown");
    let roleCategory = roleText ? parseRoleCategory(roleText) : null;
    let roleSuggested = false;
    if (roleText && !roleCategory) errors.push("import.roleUnknown");
    if (!roleText) {
      roleCategory = suggestRoleCategory(jobTitle) ?? "annat";
      roleSuggested = true;
    }
    const level = parseLevel(cell(cells, "level"));
    if (level === "invalid") errors.push("import.levelUnknown");
    if (municipality && !knownMunicipalities.has(municipality.toLowerCase())) errors.push("import.municipalityUnknown");
    if ([name, jobTitle ?? "", cell(cells, "workplace")].some((v) => v.length > 300)) errors.push("import.tooLong");
    let duplicateOfLine: number | undefined;
    if (email) {
      const key = normalizeEmail(email);
      duplicateOfLine = firstLineOfEmail.get(key);
      if (duplicateOfLine !== undefined) errors.push("import.duplicateInFile");
      else firstLineOfEmail.set(key, line);
    }
    return {
      line,
      name,
      email,
      workplace: cell(cells, "workplace") || null,
      municipality,
      sector,
      roleCategory,
      roleSuggested,
      jobTitle,
      level: level === "invalid" ? null : level,
      errors,
      duplicateOfLine,
    };
  });
}

export { ROLE_CATEGORIES, SECTORS };

/**
 * The built-in survey templates, as data: the follow-up's förenkät and
 * efterenkät (items 4a–4f word for word from the published instrument, see
 * ../shared/domain/DOMAIN.md) and the "nu jämfört med vid start" collaboration
 * self-assessment. `seedSurveyTemplates` (db/seed.ts) inserts them once, by key.
 */
import type { SurveyItemKind, SurveyOption, SurveyPhase, SurveyRespondentField } from "../../db/schema";

export type BuiltInItem = {
  code: string;
  kind: SurveyItemKind;
  prompt: string;
  leadIn?: string;
  options?: SurveyOption[];
  respondentField?: SurveyRespondentField;
  required?: boolean;
};

export type BuiltInTemplate = {
  key: string;
  name: string;
  phase: SurveyPhase;
  intro: string;
  items: BuiltInItem[];
  /** Named indices: the mean of the answered items, by item code. */
  indices: { name: string; items: string[] }[];
};

const Q4_ITEMS: { code: string; prompt: string }[] = [
  { code: "4a", prompt: "Mina kunskaper om samverkan i arbetet med att främja skolnärvaro" },
  { code: "4b", prompt: "Mina kunskaper om samverkan i arbetet med att förebygga skolnärvaroproblem" },
  { code: "4c", prompt: "Min egen förmåga att utveckla samverkansarbete för att främja skolnärvaro" },
  { code: "4d", prompt: "Min egen förmåga att utveckla samverkansarbete för att förebygga skolnärvaroproblem" },
  { code: "4e", prompt: "Samsynen kring hur olika aktörer kan samverka för att främja skolnärvaro" },
  { code: "4f", prompt: "Samsynen kring hur olika aktörer kan samverka för att förebygga skolnärvaroproblem" },
];

/** Kunskap = mean(4a, 4b); Förmåga = mean(4c, 4d); Samsyn = mean(4e, 4f). */
const Q4_INDICES = [
  { name: "Kunskap", items: ["4a", "4b"] },
  { name: "Förmåga", items: ["4c", "4d"] },
  { name: "Samsyn", items: ["4e", "4f"] },
];

/** The sector question; option values are the app's sector keys, so a response carries its sector. */
const SECTOR_OPTIONS: SurveyOption[] = [
  { value: "skola", label: "Skola/elevhälsa" },
  { value: "socialtjanst", label: "Socialtjänst" },
  { value: "halso_sjukvard", label: "Hälso- och sjukvård" },
  { value: "vill_ej_uppge", label: "Vill ej uppge" },
];

/** The role question; option values are the app's role categories. */
const ROLE_OPTIONS: SurveyOption[] = [
  { value: "chef", label: "Chef/ledning" },
  { value: "strateg", label: "Strateg/samordnare" },
  { value: "profession", label: "Profession som möter barn/familj (ej medicinsk elevhälsa)" },
  { value: "medicinsk_elevhalsa", label: "Medicinsk elevhälsa" },
  { value: "annat", label: "Annat" },
];

const likert = (leadIn: string) => Q4_ITEMS.map((item): BuiltInItem => ({ ...item, kind: "likert", leadIn }));

export const FORENKAT: BuiltInTemplate = {
  key: "forenkat",
  name: "Förenkät",
  phase: "pre",
  intro:
    "Enkäten besvaras i början av det första seminariet. Den är anonym: ditt namn sparas inte med svaren. Svara 1 (stämmer inte alls) till 5 (stämmer helt), eller Vet ej.",
  items: [
    {
      code: "1",
      kind: "single",
      prompt: "Var arbetar du?",
      options: [
        { value: "kommun", label: "Inom kommun" },
        { value: "halso_sjukvard", label: "Inom hälso- och sjukvårdsverksamhet" },
        { value: "vill_ej_uppge", label: "Vill ej uppge" },
      ],
    },
    { code: "2", kind: "single", prompt: "I vilken verksamhet arbetar du?", options: SECTOR_OPTIONS, respondentField: "sector" },
    { code: "3", kind: "single", prompt: "Vilket är ditt uppdrag eller din funktion?", options: ROLE_OPTIONS, respondentField: "role" },
    ...likert("Jag har förväntningar på att seminarieserien kan öka:"),
    { code: "5", kind: "text", prompt: "Vad önskar du att seminarieserien ska bidra med?" },
    { code: "6", kind: "text", prompt: "Är det något mer du vill tillägga?" },
  ],
  indices: Q4_INDICES,
};

export const EFTERENKAT: BuiltInTemplate = {
  key: "efterenkat",
  name: "Efterenkät",
  phase: "post",
  intro:
    "Enkäten besvaras i slutet av det sista seminariet. Den är anonym: ditt namn sparas inte med svaren. Svara 1 (stämmer inte alls) till 5 (stämmer helt), eller Vet ej.",
  items: [
    {
      code: "1",
      kind: "single",
      prompt: "Besvarade du förenkäten?",
      options: [
        { value: "ja", label: "Ja" },
        { value: "nej", label: "Nej" },
      ],
    },
    { code: "2", kind: "single", prompt: "Inom vilken verksamhet arbetar du?", options: SECTOR_OPTIONS, respondentField: "sector" },
    { code: "3", kind: "single", prompt: "Vilken roll har du?", options: ROLE_OPTIONS, respondentField: "role" },
    { code: "3b", kind: "text", prompt: "Om annat, ange vad" },
    ...likert("Jag upplever att seminarieserien har ökat:"),
    { code: "5", kind: "text", prompt: "Vad har seminarieserien konkret bidragit med?" },
    { code: "6", kind: "text", prompt: "Vad saknade du i seminarieserien?" },
  ],
  indices: Q4_INDICES,
};

/** Themes and statements of the self-assessment, each rated now (har) and at the start (hade). */
const SELF_ASSESSMENT: { theme: string; statements: string[] }[] = [
  {
    theme: "Strukturer",
    statements: ["Vi har gemensamma strukturer för samverkan", "Vi har gemensamma rutiner kring skolfrånvaro", "Vi har regelbundna möten"],
  },
  {
    theme: "Samsyn",
    statements: ["Vi har en gemensam syn på målgruppens problematik", "Vi diskuterar tillsammans vilka elever som ska aktualiseras"],
  },
  {
    theme: "Kunskap och tillit",
    statements: ["Vi har kunskap om varandras ansvarsområden och handlingsutrymme", "Vi har tillit till varandras kompetens"],
  },
  {
    theme: "Hänvisning",
    statements: ["Vi har en struktur för slussning till biståndsbedömda insatser", "Samverkan med BUP fungerar bra"],
  },
  { theme: "Relationer", statements: ["Vi har goda relationer", "Vi investerar tid i att bygga relationer"] },
  {
    theme: "Personbundenhet",
    statements: ["Vi har rutiner så att samverkan fortgår om en drivande person slutar", "Samverkan drivs av flera personer"],
  },
];

export const NU_JAMFORT_MED_START: BuiltInTemplate = {
  key: "nu-jamfort-med-start",
  name: "Samverkan nu jämfört med vid start",
  phase: "other",
  intro: "Bedöm varje påstående två gånger: hur det är nu (har) och hur det var när arbetet startade (hade). Svara 1 (stämmer inte alls) till 5 (stämmer helt), eller Vet ej.",
  items: SELF_ASSESSMENT.flatMap(({ theme, statements }, t) =>
    statements.map((prompt, s): BuiltInItem => ({ code: `${t + 1}${String.fromCharCode(97 + s)}`, kind: "likert_now_then", leadIn: theme, prompt })),
  ),
  indices: SELF_ASSESSMENT.map(({ theme, statements }, t) => ({
    name: theme,
    items: statements.map((_, s) => `${t + 1}${String.fromCharCode(97 + s)}`),
  })),
};

export const BUILT_IN_SURVEY_TEMPLATES: BuiltInTemplate[] = [FORENKAT, EFTERENKAT, NU_JAMFORT_MED_START];

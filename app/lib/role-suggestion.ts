/**
 * Suggests a role category (yrkesroll) from a free-text job title, using the
 * examples in the follow-up's categories. The coordinator can always change it.
 */
import type { RoleCategory } from "../../db/schema";

// Longer, more specific phrases first: "chef elevhälsa" before "elevhälsa",
// "skolkurator" before "kurator", "sip-samordnare" before "samordnare".
const RULES: [RoleCategory, string[]][] = [
  ["medicinsk_elevhalsa", ["skolläkare", "skolsköterska", "skolpsykolog", "pla-psykolog"]],
  [
    "chef",
    [
      "biträdande rektor",
      "biträdande enhetschef",
      "chef barn och elevhälsa",
      "chef elevhälsa",
      "förvaltningschef",
      "verksamhetschef",
      "sektionschef",
      "enhetschef",
      "skolchef",
      "gruppledare",
      "rektor",
      "chef",
    ],
  ],
  [
    "strateg",
    ["utvecklingsledare", "processledare", "sip-samordnare", "preventionssamordnare", "utbildningsstrateg", "koordinator", "samordnare", "strateg"],
  ],
  ["sjukvard", ["bup", "vårdcentral", "bumm", "ungdomsmottagning", "första linjen", "region"]],
  [
    "profession",
    [
      "studie- och yrkesvägledare",
      "lss-handläggare",
      "föräldrarådgivare",
      "familjebehandlare",
      "socialsekreterare",
      "specialpedagog",
      "speciallärare",
      "resurspedagog",
      "socialpedagog",
      "skolkurator",
      "kurator",
      "lärare",
      "mentor",
    ],
  ],
];

export function suggestRoleCategory(jobTitle: string | null | undefined): RoleCategory | null {
  const title = (jobTitle ?? "").toLowerCase().replace(/\s+/g, " ").trim();
  if (!title) return null;
  for (const [category, phrases] of RULES) {
    if (phrases.some((phrase) => title.includes(phrase))) return category;
  }
  return null;
}

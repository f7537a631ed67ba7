import { describe, expect, it } from "vitest";
import { suggestRoleCategory } from "~/lib/role-suggestion";

describe("role category from job title", () => {
  it.each([
    ["Rektor", "chef"],
    ["Biträdande rektor", "chef"],
    ["Chef elevhälsa", "chef"],
    ["Enhetschef IFO", "chef"],
    ["Skolsköterska", "medicinsk_elevhalsa"],
    ["skolpsykolog", "medicinsk_elevhalsa"],
    ["SIP-samordnare", "strateg"],
    ["Utvecklingsledare", "strateg"],
    ["Skolkurator", "profession"],
    ["Socialsekreterare", "profession"],
    ["Studie- och yrkesvägledare", "profession"],
    ["Psykolog, BUP", "sjukvard"],
    ["Kurator på vårdcentral", "sjukvard"], // region staff count as Sjukvård, whatever the profession,
    ["  LÄRARE  ", "profession"],
  ])("%s → %s", (title, category) => {
    expect(suggestRoleCategory(title)).toBe(category);
  });

  it("suggests nothing for an unknown or empty title", () => {
    expect(suggestRoleCategory("Vaktmästare")).toBeNull();
    expect(suggestRoleCategory("")).toBeNull();
    expect(suggestRoleCategory(null)).toBeNull();
  });
});

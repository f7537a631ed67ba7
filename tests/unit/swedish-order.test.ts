import { describe, expect, it } from "vitest";
import { byMunicipalitySectorName, compareSwedish } from "~/lib/swedish-order";

describe("Swedish order", () => {
  it("puts Å before Ä before Ö, after Z, ignoring case", () => {
    expect(["Öberg", "Åberg", "Zetterberg", "Äng", "ahlgren", "Östen"].sort(compareSwedish)).toEqual(["ahlgren", "Zetterberg", "Åberg", "Äng", "Öberg", "Östen"]);
  });

  it("orders lists by municipality, then sector as shown in the app, then name", () => {
    const people = [
      { organisation: "Huddinge", sector: "socialtjanst" as const, name: "Anna" },
      { organisation: "Botkyrka", sector: "halso_sjukvard" as const, name: "Örjan" },
      { organisation: "Huddinge", sector: "skola" as const, name: "Östen" },
      { organisation: "Huddinge", sector: "skola" as const, name: "Åsa" },
      { organisation: null, sector: "skola" as const, name: "Berit" },
    ];
    expect([...people].sort(byMunicipalitySectorName).map((p) => p.name)).toEqual(["Berit", "Örjan", "Åsa", "Östen", "Anna"]);
  });
});

import { describe, expect, it } from "vitest";
import { getDb } from "~/models/db.server";

/** Raw SQL keeps these checks independent of the model code they protect. */
const sqlite = () => getDb().$client;

describe("reference data: municipalities, Stockholm's districts and regions", () => {
  it("has 290 municipalities, 13 city district areas and 21 regions", () => {
    const counts = sqlite().prepare("select kind, count(*) as n from organisations group by kind order by kind").all();
    expect(counts).toEqual([
      { kind: "kommun", n: 290 },
      { kind: "region", n: 21 },
      { kind: "stadsdelsomrade", n: 13 },
    ]);
  });

  it("gives every municipality a unique four-digit kommunkod", () => {
    const row = sqlite()
      .prepare(
        "select count(*) as n, count(distinct code) as codes, sum(code glob '[0-2][0-9][0-9][0-9]') as wellFormed from organisations where kind = 'kommun'",
      )
      .get();
    expect(row).toEqual({ n: 290, codes: 290, wellFormed: 290 });
  });

  it("puts all 13 districts under Stockholm (kommunkod 0180), in Region Stockholm", () => {
    const districts = sqlite()
      .prepare(
        `select d.name, p.code as parentCode, p.name as parentName, r.name as region
         from organisations d
         join organisations p on p.id = d.parent_id
         join organisations r on r.id = d.region_id
         where d.kind = 'stadsdelsomrade' order by d.name`,
      )
      .all() as { name: string; parentCode: string; parentName: string; region: string }[];
    expect(districts.map((d) => d.name)).toEqual([
      "Bromma",
      "Enskede-Årsta-Vantör",
      "Farsta",
      "Hägersten-Älvsjö",
      "Hässelby-Vällingby",
      "Kungsholmen",
      "Norrmalm",
      "Rinkeby-Kista",
      "Skarpnäck",
      "Skärholmen",
      "Spånga-Tensta",
      "Södermalm",
      "Östermalm",
    ]);
    for (const d of districts) {
      expect(d).toMatchObject({ parentCode: "0180", parentName: "Stockholm", region: "Region Stockholm" });
    }
  });

  it("serves Huddinge from Region Stockholm", () => {
    const region = sqlite()
      .prepare(
        "select r.name from organisations k join organisations r on r.id = k.region_id where k.kind = 'kommun' and k.name = 'Huddinge'",
      )
      .pluck()
      .get();
    expect(region).toBe("Region Stockholm");
  });

  it("gives every municipality a region, and that region is of kind 'region'", () => {
    const withoutRegion = sqlite()
      .prepare(
        `select count(*) from organisations k left join organisations r on r.id = k.region_id
         where k.kind = 'kommun' and (r.id is null or r.kind != 'region')`,
      )
      .pluck()
      .get();
    expect(withoutRegion).toBe(0);
  });

  it("spreads the municipalities over the 21 regions as in Sweden", () => {
    const perRegion = Object.fromEntries(
      (
        sqlite()
          .prepare(
            `select r.name, count(*) as n from organisations k join organisations r on r.id = k.region_id
             where k.kind = 'kommun' group by r.name`,
          )
          .all() as { name: string; n: number }[]
      ).map((r) => [r.name, r.n]),
    );
    expect(Object.keys(perRegion)).toHaveLength(21);
    expect(perRegion["Region Stockholm"]).toBe(26);
    expect(perRegion["Region Skåne"]).toBe(33);
    expect(perRegion["Västra Götalandsregionen"]).toBe(49);
    expect(perRegion["Region Gotland"]).toBe(1);
  });

  it("has no parent for municipalities and regions (only districts have one)", () => {
    const withParent = sqlite()
      .prepare("select kind, count(*) as n from organisations where parent_id is not null group by kind")
      .all();
    expect(withParent).toEqual([{ kind: "stadsdelsomrade", n: 13 }]);
  });
});

/**
 * Swedish alphabetical order (… X, Y, Z, Å, Ä, Ö). SQLite's NOCASE knows only
 * ASCII and puts Ä before Å, so lists people read by name are sorted here.
 */
import { SECTORS, type Sector } from "../../db/schema";

const collator = new Intl.Collator("sv", { sensitivity: "base", numeric: true });

export function compareSwedish(a: string | null | undefined, b: string | null | undefined): number {
  return collator.compare(a ?? "", b ?? "");
}

/** The order of printed and marked lists: municipality, then sector (as shown everywhere), then name. */
export function byMunicipalitySectorName(
  a: { organisation: string | null; sector: Sector; name: string },
  b: { organisation: string | null; sector: Sector; name: string },
): number {
  return compareSwedish(a.organisation, b.organisation) || SECTORS.indexOf(a.sector) - SECTORS.indexOf(b.sector) || compareSwedish(a.name, b.name);
}

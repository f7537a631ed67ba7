/**
 * The follow-up's index and category rules (DOMAIN.md, "Survey instruments"):
 * - an index is the mean of the answered items in it; Vet ej and blanks are
 *   missing, and a respondent with every item missing is left out of it;
 * - a mean of 1–3 is "lägre", 3.5–5 is "högre". The built-in indices have two
 *   items, so their means are whole or half numbers and 3.0 / 3.5 are the
 *   exact boundaries. A custom index with three or more items can have a mean
 *   between them (3.33); it counts as "lägre", since it has not reached 3.5.
 */
export const HIGHER_FROM = 3.5;

export type IndexCategory = "lagre" | "hogre";

/** The mean of the answered values, or null when none was answered. */
export function indexMean(values: (number | null | undefined)[]): number | null {
  const answered = values.filter((v): v is number => typeof v === "number");
  if (answered.length === 0) return null;
  return answered.reduce((a, b) => a + b, 0) / answered.length;
}

export function indexCategory(mean: number): IndexCategory {
  return mean >= HIGHER_FROM ? "hogre" : "lagre";
}

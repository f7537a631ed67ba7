/** The representation-target form, shared by series and templates. */
import { z } from "zod";
import { CORE_SECTORS, type Target } from "./representation";
import { optionalInt } from "./schemas";

export const TargetsSchema = z.object(
  Object.fromEntries(
    CORE_SECTORS.flatMap((sector) => [
      [`count-${sector}`, optionalInt(1, 10000)],
      [`share-${sector}`, optionalInt(1, 100)],
    ]),
  ) as Record<string, ReturnType<typeof optionalInt>>,
);

export function targetsFromForm(data: z.infer<typeof TargetsSchema>): Target[] {
  return CORE_SECTORS.map((sector) => ({
    sector,
    minCount: data[`count-${sector}`] ?? null,
    minSharePercent: data[`share-${sector}`] ?? null,
  }));
}

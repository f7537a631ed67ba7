/**
 * Okabe–Ito colours: told apart by people with the common colour-vision
 * deficiencies, and each ≥ 3:1 against white (WCAG 1.4.11) except where a
 * pattern-free dark border is added. One fixed colour per sector, everywhere.
 */
import type { Sector } from "../../db/schema";

export const SECTOR_COLOURS: Record<Sector, string> = {
  skola: "#0072B2",
  socialtjanst: "#D55E00",
  halso_sjukvard: "#009E73",
  annat: "#CC79A7",
  vill_ej_uppge: "#6B6B6B",
};

/** For series that are not sectors (stages of a funnel, lines of a trend). */
export const SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#6B6B6B"];

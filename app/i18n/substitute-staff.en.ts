/** English messages for staff handling of named substitutes and preparation figures; keys mirror `substituteStaffSv`. */
import type { substituteStaffSv } from "./substitute-staff.sv";

export const substituteStaffEn: Record<keyof typeof substituteStaffSv, string> = {
  // Preparation completion on the staff session page (issue #8 item 5)
  "substituteStaff.prep.title": "Preparation",
  "substituteStaff.prep.noItems": "No preparation material for this session.",
  "substituteStaff.prep.nothingYet": "Nobody has marked anything yet.",
  "substituteStaff.prep.noPeople": "Nobody is enrolled in the series yet.",
  "substituteStaff.prep.summary": "{done} of {people} participants are done ({share}) and {started} have started their preparation.",
  "substituteStaff.prep.items": "The session has {items} parts to prepare: material to read or watch and reflection questions to answer.",
  "substituteStaff.prep.caption": "Preparation by sector",
  "substituteStaff.prep.sector": "Sector",
  "substituteStaff.prep.people": "Participants",
  "substituteStaff.prep.done": "Done",
  "substituteStaff.prep.share": "Share done",
  "substituteStaff.prep.started": "Started",
  "substituteStaff.prep.total": "Total",
  "substituteStaff.prep.definition":
    "Participants are those enrolled in the series and the substitutes confirmed for the session. Done: has marked all material read or watched and written something on every reflection question. Started: at least one part but not all. What participants have written is never shown here.",
};

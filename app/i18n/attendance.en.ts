/** English messages for the attendance pages; keys mirror `attendanceSv`. */
import type { attendanceSv } from "./attendance.sv";

export const attendanceEn: Record<keyof typeof attendanceSv, string> = {
  "attendanceStatus.narvarande": "Present",
  "attendanceStatus.sen": "Arrived late",
  "attendanceStatus.franvarande_anmalt": "Absent – reported",
  "attendanceStatus.franvarande_ej_anmalt": "Absent – not reported",
  "attendanceStatus.ersatt": "Replaced",
  "attendanceStatus.none": "Not marked",

  "attendance.error.unknownStatus": "Choose one of the attendance statuses in the list.",
  "attendance.error.useSubstituteForm": "The status Replaced needs the name of whoever came instead. Choose Register substitute.",
  "attendance.error.removeSubstituteFirst": "This seat already has a substitute. Remove the substitute first if the person came after all.",
  "attendance.error.substituteMustBePresent": "A substitute is present or late. If they did not come, remove the substitute.",
  "attendance.error.substituteSelf": "A person cannot substitute for themselves.",
  "attendance.error.substituteEnrolled": "{name} is enrolled in the series and has a seat of their own. Mark them on the roster instead.",
  "attendance.error.substituteOnRoster": "{name} is already on this session's roster.",
  "attendance.error.absentNotEnrolled": "Only an enrolled participant can be replaced.",
  "attendance.error.alreadySubstituted": "This seat already has a substitute.",
  "attendance.error.notOnRoster": "This person is not on the roster.",
  "attendance.error.walkInEnrolled": "{name} is already enrolled in the series. Mark them present on the roster.",
};

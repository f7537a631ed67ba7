/** Swedish messages for the attendance pages; spread into `sv` (app/i18n/sv.ts). */
export const attendanceSv = {
  "attendanceStatus.narvarande": "Närvarande",
  "attendanceStatus.sen": "Sen ankomst",
  "attendanceStatus.franvarande_anmalt": "Frånvarande – anmält",
  "attendanceStatus.franvarande_ej_anmalt": "Frånvarande – ej anmält",
  "attendanceStatus.ersatt": "Ersatt",
  "attendanceStatus.none": "Ej markerad",

  "attendance.error.unknownStatus": "Välj en av närvarostatusarna i listan.",
  "attendance.error.useSubstituteForm": "Status Ersatt kräver att du anger vem som kom i stället. Välj Registrera ersättare.",
  "attendance.error.removeSubstituteFirst": "Platsen är redan ersatt. Ta bort ersättaren först om personen själv kom.",
  "attendance.error.substituteMustBePresent": "En ersättare är närvarande eller sen. Kom personen inte, ta bort ersättaren.",
  "attendance.error.substituteSelf": "En person kan inte vara ersättare för sig själv.",
  "attendance.error.substituteEnrolled": "{name} är själv anmäld till serien och har en egen plats. Markera hen på närvarolistan i stället.",
  "attendance.error.substituteOnRoster": "{name} finns redan på närvarolistan för det här tillfället.",
  "attendance.error.absentNotEnrolled": "Bara en anmäld deltagare kan ersättas.",
  "attendance.error.alreadySubstituted": "Platsen har redan en ersättare.",
  "attendance.error.notOnRoster": "Personen finns inte på närvarolistan.",
  "attendance.error.walkInEnrolled": "{name} är redan anmäld till serien. Markera hen som närvarande på närvarolistan.",
} as const;

/** Swedish messages for staff handling of named substitutes and preparation figures; spread into `sv` (app/i18n/sv.ts). */
export const substituteStaffSv = {
  // Preparation completion on the staff session page (issue #8 item 5)
  "substituteStaff.prep.title": "Förberedelser",
  "substituteStaff.prep.noItems": "Inget förberedelsematerial för det här tillfället.",
  "substituteStaff.prep.nothingYet": "Ingen har markerat något ännu.",
  "substituteStaff.prep.noPeople": "Ingen är anmäld till serien ännu.",
  "substituteStaff.prep.summary": "{done} av {people} deltagare är klara ({share}) och {started} har påbörjat förberedelserna.",
  "substituteStaff.prep.items": "Tillfället har {items} delar att förbereda: material att läsa eller se och reflektionsfrågor att besvara.",
  "substituteStaff.prep.caption": "Förberedelser per verksamhet",
  "substituteStaff.prep.sector": "Verksamhet",
  "substituteStaff.prep.people": "Deltagare",
  "substituteStaff.prep.done": "Klara",
  "substituteStaff.prep.share": "Andel klara",
  "substituteStaff.prep.started": "Påbörjade",
  "substituteStaff.prep.total": "Totalt",
  "substituteStaff.prep.definition":
    "Deltagare är de anmälda till serien och de bekräftade ersättarna för tillfället. Klar: har markerat allt material som läst eller sett och skrivit något på varje reflektionsfråga. Påbörjad: minst en del men inte allt. Vad deltagarna har skrivit visas aldrig här.",
};

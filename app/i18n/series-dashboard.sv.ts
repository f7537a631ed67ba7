/** Swedish messages for the series dashboard (/serier/:id/oversikt); spread into `sv` (app/i18n/sv.ts). */
export const seriesDashboardSv = {
  // Link from the series page
  "seriesDashboard.seriesLink": "Översikt: representation och bortfall",

  // Page
  "seriesDashboard.title": "Översikt: {series}",
  "seriesDashboard.intro":
    "Vilka som kom till varje tillfälle, per verksamhet, yrkesroll och nivå, och vad som behöver göras. Närvarande räknas med sen ankomst, ersättare och de som kom utan att vara anmälda; en ersättare räknas i sin egen verksamhet.",
  "seriesDashboard.back": "Tillbaka till serien",
  "seriesDashboard.print": "Skriv ut",
  "seriesDashboard.json": "Hela översikten som JSON",
  "seriesDashboard.downloadCsv": "Ladda ner tabellen som CSV (Excel)",
  "seriesDashboard.downloadCsvNamed": "Ladda ner {table} som CSV (Excel)",

  // Alerts
  "seriesDashboard.alertsTitle": "Att åtgärda",
  "seriesDashboard.alertsNone": "Inget att åtgärda just nu: alla verksamheter är med, målen nås och bortfallet är under larmgränsen.",
  "seriesDashboard.severity.error": "Allvarligt",
  "seriesDashboard.severity.warn": "Varning",
  "seriesDashboard.alert.notRecorded": "Ingen närvaro är registrerad för {session} ({date}).",
  "seriesDashboard.next.notRecorded": "Markera närvaron på närvarolistan eller importera den från en fil. Till dess räknas tillfället inte i översikten.",
  "seriesDashboard.alert.sectorMissing": "{sector} saknades vid {session} ({date}): ingen därifrån deltog.",
  "seriesDashboard.next.sectorMissing":
    "Kontakta de anmälda från {sectorLower} före nästa tillfälle, och be den som inte kan komma att skicka en ersättare från samma verksamhet.",
  "seriesDashboard.alert.healthMissingHeld":
    "Ingen från hälso- och sjukvården kom till {session} ({date}), seriens sista seminarium – det som handlar om samverkan.",
  "seriesDashboard.next.healthMissingHeld":
    "Ta upp det med regionens kontaktperson, och bjud in BUP, vårdcentralen och elevhälsans medicinska del till erfarenhetsutbytet och det fortsatta arbetet.",
  "seriesDashboard.alert.healthMissingUpcoming":
    "Ingen från hälso- och sjukvården är anmäld till {session} ({date}), seriens sista seminarium – det som handlar om samverkan.",
  "seriesDashboard.next.healthMissingUpcoming": "Bjud in BUP, vårdcentralen och elevhälsans medicinska del nu, under Inbjudningar och svar.",
  "seriesDashboard.alert.noManagersHeld": "Ingen chef (Chefer/Ledning) från {sectorLower} var med vid {session} ({date}).",
  "seriesDashboard.next.noManagersHeld":
    "Förankra det som kom fram hos en chef i verksamheten, och bjud in en chef från {sectorLower} till erfarenhetsutbytet.",
  "seriesDashboard.alert.noManagersUpcoming": "Ingen chef (Chefer/Ledning) från {sectorLower} är anmäld till {session} ({date}).",
  "seriesDashboard.next.noManagersUpcoming": "Bjud in en chef från {sectorLower} nu, eller be verksamheten skicka någon med mandat att fatta beslut.",
  "seriesDashboard.alert.belowTargetCount": "{sector} vid {session} ({date}): {actual} deltagare, målet är minst {target}.",
  "seriesDashboard.alert.belowTargetShare": "{sector} vid {session} ({date}): {actual} av {attendees} deltagare ({share}), målet är minst {target}.",
  "seriesDashboard.next.belowTarget": "Bjud in fler från {sectorLower} före nästa tillfälle.",
  "seriesDashboard.alert.dropOff":
    "{sector}: {first} deltog vid {firstSession} men {last} vid {lastSession}, ett bortfall på {share} (larmgränsen är {threshold}).",
  "seriesDashboard.next.dropOff":
    "Fråga dem som slutat komma vad som hindrar dem, och påminn om att en kollega från samma verksamhet kan gå i deras ställe.",
  "seriesDashboard.sectorLower.skola": "skolan",
  "seriesDashboard.sectorLower.socialtjanst": "socialtjänsten",
  "seriesDashboard.sectorLower.halso_sjukvard": "hälso- och sjukvården",
  "seriesDashboard.sectorLower.annat": "övriga verksamheter",
  "seriesDashboard.sectorLower.vill_ej_uppge": "dem som inte uppgett verksamhet",

  // Sessions
  "seriesDashboard.sessionsTitle": "Tillfällen",
  "seriesDashboard.sessionName": "tillfälle {position}",
  "seriesDashboard.exchangeName": "erfarenhetsutbytet",
  "seriesDashboard.lastSeminar": "seriens sista seminarium",
  "seriesDashboard.state.held": "genomfört",
  "seriesDashboard.state.unrecorded": "genomfört, närvaron är inte registrerad",
  "seriesDashboard.state.upcoming": "kommande",
  "seriesDashboard.state.cancelled": "inställt (serien avbröts)",
  "seriesDashboard.state.noShare": "kan inte beräknas",
  "seriesDashboard.attendeesOf": "{count} deltagare",

  // Common table words
  "seriesDashboard.sector": "Verksamhet",
  "seriesDashboard.roleCategory": "Yrkesroll",
  "seriesDashboard.level": "Nivå",
  "seriesDashboard.levelNone": "Ej angiven",
  "seriesDashboard.session": "Tillfälle",
  "seriesDashboard.count": "Antal",
  "seriesDashboard.share": "Andel",
  "seriesDashboard.total": "Totalt",
  "seriesDashboard.yes": "Ja",
  "seriesDashboard.no": "Nej",

  // Sector mix
  "seriesDashboard.sectorsTitle": "Deltagare per verksamhet",
  "seriesDashboard.sectorsCaption": "Deltagare per tillfälle och verksamhet, antal och andel av tillfällets deltagare",
  "seriesDashboard.sectorsChart": "Verksamheternas fördelning per tillfälle (antal deltagare)",
  "seriesDashboard.sectorsSummary": "Vid {session} ({date}) kom {count} av {total} deltagare ({share}) från hälso- och sjukvården.",
  "seriesDashboard.noneHeld": "Inget tillfälle är genomfört ännu. Siffrorna visas när närvaron vid det första tillfället är registrerad.",

  // Roles and levels
  "seriesDashboard.rolesTitle": "Deltagare per yrkesroll",
  "seriesDashboard.rolesCaption": "Deltagare per tillfälle och yrkesroll, antal och andel av tillfällets deltagare",
  "seriesDashboard.levelsTitle": "Deltagare per nivå",
  "seriesDashboard.levelsCaption": "Deltagare per tillfälle och nivå (strategisk eller operativ), antal och andel av tillfällets deltagare",

  // Funnel
  "seriesDashboard.funnelTitle": "Från inbjudan till deltagande",
  "seriesDashboard.funnelDefinition":
    "Inbjudna: alla som fått en inbjudan via e-post eller registrerats direkt i serien (en registrering räknas som en inbjudan som accepterats på en gång), en gång per person. Anmälda: de som är anmälda till serien nu. Deltog: anmälda som själva var närvarande (eller kom sent) vid minst ett tillfälle. Ersättare och de som kom utan att vara anmälda ingår inte i tratten – de syns i tabellen över ersättare.",
  "seriesDashboard.funnelCaption": "Inbjudna, anmälda och deltagande per verksamhet",
  "seriesDashboard.funnelChart": "Från inbjudan till deltagande per verksamhet",
  "seriesDashboard.funnelInvited": "Inbjudna",
  "seriesDashboard.funnelAccepted": "Anmälda",
  "seriesDashboard.funnelAcceptedShare": "Andel anmälda av inbjudna",
  "seriesDashboard.funnelAttended": "Deltog minst en gång",
  "seriesDashboard.funnelAttendedShare": "Andel som deltog av anmälda",
  "seriesDashboard.funnelSummary":
    "Av {invited} inbjudna anmälde sig {accepted} ({acceptedShare}), och {attended} av de anmälda ({attendedShare}) deltog minst en gång.",
  "seriesDashboard.funnelSummaryEmpty": "Ingen är inbjuden eller anmäld till serien ännu.",

  // Drop-off
  "seriesDashboard.dropOffTitle": "Första mot sista seminariet",
  "seriesDashboard.dropOffIntro": "Deltagare vid det första och det senaste genomförda seminariet, per verksamhet. Larmgränsen för bortfall är {threshold}.",
  "seriesDashboard.dropOffTooFew": "Bortfallet visas när minst två seminarier är genomförda och har registrerad närvaro.",
  "seriesDashboard.dropOffCaption": "Bortfall per verksamhet från det första till det senaste genomförda seminariet",
  "seriesDashboard.dropOffChart": "Första mot senaste seminariet per verksamhet (antal deltagare)",
  "seriesDashboard.dropOffCount": "Bortfall (antal)",
  "seriesDashboard.dropOffShare": "Bortfall (andel av första)",
  "seriesDashboard.dropOffSummary":
    "{sector} minskade mest: från {firstCount} deltagare vid {first} till {lastCount} vid {last}, ett bortfall på {share}.",
  "seriesDashboard.dropOffSummaryNone": "Ingen verksamhet hade färre deltagare vid {last} än vid {first}.",

  // Managers at the last seminar
  "seriesDashboard.managersTitle": "Chefer vid seriens sista seminarium",
  "seriesDashboard.managersIntroPresent": "Vid {session} ({date}): deltagare och chefer (Chefer/Ledning) på plats per verksamhet.",
  "seriesDashboard.managersIntroEnrolled":
    "{session} ({date}) är inte genomfört ännu, så tabellen visar anmälda deltagare och anmälda chefer (Chefer/Ledning) per verksamhet.",
  "seriesDashboard.managersNone": "Seriens sista seminarium har ingen registrerad närvaro, så det går inte att säga vilka chefer som var med.",
  "seriesDashboard.managersNoSeminar": "Serien har inget seminarium.",
  "seriesDashboard.managersCaptionPresent": "Chefer på plats vid seriens sista seminarium, per verksamhet",
  "seriesDashboard.managersCaptionEnrolled": "Anmälda chefer inför seriens sista seminarium, per verksamhet",
  "seriesDashboard.managersPeoplePresent": "Deltagare",
  "seriesDashboard.managersPeopleEnrolled": "Anmälda",
  "seriesDashboard.managersCount": "Varav chefer",
  "seriesDashboard.managersPresent": "Chef på plats",
  "seriesDashboard.managersEnrolled": "Chef anmäld",

  // Substitutes and walk-ins
  "seriesDashboard.extrasTitle": "Ersättare och deltagare utan anmälan",
  "seriesDashboard.extrasCaption": "Ersättare och deltagare som kom utan att vara anmälda, per tillfälle",
  "seriesDashboard.extrasAttendees": "Deltagare",
  "seriesDashboard.extrasSubstitutes": "Ersättare",
  "seriesDashboard.extrasOtherSector": "Varav från annan verksamhet",
  "seriesDashboard.extrasWalkIns": "Utan anmälan",

  // Preparation
  "seriesDashboard.prepTitle": "Förberedelser",
  "seriesDashboard.prepIntro":
    "Hur många av deltagarna som är klara med förberedelserna inför varje tillfälle som har förberedelsematerial eller reflektionsfrågor, per verksamhet. Deltagarna markerar i deltagarportalen när de har läst ett dokument eller sett en föreläsning, och skriver sina reflektioner där; vad de skriver visas aldrig här.",
  "seriesDashboard.prepNone": "Inget av seriens tillfällen har förberedelsematerial eller reflektionsfrågor ännu. Lägg till dem på tillfällets sida.",
  "seriesDashboard.prepCaption": "Deltagare som är klara med förberedelserna, per tillfälle och verksamhet",
  "seriesDashboard.prepDone": "Klara",
  "seriesDashboard.prepShare": "Andel klara",
  "seriesDashboard.prepSummaryUpcoming": "Inför {session} ({date}) är {done} av {people} deltagare klara med förberedelserna ({share}).",
  "seriesDashboard.prepSummaryPast": "Inför {session} ({date}) var {done} av {people} deltagare klara med förberedelserna ({share}).",

  // Definitions
  "seriesDashboard.definitionsTitle": "Så räknas siffrorna",
  "seriesDashboard.definitionPresent":
    "Deltagare vid ett tillfälle: närvarande eller sen ankomst. Ersättare och de som kom utan anmälan räknas i sin egen verksamhet. Andelar är av tillfällets deltagare, med en decimal.",
  "seriesDashboard.definitionHeld":
    "Ett tillfälle räknas som genomfört när det har börjat och närvaron är registrerad. Seriens sista seminarium är det seminarium som ligger sist i serien (seminarium 3 i standardmallen).",
  "seriesDashboard.definitionPrep":
    "Förberedelser: deltagare är de anmälda till serien och de bekräftade ersättarna för tillfället. Klar är den som har markerat allt material som läst eller sett och skrivit något på varje reflektionsfråga. Andelen klara är av tillfällets deltagare, med en decimal.",
  "seriesDashboard.definitionAlerts":
    "Larmen: en verksamhet (skola, socialtjänst, hälso- och sjukvård) utan deltagare vid ett genomfört tillfälle; ingen från hälso- och sjukvården vid det sista seminariet (inför det: ingen anmäld); en verksamhet utan chef vid det sista seminariet (om serien kräver chefer); bortfall över larmgränsen från det första till det senaste seminariet; ett tillfälle under seriens representationsmål.",

  // CSV file names
  "seriesDashboard.csvName.sektorer": "deltagare per verksamhet",
  "seriesDashboard.csvName.yrkesroller": "deltagare per yrkesroll",
  "seriesDashboard.csvName.nivaer": "deltagare per nivå",
  "seriesDashboard.csvName.tratt": "från inbjudan till deltagande",
  "seriesDashboard.csvName.bortfall": "bortfallet",
  "seriesDashboard.csvName.chefer": "chefer vid sista seminariet",
  "seriesDashboard.csvName.ersattare": "ersättare per tillfälle",
  "seriesDashboard.csvName.forberedelser": "förberedelser per tillfälle",
} as const;

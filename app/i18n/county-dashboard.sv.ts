/** Swedish messages for the county and sponsor dashboard (/lan); spread into `sv` (app/i18n/sv.ts). */
export const countyDashboardSv = {
  "countyDashboard.nav": "Länsöversikt",
  "countyDashboard.startLink": "Länsöversikt: läget i länets kommuner och verksamheterna termin för termin",
  "countyDashboard.title": "Länsöversikt",
  "countyDashboard.intro":
    "Hur många av länets kommuner – och av Stockholms stadsdelsområden – som har genomfört, pågående, planerad eller ingen serie, vilka verksamheter som deltar termin för termin, och en rad per kommun.",
  "countyDashboard.suppressedNote":
    "Siffrorna är sammanställda. En grupp med färre än {n} personer visas som ”<{n}”. När en summa annars skulle avslöja en sådan grupp döljs också den näst minsta siffran i raden eller kolumnen; den visas som ”dold”.",
  "countyDashboard.exactNote":
    "Du ser exakta siffror. Uppdragsgivare ser samma sida där grupper med färre än {n} personer är dolda.",

  // Filters
  "countyDashboard.filters": "Filter",
  "countyDashboard.county": "Län",
  "countyDashboard.term": "Termin",
  "countyDashboard.processLeader": "Processledare",
  "countyDashboard.allTerms": "Alla terminer",
  "countyDashboard.allProcessLeaders": "Alla processledare",
  "countyDashboard.show": "Visa",
  "countyDashboard.showing": "Visar {filters}.",
  "countyDashboard.seriesCount": "{n} serier i urvalet (alla statusar).",
  "countyDashboard.seriesCountOne": "1 serie i urvalet.",
  "countyDashboard.noSeries":
    "Det finns inga serier i {county} med de här filtren, så alla kommuner står som ”Ingen serie”. Välj ett annat län, en annan termin eller en annan processledare.",
  "countyDashboard.noSeriesPlan": "Planera en serie under Serier → Ny serie.",

  // Hidden and missing figures
  "countyDashboard.hiddenCount": "<{n}",
  "countyDashboard.hiddenCountSr": "färre än {n} personer",
  "countyDashboard.hiddenComplementary": "dold",
  "countyDashboard.hiddenComplementarySr": "dold, så att en summa inte avslöjar en liten grupp",
  "countyDashboard.noShare": "–",
  "countyDashboard.noShareSr": "ingen andel att visa",
  "countyDashboard.hiddenGroups": "Dolda grupper",
  "countyDashboard.hiddenShare": "en dold andel",

  // States of the municipalities and districts
  "countyDashboard.statesTitle": "Läget i kommunerna",
  "countyDashboard.statesRule":
    "Varje kommun och stadsdelsområde räknas en gång, efter sin mest aktuella serie: pågående går före planerad, och planerad före genomförd. Ett utkast är ännu inte bestämt med kommunen och en avbruten serie blev inte av, så de räknas som ingen serie. En stadsdels serie räknas för stadsdelen, inte för Stockholms kommun.",
  "countyDashboard.state.genomford": "Har genomfört en serie",
  "countyDashboard.state.pagaende": "Har en pågående serie",
  "countyDashboard.state.planerad": "Har en planerad serie",
  "countyDashboard.state.ingen": "Ingen serie",
  "countyDashboard.stateShort.genomford": "Genomförd",
  "countyDashboard.stateShort.pagaende": "Pågående",
  "countyDashboard.stateShort.planerad": "Planerad",
  "countyDashboard.stateShort.ingen": "Ingen serie",
  "countyDashboard.statesCaption": "Kommuner och stadsdelsområden efter läge – {filters}",
  "countyDashboard.statesCaptionMunicipalities": "Kommuner efter läge – {filters}",
  "countyDashboard.statesRowHeader": "Läge",
  "countyDashboard.municipalities": "Kommuner",
  "countyDashboard.districts": "Stadsdelsområden",
  "countyDashboard.groupWithCount": "{group} ({n})",
  "countyDashboard.total": "Totalt",
  "countyDashboard.everCompleted": "Har genomfört minst en serie, oavsett läge i dag",
  "countyDashboard.statesChartTitle": "Kommuner och stadsdelsområden efter läge",
  "countyDashboard.statesChartTitleMunicipalities": "Kommuner efter läge",
  "countyDashboard.statesSummary":
    "I {county} har {completed} av {total} kommuner genomfört en serie, {running} har en pågående, {planned} en planerad och {none} ingen serie.",
  "countyDashboard.statesSummaryDistricts":
    "I {county} har {completed} av {total} kommuner genomfört en serie, {running} har en pågående, {planned} en planerad och {none} ingen serie; av {dTotal} stadsdelsområden har {dCompleted} genomfört, {dRunning} pågående, {dPlanned} planerad och {dNone} ingen.",
  "countyDashboard.statesCsv": "Ladda ner läget som CSV (Excel)",

  // Sectors per term
  "countyDashboard.termsTitle": "Verksamheter per termin",
  "countyDashboard.termsIntro":
    "Personer som var närvarande vid minst ett seminarium under terminen, efter verksamhet (närvarande och sen ankomst; en ersättare räknas i sin egen verksamhet; erfarenhetsutbytet räknas inte). Varje person räknas en gång per termin. Andelen är av terminens totalt.",
  "countyDashboard.termsEmpty":
    "Ingen närvaro vid seminarier är registrerad i {county} med de här filtren. Siffrorna visas när det första seminariet har genomförts och närvaron är markerad.",
  "countyDashboard.termsCaption": "Närvarande personer per termin och verksamhet – {filters}",
  "countyDashboard.termsRowHeader": "Termin",
  "countyDashboard.count": "Antal",
  "countyDashboard.share": "Andel",
  "countyDashboard.sumOfTerms": "Summa av terminerna",
  "countyDashboard.termsSumNote": "Den som var närvarande två terminer räknas i båda; summan är därför antal person-terminer.",
  "countyDashboard.mixChartTitle": "Verksamheternas andel av de närvarande per termin",
  "countyDashboard.mixSummary":
    "Den senaste terminen, {term}, kom {school} av de närvarande från skolan, {social} från socialtjänsten och {health} från hälso- och sjukvården.",
  "countyDashboard.healthChartTitle": "Hälso- och sjukvårdens andel över tid",
  "countyDashboard.healthSummaryOne": "Hälso- och sjukvården stod för {share} av de närvarande {term}.",
  "countyDashboard.healthSummaryTwo":
    "Hälso- och sjukvårdens andel av de närvarande var {first} {firstTerm} och {last} {lastTerm}.",
  "countyDashboard.healthSummaryHidden":
    "Hälso- och sjukvårdens andel visas inte: gruppen är för liten för att visas varje termin.",
  "countyDashboard.healthGaps": "Terminer där gruppen är för liten för att visas saknas i diagrammet.",
  "countyDashboard.healthCaption": "Hälso- och sjukvårdens andel av de närvarande per termin – {filters}",
  "countyDashboard.healthCount": "Hälso- och sjukvård, antal",
  "countyDashboard.healthShare": "Andel hälso- och sjukvård",
  "countyDashboard.termsCsv": "Ladda ner verksamheter per termin som CSV (Excel)",
  "countyDashboard.healthCsv": "Ladda ner hälso- och sjukvårdens andel som CSV (Excel)",

  // One row per organisation
  "countyDashboard.municipalitiesTitle": "Kommunerna",
  "countyDashboard.districtsTitle": "Stadsdelsområdena",
  "countyDashboard.organisationsIntro":
    "Anmälda är personer anmälda till organisationens serier; närvarande är personer som var närvarande vid minst ett seminarium. En serie för flera kommuner räknas hos var och en av dem.",
  "countyDashboard.municipalitiesCaption": "Serier och deltagare per kommun – {filters}",
  "countyDashboard.districtsCaption": "Serier och deltagare per stadsdelsområde – {filters}",
  "countyDashboard.municipality": "Kommun",
  "countyDashboard.district": "Stadsdelsområde",
  "countyDashboard.series": "Serier",
  "countyDashboard.seriesSum": "{n} serier",
  "countyDashboard.seriesSumOne": "1 serie",
  "countyDashboard.state": "Läge",
  "countyDashboard.enrolled": "Anmälda",
  "countyDashboard.present": "Närvarande vid seminarier",
  "countyDashboard.presentTotal": "Totalt",
  "countyDashboard.sum": "Summa",
  "countyDashboard.statusCount": "{n} {status}",
  "countyDashboard.municipalitiesCsv": "Ladda ner kommuntabellen som CSV (Excel)",
  "countyDashboard.districtsCsv": "Ladda ner stadsdelstabellen som CSV (Excel)",

  // Export and print
  "countyDashboard.exportTitle": "Export och utskrift",
  "countyDashboard.json": "Hela översikten som JSON (för integrationer)",
  "countyDashboard.print": "Skriv ut",
  "countyDashboard.csvShareSuffix": "(%)",
} as const;

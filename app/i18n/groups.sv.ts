/** Swedish messages for the discussion groups (issue #9, decision 012); spread into `sv` (app/i18n/sv.ts). */
export const groupsSv = {
  "groups.title": "Samtalsgrupper: {title}",
  "groups.link.open": "Samtalsgrupper",
  "groups.link.roster": "Närvaro",
  "groups.link.bigScreen": "Visa på storbild",
  "groups.link.print": "Utskrift",
  "groups.link.back": "Tillbaka till grupperna",
  "groups.empty":
    "Ingen är markerad som närvarande ännu – markera närvaro först.",
  "groups.readOnly":
    "Du kan se grupperna men inte ändra dem. Processledaren skapar och publicerar grupperna.",
  "groups.readOnlyPartial":
    "Du ser dina kommuners deltagare och deras grupper. Processledaren skapar och publicerar grupperna.",
  "groups.groupNo": "Grupp {no}",
  "groups.people": "{count} pers.",
  "groups.facilitator": "samtalsledare",

  "groups.status.utkast": "Utkast.",
  "groups.status.publicerad": "Publicerad.",
  "groups.status.draftHelp":
    "Deltagarna ser inte grupperna förrän du publicerar dem.",
  "groups.status.publishedHelp":
    "Deltagarna ser sin grupp på Mina sidor sedan {when}.",
  "groups.status.updated": "Senast ändrad {when} av {who}",
  "groups.status.counts": "{people} personer i {groups} grupper",
  "groups.status.changed":
    "Närvaron har ändrats sedan grupperna skapades: {late} nya på plats, {gone} inte längre närvarande. Uppdatera för att ta med dem.",

  "groups.action.generate": "Skapa grupper",
  "groups.action.regenerateWithSettings":
    "Skapa grupper med de här inställningarna",
  "groups.action.shuffle": "Blanda om",
  "groups.action.shuffleHelp": "Nya grupper med samma inställningar.",
  "groups.action.update": "Uppdatera med sena ankomster",
  "groups.action.updateHelp":
    "Sena ankomster läggs till, de som gått tas bort, övriga stannar i sin grupp.",
  "groups.action.publish": "Publicera",
  "groups.action.publishHelp": "Deltagarna ser då sin grupp på Mina sidor.",
  "groups.action.unpublish": "Avpublicera",

  "groups.notice.generate": "Grupperna är skapade.",
  "groups.notice.shuffle": "Grupperna är omblandade.",
  "groups.notice.update": "Grupperna är uppdaterade med dagens närvaro.",
  "groups.notice.move": "Personen är flyttad.",
  "groups.notice.publish": "Grupperna är publicerade.",
  "groups.notice.unpublish":
    "Grupperna är avpublicerade och syns inte längre för deltagarna.",

  "groups.quality.title": "Blandning",
  "groups.quality.summary":
    "{full} av {count} grupper har alla verksamheter (bästa möjliga: {best} av {count})",
  "groups.quality.oneSector":
    "Bara en verksamhet är närvarande, så grupperna kan inte blandas efter verksamhet.",
  "groups.quality.shortage":
    "{sector}: {count} personer men {groups} grupper – alla grupper kan inte få {sectorLower}. Med en ersättare till från {sectorLower} kan {withOneMore} av {groups} grupper få alla verksamheter.",
  "groups.quality.shortageOne":
    "{sector}: 1 person men {groups} grupper – alla grupper kan inte få {sectorLower}. Med en ersättare till från {sectorLower} kan {withOneMore} av {groups} grupper få alla verksamheter.",
  "groups.quality.sizeSpread":
    "Grupperna skiljer sig med {spread} personer i storlek.",

  "groups.list.title": "Grupperna",
  "groups.composition.sectors": "Verksamheter:",
  "groups.composition.roles": "Roller:",
  "groups.composition.missing": "Saknar: {sectors}",
  "groups.composition.allSectors": "Har alla verksamheter",

  "groups.move.label": "Flytta {name} till",
  "groups.move.button": "Flytta",
  "groups.move.buttonFor": "Flytta {name}",
  "groups.move.dragHelp":
    "Dra en person till en annan grupp, eller välj grupp i listan vid namnet och tryck Flytta.",
  "groups.move.announce": "{name} flyttad till grupp {no}.",

  "groups.settings.title": "Skapa grupper",
  "groups.settings.titleAgain": "Inställningar",
  "groups.settings.presentCount": "{count} personer är närvarande just nu.",
  "groups.settings.how": "Hur många grupper?",
  "groups.settings.bySize": "Gruppstorlek",
  "groups.settings.groupSize": "Gruppstorlek (personer per grupp)",
  "groups.settings.sizeHelp": "7 ger grupper om 6–8 personer.",
  "groups.settings.byCount": "Antal grupper",
  "groups.settings.groupCount": "Antal grupper",
  "groups.settings.advanced": "Samtalsledare och par (valfritt)",
  "groups.settings.facilitators": "Samtalsledare",
  "groups.settings.facilitatorsHelp":
    "Varje vald person leder en egen grupp. Högst en per grupp.",
  "groups.settings.together": "Håll ihop",
  "groups.settings.togetherHelp": "De två hamnar i samma grupp.",
  "groups.settings.apart": "Håll isär",
  "groups.settings.apartHelp": "De två hamnar i olika grupper.",
  "groups.settings.choosePerson": "Välj person",
  "groups.settings.pairFirst": "Par {no}, första personen",
  "groups.settings.pairSecond": "Par {no}, andra personen",

  "groups.error.form": "Grupperna skapades inte. Rätta det som är markerat.",
  "groups.error.mode": "Välj gruppstorlek eller antal grupper.",
  "groups.error.size": "Ange en gruppstorlek mellan {min} och {max}.",
  "groups.error.count": "Ange ett antal grupper mellan 1 och {max}.",
  "groups.error.pairIncomplete": "Välj båda personerna i paret, eller ingen.",
  "groups.error.pairSame": "Välj två olika personer.",
  "groups.error.pairConflict": "Paret kan inte både hållas ihop och isär.",
  "groups.error.notPresent": "Personen är inte närvarande.",
  "groups.error.tooManyFacilitators":
    "Välj högst {count} samtalsledare – en per grupp.",
  "groups.error.noSet": "Det finns inga grupper ännu.",
  "groups.error.notInSet": "Personen finns inte i grupperna.",
  "groups.error.noSuchGroup": "Den gruppen finns inte.",

  "groups.sectorShort.skola": "Sk",
  "groups.sectorShort.socialtjanst": "So",
  "groups.sectorShort.halso_sjukvard": "HS",
  "groups.sectorShort.annat": "A",
  "groups.sectorShort.vill_ej_uppge": "–",
  "groups.sectorLower.skola": "skola",
  "groups.sectorLower.socialtjanst": "socialtjänst",
  "groups.sectorLower.halso_sjukvard": "hälso- och sjukvård",

  "groups.screen.title": "Samtalsgrupper – {title}",
  "groups.screen.none": "Det finns inga grupper ännu.",
  "groups.screen.legend": "Förklaring av verksamheternas märken",
  "groups.screen.fullscreen": "Helskärm",
  "groups.screen.exitFullscreen": "Lämna helskärm",

  "groups.print.title": "Samtalsgrupper: {title}",
  "groups.print.button": "Skriv ut",
  "groups.print.name": "Namn",
  "groups.print.sector": "Verksamhet",
  "groups.print.role": "Roll",
  "groups.print.municipality": "Kommun",

  "groups.portal.title": "Din grupp: Grupp {no}",
  "groups.portal.intro": "Du samtalar med:",
  "groups.portal.alone": "Du är ensam i gruppen just nu.",

  "groups.myData.section": "Samtalsgrupper",
  "groups.myData.occasion": "Tillfälle",
  "groups.myData.series": "Serie",
  "groups.myData.date": "Datum",
  "groups.myData.group": "Grupp",
  "groups.myData.sector": "Verksamhet i gruppen",
  "groups.myData.facilitator": "Samtalsledare",
  "groups.myData.published": "Publicerad",
};

/** English messages for the series dashboard; keys mirror `seriesDashboardSv`. */
import type { seriesDashboardSv } from "./series-dashboard.sv";

export const seriesDashboardEn: Record<keyof typeof seriesDashboardSv, string> = {
  "seriesDashboard.seriesLink": "Overview: representation and drop-off",

  "seriesDashboard.title": "Overview: {series}",
  "seriesDashboard.intro":
    "Who came to each session, by sector, role category and level, and what needs doing. Present includes late arrivals, substitutes and people who came without enrolling; a substitute counts in their own sector.",
  "seriesDashboard.back": "Back to the series",
  "seriesDashboard.print": "Print",
  "seriesDashboard.json": "The whole overview as JSON",
  "seriesDashboard.downloadCsv": "Download the table as CSV (Excel)",
  "seriesDashboard.downloadCsvNamed": "Download {table} as CSV (Excel)",

  "seriesDashboard.alertsTitle": "Needs action",
  "seriesDashboard.alertsNone": "Nothing needs action right now: every sector takes part, the targets are met and the drop-off is below the alert limit.",
  "seriesDashboard.severity.error": "Serious",
  "seriesDashboard.severity.warn": "Warning",
  "seriesDashboard.alert.notRecorded": "No attendance is recorded for {session} ({date}).",
  "seriesDashboard.next.notRecorded": "Mark attendance on the roster or import it from a file. Until then the session is not counted in the overview.",
  "seriesDashboard.alert.sectorMissing": "{sector} was missing at {session} ({date}): nobody from it attended.",
  "seriesDashboard.next.sectorMissing":
    "Contact those enrolled from {sectorLower} before the next session, and ask anyone who cannot come to send a substitute from the same sector.",
  "seriesDashboard.alert.healthMissingHeld":
    "Nobody from health care came to {session} ({date}), the last seminar of the series – the one about collaboration.",
  "seriesDashboard.next.healthMissingHeld":
    "Raise it with the region's contact person, and invite BUP, the health centre and the medical school health service to the experience exchange and the continued work.",
  "seriesDashboard.alert.healthMissingUpcoming":
    "Nobody from health care is enrolled for {session} ({date}), the last seminar of the series – the one about collaboration.",
  "seriesDashboard.next.healthMissingUpcoming": "Invite BUP, the health centre and the medical school health service now, under Invitations and replies.",
  "seriesDashboard.alert.noManagersHeld": "No manager (Managers/Leadership) from {sectorLower} was at {session} ({date}).",
  "seriesDashboard.next.noManagersHeld": "Take what came up to a manager in the sector, and invite a manager from {sectorLower} to the experience exchange.",
  "seriesDashboard.alert.noManagersUpcoming": "No manager (Managers/Leadership) from {sectorLower} is enrolled for {session} ({date}).",
  "seriesDashboard.next.noManagersUpcoming": "Invite a manager from {sectorLower} now, or ask the sector to send someone with a mandate to decide.",
  "seriesDashboard.alert.belowTargetCount": "{sector} at {session} ({date}): {actual} attendees, the target is at least {target}.",
  "seriesDashboard.alert.belowTargetShare": "{sector} at {session} ({date}): {actual} of {attendees} attendees ({share}), the target is at least {target}.",
  "seriesDashboard.next.belowTarget": "Invite more people from {sectorLower} before the next session.",
  "seriesDashboard.alert.dropOff":
    "{sector}: {first} attended {firstSession} but {last} attended {lastSession}, a drop-off of {share} (the alert limit is {threshold}).",
  "seriesDashboard.next.dropOff": "Ask those who stopped coming what is in the way, and remind them that a colleague from the same sector can go in their place.",
  "seriesDashboard.sectorLower.skola": "school",
  "seriesDashboard.sectorLower.socialtjanst": "social services",
  "seriesDashboard.sectorLower.halso_sjukvard": "health care",
  "seriesDashboard.sectorLower.annat": "other sectors",
  "seriesDashboard.sectorLower.vill_ej_uppge": "those who did not state a sector",

  "seriesDashboard.sessionsTitle": "Sessions",
  "seriesDashboard.sessionName": "session {position}",
  "seriesDashboard.exchangeName": "the experience exchange",
  "seriesDashboard.lastSeminar": "the last seminar of the series",
  "seriesDashboard.state.held": "held",
  "seriesDashboard.state.unrecorded": "held, attendance not recorded",
  "seriesDashboard.state.upcoming": "upcoming",
  "seriesDashboard.state.cancelled": "cancelled (the series was cancelled)",
  "seriesDashboard.state.noShare": "cannot be calculated",
  "seriesDashboard.attendeesOf": "{count} attendees",

  "seriesDashboard.sector": "Sector",
  "seriesDashboard.roleCategory": "Role category",
  "seriesDashboard.level": "Level",
  "seriesDashboard.levelNone": "Not stated",
  "seriesDashboard.session": "Session",
  "seriesDashboard.count": "Count",
  "seriesDashboard.share": "Share",
  "seriesDashboard.total": "Total",
  "seriesDashboard.yes": "Yes",
  "seriesDashboard.no": "No",

  "seriesDashboard.sectorsTitle": "Attendees by sector",
  "seriesDashboard.sectorsCaption": "Attendees per session and sector, count and share of the session's attendees",
  "seriesDashboard.sectorsChart": "Sector mix per session (number of attendees)",
  "seriesDashboard.sectorsSummary": "At {session} ({date}), {count} of {total} attendees ({share}) came from health care.",
  "seriesDashboard.noneHeld": "No session has been held yet. The figures appear once attendance at the first session is recorded.",

  "seriesDashboard.rolesTitle": "Attendees by role category",
  "seriesDashboard.rolesCaption": "Attendees per session and role category, count and share of the session's attendees",
  "seriesDashboard.levelsTitle": "Attendees by level",
  "seriesDashboard.levelsCaption": "Attendees per session and level (strategic or operational), count and share of the session's attendees",

  "seriesDashboard.funnelTitle": "From invitation to attendance",
  "seriesDashboard.funnelDefinition":
    "Invited: everyone invited by e-mail or registered directly in the series (a registration counts as an invitation accepted on the spot), once per person. Enrolled: those enrolled in the series now. Attended: enrolled people who were present themselves (or arrived late) at least once. Substitutes and people who came without enrolling are not in the funnel – they are in the table of substitutes.",
  "seriesDashboard.funnelCaption": "Invited, enrolled and attending per sector",
  "seriesDashboard.funnelChart": "From invitation to attendance per sector",
  "seriesDashboard.funnelInvited": "Invited",
  "seriesDashboard.funnelAccepted": "Enrolled",
  "seriesDashboard.funnelAcceptedShare": "Share of invited who enrolled",
  "seriesDashboard.funnelAttended": "Attended at least once",
  "seriesDashboard.funnelAttendedShare": "Share of enrolled who attended",
  "seriesDashboard.funnelSummary":
    "Of {invited} invited, {accepted} enrolled ({acceptedShare}), and {attended} of those enrolled ({attendedShare}) attended at least once.",
  "seriesDashboard.funnelSummaryEmpty": "Nobody has been invited to or enrolled in the series yet.",

  "seriesDashboard.dropOffTitle": "First against last seminar",
  "seriesDashboard.dropOffIntro": "Attendees at the first and the latest held seminar, per sector. The drop-off alert limit is {threshold}.",
  "seriesDashboard.dropOffTooFew": "The drop-off is shown once at least two seminars have been held with attendance recorded.",
  "seriesDashboard.dropOffCaption": "Drop-off per sector from the first to the latest held seminar",
  "seriesDashboard.dropOffChart": "First against latest seminar per sector (number of attendees)",
  "seriesDashboard.dropOffCount": "Drop-off (count)",
  "seriesDashboard.dropOffShare": "Drop-off (share of first)",
  "seriesDashboard.dropOffSummary": "{sector} fell the most: from {firstCount} attendees at {first} to {lastCount} at {last}, a drop-off of {share}.",
  "seriesDashboard.dropOffSummaryNone": "No sector had fewer attendees at {last} than at {first}.",

  "seriesDashboard.managersTitle": "Managers at the last seminar of the series",
  "seriesDashboard.managersIntroPresent": "At {session} ({date}): attendees and managers (Managers/Leadership) present per sector.",
  "seriesDashboard.managersIntroEnrolled":
    "{session} ({date}) has not been held yet, so the table shows enrolled people and enrolled managers (Managers/Leadership) per sector.",
  "seriesDashboard.managersNone": "The last seminar of the series has no attendance recorded, so it cannot say which managers took part.",
  "seriesDashboard.managersNoSeminar": "The series has no seminar.",
  "seriesDashboard.managersCaptionPresent": "Managers present at the last seminar of the series, per sector",
  "seriesDashboard.managersCaptionEnrolled": "Managers enrolled for the last seminar of the series, per sector",
  "seriesDashboard.managersPeoplePresent": "Attendees",
  "seriesDashboard.managersPeopleEnrolled": "Enrolled",
  "seriesDashboard.managersCount": "Of whom managers",
  "seriesDashboard.managersPresent": "Manager present",
  "seriesDashboard.managersEnrolled": "Manager enrolled",

  "seriesDashboard.extrasTitle": "Substitutes and attendees without enrolment",
  "seriesDashboard.extrasCaption": "Substitutes and people who came without enrolling, per session",
  "seriesDashboard.extrasAttendees": "Attendees",
  "seriesDashboard.extrasSubstitutes": "Substitutes",
  "seriesDashboard.extrasOtherSector": "Of whom from another sector",
  "seriesDashboard.extrasWalkIns": "Without enrolment",

  "seriesDashboard.prepTitle": "Preparation",
  "seriesDashboard.prepIntro":
    "How many participants are done with their preparation before each session that has preparation material or reflection questions, by sector. Participants mark in the participant portal when they have read a document or watched a lecture, and write their reflections there; what they write is never shown here.",
  "seriesDashboard.prepNone": "None of the series' sessions has preparation material or reflection questions yet. Add them on the session's page.",
  "seriesDashboard.prepCaption": "Participants done with their preparation, by session and sector",
  "seriesDashboard.prepDone": "Done",
  "seriesDashboard.prepShare": "Share done",
  "seriesDashboard.prepSummaryUpcoming": "Before {session} ({date}), {done} of {people} participants are done with their preparation ({share}).",
  "seriesDashboard.prepSummaryPast": "Before {session} ({date}), {done} of {people} participants were done with their preparation ({share}).",

  "seriesDashboard.definitionsTitle": "How the figures are counted",
  "seriesDashboard.definitionPresent":
    "Attendees at a session: present or arrived late. Substitutes and people who came without enrolling count in their own sector. Shares are of the session's attendees, with one decimal.",
  "seriesDashboard.definitionHeld":
    "A session counts as held once it has started and its attendance is recorded. The last seminar of the series is the seminar that comes last in the series (seminar 3 in the standard template).",
  "seriesDashboard.definitionPrep":
    "Preparation: participants are those enrolled in the series and the substitutes confirmed for the session. Done means having marked all material read or watched and written something on every reflection question. The share done is of the session's participants, with one decimal.",
  "seriesDashboard.definitionAlerts":
    "The alerts: a sector (school, social services, health care) with no attendees at a held session; nobody from health care at the last seminar (before it: nobody enrolled); a sector without a manager at the last seminar (if the series requires managers); a drop-off above the alert limit from the first to the latest seminar; a session below the series' representation targets.",

  "seriesDashboard.csvName.sektorer": "attendees by sector",
  "seriesDashboard.csvName.yrkesroller": "attendees by role category",
  "seriesDashboard.csvName.nivaer": "attendees by level",
  "seriesDashboard.csvName.tratt": "from invitation to attendance",
  "seriesDashboard.csvName.bortfall": "the drop-off",
  "seriesDashboard.csvName.chefer": "managers at the last seminar",
  "seriesDashboard.csvName.ersattare": "substitutes per session",
  "seriesDashboard.csvName.forberedelser": "preparation per session",
};

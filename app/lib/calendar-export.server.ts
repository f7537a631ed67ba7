/** Turns sessions and exchange events into iCalendar events with stable UIDs. */
import type { CalendarEvent } from "./ics";

type Item = {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  meetingLink: string | null;
  expert?: string | null;
};

/** The UID never changes for a session, so re-imports update instead of duplicating. */
export function sessionEvent(item: Item & { seriesName: string }, url: string): CalendarEvent {
  return {
    uid: `tillfalle-${item.id}@processtod`,
    startsAt: item.startsAt,
    endsAt: item.endsAt,
    summary: `${item.title} (${item.seriesName})`,
    location: item.venue ?? item.meetingLink,
    description: [item.expert ? `Expert: ${item.expert}` : null, item.meetingLink ? `Möteslänk: ${item.meetingLink}` : null, url]
      .filter(Boolean)
      .join("\n"),
    url,
  };
}

export function exchangeEvent(item: Item, url: string): CalendarEvent {
  return {
    uid: `utbyte-${item.id}@processtod`,
    startsAt: item.startsAt,
    endsAt: item.endsAt,
    summary: item.title,
    location: item.venue ?? item.meetingLink,
    description: [item.meetingLink ? `Möteslänk: ${item.meetingLink}` : null, url].filter(Boolean).join("\n"),
    url,
  };
}

export function icsResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

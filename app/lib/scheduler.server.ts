/**
 * Jobs that run inside the server process. Their state lives in the database
 * (e.g. invitations.auto_reminder_at), so a restart neither loses nor repeats
 * work. Off in tests and development unless SCHEDULER=on.
 */
import { deleteExpiredParticipantAuth } from "~/models/participant-auth.server";
import { sendDueReminders } from "./invitations.server";

const globalForScheduler = globalThis as unknown as { __processtodScheduler?: NodeJS.Timeout };

export function startScheduler() {
  const enabled = process.env.SCHEDULER ? process.env.SCHEDULER === "on" : process.env.NODE_ENV === "production";
  if (!enabled || globalForScheduler.__processtodScheduler) return;
  const intervalMs = Number(process.env.SCHEDULER_INTERVAL_SECONDS || 600) * 1000;
  const run = () => {
    sendDueReminders().catch((error) => {
      console.error("Schemalagda påminnelser misslyckades:", error);
    });
    // Expired devices and old sign-in links are worthless; keep the tables small.
    try {
      deleteExpiredParticipantAuth();
    } catch (error) {
      console.error("Rensning av inloggningar misslyckades:", error);
    }
  };
  globalForScheduler.__processtodScheduler = setInterval(run, intervalMs);
  globalForScheduler.__processtodScheduler.unref();
  setTimeout(run, 5_000).unref();
}

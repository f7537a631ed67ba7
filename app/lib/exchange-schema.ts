import { z } from "zod";
import { SESSION_FORMATS } from "../../db/schema";
import { clockTime, isoDate, optionalHttpUrl, optionalText, requiredText } from "./schemas";

export const ExchangeSchema = z
  .object({
    title: requiredText(300),
    date: isoDate,
    startTime: clockTime,
    endTime: clockTime,
    format: z.enum(SESSION_FORMATS, { errorMap: () => ({ message: "series.formatInvalid" }) }),
    venue: optionalText(300),
    meetingLink: optionalHttpUrl("series.linkInvalid"),
    expert: optionalText(1000),
    notes: optionalText(2000),
  })
  .refine((v) => v.endTime > v.startTime, { path: ["endTime"], message: "form.endBeforeStart" });

export const EXCHANGE_FIELDS = ["title", "date", "startTime", "endTime", "format", "venue", "meetingLink", "expert", "notes"];

import { z } from "zod";
import { END_BEFORE_START,
  endsAfterStart, eventFields, requiredText } from "./schemas";

export const ExchangeSchema = z.object({ title: requiredText(300), ...eventFields }).refine(endsAfterStart, END_BEFORE_START);

export const EXCHANGE_FIELDS = ["title", "date", "startTime", "endTime", "format", "venue", "meetingLink", "expert", "notes"];

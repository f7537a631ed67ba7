/** Form schemas of the data-request flow: the participant's request and the staff handling (decision 011). */
import { z } from "zod";
import { DATA_REQUEST_KINDS } from "../../db/schema";

export const MAX_DATA_REQUEST_TEXT = 2000;

/** The queue's filter (?status=): new, handled, all. */
export const DATA_REQUEST_FILTERS = ["ny", "hanterade", "alla"] as const;
export type DataRequestFilter = (typeof DATA_REQUEST_FILTERS)[number];

/** A correction must say what is wrong; an erasure needs no reason. */
export const DataRequestSchema = z
  .object({
    kind: z.enum(DATA_REQUEST_KINDS, { errorMap: () => ({ message: "portalData.request.kindRequired" }) }),
    message: z
      .string()
      .trim()
      .max(MAX_DATA_REQUEST_TEXT, `form.tooLong:${MAX_DATA_REQUEST_TEXT}`)
      .optional()
      .transform((v) => v ?? ""),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "rattelse" && !v.message) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["message"], message: "portalData.request.messageRequired" });
    }
  });

export const HANDLING_OUTCOMES = ["genomford", "avslagen"] as const;

export const HandleDataRequestSchema = z.object({
  requestId: z.coerce.number({ invalid_type_error: "form.invalidRequest" }).int("form.invalidRequest").positive("form.invalidRequest"),
  outcome: z.enum(HANDLING_OUTCOMES, { errorMap: () => ({ message: "portalData.queue.outcomeRequired" }) }),
  note: z
    .string({ required_error: "portalData.queue.noteRequired", invalid_type_error: "portalData.queue.noteRequired" })
    .trim()
    .min(1, "portalData.queue.noteRequired")
    .max(MAX_DATA_REQUEST_TEXT, `form.tooLong:${MAX_DATA_REQUEST_TEXT}`),
});

/** Erasure on request (decision 017): the note to the participant, prefilled on the confirmation page. */
export const ERASURE_MODES = { anonymisera: "anonymise", radera: "erase" } as const;
export const EraseRequestSchema = z.object({
  note: z
    .string({ required_error: "portalData.queue.noteRequired", invalid_type_error: "portalData.queue.noteRequired" })
    .trim()
    .min(1, "portalData.queue.noteRequired")
    .max(MAX_DATA_REQUEST_TEXT, `form.tooLong:${MAX_DATA_REQUEST_TEXT}`),
});

/**
 * Reads the CSV file of an import upload (participants, attendance): one
 * multipart field "file", at most MAX_IMPORT_BYTES, decoded from UTF-8 or
 * Windows-1252. Every refusal is a Swedish sentence for the file field.
 */
import { fileProblemText } from "~/components/file-problem";
import type { Translate } from "~/i18n";
import { decodeCsv, isCsvError, MAX_IMPORT_BYTES } from "./csv";
import { readMultipart } from "./uploads.server";

export type CsvUpload = { ok: true; fileName: string; text: string } | { ok: false; error: string };

export async function readCsvUpload(request: Request, t: Translate): Promise<CsvUpload> {
  // A post that is not a multipart upload (made by hand) carries no file; the parser would throw a 500.
  if (!/^multipart\/form-data;.*\bboundary=/i.test(request.headers.get("Content-Type") ?? "")) {
    return { ok: false, error: t("import.fileMissing") };
  }
  const read = await readMultipart(request, MAX_IMPORT_BYTES);
  if (!read.ok) return { ok: false, error: read.reason === "tooLarge" ? t("import.tooLarge") : t("form.invalidRequest") };
  const formData = read.formData;
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return { ok: false, error: file instanceof File && file.name ? t("import.empty") : t("import.fileMissing") };
  }
  const decoded = decodeCsv(new Uint8Array(await file.arrayBuffer()));
  if (isCsvError(decoded)) return { ok: false, error: fileProblemText(decoded, t, String) };
  return { ok: true, fileName: file.name.slice(0, 200), text: decoded.text };
}

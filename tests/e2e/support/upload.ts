/**
 * Uploading a file on an import page (participants, attendance) as a person
 * does. With JavaScript the upload goes through XMLHttpRequest (for its
 * progress bar) and a refused file is posted once more through Remix to show
 * the message at the field: both are awaited.
 */
import type { Page, Response } from "playwright-core";
import { settle } from "./planning";

export type UploadFile = { name: string; mimeType: string; buffer: Buffer };

/** Chooses `file` in the field labelled `fieldLabel` (none: leaves it empty), presses `button`, and returns the server's last answer. */
export async function uploadFile(
  page: Page,
  { path, file, fieldLabel = "CSV-fil (högst 10 MB)", button = "Förhandsgranska" }: { path: string; file: UploadFile | null; fieldLabel?: string; button?: string },
): Promise<Response> {
  if (file) await page.getByLabel(fieldLabel).setInputFiles(file);
  const posts: Response[] = [];
  const listen = (response: Response) => {
    if (response.request().method() === "POST" && [path, `${path}.data`].includes(new URL(response.url()).pathname)) {
      posts.push(response);
    }
  };
  page.on("response", listen);
  try {
    await page.getByRole("button", { name: button }).click();
    const until = async (done: () => boolean, what: string) => {
      for (const deadline = Date.now() + 30_000; !done(); await new Promise((r) => setTimeout(r, 50))) {
        if (Date.now() > deadline) throw new Error(`väntade på ${what}`);
      }
    };
    await until(() => posts.length > 0, "uppladdningens svar");
    const refused = posts[0].status() >= 400 && new URL(posts[0].url()).pathname === path;
    if (refused) await until(() => posts.some((r) => new URL(r.url()).pathname === `${path}.data`), "felmeddelandet");
    await settle(page);
    return posts.at(-1)!;
  } finally {
    page.off("response", listen);
  }
}

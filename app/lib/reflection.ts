/** Client-safe rules for reflection text, shared by the portal page and the model. */

/** The longest reflection we store, in characters (Unicode code points). */
export const MAX_REFLECTION_CHARS = 5000;

/** Counts characters the way a person does: an emoji or "å" is one, whatever its UTF-16 length. */
export function reflectionLength(text: string): number {
  return [...text].length;
}

/** Browsers send a textarea's line breaks as CRLF; we store and count them as one character. */
export function normalizeReflection(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

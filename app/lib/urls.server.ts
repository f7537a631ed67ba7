/** The address people reach the app at, for links in e-mail. PUBLIC_URL wins over the request's own origin. */
export function publicUrl(request: Request, path: string): string {
  const base = process.env.PUBLIC_URL || new URL(request.url).origin;
  return new URL(path, base).toString();
}

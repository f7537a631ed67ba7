/** One person per e-mail address, whatever its letter case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

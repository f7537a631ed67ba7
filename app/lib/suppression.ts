/**
 * Small-cell suppression for figures shown to people who may not see
 * individuals (sponsors). A cell with 1..threshold-1 people is hidden. If that
 * hides exactly one cell, the next smallest is hidden too, so the hidden
 * number cannot be worked out from the total.
 */
export type CountRow<K extends string> = { key: K; count: number };
export type SuppressedRow<K extends string> = { key: K; count: number | null };

export function suppressSmallCells<K extends string>(
  rows: CountRow<K>[],
  threshold: number,
): SuppressedRow<K>[] {
  const isSmall = (n: number) => n > 0 && n < threshold;
  const hidden = new Set(rows.filter((r) => isSmall(r.count)).map((r) => r.key));
  if (hidden.size === 1) {
    const nextSmallest = rows
      .filter((r) => r.count > 0 && !hidden.has(r.key))
      .sort((a, b) => a.count - b.count)[0];
    if (nextSmallest) hidden.add(nextSmallest.key);
  }
  return rows.map((r) => ({ key: r.key, count: hidden.has(r.key) ? null : r.count }));
}

export function suppressionThreshold(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.SUPPRESSION_THRESHOLD || 5);
  return Number.isInteger(n) && n >= 1 ? n : 5;
}

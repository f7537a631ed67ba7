/** Output shared by `npm run backup` and `npm run restore`. */
import path from "node:path";
import { formatNumber } from "../app/lib/format";
import type { RowCounts } from "./backup-lib";

/** 3_407_872 → "3,3 MB". */
export function formatBytes(bytes: number): string {
  const mb = new Intl.NumberFormat("sv-SE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return bytes >= 1024 * 1024 ? `${mb.format(bytes / (1024 * 1024))} MB` : `${mb.format(bytes / 1024)} kB`;
}

export function countLines(counts: RowCounts): string[] {
  const width = Math.max(...Object.keys(counts).map((table) => table.length));
  return Object.entries(counts).map(([table, count]) => `  ${table.padEnd(width)}  ${formatNumber(count).padStart(9)}`);
}

export function describeFile(file: string, bytes: number): string {
  return `${path.basename(file)} (${formatBytes(bytes)}) i ${path.dirname(file)}`;
}

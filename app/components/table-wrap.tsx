import type { ReactNode } from "react";

/**
 * A horizontally scrollable box for a wide table. It can take keyboard focus
 * and has a name, so keyboard users on a phone can scroll it (WCAG 2.1.1).
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

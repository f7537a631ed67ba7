import { useT } from "~/i18n";
import type { Warning } from "~/lib/schedule-warnings.server";

/** A broken scheduling rule, and the accepted reason when the process leader overrode it. */
export function ScheduleWarnings({ warnings, overrideReason }: { warnings: Warning[]; overrideReason?: string | null }) {
  const t = useT();
  if (warnings.length === 0) return null;
  return (
    <div className="notice notice--warn" role="note">
      <strong>{t("series.warningTitle")}</strong>
      <ul>
        {warnings.map((w, i) => (
          <li key={i}>{t(`series.warning.${w.code}`, w)}</li>
        ))}
      </ul>
      {overrideReason ? <p>{t("series.overridden", { reason: overrideReason })}</p> : null}
    </div>
  );
}

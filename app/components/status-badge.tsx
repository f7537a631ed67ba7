import { useT } from "~/i18n";
import type { SeriesStatus } from "../../db/schema";

export function StatusBadge({ status }: { status: SeriesStatus }) {
  const t = useT();
  return <span className={`badge badge--${status}`}>{t(`seriesStatus.${status}`)}</span>;
}

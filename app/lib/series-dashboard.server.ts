/**
 * Gathers the series dashboard: the model's grouped SQL counts, the series'
 * targets and the alert threshold, put together by the pure builder.
 */
import { matrixColumns } from "~/models/attendance-report.server";
import { prepStats } from "~/models/prep-stats.server";
import { getTargets } from "~/models/representation.server";
import type { Scope } from "~/models/scope.server";
import { attendeeGroups, columnActivity, funnelBySector } from "~/models/series-dashboard.server";
import type { SeriesStatus } from "../../db/schema";
import { dropOffAlertPercent } from "./series-alerts";
import { buildSeriesDashboard } from "./series-dashboard";

export function seriesDashboard({
  seriesId,
  seriesStatus,
  scope,
  now = new Date(),
}: {
  seriesId: number;
  seriesStatus: SeriesStatus;
  scope: Scope;
  now?: Date;
}) {
  const { targets, requireManager } = getTargets({ seriesId });
  return buildSeriesDashboard({
    columns: matrixColumns({ seriesId }),
    seriesStatus,
    groups: attendeeGroups({ seriesId }),
    activity: columnActivity({ seriesId }),
    funnel: funnelBySector({ seriesId }),
    targets,
    requireManager,
    now,
    dropOffAlertPercent: dropOffAlertPercent(),
    prep: prepStats({ seriesId, scope }),
  });
}

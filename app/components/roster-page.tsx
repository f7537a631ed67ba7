/**
 * The roster (närvaro) of a session or of the exchange event. Built for 100+
 * people at the door: mark all present, then adjust; filter as you type; each
 * row saves on its own through a fetcher. Without JavaScript the table is one
 * form with a save button, and the filter is a GET form.
 */
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { SubstituteRequests } from "~/components/substitute-requests";
import { TableWrap } from "~/components/table-wrap";
import { useT } from "~/i18n";
import { MARKABLE_STATUSES, countsAsPresent } from "~/lib/attendance-rules";
import { formatDate, formatDateTime, formatTimeRange } from "~/lib/format";
import type { rosterAction, rosterLoader } from "~/lib/roster.server";
import type { AttendanceStatus } from "../../db/schema";

type LoaderData = Awaited<ReturnType<typeof rosterLoader>>;
type Row = LoaderData["rows"][number];

/** True once React runs in the browser; before that the no-JS form is what works. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

function matches(row: Row, query: string) {
  const q = query.trim().toLocaleLowerCase("sv");
  if (!q) return true;
  return [row.name, row.email, row.organisation, row.workplace].some((v) => v?.toLocaleLowerCase("sv").includes(q));
}

function StatusSelect({ row, canUpdate, hydrated, onSaved }: { row: Row; canUpdate: boolean; hydrated: boolean; onSaved: (text: string) => void }) {
  const t = useT();
  const fetcher = useFetcher<typeof rosterAction>();
  // The row's data as it was when this select last saved; newer loader data replaces what the fetcher said.
  const submittedWith = useRef<string | null>(null);
  const pending = fetcher.formData?.get("status");
  const error = fetcher.data && "error" in fetcher.data && fetcher.data.error ? String(fetcher.data.error) : null;
  const saved = fetcher.data && "status" in fetcher.data && !error ? String(fetcher.data.status) : null;
  const rowVersion = `${row.status}|${String(row.updatedAt)}`;
  // Shows the new status at once, and keeps showing the saved one until the reloaded row arrives,
  // so the select never flickers back to the old value; an error brings back the row's own status.
  const value = typeof pending === "string" ? pending : saved !== null && submittedWith.current === rowVersion ? saved : (row.status ?? "");
  const id = `status-${row.personId}`;
  const options = row.substituteFor ? (["narvarande", "sen"] as const) : MARKABLE_STATUSES;

  useEffect(() => {
    const saved = fetcher.data && "status" in fetcher.data && !error ? (fetcher.data.status as AttendanceStatus) : null;
    if (fetcher.state === "idle" && saved) onSaved(t("roster.savedRow", { name: row.name, status: t(`attendanceStatus.${saved}`) }));
    // Announce once per completed save.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.state, fetcher.data]);

  if (row.substitutedBy) {
    return <span className="roster-status roster-status--ersatt">{t("roster.replacedBy", { name: row.substitutedBy.name })}</span>;
  }
  if (!canUpdate) {
    return <span>{row.status ? t(`attendanceStatus.${row.status}`) : t("attendanceStatus.none")}</span>;
  }
  return (
    <div className="roster-select">
      <label htmlFor={id} className="visually-hidden">
        {t("roster.statusFor", { name: row.name })}
      </label>
      <input type="hidden" name={`shown-${row.personId}`} value={row.status ?? ""} />
      <select
        id={id}
        name={`status-${row.personId}`}
        value={value}
        className={`status-select status-select--${value || "none"}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={
          hydrated
            ? (event) => {
                submittedWith.current = rowVersion;
                fetcher.submit({ intent: "mark", personId: String(row.personId), status: event.currentTarget.value }, { method: "post" });
              }
            : undefined
        }
      >
        {row.status === null ? <option value="">{t("attendanceStatus.none")}</option> : null}
        {options.map((s) => (
          <option key={s} value={s}>
            {t(`attendanceStatus.${s}`)}
          </option>
        ))}
      </select>
      {fetcher.state !== "idle" ? <span className="roster-saving">{t("roster.saving")}</span> : null}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** What the portal says about the person: a "kommer inte" reply, a confirmed substitute who is still expected. */
type PortalNotes = { notComingAt: Date | string | null; expectedSubstitute: string | null };

/** "Kommer inte (meddelat 2026-11-20)", with the date kept on one line in a narrow name column. */
function NotComing({ at }: { at: Date | string }) {
  const t = useT();
  const [before, after] = t("substituteStaff.reply.notComing", { date: "\u0001" }).split("\u0001");
  return (
    <span className="roster-note roster-note--reply">
      {before}
      <span className="nowrap">{formatDate(new Date(at))}</span>
      {after}
    </span>
  );
}

function PersonCell({ row, notes }: { row: Row; notes: PortalNotes }) {
  const t = useT();
  return (
    <>
      <span className="roster-name">{row.name}</span>
      {notes.notComingAt ? <NotComing at={notes.notComingAt} /> : null}
      {notes.expectedSubstitute ? (
        <span className="roster-note">{t("substituteStaff.reply.confirmedSubstitute", { name: notes.expectedSubstitute })}</span>
      ) : null}
      {row.substituteFor ? (
        <span className="roster-note">
          {t("roster.substituteFor", { name: row.substituteFor.name })}
          {row.substituteFor.sector !== row.sector ? (
            <strong className="roster-warning">
              {" "}
              {t("roster.otherSector", { sector: t(`sector.${row.substituteFor.sector}`) })}
            </strong>
          ) : null}
        </span>
      ) : null}
      {row.walkIn ? <span className="roster-note">{t("roster.walkIn")}</span> : null}
    </>
  );
}

/**
 * Removing a substitute or walk-in is its own small form outside the table,
 * because forms cannot nest inside the roster form; the button points to it.
 */
function removeFormId(personId: number) {
  return `remove-${personId}`;
}

function RemoveForms({ rows }: { rows: Row[] }) {
  return (
    <>
      {rows
        .filter((r) => !r.enrolled)
        .map((r) => (
          <Form key={r.personId} method="post" id={removeFormId(r.personId)} hidden>
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="personId" value={r.personId} />
          </Form>
        ))}
    </>
  );
}

function RowActions({ row, basePath }: { row: Row; basePath: string }) {
  const t = useT();
  if (!row.enrolled) {
    return (
      <button
        type="submit"
        form={removeFormId(row.personId)}
        className="button button--small button--secondary"
        aria-label={row.substituteFor ? t("roster.removeSubstitute", { name: row.name }) : t("roster.removeWalkIn", { name: row.name })}
      >
        {t("roster.remove")}
      </button>
    );
  }
  if (row.substitutedBy) return null;
  return (
    <Link to={`${basePath}/ersattare?for=${row.personId}`} aria-label={t("roster.addSubstituteFor", { name: row.name })}>
      {t("roster.addSubstitute")}
    </Link>
  );
}

/** `notComing`: how many said "kommer inte" in the portal (sessions only; nothing is shown for none). */
function Summary({ rows, notComing }: { rows: Row[]; notComing: number }) {
  const t = useT();
  const counts = new Map<AttendanceStatus | "none", number>();
  for (const row of rows) counts.set(row.status ?? "none", (counts.get(row.status ?? "none") ?? 0) + 1);
  const present = rows.filter((r) => countsAsPresent(r.status)).length;
  const order = ["narvarande", "sen", "franvarande_anmalt", "franvarande_ej_anmalt", "ersatt", "none"] as const;
  return (
    <div className="roster-summary" aria-label={t("roster.summaryLabel")} role="group">
      <p className="roster-summary__present">{t("roster.presentCount", { present, total: rows.length })}</p>
      <ul className="roster-counts">
        {order.map((status) => (
          <li key={status}>
            {t(`attendanceStatus.${status}`)}: <strong>{counts.get(status) ?? 0}</strong>
          </li>
        ))}
      </ul>
      {notComing ? <p className="roster-summary__replies">{t("substituteStaff.reply.count", { count: notComing })}</p> : null}
    </div>
  );
}

/** What the last action did; a substitute from another sector is a warning, not a success. */
function Notice({ data, rows }: { data: LoaderData; rows: Row[] }) {
  const t = useT();
  if (!data.notice) return null;
  const person = rows.find((r) => r.personId === data.noticePerson);
  if (data.notice === "ersattare" && person?.substituteFor) {
    const other = person.substituteFor.sector !== person.sector;
    return (
      <div className={`notice ${other ? "notice--warn" : "notice--ok"}`} role={other ? "alert" : "status"}>
        <p>{t("roster.substituteSaved", { name: person.name, absent: person.substituteFor.name })}</p>
        {other ? (
          <p>
            <strong>
              {t("roster.substituteSectorWarning", {
                name: person.name,
                sector: t(`sector.${person.sector}`),
                absent: person.substituteFor.name,
                absentSector: t(`sector.${person.substituteFor.sector}`),
              })}
            </strong>
          </p>
        ) : null}
      </div>
    );
  }
  const text =
    data.notice === "allaNarvarande"
      ? t("roster.markedAllPresent", { count: data.noticeCount })
      : data.notice === "sparat"
        ? t("roster.savedCount", { count: data.noticeCount })
        : data.notice === "paPlats" && person
          ? t("roster.walkInSaved", { name: person.name })
          : t("roster.removed");
  return (
    <div className="notice notice--ok" role="status">
      {text}
    </div>
  );
}

export function RosterPage() {
  const data = useLoaderData<typeof rosterLoader>();
  const actionData = useActionData<typeof rosterAction>();
  const t = useT();
  const hydrated = useHydrated();
  const { details } = data;
  const [query, setQuery] = useState(data.query);
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => setQuery(data.query), [data.query]);

  const rows = data.rows as Row[];
  const visible = useMemo(() => new Set(rows.filter((r) => matches(r, query)).map((r) => r.personId)), [rows, query]);
  const notComing = useMemo(() => new Map(data.notComing.map((r) => [r.personId, r.repliedAt as Date | string])), [data.notComing]);
  // Confirmed substitutes not yet on the roster, by the person they come for.
  const expected = useMemo(
    () => new Map((data.substitutions ?? []).filter((s) => s.status === "bekraftad" && !s.arrivedStatus).map((s) => [s.forPerson.id, s.name])),
    [data.substitutions],
  );
  // "Mark all present" skips those who said they would not come.
  const unmarked = rows.filter((r) => r.enrolled && r.status === null && !notComing.has(r.personId)).length;
  const saveErrors = actionData && "errors" in actionData ? actionData.errors : null;
  const startsAt = new Date(details.startsAt);
  const endsAt = new Date(details.endsAt);

  return (
    <>
      <p>
        <Link to={details.backPath}>← {details.backLabel}</Link>
      </p>
      <h1>{t("roster.title", { title: details.title })}</h1>
      <p className="lead">
        {details.seriesNames.join(", ")} · <span className="nowrap">{formatTimeRange(startsAt, endsAt)}</span>
        {details.venue ? ` · ${details.venue}` : ""}
      </p>

      <Notice data={data} rows={rows} />
      {saveErrors ? (
        <div className="notice notice--error" role="alert">
          <p>{t("roster.saveErrors", { count: saveErrors.length })}</p>
          <ul>
            {saveErrors.map((e) => (
              <li key={e.personId}>
                <a href={`#status-${e.personId}`}>{rows.find((r) => r.personId === e.personId)?.name ?? e.personId}</a>: {e.error}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <p className="link-row">
        <Link to={`${details.basePath}/incheckning`}>{t("roster.checkinScreen")}</Link>
        <Link to={`${details.basePath}/narvarolista`}>{t("roster.printList")}</Link>
        {data.canUpdate ? <Link to={`${details.basePath}/pa-plats`}>{t("roster.addWalkIn")}</Link> : null}
        {details.occasion.kind === "session" ? <Link to={`/serier/${details.occasion.seriesId}/narvaro`}>{t("roster.matrix")}</Link> : null}
        <a href="#historik">{t("roster.historyLink")}</a>
      </p>

      <Summary rows={rows} notComing={data.notComing.length} />

      {data.substitutions ? (
        <SubstituteRequests substitutions={data.substitutions} basePath={details.basePath} from="narvaro" canUpdate={data.canUpdate} notice={data.substituteNotice} />
      ) : null}

      <div className="roster-tools">
        <Form method="get" role="search" className="roster-filter" onSubmit={(e) => hydrated && e.preventDefault()}>
          <label htmlFor="roster-q">{t("roster.filterLabel")}</label>
          <input
            id="roster-q"
            name="q"
            type="search"
            value={query}
            autoComplete="off"
            aria-describedby="roster-filter-count"
            onChange={(e) => setQuery(e.currentTarget.value)}
          />
          {hydrated ? null : (
            <button type="submit" className="button button--small">
              {t("roster.filterSubmit")}
            </button>
          )}
          <p id="roster-filter-count" className="help" aria-live="polite">
            {t("roster.filterCount", { shown: visible.size, total: rows.length })}
          </p>
        </Form>
        {data.canUpdate && unmarked > 0 ? (
          <Form method="post" className="roster-all-present">
            <input type="hidden" name="intent" value="all-present" />
            <button type="submit" className="button" aria-describedby="roster-all-present-help">
              {t("roster.markAllPresent", { count: unmarked })}
            </button>
            <p className="help" id="roster-all-present-help">
              {t("substituteStaff.reply.markAllHelp")}
            </p>
          </Form>
        ) : null}
      </div>

      <p className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </p>

      {rows.length === 0 ? (
        <p className="empty">{t("roster.empty")}</p>
      ) : (
        <Form method="post" id="roster-form">
          <input type="hidden" name="intent" value="save" />
          <TableWrap label={t("roster.tableLabel")}>
            <table className="table roster-table">
              <caption className="visually-hidden">{t("roster.tableLabel")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("roster.colName")}</th>
                  <th scope="col">{t("roster.colStatus")}</th>
                  <th scope="col">{t("roster.colOrganisation")}</th>
                  <th scope="col">{t("roster.colSector")}</th>
                  <th scope="col">{t("roster.colRole")}</th>
                  <th scope="col">{t("roster.colChanged")}</th>
                  {data.canUpdate ? <th scope="col">{t("roster.colActions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.personId} hidden={!visible.has(row.personId)} className={row.status ? `roster-row roster-row--${row.status}` : "roster-row"}>
                    <th scope="row">
                      <PersonCell row={row} notes={{ notComingAt: notComing.get(row.personId) ?? null, expectedSubstitute: expected.get(row.personId) ?? null }} />
                    </th>
                    {/* The status comes right after the name, so a phone shows it without scrolling sideways. */}
                    <td>
                      <StatusSelect row={row} canUpdate={data.canUpdate} hydrated={hydrated} onSaved={setAnnouncement} />
                    </td>
                    <td>{row.organisation ?? "–"}</td>
                    <td>{t(`sector.${row.sector}`)}</td>
                    <td>{t(`roleCategory.${row.roleCategory as "annat"}`)}</td>
                    <td className="roster-changed">
                      {row.updatedAt ? (
                        <>
                          {formatDateTime(new Date(row.updatedAt))}
                          <br />
                          <span className="help">{row.updatedBy ?? t("roster.selfCheckin")}</span>
                        </>
                      ) : (
                        "–"
                      )}
                    </td>
                    {data.canUpdate ? (
                      <td>
                        <RowActions row={row} basePath={details.basePath} />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {data.canUpdate && !hydrated ? (
            <p>
              <button type="submit" className="button">
                {t("roster.saveAll")}
              </button>
            </p>
          ) : null}
          {data.canUpdate && hydrated ? <p className="help">{t("roster.savesItself")}</p> : null}
        </Form>
      )}
      {data.canUpdate ? <RemoveForms rows={rows} /> : null}

      <section aria-labelledby="historik">
        <h2 id="historik">{t("roster.historyTitle")}</h2>
        {data.history.length === 0 ? (
          <p className="empty">{t("roster.historyEmpty")}</p>
        ) : (
          <TableWrap label={t("roster.historyTitle")}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("roster.historyWhen")}</th>
                  <th scope="col">{t("roster.colName")}</th>
                  <th scope="col">{t("roster.historyWhat")}</th>
                  <th scope="col">{t("roster.historyWho")}</th>
                </tr>
              </thead>
              <tbody>
                {data.history.map((h) => (
                  <tr key={h.id}>
                    <td>{formatDateTime(new Date(h.changedAt))}</td>
                    <td>{h.personName}</td>
                    <td>
                      {h.status ? t(`attendanceStatus.${h.status}`) : t("roster.historyRemoved")}
                      {h.substituteFor ? ` (${t("roster.substituteFor", { name: h.substituteFor })})` : ""}
                      {" · "}
                      <span className="help">{t(`roster.source.${h.source}`)}</span>
                    </td>
                    <td>{h.changedBy ?? t("roster.selfCheckin")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </>
  );
}

/**
 * Discussion groups of a session or of the exchange event (issue #9): the
 * staff page (settings, result, quality, moves), the big-screen view and the
 * printed list. Moving works by drag and drop with JavaScript and, for
 * keyboards and without JavaScript, by a "Flytta till" select per person that
 * posts a plain form. The score is recomputed in the browser with the same
 * scoreGroups the server uses, so a move shows its effect at once.
 */
import { Form, Link, useActionData, useFetcher, useFetchers, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { FormError } from "~/components/field";
import { useFullscreen } from "~/components/checkin-screen";
import { useT, type Translate } from "~/i18n";
import { firstName } from "~/lib/checkin-helpers";
import { formatDateTime, formatTimeRange } from "~/lib/format";
import { COVERAGE_SECTORS, scoreGroups, type GroupQuality } from "~/lib/grouping";
import type { groupsAction, groupsLoader, groupsViewLoader } from "~/lib/groups.server";
import { ROLE_CATEGORIES, SECTORS, type RoleCategory, type Sector } from "../../db/schema";

type LoaderData = Awaited<ReturnType<typeof groupsLoader>>;
type ViewData = Awaited<ReturnType<typeof groupsViewLoader>>;
type Member = NonNullable<LoaderData["set"]>["members"][number];
type Present = LoaderData["present"][number];

const PAIR_ROWS = 3;

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** Members per group (index 0 = group 1). */
function byGroup(members: Member[], groupCount: number): Member[][] {
  const groups: Member[][] = Array.from({ length: groupCount }, () => []);
  for (const m of members) groups[m.groupNo - 1]?.push(m);
  return groups;
}

function SectorMark({ sector }: { sector: Sector }) {
  const t = useT();
  return (
    <span className={`group-sector group-sector--${sector}`} aria-hidden="true">
      {t(`groups.sectorShort.${sector}`)}
    </span>
  );
}

/** "2 av 3 grupper har alla verksamheter (bästa möjliga: 2 av 3)" and one note per shortage. */
export function qualityLines(q: GroupQuality, t: Translate): { summary: string; notes: string[] } {
  const summary =
    q.sectorsPresent.length <= 1
      ? t("groups.quality.oneSector")
      : t("groups.quality.summary", {
          full: q.groupsWithAllSectors,
          count: q.groupCount,
          best: q.bestPossible,
        });
  const notes = q.shortages.map((s) => {
    const params = {
      sector: t(`sector.${s.sector}`),
      sectorLower: t(`groups.sectorLower.${s.sector as "skola"}`),
      count: s.count,
      groups: q.groupCount,
      withOneMore: s.withOneMore,
    };
    // Say honestly when one more person of this sector would not help, because another sector is short too.
    const effect = t(s.withOneMore > q.bestPossible ? "groups.quality.oneMoreHelps" : "groups.quality.oneMoreNotEnough", params);
    return `${t(s.count === 1 ? "groups.quality.shortageOne" : "groups.quality.shortage", params)} ${effect}`;
  });
  if (q.sizeSpread > 1) notes.push(t("groups.quality.sizeSpread", { spread: q.sizeSpread }));
  return { summary, notes };
}

function Quality({ quality }: { quality: GroupQuality }) {
  const t = useT();
  const { summary, notes } = qualityLines(quality, t);
  return (
    <section className="groups-quality" aria-labelledby="groups-quality-title">
      <h2 id="groups-quality-title">{t("groups.quality.title")}</h2>
      <p className="groups-quality__summary" data-testid="groups-score">
        {summary}
      </p>
      {notes.length > 0 ? (
        <ul className="groups-quality__notes">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function countsText<K extends string>(values: K[], order: readonly K[], label: (k: K) => string): string {
  const counts = new Map<K, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return order
    .filter((k) => counts.has(k))
    .map((k) => `${label(k)} ${counts.get(k)}`)
    .join(", ");
}

function Composition({ members, sectorsPresent }: { members: Member[]; sectorsPresent: Sector[] }) {
  const t = useT();
  const missing = sectorsPresent.filter((s) => !members.some((m) => m.sector === s));
  return (
    <div className="group-card__composition">
      <p>
        <span className="group-card__label">{t("groups.composition.sectors")}</span>{" "}
        {countsText(
          members.map((m) => m.sector),
          SECTORS,
          (s) => t(`sector.${s}`)
        ) || "–"}
      </p>
      <p>
        <span className="group-card__label">{t("groups.composition.roles")}</span>{" "}
        {countsText(
          members.map((m) => m.roleCategory as RoleCategory),
          ROLE_CATEGORIES,
          (r) => t(`roleCategory.${r}`)
        ) || "–"}
      </p>
      {missing.length > 0 ? (
        <p className="group-card__missing">
          {t("groups.composition.missing", {
            sectors: missing.map((s) => t(`sector.${s}`)).join(", "),
          })}
        </p>
      ) : (
        <p className="group-card__complete">{t("groups.composition.allSectors")}</p>
      )}
    </div>
  );
}

function MoveForm({ member, groupCount }: { member: Member; groupCount: number }) {
  const t = useT();
  const id = `move-${member.id}`;
  return (
    <Form method="post" className="group-move" preventScrollReset>
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="personId" value={member.id} />
      <label htmlFor={id} className="visually-hidden">
        {t("groups.move.label", { name: member.name })}
      </label>
      <select id={id} name="toGroup" defaultValue={member.groupNo} key={member.groupNo}>
        {Array.from({ length: groupCount }, (_, i) => (
          <option key={i + 1} value={i + 1}>
            {t("groups.groupNo", { no: i + 1 })}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="button button--small button--secondary"
        aria-label={t("groups.move.buttonFor", { name: member.name })}
      >
        {t("groups.move.button")}
      </button>
    </Form>
  );
}

function MemberItem({
  member,
  exchange,
  canUpdate,
  draggable,
  groupCount,
  onDragStart,
}: {
  member: Member;
  exchange: boolean;
  canUpdate: boolean;
  draggable: boolean;
  groupCount: number;
  onDragStart: (id: number) => void;
}) {
  const t = useT();
  return (
    <li
      id={`person-${member.id}`}
      className="group-member"
      draggable={draggable || undefined}
      onDragStart={
        draggable
          ? (e) => {
              e.dataTransfer.setData("text/plain", String(member.id));
              e.dataTransfer.effectAllowed = "move";
              onDragStart(member.id);
            }
          : undefined
      }
    >
      <SectorMark sector={member.sector} />
      <span className="group-member__text">
        <span className="group-member__name">
          {member.name}
          {member.facilitator ? <span className="group-member__facilitator"> ({t("groups.facilitator")})</span> : null}
        </span>
        <span className="group-member__meta">
          {t(`sector.${member.sector}`)} · {t(`roleCategory.${member.roleCategory as RoleCategory}`)}
          {exchange && member.municipality ? ` · ${member.municipality}` : ""}
        </span>
      </span>
      {canUpdate ? <MoveForm member={member} groupCount={groupCount} /> : null}
    </li>
  );
}

function Notice({ notice }: { notice: string | null }) {
  const t = useT();
  const known = ["generate", "shuffle", "update", "move", "publish", "unpublish"] as const;
  const key = known.find((k) => k === notice);
  if (!key) return null;
  return (
    <div className="notice notice--ok" role="status">
      {t(`groups.notice.${key}`)}
    </div>
  );
}

function PersonSelect({
  name,
  present,
  defaultValue,
  label,
  error,
}: {
  name: string;
  present: Present[];
  defaultValue: string;
  label: string;
  error?: string;
}) {
  const t = useT();
  const id = `field-${name}`;
  return (
    <span className="groups-pair__person">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{t("groups.settings.choosePerson")}</option>
        {present.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({t(`sector.${p.sector}`)})
          </option>
        ))}
      </select>
    </span>
  );
}

function Pairs({
  kind,
  present,
  pairs,
  errors,
  values,
}: {
  kind: "together" | "apart";
  present: Present[];
  pairs: [number, number][];
  errors: Record<string, string>;
  values: [string, string][] | null;
}) {
  const t = useT();
  return (
    <fieldset className="groups-pairs">
      <legend>{t(`groups.settings.${kind}`)}</legend>
      <p className="help">{t(`groups.settings.${kind}Help`)}</p>
      {Array.from({ length: PAIR_ROWS }, (_, i) => {
        const field = `${kind}-${i + 1}-a`;
        const value = values?.[i] ?? (pairs[i] ? [String(pairs[i][0]), String(pairs[i][1])] : ["", ""]);
        return (
          <div className="groups-pair" key={i}>
            <PersonSelect
              name={field}
              present={present}
              defaultValue={value[0]}
              label={t("groups.settings.pairFirst", { no: i + 1 })}
              error={errors[field]}
            />
            <PersonSelect
              name={`${kind}-${i + 1}-b`}
              present={present}
              defaultValue={value[1]}
              label={t("groups.settings.pairSecond", { no: i + 1 })}
            />
            {errors[field] ? (
              <p className="error" id={`field-${field}-error`}>
                {errors[field]}
              </p>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}

function SettingsForm({ data, hasSet }: { data: LoaderData; hasSet: boolean }) {
  const t = useT();
  const actionData = useActionData<typeof groupsAction>();
  const errors: Record<string, string> = actionData && "errors" in actionData ? actionData.errors ?? {} : {};
  const values = actionData && "values" in actionData ? actionData.values : null;
  const settings = data.set?.settings ?? {
    mode: "size" as const,
    value: 7,
    together: [],
    apart: [],
    facilitators: [],
  };
  const [mode, setMode] = useState<string>(values?.mode ?? settings.mode);
  const facilitators = new Set(values ? values.facilitators.map(Number) : settings.facilitators);
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "generate";
  return (
    <Form method="post" className="groups-settings" noValidate>
      <input type="hidden" name="intent" value="generate" />
      <fieldset>
        <legend>{t("groups.settings.how")}</legend>
        <div className="groups-mode">
          <input type="radio" id="mode-size" name="mode" value="size" checked={mode === "size"} onChange={() => setMode("size")} />
          <label htmlFor="mode-size">{t("groups.settings.bySize")}</label>
          <label htmlFor="field-groupSize" className="visually-hidden">
            {t("groups.settings.groupSize")}
          </label>
          <input
            id="field-groupSize"
            name="groupSize"
            inputMode="numeric"
            className="groups-number"
            defaultValue={values?.groupSize ?? (settings.mode === "size" ? settings.value : 7)}
            aria-invalid={errors.groupSize ? true : undefined}
            aria-describedby={errors.groupSize ? "field-groupSize-error groups-size-help" : "groups-size-help"}
          />
        </div>
        <p className="help" id="groups-size-help">
          {t("groups.settings.sizeHelp")}
        </p>
        {errors.groupSize ? (
          <p className="error" id="field-groupSize-error">
            {errors.groupSize}
          </p>
        ) : null}
        <div className="groups-mode">
          <input type="radio" id="mode-count" name="mode" value="count" checked={mode === "count"} onChange={() => setMode("count")} />
          <label htmlFor="mode-count">{t("groups.settings.byCount")}</label>
          <label htmlFor="field-groupCount" className="visually-hidden">
            {t("groups.settings.groupCount")}
          </label>
          <input
            id="field-groupCount"
            name="groupCount"
            inputMode="numeric"
            className="groups-number"
            defaultValue={values?.groupCount ?? (settings.mode === "count" ? settings.value : "")}
            aria-invalid={errors.groupCount ? true : undefined}
            aria-describedby={errors.groupCount ? "field-groupCount-error" : undefined}
          />
        </div>
        {errors.groupCount ? (
          <p className="error" id="field-groupCount-error">
            {errors.groupCount}
          </p>
        ) : null}
        {errors.mode ? <p className="error">{errors.mode}</p> : null}
      </fieldset>

      <details className="groups-advanced" open={Object.keys(errors).some((k) => k !== "groupSize" && k !== "groupCount") || undefined}>
        <summary>{t("groups.settings.advanced")}</summary>
        <fieldset className="groups-facilitators" aria-describedby={errors.facilitator ? "field-facilitator-error" : undefined}>
          <legend>{t("groups.settings.facilitators")}</legend>
          <p className="help">{t("groups.settings.facilitatorsHelp")}</p>
          {errors.facilitator ? (
            <p className="error" id="field-facilitator-error">
              {errors.facilitator}
            </p>
          ) : null}
          <ul className="groups-checklist">
            {data.present.map((p) => (
              <li key={p.id}>
                <input type="checkbox" id={`facilitator-${p.id}`} name="facilitator" value={p.id} defaultChecked={facilitators.has(p.id)} />
                <label htmlFor={`facilitator-${p.id}`}>
                  {p.name} <span className="help">({t(`sector.${p.sector}`)})</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <Pairs kind="together" present={data.present} pairs={settings.together} errors={errors} values={values?.together ?? null} />
        <Pairs kind="apart" present={data.present} pairs={settings.apart} errors={errors} values={values?.apart ?? null} />
      </details>
      <p>
        <button type="submit" className="button" disabled={busy}>
          {hasSet ? t("groups.action.regenerateWithSettings") : t("groups.action.generate")}
        </button>
      </p>
    </Form>
  );
}

function ActionButton({ intent, label, secondary, help }: { intent: string; label: string; secondary?: boolean; help?: string }) {
  return (
    <Form method="post" className="groups-actions__item">
      <input type="hidden" name="intent" value={intent} />
      <button
        type="submit"
        className={secondary ? "button button--secondary" : "button"}
        aria-describedby={help ? `${intent}-help` : undefined}
      >
        {label}
      </button>
      {help ? (
        <p className="help" id={`${intent}-help`}>
          {help}
        </p>
      ) : null}
    </Form>
  );
}

function OccasionHeader({ details, title }: { details: LoaderData["details"]; title: string }) {
  return (
    <>
      <p>
        <Link to={details.backPath}>← {details.backLabel}</Link>
      </p>
      <h1>{title}</h1>
      <p className="lead">
        {details.seriesNames.join(", ")} ·{" "}
        <span className="nowrap">{formatTimeRange(new Date(details.startsAt), new Date(details.endsAt))}</span>
        {details.venue ? ` · ${details.venue}` : ""}
      </p>
    </>
  );
}

export function GroupsPage() {
  const data = useLoaderData<typeof groupsLoader>();
  const t = useT();
  const hydrated = useHydrated();
  const actionData = useActionData<typeof groupsAction>();
  const { details, set } = data;
  const moveFetcher = useFetcher<typeof groupsAction>();
  const fetchers = useFetchers();
  const navigation = useNavigation();
  const [announcement, setAnnouncement] = useState("");
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);

  // Moves in flight (drag and drop through fetchers, the select through a navigation) show at once.
  const pending = new Map<number, number>();
  for (const f of [...fetchers.map((f) => f.formData), navigation.formData]) {
    if (f?.get("intent") === "move") pending.set(Number(f.get("personId")), Number(f.get("toGroup")));
  }
  const members = (set?.members ?? []).map((m) => (pending.has(m.id) ? { ...m, groupNo: pending.get(m.id)! } : m));
  const groups = set ? byGroup(members, set.groupCount) : [];
  // The score of what is shown (a partial view at the exchange keeps the server's whole-set score).
  const quality = useMemo(
    () =>
      set && !data.partial
        ? scoreGroups(
            members,
            groups.map((g) => g.map((m) => m.id))
          )
        : data.quality,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [set, data.partial, data.quality, JSON.stringify([...pending])]
  );

  // Announce a finished drag-and-drop move with the new score.
  const lastMove = useRef<string | null>(null);
  useEffect(() => {
    const moved = moveFetcher.data && "moved" in moveFetcher.data ? moveFetcher.data.moved : null;
    if (moveFetcher.state === "idle" && moved && quality) {
      const key = `${moved.personId}-${moved.to}-${data.set?.updatedAt}`;
      if (lastMove.current === key) return;
      lastMove.current = key;
      setAnnouncement(`${t("groups.move.announce", { name: moved.name, no: moved.to })} ${qualityLines(quality, t).summary}`);
    }
  }, [moveFetcher.state, moveFetcher.data, quality, data.set?.updatedAt, t]);
  // A move by the plain form (a navigation) replaces what a drag announced before.
  const formMoving = navigation.state !== "idle" && navigation.formData?.get("intent") === "move";
  useEffect(() => {
    if (formMoving) setAnnouncement("");
  }, [formMoving]);
  // After a plain-form move the page says so from the URL (?klart=move), with the new score.
  const live = announcement || (data.notice === "move" && quality ? `${t("groups.notice.move")} ${qualityLines(quality, t).summary}` : "");

  const drop = (groupNo: number) => (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setOver(null);
    const personId = Number(e.dataTransfer.getData("text/plain")) || dragging;
    setDragging(null);
    const member = members.find((m) => m.id === personId);
    if (!member || member.groupNo === groupNo) return;
    moveFetcher.submit(
      {
        intent: "move",
        personId: String(personId),
        toGroup: String(groupNo),
        js: "1",
      },
      { method: "post" }
    );
  };
  const canDrag = data.canUpdate && hydrated;
  const formError = actionData && "formError" in actionData ? actionData.formError : null;

  return (
    <>
      <OccasionHeader details={details} title={t("groups.title", { title: details.title })} />
      <p className="link-row">
        <Link to={`${details.basePath}/narvaro`}>{t("groups.link.roster")}</Link>
        {set ? <Link to={`${details.basePath}/grupper/visa`}>{t("groups.link.bigScreen")}</Link> : null}
        {set ? <Link to={`${details.basePath}/grupper/utskrift`}>{t("groups.link.print")}</Link> : null}
      </p>
      <Notice notice={data.notice} />
      <FormError message={formError} />
      <p className="visually-hidden" aria-live="polite" role="status" data-testid="groups-live">
        {live}
      </p>
      {!data.canUpdate ? <p className="help">{data.partial ? t("groups.readOnlyPartial") : t("groups.readOnly")}</p> : null}

      {data.present.length === 0 && !set ? (
        <p className="empty">{t("groups.empty")}</p>
      ) : (
        <>
          {set ? (
            <div className={`groups-status groups-status--${set.status}`}>
              <p>
                <strong>{t(`groups.status.${set.status}`)}</strong>{" "}
                {set.status === "publicerad" && set.publishedAt
                  ? t("groups.status.publishedHelp", {
                      when: formatDateTime(new Date(set.publishedAt)),
                    })
                  : t("groups.status.draftHelp")}
              </p>
              <p className="help">
                {t("groups.status.updated", {
                  when: formatDateTime(new Date(set.updatedAt)),
                  who: set.updatedBy ?? "–",
                })}{" "}
                ·{" "}
                {t("groups.status.counts", {
                  people: set.members.length,
                  groups: set.groupCount,
                })}
              </p>
              {data.lateArrivals > 0 || data.gone > 0 ? (
                <p className="groups-status__late">
                  {t("groups.status.changed", {
                    late: data.lateArrivals,
                    gone: data.gone,
                  })}
                </p>
              ) : null}
            </div>
          ) : null}

          {data.canUpdate && set ? (
            <div className="groups-actions">
              <ActionButton intent="update" label={t("groups.action.update")} help={t("groups.action.updateHelp")} />
              <ActionButton intent="shuffle" label={t("groups.action.shuffle")} secondary help={t("groups.action.shuffleHelp")} />
              {set.status === "publicerad" ? (
                <ActionButton intent="unpublish" label={t("groups.action.unpublish")} secondary />
              ) : (
                <ActionButton intent="publish" label={t("groups.action.publish")} help={t("groups.action.publishHelp")} />
              )}
            </div>
          ) : null}

          {quality && set ? <Quality quality={quality} /> : null}

          {set ? (
            <section aria-labelledby="groups-list-title">
              <h2 id="groups-list-title">{t("groups.list.title")}</h2>
              {canDrag ? <p className="help">{t("groups.move.dragHelp")}</p> : null}
              <div className="groups-grid">
                {groups.map((g, i) => {
                  const no = i + 1;
                  if (data.partial && g.length === 0) return null;
                  return (
                    <section
                      key={no}
                      className={`group-card${over === no ? " group-card--over" : ""}`}
                      aria-labelledby={`group-${no}-title`}
                      data-group={no}
                      onDragOver={
                        canDrag
                          ? (e) => {
                              e.preventDefault();
                              e.dataTransfer.dropEffect = "move";
                              if (over !== no) setOver(no);
                            }
                          : undefined
                      }
                      onDragLeave={canDrag ? () => setOver((o) => (o === no ? null : o)) : undefined}
                      onDrop={canDrag ? drop(no) : undefined}
                    >
                      <h3 id={`group-${no}-title`}>
                        {t("groups.groupNo", { no })} <span className="group-card__size">({t("groups.people", { count: g.length })})</span>
                      </h3>
                      <Composition members={g} sectorsPresent={quality?.sectorsPresent ?? [...COVERAGE_SECTORS]} />
                      <ul className="group-members">
                        {g.map((m) => (
                          <MemberItem
                            key={m.id}
                            member={m}
                            exchange={data.exchange}
                            canUpdate={data.canUpdate}
                            draggable={canDrag}
                            groupCount={set.groupCount}
                            onDragStart={setDragging}
                          />
                        ))}
                      </ul>
                    </section>
                  );
                })}
              </div>
            </section>
          ) : null}

          {data.canUpdate && data.present.length > 0 ? (
            <section aria-labelledby="groups-settings-title" className="groups-settings-section">
              <h2 id="groups-settings-title">{set ? t("groups.settings.titleAgain") : t("groups.settings.title")}</h2>
              <p className="help">
                {t("groups.settings.presentCount", {
                  count: data.present.length,
                })}
              </p>
              <SettingsForm data={data} hasSet={!!set} />
            </section>
          ) : null}
          {data.canUpdate && data.present.length === 0 && set ? <p className="empty">{t("groups.empty")}</p> : null}
        </>
      )}
    </>
  );
}

/** First names, with the surname's initial where a first name repeats within the group ("Peter A."). */
function screenNames(members: Member[]): string[] {
  const firsts = members.map((m) => firstName(m.name));
  return members.map((m, i) => {
    if (firsts.filter((f) => f === firsts[i]).length < 2) return firsts[i];
    const rest = m.name.slice(firsts[i].length).trim();
    return rest ? `${firsts[i]} ${rest.charAt(0)}.` : firsts[i];
  });
}

/** The room's projector: group numbers, first names and sector marks, nothing else. */
export function GroupsBigScreen() {
  const data = useLoaderData<typeof groupsViewLoader>() as ViewData;
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const fullscreen = useFullscreen(ref);
  const { details, set } = data;
  const groups = set ? byGroup(set.members, set.groupCount) : [];
  return (
    <div className="groups-screen" ref={ref}>
      <div className="groups-screen__bar">
        <Link to={`${details.basePath}/grupper`}>← {t("groups.link.back")}</Link>
        {fullscreen.supported ? (
          <button type="button" className="button button--small" onClick={fullscreen.toggle}>
            {fullscreen.active ? t("groups.screen.exitFullscreen") : t("groups.screen.fullscreen")}
          </button>
        ) : null}
      </div>
      <h1 className="groups-screen__title">{t("groups.screen.title", { title: details.title })}</h1>
      {!set ? (
        <p className="empty">{t("groups.screen.none")}</p>
      ) : (
        <>
          <ul className="groups-screen__legend" aria-label={t("groups.screen.legend")}>
            {SECTORS.filter((s) => (COVERAGE_SECTORS as readonly Sector[]).includes(s) || set.members.some((m) => m.sector === s)).map(
              (s) => (
                <li key={s}>
                  <SectorMark sector={s} /> {t(`sector.${s}`)}
                </li>
              )
            )}
          </ul>
          <div className="groups-screen__grid">
            {groups.map((g, i) =>
              data.partial && g.length === 0 ? null : (
                <section key={i} className="groups-screen__group" aria-labelledby={`screen-group-${i + 1}`}>
                  <h2 id={`screen-group-${i + 1}`}>{t("groups.groupNo", { no: i + 1 })}</h2>
                  <ul>
                    {g.map((m, j) => (
                      <li key={m.id}>
                        <SectorMark sector={m.sector} /> <span>{screenNames(g)[j]}</span>
                        <span className="visually-hidden"> ({t(`sector.${m.sector}`)})</span>
                      </li>
                    ))}
                  </ul>
                </section>
              )
            )}
          </div>
        </>
      )}
    </div>
  );
}

/** A list to print: one block per group with names, sector and role. */
export function GroupsPrint() {
  const data = useLoaderData<typeof groupsViewLoader>() as ViewData;
  const t = useT();
  const { details, set } = data;
  const groups = set ? byGroup(set.members, set.groupCount) : [];
  return (
    <div className="groups-print">
      <p className="no-print">
        <Link to={`${details.basePath}/grupper`}>← {t("groups.link.back")}</Link>
      </p>
      <h1>{t("groups.print.title", { title: details.title })}</h1>
      <p className="lead">
        {details.seriesNames.join(", ")} · {formatTimeRange(new Date(details.startsAt), new Date(details.endsAt))}
        {set ? ` · ${t(`groups.status.${set.status}`)}` : ""}
      </p>
      {hydratedPrintButton(t)}
      {!set ? (
        <p className="empty">{t("groups.screen.none")}</p>
      ) : (
        groups.map((g, i) =>
          data.partial && g.length === 0 ? null : (
            <section key={i} className="groups-print__group" aria-labelledby={`print-group-${i + 1}`}>
              <h2 id={`print-group-${i + 1}`}>
                {t("groups.groupNo", { no: i + 1 })} <span className="group-card__size">({t("groups.people", { count: g.length })})</span>
              </h2>
              <table className="table groups-print__table">
                <thead>
                  <tr>
                    <th scope="col">{t("groups.print.name")}</th>
                    <th scope="col">{t("groups.print.sector")}</th>
                    <th scope="col">{t("groups.print.role")}</th>
                    {data.exchange ? <th scope="col">{t("groups.print.municipality")}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {g.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">
                        {m.name}
                        {m.facilitator ? ` (${t("groups.facilitator")})` : ""}
                      </th>
                      <td>{t(`sector.${m.sector}`)}</td>
                      <td>{t(`roleCategory.${m.roleCategory as RoleCategory}`)}</td>
                      {data.exchange ? <td>{m.municipality ?? "–"}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )
        )
      )}
    </div>
  );
}

function hydratedPrintButton(t: Translate) {
  return <PrintButton label={t("groups.print.button")} />;
}

function PrintButton({ label }: { label: string }) {
  const hydrated = useHydrated();
  if (!hydrated) return null;
  return (
    <p className="no-print">
      <button type="button" className="button" onClick={() => window.print()}>
        {label}
      </button>
    </p>
  );
}

/**
 * Loaders and action of the discussion-group pages (issue #9, decision 012),
 * shared by a session's pages and the exchange event's (routes stay thin).
 *
 * Reading follows the roster: process leaders everything, coordinators their
 * municipalities' sessions read-only (at the exchange only their own people),
 * sponsors 403, another municipality's session 404. Every write needs
 * update:groups (process leaders); a coordinator's forged post gets 403.
 */
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { Translate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { rosterSeriesIds } from "~/models/attendance.server";
import {
  DEFAULT_GROUP_SETTINGS,
  generateAndSave,
  getGroupSet,
  groupsOf,
  listPresentPeople,
  moveMember,
  setPublished,
  type GenerateMode,
  type PresentPerson,
} from "~/models/groups.server";
import type { GroupSettings } from "../../db/schema";
import { groupCountFor, scoreGroups } from "./grouping";
import { requireOccasion } from "./occasion.server";
import { can } from "./permissions.server";
import type { FieldErrors } from "./validation";
import { staffAudit } from "~/models/audit-log.server";

/** How many pair rows the settings form offers for "together" and for "apart". */
export const PAIR_ROWS = 3;
export const MIN_GROUP_SIZE = 3;
export const MAX_GROUP_SIZE = 20;

async function loadGroups({ request, params }: LoaderFunctionArgs) {
  const { user, scope, details } = await requireOccasion(request, params, "read");
  const canUpdate = can(user, "update", "groups");
  const occasion = details.occasion;
  const visibleSeries = new Set(rosterSeriesIds({ occasion, scope }));
  const set = getGroupSet({ occasion });
  // Process leaders (scope all) see everyone; a coordinator at the exchange only their series' people.
  const present = listPresentPeople({ occasion, scope });
  const allPresent = scope.kind === "all" ? present : listPresentPeople({ occasion });
  const members = set ? set.members.filter((m) => scope.kind === "all" || visibleSeries.has(m.seriesId)) : [];
  // The score is about the whole set, so it is computed from every member's snapshot.
  const quality = set ? scoreGroups(set.members, groupsOf(set)) : null;
  const inSet = new Set(set?.members.map((m) => m.id) ?? []);
  const here = new Set(allPresent.map((p) => p.id));
  return {
    details,
    canUpdate,
    /** Only coordinators at the exchange see part of the groups. */
    partial: scope.kind !== "all" && occasion.kind === "exchange",
    present: present.map(({ id, name, sector, roleCategory, municipality }) => ({
      id,
      name,
      sector,
      roleCategory,
      municipality,
    })),
    set: set
      ? {
          status: set.status,
          groupCount: set.groupCount,
          settings: set.settings,
          updatedAt: set.updatedAt.getTime(),
          updatedBy: set.updatedBy,
          publishedAt: set.publishedAt?.getTime() ?? null,
          members: members.map(({ id, name, sector, roleCategory, municipality, groupNo, facilitator }) => ({
            id,
            name,
            sector,
            roleCategory,
            municipality,
            groupNo,
            facilitator,
          })),
        }
      : null,
    quality,
    /** Present now but not in the groups, and in the groups but no longer present. */
    lateArrivals: set ? allPresent.filter((p) => !inSet.has(p.id)).length : 0,
    gone: set ? set.members.filter((m) => !here.has(m.id)).length : 0,
    exchange: occasion.kind === "exchange",
  };
}

export async function groupsLoader(args: LoaderFunctionArgs) {
  const data = await loadGroups(args);
  const notice = new URL(args.request.url).searchParams.get("klart");
  return { ...data, notice };
}

/** The big screen and the printed list: the same data, read-only. */
export const groupsViewLoader = loadGroups;

type SettingsValues = {
  mode: string;
  groupSize: string;
  groupCount: string;
  together: [string, string][];
  apart: [string, string][];
  facilitators: string[];
};

function readSettingsForm(formData: FormData): SettingsValues {
  const text = (name: string) => String(formData.get(name) ?? "").slice(0, 50);
  const pairs = (kind: string) =>
    Array.from({ length: PAIR_ROWS }, (_, i) => [text(`${kind}-${i + 1}-a`), text(`${kind}-${i + 1}-b`)] as [string, string]);
  return {
    mode: text("mode"),
    groupSize: text("groupSize"),
    groupCount: text("groupCount"),
    together: pairs("together"),
    apart: pairs("apart"),
    facilitators: formData.getAll("facilitator").map((v) => String(v).slice(0, 50)),
  };
}

/** Checks the settings form against the people present; field errors in Swedish (or English). */
export function parseSettings(
  values: SettingsValues,
  present: Pick<PresentPerson, "id">[],
  t: Translate
): { ok: true; settings: GroupSettings } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const here = new Set(present.map((p) => p.id));
  const mode = values.mode === "count" ? "count" : values.mode === "size" ? "size" : null;
  if (!mode) errors.mode = t("groups.error.mode");
  const whole = (s: string) => (/^\s*\d{1,4}\s*$/.test(s) ? Number(s) : NaN);
  let value = 0;
  if (mode === "size") {
    value = whole(values.groupSize);
    if (!(value >= MIN_GROUP_SIZE && value <= MAX_GROUP_SIZE))
      errors.groupSize = t("groups.error.size", {
        min: MIN_GROUP_SIZE,
        max: MAX_GROUP_SIZE,
      });
  } else if (mode === "count") {
    value = whole(values.groupCount);
    const max = Math.max(1, present.length);
    if (!(value >= 1 && value <= max)) errors.groupCount = t("groups.error.count", { max });
  }
  const person = (s: string) => (s === "" ? null : Number(s));
  const readPairs = (kind: "together" | "apart") => {
    const result: [number, number][] = [];
    values[kind].forEach(([a, b], i) => {
      const field = `${kind}-${i + 1}-a`;
      if (a === "" && b === "") return;
      const pa = person(a);
      const pb = person(b);
      if (pa === null || pb === null) errors[field] = t("groups.error.pairIncomplete");
      else if (!here.has(pa) || !here.has(pb)) errors[field] = t("groups.error.notPresent");
      else if (pa === pb) errors[field] = t("groups.error.pairSame");
      else result.push([pa, pb]);
    });
    return result;
  };
  const together = readPairs("together");
  const apart = readPairs("apart");
  const key = ([a, b]: [number, number]) => (a < b ? `${a}-${b}` : `${b}-${a}`);
  const togetherKeys = new Set(together.map(key));
  apart.forEach((pair) => {
    if (togetherKeys.has(key(pair))) {
      const i = values.apart.findIndex(([a, b]) => key([Number(a), Number(b)]) === key(pair));
      errors[`apart-${i + 1}-a`] = t("groups.error.pairConflict");
    }
  });
  const facilitators = [...new Set(values.facilitators.map(Number))];
  if (facilitators.some((id) => !here.has(id))) errors.facilitator = t("groups.error.notPresent");
  else if (mode && value > 0 && !errors.groupSize && !errors.groupCount) {
    const count = groupCountFor(present.length, mode === "count" ? { groupCount: value } : { groupSize: value });
    if (facilitators.length > count) errors.facilitator = t("groups.error.tooManyFacilitators", { count });
  }
  if (Object.keys(errors).length > 0 || !mode) return { ok: false, errors };
  return { ok: true, settings: { mode, value, together, apart, facilitators } };
}

export async function groupsAction({ request, params, context }: ActionFunctionArgs) {
  const { user, details } = await requireOccasion(request, params, "read");
  if (!can(user, "update", "groups")) throw json({ message: "forbidden" }, { status: 403 });
  const t = await getTranslator(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const occasion = details.occasion;
  const actor = { userId: user.id, audit: staffAudit(user, context) };
  const page = `${details.basePath}/grupper`;

  if (intent === "generate" || intent === "shuffle" || intent === "update") {
    const present = listPresentPeople({ occasion });
    if (present.length === 0)
      return json(
        {
          intent,
          formError: t("groups.empty"),
          errors: {} as FieldErrors,
          values: null,
        },
        { status: 400 }
      );
    let settings: GroupSettings | undefined;
    let values: SettingsValues | null = null;
    if (intent === "generate") {
      values = readSettingsForm(formData);
      const parsed = parseSettings(values, present, t);
      if (!parsed.ok)
        return json(
          {
            intent,
            formError: t("groups.error.form"),
            errors: parsed.errors,
            values,
          },
          { status: 400 }
        );
      settings = parsed.settings;
    } else if (!getGroupSet({ occasion })) {
      return json(
        {
          intent,
          formError: t("groups.error.noSet"),
          errors: {} as FieldErrors,
          values: null,
        },
        { status: 400 }
      );
    }
    generateAndSave({
      occasion,
      mode: intent as GenerateMode,
      settings,
      actor,
    });
    return redirect(`${page}?klart=${intent}`);
  }

  if (intent === "move") {
    const personId = Number(formData.get("personId"));
    const toGroup = Number(formData.get("toGroup"));
    const result = moveMember({ occasion, personId, toGroup, actor });
    if (!result.ok) {
      return json(
        {
          intent,
          formError: t(result.problem),
          errors: { [`move-${personId}`]: t(result.problem) } as FieldErrors,
          values: null,
        },
        { status: result.problem === "groups.error.notInSet" ? 404 : 400 }
      );
    }
    // With JavaScript the page stays (fetcher); without it the post redirects back to the person.
    if (formData.get("js") === "1")
      return json({
        intent,
        moved: {
          personId,
          name: result.name,
          from: result.from,
          to: result.to,
        },
      });
    return redirect(`${page}?klart=move#person-${personId}`);
  }

  if (intent === "publish" || intent === "unpublish") {
    if (!setPublished({ occasion, published: intent === "publish", actor })) {
      return json(
        {
          intent,
          formError: t("groups.error.noSet"),
          errors: {} as FieldErrors,
          values: null,
        },
        { status: 400 }
      );
    }
    return redirect(`${page}?klart=${intent}`);
  }

  return json(
    {
      intent,
      formError: t("form.invalidRequest"),
      errors: {} as FieldErrors,
      values: null,
    },
    { status: 400 }
  );
}

export { DEFAULT_GROUP_SETTINGS };

/**
 * Mixed discussion groups of an occasion (issue #9, decision 012): who is
 * present, the stored set of groups, and every change to it.
 *
 * A set is a SNAPSHOT: each member row copies the person's name, sector, role
 * and municipality when they first joined the set. Regenerating, shuffling and
 * moving keep those rows as they are, so a later change to a person (a new
 * sector, say) never rewrites groups that were already made; only people who
 * join later are copied with their data of that moment. The algorithm lives in
 * app/lib/grouping.ts and is called with the snapshot's data.
 */
import { randomInt } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { generateGroups, type GroupOptions, type GroupPerson } from "~/lib/grouping";
import type { GroupSetStatus, GroupSettings, RoleCategory, Sector } from "../../db/schema";
import { rosterSeriesIds, type Occasion } from "./attendance.server";
import { getDb, schema, writeTransaction } from "./db.server";
import type { Scope } from "./scope.server";
import { audit, occasionEntity, type AuditMeta } from "./audit-log.server";

const { groupSets, groupMembers } = schema;

const ALL: Scope = { kind: "all" };

/** A person present at the occasion, with what the snapshot stores about them. */
export type PresentPerson = GroupPerson & {
  name: string;
  organisationId: number | null;
  organisationName: string | null;
  seriesId: number;
};

/** A stored member: the snapshot, not the person's current data. */
export type GroupMember = PresentPerson & {
  groupNo: number;
  facilitator: boolean;
};

export type StoredGroupSet = {
  id: number;
  seed: number;
  groupCount: number;
  settings: GroupSettings;
  status: GroupSetStatus;
  updatedAt: Date;
  updatedBy: string | null;
  publishedAt: Date | null;
  members: GroupMember[];
};

export const DEFAULT_GROUP_SETTINGS: GroupSettings = {
  mode: "size",
  value: 7,
  together: [],
  apart: [],
  facilitators: [],
};

function occasionWhere(occasion: Occasion) {
  return occasion.kind === "session" ? eq(groupSets.seriesSessionId, occasion.sessionId) : eq(groupSets.exchangeEventId, occasion.eventId);
}

/**
 * Everyone present (närvarande or sen: checked in, substitutes and walk-ins)
 * at the occasion, in the series of the scope. The municipality is the
 * person's organisation, else the series' (first) municipality.
 */
export function listPresentPeople({ occasion, scope = ALL }: { occasion: Occasion; scope?: Scope }): PresentPerson[] {
  const seriesIds = rosterSeriesIds({ occasion, scope });
  if (seriesIds.length === 0) return [];
  const ids = sql.join(
    seriesIds.map((id) => sql`${id}`),
    sql`, `
  );
  const occ =
    occasion.kind === "session" ? sql`a.series_session_id = ${occasion.sessionId}` : sql`a.exchange_event_id = ${occasion.eventId}`;
  const rows = getDb().all<{
    id: number;
    name: string;
    sector: Sector;
    roleCategory: RoleCategory;
    organisationId: number | null;
    organisationName: string | null;
    seriesId: number;
  }>(sql`
    select p.id as id, p.name as name, p.sector as sector, p.role_category as roleCategory,
      coalesce(p.organisation_id, so.organisation_id) as organisationId,
      coalesce(o.name, so.name) as organisationName,
      a.series_id as seriesId
    from ${schema.attendance} a
    join ${schema.people} p on p.id = a.person_id
    left join ${schema.organisations} o on o.id = p.organisation_id
    left join (
      select x.series_id, min(x.organisation_id) as organisation_id, min(xo.name) as name
      from ${schema.seriesOrganisations} x join ${schema.organisations} xo on xo.id = x.organisation_id
      group by x.series_id
    ) so on so.series_id = a.series_id
    where ${occ} and a.series_id in (${ids}) and a.status in ('narvarande', 'sen')
    order by p.name collate nocase, p.id`);
  return rows.map((r) => ({ ...r, municipality: r.organisationName }));
}

export function getGroupSet({ occasion }: { occasion: Occasion }): StoredGroupSet | null {
  const db = getDb();
  const set = db
    .select({
      id: groupSets.id,
      seed: groupSets.seed,
      groupCount: groupSets.groupCount,
      settings: groupSets.settings,
      status: groupSets.status,
      updatedAt: groupSets.updatedAt,
      updatedBy: schema.users.name,
      publishedAt: groupSets.publishedAt,
    })
    .from(groupSets)
    .leftJoin(schema.users, eq(schema.users.id, groupSets.updatedById))
    .where(occasionWhere(occasion))
    .get();
  if (!set) return null;
  const members = db
    .select({
      id: groupMembers.personId,
      groupNo: groupMembers.groupNo,
      name: groupMembers.name,
      sector: groupMembers.sector,
      roleCategory: groupMembers.roleCategory,
      organisationId: groupMembers.organisationId,
      organisationName: groupMembers.organisationName,
      seriesId: groupMembers.seriesId,
      facilitator: groupMembers.facilitator,
    })
    .from(groupMembers)
    .where(eq(groupMembers.groupSetId, set.id))
    .orderBy(groupMembers.groupNo, sql`${groupMembers.facilitator} desc`, sql`${groupMembers.name} collate nocase`, groupMembers.personId)
    .all()
    .map((m) => ({
      ...m,
      seriesId: m.seriesId ?? 0,
      municipality: m.organisationName,
    }));
  return { ...set, members };
}

/** Member ids per group, group 1 first; empty groups stay (a move can empty one). */
export function groupsOf(set: Pick<StoredGroupSet, "groupCount" | "members">): number[][] {
  const groups: number[][] = Array.from({ length: set.groupCount }, () => []);
  for (const m of set.members) groups[m.groupNo - 1]?.push(m.id);
  return groups;
}

export function optionsFor(settings: GroupSettings, seed: number, exchange: boolean): GroupOptions {
  return {
    ...(settings.mode === "count" ? { groupCount: settings.value } : { groupSize: settings.value }),
    seed,
    exchange,
    together: settings.together,
    apart: settings.apart,
    facilitators: settings.facilitators,
  };
}

export function newSeed(): number {
  return randomInt(1, 2 ** 31 - 1);
}

type Actor = { userId: number | null; now?: Date; audit?: AuditMeta };

export type GenerateMode =
  /** New settings (or the first set): the set's seed, or a new one; no previous groups. */
  | "generate"
  /** "Blanda om": a new seed, same settings. */
  | "shuffle"
  /** Late arrivals join, people no longer present leave, everyone else stays where they are as far as possible. */
  | "update";

/**
 * Generates groups for the people present now and stores them in one
 * transaction, replacing the previous members. People already in the set keep
 * their snapshot (and the algorithm sees that snapshot); new people are copied.
 * The status (utkast/publicerad) is kept. Returns null when nobody is present.
 */
export function generateAndSave({
  occasion,
  mode,
  settings,
  seed,
  actor,
}: {
  occasion: Occasion;
  mode: GenerateMode;
  /** Required for "generate"; otherwise the stored settings are used. */
  settings?: GroupSettings;
  /** Fixed seed (tests); otherwise as the mode says. */
  seed?: number;
  actor: Actor;
}): StoredGroupSet | null {
  const now = actor.now ?? new Date();
  const written = writeTransaction((tx) => {
    const current = getGroupSet({ occasion });
    const present = listPresentPeople({ occasion });
    if (present.length === 0) return false;
    const stored = new Map((current?.members ?? []).map((m) => [m.id, m]));
    // The snapshot wins for people already in the set.
    const people: PresentPerson[] = present.map((p) => {
      const s = stored.get(p.id);
      return s
        ? {
            id: s.id,
            name: s.name,
            sector: s.sector,
            roleCategory: s.roleCategory,
            municipality: s.municipality,
            organisationId: s.organisationId,
            organisationName: s.organisationName,
            seriesId: s.seriesId || p.seriesId,
          }
        : p;
    });
    const useSettings = (mode === "generate" ? settings : current?.settings) ?? settings ?? DEFAULT_GROUP_SETTINGS;
    const useSeed = seed ?? (mode === "shuffle" || !current ? newSeed() : current.seed);
    const options = optionsFor(useSettings, useSeed, occasion.kind === "exchange");
    if (mode === "update" && current) {
      const here = new Set(present.map((p) => p.id));
      options.previous = groupsOf(current).map((g) => g.filter((id) => here.has(id)));
    }
    const groups = generateGroups(
      people.map(({ id, sector, roleCategory, municipality }) => ({
        id,
        sector,
        roleCategory,
        municipality,
      })),
      options
    );
    const facilitators = new Set(useSettings.facilitators);
    const values = {
      seed: useSeed,
      groupCount: groups.length,
      settings: useSettings,
      updatedAt: now,
      updatedById: actor.userId,
    };
    let setId: number;
    if (current) {
      setId = current.id;
      tx.update(groupSets).set(values).where(eq(groupSets.id, setId)).run();
      tx.delete(groupMembers).where(eq(groupMembers.groupSetId, setId)).run();
    } else {
      setId = tx
        .insert(groupSets)
        .values({
          ...values,
          seriesSessionId: occasion.kind === "session" ? occasion.sessionId : null,
          exchangeEventId: occasion.kind === "exchange" ? occasion.eventId : null,
          status: "utkast",
          createdAt: now,
        })
        .returning({ id: groupSets.id })
        .get().id;
    }
    const byId = new Map(people.map((p) => [p.id, p]));
    const rows = groups.flatMap((g, i) =>
      g.map((id) => {
        const p = byId.get(id)!;
        return {
          groupSetId: setId,
          groupNo: i + 1,
          personId: id,
          name: p.name,
          sector: p.sector,
          roleCategory: p.roleCategory,
          organisationId: p.organisationId,
          organisationName: p.organisationName,
          seriesId: p.seriesId,
          facilitator: facilitators.has(id),
        };
      })
    );
    // Inserted in chunks: SQLite limits the number of bound parameters per statement.
    for (let i = 0; i < rows.length; i += 50)
      tx.insert(groupMembers)
        .values(rows.slice(i, i + 50))
        .run();
    audit(actor.audit, {
      action: "groups.update",
      ...occasionEntity(occasion),
      seriesId: occasion.kind === "session" ? occasion.seriesId : null,
      details: { mode, groups: groups.length, members: rows.length },
    }, tx);
    return true;
  });
  return written ? getGroupSet({ occasion }) : null;
}

export type MoveResult =
  | { ok: true; from: number; to: number; name: string }
  | {
      ok: false;
      problem: "groups.error.notInSet" | "groups.error.noSuchGroup" | "groups.error.noSet";
    };

/** Moves one member to another group (1-based). */
export function moveMember({
  occasion,
  personId,
  toGroup,
  actor,
}: {
  occasion: Occasion;
  personId: number;
  toGroup: number;
  actor: Actor;
}): MoveResult {
  return writeTransaction((tx) => {
    const set = getGroupSet({ occasion });
    if (!set) return { ok: false, problem: "groups.error.noSet" } as const;
    const member = set.members.find((m) => m.id === personId);
    if (!member) return { ok: false, problem: "groups.error.notInSet" } as const;
    if (!Number.isSafeInteger(toGroup) || toGroup < 1 || toGroup > set.groupCount)
      return { ok: false, problem: "groups.error.noSuchGroup" } as const;
    tx.update(groupMembers)
      .set({ groupNo: toGroup })
      .where(and(eq(groupMembers.groupSetId, set.id), eq(groupMembers.personId, personId)))
      .run();
    tx.update(groupSets)
      .set({ updatedAt: actor.now ?? new Date(), updatedById: actor.userId })
      .where(eq(groupSets.id, set.id))
      .run();
    audit(actor.audit, {
      action: "groups.update",
      ...occasionEntity(occasion),
      seriesId: occasion.kind === "session" ? occasion.seriesId : null,
      details: { move: true, personId, from: member.groupNo, to: toGroup },
    }, tx);
    return {
      ok: true,
      from: member.groupNo,
      to: toGroup,
      name: member.name,
    } as const;
  });
}

/** Publish (participants see their group in the portal) or take back to draft. False without a set. */
export function setPublished({ occasion, published, actor }: { occasion: Occasion; published: boolean; actor: Actor }): boolean {
  const now = actor.now ?? new Date();
  return writeTransaction((tx) => {
    const result = tx
      .update(groupSets)
      .set({
        status: published ? "publicerad" : "utkast",
        publishedAt: published ? now : null,
        updatedAt: now,
        updatedById: actor.userId,
      })
      .where(occasionWhere(occasion))
      .run();
    if (result.changes === 0) return false;
    audit(actor.audit, {
      action: "groups.update",
      ...occasionEntity(occasion),
      seriesId: occasion.kind === "session" ? occasion.seriesId : null,
      details: { published },
    }, tx);
    return true;
  });
}

export type PortalGroup = {
  groupNo: number;
  /** The other members, from the snapshot. */
  members: { name: string; sector: Sector; facilitator: boolean }[];
};

/** The participant's own group at a session, once the groups are published; null otherwise. */
export function publishedGroupFor({ personId, sessionId, eventId }: { personId: number; sessionId?: number; eventId?: number }): PortalGroup | null {
  if (sessionId === undefined && eventId === undefined) return null;
  const db = getDb();
  const own = db
    .select({ setId: groupSets.id, groupNo: groupMembers.groupNo })
    .from(groupMembers)
    .innerJoin(groupSets, eq(groupSets.id, groupMembers.groupSetId))
    .where(
      and(
        sessionId !== undefined ? eq(groupSets.seriesSessionId, sessionId) : eq(groupSets.exchangeEventId, eventId!),
        eq(groupSets.status, "publicerad"),
        eq(groupMembers.personId, personId),
      ),
    )
    .get();
  if (!own) return null;
  const members = db
    .select({
      name: groupMembers.name,
      sector: groupMembers.sector,
      facilitator: groupMembers.facilitator,
    })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupSetId, own.setId), eq(groupMembers.groupNo, own.groupNo), sql`${groupMembers.personId} != ${personId}`))
    .orderBy(sql`${groupMembers.facilitator} desc`, sql`${groupMembers.name} collate nocase`)
    .all();
  return { groupNo: own.groupNo, members };
}

import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { hubs, organizations, rollouts } from "#db/schema";

// The public view of where funded work runs (issue 11): every rollout counts in the
// reach figures, but only listed (public) organizations and their hubs are named.

export type Reach = { hubs: number; verified: number; users: number };

const NO_REACH: Reach = { hubs: 0, verified: 0, users: 0 };

/** "Running on N hubs (M verified), reaching K users", for each initiative asked about. */
export async function reachOf(db: Db, initiativeIds: string[]): Promise<Map<string, Reach>> {
  const reach = new Map<string, Reach>();
  if (initiativeIds.length === 0) return reach;
  const rows = await db
    .select({
      initiativeId: rollouts.initiativeId,
      hubs: sql<number>`count(*)::int`,
      verified: sql<number>`count(*) filter (where ${rollouts.status} = 'verified')::int`,
      users: sql<number>`coalesce(sum(${hubs.userCount}), 0)::int`,
    })
    .from(rollouts)
    .innerJoin(hubs, and(eq(hubs.id, rollouts.hubId), eq(hubs.status, "active")))
    .where(inArray(rollouts.initiativeId, initiativeIds))
    .groupBy(rollouts.initiativeId);
  for (const row of rows)
    reach.set(row.initiativeId, { hubs: row.hubs, verified: row.verified, users: row.users });
  return reach;
}

export async function reachOfOne(db: Db, initiativeId: string): Promise<Reach> {
  return (await reachOf(db, [initiativeId])).get(initiativeId) ?? NO_REACH;
}

export type PublicRollout = {
  hubName: string;
  hubUrl: string;
  organizationName: string;
  organizationSlug: string;
  status: "reported" | "verified";
  since: string | null;
  verifiedVersion: string | null;
};

/** The rollouts of one initiative that may be named; those of unlisted organizations only counted. */
export async function publicRollouts(db: Db, initiativeId: string) {
  const rows = await db
    .select({
      hubName: hubs.name,
      hubUrl: hubs.url,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
      isPublic: organizations.isPublic,
      status: rollouts.status,
      reportedOn: rollouts.reportedOn,
      verifiedAt: rollouts.verifiedAt,
      verifiedVersion: rollouts.verifiedVersion,
    })
    .from(rollouts)
    .innerJoin(hubs, and(eq(hubs.id, rollouts.hubId), eq(hubs.status, "active")))
    .innerJoin(organizations, eq(organizations.id, rollouts.organizationId))
    .where(eq(rollouts.initiativeId, initiativeId))
    .orderBy(asc(organizations.name), asc(hubs.name));
  const named: PublicRollout[] = [];
  let unlisted = 0;
  for (const row of rows) {
    if (!row.isPublic) {
      unlisted++;
      continue;
    }
    named.push({
      hubName: row.hubName,
      hubUrl: row.hubUrl,
      organizationName: row.organizationName,
      organizationSlug: row.organizationSlug,
      status: row.status,
      since: row.verifiedAt ? row.verifiedAt.toISOString().slice(0, 10) : row.reportedOn,
      verifiedVersion: row.verifiedVersion,
    });
  }
  return { named, unlisted };
}

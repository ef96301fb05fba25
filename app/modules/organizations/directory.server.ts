import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { hubs, organizations } from "#db/schema";
import { hasMembership } from "~/modules/memberships/standing";

// The public member directory (issue 2, item 9): listed organizations and their hubs.
// Members hold a live membership; other listed organizations participate (propose,
// endorse, pledge) without one, and the directory says which is which (issue 13, item 4).

export const DIRECTORY_PAGE_SIZE = 20;

const holdsMembership = sql<boolean>`${hasMembership('"organizations"."id"')}`;
// Whether an organization is a member is public only when it chose to show it (issue 11,
// `show_membership`): the directory names those members; one that keeps it private is
// neither "member" nor "participating" there. The home page's counts are totals only.
const isMember = sql<boolean>`(${holdsMembership} and "organizations"."show_membership")`;
const isParticipant = sql<boolean>`not ${holdsMembership}`;

export type Standing = "member" | "participating";

export async function listPublicOrganizations(
  db: Db,
  options: { page: number; kind?: "institution" | "community"; standing?: Standing },
) {
  const where = and(
    eq(organizations.isPublic, true),
    options.kind ? eq(organizations.kind, options.kind) : undefined,
    options.standing === "member"
      ? isMember
      : options.standing === "participating"
        ? isParticipant
        : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: organizations.id,
        slug: organizations.slug,
        name: organizations.name,
        kind: organizations.kind,
        description: organizations.description,
        logoUrl: organizations.logoUrl,
        isMember,
        isParticipant,
      })
      .from(organizations)
      .where(where)
      .orderBy(desc(isMember), asc(organizations.name))
      .limit(DIRECTORY_PAGE_SIZE)
      .offset((options.page - 1) * DIRECTORY_PAGE_SIZE),
    db.select({ total: sql<number>`count(*)::int` }).from(organizations).where(where),
  ]);
  const hubRows = rows.length
    ? await db
        .select({ organizationId: hubs.organizationId, id: hubs.id, name: hubs.name, url: hubs.url })
        .from(hubs)
        .where(
          and(
            inArray(
              hubs.organizationId,
              rows.map((r) => r.id),
            ),
            eq(hubs.status, "active"),
          ),
        )
        .orderBy(asc(hubs.name))
    : [];
  return {
    total: count?.total ?? 0,
    organizations: rows.map((row) => ({ ...row, hubs: hubRows.filter((h) => h.organizationId === row.id) })),
  };
}

export async function getPublicOrganization(db: Db, slug: string) {
  const organization = await db.query.organizations.findFirst({
    where: and(eq(organizations.slug, slug), eq(organizations.isPublic, true)),
    with: { hubs: { orderBy: [asc(hubs.status), asc(hubs.name)] } },
  });
  return organization ?? null;
}

/** Network figures for the home page, counted in SQL: members apart from participants. */
export async function networkStats(db: Db) {
  const [row] = await db
    .select({
      institutions: sql<number>`count(distinct ${organizations.id}) filter (where ${organizations.kind} = 'institution' and ${holdsMembership})::int`,
      communities: sql<number>`count(distinct ${organizations.id}) filter (where ${organizations.kind} = 'community' and ${holdsMembership})::int`,
      participating: sql<number>`count(distinct ${organizations.id}) filter (where ${isParticipant})::int`,
      hubs: sql<number>`count(${hubs.id}) filter (where ${hubs.status} = 'active')::int`,
      users: sql<number>`coalesce(sum(${hubs.userCount}) filter (where ${hubs.status} = 'active'), 0)::int`,
    })
    .from(organizations)
    .leftJoin(hubs, eq(hubs.organizationId, organizations.id))
    .where(eq(organizations.isPublic, true));
  return row ?? { institutions: 0, communities: 0, participating: 0, hubs: 0, users: 0 };
}

import { and, asc, count, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "#db/client.server";
import { hubs, initiatives, organizations, rollouts } from "#db/schema";
import type { InitiativeStatus } from "#db/schema/initiatives";
import { deliveryRecord } from "~/modules/delivery/delivery.server";
import { FUNDING_STATUSES } from "~/modules/initiatives/workflow";
import { getPublicOrganization } from "~/modules/organizations/directory.server";
import { publicFunders } from "~/modules/pledges/funding.server";
import type * as api from "./api-schemas";
import { API_DEFAULT_PAGE_SIZE, API_MAX_PAGE_SIZE } from "./api-schemas";
import { networkSeries } from "./network.server";
import { organizationCredit } from "./organization-credit.server";
import { publicRollouts, reachOfOne } from "./rollouts.server";

// The read-only JSON API (issue 11, section 3), over the same credit views as the
// pages: anonymity is applied by publicFunders, hidden organizations never appear.

export const API_STATUSES: InitiativeStatus[] = [...FUNDING_STATUSES, "not_delivered"];

export type Page = { page: number; pageSize: number };

export function parsePage(search: URLSearchParams): Page {
  const page = Number(search.get("page") ?? 1);
  const size = Number(search.get("pageSize") ?? API_DEFAULT_PAGE_SIZE);
  return {
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, 100_000) : 1,
    pageSize: Number.isInteger(size) && size >= 1 ? Math.min(size, API_MAX_PAGE_SIZE) : API_DEFAULT_PAGE_SIZE,
  };
}

function pagination(base: string, search: URLSearchParams, page: Page, total: number) {
  const hasNext = page.page * page.pageSize < total;
  const next = new URLSearchParams(search);
  next.set("page", String(page.page + 1));
  next.set("pageSize", String(page.pageSize));
  return { page: page.page, pageSize: page.pageSize, total, next: hasNext ? `${base}?${next}` : null };
}

const orgRef = (appUrl: string, o: { slug: string; name: string; logoUrl: string | null }) => ({
  slug: o.slug,
  name: o.name,
  url: `${appUrl}/members/${o.slug}`,
  logoUrl: o.logoUrl ? `${appUrl}${o.logoUrl}` : null,
});

const initiativeColumns = {
  id: initiatives.id,
  slug: initiatives.slug,
  title: initiatives.title,
  summary: initiatives.summary,
  status: initiatives.status,
  currency: initiatives.currency,
  goalMinor: initiatives.goalMinor,
  pledgedMinor: initiatives.pledgedMinor,
  matchedMinor: initiatives.matchedMinor,
  matchRule: initiatives.matchRule,
  fundedAt: initiatives.fundedAt,
  pledgeOrganizations: initiatives.pledgeOrganizations,
  pledgeDeadline: initiatives.pledgeDeadline,
  createdAt: initiatives.createdAt,
  proposerSlug: organizations.slug,
  proposerName: organizations.name,
  proposerLogo: organizations.logoUrl,
  proposerPublic: organizations.isPublic,
};
const initiativeQuery = (db: Db) =>
  db
    .select(initiativeColumns)
    .from(initiatives)
    .innerJoin(organizations, eq(organizations.id, initiatives.organizationId));
type InitiativeRow = Awaited<ReturnType<typeof initiativeQuery>>[number];

function summaryOf(appUrl: string, row: InitiativeRow): z.infer<typeof api.initiativeSummary> {
  return {
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    status: row.status,
    url: `${appUrl}/initiatives/${row.slug}`,
    badgeUrl: `${appUrl}/initiatives/${row.slug}/badge.svg`,
    proposer: orgRef(appUrl, { slug: row.proposerSlug, name: row.proposerName, logoUrl: row.proposerLogo }),
    currency: row.currency,
    goalMinor: row.goalMinor,
    pledgedMinor: row.pledgedMinor,
    matchedMinor: row.matchedMinor,
    pledgingOrganizations: row.pledgeOrganizations,
    pledgeDeadline: row.pledgeDeadline?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listInitiativesApi(
  db: Db,
  appUrl: string,
  url: URL,
  status: InitiativeStatus | null,
): Promise<z.infer<typeof api.initiativeList>> {
  const page = parsePage(url.searchParams);
  // Literal statuses (not bind parameters), so the planner can use the partial index of
  // public initiatives by date (initiatives_public_newest_idx) for the order and the count.
  const statuses = (status ? [status] : API_STATUSES).map((s) => `'${s}'`).join(", ");
  const where = sql.raw(
    `"initiatives"."status" in (${statuses}) and "initiatives"."review_started_at" is not null`,
  );
  const [rows, [total]] = await Promise.all([
    initiativeQuery(db)
      .where(where)
      .orderBy(desc(initiatives.createdAt), desc(initiatives.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(initiatives).where(where),
  ]);
  return {
    data: rows.map((row) => summaryOf(appUrl, row)),
    pagination: pagination(`${appUrl}/api/v1/initiatives`, url.searchParams, page, total?.n ?? 0),
  };
}

export async function initiativeApi(
  db: Db,
  appUrl: string,
  slug: string,
): Promise<z.infer<typeof api.initiativeDetail> | null> {
  const [row] = await initiativeQuery(db).where(
    and(
      eq(initiatives.slug, slug),
      inArray(initiatives.status, API_STATUSES),
      isNotNull(initiatives.reviewStartedAt),
    ),
  );
  if (!row) return null;
  const [funders, record, rollouts, reach] = await Promise.all([
    publicFunders(db, row),
    deliveryRecord(db, row.id),
    publicRollouts(db, row.id),
    reachOfOne(db, row.id),
  ]);
  return {
    ...summaryOf(appUrl, row),
    funders: {
      named: funders.named.map((f) => ({
        organization: orgRef(appUrl, f),
        amountMinor: f.amountMinor,
        shareBp: f.shareBp,
        matchShareBp: f.matchShareBp,
        on: f.on,
      })),
      anonymous: funders.anonymous,
    },
    deliverables: record.deliverables.map((d) => ({
      kind: d.kind,
      title: d.title,
      url: d.url,
      project: d.projectName,
      releaseVersion: d.releaseVersion,
      deliveredOn: d.deliveredOn,
    })),
    rollouts: {
      named: rollouts.named.map((r) => ({
        hub: r.hubName,
        organization: { slug: r.organizationSlug, name: r.organizationName },
        status: r.status,
        since: r.since,
      })),
      unlisted: rollouts.unlisted,
    },
    reach: { hubs: reach.hubs, verifiedHubs: reach.verified, users: reach.users },
  };
}

export async function listOrganizationsApi(
  db: Db,
  appUrl: string,
  url: URL,
): Promise<z.infer<typeof api.organizationList>> {
  const page = parsePage(url.searchParams);
  const where = eq(organizations.isPublic, true);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        slug: organizations.slug,
        name: organizations.name,
        kind: organizations.kind,
        logoUrl: organizations.logoUrl,
        hubs: count(hubs.id),
      })
      .from(organizations)
      .leftJoin(hubs, and(eq(hubs.organizationId, organizations.id), eq(hubs.status, "active")))
      .where(where)
      .groupBy(organizations.id)
      .orderBy(asc(organizations.name), asc(organizations.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(organizations).where(where),
  ]);
  return {
    data: rows.map((o) => ({ ...orgRef(appUrl, o), kind: o.kind, hubs: o.hubs })),
    pagination: pagination(`${appUrl}/api/v1/organizations`, url.searchParams, page, total?.n ?? 0),
  };
}

export async function organizationApi(
  db: Db,
  appUrl: string,
  slug: string,
): Promise<z.infer<typeof api.organizationDetail> | null> {
  const organization = await getPublicOrganization(db, slug);
  if (!organization) return null;
  const credit = await organizationCredit(db, organization);
  const active = organization.hubs.filter((h) => h.status === "active");
  return {
    ...orgRef(appUrl, organization),
    kind: organization.kind,
    hubs: active.length,
    description: organization.description,
    website: organization.website,
    hubList: organization.hubs.map((h) => ({
      name: h.name,
      url: h.url,
      status: h.status,
      users: h.userCount,
      jupyterhubVersion: h.jupyterhubVersion,
    })),
    funded: credit.funded,
    endorsed: credit.endorsed,
    proposed: credit.proposed,
  };
}

export async function statsApi(db: Db): Promise<z.infer<typeof api.stats>> {
  return (await networkSeries(db, 1)).totals;
}

/** What the "Funded by" snippet on a hub's login page shows: the funded work this hub runs, and who funded it. */
export async function hubFundedByApi(
  db: Db,
  appUrl: string,
  hubId: string,
): Promise<z.infer<typeof api.hubFundedBy> | null> {
  const [hub] = await db
    .select({ id: hubs.id, name: hubs.name, url: hubs.url })
    .from(hubs)
    .innerJoin(organizations, eq(organizations.id, hubs.organizationId))
    .where(and(eq(hubs.id, hubId), eq(hubs.status, "active"), eq(organizations.isPublic, true)));
  if (!hub) return null;
  const rows = await db
    .select({
      id: initiatives.id,
      slug: initiatives.slug,
      title: initiatives.title,
      fundedAt: initiatives.fundedAt,
      matchRule: initiatives.matchRule,
      matchedMinor: initiatives.matchedMinor,
      status: rollouts.status,
    })
    .from(rollouts)
    .innerJoin(initiatives, eq(initiatives.id, rollouts.initiativeId))
    .where(and(eq(rollouts.hubId, hub.id), inArray(initiatives.status, API_STATUSES)))
    .orderBy(asc(initiatives.title));
  const improvements = await Promise.all(
    rows.map(async (row) => {
      const funders = await publicFunders(db, row);
      return {
        title: row.title,
        url: `${appUrl}/initiatives/${row.slug}`,
        verified: row.status === "verified",
        funders: funders.named.map((f) => f.name),
        anonymousFunders: funders.anonymous.count,
      };
    }),
  );
  return { hub: { name: hub.name, url: hub.url }, improvements };
}

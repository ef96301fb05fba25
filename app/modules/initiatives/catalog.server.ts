import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import {
  hubs,
  initiativeHubs,
  initiativeProjects,
  initiatives,
  initiativeTransitions,
  initiativeUpdates,
  organizations,
  projectSuggestions,
  sizeBands,
  upstreamProjects,
  users,
} from "#db/schema";
import { ForbiddenError } from "~/lib/errors";
import { formatMajorAmount } from "~/lib/money";
import { recordAudit } from "~/modules/audit/audit.server";
import { listEndorsements, publicEndorsements } from "./endorsements.server";
import type { InitiativeAccess } from "./initiatives.server";
import { enqueueNotice } from "./notices.server";
import type { CatalogQuery } from "./schemas";
import { CATALOG_STATUSES } from "./workflow";

// What people read: the public catalog with full-text search (issue 4, item 6),
// an initiative's page, and its updates (item 7).

export const CATALOG_PAGE_SIZE = 20;
const CATALOG_PREDICATE = sql.raw(
  `"initiatives"."status" in (${CATALOG_STATUSES.map((s) => `'${s}'`).join(", ")})`,
);

export async function listCatalog(db: Db, query: CatalogQuery, page: number) {
  // Closest to funding and soonest deadline only mean something while pledging is open.
  const openOnly = query.sort === "closest" || query.sort === "deadline";
  const conditions: SQL[] = [
    // Literal, not bound parameters: the partial indexes' predicate must match even in a generic plan.
    openOnly
      ? sql.raw(`"initiatives"."status" = 'open'`)
      : query.status
        ? eq(initiatives.status, query.status)
        : CATALOG_PREDICATE,
  ];
  const tsquery = query.q ? sql`websearch_to_tsquery('english', ${query.q})` : undefined;
  if (tsquery) conditions.push(sql`${initiatives.search} @@ ${tsquery}`);
  if (query.size) conditions.push(eq(initiatives.size, query.size));
  if (query.project)
    conditions.push(
      sql`exists (select 1 from initiative_projects ip join upstream_projects p on p.id = ip.project_id
                   where ip.initiative_id = ${initiatives.id} and p.slug = ${query.project})`,
    );
  const where = and(...conditions);
  const order = tsquery
    ? [desc(sql`ts_rank(${initiatives.search}, ${tsquery})`), desc(initiatives.createdAt)]
    : query.sort === "demand"
      ? [desc(initiatives.demandOrganizations), desc(initiatives.createdAt)]
      : query.sort === "closest"
        ? // The expression of initiatives_open_progress_idx, so the index gives the order.
          [sql`(pledged_minor * 10000 / goal_minor) desc`]
        : query.sort === "deadline"
          ? [asc(initiatives.pledgeDeadline)]
          : [desc(initiatives.createdAt)];
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: initiatives.id,
        slug: initiatives.slug,
        title: initiatives.title,
        summary: initiatives.summary,
        status: initiatives.status,
        size: initiatives.size,
        goalMinor: initiatives.goalMinor,
        currency: initiatives.currency,
        pledgeDeadline: initiatives.pledgeDeadline,
        pledgedMinor: initiatives.pledgedMinor,
        pledgeOrganizations: initiatives.pledgeOrganizations,
        minBackers: initiatives.minBackers,
        demandOrganizations: initiatives.demandOrganizations,
        demandHubs: initiatives.demandHubs,
        demandUsers: initiatives.demandUsers,
        organizationName: organizations.name,
      })
      .from(initiatives)
      .innerJoin(organizations, eq(organizations.id, initiatives.organizationId))
      .where(where)
      .orderBy(
        ...order,
        query.sort === "deadline" || query.sort === "closest" ? asc(initiatives.id) : desc(initiatives.id),
      )
      .limit(CATALOG_PAGE_SIZE)
      .offset((page - 1) * CATALOG_PAGE_SIZE),
    db.select({ total: sql<number>`count(*)::int` }).from(initiatives).where(where),
  ]);
  return { rows, total: count?.total ?? 0 };
}

export function listActiveProjects(db: Db) {
  return db
    .select({ id: upstreamProjects.id, slug: upstreamProjects.slug, name: upstreamProjects.name })
    .from(upstreamProjects)
    .where(eq(upstreamProjects.isActive, true))
    .orderBy(asc(upstreamProjects.name));
}

export function listSizeBands(db: Db) {
  return db
    .select()
    .from(sizeBands)
    .orderBy(sql`array_position(array['XS','S','M','L','XL'], ${sizeBands.size})`);
}

/** Everything an initiative page shows; timeline entries are filtered for the viewer. */
export async function initiativeDetails(db: Db, access: InitiativeAccess) {
  const id = access.initiative.id;
  const insider = access.actors.size > 0;
  const [projects, proposerHubs, endorsements, timeline, updates, suggestions] = await Promise.all([
    db
      .select({
        id: upstreamProjects.id,
        slug: upstreamProjects.slug,
        name: upstreamProjects.name,
        url: upstreamProjects.url,
      })
      .from(initiativeProjects)
      .innerJoin(upstreamProjects, eq(upstreamProjects.id, initiativeProjects.projectId))
      .where(eq(initiativeProjects.initiativeId, id))
      .orderBy(asc(upstreamProjects.name)),
    db
      .select({ id: hubs.id, name: hubs.name, url: hubs.url, userCount: hubs.userCount })
      .from(initiativeHubs)
      .innerJoin(hubs, eq(hubs.id, initiativeHubs.hubId))
      .where(eq(initiativeHubs.initiativeId, id))
      .orderBy(asc(hubs.name)),
    listEndorsements(db, id),
    db
      .select({
        id: initiativeTransitions.id,
        fromStatus: initiativeTransitions.fromStatus,
        toStatus: initiativeTransitions.toStatus,
        rationale: initiativeTransitions.rationale,
        isPublic: initiativeTransitions.isPublic,
        createdAt: initiativeTransitions.createdAt,
        actorName: users.name,
      })
      .from(initiativeTransitions)
      .leftJoin(users, eq(users.id, initiativeTransitions.actorId))
      .where(
        insider
          ? eq(initiativeTransitions.initiativeId, id)
          : and(eq(initiativeTransitions.initiativeId, id), eq(initiativeTransitions.isPublic, true)),
      )
      .orderBy(asc(initiativeTransitions.createdAt)),
    listUpdates(db, id),
    insider
      ? db
          .select({
            id: projectSuggestions.id,
            name: projectSuggestions.name,
            status: projectSuggestions.status,
          })
          .from(projectSuggestions)
          .where(eq(projectSuggestions.initiativeId, id))
      : Promise.resolve([]),
  ]);
  const duplicateOf = access.initiative.duplicateOfId
    ? (
        await db
          .select({ slug: initiatives.slug, title: initiatives.title })
          .from(initiatives)
          .where(eq(initiatives.id, access.initiative.duplicateOfId))
      )[0]
    : undefined;
  return {
    projects,
    proposerHubs,
    endorsements: publicEndorsements(endorsements, access.isStaff),
    // Names of people stay with staff and the proposers; the public sees decisions.
    timeline: timeline.map((t) => (insider ? t : { ...t, actorName: null })),
    updates,
    suggestions,
    duplicateOf,
  };
}

export function listUpdates(db: Db, initiativeId: string) {
  return db
    .select({
      id: initiativeUpdates.id,
      title: initiativeUpdates.title,
      body: initiativeUpdates.body,
      createdAt: initiativeUpdates.createdAt,
      authorName: users.name,
    })
    .from(initiativeUpdates)
    .leftJoin(users, eq(users.id, initiativeUpdates.authorId))
    .where(eq(initiativeUpdates.initiativeId, initiativeId))
    .orderBy(desc(initiativeUpdates.createdAt));
}

/** Staff and the proposing organization post updates; endorsers get them by email. */
export async function postUpdate(
  db: Db,
  access: InitiativeAccess,
  viewer: { id: string },
  input: { title: string; body: string },
) {
  if (access.actors.size === 0 || !(access.isStaff || access.role))
    throw new ForbiddenError("Only staff and the proposing organization can post updates.");
  if (access.initiative.status === "draft")
    throw new ForbiddenError("Submit the proposal before posting updates.");
  return db.transaction(async (tx) => {
    const [update] = await tx
      .insert(initiativeUpdates)
      .values({ initiativeId: access.initiative.id, authorId: viewer.id, ...input })
      .returning();
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "initiative.update_posted",
      subjectType: "initiative",
      subjectId: access.initiative.id,
      organizationId: access.initiative.organizationId,
      details: { title: input.title },
    });
    await enqueueNotice(tx, { kind: "update", updateId: update!.id });
    return update!;
  });
}

/** An organization's own proposals, drafts included, for its members. */
export function listOrganizationInitiatives(db: Db, organizationId: string) {
  return db
    .select({
      id: initiatives.id,
      slug: initiatives.slug,
      title: initiatives.title,
      status: initiatives.status,
      updatedAt: initiatives.updatedAt,
      demandOrganizations: initiatives.demandOrganizations,
    })
    .from(initiatives)
    .where(eq(initiatives.organizationId, organizationId))
    .orderBy(desc(initiatives.updatedAt))
    .limit(200);
}

/** The choices the proposal form offers an organization. */
export async function proposalOptions(db: Db, organizationId: string) {
  const [projects, organizationHubs, bands] = await Promise.all([
    listActiveProjects(db),
    db
      .select({ id: hubs.id, name: hubs.name, userCount: hubs.userCount })
      .from(hubs)
      .where(and(eq(hubs.organizationId, organizationId), eq(hubs.status, "active")))
      .orderBy(asc(hubs.name)),
    listSizeBands(db),
  ]);
  return { projects, hubs: organizationHubs, sizeBands: bands };
}

/** The proposal as the form's default values. */
export async function proposalDefaults(db: Db, initiative: typeof initiatives.$inferSelect) {
  const [projects, linkedHubs] = await Promise.all([
    db
      .select({ id: initiativeProjects.projectId })
      .from(initiativeProjects)
      .where(eq(initiativeProjects.initiativeId, initiative.id)),
    db
      .select({ id: initiativeHubs.hubId })
      .from(initiativeHubs)
      .where(eq(initiativeHubs.initiativeId, initiative.id)),
  ]);
  return {
    title: initiative.title,
    summary: initiative.summary,
    problem: initiative.problem,
    solution: initiative.solution,
    plan: initiative.plan,
    size: initiative.size ?? "",
    suggestedGoal:
      initiative.suggestedGoalMinor === null ? "" : formatMajorAmount(initiative.suggestedGoalMinor, "USD"),
    projectIds: projects.map((p) => p.id),
    hubIds: linkedHubs.map((h) => h.id),
  };
}

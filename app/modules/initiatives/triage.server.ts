import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { initiativeNotes, initiativeReviews, initiatives, organizationMembers, users } from "#db/schema";
import { ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";

// Staff triage (issue 4, items 4 and 5): assignment, priority, internal notes, the
// leverage scorecard, and merging duplicates (duplicates.server.ts). Every function
// checks the staff flag itself; routes also call requireStaff.

export type Staff = { id: string; isStaff: boolean };

export function assertStaff(staff: Staff) {
  if (!staff.isStaff) throw new ForbiddenError("Only staff can triage initiatives.");
}

export function listStaff(db: Db) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.isStaff, true))
    .orderBy(asc(users.name));
}

export async function setTriage(
  db: Db,
  staff: Staff,
  initiativeId: string,
  input: { assigneeId: string; priority: "low" | "normal" | "high" | "urgent" },
) {
  assertStaff(staff);
  const assigneeId = input.assigneeId || null;
  if (assigneeId) {
    const [assignee] = await db
      .select({ isStaff: users.isStaff })
      .from(users)
      .where(eq(users.id, assigneeId));
    if (!assignee?.isStaff) throw new ValidationError({ assigneeId: ["Assign a staff member."] });
  }
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(initiatives)
      .set({ assigneeId, priority: input.priority, updatedAt: new Date() })
      .where(eq(initiatives.id, initiativeId))
      .returning({ organizationId: initiatives.organizationId });
    if (!updated) throw new NotFoundError("No such initiative.");
    await recordAudit(tx, {
      actorId: staff.id,
      action: "initiative.triaged",
      subjectType: "initiative",
      subjectId: initiativeId,
      organizationId: updated.organizationId,
      details: { assigneeId, priority: input.priority },
    });
  });
}

export async function addNote(db: Db, staff: Staff, initiativeId: string, body: string) {
  assertStaff(staff);
  await db.insert(initiativeNotes).values({ initiativeId, authorId: staff.id, body });
}

export async function listNotes(db: Db, staff: Staff, initiativeId: string) {
  assertStaff(staff);
  return db
    .select({
      id: initiativeNotes.id,
      body: initiativeNotes.body,
      createdAt: initiativeNotes.createdAt,
      authorName: users.name,
    })
    .from(initiativeNotes)
    .leftJoin(users, eq(users.id, initiativeNotes.authorId))
    .where(eq(initiativeNotes.initiativeId, initiativeId))
    .orderBy(desc(initiativeNotes.createdAt));
}

export type Scores = {
  technical: number;
  network: number;
  ecosystem: number;
  sustainability: number;
  note: string;
};

/** A reviewer's scorecard; scoring again replaces their earlier one. */
export async function saveReview(db: Db, staff: Staff, initiativeId: string, scores: Scores) {
  assertStaff(staff);
  await db
    .insert(initiativeReviews)
    .values({ initiativeId, reviewerId: staff.id, ...scores })
    .onConflictDoUpdate({
      target: [initiativeReviews.initiativeId, initiativeReviews.reviewerId],
      set: { ...scores, updatedAt: new Date() },
    });
}

/**
 * Every scorecard, with the reviewer flagged as conflicted when they belong to the
 * proposing organization or to one that endorses the initiative.
 */
export async function listReviews(db: Db, staff: Staff, initiativeId: string) {
  assertStaff(staff);
  return db
    .select({
      id: initiativeReviews.id,
      reviewerId: initiativeReviews.reviewerId,
      reviewerName: users.name,
      technical: initiativeReviews.technical,
      network: initiativeReviews.network,
      ecosystem: initiativeReviews.ecosystem,
      sustainability: initiativeReviews.sustainability,
      note: initiativeReviews.note,
      updatedAt: initiativeReviews.updatedAt,
      conflicted: sql<boolean>`exists (
        select 1 from ${organizationMembers} om
         where om.user_id = ${initiativeReviews.reviewerId}
           and (om.organization_id = (select organization_id from initiatives where id = ${initiativeId})
             or om.organization_id in (select organization_id from endorsements
                                        where initiative_id = ${initiativeId} and withdrawn_at is null)))`,
    })
    .from(initiativeReviews)
    .innerJoin(users, eq(users.id, initiativeReviews.reviewerId))
    .where(eq(initiativeReviews.initiativeId, initiativeId))
    .orderBy(asc(initiativeReviews.createdAt));
}

/** Triage queue filters (issue 4, item 4). */
export type QueueFilters = {
  status?: "submitted" | "in_review" | "changes_requested";
  projectId?: string;
  size?: string;
  assignee?: string; // a staff id, "me" or "none"
};

export const QUEUE_PAGE_SIZE = 25;

/** Waiting initiatives, longest-waiting first, with demand and scorecard summary. */
export async function listQueue(db: Db, staff: Staff, filters: QueueFilters, page: number) {
  assertStaff(staff);
  const conditions = [
    filters.status
      ? eq(initiatives.status, filters.status)
      : inArray(initiatives.status, ["submitted", "in_review", "changes_requested"]),
  ];
  if (filters.size) conditions.push(sql`${initiatives.size} = ${filters.size}`);
  if (filters.projectId)
    conditions.push(
      sql`exists (select 1 from initiative_projects ip where ip.initiative_id = ${initiatives.id} and ip.project_id = ${filters.projectId})`,
    );
  if (filters.assignee === "none") conditions.push(isNull(initiatives.assigneeId));
  else if (filters.assignee === "me") conditions.push(eq(initiatives.assigneeId, staff.id));
  else if (filters.assignee) conditions.push(eq(initiatives.assigneeId, filters.assignee));
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: initiatives.id,
        slug: initiatives.slug,
        title: initiatives.title,
        status: initiatives.status,
        size: initiatives.size,
        priority: initiatives.priority,
        waitingSince: sql<Date>`coalesce(${initiatives.submittedAt}, ${initiatives.statusChangedAt})`,
        demandOrganizations: initiatives.demandOrganizations,
        demandHubs: initiatives.demandHubs,
        demandUsers: initiatives.demandUsers,
        assigneeName: users.name,
        organizationName: sql<string>`(select name from organizations o where o.id = ${initiatives.organizationId})`,
        averageScore: sql<
          number | null
        >`(select round(avg(technical + network + ecosystem + sustainability)::numeric, 1)::float
              from initiative_reviews r where r.initiative_id = ${initiatives.id})`,
        reviewers: sql<number>`(select count(*)::int from initiative_reviews r where r.initiative_id = ${initiatives.id})`,
      })
      .from(initiatives)
      .leftJoin(users, eq(users.id, initiatives.assigneeId))
      .where(where)
      .orderBy(
        asc(sql`coalesce(${initiatives.submittedAt}, ${initiatives.statusChangedAt})`),
        asc(initiatives.id),
      )
      .limit(QUEUE_PAGE_SIZE)
      .offset((page - 1) * QUEUE_PAGE_SIZE),
    db.select({ total: sql<number>`count(*)::int` }).from(initiatives).where(where),
  ]);
  return { rows, total: count?.total ?? 0 };
}

import { createHash } from "node:crypto";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import {
  type InitiativeSize,
  initiativeProjects,
  initiatives,
  projectSuggestions,
  sizeBands,
  upstreamProjects,
} from "#db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { parseMajorAmount } from "~/lib/money";
import { slugify } from "~/lib/slug";
import { recordAudit } from "~/modules/audit/audit.server";

// The staff-managed lists behind the proposal form: upstream projects (with the
// suggestions proposers make) and the hour and cost guidance of each size.

type Staff = { id: string; isStaff: boolean };
function assertStaff(staff: Staff) {
  if (!staff.isStaff) throw new ForbiddenError("Only staff manage the project list.");
}

export function projectSlug(name: string) {
  // Names in other scripts have no ASCII slug: give them their own, never a shared "project".
  return (
    slugify(name) ||
    `project-${createHash("sha256").update(name.trim().toLowerCase()).digest("hex").slice(0, 10)}`
  );
}

export function listProjects(db: Db) {
  return db
    .select({
      project: upstreamProjects,
      initiatives: sql<number>`(select count(*)::int from initiative_projects ip where ip.project_id = ${upstreamProjects.id})`,
    })
    .from(upstreamProjects)
    .orderBy(desc(upstreamProjects.isActive), asc(upstreamProjects.name));
}

export async function createProject(
  db: Db,
  staff: Staff,
  input: { name: string; url: string; description: string },
) {
  assertStaff(staff);
  const slug = projectSlug(input.name);
  const [taken] = await db
    .select({ id: upstreamProjects.id })
    .from(upstreamProjects)
    .where(eq(upstreamProjects.slug, slug));
  if (taken) throw new ValidationError({ name: ["A project with this name is already on the list."] });
  return db.transaction(async (tx) => {
    const [project] = await tx
      .insert(upstreamProjects)
      .values({ slug, name: input.name, url: input.url || null, description: input.description })
      .returning();
    await recordAudit(tx, {
      actorId: staff.id,
      action: "project.created",
      subjectType: "upstream_project",
      subjectId: project!.id,
      details: { name: input.name },
    });
    return project!;
  });
}

export async function setProjectActive(db: Db, staff: Staff, projectId: string, isActive: boolean) {
  assertStaff(staff);
  const [project] = await db
    .update(upstreamProjects)
    .set({ isActive })
    .where(eq(upstreamProjects.id, projectId))
    .returning();
  if (!project) throw new NotFoundError("No such project.");
  return project;
}

export function listSuggestions(db: Db) {
  return db
    .select({
      suggestion: projectSuggestions,
      initiativeSlug: initiatives.slug,
      initiativeTitle: initiatives.title,
    })
    .from(projectSuggestions)
    .leftJoin(initiatives, eq(initiatives.id, projectSuggestions.initiativeId))
    .where(eq(projectSuggestions.status, "pending"))
    .orderBy(asc(projectSuggestions.createdAt));
}

/** Accepting adds the project to the list (or finds it) and links it to the initiative. */
export async function decideSuggestion(db: Db, staff: Staff, suggestionId: string, accept: boolean) {
  assertStaff(staff);
  await db.transaction(async (tx) => {
    const [suggestion] = await tx
      .select()
      .from(projectSuggestions)
      .where(eq(projectSuggestions.id, suggestionId))
      .for("update");
    if (!suggestion) throw new NotFoundError("No such suggestion.");
    if (suggestion.status !== "pending") throw new ConflictError("This suggestion was already decided.");
    await tx
      .update(projectSuggestions)
      .set({ status: accept ? "accepted" : "dismissed" })
      .where(eq(projectSuggestions.id, suggestion.id));
    if (!accept) return;
    const slug = projectSlug(suggestion.name);
    const [existing] = await tx.select().from(upstreamProjects).where(eq(upstreamProjects.slug, slug));
    const project =
      existing ??
      (
        await tx
          .insert(upstreamProjects)
          .values({ slug, name: suggestion.name, url: suggestion.url })
          .returning()
      )[0]!;
    if (suggestion.initiativeId)
      await tx
        .insert(initiativeProjects)
        .values({ initiativeId: suggestion.initiativeId, projectId: project.id })
        .onConflictDoNothing();
    await recordAudit(tx, {
      actorId: staff.id,
      action: "project.suggestion_accepted",
      subjectType: "upstream_project",
      subjectId: project.id,
      details: { name: suggestion.name },
    });
  });
}

export async function saveSizeBand(
  db: Db,
  staff: Staff,
  input: { size: InitiativeSize; hoursMin: number; hoursMax: number; costMin: string; costMax: string },
) {
  assertStaff(staff);
  const values = {
    hoursMin: input.hoursMin,
    hoursMax: input.hoursMax,
    costMinMinor: parseMajorAmount(input.costMin, "USD") ?? 0,
    costMaxMinor: parseMajorAmount(input.costMax, "USD") ?? 0,
    updatedAt: new Date(),
  };
  await db
    .insert(sizeBands)
    .values({ size: input.size, ...values })
    .onConflictDoUpdate({ target: sizeBands.size, set: values });
}

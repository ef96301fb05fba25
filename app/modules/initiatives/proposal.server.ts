import { randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import {
  initiativeHubs,
  initiativeProjects,
  initiatives,
  projectSuggestions,
  upstreamProjects,
} from "#db/schema";
import { ConflictError, ForbiddenError, ValidationError } from "~/lib/errors";
import { renderMarkdown } from "~/lib/markdown.server";
import { parseMajorAmount } from "~/lib/money";
import { slugify } from "~/lib/slug";
import { recordAudit } from "~/modules/audit/audit.server";
import { assertActiveHubsOf } from "~/modules/hubs/hubs.server";
import type { OrganizationContext } from "~/modules/organizations/organizations.server";
import { can } from "~/modules/organizations/policy";
import { refreshDemand } from "./demand.server";
import { changeStatus, type Initiative, type InitiativeAccess, lockInitiative } from "./initiatives.server";
import type { ProposalForm } from "./schemas";
import { EDITABLE_STATUSES, STATUS_LABELS } from "./workflow";

// A proposal's texts (issue 4, item 1): writing them (a new draft, or an edit while the
// workflow allows one, with the projects and hubs it names) and rendering them for a
// page. Submitting and every later move go through changeStatus in initiatives.server.ts.

/** A proposal's three texts rendered for a page, each empty one shown as `placeholder`. */
export function renderProposal(
  initiative: { problem: string; solution: string; plan: string },
  placeholder: string,
) {
  return {
    problem: renderMarkdown(initiative.problem || placeholder),
    solution: renderMarkdown(initiative.solution || placeholder),
    plan: renderMarkdown(initiative.plan || placeholder),
  };
}

async function freeSlug(db: Db, title: string) {
  const base = slugify(title) || "initiative";
  const [taken] = await db.select({ id: initiatives.id }).from(initiatives).where(eq(initiatives.slug, base));
  return taken ? `${base}-${randomBytes(3).toString("hex")}` : base;
}

/** Links projects and hubs, after checking they are on the list and the organization's. */
async function saveLinks(tx: Db, initiative: Initiative, form: ProposalForm, userId: string) {
  const projectIds = [...new Set(form.projectIds)];
  const hubIds = [...new Set(form.hubIds)];
  if (projectIds.length > 0) {
    const found = await tx
      .select({ id: upstreamProjects.id })
      .from(upstreamProjects)
      .where(and(inArray(upstreamProjects.id, projectIds), eq(upstreamProjects.isActive, true)));
    if (found.length !== projectIds.length)
      throw new ValidationError({ projectIds: ["Choose projects from the list."] });
  }
  await assertActiveHubsOf(tx, initiative.organizationId, hubIds);
  await tx.delete(initiativeProjects).where(eq(initiativeProjects.initiativeId, initiative.id));
  await tx.delete(initiativeHubs).where(eq(initiativeHubs.initiativeId, initiative.id));
  if (projectIds.length > 0)
    await tx
      .insert(initiativeProjects)
      .values(projectIds.map((projectId) => ({ initiativeId: initiative.id, projectId })));
  if (hubIds.length > 0)
    await tx.insert(initiativeHubs).values(hubIds.map((hubId) => ({ initiativeId: initiative.id, hubId })));
  if (form.suggestedProject) {
    const [existing] = await tx
      .select({ id: projectSuggestions.id })
      .from(projectSuggestions)
      .where(
        and(
          eq(projectSuggestions.initiativeId, initiative.id),
          sql`lower(${projectSuggestions.name}) = lower(${form.suggestedProject})`,
        ),
      );
    if (!existing)
      await tx.insert(projectSuggestions).values({
        name: form.suggestedProject,
        url: form.suggestedProjectUrl || null,
        initiativeId: initiative.id,
        suggestedById: userId,
      });
  }
  await refreshDemand(tx, initiative.id);
}

function proposalValues(form: ProposalForm) {
  return {
    title: form.title,
    summary: form.summary,
    problem: form.problem,
    solution: form.solution,
    plan: form.plan,
    size: form.size === "" ? null : form.size,
    suggestedGoalMinor: form.suggestedGoal ? parseMajorAmount(form.suggestedGoal, "USD") : null,
  };
}

/** A new proposal, saved as a draft and optionally submitted at once. */
export async function createProposal(
  db: Db,
  context: OrganizationContext,
  form: ProposalForm,
  options: { submit: boolean },
) {
  if (!can(context.actor, "propose"))
    throw new ForbiddenError("Only people in this organization can propose in its name.");
  const initiative = await db.transaction(async (tx) => {
    const values = {
      ...proposalValues(form),
      organizationId: context.organization.id,
      createdById: context.actor.userId,
    };
    // Two proposals with one title at the same moment: the second gets a suffixed address.
    const [created] = await tx
      .insert(initiatives)
      .values({ ...values, slug: await freeSlug(tx, form.title) })
      .onConflictDoNothing({ target: initiatives.slug })
      .returning();
    const saved =
      created ??
      (
        await tx
          .insert(initiatives)
          .values({
            ...values,
            slug: `${slugify(form.title) || "initiative"}-${randomBytes(3).toString("hex")}`,
          })
          .returning()
      )[0];
    await saveLinks(tx, saved!, form, context.actor.userId);
    await recordAudit(tx, {
      actorId: context.actor.userId,
      action: "initiative.created",
      subjectType: "initiative",
      subjectId: saved!.id,
      organizationId: context.organization.id,
      details: { title: form.title },
    });
    return saved!;
  });
  if (options.submit) {
    await changeStatus(db, { userId: context.actor.userId, isStaff: context.actor.isStaff }, initiative.id, {
      to: "submitted",
    });
  }
  return initiative;
}

/** Edits a draft or a proposal sent back for changes; optionally (re)submits it. */
export async function updateProposal(
  db: Db,
  access: InitiativeAccess,
  viewer: { id: string; isStaff: boolean },
  form: ProposalForm,
  options: { submit: boolean },
) {
  if (!access.canEdit)
    throw new ForbiddenError(
      EDITABLE_STATUSES.includes(access.initiative.status)
        ? "Only its organization and staff can edit this proposal."
        : `A proposal that is ${STATUS_LABELS[access.initiative.status].toLowerCase()} cannot be edited.`,
    );
  await db.transaction(async (tx) => {
    const locked = await lockInitiative(tx, access.initiative.id);
    if (!locked || !EDITABLE_STATUSES.includes(locked.status))
      throw new ConflictError("The proposal changed status meanwhile; reload to see it.");
    const [updated] = await tx
      .update(initiatives)
      .set({ ...proposalValues(form), updatedAt: new Date() })
      .where(eq(initiatives.id, locked.id))
      .returning();
    await saveLinks(tx, updated!, form, viewer.id);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "initiative.edited",
      subjectType: "initiative",
      subjectId: locked.id,
      organizationId: locked.organizationId,
    });
  });
  if (options.submit) {
    await changeStatus(db, { userId: viewer.id, isStaff: viewer.isStaff }, access.initiative.id, {
      to: "submitted",
    });
  }
}

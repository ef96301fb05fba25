import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client.server";
import {
  endorsementHubs,
  endorsements,
  initiativeHubs,
  initiatives,
  initiativeTransitions,
} from "#db/schema";
import { ConflictError, NotFoundError, ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { refreshDemand } from "./demand.server";
import { enqueueNotice } from "./notices.server";
import { assertStaff, type Staff } from "./triage.server";
import { ENDORSABLE_STATUSES, isPubliclyVisible, MERGEABLE_STATUSES, STATUS_LABELS } from "./workflow";

// Merging duplicates, a staff decision taken in triage (issue 4; triage.server.ts):
// one transaction moves the backing to the original and declines the duplicate, then
// the people concerned are told.

/**
 * Marks `duplicateId` a duplicate of the initiative at `originalSlug`: its live
 * endorsements move to the original (with their hubs), its proposer becomes an
 * endorser of the original, the duplicate is declined with the reason, and the
 * people concerned are told.
 */
export async function markDuplicate(
  db: Db,
  staff: Staff,
  duplicateId: string,
  input: { originalSlug: string; rationale: string },
) {
  assertStaff(staff);
  const outcome = await db.transaction(async (tx) => {
    const [duplicate] = await tx
      .select()
      .from(initiatives)
      .where(eq(initiatives.id, duplicateId))
      .for("update");
    if (!duplicate) throw new NotFoundError("No such initiative.");
    if (!MERGEABLE_STATUSES.includes(duplicate.status))
      throw new ConflictError(
        `An initiative that is ${STATUS_LABELS[duplicate.status].toLowerCase()} cannot be merged.`,
      );
    const [original] = await tx
      .select()
      .from(initiatives)
      .where(eq(initiatives.slug, input.originalSlug))
      .for("update");
    if (!original || original.id === duplicate.id)
      throw new ValidationError({ originalSlug: ["Enter the address of another initiative."] });
    if (!isPubliclyVisible(original) || !ENDORSABLE_STATUSES.includes(original.status))
      throw new ValidationError({
        originalSlug: [
          `The original is ${STATUS_LABELS[original.status].toLowerCase()}; merge into an initiative that is public and still takes endorsements.`,
        ],
      });
    const taken = new Set(
      (
        await tx
          .select({ organizationId: endorsements.organizationId })
          .from(endorsements)
          .where(and(eq(endorsements.initiativeId, original.id), isNull(endorsements.withdrawnAt)))
      ).map((e) => e.organizationId),
    );
    taken.add(original.organizationId);
    const live = await tx
      .select()
      .from(endorsements)
      .where(and(eq(endorsements.initiativeId, duplicate.id), isNull(endorsements.withdrawnAt)));
    let moved = 0;
    for (const endorsement of live) {
      if (taken.has(endorsement.organizationId)) {
        // That organization already backs the original; keep one endorsement there.
        await tx
          .update(endorsements)
          .set({ withdrawnAt: new Date() })
          .where(eq(endorsements.id, endorsement.id));
        continue;
      }
      await tx
        .update(endorsements)
        .set({ initiativeId: original.id, movedFromId: duplicate.id })
        .where(eq(endorsements.id, endorsement.id));
      taken.add(endorsement.organizationId);
      moved += 1;
    }
    if (!taken.has(duplicate.organizationId)) {
      const [carried] = await tx
        .insert(endorsements)
        .values({
          initiativeId: original.id,
          organizationId: duplicate.organizationId,
          endorsedById: duplicate.createdById,
          // A duplicate nobody outside its organization has seen stays unnamed.
          note: isPubliclyVisible(duplicate)
            ? `Proposed the same work as “${duplicate.title}”.`
            : "Proposed the same work.",
          movedFromId: duplicate.id,
        })
        .returning();
      const proposerHubs = await tx
        .select({ hubId: initiativeHubs.hubId })
        .from(initiativeHubs)
        .where(eq(initiativeHubs.initiativeId, duplicate.id));
      if (proposerHubs.length > 0)
        await tx
          .insert(endorsementHubs)
          .values(proposerHubs.map((h) => ({ endorsementId: carried!.id, hubId: h.hubId })));
      moved += 1;
    }
    const rationale = `Duplicate of “${original.title}” (/initiatives/${original.slug}).${input.rationale ? ` ${input.rationale}` : ""}`;
    const now = new Date();
    await tx
      .update(initiatives)
      .set({ status: "declined", duplicateOfId: original.id, statusChangedAt: now, updatedAt: now })
      .where(eq(initiatives.id, duplicate.id));
    await tx.insert(initiativeTransitions).values({
      initiativeId: duplicate.id,
      actorId: staff.id,
      fromStatus: duplicate.status,
      toStatus: "declined",
      rationale,
      isPublic: true,
    });
    await refreshDemand(tx, duplicate.id);
    await refreshDemand(tx, original.id);
    await recordAudit(tx, {
      actorId: staff.id,
      action: "initiative.merged",
      subjectType: "initiative",
      subjectId: duplicate.id,
      organizationId: duplicate.organizationId,
      details: { originalId: original.id, moved },
    });
    await enqueueNotice(tx, {
      kind: "merged",
      duplicateId: duplicate.id,
      originalId: original.id,
      rationale: input.rationale,
    });
    return { original, moved };
  });
  return outcome;
}

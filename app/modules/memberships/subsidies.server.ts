import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "#db/client.server";
import {
  memberships,
  membershipTiers,
  organizationMembers,
  organizations,
  subsidyApplications,
  users,
} from "#db/schema";
import { SubsidyDecision, subsidyDecisionSubject } from "#emails/subsidy-decision";
import { env } from "~/lib/env.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { sendEmail } from "~/modules/notifications/email.server";
import type { OrganizationContext } from "~/modules/organizations/organizations.server";
import { can } from "~/modules/organizations/policy";
import { isUnpaidCheckout, liveMemberships, retireUnpaidCheckouts } from "./memberships.server";
import { MEMBER_STATUSES } from "./standing";
import { createMembership } from "./workflow";

// Subsidised memberships (issue 3, item 9): a community applies with a statement;
// staff approve (a membership at no charge, marked subsidised) or decline, always
// with a written reason the applicant sees.

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export async function latestApplication(db: Db, organizationId: string) {
  const [row] = await db
    .select()
    .from(subsidyApplications)
    .where(eq(subsidyApplications.organizationId, organizationId))
    .orderBy(desc(subsidyApplications.createdAt))
    .limit(1);
  return row ?? null;
}

export async function applyForSubsidy(
  db: Db,
  context: OrganizationContext,
  input: { tierId: string; statement: string },
) {
  if (!can(context.actor, "manage-billing")) throw new ForbiddenError("Only organization admins can apply.");
  if (context.organization.kind !== "community") {
    throw new ValidationError({
      form: ["Subsidised memberships are for communities; institutions join by card or invoice."],
    });
  }
  const [tier] = await db
    .select()
    .from(membershipTiers)
    .where(
      and(
        eq(membershipTiers.id, input.tierId),
        eq(membershipTiers.isActive, true),
        eq(membershipTiers.isSubsidised, true),
      ),
    );
  if (!tier) throw new ValidationError({ tierId: ["Choose a subsidised tier."] });
  const [live] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, context.organization.id),
        inArray(memberships.status, [...MEMBER_STATUSES]),
      ),
    );
  if (live) throw new ConflictError("This community already has an active membership.");
  const pending = await latestApplication(db, context.organization.id);
  if (pending?.status === "pending")
    throw new ConflictError("An application is already waiting for a decision.");
  return db.transaction(async (tx) => {
    const [application] = await tx
      .insert(subsidyApplications)
      .values({
        organizationId: context.organization.id,
        tierId: tier.id,
        statement: input.statement,
        appliedById: context.actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      actorId: context.actor.userId,
      action: "subsidy.applied",
      subjectType: "subsidy_application",
      subjectId: application!.id,
      organizationId: context.organization.id,
      details: { tier: tier.name },
    });
    return application!;
  });
}

export function listSubsidyApplications(db: Db, status: "pending" | "decided") {
  return db
    .select({
      application: subsidyApplications,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
      tierName: membershipTiers.name,
    })
    .from(subsidyApplications)
    .innerJoin(organizations, eq(organizations.id, subsidyApplications.organizationId))
    .innerJoin(membershipTiers, eq(membershipTiers.id, subsidyApplications.tierId))
    .where(
      status === "pending"
        ? eq(subsidyApplications.status, "pending")
        : inArray(subsidyApplications.status, ["approved", "declined"]),
    )
    .orderBy(status === "pending" ? asc(subsidyApplications.createdAt) : desc(subsidyApplications.decidedAt))
    .limit(100);
}

/**
 * A paid or invoiced membership that a subsidy must not silently replace (issue 9,
 * item 1.3): approval is refused with a message that says what to do instead.
 */
async function assertNoPaidMembership(db: Db, organizationId: string) {
  const paid = (await liveMemberships(db, organizationId)).filter((m) => !isUnpaidCheckout(m));
  if (paid.length === 0) return;
  const [m] = paid;
  const how = m!.method === "invoice" ? "by invoice" : "by card";
  throw new ConflictError(
    m!.status === "pending"
      ? `This community has since asked to join ${how} and that payment is pending. Decline the application with a reason, or wait for the invoice to be settled or voided.`
      : `This community has since joined ${how} and its paid membership is ${m!.status}. Decline the application with a reason; to switch them to a subsidised seat, their paid membership must be cancelled first.`,
  );
}

/** Staff decide; approval creates an active membership at no charge. */
export async function decideSubsidy(
  db: Db,
  staff: { id: string; isStaff: boolean },
  input: { applicationId: string; decision: "approve" | "decline"; reason: string },
) {
  if (!staff.isStaff) throw new ForbiddenError("Only staff decide subsidised memberships.");
  const [found] = await db
    .select()
    .from(subsidyApplications)
    .where(eq(subsidyApplications.id, input.applicationId));
  if (!found) throw new NotFoundError("No such application.");
  if (found.status !== "pending") throw new ConflictError("This application was already decided.");
  let retire: ((tx: Tx) => Promise<void>) | null = null;
  if (input.decision === "approve") {
    await assertNoPaidMembership(db, found.organizationId);
    // An unpaid card checkout left open is closed at Stripe before the seat replaces it.
    const live = await liveMemberships(db, found.organizationId);
    retire = await retireUnpaidCheckouts(live, staff.id, "replaced by an approved subsidy");
  }
  const appUrl = env().appUrl;
  await db.transaction(async (tx) => {
    const [application] = await tx
      .select()
      .from(subsidyApplications)
      .where(eq(subsidyApplications.id, input.applicationId))
      .for("update");
    if (!application || application.status !== "pending")
      throw new ConflictError("This application was already decided.");
    let membershipId: string | null = null;
    if (input.decision === "approve") {
      // Checked again in the transaction: a payment may have landed meanwhile (the
      // one-live-membership index catches one that commits concurrently).
      await retire!(tx);
      await assertNoPaidMembership(tx, application.organizationId);
      const now = new Date();
      const [tier] = await tx
        .select()
        .from(membershipTiers)
        .where(eq(membershipTiers.id, application.tierId));
      const membership = await createMembership(
        tx,
        {
          organizationId: application.organizationId,
          tierId: application.tierId,
          method: "subsidy",
          status: "active",
          amountMinor: 0,
          currency: tier!.currency,
          currentPeriodStart: now,
          currentPeriodEnd: new Date(now.getTime() + YEAR_MS),
          requestedById: application.appliedById,
        },
        { by: "staff", actorId: staff.id, reason: `subsidy approved: ${input.reason}` },
      );
      membershipId = membership.id;
    }
    await tx
      .update(subsidyApplications)
      .set({
        status: input.decision === "approve" ? "approved" : "declined",
        decidedById: staff.id,
        decidedAt: new Date(),
        decisionReason: input.reason,
        membershipId,
      })
      .where(eq(subsidyApplications.id, application.id));
    await recordAudit(tx, {
      actorId: staff.id,
      action: input.decision === "approve" ? "subsidy.approved" : "subsidy.declined",
      subjectType: "subsidy_application",
      subjectId: application.id,
      organizationId: application.organizationId,
      details: { reason: input.reason, membershipId },
    });
    const recipients = await tx
      .select({ email: users.email, organizationName: organizations.name, slug: organizations.slug })
      .from(organizationMembers)
      .innerJoin(users, eq(users.id, organizationMembers.userId))
      .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
      .where(
        and(
          eq(organizationMembers.organizationId, application.organizationId),
          inArray(organizationMembers.role, ["owner", "admin"]),
        ),
      );
    for (const r of recipients) {
      await sendEmail(tx, {
        to: r.email,
        subject: subsidyDecisionSubject(input.decision === "approve"),
        template: "subsidy-decision",
        body: SubsidyDecision({
          appUrl,
          organizationName: r.organizationName,
          approved: input.decision === "approve",
          reason: input.reason,
          billingUrl: `${appUrl}/orgs/${r.slug}/billing`,
        }),
      });
    }
  });
}

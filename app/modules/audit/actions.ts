import { z } from "zod";
import { rolloutStatuses } from "~/modules/delivery/values";
import { hubStatuses } from "~/modules/hubs/values";
import { initiativePriorities, initiativeStatuses, matchRules } from "~/modules/initiatives/values";
import { membershipStatuses } from "~/modules/memberships/values";
import { organizationKinds, organizationRoles } from "~/modules/organizations/values";
import { pledgeStatuses } from "~/modules/pledges/values";

// The audit vocabulary (issue 13, section 3): every action the code records, with the
// shape of its details. Plain zod and value lists only, so the words renderer
// (app/modules/audit/words.ts) and the browser can use it. recordAudit refuses anything else;
// rows written before this list existed stay as they were and render through a fallback.

/** Every action written to audit_events. Add one here, give it a schema below and words. */
export const auditActions = [
  "hub.created",
  "hub.updated",
  "hub.retired",
  "hub.reactivated",
  "hub.deleted",
  "hub.checked",
  "organization.created",
  "organization.updated",
  "organization.logo-changed",
  "organization.logo-removed",
  "invitation.sent",
  "invitation.revoked",
  "invitation.accepted",
  "member.role_changed",
  "member.left",
  "member.removed",
  "tier.created",
  "tier.updated",
  "tier.retired",
  "tier.reactivated",
  "tier.reordered",
  "membership.pending",
  "membership.active",
  "membership.past_due",
  "membership.canceled",
  "membership.expired",
  "membership.checkout_started",
  "membership.invoice_requested",
  "membership.cancel_requested",
  "membership.cancel_withdrawn",
  "membership.tier_change_scheduled",
  "subsidy.applied",
  "subsidy.approved",
  "subsidy.declined",
  "initiative.created",
  "initiative.edited",
  "initiative.triaged",
  "initiative.merged",
  "initiative.update_posted",
  "initiative.min-pledge",
  "initiative.submitted",
  "initiative.in_review",
  "initiative.changes_requested",
  "initiative.open",
  "initiative.funded",
  "initiative.in_progress",
  "initiative.delivered",
  "initiative.not_delivered",
  "initiative.declined",
  "initiative.withdrawn",
  "initiative.expired",
  "endorsement.created",
  "endorsement.changed",
  "endorsement.withdrawn",
  "project.created",
  "project.suggestion_accepted",
  "matching.pool-transfer",
  "matching.rule",
  "pledge.pending",
  "pledge.committed",
  "pledge.collecting",
  "pledge.paid",
  "pledge.failed",
  "pledge.dropped",
  "pledge.released",
  "pledge.canceled",
  "pledge.refunded",
  "pledge.refund-requested",
  "pledge.credit-changed",
  "milestone.added",
  "milestone.reached",
  "deliverable.added",
  "deliverable.removed",
  "rollout.reported",
  "rollout.withdrawn",
] as const;

export type AuditAction = (typeof auditActions)[number];

const none = z.strictObject({});
const text = z.string();
const minor = z.number().int();
const currency = z.string().regex(/^[A-Z]{3}$/);
const isoDate = z.iso.date();

const hubChanges = z.strictObject({
  name: text.optional(),
  url: text.optional(),
  description: text.optional(),
  region: text.optional(),
  status: z.enum(hubStatuses).optional(),
  userCount: z.number().int().nullable().optional(),
  usersReportedOn: isoDate.nullable().optional(),
});
const hubNamed = z.strictObject({ name: text, url: text });

const membershipMove = z.strictObject({
  from: z.enum(membershipStatuses).nullable(),
  by: z.enum(["admin", "staff", "stripe", "system"]),
  reason: text,
});

const initiativeMove = z.strictObject({
  from: z.enum(initiativeStatuses),
  to: z.enum(initiativeStatuses),
  rationale: text,
  // Set when staff open an initiative for pledges.
  goalMinor: minor.optional(),
  currency: currency.optional(),
  minBackers: z.number().int().optional(),
  pledgeDeadline: z.iso.datetime().optional(),
});

const pledgeMove = z.strictObject({
  from: z.enum(pledgeStatuses).nullable(),
  by: z.enum(["admin", "stripe", "system", "staff"]),
  reason: text,
  amountMinor: minor,
  // Older rows have no currency.
  currency: currency.optional(),
});

const creditChoice = z.strictObject({ showName: z.boolean(), showAmount: z.boolean() });
const deliverable = z.strictObject({ title: text, url: text, releaseVersion: text.nullable() });
const role = z.enum(organizationRoles);

/** The details each action carries, checked when the row is written. */
export const auditDetailsSchemas = {
  "hub.created": hubNamed,
  "hub.updated": hubChanges,
  "hub.retired": hubChanges,
  "hub.reactivated": hubChanges,
  "hub.deleted": hubNamed,
  "hub.checked": z.union([z.strictObject({ version: text }), z.strictObject({ error: text })]),
  "organization.created": z.strictObject({ name: text, kind: z.enum(organizationKinds) }),
  "organization.updated": z.strictObject({
    name: text.optional(),
    slug: text.optional(),
    kind: z.enum(organizationKinds).optional(),
    website: text.nullable().optional(),
    description: text.optional(),
    isPublic: z.boolean().optional(),
    showMembership: z.boolean().optional(),
  }),
  "organization.logo-changed": z.strictObject({
    logoUrl: text,
    width: z.number().int(),
    height: z.number().int(),
  }),
  "organization.logo-removed": none,
  "invitation.sent": z.strictObject({ email: text, role }),
  "invitation.revoked": z.strictObject({ email: text }),
  "invitation.accepted": z.strictObject({ email: text, role }),
  "member.role_changed": z.strictObject({ from: role, to: role }),
  "member.left": z.strictObject({ role }),
  "member.removed": z.strictObject({ role }),
  "tier.created": z.strictObject({ name: text, priceMinor: minor, currency }),
  "tier.updated": z.strictObject({
    name: text.optional(),
    description: text.optional(),
    currency: currency.optional(),
    priceMinor: minor.optional(),
    hubsIncluded: z.number().int().optional(),
    benefits: z.array(text).optional(),
    roadmapWeight: z.number().int().optional(),
    isSubsidised: z.boolean().optional(),
  }),
  "tier.retired": none,
  "tier.reactivated": none,
  "tier.reordered": z.strictObject({ direction: z.enum(["up", "down"]) }),
  "membership.pending": membershipMove,
  "membership.active": membershipMove,
  "membership.past_due": membershipMove,
  "membership.canceled": membershipMove,
  "membership.expired": membershipMove,
  "membership.checkout_started": z.strictObject({ tier: text, amountMinor: minor, currency }),
  "membership.invoice_requested": z.strictObject({
    tier: text,
    amountMinor: minor,
    // Older rows have no currency.
    currency: currency.optional(),
    invoice: text.nullable(),
    poNumber: text.nullable(),
  }),
  "membership.cancel_requested": none,
  "membership.cancel_withdrawn": none,
  "membership.tier_change_scheduled": z.strictObject({ from: text, to: text, fromNextRenewal: z.boolean() }),
  "subsidy.applied": z.strictObject({ tier: text }),
  "subsidy.approved": z.strictObject({ reason: text, membershipId: text.nullable() }),
  "subsidy.declined": z.strictObject({ reason: text, membershipId: text.nullable() }),
  "initiative.created": z.strictObject({ title: text }),
  "initiative.edited": none,
  "initiative.triaged": z.strictObject({
    assigneeId: text.nullable(),
    priority: z.enum(initiativePriorities),
  }),
  "initiative.merged": z.strictObject({ originalId: text, moved: z.number().int() }),
  "initiative.update_posted": z.strictObject({ title: text }),
  "initiative.min-pledge": z.strictObject({ minPledgeMinor: minor, currency: currency.optional() }),
  "initiative.submitted": initiativeMove,
  "initiative.in_review": initiativeMove,
  "initiative.changes_requested": initiativeMove,
  "initiative.open": initiativeMove,
  "initiative.funded": initiativeMove,
  "initiative.in_progress": initiativeMove,
  "initiative.delivered": initiativeMove,
  "initiative.not_delivered": initiativeMove,
  "initiative.declined": initiativeMove,
  "initiative.withdrawn": initiativeMove,
  "initiative.expired": initiativeMove,
  "endorsement.created": z.strictObject({ hubs: z.number().int() }),
  "endorsement.changed": z.strictObject({ hubs: z.number().int() }),
  "endorsement.withdrawn": none,
  "project.created": z.strictObject({ name: text }),
  "project.suggestion_accepted": z.strictObject({ name: text }),
  "matching.pool-transfer": z.strictObject({ amountMinor: minor, currency, reason: text }),
  "matching.rule": z.strictObject({
    rule: z.enum(matchRules),
    capMinor: minor.nullable(),
    capShareBp: z.number().int().nullable(),
    // Older rows have no currency.
    currency: currency.optional(),
  }),
  "pledge.pending": pledgeMove,
  "pledge.committed": pledgeMove,
  "pledge.collecting": pledgeMove,
  "pledge.paid": pledgeMove,
  "pledge.failed": pledgeMove,
  "pledge.dropped": pledgeMove,
  "pledge.released": pledgeMove,
  "pledge.canceled": pledgeMove,
  "pledge.refunded": pledgeMove,
  "pledge.refund-requested": z.strictObject({
    refundId: text,
    reason: text,
    amountMinor: minor,
    currency: currency.optional(),
  }),
  "pledge.credit-changed": z.strictObject({ from: creditChoice, to: creditChoice }),
  "milestone.added": z.strictObject({ title: text, reachedOn: isoDate.nullable() }),
  "milestone.reached": z.strictObject({ title: text, reachedOn: isoDate }),
  "deliverable.added": deliverable,
  "deliverable.removed": deliverable,
  "rollout.reported": z.strictObject({ initiativeId: text, reportedOn: isoDate }),
  "rollout.withdrawn": z.strictObject({ initiativeId: text, status: z.enum(rolloutStatuses) }),
} satisfies { [A in AuditAction]: z.ZodType<Record<string, unknown>> };

export type AuditDetails<A extends AuditAction> = z.output<(typeof auditDetailsSchemas)[A]>;

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(auditDetailsSchemas, action);
}

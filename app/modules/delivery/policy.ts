import type { InitiativeStatus } from "~/modules/initiatives/values";
import type { OrganizationRole } from "~/modules/organizations/values";

// Who may record what about funded work (issue 11, section 1). The lead is the
// proposing organization: its admins and owners record milestones and deliverables
// alongside staff. Closing the work (the final report) is staff's call. A rollout is
// reported by an admin of the organization that runs the hub.

export type DeliveryActor = { isStaff: boolean; proposerRole: OrganizationRole | null };

/** Milestones and deliverables are recorded once the work is funded, and after delivery for late releases. */
export const RECORDING_STATUSES: readonly InitiativeStatus[] = ["funded", "in_progress", "delivered"];

/** A hub can say it runs the result once something was delivered. */
export const ROLLOUT_STATUSES: readonly InitiativeStatus[] = ["in_progress", "delivered"];

export function mayRecordDelivery(actor: DeliveryActor, status: InitiativeStatus) {
  if (!RECORDING_STATUSES.includes(status)) return false;
  return actor.isStaff || actor.proposerRole === "admin" || actor.proposerRole === "owner";
}

export function mayCloseDelivery(actor: DeliveryActor, status: InitiativeStatus) {
  return actor.isStaff && (status === "in_progress" || status === "funded");
}

/** Removing a deliverable recorded in error is staff's (it changes public credit). */
export function mayRemoveDeliverable(actor: DeliveryActor) {
  return actor.isStaff;
}

import type { OrganizationRole } from "~/modules/organizations/values";

// Who may do what to an organization (ARCHITECTURE.md "Authorization"). Checked on
// the server in every loader and action that touches an organization.

export type Actor = { userId: string; isStaff: boolean; role: OrganizationRole | null };

export type OrganizationAction =
  | "view" // dashboard, hubs list, people list
  | "edit" // profile
  | "manage-people" // invite, change roles, remove
  | "manage-hubs"
  | "manage-billing" // membership, invoices, card
  | "propose" // draft and submit initiatives
  | "endorse" // endorse initiatives in the organization's name
  | "pledge" // pledge money in the organization's name (issue 10)
  | "grant-owner"; // make or unmake owners

const RANK: Record<OrganizationRole, number> = { member: 1, admin: 2, owner: 3 };

export function can(actor: Actor, action: OrganizationAction): boolean {
  const rank = actor.role ? RANK[actor.role] : 0;
  switch (action) {
    case "view":
      return rank >= RANK.member || actor.isStaff;
    case "propose":
      return rank >= RANK.member;
    case "endorse":
    case "pledge":
    case "edit":
    case "manage-people":
    case "manage-hubs":
    case "manage-billing":
      return rank >= RANK.admin;
    case "grant-owner":
      return rank >= RANK.owner;
  }
}

/** Roles an actor may hand out: admins give member/admin, owners also owner. */
export function assignableRoles(actor: Actor): OrganizationRole[] {
  if (can(actor, "grant-owner")) return ["member", "admin", "owner"];
  if (can(actor, "manage-people")) return ["member", "admin"];
  return [];
}

import type { InitiativeStatus } from "~/modules/initiatives/values";
import type { OrganizationRole } from "~/modules/organizations/values";

// Who in the proposing organization may make which proposer move (issue 12, item 8).
// Every member may draft and submit; a move that cannot be undone (withdrawing,
// which also releases every pledge of an open initiative) needs an admin or owner.
// Checked on the server in changeStatus; pages use it to offer only what is allowed.

const IRREVERSIBLE: readonly InitiativeStatus[] = ["withdrawn"];

export function proposerMayMove(role: OrganizationRole | null, to: InitiativeStatus) {
  if (!role) return false;
  return !IRREVERSIBLE.includes(to) || role === "admin" || role === "owner";
}

/**
 * Staff decisions that cannot be taken back and are public at once (issue 13, item 2):
 * declining ends the proposal; approving opens it for pledges (money). The decision form
 * asks staff to confirm them.
 */
export const CONFIRMED_DECISIONS: readonly InitiativeStatus[] = ["declined", "open"];

// What Commons staff may do (ARCHITECTURE.md "Authorization"), like
// organizations/policy.ts does for organization roles. Today every staff account may do
// every staff action; naming the actions keeps each staff loader and action saying which
// one it needs, so a narrower staff role is a change here only (issue 13, section 3).

export type StaffActor = { isStaff: boolean };

export type StaffAction =
  | "view" // the staff pages: queues, statements, exports
  | "decide" // subsidy applications
  | "manage-tiers" // create, edit, order, retire membership tiers
  | "reconcile" // run reconciliation, resend failed emails
  | "manage-pool" // matching pool: top-ups, rules
  | "curate" // the projects catalogue and size guidance
  | "collect" // pledge collections: matching rule, smallest pledge, closing early, refunds
  | "export"; // CSV exports of members and the ledger

export function canStaff(actor: StaffActor | null | undefined, action: StaffAction): boolean {
  if (!actor?.isStaff) return false;
  switch (action) {
    case "view":
    case "decide":
    case "manage-tiers":
    case "reconcile":
    case "manage-pool":
    case "curate":
    case "collect":
    case "export":
      return true;
  }
}

import { formatDay } from "~/lib/dates";
import { formatMoney } from "~/lib/money";
import { type AuditAction, type AuditDetails, auditDetailsSchemas, isAuditAction } from "./actions";

// The audit log in words (issue 13, item 10): "Hub created", "amount: $12,000.00", not
// `hub.created` and `amountMinor: 1200000`. Each action of the typed vocabulary
// (app/modules/audit/actions.ts, issue 13 section 3) has its words below; rows that do
// not match it (written before it existed) fall back to words made from their keys.
// The vocabulary is plain zod and value lists, so this file may use it in the browser.

function words(key: string) {
  return key
    .replace(/Minor$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replaceAll("_", " ")
    .toLowerCase();
}

export function actionInWords(action: string) {
  const text = action.split(".").map(words).join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/;

function valueInWords(key: string, value: unknown, currency: string | undefined): string {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number" && key.endsWith("Minor") && currency)
    return formatMoney({ amountMinor: value, currency });
  if (typeof value === "number") return value.toLocaleString("en");
  if (typeof value === "string") return ISO_DATE.test(value) ? formatDay(value) : value;
  if (Array.isArray(value))
    return value.length === 0 ? "none" : value.map((v) => valueInWords("", v, currency)).join(", ");
  return JSON.stringify(value);
}

/** Details as "amount: $12,000 · from: active"; the currency itself is folded into amounts. */
export function detailsInWords(details: Record<string, unknown>) {
  const currency = typeof details.currency === "string" ? details.currency : undefined;
  return Object.entries(details)
    .filter(([key]) => !(key === "currency" && Object.keys(details).some((k) => k.endsWith("Minor"))))
    .map(([key, value]) => `${words(key)}: ${valueInWords(key, value, currency)}`)
    .join(" · ");
}

type ActionWords<A extends AuditAction> = {
  what: string;
  /** Defaults to detailsInWords, the same words rows had before the vocabulary was typed. */
  details?: (details: AuditDetails<A>) => string;
};

function creditInWords(choice: { showName: boolean; showAmount: boolean }) {
  if (choice.showName) return choice.showAmount ? "name and amount" : "name only";
  return choice.showAmount ? "amount only" : "anonymous";
}

const RULES = { none: "no matching", one_to_one: "1:1", quadratic: "quadratic" } as const;

// A mapped type, so an action added to the vocabulary without words fails typecheck.
const AUDIT_WORDS: { [A in AuditAction]: ActionWords<A> } = {
  "hub.created": { what: "Hub created" },
  "hub.updated": { what: "Hub updated" },
  "hub.retired": { what: "Hub retired" },
  "hub.reactivated": { what: "Hub reactivated" },
  "hub.deleted": { what: "Hub deleted" },
  "hub.checked": { what: "Hub checked" },
  "organization.created": { what: "Organization created" },
  "organization.updated": { what: "Organization updated" },
  "organization.logo-changed": { what: "Organization logo changed" },
  "organization.logo-removed": { what: "Organization logo removed" },
  "invitation.sent": { what: "Invitation sent" },
  "invitation.revoked": { what: "Invitation revoked" },
  "invitation.accepted": { what: "Invitation accepted" },
  "member.role_changed": { what: "Member role changed" },
  "member.left": { what: "Member left" },
  "member.removed": { what: "Member removed" },
  "tier.created": { what: "Tier created" },
  "tier.updated": { what: "Tier updated" },
  "tier.retired": { what: "Tier retired" },
  "tier.reactivated": { what: "Tier reactivated" },
  "tier.reordered": { what: "Tier reordered", details: (d) => `moved ${d.direction}` },
  "membership.pending": { what: "Membership pending" },
  "membership.active": { what: "Membership active" },
  "membership.past_due": { what: "Membership past due" },
  "membership.canceled": { what: "Membership canceled" },
  "membership.expired": { what: "Membership expired" },
  "membership.checkout_started": { what: "Membership checkout started" },
  "membership.invoice_requested": { what: "Membership invoice requested" },
  "membership.cancel_requested": { what: "Membership cancel requested" },
  "membership.cancel_withdrawn": { what: "Membership cancel withdrawn" },
  "membership.tier_change_scheduled": { what: "Membership tier change scheduled" },
  "subsidy.applied": { what: "Subsidy applied" },
  "subsidy.approved": { what: "Subsidy approved" },
  "subsidy.declined": { what: "Subsidy declined" },
  "initiative.created": { what: "Initiative created" },
  "initiative.edited": { what: "Initiative edited" },
  "initiative.triaged": { what: "Initiative triaged" },
  "initiative.merged": { what: "Initiative merged" },
  "initiative.update_posted": { what: "Initiative update posted" },
  "initiative.min-pledge": { what: "Initiative minimum pledge set" },
  "initiative.submitted": { what: "Initiative submitted" },
  "initiative.in_review": { what: "Initiative in review" },
  "initiative.changes_requested": { what: "Initiative changes requested" },
  "initiative.open": { what: "Initiative open" },
  "initiative.funded": { what: "Initiative funded" },
  "initiative.in_progress": { what: "Initiative in progress" },
  "initiative.delivered": { what: "Initiative delivered" },
  "initiative.not_delivered": { what: "Initiative not delivered" },
  "initiative.declined": { what: "Initiative declined" },
  "initiative.withdrawn": { what: "Initiative withdrawn" },
  "initiative.expired": { what: "Initiative expired" },
  "endorsement.created": { what: "Endorsement created" },
  "endorsement.changed": { what: "Endorsement changed" },
  "endorsement.withdrawn": { what: "Endorsement withdrawn" },
  "project.created": { what: "Project created" },
  "project.suggestion_accepted": { what: "Project suggestion accepted" },
  "matching.pool-transfer": { what: "Matching pool transfer" },
  "matching.rule": {
    what: "Matching rule set",
    details: (d) => {
      const parts = [`rule: ${RULES[d.rule]}`];
      if (d.rule === "one_to_one" && d.capMinor !== null)
        parts.push(`cap: ${valueInWords("capMinor", d.capMinor, d.currency)}`);
      if (d.rule === "quadratic")
        parts.push(`cap share: ${d.capShareBp === null ? "none" : `${d.capShareBp / 100}% of the pool`}`);
      return parts.join(" · ");
    },
  },
  "pledge.pending": { what: "Pledge pending" },
  "pledge.committed": { what: "Pledge committed" },
  "pledge.collecting": { what: "Pledge collecting" },
  "pledge.paid": { what: "Pledge paid" },
  "pledge.failed": { what: "Pledge failed" },
  "pledge.dropped": { what: "Pledge dropped" },
  "pledge.released": { what: "Pledge released" },
  "pledge.canceled": { what: "Pledge canceled" },
  "pledge.refunded": { what: "Pledge refunded" },
  "pledge.refund-requested": { what: "Pledge refund requested" },
  "pledge.credit-changed": {
    what: "Pledge credit changed",
    details: (d) => `from: ${creditInWords(d.from)} · to: ${creditInWords(d.to)}`,
  },
  "milestone.added": { what: "Milestone added" },
  "milestone.reached": { what: "Milestone reached" },
  "deliverable.added": { what: "Deliverable added" },
  "deliverable.removed": { what: "Deliverable removed" },
  "rollout.reported": { what: "Rollout reported" },
  "rollout.withdrawn": { what: "Rollout withdrawn" },
};

/** Whether an action of the vocabulary has words (for the test that every action does). */
export function hasWords(action: AuditAction) {
  return typeof AUDIT_WORDS[action]?.what === "string" && AUDIT_WORDS[action].what.length > 0;
}

function typedInWords<A extends AuditAction>(action: A, details: AuditDetails<A>) {
  const words = AUDIT_WORDS[action] as ActionWords<A>;
  return { what: words.what, details: words.details ? words.details(details) : detailsInWords(details) };
}

/**
 * One audit row in words: the typed words when the row matches the vocabulary, words
 * made from its keys when it does not (an action since renamed, details of an older shape).
 */
export function auditInWords(action: string, details: unknown): { what: string; details: string } {
  if (isAuditAction(action)) {
    const parsed = auditDetailsSchemas[action].safeParse(details ?? {});
    if (parsed.success) return typedInWords(action, parsed.data as AuditDetails<typeof action>);
  }
  const plain =
    details && typeof details === "object" && !Array.isArray(details)
      ? (details as Record<string, unknown>)
      : {};
  return {
    what: isAuditAction(action) ? AUDIT_WORDS[action].what : actionInWords(action),
    details: detailsInWords(plain),
  };
}

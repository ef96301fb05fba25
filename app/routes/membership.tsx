import type { MetaFunction } from "@remix-run/node";
import { EmptyState } from "~/components/ui/EmptyState";

export const meta: MetaFunction = () => [{ title: "Membership · Commons" }];

// Tiers arrive with the memberships issue; until then the page says so plainly.
export default function Membership() {
  return (
    <div className="space-y-6">
      <h1>Membership</h1>
      <p className="max-w-prose text-muted">
        Institutions join yearly for the managed hub service and a say in the roadmap. Communities that cannot
        pay can apply for a subsidised membership.
      </p>
      <EmptyState title="Membership tiers are not published yet">
        Staff are preparing the tiers; check back soon.
      </EmptyState>
    </div>
  );
}

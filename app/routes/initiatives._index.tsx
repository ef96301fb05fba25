import type { MetaFunction } from "@remix-run/node";
import { EmptyState } from "~/components/ui/EmptyState";

export const meta: MetaFunction = () => [{ title: "Initiatives · Commons" }];

// The catalog arrives with the initiatives issue; until then the page says so plainly.
export default function Initiatives() {
  return (
    <div className="space-y-6">
      <h1>Initiatives</h1>
      <EmptyState title="No public initiatives yet">
        Co-funded initiatives will be listed here once members start proposing and staff open them for
        pledges.
      </EmptyState>
    </div>
  );
}

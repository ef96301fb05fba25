import type { SubmissionResult } from "@conform-to/react";
import { CreditChoiceForm } from "~/components/pledges/CreditChoiceForm";
import { usePledgePage } from "./page";

/** How the organization is credited, and the form to change it. */
export function PledgeCredit({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const { data, pledge, busy } = usePledgePage();
  return (
    <section aria-labelledby="credit" className="space-y-1 text-sm">
      <h3 id="credit">Credit</h3>
      <p>
        {pledge.showName ? "Named publicly" : "Anonymous in public (staff see who pledged)"};{" "}
        {pledge.showAmount ? "amount shown" : "amount hidden"}.
      </p>
      {pledge.message ? <p className="text-muted">“{pledge.message}”</p> : null}
      {data.canManage && !["released", "canceled", "dropped"].includes(pledge.status) ? (
        <CreditChoiceForm
          showName={pledge.showName}
          showAmount={pledge.showAmount}
          message={pledge.message}
          busy={busy}
          lastResult={lastResult}
        />
      ) : null}
    </section>
  );
}

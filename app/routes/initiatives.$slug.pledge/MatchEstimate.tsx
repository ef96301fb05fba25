import { Form } from "@remix-run/react";
import { Button } from "~/components/ui/Button";
import { Field } from "~/components/ui/Field";
import { formatMoney } from "~/lib/money";
import type { PageData } from "./route";

// What a pledge of this amount would add from the matching pool, with a box to try another
// amount (a GET form: it changes the question, not anything stored).

export function MatchEstimate({
  estimate,
  organizationId,
  amount,
  currency,
}: {
  estimate: NonNullable<PageData["estimate"]>;
  organizationId: string;
  amount: string;
  currency: string;
}) {
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency });
  return (
    <Form method="get" className="space-y-2 rounded-md border border-line bg-paper p-3 text-sm">
      <input type="hidden" name="org" value={organizationId} />
      <p>
        <strong>Match estimate (final at funding):</strong> a pledge of {amount} {currency} adds about{" "}
        <strong>{money(estimate.addsMinor)}</strong> from the matching pool; the initiative's match would be{" "}
        {money(estimate.totalMinor)}.
      </p>
      <p className="text-muted">
        {estimate.rule === "quadratic"
          ? "Quadratic matching: many organizations pledging a little earn more than one pledging a lot."
          : "Matched 1:1."}
        {estimate.capped ? " The initiative has reached its matching cap." : ""}
        {estimate.scaled ? " The pool cannot cover every match in full, so matches are scaled down." : ""}
      </p>
      <div className="flex items-end gap-2">
        <Field
          label={`Try another amount (${currency})`}
          name="amount"
          defaultValue={amount}
          inputMode="decimal"
          required
        />
        <Button type="submit" variant="secondary">
          Estimate
        </Button>
      </div>
    </Form>
  );
}

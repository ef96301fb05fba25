import type { SubmissionResult } from "@conform-to/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { Field, SelectField } from "~/components/ui/Field";
import type { InitiativeDelivery } from "~/modules/credits/initiative-credit.server";
import { rolloutSchema } from "~/modules/delivery/schemas";

/** A hub admin says one of their hubs runs the result, and since when. Loaded lazily by DeliverySection. */
export default function RolloutForm({
  choices,
  lastResult,
  busy,
}: {
  choices: InitiativeDelivery["rolloutChoices"];
  lastResult: SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  const today = new Date().toISOString().slice(0, 10);
  const [form, fields] = useSchemaForm(rolloutSchema, lastResult, { reportedOn: today });
  return (
    <SchemaForm
      form={form}
      intent="report-rollout"
      className="grid gap-3 rounded-lg border border-line bg-paper p-4 sm:grid-cols-[2fr_1fr_auto] sm:items-end"
    >
      <SelectField
        label="One of your hubs runs this"
        options={choices.map((c) => ({ value: c.hubId, label: c.label }))}
        {...fieldProps(fields.hubId)}
      />
      <Field label="Since" type="date" max={today} {...fieldProps(fields.reportedOn)} />
      <Button type="submit" disabled={busy}>
        Report rollout
      </Button>
    </SchemaForm>
  );
}

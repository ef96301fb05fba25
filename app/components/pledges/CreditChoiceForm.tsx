import type { SubmissionResult } from "@conform-to/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { FormError, TextareaField } from "~/components/ui/Field";
import { creditChoiceSchema } from "~/modules/pledges/schemas";

// How the organization is credited for this pledge (issue 11): changeable at any time,
// shown everywhere at once.

export function CreditChoiceForm({
  showName,
  showAmount,
  message,
  busy,
  lastResult,
}: {
  showName: boolean;
  showAmount: boolean;
  message: string;
  busy: boolean;
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useSchemaForm(creditChoiceSchema, lastResult, {
    showName: showName ? "yes" : "no",
    showAmount: showAmount ? "yes" : "no",
    message,
  });
  return (
    <details className="text-sm" open={Boolean(form.errors?.length || lastResult?.error)}>
      <summary className="cursor-pointer">Change how you are credited…</summary>
      <SchemaForm
        form={form}
        intent="credit"
        className="mt-2 space-y-3 rounded-md border border-line bg-paper p-3"
      >
        <fieldset className="space-y-1">
          <legend className="font-semibold">Name</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name={fields.showName.name} value="yes" defaultChecked={showName} /> Show our
            name
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name={fields.showName.name} value="no" defaultChecked={!showName} /> Anonymous
            in public (only counted and summed)
          </label>
          <FormError errors={fields.showName.errors} />
        </fieldset>
        <fieldset className="space-y-1">
          <legend className="font-semibold">Amount</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name={fields.showAmount.name} value="yes" defaultChecked={showAmount} /> Show
            the amount and our share
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name={fields.showAmount.name} value="no" defaultChecked={!showAmount} /> Hide
            the amount
          </label>
          <FormError errors={fields.showAmount.errors} />
        </fieldset>
        <TextareaField label="Message" rows={2} maxLength={500} {...fieldProps(fields.message)} />
        <Button type="submit" disabled={busy}>
          Save credit choice
        </Button>
      </SchemaForm>
    </details>
  );
}

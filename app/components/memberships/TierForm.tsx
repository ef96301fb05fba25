import type { SubmissionResult } from "@conform-to/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { CheckboxField, Field, TextareaField } from "~/components/ui/Field";
import { tierSchema } from "~/modules/memberships/schemas";

export function TierForm({
  lastResult,
  defaultValue,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: Record<string, unknown>;
  submitLabel: string;
}) {
  const [form, fields] = useSchemaForm(
    tierSchema,
    lastResult,
    defaultValue ?? { currency: "USD", roadmapWeight: "1" },
  );
  return (
    <SchemaForm form={form} intent="save" className="space-y-4">
      <Field label="Name" {...fieldProps(fields.name)} required />
      <TextareaField label="Description" rows={2} {...fieldProps(fields.description)} required={false} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label="Yearly price"
          inputMode="decimal"
          help="In the currency's main unit, e.g. 5000.00"
          {...fieldProps(fields.price)}
          required
        />
        <Field label="Currency" maxLength={3} {...fieldProps(fields.currency)} required />
        <Field label="Hubs included" type="number" min={0} {...fieldProps(fields.hubsIncluded)} required />
      </div>
      <TextareaField
        label="Benefits"
        help="One per line."
        rows={4}
        {...fieldProps(fields.benefits)}
        required={false}
      />
      <Field
        label="Roadmap weight"
        type="number"
        min={0}
        help="How much this tier's votes count."
        {...fieldProps(fields.roadmapWeight)}
        required={false}
      />
      <CheckboxField
        label="Subsidised tier"
        name={fields.isSubsidised.name}
        id={fields.isSubsidised.id}
        value="on"
        defaultChecked={fields.isSubsidised.initialValue === "on"}
        help="Communities apply for it; staff approve it at no charge."
      />
      <Button type="submit">{submitLabel}</Button>
    </SchemaForm>
  );
}

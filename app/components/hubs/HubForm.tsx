import type { SubmissionResult } from "@conform-to/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { Field, SelectField, TextareaField } from "~/components/ui/Field";
import { hubSchema } from "~/modules/hubs/schemas";

export function HubForm({
  lastResult,
  defaultValue,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: Record<string, unknown>;
  submitLabel: string;
}) {
  const [form, fields] = useSchemaForm(hubSchema, lastResult, defaultValue ?? { status: "active" });
  return (
    <SchemaForm form={form} intent="save" className="space-y-4">
      <Field label="Name" {...fieldProps(fields.name)} />
      <Field
        label="Address"
        type="url"
        placeholder="https://hub.example.org"
        help="The hub's https address."
        {...fieldProps(fields.url)}
      />
      <TextareaField label="Description" {...fieldProps(fields.description)} />
      <Field label="Cluster / region" placeholder="e.g. us-central1" {...fieldProps(fields.region)} />
      <SelectField
        label="Status"
        options={[
          { value: "active", label: "Active" },
          { value: "retired", label: "Retired" },
        ]}
        {...fieldProps(fields.status)}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Users"
          type="number"
          min={0}
          inputMode="numeric"
          help="As reported by the hub's admins."
          {...fieldProps(fields.userCount)}
          required={false}
        />
        <Field
          label="Users reported on"
          type="date"
          help="Needed with a number of users."
          conditional
          {...fieldProps(fields.usersReportedOn)}
          required={false}
        />
      </div>
      <Button type="submit">{submitLabel}</Button>
    </SchemaForm>
  );
}

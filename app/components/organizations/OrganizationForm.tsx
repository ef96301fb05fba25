import type { SubmissionResult } from "@conform-to/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { CheckboxField, Field, SelectField, TextareaField } from "~/components/ui/Field";
import { organizationSchema } from "~/modules/organizations/schemas";

export function OrganizationForm({
  lastResult,
  defaultValue,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: Record<string, unknown>;
  submitLabel: string;
}) {
  const [form, fields] = useSchemaForm(
    organizationSchema,
    lastResult,
    defaultValue ?? { kind: "community", isPublic: "on" },
  );
  return (
    <SchemaForm form={form} className="space-y-4">
      <Field label="Name" {...fieldProps(fields.name)} />
      <Field
        label="Web address"
        help="Lowercase letters, digits and hyphens. The public page will be /members/<address>."
        {...fieldProps(fields.slug)}
      />
      <SelectField
        label="Kind"
        options={[
          { value: "community", label: "Community (a research or education group)" },
          { value: "institution", label: "Institution (a university, lab or society)" },
        ]}
        {...fieldProps(fields.kind)}
      />
      <Field label="Website" type="url" placeholder="https://" {...fieldProps(fields.website)} />
      <TextareaField
        label="Short description"
        help="Up to 500 characters."
        {...fieldProps(fields.description)}
      />
      <CheckboxField
        label="List in the public member directory"
        name={fields.isPublic.name}
        id={fields.isPublic.id}
        defaultChecked={fields.isPublic.initialValue === "on"}
        value="on"
        help="Hidden organizations are visible only to their people and to staff."
      />
      <CheckboxField
        label="Show our membership on our public credit page"
        name={fields.showMembership.name}
        id={fields.showMembership.id}
        defaultChecked={fields.showMembership.initialValue === "on"}
        value="on"
        help="The tier and the year you became a member. Off by default."
      />
      <Button type="submit">{submitLabel}</Button>
    </SchemaForm>
  );
}

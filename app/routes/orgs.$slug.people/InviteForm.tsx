import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { fieldProps, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { Card, CardHeader } from "~/components/ui/Card";
import { Field, FormError, SelectField } from "~/components/ui/Field";
import { inviteSchema } from "~/modules/organizations/schemas";

export function InviteForm({
  roles,
  lastResult,
}: {
  roles: string[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useSchemaForm(inviteSchema, lastResult, { role: "member" });
  return (
    <Card className="max-w-2xl">
      <CardHeader title="Invite someone" />
      <Form
        method="post"
        id={form.id}
        onSubmit={form.onSubmit}
        noValidate
        className="grid gap-4 sm:grid-cols-[1fr_10rem_auto] sm:items-start"
      >
        <input type="hidden" name="intent" value="invite" />
        <div className="sm:col-span-3">
          <FormError errors={form.errors} />
        </div>
        <Field label="Email" type="email" {...fieldProps(fields.email)} />
        <SelectField
          label="Role"
          options={roles.map((r) => ({ value: r, label: r }))}
          {...fieldProps(fields.role)}
        />
        <Button type="submit" className="sm:mt-6">
          Send invitation
        </Button>
      </Form>
    </Card>
  );
}

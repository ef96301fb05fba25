import { useActionData, useLoaderData } from "@remix-run/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { SelectField } from "~/components/ui/Field";
import { roleChangeSchema } from "~/modules/organizations/schemas";
import type { action, loader } from "./route";

/** One member's role, changed by an admin (owners only by owners). */
export function RoleForm({ userId, name, role }: { userId: string; name: string; role: string }) {
  const { roles } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const mine = reply?.initialValue?.intent === "role" && reply.initialValue?.userId === userId;
  const [form, fields] = useSchemaForm(roleChangeSchema, mine ? reply : undefined, { userId, role });
  return (
    <SchemaForm form={form} intent="role" className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <SelectField
        label={`Role for ${name}`}
        hideLabel
        className="w-32"
        options={roles.map((r) => ({ value: r, label: r }))}
        {...fieldProps(fields.role)}
      />
      <Button type="submit" variant="secondary">
        Change
      </Button>
    </SchemaForm>
  );
}

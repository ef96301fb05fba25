import { Form, useActionData, useNavigation } from "@remix-run/react";
import { fieldProps, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { Field, FormError, TextareaField } from "~/components/ui/Field";
import { projectSchema } from "~/modules/initiatives/schemas";
import type { action } from "./route";

export function AddProjectForm() {
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(
    projectSchema,
    reply?.initialValue?.intent === "create-project" ? reply : undefined,
  );
  return (
    <Form
      method="post"
      id={form.id}
      onSubmit={form.onSubmit}
      noValidate
      className="grid gap-3 rounded-lg border border-line bg-paper p-4 sm:grid-cols-2"
    >
      <h3 className="sm:col-span-2">Add a project</h3>
      <input type="hidden" name="intent" value="create-project" />
      <FormError errors={form.errors} />
      <Field label="Name" {...fieldProps(fields.name)} />
      <Field label="Address" type="url" {...fieldProps(fields.url)} />
      <TextareaField
        className="sm:col-span-2"
        label="Description"
        rows={2}
        {...fieldProps(fields.description)}
      />
      <div>
        <Button type="submit" disabled={busy}>
          Add project
        </Button>
      </div>
    </Form>
  );
}

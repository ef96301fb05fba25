import { Form } from "@remix-run/react";
import { fieldProps, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { Field, FormError } from "~/components/ui/Field";
import { useCollectionPage, useReplyFor } from "./page";
import { minPledgeSchema } from "./schemas";

/** The smallest pledge an organization may make. */
export function MinimumPledgeForm() {
  const { initiative, busy } = useCollectionPage();
  const [form, fields] = useSchemaForm(minPledgeSchema, useReplyFor("min-pledge"), {
    minPledge: initiative.minPledge,
  });
  return (
    <Form
      method="post"
      id={form.id}
      onSubmit={form.onSubmit}
      noValidate
      className="flex flex-wrap items-end gap-3"
    >
      <input type="hidden" name="intent" value="min-pledge" />
      <FormError errors={form.errors} />
      <Field
        label={`Smallest pledge (${initiative.currency})`}
        inputMode="decimal"
        {...fieldProps(fields.minPledge)}
      />
      <Button type="submit" variant="secondary" disabled={busy}>
        Save
      </Button>
    </Form>
  );
}

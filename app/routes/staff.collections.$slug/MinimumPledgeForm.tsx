import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { Field } from "~/components/ui/Field";
import { useCollectionPage, useReplyFor } from "./page";
import { minPledgeSchema } from "./schemas";

/** The smallest pledge an organization may make. */
export function MinimumPledgeForm() {
  const { initiative, busy } = useCollectionPage();
  const [form, fields] = useSchemaForm(minPledgeSchema, useReplyFor("min-pledge"), {
    minPledge: initiative.minPledge,
  });
  return (
    <SchemaForm form={form} intent="min-pledge" className="flex flex-wrap items-end gap-3">
      <Field
        label={`Smallest pledge (${initiative.currency})`}
        inputMode="decimal"
        {...fieldProps(fields.minPledge)}
      />
      <Button type="submit" variant="secondary" disabled={busy}>
        Save
      </Button>
    </SchemaForm>
  );
}

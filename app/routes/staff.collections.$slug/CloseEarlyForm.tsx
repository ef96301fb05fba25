import { ConfirmField, fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { TextareaField } from "~/components/ui/Field";
import { useCollectionPage, useReplyFor } from "./page";
import { closeSchema } from "./schemas";

/** Close the initiative early, once its funding rule holds, with a public rationale. */
export function CloseEarlyForm() {
  const { busy } = useCollectionPage();
  const [form, fields] = useSchemaForm(closeSchema, useReplyFor("close"));
  return (
    <SchemaForm form={form} intent="close" className="space-y-3">
      <TextareaField label="Rationale (public)" rows={3} {...fieldProps(fields.rationale)} />
      <ConfirmField
        meta={fields.confirm}
        label="Close and collect every pledge now"
        help="Cards are charged and invoices sent; the pledges cannot be released again."
      />
      <Button type="submit" disabled={busy}>
        Close now and collect
      </Button>
    </SchemaForm>
  );
}

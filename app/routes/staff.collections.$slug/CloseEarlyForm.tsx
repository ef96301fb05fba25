import { Form } from "@remix-run/react";
import { fieldProps, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { FormError, TextareaField } from "~/components/ui/Field";
import { useCollectionPage, useReplyFor } from "./page";
import { closeSchema } from "./schemas";

/** Close the initiative early, once its funding rule holds, with a public rationale. */
export function CloseEarlyForm() {
  const { busy } = useCollectionPage();
  const [form, fields] = useSchemaForm(closeSchema, useReplyFor("close"));
  return (
    <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="space-y-3">
      <input type="hidden" name="intent" value="close" />
      <FormError errors={form.errors} />
      <TextareaField label="Rationale (public)" rows={3} {...fieldProps(fields.rationale)} />
      <Button type="submit" disabled={busy}>
        Close now and collect
      </Button>
    </Form>
  );
}

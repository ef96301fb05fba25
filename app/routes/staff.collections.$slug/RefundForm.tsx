import { ConfirmField, fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { TextareaField } from "~/components/ui/Field";
import { useCollectionPage, useReplyFor } from "./page";
import { refundSchema } from "./schemas";

/** Refund one paid pledge, with the reason kept beside it. */
export function RefundForm({ pledgeId, amount }: { pledgeId: string; amount: string }) {
  const { busy } = useCollectionPage();
  const [form, fields] = useSchemaForm(refundSchema, useReplyFor("refund", pledgeId));
  return (
    <details>
      <summary className="cursor-pointer">Refund…</summary>
      <SchemaForm form={form} intent="refund" className="mt-2 space-y-2">
        <input type="hidden" name="pledgeId" value={pledgeId} />
        <TextareaField label="Reason (kept with the refund)" rows={2} {...fieldProps(fields.reason)} />
        <ConfirmField
          meta={fields.confirm}
          label={`Refund ${amount} for good`}
          help="Stripe returns the money to the card; the ledger records it."
        />
        <Button type="submit" variant="danger" disabled={busy}>
          Refund {amount}
        </Button>
      </SchemaForm>
    </details>
  );
}

import { Form } from "@remix-run/react";
import { Button } from "~/components/ui/Button";
import { TextareaField } from "~/components/ui/Field";

// How the organization is credited for this pledge (issue 11): changeable at any time,
// shown everywhere at once.

export function CreditChoiceForm({
  showName,
  showAmount,
  message,
  busy,
}: {
  showName: boolean;
  showAmount: boolean;
  message: string;
  busy: boolean;
}) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer">Change how you are credited…</summary>
      <Form method="post" className="mt-2 space-y-3 rounded-md border border-line bg-paper p-3">
        <input type="hidden" name="intent" value="credit" />
        <fieldset className="space-y-1">
          <legend className="font-semibold">Name</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="showName" value="yes" defaultChecked={showName} /> Show our name
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="showName" value="no" defaultChecked={!showName} /> Anonymous in public
            (only counted and summed)
          </label>
        </fieldset>
        <fieldset className="space-y-1">
          <legend className="font-semibold">Amount</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="showAmount" value="yes" defaultChecked={showAmount} /> Show the amount
            and our share
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="showAmount" value="no" defaultChecked={!showAmount} /> Hide the amount
          </label>
        </fieldset>
        <TextareaField label="Message" name="message" rows={2} maxLength={500} defaultValue={message} />
        <Button type="submit" disabled={busy}>
          Save credit choice
        </Button>
      </Form>
    </details>
  );
}

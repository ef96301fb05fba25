import type { SubmissionResult } from "@conform-to/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { FormError, TextareaField } from "~/components/ui/Field";
import { formatCount } from "~/lib/numbers";
import { endorsementSchema } from "~/modules/initiatives/schemas";
import type { EndorsementChoice } from "./Endorsements";

// Endorse an initiative as one organization the viewer administers: which of its hubs would
// benefit, and why. Loaded lazily by Endorsements (only admins see it).

export default function EndorseForm({
  choice,
  lastResult,
  busy,
}: {
  choice: EndorsementChoice;
  lastResult: SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  const [form, fields] = useSchemaForm(endorsementSchema, lastResult, {
    organizationId: choice.id,
    hubIds: choice.endorsement?.hubIds ?? [],
    note: choice.endorsement?.note ?? "",
  });
  const heading = `endorse-${choice.id}`;
  return (
    <SchemaForm
      form={form}
      intent="endorse"
      className="space-y-3 rounded-lg border border-line bg-paper p-4"
      aria-labelledby={heading}
    >
      <h3 id={heading}>
        {choice.endorsement ? `${choice.name} endorses this` : `Endorse as ${choice.name}`}
      </h3>
      <input type="hidden" name={fields.organizationId.name} value={choice.id} />
      <FormError errors={fields.organizationId.errors} />
      <fieldset aria-describedby={fields.hubIds.errors ? fields.hubIds.errorId : undefined}>
        <legend className="mb-1 text-sm font-medium">Which of your hubs would benefit?</legend>
        {choice.hubs.length === 0 ? (
          <p className="text-sm text-muted">Your organization has no active hubs registered.</p>
        ) : (
          <ul className="grid gap-2 sm:grid-cols-2">
            {choice.hubs.map((hub) => (
              <li key={hub.id} className="flex items-start gap-2">
                <input
                  type="checkbox"
                  id={`hub-${choice.id}-${hub.id}`}
                  name={fields.hubIds.name}
                  value={hub.id}
                  defaultChecked={choice.endorsement?.hubIds.includes(hub.id) ?? false}
                  className="mt-1 size-4 accent-brand-700"
                />
                <label htmlFor={`hub-${choice.id}-${hub.id}`} className="text-sm">
                  {hub.name}
                  {hub.userCount ? ` (${formatCount(hub.userCount)} users)` : ""}
                </label>
              </li>
            ))}
          </ul>
        )}
        {fields.hubIds.errors ? (
          <p id={fields.hubIds.errorId} className="mt-1 text-sm font-medium text-danger-700">
            {fields.hubIds.errors.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <TextareaField
        label="Note"
        rows={2}
        maxLength={1000}
        help="Why your community needs it; shown with your endorsement."
        {...fieldProps(fields.note)}
        required={false}
      />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={busy}>
          {choice.endorsement ? "Update endorsement" : "Endorse"}
        </Button>
      </div>
    </SchemaForm>
  );
}

import type { SubmissionResult } from "@conform-to/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { CheckboxField, Field, TextareaField } from "~/components/ui/Field";
import { transitionSchema } from "~/modules/initiatives/schemas";
import type { PageData } from "./route";

// The staff decision: one of the moves the workflow allows from here, with a rationale
// and, when approving, the pledge terms. Final public decisions ask for a confirmation.

export function DecideForm({
  moves,
  suggestedGoal,
  lastResult,
  busy,
}: {
  moves: PageData["moves"];
  suggestedGoal: string;
  lastResult: SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  const [form, fields] = useSchemaForm(transitionSchema, lastResult, {
    goal: suggestedGoal,
    minBackers: "3",
  });
  const minDate = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const confirmed = moves.filter((m) => m.confirmed);
  return (
    <SchemaForm
      form={form}
      intent="transition"
      className="space-y-4 rounded-lg border border-line bg-paper p-4"
    >
      <fieldset>
        <legend className="mb-1 text-sm font-medium">Decision</legend>
        {fields.to.errors ? (
          <p id={fields.to.errorId} className="mb-1 text-sm font-medium text-danger-700">
            {fields.to.errors.join(" ")}
          </p>
        ) : null}
        <ul className="space-y-1">
          {moves.map((move) => (
            <li key={move.to} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name={fields.to.name}
                id={`to-${move.to}`}
                value={move.to}
                defaultChecked={fields.to.initialValue === move.to}
                className="size-4 accent-brand-700"
              />
              <label htmlFor={`to-${move.to}`}>
                {move.label}
                {move.rationale ? <span className="text-muted"> (needs a rationale)</span> : null}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <TextareaField
        label="Rationale"
        rows={4}
        help="Needed for the decisions marked “needs a rationale”. Shown publicly with approvals and declines, and emailed to the proposer and endorsers."
        conditional
        {...fieldProps(fields.rationale)}
      />
      {moves.some((m) => m.opens) ? (
        <fieldset className="space-y-3 rounded-md border border-line p-3">
          <legend className="px-1 text-sm font-medium">When approving: pledge terms</legend>
          <Field
            label="Funding goal (USD)"
            inputMode="decimal"
            help="Needed to approve."
            conditional
            {...fieldProps(fields.goal)}
          />
          <Field
            label="Minimum backing organizations"
            type="number"
            min={1}
            help="Needed to approve."
            conditional
            {...fieldProps(fields.minBackers)}
          />
          <Field
            label="Pledge deadline"
            type="date"
            min={minDate}
            help="Needed to approve: the day pledging closes."
            conditional
            {...fieldProps(fields.pledgeDeadline)}
          />
        </fieldset>
      ) : null}
      {confirmed.length > 0 ? (
        <CheckboxField
          label="I have checked this decision: it is public and cannot be undone"
          name="confirm"
          value="on"
          help={`Needed to ${confirmed.map((m) => m.label.toLowerCase()).join(" or ")}.`}
          errors={form.allErrors.confirm}
        />
      ) : null}
      <Button type="submit" disabled={busy}>
        Record decision
      </Button>
    </SchemaForm>
  );
}

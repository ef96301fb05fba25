import type { SubmissionResult } from "@conform-to/react";
import { ConfirmField, fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { Field, SelectField, TextareaField } from "~/components/ui/Field";
import { duplicateSchema, triageSchema } from "~/modules/initiatives/schemas";
import type { PageData } from "./route";

// Who looks after the initiative and how urgent it is; and merging it into an original.

export function AssignmentSection({
  data,
  replyFor,
  busy,
}: {
  data: PageData;
  replyFor: (intent: string) => SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  const { initiative } = data;
  const [form, fields] = useSchemaForm(triageSchema, replyFor("triage"), {
    assigneeId: initiative.assigneeId ?? "",
    priority: initiative.priority,
  });
  return (
    <section aria-labelledby="assign" className="space-y-3">
      <h2 id="assign">Assignment</h2>
      <SchemaForm
        form={form}
        intent="triage"
        className="space-y-4 rounded-lg border border-line bg-paper p-4"
      >
        <SelectField
          label="Assignee"
          options={[
            { value: "", label: "Unassigned" },
            ...data.staff.map((s) => ({ value: s.id, label: s.name })),
          ]}
          {...fieldProps(fields.assigneeId)}
        />
        <SelectField
          label="Priority"
          options={["low", "normal", "high", "urgent"].map((p) => ({ value: p, label: p }))}
          {...fieldProps(fields.priority)}
        />
        <Button type="submit" variant="secondary" disabled={busy}>
          Save
        </Button>
      </SchemaForm>
      {data.canMerge ? <DuplicateForm lastResult={replyFor("duplicate")} busy={busy} /> : null}
    </section>
  );
}

function DuplicateForm({
  lastResult,
  busy,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  const [form, fields] = useSchemaForm(duplicateSchema, lastResult);
  return (
    <details className="rounded-lg border border-line bg-paper p-4">
      <summary className="cursor-pointer text-sm font-medium">Mark as a duplicate…</summary>
      <SchemaForm form={form} intent="duplicate" className="mt-3 space-y-3">
        <Field
          label="The original initiative"
          help="Its address, like /initiatives/shared-gpu-quotas."
          {...fieldProps(fields.originalSlug)}
        />
        <TextareaField label="Why they are the same" rows={2} {...fieldProps(fields.rationale)} />
        <ConfirmField
          meta={fields.confirm}
          label="Merge for good"
          help="This declines this initiative, moves its endorsements to the original and emails everyone concerned. It cannot be undone."
        />
        <Button type="submit" variant="danger" disabled={busy}>
          Merge into the original
        </Button>
      </SchemaForm>
    </details>
  );
}

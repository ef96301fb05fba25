import type { SubmissionResult } from "@conform-to/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { Field, TextareaField } from "~/components/ui/Field";
import { updateSchema } from "~/modules/initiatives/schemas";

/** A progress update from the proposers or staff; endorsers are emailed. Loaded lazily by UpdatesSection. */
export default function PostUpdateForm({
  lastResult,
  busy,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  const [form, fields] = useSchemaForm(updateSchema, lastResult);
  return (
    <SchemaForm
      form={form}
      intent="post-update"
      className="space-y-3 rounded-lg border border-line bg-paper p-4"
      aria-labelledby="post-update"
    >
      <h3 id="post-update">Post an update</h3>
      <Field label="Title" {...fieldProps(fields.title)} />
      <TextareaField
        label="Update"
        rows={4}
        help="Markdown works. Endorsing organizations are emailed."
        {...fieldProps(fields.body)}
      />
      <Button type="submit" disabled={busy}>
        Post update
      </Button>
    </SchemaForm>
  );
}

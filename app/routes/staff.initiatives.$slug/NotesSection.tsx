import type { SubmissionResult } from "@conform-to/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { TextareaField } from "~/components/ui/Field";
import { noteSchema } from "~/modules/initiatives/schemas";
import type { PageData } from "./route";

// Staff's internal notes on the initiative: never shown to proposers or the public.

export function NotesSection({
  notes,
  lastResult,
  busy,
}: {
  notes: PageData["notes"];
  lastResult: SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  const [form, fields] = useSchemaForm(noteSchema, lastResult);
  return (
    <section aria-labelledby="notes" className="space-y-3">
      <h2 id="notes">Internal notes</h2>
      <p className="text-sm text-muted">Only staff see these.</p>
      {notes.length === 0 ? (
        <p className="text-sm text-muted">No notes yet.</p>
      ) : (
        <ul className="space-y-2">
          {notes.map((n) => (
            <li key={n.id} className="rounded-md border border-line bg-paper p-3 text-sm">
              <p className="whitespace-pre-line">{n.body}</p>
              <p className="mt-1 text-xs text-muted">
                {n.authorName ?? "Former staff"} ·{" "}
                {new Date(n.createdAt).toISOString().slice(0, 16).replace("T", " ")}
              </p>
            </li>
          ))}
        </ul>
      )}
      <SchemaForm form={form} intent="note" className="space-y-3">
        <TextareaField label="Add a note" rows={2} {...fieldProps(fields.body)} />
        <Button type="submit" variant="secondary" disabled={busy}>
          Add note
        </Button>
      </SchemaForm>
    </section>
  );
}

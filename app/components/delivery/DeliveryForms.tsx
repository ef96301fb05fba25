import type { SubmissionResult } from "@conform-to/react";
import { ConfirmField, fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { Field, SelectField, TextareaField } from "~/components/ui/Field";
import { deliverableSchema, milestoneSchema, reportSchema } from "~/modules/delivery/schemas";

// The forms of the delivery page (issue 11, section 1). Each posts its own intent;
// the page passes each only its own answer, so errors show at the right form.

type Reply = SubmissionResult<string[]> | undefined;
const today = () => new Date().toISOString().slice(0, 10);

export function MilestoneForm({ lastResult }: { lastResult: Reply }) {
  const [form, fields] = useSchemaForm(milestoneSchema, lastResult);
  return (
    <SchemaForm form={form} intent="milestone" className="space-y-4">
      <Field
        label="Milestone"
        placeholder="e.g. Design agreed with maintainers"
        {...fieldProps(fields.title)}
      />
      <TextareaField label="Details" rows={3} {...fieldProps(fields.description)} required={false} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Planned for" type="date" {...fieldProps(fields.dueOn)} required={false} />
        <Field
          label="Reached on"
          type="date"
          max={today()}
          help="Leave empty while it is still ahead."
          {...fieldProps(fields.reachedOn)}
          required={false}
        />
      </div>
      <Button type="submit">Add milestone</Button>
    </SchemaForm>
  );
}

export function DeliverableForm({
  lastResult,
  projects,
}: {
  lastResult: Reply;
  projects: { id: string; name: string }[];
}) {
  const [form, fields] = useSchemaForm(deliverableSchema, lastResult, { kind: "pull_request" });
  return (
    <SchemaForm form={form} intent="deliverable" className="space-y-4">
      <SelectField
        label="Kind"
        options={[
          { value: "pull_request", label: "Pull request" },
          { value: "release", label: "Release" },
          { value: "documentation", label: "Documentation" },
        ]}
        {...fieldProps(fields.kind)}
      />
      <Field label="What was delivered" {...fieldProps(fields.title)} />
      <Field label="Link" type="url" placeholder="https://github.com/…" {...fieldProps(fields.url)} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Upstream project"
          options={[
            { value: "", label: "Choose…" },
            ...projects.map((p) => ({ value: p.id, label: p.name })),
          ]}
          help="Needed when a release contains it."
          conditional
          {...fieldProps(fields.projectId)}
          required={false}
        />
        <Field
          label="In release"
          placeholder="e.g. 5.2.0"
          help="The first upstream release that contains it; needed for a release. JupyterHub releases are verified on the hubs."
          conditional
          {...fieldProps(fields.releaseVersion)}
          required={false}
        />
      </div>
      <Field label="Landed on" type="date" max={today()} {...fieldProps(fields.deliveredOn)} />
      <Button type="submit">Add deliverable</Button>
    </SchemaForm>
  );
}

export function ReportForm({ lastResult, canDeliver }: { lastResult: Reply; canDeliver: boolean }) {
  const [form, fields] = useSchemaForm(reportSchema, lastResult);
  return (
    <SchemaForm form={form} intent="report" className="space-y-4">
      <SelectField
        label="Outcome"
        options={[
          { value: "", label: "Choose…" },
          ...(canDeliver ? [{ value: "delivered", label: "Delivered" }] : []),
          { value: "not_delivered", label: "Not delivered" },
        ]}
        {...fieldProps(fields.outcome)}
      />
      <TextareaField
        label="What was delivered"
        rows={4}
        help="Required when delivered. Markdown."
        conditional
        {...fieldProps(fields.delivered)}
        required={false}
      />
      <TextareaField
        label="What was not delivered, and why"
        rows={3}
        help="Required when not delivered: it is the public rationale."
        conditional
        {...fieldProps(fields.notDelivered)}
        required={false}
      />
      <TextareaField label="What is next" rows={3} {...fieldProps(fields.next)} required={false} />
      <ConfirmField
        meta={fields.confirm}
        label="This report is final and public"
        help="The initiative is closed with it; it cannot be undone."
      />
      <Button type="submit">Close with this report</Button>
    </SchemaForm>
  );
}

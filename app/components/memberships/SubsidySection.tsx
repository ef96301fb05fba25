import type { SubmissionResult } from "@conform-to/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Badge } from "~/components/ui/Badge";
import { Button } from "~/components/ui/Button";
import { Card, CardHeader } from "~/components/ui/Card";
import { SelectField, TextareaField } from "~/components/ui/Field";
import { formatDay } from "~/lib/dates";
import { subsidyApplicationSchema } from "~/modules/memberships/schemas";

export type ApplicationView = {
  status: "pending" | "approved" | "declined";
  decisionReason: string | null;
  createdAt: string | Date;
};

/** A community's application for a subsidised membership, or its outcome. */
export function SubsidySection({
  tiers,
  application,
  canApply,
  lastResult,
}: {
  tiers: { id: string; name: string }[];
  application: ApplicationView | null;
  canApply: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useSchemaForm(subsidyApplicationSchema, lastResult, { tierId: tiers[0]?.id });
  return (
    <Card className="max-w-3xl">
      <CardHeader title="Subsidised membership" />
      {application ? (
        <div className="mb-4 space-y-2" aria-live="polite">
          <p>
            Your application of {formatDay(application.createdAt)}:{" "}
            <Badge
              tone={
                application.status === "approved"
                  ? "success"
                  : application.status === "declined"
                    ? "danger"
                    : "warning"
              }
            >
              {application.status === "pending" ? "waiting for a decision" : application.status}
            </Badge>
          </p>
          {application.decisionReason ? (
            <p className="text-sm">Staff's reason: {application.decisionReason}</p>
          ) : null}
        </div>
      ) : null}
      {canApply ? (
        <SchemaForm form={form} intent="apply-subsidy" className="space-y-4">
          <p className="text-sm text-muted">
            Communities that cannot pay can apply. Staff read every application and answer with their reasons.
          </p>
          {tiers.length > 1 ? (
            <SelectField
              label="Tier"
              options={tiers.map((t) => ({ value: t.id, label: t.name }))}
              {...fieldProps(fields.tierId)}
            />
          ) : (
            <input type="hidden" name="tierId" value={tiers[0]?.id} />
          )}
          <TextareaField
            label="Your statement"
            rows={6}
            help="Who you are, who uses your hub, and why you cannot pay. At least 40 characters."
            {...fieldProps(fields.statement)}
          />
          <Button type="submit">Apply</Button>
        </SchemaForm>
      ) : null}
    </Card>
  );
}

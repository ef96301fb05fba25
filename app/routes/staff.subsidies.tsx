import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { Badge } from "~/components/ui/Badge";
import { Button } from "~/components/ui/Button";
import { EmptyState } from "~/components/ui/EmptyState";
import { TextareaField } from "~/components/ui/Field";
import { formatDay } from "~/lib/dates";
import { ConflictError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { handleDomainErrors } from "~/lib/http.server";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { subsidyDecisionSchema } from "~/modules/memberships/schemas";
import { decideSubsidy, listSubsidyApplications } from "~/modules/memberships/subsidies.server";

export const meta: MetaFunction = () => [{ title: "Subsidised memberships · Staff · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const [pending, decided] = await Promise.all([
    listSubsidyApplications(db(), "pending"),
    listSubsidyApplications(db(), "decided"),
  ]);
  return { pending, decided };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, "decide");
  return handleForm(await request.formData(), subsidyDecisionSchema, async (value) => {
    try {
      await handleDomainErrors(() => decideSubsidy(db(), viewer, value));
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return redirectWithFlash("/staff/subsidies", error.message, "error");
    }
    return redirectWithFlash(
      "/staff/subsidies",
      value.decision === "approve"
        ? "Approved: the membership is active."
        : "Declined; the applicant sees your reason.",
    );
  });
}

export default function StaffSubsidies() {
  const { pending, decided } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link to="/staff">← Staff</Link>
      </p>
      <h1>Subsidised memberships</h1>
      <section className="space-y-4">
        <h2>Waiting for a decision</h2>
        {pending.length === 0 ? (
          <EmptyState title="No applications waiting" />
        ) : (
          <ul className="space-y-4">
            {pending.map(({ application, organizationName, organizationSlug, tierName }) => (
              <li key={application.id} className="rounded-lg border border-line bg-paper p-5">
                <h3>
                  <Link to={`/members/${organizationSlug}`}>{organizationName}</Link>{" "}
                  <span className="text-sm font-normal text-muted">
                    for {tierName}, applied {formatDay(application.createdAt)}
                  </span>
                </h3>
                <p className="mt-2 whitespace-pre-line text-sm">{application.statement}</p>
                <DecisionForm applicationId={application.id} organizationName={organizationName} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="space-y-3">
        <h2>Decided</h2>
        {decided.length === 0 ? (
          <p className="text-sm text-muted">Nothing decided yet.</p>
        ) : (
          <ul className="divide-y divide-line rounded-lg border border-line bg-paper">
            {decided.map(({ application, organizationName }) => (
              <li key={application.id} className="px-4 py-3 text-sm">
                <strong>{organizationName}</strong>{" "}
                <Badge tone={application.status === "approved" ? "success" : "danger"}>
                  {application.status}
                </Badge>{" "}
                <span className="text-muted">{application.decisionReason}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** Approve or decline one application, with the reason the applicant sees. */
function DecisionForm({
  applicationId,
  organizationName,
}: {
  applicationId: string;
  organizationName: string;
}) {
  const lastResult = useActionData<typeof action>();
  const mine = lastResult?.initialValue?.applicationId === applicationId;
  const [form, fields] = useSchemaForm(subsidyDecisionSchema, mine ? lastResult : undefined);
  return (
    <SchemaForm form={form} className="mt-4 space-y-3">
      <input type="hidden" name="applicationId" value={applicationId} />
      <TextareaField label={`Reason shown to ${organizationName}`} rows={3} {...fieldProps(fields.reason)} />
      <div className="flex gap-3">
        <Button type="submit" name="decision" value="approve">
          Approve
        </Button>
        <Button type="submit" name="decision" value="decline" variant="secondary">
          Decline
        </Button>
      </div>
    </SchemaForm>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

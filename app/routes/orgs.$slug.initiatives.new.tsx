import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ProposalForm } from "~/components/initiatives/ProposalForm";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { ValidationError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm, intentOf } from "~/lib/forms.server";
import { handleDomainErrors } from "~/lib/http.server";
import { db } from "~/modules/database.server";
import { proposalOptions } from "~/modules/initiatives/catalog.server";
import { changeStatus } from "~/modules/initiatives/initiatives.server";
import { createProposal } from "~/modules/initiatives/proposal.server";
import { proposalSchema } from "~/modules/initiatives/schemas";
import { requireOrganization } from "~/modules/organizations/request.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireOrganization(request, params.slug, "propose");
  return { organizationName: organization.name, options: await proposalOptions(db(), organization.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireOrganization(request, params.slug, "propose");
  const formData = await request.formData();
  const submit = intentOf(formData) === "submit";
  return handleForm(formData, proposalSchema, async (value) => {
    // The draft is saved first, so an incomplete submission loses nothing.
    const initiative = await handleDomainErrors(() =>
      createProposal(db(), context, value, { submit: false }),
    );
    if (submit) {
      try {
        await handleDomainErrors(() =>
          changeStatus(db(), { userId: context.viewer.id, isStaff: context.viewer.isStaff }, initiative.id, {
            to: "submitted",
          }),
        );
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return redirectWithFlash(
          `/initiatives/${initiative.slug}/edit?submit=failed`,
          "Your draft is saved, but it cannot be submitted yet: see what is missing below.",
          "error",
        );
      }
      return redirectWithFlash(
        `/initiatives/${initiative.slug}`,
        "Submitted. Staff will review it; we email you on each decision.",
      );
    }
    return redirectWithFlash(
      `/initiatives/${initiative.slug}`,
      "Draft saved. Only your organization and staff see it.",
    );
  });
}

export default function NewProposal() {
  const { organizationName, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-3xl space-y-4">
      <h2>New proposal</h2>
      <p className="text-sm text-muted">
        Proposed by {organizationName}. Save a draft at any time; submit it for staff review when it is
        complete.
      </p>
      <div className="rounded-lg border border-line bg-paper p-6">
        <ProposalForm lastResult={lastResult} options={options} />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

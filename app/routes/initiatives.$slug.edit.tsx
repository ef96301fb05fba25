import type { SubmissionResult } from "@conform-to/react";
import type {
  ActionFunctionArgs,
  data,
  LoaderFunctionArgs,
  MetaFunction,
  TypedResponse,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ProposalForm } from "~/components/initiatives/ProposalForm";
import { StatusBadge } from "~/components/initiatives/StatusBadge";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm, intentOf } from "~/lib/forms.server";
import { conflictsAsFlash, forbidden, handleDomainErrors } from "~/lib/http.server";
import { requireVerifiedUser } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { proposalDefaults, proposalOptions } from "~/modules/initiatives/catalog.server";
import { loadInitiative, missingForSubmission } from "~/modules/initiatives/initiatives.server";
import { updateProposal } from "~/modules/initiatives/proposal.server";
import { proposalSchema } from "~/modules/initiatives/schemas";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.initiative.title ?? "proposal"} · Commons` },
];

async function editable(request: Request, slug: string | undefined) {
  const viewer = await requireVerifiedUser(request);
  const access = await handleDomainErrors(() => loadInitiative(db(), slug ?? "", viewer));
  if (!access.canEdit) forbidden("This proposal cannot be edited now.");
  return { viewer, access };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access } = await editable(request, params.slug);
  const defaults = await proposalDefaults(db(), access.initiative);
  const failedSubmission = new URL(request.url).searchParams.get("submit") === "failed";
  const problems = failedSubmission ? await missingForSubmission(db(), access.initiative) : {};
  // After a refused submission the form opens with the reasons at each field.
  const initialResult: SubmissionResult<string[]> | undefined =
    Object.keys(problems).length > 0
      ? { status: "error", initialValue: defaults, error: problems }
      : undefined;
  return {
    initiative: {
      slug: access.initiative.slug,
      title: access.initiative.title,
      status: access.initiative.status,
    },
    organizationName: access.organization.name,
    options: await proposalOptions(db(), access.initiative.organizationId),
    defaults,
    initialResult,
  };
}

/**
 * What the page gets back: a redirect (no data) or the failed submission. handleForm and
 * conflictsAsFlash type their redirects as any Response, which would make the page's
 * useActionData `any`; the action says what they are.
 */
type FormAnswer = TypedResponse<never> | ReturnType<typeof data<SubmissionResult<string[]>>>;

export async function action({ request, params }: ActionFunctionArgs): Promise<FormAnswer> {
  const { viewer, access } = await editable(request, params.slug);
  const formData = await request.formData();
  const submit = intentOf(formData) === "submit";
  const here = `/initiatives/${access.initiative.slug}`;
  const answer = await conflictsAsFlash(`${here}/edit`, () =>
    handleForm(formData, proposalSchema, async (value) => {
      await handleDomainErrors(() => updateProposal(db(), access, viewer, value, { submit }));
      return redirectWithFlash(
        here,
        submit ? "Submitted. Staff will review it; we email you on each decision." : "Saved.",
      );
    }),
  );
  return answer as FormAnswer;
}

export default function EditProposal() {
  const { initiative, organizationName, options, defaults, initialResult } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to={`/initiatives/${initiative.slug}`}>← Back to the proposal</Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1>Edit proposal</h1>
        <StatusBadge status={initiative.status} />
      </div>
      <p className="text-sm text-muted">Proposed by {organizationName}.</p>
      <div className="rounded-lg border border-line bg-paper p-6">
        <ProposalForm lastResult={lastResult ?? initialResult} defaultValue={defaults} options={options} />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

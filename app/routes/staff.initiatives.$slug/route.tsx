import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BackingSignals } from "~/components/initiatives/BackingSignals";
import { DemandSignal, StatusBadge } from "~/components/initiatives/StatusBadge";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { Markdown } from "~/components/Markdown";
import { intentOf } from "~/lib/forms.server";
import { conflictsAsFlash, handleDomainErrors } from "~/lib/http.server";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { loadInitiative } from "~/modules/initiatives/initiatives.server";
import { AssignmentSection } from "./AssignmentSection";
import { duplicate, type FormAnswer, note, review, transition, triage } from "./actions.server";
import { DecideForm } from "./DecideForm";
import { NotesSection } from "./NotesSection";
import { triagePage } from "./page.server";
import { Scorecard } from "./Scorecard";

// Staff triage of one initiative: backing, the proposal, the decision, assignment,
// the reviewers' scorecard and internal notes. Each form's intent has its own action.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Triage: ${data?.initiative.title ?? "initiative"} · Staff · Commons` },
];

export function loader(args: LoaderFunctionArgs) {
  return triagePage(args);
}

export type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

const intents: Record<string, typeof transition> = { transition, triage, review, note, duplicate };

export async function action({ request, params }: ActionFunctionArgs): Promise<FormAnswer> {
  const staff = await requireStaff(request);
  const access = await handleDomainErrors(() => loadInitiative(db(), params.slug ?? "", staff));
  const here = `/staff/initiatives/${access.initiative.slug}`;
  const formData = await request.formData();
  const run = intents[intentOf(formData)];
  if (!run) throw new Response("Unknown action", { status: 400 });
  const context = { staff, initiativeId: access.initiative.id, here, formData };
  return (await conflictsAsFlash(here, () => run(context))) as FormAnswer;
}

export default function TriageInitiative() {
  const data = useLoaderData<typeof loader>();
  const { initiative } = data;
  const reply = useActionData<typeof action>();
  const replyFor = (intent: string) => (reply?.initialValue?.intent === intent ? reply : undefined);
  const busy = useNavigation().state === "submitting";

  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link to="/staff/initiatives">← Triage queue</Link>
      </p>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1>{initiative.title}</h1>
          <StatusBadge status={initiative.status} />
        </div>
        <p className="text-sm">
          {data.organization.name} · <Link to={`/initiatives/${initiative.slug}`}>Open the proposal</Link>
        </p>
        {initiative.summary ? <p>{initiative.summary}</p> : null}
        <DemandSignal
          organizations={initiative.demandOrganizations}
          hubs={initiative.demandHubs}
          users={initiative.demandUsers}
        />
      </header>

      <section aria-labelledby="backing" className="space-y-2">
        <h2 id="backing">Backing</h2>
        <p className="text-sm text-muted">
          Demand counts the proposer and the endorsers with standing (a membership or a hub that answered a
          check).
        </p>
        <BackingSignals rows={data.backing} />
      </section>

      <details open className="rounded-lg border border-line bg-paper p-4">
        <summary className="cursor-pointer font-semibold">The proposal</summary>
        <div className="mt-3 space-y-4">
          {(
            [
              ["The problem", initiative.problem],
              ["Proposed solution", initiative.solution],
              ["Implementation plan", initiative.plan],
            ] as const
          ).map(([heading, text]) => (
            <div key={heading}>
              <h2 className="text-base">{heading}</h2>
              <Markdown className="mt-1" html={text} />
            </div>
          ))}
        </div>
      </details>

      <div className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="decide" className="space-y-3">
          <h2 id="decide">Decide</h2>
          {data.moves.length === 0 ? (
            <p className="text-sm text-muted">
              {initiative.status === "open" ? (
                <>
                  Open for pledges: the funding rule decides at the deadline. Pledges, the matching rule and
                  closing early are on its{" "}
                  <Link to={`/staff/collections/${initiative.slug}`}>collection page</Link>.
                </>
              ) : (
                "No staff decision is possible in this state."
              )}
            </p>
          ) : (
            // Keyed by the status: after a decision the form starts empty again, with no choice made.
            <DecideForm
              key={initiative.status}
              moves={data.moves}
              suggestedGoal={initiative.suggestedGoal}
              lastResult={replyFor("transition")}
              busy={busy}
            />
          )}
        </section>
        <AssignmentSection data={data} replyFor={replyFor} busy={busy} />
      </div>

      <Scorecard data={data} lastResult={replyFor("review")} busy={busy} />
      <NotesSection notes={data.notes} lastResult={replyFor("note")} busy={busy} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

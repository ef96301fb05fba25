import type { SubmissionResult } from "@conform-to/react";
import type {
  ActionFunctionArgs,
  data,
  LoaderFunctionArgs,
  MetaFunction,
  TypedResponse,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DeliverableForm, MilestoneForm, ReportForm } from "~/components/delivery/DeliveryForms";
import { DeliveryRecordView } from "~/components/delivery/DeliveryRecordView";
import { StatusBadge } from "~/components/initiatives/StatusBadge";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { Button } from "~/components/ui/Button";
import { Card, CardHeader } from "~/components/ui/Card";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm, intentOf } from "~/lib/forms.server";
import { conflictsAsFlash, forbidden, handleDomainErrors } from "~/lib/http.server";
import { requireVerifiedUser } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import {
  addDeliverable,
  addMilestone,
  closeDelivery,
  deliveryRecord,
  deliveryRecordForPage,
  markMilestoneReached,
  removeDeliverable,
} from "~/modules/delivery/delivery.server";
import { mayCloseDelivery, mayRecordDelivery } from "~/modules/delivery/policy";
import { deliverableSchema, milestoneSchema, reportSchema } from "~/modules/delivery/schemas";
import { listActiveProjects } from "~/modules/initiatives/catalog.server";
import { loadInitiative } from "~/modules/initiatives/initiatives.server";

// Recording the work (issue 11, section 1): staff and the proposing organization's
// admins add milestones and deliverables; staff close it with the final report.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Delivery · ${data?.initiative.title ?? "Initiative"} · Commons` },
];

async function access(request: Request, slug: string | undefined) {
  const viewer = await requireVerifiedUser(request);
  const found = await handleDomainErrors(() => loadInitiative(db(), slug ?? "", viewer));
  const actor = { isStaff: found.isStaff, proposerRole: found.role };
  if (!found.isStaff && found.role !== "admin" && found.role !== "owner")
    forbidden("Only staff and the proposing organization's admins record the work.");
  return { viewer, found, actor };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found, actor } = await access(request, params.slug);
  const { initiative } = found;
  const [record, projects] = await Promise.all([
    deliveryRecord(db(), initiative.id),
    listActiveProjects(db()),
  ]);
  return {
    initiative: { slug: initiative.slug, title: initiative.title, status: initiative.status },
    record: deliveryRecordForPage(record),
    projects: projects.map((p) => ({ id: p.id, name: p.name })),
    canRecord: mayRecordDelivery(actor, initiative.status),
    canClose: mayCloseDelivery(actor, initiative.status),
    canDeliver: initiative.status === "in_progress" && record.deliverables.length > 0,
    isStaff: found.isStaff,
  };
}

const idSchema = z.object({ id: z.uuid() });
const reachedSchema = z.object({
  id: z.uuid(),
  reachedOn: z.iso
    .date({ error: "Enter a date." })
    .refine(
      (v) => v <= new Date().toISOString().slice(0, 10),
      "A milestone cannot be reached in the future.",
    ),
});

/**
 * What the page gets back: a redirect (no data) or the failed submission. handleForm and
 * conflictsAsFlash type their redirects as any Response, which would make the page's
 * useActionData `any`; the action says what they are.
 */
type FormAnswer = TypedResponse<never> | ReturnType<typeof data<SubmissionResult<string[]>>>;

export async function action({ request, params }: ActionFunctionArgs): Promise<FormAnswer> {
  const { viewer, found } = await access(request, params.slug);
  const here = `/initiatives/${found.initiative.slug}/delivery`;
  const by = { userId: viewer.id, isStaff: viewer.isStaff };
  const formData = await request.formData();
  const answer = await conflictsAsFlash(here, async () => {
    switch (intentOf(formData)) {
      case "milestone":
        return handleForm(formData, milestoneSchema, async (value) => {
          await handleDomainErrors(() => addMilestone(db(), found, by, value));
          return redirectWithFlash(here, "Milestone added.");
        });
      case "reached":
        return handleForm(formData, reachedSchema, async (value) => {
          await handleDomainErrors(() => markMilestoneReached(db(), found, by, value.id, value.reachedOn));
          return redirectWithFlash(here, "Milestone marked reached.");
        });
      case "deliverable":
        return handleForm(formData, deliverableSchema, async (value) => {
          await handleDomainErrors(() => addDeliverable(db(), found, by, value));
          return redirectWithFlash(here, "Deliverable added; it is on the public page.");
        });
      case "remove-deliverable":
        return handleForm(formData, idSchema, async (value) => {
          await handleDomainErrors(() => removeDeliverable(db(), found, by, value.id));
          return redirectWithFlash(here, "Deliverable removed.");
        });
      case "report":
        return handleForm(formData, reportSchema, async (value) => {
          await handleDomainErrors(() => closeDelivery(db(), found, by, value));
          return redirectWithFlash(
            `/initiatives/${found.initiative.slug}`,
            value.outcome === "delivered"
              ? "Marked delivered, with the final report."
              : "Closed as not delivered.",
          );
        });
      default:
        throw new Response("Unknown action.", { status: 400 });
    }
  });
  return answer as FormAnswer;
}

export default function Delivery() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const replyFor = (intent: string) => (reply?.initialValue?.intent === intent ? reply : undefined);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link to={`/initiatives/${data.initiative.slug}`}>← {data.initiative.title}</Link>
      </p>
      <header className="flex flex-wrap items-center gap-3">
        <h1>Delivery</h1>
        <StatusBadge status={data.initiative.status} />
      </header>
      {!data.canRecord ? (
        <p className="text-sm text-muted">
          Milestones and deliverables are recorded once the initiative is funded.
          {data.record.report ? " This initiative is closed." : ""}
        </p>
      ) : null}

      <DeliveryRecordView
        record={data.record}
        milestoneAction={(id, title) =>
          data.canRecord ? (
            <Form method="post" className="flex items-center gap-2">
              <input type="hidden" name="intent" value="reached" />
              <input type="hidden" name="id" value={id} />
              <input type="hidden" name="reachedOn" value={today} />
              {/* One such button per milestone: its name says which, and starts with what it shows (WCAG 2.5.3). */}
              <Button type="submit" variant="secondary" aria-label={`Mark reached today: ${title}`}>
                Mark reached today
              </Button>
            </Form>
          ) : null
        }
        deliverableAction={(id) =>
          data.isStaff ? (
            <details className="text-sm">
              <summary className="cursor-pointer">Remove…</summary>
              <Form method="post" className="mt-2 space-y-2">
                <input type="hidden" name="intent" value="remove-deliverable" />
                <input type="hidden" name="id" value={id} />
                <p>It leaves the public record (the audit log keeps it).</p>
                <Button type="submit" variant="danger">
                  Yes, remove it
                </Button>
              </Form>
            </details>
          ) : null
        }
      />

      {data.canRecord ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card aria-labelledby="add-milestone">
            <CardHeader title={<span id="add-milestone">Add a milestone</span>} />
            <MilestoneForm lastResult={replyFor("milestone")} />
          </Card>
          <Card aria-labelledby="add-deliverable">
            <CardHeader title={<span id="add-deliverable">Add a deliverable</span>} />
            <DeliverableForm lastResult={replyFor("deliverable")} projects={data.projects} />
          </Card>
        </div>
      ) : null}

      {data.canClose ? (
        <Card aria-labelledby="final-report">
          <CardHeader title={<span id="final-report">Final report</span>} />
          <p className="mb-4 text-sm text-muted">
            Closes the initiative in public.{" "}
            {data.canDeliver
              ? "Delivered needs at least one deliverable (it has some)."
              : "It can be marked delivered once the work is in progress and a deliverable is recorded."}
          </p>
          <ReportForm lastResult={replyFor("report")} canDeliver={data.canDeliver} />
        </Card>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

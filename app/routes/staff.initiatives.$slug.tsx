import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BackingSignals } from "~/components/initiatives/BackingSignals";
import { DemandSignal, StatusBadge } from "~/components/initiatives/StatusBadge";
import { Markdown } from "~/components/Markdown";
import { Badge } from "~/components/ui/Badge";
import { Button } from "~/components/ui/Button";
import { CheckboxField, Field, FormError, SelectField, TextareaField } from "~/components/ui/Field";
import { Table, Td, Th } from "~/components/ui/Table";
import { ValidationError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm, intentOf } from "~/lib/forms.server";
import { conflictsAsFlash, handleDomainErrors } from "~/lib/http.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { formatMajorAmount } from "~/lib/money";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { backingSignals } from "~/modules/initiatives/demand.server";
import { changeStatus, loadInitiative } from "~/modules/initiatives/initiatives.server";
import { CONFIRMED_DECISIONS } from "~/modules/initiatives/policy";
import {
  duplicateSchema,
  noteSchema,
  reviewSchema,
  transitionSchema,
  triageSchema,
} from "~/modules/initiatives/schemas";
import {
  addNote,
  listNotes,
  listReviews,
  listStaff,
  markDuplicate,
  saveReview,
  setTriage,
} from "~/modules/initiatives/triage.server";
import { availableTransitions, MERGEABLE_STATUSES, STATUS_LABELS } from "~/modules/initiatives/workflow";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Triage: ${data?.initiative.title ?? "initiative"} · Staff · Commons` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request);
  const access = await handleDomainErrors(() => loadInitiative(db(), params.slug ?? "", viewer));
  const { initiative } = access;
  const [reviews, notes, staff, backing] = await Promise.all([
    listReviews(db(), viewer, initiative.id),
    listNotes(db(), viewer, initiative.id),
    listStaff(db()),
    backingSignals(db(), initiative.id),
  ]);
  const total = (r: (typeof reviews)[number]) => r.technical + r.network + r.ecosystem + r.sustainability;
  return {
    initiative: {
      id: initiative.id,
      slug: initiative.slug,
      title: initiative.title,
      summary: initiative.summary,
      problem: renderMarkdown(initiative.problem || "_Not written._"),
      solution: renderMarkdown(initiative.solution || "_Not written._"),
      plan: renderMarkdown(initiative.plan || "_Not written._"),
      status: initiative.status,
      size: initiative.size,
      priority: initiative.priority,
      assigneeId: initiative.assigneeId,
      demandOrganizations: initiative.demandOrganizations,
      demandHubs: initiative.demandHubs,
      demandUsers: initiative.demandUsers,
      suggestedGoal:
        initiative.suggestedGoalMinor === null
          ? ""
          : formatMajorAmount(initiative.suggestedGoalMinor, initiative.currency),
    },
    organization: access.organization,
    moves: availableTransitions(initiative.status, "staff").map((t) => ({
      to: t.to,
      label: t.label,
      rationale: t.rationale,
      opens: Boolean(t.opensForPledges),
      confirmed: CONFIRMED_DECISIONS.includes(t.to),
    })),
    canMerge: MERGEABLE_STATUSES.includes(initiative.status),
    reviews,
    average: reviews.length
      ? Math.round((reviews.reduce((s, r) => s + total(r), 0) / reviews.length) * 10) / 10
      : null,
    mine: reviews.find((r) => r.reviewerId === viewer.id) ?? null,
    notes,
    staff,
    backing: backing.map((b) => ({ ...b, createdAt: b.createdAt.toISOString() })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireStaff(request);
  const access = await handleDomainErrors(() => loadInitiative(db(), params.slug ?? "", viewer));
  const here = `/staff/initiatives/${access.initiative.slug}`;
  const id = access.initiative.id;
  const formData = await request.formData();
  return conflictsAsFlash(here, async () => {
    switch (intentOf(formData)) {
      case "transition":
        return handleForm(formData, transitionSchema, async (value) => {
          if (CONFIRMED_DECISIONS.includes(value.to) && formData.get("confirm") !== "on")
            throw new ValidationError({
              confirm: ["This decision is public and cannot be undone: tick the box to confirm it."],
            });
          await handleDomainErrors(() => changeStatus(db(), { userId: viewer.id, isStaff: true }, id, value));
          return redirectWithFlash(
            here,
            `Now ${STATUS_LABELS[value.to].toLowerCase()}. The proposer and endorsers are emailed.`,
          );
        });
      case "triage":
        return handleForm(formData, triageSchema, async (value) => {
          await handleDomainErrors(() => setTriage(db(), viewer, id, value));
          return redirectWithFlash(here, "Assignment and priority saved.");
        });
      case "review":
        return handleForm(formData, reviewSchema, async (value) => {
          await handleDomainErrors(() => saveReview(db(), viewer, id, value));
          return redirectWithFlash(here, "Your scorecard is saved.");
        });
      case "note":
        return handleForm(formData, noteSchema, async (value) => {
          await handleDomainErrors(() => addNote(db(), viewer, id, value.body));
          return redirectWithFlash(here, "Note added (staff only).");
        });
      case "duplicate":
        return handleForm(formData, duplicateSchema, async (value) => {
          const { original, moved } = await handleDomainErrors(() => markDuplicate(db(), viewer, id, value));
          return redirectWithFlash(
            `/staff/initiatives/${original.slug}`,
            `Merged: ${moved} endorsement${moved === 1 ? "" : "s"} moved to “${original.title}”; everyone concerned is emailed.`,
          );
        });
      default:
        throw new Response("Unknown action", { status: 400 });
    }
  });
}

type Reply = SubmissionResult<string[]> & { initialValue?: Record<string, unknown> | null };
const scoreOptions = [
  { value: "", label: "Not scored" },
  ...[0, 1, 2, 3].map((n) => ({ value: String(n), label: String(n) })),
];
const LEVERAGE = [
  ["technical", "Technical leverage", "Does it make the platform better for everyone, not one hub?"],
  ["network", "Network leverage", "How many hubs and communities benefit?"],
  ["ecosystem", "Ecosystem leverage", "Does it land upstream, where the wider ecosystem gains?"],
  ["sustainability", "Sustainability leverage", "Will it stay maintained after the money is spent?"],
] as const;

export default function TriageInitiative() {
  const data = useLoaderData<typeof loader>();
  const { initiative } = data;
  const reply = useActionData<typeof action>() as Reply | undefined;
  const errorsFor = (intent: string) => (reply?.initialValue?.intent === intent ? (reply.error ?? {}) : {});
  const busy = useNavigation().state === "submitting";
  const transitionErrors = errorsFor("transition");
  const e = (errors: Record<string, string[] | null>, name: string) => errors[name] ?? undefined;
  const minDate = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

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
              {data.initiative.status === "open" ? (
                <>
                  Open for pledges: the funding rule decides at the deadline. Pledges, the matching rule and
                  closing early are on its{" "}
                  <Link to={`/staff/collections/${data.initiative.slug}`}>collection page</Link>.
                </>
              ) : (
                "No staff decision is possible in this state."
              )}
            </p>
          ) : (
            // Keyed by the status: after a decision the form starts empty again, with no choice made.
            <Form
              key={initiative.status}
              method="post"
              className="space-y-4 rounded-lg border border-line bg-paper p-4"
            >
              <input type="hidden" name="intent" value="transition" />
              <FormError errors={e(transitionErrors, "")} />
              <fieldset>
                <legend className="mb-1 text-sm font-medium">Decision</legend>
                {e(transitionErrors, "to") ? (
                  <p className="mb-1 text-sm font-medium text-danger-700">
                    {e(transitionErrors, "to")!.join(" ")}
                  </p>
                ) : null}
                <ul className="space-y-1">
                  {data.moves.map((move) => (
                    <li key={move.to} className="flex items-center gap-2 text-sm">
                      <input
                        type="radio"
                        name="to"
                        id={`to-${move.to}`}
                        value={move.to}
                        className="size-4 accent-brand-700"
                      />
                      <label htmlFor={`to-${move.to}`}>
                        {move.label}
                        {move.rationale ? <span className="text-muted"> (needs a rationale)</span> : null}
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <TextareaField
                label="Rationale"
                name="rationale"
                rows={4}
                help="Needed for the decisions marked “needs a rationale”. Shown publicly with approvals and declines, and emailed to the proposer and endorsers."
                conditional
                errors={e(transitionErrors, "rationale")}
              />
              {data.moves.some((m) => m.opens) ? (
                <fieldset className="space-y-3 rounded-md border border-line p-3">
                  <legend className="px-1 text-sm font-medium">When approving: pledge terms</legend>
                  <Field
                    label="Funding goal (USD)"
                    name="goal"
                    inputMode="decimal"
                    defaultValue={initiative.suggestedGoal}
                    help="Needed to approve."
                    conditional
                    errors={e(transitionErrors, "goal")}
                  />
                  <Field
                    label="Minimum backing organizations"
                    name="minBackers"
                    type="number"
                    min={1}
                    defaultValue="3"
                    help="Needed to approve."
                    conditional
                    errors={e(transitionErrors, "minBackers")}
                  />
                  <Field
                    label="Pledge deadline"
                    name="pledgeDeadline"
                    type="date"
                    min={minDate}
                    help="Needed to approve: the day pledging closes."
                    conditional
                    errors={e(transitionErrors, "pledgeDeadline")}
                  />
                </fieldset>
              ) : null}
              {data.moves.some((m) => m.confirmed) ? (
                <CheckboxField
                  label="I have checked this decision: it is public and cannot be undone"
                  name="confirm"
                  value="on"
                  help={`Needed to ${data.moves
                    .filter((m) => m.confirmed)
                    .map((m) => m.label.toLowerCase())
                    .join(" or ")}.`}
                  errors={e(transitionErrors, "confirm")}
                />
              ) : null}
              <Button type="submit" disabled={busy}>
                Record decision
              </Button>
            </Form>
          )}
        </section>

        <section aria-labelledby="assign" className="space-y-3">
          <h2 id="assign">Assignment</h2>
          <Form method="post" className="space-y-4 rounded-lg border border-line bg-paper p-4">
            <input type="hidden" name="intent" value="triage" />
            <SelectField
              label="Assignee"
              name="assigneeId"
              defaultValue={initiative.assigneeId ?? ""}
              options={[
                { value: "", label: "Unassigned" },
                ...data.staff.map((s) => ({ value: s.id, label: s.name })),
              ]}
              errors={e(errorsFor("triage"), "assigneeId")}
            />
            <SelectField
              label="Priority"
              name="priority"
              defaultValue={initiative.priority}
              options={["low", "normal", "high", "urgent"].map((p) => ({ value: p, label: p }))}
            />
            <Button type="submit" variant="secondary" disabled={busy}>
              Save
            </Button>
          </Form>
          {data.canMerge ? (
            <details className="rounded-lg border border-line bg-paper p-4">
              <summary className="cursor-pointer text-sm font-medium">Mark as a duplicate…</summary>
              <Form method="post" className="mt-3 space-y-3">
                <input type="hidden" name="intent" value="duplicate" />
                <FormError errors={e(errorsFor("duplicate"), "")} />
                <Field
                  label="The original initiative"
                  name="originalSlug"
                  required
                  help="Its address, like /initiatives/shared-gpu-quotas."
                  errors={e(errorsFor("duplicate"), "originalSlug")}
                />
                <TextareaField label="Why they are the same" name="rationale" rows={2} />
                <p className="text-sm text-muted">
                  This declines this initiative, moves its endorsements to the original and emails everyone
                  concerned. It cannot be undone.
                </p>
                <Button type="submit" variant="danger" disabled={busy}>
                  Merge into the original
                </Button>
              </Form>
            </details>
          ) : null}
        </section>
      </div>

      <section aria-labelledby="scorecard" className="space-y-3">
        <h2 id="scorecard">Leverage scorecard</h2>
        <p className="text-sm text-muted">
          {data.average === null
            ? "No reviewer has scored it yet."
            : `Average ${data.average} of 12 from ${data.reviews.length} ${data.reviews.length === 1 ? "reviewer" : "reviewers"}.`}
        </p>
        {data.reviews.length > 0 ? (
          <Table caption="Reviewers' scores" minWidth="min-w-[44rem]">
            <thead>
              <tr>
                <Th>Reviewer</Th>
                <Th>Technical</Th>
                <Th>Network</Th>
                <Th>Ecosystem</Th>
                <Th>Sustainability</Th>
                <Th>Note</Th>
              </tr>
            </thead>
            <tbody>
              {data.reviews.map((r) => (
                <tr key={r.id}>
                  <Td>
                    {r.reviewerName}{" "}
                    {r.conflicted ? (
                      <Badge tone="warning">conflicted: their organization backs it</Badge>
                    ) : null}
                  </Td>
                  <Td>{r.technical}</Td>
                  <Td>{r.network}</Td>
                  <Td>{r.ecosystem}</Td>
                  <Td>{r.sustainability}</Td>
                  <Td className="whitespace-pre-line">{r.note}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : null}
        <Form method="post" className="space-y-4 rounded-lg border border-line bg-paper p-4">
          <h3>{data.mine ? "Change your scores" : "Score it"}</h3>
          <input type="hidden" name="intent" value="review" />
          <div className="grid gap-4 sm:grid-cols-2">
            {LEVERAGE.map(([name, label, help]) => (
              <SelectField
                key={name}
                label={label}
                name={name}
                help={help}
                defaultValue={data.mine ? String(data.mine[name]) : ""}
                options={scoreOptions}
                errors={e(errorsFor("review"), name)}
              />
            ))}
          </div>
          <TextareaField
            label="Note"
            name="note"
            rows={2}
            defaultValue={data.mine?.note ?? ""}
            errors={e(errorsFor("review"), "note")}
          />
          <Button type="submit" variant="secondary" disabled={busy}>
            Save scores
          </Button>
        </Form>
      </section>

      <section aria-labelledby="notes" className="space-y-3">
        <h2 id="notes">Internal notes</h2>
        <p className="text-sm text-muted">Only staff see these.</p>
        {data.notes.length === 0 ? (
          <p className="text-sm text-muted">No notes yet.</p>
        ) : (
          <ul className="space-y-2">
            {data.notes.map((n) => (
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
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="note" />
          <TextareaField
            label="Add a note"
            name="body"
            rows={2}
            required
            errors={e(errorsFor("note"), "body")}
          />
          <Button type="submit" variant="secondary" disabled={busy}>
            Add note
          </Button>
        </Form>
      </section>
    </div>
  );
}

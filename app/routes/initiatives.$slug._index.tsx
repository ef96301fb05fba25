import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { DeliverySection } from "~/components/delivery/DeliverySection";
import { Endorsements } from "~/components/initiatives/Endorsements";
import { DemandSignal, StatusBadge } from "~/components/initiatives/StatusBadge";
import { Markdown } from "~/components/Markdown";
import { FundersList, FundingPanel } from "~/components/pledges/FundingPanel";
import { Button, ButtonLink } from "~/components/ui/Button";
import { Field, FormError, TextareaField } from "~/components/ui/Field";
import { ValidationError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm, intentOf } from "~/lib/forms.server";
import { conflictsAsFlash, handleDomainErrors } from "~/lib/http.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { formatMoney } from "~/lib/money";
import { formatCount } from "~/lib/numbers";
import { appUrlOf, socialMeta } from "~/lib/social-meta";
import { getViewer, requireVerifiedUser } from "~/modules/auth/request.server";
import { initiativeDelivery } from "~/modules/credits/initiative-credit.server";
import { db } from "~/modules/database.server";
import { mayRecordDelivery } from "~/modules/delivery/policy";
import { initiativeDetails, postUpdate } from "~/modules/initiatives/catalog.server";
import { endorse, endorsementChoices, withdrawEndorsement } from "~/modules/initiatives/endorsements.server";
import { changeStatus, loadInitiative } from "~/modules/initiatives/initiatives.server";
import { proposerMayMove } from "~/modules/initiatives/policy";
import { endorsementSchema, updateSchema } from "~/modules/initiatives/schemas";
import { availableTransitions, ENDORSABLE_STATUSES, isPubliclyVisible } from "~/modules/initiatives/workflow";
import { fundingSummary, publicFunders } from "~/modules/pledges/funding.server";
import { pledgingOrganizations } from "~/modules/pledges/pledges.server";

const FUNDING_STATUSES = ["open", "funded", "in_progress", "delivered", "not_delivered", "expired"];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? socialMeta(
        {
          title: `${data.initiative.title} · Commons`,
          description: data.initiative.summary,
          path: `/initiatives/${data.initiative.slug}`,
          image: `/initiatives/${data.initiative.slug}/og.png`,
        },
        appUrlOf(matches),
      )
    : [{ title: "Initiative · Commons" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const access = await handleDomainErrors(() => loadInitiative(db(), params.slug ?? "", viewer));
  const { initiative } = access;
  const funded = initiative.goalMinor !== null && FUNDING_STATUSES.includes(initiative.status);
  const [details, choices, funding, funders, ownPledges, delivery] = await Promise.all([
    initiativeDetails(db(), access),
    viewer?.emailVerified && ENDORSABLE_STATUSES.includes(initiative.status) && isPubliclyVisible(initiative)
      ? endorsementChoices(db(), viewer.id, initiative)
      : Promise.resolve([]),
    funded ? fundingSummary(db(), initiative) : Promise.resolve(null),
    funded ? publicFunders(db(), initiative) : Promise.resolve(null),
    viewer && funded ? pledgingOrganizations(db(), viewer.id, initiative.id) : Promise.resolve([]),
    initiativeDelivery(db(), initiative, viewer?.emailVerified ? viewer.id : null),
  ]);
  return {
    initiative: {
      id: initiative.id,
      slug: initiative.slug,
      title: initiative.title,
      summary: initiative.summary,
      problem: renderMarkdown(initiative.problem || "_Not written yet._"),
      solution: renderMarkdown(initiative.solution || "_Not written yet._"),
      plan: renderMarkdown(initiative.plan || "_Not written yet._"),
      status: initiative.status,
      size: initiative.size,
      suggestedGoalMinor: initiative.suggestedGoalMinor,
      goalMinor: initiative.goalMinor,
      currency: initiative.currency,
      minBackers: initiative.minBackers,
      pledgeDeadline: initiative.pledgeDeadline,
      demandOrganizations: initiative.demandOrganizations,
      demandHubs: initiative.demandHubs,
      demandUsers: initiative.demandUsers,
      createdAt: initiative.createdAt,
    },
    organization: access.organization,
    delivery,
    canRecordDelivery: mayRecordDelivery(
      { isStaff: access.isStaff, proposerRole: access.role },
      initiative.status,
    ),
    funding,
    funders,
    ownPledges: ownPledges
      .filter((o) => o.pledge)
      .map((o) => ({
        organizationName: o.name,
        href: `/orgs/${o.slug}/pledges/${o.pledge!.id}`,
        status: o.pledge!.status,
        amountMinor: o.pledge!.amountMinor,
      })),
    canPledge: ownPledges.length > 0 || !viewer,
    details: { ...details, updates: details.updates.map((u) => ({ ...u, body: renderMarkdown(u.body) })) },
    choices,
    signedIn: Boolean(viewer),
    isStaff: access.isStaff,
    isProposer: access.role !== null,
    canEdit: access.canEdit,
    canPostUpdate: (access.isStaff || access.role !== null) && initiative.status !== "draft",
    proposerMoves: access.role
      ? availableTransitions(initiative.status, "proposer")
          .filter((t) => proposerMayMove(access.role, t.to))
          .map((t) => ({ to: t.to, label: t.label }))
      : [],
  };
}

const withdrawSchema = z.object({ organizationId: z.uuid() });
const moveSchema = z.object({ to: z.enum(["submitted", "withdrawn"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireVerifiedUser(request);
  const access = await handleDomainErrors(() => loadInitiative(db(), params.slug ?? "", viewer));
  const here = `/initiatives/${access.initiative.slug}`;
  const formData = await request.formData();
  return conflictsAsFlash(here, async () => {
    switch (intentOf(formData)) {
      case "endorse":
        return handleForm(formData, endorsementSchema, async (value) => {
          const { created, counted } = await handleDomainErrors(() =>
            endorse(db(), viewer, access.initiative.id, value),
          );
          return redirectWithFlash(
            here,
            !created
              ? "Your endorsement is updated."
              : counted
                ? "Thank you: your endorsement is counted."
                : "Thank you: your endorsement is recorded. It counts in demand once your organization is a member or one of its hubs answers a check.",
          );
        });
      case "withdraw-endorsement":
        return handleForm(formData, withdrawSchema, async (value) => {
          await handleDomainErrors(() =>
            withdrawEndorsement(db(), viewer, access.initiative.id, value.organizationId),
          );
          return redirectWithFlash(here, "Your endorsement is withdrawn.");
        });
      case "post-update":
        return handleForm(formData, updateSchema, async (value) => {
          await handleDomainErrors(() => postUpdate(db(), access, viewer, value));
          return redirectWithFlash(here, "Update posted; endorsers are emailed.");
        });
      case "move":
        return handleForm(formData, moveSchema, async (value) => {
          try {
            await handleDomainErrors(() =>
              changeStatus(db(), { userId: viewer.id, isStaff: viewer.isStaff }, access.initiative.id, value),
            );
          } catch (error) {
            if (value.to === "submitted" && error instanceof ValidationError)
              return redirectWithFlash(
                `${here}/edit?submit=failed`,
                "It cannot be submitted yet: see below.",
                "error",
              );
            throw error;
          }
          return redirectWithFlash(
            here,
            value.to === "withdrawn" ? "The proposal is withdrawn." : "Submitted for review.",
          );
        });
      default:
        throw new Response("Unknown action", { status: 400 });
    }
  });
}

// One formatter for the module: building one per call was visible in the benchmark's profile.
const dateFormat = new Intl.DateTimeFormat("en", {
  year: "numeric",
  month: "long",
  day: "numeric",
  timeZone: "UTC",
});
const date = (value: string | Date) => dateFormat.format(new Date(value));

type FormReply = SubmissionResult<string[]> & { initialValue?: Record<string, unknown> | null };

export default function InitiativePage() {
  const data = useLoaderData<typeof loader>();
  const { initiative, organization, details } = data;
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const replyFor = (intent: string, organizationId?: string) =>
    reply?.initialValue?.intent === intent &&
    (!organizationId || reply.initialValue?.organizationId === organizationId)
      ? reply
      : undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: initiative.currency });

  return (
    <article className="space-y-8">
      <header className="space-y-3">
        <p className="text-sm">
          <Link to="/initiatives">← All initiatives</Link>
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1>{initiative.title}</h1>
          <StatusBadge status={initiative.status} />
          {initiative.size ? <span className="text-sm text-muted">Size {initiative.size}</span> : null}
        </div>
        <p>
          Proposed by <Link to={`/members/${organization.slug}`}>{organization.name}</Link> on{" "}
          {date(initiative.createdAt)}
        </p>
        {initiative.summary ? <p className="text-lg">{initiative.summary}</p> : null}
        <DemandSignal
          organizations={initiative.demandOrganizations}
          hubs={initiative.demandHubs}
          users={initiative.demandUsers}
        />
        {details.duplicateOf ? (
          <p className="rounded-md border border-line bg-paper p-3 text-sm">
            Merged into{" "}
            <Link to={`/initiatives/${details.duplicateOf.slug}`}>{details.duplicateOf.title}</Link>.
          </p>
        ) : null}
        {data.funding ? (
          <FundingPanel
            summary={data.funding}
            status={initiative.status}
            pledgeHref={
              data.canPledge
                ? data.signedIn
                  ? `/initiatives/${initiative.slug}/pledge`
                  : `/login?redirectTo=${encodeURIComponent(`/initiatives/${initiative.slug}/pledge`)}`
                : null
            }
            pledgeLabel={
              !data.signedIn
                ? "Sign in to pledge"
                : data.ownPledges.length > 0
                  ? "Change your pledge"
                  : "Pledge"
            }
          />
        ) : initiative.goalMinor ? (
          <p className="text-sm">
            Goal <strong>{money(initiative.goalMinor)}</strong>
          </p>
        ) : initiative.suggestedGoalMinor ? (
          <p className="text-sm text-muted">Suggested goal: {money(initiative.suggestedGoalMinor)}</p>
        ) : null}
        <div className="flex flex-wrap gap-3">
          {data.canEdit ? (
            <ButtonLink to={`/initiatives/${initiative.slug}/edit`} variant="secondary">
              Edit proposal
            </ButtonLink>
          ) : null}
          {data.proposerMoves
            .filter((m) => m.to === "submitted")
            .map((m) => (
              <Form method="post" key={m.to}>
                <input type="hidden" name="intent" value="move" />
                <Button type="submit" name="to" value={m.to} disabled={busy}>
                  {m.label}
                </Button>
              </Form>
            ))}
          {data.isStaff ? (
            <ButtonLink to={`/staff/initiatives/${initiative.slug}`} variant="secondary">
              Triage
            </ButtonLink>
          ) : null}
        </div>
        {data.proposerMoves.some((m) => m.to === "withdrawn") ? (
          <details className="text-sm">
            <summary className="cursor-pointer">Withdraw this proposal…</summary>
            <Form method="post" className="mt-2 space-y-2 rounded-md border border-line bg-paper p-3">
              <input type="hidden" name="intent" value="move" />
              <p>Withdrawing ends the proposal for good; endorsers are told. It cannot be undone.</p>
              <Button type="submit" name="to" value="withdrawn" variant="danger" disabled={busy}>
                Yes, withdraw it
              </Button>
            </Form>
          </details>
        ) : null}
      </header>

      <section aria-labelledby="proposal" className="grid gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          <h2 id="proposal" className="sr-only">
            The proposal
          </h2>
          <div>
            <h3>The problem</h3>
            <Markdown className="mt-2" html={initiative.problem} />
          </div>
          <div>
            <h3>Proposed solution</h3>
            <Markdown className="mt-2" html={initiative.solution} />
          </div>
          <div>
            <h3>Implementation plan</h3>
            <Markdown className="mt-2" html={initiative.plan} />
          </div>
        </div>
        <aside className="space-y-6 text-sm">
          <div>
            <h3>Upstream projects</h3>
            {details.projects.length === 0 && details.suggestions.length === 0 ? (
              <p className="text-muted">None chosen.</p>
            ) : (
              <ul className="mt-1 list-disc pl-5">
                {details.projects.map((p) => (
                  <li key={p.id}>
                    <Link className="inline-block py-0.5" to={`/initiatives?project=${p.slug}`}>
                      {p.name}
                    </Link>
                  </li>
                ))}
                {details.suggestions
                  .filter((s) => s.status === "pending")
                  .map((s) => (
                    <li key={s.id}>
                      {s.name} <span className="text-muted">(suggested, awaiting staff)</span>
                    </li>
                  ))}
              </ul>
            )}
          </div>
          <div>
            <h3>{organization.name}'s hubs that benefit</h3>
            {details.proposerHubs.length === 0 ? (
              <p className="text-muted">None named.</p>
            ) : (
              <ul className="mt-1 list-disc pl-5">
                {details.proposerHubs.map((h) => (
                  <li key={h.id}>
                    {h.name}
                    {h.userCount ? ` · ${formatCount(h.userCount)} users` : ""}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </aside>
      </section>

      {data.ownPledges.length > 0 ? (
        <section aria-labelledby="your-pledges" className="space-y-2 text-sm">
          <h2 id="your-pledges">Your organizations' pledges</h2>
          <ul className="list-disc pl-5">
            {data.ownPledges.map((p) => (
              <li key={p.href}>
                <Link to={p.href}>
                  {p.organizationName}: {money(p.amountMinor)}, {p.status}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.funders ? <FundersList funders={data.funders} currency={initiative.currency} /> : null}

      {data.delivery ? (
        <DeliverySection slug={initiative.slug} delivery={data.delivery} canRecord={data.canRecordDelivery} />
      ) : null}

      <Endorsements
        endorsements={details.endorsements}
        choices={data.choices}
        signedIn={data.signedIn}
        endorsable={ENDORSABLE_STATUSES.includes(initiative.status)}
        slug={initiative.slug}
        replyFor={(organizationId) => replyFor("endorse", organizationId)}
        busy={busy}
      />

      <section aria-labelledby="timeline" className="space-y-3">
        <h2 id="timeline">Decisions</h2>
        {details.timeline.length === 0 ? (
          <p className="text-sm text-muted">No decisions yet.</p>
        ) : (
          <ol className="space-y-3 border-l-2 border-line pl-4">
            {details.timeline.map((t) => (
              <li key={t.id} className="text-sm">
                <p>
                  <StatusBadge status={t.toStatus} />{" "}
                  <time dateTime={new Date(t.createdAt).toISOString()} className="text-muted">
                    {date(t.createdAt)}
                  </time>
                  {t.actorName ? <span className="text-muted"> · {t.actorName}</span> : null}
                  {t.isPublic ? null : (
                    <span className="text-muted"> · visible to the proposers and staff</span>
                  )}
                </p>
                {t.rationale ? <p className="mt-1 whitespace-pre-line">{t.rationale}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="updates" className="space-y-3">
        <h2 id="updates">Updates</h2>
        {details.updates.length === 0 ? (
          <p className="text-sm text-muted">No updates yet.</p>
        ) : (
          <ul className="space-y-4">
            {details.updates.map((u) => (
              <li key={u.id} className="rounded-lg border border-line bg-paper p-4">
                <h3>{u.title}</h3>
                <p className="text-xs text-muted">
                  {date(u.createdAt)}
                  {u.authorName ? ` · ${u.authorName}` : ""}
                </p>
                <Markdown className="mt-2" html={u.body} />
              </li>
            ))}
          </ul>
        )}
        {data.canPostUpdate ? (
          <Form method="post" className="space-y-3 rounded-lg border border-line bg-paper p-4">
            <h3>Post an update</h3>
            <input type="hidden" name="intent" value="post-update" />
            <FormError errors={replyFor("post-update")?.error?.[""] ?? undefined} />
            <Field
              label="Title"
              name="title"
              required
              errors={replyFor("post-update")?.error?.title ?? undefined}
            />
            <TextareaField
              label="Update"
              name="body"
              rows={4}
              required
              help="Markdown works. Endorsing organizations are emailed."
              errors={replyFor("post-update")?.error?.body ?? undefined}
            />
            <Button type="submit" disabled={busy}>
              Post update
            </Button>
          </Form>
        ) : null}
      </section>
    </article>
  );
}

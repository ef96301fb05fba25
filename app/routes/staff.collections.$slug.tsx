import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { StatusBadge } from "~/components/initiatives/StatusBadge";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { FundingPanel } from "~/components/pledges/FundingPanel";
import { PledgeStatusBadge } from "~/components/pledges/PledgeStatusBadge";
import { Button } from "~/components/ui/Button";
import { Field, FormError, SelectField, TextareaField } from "~/components/ui/Field";
import { Table, Td, Th } from "~/components/ui/Table";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm, intentOf } from "~/lib/forms.server";
import { conflictsAsFlash, handleDomainErrors } from "~/lib/http.server";
import { formatMajorAmount, formatMoney, parseMajorAmount } from "~/lib/money";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { setMatchingRule } from "~/modules/matching/pool.server";
import { refundPledge } from "~/modules/pledges/collection.server";
import { closeInitiative } from "~/modules/pledges/deadline.server";
import { collectionDetail, setMinimumPledge } from "~/modules/pledges/staff.server";

// Staff: one initiative's pledges and collection (issue 10, section 4): every pledge
// with its organization (anonymous ones too), each attempt with Stripe's codes,
// retries due, dropped pledges; the matching rule; closing early once the rule holds.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.initiative.title ?? "Collection"} · Staff · Commons` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const detail = await handleDomainErrors(() => collectionDetail(db(), params.slug ?? ""));
  const { initiative } = detail;
  return {
    initiative: {
      id: initiative.id,
      slug: initiative.slug,
      title: initiative.title,
      status: initiative.status,
      currency: initiative.currency,
      matchRule: initiative.matchRule,
      minPledge: formatMajorAmount(initiative.minPledgeMinor, initiative.currency),
      matchCap: initiative.matchCapMinor
        ? formatMajorAmount(initiative.matchCapMinor, initiative.currency)
        : "",
      matchCapSharePercent: initiative.matchCapShareBp ? String(initiative.matchCapShareBp / 100) : "",
    },
    summary: detail.summary,
    pledges: detail.pledges.map(({ pledge, organizationName, organizationSlug, attempts }) => ({
      id: pledge.id,
      organizationName,
      organizationSlug,
      status: pledge.status,
      method: pledge.method,
      amountMinor: pledge.amountMinor,
      anonymous: !pledge.showName,
      attemptCount: pledge.attemptCount,
      recovery: pledge.recovery,
      declineCode: pledge.declineCode,
      adviceCode: pledge.adviceCode,
      nextRetryAt: pledge.nextRetryAt,
      windowEndsAt: pledge.windowEndsAt,
      attempts: attempts.map((a) => ({ id: a.id, at: a.createdAt, status: a.status, code: a.errorCode })),
    })),
  };
}

const ruleSchema = z.object({
  rule: z.enum(["none", "one_to_one", "quadratic"]),
  cap: z.string().trim().default(""),
  capShare: z.string().trim().default(""),
});
const minPledgeSchema = z.object({ minPledge: z.string().trim().min(1, "Enter the smallest pledge.") });
const refundSchema = z.object({
  pledgeId: z.uuid(),
  reason: z.string().trim().min(10, "Say why it is refunded (at least 10 characters)."),
});
const closeSchema = z.object({
  rationale: z.string().trim().min(10, "Say why it closes early (at least 10 characters)."),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "curate");
  const { initiative } = await handleDomainErrors(() => collectionDetail(db(), params.slug ?? ""));
  const here = `/staff/collections/${initiative.slug}`;
  const formData = await request.formData();
  return conflictsAsFlash(here, async () => {
    switch (intentOf(formData)) {
      case "rule":
        return handleForm(formData, ruleSchema, async (value) => {
          const capShare = value.capShare ? Math.round(Number(value.capShare) * 100) : null;
          await setMatchingRule(db(), staff.id, initiative.id, {
            rule: value.rule,
            capMinor: value.cap ? parseMajorAmount(value.cap, initiative.currency) : null,
            capShareBp: Number.isFinite(capShare) ? capShare : null,
          });
          return redirectWithFlash(here, "Matching rule saved.");
        });
      case "close":
        return handleForm(formData, closeSchema, async (value) => {
          await handleDomainErrors(() =>
            closeInitiative(db(), initiative.id, { staffId: staff.id, rationale: value.rationale }),
          );
          return redirectWithFlash(here, "Funded: collection has started.");
        });
      case "min-pledge":
        return handleForm(formData, minPledgeSchema, async (value) => {
          await setMinimumPledge(db(), staff.id, initiative.id, value.minPledge);
          return redirectWithFlash(here, "Smallest pledge saved.");
        });
      case "refund":
        return handleForm(formData, refundSchema, async (value) => {
          await handleDomainErrors(() => refundPledge(db(), staff.id, value.pledgeId, value.reason));
          return redirectWithFlash(
            here,
            "Refund sent to Stripe; the pledge shows as refunded when Stripe confirms it.",
          );
        });
      default:
        throw new Response("Unknown action", { status: 400 });
    }
  });
}

const date = (value: string | Date | null) =>
  value
    ? new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(value))
    : "";

export default function CollectionPage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as
    | { error?: Record<string, string[]>; initialValue?: { intent?: string } }
    | undefined;
  const errorsFor = (intent: string) => (reply?.initialValue?.intent === intent ? (reply.error ?? {}) : {});
  const busy = useNavigation().state === "submitting";
  const { initiative } = data;
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: initiative.currency });
  const open = initiative.status === "open";
  const holds =
    data.summary.pledgedMinor + data.summary.matchMinor >= data.summary.goalMinor &&
    data.summary.organizations >= data.summary.minOrganizations;
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link to="/staff/collections">← Pledges and collections</Link>
      </p>
      <h1 className="flex flex-wrap items-center gap-3">
        <Link to={`/initiatives/${initiative.slug}`}>{initiative.title}</Link>{" "}
        <StatusBadge status={initiative.status} />
      </h1>
      <FundingPanel summary={data.summary} status={initiative.status} pledgeHref={null} pledgeLabel="" />

      {open ? (
        <section aria-labelledby="matching" className="space-y-3">
          <h2 id="matching">Matching rule</h2>
          <Form method="post" className="grid gap-3 sm:grid-cols-3">
            <input type="hidden" name="intent" value="rule" />
            <FormError errors={errorsFor("rule")[""] ?? errorsFor("rule").form} />
            <SelectField
              label="Rule"
              name="rule"
              defaultValue={initiative.matchRule}
              options={[
                { value: "none", label: "No matching" },
                { value: "one_to_one", label: "1:1 up to a cap" },
                { value: "quadratic", label: "Quadratic, by organization" },
              ]}
            />
            <Field
              label={`1:1 cap (${initiative.currency})`}
              name="cap"
              defaultValue={initiative.matchCap}
              inputMode="decimal"
              errors={errorsFor("rule").cap}
            />
            <Field
              label="Quadratic cap (% of the pool)"
              name="capShare"
              defaultValue={initiative.matchCapSharePercent}
              inputMode="decimal"
              errors={errorsFor("rule").capShare}
            />
            <div>
              <Button type="submit" variant="secondary" disabled={busy}>
                Save the rule
              </Button>
            </div>
          </Form>
        </section>
      ) : null}

      {open ? (
        <section aria-labelledby="minimum" className="space-y-3">
          <h2 id="minimum">Smallest pledge</h2>
          <Form method="post" className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="intent" value="min-pledge" />
            <Field
              label={`Smallest pledge (${initiative.currency})`}
              name="minPledge"
              required
              inputMode="decimal"
              defaultValue={initiative.minPledge}
              errors={errorsFor("min-pledge").minPledge}
            />
            <Button type="submit" variant="secondary" disabled={busy}>
              Save
            </Button>
          </Form>
        </section>
      ) : null}

      {open ? (
        <section aria-labelledby="close" className="space-y-3">
          <h2 id="close">Close early</h2>
          {holds ? (
            <Form method="post" className="space-y-3">
              <input type="hidden" name="intent" value="close" />
              <TextareaField
                label="Rationale (public)"
                name="rationale"
                required
                rows={3}
                errors={errorsFor("close").rationale}
              />
              <Button type="submit" disabled={busy}>
                Close now and collect
              </Button>
            </Form>
          ) : (
            <p className="text-sm text-muted">
              The funding rule does not hold yet; it closes by itself at the deadline (funded or expired).
            </p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="pledges" className="space-y-3">
        <h2 id="pledges">Pledges</h2>
        {data.pledges.length === 0 ? (
          <p className="text-sm text-muted">No pledges yet.</p>
        ) : (
          <Table caption="Pledges with their attempts" minWidth="min-w-[48rem]">
            <thead>
              <tr>
                <Th>Organization</Th>
                <Th>Amount</Th>
                <Th>State</Th>
                <Th>Attempts</Th>
                <Th>Stripe's codes</Th>
                <Th>Next</Th>
              </tr>
            </thead>
            <tbody>
              {data.pledges.map((p) => (
                <tr key={p.id}>
                  <Td>
                    {p.organizationName}
                    {p.anonymous ? <span className="text-muted"> (anonymous in public)</span> : null}
                    <span className="block text-xs text-muted">{p.method}</span>
                  </Td>
                  <Td>{money(p.amountMinor)}</Td>
                  <Td>
                    <PledgeStatusBadge status={p.status} />
                  </Td>
                  <Td>
                    {p.attemptCount}
                    <ul className="text-xs text-muted">
                      {p.attempts.map((a) => (
                        <li key={a.id}>
                          {date(a.at)}: {a.status}
                          {a.code ? ` (${a.code})` : ""}
                        </li>
                      ))}
                    </ul>
                  </Td>
                  <Td>{[p.declineCode, p.adviceCode].filter(Boolean).join(" · ") || "—"}</Td>
                  <Td>
                    {p.status === "failed"
                      ? p.nextRetryAt
                        ? `retry ${date(p.nextRetryAt)}`
                        : p.recovery === "authenticate"
                          ? "waiting for the pledger to confirm"
                          : "waiting for a new card"
                      : ""}
                    {p.status === "failed" && p.windowEndsAt ? (
                      <span className="block text-xs text-muted">dropped after {date(p.windowEndsAt)}</span>
                    ) : null}
                    {p.status === "paid" ? (
                      <details>
                        <summary className="cursor-pointer">Refund…</summary>
                        <Form method="post" className="mt-2 space-y-2">
                          <input type="hidden" name="intent" value="refund" />
                          <input type="hidden" name="pledgeId" value={p.id} />
                          <TextareaField
                            label="Reason (kept with the refund)"
                            name="reason"
                            required
                            rows={2}
                            errors={errorsFor("refund").reason}
                          />
                          <Button type="submit" variant="danger" disabled={busy}>
                            Refund {money(p.amountMinor)}
                          </Button>
                        </Form>
                      </details>
                    ) : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button } from "~/components/ui/Button";
import { Field, FormError, SelectField, TextareaField } from "~/components/ui/Field";
import { countryOptions } from "~/lib/address.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { conflictsAsFlash, handleDomainErrors } from "~/lib/http.server";
import { formatMoney } from "~/lib/money";
import { returnOrigin } from "~/lib/return-origin.server";
import { requireVerifiedUser } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { loadInitiative } from "~/modules/initiatives/initiatives.server";
import { pledgeFormContext } from "~/modules/pledges/pledge-form.server";
import { savePledge } from "~/modules/pledges/pledges.server";
import { pledgeFormSchema } from "~/modules/pledges/schemas";

// Pledging to an open initiative (issue 10, section 1), for an admin or owner of an
// organization: amount, card (saved, or saved now on Stripe's page) or invoice,
// credit choices, a public message, and the match estimate.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Pledge to ${data?.initiative.title ?? "an initiative"} · Commons` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireVerifiedUser(request);
  const { initiative } = await handleDomainErrors(() => loadInitiative(db(), params.slug ?? "", viewer));
  if (initiative.status !== "open")
    return redirectWithFlash(
      `/initiatives/${initiative.slug}`,
      "This initiative does not take pledges now.",
      "info",
    );
  const url = new URL(request.url);
  const context = await pledgeFormContext(db(), viewer.id, initiative, {
    org: url.searchParams.get("org"),
    amount: url.searchParams.get("amount"),
  });
  return {
    initiative: {
      id: initiative.id,
      slug: initiative.slug,
      title: initiative.title,
      currency: initiative.currency,
      minPledgeMinor: initiative.minPledgeMinor,
      pledgeDeadline: initiative.pledgeDeadline,
    },
    countries: countryOptions(),
    ...context,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireVerifiedUser(request);
  const { initiative } = await handleDomainErrors(() => loadInitiative(db(), params.slug ?? "", viewer));
  const formData = await request.formData();
  return conflictsAsFlash(`/initiatives/${initiative.slug}`, () =>
    handleForm(formData, pledgeFormSchema, async (value) => {
      const saved = await handleDomainErrors(() =>
        savePledge(db(), viewer, initiative.id, value, returnOrigin(request)),
      );
      if (saved.checkoutUrl) return redirect(saved.checkoutUrl);
      return redirectWithFlash(
        `/orgs/${saved.organizationSlug}/pledges/${saved.pledge.id}`,
        "Your pledge is committed. Nothing is charged unless the initiative is funded.",
      );
    }),
  );
}

type Reply = SubmissionResult<string[]> | undefined;

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

function Choice(props: {
  name: string;
  value: string;
  checked: boolean;
  onChange?: () => void;
  children: React.ReactNode;
}) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input
        type="radio"
        name={props.name}
        value={props.value}
        defaultChecked={props.checked}
        className="mt-1 accent-brand-700"
      />
      <span>{props.children}</span>
    </label>
  );
}

export default function PledgePage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply;
  const errors = (reply?.error ?? {}) as Record<string, string[] | undefined>;
  const busy = useNavigation().state === "submitting";
  const { initiative, chosen, estimate } = data;
  const pledge = chosen?.pledge ?? null;
  const contact = pledge?.invoiceContact ?? null;
  const method = pledge?.method ?? "card";
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: initiative.currency });
  const deadline = initiative.pledgeDeadline
    ? dateFormat.format(new Date(initiative.pledgeDeadline))
    : "the deadline";

  if (!chosen)
    return (
      <div className="space-y-3">
        <h1>Pledge to {initiative.title}</h1>
        <p>
          Only an admin or owner of an organization can pledge in its name.{" "}
          <Link to="/orgs/new">Create an organization</Link>, or ask an admin of yours to pledge.
        </p>
      </div>
    );

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p className="text-sm">
        <Link to={`/initiatives/${initiative.slug}`}>← {initiative.title}</Link>
      </p>
      <h1>{pledge ? "Change your pledge" : "Pledge"}</h1>
      <p className="rounded-md border border-line bg-paper p-3 text-sm">
        <strong>Nothing is charged unless the initiative is funded by {deadline} (UTC).</strong> If it is, a
        saved card is charged once, right after the deadline; an invoice pledge gets an invoice payable within
        30 days. Until then you can raise, lower or cancel, except that in the final 24 hours no change may
        take the initiative below its goal or its minimum number of organizations.
      </p>
      {data.organizations.length > 1 ? (
        <nav aria-label="Pledge for" className="text-sm">
          Pledging for <strong>{chosen.name}</strong>. Switch to:{" "}
          {data.organizations
            .filter((o) => o.id !== chosen.id)
            .map((o, i) => (
              <span key={o.id}>
                {i > 0 ? ", " : ""}
                <Link to={`?org=${o.id}`}>{o.name}</Link>
              </span>
            ))}
        </nav>
      ) : (
        <p className="text-sm">
          Pledging for <strong>{chosen.name}</strong>.
        </p>
      )}

      {estimate ? (
        <Form method="get" className="space-y-2 rounded-md border border-line bg-paper p-3 text-sm">
          <input type="hidden" name="org" value={chosen.id} />
          <p>
            <strong>Match estimate (final at funding):</strong> a pledge of {data.amount}{" "}
            {initiative.currency} adds about <strong>{money(estimate.addsMinor)}</strong> from the matching
            pool; the initiative's match would be {money(estimate.totalMinor)}.
          </p>
          <p className="text-muted">
            {estimate.rule === "quadratic"
              ? "Quadratic matching: many organizations pledging a little earn more than one pledging a lot."
              : "Matched 1:1."}
            {estimate.capped ? " The initiative has reached its matching cap." : ""}
            {estimate.scaled ? " The pool cannot cover every match in full, so matches are scaled down." : ""}
          </p>
          <div className="flex items-end gap-2">
            <Field
              label={`Try another amount (${initiative.currency})`}
              name="amount"
              defaultValue={data.amount}
              inputMode="decimal"
              required
            />
            <Button type="submit" variant="secondary">
              Estimate
            </Button>
          </div>
        </Form>
      ) : null}

      <Form method="post" className="space-y-5" noValidate>
        <input type="hidden" name="organizationId" value={chosen.id} />
        <FormError errors={errors[""] ?? errors.organizationId} />
        <Field
          label={`Amount (${initiative.currency})`}
          name="amount"
          inputMode="decimal"
          required
          defaultValue={data.amount}
          help={`The smallest pledge is ${money(initiative.minPledgeMinor)}.`}
          errors={errors.amount}
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">How will {chosen.name} pay if it is funded?</legend>
          <Choice name="method" value="card" checked={method === "card"}>
            By card, charged once right after the deadline
          </Choice>
          <Choice name="method" value="invoice" checked={method === "invoice"}>
            Against an invoice (net 30), issued at funding
          </Choice>
          {errors.method ? (
            <p className="text-sm font-medium text-danger-700">{errors.method.join(" ")}</p>
          ) : null}
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">If by card: which card</legend>
          {pledge?.paymentMethodId ? (
            <Choice name="card" value="current" checked>
              Keep this pledge's card ({pledge.cardBrand} ···· {pledge.cardLast4})
            </Choice>
          ) : null}
          {data.cards
            .filter((c) => c.id !== pledge?.paymentMethodId)
            .map((c, i) => (
              <Choice key={c.id} name="card" value={c.id} checked={!pledge?.paymentMethodId && i === 0}>
                {c.brand} ···· {c.last4}, expires {String(c.expMonth).padStart(2, "0")}/{c.expYear}
              </Choice>
            ))}
          <Choice name="card" value="new" checked={!pledge?.paymentMethodId && data.cards.length === 0}>
            A new card, saved on Stripe's secure page (nothing is charged now)
          </Choice>
          {errors.card ? (
            <p className="text-sm font-medium text-danger-700">{errors.card.join(" ")}</p>
          ) : null}
        </fieldset>
        <fieldset className="grid gap-3 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-medium">If by invoice: who receives it</legend>
          <Field
            label="Billing contact"
            name="contactName"
            required
            defaultValue={contact?.name ?? ""}
            errors={errors.contactName}
          />
          <Field
            label="Invoice email"
            name="contactEmail"
            type="email"
            required
            defaultValue={contact?.email ?? chosen.billingEmail}
            errors={errors.contactEmail}
          />
          <Field
            label="PO number"
            name="poNumber"
            defaultValue={contact?.poNumber ?? ""}
            errors={errors.poNumber}
          />
          <Field label="Tax ID" name="taxId" defaultValue={contact?.taxId ?? ""} errors={errors.taxId} />
          <Field
            label="Address"
            name="addressLine1"
            required
            defaultValue={contact?.addressLine1 ?? ""}
            errors={errors.addressLine1}
            className="sm:col-span-2"
          />
          <Field label="City" name="city" required defaultValue={contact?.city ?? ""} errors={errors.city} />
          <Field
            label="Postcode"
            name="postalCode"
            defaultValue={contact?.postalCode ?? ""}
            errors={errors.postalCode}
          />
          <SelectField
            label="Country"
            name="country"
            autoComplete="country"
            help="Needed for an invoice."
            conditional
            options={[{ value: "", label: "Choose a country" }, ...data.countries]}
            defaultValue={contact?.country ?? ""}
            errors={errors.country}
          />
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Credit</legend>
          <Choice name="showName" value="yes" checked={pledge?.showName ?? true}>
            Show {chosen.name}'s name and logo with this initiative
          </Choice>
          <Choice name="showName" value="no" checked={pledge ? !pledge.showName : false}>
            Anonymous: no public page, feed or API names {chosen.name} (Commons staff still see who pledged)
          </Choice>
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Amount in public</legend>
          <Choice name="showAmount" value="yes" checked={pledge?.showAmount ?? true}>
            Show the amount
          </Choice>
          <Choice name="showAmount" value="no" checked={pledge ? !pledge.showAmount : false}>
            Hide the amount
          </Choice>
        </fieldset>
        <TextareaField
          label="Public message"
          name="message"
          maxLength={500}
          rows={3}
          defaultValue={pledge?.message ?? ""}
          help="Shown with your name in the funders list."
          errors={errors.message}
        />
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : pledge ? "Save the pledge" : "Pledge"}
        </Button>
      </Form>
    </div>
  );
}

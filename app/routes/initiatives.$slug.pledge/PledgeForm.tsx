import type { SubmissionResult } from "@conform-to/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { Field, SelectField, TextareaField } from "~/components/ui/Field";
import { formatMoney } from "~/lib/money";
import { pledgeFormSchema } from "~/modules/pledges/schemas";
import type { PageData } from "./route";

// The pledge itself: amount, how the organization pays if funded (card or invoice),
// and how it is credited in public.

function Choice(props: { name: string; value: string; checked: boolean; children: React.ReactNode }) {
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

function ChoiceErrors({ errors }: { errors: string[] | undefined }) {
  return errors ? <p className="text-sm font-medium text-danger-700">{errors.join(" ")}</p> : null;
}

export function PledgeForm({
  data,
  chosen,
  lastResult,
  busy,
}: {
  data: PageData;
  chosen: NonNullable<PageData["chosen"]>;
  lastResult: SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  const { initiative } = data;
  const pledge = chosen.pledge ?? null;
  const contact = pledge?.invoiceContact ?? null;
  const method = pledge?.method ?? "card";
  const [form, fields] = useSchemaForm(pledgeFormSchema, lastResult, {
    amount: data.amount,
    contactName: contact?.name ?? "",
    contactEmail: contact?.email ?? chosen.billingEmail,
    poNumber: contact?.poNumber ?? "",
    taxId: contact?.taxId ?? "",
    addressLine1: contact?.addressLine1 ?? "",
    city: contact?.city ?? "",
    postalCode: contact?.postalCode ?? "",
    country: contact?.country ?? "",
    message: pledge?.message ?? "",
  });
  const minimum = formatMoney({ amountMinor: initiative.minPledgeMinor, currency: initiative.currency });
  return (
    <SchemaForm
      // The organization is a hidden choice, so its error is said about the whole form.
      form={{ id: form.id, onSubmit: form.onSubmit, errors: form.errors ?? fields.organizationId.errors }}
      className="space-y-5"
    >
      <input type="hidden" name="organizationId" value={chosen.id} />
      <Field
        label={`Amount (${initiative.currency})`}
        inputMode="decimal"
        help={`The smallest pledge is ${minimum}.`}
        {...fieldProps(fields.amount)}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">How will {chosen.name} pay if it is funded?</legend>
        <Choice name={fields.method.name} value="card" checked={method === "card"}>
          By card, charged once right after the deadline
        </Choice>
        <Choice name={fields.method.name} value="invoice" checked={method === "invoice"}>
          Against an invoice (net 30), issued at funding
        </Choice>
        <ChoiceErrors errors={fields.method.errors} />
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">If by card: which card</legend>
        {pledge?.paymentMethodId ? (
          <Choice name={fields.card.name} value="current" checked>
            Keep this pledge's card ({pledge.cardBrand} ···· {pledge.cardLast4})
          </Choice>
        ) : null}
        {data.cards
          .filter((c) => c.id !== pledge?.paymentMethodId)
          .map((c, i) => (
            <Choice
              key={c.id}
              name={fields.card.name}
              value={c.id}
              checked={!pledge?.paymentMethodId && i === 0}
            >
              {c.brand} ···· {c.last4}, expires {String(c.expMonth).padStart(2, "0")}/{c.expYear}
            </Choice>
          ))}
        <Choice
          name={fields.card.name}
          value="new"
          checked={!pledge?.paymentMethodId && data.cards.length === 0}
        >
          A new card, saved on Stripe's secure page (nothing is charged now)
        </Choice>
        <ChoiceErrors errors={fields.card.errors} />
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-medium">If by invoice: who receives it</legend>
        <Field label="Billing contact" {...fieldProps(fields.contactName)} required />
        <Field label="Invoice email" type="email" {...fieldProps(fields.contactEmail)} required />
        <Field label="PO number" {...fieldProps(fields.poNumber)} />
        <Field label="Tax ID" {...fieldProps(fields.taxId)} />
        <Field label="Address" className="sm:col-span-2" {...fieldProps(fields.addressLine1)} required />
        <Field label="City" {...fieldProps(fields.city)} required />
        <Field label="Postcode" {...fieldProps(fields.postalCode)} />
        <SelectField
          label="Country"
          autoComplete="country"
          help="Needed for an invoice."
          conditional
          options={[{ value: "", label: "Choose a country" }, ...data.countries]}
          {...fieldProps(fields.country)}
        />
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Credit</legend>
        <Choice name={fields.showName.name} value="yes" checked={pledge?.showName ?? true}>
          Show {chosen.name}'s name and logo with this initiative
        </Choice>
        <Choice name={fields.showName.name} value="no" checked={pledge ? !pledge.showName : false}>
          Anonymous: no public page, feed or API names {chosen.name} (Commons staff still see who pledged)
        </Choice>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Amount in public</legend>
        <Choice name={fields.showAmount.name} value="yes" checked={pledge?.showAmount ?? true}>
          Show the amount
        </Choice>
        <Choice name={fields.showAmount.name} value="no" checked={pledge ? !pledge.showAmount : false}>
          Hide the amount
        </Choice>
      </fieldset>
      <TextareaField
        label="Public message"
        maxLength={500}
        rows={3}
        help="Shown with your name in the funders list."
        {...fieldProps(fields.message)}
      />
      <Button type="submit" disabled={busy}>
        {busy ? "Saving…" : pledge ? "Save the pledge" : "Pledge"}
      </Button>
    </SchemaForm>
  );
}

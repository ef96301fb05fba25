import type { SubmissionResult } from "@conform-to/react";
import { fieldProps, SchemaForm, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { Field, SelectField } from "~/components/ui/Field";
import { formatMoney } from "~/lib/money";
import { invoiceRequestSchema } from "~/modules/memberships/schemas";

export function InvoiceRequestForm({
  tiers,
  countries,
  lastResult,
  defaultValue,
}: {
  tiers: { id: string; name: string; priceMinor: number; currency: string }[];
  /** ISO 3166 countries by name (issue 13, item 8), from the loader. */
  countries: { value: string; label: string }[];
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: Record<string, unknown>;
}) {
  const [form, fields] = useSchemaForm(invoiceRequestSchema, lastResult, defaultValue);
  return (
    <SchemaForm form={form} intent="join-invoice" className="space-y-4">
      <SelectField
        label="Tier"
        options={tiers.map((t) => ({
          value: t.id,
          label: `${t.name}: ${formatMoney({ amountMinor: t.priceMinor, currency: t.currency })} / year`,
        }))}
        {...fieldProps(fields.tierId)}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Billing contact" autoComplete="name" {...fieldProps(fields.billingName)} />
        <Field label="Billing email" type="email" autoComplete="email" {...fieldProps(fields.billingEmail)} />
      </div>
      <Field label="Street address" autoComplete="address-line1" {...fieldProps(fields.addressLine1)} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="City" autoComplete="address-level2" {...fieldProps(fields.city)} />
        <Field
          label="Postal code"
          autoComplete="postal-code"
          {...fieldProps(fields.postalCode)}
          required={false}
        />
        <SelectField
          label="Country"
          autoComplete="country"
          options={[{ value: "", label: "Choose a country" }, ...countries]}
          {...fieldProps(fields.country)}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Tax ID"
          help="VAT or other tax number, printed on the invoice; checked against the country's format"
          {...fieldProps(fields.taxId)}
          required={false}
        />
        <Field
          label="PO number"
          help="Your purchase order, printed on the invoice"
          {...fieldProps(fields.poNumber)}
          required={false}
        />
      </div>
      <Button type="submit">Request invoice</Button>
      <p className="text-sm text-muted">
        The invoice is due in 30 days. The membership starts when it is paid.
      </p>
    </SchemaForm>
  );
}

import { Form, useActionData, useNavigation } from "@remix-run/react";
import { fieldProps, useSchemaForm } from "~/components/forms";
import { Button } from "~/components/ui/Button";
import { Field, FormError } from "~/components/ui/Field";
import { formatMajorAmount } from "~/lib/money";
import { sizeBandSchema } from "~/modules/initiatives/schemas";
import type { action, loader } from "./route";

type Band = Awaited<ReturnType<typeof loader>>["bands"][number];

/** Hours and cost guidance for one initiative size, shown to proposers. */
export function SizeBandForm({ band }: { band: Band }) {
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const mine = reply?.initialValue?.intent === "size-band" && reply.initialValue?.size === band.size;
  const [form, fields] = useSchemaForm(sizeBandSchema, mine ? reply : undefined, {
    size: band.size,
    hoursMin: String(band.hoursMin),
    hoursMax: String(band.hoursMax),
    costMin: formatMajorAmount(band.costMinMinor, band.currency),
    costMax: formatMajorAmount(band.costMaxMinor, band.currency),
  });
  return (
    <Form
      method="post"
      id={form.id}
      onSubmit={form.onSubmit}
      noValidate
      className="grid items-end gap-3 rounded-lg border border-line bg-paper p-4 sm:grid-cols-5"
      aria-label={`Size ${band.size}`}
    >
      <input type="hidden" name="intent" value="size-band" />
      <input type="hidden" name="size" value={band.size} />
      <p className="font-semibold sm:col-span-5">Size {band.size}</p>
      <FormError errors={form.errors} />
      <Field label="Hours from" type="number" min={0} {...fieldProps(fields.hoursMin)} />
      <Field label="Hours to" type="number" min={0} {...fieldProps(fields.hoursMax)} />
      <Field label="Cost from (USD)" {...fieldProps(fields.costMin)} />
      <Field label="Cost to (USD)" {...fieldProps(fields.costMax)} />
      <div>
        <Button type="submit" variant="secondary" disabled={busy}>
          Save {band.size}
        </Button>
      </div>
    </Form>
  );
}

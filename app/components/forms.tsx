import { type FieldMetadata, type FormMetadata, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, type FormProps } from "@remix-run/react";
import { useRef } from "react";
import type * as z from "zod/v4/core";
import { CheckboxField, FormError } from "~/components/ui/Field";

// Client half of app/lib/forms.server.ts: the same zod schema validates on sending, then
// again as each answer is corrected, and the server's answer (lastResult) shows at the same fields.

/** Conform's "reset the form" answer (what `reply({ resetForm: true })` gives); one object, so it is reported once. */
const CLEARED: SubmissionResult<string[]> = { initialValue: null };

// biome-ignore lint/suspicious/noExplicitAny: any output; the input shape types the fields
export function useSchemaForm<Schema extends z.$ZodType<any, Record<string, unknown>>>(
  schema: Schema,
  lastResult: SubmissionResult<string[]> | null | undefined,
  defaultValue?: Record<string, unknown>,
) {
  // A page with several forms hands each only its own answer. Once this form has had one, an
  // answer that is not its own (another form's, or none after a redirect) clears its errors:
  // Conform keeps the last result it saw, so they would otherwise stay on screen.
  const answered = useRef(false);
  if (lastResult) answered.current = true;
  return useForm<z.input<Schema>, z.output<Schema>, string[]>({
    lastResult: lastResult ?? (answered.current ? CLEARED : undefined),
    defaultValue: defaultValue as never,
    constraint: getZodConstraint(schema),
    // Not on leaving a field: a message that appears as the field blurs moves the button under
    // a pointer on its way to it, and the click that caused the blur lands on nothing. After
    // the first send, each field is checked again as it is typed in, so an error clears as soon
    // as it is fixed (ADR 0018).
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

/** Props for Field/TextareaField/SelectField from a conform field. */
// biome-ignore lint/suspicious/noExplicitAny: accepts a field of any form
export function fieldProps(meta: FieldMetadata<any, any, string[]>) {
  return {
    id: meta.id,
    name: meta.name,
    defaultValue: typeof meta.initialValue === "string" ? meta.initialValue : undefined,
    required: meta.required,
    errors: meta.errors,
  };
}

/**
 * The box a form that cannot be undone asks to be ticked before it is sent: its schema has
 * `confirm: z.literal("on", { error })`, so the browser and the server refuse it unticked.
 */
export function ConfirmField({
  meta,
  label,
  help,
}: {
  // biome-ignore lint/suspicious/noExplicitAny: accepts the confirm field of any form
  meta: FieldMetadata<any, any, string[]>;
  label: string;
  help: string;
}) {
  return (
    <CheckboxField label={label} name={meta.name} id={meta.id} value="on" errors={meta.errors} help={help} />
  );
}

/**
 * The opening every schema form repeats: a posting `<Form>` wired to Conform (id, onSubmit,
 * noValidate so the schema speaks rather than the browser), the hidden `intent` the route's
 * action dispatches on, and the form-level errors above the fields.
 */
export function SchemaForm({
  form,
  intent,
  children,
  ...props
}: {
  // biome-ignore lint/suspicious/noExplicitAny: accepts the metadata of any form
  form: Pick<FormMetadata<any, string[]>, "id" | "onSubmit" | "errors">;
  intent?: string;
} & Omit<FormProps, "id" | "onSubmit" | "noValidate">) {
  return (
    <Form method="post" {...props} id={form.id} onSubmit={form.onSubmit} noValidate>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <FormError errors={form.errors} />
      {children}
    </Form>
  );
}

import { type FieldMetadata, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type * as z from "zod/v4/core";

// Client half of app/lib/forms.server.ts: the same zod schema validates as you go,
// and the server's answer (lastResult) shows at the same fields.

// biome-ignore lint/suspicious/noExplicitAny: any output; the input shape types the fields
export function useSchemaForm<Schema extends z.$ZodType<any, Record<string, unknown>>>(
  schema: Schema,
  lastResult: SubmissionResult<string[]> | null | undefined,
  defaultValue?: Record<string, unknown>,
) {
  return useForm<z.input<Schema>, z.output<Schema>, string[]>({
    lastResult: lastResult ?? undefined,
    defaultValue: defaultValue as never,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
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

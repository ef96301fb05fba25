import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type * as z from "zod/v4/core";
import { isUniqueViolation, ValidationError } from "./errors";

// One way to run a form action: parse with the shared zod schema, run the work,
// and answer 400 with errors at each field (or about the whole form) when it fails.

export async function handleForm<Schema extends z.$ZodType>(
  formData: FormData,
  schema: Schema,
  work: (value: z.output<Schema>) => Promise<Response>,
): Promise<Response | ReturnType<typeof data<SubmissionResult<string[]>>>> {
  const submission = parseWithZod(withoutNul(formData), { schema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password", "confirm", "currentPassword"] }), {
      status: 400,
    });
  }
  try {
    return await work(submission.value);
  } catch (error) {
    // Two tabs creating the same thing at once: the unique index decides; the loser is told.
    if (isUniqueViolation(error))
      return data(
        submission.reply({
          formErrors: ["This was just saved by another request. Reload the page to see it."],
          hideFields: ["password", "confirm", "currentPassword"],
        }),
        { status: 409 },
      );
    if (!(error instanceof ValidationError)) throw error;
    const { form, ...fieldErrors } = error.fieldErrors;
    return data(
      submission.reply({
        formErrors: form,
        fieldErrors,
        hideFields: ["password", "confirm", "currentPassword"],
      }),
      { status: 400 },
    );
  }
}

/** NUL characters removed from every text field: PostgreSQL cannot store them in text. */
function withoutNul(formData: FormData) {
  const clean = new FormData();
  for (const [name, value] of formData) {
    clean.append(name, typeof value === "string" ? value.replaceAll("\u0000", "") : value);
  }
  return clean;
}

/** The submitted `intent` of a form with several buttons. */
export function intentOf(formData: FormData) {
  return String(formData.get("intent") ?? "");
}

import { z } from "zod";
import { parseMajorAmount } from "~/lib/money";
import { initiativePriorities, initiativeSizes, initiativeStatuses } from "~/modules/initiatives/values";

// Forms of the initiatives context, shared by the server (handleForm) and the
// browser (useSchemaForm).

/** The largest amount a money column holds (PostgreSQL integer, in cents). */
const MAX_MINOR = 2_147_483_647;

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep the ${label} under ${max.toLocaleString("en")} characters.`)
    .default("");

const idList = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.uuid({ error: "Choose from the list." })).max(50));

const optionalAmount = (label: string) =>
  z
    .string()
    .trim()
    .default("")
    .refine((v) => v === "" || parseMajorAmount(v, "USD") !== null, `Enter ${label} like 25000 or 25000.00.`)
    .refine(
      (v) => v === "" || (parseMajorAmount(v, "USD") ?? 0) <= MAX_MINOR,
      "Keep amounts under $21 million.",
    );

/** The proposal form. A draft needs only a title; submitting checks completeness (below). */
export const proposalSchema = z.object({
  title: z
    .string({ error: "Enter a title." })
    .trim()
    .min(5, "Use at least 5 characters for the title.")
    .max(120, "Keep the title under 120 characters.")
    // Titles go into email subjects: no line breaks or other control characters.
    .transform((v) => v.replace(/\p{Cc}+/gu, " ")),
  summary: optionalText(280, "summary"),
  problem: optionalText(20_000, "problem"),
  solution: optionalText(20_000, "proposed solution"),
  plan: optionalText(20_000, "implementation plan"),
  projectIds: idList,
  suggestedProject: optionalText(120, "project name"),
  suggestedProjectUrl: z
    .string()
    .trim()
    .max(500)
    .default("")
    .refine((v) => v === "" || z.url({ protocol: /^https?$/ }).safeParse(v).success, {
      message: "Enter the project's address, like https://github.com/jupyterhub/example.",
    }),
  hubIds: idList,
  size: z.union([z.literal(""), z.enum(initiativeSizes, { error: "Choose a size." })]).default(""),
  suggestedGoal: optionalAmount("a goal"),
});
export type ProposalForm = z.infer<typeof proposalSchema>;

/** Field errors that keep a complete-looking proposal from being submitted. */
export function submissionProblems(
  proposal: Pick<ProposalForm, "summary" | "problem" | "solution" | "plan" | "size"> & {
    projectCount: number;
  },
): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const need = (field: string, value: string, min: number, what: string) => {
    if (value.trim().length < min)
      problems[field] = [`Describe the ${what} in at least ${min} characters before submitting.`];
  };
  need("summary", proposal.summary, 20, "summary");
  need("problem", proposal.problem, 40, "problem");
  need("solution", proposal.solution, 40, "proposed solution");
  need("plan", proposal.plan, 40, "implementation plan");
  if (!proposal.size) problems.size = ["Choose a size before submitting."];
  if (proposal.projectCount === 0)
    problems.projectIds = ["Choose at least one upstream project, or suggest one, before submitting."];
  return problems;
}

export const transitionSchema = z.object({
  to: z.enum(initiativeStatuses, { error: "Choose a decision." }),
  rationale: optionalText(5_000, "rationale"),
  goal: optionalAmount("the goal"),
  minBackers: z
    .union([
      z.literal(""),
      z.coerce
        .number({ error: "Enter a whole number." })
        .int("Enter a whole number.")
        .min(1, "At least one backing organization.")
        .max(1000),
    ])
    .default(""),
  pledgeDeadline: z
    .union([z.literal(""), z.iso.date({ error: "Enter a date like 2027-03-31." })])
    .default(""),
});
export type TransitionForm = z.infer<typeof transitionSchema>;

export const endorsementSchema = z.object({
  organizationId: z.uuid({ error: "Choose the organization that endorses." }),
  hubIds: idList,
  note: optionalText(1_000, "note"),
});

/** A leverage score: 0 to 3, and chosen (an unset score is not a zero; issue 13, item 2). */
const score = z
  .string({ error: "Score it 0 to 3." })
  .trim()
  .regex(/^[0-3]$/, "Score it 0 to 3.")
  .transform(Number);

export const reviewSchema = z.object({
  technical: score,
  network: score,
  ecosystem: score,
  sustainability: score,
  note: optionalText(5_000, "note"),
});

export const triageSchema = z.object({
  assigneeId: z.union([z.literal(""), z.uuid()]).default(""),
  priority: z.enum(initiativePriorities, { error: "Choose a priority." }),
});

export const noteSchema = z.object({
  body: z.string({ error: "Write the note." }).trim().min(1, "Write the note.").max(5_000),
});

export const updateSchema = z.object({
  title: z
    .string({ error: "Give the update a title." })
    .trim()
    .min(3, "Use at least 3 characters.")
    .max(120, "Keep the title under 120 characters."),
  body: z
    .string({ error: "Write the update." })
    .trim()
    .min(10, "Write at least 10 characters.")
    .max(20_000, "Keep the update under 20,000 characters."),
});

export const duplicateSchema = z.object({
  originalSlug: z
    .string({ error: "Enter the original initiative's address." })
    .trim()
    .min(1, "Enter the original initiative's address.")
    .transform((v) => v.replace(/^.*\/initiatives\//, "").replace(/[/?#].*$/, "")),
  rationale: optionalText(2_000, "rationale"),
  // A merge declines this initiative and moves its endorsements for good.
  confirm: z.literal("on", { error: "Confirm the merge: it cannot be undone." }),
});

export const projectSchema = z.object({
  name: z.string({ error: "Enter the project's name." }).trim().min(2, "Use at least 2 characters.").max(120),
  url: z
    .string()
    .trim()
    .max(500)
    .default("")
    .refine((v) => v === "" || z.url({ protocol: /^https?$/ }).safeParse(v).success, {
      message: "Enter an address like https://github.com/jupyterhub/jupyterhub.",
    }),
  description: optionalText(500, "description"),
});

export const sizeBandSchema = z
  .object({
    size: z.enum(initiativeSizes),
    hoursMin: z.coerce.number({ error: "Enter hours." }).int("Whole hours.").min(0).max(100_000),
    hoursMax: z.coerce.number({ error: "Enter hours." }).int("Whole hours.").min(0).max(100_000),
    costMin: z.string().trim(),
    costMax: z.string().trim(),
  })
  .superRefine((band, ctx) => {
    if (band.hoursMax < band.hoursMin)
      ctx.addIssue({ code: "custom", path: ["hoursMax"], message: "At least the minimum." });
    const min = parseMajorAmount(band.costMin, "USD");
    const max = parseMajorAmount(band.costMax, "USD");
    if (min === null) ctx.addIssue({ code: "custom", path: ["costMin"], message: "Enter an amount." });
    if (max === null) ctx.addIssue({ code: "custom", path: ["costMax"], message: "Enter an amount." });
    if (max !== null && max > MAX_MINOR)
      ctx.addIssue({ code: "custom", path: ["costMax"], message: "Keep amounts under $21 million." });
    if (min !== null && max !== null && max < min)
      ctx.addIssue({ code: "custom", path: ["costMax"], message: "At least the minimum." });
  });

const checkbox = z
  .literal("on")
  .optional()
  .transform((v) => v === "on");

export const preferencesSchema = z.object({
  initiativeStatus: checkbox,
  initiativeUpdates: checkbox,
  initiativeEndorsements: checkbox,
  initiativeSubmissions: checkbox,
});

/** Query string of /initiatives. */
export const catalogQuerySchema = z.object({
  // Control characters (a NUL would make PostgreSQL refuse the query) become spaces.
  q: z
    .string()
    .max(200)
    .transform((v) => v.replace(/\p{Cc}+/gu, " ").trim() || undefined)
    .optional()
    .catch(undefined),
  status: z
    .enum(["in_review", "changes_requested", "open", "funded", "in_progress", "delivered"])
    .optional()
    .catch(undefined),
  project: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional()
    .catch(undefined),
  size: z.enum(initiativeSizes).optional().catch(undefined),
  sort: z.enum(["newest", "demand", "closest", "deadline"]).default("newest").catch("newest"),
});
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

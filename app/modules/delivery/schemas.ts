import { z } from "zod";
import { deliverableKinds, deliveryOutcomes } from "~/modules/delivery/values";

const today = () => new Date().toISOString().slice(0, 10);
const isoDate = (message: string) => z.iso.date({ error: message });
const optionalDate = z
  .union([z.literal(""), isoDate("Enter a date like 2026-11-01.")])
  .optional()
  .transform((v) => v || null);

export const milestoneSchema = z.object({
  title: z.string({ error: "Name the milestone." }).trim().min(3, "Use at least 3 characters.").max(160),
  description: z.string().trim().max(2000, "Keep it under 2,000 characters.").default(""),
  dueOn: optionalDate,
  reachedOn: optionalDate.refine((v) => !v || v <= today(), "A milestone cannot be reached in the future."),
});
export type MilestoneInput = z.infer<typeof milestoneSchema>;

/** Upstream versions as projects write them: 5.2.0, 4.1.0b1, v2.3 (at most three numbers). */
const VERSION = /^v?\d{1,6}(\.\d{1,6}){0,2}([a-z]+\d*|[-.+][0-9A-Za-z.-]+)?$/;

export const deliverableSchema = z
  .object({
    kind: z.enum(deliverableKinds, { error: "Choose pull request, release or documentation." }),
    title: z
      .string({ error: "Describe what was delivered." })
      .trim()
      .min(3, "Use at least 3 characters.")
      .max(200),
    url: z
      .string({ error: "Link to the pull request, release or page." })
      .trim()
      .max(500)
      .pipe(z.url({ protocol: /^https$/, error: "Link to an https address, like https://github.com/…" })),
    projectId: z
      .union([z.literal(""), z.uuid({ error: "Choose an upstream project from the list." })])
      .optional()
      .transform((v) => v || null),
    releaseVersion: z
      .string()
      .trim()
      .max(40)
      .optional()
      .transform((v) => v || null)
      .refine((v) => !v || VERSION.test(v), "Write the version as the project does, like 5.2.0."),
    deliveredOn: isoDate("Enter the date it landed, like 2026-11-01.").refine(
      (v) => v <= today(),
      "The date cannot be in the future.",
    ),
  })
  .superRefine((d, ctx) => {
    if (d.kind === "release" && !d.releaseVersion)
      ctx.addIssue({ code: "custom", path: ["releaseVersion"], message: "Say which version was released." });
    if (d.releaseVersion && !d.projectId)
      ctx.addIssue({
        code: "custom",
        path: ["projectId"],
        message: "Say which project's release contains it.",
      });
  });
export type DeliverableInput = z.infer<typeof deliverableSchema>;

export const rolloutSchema = z.object({
  hubId: z.uuid({ error: "Choose one of your hubs." }),
  reportedOn: isoDate("Enter the date, like 2026-11-01.").refine(
    (v) => v <= today(),
    "The date cannot be in the future.",
  ),
});
export type RolloutInput = z.infer<typeof rolloutSchema>;

export const reportSchema = z
  .object({
    outcome: z.enum(deliveryOutcomes, { error: "Say whether the work was delivered." }),
    delivered: z.string().trim().max(10_000).default(""),
    notDelivered: z.string().trim().max(10_000).default(""),
    next: z.string().trim().max(10_000).default(""),
    confirm: z.literal("on", { error: "Confirm that the report is final and public." }),
  })
  .superRefine((r, ctx) => {
    if (r.outcome === "delivered" && r.delivered.length < 20)
      ctx.addIssue({
        code: "custom",
        path: ["delivered"],
        message: "Say what was delivered (at least 20 characters); it is public.",
      });
    if (r.outcome === "not_delivered" && r.notDelivered.length < 20)
      ctx.addIssue({
        code: "custom",
        path: ["notDelivered"],
        message: "Say what was not delivered and why (at least 20 characters); it is the public rationale.",
      });
  });
export type ReportInput = z.infer<typeof reportSchema>;

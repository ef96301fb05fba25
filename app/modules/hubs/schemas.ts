import { z } from "zod";
import { hubStatuses } from "~/modules/hubs/values";
import { hubRoot } from "./hub-address";

const today = () => new Date().toISOString().slice(0, 10);

export const hubSchema = z
  .object({
    name: z.string({ error: "Enter the hub's name." }).trim().min(2, "Use at least 2 characters.").max(120),
    url: z
      .string({ error: "Enter the hub's address." })
      .trim()
      .max(500)
      .pipe(
        z.url({ protocol: /^https?$/, error: "Enter the hub's full address, like https://hub.example.org." }),
      )
      // Whatever page of the hub was pasted, the hub's root is stored (issue 11).
      .transform((v) => hubRoot(v)),
    description: z.string().trim().max(1000, "Keep the description under 1,000 characters.").default(""),
    region: z.string().trim().max(120, "Keep the cluster/region under 120 characters.").default(""),
    status: z.enum(hubStatuses, { error: "Choose active or retired." }).default("active"),
    userCount: z
      .union([
        z.literal(""),
        z.coerce
          .number({ error: "Enter a whole number." })
          .int("Enter a whole number.")
          .min(0, "Users cannot be negative.")
          .max(10_000_000),
      ])
      .optional()
      .transform((v) => (v === "" || v === undefined ? null : v)),
    usersReportedOn: z
      .union([z.literal(""), z.iso.date({ error: "Enter a date like 2026-11-01." })])
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => !v || v <= today(), "The report date cannot be in the future."),
  })
  .superRefine((hub, ctx) => {
    if (hub.userCount !== null && !hub.usersReportedOn) {
      ctx.addIssue({
        code: "custom",
        path: ["usersReportedOn"],
        message: "Say when the user count was reported.",
      });
    }
  });

export type HubInput = z.infer<typeof hubSchema>;

/** Hub URLs must be https in production (issue 2, item 7). */
export function requireHttps(url: string) {
  return new URL(url).protocol === "https:";
}

import { z } from "zod";
import { organizationKinds, organizationRoles } from "~/modules/organizations/values";

const RESERVED_SLUGS = new Set(["new", "edit", "admin", "staff", "api", "settings", "members", "orgs"]);

const optionalHttpsUrl = (label: string) =>
  z
    .string()
    .trim()
    .max(500, `Keep the ${label} under 500 characters.`)
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(
      z
        .url({
          protocol: /^https?$/,
          error: `Enter the ${label} as a full address, like https://example.org.`,
        })
        .optional(),
    );

export const organizationSchema = z.object({
  name: z
    .string({ error: "Enter the organization's name." })
    .trim()
    .min(2, "Use at least 2 characters.")
    .max(120),
  slug: z
    .string({ error: "Choose a short web address." })
    .trim()
    .toLowerCase()
    .min(3, "Use at least 3 characters.")
    .max(60, "Use at most 60 characters.")
    .regex(
      /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
      "Use lowercase letters, digits and single hyphens, like 'ocean-lab'.",
    )
    .refine((s) => !RESERVED_SLUGS.has(s), "This address is reserved. Choose another."),
  kind: z.enum(organizationKinds, { error: "Choose institution or community." }),
  website: optionalHttpsUrl("website"),
  description: z.string().trim().max(500, "Keep the description under 500 characters.").default(""),
  isPublic: z
    .union([z.literal("on"), z.literal("true"), z.boolean()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
  showMembership: z
    .union([z.literal("on"), z.literal("true"), z.boolean()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
});
export type OrganizationInput = z.infer<typeof organizationSchema>;

export const inviteSchema = z.object({
  email: z
    .string({ error: "Enter an email address." })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter a valid email address." })),
  role: z.enum(organizationRoles, { error: "Choose a role." }),
});

export const roleChangeSchema = z.object({
  userId: z.uuid(),
  role: z.enum(organizationRoles, { error: "Choose a role." }),
});

/** The buttons on a row of the people page: which invitation, which member. */
export const invitationIdSchema = z.object({ invitationId: z.uuid({ error: "Choose an invitation." }) });
export const memberIdSchema = z.object({ userId: z.uuid({ error: "Choose a member." }) });

/** What the logo upload accepts (issue 11); logo.server.ts still decodes it to be sure it is that image. */
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
export const LOGO_TYPES = ["image/png", "image/jpeg", "image/svg+xml"] as const;
export const logoErrors = {
  missing: "Choose an image file.",
  tooLarge: "The image is larger than 2 MB. Use a smaller file.",
  type: "Use a PNG, JPEG or SVG image.",
  unreadable: "The upload could not be read. Try again.",
};

export const logoSchema = z.object({
  logo: z
    .file({ error: logoErrors.missing })
    .min(1, logoErrors.missing)
    .max(LOGO_MAX_BYTES, logoErrors.tooLarge)
    .mime([...LOGO_TYPES], logoErrors.type),
});

export { slugify } from "~/lib/slug";

import { getZodConstraint } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import * as auth from "~/modules/auth/schemas";
import { hubSchema } from "~/modules/hubs/schemas";
import { tierSchema } from "~/modules/memberships/schemas";
import { inviteSchema, organizationSchema } from "~/modules/organizations/schemas";

// Every schema a form uses must stay readable by Conform in the browser; a
// top-level transform, for one, makes the page fail to render.
describe("form schemas", () => {
  const schemas = {
    signup: auth.signupSchema,
    login: auth.loginSchema,
    verify: auth.verifyCodeSchema,
    forgot: auth.forgotPasswordSchema,
    reset: auth.resetPasswordSchema,
    change: auth.changePasswordSchema,
    hub: hubSchema,
    tier: tierSchema,
    organization: organizationSchema,
    invite: inviteSchema,
  };
  it.each(Object.entries(schemas))("%s gives Conform its field constraints", (_name, schema) => {
    const constraint = getZodConstraint(schema);
    expect(Object.keys(constraint).length).toBeGreaterThan(0);
  });
});

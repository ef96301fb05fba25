import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import { DEMO_PASSWORD, signedInRequest } from "./support";

// Every route with every role (issue 2, item 13). Later issues add rows here.
// Expected values: a status, or "login" for a redirect to the sign-in page.

type Role = "anonymous" | "other" | "member" | "admin" | "staff";
type Expect = number | "login" | "redirect";
type Row = {
  method: "GET" | "POST";
  path: string;
  form?: Record<string, string>;
  expect: Record<Role, Expect>;
};

const ACCOUNTS: Record<Exclude<Role, "anonymous">, string> = {
  other: "admin@geocarpentry.test", // owner of another organization
  member: "member@northbridge.test",
  admin: "admin@northbridge.test",
  staff: "staff@commons.test",
};

const everyone = (status: Expect): Record<Role, Expect> => ({
  anonymous: status,
  other: status,
  member: status,
  admin: status,
  staff: status,
});
const signedIn = { anonymous: "login", other: 200, member: 200, admin: 200, staff: 200 } as const;
const orgViewers = { anonymous: "login", other: 403, member: 200, admin: 200, staff: 200 } as const;
const orgAdmins = { anonymous: "login", other: 403, member: 403, admin: 200, staff: 403 } as const;
// An empty form from someone allowed is a validation error (400), never a 500.
const orgAdminForm = { anonymous: "login", other: 403, member: 403, admin: 400, staff: 403 } as const;
const guestOnly = {
  anonymous: 200,
  other: "redirect",
  member: "redirect",
  admin: "redirect",
  staff: "redirect",
} as const;

const staffOnly = { anonymous: "login", other: 403, member: 403, admin: 403, staff: 200 } as const;
// A form with nothing in it from staff is a 400; everyone else is refused first.
const staffForm = { anonymous: "login", other: 403, member: 403, admin: 403, staff: 400 } as const;
// Proposals: every member of the organization may propose; staff and outsiders may not.
const orgMembers = { anonymous: "login", other: 403, member: 200, admin: 200, staff: 403 } as const;
const orgMemberForm = { anonymous: "login", other: 403, member: 400, admin: 400, staff: 403 } as const;
// A Northbridge draft: only its organization and staff know it exists.
const PRIVATE_INITIATIVE = "/initiatives/data-retention-policy-tooling";
// Open for pledges, proposed by Northbridge: public, no longer editable.
const OPEN_INITIATIVE = "/initiatives/course-roster-sync-from-learning-management-systems";
const signedInForm = { anonymous: "login", other: 400, member: 400, admin: 400, staff: 400 } as const;

const ORG = "/orgs/northbridge-university";
const IN_PROGRESS = "/initiatives/usage-metrics-every-hub-reports-the-same-way";
const ROUTES: Row[] = [
  { method: "GET", path: "/", expect: everyone(200) },
  { method: "GET", path: "/healthz", expect: everyone(200) },
  { method: "GET", path: "/initiatives", expect: everyone(200) },
  { method: "GET", path: "/membership", expect: everyone(200) },
  // A join link for no tier goes back to the pricing page; a real tier's link leads each
  // person to their next step (tests/e2e/joining.spec.ts walks it).
  { method: "GET", path: "/membership/join?tier=not-a-tier", expect: everyone("redirect") },
  { method: "GET", path: "/membership/join", expect: everyone("redirect") },
  { method: "GET", path: "/members", expect: everyone(200) },
  { method: "GET", path: "/members/northbridge-university", expect: everyone(200) },
  { method: "GET", path: "/members/pacific-health-sciences", expect: everyone(404) },
  { method: "GET", path: "/no-such-page", expect: everyone(404) },
  { method: "GET", path: "/dev/outbox", expect: everyone(404) },
  { method: "GET", path: "/login", expect: guestOnly },
  { method: "GET", path: "/signup", expect: guestOnly },
  { method: "GET", path: "/forgot-password", expect: everyone(200) },
  { method: "GET", path: "/reset-password?token=nope", expect: everyone(200) },
  { method: "GET", path: "/invitations/not-a-token", expect: everyone(200) },
  {
    method: "POST",
    path: "/invitations/not-a-token",
    expect: { anonymous: "login", other: 404, member: 404, admin: 404, staff: 404 },
  },
  { method: "GET", path: "/account", expect: signedIn },
  {
    method: "POST",
    path: "/account",
    expect: { anonymous: "login", other: 400, member: 400, admin: 400, staff: 400 },
  },
  {
    method: "GET",
    path: "/verify-email",
    expect: {
      anonymous: "login",
      other: "redirect",
      member: "redirect",
      admin: "redirect",
      staff: "redirect",
    },
  },
  { method: "GET", path: "/orgs/new", expect: signedIn },
  {
    method: "POST",
    path: "/orgs/new",
    expect: { anonymous: "login", other: 400, member: 400, admin: 400, staff: 400 },
  },
  { method: "GET", path: ORG, expect: orgViewers },
  { method: "GET", path: `${ORG}/hubs`, expect: orgViewers },
  {
    method: "POST",
    path: `${ORG}/hubs`,
    form: { hubId: "00000000-0000-0000-0000-000000000000" },
    expect: { ...orgAdmins, admin: 404 },
  },
  { method: "GET", path: `${ORG}/people`, expect: orgViewers },
  { method: "POST", path: `${ORG}/people`, form: { intent: "invite" }, expect: orgAdminForm },
  { method: "POST", path: `${ORG}/people`, form: { intent: "role", userId: "x" }, expect: orgAdminForm },
  { method: "GET", path: `${ORG}/hubs/new`, expect: orgAdmins },
  { method: "POST", path: `${ORG}/hubs/new`, expect: orgAdminForm },
  {
    method: "GET",
    path: `${ORG}/hubs/00000000-0000-0000-0000-000000000000`,
    expect: { ...orgAdmins, admin: 404 },
  },
  { method: "GET", path: `${ORG}/settings`, expect: orgAdmins },
  { method: "POST", path: `${ORG}/settings`, expect: orgAdminForm },
  { method: "GET", path: `${ORG}/activity`, expect: orgAdmins },
  {
    method: "GET",
    path: "/orgs/pacific-health-sciences",
    expect: { anonymous: "login", other: 404, member: 404, admin: 404, staff: 200 },
  },
  {
    method: "GET",
    path: "/orgs/no-such-org",
    expect: { anonymous: "login", other: 404, member: 404, admin: 404, staff: 404 },
  },
  {
    method: "GET",
    path: "/staff",
    expect: { anonymous: "login", other: 403, member: 403, admin: 403, staff: 200 },
  },
  { method: "POST", path: "/logout", expect: everyone("redirect") },

  // Memberships and payments (issue 3).
  { method: "GET", path: `${ORG}/billing`, expect: orgAdmins },
  { method: "POST", path: `${ORG}/billing`, expect: orgAdminForm },
  { method: "POST", path: `${ORG}/billing`, form: { intent: "join-card" }, expect: orgAdminForm },
  {
    method: "POST",
    path: `${ORG}/billing`,
    form: { intent: "change-tier", tierId: "x" },
    expect: orgAdminForm,
  },
  { method: "GET", path: `${ORG}/billing/confirm?session_id=cs_nope`, expect: { ...orgAdmins, admin: 404 } },
  // Receipts: organization admins only; another organization's receipt id is a 404.
  {
    method: "GET",
    path: `${ORG}/billing/receipts/00000000-0000-0000-0000-000000000000`,
    expect: { ...orgAdmins, admin: 404 },
  },
  { method: "GET", path: `${ORG}/billing/receipts/not-a-receipt`, expect: { ...orgAdmins, admin: 404 } },
  { method: "GET", path: `${ORG}/billing/statement`, expect: orgAdmins },
  { method: "GET", path: `${ORG}/billing/statement?from=2026-13-45&to=x`, expect: orgAdmins },
  { method: "GET", path: `${ORG}/billing/statement.csv?from=2026-01-01&to=2026-12-31`, expect: orgAdmins },
  { method: "GET", path: `${ORG}/billing/statement.csv?from=bad`, expect: { ...orgAdmins, admin: 400 } },
  { method: "GET", path: "/staff/memberships", expect: staffOnly },
  { method: "GET", path: "/staff/memberships/export.csv", expect: staffOnly },
  { method: "GET", path: "/staff/tiers", expect: staffOnly },
  { method: "POST", path: "/staff/tiers", expect: staffForm },
  { method: "POST", path: "/staff/tiers", form: { intent: "save" }, expect: staffForm },
  {
    method: "GET",
    path: "/staff/tiers/00000000-0000-0000-0000-000000000000",
    expect: { ...staffOnly, staff: 404 },
  },
  { method: "GET", path: "/staff/subsidies", expect: staffOnly },
  { method: "POST", path: "/staff/subsidies", expect: staffForm },
  { method: "GET", path: "/staff/reconciliation", expect: staffOnly },
  { method: "GET", path: "/staff/statement", expect: staffOnly },
  { method: "GET", path: "/staff/statement.csv?from=2026-01-01&to=2026-12-31", expect: staffOnly },
  {
    method: "POST",
    path: "/staff/reconciliation",
    form: { intent: "resend-email", messageId: "00000000-0000-0000-0000-000000000000" },
    expect: { ...staffOnly, staff: "redirect" },
  },
  { method: "POST", path: "/webhooks/stripe", expect: everyone(400) },

  // Initiatives (issue 4).
  { method: "GET", path: "/initiatives?q=gpu+quota&sort=demand&size=M", expect: everyone(200) },
  { method: "GET", path: OPEN_INITIATIVE, expect: everyone(200) },
  { method: "GET", path: "/initiatives/no-such-initiative", expect: everyone(404) },
  { method: "GET", path: "/initiatives/%00", expect: everyone(400) },
  { method: "POST", path: OPEN_INITIATIVE, form: { intent: "endorse" }, expect: signedInForm },
  { method: "POST", path: OPEN_INITIATIVE, form: { intent: "post-update" }, expect: signedInForm },
  {
    method: "GET",
    path: `${OPEN_INITIATIVE}/edit`,
    expect: { anonymous: "login", other: 403, member: 403, admin: 403, staff: 403 },
  },
  {
    method: "GET",
    path: PRIVATE_INITIATIVE,
    expect: { anonymous: 404, other: 404, member: 200, admin: 200, staff: 200 },
  },
  {
    method: "POST",
    path: PRIVATE_INITIATIVE,
    form: { intent: "post-update" },
    expect: { anonymous: "login", other: 404, member: 400, admin: 400, staff: 400 },
  },
  {
    method: "GET",
    path: `${PRIVATE_INITIATIVE}/edit`,
    expect: { anonymous: "login", other: 404, member: 200, admin: 200, staff: 200 },
  },
  {
    method: "POST",
    path: `${PRIVATE_INITIATIVE}/edit`,
    expect: { anonymous: "login", other: 404, member: 400, admin: 400, staff: 400 },
  },
  { method: "GET", path: `${ORG}/initiatives`, expect: orgViewers },
  { method: "GET", path: `${ORG}/initiatives/new`, expect: orgMembers },
  { method: "POST", path: `${ORG}/initiatives/new`, expect: orgMemberForm },
  { method: "GET", path: "/staff/initiatives", expect: staffOnly },
  { method: "GET", path: "/staff/initiatives?status=in_review&assignee=me&size=S", expect: staffOnly },
  // Malformed filters are ignored, never passed to the database.
  { method: "GET", path: `/staff/initiatives?project=${"-".repeat(36)}&assignee=x`, expect: staffOnly },
  {
    method: "GET",
    path: "/initiatives?status=nope&size=XXL&sort=drop&page=-3&q=%01&project=%01",
    expect: everyone(200),
  },
  { method: "GET", path: "/staff/initiatives/per-user-storage-quotas-with-warnings", expect: staffOnly },
  { method: "POST", path: "/staff/initiatives/per-user-storage-quotas-with-warnings", expect: staffForm },
  {
    method: "POST",
    path: "/staff/initiatives/per-user-storage-quotas-with-warnings",
    form: { intent: "transition" },
    expect: staffForm,
  },
  { method: "GET", path: "/staff/projects", expect: staffOnly },
  { method: "POST", path: "/staff/projects", form: { intent: "create-project" }, expect: staffForm },
  { method: "GET", path: "/account/notifications", expect: signedIn },
  {
    method: "POST",
    path: "/account/notifications",
    // Every email on: the default, so this row changes nothing for the other journeys.
    form: {
      initiativeStatus: "on",
      initiativeUpdates: "on",
      initiativeEndorsements: "on",
      initiativeSubmissions: "on",
    },
    expect: {
      anonymous: "login",
      other: "redirect",
      member: "redirect",
      admin: "redirect",
      staff: "redirect",
    },
  },
  // Pledges (issue 10): pledging needs an admin or owner of the organization named in the form.
  { method: "GET", path: `${OPEN_INITIATIVE}/pledge`, expect: signedIn },
  { method: "POST", path: `${OPEN_INITIATIVE}/pledge`, expect: signedInForm },
  {
    method: "POST",
    path: `${OPEN_INITIATIVE}/pledge`,
    form: { organizationId: "00000000-0000-4000-8000-000000000000", amount: "500", method: "invoice" },
    expect: signedInForm,
  },
  {
    method: "GET",
    path: `${PRIVATE_INITIATIVE}/pledge`,
    expect: { anonymous: "login", other: 404, member: "redirect", admin: "redirect", staff: "redirect" },
  },
  {
    method: "GET",
    path: `${ORG}/pledges/00000000-0000-0000-0000-000000000000`,
    expect: { ...orgViewers, member: 404, admin: 404, staff: 404 },
  },
  {
    method: "POST",
    path: `${ORG}/pledges/00000000-0000-0000-0000-000000000000`,
    form: { intent: "cancel" },
    expect: { ...orgAdmins, admin: 404 },
  },
  { method: "GET", path: "/staff/collections", expect: staffOnly },
  { method: "POST", path: "/staff/collections", expect: { ...staffOnly, staff: "redirect" } },
  { method: "GET", path: "/staff/collections/shared-gpu-quota-dashboard", expect: staffOnly },
  {
    method: "POST",
    path: "/staff/collections/shared-gpu-quota-dashboard",
    form: { intent: "close" },
    expect: staffForm,
  },
  { method: "GET", path: "/staff/pool", expect: staffOnly },
  { method: "POST", path: "/staff/pool", expect: staffForm },
  // Credit (issue 11): public pages and resources for everyone; recording the work for staff
  // and the proposing organization's admins (Northbridge proposed the usage metrics work).
  { method: "GET", path: "/credits", expect: everyone(200) },
  { method: "GET", path: `${IN_PROGRESS}/delivery`, expect: { ...orgAdmins, staff: 200 } },
  {
    method: "POST",
    path: `${IN_PROGRESS}/delivery`,
    form: { intent: "milestone" },
    expect: { ...orgAdminForm, staff: 400 },
  },
  { method: "GET", path: `${PRIVATE_INITIATIVE}/delivery`, expect: { ...orgAdmins, other: 404, staff: 200 } },
  {
    method: "POST",
    path: IN_PROGRESS,
    form: {
      intent: "report-rollout",
      hubId: "00000000-0000-4000-8000-000000000000",
      reportedOn: "2026-01-01",
    },
    expect: { anonymous: "login", other: 404, member: 404, admin: 404, staff: 404 },
  },
  { method: "GET", path: `${ORG}/logo`, expect: orgAdmins },
  { method: "POST", path: `${ORG}/logo`, expect: orgAdminForm },
  { method: "GET", path: "/logos/000000000000000000000000.png", expect: everyone(404) },
  { method: "GET", path: `${OPEN_INITIATIVE}/badge.svg`, expect: everyone(200) },
  { method: "GET", path: `${PRIVATE_INITIATIVE}/badge.svg`, expect: everyone(404) },
  { method: "GET", path: `${PRIVATE_INITIATIVE}/og.png`, expect: everyone(404) },
  { method: "GET", path: "/api/v1/initiatives", expect: everyone(200) },
  { method: "GET", path: "/api/v1/openapi.json", expect: everyone(200) },
  { method: "POST", path: "/api/v1/initiatives", expect: everyone(405) },
  { method: "GET", path: "/feeds/initiatives.atom", expect: everyone(200) },
  { method: "GET", path: "/sitemap.xml", expect: everyone(200) },
  { method: "GET", path: "/unsubscribe/not-a-token", expect: everyone(404) },
  { method: "POST", path: "/unsubscribe/not-a-token", expect: everyone(404) },
];

const contexts = new Map<Role, APIRequestContext>();

test.beforeAll(async ({ baseURL }) => {
  contexts.set("anonymous", await playwrightRequest.newContext({ baseURL }));
  for (const [role, email] of Object.entries(ACCOUNTS) as [Exclude<Role, "anonymous">, string][])
    contexts.set(role, await signedInRequest(baseURL, email));
});

test.afterAll(async () => {
  for (const context of contexts.values()) await context.dispose();
});

for (const row of ROUTES) {
  test(`${row.method} ${row.path}${row.form ? ` ${JSON.stringify(row.form)}` : ""}`, async () => {
    const outcomes: Record<string, Expect> = {};
    for (const role of Object.keys(row.expect) as Role[]) {
      // Signing out is checked with a throwaway session so the table's sessions survive.
      let context = contexts.get(role)!;
      let disposable: APIRequestContext | undefined;
      if (row.path === "/logout" && role !== "anonymous") {
        disposable = await playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL });
        await disposable.post("/login", {
          form: { email: ACCOUNTS[role], password: DEMO_PASSWORD },
          maxRedirects: 0,
        });
        context = disposable;
      }
      const response =
        row.method === "GET"
          ? await context.get(row.path, { maxRedirects: 0 })
          : await context.post(row.path, { form: row.form ?? {}, maxRedirects: 0 });
      const status = response.status();
      const location = response.headers().location ?? "";
      outcomes[role] = status === 302 ? (location.startsWith("/login") ? "login" : "redirect") : status;
      await disposable?.dispose();
    }
    expect(outcomes).toEqual(row.expect);
  });
}

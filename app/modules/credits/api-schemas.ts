import { z } from "zod";
import { deliverableKinds, rolloutStatuses } from "~/modules/delivery/values";
import { initiativeStatuses } from "~/modules/initiatives/values";
import { organizationKinds } from "~/modules/organizations/values";

// The read-only JSON API's response shapes (issue 11, section 3), written once: the
// OpenAPI document is generated from them, and a test validates real responses
// against the served document with an independent validator.

/** The response shapes by name: a registry of its own, so reloading this module in development cannot clash. */
export const apiRegistry = z.registry<{ id: string; description?: string }>();

export const API_MAX_PAGE_SIZE = 100;
export const API_DEFAULT_PAGE_SIZE = 20;

const money = z.int().nonnegative().describe("Integer minor units of `currency` (cents for USD).");
const day = z.iso.date();

export const organizationRef = z
  .object({ slug: z.string(), name: z.string(), url: z.url(), logoUrl: z.url().nullable() })
  .register(apiRegistry, { id: "OrganizationRef" });

export const funders = z
  .object({
    named: z.array(
      z.object({
        organization: organizationRef,
        amountMinor: money.nullable().describe("Null when the funder hides its amount."),
        shareBp: z.int().nullable().describe("Basis points of the money collected (pledged before funding)."),
        matchShareBp: z.int().nullable().describe("Basis points of the match."),
        on: day.describe("When the pledge was paid (committed, before collection)."),
      }),
    ),
    anonymous: z.object({
      count: z.int().nonnegative(),
      amountMinor: money.describe("The sum of the anonymous pledges that show their amount."),
      undisclosed: z.int().nonnegative().describe("Anonymous pledges that also hide their amount."),
    }),
  })
  .register(apiRegistry, { id: "Funders", description: "Anonymous funders are only counted and summed." });

const pagination = z
  .object({
    page: z.int().min(1),
    pageSize: z.int().min(1).max(API_MAX_PAGE_SIZE),
    total: z.int().nonnegative(),
    next: z.url().nullable(),
  })
  .register(apiRegistry, { id: "Pagination" });

export const initiativeSummary = z
  .object({
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    status: z.enum(initiativeStatuses),
    url: z.url(),
    badgeUrl: z.url(),
    proposer: organizationRef,
    currency: z.string().regex(/^[A-Z]{3}$/),
    goalMinor: money.nullable(),
    pledgedMinor: money,
    matchedMinor: money.nullable(),
    pledgingOrganizations: z.int().nonnegative(),
    pledgeDeadline: z.iso.datetime({ offset: true }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .register(apiRegistry, { id: "InitiativeSummary" });

export const initiativeDetail = initiativeSummary
  .extend({
    funders,
    deliverables: z.array(
      z.object({
        kind: z.enum(deliverableKinds),
        title: z.string(),
        url: z.url(),
        project: z.string().nullable(),
        releaseVersion: z.string().nullable(),
        deliveredOn: day,
      }),
    ),
    rollouts: z.object({
      named: z.array(
        z.object({
          hub: z.string(),
          organization: z.object({ slug: z.string(), name: z.string() }),
          status: z.enum(rolloutStatuses),
          since: day.nullable(),
        }),
      ),
      unlisted: z
        .int()
        .nonnegative()
        .describe("Rollouts on hubs of organizations that are not listed publicly."),
    }),
    reach: z.object({ hubs: z.int(), verifiedHubs: z.int(), users: z.int() }),
  })
  .register(apiRegistry, { id: "InitiativeDetail" });

export const initiativeList = z
  .object({ data: z.array(initiativeSummary), pagination })
  .register(apiRegistry, { id: "InitiativeList" });

export const organizationSummary = organizationRef
  .extend({ kind: z.enum(organizationKinds), hubs: z.int().nonnegative() })
  .register(apiRegistry, { id: "OrganizationSummary" });

export const organizationList = z
  .object({ data: z.array(organizationSummary), pagination })
  .register(apiRegistry, { id: "OrganizationList" });

const creditItem = z.object({
  slug: z.string(),
  title: z.string(),
  status: z.enum(initiativeStatuses),
  on: day,
});

export const organizationDetail = organizationSummary
  .extend({
    description: z.string(),
    website: z.string().nullable(),
    hubList: z.array(
      z.object({
        name: z.string(),
        url: z.url(),
        status: z.string(),
        users: z.int().nullable(),
        jupyterhubVersion: z.string().nullable(),
      }),
    ),
    funded: z.array(
      creditItem.extend({
        amountMinor: money.nullable(),
        currency: z.string(),
        shareBp: z.int().nullable(),
        current: z.boolean(),
      }),
    ),
    endorsed: z.array(creditItem),
    proposed: z.array(creditItem),
  })
  .register(apiRegistry, { id: "OrganizationDetail" });

export const stats = z
  .object({
    currency: z.string(),
    raisedMinor: money,
    matchedMinor: money,
    funded: z.int(),
    delivered: z.int(),
    communities: z.int(),
    institutions: z.int(),
    hubs: z.int(),
    users: z.int(),
  })
  .register(apiRegistry, { id: "Stats" });

export const hubFundedBy = z
  .object({
    hub: z.object({ name: z.string(), url: z.url() }),
    improvements: z.array(
      z.object({
        title: z.string(),
        url: z.url(),
        verified: z.boolean(),
        funders: z.array(z.string()).describe("Named funders only."),
        anonymousFunders: z.int().nonnegative(),
      }),
    ),
  })
  .register(apiRegistry, { id: "HubFundedBy" });

export const apiError = z.object({ error: z.string() }).register(apiRegistry, { id: "Error" });

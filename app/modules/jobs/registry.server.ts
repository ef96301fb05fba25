import { authJobs } from "~/modules/auth/jobs";
import { deliveryJobs } from "~/modules/delivery/jobs";
import { initiativeJobs } from "~/modules/initiatives/jobs";
import { ledgerJobs } from "~/modules/ledger/jobs";
import { membershipJobs, membershipStripeHandlers } from "~/modules/memberships/jobs";
import { notificationJobs } from "~/modules/notifications/jobs";
import type { StripeEventRoutes } from "~/modules/payments/event-processing.server";
import { stripeEventJob, stripeEventSweepJob } from "~/modules/payments/jobs";
import { pledgeJobs, pledgeStripeHandlers } from "~/modules/pledges/jobs";
import type { JobDefinition } from "./definitions";

// The one place that collects what each module declared (issue 9, section 2): its
// Stripe event handlers, by the `metadata.purpose` of the objects they own, and its
// background jobs. A new module adds one line here; the worker does not change.

export const stripeEventRoutes: StripeEventRoutes = {
  membership: membershipStripeHandlers,
  pledge: pledgeStripeHandlers,
};

export const jobDefinitions: JobDefinition[] = [
  stripeEventJob(stripeEventRoutes),
  stripeEventSweepJob,
  ...membershipJobs,
  ...ledgerJobs,
  ...initiativeJobs,
  ...notificationJobs,
  ...pledgeJobs,
  ...deliveryJobs,
  ...authJobs,
];

import type { InitiativeStatus } from "~/modules/initiatives/values";

// The initiative workflow (issue 4, item 2) in one table. Every allowed move names
// who may make it, whether it needs a written rationale, and whether the public
// timeline shows it. Anything not listed here is refused.

export type TransitionActor = "proposer" | "staff" | "system";

export type TransitionRule = {
  from: InitiativeStatus;
  to: InitiativeStatus;
  by: TransitionActor[];
  /** A rationale is required (and shown with the decision). */
  rationale: boolean;
  /** Shown on the public timeline (once the initiative itself is public). */
  public: boolean;
  /** Needs goal, minimum backers and a pledge deadline. */
  opensForPledges?: true;
  label: string;
};

export const TRANSITIONS: readonly TransitionRule[] = [
  { from: "draft", to: "submitted", by: ["proposer"], rationale: false, public: false, label: "Submit" },
  { from: "draft", to: "withdrawn", by: ["proposer"], rationale: false, public: false, label: "Withdraw" },
  {
    from: "submitted",
    to: "in_review",
    by: ["staff"],
    rationale: false,
    public: true,
    label: "Start review",
  },
  { from: "submitted", to: "declined", by: ["staff"], rationale: true, public: true, label: "Decline" },
  {
    from: "submitted",
    to: "withdrawn",
    by: ["proposer"],
    rationale: false,
    public: false,
    label: "Withdraw",
  },
  {
    from: "in_review",
    to: "changes_requested",
    by: ["staff"],
    rationale: true,
    public: false,
    label: "Request changes",
  },
  {
    from: "in_review",
    to: "open",
    by: ["staff"],
    rationale: true,
    public: true,
    opensForPledges: true,
    label: "Approve and open for pledges",
  },
  { from: "in_review", to: "declined", by: ["staff"], rationale: true, public: true, label: "Decline" },
  { from: "in_review", to: "withdrawn", by: ["proposer"], rationale: false, public: true, label: "Withdraw" },
  {
    from: "changes_requested",
    to: "submitted",
    by: ["proposer"],
    rationale: false,
    public: false,
    label: "Resubmit",
  },
  {
    from: "changes_requested",
    to: "declined",
    by: ["staff"],
    rationale: true,
    public: true,
    label: "Decline",
  },
  {
    from: "changes_requested",
    to: "withdrawn",
    by: ["proposer"],
    rationale: false,
    public: true,
    label: "Withdraw",
  },
  // Funding is decided by the funding rule, in the pledges module (closeInitiative):
  // at the deadline, or early by staff with a rationale once the rule holds (issue 10).
  { from: "open", to: "funded", by: ["system"], rationale: false, public: true, label: "Funded" },
  { from: "open", to: "expired", by: ["system"], rationale: false, public: true, label: "Expired" },
  { from: "open", to: "withdrawn", by: ["proposer"], rationale: false, public: true, label: "Withdraw" },
  {
    from: "funded",
    to: "in_progress",
    by: ["staff"],
    rationale: false,
    public: true,
    label: "Start the work",
  },
  // Closing the work goes through the delivery module's final report (issue 11), which
  // checks that staff make the call: "system" here means "only through that service".
  {
    from: "in_progress",
    to: "delivered",
    by: ["system"],
    rationale: false,
    public: true,
    label: "Delivered",
  },
  {
    from: "in_progress",
    to: "not_delivered",
    by: ["system"],
    rationale: true,
    public: true,
    label: "Not delivered",
  },
  {
    from: "funded",
    to: "not_delivered",
    by: ["system"],
    rationale: true,
    public: true,
    label: "Not delivered",
  },
];

export function findTransition(from: InitiativeStatus, to: InitiativeStatus) {
  return TRANSITIONS.find((rule) => rule.from === from && rule.to === to);
}

/** The moves `actor` may make from `status`, in table order. */
export function availableTransitions(status: InitiativeStatus, actor: TransitionActor) {
  return TRANSITIONS.filter((rule) => rule.from === status && rule.by.includes(actor));
}

/** Public work: being funded, funded, under way or delivered (the API, credit pages). */
export const FUNDING_STATUSES = [
  "open",
  "funded",
  "in_progress",
  "delivered",
] as const satisfies readonly InitiativeStatus[];

/**
 * Listed in the public catalog (issue 4, item 6): public work, and proposals staff are
 * reviewing, which anyone may find and endorse (issue 13, item 3).
 */
export const CATALOG_STATUSES = [
  "in_review",
  "changes_requested",
  ...FUNDING_STATUSES,
] as const satisfies readonly InitiativeStatus[];

/** The proposer may edit the proposal in these states. */
export const EDITABLE_STATUSES: readonly InitiativeStatus[] = ["draft", "changes_requested"];

/** Other organizations may endorse in these states. */
export const ENDORSABLE_STATUSES: readonly InitiativeStatus[] = [
  "in_review",
  "changes_requested",
  "open",
  "funded",
  "in_progress",
];

/** Staff may mark an initiative a duplicate while it is still being decided. */
export const MERGEABLE_STATUSES: readonly InitiativeStatus[] = [
  "submitted",
  "in_review",
  "changes_requested",
];

/**
 * Who outside the proposing organization and staff may see an initiative. Drafts,
 * first submissions and those declined or withdrawn before review stay private.
 */
export function isPubliclyVisible(initiative: { status: InitiativeStatus; reviewStartedAt: Date | null }) {
  // Once staff took it into review it stays public, also while a resubmission waits,
  // so its endorsers can still see (and withdraw from) what they back.
  if (initiative.status === "draft") return false;
  return initiative.reviewStartedAt !== null;
}

export const STATUS_LABELS: Record<InitiativeStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  in_review: "In review",
  changes_requested: "Changes requested",
  open: "Open for pledges",
  funded: "Funded",
  in_progress: "In progress",
  delivered: "Delivered",
  not_delivered: "Not delivered",
  declined: "Declined",
  withdrawn: "Withdrawn",
  expired: "Expired",
};

export const STATUS_TONES: Record<InitiativeStatus, "neutral" | "brand" | "success" | "warning" | "danger"> =
  {
    draft: "neutral",
    submitted: "brand",
    in_review: "brand",
    changes_requested: "warning",
    open: "success",
    funded: "success",
    in_progress: "brand",
    delivered: "success",
    not_delivered: "warning",
    declined: "danger",
    withdrawn: "neutral",
    expired: "neutral",
  };

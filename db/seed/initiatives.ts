import { refreshDemand } from "../../app/modules/initiatives/demand.server";
import type { Db } from "../client.server";
import {
  endorsementHubs,
  endorsements,
  type InitiativeSize,
  type InitiativeStatus,
  initiativeHubs,
  initiativeNotes,
  initiativeProjects,
  initiativeReviews,
  initiatives,
  initiativeTransitions,
  initiativeUpdates,
  upstreamProjects,
} from "../schema";
import { PROPOSALS, UPDATES } from "./proposals";
import { REVIEWS } from "./reviews";

// About 30 initiatives across every state (issue 4, item 9), written directly so
// seeding sends no email. Each one carries the transitions that led to its state.

export const PROJECTS = [
  ["jupyterhub", "JupyterHub", "https://github.com/jupyterhub/jupyterhub"],
  ["zero-to-jupyterhub", "Zero to JupyterHub (z2jh)", "https://github.com/jupyterhub/zero-to-jupyterhub-k8s"],
  ["binderhub", "BinderHub", "https://github.com/jupyterhub/binderhub"],
  ["jupyterlab", "JupyterLab", "https://github.com/jupyterlab/jupyterlab"],
  ["nbgrader", "nbgrader", "https://github.com/jupyter/nbgrader"],
  ["repo2docker", "repo2docker", "https://github.com/jupyterhub/repo2docker"],
  ["kubespawner", "KubeSpawner", "https://github.com/jupyterhub/kubespawner"],
  ["oauthenticator", "OAuthenticator", "https://github.com/jupyterhub/oauthenticator"],
  [
    "the-littlest-jupyterhub",
    "The Littlest JupyterHub",
    "https://github.com/jupyterhub/the-littlest-jupyterhub",
  ],
  ["ltiauthenticator", "LTIAuthenticator", "https://github.com/jupyterhub/ltiauthenticator"],
  [
    "jupyterhub-idle-culler",
    "jupyterhub-idle-culler",
    "https://github.com/jupyterhub/jupyterhub-idle-culler",
  ],
  ["grafana-dashboards", "JupyterHub Grafana dashboards", "https://github.com/jupyterhub/grafana-dashboards"],
  ["nbgitpuller", "nbgitpuller", "https://github.com/jupyterhub/nbgitpuller"],
  ["nbdime", "nbdime", "https://github.com/jupyter/nbdime"],
  ["language-packs", "JupyterLab language packs", "https://github.com/jupyterlab/language-packs"],
  ["jupyter-server", "Jupyter Server", "https://github.com/jupyter-server/jupyter_server"],
] as const;

type Seed = {
  title: string;
  summary: string;
  org: string;
  status: InitiativeStatus;
  size: InitiativeSize;
  projects: string[];
  endorsers: string[];
  goal?: number; // in dollars
  beforeReview?: true;
};

const SEEDS: Seed[] = [
  {
    title: "Shared GPU quota dashboard",
    summary: "One view of GPU quotas and use across every hub, so communities can share idle capacity.",
    org: "geoscience-carpentry",
    status: "open",
    size: "M",
    projects: ["kubespawner", "grafana-dashboards"],
    endorsers: ["hydrology-commons", "astro-data-collective", "coastal-ocean-lab"],
    goal: 32000,
  },
  {
    title: "Accessible notebook themes for screen readers",
    summary:
      "High-contrast, screen-reader-tested JupyterLab themes shipped upstream and on by default in the network.",
    org: "digital-humanities-guild",
    status: "open",
    size: "S",
    projects: ["jupyterlab"],
    endorsers: ["rural-schools-data", "northbridge-university"],
    goal: 14000,
  },
  {
    title: "Course roster sync from learning management systems",
    summary: "Create and retire hub users from Canvas and Moodle rosters each term without scripts.",
    org: "northbridge-university",
    status: "open",
    size: "M",
    projects: ["ltiauthenticator", "nbgrader", "jupyterhub"],
    endorsers: ["highland-institute-of-technology", "pacific-health-sciences", "rural-schools-data"],
    goal: 28000,
  },
  {
    title: "Cost reports per community on shared clusters",
    summary:
      "Monthly cloud cost per community on a shared z2jh cluster, exported as CSV and shown to hub admins.",
    org: "open-climate-society",
    status: "open",
    size: "M",
    projects: ["zero-to-jupyterhub", "kubespawner"],
    endorsers: ["hydrology-commons", "bio-image-community"],
    goal: 26000,
  },
  {
    title: "Reproducible environments from a lockfile in one click",
    summary:
      "Build a hub image from a conda-lock file through repo2docker, with the lockfile checked into the course repo.",
    org: "astro-data-collective",
    status: "open",
    size: "S",
    projects: ["repo2docker", "binderhub"],
    endorsers: ["neuro-open-lab"],
    goal: 12000,
  },
  {
    title: "Idle server culling that respects long jobs",
    summary: "Culling that asks running kernels before stopping a server, so overnight analyses survive.",
    org: "hydrology-commons",
    status: "open",
    size: "XS",
    projects: ["jupyterhub-idle-culler", "jupyter-server"],
    endorsers: ["coastal-ocean-lab", "geoscience-carpentry", "astro-data-collective"],
    goal: 6000,
  },
  {
    title: "Multilingual hub home pages",
    summary: "Translate the hub's spawn and home pages, starting with Spanish, French and Swahili.",
    org: "rural-schools-data",
    status: "open",
    size: "S",
    projects: ["jupyterhub", "language-packs"],
    endorsers: ["digital-humanities-guild"],
    goal: 9000,
  },
  {
    title: "Single sign-on across network hubs",
    summary: "One login for people who teach on several hubs in the network.",
    org: "highland-institute-of-technology",
    status: "funded",
    size: "L",
    projects: ["oauthenticator"],
    endorsers: ["northbridge-university", "pacific-health-sciences", "geoscience-carpentry"],
    goal: 54000,
  },
  {
    title: "Shared datasets mounted read-only on every hub",
    summary: "A catalog of large public datasets mounted read-only, so no hub copies them again.",
    org: "coastal-ocean-lab",
    status: "funded",
    size: "M",
    projects: ["kubespawner", "zero-to-jupyterhub"],
    endorsers: ["open-climate-society", "hydrology-commons"],
    goal: 30000,
  },
  {
    title: "nbgrader feedback in the student's language",
    summary: "Localised nbgrader feedback templates and a translation workflow for instructors.",
    org: "geoscience-carpentry",
    status: "funded",
    size: "S",
    projects: ["nbgrader", "language-packs"],
    endorsers: ["rural-schools-data", "digital-humanities-guild"],
    goal: 11000,
  },
  {
    title: "Usage metrics every hub reports the same way",
    summary:
      "A common, privacy-preserving usage report so the network can count users and sessions consistently.",
    org: "northbridge-university",
    status: "in_progress",
    size: "M",
    projects: ["jupyterhub"],
    endorsers: ["open-climate-society", "astro-data-collective", "bio-image-community"],
    goal: 24000,
  },
  {
    title: "BinderHub federation health page",
    summary: "A public status page for the federated BinderHub members of the network.",
    org: "astro-data-collective",
    status: "in_progress",
    size: "XS",
    projects: ["binderhub"],
    endorsers: ["neuro-open-lab"],
    goal: 5000,
  },
  {
    title: "Image pre-pulling for large classes",
    summary: "Pre-pull the course image on new nodes before a lecture starts, so 300 students do not wait.",
    org: "pacific-health-sciences",
    status: "in_progress",
    size: "S",
    projects: ["zero-to-jupyterhub", "kubespawner"],
    endorsers: ["northbridge-university", "highland-institute-of-technology"],
    goal: 10000,
  },
  {
    title: "Littlest JupyterHub upgrade assistant",
    summary: "A guided, reversible upgrade for TLJH hubs run by small communities without a sysadmin.",
    org: "rural-schools-data",
    status: "delivered",
    size: "S",
    projects: ["the-littlest-jupyterhub"],
    endorsers: ["digital-humanities-guild", "hydrology-commons"],
    goal: 9000,
  },
  {
    title: "Bioimage viewers that stream from object storage",
    summary: "Open multi-terabyte microscopy images in JupyterLab without downloading them.",
    org: "bio-image-community",
    status: "delivered",
    size: "M",
    projects: ["jupyterlab", "jupyter-server"],
    endorsers: ["neuro-open-lab", "pacific-health-sciences"],
    goal: 22000,
  },
  {
    title: "Per-user storage quotas with warnings",
    summary: "Warn people before their home directory fills, and let admins set quotas per group.",
    org: "hydrology-commons",
    status: "in_review",
    size: "S",
    projects: ["kubespawner"],
    endorsers: ["geoscience-carpentry"],
  },
  {
    title: "Teaching-assistant roles in nbgrader",
    summary: "Let TAs grade without full instructor rights.",
    org: "highland-institute-of-technology",
    status: "in_review",
    size: "XS",
    projects: ["nbgrader"],
    endorsers: ["northbridge-university"],
  },
  {
    title: "Hub-wide announcement banner",
    summary: "Admins post maintenance windows and course news on every user's home page.",
    org: "neuro-open-lab",
    status: "in_review",
    size: "XS",
    projects: ["jupyterhub", "jupyterlab"],
    endorsers: [],
  },
  {
    title: "Offline-first notebooks for low-bandwidth schools",
    summary: "Keep working when the connection drops, and sync when it returns.",
    org: "rural-schools-data",
    status: "changes_requested",
    size: "L",
    projects: ["jupyterlab"],
    endorsers: ["digital-humanities-guild"],
  },
  {
    title: "Cluster autoscaling presets for teaching",
    summary: "Tested autoscaler settings for lecture peaks on z2jh.",
    org: "pacific-health-sciences",
    status: "changes_requested",
    size: "S",
    projects: ["zero-to-jupyterhub"],
    endorsers: [],
  },
  {
    title: "Climate model output browser",
    summary: "Browse CMIP output from the shared datasets in a JupyterLab extension.",
    org: "open-climate-society",
    status: "submitted",
    size: "M",
    projects: ["jupyterlab"],
    endorsers: [],
  },
  {
    title: "Hub templates for workshops",
    summary: "Spin up a one-day workshop hub from a template with a roster and an expiry date.",
    org: "geoscience-carpentry",
    status: "submitted",
    size: "S",
    projects: ["the-littlest-jupyterhub", "nbgitpuller"],
    endorsers: [],
  },
  {
    title: "Notebook diff and merge for instructors",
    summary: "Readable diffs of course notebooks in review tools.",
    org: "digital-humanities-guild",
    status: "submitted",
    size: "M",
    projects: ["nbdime", "jupyterlab"],
    endorsers: [],
  },
  {
    title: "Research software citation panel",
    summary: "Show how to cite the tools a notebook used.",
    org: "astro-data-collective",
    status: "draft",
    size: "XS",
    projects: ["jupyterlab"],
    endorsers: [],
  },
  {
    title: "Data retention policy tooling",
    summary: "Delete inactive users' data on a schedule the community sets.",
    org: "northbridge-university",
    status: "draft",
    size: "S",
    projects: ["jupyterhub"],
    endorsers: [],
  },
  {
    title: "Shared conda package cache",
    summary: "",
    org: "coastal-ocean-lab",
    status: "draft",
    size: "S",
    projects: [],
    endorsers: [],
  },
  {
    title: "Blockchain-based hub credits",
    summary: "Pay for compute with tokens.",
    org: "neuro-open-lab",
    status: "declined",
    size: "XL",
    projects: ["jupyterhub"],
    endorsers: [],
    beforeReview: true,
  },
  {
    title: "A new notebook format",
    summary: "Replace ipynb with a format designed for the network.",
    org: "bio-image-community",
    status: "declined",
    size: "XL",
    projects: ["jupyterlab"],
    endorsers: ["neuro-open-lab"],
  },
  {
    title: "Hub chat integration",
    summary: "A chat panel in every hub.",
    org: "hydrology-commons",
    status: "withdrawn",
    size: "M",
    projects: ["jupyterlab"],
    endorsers: [],
  },
  {
    title: "Spring workshop cloud credits pool",
    summary: "Pool cloud credits for the spring workshop season.",
    org: "geoscience-carpentry",
    status: "expired",
    size: "S",
    projects: ["zero-to-jupyterhub"],
    endorsers: ["hydrology-commons"],
    goal: 15000,
  },
];

const PATHS: Record<InitiativeStatus, InitiativeStatus[]> = {
  draft: [],
  submitted: ["submitted"],
  in_review: ["submitted", "in_review"],
  changes_requested: ["submitted", "in_review", "changes_requested"],
  open: ["submitted", "in_review", "open"],
  funded: ["submitted", "in_review", "open", "funded"],
  in_progress: ["submitted", "in_review", "open", "funded", "in_progress"],
  delivered: ["submitted", "in_review", "open", "funded", "in_progress", "delivered"],
  not_delivered: ["submitted", "in_review", "open", "funded", "in_progress", "not_delivered"],
  declined: ["submitted", "in_review", "declined"],
  withdrawn: ["submitted", "in_review", "withdrawn"],
  expired: ["submitted", "in_review", "open", "expired"],
};

// The transitions whose rationale is a staff decision, written per initiative in reviews.ts.
const DECISIONS: InitiativeStatus[] = ["open", "declined", "changes_requested"];

const DAY = 86_400_000;
const BLANK = { problem: "", solution: "", plan: "" };

export async function seedInitiatives(
  tx: Db,
  ids: {
    organizations: Map<string, string>;
    hubsByOrganization: Map<string, { id: string }[]>;
    staff: string[];
    ownerOf: Map<string, string>;
  },
) {
  const projectIds = new Map<string, string>();
  for (const [slug, name, url] of PROJECTS) {
    const [row] = await tx.insert(upstreamProjects).values({ slug, name, url }).returning();
    projectIds.set(slug, row!.id);
  }
  const now = Date.now();
  for (const [index, seed] of SEEDS.entries()) {
    const organizationId = ids.organizations.get(seed.org)!;
    // A draft with no summary is one someone started and never wrote: it stays blank.
    const body = seed.status === "draft" && !seed.summary ? BLANK : PROPOSALS[seed.title];
    if (!body) throw new Error(`db/seed/proposals.ts has no text for "${seed.title}"`);
    const path = PATHS[seed.status];
    const start = now - (90 - index * 2) * DAY;
    const slug = seed.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    const opened = path.includes("open");
    const deadline = seed.status === "expired" ? new Date(now - 5 * DAY) : new Date(now + (30 + index) * DAY);
    const reviewedAt = path.includes("in_review") && !seed.beforeReview ? new Date(start + 3 * DAY) : null;
    const [initiative] = await tx
      .insert(initiatives)
      .values({
        slug,
        organizationId,
        createdById: ids.ownerOf.get(seed.org) ?? null,
        title: seed.title,
        summary: seed.summary,
        ...body,
        size: seed.size,
        suggestedGoalMinor: seed.goal ? seed.goal * 100 : null,
        status: seed.status,
        goalMinor: opened && seed.goal ? seed.goal * 100 : null,
        minBackers: opened ? Math.min(3, seed.endorsers.length + 1) : null,
        pledgeDeadline: opened ? deadline : null,
        reviewStartedAt: reviewedAt,
        submittedAt: path.length > 0 ? new Date(start + DAY) : null,
        statusChangedAt: new Date(start + path.length * 4 * DAY),
        assigneeId: ["submitted", "in_review", "changes_requested"].includes(seed.status)
          ? (ids.staff[index % ids.staff.length] ?? null)
          : null,
        priority: index % 5 === 0 ? "high" : "normal",
        createdAt: new Date(start),
        updatedAt: new Date(start + path.length * 4 * DAY),
      })
      .returning();
    const id = initiative!.id;
    const steps = (seed.beforeReview ? ["submitted", "declined"] : path) as InitiativeStatus[];
    const review = REVIEWS[seed.title] ?? {};
    if (steps.some((to) => DECISIONS.includes(to)) && !review.rationale)
      throw new Error(`db/seed/reviews.ts has no decision rationale for "${seed.title}"`);
    if (reviewedAt && !review.staffNote)
      throw new Error(`db/seed/reviews.ts has no staff note for "${seed.title}"`);
    for (const endorser of Object.keys(review.endorsementNotes ?? {}))
      if (!seed.endorsers.includes(endorser))
        throw new Error(
          `db/seed/reviews.ts has a note from "${endorser}", which does not endorse "${seed.title}"`,
        );
    let from: InitiativeStatus = "draft";
    for (const [step, to] of steps.entries()) {
      await tx.insert(initiativeTransitions).values({
        initiativeId: id,
        actorId:
          to === "submitted" || to === "withdrawn" ? (ids.ownerOf.get(seed.org) ?? null) : ids.staff[0]!,
        fromStatus: from,
        toStatus: to,
        rationale: DECISIONS.includes(to) ? review.rationale! : "",
        isPublic: !["submitted", "changes_requested"].includes(to),
        createdAt: new Date(start + (step + 1) * 4 * DAY),
      });
      from = to;
    }
    for (const project of seed.projects)
      await tx.insert(initiativeProjects).values({ initiativeId: id, projectId: projectIds.get(project)! });
    const ownHubs = ids.hubsByOrganization.get(seed.org) ?? [];
    for (const hub of ownHubs.slice(0, 2))
      await tx.insert(initiativeHubs).values({ initiativeId: id, hubId: hub.id });
    for (const endorser of seed.endorsers) {
      const [endorsement] = await tx
        .insert(endorsements)
        .values({
          initiativeId: id,
          organizationId: ids.organizations.get(endorser)!,
          endorsedById: ids.ownerOf.get(endorser) ?? null,
          note: review.endorsementNotes?.[endorser] ?? "",
          createdAt: new Date(start + 6 * DAY),
        })
        .returning();
      for (const hub of (ids.hubsByOrganization.get(endorser) ?? []).slice(0, 2))
        await tx.insert(endorsementHubs).values({ endorsementId: endorsement!.id, hubId: hub.id });
    }
    if (reviewedAt) {
      for (const [n, reviewerId] of ids.staff.entries()) {
        await tx.insert(initiativeReviews).values({
          initiativeId: id,
          reviewerId,
          technical: (index + n) % 4,
          network: Math.min(3, seed.endorsers.length),
          ecosystem: seed.projects.length > 0 ? 2 + ((index + n) % 2) : 0,
          sustainability: (index + 2 * n) % 4,
          note: review.reviewNotes?.[n] ?? "",
        });
      }
      await tx.insert(initiativeNotes).values({
        initiativeId: id,
        authorId: ids.staff[0]!,
        body: review.staffNote!,
      });
    }
    if (["funded", "in_progress", "delivered"].includes(seed.status)) {
      const updates = UPDATES[seed.title];
      if (!updates) throw new Error(`No demo updates written for "${seed.title}"`);
      await tx.insert(initiativeUpdates).values({
        initiativeId: id,
        authorId: ids.ownerOf.get(seed.org) ?? null,
        ...updates.kickoff,
        createdAt: new Date(start + 30 * DAY),
      });
      if (seed.status !== "funded" && updates.later)
        await tx.insert(initiativeUpdates).values({
          initiativeId: id,
          authorId: ids.staff[0]!,
          ...updates.later,
          createdAt: new Date(start + 45 * DAY),
        });
    }
    await refreshDemand(tx, id);
  }
  return SEEDS.length;
}

import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { verifyRolloutsOfInitiative } from "../../app/modules/delivery/rollouts.server";
import { normaliseLogo } from "../../app/modules/organizations/logo.server";
import type { Tx } from "../client.server";
import {
  deliverables,
  deliveryReports,
  hubs,
  initiatives,
  milestones,
  organizationLogos,
  organizations,
  rollouts,
  upstreamProjects,
} from "../schema";

// Demo delivery and credit (issue 11): milestones and deliverables on the work in
// progress and delivered, a final report, rollouts (verified where a hub's version
// includes the JupyterHub release, reported elsewhere), and logos for some
// organizations, so the credit pages, badges and feeds show something real.

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

type Work = {
  slug: string;
  milestones: [title: string, offsetDays: number, reached: boolean][];
  deliverables: {
    kind: "pull_request" | "release" | "documentation";
    title: string;
    url: string;
    project: string;
    release?: string;
    offset: number;
  }[];
  report?: { delivered: string; notDelivered: string; next: string };
  rolloutsFrom?: string[];
};

const WORK: Work[] = [
  {
    slug: "littlest-jupyterhub-upgrade-assistant",
    milestones: [
      ["Upgrade plan agreed with the TLJH maintainers", -70, true],
      ["Database migrations made safe to retry in JupyterHub", -50, true],
      ["Upgrade assistant released", -30, true],
    ],
    deliverables: [
      {
        kind: "pull_request",
        title: "Retry-safe database upgrades",
        url: "https://github.com/jupyterhub/jupyterhub/pull/4871",
        project: "jupyterhub",
        release: "5.2.0",
        offset: -48,
      },
      {
        kind: "release",
        title: "TLJH 1.1: guided, reversible upgrades",
        url: "https://github.com/jupyterhub/the-littlest-jupyterhub/releases/tag/1.1.0",
        project: "the-littlest-jupyterhub",
        release: "1.1.0",
        offset: -30,
      },
      {
        kind: "documentation",
        title: "Upgrading a Littlest JupyterHub, step by step",
        url: "https://tljh.jupyter.org/en/latest/howto/upgrade.html",
        project: "the-littlest-jupyterhub",
        offset: -28,
      },
    ],
    report: {
      delivered:
        "A guided upgrade for TLJH that backs up the hub database first and can be rolled back, and retry-safe database migrations in JupyterHub 5.2.0.",
      notDelivered:
        "A one-click upgrade from the admin panel: maintainers preferred the command line for now.",
      next: "Proposing an admin-panel upgrade button once JupyterHub 6 lands.",
    },
    rolloutsFrom: [
      "rural-schools-data",
      "digital-humanities-guild",
      "hydrology-commons",
      "northbridge-university",
    ],
  },
  {
    slug: "bioimage-viewers-that-stream-from-object-storage",
    milestones: [
      ["Streaming reader for OME-Zarr", -60, true],
      ["JupyterLab viewer extension released", -25, true],
    ],
    deliverables: [
      {
        kind: "release",
        title: "jupyterlab-ome-zarr 0.4 streams from S3 and GCS",
        url: "https://github.com/jupyterlab/jupyterlab/releases",
        project: "jupyterlab",
        release: "4.3.0",
        offset: -25,
      },
    ],
    report: {
      delivered: "Microscopy images of several terabytes open in JupyterLab straight from object storage.",
      notDelivered: "",
      next: "Annotations saved back to the same store.",
    },
    rolloutsFrom: ["bio-image-community", "neuro-open-lab"],
  },
  {
    slug: "usage-metrics-every-hub-reports-the-same-way",
    milestones: [
      ["Metric definitions agreed by the network", -20, true],
      ["Prometheus exporter merged upstream", 20, false],
    ],
    deliverables: [
      {
        kind: "pull_request",
        title: "Consistent active-user metrics",
        url: "https://github.com/jupyterhub/jupyterhub/pull/4902",
        project: "jupyterhub",
        offset: -5,
      },
    ],
  },
];

const LOGO_COLORS: [string, string][] = [
  ["northbridge-university", "#0b5c8e"],
  ["hydrology-commons", "#1e6b41"],
  ["coastal-ocean-lab", "#0f6aa3"],
  ["astro-data-collective", "#7a4d00"],
  ["rural-schools-data", "#b42318"],
  ["digital-humanities-guild", "#4a5561"],
];

export async function seedDelivery(tx: Tx, staffId: string | undefined) {
  const projects = new Map(
    (await tx.select({ id: upstreamProjects.id, slug: upstreamProjects.slug }).from(upstreamProjects)).map(
      (p) => [p.slug, p.id],
    ),
  );
  for (const work of WORK) {
    const [initiative] = await tx.select().from(initiatives).where(eq(initiatives.slug, work.slug));
    if (!initiative) continue;
    for (const [title, offset, reached] of work.milestones)
      await tx.insert(milestones).values({
        initiativeId: initiative.id,
        title,
        dueOn: day(offset),
        reachedOn: reached ? day(offset) : null,
        createdById: staffId ?? null,
      });
    for (const d of work.deliverables)
      await tx.insert(deliverables).values({
        initiativeId: initiative.id,
        kind: d.kind,
        title: d.title,
        url: d.url,
        projectId: projects.get(d.project) ?? null,
        releaseVersion: d.release ?? null,
        deliveredOn: day(d.offset),
        createdById: staffId ?? null,
      });
    if (work.report && initiative.status === "delivered")
      await tx.insert(deliveryReports).values({
        initiativeId: initiative.id,
        outcome: "delivered",
        ...work.report,
        createdById: staffId ?? null,
        createdAt: new Date(Date.now() - 20 * DAY),
      });
    if (work.rolloutsFrom) {
      const hubRows = await tx
        .select({ id: hubs.id, organizationId: hubs.organizationId })
        .from(hubs)
        .innerJoin(organizations, eq(organizations.id, hubs.organizationId))
        .where(and(inArray(organizations.slug, work.rolloutsFrom), eq(hubs.status, "active")));
      // The demo hubs were last checked before these releases: check them "again" recently.
      await tx
        .update(hubs)
        .set({ lastSeenAt: new Date(Date.now() - 10 * DAY), lastCheckedAt: new Date(Date.now() - 10 * DAY) })
        .where(
          and(
            inArray(
              hubs.id,
              hubRows.map((h) => h.id),
            ),
            isNotNull(hubs.jupyterhubVersion),
          ),
        );
      for (const [index, hub] of hubRows.entries())
        await tx.insert(rollouts).values({
          initiativeId: initiative.id,
          hubId: hub.id,
          organizationId: hub.organizationId,
          reportedOn: day(-18 + index),
        });
      await verifyRolloutsOfInitiative(tx, initiative.id);
    }
  }
  for (const [slug, color] of LOGO_COLORS) {
    const [organization] = await tx.select().from(organizations).where(eq(organizations.slug, slug));
    if (!organization) continue;
    const letters = organization.name
      .split(/\s+/)
      .slice(0, 2)
      .map((w) => w[0])
      .join("");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" rx="48" fill="${color}"/><text x="128" y="158" text-anchor="middle" font-family="DejaVu Sans,sans-serif" font-size="96" font-weight="bold" fill="#fff">${letters}</text></svg>`;
    const logo = await normaliseLogo({ type: "image/svg+xml", bytes: Buffer.from(svg) });
    await tx
      .insert(organizationLogos)
      .values({ organizationId: organization.id, contentType: "image/png", ...logo });
    await tx
      .update(organizations)
      .set({ logoUrl: `/logos/${logo.hash}.png` })
      .where(eq(organizations.id, organization.id));
  }
}

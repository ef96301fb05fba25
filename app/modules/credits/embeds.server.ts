import { and, eq, inArray, isNotNull, ne } from "drizzle-orm";
import sharp from "sharp";
import type { Db } from "#db/client.server";
import { initiatives, organizationLogos, organizations } from "#db/schema";
import { formatCount } from "~/lib/numbers";
import { escapeXml, renderBadge } from "~/lib/svg-badge";
import { publicFunders } from "~/modules/pledges/funding.server";
import { reachOfOne } from "./rollouts.server";

// Badges, the funders banner and the link-preview image of an initiative (issue 11,
// section 3). Each answers for public initiatives only, from the maintained totals,
// and with an ETag so a README's image proxy can revalidate for free.

export async function publicInitiative(db: Db, slug: string) {
  const [row] = await db
    .select({
      id: initiatives.id,
      slug: initiatives.slug,
      title: initiatives.title,
      status: initiatives.status,
      goalMinor: initiatives.goalMinor,
      pledgedMinor: initiatives.pledgedMinor,
      pledgeOrganizations: initiatives.pledgeOrganizations,
      currency: initiatives.currency,
      fundedAt: initiatives.fundedAt,
      matchRule: initiatives.matchRule,
      matchedMinor: initiatives.matchedMinor,
      organizationName: organizations.name,
    })
    .from(initiatives)
    .innerJoin(organizations, eq(organizations.id, initiatives.organizationId))
    .where(
      and(
        eq(initiatives.slug, slug),
        isNotNull(initiatives.reviewStartedAt),
        ne(initiatives.status, "draft"),
      ),
    )
    .limit(1);
  return row ?? null;
}
type PublicInitiative = NonNullable<Awaited<ReturnType<typeof publicInitiative>>>;

const percentOf = (i: PublicInitiative) =>
  i.goalMinor ? Math.floor((Math.min(i.pledgedMinor, i.goalMinor) * 100) / i.goalMinor) : 0;
const orgs = (n: number) => `${formatCount(n)} ${n === 1 ? "organization" : "organizations"}`;

export async function initiativeBadge(db: Db, slug: string) {
  const initiative = await publicInitiative(db, slug);
  if (!initiative) return null;
  switch (initiative.status) {
    case "open":
      return renderBadge(
        "Commons",
        `co-funded by ${orgs(initiative.pledgeOrganizations)} · ${percentOf(initiative)}%`,
        "brand",
      );
    case "funded":
    case "in_progress":
      return renderBadge("Commons", `funded · ${orgs(initiative.pledgeOrganizations)}`, "success");
    case "delivered": {
      const reach = await reachOfOne(db, initiative.id);
      return renderBadge(
        "Commons",
        `delivered · on ${formatCount(reach.hubs)} ${reach.hubs === 1 ? "hub" : "hubs"}`,
        "success",
      );
    }
    case "in_review":
    case "changes_requested":
    case "submitted":
      return renderBadge("Commons", "proposed", "neutral");
    default:
      return renderBadge("Commons", initiative.status.replace("_", " "), "neutral");
  }
}

export type BannerOptions = { limit: number; width: number; avatarHeight: number };

/** Funders' logos (or initials) in rows; anonymous funders are never drawn. */
export async function fundersBanner(db: Db, slug: string, options: BannerOptions) {
  const initiative = await publicInitiative(db, slug);
  if (!initiative) return null;
  const funders = (await publicFunders(db, initiative)).named.slice(0, options.limit);
  const hashes = funders
    .map((f) => /\/logos\/([0-9a-f]{24})\.png$/.exec(f.logoUrl ?? "")?.[1])
    .filter(Boolean) as string[];
  const logos = new Map<string, string>();
  if (hashes.length > 0) {
    const rows = await db
      .selectDistinctOn([organizationLogos.hash], {
        hash: organizationLogos.hash,
        data: organizationLogos.data,
      })
      .from(organizationLogos)
      .where(inArray(organizationLogos.hash, hashes));
    for (const row of rows)
      logos.set(row.hash, `data:image/png;base64,${Buffer.from(row.data).toString("base64")}`);
  }
  const size = options.avatarHeight;
  const gap = Math.round(size / 4);
  const perRow = Math.max(1, Math.floor((options.width + gap) / (size + gap)));
  const rows = Math.max(1, Math.ceil(funders.length / perRow));
  const height = rows * (size + gap) - gap;
  const items = funders.map((f, i) => {
    const x = (i % perRow) * (size + gap);
    const y = Math.floor(i / perRow) * (size + gap);
    const hash = /\/logos\/([0-9a-f]{24})\.png$/.exec(f.logoUrl ?? "")?.[1];
    const name = escapeXml(f.name);
    const image = hash ? logos.get(hash) : undefined;
    const body = image
      ? `<image href="${image}" x="${x}" y="${y}" width="${size}" height="${size}" preserveAspectRatio="xMidYMid meet"/>`
      : `<circle cx="${x + size / 2}" cy="${y + size / 2}" r="${size / 2}" fill="#0b5c8e"/><text x="${x + size / 2}" y="${y + size / 2 + size * 0.14}" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="${Math.round(size * 0.4)}" fill="#fff">${escapeXml(initials(f.name))}</text>`;
    return `<g><title>${name}</title>${body}</g>`;
  });
  const label =
    funders.length === 0 ? "No named funders yet" : `Funded by ${funders.map((f) => f.name).join(", ")}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${options.width}" height="${Math.max(height, size)}" role="img" aria-label="${escapeXml(label)}"><title>${escapeXml(label)}</title>${items.join("")}</svg>`;
}

function initials(name: string) {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]!.toUpperCase())
      .join("") || "?"
  );
}

/** The 1200×630 link-preview image: title, proposer, progress and funders count. */
export async function initiativeOgImage(db: Db, slug: string) {
  const initiative = await publicInitiative(db, slug);
  if (!initiative) return null;
  const lines = wrap(initiative.title, 34).slice(0, 3);
  const percent = percentOf(initiative);
  const funding = initiative.goalMinor
    ? `${percent}% of the goal · ${orgs(initiative.pledgeOrganizations)}`
    : "Proposed · gathering endorsements";
  const title = lines
    .map(
      (line, i) =>
        `<text x="80" y="${200 + i * 76}" font-size="64" font-weight="bold" fill="#1f2933">${escapeXml(line)}</text>`,
    )
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" font-family="DejaVu Sans,Verdana,sans-serif">
<rect width="1200" height="630" fill="#f5f7fa"/><rect width="1200" height="16" fill="#0b5c8e"/>
<text x="80" y="110" font-size="32" fill="#0b5c8e" font-weight="bold">Commons</text>
${title}
<text x="80" y="${200 + lines.length * 76 + 10}" font-size="30" fill="#4a5561">Proposed by ${escapeXml(initiative.organizationName)}</text>
<rect x="80" y="500" width="1040" height="28" rx="14" fill="#cbd2d9"/>
<rect x="80" y="500" width="${Math.round((1040 * percent) / 100)}" height="28" rx="14" fill="#1e6b41"/>
<text x="80" y="580" font-size="32" fill="#1f2933">${escapeXml(funding)}</text>
</svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
}

function wrap(text: string, width: number) {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

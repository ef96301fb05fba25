import { and, desc, eq, exists, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { Feed } from "feed";
import type { Db } from "#db/client.server";
import { endorsements, initiatives, initiativeTransitions, organizations, pledges } from "#db/schema";
import { escapeXml as escapeHtml, withoutXmlControls } from "~/lib/svg-badge";

// Atom feeds (issue 11, section 3): initiatives opening for pledges, funded, delivered;
// for the network or one organization (proposed, endorsed, or funded under its name).

export const FEED_EVENTS = { open: "Open for pledges", funded: "Funded", delivered: "Delivered" } as const;
export type FeedEvent = keyof typeof FEED_EVENTS;
const FEED_SIZE = 50;

export async function feedEntries(db: Db, options: { events: FeedEvent[]; organizationId?: string }) {
  const org = options.organizationId;
  const involved = org
    ? or(
        eq(initiatives.organizationId, org),
        exists(
          db
            .select({ one: sql`1` })
            .from(endorsements)
            .where(
              and(
                eq(endorsements.initiativeId, initiatives.id),
                eq(endorsements.organizationId, org),
                isNull(endorsements.withdrawnAt),
              ),
            ),
        ),
        exists(
          db
            .select({ one: sql`1` })
            .from(pledges)
            .where(
              and(
                eq(pledges.initiativeId, initiatives.id),
                eq(pledges.organizationId, org),
                eq(pledges.showName, true),
                inArray(pledges.status, ["committed", "collecting", "paid", "failed"]),
              ),
            ),
        ),
      )
    : undefined;
  return db
    .select({
      id: initiativeTransitions.id,
      event: initiativeTransitions.toStatus,
      rationale: initiativeTransitions.rationale,
      at: initiativeTransitions.createdAt,
      slug: initiatives.slug,
      title: initiatives.title,
      summary: initiatives.summary,
      organizationName: organizations.name,
    })
    .from(initiativeTransitions)
    .innerJoin(initiatives, eq(initiatives.id, initiativeTransitions.initiativeId))
    .innerJoin(organizations, eq(organizations.id, initiatives.organizationId))
    .where(
      and(
        eq(initiativeTransitions.isPublic, true),
        inArray(initiativeTransitions.toStatus, options.events),
        isNotNull(initiatives.reviewStartedAt),
        involved,
      ),
    )
    .orderBy(desc(initiativeTransitions.createdAt))
    .limit(FEED_SIZE);
}

export function renderAtom(
  entries: Awaited<ReturnType<typeof feedEntries>>,
  meta: { title: string; selfUrl: string; pageUrl: string; appUrl: string },
) {
  const feed = new Feed({
    title: meta.title,
    id: meta.selfUrl,
    link: meta.pageUrl,
    feedLinks: { atom: meta.selfUrl },
    copyright: "Commons",
    updated: entries[0]?.at ?? new Date(0),
  });
  for (const entry of entries) {
    const label = FEED_EVENTS[entry.event as FeedEvent] ?? entry.event;
    const link = `${meta.appUrl}/initiatives/${entry.slug}`;
    // The library marks titles and summaries as HTML: people's text goes in escaped, so a
    // feed reader shows it as written and never runs it.
    feed.addItem({
      title: escapeHtml(`${label}: ${entry.title}`),
      id: `${meta.appUrl}/feeds/entries/${entry.id}`,
      link,
      date: entry.at,
      description: escapeHtml([entry.summary, entry.rationale].filter(Boolean).join("\n\n")),
      // The library escapes the name; control characters XML forbids are dropped first.
      author: [{ name: withoutXmlControls(entry.organizationName) }],
    });
  }
  return feed.atom1();
}

/** The events asked for in `?event=`, or all of them. */
export function parseFeedEvents(value: string | null): FeedEvent[] {
  const wanted = (value ?? "").split(",").filter((v): v is FeedEvent => v in FEED_EVENTS);
  return wanted.length > 0 ? wanted : (Object.keys(FEED_EVENTS) as FeedEvent[]);
}

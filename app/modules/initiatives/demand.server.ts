import { type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { hasMembership } from "~/modules/memberships/standing";

// Demand: how many organizations, hubs and users need an initiative (issue 4), counted
// only from organizations with standing (issue 12, item 5; ADR 0016). One account could
// otherwise make ten organizations and move any proposal to the top of "most demand".
// Standing is a live membership or an active hub that has answered a check; the proposer
// always counts (its proposal is triaged by staff anyway). Endorsements from other
// organizations are still recorded and shown, marked as not counted.

/**
 * SQL: the organization whose id is `organizationId` has standing. Pass a qualified name
 * ('"organizations"."id"') in select lists: drizzle writes a bare column there, which the
 * subqueries would read as their own table's id.
 */
export function hasStanding(organizationId: SQLWrapper | string) {
  const id = typeof organizationId === "string" ? sql.raw(organizationId) : organizationId;
  return sql`(${hasMembership(sql`${id}`)}
    or exists (select 1 from hubs h where h.organization_id = ${id} and h.status = 'active' and h.last_seen_at is not null))`;
}

/** Recounts one initiative's demand from its proposer and its endorsers with standing. */
export async function refreshDemand(tx: Db, initiativeId: string) {
  await tx.execute(sql`
    with counted as (
      select e.id, e.organization_id from endorsements e
       where e.initiative_id = ${initiativeId} and e.withdrawn_at is null and ${hasStanding("e.organization_id")}
    ), orgs as (
      select organization_id from initiatives where id = ${initiativeId}
      union
      select organization_id from counted
    ), hub_ids as (
      select hub_id from initiative_hubs where initiative_id = ${initiativeId}
      union
      select eh.hub_id from endorsement_hubs eh join counted c on c.id = eh.endorsement_id
    )
    update initiatives set
      demand_organizations = (select count(*) from orgs),
      demand_hubs = (select count(*) from hub_ids),
      demand_users = (select coalesce(sum(h.user_count), 0) from hubs h where h.id in (select hub_id from hub_ids))
    where id = ${initiativeId}`);
}

/**
 * An organization's standing changed (a membership began or ended, a hub answered for the
 * first time or was retired): every initiative it endorses is recounted.
 */
export async function refreshDemandOfOrganization(tx: Db, organizationId: string) {
  const rows = (await tx.execute(sql`
    select distinct initiative_id from endorsements
     where organization_id = ${organizationId} and withdrawn_at is null`)) as unknown as {
    initiative_id: string;
  }[];
  for (const row of rows) await refreshDemand(tx, row.initiative_id);
}

export type BackingSignal = {
  organizationId: string;
  name: string;
  slug: string;
  proposer: boolean;
  createdAt: Date;
  member: boolean;
  checkedHub: boolean;
  sharesAdminsWith: string[];
};

/**
 * For staff in triage (issue 12, item 5): each organization behind an initiative, when it
 * was created, whether it is a member or runs a hub that answered, and which of the
 * other backers share an admin with it (one person endorsing from several organizations).
 */
export async function backingSignals(db: Db, initiativeId: string): Promise<BackingSignal[]> {
  const rows = (await db.execute(sql`
    with parties as (
      select organization_id, true as proposer from initiatives where id = ${initiativeId}
      union all
      select organization_id, false from endorsements where initiative_id = ${initiativeId} and withdrawn_at is null
    ), admins as (
      select organization_id, user_id from organization_members
       where role in ('owner', 'admin') and organization_id in (select organization_id from parties)
    )
    select o.id, o.name, o.slug, o.created_at, p.proposer,
      ${hasMembership("o.id")} as member,
      exists (select 1 from hubs h where h.organization_id = o.id and h.status = 'active' and h.last_seen_at is not null) as checked_hub,
      coalesce((
        select array_agg(distinct o2.name order by o2.name)
          from admins a1
          join admins a2 on a2.user_id = a1.user_id and a2.organization_id <> a1.organization_id
          join organizations o2 on o2.id = a2.organization_id
         where a1.organization_id = o.id
      ), '{}') as shares
    from parties p join organizations o on o.id = p.organization_id
    order by p.proposer desc, o.created_at`)) as unknown as {
    id: string;
    name: string;
    slug: string;
    created_at: string | Date;
    proposer: boolean;
    member: boolean;
    checked_hub: boolean;
    shares: string[];
  }[];
  return rows.map((r) => ({
    organizationId: r.id,
    name: r.name,
    slug: r.slug,
    proposer: r.proposer,
    createdAt: new Date(r.created_at),
    member: r.member,
    checkedHub: r.checked_hub,
    sharesAdminsWith: r.shares,
  }));
}

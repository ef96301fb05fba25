import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client.server";
import {
  endorsements,
  initiativeTransitions,
  initiativeUpdates,
  noticeDeliveries,
  organizationMembers,
  users,
} from "#db/schema";
import {
  InitiativeMerged,
  InitiativeStatusChanged,
  InitiativeSubmitted,
  InitiativeUpdatePosted,
} from "#emails/initiative-notices";
import { env } from "~/lib/env.server";
import { enqueue, QUEUES } from "~/modules/jobs/boss.server";
import { sendEmail } from "~/modules/notifications/email.server";
import { unsubscribeHeaders, unsubscribeUrl } from "~/modules/notifications/preferences.server";
import { endorsementMessages } from "./endorsement-notices.server";
import {
  followersOf,
  initiativeById,
  type Message,
  membersOf,
  withPreference,
} from "./notice-audiences.server";
import { STATUS_LABELS } from "./workflow";

// Initiative emails (issue 4, item 8) go out from a job: the action that causes one
// enqueues a notice in its own transaction, and the worker fans it out. Each
// (notice, person) pair is recorded before sending, so a retried job skips everyone
// already emailed.

export type Notice =
  | { kind: "submitted"; transitionId: string }
  | { kind: "status"; transitionId: string }
  | { kind: "update"; updateId: string }
  | { kind: "endorsed"; endorsementId: string }
  | { kind: "merged"; duplicateId: string; originalId: string; rationale: string };

export function enqueueNotice(tx: Db, notice: Notice) {
  return enqueue(tx, QUEUES.initiativeNotice, notice);
}

function noticeKey(notice: Notice) {
  switch (notice.kind) {
    case "submitted":
    case "status":
      return `${notice.kind}:${notice.transitionId}`;
    case "update":
      return `update:${notice.updateId}`;
    case "endorsed":
      return `endorsed:${notice.endorsementId}`;
    case "merged":
      return `merged:${notice.duplicateId}`;
  }
}

/** Sends one notice to everyone it concerns, once each. Returns how many emails went out. */
export async function deliverNotice(db: Db, notice: Notice): Promise<number> {
  const appUrl = env().appUrl;
  const key = noticeKey(notice);
  let messages: Message[] = [];

  if (notice.kind === "submitted" || notice.kind === "status") {
    const [transition] = await db
      .select()
      .from(initiativeTransitions)
      .where(eq(initiativeTransitions.id, notice.transitionId));
    if (!transition) return 0;
    const initiative = await initiativeById(db, transition.initiativeId);
    if (!initiative) return 0;
    const common = { appUrl, initiativeTitle: initiative.title };
    if (notice.kind === "submitted") {
      const staff = await db
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(eq(users.isStaff, true));
      messages = (await withPreference(db, staff, "initiativeSubmissions")).map((to) => ({
        to,
        subject: `New proposal: ${initiative.title}`,
        template: "initiative-submitted",
        body: (unsub) =>
          InitiativeSubmitted({
            ...common,
            initiativeUrl: `${appUrl}/staff/initiatives/${initiative.slug}`,
            unsubscribeUrl: unsub,
            organizationName: initiative.organizationName,
            summary: initiative.summary,
          }),
      }));
    } else {
      const label = STATUS_LABELS[transition.toStatus];
      // A decision the public timeline does not show (changes requested) goes to the proposers only.
      const audience = transition.isPublic
        ? await followersOf(db, initiative.id, "initiativeStatus")
        : await withPreference(db, await membersOf(db, transition.initiativeId), "initiativeStatus");
      messages = audience.map((to) => ({
        to,
        subject: `${initiative.title}: ${label.toLowerCase()}`,
        template: "initiative-status-changed",
        body: (unsub) =>
          InitiativeStatusChanged({
            ...common,
            initiativeUrl: `${appUrl}/initiatives/${initiative.slug}`,
            unsubscribeUrl: unsub,
            statusLabel: label,
            rationale: transition.rationale,
          }),
      }));
    }
  } else if (notice.kind === "endorsed") {
    messages = await endorsementMessages(db, notice.endorsementId, appUrl);
  } else if (notice.kind === "update") {
    const [update] = await db
      .select()
      .from(initiativeUpdates)
      .where(eq(initiativeUpdates.id, notice.updateId));
    if (!update) return 0;
    const initiative = await initiativeById(db, update.initiativeId);
    if (!initiative) return 0;
    const followers = await followersOf(db, initiative.id, "initiativeUpdates");
    messages = followers
      .filter((to) => to.id !== update.authorId)
      .map((to) => ({
        to,
        subject: `Update on ${initiative.title}: ${update.title}`,
        template: "initiative-update",
        body: (unsub) =>
          InitiativeUpdatePosted({
            appUrl,
            initiativeTitle: initiative.title,
            initiativeUrl: `${appUrl}/initiatives/${initiative.slug}`,
            unsubscribeUrl: unsub,
            updateTitle: update.title,
            updateBody: update.body,
          }),
      }));
  } else {
    const [duplicate, original] = await Promise.all([
      initiativeById(db, notice.duplicateId),
      initiativeById(db, notice.originalId),
    ]);
    if (!duplicate || !original) return 0;
    // The endorsements already moved: tell those who endorsed the duplicate, and its proposers.
    const moved = await db
      .select({ organizationId: endorsements.organizationId })
      .from(endorsements)
      .where(and(eq(endorsements.initiativeId, original.id), eq(endorsements.movedFromId, duplicate.id)));
    const proposers = await followersOf(db, duplicate.id, "initiativeStatus");
    const endorsers =
      moved.length === 0
        ? []
        : await withPreference(
            db,
            await db
              .selectDistinct({ id: users.id, email: users.email })
              .from(organizationMembers)
              .innerJoin(users, eq(users.id, organizationMembers.userId))
              .where(
                and(
                  inArray(
                    organizationMembers.organizationId,
                    moved.map((m) => m.organizationId),
                  ),
                  inArray(organizationMembers.role, ["owner", "admin"]),
                ),
              ),
            "initiativeStatus",
          );
    const everyone = new Map([...proposers, ...endorsers].map((p) => [p.id, p]));
    messages = [...everyone.values()].map((to) => ({
      to,
      subject: `${duplicate.title} was merged into ${original.title}`,
      template: "initiative-merged",
      body: (unsub) =>
        InitiativeMerged({
          appUrl,
          initiativeTitle: duplicate.title,
          initiativeUrl: `${appUrl}/initiatives/${original.slug}`,
          unsubscribeUrl: unsub,
          originalTitle: original.title,
          rationale: notice.rationale,
        }),
    }));
  }

  let sent = 0;
  for (const message of messages) {
    const [claimed] = await db
      .insert(noticeDeliveries)
      .values({ noticeKey: key, userId: message.to.id })
      .onConflictDoNothing()
      .returning({ userId: noticeDeliveries.userId });
    if (!claimed) continue;
    await sendEmail(db, {
      to: message.to.email,
      subject: message.subject,
      template: message.template,
      body: message.body(unsubscribeUrl(message.to.id)),
      headers: unsubscribeHeaders(message.to.id),
    });
    sent += 1;
  }
  return sent;
}

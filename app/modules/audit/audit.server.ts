import { desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client.server";
import { auditEvents, users } from "#db/schema";
import { type AuditAction, type AuditDetails, auditDetailsSchemas, isAuditAction } from "./actions";

type AuditRecord<A extends AuditAction> = {
  actorId: string | null;
  action: A;
  subjectType: string;
  subjectId: string;
  organizationId?: string | null;
};

/** An audit row: its details must match its action's schema; actions without details may omit them. */
export type AuditEntry<A extends AuditAction> = AuditRecord<A> &
  (Record<string, never> extends AuditDetails<A>
    ? { details?: AuditDetails<A> }
    : { details: AuditDetails<A> });

/** Thrown instead of writing an audit row the vocabulary does not describe. */
export class InvalidAuditEntryError extends Error {
  override name = "InvalidAuditEntryError";
}

/**
 * Appends one audit row; call it inside the transaction that makes the change. The
 * compiler checks action and details against app/modules/audit/actions.ts, and so does
 * this function at runtime (a value built from data can still be wrong): a malformed row
 * is refused, which rolls the change back with it.
 */
export async function recordAudit<A extends AuditAction>(db: Db, entry: AuditEntry<A>) {
  const action: string = entry.action;
  if (!isAuditAction(action))
    throw new InvalidAuditEntryError(
      `Unknown audit action "${action}": add it to app/modules/audit/actions.ts.`,
    );
  const parsed = auditDetailsSchemas[action].safeParse(entry.details ?? {});
  if (!parsed.success)
    throw new InvalidAuditEntryError(
      `Audit details for "${action}" do not match its schema:\n${z.prettifyError(parsed.error)}`,
    );
  await db.insert(auditEvents).values({
    actorId: entry.actorId,
    action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    organizationId: entry.organizationId,
    details: parsed.data,
  });
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEvents(db: Db, options: { page: number; organizationId?: string }) {
  const where = options.organizationId ? eq(auditEvents.organizationId, options.organizationId) : undefined;
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: auditEvents.id,
        action: auditEvents.action,
        subjectType: auditEvents.subjectType,
        subjectId: auditEvents.subjectId,
        details: auditEvents.details,
        createdAt: auditEvents.createdAt,
        actorEmail: users.email,
      })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorId))
      .where(where)
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((options.page - 1) * AUDIT_PAGE_SIZE),
    db.select({ total: sql<number>`count(*)::int` }).from(auditEvents).where(where),
  ]);
  return { rows, total: count?.total ?? 0 };
}

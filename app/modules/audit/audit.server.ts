import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { auditEvents, users } from "#db/schema";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  organizationId?: string | null;
  details?: Record<string, unknown>;
};

/** Appends one audit row; call it inside the transaction that makes the change. */
export async function recordAudit(db: Db, entry: AuditEntry) {
  await db.insert(auditEvents).values({ ...entry, details: entry.details ?? {} });
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

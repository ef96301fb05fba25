import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { emailMessages } from "#db/schema";

export const OUTBOX_PAGE_SIZE = 25;

export async function listOutbox(db: Db, page: number) {
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: emailMessages.id,
        to: emailMessages.to,
        subject: emailMessages.subject,
        status: emailMessages.status,
        createdAt: emailMessages.createdAt,
      })
      .from(emailMessages)
      .orderBy(desc(emailMessages.createdAt))
      .limit(OUTBOX_PAGE_SIZE)
      .offset((page - 1) * OUTBOX_PAGE_SIZE),
    db.select({ total: sql<number>`count(*)::int` }).from(emailMessages),
  ]);
  return { rows, total: count?.total ?? 0 };
}

export async function getOutboxMessage(db: Db, id: string) {
  const [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, id));
  return row;
}

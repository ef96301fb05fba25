import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/ui/EmptyState";
import { Pagination, pageFromUrl } from "~/components/ui/Pagination";
import { Table, Td, Th } from "~/components/ui/Table";
import { env } from "~/lib/env.server";
import { notFound } from "~/lib/http.server";
import { db } from "~/modules/database.server";
import { listOutbox, OUTBOX_PAGE_SIZE } from "~/modules/notifications/outbox.server";

export const meta: MetaFunction = () => [{ title: "Outbox (development) · Commons" }];

// Development only: every email the app would have sent (issue 2, item 8).
export async function loader({ request }: LoaderFunctionArgs) {
  if (env().isProduction) notFound();
  const page = pageFromUrl(request.url);
  return { page, pageSize: OUTBOX_PAGE_SIZE, ...(await listOutbox(db(), page)) };
}

export default function Outbox() {
  const { rows, total, page, pageSize } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1>Outbox</h1>
      <p className="text-muted">Development only: emails are kept here instead of being sent.</p>
      {rows.length === 0 ? (
        <EmptyState title="No emails yet">Sign up or invite someone and the message appears here.</EmptyState>
      ) : (
        <Table caption="Emails in the development outbox">
          <thead>
            <tr>
              <Th>When</Th>
              <Th>To</Th>
              <Th>Subject</Th>
              <Th>Status</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id}>
                <Td className="whitespace-nowrap">
                  {new Date(m.createdAt).toISOString().replace("T", " ").slice(0, 19)}
                </Td>
                <Td>{m.to}</Td>
                <Td>
                  <Link to={`/dev/outbox/${m.id}`}>{m.subject}</Link>
                </Td>
                <Td>{m.status}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </div>
  );
}

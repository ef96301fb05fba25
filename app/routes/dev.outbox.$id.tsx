import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { env } from "~/lib/env.server";
import { notFound } from "~/lib/http.server";
import { db } from "~/modules/database.server";
import { getOutboxMessage } from "~/modules/notifications/outbox.server";

export async function loader({ params }: LoaderFunctionArgs) {
  if (env().isProduction) notFound();
  const id = params.id ?? "";
  const message = /^[0-9a-f-]{36}$/.test(id) ? await getOutboxMessage(db(), id) : undefined;
  if (!message) notFound("No such message.");
  return { message };
}

export default function OutboxMessage() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <p>
        <Link to="/dev/outbox">← Outbox</Link>
      </p>
      <h1 className="text-xl">{message.subject}</h1>
      <dl className="grid grid-cols-[6rem_1fr] gap-1 text-sm">
        <dt className="text-muted">To</dt>
        <dd>{message.to}</dd>
        <dt className="text-muted">Template</dt>
        <dd>{message.template}</dd>
      </dl>
      {/* The stored HTML is rendered sandboxed: no scripts, no same-origin access. */}
      <iframe
        title="Email preview"
        sandbox=""
        srcDoc={message.html}
        className="h-[36rem] w-full rounded-lg border border-line bg-white"
      />
      <details>
        <summary className="cursor-pointer text-sm">Plain-text version</summary>
        <pre className="mt-2 whitespace-pre-wrap rounded-lg border border-line bg-paper p-4 text-sm">
          {message.text}
        </pre>
      </details>
    </div>
  );
}

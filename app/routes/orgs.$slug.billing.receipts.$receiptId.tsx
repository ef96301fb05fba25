import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { Table, Td, Th } from "~/components/ui/Table";
import { handleDomainErrors } from "~/lib/http.server";
import { formatMoney } from "~/lib/money";
import { db } from "~/modules/database.server";
import { getReceipt } from "~/modules/memberships/receipts.server";
import { requireOrganization } from "~/modules/organizations/request.server";

// A receipt for one paid invoice (issue 9, item 1.6): organization admins only,
// laid out to print (the browser's print command is the PDF).

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Receipt ${data.receipt.number} · Commons` : "Receipt · Commons" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireOrganization(request, params.slug, "manage-billing");
  const id = params.receiptId ?? "";
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Response("Not found", { status: 404 });
  const receipt = await handleDomainErrors(() => getReceipt(db(), context, id));
  return {
    slug: context.organization.slug,
    receipt: { ...receipt, paidAt: receipt.paidAt.toISOString().slice(0, 10) },
  };
}

export default function Receipt() {
  const { slug, receipt } = useLoaderData<typeof loader>();
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: receipt.currency });
  const address = receipt.billingAddress;
  return (
    <article className="mx-auto max-w-2xl space-y-6 rounded-lg border border-line bg-paper p-5 sm:p-8 print:border-0">
      <header className="flex items-start justify-between gap-4">
        <div>
          <h1>Receipt {receipt.number}</h1>
          <p className="text-sm text-muted">Paid on {receipt.paidAt}</p>
        </div>
        <p className="text-right text-sm">
          Commons
          <br />
          Network of community-run JupyterHubs
        </p>
      </header>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-1 text-sm">
        <dt className="font-medium">Paid by</dt>
        <dd>{receipt.payerName}</dd>
        {receipt.payerEmail ? (
          <>
            <dt className="font-medium">Billing email</dt>
            <dd>{receipt.payerEmail}</dd>
          </>
        ) : null}
        {address ? (
          <>
            <dt className="font-medium">Billing address</dt>
            <dd>
              {[
                address.line1,
                address.line2,
                [address.postalCode, address.city].filter(Boolean).join(" "),
                address.state,
                address.country,
              ]
                .filter(Boolean)
                .join(", ")}
            </dd>
          </>
        ) : null}
        {receipt.taxId ? (
          <>
            <dt className="font-medium">Tax ID</dt>
            <dd>{receipt.taxId}</dd>
          </>
        ) : null}
        {receipt.poNumber ? (
          <>
            <dt className="font-medium">PO number</dt>
            <dd>{receipt.poNumber}</dd>
          </>
        ) : null}
        <dt className="font-medium">Processor reference</dt>
        <dd className="font-mono">{receipt.processorReference}</dd>
      </dl>
      <Table caption="What was paid for">
        <thead>
          <tr>
            <Th>Description</Th>
            <Th>Quantity</Th>
            <Th>Amount</Th>
          </tr>
        </thead>
        <tbody>
          {receipt.lines.map((line) => (
            <tr key={line.description}>
              <Td>{line.description}</Td>
              <Td>{line.quantity}</Td>
              <Td>{money(line.amountMinor)}</Td>
            </tr>
          ))}
          <tr>
            <Td>
              <strong>Total paid ({receipt.currency})</strong>
            </Td>
            <Td />
            <Td>
              <strong>{money(receipt.amountMinor)}</strong>
            </Td>
          </tr>
        </tbody>
      </Table>
      <p className="text-sm print:hidden">
        <Link to={`/orgs/${slug}/billing`}>Back to billing</Link> · Use your browser's print command to save
        it as a PDF.
      </p>
    </article>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

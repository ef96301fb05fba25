import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { TierForm } from "~/components/memberships/TierForm";
import { Badge } from "~/components/ui/Badge";
import { Button } from "~/components/ui/Button";
import { Card, CardHeader } from "~/components/ui/Card";
import { EmptyState } from "~/components/ui/EmptyState";
import { Table, Td, Th } from "~/components/ui/Table";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm, intentOf } from "~/lib/forms.server";
import { handleDomainErrors } from "~/lib/http.server";
import { formatMoney } from "~/lib/money";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { tierSchema, tierValues } from "~/modules/memberships/schemas";
import {
  createTier,
  listAllTiersWithMembers,
  moveTier,
  setTierActive,
} from "~/modules/memberships/tiers.server";

export const meta: MetaFunction = () => [{ title: "Membership tiers · Staff · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { tiers: await listAllTiersWithMembers(db()) };
}

const tierIdSchema = z.object({ tierId: z.uuid({ error: "Choose a tier." }) });

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, "manage-tiers");
  const formData = await request.formData();
  const intent = intentOf(formData);
  const done = async (message: string) => redirectWithFlash("/staff/tiers", message);
  switch (intent) {
    case "save":
      return handleForm(formData, tierSchema, async (value) => {
        const tier = await createTier(db(), viewer.id, tierValues(value));
        return done(`${tier.name} is created.`);
      });
    case "up":
    case "down":
      return handleForm(formData, tierIdSchema, async ({ tierId }) => {
        await handleDomainErrors(() => moveTier(db(), viewer.id, tierId, intent));
        return done("Order saved.");
      });
    case "retire":
    case "reactivate":
      return handleForm(formData, tierIdSchema, async ({ tierId }) => {
        await handleDomainErrors(() => setTierActive(db(), viewer.id, tierId, intent === "reactivate"));
        return done(intent === "retire" ? "Tier retired: current members keep it." : "Tier offered again.");
      });
    default:
      throw new Response("Unknown action", { status: 400 });
  }
}

export default function StaffTiers() {
  const { tiers } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link to="/staff">← Staff</Link>
      </p>
      <h1>Membership tiers</h1>
      {tiers.length === 0 ? (
        <EmptyState title="No tiers yet">
          Create the first tier below; it appears on /membership at once.
        </EmptyState>
      ) : (
        <Table caption="Membership tiers in display order">
          <thead>
            <tr>
              <Th>Tier</Th>
              <Th>Price</Th>
              <Th>Hubs</Th>
              <Th>Members</Th>
              <Th>Actions</Th>
            </tr>
          </thead>
          <tbody>
            {tiers.map(({ tier, liveMembers }, index) => (
              <tr key={tier.id}>
                <Td>
                  <Link to={`/staff/tiers/${tier.id}`} className="font-medium">
                    {tier.name}
                  </Link>{" "}
                  {tier.isActive ? null : <Badge>retired</Badge>}{" "}
                  {tier.isSubsidised ? <Badge tone="success">subsidised</Badge> : null}
                </Td>
                <Td>{formatMoney({ amountMinor: tier.priceMinor, currency: tier.currency })}</Td>
                <Td>{tier.hubsIncluded}</Td>
                <Td>{liveMembers}</Td>
                <Td>
                  <Form method="post" className="flex flex-wrap gap-2">
                    <input type="hidden" name="tierId" value={tier.id} />
                    <Button
                      type="submit"
                      name="intent"
                      value="up"
                      variant="ghost"
                      disabled={index === 0}
                      aria-label={`Move ${tier.name} up`}
                    >
                      ↑
                    </Button>
                    <Button
                      type="submit"
                      name="intent"
                      value="down"
                      variant="ghost"
                      disabled={index === tiers.length - 1}
                      aria-label={`Move ${tier.name} down`}
                    >
                      ↓
                    </Button>
                    <Button
                      type="submit"
                      name="intent"
                      value={tier.isActive ? "retire" : "reactivate"}
                      variant="secondary"
                    >
                      {tier.isActive ? "Retire" : "Offer again"}
                    </Button>
                  </Form>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Card className="max-w-3xl">
        <CardHeader title="New tier" />
        <TierForm lastResult={lastResult} submitLabel="Create tier" />
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

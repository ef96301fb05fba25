import { Form, useSearchParams } from "@remix-run/react";
import { Button, ButtonLink } from "~/components/ui/Button";
import { Card, CardHeader } from "~/components/ui/Card";

/** Leaving, asked twice. */
export function LeaveOrganization() {
  const [params] = useSearchParams();
  const confirmLeave = params.get("confirm") === "leave";
  return (
    <Card className="max-w-2xl">
      <CardHeader title="Leave this organization" level={3} />
      {confirmLeave ? (
        <Form method="post" className="flex flex-wrap items-center gap-3">
          <span role="alert">You will lose access to its pages. Leave?</span>
          <Button type="submit" name="intent" value="leave" variant="danger">
            Leave
          </Button>
          <ButtonLink to="." variant="secondary">
            Stay
          </ButtonLink>
        </Form>
      ) : (
        <ButtonLink to="?confirm=leave" variant="secondary">
          Leave organization…
        </ButtonLink>
      )}
    </Card>
  );
}

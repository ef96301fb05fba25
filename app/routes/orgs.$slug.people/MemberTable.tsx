import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { Badge } from "~/components/ui/Badge";
import { Button, ButtonLink } from "~/components/ui/Button";
import { Table, Td, Th } from "~/components/ui/Table";
import { RoleForm } from "./RoleForm";
import type { loader } from "./route";

/** Everyone in the organization; admins change roles and remove (asked twice). */
export function MemberTable() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const confirmRemove = params.get("remove");
  return (
    <section className="space-y-4">
      <h2>People</h2>
      <Table caption="People in this organization">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Role</Th>
            {data.canManage ? <Th>Actions</Th> : null}
          </tr>
        </thead>
        <tbody>
          {data.members.map((m) => {
            const editable =
              data.canManage && (m.role !== "owner" || data.canTouchOwners) && m.userId !== data.viewerId;
            return (
              <tr key={m.userId}>
                <Td>
                  <div className="font-medium">
                    {m.name} {m.userId === data.viewerId ? <span className="text-muted">(you)</span> : null}
                  </div>
                  <div className="text-xs text-muted">{m.email}</div>
                </Td>
                <Td>
                  <Badge tone={m.role === "owner" ? "brand" : "neutral"}>{m.role}</Badge>
                </Td>
                {data.canManage ? (
                  <Td>
                    {editable ? (
                      <div className="flex flex-wrap items-center gap-2">
                        <RoleForm userId={m.userId} name={m.name} role={m.role} />
                        {confirmRemove === m.userId ? (
                          <Form method="post" className="flex items-center gap-2">
                            <input type="hidden" name="userId" value={m.userId} />
                            <span role="alert" className="text-sm">
                              Remove {m.name}?
                            </span>
                            <Button type="submit" name="intent" value="remove" variant="danger">
                              Remove
                            </Button>
                            <ButtonLink to="." variant="ghost">
                              Cancel
                            </ButtonLink>
                          </Form>
                        ) : (
                          <ButtonLink to={`?remove=${m.userId}`} variant="ghost">
                            Remove…
                          </ButtonLink>
                        )}
                      </div>
                    ) : null}
                  </Td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </Table>
    </section>
  );
}

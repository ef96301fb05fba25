import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge } from "~/components/ui/Badge";
import { Button } from "~/components/ui/Button";
import { Table, Td, Th } from "~/components/ui/Table";
import { AddProjectForm } from "./AddProjectForm";
import type { loader } from "./route";

/** The upstream projects proposers choose from: retire or restore, and add one. */
export function ProjectList() {
  const { projects } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="projects" className="space-y-3">
      <h2 id="projects">Upstream projects</h2>
      <Table caption="Upstream projects">
        <thead>
          <tr>
            <Th>Project</Th>
            <Th>Initiatives</Th>
            <Th>Status</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {projects.map(({ project, initiatives }) => (
            <tr key={project.id}>
              <Td>
                {project.name}
                {project.url ? <div className="text-xs text-muted">{project.url}</div> : null}
              </Td>
              <Td>{initiatives}</Td>
              <Td>{project.isActive ? <Badge tone="success">on the list</Badge> : <Badge>retired</Badge>}</Td>
              <Td>
                <Form method="post">
                  <input type="hidden" name="intent" value="toggle-project" />
                  <input type="hidden" name="projectId" value={project.id} />
                  <input type="hidden" name="active" value={project.isActive ? "false" : "true"} />
                  <Button type="submit" variant="secondary" disabled={busy}>
                    {project.isActive ? `Retire ${project.name}` : `Restore ${project.name}`}
                  </Button>
                </Form>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <AddProjectForm />
    </section>
  );
}

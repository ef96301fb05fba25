import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { Badge } from "~/components/ui/Badge";
import { Button } from "~/components/ui/Button";
import { Field, FormError, TextareaField } from "~/components/ui/Field";
import { Table, Td, Th } from "~/components/ui/Table";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm, intentOf } from "~/lib/forms.server";
import { conflictsAsFlash, handleDomainErrors } from "~/lib/http.server";
import { formatMajorAmount } from "~/lib/money";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { listSizeBands } from "~/modules/initiatives/catalog.server";
import {
  createProject,
  decideSuggestion,
  listProjects,
  listSuggestions,
  saveSizeBand,
  setProjectActive,
} from "~/modules/initiatives/projects.server";
import { projectSchema, sizeBandSchema } from "~/modules/initiatives/schemas";

export const meta: MetaFunction = () => [{ title: "Projects and sizes · Staff · Commons" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const [projects, suggestions, bands] = await Promise.all([
    listProjects(db()),
    listSuggestions(db()),
    listSizeBands(db()),
  ]);
  return { projects, suggestions, bands };
}

const toggleSchema = z.object({ projectId: z.uuid(), active: z.enum(["true", "false"]) });
const suggestionSchema = z.object({ suggestionId: z.uuid(), decision: z.enum(["accept", "dismiss"]) });

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, "curate");
  const formData = await request.formData();
  return conflictsAsFlash("/staff/projects", async () => {
    switch (intentOf(formData)) {
      case "create-project":
        return handleForm(formData, projectSchema, async (value) => {
          const project = await handleDomainErrors(() => createProject(db(), viewer, value));
          return redirectWithFlash("/staff/projects", `${project.name} is on the list.`);
        });
      case "toggle-project":
        return handleForm(formData, toggleSchema, async (value) => {
          const project = await handleDomainErrors(() =>
            setProjectActive(db(), viewer, value.projectId, value.active === "true"),
          );
          return redirectWithFlash(
            "/staff/projects",
            project.isActive ? `${project.name} is back on the list.` : `${project.name} is retired.`,
          );
        });
      case "suggestion":
        return handleForm(formData, suggestionSchema, async (value) => {
          await handleDomainErrors(() =>
            decideSuggestion(db(), viewer, value.suggestionId, value.decision === "accept"),
          );
          return redirectWithFlash(
            "/staff/projects",
            value.decision === "accept" ? "Added to the list and linked." : "Suggestion dismissed.",
          );
        });
      case "size-band":
        return handleForm(formData, sizeBandSchema, async (value) => {
          await handleDomainErrors(() => saveSizeBand(db(), viewer, value));
          return redirectWithFlash("/staff/projects", `Guidance for ${value.size} saved.`);
        });
      default:
        throw new Response("Unknown action", { status: 400 });
    }
  });
}

type Reply = SubmissionResult<string[]> & { initialValue?: Record<string, unknown> | null };

export default function StaffProjects() {
  const { projects, suggestions, bands } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const errorsFor = (intent: string, key?: string) =>
    reply?.initialValue?.intent === intent && (!key || reply.initialValue?.size === key)
      ? (reply.error ?? {})
      : {};
  const busy = useNavigation().state === "submitting";
  const createErrors = errorsFor("create-project");
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link to="/staff">← Staff</Link>
      </p>
      <h1>Projects and sizes</h1>

      <section aria-labelledby="suggested" className="space-y-3">
        <h2 id="suggested">Suggested by proposers</h2>
        {suggestions.length === 0 ? (
          <p className="text-sm text-muted">No suggestions waiting.</p>
        ) : (
          <ul className="divide-y divide-line rounded-lg border border-line bg-paper">
            {suggestions.map(({ suggestion, initiativeSlug, initiativeTitle }) => (
              <li
                key={suggestion.id}
                className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm"
              >
                <div>
                  <strong>{suggestion.name}</strong>
                  {suggestion.url ? (
                    <>
                      {" "}
                      ·{" "}
                      <a href={suggestion.url} rel="nofollow noopener noreferrer">
                        {suggestion.url}
                      </a>
                    </>
                  ) : null}
                  {initiativeSlug ? (
                    <div className="text-muted">
                      for <Link to={`/staff/initiatives/${initiativeSlug}`}>{initiativeTitle}</Link>
                    </div>
                  ) : null}
                </div>
                <Form method="post" className="flex gap-2">
                  <input type="hidden" name="intent" value="suggestion" />
                  <input type="hidden" name="suggestionId" value={suggestion.id} />
                  <Button type="submit" name="decision" value="accept" disabled={busy}>
                    Add to list
                  </Button>
                  <Button type="submit" name="decision" value="dismiss" variant="secondary" disabled={busy}>
                    Dismiss
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

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
                <Td>
                  {project.isActive ? <Badge tone="success">on the list</Badge> : <Badge>retired</Badge>}
                </Td>
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
        <Form method="post" className="grid gap-3 rounded-lg border border-line bg-paper p-4 sm:grid-cols-2">
          <h3 className="sm:col-span-2">Add a project</h3>
          <input type="hidden" name="intent" value="create-project" />
          <FormError errors={createErrors[""] ?? undefined} />
          <Field label="Name" name="name" required errors={createErrors.name ?? undefined} />
          <Field label="Address" name="url" type="url" errors={createErrors.url ?? undefined} />
          <TextareaField
            className="sm:col-span-2"
            label="Description"
            name="description"
            rows={2}
            errors={createErrors.description ?? undefined}
          />
          <div>
            <Button type="submit" disabled={busy}>
              Add project
            </Button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="sizes" className="space-y-3">
        <h2 id="sizes">Size guidance</h2>
        <p className="text-sm text-muted">Shown to proposers next to the size they choose.</p>
        <div className="space-y-3">
          {bands.map((band) => {
            const errors = errorsFor("size-band", band.size);
            return (
              <Form
                key={band.size}
                method="post"
                className="grid items-end gap-3 rounded-lg border border-line bg-paper p-4 sm:grid-cols-5"
                aria-label={`Size ${band.size}`}
              >
                <input type="hidden" name="intent" value="size-band" />
                <input type="hidden" name="size" value={band.size} />
                <p className="font-semibold sm:col-span-5">Size {band.size}</p>
                <Field
                  label="Hours from"
                  name="hoursMin"
                  type="number"
                  min={0}
                  required
                  defaultValue={band.hoursMin}
                  errors={errors.hoursMin ?? undefined}
                />
                <Field
                  label="Hours to"
                  name="hoursMax"
                  type="number"
                  min={0}
                  required
                  defaultValue={band.hoursMax}
                  errors={errors.hoursMax ?? undefined}
                />
                <Field
                  label="Cost from (USD)"
                  name="costMin"
                  required
                  defaultValue={formatMajorAmount(band.costMinMinor, band.currency)}
                  errors={errors.costMin ?? undefined}
                />
                <Field
                  label="Cost to (USD)"
                  name="costMax"
                  required
                  defaultValue={formatMajorAmount(band.costMaxMinor, band.currency)}
                  errors={errors.costMax ?? undefined}
                />
                <div>
                  <Button type="submit" variant="secondary" disabled={busy}>
                    Save {band.size}
                  </Button>
                </div>
              </Form>
            );
          })}
        </div>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { intentOf } from "~/lib/forms.server";
import { conflictsAsFlash } from "~/lib/http.server";
import { requireStaff } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { listSizeBands } from "~/modules/initiatives/catalog.server";
import { listProjects, listSuggestions } from "~/modules/initiatives/projects.server";
import { projectActions } from "./actions.server";
import { ProjectList } from "./ProjectList";
import { SizeBandForm } from "./SizeBandForm";
import { Suggestions } from "./Suggestions";

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

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, "curate");
  const formData = await request.formData();
  const intent = intentOf(formData);
  return conflictsAsFlash("/staff/projects", async () => {
    if (!Object.hasOwn(projectActions, intent)) throw new Response("Unknown action", { status: 400 });
    return projectActions[intent as keyof typeof projectActions]({ viewer, formData });
  });
}

export default function StaffProjects() {
  const { bands } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link to="/staff">← Staff</Link>
      </p>
      <h1>Projects and sizes</h1>
      <Suggestions />
      <ProjectList />
      <section aria-labelledby="sizes" className="space-y-3">
        <h2 id="sizes">Size guidance</h2>
        <p className="text-sm text-muted">Shown to proposers next to the size they choose.</p>
        <div className="space-y-3">
          {bands.map((band) => (
            <SizeBandForm key={band.size} band={band} />
          ))}
        </div>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}

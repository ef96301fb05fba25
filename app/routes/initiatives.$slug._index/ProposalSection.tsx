import { Link } from "@remix-run/react";
import { Markdown } from "~/components/Markdown";
import { formatCount } from "~/lib/numbers";
import type { PageData } from "./route";

// The proposal itself (markdown rendered on the server), with its projects and hubs beside it.

export function ProposalSection({ data }: { data: PageData }) {
  const { initiative, organization, details } = data;
  return (
    <section aria-labelledby="proposal" className="grid gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <div className="space-y-6">
        <h2 id="proposal" className="sr-only">
          The proposal
        </h2>
        <div>
          <h3>The problem</h3>
          <Markdown className="mt-2" html={initiative.problem} />
        </div>
        <div>
          <h3>Proposed solution</h3>
          <Markdown className="mt-2" html={initiative.solution} />
        </div>
        <div>
          <h3>Implementation plan</h3>
          <Markdown className="mt-2" html={initiative.plan} />
        </div>
      </div>
      <aside className="space-y-6 text-sm">
        <div>
          <h3>Upstream projects</h3>
          {details.projects.length === 0 && details.suggestions.length === 0 ? (
            <p className="text-muted">None chosen.</p>
          ) : (
            <ul className="mt-1 list-disc pl-5">
              {details.projects.map((p) => (
                <li key={p.id}>
                  <Link className="inline-block py-0.5" to={`/initiatives?project=${p.slug}`}>
                    {p.name}
                  </Link>
                </li>
              ))}
              {details.suggestions
                .filter((s) => s.status === "pending")
                .map((s) => (
                  <li key={s.id}>
                    {s.name} <span className="text-muted">(suggested, awaiting staff)</span>
                  </li>
                ))}
            </ul>
          )}
        </div>
        <div>
          <h3>{organization.name}'s hubs that benefit</h3>
          {details.proposerHubs.length === 0 ? (
            <p className="text-muted">None named.</p>
          ) : (
            <ul className="mt-1 list-disc pl-5">
              {details.proposerHubs.map((h) => (
                <li key={h.id}>
                  {h.name}
                  {h.userCount ? ` · ${formatCount(h.userCount)} users` : ""}
                </li>
              ))}
            </ul>
          )}
        </div>
      </aside>
    </section>
  );
}

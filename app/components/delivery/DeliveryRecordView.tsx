import type { ReactNode } from "react";
import { Markdown } from "~/components/Markdown";
import { formatDay } from "~/lib/dates";
import type { RenderedMarkdown } from "~/lib/markdown.server";

// Milestones, deliverables and the final report, as the public initiative page and the
// delivery page show them (issue 11, section 1).

type Record = {
  milestones: {
    id: string;
    title: string;
    description: string;
    dueOn: string | null;
    reachedOn: string | null;
  }[];
  deliverables: {
    id: string;
    kind: "pull_request" | "release" | "documentation";
    title: string;
    url: string;
    releaseVersion: string | null;
    deliveredOn: string;
    projectName: string | null;
  }[];
  report: {
    outcome: "delivered" | "not_delivered";
    delivered: RenderedMarkdown | null;
    notDelivered: RenderedMarkdown | null;
    next: RenderedMarkdown | null;
  } | null;
};

const KIND_LABELS = {
  pull_request: "Pull request",
  release: "Release",
  documentation: "Documentation",
} as const;

export function DeliveryRecordView({
  record,
  milestoneAction,
  deliverableAction,
}: {
  record: Record;
  milestoneAction?: (id: string, title: string) => ReactNode;
  deliverableAction?: (id: string, title: string) => ReactNode;
}) {
  return (
    <div className="space-y-6">
      {record.report ? (
        <section aria-labelledby="report" className="space-y-2 rounded-lg border border-line bg-paper p-4">
          <h2 id="report">
            Final report: {record.report.outcome === "delivered" ? "delivered" : "not delivered"}
          </h2>
          {record.report.delivered ? (
            <>
              <h3 className="text-sm font-semibold">What was delivered</h3>
              <Markdown html={record.report.delivered} />
            </>
          ) : null}
          {record.report.notDelivered ? (
            <>
              <h3 className="text-sm font-semibold">What was not delivered</h3>
              <Markdown html={record.report.notDelivered} />
            </>
          ) : null}
          {record.report.next ? (
            <>
              <h3 className="text-sm font-semibold">What is next</h3>
              <Markdown html={record.report.next} />
            </>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="deliverables" className="space-y-2">
        <h2 id="deliverables">Deliverables</h2>
        {record.deliverables.length === 0 ? (
          <p className="text-sm text-muted">
            Nothing delivered yet: pull requests, releases and docs appear here as the work lands.
          </p>
        ) : (
          <ul className="divide-y divide-line rounded-lg border border-line bg-paper">
            {record.deliverables.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                <span>
                  <a href={d.url} rel="noopener noreferrer">
                    {d.title}
                  </a>
                  <span className="block text-muted">
                    {KIND_LABELS[d.kind]}
                    {d.projectName ? ` · ${d.projectName}` : ""}
                    {d.releaseVersion ? ` ${d.releaseVersion}` : ""} · {formatDay(d.deliveredOn)}
                  </span>
                </span>
                {deliverableAction?.(d.id, d.title)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="milestones" className="space-y-2">
        <h2 id="milestones">Milestones</h2>
        {record.milestones.length === 0 ? (
          <p className="text-sm text-muted">No milestones recorded yet.</p>
        ) : (
          <ol className="divide-y divide-line rounded-lg border border-line bg-paper">
            {record.milestones.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                <span>
                  <span className="font-semibold">{m.title}</span>
                  <span className="block text-muted">
                    {m.reachedOn
                      ? `Reached ${formatDay(m.reachedOn)}`
                      : m.dueOn
                        ? `Planned for ${formatDay(m.dueOn)}`
                        : "Ahead"}
                  </span>
                  {m.description ? <span className="block">{m.description}</span> : null}
                </span>
                {m.reachedOn ? null : milestoneAction?.(m.id, m.title)}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

import { StatusBadge } from "~/components/initiatives/StatusBadge";
import { longDate } from "./dates";
import type { PageData } from "./route";

// Every decision on the initiative, with its rationale; private ones only for proposers and staff.

export function DecisionTimeline({ timeline }: { timeline: PageData["details"]["timeline"] }) {
  return (
    <section aria-labelledby="timeline" className="space-y-3">
      <h2 id="timeline">Decisions</h2>
      {timeline.length === 0 ? (
        <p className="text-sm text-muted">No decisions yet.</p>
      ) : (
        <ol className="space-y-3 border-l-2 border-line pl-4">
          {timeline.map((t) => (
            <li key={t.id} className="text-sm">
              <p>
                <StatusBadge status={t.toStatus} />{" "}
                <time dateTime={new Date(t.createdAt).toISOString()} className="text-muted">
                  {longDate(t.createdAt)}
                </time>
                {t.actorName ? <span className="text-muted"> · {t.actorName}</span> : null}
                {t.isPublic ? null : (
                  <span className="text-muted"> · visible to the proposers and staff</span>
                )}
              </p>
              {t.rationale ? <p className="mt-1 whitespace-pre-line">{t.rationale}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

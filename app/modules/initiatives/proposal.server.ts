import { renderMarkdown } from "~/lib/markdown.server";

/** A proposal's three texts rendered for a page, each empty one shown as `placeholder`. */
export function renderProposal(
  initiative: { problem: string; solution: string; plan: string },
  placeholder: string,
) {
  return {
    problem: renderMarkdown(initiative.problem || placeholder),
    solution: renderMarkdown(initiative.solution || placeholder),
    plan: renderMarkdown(initiative.plan || placeholder),
  };
}

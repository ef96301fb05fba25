import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { handleDomainErrors } from "~/lib/http.server";
import type { Viewer } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import {
  createProject,
  decideSuggestion,
  saveSizeBand,
  setProjectActive,
} from "~/modules/initiatives/projects.server";
import { projectSchema, sizeBandSchema } from "~/modules/initiatives/schemas";
import { suggestionSchema, toggleSchema } from "./schemas";

// One function per intent of the staff projects page; route.tsx dispatches on `intent`.

const back = "/staff/projects";

export type ProjectActionArgs = { viewer: Viewer; formData: FormData };

async function addProject({ viewer, formData }: ProjectActionArgs) {
  return handleForm(formData, projectSchema, async (value) => {
    const project = await handleDomainErrors(() => createProject(db(), viewer, value));
    return redirectWithFlash(back, `${project.name} is on the list.`);
  });
}

async function toggleProject({ viewer, formData }: ProjectActionArgs) {
  return handleForm(formData, toggleSchema, async (value) => {
    const project = await handleDomainErrors(() =>
      setProjectActive(db(), viewer, value.projectId, value.active === "true"),
    );
    return redirectWithFlash(
      back,
      project.isActive ? `${project.name} is back on the list.` : `${project.name} is retired.`,
    );
  });
}

async function decide({ viewer, formData }: ProjectActionArgs) {
  return handleForm(formData, suggestionSchema, async (value) => {
    await handleDomainErrors(() =>
      decideSuggestion(db(), viewer, value.suggestionId, value.decision === "accept"),
    );
    return redirectWithFlash(
      back,
      value.decision === "accept" ? "Added to the list and linked." : "Suggestion dismissed.",
    );
  });
}

async function saveBand({ viewer, formData }: ProjectActionArgs) {
  return handleForm(formData, sizeBandSchema, async (value) => {
    await handleDomainErrors(() => saveSizeBand(db(), viewer, value));
    return redirectWithFlash(back, `Guidance for ${value.size} saved.`);
  });
}

export const projectActions = {
  "create-project": addProject,
  "toggle-project": toggleProject,
  suggestion: decide,
  "size-band": saveBand,
};

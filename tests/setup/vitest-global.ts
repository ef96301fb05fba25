import type { TestProject } from "vitest/node";
import { createTemplate, dropDatabase, startTestCluster } from "./cluster";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

// Migrates a template database once per run; each test file clones it (vitest-each-file.ts).
export default async function setup(project: TestProject) {
  const cluster = await startTestCluster("vitest");
  const templateDatabase = `commons_template_${process.pid}`;
  await createTemplate(cluster.adminUrl, templateDatabase);
  project.provide("adminUrl", cluster.adminUrl);
  project.provide("templateDatabase", templateDatabase);
  return async () => {
    await dropDatabase(cluster.adminUrl, templateDatabase).catch(() => {});
    await cluster.stop();
  };
}

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "vite";
import { afterAll, describe, expect, it } from "vitest";
import { serverOnlyInClient } from "../vite.config";

// The client build refuses anything under db/ (issue 13, section 2): a browser bundle
// built with the project's plugin from an entry that imports a table fails and names
// the file; the same entry importing the plain values builds. (The scratch entries sit
// in .data, outside tsconfig, so they import by absolute path.)

const root = path.resolve(import.meta.dirname, "..");
const scratch = mkdtempSync(path.join(root, ".data", "client-bundle-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function bundle(source: string) {
  const entry = path.join(scratch, `entry-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(entry, source);
  return build({
    root,
    configFile: false,
    logLevel: "silent",
    plugins: [serverOnlyInClient()],
    build: { write: false, lib: { entry, formats: ["es"], fileName: "entry" } },
  });
}

describe("browser bundles and the database", () => {
  it("fails the build when browser code imports a table from db/", async () => {
    await expect(
      bundle(`import { hubs } from "${root}/db/schema/hubs";\nconsole.log(hubs);\n`),
    ).rejects.toThrow(/db\/schema\/hubs\.ts is server-only but .*entry-.*\.ts brings it into the browser/);
  });

  it("fails the build when browser code imports drizzle itself", async () => {
    await expect(bundle('import { sql } from "drizzle-orm";\nconsole.log(sql);\n')).rejects.toThrow(
      /drizzle-orm.* is server-only/,
    );
  });

  it("builds browser code that uses the plain values beside each module", async () => {
    const output = await bundle(
      `import { hubStatuses } from "${root}/app/modules/hubs/values";\nconsole.log(hubStatuses.join());\n`,
    );
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) =>
      "output" in o ? o.output : [],
    );
    const code = chunks.map((chunk) => ("code" in chunk ? chunk.code : "")).join("\n");
    expect(code).toContain("retired");
    expect(code).not.toContain("pgTable");
  });
});

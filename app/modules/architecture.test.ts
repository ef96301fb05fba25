import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Rules of the money core that a reviewer could miss (issue 9, sections 2 and 4),
// checked over the source tree.

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (statSync(path.join(root, relative)).isDirectory()) return sourceFiles(relative);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [relative] : [];
  });
}

const appFiles = ["app", "server", "db", "emails"].flatMap(sourceFiles);
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

describe("one owner of Stripe", () => {
  it("only app/modules/payments imports the Stripe SDK or its client", () => {
    const offenders = appFiles.filter((file) => {
      if (file.startsWith(path.join("app", "modules", "payments"))) return false;
      const source = read(file);
      if (/from\s+["']stripe["']|require\(\s*["']stripe["']\s*\)|import\(\s*["']stripe["']\s*\)/.test(source))
        return true;
      // The client accessor itself: other modules use payments' functions, never `stripe()`.
      return [
        ...source.matchAll(
          /import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+["'][^"']*payments\/stripe\.server["']/g,
        ),
      ].some((m) => /(^|[\s,])stripe([\s,]|$)/.test(m[1]!));
    });
    expect(offenders).toEqual([]);
  });

  it("nothing outside payments calls the SDK client", () => {
    const offenders = appFiles.filter(
      (file) =>
        !file.startsWith(path.join("app", "modules", "payments")) && /\bstripe\(\)\./.test(read(file)),
    );
    expect(offenders).toEqual([]);
  });
});

describe("memberships move only through their transition table", () => {
  const workflow = path.join("app", "modules", "memberships", "workflow.ts");

  it("no code deletes a membership", () => {
    expect(appFiles.filter((file) => /\.delete\(\s*memberships\s*\)/.test(read(file)))).toEqual([]);
  });

  it("only workflow.ts inserts memberships or writes their status", () => {
    const offenders: string[] = [];
    for (const file of appFiles) {
      if (file === workflow || file.startsWith(path.join("db", "schema"))) continue;
      const source = read(file);
      if (/\.insert\(\s*memberships\s*\)/.test(source)) offenders.push(`${file}: inserts memberships`);
      for (const match of source.matchAll(/\.update\(\s*memberships\s*\)([\s\S]*?)\.where\(/g)) {
        if (/\bstatus\b/.test(match[1]!)) offenders.push(`${file}: writes memberships.status`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

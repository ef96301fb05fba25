import { describe, expect, it } from "vitest";
import { auditInWords, hasWords } from "~/modules/audit/words";
import { auditActions, auditDetailsSchemas, isAuditAction } from "./actions";

describe("the audit vocabulary (issue 13, section 3)", () => {
  it("lists each action once", () => {
    expect(new Set(auditActions).size).toBe(auditActions.length);
  });

  it("gives every action a details schema and words, and nothing else a schema", () => {
    for (const action of auditActions) {
      expect(auditDetailsSchemas[action], action).toBeDefined();
      expect(hasWords(action), action).toBe(true);
      // The words are not the raw action.
      expect(auditInWords(action, {}).what).not.toContain(".");
    }
    expect(Object.keys(auditDetailsSchemas).sort()).toEqual([...auditActions].sort());
  });

  it("knows its own actions and no others", () => {
    expect(isAuditAction("hub.created")).toBe(true);
    expect(isAuditAction("hub.renamed")).toBe(false);
    expect(isAuditAction("toString")).toBe(false);
  });
});

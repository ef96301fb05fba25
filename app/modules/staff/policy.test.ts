import { describe, expect, it } from "vitest";
import { canStaff, type StaffAction } from "./policy";

const actions: StaffAction[] = [
  "view",
  "decide",
  "manage-tiers",
  "reconcile",
  "manage-pool",
  "curate",
  "collect",
  "export",
];

describe("staff policy", () => {
  it.each(actions)("staff may %s", (action) => {
    expect(canStaff({ isStaff: true }, action)).toBe(true);
  });

  it.each(actions)("a signed-in non-staff account may not %s", (action) => {
    expect(canStaff({ isStaff: false }, action)).toBe(false);
  });

  it.each(actions)("nobody signed in may not %s", (action) => {
    expect(canStaff(null, action)).toBe(false);
  });
});

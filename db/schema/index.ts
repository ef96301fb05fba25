export * from "./audit";
export * from "./auth";
export * from "./hubs";
export * from "./initiatives";
export * from "./memberships";
export * from "./notifications";
export * from "./organizations";
export * from "./payments";

export * from "./audit";
export * from "./auth";
export * from "./hubs";
export * from "./notifications";
export * from "./organizations";

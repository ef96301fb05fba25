import { getDb } from "#db/client.server";

// The handle routes pass to services. Routes never import db/ themselves
// (ARCHITECTURE.md "Dependency direction"); services take the handle as a parameter.
export const db = getDb;

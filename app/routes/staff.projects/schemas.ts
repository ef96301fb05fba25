import { z } from "zod";

// The staff projects page's small forms; the larger ones share the initiatives module's schemas.

export const toggleSchema = z.object({ projectId: z.uuid(), active: z.enum(["true", "false"]) });
export const suggestionSchema = z.object({ suggestionId: z.uuid(), decision: z.enum(["accept", "dismiss"]) });

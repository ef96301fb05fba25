import { z } from "zod";
import * as schemas from "./api-schemas";

// The OpenAPI 3.1 document of the read-only API (issue 11), generated from the same zod
// schemas the responses are typed with. Served at /api/v1/openapi.json.

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const ok = (id: string, description: string) => ({
  description,
  headers: {
    ETag: { schema: { type: "string" } },
    RateLimit: { description: "limit, remaining, reset (seconds)", schema: { type: "string" } },
    "RateLimit-Policy": { schema: { type: "string" } },
  },
  content: { "application/json": { schema: ref(id) } },
});
const errors = {
  "404": {
    description: "Not found, or not public.",
    content: { "application/json": { schema: ref("Error") } },
  },
  "429": {
    description: "More requests a minute from one address than the limit (RateLimit-Policy says it).",
    headers: { "Retry-After": { schema: { type: "integer" } } },
    content: { "application/json": { schema: ref("Error") } },
  },
};
const pageParams = [
  { name: "page", in: "query", schema: { type: "integer", minimum: 1, default: 1 } },
  {
    name: "pageSize",
    in: "query",
    schema: {
      type: "integer",
      minimum: 1,
      maximum: schemas.API_MAX_PAGE_SIZE,
      default: schemas.API_DEFAULT_PAGE_SIZE,
    },
  },
];
const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };

export function openApiDocument(appUrl: string) {
  const generated = z.toJSONSchema(schemas.apiRegistry, {
    metadata: schemas.apiRegistry,
    uri: (id) => `#/components/schemas/${id}`,
    io: "output",
    target: "draft-2020-12",
  }) as { schemas: Record<string, Record<string, unknown>> };
  const components: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(generated.schemas)) {
    const { $schema: _schema, $id: _id, id: _name, ...rest } = schema;
    components[id] = rest;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Commons public API",
      version: "1.0.0",
      description:
        "Read-only: initiatives, organizations and network figures as the public pages show them. Anonymous funders are only counted and summed. CORS is open for GET. Rate limit per client address, announced in RateLimit headers.",
    },
    servers: [{ url: `${appUrl}/api/v1` }],
    paths: {
      "/initiatives": {
        get: {
          summary: "Public initiatives, newest first",
          parameters: [
            ...pageParams,
            {
              name: "status",
              in: "query",
              schema: {
                type: "string",
                enum: ["open", "funded", "in_progress", "delivered", "not_delivered"],
              },
            },
          ],
          responses: { "200": ok("InitiativeList", "A page of initiatives."), "429": errors["429"] },
        },
      },
      "/initiatives/{slug}": {
        get: {
          summary: "One initiative with funders, deliverables, rollouts and reach",
          parameters: [slug],
          responses: { "200": ok("InitiativeDetail", "The initiative."), ...errors },
        },
      },
      "/organizations": {
        get: {
          summary: "Listed organizations, by name",
          parameters: pageParams,
          responses: { "200": ok("OrganizationList", "A page of organizations."), "429": errors["429"] },
        },
      },
      "/organizations/{slug}": {
        get: {
          summary: "One organization's credit",
          parameters: [slug],
          responses: { "200": ok("OrganizationDetail", "The organization."), ...errors },
        },
      },
      "/stats": {
        get: {
          summary: "Network totals",
          responses: { "200": ok("Stats", "Totals."), "429": errors["429"] },
        },
      },
      "/hubs/{hubId}/funded-by": {
        get: {
          summary: "The funded work a hub runs, for its login page",
          parameters: [
            { name: "hubId", in: "path", required: true, schema: { type: "string", format: "uuid" } },
          ],
          responses: { "200": ok("HubFundedBy", "What the hub runs."), ...errors },
        },
      },
    },
    components: { schemas: components },
  };
}

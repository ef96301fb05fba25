import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import type { Db } from "#db/client.server";
import { organizationLogos, organizations } from "#db/schema";
import { ForbiddenError, ValidationError } from "~/lib/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import type { OrganizationContext } from "./organizations.server";
import { can } from "./policy";
import { LOGO_MAX_BYTES, logoErrors } from "./schemas";

// Organization logos (issue 11, section 2). What is uploaded is never served: it is
// decoded (PNG, JPEG, or SVG rasterised by librsvg, which runs no script and loads
// nothing external from a buffer) and re-encoded as a PNG of at most 512 px, so
// metadata, scripts and polyglot payloads do not survive. Stored in Postgres, so every
// app server serves the same bytes, at an address that changes with the content.

const ACCEPTED: Record<string, string> = { "image/png": "png", "image/jpeg": "jpeg", "image/svg+xml": "svg" };
const MAX_SIDE = 512;

export type LogoUpload = { type: string; bytes: Uint8Array };

function refuse(message: string): never {
  throw new ValidationError({ logo: [message] });
}

/** Decodes and re-encodes an upload; refuses anything that is not the image it says it is. */
export async function normaliseLogo(upload: LogoUpload) {
  if (upload.bytes.byteLength === 0) refuse(logoErrors.missing);
  if (upload.bytes.byteLength > LOGO_MAX_BYTES) refuse(logoErrors.tooLarge);
  const expected = ACCEPTED[upload.type];
  if (!expected) refuse(logoErrors.type);
  let format: string | undefined;
  let output: { data: Buffer; info: sharp.OutputInfo };
  try {
    const image = sharp(upload.bytes, { limitInputPixels: 40_000_000, failOn: "error" });
    format = (await image.metadata()).format;
    if (format !== expected)
      refuse(`The file is not a ${expected.toUpperCase()} image, whatever its name says.`);
    output = await image
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: "inside", withoutEnlargement: format !== "svg" })
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    refuse("The image could not be read. Upload a PNG, JPEG or SVG file.");
  }
  const hash = createHash("sha256").update(output.data).digest("hex").slice(0, 24);
  return { hash, data: output.data, width: output.info.width, height: output.info.height };
}

export async function saveLogo(db: Db, context: OrganizationContext, upload: LogoUpload) {
  if (!can(context.actor, "edit")) throw new ForbiddenError("Only organization admins can change the logo.");
  const logo = await normaliseLogo(upload);
  const logoUrl = `/logos/${logo.hash}.png`;
  await db.transaction(async (tx) => {
    const values = { ...logo, contentType: "image/png", updatedAt: new Date() };
    await tx
      .insert(organizationLogos)
      .values({ organizationId: context.organization.id, ...values })
      .onConflictDoUpdate({ target: organizationLogos.organizationId, set: values });
    await tx
      .update(organizations)
      .set({ logoUrl, updatedAt: new Date() })
      .where(eq(organizations.id, context.organization.id));
    await recordAudit(tx, {
      actorId: context.actor.userId,
      action: "organization.logo-changed",
      subjectType: "organization",
      subjectId: context.organization.id,
      organizationId: context.organization.id,
      details: { logoUrl, width: logo.width, height: logo.height },
    });
  });
  return logoUrl;
}

export async function removeLogo(db: Db, context: OrganizationContext) {
  if (!can(context.actor, "edit")) throw new ForbiddenError("Only organization admins can change the logo.");
  await db.transaction(async (tx) => {
    await tx.delete(organizationLogos).where(eq(organizationLogos.organizationId, context.organization.id));
    await tx
      .update(organizations)
      .set({ logoUrl: null, updatedAt: new Date() })
      .where(eq(organizations.id, context.organization.id));
    await recordAudit(tx, {
      actorId: context.actor.userId,
      action: "organization.logo-removed",
      subjectType: "organization",
      subjectId: context.organization.id,
      organizationId: context.organization.id,
    });
  });
}

/** The stored PNG for an address's hash (any organization with the same image serves the same bytes). */
export async function logoByHash(db: Db, hash: string) {
  if (!/^[0-9a-f]{24}$/.test(hash)) return null;
  const [row] = await db
    .select({ data: organizationLogos.data, contentType: organizationLogos.contentType })
    .from(organizationLogos)
    .where(eq(organizationLogos.hash, hash))
    .limit(1);
  return row ?? null;
}

import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { addMember, buildOrganization, buildUser } from "#tests/factories";
import { ForbiddenError, ValidationError } from "~/lib/errors";
import { loader as logoRoute } from "~/routes/logos.$file";
import { logoByHash, normaliseLogo, saveLogo } from "./logo.server";
import { loadOrganizationFor } from "./organizations.server";

// Logos (issue 11): what is uploaded is decoded and re-encoded, never served as sent.

const db = getDb();
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

const png = (width = 64, height = 64) =>
  sharp({ create: { width, height, channels: 3, background: "#0b5c8e" } })
    .png()
    .toBuffer();
const refusal = (upload: Parameters<typeof normaliseLogo>[0]) =>
  normaliseLogo(upload).then(
    () => "accepted",
    (error: unknown) => (error instanceof ValidationError ? error.fieldErrors.logo?.[0] : String(error)),
  );

async function admin(role: "owner" | "member" = "owner") {
  const organization = await buildOrganization(db);
  const user = await buildUser(db, { passwordHash: "x" });
  await addMember(db, organization.id, user.id, role);
  return loadOrganizationFor(db, organization.slug, { id: user.id, isStaff: false }, "view");
}

describe("logo uploads", () => {
  it("re-encodes an SVG as a PNG, so its script is gone", async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><script>alert(1)</script><rect width="200" height="100" fill="red" onload="alert(2)"/><image href="http://169.254.169.254/x.png" width="10" height="10"/></svg>`;
    const logo = await normaliseLogo({ type: "image/svg+xml", bytes: Buffer.from(svg) });
    expect(logo.data.subarray(0, 4).equals(PNG_SIGNATURE)).toBe(true);
    expect(logo.data.toString("latin1")).not.toContain("script");
    expect([logo.width, logo.height]).toEqual([512, 256]);
  });

  it("refuses files that are not the image they claim to be, empty, too large or too many pixels", async () => {
    expect(
      await refusal({ type: "image/png", bytes: Buffer.from("<html><script>alert(1)</script></html>") }),
    ).toMatch(/could not be read|not a PNG/);
    const jpeg = await sharp(await png())
      .jpeg()
      .toBuffer();
    expect(await refusal({ type: "image/png", bytes: jpeg })).toMatch(/not a PNG image/);
    expect(await refusal({ type: "image/gif", bytes: await png() })).toMatch(/PNG, JPEG or SVG/);
    expect(await refusal({ type: "image/png", bytes: new Uint8Array() })).toMatch(/Choose an image/);
    expect(await refusal({ type: "image/png", bytes: new Uint8Array(2 * 1024 * 1024 + 1) })).toMatch(
      /larger than 2 MB/,
    );
    // A small file that claims 20,000 × 20,000 pixels (a decompression bomb) is refused before it is decoded.
    const bomb = `<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="20000"><rect width="20000" height="20000"/></svg>`;
    expect(await refusal({ type: "image/svg+xml", bytes: Buffer.from(bomb) })).toMatch(/could not be read/);
  });

  it("stores the logo for an admin, serves it by content hash, and refuses a plain member", async () => {
    const context = await admin();
    const url = await saveLogo(db, context, { type: "image/png", bytes: await png(800, 400) });
    expect(url).toMatch(/^\/logos\/[0-9a-f]{24}\.png$/);
    const hash = /([0-9a-f]{24})/.exec(url)![1]!;
    const stored = await logoByHash(db, hash);
    expect((await sharp(stored!.data).metadata()).width).toBe(512);
    const response = (await logoRoute({ params: { file: `${hash}.png` } } as never)) as Response;
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("cache-control")).toContain("immutable");
    expect(((await logoRoute({ params: { file: "../../etc/passwd" } } as never)) as Response).status).toBe(
      404,
    );

    const member = await admin("member");
    await expect(saveLogo(db, member, { type: "image/png", bytes: await png() })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});

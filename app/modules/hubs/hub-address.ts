import semver from "semver";

// What people paste as "the hub's address" (issue 11, section 1) is whatever their
// browser shows: …/hub/login?next=…, …/hub/home, …/user/ana/lab, with or without a
// base_url prefix. The hub's root is everything before its first /hub or /user segment.

const HUB_SEGMENTS = new Set(["hub", "user", "services"]);

/** The hub's root (scheme, host, base_url), without a trailing slash. */
export function hubRoot(pasted: string): string {
  const url = new URL(pasted.trim());
  const segments = url.pathname.split("/").filter(Boolean);
  const cut = segments.findIndex((segment) => HUB_SEGMENTS.has(segment.toLowerCase()));
  const base = cut === -1 ? segments : segments.slice(0, cut);
  return `${url.protocol}//${url.host}${base.length ? `/${base.join("/")}` : ""}`;
}

/** PEP 440 pre-release kinds, in their order: dev < a < b < rc. */
const PRE_KINDS: Record<string, number> = {
  dev: 0,
  a: 1,
  alpha: 1,
  b: 2,
  beta: 2,
  c: 3,
  rc: 3,
  pre: 3,
  preview: 3,
};

/**
 * A JupyterHub version as semver. JupyterHub reports Python versions ("5.2.1",
 * "4.1.0b1", "5.0.0.dev0", "5.2.1+local"): a pre-release or development build of x.y.z
 * comes before x.y.z (dev < a < b < rc, then by number), a local build is the release.
 * Anything else (too many parts, absurd numbers) is not a version: null, never a throw.
 */
export function jupyterhubSemver(version: string): string | null {
  const match =
    /^v?(\d{1,6})\.(\d{1,6})(?:\.(\d{1,6}))?(?:[.-]?(dev|a|alpha|b|beta|c|rc|pre|preview)\.?(\d{0,6}))?(?:\.post\d{0,6})?(?:\+[0-9A-Za-z.-]*)?$/i.exec(
      version.trim(),
    );
  if (!match) return null;
  const [, major, minor, patch = "0", kind, number] = match;
  const core = `${Number(major)}.${Number(minor)}.${Number(patch)}`;
  const pre = kind ? `-${PRE_KINDS[kind.toLowerCase()]}.${Number(number || 0)}` : "";
  return semver.valid(`${core}${pre}`);
}

/** Whether a hub reporting `hubVersion` runs a release at or after `releaseVersion`. */
export function versionIncludes(hubVersion: string, releaseVersion: string): boolean {
  const hub = jupyterhubSemver(hubVersion);
  const release = jupyterhubSemver(releaseVersion);
  if (!hub || !release) return false;
  return semver.gte(hub, release);
}

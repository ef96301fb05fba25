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

/**
 * A JupyterHub version as semver. JupyterHub reports Python versions ("5.2.1",
 * "4.1.0b1", "5.0.0.dev", "5.2.1+local"): a pre-release or development build of
 * x.y.z comes before x.y.z, so it does not include what x.y.z released.
 */
export function jupyterhubSemver(version: string): string | null {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?(.*)$/.exec(version.trim());
  if (!match) return null;
  const [, major, minor, patch = "0", rest = ""] = match;
  const suffix = rest.replace(/^\+.*$/, "").replace(/^\.post\d*.*$/, "");
  return `${major}.${minor}.${patch}${suffix ? "-pre" : ""}`;
}

/** Whether a hub reporting `hubVersion` runs a release at or after `releaseVersion`. */
export function versionIncludes(hubVersion: string, releaseVersion: string): boolean {
  const hub = jupyterhubSemver(hubVersion);
  const release = jupyterhubSemver(releaseVersion);
  if (!hub || !release) return false;
  return semver.gte(hub, release);
}

import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import ipaddr from "ipaddr.js";

// Reads a hub's public `GET <url>/hub/api` (issue 2, item 7). Outside development
// and tests only https to public addresses is allowed: the address is checked at
// connection time, so a DNS answer cannot swap in a private one afterwards.

export type HubCheckResult =
  | { ok: true; version: string }
  | { ok: false; reason: "unreachable" | "not-jupyterhub" | "refused"; message: string };

const TIMEOUT_MS = 5_000;
const MAX_BODY = 64 * 1024;

/**
 * IPv6 ranges that embed an IPv4 address a gateway may translate to a private one
 * (issue 12, item 14): IPv4-compatible `::/96` and the NAT64 prefixes. ipaddr.js calls
 * some of them unicast, so they are refused here.
 */
const EMBEDDED_IPV4 = ["::/96", "64:ff9b::/96", "64:ff9b:1::/48"].map((cidr) => ipaddr.IPv6.parseCIDR(cidr));

export function isPublicAddress(address: string) {
  try {
    let parsed = ipaddr.parse(address);
    if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
      parsed = (parsed as ipaddr.IPv6).toIPv4Address();
    }
    if (parsed.kind() === "ipv6" && EMBEDDED_IPV4.some((range) => (parsed as ipaddr.IPv6).match(range)))
      return false;
    return parsed.range() === "unicast";
  } catch {
    return false;
  }
}

type Lookup = typeof dnsLookup;

function guardedLookup(allowPrivate: boolean): Lookup {
  return ((
    hostname: string,
    options: object,
    callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      const list = addresses as LookupAddress[];
      const allowed = allowPrivate ? list : list.filter((a) => isPublicAddress(a.address));
      if (allowed.length === 0) {
        const refusal = Object.assign(new Error("refused private address"), { code: "EPRIVATE" });
        return callback(refusal, "");
      }
      if ((options as { all?: boolean }).all) return callback(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  }) as Lookup;
}

export async function checkHub(hubUrl: string, options: { allowPrivate: boolean }): Promise<HubCheckResult> {
  let target: URL;
  try {
    target = new URL(`${hubUrl.replace(/\/+$/, "")}/hub/api`);
  } catch {
    return { ok: false, reason: "refused", message: "The hub address is not a valid URL." };
  }
  if (!options.allowPrivate && target.protocol !== "https:") {
    return { ok: false, reason: "refused", message: "Only https hub addresses can be checked." };
  }
  if (
    !options.allowPrivate &&
    ipaddr.isValid(target.hostname.replace(/^\[|\]$/g, "")) &&
    !isPublicAddress(target.hostname.replace(/^\[|\]$/g, ""))
  ) {
    return { ok: false, reason: "refused", message: "Private and loopback addresses cannot be checked." };
  }
  const client = target.protocol === "https:" ? https : http;
  return new Promise<HubCheckResult>((resolve) => {
    const request = client.get(
      target,
      {
        lookup: guardedLookup(options.allowPrivate),
        timeout: TIMEOUT_MS,
        headers: { accept: "application/json", "user-agent": "Commons hub check" },
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
          if (body.length > MAX_BODY) response.destroy();
        });
        response.on("end", () => resolve(interpret(response.statusCode ?? 0, body)));
        response.on("error", () => resolve(interpret(response.statusCode ?? 0, body)));
      },
    );
    request.on("timeout", () => request.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })));
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPRIVATE") {
        resolve({
          ok: false,
          reason: "refused",
          message: "The hub's address resolves to a private network; it cannot be checked.",
        });
      } else if (error.code === "ETIMEDOUT") {
        resolve({
          ok: false,
          reason: "unreachable",
          message: `The hub did not answer within ${TIMEOUT_MS / 1000} seconds.`,
        });
      } else {
        resolve({
          ok: false,
          reason: "unreachable",
          message: `The hub could not be reached (${error.code ?? error.message}).`,
        });
      }
    });
  });
}

function interpret(status: number, body: string): HubCheckResult {
  const notHub = {
    ok: false,
    reason: "not-jupyterhub",
    message: `The address answered, but not like a JupyterHub (no version at /hub/api; HTTP ${status}).`,
  } as const;
  if (status !== 200) return notHub;
  try {
    const json = JSON.parse(body) as { version?: unknown };
    if (typeof json.version === "string" && /^\d+\.\d+/.test(json.version))
      return { ok: true, version: json.version.slice(0, 40) };
  } catch {
    // Not JSON: falls through to "not a JupyterHub".
  }
  return notHub;
}

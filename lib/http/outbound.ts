import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, fetch as undiciFetch, type RequestInit as UndiciInit } from "undici";
import { env } from "@/lib/env";

// Requests Hiveboard makes to addresses people typed (webhook receivers, Automagik servers) go only
// to the public internet: never to loopback, private, link-local (169.254.169.254, the cloud
// metadata service), unique-local, CGNAT or reserved addresses — checked on the address actually
// connected to (after DNS, so a name that resolves inside is refused too) and on every redirect.
// An admin allows ranges with HIVEBOARD_OUTBOUND_ALLOW (e.g. loopback, 10.0.0.0/8).

const NAMED: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  private: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
  linklocal: ["169.254.0.0/16", "fe80::/10"],
};

function allowedRanges(): [ipaddr.IPv4 | ipaddr.IPv6, number][] {
  return env()
    .HIVEBOARD_OUTBOUND_ALLOW.flatMap((entry) => NAMED[entry] ?? [entry])
    .map((cidr) => ipaddr.parseCIDR(cidr));
}

/** Why an address may not be reached, or null when it may. */
export function refusedAddress(address: string): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.process(address);
  } catch {
    return `${address} is not an address`;
  }
  if (ip.range() === "unicast") return null;
  for (const [range, bits] of allowedRanges())
    if (ip.kind() === range.kind() && ip.match(range, bits)) return null;
  return `${address} is a ${RANGE_WORDS[ip.range()] ?? ip.range()} address`;
}

const RANGE_WORDS: Record<string, string> = {
  linkLocal: "link-local (cloud metadata)",
  uniqueLocal: "unique-local",
  carrierGradeNat: "carrier-grade NAT",
  unspecified: "unspecified",
  ipv4Mapped: "IPv4-mapped",
};

class Refused extends Error {}
/** A request refused for where it leads: retrying will not help. */
export class OutboundRefused extends Error {}

/** dns.lookup for the outbound agent: every address a name resolves to must be reachable. */
export function guardedLookup(
  hostname: string,
  options: object,
  callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
) {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses as LookupAddress[];
    const bad = list.map((a) => refusedAddress(a.address)).find(Boolean);
    if (bad)
      return callback(
        new Refused(`${hostname} resolves to ${bad}: not reachable from Hiveboard`),
        [],
      );
    const all = (options as { all?: boolean }).all;
    if (all) return callback(null, list);
    callback(null, list[0].address, list[0].family);
  });
}

const g = globalThis as unknown as { __hiveboardOutbound?: Agent };
const agent = () =>
  (g.__hiveboardOutbound ??= new Agent({ connect: { lookup: guardedLookup as never } }));

/** Whether a URL may be requested at all (scheme, and its host when it is an address). */
export function refusedUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "not a URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "only http and https";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return refusedAddress(host);
  if (host === "localhost" || host.endsWith(".localhost")) return refusedAddress("127.0.0.1");
  return null;
}

/** The field message for an address people typed that Hiveboard will not call, or null. */
export function outboundUrlError(url: string): string | null {
  const refused = refusedUrl(url);
  return refused
    ? `Hiveboard will not call this address (${refused}); an admin may allow its range with HIVEBOARD_OUTBOUND_ALLOW`
    : null;
}

const hint =
  "Hiveboard reaches only public addresses; an admin may allow a range with HIVEBOARD_OUTBOUND_ALLOW (e.g. loopback or 10.0.0.0/8).";

/**
 * fetch() to an address people typed: refused (with why and how to allow it) when it, or any
 * redirect, leads to a non-public address. Redirects are followed by hand, at most 3.
 */
export async function outboundFetch(url: string, init: RequestInit = {}): Promise<Response> {
  let target = url;
  for (let hop = 0; hop <= 3; hop++) {
    const refused = refusedUrl(target);
    if (refused) throw new OutboundRefused(`${target}: ${refused}. ${hint}`);
    let res: Response;
    try {
      res = (await undiciFetch(target, {
        ...(init as UndiciInit),
        redirect: "manual",
        dispatcher: agent(),
      })) as unknown as Response;
    } catch (error) {
      const cause = (error as Error).cause;
      if (cause instanceof Refused) throw new OutboundRefused(`${cause.message}. ${hint}`);
      throw error;
    }
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location || init.redirect === "manual")
      return res;
    target = new URL(location, target).toString();
  }
  throw new Error(`${url}: more than 3 redirects.`);
}

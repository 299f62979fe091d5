import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";

// Who is on the other end of a request: the socket's address, or — only when that socket is a
// proxy the operator trusts (HIVEBOARD_TRUSTED_PROXIES) — the nearest untrusted address its
// X-Forwarded-For names. server.ts stamps the answer on every request in this header, replacing
// whatever a client sent in it; the rate limits and the audit log read only this header.

export const CLIENT_IP_HEADER = "x-hiveboard-client-ip";

export type Trust = (address: string, hop: number) => boolean;

/** The trust function for a list of addresses, CIDRs or names (loopback, linklocal, uniquelocal). */
export function trustProxies(list: string[]): Trust {
  try {
    return proxyaddr.compile(list);
  } catch (error) {
    throw new Error(
      `HIVEBOARD_TRUSTED_PROXIES: ${(error as Error).message} (give addresses or CIDRs, comma-separated, like 10.0.0.0/8,loopback)`,
    );
  }
}

export function stampClientAddress(req: IncomingMessage, trust: Trust): void {
  let address = "unknown";
  try {
    address = req.socket.remoteAddress ? proxyaddr(req, trust) : "unknown";
  } catch {
    address = req.socket.remoteAddress ?? "unknown";
  }
  req.headers[CLIENT_IP_HEADER] = address.replace(/^::ffff:/, "");
}

/** The stamped client address of a request's headers ("local" where nothing stamped it: tests, scripts). */
export const clientAddressOf = (h: Headers): string => h.get(CLIENT_IP_HEADER) || "local";

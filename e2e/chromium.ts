// Which Chromium the browser tests drive, in this order: CHROMIUM_PATH, the system's
// (Debian's `chromium`), then the build shipped inside the npm package @sparticuz/chromium, so
// `npm test` works right after `npm install` on a machine without apt. Never a download.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const SYSTEM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const system = SYSTEM.find((p) => existsSync(p));
  if (system) return system;
  // The package unpacks its binary into the temp folder; it is async, so ask a child process.
  const script =
    'import("@sparticuz/chromium").then(async (m) => process.stdout.write(await m.default.executablePath()))';
  const path = execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
  process.env.CHROMIUM_PATH = path;
  return path;
}

/** Our flags, not the package's Lambda ones (--single-process breaks multi-context tests). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--no-zygote",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

// `npm start`: build the app when the build is missing or older than the sources, then serve it.
// `npm run dev`: serve with Next's dev server (hot reload), no build.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const dev = process.argv.includes("--dev");
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  CHECKPOINT_DISABLE: "1",
  NODE_ENV: dev ? "development" : "production",
};
const bin = (name: string) => path.join("node_modules", ".bin", name);

function newestSource(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function buildIsStale(): boolean {
  const id = ".next/BUILD_ID";
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  const sources = ["app", "components", "lib", "public", "generated"].map(newestSource);
  const files = ["next.config.ts", "package.json", "postcss.config.mjs"].map((f) =>
    existsSync(f) ? statSync(f).mtimeMs : 0,
  );
  return Math.max(...sources, ...files) > built;
}

if (!dev && buildIsStale()) {
  console.log("Building Hiveboard (first start or sources changed)…");
  const build = spawnSync(bin("next"), ["build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(bin("tsx"), ["--import", "./scripts/server-only-hook.mjs", "server.ts"], {
  stdio: "inherit",
  env,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));

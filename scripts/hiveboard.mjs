#!/usr/bin/env node
// The `hiveboard` command (package.json bin): loads the TypeScript CLI through tsx.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../lib/cli/main.ts");
const tty = process.stdout.isTTY;
const out = {
  log: (line) => process.stdout.write(`${line}\n`),
  // On a terminal the progress line redraws in place; piped, each change is its own line.
  live: (line) => process.stdout.write(tty ? `\r\x1b[2K${line}` : `${line}\n`),
  isTTY: Boolean(tty),
  columns: process.stdout.columns ?? 100,
};
const code = await main(process.argv.slice(2), process.env, {
  ...out,
  log: (line) => out.log(tty ? `\r\x1b[2K${line}` : line),
});
process.exit(code);

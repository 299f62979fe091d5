#!/usr/bin/env node
// Stands in for the `claude` executable: prints a recorded Claude Code session
// (tests/fixtures/claude-stream-json/todowrite-multi-tool.jsonl) line by line, as the CLI
// printed it, then exits 0. What Hiveboard writes to its stdin is read and ignored.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const file = fileURLToPath(
  new URL("../fixtures/claude-stream-json/todowrite-multi-tool.jsonl", import.meta.url),
);
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
for (const line of readFileSync(file, "utf8").split("\n"))
  if (line) process.stdout.write(`${line}\n`);

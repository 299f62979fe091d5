// A stand-in agent for the fan-out benchmark: prints `count` lines (after `delayMs`), each stamped with the wall
// clock at the moment it is written, `intervalMs` apart.
const [count = "100", intervalMs = "50", delayMs = "0"] = process.argv.slice(2);
await new Promise((r) => setTimeout(r, Number(delayMs)));
for (let i = 0; i < Number(count); i++) {
  process.stdout.write(`hb-ts=${Date.now()} line ${i} ${"x".repeat(60)}\n`);
  await new Promise((r) => setTimeout(r, Number(intervalMs)));
}

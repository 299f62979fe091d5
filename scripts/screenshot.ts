// `npm run screenshot [-- URL OUT]`: saves a PNG of a page of a running Hiveboard (the README's
// pictures come from here). Uses the same Chromium resolution as the browser tests. It signs in
// with HIVEBOARD_EMAIL / HIVEBOARD_PASSWORD (on a fresh install, it sets up that admin).
// HIVEBOARD_THEME=dark takes the picture as a browser set to dark would show it.
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "../e2e/chromium";
import { signInAs } from "../e2e/sign-in";

const url = process.argv[2] ?? "http://localhost:3000/projects/demo/board";
const out = process.argv[3] ?? "docs/board.png";
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: CHROMIUM_ARGS,
  headless: true,
});
const page = await browser.newPage({
  viewport: { width: 1600, height: 900 },
  deviceScaleFactor: 1,
  colorScheme: process.env.HIVEBOARD_THEME === "dark" ? "dark" : "light",
});
const email = process.env.HIVEBOARD_EMAIL;
const password = process.env.HIVEBOARD_PASSWORD;
if (!email || !password)
  throw new Error(
    "Set HIVEBOARD_EMAIL and HIVEBOARD_PASSWORD: the pages need a signed-in account.",
  );
await signInAs(page, new URL(url).origin, { email, password, name: "Ada Admin" });
await page.goto(url, { waitUntil: "networkidle" });
await page
  .getByTestId("live-indicator")
  .filter({ hasText: "Live" })
  .waitFor({ timeout: 10_000 })
  .catch(() => undefined);
await page.screenshot({ path: out });
await browser.close();
console.log(`saved ${out}`);

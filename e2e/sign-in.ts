import type { Page } from "@playwright/test";

/**
 * Gets a page past set-up or sign-in with the given account (set-up creates it as the admin on
 * a fresh install). For scripts and benchmarks; the e2e specs use saved sessions instead.
 */
export async function signInAs(
  page: Page,
  base: string,
  account: { name?: string; email: string; password: string },
): Promise<void> {
  await page.goto(`${base}/`);
  await page.waitForURL(/\/(setup|sign-in|projects)/);
  if (page.url().includes("/setup")) {
    await page.getByLabel("Your name").fill(account.name ?? "Admin");
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Create the admin account" }).click();
  } else if (page.url().includes("/sign-in")) {
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await page.waitForURL(/\/projects\//);
}

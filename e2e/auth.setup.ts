import { expect, test as setup } from "@playwright/test";
import { PASSWORD, stateOf, type Who } from "./helpers";

setup(
  "a fresh install: set-up page makes the admin, who invites one person per role",
  async ({ browser }) => {
    const admin = await (await browser.newContext()).newPage();
    await admin.goto("/");
    await expect(admin).toHaveURL(/\/setup$/);
    await expect(admin.getByRole("heading", { name: "Set up Hiveboard" })).toBeVisible();

    await admin.getByLabel("Your name").fill("Ada Admin");
    await admin.getByLabel("Email").fill("not-an-email");
    await admin.getByLabel("Password").fill("short");
    await admin.getByRole("button", { name: "Create the admin account" }).click();
    await expect(admin.getByText("Enter an email address like ada@example.com")).toBeVisible();
    await expect(admin.getByText("Use at least 10 characters")).toBeVisible();

    await admin.getByLabel("Email").fill("ada@example.com");
    await admin.getByLabel("Password").fill(PASSWORD);
    await admin.getByRole("button", { name: "Create the admin account" }).click();
    await expect(admin).toHaveURL(/\/projects\/demo\/board$/);
    await expect(admin.getByTestId("me")).toHaveText("Ada Admin (admin)");
    await admin.context().storageState({ path: stateOf("admin") });

    // The set-up page is gone once there is an account.
    await admin.goto("/setup");
    await expect(admin).toHaveURL(/\/sign-in$/);

    for (const role of ["manager", "developer", "approver", "viewer"] as Who[]) {
      await admin.goto("/admin");
      await admin.getByLabel("Role for the invite").selectOption(role);
      await admin.getByRole("button", { name: "Create invite link" }).click();
      const link = (await admin.getByTestId("secret").textContent())!.trim();
      expect(link).toMatch(/\/invite\/[\w-]{20,}$/);

      const person = await (await browser.newContext()).newPage();
      await person.goto(link);
      await expect(person.getByText(`You are invited as ${role}.`)).toBeVisible();
      await person.getByLabel("Your name").fill(`${role[0].toUpperCase()}${role.slice(1)} Person`);
      await person.getByLabel("Email").fill(`${role}@example.com`);
      await person.getByLabel("Password").fill(PASSWORD);
      await person.getByRole("button", { name: "Create my account" }).click();
      await expect(person).toHaveURL(/\/projects\/demo\/board$/);
      await expect(person.getByTestId("me")).toContainText(`(${role})`);
      await person.context().storageState({ path: stateOf(role) });

      // A link works once.
      const again = await (await browser.newContext()).newPage();
      await again.goto(link);
      await expect(again.getByText("This invite link does not work")).toBeVisible();
    }
  },
);

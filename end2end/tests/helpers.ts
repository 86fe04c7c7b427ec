import { expect, Page } from "@playwright/test";

/** Waits until the wasm has taken over the page (the app marks the body). */
export async function hydrated(page: Page) {
  await expect(page.locator("body[data-hydrated=true]")).toBeAttached({ timeout: 30_000 });
}

/** Signs in through the form, once the page is hydrated. */
export async function signIn(page: Page, email: string, password = "demo2026") {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Электронная почта").fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page).toHaveURL(/\/$/);
}

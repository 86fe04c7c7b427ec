import { test, expect, Page } from "@playwright/test";

const PASSWORD = "demo2026";

/** Collects console errors (CSP violations and panics show up here). */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  return errors;
}

/** Waits until the wasm has hydrated the page: a click is handled in the browser. */
async function waitForHydration(page: Page) {
  const toggle = page.locator("button.toggle-password");
  const password = page.locator('input[name="password"]');
  await expect(async () => {
    await toggle.click();
    await expect(password).toHaveAttribute("type", "text", { timeout: 500 });
  }).toPass({ timeout: 30_000 });
  await toggle.click();
  await expect(password).toHaveAttribute("type", "password");
}

test("an anonymous visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "Войти" })).toBeVisible();
});

test("the demo teacher signs in, sees the home page, and signs out", async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto("/login");
  await waitForHydration(page);

  await page.getByLabel("Электронная почта").fill("teacher@dnevnik.example");
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole("button", { name: "Войти" }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Смирнова Елена Викторовна");
  const panel = page.locator('[data-role="teacher"]');
  await expect(panel.getByRole("heading", { name: "Мои классы" })).toBeVisible();
  // The demo teacher teaches mathematics in all four classes.
  await expect(panel.locator(".section-card")).toHaveCount(4);
  await expect(panel.locator(".section-card").first()).toContainText("Математика");

  // A reload keeps the session (the cookie is HttpOnly, kept by the browser).
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Смирнова Елена Викторовна");

  await page.getByRole("button", { name: "Выйти" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);

  expect(errors, errors.join("\n")).toEqual([]);
});

test("a wrong password is refused with a message and no session", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("Электронная почта").fill("teacher@dnevnik.example");
  await page.locator('input[name="password"]').fill("wrong-password");
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page.getByRole("alert")).toHaveText("Неверный адрес почты или пароль");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("the interface switches to English and back", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  // The choice survives a reload: the server renders in English too.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("button", { name: "Русский" }).click();
  await expect(page.getByRole("button", { name: "Войти" })).toBeVisible();
});

import { test, expect } from "@playwright/test";

// scripts/test runs a real OpenID Connect provider (npm oidc-provider) and
// configures the diary to use it, as Госуслуги would be.
test.skip(!process.env.OIDC_ISSUER, "needs the OpenID Connect provider that scripts/test starts");

test("the first sign-in through the provider creates the account; the second finds it", async ({ page }) => {
  const email = `sokolova.${Date.now()}@example.ru`;
  const ids: string[] = [];

  for (let round = 0; round < 2; round++) {
    await page.context().clearCookies();
    await page.goto("/login");
    await page.getByRole("link", { name: "Войти через Госуслуги" }).click();

    // The provider's own sign-in and consent pages.
    await expect(page).toHaveURL(new RegExp(`^${process.env.OIDC_ISSUER}`));
    await page.locator('input[name="login"]').fill(email);
    await page.locator('input[name="password"]').fill("anything");
    await page.locator('button[type="submit"]').click();
    const consent = page.getByRole("button", { name: /continue/i });
    if (await consent.isVisible().catch(() => false)) await consent.click();

    // Back in the diary, signed in, with the name the provider gave.
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Соколова Марина Андреевна");
    await expect(page.locator(".greeting")).toContainText(email);
    ids.push(await page.locator(".user-id").innerText());
  }
  // Both rounds landed on the same account.
  expect(ids[1]).toBe(ids[0]);
});

test("a provider account with the verified e-mail of an existing account signs into that account", async ({ page }) => {
  // The demo applicant registered with a password; the provider vouches for
  // the same address, so the sign-in links to that account.
  await page.goto("/login");
  await page.getByRole("link", { name: "Войти через Госуслуги" }).click();
  await page.locator('input[name="login"]').fill("applicant@dnevnik.example");
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  const consent = page.getByRole("button", { name: /continue/i });
  if (await consent.isVisible().catch(() => false)) await consent.click();

  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Смирнов Олег Иванович");
});

/** At the provider: signs in as `login` and consents. */
async function atProvider(page: import("@playwright/test").Page, login: string) {
  await expect(page).toHaveURL(new RegExp(`^${process.env.OIDC_ISSUER}`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  const consent = page.getByRole("button", { name: /continue/i });
  if (await consent.isVisible().catch(() => false)) await consent.click();
}

test("the provider's answer opened in another browser signs nobody in", async ({ page, browser }) => {
  // Someone signs in at the provider as themselves and keeps the link the
  // provider sends back instead of following it. (A redirect's target is not
  // routed by Playwright; Chromium's own interception sees it.)
  let answer = "";
  const cdp = await page.context().newCDPSession(page);
  cdp.on("Fetch.requestPaused", async (e: { requestId: string; request: { url: string } }) => {
    answer = e.request.url;
    await cdp.send("Fetch.failRequest", { requestId: e.requestId, errorReason: "Aborted" });
  });
  await cdp.send("Fetch.enable", { patterns: [{ urlPattern: "*/auth/oidc/callback*", requestStage: "Request" }] });
  await page.goto("/login");
  await page.getByRole("link", { name: "Войти через Госуслуги" }).click();
  await atProvider(page, `attacker.${Date.now()}@example.ru`);
  await expect.poll(() => answer).toContain("/auth/oidc/callback");

  // Another person opens that link: not signed in as anyone.
  const victim = await (await browser.newContext()).newPage();
  await victim.goto(answer);
  await expect(victim).toHaveURL(/\/login\?error=oidc/);
  await victim.goto("/");
  await expect(victim).toHaveURL(/\/login/);

  // The browser that began the sign-in still completes it.
  await cdp.send("Fetch.disable");
  await page.goto(answer);
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Соколова Марина Андреевна");
});

test("a member of staff's account is never linked by e-mail", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Войти через Госуслуги" }).click();
  await atProvider(page, "teacher@dnevnik.example");
  await expect(page).toHaveURL(/\/login\?error=oidc/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

import { hydrated, signIn } from "./helpers";
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

test("the school admin closes the current quarter: the teacher's journal turns read-only; reopened, writable again", async ({
  page,
  browser,
}) => {
  await signIn(page, "admin@dnevnik.example");
  await page.getByRole("link", { name: "Периоды", exact: true }).click();
  await expect(page).toHaveURL(/\/periods/);
  await hydrated(page);
  const q2 = page.locator("tr[data-period]", { has: page.getByRole("rowheader", { name: "2 четверть" }) });
  await expect(q2).toHaveAttribute("data-locked", "false");
  await expect(page.locator("tr[data-period]", { hasText: "1 четверть" })).toContainText("Закрыт");
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => v.id)).toEqual([]);
  const periodId = (await q2.getAttribute("data-period"))!;

  try {
    await q2.getByRole("button", { name: "Закрыть период" }).click();
    await expect(q2).toHaveAttribute("data-locked", "true");
    await expect(q2).toContainText("Закрыт");

    // The teacher's journal opens on the current quarter, now read-only.
    const teacher = await (await browser.newContext()).newPage();
    await signIn(teacher, "teacher@dnevnik.example");
    await teacher.getByRole("link", { name: "Журнал" }).click();
    await expect(teacher.getByRole("grid")).toBeVisible();
    await expect(teacher.locator(".locked-banner")).toContainText("Период закрыт");

    await q2.getByRole("button", { name: "Открыть снова" }).click();
    await expect(q2).toHaveAttribute("data-locked", "false");
    await teacher.reload();
    await hydrated(teacher);
    await expect(teacher.getByRole("grid")).toBeVisible();
    await expect(teacher.locator(".locked-banner")).toHaveCount(0);
    await expect(teacher.locator(".journal-toolbar")).toBeVisible();
  } finally {
    // Whatever happened, leave the quarter open for the other tests.
    await page.request.post("/api/period_lock", { form: { period_id: periodId, locked: "false" } });
  }
});

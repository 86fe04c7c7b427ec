import { signIn } from "./helpers";
import { test, expect, Page, Browser } from "@playwright/test";



test("the parent switches children and reads the week", async ({ page }) => {
  await signIn(page, "parent@dnevnik.example");
  await page.getByRole("link", { name: "Неделя" }).click();
  await expect(page).toHaveURL(/\/diary/);
  await expect(page.locator(".student-name")).toContainText("Кузнецов Иван Андреевич");
  await expect(page.locator(".day")).toHaveCount(6);
  // Today is highlighted when it is a school day of this week.
  const todayCards = page.locator(".day.today");
  expect(await todayCards.count()).toBeLessThanOrEqual(1);

  await page.locator(".child-tab", { hasText: "Мария" }).click();
  await expect(page.locator(".student-name")).toContainText("Кузнецова Мария Андреевна");
  await expect(page.locator(".student-name .chip")).toHaveText("7А");

  // Back one week: lessons with subjects, teachers and times.
  await page.getByRole("link", { name: "← Прошлая" }).click();
  await expect(page).toHaveURL(/week=/);
  const firstLesson = page.locator(".day").first().locator(".lesson").first();
  await expect(firstLesson.locator(".lesson-subject")).not.toBeEmpty();
  await expect(firstLesson).toContainText("08:30");
  await expect(page.locator(".student-name")).toContainText("Мария");
});

test("a subject's marks show the right weighted average", async ({ page }) => {
  await signIn(page, "parent@dnevnik.example");
  await page.getByRole("link", { name: "Оценки" }).click();
  await page.locator(".child-tab", { hasText: "Мария" }).click();
  await expect(page.locator(".student-name")).toContainText("Мария");
  // Pick the first subject that has marks this period.
  const subject = page.locator(".subject", { has: page.locator(".subject-marks .mark") }).first();
  await subject.locator("summary").click();
  const chips = subject.locator(".subject-detail .marks-table .mark");
  const n = await chips.count();
  expect(n).toBeGreaterThan(0);
  let sum = 0;
  let weights = 0;
  for (let i = 0; i < n; i++) {
    const chip = chips.nth(i);
    if ((await chip.getAttribute("class"))!.includes("excluded")) continue;
    const points = await chip.getAttribute("data-points");
    if (!points) continue;
    const w = Number(await chip.getAttribute("data-weight"));
    sum += Number(points) * w;
    weights += w;
  }
  const expected = (Math.round((sum / weights) * 100) / 100).toFixed(2).replace(".", ",");
  await expect(subject.locator(".average-value")).toHaveText(expected);
  await expect(subject.locator(".subject-average")).toHaveText(expected);
  await expect(subject.locator(".trend svg")).toBeVisible();
  await expect(subject.locator(".needed li").first()).not.toBeEmpty();
});

test("a message to the teacher is seen and answered", async ({ page, browser }) => {
  await signIn(page, "parent@dnevnik.example");
  await page.getByRole("link", { name: "Сообщения" }).click();
  await expect(page.getByRole("heading", { name: "Новое сообщение" })).toBeVisible();
  const subject = `Вопрос о домашнем задании ${Date.now()}`;
  const option = page.locator('select[name="recipient"] option', {
    hasText: /Смирнова Елена Викторовна — Математика.*Мария/,
  });
  await page.getByLabel("Кому").selectOption((await option.getAttribute("value"))!);
  await page.getByLabel("Тема", { exact: true }).fill(subject);
  await page.getByLabel("Сообщение", { exact: true }).fill("Здравствуйте! Мария просит объяснить задачу № 7.");
  await page.getByRole("button", { name: "Отправить" }).click();
  await expect(page).toHaveURL(/\/messages\/\d+$/);
  await expect(page.locator(".thread-title")).toHaveText(subject);
  const threadUrl = page.url();

  const teacher = await (browser as Browser).newContext();
  const tpage = await teacher.newPage();
  await signIn(tpage, "teacher@dnevnik.example");
  await tpage.getByRole("link", { name: "Сообщения" }).click();
  const thread = tpage.locator(".thread", { hasText: subject });
  await expect(thread.locator(".badge")).toHaveText("1");
  await thread.getByRole("link").click();
  await expect(tpage.locator(".message-body").last()).toContainText("задачу № 7");
  await tpage.getByLabel("Ответить").fill("Разберём завтра на уроке.");
  await tpage.getByRole("button", { name: "Отправить" }).click();
  await expect(tpage.locator(".message.mine .message-body")).toHaveText("Разберём завтра на уроке.");
  await teacher.close();

  await page.goto("/messages");
  await expect(page.locator(".thread", { hasText: subject }).locator(".badge")).toHaveText("1");
  await page.goto(threadUrl);
  await expect(page.locator(".message:not(.mine) .message-body").last()).toHaveText("Разберём завтра на уроке.");
});

test("another family's child is refused", async ({ page }) => {
  await signIn(page, "parent@dnevnik.example");
  await page.getByRole("link", { name: "Неделя" }).click();
  const maria = Number(await page.locator(".child-tab", { hasText: "Мария" }).getAttribute("data-child"));
  // The classmate entered just before Мария belongs to another family.
  const response = await page.goto(`/diary?child=${maria - 1}`);
  expect(response!.status()).toBe(403);
  await expect(page.getByRole("alert")).toContainText("Нет доступа");

  const api = await page.request.post("/api/diary_marks", { form: { student: String(maria - 1) } });
  expect(api.status()).toBe(403);
});

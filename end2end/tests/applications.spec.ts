import { hydrated, MAILDIR, signIn, waitForMail } from "./helpers";
import { test, expect, Page } from "@playwright/test";

test.skip(!MAILDIR, "needs the SMTP server that scripts/test starts");

test("a new parent registers, files two applications; one is approved, one rejected", async ({ page, browser }) => {
  const email = `petrova.${Date.now()}@example.ru`;
  const password = "ПарольРодителя1";

  // 1. Register and confirm the e-mail.
  await page.goto("/register");
  await hydrated(page);
  await page.getByLabel("Электронная почта").fill(email);
  await page.getByLabel("Пароль").fill(password);
  await page.getByLabel("Фамилия").fill("Петрова");
  await page.getByLabel("Имя").fill("Ольга");
  await page.getByLabel("Отчество").fill("Игоревна");
  await page.getByRole("button", { name: "Зарегистрироваться" }).click();
  await expect(page.getByRole("status")).toContainText(email);
  const confirm = await waitForMail(email, "Дневник: подтвердите адрес электронной почты");
  const link = confirm.text.match(/https?:\/\/\S+\/confirm\?token=\w+/)![0];
  await page.goto(link.replace(/^https?:\/\/[^/]+/, ""));
  await expect(page.getByRole("status")).toHaveText("Адрес подтверждён. Теперь можно войти.");

  // 2. Two applications, one for each child.
  await signIn(page, email, password);
  await page.getByRole("link", { name: "Заявления" }).click();
  await expect(page.getByRole("heading", { name: "Мои заявления" })).toBeVisible();
  const now = new Date();
  const schoolYear = now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
  const ivanBorn = `${schoolYear - 11}-10-03`; // Кузнецов Иван, 5А, on the roster
  const fileOne = async (child: [string, string, string], born: string) => {
    const form = page.locator(".new-application");
    await form.getByLabel("Класс").selectOption({ label: "5А" });
    await form.locator('input[name="child_last"]').fill(child[0]);
    await form.locator('input[name="child_first"]').fill(child[1]);
    await form.locator('input[name="child_middle"]').fill(child[2]);
    await form.locator('input[name="child_birth_date"]').fill(born);
    await form.getByRole("button", { name: "Подать заявление" }).click();
  };
  await fileOne(["Кузнецов", "Иван", "Андреевич"], ivanBorn);
  await expect(page.locator(".application")).toHaveCount(1);
  await fileOne(["Петров", "Пётр", "Олегович"], `${schoolYear - 11}-03-03`);
  await expect(page.locator(".application")).toHaveCount(2);
  await expect(page.locator('.application[data-status="filed"]')).toHaveCount(2);

  // 3. The officer approves one and rejects the other.
  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await signIn(officer, "officer@dnevnik.example", "demo2026");
  await officer.getByRole("link", { name: "Заявления" }).click();
  const ivanItem = officer.locator(".queue-item", { hasText: "Кузнецов Иван Андреевич" }).filter({ hasText: "Петрова" });
  await expect(ivanItem).toContainText("есть в контингенте");
  await ivanItem.getByRole("link").click();
  await expect(officer.locator("table.compare tr.mismatch")).toHaveCount(0);
  await officer.getByRole("button", { name: "Ожидает подписи родителя" }).click();
  await officer.getByLabel("Паспорт родителя предъявлен").check();
  await officer.getByLabel("ФИО родителя совпадает с паспортом").check();
  await officer.getByLabel("ФИО ребёнка совпадает с документом и контингентом").check();
  await officer.getByRole("button", { name: "Одобрить" }).click();
  await expect(officer.locator("h1 .chip")).toHaveText("одобрено");

  await officer.getByRole("link", { name: /Заявления родителей/ }).click();
  const petrItem = officer.locator(".queue-item", { hasText: "Петров Пётр Олегович" });
  await expect(petrItem).toContainText("нет в контингенте");
  await petrItem.getByRole("link").click();
  await expect(officer.locator(".no-match")).toHaveText("Совпадения в контингенте нет");
  await officer.locator(".reject select[name=reason]").selectOption("not_in_roster");
  await officer.locator(".reject textarea[name=comment]").fill("В 5А такой ученик не числится");
  await officer.locator(".reject").getByRole("button", { name: "Отклонить" }).click();
  await expect(officer.locator("h1 .chip")).toHaveText("отклонено");
  await officerContext.close();

  // 4. Both e-mails arrive at the SMTP server.
  const granted = await waitForMail(email, "Дневник: доступ к дневнику предоставлен");
  expect(granted.text).toContain("Кузнецов Иван Андреевич");
  const rejected = await waitForMail(email, "Дневник: заявление отклонено");
  expect(rejected.text).toContain("ребёнок не найден в контингенте школы");

  // 5. The parent sees one child in the diary and the reason for the other.
  await page.getByRole("link", { name: "Главная" }).click();
  await page.reload();
  await page.getByRole("link", { name: "Неделя" }).click();
  await expect(page.locator(".student-name")).toContainText("Кузнецов Иван Андреевич");
  await expect(page.locator(".child-tab")).toHaveCount(0);
  await page.getByRole("link", { name: "Заявления" }).click();
  const rejectedCard = page.locator('.application[data-status="rejected"]');
  await expect(rejectedCard.locator(".reject-reason")).toContainText("ребёнок не найден в контингенте школы");
  await expect(rejectedCard.locator(".reject-reason")).toContainText("В 5А такой ученик не числится");
});

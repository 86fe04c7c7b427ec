import { hydrated, signIn, waitForMail } from "./helpers";
import { test, expect, Page } from "@playwright/test";

// scripts/test runs this against a server on an empty database with the demo
// off: `server init` created two schools; it names their administrators.
const ADMIN = process.env.SETUP_ADMIN;
const OTHER_ADMIN = process.env.SETUP_OTHER_ADMIN;
const PASSWORD = "НовыйПароль2026";
const TEACHER = "belova@school17.example";

test.skip(!ADMIN || !OTHER_ADMIN, "needs the empty school that scripts/test creates with `server init`");

/** Opens the mailed invitation link, sets the password, signs in. */
async function acceptInvitation(page: Page, email: string) {
  const mail = await waitForMail(email, "Дневник: приглашение");
  const link = mail.text.match(/https?:\/\/\S+\/invite\?token=\S+/)![0];
  await page.goto(new URL(link).pathname + new URL(link).search);
  await hydrated(page);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole("button", { name: "Сохранить пароль" }).click();
  await expect(page.getByRole("status")).toContainText("Пароль задан");
  await signIn(page, email, PASSWORD);
}

async function fillRow(form: ReturnType<Page["locator"]>, row: string, values: string[]) {
  const inputs = form.locator(row).locator("input");
  for (let i = 0; i < values.length; i++) await inputs.nth(i).fill(values[i]);
}

test("a new school: the administrator sets up the year, staff, class and timetable; the teacher gives a mark", async ({
  page,
  browser,
}) => {
  await acceptInvitation(page, ADMIN!);
  await page.getByRole("link", { name: "Школа", exact: true }).click();
  await expect(page).toHaveURL(/\/school$/);
  await hydrated(page);

  // The year in four quarters, the holidays between them.
  const year = page.locator('form[data-form="year"]');
  await year.getByLabel("Название года").fill("2026/2027");
  await year.getByLabel("Начало").first().fill("2026-09-01");
  await year.getByLabel("Конец").first().fill("2027-05-31");
  const quarters = [
    ["2026-09-01", "2026-10-24"],
    ["2026-11-05", "2026-12-28"],
    ["2027-01-12", "2027-03-20"],
    ["2027-03-30", "2027-05-26"],
  ];
  for (let i = 0; i < 4; i++) await fillRow(year, `[data-period-row="${i}"]`, quarters[i]);
  // Bad input first: the autumn holidays end before they start.
  await fillRow(year, '[data-holiday-row="0"]', ["Осенние", "2026-10-25", "2026-10-20"]);
  await year.getByRole("button", { name: "Создать учебный год" }).click();
  await expect(year.locator(".field-error")).toContainText("конец раньше начала");
  await expect(page.locator("[data-year]")).toHaveCount(0);
  await fillRow(year, '[data-holiday-row="0"]', ["Осенние", "2026-10-25", "2026-11-04"]);
  await fillRow(year, '[data-holiday-row="1"]', ["Зимние", "2026-12-29", "2027-01-11"]);
  await fillRow(year, '[data-holiday-row="2"]', ["Весенние", "2027-03-21", "2027-03-29"]);
  await year.getByRole("button", { name: "Создать учебный год" }).click();
  await expect(page.locator("[data-year]")).toContainText("1 четверть: 01.09.2026 – 24.10.2026");

  // Bells.
  const bells = page.locator('form[data-form="bells"]');
  await fillRow(bells, '[data-bell="1"]', ["08:30", "09:15"]);
  await fillRow(bells, '[data-bell="2"]', ["09:25", "10:10"]);
  await bells.getByRole("button", { name: "Сохранить звонки" }).click();
  await expect(bells.getByRole("status")).toContainText("Сохранено");

  // Two subjects.
  for (const name of ["Математика", "Русский язык"]) {
    const f = page.locator('form[data-form="subject"]');
    await f.getByLabel("Предмет").fill(name);
    await f.getByRole("button", { name: "Добавить" }).click();
    await expect(page.locator(`[data-subject="${name}"]`)).toBeVisible();
  }

  // A teacher, invited by mail.
  const invite = page.locator('form[data-form="invite"]');
  await invite.getByLabel("Фамилия").fill("Белова");
  await invite.getByLabel("Имя").fill("Татьяна");
  await invite.getByLabel("Отчество").fill("Игоревна");
  await invite.getByLabel("Электронная почта").fill("belova@localhost");
  await invite.getByRole("button", { name: "Пригласить" }).click();
  await expect(invite.locator(".field-error")).toBeVisible();
  await expect(page.locator(`[data-staff="${TEACHER}"]`)).toHaveCount(0);
  await invite.getByLabel("Электронная почта").fill(TEACHER);
  await invite.getByRole("button", { name: "Пригласить" }).click();
  await expect(page.locator(`[data-staff="${TEACHER}"]`)).toContainText("пароль ещё не задан");

  // The class, its sections.
  const cls = page.locator('form[data-form="class"]');
  await cls.getByLabel("Класс", { exact: true }).fill("5А");
  await cls.getByLabel("Параллель").fill("12");
  await cls.getByRole("button", { name: "Добавить" }).click();
  await expect(cls.locator(".field-error")).toContainText("параллель от 1 до 11");
  await cls.getByLabel("Параллель").fill("5");
  await cls.getByRole("button", { name: "Добавить" }).click();
  await expect(page.locator('[data-class="5А"]')).toBeVisible();
  const section = page.locator('form[data-form="section"]');
  for (const subject of ["Математика", "Русский язык"]) {
    await section.locator('select[name="subject_id"]').selectOption({ label: subject });
    await section.getByRole("button", { name: "Добавить" }).click();
    await expect(page.locator("[data-section]", { hasText: subject })).toBeVisible();
  }

  // Three students by hand, and the week's timetable, on the class's page.
  await page.locator('[data-class="5А"]').getByRole("link").click();
  await expect(page).toHaveURL(/\/school\/class\/\d+$/);
  await hydrated(page);
  const classUrl = page.url();
  const students: [string, string, string, string][] = [
    ["Кузнецова", "Мария", "Андреевна", "2015-03-14"],
    ["Орлов", "Илья", "", "2014-11-02"],
    ["Ёлкина", "Алёна", "Игоревна", "2015-07-30"],
  ];
  const add = page.locator('form[data-form="student"]');
  for (const [last, first, middle, born] of students) {
    await add.getByLabel("Фамилия").fill(last);
    await add.getByLabel("Имя").fill(first);
    await add.getByLabel("Отчество").fill(middle);
    await add.getByLabel("Дата рождения").fill(born);
    await add.getByLabel("В классе с").fill("2026-09-01");
    await add.getByRole("button", { name: "Добавить" }).click();
    await expect(page.locator(`[data-student^="${last}"]`)).toBeVisible();
  }
  // One of them leaves on 1 October: bad dates are named first.
  const orlov = page.locator('[data-student^="Орлов"]');
  await orlov.locator("summary").click();
  const leave = orlov.locator('form[data-form="leave"]');
  await leave.getByLabel("Последний день в школе").fill("2026-08-01");
  await leave.getByRole("button", { name: "Отметить выбытие" }).click();
  await expect(leave.locator(".field-error")).toContainText("выходит за пределы учебного года");
  await leave.getByLabel("Последний день в школе").fill("2026-10-01");
  await leave.getByRole("button", { name: "Отметить выбытие" }).click();
  await expect(page.locator('[data-student^="Орлов"]')).toContainText("Выбыл 01.10.2026");
  const week = page.locator('form[data-form="week"]');
  await week.locator('[data-slot="1-1"] select').selectOption({ label: "Математика — Белова Татьяна Игоревна" });
  await week.locator('[data-slot="1-1"] input').fill("201");
  await week.locator('[data-slot="3-2"] select').selectOption({ label: "Русский язык — Белова Татьяна Игоревна" });
  await week.getByRole("button", { name: "Сохранить расписание" }).click();
  await expect(week.getByRole("status")).toContainText("Сохранено");

  // The first quarter's lessons.
  await page.getByRole("link", { name: "К настройке школы" }).click();
  await hydrated(page);
  const gen = page.locator('form[data-form="generate"]');
  await gen.locator('select[name="period_id"]').selectOption({ label: "1 четверть 2026/2027" });
  await gen.getByRole("button", { name: "Создать уроки" }).click();
  // Mondays and Wednesdays from 1 September to 24 October: 7 + 8.
  await expect(gen.locator("[data-generated]")).toHaveAttribute("data-generated", "15");

  // The autumn holidays begin a week earlier. The first try leaves school
  // days between the quarter and the holidays: named, nothing saved. Then
  // the quarter's two empty lessons of that week (Monday 19, Wednesday 21
  // October) go.
  await page.locator("[data-edit-year] summary").click();
  const edit = page.locator('form[data-form="year-edit"]');
  await expect(edit.getByLabel("Название года")).toHaveValue("2026/2027");
  await fillRow(edit, '[data-period-row="0"]', ["2026-09-01", "2026-10-18"]);
  await edit.getByRole("button", { name: "Сохранить год" }).click();
  await expect(edit.locator(".field-error")).toContainText("не отмеченные как каникулы");
  await expect(page.locator("[data-year]")).toContainText("1 четверть: 01.09.2026 – 24.10.2026");
  await fillRow(edit, '[data-holiday-row="0"]', ["Осенние", "2026-10-19", "2026-11-04"]);
  await edit.getByRole("button", { name: "Сохранить год" }).click();
  await expect(page.locator("#year").getByRole("status").filter({ hasText: "Год изменён" })).toContainText(
    "Убрано пустых уроков: 2",
  );
  await expect(page.locator("[data-year]")).toContainText("1 четверть: 01.09.2026 – 18.10.2026");
  await expect(page.locator("[data-year]")).toContainText("Осенние (каникулы): 19.10.2026 – 04.11.2026");

  // A second teacher, to stand in; a second class, to move a student to.
  await invite.getByLabel("Фамилия").fill("Соколов");
  await invite.getByLabel("Имя").fill("Павел");
  await invite.getByLabel("Отчество").fill("Андреевич");
  await invite.getByLabel("Электронная почта").fill("sokolov@school17.example");
  await invite.getByRole("button", { name: "Пригласить" }).click();
  await expect(page.locator('[data-staff="sokolov@school17.example"]')).toBeVisible();
  await cls.getByLabel("Класс", { exact: true }).fill("5Б");
  await cls.getByLabel("Параллель").fill("5");
  await cls.getByRole("button", { name: "Добавить" }).click();
  await expect(page.locator('[data-class="5Б"]')).toBeVisible();

  // English in two groups, each with its own students.
  const subjectForm = page.locator('form[data-form="subject"]');
  await subjectForm.getByLabel("Предмет").fill("Английский язык");
  await subjectForm.getByRole("button", { name: "Добавить" }).click();
  await expect(page.locator('[data-subject="Английский язык"]')).toBeVisible();
  for (const g of ["1 группа", "2 группа"]) {
    await section.locator('select[name="subject_id"]').selectOption({ label: "Английский язык" });
    await section.getByLabel("Группа").fill(g);
    await section.getByRole("button", { name: "Добавить" }).click();
    await expect(page.locator("[data-section]", { hasText: `Английский язык (${g})` })).toBeVisible();
  }
  await page.goto(new URL(classUrl).pathname);
  await hydrated(page);
  const group = (g: string) => page.locator(`form[data-group="Английский язык (${g})"]`);
  // A saved change reads the page again: wait for that before the next one.
  const readAgain = () => page.waitForResponse((r) => r.url().includes("/api/setup_overview"));
  await group("1 группа").getByLabel("Кузнецова Мария Андреевна").check();
  let reread = readAgain();
  await group("1 группа").getByRole("button", { name: "Сохранить" }).click();
  await reread;
  // Saved: she cannot be in the second group too.
  await expect(group("1 группа").getByLabel("Кузнецова Мария Андреевна")).toBeChecked();
  await group("2 группа").getByLabel("Кузнецова Мария Андреевна").check();
  await group("2 группа").getByRole("button", { name: "Сохранить" }).click();
  await expect(group("2 группа").locator(".field-error")).toContainText("уже в другой группе");
  await group("2 группа").getByLabel("Кузнецова Мария Андреевна").uncheck();
  await group("2 группа").getByLabel("Ёлкина Алёна Игоревна").check();
  reread = readAgain();
  await group("2 группа").getByRole("button", { name: "Сохранить" }).click();
  await reread;
  await page.reload();
  await hydrated(page);
  await expect(group("2 группа").getByLabel("Ёлкина Алёна Игоревна")).toBeChecked();
  await expect(group("2 группа").getByLabel("Кузнецова Мария Андреевна")).not.toBeChecked();
  await expect(group("1 группа").getByLabel("Кузнецова Мария Андреевна")).toBeChecked();

  // Кузнецова moves to 5Б after the autumn holidays: a date outside the
  // year is named first.
  const kuznetsova = page.locator('[data-student^="Кузнецова"]');
  await kuznetsova.locator("summary").click();
  const move = kuznetsova.locator('form[data-form="move"]');
  await move.locator('select[name="class_id"]').selectOption({ label: "5Б" });
  await move.getByLabel("с даты").fill("2027-08-01");
  await move.getByRole("button", { name: "Перевести" }).click();
  await expect(move.locator(".field-error")).toContainText("выходит за пределы учебного года");
  await move.getByLabel("с даты").fill("2026-11-09");
  reread = readAgain();
  await move.getByRole("button", { name: "Перевести" }).click();
  await reread;
  await expect(page.locator('[data-student^="Кузнецова"]')).toContainText("в классе по 08.11.2026, переведён в 5Б");

  // Соколов stands in for Monday 14 September's mathematics (the teacher
  // marks the 7th's below); a Sunday has no lessons to give.
  const subs = page.locator("#substitutions");
  const day = subs.locator('input[name="date"]');
  await day.fill("2026-09-13");
  await day.dispatchEvent("change");
  await expect(subs).toContainText("В этот день у класса нет уроков.");
  await day.fill("2026-09-14");
  await day.dispatchEvent("change");
  const first = subs.locator('[data-lesson="1"]');
  await expect(first).toContainText("Математика — Белова Татьяна Игоревна");
  await first.locator('select[name="teacher_id"]').selectOption({ label: "Соколов Павел Андреевич" });
  const answered = page.waitForResponse((r) => r.url().includes("/api/setup_day_lessons"));
  await first.getByRole("button", { name: "Сохранить" }).click();
  await answered;
  await page.reload();
  await hydrated(page);
  await subs.locator('input[name="date"]').fill("2026-09-14");
  await subs.locator('input[name="date"]').dispatchEvent("change");
  await expect(subs.locator('[data-lesson="1"] select option:checked')).toHaveText("Соколов Павел Андреевич");

  // Another school's administrator may not see this class.
  const other = await (await browser.newContext()).newPage();
  await acceptInvitation(other, OTHER_ADMIN!);
  await other.goto(new URL(classUrl).pathname);
  await expect(other.getByRole("alert")).toContainText("Нет доступа");

  // That administrator sets their own school's rounding: the preview
  // follows what is typed; a wrong threshold is named and not saved.
  await other.goto("/school/profile");
  await hydrated(other);
  const profile = other.locator('form[data-form="profile"]');
  await expect(other.locator('[data-band="5"]')).toContainText("от 4,65");
  await profile.getByLabel("«5» от").fill("4,5");
  await expect(other.locator('[data-band="5"]')).toContainText("от 4,5");
  await expect(other.locator('[data-band="4"]')).toContainText("от 3,65 и ниже 4,5");
  await other.locator('input[name="sample"]').fill("4,49");
  await expect(other.locator('[data-sample="verdict"]')).toHaveText("даёт «4»");
  await profile.getByLabel("«4» от").fill("4,6");
  await expect(other.locator('[data-preview="rounding"]')).toContainText("Исправьте пороги");
  await profile.getByRole("button", { name: "Сохранить" }).click();
  await expect(profile.locator(".field-error")).toContainText("ниже порога следующей оценки");
  await profile.getByLabel("«4» от").fill("3,5");
  await profile.getByRole("button", { name: "Сохранить" }).click();
  await expect(profile.getByRole("status").filter({ hasText: "Сохранено" })).toBeVisible();
  await other.reload();
  await hydrated(other);
  await expect(other.locator('form[data-form="profile"]').getByLabel("«5» от")).toHaveValue("4,50");
  const kinds = other.locator('form[data-form="work-type"]');
  await kinds.getByLabel("Вид работы").fill("Проект");
  await kinds.getByLabel("Вес").fill("1,5");
  await kinds.getByRole("button", { name: "Добавить вид работы" }).click();
  await expect(other.locator('[data-work-type="Проект"]')).toBeVisible();

  // The teacher sets a password and keeps the class's journal.
  const teacher = await (await browser.newContext()).newPage();
  await acceptInvitation(teacher, TEACHER);
  await teacher.getByRole("link", { name: "Журнал" }).click();
  await expect(teacher).toHaveURL(/\/journal/);
  await teacher.locator(".journal-pickers select").first().selectOption({ label: "5А · Математика" });
  await hydrated(teacher);
  await teacher.locator('select[name="period"]').selectOption({ label: "1 четверть" });
  const grid = teacher.getByRole("grid");
  await expect(grid).toBeVisible();
  // Mondays' mathematics, from Monday 7 September to 12 October (the
  // holidays now begin on the 19th); the three students.
  await expect(teacher.locator("th.lesson-head").first()).toHaveAttribute("data-date", "2026-09-07");
  await expect(teacher.locator("th.lesson-head")).toHaveCount(6);
  await expect(grid.locator("tbody tr")).toHaveCount(3);
  // Орлов, who left on 1 October, is shown until then.
  await expect(grid.locator("tbody tr").nth(2).getByTestId("student-span")).toHaveText("по 01.10");
  await teacher.locator("#c0-0").click();
  await teacher.keyboard.type("5");
  await teacher.keyboard.press("Enter");
  await expect(teacher.locator(".save-pill")).toHaveAttribute("data-unsaved", "0");
  await teacher.reload();
  await hydrated(teacher);
  await teacher.locator(".journal-pickers select").first().selectOption({ label: "5А · Математика" });
  await hydrated(teacher);
  await teacher.locator('select[name="period"]').selectOption({ label: "1 четверть" });
  await expect(teacher.locator("#c0-0")).toHaveText("5");
});

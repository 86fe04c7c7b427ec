import { hydrated, signIn } from "./helpers";
import { test, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

const TEACHER = "teacher@dnevnik.example";
const ADMIN = "admin@dnevnik.example";

/** Signs in and opens the journal from the navigation (the teacher's first section). */
async function openJournal(page: Page, email = TEACHER) {
  await signIn(page, email);
  await page.getByRole("link", { name: "Журнал" }).click();
  await expect(page).toHaveURL(/\/journal/);
  await expect(page.getByRole("grid")).toBeVisible();
}

/** The index of the last lesson column in which no student has anything. */
async function lastEmptyColumn(page: Page): Promise<number> {
  const c = await page.evaluate(() => {
    const heads = document.querySelectorAll("th.lesson-head");
    for (let c = heads.length - 1; c >= 0; c--) {
      const cells = Array.from(document.querySelectorAll(`td[id^="c"][id$="-${c}"]`));
      if (cells.length > 0 && cells.every((td) => (td.textContent ?? "").trim() === "")) return c;
    }
    return -1;
  });
  expect(c).toBeGreaterThanOrEqual(0);
  return c;
}

/** Keys pressed on a Russian layout: what the browser gets from a real keyboard. */
async function pressRussian(page: Page, text: string) {
  const codes: Record<string, [string, number]> = { н: ["KeyY", 89], б: ["Comma", 188] };
  const cdp = await page.context().newCDPSession(page);
  for (const ch of text) {
    const [code, vk] = codes[ch];
    await cdp.send("Input.dispatchKeyEvent", { type: "keyDown", key: ch, code, text: ch, windowsVirtualKeyCode: vk });
    await cdp.send("Input.dispatchKeyEvent", { type: "keyUp", key: ch, code, windowsVirtualKeyCode: vk });
  }
  await cdp.detach();
}

function cell(page: Page, row: number, col: number) {
  return page.locator(`#c${row}-${col}`);
}

async function allSaved(page: Page) {
  await expect(page.locator(".save-pill")).toHaveAttribute("data-unsaved", "0");
  await expect(page.locator('td[data-status="pending"], td[data-status="saving"]')).toHaveCount(0);
}

/** «4,67»: the weighted average in hundredths, half-up, as the grid shows it. */
function display(sum: number, weights: number): string {
  if (weights === 0) return "—";
  const centi = Math.floor((sum * 100 * 2 + weights) / (weights * 2));
  return `${Math.floor(centi / 100)},${String(centi % 100).padStart(2, "0")}`;
}

/** The averages the stored marks give, per student, by the shared rule. */
async function storedAverages(page: Page, section: string): Promise<Map<number, string>> {
  const res = await page.request.post("/api/journal_grid", { form: { section } });
  expect(res.status()).toBe(200);
  const grid = await res.json();
  const sums = new Map<number, [number, number]>();
  for (const s of grid.students) sums.set(s.id, [0, 0]);
  for (const c of grid.cells) {
    for (const m of c.data.marks) {
      if (m.excluded || !/^[1-5]$/.test(m.value)) continue;
      const acc = sums.get(c.student_id)!;
      acc[0] += Number(m.value) * m.weight_centi;
      acc[1] += m.weight_centi;
    }
  }
  const out = new Map<number, string>();
  for (const [id, [s, w]] of sums) out.set(id, display(s, w));
  return out;
}

test("the teacher enters a column of marks by keyboard alone; averages follow; a reload keeps them", async ({ page }) => {
  await openJournal(page);
  const section = (await page.locator("section.journal").getAttribute("data-section"))!;
  const rows = await page.locator("tbody tr[role=row]").count();
  expect(rows).toBeGreaterThan(3);
  const col = await lastEmptyColumn(page);
  const averages = page.locator('[data-testid="average"]');
  const before = await averages.allTextContents();

  // Into the first cell of the column, then keys only.
  await cell(page, 0, col).click();
  await expect(page.getByRole("grid")).toHaveAttribute("aria-activedescendant", `c0-${col}`);
  const marks = Array.from({ length: rows }, (_, r) => ["5", "4", "3", "2", "5", "3/5"][r % 6]);
  for (const m of marks) {
    await page.keyboard.type(m);
    await page.keyboard.press("Enter");
  }
  for (let r = 0; r < rows; r++) {
    await expect(cell(page, r, col)).toHaveText(marks[r]);
  }
  await expect(cell(page, rows - 1, col)).toHaveAttribute("aria-selected", "true");

  // The row averages changed at once and match the stored marks.
  await allSaved(page);
  const after = await averages.allTextContents();
  expect(after).not.toEqual(before);
  const expected = await storedAverages(page, section);
  const ids = await page.locator("tbody tr[role=row]").evaluateAll((trs) =>
    trs.map((tr) => Number(tr.getAttribute("data-student-id"))),
  );
  expect(after).toEqual(ids.map((id) => expected.get(id)));
  // A row that got a 2 went down, unless it was empty.
  const twoRow = marks.indexOf("2");
  if (before[twoRow] !== "—") {
    const n = (s: string) => Number(s.replace(",", "."));
    expect(n(after[twoRow])).toBeLessThan(n(before[twoRow]));
  }

  // The cell's history names the teacher.
  await cell(page, 0, col).click();
  await page.getByTestId("history").click();
  await expect(page.getByTestId("history-list")).toContainText("Смирнова");

  await page.reload();
  await hydrated(page);
  for (let r = 0; r < rows; r++) {
    await expect(cell(page, r, col)).toHaveText(marks[r]);
  }
  expect(await averages.allTextContents()).toEqual(after);
});

test("the lesson header holds the topic and the homework, edited in place", async ({ page }) => {
  await openJournal(page);
  const col = await lastEmptyColumn(page);
  const head = page.locator("th.lesson-head").nth(col);
  await head.getByRole("button").click();
  const editor = page.locator("form.lesson-editor");
  await editor.locator('input[name="topic"]').fill("Сложение дробей");
  await editor.locator('textarea[name="homework"]').fill("№ 512, 514");
  await editor.getByRole("button", { name: "Сохранить" }).click();
  await expect(head.locator(".lesson-flags")).toContainText("✎");
  await expect(head).toHaveAttribute("data-status", "saved");

  await page.reload();
  await hydrated(page);
  await page.locator("th.lesson-head").nth(col).getByRole("button").click();
  await expect(page.locator('form.lesson-editor input[name="topic"]')).toHaveValue("Сложение дробей");
  await expect(page.locator('form.lesson-editor textarea[name="homework"]')).toHaveValue("№ 512, 514");
});

test("filling a column never overwrites an absence", async ({ page }) => {
  await openJournal(page);
  const col = await lastEmptyColumn(page);
  await cell(page, 0, col).click();
  await pressRussian(page, "н");
  await page.keyboard.press("Enter");
  await expect(cell(page, 0, col)).toHaveText("Н");
  await page.getByTestId("fill-value").selectOption("4");
  await page.getByTestId("fill").click();
  await expect(cell(page, 0, col)).toHaveText("Н");
  await expect(cell(page, 1, col)).toHaveText("4");
  await expect(cell(page, 2, col)).toHaveText("4");
  await allSaved(page);
  await page.reload();
  await hydrated(page);
  await expect(cell(page, 0, col)).toHaveText("Н");
  await expect(cell(page, 1, col)).toHaveText("4");
});

test("a closed period is read-only and the server refuses its edits", async ({ page }) => {
  await openJournal(page);
  const section = (await page.locator("section.journal").getAttribute("data-section"))!;
  await page.locator('select[name="period"]').selectOption({ label: "1 четверть 🔒" });
  await expect(page).toHaveURL(/period=/);
  await expect(page.locator(".locked-banner")).toContainText("Период закрыт");
  await expect(page.locator(".journal-toolbar")).toHaveCount(0);

  const before = await cell(page, 0, 0).textContent();
  await cell(page, 0, 0).click();
  await page.keyboard.type("2");
  await page.keyboard.press("Enter");
  await expect(page.locator(".journal-message")).toContainText("Этот урок изменять нельзя");
  await expect(cell(page, 0, 0)).toHaveText(before ?? "");

  // Straight to the server: refused with the reason.
  const lessonId = Number(await page.locator("th.lesson-head").first().getAttribute("data-lesson-id"));
  const studentId = Number(await page.locator("tbody tr[role=row]").first().getAttribute("data-student-id"));
  const res = await page.request.post("/api/journal_save", {
    data: {
      section_id: Number(section),
      edits: [
        {
          Cell: {
            lesson_id: lessonId,
            student_id: studentId,
            marks: [],
            attendance: "Н",
            base: { marks: [], attendance: null },
          },
        },
      ],
    },
  });
  expect(res.status()).toBe(200);
  const out = await res.json();
  expect(out[0].Refused).toContain("закрыт");
  await page.reload();
  await hydrated(page);
  await expect(cell(page, 0, 0)).toHaveText(before ?? "");
});

test("a conflicting edit from a second browser is surfaced, not overwritten", async ({ browser }) => {
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  await openJournal(first, TEACHER);
  await openJournal(second, ADMIN);
  // The admin opens the same section as the teacher.
  const section = (await first.locator("section.journal").getAttribute("data-section"))!;
  await second.goto(`/journal?section=${section}`);
  await hydrated(second);
  const col = await lastEmptyColumn(first);
  await expect(cell(second, 0, col)).toHaveText("");

  // The teacher saves a 5; the admin, still seeing an empty cell, types a 3.
  await cell(first, 0, col).click();
  await first.keyboard.type("5");
  await first.keyboard.press("Enter");
  await allSaved(first);
  await cell(second, 0, col).click();
  await second.keyboard.type("3");
  await second.keyboard.press("Enter");

  // The admin's grid shows the teacher's value and says why.
  await expect(cell(second, 0, col)).toHaveAttribute("data-status", "conflict");
  await expect(cell(second, 0, col)).toHaveText("5");
  await cell(second, 0, col).click();
  await expect(second.getByTestId("cell-note")).toContainText("уже изменил другой пользователь");
  await expect(second.getByTestId("cell-note")).toContainText("«3»");
  // And the stored value is still the teacher's.
  await first.reload();
  await hydrated(first);
  await expect(cell(first, 0, col)).toHaveText("5");
  await first.context().close();
  await second.context().close();
});

test("the journal is an ARIA grid without serious accessibility violations", async ({ page }) => {
  await openJournal(page);
  const grid = page.getByRole("grid");
  await expect(grid.getByRole("columnheader").first()).toBeVisible();
  await expect(grid.getByRole("rowheader").first()).toBeVisible();
  await expect(grid.locator('[role="gridcell"][aria-selected="true"]')).toHaveCount(1);
  await page.locator("th.lesson-head").first().getByRole("button").click();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
});

test("leaving with unsaved edits asks first", async ({ page, context }) => {
  await openJournal(page);
  const col = await lastEmptyColumn(page);
  // Hold the saves back: the edit stays unsaved.
  await context.route("**/api/journal_save", () => {});
  await cell(page, 0, col).click();
  await page.keyboard.type("4");
  await page.keyboard.press("Enter");
  await expect(page.locator(".save-pill")).not.toHaveAttribute("data-unsaved", "0");
  let asked = false;
  page.on("dialog", async (d) => {
    asked = d.type() === "beforeunload";
    await d.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toBe(true);
});

test("an edit made just before going to another page is still saved", async ({ page }) => {
  await openJournal(page);
  const col = await lastEmptyColumn(page);
  await cell(page, 2, col).click();
  await page.keyboard.type("2");
  await page.keyboard.press("Enter");
  // Away at once, before the pause after which edits are sent.
  await page.getByRole("link", { name: "Главная" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(async () => {
    await page.goto("/journal");
    await hydrated(page);
    await expect(cell(page, 2, col)).toHaveText("2", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
});

test("a failed save is kept, retried and lands", async ({ page, context }) => {
  await openJournal(page);
  const col = await lastEmptyColumn(page);
  let calls = 0;
  await context.route("**/api/journal_save", async (route) => {
    calls += 1;
    if (calls === 1) await route.abort("connectionreset");
    else await route.continue();
  });
  await cell(page, 1, col).click();
  await page.keyboard.type("3");
  await page.keyboard.press("Enter");
  await expect(page.locator(".save-pill")).toHaveAttribute("data-retrying", "true");
  await expect(cell(page, 1, col)).toHaveText("3");
  await allSaved(page);
  await expect(cell(page, 1, col)).toHaveAttribute("data-status", "saved");
  expect(calls).toBeGreaterThanOrEqual(2);
  await page.reload();
  await hydrated(page);
  await expect(cell(page, 1, col)).toHaveText("3");
});

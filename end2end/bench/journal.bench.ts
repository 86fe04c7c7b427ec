import { test, expect, Page } from "@playwright/test";

// Figures for docs/benchmarks.md: how soon a big grid answers after its data
// arrives, and how long a move or a keystroke takes to be on screen.

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const KEYS = Number(process.env.BENCH_KEYS ?? 300);

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.round((s.length - 1) * p))];
  return { n: s.length, median: at(0.5), p95: at(0.95), max: s[s.length - 1] };
}

function show(name: string, xs: number[]) {
  const r = stats(xs);
  console.log(
    `${name}: n=${r.n} median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`,
  );
}

/** Per step: press `before` (untimed), then time `timed` from its dispatch
 * until every reactive update has run and style and layout are computed,
 * then press `after` (untimed). */
async function timeKeys(
  page: Page,
  steps: { before?: string; timed: string; after?: string }[],
): Promise<number[]> {
  return page.evaluate(async (steps) => {
    const grid = document.querySelector("table[role=grid]")!;
    const press = (key: string) =>
      grid.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
    const settle = () =>
      new Promise<void>((r) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => r();
        ch.port2.postMessage(0);
      });
    const out: number[] = [];
    for (const step of steps) {
      if (step.before) {
        press(step.before);
        await settle();
      }
      const t0 = performance.now();
      press(step.timed);
      await settle();
      void (document.body as HTMLElement).offsetHeight;
      out.push(performance.now() - t0);
      if (step.after) {
        press(step.after);
        await settle();
      }
    }
    return out;
  }, steps);
}

async function signIn(page: Page) {
  await page.goto("/login");
  await expect(page.locator("body[data-hydrated=true]")).toBeAttached({ timeout: 60_000 });
  await page.getByLabel("Электронная почта").fill("teacher@dnevnik.example");
  await page.locator('input[name="password"]').fill("demo2026");
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page).toHaveURL(/\/$/);
}

test("journal grid: time to interactive and repaint per key", async ({ page }) => {
  await signIn(page);
  const ready: number[] = [];
  const total: number[] = [];
  let shape = "";
  for (let i = 0; i < RUNS; i++) {
    await page.getByRole("link", { name: "Главная" }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.evaluate(() => performance.clearMarks());
    const t0 = Date.now();
    await page.getByRole("link", { name: "Журнал" }).click();
    await expect(page.locator("table[data-ready=true]")).toBeVisible();
    total.push(Date.now() - t0);
    const ms = await page.evaluate(() => {
      const data = performance.getEntriesByName("journal-data").pop();
      const done = performance.getEntriesByName("journal-ready").pop();
      return data && done ? done.startTime - data.startTime : NaN;
    });
    ready.push(ms);
    shape = await page.evaluate(
      () =>
        `${document.querySelectorAll("tbody tr[role=row]").length} students × ${document.querySelectorAll("th.lesson-head").length} lessons`,
    );
  }
  console.log(`grid: ${shape}`);
  show("data arrived → grid rendered and answering", ready);
  show("click on «Журнал» → grid visible (includes the request)", total);

  // Moves and keystrokes: dispatch, let every reactive update run, force
  // style and layout; the time until the next frame could be painted.
  await page.locator("#c0-0").click();
  const arrows = ["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowDown"];
  const moves = await timeKeys(
    page,
    Array.from({ length: KEYS }, (_, i) => ({ timed: arrows[i % 4] })),
  );
  show("arrow key → cursor moved", moves);
  const typing = await timeKeys(
    page,
    Array.from({ length: KEYS }, () => ({ timed: "5", after: "Escape" })),
  );
  show("typing «5» → shown in the cell", typing);
  // A committed mark: the cell, the row's average and the save queue.
  const commits = await timeKeys(
    page,
    Array.from({ length: Math.min(KEYS, 60) }, (_, i) => ({
      before: String(2 + (i % 4)),
      timed: i % 2 ? "ArrowUp" : "ArrowDown",
    })),
  );
  show("mark committed → cell, average and queue updated", commits);
  await expect(page.locator(".save-pill")).toHaveAttribute("data-unsaved", "0", { timeout: 60_000 });
});

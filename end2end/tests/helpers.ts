import { expect, Page } from "@playwright/test";
import * as fs from "fs";
import * as path from "path";
import { simpleParser } from "mailparser";

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

// scripts/test runs a real SMTP server (aiosmtpd) for the diary and tells us
// where it keeps what it receives.
export const MAILDIR = process.env.MAILDIR;

export type Mail = { to: string; subject: string; text: string };

export async function mailsTo(address: string): Promise<Mail[]> {
  const dir = path.join(MAILDIR!, "new");
  if (!fs.existsSync(dir)) return [];
  const out: Mail[] = [];
  for (const f of fs.readdirSync(dir)) {
    const m = await simpleParser(fs.readFileSync(path.join(dir, f)));
    const to = m.headers.get("x-rcptto")?.toString() ?? "";
    if (to === address) out.push({ to, subject: m.subject ?? "", text: m.text ?? "" });
  }
  return out;
}

export async function waitForMail(address: string, subject: string): Promise<Mail> {
  let found: Mail | undefined;
  await expect(async () => {
    found = (await mailsTo(address)).find((m) => m.subject === subject);
    expect(found, `a mail "${subject}" to ${address}`).toBeTruthy();
  }).toPass({ timeout: 30_000 });
  return found!;
}

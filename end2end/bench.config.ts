import { defineConfig, devices } from "@playwright/test";

// The journal's browser benchmark (scripts/bench-journal), in Debian's Chromium.
export default defineConfig({
  testDir: "./bench",
  testMatch: /.*\.bench\.ts/,
  timeout: 300_000,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:3000",
    locale: "ru-RU",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1600, height: 1000 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
        },
      },
    },
  ],
});

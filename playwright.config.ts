// End-to-end tests: web mode in the system Chromium; an Electron project where a binary exists.
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { findElectron } from './e2e/electron-runtime';

const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

// Say once, in the runner's own output, why the desktop tests are skipped where they are.
const electronRuntime = findElectron();
if ('missing' in electronRuntime && process.env.TEST_WORKER_INDEX === undefined) {
  console.log(`Electron-mode e2e will be skipped: ${electronRuntime.missing}. Web mode covers the same app.`);
}

export default defineConfig({
  testDir: 'e2e',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      testIgnore: /electron-.*\.spec\.ts/,
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          // Playwright cannot download its own browser here; Debian's chromium is used instead.
          executablePath: systemChromium,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
    {
      name: 'electron',
      testMatch: /electron-.*\.spec\.ts/,
    },
  ],
});

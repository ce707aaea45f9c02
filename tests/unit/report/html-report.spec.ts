import { describe, expect, it } from 'vitest';
import { DOCS } from '../../../shared/docs.js';
import { redactReport } from '../../../shared/redact.js';
import { buildReport, type Report } from '../../../shared/report-model.js';
import { allowedDocUrl, CONTENT_SECURITY_POLICY, escapeHtml, renderHtmlReport } from '../../../main/report/html-report.js';
import { HOSTILE, sampleApplied, sampleRun, TOOL } from './report-fixture.js';

function report(lang: 'en' | 'ja' = 'en', edit?: (r: Report) => void): Report {
  const r = buildReport({ run: sampleRun(), fixesApplied: sampleApplied(), lang, tool: TOOL });
  edit?.(r);
  return r;
}

/** Every start tag in the document, e.g. `<a href="…" rel="noreferrer">`. */
function tags(html: string): string[] {
  return html.match(/<[A-Za-z][^>]*>/g) ?? [];
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)].map((m) => m[1]!);
}

function between(html: string, start: string, end: string): string {
  const from = html.indexOf(start);
  const to = html.indexOf(end, from + start.length);
  expect(from).toBeGreaterThanOrEqual(0);
  expect(to).toBeGreaterThan(from);
  return html.slice(from, to);
}

describe('escapeHtml', () => {
  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('replaces control characters and bidi overrides but keeps tab and line feed', () => {
    expect(escapeHtml('a\u0000b\u0007c\u001bd\u007fe\u0085f\u202Eg\u2066h')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh');
    expect(escapeHtml('x\ty\nz')).toBe('x\ty\nz');
    expect(escapeHtml('one\r\ntwo\rthree')).toBe('one\ntwo\nthree');
    expect(escapeHtml('lone \uD800 surrogate')).toBe('lone \uFFFD surrogate');
  });

  it('turns any value into text', () => {
    expect(escapeHtml(42)).toBe('42');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(null)).toBe('');
  });
});

describe('allowedDocUrl', () => {
  it('allows http(s) URLs on the documentation hosts only', () => {
    expect(allowedDocUrl(DOCS.kb920659)).toBe(DOCS.kb920659);
    expect(allowedDocUrl('https://support.microsoft.com/help/920659')).toBe('https://support.microsoft.com/help/920659');
    for (const bad of [
      'https://evil.example/phish',
      'https://learn.microsoft.com.evil.example/x',
      'http://user@learn.microsoft.com/x',
      'javascript:alert(1)',
      'JAVASCRIPT://learn.microsoft.com/%0aalert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///C:/Windows/win.ini',
      '//learn.microsoft.com/x',
      'not a url',
    ]) {
      expect(allowedDocUrl(bad), bad).toBeNull();
    }
  });
});

describe('renderHtmlReport', () => {
  const html = renderHtmlReport(report('en'));

  it('is one self-contained document with a strict CSP and no scripts', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en"')).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/["<&]/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|<object\b|<embed\b|<form\b|<base\b/i);
    expect(html).not.toMatch(/@import|url\(/i);
    for (const tag of tags(html)) {
      expect(tag, tag).not.toMatch(/\son[a-z]+\s*=/i);
      expect(tag, tag).not.toMatch(/\s(?:src|srcset|action|formaction|style)\s*=/i);
    }
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
  });

  it('shows hostile values only as escaped text', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('He said &quot;stop&quot; &amp; it&#39;s &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('&lt;/style&gt;&lt;style&gt;body{display:none}&lt;/style&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('javascript:alert(1)');
    expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
    expect(html).not.toContain('<b>bold</b>');
    // control characters: replaced; tab and line breaks kept (CRLF becomes LF)
    expect(html).toContain('bell\uFFFD esc\uFFFD[31m nul\uFFFD rlo\uFFFDevil tab\tkept\nnew line\nwindows line');
    // eslint-disable-next-line no-control-regex
    expect(html).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F\u202E]/);
    expect(HOSTILE.script).toBe('<script>alert(1)</script>');
  });

  it('links only documentation URLs on the allowed hosts, with rel="noreferrer"', () => {
    const links = hrefs(html);
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) {
      expect(href.startsWith('#check-') || /^https:\/\/(?:learn|support)\.microsoft\.com\//.test(href), href).toBe(true);
    }
    for (const tag of tags(html).filter((t) => /^<a\b/.test(t) && /href="http/.test(t))) {
      expect(tag).toContain('rel="noreferrer"');
    }
    expect(html).toContain('https://evil.example/phish');
    expect(links).not.toContain('https://evil.example/phish');
    expect(links.some((h) => h.includes('evil.example'))).toBe(false);
    expect(links.some((h) => h.includes('user@'))).toBe(false);
    expect(html).toContain('https://wiki.corp.example/wsus/dns');
    expect(links).not.toContain('https://wiki.corp.example/wsus/dns');
  });

  it('links the three source articles', () => {
    const sources = html.slice(html.indexOf('Source articles'));
    for (const url of [DOCS.clientSelfUpdate, DOCS.kb920659, DOCS.autoUpdateMustBeUpdatedJa]) {
      expect(hrefs(sources)).toContain(url);
    }
  });

  it('has a header with the facts an administrator needs', () => {
    const header = between(html, '<header>', '</header>');
    expect(header).toContain('WSUS Self-Update Doctor');
    expect(header).toContain('Tool version</dt><dd>0.1.0');
    expect(header).toContain('Role</dt><dd>Client');
    expect(header).toContain('Machine</dt><dd>PC-0142');
    expect(header).toContain('Operating system</dt><dd>Windows 10 Enterprise 10.0.19045.6456 x64');
    expect(header).toContain('Started</dt><dd><time datetime="2026-11-20T09:30:00.000Z">2026-11-20 09:30:00 UTC</time>');
    expect(header).toContain('Running as administrator</dt><dd>Yes');
    expect(header).toContain('Registry access</dt><dd>regedit (Windows Script Host)');
    expect(header).toContain('<code>http://wsus01.corp.example:8530</code>');
    expect(header).not.toContain('Simulated machine');
    expect(header).not.toContain('Redacted');
  });

  it('says when the machine was simulated, the elevation is unknown, or the report is redacted', () => {
    const out = renderHtmlReport(
      redactReport(
        report('en', (r) => {
          r.scenario = 'client-misspelled-policy';
          r.environment.elevated = null;
        }),
      ),
    );
    const header = between(out, '<header>', '</header>');
    expect(header).toContain('simulated machine (scenario “client-misspelled-policy”)');
    expect(header).toContain('Running as administrator</dt><dd>Unknown');
    expect(header).toMatch(/Redacted: host names, IP addresses and user names/);
    expect(header).toContain('Machine</dt><dd>host-1');
    expect(out).not.toMatch(/PC-0142|wsus01|tanaka|10\.20\.30\.40/i);
  });

  it('summarises the counts and lists the problems worst first', () => {
    const summary = between(html, '<section class="summary"', '</section>');
    expect(summary).toMatch(/FAIL<\/span><\/td><td class="num">2</);
    expect(summary).toMatch(/WARN<\/span><\/td><td class="num">2</);
    expect(summary).toMatch(/PASS<\/span><\/td><td class="num">4</);
    expect(summary).toContain('5 of 10 checks need attention');
    const order = ['Self-update file (wuident.cab)', 'WSUS server in policy (WUServer)', 'Windows Update log', 'Use the WSUS server (UseWUServer)', 'WinHTTP proxy'].map((t) =>
      summary.indexOf(t),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(summary).toContain('href="#check-client.policy.wuserver"');
    expect(summary).not.toContain('Windows version');
  });

  it('says so when nothing needs attention', () => {
    const out = renderHtmlReport(report('en', (r) => (r.checks = r.checks.filter((c) => c.status === 'pass'))));
    expect(out).toContain('No problems found');
  });

  it('groups the checks by the steps of the role’s flow, in flow order', () => {
    const steps = ['Which client is this?', 'Is it pointed at the WSUS server?', 'Are the update services able to run?', 'Can it reach the server?', 'Does the server hand out the self-update files?', "What does the client&#39;s log say?", 'Force detection and read the timers'];
    const at = steps.map((s) => html.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // a check sits after its step heading and before the next one
    const wu = html.indexOf('id="check-client.policy.wuserver"');
    expect(wu).toBeGreaterThan(at[1]!);
    expect(wu).toBeLessThan(at[2]!);
    // steps without results in this run are left out
    expect(html).not.toContain('Do the WSUS web services answer?');
  });

  it('shows each check with status label, summary, explanation, evidence, fixes and docs', () => {
    const check = between(html, 'id="check-client.policy.wuserver"', '</article>');
    expect(check).toContain('<span class="badge st-fail">FAIL</span>');
    expect(check).toContain('WSUS server in policy (WUServer)');
    expect(check).toContain('WUServer is not set, but the misspelled value WSUServer');
    expect(check).toContain('What is checked and why');
    expect(check).toContain('<th scope="row">HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\WSUServer</th><td><pre>REG_SZ &quot;http://wsus01.corp.example:8530&quot;</pre></td>');
    expect(check).toContain('Automatic fix');
    expect(check).toContain('requires administrator rights');
    expect(check).toContain('<li>Delete the misspelled value WSUServer.</li>');
    expect(check).toContain('Changes it makes');
    expect(check).toContain(`<a href="${DOCS.clientSelfUpdate}" rel="noreferrer">Issues with Client Self-Update (WSUS 3.0)</a>`);

    const blocked = between(html, 'id="check-client.policy.usewuserver"', '</article>');
    expect(blocked).toContain('Not available now:</strong> WUServer must be fixed first.');
    const manual = between(html, 'id="check-client.network.proxy"', '</article>');
    expect(manual).toContain('Manual steps');
    const skipped = between(html, 'id="check-client.au.detection-timers"', '</article>');
    expect(skipped).toContain('<span class="badge st-skip">SKIP</span>');
    expect(skipped).toContain('No evidence recorded.');
  });

  it('lists the fixes applied with changes, backup, result and message', () => {
    const applied = between(html, '<section class="fixes-applied"', '</section>');
    expect(applied).toContain('<span class="badge st-pass">APPLIED</span> Write WUServer and WUStatusServer <code>client.policy.wuserver:set-server</code>');
    expect(applied).toContain('<code>Delete the value HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\WSUServer</code>');
    expect(applied).toContain('C:\\ProgramData\\WSUS Self-Update Doctor\\backups\\PC-0142\\');
    expect(applied).toContain('<span class="badge st-fail">FAILED</span>');
    expect(applied).toContain('(none: nothing was changed)');
    expect(applied).toContain('Details:</strong> Access is denied');
    const none = renderHtmlReport(report('en', (r) => (r.fixesApplied = [])));
    expect(none).toContain('No fixes were applied during this run.');
  });

  it('prints on A4 and follows the light/dark preference on screen', () => {
    expect(html).toMatch(/@page\s*\{\s*size:\s*A4;\s*margin:\s*15mm\s*\}/);
    expect(html).toMatch(/@media print\s*\{/);
    expect(html).toMatch(/\.check[^{]*\{[^}]*break-inside:\s*avoid/);
    expect(html).toMatch(/@media \(prefers-color-scheme:\s*dark\)/);
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
  });

  it('writes the static labels in Japanese for a Japanese report', () => {
    const ja = renderHtmlReport(report('ja'));
    expect(ja.startsWith('<!DOCTYPE html>\n<html lang="ja"')).toBe(true);
    for (const label of ['診断レポート', '概要', 'ステップごとのチェック', '適用した修復', '元にした資料', '管理者として実行</dt><dd>はい', '<span class="badge st-fail">不合格</span>', '<span class="badge st-pass">合格</span>', '<span class="badge st-skip">対象外</span>', 'エラー', '警告', '根拠: 読み取った内容', '自動修復', '手動で行う手順']) {
      expect(ja, label).toContain(label);
    }
    expect(ja).toContain('ポリシーの WSUS サーバー (WUServer)');
    expect(ja).toContain('WSUS サーバーを向いているか');
    for (const english of ['>Summary<', '>FAIL<', 'Fixes applied', 'How to fix', 'Running as administrator']) {
      expect(ja, english).not.toContain(english);
    }
  });

  it('is deterministic unless a write time is given', () => {
    expect(renderHtmlReport(report('en'))).toBe(html);
    const stamped = renderHtmlReport(report('en'), { generatedAt: '2026-11-20T09:32:00.000Z' });
    expect(stamped).toContain('Written 2026-11-20 09:32:00 UTC.');
  });

  it('renders checks outside the role’s flow under "Other checks"', () => {
    const out = renderHtmlReport(
      report('en', (r) => {
        r.role = 'remote';
        r.checks = r.checks.filter((c) => c.id === 'net.dns' || c.id === 'client.system.os');
      }),
    );
    expect(out).toContain('Other checks');
    expect(out.indexOf('id="check-client.system.os"')).toBeGreaterThan(out.indexOf('Other checks'));
    expect(out.indexOf('id="check-net.dns"')).toBeLessThan(out.indexOf('Other checks'));
  });
});

// The browser client of the web harness, run in Node: against a real harness with a fake
// location/history and Node's fetch, and against a stubbed fetch for stream parsing and error mapping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type DoctorApi, type ProgressEvent } from '../../../shared/api.js';
import { startHarness, type Harness } from '../../../main/web/harness.js';
import { createWebBridge, initialScenario, readProgressStream, unwrapEnvelope, type ReportFile, type WebBridgeEnv } from '../../../renderer/src/lib/bridge-web.js';
import { makeStaticDir, realService } from './web-helpers.js';

const POLICY_CHECKS = ['client.policy.wuserver', 'client.policy.wustatusserver', 'client.policy.usewuserver', 'client.policy.misspelled'];

interface FakeBrowser {
  env: Partial<WebBridgeEnv>;
  replaced: (string | null | undefined)[];
  downloads: ReportFile[];
  requests: { url: string; init: RequestInit }[];
}

function fakeBrowser(href: string, fetchImpl: WebBridgeEnv['fetch'] = (url, init) => fetch(url, init)): FakeBrowser {
  const b: FakeBrowser = { env: {}, replaced: [], downloads: [], requests: [] };
  const url = new URL(href);
  b.env = {
    location: { href, hash: url.hash },
    history: { state: { page: 1 }, replaceState: (_data, _unused, to) => void b.replaced.push(to) },
    fetch: (u, init) => {
      b.requests.push({ url: u, init });
      return fetchImpl(u, init);
    },
    download: (file) => void b.downloads.push(file),
  };
  return b;
}

async function caught(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('expected the call to fail');
}

describe('createWebBridge: the address', () => {
  it('is null without a token, and remembers no scenario from a bad name', () => {
    const b = fakeBrowser('http://127.0.0.1:1234/#scenario=client-healthy');
    expect(createWebBridge(b.env)).toBeNull();
    expect(b.replaced).toEqual([]);
    expect(createWebBridge(fakeBrowser('http://127.0.0.1:1234/').env)).toBeNull();
    expect(createWebBridge(fakeBrowser('http://127.0.0.1:1234/#token=&x=1').env)).toBeNull();
    expect(createWebBridge(fakeBrowser('http://127.0.0.1:1234/#token=abcdefghijklmnop0123&scenario=../../x').env)).not.toBeNull();
    expect(initialScenario()).toBeNull();
  });

  it('takes the token out of the address bar, keeps the rest, and remembers the scenario', () => {
    const b = fakeBrowser('http://127.0.0.1:1234/?q=1#token=abcdefghijklmnop0123&scenario=client-misspelled-policy');
    expect(createWebBridge(b.env)).not.toBeNull();
    expect(b.replaced).toEqual(['http://127.0.0.1:1234/?q=1#scenario=client-misspelled-policy']);
    expect(initialScenario()).toBe('client-misspelled-policy');

    const only = fakeBrowser('http://127.0.0.1:1234/#token=abcdefghijklmnop0123');
    createWebBridge(only.env);
    expect(only.replaced).toEqual(['http://127.0.0.1:1234/']);
    expect(initialScenario()).toBeNull();
  });
});

describe('createWebBridge against the harness', () => {
  let harness: Harness;
  let cleanup: () => Promise<void>;
  let browser: FakeBrowser;
  let bridge: DoctorApi;

  beforeAll(async () => {
    let staticDir: string;
    ({ staticDir, cleanup } = await makeStaticDir());
    harness = await startHarness({ service: realService(), staticDir });
    browser = fakeBrowser(`${harness.url}&scenario=client-misspelled-policy`);
    bridge = createWebBridge(browser.env)!;
  });

  afterAll(async () => {
    await harness.close();
    await cleanup();
  });

  it('sends the token as a Bearer header in JSON POSTs to /api/<method>, never in the address', async () => {
    expect(bridge).not.toBeNull();
    expect(browser.replaced).toEqual([`http://127.0.0.1:${harness.port}/#scenario=client-misspelled-policy`]);
    await bridge.listScenarios();
    const last = browser.requests.at(-1)!;
    expect(last.url).toBe(`http://127.0.0.1:${harness.port}/api/listScenarios`);
    expect(last.url).not.toContain(harness.token);
    expect(last.init.method).toBe('POST');
    expect(last.init.headers).toMatchObject({ Authorization: `Bearer ${harness.token}`, 'Content-Type': 'application/json' });
    expect(JSON.parse(last.init.body as string)).toEqual({ args: [] });
  });

  it('runs the whole wizard flow: session, streamed checks, preview, apply, report download, close', async () => {
    const scenario = initialScenario();
    expect(scenario).toBe('client-misspelled-policy');
    const info = await bridge.startSession({ scenario: scenario! });
    expect(info.scenario?.name).toBe('client-misspelled-policy');

    const events: ProgressEvent[] = [];
    const run = await bridge.runChecks(info.sessionId, (e) => events.push(e));
    expect(events.length).toBe(2 * run.results.length);
    expect(events.at(-1)).toMatchObject({ type: 'done', index: run.results.length - 1 });
    for (const id of POLICY_CHECKS) expect(run.results.find((r) => r.id === id)?.status).toBe('fail');

    const fixIds = run.results.filter((r) => POLICY_CHECKS.includes(r.id)).flatMap((r) => r.fixes.map((f) => f.id));
    const preview = await bridge.previewFixes(info.sessionId, fixIds);
    expect(preview.fixes).toHaveLength(4);
    const outcome = await bridge.applyFixes(info.sessionId, fixIds);
    for (const id of POLICY_CHECKS) expect(outcome.run.results.find((r) => r.id === id)?.status).toBe('pass');

    const undo = await bridge.undoFix(info.sessionId, outcome.applied[0]!.backup);
    expect(undo.problems).toEqual([]);
    expect(undo.run.results.find((r) => r.id === 'client.policy.wuserver')?.status).toBe('fail');

    const saved = await bridge.saveReport(info.sessionId, { format: 'html', lang: 'en', redact: false });
    expect(browser.downloads).toHaveLength(1);
    const file = browser.downloads[0]!;
    expect(saved).toEqual({ saved: true, location: file.fileName });
    expect(file.fileName).toMatch(/\.html$/);
    expect(file.mimeType).toBe('text/html;charset=utf-8');
    expect(file.content).toContain('<meta http-equiv="Content-Security-Policy"');

    await expect(bridge.closeSession(info.sessionId)).resolves.toBeUndefined();
    const ended = await caught(bridge.runChecks(info.sessionId));
    expect(ended.code).toBe('not-found');
  });

  it('turns refusals into ApiError with the bilingual message', async () => {
    const bad = await caught(bridge.startSession({ scenario: 'no-such-scenario' }));
    expect(bad.code).toBe('bad-input');
    expect(bad.l10n.en).toMatch(/Unknown scenario/);
    expect(bad.l10n.ja.length).toBeGreaterThan(0);
    const invalid = await caught(bridge.previewFixes('abcdefgh12345678', []));
    expect(invalid.code).toBe('bad-input');

    const wrong = createWebBridge(fakeBrowser(`http://127.0.0.1:${harness.port}/#token=wrong-token-0123456789`).env)!;
    const denied = await caught(wrong.listScenarios());
    expect(denied.code).toBe('not-allowed');
    const deniedRun = await caught(wrong.runChecks('abcdefgh12345678'));
    expect(deniedRun.code).toBe('not-allowed');
  });

  it('says the backend stopped when nothing answers', async () => {
    const { staticDir, cleanup: clean } = await makeStaticDir();
    const h = await startHarness({ service: realService(), staticDir });
    const b = createWebBridge(fakeBrowser(h.url).env)!;
    expect(await b.listScenarios()).not.toHaveLength(0);
    await h.close();
    await clean();
    const e = await caught(b.listScenarios());
    expect(e.code).toBe('unavailable');
    expect(e.l10n.en).toMatch(/backend stopped/);
    expect(e.l10n.ja).toMatch(/バックエンド/);
  });
});

function streamOf(chunks: Uint8Array[], opts: { failAfter?: boolean } = {}): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else if (opts.failAfter) controller.error(new TypeError('network error'));
      else controller.close();
    },
  });
}

function ndjsonResponse(chunks: Uint8Array[], opts: { failAfter?: boolean } = {}): Response {
  return new Response(streamOf(chunks, opts), { status: 200, headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8' } });
}

describe('the NDJSON stream and error mapping (stubbed fetch)', () => {
  const start: ProgressEvent = { type: 'start', id: 'client.policy.wuserver', index: 0, total: 1 };
  const text = [`{"progress":${JSON.stringify(start)}}`, '{"progress":{"type":"start","id":"client.system.os","index":1,"total":2}}', '{"ok":true,"value":{"note":"日本語の結果 — done"}}', ''].join('\n');
  const bytes = new TextEncoder().encode(text);

  it('gives every progress line and the final value, however the bytes are split (even inside a character)', async () => {
    for (let cut = 1; cut < bytes.length; cut += 3) {
      const events: ProgressEvent[] = [];
      const value = await readProgressStream(streamOf([bytes.slice(0, cut), bytes.slice(cut)]), 200, (e) => events.push(e));
      expect(value).toEqual({ note: '日本語の結果 — done' });
      expect(events.map((e) => e.index)).toEqual([0, 1]);
    }
    // one byte at a time
    const events: ProgressEvent[] = [];
    const value = await readProgressStream(streamOf([...bytes].map((b) => Uint8Array.of(b))), 200, (e) => events.push(e));
    expect(value).toEqual({ note: '日本語の結果 — done' });
    expect(events).toHaveLength(2);
  });

  it('accepts a last line without a newline, and a failing progress handler does not lose the result', async () => {
    const noNewline = new TextEncoder().encode('{"progress":{"type":"start"}}\n{"ok":true,"value":42}');
    expect(await readProgressStream(streamOf([noNewline]), 200, () => {
      throw new Error('UI bug');
    })).toBe(42);
  });

  it('an error outcome becomes ApiError; a stream that ends or breaks early means the backend stopped', async () => {
    const error = new TextEncoder().encode('{"ok":false,"error":{"code":"not-found","message":{"en":"gone","ja":"終了"}}}\n');
    const e = await caught(readProgressStream(streamOf([error]), 200));
    expect([e.code, e.l10n.en, e.l10n.ja, e.message]).toEqual(['not-found', 'gone', '終了', 'gone']);

    const cut = new TextEncoder().encode('{"progress":{"type":"start"}}\n{"ok":tr');
    expect((await caught(readProgressStream(streamOf([cut]), 200))).code).toBe('unavailable');
    const onlyProgress = new TextEncoder().encode('{"progress":{"type":"start"}}\n');
    expect((await caught(readProgressStream(streamOf([onlyProgress]), 200))).code).toBe('unavailable');
    expect((await caught(readProgressStream(streamOf([onlyProgress], { failAfter: true }), 200))).code).toBe('unavailable');
    const garbage = new TextEncoder().encode('<html>proxy error</html>\n');
    expect((await caught(readProgressStream(streamOf([garbage]), 502))).code).toBe('failed');
  });

  it('unwrapEnvelope: value, ApiError, or failed for anything else', () => {
    expect(unwrapEnvelope({ ok: true, value: [1] }, 200)).toEqual([1]);
    expect(unwrapEnvelope({ ok: true }, 200)).toBeUndefined();
    expect(() => unwrapEnvelope({ ok: false, error: { code: 'bad-input', message: { en: 'no', ja: 'いいえ' } } }, 400)).toThrow(ApiError);
    for (const body of [null, 'text', { ok: false }, { ok: false, error: { code: 'weird', message: { en: 'x', ja: 'y' } } }, { ok: false, error: { code: 'failed', message: 'x' } }]) {
      let thrown: unknown;
      try {
        unwrapEnvelope(body, 500);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ApiError);
      expect((thrown as ApiError).code).toBe('failed');
    }
  });

  it('maps fetch failures, non-JSON answers and stream cuts through the bridge methods', async () => {
    const href = 'http://127.0.0.1:1/#token=abcdefghijklmnop0123';
    const refused = createWebBridge(fakeBrowser(href, () => Promise.reject(new TypeError('fetch failed'))).env)!;
    expect((await caught(refused.detectRole())).code).toBe('unavailable');
    expect((await caught(refused.runChecks('abcdefgh12345678'))).code).toBe('unavailable');
    expect((await caught(refused.saveReport('abcdefgh12345678', { format: 'json', lang: 'ja', redact: true }))).code).toBe('unavailable');

    const proxy = createWebBridge(fakeBrowser(href, () => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502 }))).env)!;
    const e = await caught(proxy.listScenarios());
    expect(e.code).toBe('failed');
    expect(e.l10n.en).toMatch(/HTTP 502/);

    const events: ProgressEvent[] = [];
    const cut = createWebBridge(fakeBrowser(href, () => Promise.resolve(ndjsonResponse([new TextEncoder().encode(`{"progress":${JSON.stringify(start)}}\n`)], { failAfter: true }))).env)!;
    const stopped = await caught(cut.runChecks('abcdefgh12345678', (ev) => events.push(ev)));
    expect(stopped.code).toBe('unavailable');
    expect(events).toEqual([start]);

    const notAFile = createWebBridge(fakeBrowser(href, () => Promise.resolve(Response.json({ ok: true, value: { fileName: 1 } }))).env)!;
    expect((await caught(notAFile.saveReport('abcdefgh12345678', { format: 'html', lang: 'en', redact: false }))).code).toBe('failed');
  });
});

// The web harness with the real services on the built-in scenarios, spoken to with Node's fetch and
// raw HTTP: static files, the token and origin guards, limits, the API and its NDJSON stream.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorShape, ApplyOutcome, FixPreview, ProgressEvent, ScenarioSummary, SessionInfo } from '../../../shared/api.js';
import type { RunResult } from '../../../shared/results.js';
import { DoctorService } from '../../../main/app/doctor-service.js';
import { CHECK_IMPLS } from '../../../main/checks/index.js';
import { MAX_BODY_BYTES, RENDERER_CSP, startHarness, type Harness } from '../../../main/web/harness.js';
import { APP_JS, INDEX_HTML, SECRET, linuxDeps, makeStaticDir, rawRequest, realService } from './web-helpers.js';

const POLICY_CHECKS = ['client.policy.wuserver', 'client.policy.wustatusserver', 'client.policy.usewuserver', 'client.policy.misspelled'];

let harness: Harness;
let origin: string;
let staticDir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ staticDir, cleanup } = await makeStaticDir());
  harness = await startHarness({ service: realService(), staticDir, port: 0 });
  origin = `http://127.0.0.1:${harness.port}`;
});

afterAll(async () => {
  await harness.close();
  await cleanup();
});

function api(method: string, args: unknown, init: { headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  return fetch(`${origin}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${harness.token}`, 'Content-Type': 'application/json', ...init.headers },
    body: init.body ?? JSON.stringify({ args }),
  });
}

async function call<T>(method: string, args: unknown[]): Promise<T> {
  const res = await api(method, args);
  const body = (await res.json()) as { ok: boolean; value?: T; error?: ApiErrorShape };
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  expect(res.status).toBe(200);
  return body.value as T;
}

async function expectError(res: Response, status: number, code: ApiErrorShape['code']): Promise<ApiErrorShape> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { ok: boolean; error: ApiErrorShape };
  expect(body.ok).toBe(false);
  expect(body.error.code).toBe(code);
  expect(body.error.message.en.length).toBeGreaterThan(0);
  expect(body.error.message.ja.length).toBeGreaterThan(0);
  // never a stack trace
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/);
  return body.error;
}

async function readNdjson(res: Response): Promise<unknown[]> {
  const text = await res.text();
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
}

describe('startHarness', () => {
  it('listens on 127.0.0.1 with the token in the fragment of its URL', () => {
    expect(harness.url).toBe(`http://127.0.0.1:${harness.port}/#token=${harness.token}`);
    expect(harness.port).toBeGreaterThan(0);
    expect(harness.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('makes a new token each time unless given one, and refuses a token unfit for a URL', async () => {
    const { staticDir: dir, cleanup: clean } = await makeStaticDir();
    const a = await startHarness({ service: realService(), staticDir: dir, token: 'given-token-0123456789' });
    const b = await startHarness({ service: realService(), staticDir: dir });
    try {
      expect(a.token).toBe('given-token-0123456789');
      expect(b.token).not.toBe(harness.token);
      await expect(startHarness({ service: realService(), staticDir: dir, token: 'short' })).rejects.toThrow(/token/);
      await expect(startHarness({ service: realService(), staticDir: dir, token: 'has spaces and & signs 0123' })).rejects.toThrow(/token/);
    } finally {
      await a.close();
      await b.close();
      await clean();
    }
  });
});

describe('static files', () => {
  it('serves index.html for / with the security headers', async () => {
    const res = await fetch(`${origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await res.text()).toBe(INDEX_HTML);
  });

  it('serves files by their relative path with their content type', async () => {
    const js = await fetch(`${origin}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe(APP_JS);
    const svg = await fetch(`${origin}/assets/logo.svg?v=1`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('content-security-policy')).toBe(RENDERER_CSP);
  });

  it('answers 404 for missing files, folders and hidden files, and 405 for other methods', async () => {
    expect((await fetch(`${origin}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${origin}/assets`)).status).toBe(404);
    expect((await fetch(`${origin}/assets/`)).status).toBe(404);
    expect((await fetch(`${origin}/.hidden`)).status).toBe(404);
    // the browser's own favicon request: no content rather than an error in its console
    const icon = await fetch(`${origin}/favicon.ico`);
    expect(icon.status).toBe(204);
    expect(await icon.text()).toBe('');
    const post = await fetch(`${origin}/index.html`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  it.each([
    '/../secret.txt',
    '/../package.json',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/package.json',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/%252e%252e/secret.txt',
    '/assets/%00../../secret.txt',
  ])('refuses the traversal %s', async (path) => {
    const res = await rawRequest(harness.port, path, { headers: { Host: `127.0.0.1:${harness.port}` } });
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
  });

  it('refuses dot segments even when they would stay inside, and serves the same files by their plain path (control)', async () => {
    expect((await rawRequest(harness.port, '/assets/../index.html')).status).toBe(404);
    expect((await rawRequest(harness.port, '/./index.html')).status).toBe(404);
    const plain = await rawRequest(harness.port, '/index.html');
    expect(plain.status).toBe(200);
    expect(plain.body).toBe(INDEX_HTML);
    expect((await rawRequest(harness.port, '/assets/app.js')).body).toBe(APP_JS);
  });

  it('opens from a link on another site (a navigation carries no token; the API stays closed to that site)', async () => {
    const res = await fetch(`${origin}/`, { headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(res.status).toBe(200);
  });

  it('refuses another Host header (DNS rebinding)', async () => {
    const res = await rawRequest(harness.port, '/', { headers: { Host: `evil.example:${harness.port}` } });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain(INDEX_HTML);
    const call = await rawRequest(harness.port, '/api/listScenarios', {
      method: 'POST',
      headers: { Host: `localhost:${harness.port}`, Authorization: `Bearer ${harness.token}`, 'Content-Type': 'application/json' },
      body: '{"args":[]}',
    });
    expect(call.status).toBe(403);
    expect(call.body).not.toContain('client-healthy');
  });
});

describe('API guards', () => {
  it('401 without a token, with a wrong one, or another scheme', async () => {
    const without = await fetch(`${origin}/api/listScenarios`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"args":[]}' });
    await expectError(without, 401, 'not-allowed');
    await expectError(await api('listScenarios', [], { headers: { Authorization: 'Bearer wrong-token-0123456789' } }), 401, 'not-allowed');
    await expectError(await api('listScenarios', [], { headers: { Authorization: `Bearer ${harness.token}x` } }), 401, 'not-allowed');
    await expectError(await api('listScenarios', [], { headers: { Authorization: `Basic ${harness.token}` } }), 401, 'not-allowed');
    // the same request with the token passes (the guard is the token, nothing else)
    expect((await api('listScenarios', [])).status).toBe(200);
  });

  it('403 for a foreign Origin, an opaque origin or a cross-site fetch, even with the token', async () => {
    await expectError(await api('listScenarios', [], { headers: { Origin: 'http://evil.example' } }), 403, 'not-allowed');
    await expectError(await api('listScenarios', [], { headers: { Origin: `http://localhost:${harness.port}` } }), 403, 'not-allowed');
    await expectError(await api('listScenarios', [], { headers: { Origin: 'null' } }), 403, 'not-allowed');
    await expectError(await api('listScenarios', [], { headers: { 'Sec-Fetch-Site': 'cross-site' } }), 403, 'not-allowed');
    // another port of 127.0.0.1 is "same-site", not same-origin
    await expectError(await api('listScenarios', [], { headers: { 'Sec-Fetch-Site': 'same-site' } }), 403, 'not-allowed');
    await expectError(await api('listScenarios', [], { headers: { Origin: `http://127.0.0.1:${harness.port + 1}` } }), 403, 'not-allowed');
    // its own origin is welcome
    expect((await api('listScenarios', [], { headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin' } })).status).toBe(200);
  });

  it('requires JSON (415) and POST (405)', async () => {
    await expectError(await api('listScenarios', [], { headers: { 'Content-Type': 'text/plain' } }), 415, 'bad-input');
    await expectError(await api('listScenarios', [], { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415, 'bad-input');
    expect((await api('listScenarios', [], { headers: { 'Content-Type': 'application/json; charset=utf-8' } })).status).toBe(200);
    const get = await fetch(`${origin}/api/listScenarios`, { headers: { Authorization: `Bearer ${harness.token}` } });
    await expectError(get, 405, 'bad-input');
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('413 for a body over 64 KiB, declared or streamed', async () => {
    const big = JSON.stringify({ args: [{ scenario: 'x'.repeat(MAX_BODY_BYTES) }] });
    await expectError(await api('startSession', [], { body: big }), 413, 'bad-input');
    // chunked, so no Content-Length tells in advance
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: harness.port, path: '/api/startSession', method: 'POST', headers: { Authorization: `Bearer ${harness.token}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write('x'.repeat(16 * 1024));
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect((JSON.parse(chunked.body) as { error: ApiErrorShape }).error.code).toBe('bad-input');
    // a body just under the limit is read (and then judged by the schema, an API answer)
    const under = JSON.stringify({ args: [{ scenario: 'x'.repeat(MAX_BODY_BYTES - 100) }] });
    await expectError(await api('startSession', [], { body: under }), 200, 'bad-input');
  });

  it('a malformed body is a clean bad-input', async () => {
    await expectError(await api('listScenarios', [], { body: '{"args": [' }), 400, 'bad-input');
    await expectError(await api('listScenarios', [], { body: '[]' }), 400, 'bad-input');
    await expectError(await api('listScenarios', [], { body: '{"args": {}}' }), 400, 'bad-input');
    await expectError(await api('listScenarios', [], { body: '' }), 400, 'bad-input');
  });

  it('an unknown method or wrong arguments is bad-input in the API envelope (HTTP 200), never a stack', async () => {
    const unknown = await expectError(await api('deleteEverything', []), 200, 'bad-input');
    expect(unknown.message.en).toMatch(/unknown operation/);
    await expectError(await api('__proto__', []), 200, 'bad-input');
    await expectError(await api('constructor', []), 200, 'bad-input');
    await expectError(await api('', []), 200, 'bad-input');
    await expectError(await api('startSession', [{ scenario: '../../etc/passwd' }]), 200, 'bad-input');
    await expectError(await api('startSession', [{ scenario: 'client-healthy', extra: 1 }]), 200, 'bad-input');
    // runChecks always answers in NDJSON once past the guards; the outcome line carries the error
    const run = await api('runChecks', ['not a session id!']);
    expect(run.status).toBe(200);
    expect(await readNdjson(run)).toEqual([{ ok: false, error: expect.objectContaining({ code: 'bad-input' }) }]);
    await expectError(await api('previewFixes', ['abcdefgh12345678', []]), 200, 'bad-input');
    await expectError(await api('renderReport', ['abcdefgh12345678', { format: 'pdf', lang: 'en', redact: false }]), 200, 'bad-input');
  });

  it('an unknown scenario and an ended session are reported, not thrown', async () => {
    const e = await expectError(await api('startSession', [{ scenario: 'no-such-scenario' }]), 200, 'bad-input');
    expect(e.message.en).toMatch(/Unknown scenario "no-such-scenario"/);
    await expectError(await api('previewFixes', ['abcdefgh12345678', ['client.policy.wuserver:set-server']]), 200, 'not-found');
  });

  it('saveReport itself cannot save in the browser: the page uses renderReport', async () => {
    const info = await call<SessionInfo>('startSession', [{ scenario: 'client-healthy' }]);
    await expectError(await api('saveReport', [info.sessionId, { format: 'html', lang: 'en', redact: false }]), 200, 'unavailable');
    await call('closeSession', [info.sessionId]);
  });
});

describe('the API end to end on client-misspelled-policy', () => {
  it('lists the scenarios and says this is not Windows', async () => {
    const list = await call<ScenarioSummary[]>('listScenarios', []);
    expect(list.map((s) => s.name)).toContain('client-misspelled-policy');
    const role = await call<{ role: unknown; platform: string }>('detectRole', []);
    expect(role).toMatchObject({ role: null, platform: 'other' });
  });

  it('streams the checks, previews and applies the fixes, renders the report, closes', async () => {
    const info = await call<SessionInfo>('startSession', [{ scenario: 'client-misspelled-policy' }]);
    expect(info).toMatchObject({ role: 'client', machine: 'simulated', scenario: { name: 'client-misspelled-policy' } });

    // runChecks: NDJSON, progress lines as they happen, then the outcome
    const res = await api('runChecks', [info.sessionId]);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = await readNdjson(res);
    const last = lines.at(-1) as { ok: boolean; value: RunResult };
    const progress = lines.slice(0, -1).map((l) => (l as { progress: ProgressEvent }).progress);
    expect(last.ok).toBe(true);
    const run = last.value;
    expect(progress.length).toBe(2 * run.results.length);
    expect(progress[0]).toMatchObject({ type: 'start', index: 0, total: run.results.length });
    expect(progress.filter((p) => p.type === 'done')).toHaveLength(run.results.length);
    for (const id of POLICY_CHECKS) expect(run.results.find((r) => r.id === id)?.status).toBe('fail');

    const fixIds = run.results.filter((r) => POLICY_CHECKS.includes(r.id)).flatMap((r) => r.fixes.map((f) => f.id));
    expect(fixIds).toHaveLength(4);
    const preview = await call<FixPreview>('previewFixes', [info.sessionId, fixIds]);
    expect(preview.fixes.map((f) => f.fix.id).sort()).toEqual([...fixIds].sort());
    expect(preview.unavailable).toEqual([]);

    const outcome = await call<ApplyOutcome>('applyFixes', [info.sessionId, fixIds]);
    expect(outcome.applied.map((a) => a.result)).toEqual(['applied', 'applied', 'applied', 'applied']);
    for (const id of POLICY_CHECKS) expect(outcome.run.results.find((r) => r.id === id)?.status).toBe('pass');

    const html = await call<{ fileName: string; mimeType: string; content: string }>('renderReport', [info.sessionId, { format: 'html', lang: 'ja', redact: false }]);
    expect(html.fileName).toMatch(/^wsus-doctor-client-misspelled-policy-.*\.html$/);
    expect(html.mimeType).toBe('text/html;charset=utf-8');
    expect(html.content).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    const json = await call<{ fileName: string; content: string }>('renderReport', [info.sessionId, { format: 'json', lang: 'en', redact: true }]);
    expect(json.fileName).toMatch(/^wsus-doctor-redacted-.*\.json$/);
    expect(() => JSON.parse(json.content) as unknown).not.toThrow();

    await call('closeSession', [info.sessionId]);
    const after = await api('runChecks', [info.sessionId]);
    const afterLines = await readNdjson(after);
    expect(afterLines).toEqual([{ ok: false, error: expect.objectContaining({ code: 'not-found' }) }]);
  });

  it('renderReport before any run is refused', async () => {
    const info = await call<SessionInfo>('startSession', [{ scenario: 'client-healthy' }]);
    await expectError(await api('renderReport', [info.sessionId, { format: 'html', lang: 'en', redact: false }]), 200, 'not-allowed');
    await call('closeSession', [info.sessionId]);
  });
});

describe('runChecks streaming', () => {
  it('sends each progress line as it happens, not when the run ends', async () => {
    const { staticDir: dir, cleanup: clean } = await makeStaticDir();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // every check waits for the gate: only the first "start" can arrive before it opens
    const implementations = CHECK_IMPLS.map((impl) => ({ ...impl, run: async (ctx: Parameters<typeof impl.run>[0]) => (await gate, impl.run(ctx)) }));
    const h = await startHarness({ service: new DoctorService({ ...linuxDeps(), implementations }), staticDir: dir });
    try {
      const headers = { Authorization: `Bearer ${h.token}`, 'Content-Type': 'application/json' };
      const post = (method: string, args: unknown[]) => fetch(`http://127.0.0.1:${h.port}/api/${method}`, { method: 'POST', headers, body: JSON.stringify({ args }) });
      const info = ((await (await post('startSession', [{ scenario: 'client-misspelled-policy' }])).json()) as { value: SessionInfo }).value;
      const res = await post('runChecks', [info.sessionId]);
      const reader = res.body!.getReader();
      const first = await Promise.race([reader.read(), new Promise<'late'>((r) => setTimeout(() => r('late'), 5_000))]);
      expect(first).not.toBe('late');
      const text = new TextDecoder().decode((first as { value: Uint8Array }).value);
      expect(JSON.parse(text.split('\n')[0]!)).toMatchObject({ progress: { type: 'start', index: 0 } });
      expect(text).not.toContain('"ok"');
      release();
      let rest = text;
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
      expect(JSON.parse(rest.trimEnd().split('\n').at(-1)!)).toMatchObject({ ok: true, value: { scenario: 'client-misspelled-policy' } });
    } finally {
      release();
      await h.close();
      await clean();
    }
  });
});

describe('close()', () => {
  it('ends a running request quickly, closes the sessions and stops listening', async () => {
    const { staticDir: dir, cleanup: clean } = await makeStaticDir();
    let entered!: () => void;
    const inRun = new Promise<void>((r) => (entered = r));
    let closedAll = 0;
    class HangingService extends DoctorService {
      override runChecks(): Promise<RunResult> {
        entered();
        return new Promise(() => {}); // never finishes
      }
      override async closeAll(): Promise<void> {
        closedAll++;
        await super.closeAll();
      }
    }
    const h = await startHarness({ service: new HangingService(linuxDeps()), staticDir: dir });
    try {
      const headers = { Authorization: `Bearer ${h.token}`, 'Content-Type': 'application/json' };
      const info = ((await (await fetch(`http://127.0.0.1:${h.port}/api/startSession`, { method: 'POST', headers, body: JSON.stringify({ args: [{ scenario: 'client-healthy' }] }) })).json()) as { value: SessionInfo }).value;
      const running = fetch(`http://127.0.0.1:${h.port}/api/runChecks`, { method: 'POST', headers, body: JSON.stringify({ args: [info.sessionId] }) }).then((r) => r.text());
      await inRun;
      const started = Date.now();
      await h.close();
      expect(Date.now() - started).toBeLessThan(1_000);
      await expect(running).rejects.toThrow();
      expect(closedAll).toBe(1);
      await expect(fetch(`http://127.0.0.1:${h.port}/`)).rejects.toThrow();
      await h.close(); // twice is harmless
      expect(closedAll).toBe(1);
    } finally {
      await h.close();
      await clean();
    }
  });

  it('a client that stalls while sending its body gets 408 and the connection is dropped', async () => {
    const { staticDir: dir, cleanup: clean } = await makeStaticDir();
    const h = await startHarness({ service: realService(), staticDir: dir, requestTimeoutMs: 200 });
    try {
      const result = await new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: h.port, path: '/api/listScenarios', method: 'POST', headers: { Authorization: `Bearer ${h.token}`, 'Content-Type': 'application/json', 'Content-Length': '100' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.write('{"args": ['); // and never the rest
      });
      expect(result).toBe(408);
    } finally {
      await h.close();
      await clean();
    }
  });
});

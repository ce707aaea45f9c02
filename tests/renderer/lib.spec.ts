// The small renderer modules: language, theme, bridge discovery, error messages, the strings table, line wrapping.
import { describe, expect, it } from 'vitest';
import { ApiError, type DoctorApi } from '../../shared/api.js';
import { connect, getBridge, NoBridgeError, type MenuAction } from '../../renderer/src/lib/bridge.js';
import { isApiErrorShape, isConnectionLoss, toUserMessage } from '../../renderer/src/lib/errors.js';
import { format, Language, langFromNavigator, translate } from '../../renderer/src/lib/i18n.svelte.js';
import { APPLIED_RESULT_NAMES, DOC_TITLES, ROLE_NAMES, ROLE_SENTENCES, S, STATUS_NAMES, docTitle } from '../../renderer/src/lib/strings.js';
import { Theme } from '../../renderer/src/lib/theme.svelte.js';
import { wrapText } from '../../renderer/src/lib/wrap.js';
import { DOCS } from '../../shared/docs.js';
import type { L10n } from '../../shared/text.js';
import { FakeBridge } from '../fakes/fake-bridge.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe('Language', () => {
  it('defaults from the browser language and follows set()', () => {
    const root = document.createElement('html');
    const storage = memoryStorage();
    const lang = new Language({ navigator: { language: 'ja-JP' }, storage, root });
    expect(lang.lang).toBe('ja');
    expect(root.lang).toBe('ja');
    expect(lang.t(S.next)).toBe('次へ');
    lang.set('en');
    expect(lang.t(S.next)).toBe('Next');
    expect(root.lang).toBe('en');
    expect(storage.data.get('wsus-doctor.lang')).toBe('en');
  });

  it('prefers a stored choice, and English for any other browser language', () => {
    expect(new Language({ navigator: { language: 'en-US' }, storage: memoryStorage({ 'wsus-doctor.lang': 'ja' }), root: null }).lang).toBe('ja');
    expect(new Language({ navigator: { language: 'de-DE' }, storage: memoryStorage({ 'wsus-doctor.lang': 'xx' }), root: null }).lang).toBe('en');
    expect(langFromNavigator({ language: 'ja' })).toBe('ja');
    expect(langFromNavigator(undefined)).toBe('en');
  });

  it('fills placeholders, L10n values in the same language, and leaves unknown ones visible', () => {
    expect(translate(S.stepOf, 'en', { n: 2, total: 8 })).toBe('Step 2 of 8');
    expect(translate(S.announceFixDone, 'ja', { status: STATUS_NAMES.pass })).toBe('修復が終わりました。チェックの結果: 合格。');
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});

describe('Theme', () => {
  function media(matches: boolean) {
    const listeners = new Set<(e: { matches: boolean }) => void>();
    return {
      matches,
      listeners,
      addEventListener: (_: string, l: (e: { matches: boolean }) => void) => void listeners.add(l),
      removeEventListener: (_: string, l: (e: { matches: boolean }) => void) => void listeners.delete(l),
      fire(value: boolean) {
        this.matches = value;
        for (const l of listeners) l({ matches: value });
      },
    };
  }

  it('follows the system until overridden, and writes data-theme', () => {
    const mq = media(false);
    const root = document.createElement('html');
    const storage = memoryStorage();
    const theme = new Theme({ matchMedia: () => mq as unknown as MediaQueryList, storage, root });
    expect(theme.choice).toBe('system');
    expect(theme.effective).toBe('light');
    expect(root.dataset.theme).toBe('light');

    mq.fire(true);
    expect(theme.effective).toBe('dark');
    expect(root.dataset.theme).toBe('dark');

    theme.set('light');
    expect(theme.effective).toBe('light');
    expect(root.dataset.theme).toBe('light');
    expect(storage.data.get('wsus-doctor.theme')).toBe('light');
    mq.fire(false);
    mq.fire(true);
    expect(root.dataset.theme).toBe('light');

    theme.set('system');
    expect(root.dataset.theme).toBe('dark');
    theme.dispose();
    expect(mq.listeners.size).toBe(0);
  });

  it('restores a stored override', () => {
    const theme = new Theme({ matchMedia: null, storage: memoryStorage({ 'wsus-doctor.theme': 'dark' }), root: null });
    expect(theme.choice).toBe('dark');
    expect(theme.effective).toBe('dark');
  });
});

describe('bridge discovery', () => {
  const api: DoctorApi = new FakeBridge();

  it('prefers window.wsusDoctor and picks up the Electron shell', async () => {
    const shell = { onMenuAction: (_l: (a: MenuAction) => void) => () => {} };
    let loaded = false;
    const c = await connect({
      window: { wsusDoctor: api, wsusDoctorShell: shell },
      loadWeb: async () => {
        loaded = true;
        return { createWebBridge: () => null };
      },
    });
    expect(c.api).toBe(api);
    expect(c.shell).toBe(shell);
    expect(loaded).toBe(false);
  });

  it('falls back to the web client, with the demo it was started with', async () => {
    const c = await connect({ window: {}, loadWeb: async () => ({ createWebBridge: () => api, initialScenario: () => 'client-healthy' }) });
    expect(c.api).toBe(api);
    expect(c.shell).toBeNull();
    expect(c.initialScenario).toBe('client-healthy');
    expect(await getBridge({ window: {}, loadWeb: async () => ({ createWebBridge: () => api }) })).toBe(api);
  });

  it('rejects with NoBridgeError when there is neither', async () => {
    await expect(getBridge({ window: {}, loadWeb: null })).rejects.toBeInstanceOf(NoBridgeError);
    await expect(getBridge({ window: {}, loadWeb: async () => ({ createWebBridge: () => null }) })).rejects.toThrow(/web harness/);
    await expect(getBridge({ window: {}, loadWeb: () => Promise.reject(new Error('chunk missing')) })).rejects.toThrow(/chunk missing/);
    // half an API is no API
    await expect(getBridge({ window: { wsusDoctor: { startSession() {} } }, loadWeb: null })).rejects.toBeInstanceOf(NoBridgeError);
  });
});

describe('error messages', () => {
  it('turns every kind of rejection into both languages', () => {
    const shape = { code: 'not-found', message: { en: 'Gone.', ja: 'ありません。' } };
    expect(isApiErrorShape(shape)).toBe(true);
    expect(toUserMessage(shape)).toEqual(shape.message);
    expect(toUserMessage(new ApiError('failed', { en: 'E', ja: 'J' }))).toEqual({ en: 'E', ja: 'J' });
    expect(toUserMessage(new TypeError('Failed to fetch'))).toEqual(S.errLostConnection);
    expect(toUserMessage(new TypeError('NetworkError when attempting to fetch resource.'))).toEqual(S.errLostConnection);
    expect(toUserMessage(new Error("Error invoking remote method 'wsus:runChecks': reply was never sent"))).toEqual(S.errLostConnection);
    expect(toUserMessage(new Error('boom'))).toEqual({ en: 'Unexpected problem: boom', ja: '予期しない問題: boom' });
    expect(toUserMessage(undefined)).toEqual(S.errUnknown);
    expect(isConnectionLoss(new TypeError('x is not a function'))).toBe(false);
    expect(isApiErrorShape({ code: 'nope', message: { en: '', ja: '' } })).toBe(false);
  });
});

describe('strings', () => {
  const tables: [string, Record<string, L10n>][] = [
    ['S', S],
    ['ROLE_NAMES', ROLE_NAMES],
    ['ROLE_SENTENCES', ROLE_SENTENCES],
    ['STATUS_NAMES', STATUS_NAMES],
    ['APPLIED_RESULT_NAMES', APPLIED_RESULT_NAMES],
    ['DOC_TITLES', DOC_TITLES],
  ];

  it.each(tables)('%s: every entry has text in both languages, with the same placeholders', (_name, table) => {
    for (const [key, text] of Object.entries(table)) {
      expect(text.en.trim(), key).not.toBe('');
      expect(text.ja.trim(), key).not.toBe('');
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(text.ja), key).toEqual(names(text.en));
    }
  });

  it('names every reference page', () => {
    for (const url of Object.values(DOCS)) expect(docTitle(url)).toBeDefined();
    expect(docTitle('https://example.com/')).toBeUndefined();
  });
});

describe('wrapText', () => {
  it('breaks English at spaces and Japanese anywhere, within the width', () => {
    expect(wrapText('Does the server hand out the self-update files?', 20)).toEqual(['Does the server hand', 'out the self-update', 'files?']);
    const ja = wrapText('サーバーが自己更新ファイルを配布しているか', 8);
    expect(ja.join('')).toBe('サーバーが自己更新ファイルを配布しているか');
    expect(ja.every((l) => l.length <= 8)).toBe(true);
    expect(wrapText('short', 20)).toEqual(['short']);
  });

  it('marks a cut with an ellipsis', () => {
    const lines = wrapText('one two three four five six seven eight nine ten', 9, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith('…')).toBe(true);
    expect(lines.every((l) => l.length <= 9)).toBe(true);
  });
});

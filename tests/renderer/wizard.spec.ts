// The WizardMachine against the fake bridge: the whole flow, navigation, failures, URL validation,
// the summary and the ticket text.
import { beforeEach, describe, expect, it } from 'vitest';
import { FLOWS } from '../../shared/flow.js';
import { WizardMachine } from '../../renderer/src/lib/wizard.svelte.js';
import { S } from '../../renderer/src/lib/strings.js';
import type { Lang } from '../../shared/text.js';
import { FAKE_ERROR, FakeBridge, FIX_RENAME, FIX_SET_SERVER, WSUS_URL } from '../fakes/fake-bridge.js';

interface Clip {
  texts: string[];
  fail: boolean;
  writeText(text: string): Promise<void>;
}

function clipboard(): Clip {
  return {
    texts: [],
    fail: false,
    async writeText(text: string) {
      if (this.fail) throw new Error('denied');
      this.texts.push(text);
    },
  };
}

let api: FakeBridge;
let clip: Clip;
let lang: Lang;
let wizard: WizardMachine;

beforeEach(() => {
  api = new FakeBridge();
  clip = clipboard();
  lang = 'en';
  wizard = new WizardMachine(api, { lang: () => lang, clipboard: clip });
});

async function startClient(): Promise<void> {
  await wizard.load();
  await wizard.chooseRole('client');
}

describe('choosing what to check', () => {
  it('loads the suggested role and the practice machines', async () => {
    await wizard.load();
    expect(wizard.suggestion?.role).toBe('client');
    expect(wizard.scenarios.map((s) => s.name)).toEqual(['client-misspelled-policy', 'wsus-selfupdate-401']);
    expect(wizard.loaded).toBe(true);
    expect(wizard.phase).toBe('choose-role');
    expect(wizard.error).toBeNull();
  });

  it('starts a practice machine with its scenario name', async () => {
    await wizard.load();
    await wizard.chooseScenario('client-misspelled-policy');
    expect(api.callsOf('startSession')).toEqual([[{ scenario: 'client-misspelled-policy' }]]);
    expect(wizard.session?.scenario?.name).toBe('client-misspelled-policy');
    expect(wizard.phase).toBe('steps');
  });

  it('offers the scenario the host asked for, once the list is loaded', async () => {
    const w = new WizardMachine(api, { initialScenario: 'wsus-selfupdate-401', clipboard: null });
    expect(w.preferredScenario).toBeNull();
    await w.load();
    expect(w.preferredScenario?.name).toBe('wsus-selfupdate-401');
  });
});

describe('a client from start to a repaired check', () => {
  it('runs, walks the steps, previews a fix, applies it and shows the re-checked pass', async () => {
    const progress: string[] = [];
    await wizard.load();
    const started = wizard.chooseRole('client');
    expect(wizard.busy).toBe('starting');
    await started;

    expect(api.callsOf('startSession')).toEqual([[{ role: 'client' }]]);
    expect(api.callsOf('runChecks')).toHaveLength(1);
    expect(wizard.phase).toBe('steps');
    expect(wizard.busy).toBeNull();
    expect(wizard.steps).toBe(FLOWS.client);
    expect(wizard.stepIndex).toBe(0);
    expect(wizard.currentStep?.id).toBe('client-identity');
    expect(wizard.progress.done).toBe(wizard.result?.results.length);
    expect(wizard.announcement?.text).toBe(S.announceChecksDone);
    progress.push(wizard.currentStep!.id);

    // step 2 holds the failing policy checks
    wizard.next();
    expect(wizard.currentStep?.id).toBe('client-policy');
    expect(wizard.stepStatuses[1]).toBe('fail');
    const policy = wizard.currentChecks.find((c) => c.id === 'client.policy.wuserver');
    expect(policy?.status).toBe('fail');
    expect(policy?.fixes.map((f) => f.id)).toEqual([FIX_SET_SERVER]);

    await wizard.previewFix(FIX_SET_SERVER);
    expect(api.callsOf('previewFixes')).toEqual([[wizard.session!.sessionId, [FIX_SET_SERVER]]]);
    expect(wizard.fix?.stage).toBe('ready');
    expect(wizard.fix?.checkId).toBe('client.policy.wuserver');
    expect(wizard.fix?.preview?.fixes[0]?.changes.map((c) => c.en)).toEqual([
      `Set HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\WUServer to REG_SZ "${WSUS_URL}"`,
      'Restart service wuauserv (stop, then start)',
    ]);
    expect(wizard.canConfirmFix).toBe(true);

    await wizard.confirmFix();
    expect(api.callsOf('applyFixes')).toEqual([[wizard.session!.sessionId, [FIX_SET_SERVER]]]);
    expect(wizard.fix?.stage).toBe('done');
    expect(wizard.fix?.outcome?.applied[0]?.result).toBe('applied');
    expect(wizard.resultsById.get('client.policy.wuserver')?.status).toBe('pass');
    expect(wizard.fixesApplied).toHaveLength(1);
    expect(wizard.fixesApplied[0]?.title?.en).toBe('Write the WSUS address to WUServer');
    expect(wizard.fixesApplied[0]?.checkId).toBe('client.policy.wuserver');
    expect(wizard.announcement?.text).toBe(S.announceFixDone);
    // the other policy failure remains, so the step still fails
    expect(wizard.stepStatuses[1]).toBe('fail');

    wizard.cancelFix();
    expect(wizard.fix).toBeNull();
    expect(wizard.stepIndex).toBe(1);
  });

  it('keeps the open step when re-checking, with progress while it runs', async () => {
    await startClient();
    wizard.goTo(3);
    const release = api.hold('runChecks');
    const rechecking = wizard.recheck();
    expect(wizard.busy).toBe('checking');
    expect(wizard.phase).toBe('steps');
    release();
    await rechecking;
    expect(wizard.busy).toBeNull();
    expect(wizard.stepIndex).toBe(3);
    expect(api.callsOf('runChecks')).toHaveLength(2);
  });

  it('reports progress as the checks start and finish', async () => {
    await wizard.load();
    const seen: { event: string; currentId: string | null; done: number; total: number }[] = [];
    const firstStep: (string | undefined)[] = [];
    const original = api.runChecks.bind(api);
    api.runChecks = (sessionId, onProgress) =>
      original(sessionId, (event) => {
        onProgress?.(event);
        seen.push({ event: event.type, ...wizard.progress });
        firstStep.push(wizard.stepStatuses[0]);
      });
    await wizard.chooseRole('client');
    const ids = FLOWS.client.flatMap((s) => s.checks);
    const total = ids.length;
    expect(seen).toHaveLength(total * 2);
    expect(seen[0]).toEqual({ event: 'start', currentId: ids[0], done: 0, total });
    expect(seen[1]).toEqual({ event: 'done', currentId: null, done: 1, total });
    expect(seen[2]).toEqual({ event: 'start', currentId: ids[1], done: 1, total });
    expect(seen.at(-1)).toEqual({ event: 'done', currentId: null, done: total, total });
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
    // the flow map fills in as verdicts arrive: client.system.os (info) is the first check
    expect(firstStep.slice(0, 2)).toEqual([undefined, 'info']);
    expect(wizard.stepStatuses[1]).toBe('fail');
  });
});

describe('navigation', () => {
  it('next, back and goTo move between steps; the last next opens the summary', async () => {
    await startClient();
    const n = FLOWS.client.length;
    expect(wizard.canBack).toBe(false);
    expect(wizard.canNext).toBe(true);
    wizard.back();
    expect(wizard.stepIndex).toBe(0);

    wizard.goTo(n - 1);
    expect(wizard.isLastStep).toBe(true);
    expect(wizard.canBack).toBe(true);
    wizard.next();
    expect(wizard.phase).toBe('summary');
    expect(wizard.currentStep).toBeUndefined();

    wizard.back();
    expect(wizard.phase).toBe('steps');
    expect(wizard.stepIndex).toBe(n - 1);
    wizard.back();
    expect(wizard.stepIndex).toBe(n - 2);
  });

  it('ignores steps that do not exist, and jumping before there is a result', async () => {
    await wizard.load();
    wizard.goTo(2);
    expect(wizard.phase).toBe('choose-role');
    expect(wizard.canNext).toBe(false);
    wizard.next();
    expect(wizard.phase).toBe('choose-role');

    await wizard.chooseRole('client');
    wizard.goTo(99);
    wizard.goTo(-1);
    wizard.goTo(1.5);
    expect(wizard.stepIndex).toBe(0);
    wizard.goTo(2);
    expect(wizard.stepIndex).toBe(2);
  });

  it('remote asks for the address first, and Back returns to the roles', async () => {
    await wizard.load();
    await wizard.chooseRole('remote');
    expect(wizard.phase).toBe('server-url');
    expect(api.callsOf('startSession')).toHaveLength(0);
    expect(wizard.canBack).toBe(true);
    wizard.back();
    expect(wizard.phase).toBe('choose-role');
  });

  it('start over closes the session and returns to the first page', async () => {
    await startClient();
    const id = wizard.session!.sessionId;
    wizard.startOver();
    expect(wizard.phase).toBe('choose-role');
    expect(wizard.session).toBeNull();
    expect(wizard.result).toBeNull();
    await Promise.resolve();
    await Promise.resolve();
    expect(api.callsOf('closeSession')).toEqual([[id]]);
  });
});

describe('remote address', () => {
  it.each(['garbage', 'wsus01:8530', 'http://wsus01/selfupdate', 'http://a b', 'ftp://wsus01', 'http://wsus01:99999'])(
    'refuses %j without calling the bridge',
    async (input) => {
      await wizard.load();
      await wizard.chooseRole('remote');
      const ok = await wizard.submitServer(input);
      expect(ok).toBe(false);
      expect(wizard.urlError?.en).toMatch(/\S/);
      expect(wizard.urlError?.ja).toMatch(/\S/);
      expect(wizard.phase).toBe('server-url');
      expect(api.callsOf('startSession')).toHaveLength(0);
    },
  );

  it('sends the normalised address and runs the remote flow', async () => {
    await wizard.load();
    await wizard.chooseRole('remote');
    await wizard.submitServer('  HTTP://WSUS01.contoso.local:8530/ ');
    expect(wizard.urlError).toBeNull();
    expect(api.callsOf('startSession')).toEqual([[{ role: 'remote', server: 'http://wsus01.contoso.local:8530' }]]);
    expect(wizard.steps).toBe(FLOWS.remote);
    expect(wizard.session?.server).toBe('http://wsus01.contoso.local:8530');
  });

  it('clears the error once a good address is given', async () => {
    await wizard.chooseRole('remote');
    await wizard.submitServer('nope');
    expect(wizard.urlError).not.toBeNull();
    await wizard.submitServer(WSUS_URL);
    expect(wizard.urlError).toBeNull();
    expect(wizard.phase).toBe('steps');
  });
});

describe('errors leave the wizard usable', () => {
  it('startSession rejecting with an ApiErrorShape shows its message; retry starts the session', async () => {
    await wizard.load();
    api.failNext('startSession');
    await wizard.chooseRole('client');
    expect(wizard.error?.message).toEqual(FAKE_ERROR.message);
    expect(wizard.error?.canRetry).toBe(true);
    expect(wizard.phase).toBe('choose-role');
    expect(wizard.busy).toBeNull();

    await wizard.retry();
    expect(wizard.error).toBeNull();
    expect(wizard.phase).toBe('steps');
    expect(api.callsOf('startSession')).toHaveLength(2);
  });

  it('runChecks rejecting mid-way keeps the page and lets the run be tried again', async () => {
    await wizard.load();
    api.failRunAfter(5, { code: 'unavailable', message: { en: 'Engine crashed.', ja: 'エンジンが停止しました。' } });
    await wizard.chooseRole('client');
    expect(wizard.phase).toBe('running');
    expect(wizard.busy).toBeNull();
    expect(wizard.error?.message.en).toBe('Engine crashed.');
    expect(wizard.progress.done).toBeGreaterThan(0);
    expect(wizard.progress.currentId).toBeNull();

    await wizard.retry();
    expect(wizard.error).toBeNull();
    expect(wizard.phase).toBe('steps');
    expect(wizard.result).not.toBeNull();
  });

  it('a re-check that fails keeps the last result on screen', async () => {
    await startClient();
    wizard.goTo(1);
    const before = wizard.result;
    api.failRunAfter(2);
    await wizard.recheck();
    expect(wizard.phase).toBe('steps');
    expect(wizard.stepIndex).toBe(1);
    expect(wizard.result).toBe(before);
    expect(wizard.error).not.toBeNull();
  });

  it('a backend that disappeared (fetch failure) gives the connection message, and works again after', async () => {
    await startClient();
    api.disconnect();
    await wizard.recheck();
    expect(wizard.error?.message).toEqual(S.errLostConnection);
    api.reconnect();
    await wizard.retry();
    expect(wizard.error).toBeNull();
  });

  it('an ApiError instance (web client) shows its bilingual text', async () => {
    const { ApiError } = await import('../../shared/api.js');
    api.failNext('detectRole', new ApiError('unavailable', { en: 'Backend stopped.', ja: 'バックエンドが停止しました。' }));
    await wizard.load();
    expect(wizard.error?.message).toEqual({ en: 'Backend stopped.', ja: 'バックエンドが停止しました。' });
    // the scenarios still arrived
    expect(wizard.scenarios).toHaveLength(2);
    await wizard.retry();
    expect(wizard.suggestion?.role).toBe('client');
    expect(wizard.error).toBeNull();
  });

  it('a failing preview keeps the dialog open with the message; trying again works', async () => {
    await startClient();
    api.failNext('previewFixes');
    await wizard.previewFix(FIX_SET_SERVER);
    expect(wizard.fix?.error).toEqual(FAKE_ERROR.message);
    expect(wizard.canConfirmFix).toBe(false);
    await wizard.previewFix(FIX_SET_SERVER);
    expect(wizard.fix?.error).toBeNull();
    expect(wizard.canConfirmFix).toBe(true);
  });

  it('a failing apply keeps the preview, so Confirm can be tried again', async () => {
    await startClient();
    await wizard.previewFix(FIX_SET_SERVER);
    api.failNext('applyFixes');
    await wizard.confirmFix();
    expect(wizard.fix?.stage).toBe('ready');
    expect(wizard.fix?.error).toEqual(FAKE_ERROR.message);
    expect(wizard.fixesApplied).toHaveLength(0);
    await wizard.confirmFix();
    expect(wizard.fix?.stage).toBe('done');
    expect(wizard.fixesApplied).toHaveLength(1);
  });

  it('a fix the engine reports as failed is shown as failed and the check stays failed', async () => {
    api.failingFixes.set(FIX_SET_SERVER, 'Access is denied.');
    await startClient();
    await wizard.previewFix(FIX_SET_SERVER);
    await wizard.confirmFix();
    expect(wizard.fix?.outcome?.applied[0]).toMatchObject({ result: 'failed', message: 'Access is denied.' });
    expect(wizard.resultsById.get('client.policy.wuserver')?.status).toBe('fail');
    expect(wizard.announcement?.text).toBe(S.announceFixFailed);
  });

  it('refuses to confirm a fix needing administrator rights when not elevated', async () => {
    api.elevated = false;
    await startClient();
    await wizard.previewFix(FIX_SET_SERVER);
    expect(wizard.fix?.preview?.needsAdmin).toBe(true);
    expect(wizard.canConfirmFix).toBe(false);
    await wizard.confirmFix();
    expect(api.callsOf('applyFixes')).toHaveLength(0);
  });

  it('drops answers that arrive after Start over', async () => {
    await wizard.load();
    const release = api.hold('startSession');
    const started = wizard.chooseRole('client');
    wizard.startOver();
    release();
    await started;
    expect(wizard.session).toBeNull();
    expect(wizard.phase).toBe('choose-role');
    expect(api.callsOf('runChecks')).toHaveLength(0);
  });
});

describe('summary', () => {
  it('lists what is still wrong, worst first in flowchart order, and the fixes applied; undo restores', async () => {
    await startClient();
    expect(wizard.remainingProblems.map((c) => `${c.status} ${c.id}`)).toEqual([
      'fail client.policy.wuserver',
      'fail client.policy.wustatusserver',
      'fail client.policy.misspelled',
      'warn client.network.proxy',
      'warn net.ping',
    ]);
    await wizard.previewFix(FIX_RENAME);
    await wizard.confirmFix();
    wizard.cancelFix();
    expect(wizard.remainingProblems.map((c) => c.id)).toEqual(['client.policy.wuserver', 'client.network.proxy', 'net.ping']);

    const backup = wizard.fixesApplied[0]!.backup;
    api.undoProblems = ['WUStatusServer could not be restored: access denied'];
    await wizard.undo(backup);
    expect(api.callsOf('undoFix')).toEqual([[wizard.session!.sessionId, backup]]);
    expect(wizard.fixesApplied[0]?.undone).toBe(true);
    expect(wizard.undoState?.problems).toEqual(['WUStatusServer could not be restored: access denied']);
    expect(wizard.remainingProblems.map((c) => c.id)).toContain('client.policy.misspelled');
  });

  it('saves reports in the current language, with or without redaction', async () => {
    await startClient();
    lang = 'ja';
    await wizard.saveReport('html', true);
    expect(api.callsOf('saveReport')).toEqual([[wizard.session!.sessionId, { format: 'html', lang: 'ja', redact: true }]]);
    expect(wizard.save).toEqual({ format: 'html', status: 'saved', location: 'C:\\Users\\tech\\Documents\\wsus-doctor-redacted.html' });

    wizard.setRedact(false);
    lang = 'en';
    await wizard.saveReport('json');
    expect(api.callsOf('saveReport')[1]).toEqual([wizard.session!.sessionId, { format: 'json', lang: 'en', redact: false }]);

    api.saveCancelled = true;
    await wizard.saveReport('json');
    expect(wizard.save?.status).toBe('cancelled');

    api.failNext('saveReport');
    await wizard.saveReport('html');
    expect(wizard.save).toMatchObject({ status: 'failed', error: FAKE_ERROR.message });
    expect(wizard.busy).toBeNull();
  });

  it('copies a plain-text ticket summary in the current language', async () => {
    await startClient();
    await wizard.previewFix(FIX_SET_SERVER);
    await wizard.confirmFix();
    wizard.cancelFix();

    expect(await wizard.copySummary()).toBe(true);
    const en = clip.texts[0]!;
    expect(wizard.copy).toEqual({ status: 'copied', text: en });
    expect(en).toContain('WSUS Self-Update Doctor: summary');
    expect(en).toContain('Role: Client');
    expect(en).toContain('Computer: PC-0142 (CONTOSO) - Windows 10 Pro 22H2');
    expect(en).toContain(`WSUS: ${WSUS_URL}`);
    expect(en).toMatch(/Results: Pass \d+, Warning 2, Fail 2, Info 2, Skipped 0, Could not check 0/);
    expect(en).toContain('  - Fail: Reporting server in policy (WUStatusServer) (client.policy.wustatusserver) [Is it pointed at the WSUS server?]');
    expect(en).not.toContain('(client.policy.wuserver) [');
    expect(en).toContain(`  - Write the WSUS address to WUServer (${FIX_SET_SERVER}): Applied, 2025-11-21T09:00:`);
    expect(en).toMatch(/backup: C:\\ProgramData\\WSUS Self-Update Doctor\\backups\\fake-session-0001-\d+\.json/);

    lang = 'ja';
    await wizard.copySummary();
    const ja = clip.texts[1]!;
    expect(ja).toContain('WSUS Self-Update Doctor: 要約');
    expect(ja).toContain('役割: クライアント');
    expect(ja).toContain('不合格: ポリシーのレポート サーバー (WUStatusServer)');
    expect(ja).toContain('適用済み');
    expect(ja).not.toContain('Still wrong');
  });

  it('shows the text to copy by hand when the clipboard refuses', async () => {
    await startClient();
    clip.fail = true;
    expect(await wizard.copySummary()).toBe(false);
    expect(wizard.copy?.status).toBe('failed');
    expect(wizard.copy?.text).toContain('WSUS Self-Update Doctor: summary');
    expect(wizard.announcement?.text).toBe(S.copyFailed);
  });

  it('says so when nothing is left and nothing was applied', async () => {
    await wizard.load();
    await wizard.start({ role: 'server' });
    await wizard.previewFix('server.iis.apppool:start-pool');
    await wizard.confirmFix();
    wizard.cancelFix();
    const text = wizard.summaryText();
    expect(text).toContain('Could not check: WSUS health events (server.events.health)');
    expect(wizard.remainingProblems.map((c) => c.id)).toEqual(['server.events.health']);
  });
});

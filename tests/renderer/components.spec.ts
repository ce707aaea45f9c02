// Components rendered in happy-dom, queried by role and accessible name as a user (or a screen reader) finds them.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../renderer/src/App.svelte';
import EvidenceTable from '../../renderer/src/components/EvidenceTable.svelte';
import FixPreviewDialog from '../../renderer/src/components/FixPreviewDialog.svelte';
import StatusBadge from '../../renderer/src/components/StatusBadge.svelte';
import { contextMap } from '../../renderer/src/lib/context.js';
import { Language } from '../../renderer/src/lib/i18n.svelte.js';
import { Theme } from '../../renderer/src/lib/theme.svelte.js';
import { WizardMachine } from '../../renderer/src/lib/wizard.svelte.js';
import type { Lang } from '../../shared/text.js';
import { FakeBridge, FIX_SET_SERVER, WSUS_URL } from '../fakes/fake-bridge.js';

function language(lang: Lang = 'en'): Language {
  return new Language({ initial: lang, storage: null });
}

function theme(): Theme {
  return new Theme({ matchMedia: null, storage: null });
}

describe('StatusBadge', () => {
  it.each([
    ['pass', 'Pass', '合格'],
    ['warn', 'Warning', '警告'],
    ['fail', 'Fail', '不合格'],
    ['info', 'Info', '情報'],
    ['skip', 'Skipped', 'スキップ'],
    ['error', 'Could not check', 'チェック不能'],
    [undefined, 'Not checked yet', '未チェック'],
  ] as const)('writes %s out as words in both languages', (status, en, ja) => {
    const lang = language('en');
    const { container } = render(StatusBadge, { props: { status }, context: contextMap({ language: lang }) });
    const badge = container.querySelector('.badge');
    expect(badge?.textContent?.trim()).toBe(en);
    expect(badge?.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    lang.set('ja');
    return waitFor(() => expect(badge?.textContent?.trim()).toBe(ja));
  });
});

describe('EvidenceTable', () => {
  it('has column headers and a row header per item', () => {
    render(EvidenceTable, {
      props: {
        evidence: [
          { label: { en: 'Key', ja: 'キー' }, value: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate' },
          { label: { en: 'WUServer', ja: 'WUServer' }, value: '(not present)' },
        ],
      },
      context: contextMap({ language: language('en') }),
    });
    const table = screen.getByRole('table', { name: 'What we found' });
    const cols = within(table).getAllByRole('columnheader');
    expect(cols.map((c) => c.textContent)).toEqual(['Item', 'Value read']);
    expect(cols.every((c) => c.getAttribute('scope') === 'col')).toBe(true);
    const rows = within(table).getAllByRole('rowheader');
    expect(rows.map((r) => r.textContent)).toEqual(['Key', 'WUServer']);
    expect(rows.every((r) => r.getAttribute('scope') === 'row')).toBe(true);
    expect(within(table).getByText('(not present)').tagName).toBe('CODE');
  });
});

describe('FixPreviewDialog', () => {
  let api: FakeBridge;
  let wizard: WizardMachine;

  beforeEach(async () => {
    api = new FakeBridge();
    wizard = new WizardMachine(api, { clipboard: null });
    await wizard.start({ role: 'client' });
  });

  it('lists every change; Confirm applies, then shows the result and the re-checked verdict', async () => {
    render(FixPreviewDialog, { context: contextMap({ wizard, language: language('en') }) });
    await wizard.previewFix(FIX_SET_SERVER);

    const dialog = await screen.findByRole('dialog', { name: 'Preview of the fix' });
    expect((dialog as HTMLDialogElement).open).toBe(true);
    const changes = within(dialog).getAllByRole('listitem').map((li) => li.textContent);
    expect(changes).toEqual([
      `Set HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\WUServer to REG_SZ "${WSUS_URL}"`,
      'Restart service wuauserv (stop, then start)',
    ]);
    expect(within(dialog).getByText('These changes need administrator rights.')).toBeTruthy();

    await fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm and apply' }));
    await within(dialog).findByRole('heading', { name: 'Checked again' });
    expect(api.callsOf('applyFixes')).toEqual([[wizard.session!.sessionId, [FIX_SET_SERVER]]]);
    expect(within(dialog).getByText('Applied')).toBeTruthy();
    expect(within(dialog).getByText(/^Backup: C:\\ProgramData/)).toBeTruthy();
    expect(dialog.querySelector('.rechecked .badge')?.textContent?.trim()).toBe('Pass');

    await fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(wizard.fix).toBeNull();
    await waitFor(() => expect((dialog as HTMLDialogElement).open).toBe(false));
  });

  it('Cancel closes without applying; Escape (cancel event) does the same', async () => {
    render(FixPreviewDialog, { context: contextMap({ wizard, language: language('en') }) });
    await wizard.previewFix(FIX_SET_SERVER);
    const dialog = await screen.findByRole('dialog');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(wizard.fix).toBeNull();

    await wizard.previewFix(FIX_SET_SERVER);
    await waitFor(() => expect((dialog as HTMLDialogElement).open).toBe(true));
    await fireEvent(dialog, new Event('cancel', { cancelable: true }));
    expect(wizard.fix).toBeNull();
    expect(api.callsOf('applyFixes')).toHaveLength(0);
  });

  it('disables Confirm and says why when the app is not elevated', async () => {
    api.elevated = false;
    await wizard.run();
    render(FixPreviewDialog, { context: contextMap({ wizard, language: language('en') }) });
    await wizard.previewFix(FIX_SET_SERVER);
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByRole('button', { name: 'Confirm and apply' }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(dialog).getByText(/not running as administrator/)).toBeTruthy();
  });
});

describe('the app', () => {
  let api: FakeBridge;
  let clipText: string[];

  function renderApp(lang: Lang = 'en') {
    clipText = [];
    const clipboard = {
      writeText: async (text: string) => {
        clipText.push(text);
      },
    };
    return render(App, { props: { bridge: api, language: language(lang), theme: theme(), clipboard } });
  }

  beforeEach(() => {
    api = new FakeBridge();
  });

  it('switching the language changes the visible text', async () => {
    renderApp('en');
    await screen.findByRole('heading', { level: 1, name: 'Why does this WSUS client not update or report?' });
    const group = screen.getByRole('group', { name: 'Language' });
    await fireEvent.click(within(group).getByRole('button', { name: '日本語' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'WSUS クライアントが更新・報告しないのはなぜか' })).toBeTruthy();
    expect(screen.getByRole('group', { name: '言語' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('ja');
    expect(within(screen.getByRole('group', { name: '言語' })).getByRole('button', { name: '日本語' }).getAttribute('aria-pressed')).toBe('true');
    // engine texts follow too
    expect(await screen.findByText('WSUS のない Windows コンピューターです。クライアントとしてチェックします。')).toBeTruthy();
  });

  it('shows the suggestion, the three roles and the practice machines', async () => {
    renderApp();
    expect(await screen.findByText('This is a Windows computer without WSUS: check it as a client.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Check as Client' })).toBeTruthy();
    for (const name of ['Client', 'WSUS server', 'Remote test']) expect(screen.getByRole('button', { name })).toBeTruthy();
    const demo = screen.getByRole('button', { name: 'Policy typed from the Japanese WSUS 2.0 article' });
    expect(demo.getAttribute('aria-describedby')).toBe('scenario-client-misspelled-policy-text');
  });

  it('disables the local roles on a computer that is not Windows', async () => {
    api.suggestion = { role: null, platform: 'other', wsusInstalled: false, reason: { en: 'Not Windows.', ja: 'Windows ではありません。' } };
    renderApp();
    await screen.findByText('Not Windows.');
    expect((screen.getByRole('button', { name: 'Client' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'WSUS server' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Remote test' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('refuses a bad WSUS address with an error tied to the field, without calling the bridge', async () => {
    renderApp();
    const remote = await screen.findByRole('button', { name: 'Remote test' });
    await waitFor(() => expect((remote as HTMLButtonElement).disabled).toBe(false)); // enabled once loaded
    await fireEvent.click(remote);
    const input = await screen.findByRole('textbox', { name: 'WSUS server address' });
    await fireEvent.input(input, { target: { value: 'http://wsus01/some path' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Run the checks' }));
    const error = await screen.findByText(/contains characters that do not belong/);
    expect(error.id).toBe('wsus-url-error');
    expect(input.getAttribute('aria-describedby')).toContain('wsus-url-error');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(api.callsOf('startSession')).toHaveLength(0);
  });

  it('walks a client run: step page, flow map, fix, summary and copy', async () => {
    renderApp();
    await fireEvent.click(await screen.findByRole('button', { name: 'Check as Client' }));

    await screen.findByRole('heading', { level: 1, name: 'Which client is this?' });
    expect(screen.getByText('Step 1 of 8')).toBeTruthy();
    const osCard = screen.getByRole('article', { name: 'Windows version' });
    expect(within(osCard).getByText('Info')).toBeTruthy();
    expect(within(osCard).getByText('Why we check this').tagName).toBe('SUMMARY');

    // the flow map: a button per step with its result in words, and one for the summary
    const map = screen.getByRole('navigation', { name: 'Flow map' });
    const nodes = within(map).getAllByRole('button');
    expect(nodes).toHaveLength(9);
    expect(within(map).getByRole('button', { name: '1. Which client is this? Info' })).toBe(nodes[0]);
    expect(nodes[0]?.getAttribute('aria-current')).toBe('step');
    expect(nodes[8]?.getAttribute('aria-current')).toBeNull();
    const policyNode = within(map).getByRole('button', { name: '2. Is it pointed at the WSUS server? Fail' });
    await fireEvent.keyDown(policyNode, { key: 'Enter' });
    await screen.findByRole('heading', { level: 1, name: 'Is it pointed at the WSUS server?' });
    expect(policyNode.getAttribute('aria-current')).toBe('step');

    // a manual fix elsewhere is numbered steps; here the automatic fix opens the preview
    const card = screen.getByRole('article', { name: 'WSUS server in policy (WUServer)' });
    expect(within(card).getByText('Fail')).toBeTruthy();
    await fireEvent.click(within(card).getByRole('button', { name: 'Apply fix… Write the WSUS address to WUServer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Preview of the fix' });
    await fireEvent.click(await within(dialog).findByRole('button', { name: 'Confirm and apply' }));
    await within(dialog).findByRole('heading', { name: 'Checked again' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(within(screen.getByRole('article', { name: 'WSUS server in policy (WUServer)' })).getByText('Pass')).toBeTruthy());
    expect(nodes[0]?.getAttribute('aria-current')).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('heading', { level: 1, name: 'Are the update services able to run?' });
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    const proxy = await screen.findByRole('article', { name: /WinHTTP proxy/ });
    const steps = within(proxy).getByText('Open a command prompt as administrator.').closest('ol');
    expect(steps?.children).toHaveLength(3);
    expect(within(proxy).queryByRole('button', { name: /Apply fix/ })).toBeNull();

    await fireEvent.click(within(map).getByRole('button', { name: 'Summary and report 4 problems left' }));
    await screen.findByRole('heading', { level: 1, name: 'Summary' });
    const remaining = screen.getByRole('heading', { name: 'Still wrong' }).closest('section')!;
    expect(within(remaining).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Reporting server in policy (WUStatusServer)',
      'Misspelled policy value names',
      'WinHTTP proxy',
      'Server answers ping (ICMP)',
    ]);
    const applied = screen.getByRole('table', { name: 'Fixes applied' });
    const rows = within(applied).getAllByRole('rowheader');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain('Write the WSUS address to WUServer');
    expect(rows[0]?.textContent).toContain(FIX_SET_SERVER);
    expect(within(applied).getByRole('button', { name: `Undo ${FIX_SET_SERVER}` })).toBeTruthy();

    await fireEvent.click(screen.getByRole('button', { name: 'Copy summary for a ticket' }));
    const main = screen.getByRole('main');
    expect(await within(main).findByText('The summary is on the clipboard.')).toBeTruthy();
    expect(screen.getByTestId('announcer').textContent?.trim()).toBe('The summary is on the clipboard.');
    expect(clipText[0]).toContain('Still wrong:');

    await fireEvent.click(screen.getByRole('button', { name: 'Save HTML report' }));
    expect(await within(main).findByText('Saved: C:\\Users\\tech\\Documents\\wsus-doctor-PC-0142.html')).toBeTruthy();
    expect(api.callsOf('saveReport')[0]?.[1]).toEqual({ format: 'html', lang: 'en', redact: false });
  });

  it('shows live progress with a progress bar while the first run is going', async () => {
    const release = api.hold('runChecks');
    renderApp();
    await fireEvent.click(await screen.findByRole('button', { name: 'Check as Client' }));
    await screen.findByRole('heading', { level: 1, name: 'Running the checks' });
    const bar = screen.getByRole('progressbar', { name: 'Checks completed' });
    expect(bar.getAttribute('aria-valuenow')).toBeNull(); // not known yet
    release();
    await screen.findByRole('heading', { level: 1, name: 'Which client is this?' });
  });

  it('shows a failed start as a bilingual alert with Try again, which then works', async () => {
    api.failNext('startSession', { code: 'failed', message: { en: 'Could not start: registry locked.', ja: '開始できませんでした: レジストリがロックされています。' } });
    renderApp();
    await fireEvent.click(await screen.findByRole('button', { name: 'Check as Client' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Could not start: registry locked.')).toBeTruthy();
    await fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByRole('heading', { level: 1, name: 'Which client is this?' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('explains that the engine is missing when there is no bridge', async () => {
    render(App, { props: { bridge: null, bridgeError: 'no window.wsusDoctor', language: language('en'), theme: theme() } });
    expect(await screen.findByRole('heading', { level: 1, name: 'The checking engine is not connected' })).toBeTruthy();
    expect(screen.getByText('Technical detail: no window.wsusDoctor')).toBeTruthy();
  });

  it('carries out the Electron menu actions', async () => {
    let listener: ((action: 'language-ja' | 'theme-dark' | 'save-report-json') => void) | null = null;
    const shell = {
      onMenuAction(l: typeof listener & object) {
        listener = l;
        return () => {
          listener = null;
        };
      },
    };
    const lang = language('en');
    const th = theme();
    const view = render(App, { props: { bridge: api, shell, language: lang, theme: th, clipboard: null } });
    await screen.findByRole('button', { name: 'Check as Client' });
    listener!('language-ja');
    listener!('theme-dark');
    expect(lang.lang).toBe('ja');
    expect(th.choice).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    view.unmount();
    expect(listener).toBeNull();
  });
});

describe('elevation and interrupted fixes', () => {
  const INTERRUPTED = {
    id: '2026-11-20T10-00-00-000Z_client.policy.misspelled_rename',
    fixId: 'client.policy.misspelled:rename',
    createdAt: '2026-11-20T10:00:00.000Z',
    stoppedAt: 2,
    total: 4,
    backup: 'C:\\ProgramData\\WSUS Self-Update Doctor\\backups\\b.json',
    rollback: [{ en: 'Delete HKLM\\X\\WUServer', ja: 'HKLM\\X\\WUServer を削除' }],
    finish: [{ en: 'Set HKLM\\X\\UseWUServer to REG_DWORD 1', ja: 'HKLM\\X\\UseWUServer を REG_DWORD 1 に設定' }],
  };

  it('not elevated: Apply is disabled and "Relaunch as administrator" asks the shell to restart elevated', async () => {
    const api = new FakeBridge({ elevated: false });
    render(App, { props: { bridge: api, language: language('en'), theme: theme(), clipboard: null } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Check as Client' }));
    await screen.findByRole('heading', { level: 1, name: 'Which client is this?' });
    await fireEvent.click(screen.getByRole('button', { name: /^2\. Is it pointed at the WSUS server\?/ }));
    await screen.findByRole('heading', { level: 1, name: 'Is it pointed at the WSUS server?' });
    const card = await screen.findByRole('article', { name: 'WSUS server in policy (WUServer)' });
    expect((within(card).getByRole('button', { name: /^Apply fix…/ }) as HTMLButtonElement).disabled).toBe(true);
    const relaunch = screen.getAllByRole('button', { name: 'Relaunch as administrator' });
    expect(relaunch.length).toBeGreaterThan(0);
    await fireEvent.click(relaunch[0]!);
    await waitFor(() => expect(api.callsOf('relaunchAsAdmin')).toEqual([[]]));
  });

  it('an interrupted fix is shown with both ways out; Roll back recovers it and the banner goes away', async () => {
    const api = new FakeBridge();
    api.interrupted = [INTERRUPTED];
    render(App, { props: { bridge: api, language: language('en'), theme: theme(), clipboard: null } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Check as Client' }));
    await screen.findByRole('heading', { level: 1, name: 'Which client is this?' });
    const banner = screen.getByRole('region', { name: 'A fix was interrupted' });
    expect(within(banner).getByText(/stopped at change 2 of 4/)).toBeTruthy();
    expect(within(banner).getByText('Delete HKLM\\X\\WUServer')).toBeTruthy();
    expect(within(banner).getByText('Set HKLM\\X\\UseWUServer to REG_DWORD 1')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: /^2\. Is it pointed at the WSUS server\?/ }));
    const card = await screen.findByRole('article', { name: 'WSUS server in policy (WUServer)' });
    expect((within(card).getByRole('button', { name: /^Apply fix…/ }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(within(banner).getByRole('button', { name: 'Roll back' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'A fix was interrupted' })).toBeNull());
    expect(api.callsOf('recoverFix')).toEqual([[expect.any(String), INTERRUPTED.id, 'rollback']]);
  });
});

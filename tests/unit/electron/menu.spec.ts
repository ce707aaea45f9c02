import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock.js'));

import type { MenuItemConstructorOptions } from 'electron';
import { DOCS } from '../../../shared/docs.js';
import { buildMenuTemplate, installMenu, type MenuDeps } from '../../../main/electron/menu.js';
import { Menu, resetElectronMock } from './electron-mock.js';

function deps(over: Partial<MenuDeps> = {}): MenuDeps {
  return {
    packaged: true,
    development: false,
    platform: 'win32',
    send: vi.fn(),
    setTheme: vi.fn(),
    openExternal: vi.fn(),
    showAbout: vi.fn(),
    theme: 'system',
    ...over,
  };
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function find(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const item = items(template).find((i) => i.id === id);
  if (!item) throw new Error(`no menu item ${id}`);
  return item;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

const roles = (template: MenuItemConstructorOptions[]): string[] => items(template).flatMap((i) => (i.role ? [i.role] : []));

describe('application menu', () => {
  beforeEach(() => resetElectronMock());

  it('has File, View and Help with the expected entries (Windows)', () => {
    const template = buildMenuTemplate(deps());
    expect(template.map((m) => m.label)).toEqual(['&File', '&View', '&Help']);
    const labels = (id: string): unknown[] => (find(template, id).submenu as MenuItemConstructorOptions[]).filter((i) => i.type !== 'separator').map((i) => i.label ?? i.role);
    expect(labels('file')).toEqual(['Save HTML report…', 'Save JSON…', 'Quit']);
    expect(labels('language')).toEqual(['English', '日本語']);
    expect(labels('theme')).toEqual(['System', 'Light', 'Dark']);
    expect(labels('help')).toEqual([
      'Issues with Client Self-Update (WSUS 3.0)',
      'KB 920659: WSUS SelfUpdate service does not send automatic updates',
      '自動更新を更新する必要がある (WSUS 2.0)',
      'About WSUS Self-Update Doctor',
    ]);
    expect(find(template, 'quit').role).toBe('quit');
  });

  it('has no DevTools and no Reload when packaged', () => {
    const r = roles(buildMenuTemplate(deps({ packaged: true, development: false })));
    expect(r).not.toContain('toggleDevTools');
    expect(r).not.toContain('reload');
    expect(r).not.toContain('forceReload');
  });

  it('offers DevTools when not packaged, and Reload only in development', () => {
    const unpackaged = roles(buildMenuTemplate(deps({ packaged: false, development: false })));
    expect(unpackaged).toContain('toggleDevTools');
    expect(unpackaged).not.toContain('reload');
    expect(roles(buildMenuTemplate(deps({ packaged: false, development: true })))).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('sends the wizard actions', () => {
    const d = deps();
    const template = buildMenuTemplate(d);
    for (const id of ['save-report-html', 'save-report-json', 'language-en', 'language-ja']) click(find(template, id));
    expect(vi.mocked(d.send).mock.calls.map(([a]) => a)).toEqual(['save-report-html', 'save-report-json', 'language-en', 'language-ja']);
  });

  it('applies the theme and tells the wizard; the current theme is checked', () => {
    const d = deps({ theme: 'dark' });
    const template = buildMenuTemplate(d);
    expect(find(template, 'theme-dark').checked).toBe(true);
    expect(find(template, 'theme-system').checked).toBe(false);
    click(find(template, 'theme-light'));
    expect(d.setTheme).toHaveBeenCalledExactlyOnceWith('light');
    expect(d.send).toHaveBeenCalledExactlyOnceWith('theme-light');
  });

  it('opens the three source articles and the About box from Help', () => {
    const d = deps();
    const template = buildMenuTemplate(d);
    for (const id of ['doc-0', 'doc-1', 'doc-2', 'about']) click(find(template, id));
    expect(vi.mocked(d.openExternal).mock.calls.map(([u]) => u)).toEqual([DOCS.clientSelfUpdate, DOCS.kb920659, DOCS.autoUpdateMustBeUpdatedJa]);
    expect(d.showAbout).toHaveBeenCalledTimes(1);
  });

  it('adds the macOS app and edit menus only on macOS', () => {
    expect(roles(buildMenuTemplate(deps({ platform: 'darwin' })))).toEqual(expect.arrayContaining(['appMenu', 'editMenu']));
    expect(roles(buildMenuTemplate(deps()))).not.toContain('appMenu');
  });

  it('installs the menu as the application menu', () => {
    installMenu(deps());
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(Menu.current?.template.map((m) => m.id)).toEqual(['file', 'view', 'help']);
  });
});

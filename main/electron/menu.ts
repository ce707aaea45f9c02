/**
 * The application menu, built from a template (buildMenuTemplate is pure, so tests read it). Items the
 * wizard must carry out (saving a report, the language) are sent to it as MenuAction names on
 * `wsus:menu`; the theme is also applied here through nativeTheme, which drives prefers-color-scheme.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { DOCS } from '../../shared/docs.js';
import type { MenuAction } from './channels.js';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface MenuDeps {
  /** app.isPackaged: no DevTools in a packaged app. */
  packaged: boolean;
  /** Reload is offered only in development. */
  development: boolean;
  platform: NodeJS.Platform;
  /** Sends an action to the wizard. */
  send: (action: MenuAction) => void;
  /** Applies a theme (nativeTheme.themeSource). */
  setTheme: (theme: ThemeChoice) => void;
  /** Opens a documentation link in the browser. */
  openExternal: (url: string) => void;
  showAbout: () => void;
  /** The theme in force when the menu is built, checked in the menu. */
  theme: ThemeChoice;
}

/** The three source articles, as listed in the Help menu. */
export const HELP_LINKS: readonly { label: string; url: string }[] = [
  { label: 'Issues with Client Self-Update (WSUS 3.0)', url: DOCS.clientSelfUpdate },
  { label: 'KB 920659: WSUS SelfUpdate service does not send automatic updates', url: DOCS.kb920659 },
  { label: '自動更新を更新する必要がある (WSUS 2.0)', url: DOCS.autoUpdateMustBeUpdatedJa },
];

export function buildMenuTemplate(deps: MenuDeps): MenuItemConstructorOptions[] {
  const theme = (choice: ThemeChoice, label: string): MenuItemConstructorOptions => ({
    id: `theme-${choice}`,
    label,
    type: 'radio',
    checked: deps.theme === choice,
    click: () => {
      deps.setTheme(choice);
      deps.send(`theme-${choice}`);
    },
  });
  const mac = deps.platform === 'darwin';
  const developer: MenuItemConstructorOptions[] = [
    ...(deps.development ? [{ id: 'reload', role: 'reload' } as const] : []),
    ...(deps.packaged ? [] : [{ id: 'toggle-devtools', role: 'toggleDevTools' } as const]),
  ];
  return [
    ...(mac ? [{ role: 'appMenu' } as const, { role: 'editMenu' } as const] : []),
    {
      id: 'file',
      label: '&File',
      submenu: [
        { id: 'save-report-html', label: 'Save HTML report…', accelerator: 'CmdOrCtrl+S', click: () => deps.send('save-report-html') },
        { id: 'save-report-json', label: 'Save JSON…', accelerator: 'CmdOrCtrl+Shift+S', click: () => deps.send('save-report-json') },
        { type: 'separator' },
        { id: 'quit', role: 'quit', label: 'Quit' },
      ],
    },
    {
      id: 'view',
      label: '&View',
      submenu: [
        {
          id: 'language',
          label: 'Language',
          submenu: [
            { id: 'language-en', label: 'English', type: 'radio', click: () => deps.send('language-en') },
            { id: 'language-ja', label: '日本語', type: 'radio', click: () => deps.send('language-ja') },
          ],
        },
        { id: 'theme', label: 'Theme', submenu: [theme('system', 'System'), theme('light', 'Light'), theme('dark', 'Dark')] },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        ...(developer.length > 0 ? [{ type: 'separator' } as const, ...developer] : []),
      ],
    },
    {
      id: 'help',
      label: '&Help',
      submenu: [
        ...HELP_LINKS.map((link, i): MenuItemConstructorOptions => ({ id: `doc-${i}`, label: link.label, click: () => deps.openExternal(link.url) })),
        { type: 'separator' },
        { id: 'about', label: 'About WSUS Self-Update Doctor', click: () => deps.showAbout() },
      ],
    },
  ];
}

/** Builds the menu and makes it the application menu. */
export function installMenu(deps: MenuDeps): Menu {
  const menu = Menu.buildFromTemplate(buildMenuTemplate(deps));
  Menu.setApplicationMenu(menu);
  return menu;
}

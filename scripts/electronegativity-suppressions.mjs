// Electronegativity findings accepted on purpose. Each entry names the check, the scanned file and a
// piece of the flagged source line (not a line number, which moves with every build), and says why.
// scripts/electronegativity.mjs fails on an entry without a reason, and on an entry that no longer
// matches anything (remove it then).
export const SUPPRESSIONS = [
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main.js',
    sample: 'shell.openExternal(',
    reason:
      'The only shell.openExternal call, in openDocLink (main/electron/window.ts). It runs only after isDocUrl ' +
      '(main/electron/origin.ts) accepted the URL: https, default port, no credentials, one of the documentation hosts in ' +
      'shared/docs.ts. Anything else is ignored. Tested in tests/unit/electron/window.spec.ts.',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main.js',
    sample: 'deps.openExternal(link.url)',
    reason:
      'The Help menu (main/electron/menu.ts) opens its three fixed source-article links (HELP_LINKS, constants from ' +
      'shared/docs.ts) through openDocLink, which checks them with isDocUrl as above. No page content reaches it.',
  },
];

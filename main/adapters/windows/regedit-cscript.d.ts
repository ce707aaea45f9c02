/** regedit's internal cscript locator (node_modules/regedit/lib/cscript.js, regedit 5.1.4). */
declare module 'regedit/lib/cscript.js' {
  export function path(): string;
  export function init(callback: (err?: Error | null) => void): void;
  /** Test hook: replaces its fs and execFile, and resets the "initialised" flag. */
  export function _mock(fs: unknown, execFile: unknown, init: boolean): void;
}

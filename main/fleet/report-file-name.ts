/**
 * The file name of a machine's report in a collecting folder (`check --json-dir`): the computer
 * name plus ".json". The name comes from the machine's registry, so it is checked before it becomes
 * part of a path: a NetBIOS or DNS host label (letters, digits, hyphen, underscore; dots allowed
 * inside), at most 63 characters, and never a Windows device name (CON, NUL, COM1 …).
 */
const SAFE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,61}[A-Za-z0-9_-])?$/;
const DEVICE_NAME = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$/i;

/** `<name>.json`, or null when the name cannot safely be a file name. */
export function reportFileName(computerName: string | undefined): string | null {
  if (computerName === undefined) return null;
  const name = computerName.trim();
  if (!SAFE_NAME.test(name) || name.includes('..') || DEVICE_NAME.test(name)) return null;
  return `${name}.json`;
}

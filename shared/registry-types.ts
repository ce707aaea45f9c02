/** Registry values as the tool reads and writes them, independent of the backend that reads them. */
export const REG_TYPES = [
  'REG_SZ',
  'REG_EXPAND_SZ',
  'REG_MULTI_SZ',
  'REG_DWORD',
  'REG_QWORD',
  'REG_BINARY',
  'REG_NONE',
] as const;
export type RegType = (typeof REG_TYPES)[number];

export type RegValue =
  | { type: 'REG_SZ' | 'REG_EXPAND_SZ'; data: string }
  | { type: 'REG_MULTI_SZ'; data: string[] }
  /** 0 .. 0xFFFFFFFF */
  | { type: 'REG_DWORD'; data: number }
  /** decimal digits; may exceed 2^53 */
  | { type: 'REG_QWORD'; data: string }
  /** lower-case hex, two digits a byte, no separators */
  | { type: 'REG_BINARY' | 'REG_NONE'; data: string };

/** One key as read: its values by name (names keep the case they were written with). */
export interface RegKeySnapshot {
  path: string;
  values: Record<string, RegValue>;
  subkeys: string[];
}

/** Windows treats value names case-insensitively; so must we. */
export function findValue(key: RegKeySnapshot | null, name: string): { name: string; value: RegValue } | undefined {
  if (!key) return undefined;
  const wanted = name.toLowerCase();
  for (const [n, value] of Object.entries(key.values)) {
    if (n.toLowerCase() === wanted) return { name: n, value };
  }
  return undefined;
}

/** Renders a value the way an administrator reads it in regedit: type, then data. */
export function formatRegValue(value: RegValue | undefined): string {
  if (!value) return '(not present)';
  switch (value.type) {
    case 'REG_DWORD':
      return `REG_DWORD 0x${value.data.toString(16).padStart(8, '0')} (${value.data})`;
    case 'REG_QWORD':
      return `REG_QWORD ${value.data}`;
    case 'REG_MULTI_SZ':
      return `REG_MULTI_SZ ${JSON.stringify(value.data)}`;
    case 'REG_BINARY':
    case 'REG_NONE':
      return `${value.type} ${value.data.length > 64 ? `${value.data.slice(0, 64)}… (${value.data.length / 2} bytes)` : value.data}`;
    default:
      return `${value.type} ${JSON.stringify(value.data)}`;
  }
}

/** Normalises a key path: HKEY_LOCAL_MACHINE → HKLM, no trailing backslash. */
export function normaliseKeyPath(path: string): string {
  const trimmed = path.replace(/\\+$/, '');
  return trimmed
    .replace(/^HKEY_LOCAL_MACHINE(?=\\|$)/i, 'HKLM')
    .replace(/^HKEY_CURRENT_USER(?=\\|$)/i, 'HKCU')
    .replace(/^HKEY_CLASSES_ROOT(?=\\|$)/i, 'HKCR')
    .replace(/^HKEY_USERS(?=\\|$)/i, 'HKU')
    .replace(/^HKEY_CURRENT_CONFIG(?=\\|$)/i, 'HKCC');
}

/** The registry keys the client checks read. */
export const KEYS = {
  wuPolicy: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate',
  auPolicy: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU',
  autoUpdate: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update',
  wuClient: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate',
  winHttpConnections: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections',
  currentVersion: 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion',
  services: 'HKLM\\SYSTEM\\CurrentControlSet\\Services',
  wsusSetup: 'HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup',
  scriptHostSettings: 'HKLM\\SOFTWARE\\Microsoft\\Windows Script Host\\Settings',
} as const;

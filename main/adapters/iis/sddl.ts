/**
 * NTFS permissions as SDDL, compared by SID: the format `icacls PATH /save FILE` writes (UTF-16LE:
 * the file name on one line, its SDDL on the next). Names are never used, since they change with
 * the display language. Garbage gives an SddlError with a clear message.
 */
export class SddlError extends Error {}

/** Well-known SIDs, by the two-letter aliases SDDL uses for them. */
export const SDDL_ALIASES: Record<string, string> = {
  BA: 'S-1-5-32-544',
  SY: 'S-1-5-18',
  BU: 'S-1-5-32-545',
  AU: 'S-1-5-11',
  WD: 'S-1-1-0',
  CO: 'S-1-3-0',
  CG: 'S-1-3-1',
  NS: 'S-1-5-20',
  LS: 'S-1-5-19',
  IU: 'S-1-5-4',
  AN: 'S-1-5-7',
  BG: 'S-1-5-32-546',
  PU: 'S-1-5-32-547',
  BO: 'S-1-5-32-551',
  SO: 'S-1-5-32-549',
  NU: 'S-1-5-2',
  SU: 'S-1-5-6',
  RC: 'S-1-5-12',
  AC: 'S-1-15-2-1',
};

export const WELL_KNOWN_SIDS = {
  administrators: 'S-1-5-32-544',
  system: 'S-1-5-18',
  users: 'S-1-5-32-545',
  iusr: 'S-1-5-17',
  iisIusrs: 'S-1-5-32-568',
  everyone: 'S-1-1-0',
  authenticatedUsers: 'S-1-5-11',
} as const;

/** Access masks for files and folders (winnt.h). */
export const FILE_ALL_ACCESS = 0x1f01ff;
/** Read & Execute: FILE_GENERIC_READ | FILE_GENERIC_EXECUTE (also "list folder contents"). */
export const FILE_READ_EXECUTE = 0x1200a9;

const RIGHTS: Record<string, number> = {
  FA: FILE_ALL_ACCESS,
  FR: 0x120089,
  FW: 0x120116,
  FX: 0x1200a0,
  GA: FILE_ALL_ACCESS,
  GR: 0x120089,
  GW: 0x120116,
  GX: 0x1200a0,
  RC: 0x20000,
  SD: 0x10000,
  WD: 0x40000,
  WO: 0x80000,
  CC: 0x1,
  DC: 0x2,
  LC: 0x4,
  SW: 0x8,
  RP: 0x10,
  WP: 0x20,
  DT: 0x40,
  LO: 0x80,
  CR: 0x100,
};

export interface Ace {
  type: 'allow' | 'deny' | 'other';
  sid: string;
  mask: number;
  inherited: boolean;
  /** applies to the folder itself (not inherit-only) */
  appliesToFolder: boolean;
  /** inherited by files and subfolders (OI and CI) */
  inheritable: boolean;
  /** the ACE as written */
  text: string;
}

export interface Dacl {
  /** "P": inheritance from the parent blocked */
  protected: boolean;
  aces: Ace[];
}

const SID_PATTERN = /^S-1-\d{1,14}(-\d{1,10}){1,14}$/;
const MAX_ACES = 2000;

function sidOf(text: string): string {
  const t = text.trim();
  if (SID_PATTERN.test(t)) return t;
  const alias = SDDL_ALIASES[t.toUpperCase()];
  if (alias) return alias;
  throw new SddlError(`"${t.slice(0, 40)}" is not a SID or a known SID alias.`);
}

function maskOf(text: string): number {
  const t = text.trim();
  if (/^0x[0-9a-f]{1,8}$/i.test(t)) return Number.parseInt(t.slice(2), 16) >>> 0;
  if (/^\d{1,10}$/.test(t)) return Number(t) >>> 0;
  if (t.length % 2 !== 0 || !/^[A-Z]*$/.test(t)) throw new SddlError(`"${t.slice(0, 40)}" is not an access mask.`);
  let mask = 0;
  for (let i = 0; i < t.length; i += 2) {
    const r = RIGHTS[t.slice(i, i + 2)];
    if (r === undefined) throw new SddlError(`"${t.slice(i, i + 2)}" is not a file access right.`);
    mask |= r;
  }
  return mask >>> 0;
}

/** The DACL ("D:" part) of an SDDL string. */
export function parseSddl(sddl: string): Dacl {
  if (sddl.length > 64 * 1024) throw new SddlError('The security descriptor is longer than 64 KB; it was not read.');
  const d = /D:([A-Z]*)((?:\([^()]*\))*)/.exec(sddl);
  if (!d) throw new SddlError('The security descriptor has no access list (no "D:" part).');
  const aces: Ace[] = [];
  for (const m of d[2]!.matchAll(/\(([^()]*)\)/g)) {
    if (aces.length >= MAX_ACES) break;
    const parts = m[1]!.split(';');
    if (parts.length < 6) throw new SddlError(`The access entry (${m[1]!.slice(0, 60)}) has ${parts.length} fields instead of 6.`);
    const [type, flags = '', rights = '', , , sid = ''] = parts;
    const flagSet = new Set((flags.match(/../g) ?? []).map((f) => f.toUpperCase()));
    aces.push({
      type: type === 'A' ? 'allow' : type === 'D' ? 'deny' : 'other',
      sid: sidOf(sid),
      mask: maskOf(rights),
      inherited: flagSet.has('ID'),
      appliesToFolder: !flagSet.has('IO'),
      inheritable: flagSet.has('OI') && flagSet.has('CI'),
      text: `(${m[1]})`,
    });
  }
  return { protected: d[1]!.includes('P'), aces };
}

/** The rights a SID gets on the folder itself from its own ACEs: allowed bits minus denied bits. */
export function rightsOf(dacl: Dacl, sids: readonly string[]): number {
  let allow = 0;
  let deny = 0;
  for (const a of dacl.aces) {
    if (!a.appliesToFolder || !sids.includes(a.sid)) continue;
    if (a.type === 'allow') allow |= a.mask;
    else if (a.type === 'deny') deny |= a.mask;
  }
  return (allow & ~deny) >>> 0;
}

export function hasRights(mask: number, needed: number): boolean {
  return (mask & needed) >>> 0 === needed;
}

/** Decodes an `icacls /save` file (UTF-16LE, with or without BOM) and returns the SDDL of its first entry. */
export function sddlFromIcaclsSave(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new SddlError('icacls saved an empty file.');
  if (bytes.length > 1024 * 1024) throw new SddlError('The saved permissions file is larger than 1 MB; it was not read.');
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes.length > 3 && bytes[1] === 0 && bytes[3] === 0);
  const text = utf16 ? new TextDecoder('utf-16le').decode(bytes[0] === 0xff ? bytes.subarray(2) : bytes) : new TextDecoder('utf-8').decode(bytes);
  const line = text.split(/\r?\n/).find((l) => /(^|[A-Z]:)D:[A-Z]*\(/.test(l) || /^(O:|G:|D:)/.test(l.trim()));
  if (!line) throw new SddlError('The file icacls saved holds no security descriptor.');
  return line.trim();
}

/**
 * Windows generations, as far as WSUS self-update cares.
 * - nt5:    Windows 2000 / XP / Server 2003. SUS-era clients; self-update from WSUS is the only way to a
 *           WSUS-capable agent; legacy text log; DetectionStartTime / LastWaitTimeout timers.
 * - nt6.0:  Vista / Server 2008 and Windows 7 / 2008 R2 (6.0, 6.1). The agent still checks for self-update
 *           against the server; legacy text log.
 * - nt6.2:  Windows 8 / 8.1 / 2012 / 2012 R2. The agent arrives as an ordinary update; text log.
 * - nt10:   Windows 10 / 11 / Server 2016 and later. ETW log read through Get-WindowsUpdateLog.
 */
export const ERAS = ['nt5', 'nt6.0', 'nt6.2', 'nt10'] as const;
export type Era = (typeof ERAS)[number];

export interface WindowsVersion {
  major: number;
  minor: number;
  build: number;
}

export function eraOf(v: WindowsVersion): Era {
  if (v.major <= 5) return 'nt5';
  if (v.major === 6 && v.minor <= 1) return 'nt6.0';
  if (v.major === 6) return 'nt6.2';
  return 'nt10';
}

/** Parses "10.0.19045", "6.1.7601" or "5.1.2600" (extra parts ignored). */
export function parseWindowsVersion(text: string): WindowsVersion | null {
  const m = /^\s*(\d{1,3})\.(\d{1,3})(?:\.(\d{1,6}))?/.exec(text);
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), build: m[3] === undefined ? 0 : Number(m[3]) };
}

/**
 * Local group membership by SID on the real machine. Group names are localized ("Users",
 * "ユーザー"), so Windows PowerShell translates the group's SID to its name, lists the members
 * through ADSI (works from PowerShell 2.0, unlike Get-LocalGroupMember) and prints their SIDs as JSON.
 */
import { SID } from '../../../shared/server-commands.js';
import type { CommandRunner, LocalGroupsAdapter } from '../types.js';
import { decodeConsoleText, powershellArgs } from '../windows/command-runner.js';
import { runOrThrow } from './windows-run.js';

export function groupMembersScript(groupSid: string): string {
  if (!SID.test(groupSid)) throw new Error(`"${groupSid.slice(0, 60)}" is not a SID.`);
  return [
    "$ErrorActionPreference = 'Stop'",
    `$n = (New-Object System.Security.Principal.SecurityIdentifier('${groupSid}')).Translate([System.Security.Principal.NTAccount]).Value.Split('\\')[-1]`,
    '$g = [ADSI]("WinNT://./" + $n + ",group")',
    "$s = @($g.psbase.Invoke('Members') | ForEach-Object { (New-Object System.Security.Principal.SecurityIdentifier($_.GetType().InvokeMember('objectSid', 'GetProperty', $null, $_, $null), 0)).Value })",
    "if ($s.Count -eq 0) { '[]' } else { ConvertTo-Json -InputObject $s -Compress }",
  ].join('; ');
}

export function parseMemberSids(stdout: string): string[] {
  const text = stdout.replace(/^\uFEFF/, '').trim();
  let data: unknown;
  try {
    data = JSON.parse(text === '' ? '[]' : text);
  } catch {
    throw new Error('PowerShell did not print the group members as JSON.');
  }
  const list = Array.isArray(data) ? data : [data];
  return list.filter((s): s is string => typeof s === 'string' && SID.test(s)).slice(0, 10_000);
}

export class WindowsGroups implements LocalGroupsAdapter {
  readonly #runner: CommandRunner;
  readonly #powershell: string;

  constructor(runner: CommandRunner, powershellExe: string) {
    this.#runner = runner;
    this.#powershell = powershellExe;
  }

  async membersOf(groupSid: string, signal?: AbortSignal): Promise<string[]> {
    const args = powershellArgs(groupMembersScript(groupSid));
    const r = await runOrThrow(this.#runner, this.#powershell, args, `Listing the members of the local group ${groupSid}`, signal ? { signal } : {});
    return parseMemberSids(decodeConsoleText(r.stdout));
  }
}

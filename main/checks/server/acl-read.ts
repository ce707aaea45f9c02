/** The SelfUpdate folder's ACL and the Users group's members, read once per run and compared by SID. */
import { hasRights, parseSddl, rightsOf, SddlError, WELL_KNOWN_SIDS, type Dacl } from '../../adapters/iis/sddl.js';
import type { CheckContext } from '../../engine/check.js';
import { serverAdapters } from './server-facts.js';

export type AclRead = { ok: true; sddl: string; dacl: Dacl } | { ok: false; message: string };

const memo = new WeakMap<object, Map<string, Promise<unknown>>>();

function once<T>(ctx: CheckContext, key: string, load: () => Promise<T>): Promise<T> {
  let m = memo.get(ctx.facts);
  if (!m) memo.set(ctx.facts, (m = new Map()));
  let p = m.get(key) as Promise<T> | undefined;
  if (!p) m.set(key, (p = load()));
  return p;
}

export function readAcl(ctx: CheckContext, folder: string): Promise<AclRead> {
  return once(ctx, `acl:${folder.toLowerCase()}`, async (): Promise<AclRead> => {
    try {
      const sddl = await serverAdapters(ctx).acl.readSddl(folder, ctx.signal);
      return { ok: true, sddl, dacl: parseSddl(sddl) };
    } catch (e) {
      if (e instanceof SddlError) return { ok: false, message: e.message };
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  });
}

export type MembersRead = { ok: true; sids: string[] } | { ok: false; message: string };

export function usersMembers(ctx: CheckContext): Promise<MembersRead> {
  return once(ctx, 'users-members', async (): Promise<MembersRead> => {
    try {
      return { ok: true, sids: await serverAdapters(ctx).groups.membersOf(WELL_KNOWN_SIDS.users, ctx.signal) };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  });
}

export function can(dacl: Dacl, sids: string[], needed: number): boolean {
  return hasRights(rightsOf(dacl, sids), needed);
}

export function maskText(mask: number): string {
  return `0x${mask.toString(16)}`;
}

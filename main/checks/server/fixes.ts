/** The fixes the server checks offer: plans of IIS and ACL changes, each shown with its exact command line. */
import type { AclRights, Change, FixOffer } from '../../../shared/changes.js';
import { describeChange } from '../../../shared/change-text.js';
import { l10n, type L10n } from '../../../shared/text.js';

/** One automatic fix whose steps list each change as the preview will (what it does and the command). */
export function automaticFix(id: string, title: L10n, intro: L10n, plan: Change[], after: L10n[] = []): FixOffer {
  return {
    id,
    title,
    automatic: true,
    requiresAdmin: true,
    steps: [intro, ...plan.map(describeChange), l10n('A copy of the IIS configuration (appcmd add backup) or of the folder\'s permissions (icacls /save) is taken first; undo puts it back.', '先に IIS 構成のコピー (appcmd add backup) またはフォルダーのアクセス許可 (icacls /save) を保存します。元に戻すとそれを復元します。'), ...after],
    plan,
  };
}

export function manualFix(id: string, title: L10n, steps: L10n[]): FixOffer {
  return { id, title, automatic: false, requiresAdmin: true, steps, plan: [] };
}

export function grant(path: string, sid: string, rights: AclRights): Change {
  return { kind: 'acl.grant', path, sid, rights };
}

export function anonymousOn(location: string): Change {
  return { kind: 'iis.auth.set', location, method: 'anonymous', enabled: true };
}

/**
 * Policy value names Windows would ignore: the misspellings of the Japanese WSUS 2.0 article
 * (WSUServer, WSUStatusServer, UseWSUServer), other near-misses of the three names that matter for
 * WSUS, and the right names written in the wrong key. Also the chain of places a WSUS URL can be
 * taken from when a fix must write WUServer or WUStatusServer.
 */
import { KEYS, type RegValue } from '../../../shared/registry-types.js';
import type { L10n } from '../../../shared/text.js';
import { parseWsusUrl, type WsusUrl } from '../../../shared/wsus-url.js';
import type { CheckContext } from '../../engine/check.js';
import { judgeUrlValue, type PolicySnapshot } from './policy.js';

export type PolicyTarget = 'WUServer' | 'WUStatusServer' | 'UseWUServer';
export const POLICY_TARGETS: readonly PolicyTarget[] = ['WUServer', 'WUStatusServer', 'UseWUServer'];

/** The key each of the three values must be in. */
export const TARGET_KEY: Record<PolicyTarget, string> = {
  WUServer: KEYS.wuPolicy,
  WUStatusServer: KEYS.wuPolicy,
  UseWUServer: KEYS.auPolicy,
};

/** Real policy value names of HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate (never reported as typos). */
export const WU_POLICY_NAMES: readonly string[] = [
  'WUServer',
  'WUStatusServer',
  'UpdateServiceUrlAlternate',
  'FillEmptyContentUrls',
  'TargetGroup',
  'TargetGroupEnabled',
  'ElevateNonAdmins',
  'DoNotConnectToWindowsUpdateInternetLocations',
  'SetProxyBehaviorForUpdateDetection',
  'AcceptTrustedPublisherCerts',
  'DisableDualScan',
  'DisableWindowsUpdateAccess',
  'SetDisableUXWUAccess',
  'SetDisablePauseUXAccess',
  'ExcludeWUDriversInQualityUpdate',
  'DeferFeatureUpdates',
  'DeferFeatureUpdatesPeriodInDays',
  'DeferQualityUpdates',
  'DeferQualityUpdatesPeriodInDays',
  'PauseFeatureUpdatesStartTime',
  'PauseQualityUpdatesStartTime',
  'BranchReadinessLevel',
  'ManagePreviewBuilds',
  'ManagePreviewBuildsPolicyValue',
  'TargetReleaseVersion',
  'TargetReleaseVersionInfo',
  'ProductVersion',
  'SetActiveHours',
  'ActiveHoursStart',
  'ActiveHoursEnd',
  'SetAutoRestartNotificationConfig',
  'AutoRestartNotificationSchedule',
  'SetAutoRestartNotificationDisable',
  'SetComplianceDeadline',
  'ConfigureDeadlineForFeatureUpdates',
  'ConfigureDeadlineForQualityUpdates',
  'ConfigureDeadlineGracePeriod',
  'ConfigureDeadlineNoAutoReboot',
  'SetPolicyDrivenUpdateSourceForFeatureUpdates',
  'SetPolicyDrivenUpdateSourceForQualityUpdates',
  'SetPolicyDrivenUpdateSourceForDriverUpdates',
  'SetPolicyDrivenUpdateSourceForOtherUpdates',
  'AllowAutoWindowsUpdateDownloadOverMeteredNetwork',
];

/** Real policy value names of …\WindowsUpdate\AU. */
export const AU_POLICY_NAMES: readonly string[] = [
  'UseWUServer',
  'NoAutoUpdate',
  'AUOptions',
  'ScheduledInstallDay',
  'ScheduledInstallTime',
  'ScheduledInstallEveryWeek',
  'ScheduledInstallFirstWeek',
  'ScheduledInstallSecondWeek',
  'ScheduledInstallThirdWeek',
  'ScheduledInstallFourthWeek',
  'AutomaticMaintenanceEnabled',
  'AllowMUUpdateService',
  'DetectionFrequency',
  'DetectionFrequencyEnabled',
  'NoAutoRebootWithLoggedOnUsers',
  'RescheduleWaitTime',
  'RescheduleWaitTimeEnabled',
  'AutoInstallMinorUpdates',
  'RebootWarningTimeout',
  'RebootWarningTimeoutEnabled',
  'RebootRelaunchTimeout',
  'RebootRelaunchTimeoutEnabled',
  'AlwaysAutoRebootAtScheduledTime',
  'AlwaysAutoRebootAtScheduledTimeMinutes',
  'IncludeRecommendedUpdates',
  'EnableFeaturedSoftware',
  'NoAUShutdownOption',
  'NoAUAsDefaultShutdownOption',
  'UseUpdateClassPolicySource',
];

/** Spelled this way in the Japanese edition of the WSUS 2.0 article. */
export const ARTICLE_MISSPELLINGS: Readonly<Record<string, PolicyTarget>> = {
  wsuserver: 'WUServer',
  wsustatusserver: 'WUStatusServer',
  usewsuserver: 'UseWUServer',
};

/** A name at most this many edits away from one of the three names is treated as a typo of it. */
export const MAX_DISTANCE = 2;

/** Edit distance (insertions, deletions, substitutions); stops early once it exceeds `cap`. */
export function levenshtein(a: string, b: string, cap = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

export interface Misspelling {
  /** The key it was found in (one of KEYS.wuPolicy / KEYS.auPolicy). */
  key: string;
  /** The name exactly as written. */
  name: string;
  value: RegValue;
  /** The name Windows reads, and where. */
  target: PolicyTarget;
  reason: 'article' | 'near-miss' | 'wrong-key';
}

const WU_KNOWN = new Set(WU_POLICY_NAMES.map((n) => n.toLowerCase()));
const AU_KNOWN = new Set(AU_POLICY_NAMES.map((n) => n.toLowerCase()));

function closestTarget(lowerName: string, key: string): PolicyTarget | null {
  let best: PolicyTarget | null = null;
  let bestDistance = MAX_DISTANCE + 1;
  for (const t of POLICY_TARGETS) {
    const d = levenshtein(lowerName, t.toLowerCase(), MAX_DISTANCE);
    // On a tie, prefer the name that belongs in the key where the value was found.
    if (d < bestDistance || (d === bestDistance && best !== null && TARGET_KEY[t] === key && TARGET_KEY[best] !== key)) {
      best = t;
      bestDistance = d;
    }
  }
  return bestDistance <= MAX_DISTANCE ? best : null;
}

/** Every value in the two policy keys that Windows ignores although it was meant as one of the three. */
export function findMisspellings(policy: PolicySnapshot): Misspelling[] {
  const out: Misspelling[] = [];
  const scan = (key: string, snapshot: PolicySnapshot['wu']) => {
    if (!snapshot) return;
    for (const [name, value] of Object.entries(snapshot.values)) {
      const lower = name.toLowerCase();
      const exact = POLICY_TARGETS.find((t) => t.toLowerCase() === lower);
      if (exact) {
        if (TARGET_KEY[exact] !== key) out.push({ key, name, value, target: exact, reason: 'wrong-key' });
        continue;
      }
      if (WU_KNOWN.has(lower) || AU_KNOWN.has(lower)) continue;
      const article = ARTICLE_MISSPELLINGS[lower];
      if (article) {
        out.push({ key, name, value, target: article, reason: 'article' });
        continue;
      }
      const target = closestTarget(lower, key);
      if (target) out.push({ key, name, value, target, reason: 'near-miss' });
    }
  };
  scan(KEYS.wuPolicy, policy.wu);
  scan(KEYS.auPolicy, policy.au);
  return out;
}

export interface UrlCandidate {
  url: WsusUrl;
  /** Where the address comes from, for the fix's steps. */
  source: L10n;
}

/**
 * The WSUS URL a fix may write, in order of trust: the address the user gave (--server or the
 * wizard), a valid address in a misspelled or misplaced value (WUServer-like before WUStatusServer-like),
 * then a valid WUStatusServer. Every candidate is validated again here; null when none is usable.
 */
export function urlCandidate(ctx: CheckContext, policy: PolicySnapshot): UrlCandidate | null {
  if (ctx.options.serverUrl !== undefined) {
    const given = parseWsusUrl(ctx.options.serverUrl);
    if (given.ok)
      return {
        url: given.value.url,
        source: { en: 'the address you gave (--server or the wizard)', ja: '指定されたアドレス (--server またはウィザード)' },
      };
  }
  const misspelled = findMisspellings(policy).filter((m) => m.target !== 'UseWUServer');
  misspelled.sort((a, b) => (a.target === b.target ? 0 : a.target === 'WUServer' ? -1 : 1));
  for (const m of misspelled) {
    if (m.value.type !== 'REG_SZ' && m.value.type !== 'REG_EXPAND_SZ') continue;
    const parsed = parseWsusUrl(m.value.data);
    if (parsed.ok)
      return {
        url: parsed.value.url,
        source: {
          en: `the value "${m.name}" in ${m.key}, which Windows ignores because of its name or place`,
          ja: `${m.key} の値「${m.name}」(名前または場所が違うため Windows は無視しています)`,
        },
      };
  }
  const status = judgeUrlValue(policy.wu, 'WUStatusServer');
  if (status.kind === 'valid')
    return { url: status.parsed.url, source: { en: 'the WUStatusServer value', ja: 'WUStatusServer の値' } };
  return null;
}

/** The reason shown on a fix that has no address to write. */
export const NO_URL_BLOCKED: L10n = {
  en: 'No valid WSUS address is known on this computer. Give the address of your WSUS server (for example http://wsus01.corp.example:8530) with --server on the command line, or type it in the wizard, then run the check again.',
  ja: 'このコンピューターでは有効な WSUS のアドレスが見つかりません。コマンド ラインの --server で WSUS サーバーのアドレス (例: http://wsus01.corp.example:8530) を指定するか、ウィザードで入力してから、もう一度チェックを実行してください。',
};

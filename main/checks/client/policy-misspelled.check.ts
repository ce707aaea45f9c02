import type { Change, FixOffer } from '../../../shared/changes.js';
import { findValue, formatRegValue, KEYS } from '../../../shared/registry-types.js';
import type { Evidence } from '../../../shared/results.js';
import type { L10n } from '../../../shared/text.js';
import { parseWsusUrl } from '../../../shared/wsus-url.js';
import type { CheckImpl, CheckContext } from '../../engine/check.js';
import { clip, textEvidence } from '../evidence.js';
import { findMisspellings, TARGET_KEY, type Misspelling } from './misspelling.js';
import { dwordOrStringNumber, GPO_STEP, readPolicy, RESTART_STEP, RESTART_WUAUSERV, type PolicySnapshot } from './policy.js';

const FIX_ID = 'client.policy.misspelled:rename-values';

const REASON_TEXT: Record<Misspelling['reason'], L10n> = {
  article: {
    en: 'spelled as in the Japanese WSUS 2.0 article',
    ja: 'WSUS 2.0 の日本語版記事の誤記どおりの綴り',
  },
  'near-miss': { en: 'a near-miss of the real name', ja: '正しい名前に近い打ち間違い' },
  'wrong-key': { en: 'the right name in the wrong key', ja: '名前は正しいがキーが違う' },
};

function shortKey(path: string): string {
  return path === KEYS.auPolicy ? 'WindowsUpdate\\AU' : path === KEYS.wuPolicy ? 'WindowsUpdate' : path;
}

interface Plan {
  changes: Change[];
  steps: L10n[];
  blocked?: L10n;
}

/** What the fix does for each finding; computed once, shown in steps and carried out in the plan. */
function buildPlan(ctx: CheckContext, policy: PolicySnapshot, findings: readonly Misspelling[]): Plan {
  const writes: Change[] = [];
  const deletes: Change[] = [];
  const steps: L10n[] = [];
  const written = new Set<string>();
  const blockedNames: string[] = [];
  const given = ctx.options.serverUrl !== undefined ? parseWsusUrl(ctx.options.serverUrl) : null;

  const snapshotOf = (key: string) => (key === KEYS.auPolicy ? policy.au : policy.wu);

  for (const m of findings) {
    const targetKey = TARGET_KEY[m.target];
    const where = `${targetKey}\\${m.target}`;
    const alreadyThere = findValue(snapshotOf(targetKey), m.target) !== undefined;
    const targetId = where.toLowerCase();
    deletes.push({ kind: 'registry.delete', key: m.key, name: m.name });

    if (alreadyThere || written.has(targetId)) {
      steps.push({
        en: `Delete "${m.name}" from ${shortKey(m.key)}; ${m.target} is already set in ${shortKey(targetKey)} and is kept as it is.`,
        ja: `${shortKey(m.key)} の「${m.name}」を削除します。${shortKey(targetKey)} には ${m.target} が既にあるため、そのまま残します。`,
      });
      continue;
    }

    if (m.target === 'UseWUServer') {
      const n = dwordOrStringNumber(m.value);
      if (n && n.n === 1) {
        writes.push({ kind: 'registry.set', key: targetKey, name: 'UseWUServer', value: { type: 'REG_DWORD', data: 1 } });
        written.add(targetId);
        steps.push({
          en: `Write ${where} as REG_DWORD 1 (what "${m.name}" meant), then delete "${m.name}" from ${shortKey(m.key)}.`,
          ja: `${where} に REG_DWORD の 1 (「${m.name}」で意図していた値) を書き込み、${shortKey(m.key)} の「${m.name}」を削除します。`,
        });
      } else {
        steps.push({
          en: `Delete "${m.name}" from ${shortKey(m.key)}. Its data is not 1, so nothing is copied; the UseWUServer check offers to set UseWUServer if it is still needed.`,
          ja: `${shortKey(m.key)} の「${m.name}」を削除します。データが 1 ではないためコピーはしません。UseWUServer がまだ必要な場合は、UseWUServer のチェックが設定を提案します。`,
        });
      }
      continue;
    }

    const parsed = m.value.type === 'REG_SZ' || m.value.type === 'REG_EXPAND_SZ' ? parseWsusUrl(m.value.data) : null;
    if (parsed?.ok) {
      writes.push({ kind: 'registry.set', key: targetKey, name: m.target, value: { type: 'REG_SZ', data: parsed.value.url } });
      written.add(targetId);
      steps.push({
        en: `Write ${where} as REG_SZ "${parsed.value.url}" (the address found in "${m.name}"), then delete "${m.name}" from ${shortKey(m.key)}.`,
        ja: `${where} に REG_SZ の "${parsed.value.url}" (「${m.name}」にあったアドレス) を書き込み、${shortKey(m.key)} の「${m.name}」を削除します。`,
      });
    } else if (given?.ok) {
      writes.push({ kind: 'registry.set', key: targetKey, name: m.target, value: { type: 'REG_SZ', data: given.value.url } });
      written.add(targetId);
      steps.push({
        en: `"${m.name}" does not hold a valid address, so it is not copied: write ${where} as REG_SZ "${given.value.url}" (the address you gave) and delete "${m.name}".`,
        ja: `「${m.name}」には有効なアドレスがないためコピーしません。${where} に REG_SZ の "${given.value.url}" (指定されたアドレス) を書き込み、「${m.name}」を削除します。`,
      });
    } else {
      blockedNames.push(m.name);
      steps.push({
        en: `"${m.name}" does not hold a valid address and ${m.target} is not set, so there is no address to move to ${where}.`,
        ja: `「${m.name}」には有効なアドレスがなく、${m.target} も設定されていないため、${where} に移すアドレスがありません。`,
      });
    }
  }
  steps.push(RESTART_STEP, GPO_STEP);
  const plan: Plan = { changes: [...writes, ...deletes, RESTART_WUAUSERV], steps };
  if (blockedNames.length > 0) {
    plan.blocked = {
      en: `No valid WSUS address is known for ${blockedNames.map((n) => `"${n}"`).join(', ')}. Give the address of your WSUS server with --server on the command line, or type it in the wizard, then run the check again.`,
      ja: `${blockedNames.map((n) => `「${n}」`).join('、')} に対応する有効な WSUS のアドレスがありません。コマンド ラインの --server で WSUS サーバーのアドレスを指定するか、ウィザードで入力してから、もう一度チェックを実行してください。`,
    };
  }
  return plan;
}

export const policyMisspelled: CheckImpl = {
  id: 'client.policy.misspelled',
  async run(ctx) {
    const policy = await readPolicy(ctx);
    const findings = findMisspellings(policy);
    if (findings.length === 0) {
      const names = (k: PolicySnapshot['wu']) => (k ? Object.keys(k.values).sort().join(', ') || '(no values)' : '(key not present)');
      return {
        status: 'pass',
        summary: {
          en: 'No misspelled or misplaced Windows Update policy names were found; every value name is one Windows reads.',
          ja: '綴りや場所を間違えた Windows Update のポリシー値はありません。すべての値の名前は Windows が読み取る名前です。',
        },
        evidence: [
          textEvidence({ en: `Value names in ${KEYS.wuPolicy}`, ja: `${KEYS.wuPolicy} の値の名前` }, clip(names(policy.wu))),
          textEvidence({ en: `Value names in ${KEYS.auPolicy}`, ja: `${KEYS.auPolicy} の値の名前` }, clip(names(policy.au))),
        ],
      };
    }

    const evidence: Evidence[] = [];
    for (const m of findings) {
      evidence.push({
        label: { en: `${m.key}\\${m.name}`, ja: `${m.key}\\${m.name}` },
        value: clip(
          `${formatRegValue(m.value)}; name as written ${JSON.stringify(m.name)}; Windows reads ${TARGET_KEY[m.target]}\\${m.target} (${REASON_TEXT[m.reason].en})`,
        ),
      });
    }
    const plan = buildPlan(ctx, policy, findings);
    const fix: FixOffer = {
      id: FIX_ID,
      title: { en: 'Move the values to the names Windows reads', ja: '値を Windows が読み取る名前に移す' },
      automatic: true,
      requiresAdmin: true,
      steps: plan.steps,
      plan: plan.blocked ? [] : plan.changes,
    };
    if (plan.blocked) fix.blocked = plan.blocked;

    const listEn = findings.map((m) => `"${m.name}" (should be ${m.target} in ${shortKey(TARGET_KEY[m.target])})`).join(', ');
    const listJa = findings.map((m) => `「${m.name}」(正しくは ${shortKey(TARGET_KEY[m.target])} の ${m.target})`).join('、');
    const fromArticle = findings.some((m) => m.reason === 'article');
    return {
      status: 'fail',
      summary: {
        en: `Windows ignores ${findings.length === 1 ? 'this value' : 'these values'} because of the name or the key: ${listEn}.${fromArticle ? ' These spellings come from a known error in the Japanese edition of an old Microsoft article.' : ''}`,
        ja: `名前またはキーが違うため、Windows は次の値を無視します: ${listJa}。${fromArticle ? 'この綴りは、古い Microsoft の日本語版記事にある既知の誤記に由来します。' : ''}`,
      },
      evidence,
      fixes: [fix],
    };
  },
};

import type { FixOffer } from '../../../shared/changes.js';
import { findValue, KEYS, type RegValue } from '../../../shared/registry-types.js';
import type { Evidence } from '../../../shared/results.js';
import type { CheckStatus } from '../../../shared/status.js';
import type { CheckImpl } from '../../engine/check.js';
import { textEvidence, registryEvidence } from '../evidence.js';
import {
  AU_STATE_TEXT,
  auTimeAsLocal,
  auTimeAsUtc,
  DAY_RETRY_MAX_HOURS,
  DAY_RETRY_MIN_HOURS,
  parseAuTime,
} from './au-timers.js';
import { formatOffset, formatWallClock, quoteRaw } from './format.js';
import { RESTART_WUAUSERV } from './policy.js';

const HOUR = 3_600_000;

export const RESET_DETECTION_FIX: FixOffer = {
  id: 'client.au.detection-timers:reset-detection',
  title: { en: 'Reset detection and restart Windows Update', ja: '検出をリセットして Windows Update を再起動' },
  automatic: true,
  requiresAdmin: true,
  steps: [
    {
      en: `Set ${KEYS.autoUpdate}\\AUState to REG_DWORD 2 (detection pending) and delete LastWaitTimeout and DetectionStartTime, so the client forgets its waiting period.`,
      ja: `${KEYS.autoUpdate}\\AUState を REG_DWORD の 2 (検出待ち) にし、LastWaitTimeout と DetectionStartTime を削除して、クライアントに待機期間を忘れさせます。`,
    },
    {
      en: 'Restart the Windows Update service (wuauserv), which makes the client start a new detection, and with it the self-update check.',
      ja: 'Windows Update サービス (wuauserv) を再起動します。これによりクライアントは新しい検出を開始し、その最初に自己更新の確認を行います。',
    },
    {
      en: 'About a minute later, run this check again: DetectionStartTime should be back with a time a few minutes ahead. Self-update should follow within about 6 to 10 minutes.',
      ja: '1 分ほどしてからこのチェックをもう一度実行します。DetectionStartTime が数分先の時刻で再び作成されているはずです。自己更新は 6 ～ 10 分ほどで行われます。',
    },
    {
      en: 'If after ten minutes LastWaitTimeout is again about a day ahead, the client still cannot reach the server in WUServer: look at the network, proxy and HTTP checks and at the Windows Update log.',
      ja: '10 分後に LastWaitTimeout が再び約 1 日先になっている場合、クライアントはまだ WUServer のサーバーに接続できていません。ネットワーク、プロキシ、HTTP の各チェックと Windows Update ログを確認してください。',
    },
  ],
  plan: [
    { kind: 'registry.set', key: KEYS.autoUpdate, name: 'AUState', value: { type: 'REG_DWORD', data: 2 } },
    { kind: 'registry.delete', key: KEYS.autoUpdate, name: 'LastWaitTimeout' },
    { kind: 'registry.delete', key: KEYS.autoUpdate, name: 'DetectionStartTime' },
    RESTART_WUAUSERV,
  ],
};

const RANK: Record<CheckStatus, number> = { pass: 0, skip: 0, info: 1, warn: 2, fail: 3, error: 4 };

function stringData(v: RegValue): string | null {
  return v.type === 'REG_SZ' || v.type === 'REG_EXPAND_SZ' ? v.data : null;
}

function hoursText(h: number): string {
  return (Math.round(h * 10) / 10).toFixed(1);
}

export const auDetectionTimers: CheckImpl = {
  id: 'client.au.detection-timers',
  async run(ctx) {
    const key = await ctx.facts.key(KEYS.autoUpdate);
    const clock = ctx.machine.clock;
    const now = clock.now();
    const nowMs = now.getTime();
    const offset = clock.utcOffsetMinutes(now);
    const local = (utcMs: number) => formatWallClock(utcMs, clock.utcOffsetMinutes(new Date(utcMs)));

    const evidence: Evidence[] = [
      registryEvidence(KEYS.autoUpdate, 'AUState', key),
      registryEvidence(KEYS.autoUpdate, 'DetectionStartTime', key),
      registryEvidence(KEYS.autoUpdate, 'LastWaitTimeout', key),
      textEvidence(
        { en: 'Time on this computer', ja: 'このコンピューターの時刻' },
        `${formatWallClock(nowMs, offset)} local (${formatOffset(offset)}) = ${formatWallClock(nowMs, 0)} UTC`,
      ),
    ];
    let status: CheckStatus = 'pass';
    const raise = (s: CheckStatus) => {
      if (RANK[s] > RANK[status]) status = s;
    };
    const en: string[] = [];
    const ja: string[] = [];

    // AUState: explained, never judged on its own (its meanings are only known for the XP-era client).
    const auState = findValue(key, 'AUState');
    if (auState) {
      if (auState.value.type === 'REG_DWORD') {
        const meaning = AU_STATE_TEXT[auState.value.data];
        evidence.push(
          textEvidence(
            { en: 'AUState means', ja: 'AUState の意味' },
            meaning ? `${auState.value.data} = ${meaning.en} (community documentation for the XP-era client)` : `${auState.value.data} = not a known state`,
          ),
        );
        if (meaning) {
          en.push(`AUState is ${auState.value.data} (${meaning.en}).`);
          ja.push(`AUState は ${auState.value.data} (${meaning.ja}) です。`);
        }
      } else {
        en.push(`AUState is stored as ${auState.value.type}, not as a number, so its meaning is unknown.`);
        ja.push(`AUState が数値ではなく ${auState.value.type} で保存されているため、意味がわかりません。`);
      }
    }

    // LastWaitTimeout (UTC): when the agent will try again.
    const lwt = findValue(key, 'LastWaitTimeout');
    if (lwt) {
      const text = stringData(lwt.value);
      const t = text === null ? null : parseAuTime(text);
      if (!t) {
        raise('warn');
        en.push(
          `LastWaitTimeout could not be read as a time (${text === null ? `type ${lwt.value.type}` : quoteRaw(text, 60)}); the client may be confused about when to try again. Resetting detection clears it.`,
        );
        ja.push(
          `LastWaitTimeout を時刻として読み取れませんでした (${text === null ? `型 ${lwt.value.type}` : quoteRaw(text, 60)})。クライアントが次の試行時刻を正しく判断できていない可能性があります。検出をリセットすると消去されます。`,
        );
      } else {
        const at = auTimeAsUtc(t);
        const ahead = (at - nowMs) / HOUR;
        evidence.push(
          textEvidence(
            { en: 'LastWaitTimeout read as', ja: 'LastWaitTimeout の解釈' },
            `${formatWallClock(at, 0)} UTC = ${local(at)} local, ${ahead >= 0 ? `${hoursText(ahead)} h from now` : `${hoursText(-ahead)} h ago`}`,
          ),
        );
        if (ahead >= DAY_RETRY_MIN_HOURS && ahead <= DAY_RETRY_MAX_HOURS) {
          raise('fail');
          en.push(
            `LastWaitTimeout is about a day ahead (${hoursText(ahead)} h, at ${local(at)} local): on its last attempt the client could not reach the server named in WUServer, so it is waiting a day before it tries again.`,
          );
          ja.push(
            `LastWaitTimeout が約 1 日先 (${hoursText(ahead)} 時間後、ローカル時刻 ${local(at)}) になっています。前回の試行でクライアントは WUServer に指定されたサーバーに接続できなかったため、1 日待ってから再試行しようとしています。`,
          );
        } else if (ahead > DAY_RETRY_MAX_HOURS) {
          raise('warn');
          en.push(
            `LastWaitTimeout is ${hoursText(ahead)} h ahead, more than a day: the clock may have been changed, or the client postponed detection more than once. Resetting detection makes it try now.`,
          );
          ja.push(
            `LastWaitTimeout が ${hoursText(ahead)} 時間先で、1 日を超えています。時計が変更されたか、クライアントが検出を何度も延期した可能性があります。検出をリセットするとすぐに試行します。`,
          );
        } else if (ahead > 0) {
          raise('info');
          en.push(`The next detection is due at ${local(at)} local time (${hoursText(ahead)} h from now).`);
          ja.push(`次の検出はローカル時刻 ${local(at)} (${hoursText(ahead)} 時間後) の予定です。`);
        } else {
          en.push(`LastWaitTimeout (${local(at)} local) has passed, so the client is not holding back a retry.`);
          ja.push(`LastWaitTimeout (ローカル時刻 ${local(at)}) は過ぎているため、クライアントは再試行を控えていません。`);
        }
      }
    }

    // DetectionStartTime (local time): detection starts about five minutes after it.
    const dst = findValue(key, 'DetectionStartTime');
    if (dst) {
      const text = stringData(dst.value);
      const t = text === null ? null : parseAuTime(text);
      if (!t) {
        raise('warn');
        en.push(
          `DetectionStartTime could not be read as a time (${text === null ? `type ${dst.value.type}` : quoteRaw(text, 60)}). Resetting detection clears it.`,
        );
        ja.push(
          `DetectionStartTime を時刻として読み取れませんでした (${text === null ? `型 ${dst.value.type}` : quoteRaw(text, 60)})。検出をリセットすると消去されます。`,
        );
      } else {
        const at = auTimeAsLocal(t, clock);
        const ahead = (at - nowMs) / HOUR;
        evidence.push(
          textEvidence(
            { en: 'DetectionStartTime read as', ja: 'DetectionStartTime の解釈' },
            `${local(at)} local = ${formatWallClock(at, 0)} UTC, ${ahead >= 0 ? `${hoursText(ahead)} h from now` : `${hoursText(-ahead)} h ago`}`,
          ),
        );
        const startsAt = local(at + 5 * 60_000).slice(11);
        if (ahead > DAY_RETRY_MAX_HOURS) {
          raise('warn');
          en.push(`DetectionStartTime is ${hoursText(ahead)} h ahead, which is unusual; the clock may have been changed.`);
          ja.push(`DetectionStartTime が ${hoursText(ahead)} 時間先になっており、通常ではありません。時計が変更された可能性があります。`);
        } else if (ahead > 0) {
          raise('info');
          en.push(`Detection is scheduled at ${local(at).slice(11)} local time and actually starts about five minutes later (around ${startsAt}).`);
          ja.push(`検出はローカル時刻 ${local(at).slice(11)} に予定されており、実際にはその約 5 分後 (${startsAt} ごろ) に始まります。`);
        } else {
          en.push(`The last detection was scheduled at ${local(at)} local time.`);
          ja.push(`前回の検出はローカル時刻 ${local(at)} に予定されていました。`);
        }
      }
    }

    if (!lwt && !dst) {
      en.push('No detection time or waiting period is recorded, so nothing is holding the client back.');
      ja.push('検出時刻も待機期間も記録されていないため、クライアントを妨げているものはありません。');
    }
    const fixes = status === 'pass' ? [] : [RESET_DETECTION_FIX];
    return { status, summary: { en: en.join(' '), ja: ja.join('') }, evidence, fixes };
  },
};

/** The check shared by client.service.wuauserv and client.service.bits. */
import type { Change, StartType } from '../../../shared/changes.js';
import type { CheckId } from '../../../shared/check-ids.js';
import type { Era } from '../../../shared/os-era.js';
import type { Evidence } from '../../../shared/results.js';
import type { L10n } from '../../../shared/text.js';
import type { CheckContext, CheckOutcome } from '../../engine/check.js';
import { textEvidence } from '../evidence.js';
import { SERVICE_STATE_NUMBER, SERVICE_STATE_TEXT, START_TYPE_NUMBER, START_TYPE_SC, START_TYPE_TEXT } from './format.js';
import { RESTART_WUAUSERV } from './policy.js';

export interface ServiceCheckSpec {
  id: CheckId;
  /** The service's key name, as `sc` knows it. */
  service: string;
  /** What the service is called in sentences. */
  label: L10n;
  /** What breaks without it. */
  impact: L10n;
  /** The start type Windows ships with on each era, and why. */
  defaultStartType(era: Era | null): { startType: StartType; why: L10n };
  /** True when a stopped service with a manual start is a problem on this era (it must run all the time). */
  mustRunContinuously(era: Era | null): boolean;
}

function startTypeEvidence(startType: StartType, delayed: boolean): string {
  return `${START_TYPE_TEXT[startType].en}${delayed ? ' (delayed start)' : ''} (${START_TYPE_NUMBER[startType]}, ${START_TYPE_SC[startType]}${delayed ? ' (DELAYED)' : ''})`;
}

export async function runServiceCheck(ctx: CheckContext, spec: ServiceCheckSpec): Promise<CheckOutcome> {
  const [info, os] = await Promise.all([ctx.facts.service(spec.service), ctx.facts.os().catch(() => null)]);
  const era = os?.era ?? null;
  const name = spec.service;
  const stateLabel: L10n = { en: `Service ${name}: state`, ja: `サービス ${name}: 状態` };
  const startLabel: L10n = { en: `Service ${name}: start type`, ja: `サービス ${name}: スタートアップの種類` };

  if (!info.exists) {
    return {
      status: 'fail',
      summary: {
        en: `The ${spec.label.en} service (${name}) does not exist on this computer (Windows reports this as error 1060, "the specified service does not exist"). ${spec.impact.en}`,
        ja: `このコンピューターには ${spec.label.ja} サービス (${name}) が存在しません (Windows ではエラー 1060「指定されたサービスは存在しません」になります)。${spec.impact.ja}`,
      },
      evidence: [textEvidence({ en: `Service ${name}`, ja: `サービス ${name}` }, 'not installed (error 1060)')],
      fixes: [
        {
          id: `${spec.id}:repair-windows`,
          title: { en: `Restore the ${name} service`, ja: `${name} サービスを復元する` },
          automatic: false,
          requiresAdmin: true,
          steps: [
            {
              en: `Open an elevated command prompt and run "sc query ${name}" to confirm the service is really missing.`,
              ja: `管理者として実行したコマンド プロンプトで「sc query ${name}」を実行し、サービスが本当に存在しないことを確認します。`,
            },
            {
              en: 'Repair the Windows component store and system files: run "DISM /Online /Cleanup-Image /RestoreHealth" (Windows 8 and later), then "sfc /scannow", and restart.',
              ja: 'Windows のコンポーネント ストアとシステム ファイルを修復します。「DISM /Online /Cleanup-Image /RestoreHealth」(Windows 8 以降) を実行し、続けて「sfc /scannow」を実行して再起動します。',
            },
            {
              en: 'On Windows XP / Server 2003, reinstall the Windows Update Agent with Microsoft\'s standalone installer instead. If nothing brings the service back, the system may have been stripped by a "debloat" tool: rebuild or reinstall it.',
              ja: 'Windows XP / Server 2003 では、代わりに Microsoft のスタンドアロン インストーラーで Windows Update エージェントを再インストールします。それでもサービスが戻らない場合は、いわゆる「軽量化」ツールで削除された可能性があるため、システムの再構築や再インストールを検討してください。',
            },
          ],
          plan: [],
        },
      ],
    };
  }

  const evidence: Evidence[] = [
    textEvidence(stateLabel, `${SERVICE_STATE_TEXT[info.state].en} (${SERVICE_STATE_NUMBER[info.state]})`),
    textEvidence(startLabel, startTypeEvidence(info.startType, info.delayedAutoStart)),
  ];
  const stateText = SERVICE_STATE_TEXT[info.state];
  const def = spec.defaultStartType(era);

  if (info.startType === 'disabled') {
    const plan: Change[] = [
      { kind: 'service.start-type', service: name, startType: def.startType },
      { kind: 'service.start', service: name },
    ];
    // wuauserv: end with the same restart the policy fixes use, so when fixes are applied together the merged
    // restart runs after the service has been re-enabled (the executor keeps the last copy of a shared change).
    if (name.toLowerCase() === 'wuauserv') plan.push(RESTART_WUAUSERV);
    return {
      status: 'fail',
      summary: {
        en: `The ${spec.label.en} service (${name}) is disabled, so Windows refuses to start it (error 1058). ${spec.impact.en}`,
        ja: `${spec.label.ja} サービス (${name}) が無効になっているため、Windows はこのサービスを開始できません (エラー 1058)。${spec.impact.ja}`,
      },
      evidence,
      fixes: [
        {
          id: `${spec.id}:enable`,
          title: {
            en: `Set ${name} to ${START_TYPE_TEXT[def.startType].en} and start it`,
            ja: `${name} を「${START_TYPE_TEXT[def.startType].ja}」にして開始する`,
          },
          automatic: true,
          requiresAdmin: true,
          steps: [
            {
              en: `Change the start type of ${name} from disabled to ${START_TYPE_TEXT[def.startType].en}: ${def.why.en}`,
              ja: `${name} のスタートアップの種類を「無効」から「${START_TYPE_TEXT[def.startType].ja}」に変更します。${def.why.ja}`,
            },
            {
              en: `Start ${name} once to prove it can run${name.toLowerCase() === 'wuauserv' ? ', then restart it so it reads the current policy' : ''}.`,
              ja: `${name} を一度開始して動作できることを確認します${name.toLowerCase() === 'wuauserv' ? '。その後、現在のポリシーを読み込むよう再起動します' : ''}。`,
            },
            {
              en: 'If a Group Policy or a hardening script disabled the service, change it there too, or it will be disabled again.',
              ja: 'グループ ポリシーやセキュリティ強化スクリプトでサービスを無効にしている場合は、そちらも変更してください。変更しないと再び無効になります。',
            },
          ],
          plan,
        },
      ],
    };
  }

  const active = info.state === 'running' || info.state === 'start-pending';
  if (active) {
    return {
      status: 'pass',
      summary: {
        en: `The ${spec.label.en} service (${name}) is ${stateText.en} (start type ${START_TYPE_TEXT[info.startType].en}).`,
        ja: `${spec.label.ja} サービス (${name}) は${stateText.ja}です (スタートアップの種類: ${START_TYPE_TEXT[info.startType].ja})。`,
      },
      evidence,
    };
  }

  if (info.state === 'stopped' && info.startType === 'manual' && !spec.mustRunContinuously(era)) {
    return {
      status: 'pass',
      summary: {
        en: `The ${spec.label.en} service (${name}) is stopped with a manual start. That is normal: Windows starts it when it is needed.`,
        ja: `${spec.label.ja} サービス (${name}) は停止中で、スタートアップの種類は「手動」です。必要なときに Windows が開始するため、これは正常です。`,
      },
      evidence,
    };
  }

  if (info.state === 'stopped' && info.startType === 'manual') {
    return {
      status: 'warn',
      summary: {
        en: `The ${spec.label.en} service (${name}) is stopped with a manual start. On this Windows version it has to run all the time to detect on its schedule, so nothing happens until someone starts it.`,
        ja: `${spec.label.ja} サービス (${name}) は停止中で、スタートアップの種類は「手動」です。この Windows のバージョンではスケジュールどおりに検出するため常に動作している必要があり、誰かが開始するまで何も行われません。`,
      },
      evidence,
      fixes: [
        {
          id: `${spec.id}:set-default`,
          title: {
            en: `Set ${name} to ${START_TYPE_TEXT[def.startType].en} and start it`,
            ja: `${name} を「${START_TYPE_TEXT[def.startType].ja}」にして開始する`,
          },
          automatic: true,
          requiresAdmin: true,
          steps: [
            { en: `Change the start type of ${name} to ${START_TYPE_TEXT[def.startType].en}: ${def.why.en}`, ja: `${name} のスタートアップの種類を「${START_TYPE_TEXT[def.startType].ja}」に変更します。${def.why.ja}` },
            { en: `Start ${name}.`, ja: `${name} を開始します。` },
          ],
          plan: [
            { kind: 'service.start-type', service: name, startType: def.startType },
            { kind: 'service.start', service: name },
          ],
        },
      ],
    };
  }

  // Stopped although set to start automatically, or stuck stopping / paused.
  return {
    status: 'warn',
    summary: {
      en: `The ${spec.label.en} service (${name}) is ${stateText.en} although its start type is ${START_TYPE_TEXT[info.startType].en}. It may have crashed or been stopped by hand; start it and look in the System event log if it stops again.`,
      ja: `${spec.label.ja} サービス (${name}) はスタートアップの種類が「${START_TYPE_TEXT[info.startType].ja}」なのに${stateText.ja}の状態です。異常終了したか手動で停止された可能性があります。開始してみて、再び停止する場合はシステム イベント ログを確認してください。`,
    },
    evidence,
    fixes: [
      {
        id: `${spec.id}:start`,
        title: { en: `Start ${name}`, ja: `${name} を開始する` },
        automatic: true,
        requiresAdmin: true,
        steps: [{ en: `Start ${name} (stopping it first if it is stuck or paused).`, ja: `${name} を開始します (停止処理中や一時停止の場合は先に停止します)。` }],
        plan: [info.state === 'stopped' ? { kind: 'service.start', service: name } : { kind: 'service.restart', service: name }],
      },
    ],
  };
}

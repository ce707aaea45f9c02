import type { FixOffer } from '../../../shared/changes.js';
import type { Evidence } from '../../../shared/results.js';
import type { CheckImpl } from '../../engine/check.js';
import { textEvidence } from '../evidence.js';
import { quoteRaw } from './format.js';

/** The first Windows Update Agent that talks to WSUS is 5.8 (WSUS 2.0); SUS-era Automatic Updates is 5.4 and older. */
export const FIRST_WSUS_AGENT = { major: 5, minor: 8 } as const;

export interface FileVersion {
  major: number;
  minor: number;
  build: number;
  revision: number;
}

export function parseFileVersion(text: string): FileVersion | null {
  const m = /^\s*(\d{1,5})\.(\d{1,5})(?:\.(\d{1,5}))?(?:\.(\d{1,5}))?\s*$/.exec(text);
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), build: Number(m[3] ?? 0), revision: Number(m[4] ?? 0) };
}

export function isWsusCapable(v: FileVersion): boolean {
  return v.major > FIRST_WSUS_AGENT.major || (v.major === FIRST_WSUS_AGENT.major && v.minor >= FIRST_WSUS_AGENT.minor);
}

const susClientFix: FixOffer = {
  id: 'client.agent.version:get-wsus-agent',
  title: { en: 'Get the WSUS-capable agent onto this client', ja: 'このクライアントに WSUS 対応のエージェントを入れる' },
  automatic: false,
  requiresAdmin: true,
  steps: [
    {
      en: 'Make sure the policy points to the WSUS server (WUServer and UseWUServer), not to an old SUS server: a client that is pointed at SUS stays in the old mode and never asks WSUS for the new agent.',
      ja: 'ポリシーが古い SUS サーバーではなく WSUS サーバーを指していること (WUServer と UseWUServer) を確認します。SUS サーバーを指しているクライアントは古い動作のままで、WSUS に新しいエージェントを要求しません。',
    },
    {
      en: 'Make sure the server hands out its self-update files: run this tool in the server role on the WSUS server, or open http://<server>/selfupdate/wuident.cab from this client; the file must download without a logon prompt.',
      ja: 'サーバーが自己更新ファイルを配布していることを確認します。WSUS サーバー上でこのツールをサーバー ロールで実行するか、このクライアントから http://<サーバー>/selfupdate/wuident.cab を開き、ログオンを求められずにダウンロードできることを確認します。',
    },
    {
      en: 'Then reset the detection timers (the detection timer check offers it) and wait about 6 to 10 minutes: the client should replace its agent by itself.',
      ja: 'その後、検出タイマーをリセットし (検出タイマーのチェックで提案されます)、6 ～ 10 分ほど待ちます。クライアントが自分でエージェントを入れ替えるはずです。',
    },
    {
      en: 'If self-update still does not happen, install the Windows Update Agent by hand with Microsoft\'s standalone installer for this Windows version and architecture.',
      ja: 'それでも自己更新されない場合は、この Windows のバージョンとアーキテクチャに合った Microsoft のスタンドアロン インストーラーで Windows Update エージェントを手動でインストールします。',
    },
  ],
  plan: [],
};

export const agentVersion: CheckImpl = {
  id: 'client.agent.version',
  async run(ctx) {
    const os = await ctx.facts.os();
    const root = os.systemRoot.replace(/[\\/]+$/, '');
    const path = `${root}\\System32\\wuaueng.dll`;
    const raw = await ctx.facts.fileVersion(path);
    const evidence: Evidence[] = [];

    if (raw === null) {
      const stat = await ctx.machine.files.stat(path, ctx.signal);
      evidence.push(textEvidence({ en: path, ja: path }, stat.exists ? 'present, no version information' : 'not found'));
      if (!stat.exists) {
        return {
          status: 'warn',
          summary: {
            en: `The agent's engine file ${path} was not found, so its version is unknown. Without this file Windows Update cannot run; repair Windows (sfc /scannow) or reinstall the Windows Update Agent.`,
            ja: `エージェントの本体ファイル ${path} が見つからないため、バージョンがわかりません。このファイルがないと Windows Update は動作しません。Windows を修復する (sfc /scannow) か、Windows Update エージェントを再インストールしてください。`,
          },
          evidence,
        };
      }
      return {
        status: 'warn',
        summary: {
          en: `${path} exists but its version could not be read, so the tool cannot tell whether this agent can talk to WSUS.`,
          ja: `${path} は存在しますが、バージョンを読み取れませんでした。そのため、このエージェントが WSUS と通信できるか判断できません。`,
        },
        evidence,
      };
    }

    evidence.push(textEvidence({ en: `${path} file version`, ja: `${path} のファイル バージョン` }, raw));
    const v = parseFileVersion(raw);
    if (!v) {
      return {
        status: 'warn',
        summary: {
          en: `The version of ${path} reads ${quoteRaw(raw)}, which is not a version number, so the tool cannot tell whether this agent can talk to WSUS.`,
          ja: `${path} のバージョンが ${quoteRaw(raw)} と読み取れ、バージョン番号の形式ではありません。そのため、このエージェントが WSUS と通信できるか判断できません。`,
        },
        evidence,
      };
    }

    if (!isWsusCapable(v)) {
      return {
        status: 'fail',
        summary: {
          en: `The agent is version ${raw}, an Automatic Updates client from the SUS era. It cannot talk to WSUS until it replaces itself with the newer agent from the WSUS server's self-update folder, so that self-update path is what has to work. If the client is still pointed at an old SUS server it stays in the old mode: point it at WSUS.`,
          ja: `エージェントのバージョンは ${raw} で、SUS 時代の自動更新クライアントです。WSUS サーバーの自己更新フォルダーから新しいエージェントに入れ替わるまで WSUS と通信できないため、その自己更新の経路が動作する必要があります。クライアントが古い SUS サーバーを指したままの場合は古い動作が続くため、WSUS を指すように変更してください。`,
        },
        evidence,
        fixes: [susClientFix],
      };
    }

    const pv = os.parsedVersion;
    const win7 = pv !== null && pv.major === 6 && pv.minor === 1;
    const modern = os.era === 'nt6.2' || os.era === 'nt10';
    return {
      status: 'pass',
      summary: modern
        ? {
            en: `The agent is version ${raw} and can talk to WSUS. Windows 7 and later receive newer agents as ordinary updates, not through self-update.`,
            ja: `エージェントのバージョンは ${raw} で、WSUS と通信できます。Windows 7 以降では、新しいエージェントは自己更新ではなく通常の更新として配布されます。`,
          }
        : win7
          ? {
              en: `The agent is version ${raw} and can talk to WSUS. Windows 7 and later receive newer agents as ordinary updates, but Windows 7 / 2008 R2 still asks the server's self-update folder before each scan, so that folder must answer.`,
              ja: `エージェントのバージョンは ${raw} で、WSUS と通信できます。Windows 7 以降では新しいエージェントは通常の更新として配布されますが、Windows 7 / 2008 R2 はスキャンの前に毎回サーバーの自己更新フォルダーを確認するため、そのフォルダーが応答する必要があります。`,
            }
          : {
              en: `The agent is version ${raw} and can talk to WSUS. If the server offers a newer agent, the client fetches it through self-update before its next scan.`,
              ja: `エージェントのバージョンは ${raw} で、WSUS と通信できます。サーバーがより新しいエージェントを提供している場合、クライアントは次のスキャンの前に自己更新で取得します。`,
            },
      evidence,
    };
  },
};

/** Evidence of one HTTP request, exactly as it went: URL, status line, the headers that matter, timings, route, bytes. */
import { parseCabHeader } from '../../../shared/cab.js';
import type { Evidence } from '../../../shared/results.js';
import { clip, textEvidence } from '../evidence.js';
import type { SafeResponse } from './response.js';

/** The headers that tell what answered and why. */
const HEADERS = [
  'content-type',
  'content-length',
  'www-authenticate',
  'server',
  'location',
  'x-powered-by',
  'microsoftsharepointteamservices',
  'sprequestguid',
  'via',
  'proxy-authenticate',
];

const HEX_BYTES = 48;
const PREVIEW_CHARS = 240;

function ms(n: number | undefined): string | null {
  return n === undefined ? null : `${Math.round(n)} ms`;
}

/** "404 Not Found", or "no answer (timeout): connect ETIMEDOUT". */
export function statusLine(r: SafeResponse): string {
  if (r.outcome !== 'response') return clip(`no answer (${r.outcome})${r.message ? `: ${r.message}` : ''}`, 300);
  if (r.status === undefined) return clip(`no readable status${r.message ? `: ${r.message}` : ''}`, 300);
  return clip(`${r.status}${r.statusText ? ` ${r.statusText}` : ''}`, 200);
}

/** The first bytes as hex, and as text with anything unprintable shown as ".". */
export function firstBytes(body: Uint8Array): { hex: string; preview: string } {
  const hex = [...body.subarray(0, HEX_BYTES)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body.subarray(0, PREVIEW_CHARS * 4));
  // eslint-disable-next-line no-control-regex
  const preview = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g, '.').replace(/\s+/g, ' ').trim();
  return {
    hex: body.length > HEX_BYTES ? `${hex} …` : hex,
    preview: preview.length > PREVIEW_CHARS ? `${preview.slice(0, PREVIEW_CHARS)}…` : preview,
  };
}

export interface HttpEvidenceOptions {
  /** how the machine sends requests (HttpAdapter.route) */
  route: string;
  /** show the first bytes of the body (when something is wrong) */
  showBody: boolean;
}

export function httpEvidence(r: SafeResponse, o: HttpEvidenceOptions): Evidence[] {
  const ev: Evidence[] = [
    textEvidence({ en: 'Request', ja: '要求' }, clip(`GET ${r.url}`, 500)),
    textEvidence({ en: 'Answer (status)', ja: '応答 (ステータス)' }, statusLine(r)),
  ];
  if (r.finalUrl !== r.url) ev.push(textEvidence({ en: 'Final address (after redirects)', ja: '最終的なアドレス (リダイレクト後)' }, clip(r.finalUrl, 500)));
  if (r.hops.length > 0)
    ev.push(
      textEvidence(
        { en: 'Redirects followed', ja: 'たどったリダイレクト' },
        clip(r.hops.map((h) => `${h.status} ${h.url} → ${h.location ?? '(no Location header)'}`).join('\n'), 1_200),
      ),
    );
  if (r.outcome === 'response') {
    const lines = HEADERS.filter((h) => r.headers[h] !== undefined).map((h) => `${h}: ${clip(r.headers[h]!, 200)}`);
    ev.push(textEvidence({ en: 'Response headers that matter', ja: '重要な応答ヘッダー' }, lines.length > 0 ? lines.join('\n') : '(none of them were sent)'));
  }
  const timing = [
    ms(r.timings.connectMs) && `connect ${ms(r.timings.connectMs)}`,
    ms(r.timings.firstByteMs) && `first byte ${ms(r.timings.firstByteMs)}`,
    ms(r.timings.totalMs) && `total ${ms(r.timings.totalMs)}`,
  ].filter((x): x is string => typeof x === 'string');
  if (timing.length > 0) ev.push(textEvidence({ en: 'Timings', ja: '所要時間' }, timing.join(', ')));
  ev.push(
    textEvidence(
      { en: 'Route from this machine', ja: 'このマシンからの経路' },
      clip(`${o.route || '(not reported)'}${r.proxy ? `; this request went through the proxy ${r.proxy}` : ''}`, 400),
    ),
  );
  if (r.outcome === 'response') {
    const parts = [`${r.body.length} bytes read`];
    if (r.contentLength !== undefined) parts.push(`Content-Length ${r.contentLength}`);
    if (r.bodyTruncated) parts.push('the rest was not downloaded (the tool reads only the start)');
    if (r.incomplete) parts.push('the connection closed before the announced length');
    ev.push(textEvidence({ en: 'Body', ja: '本文' }, parts.join('; ')));
    const cab = parseCabHeader(r.body);
    if (cab.ok)
      ev.push(
        textEvidence(
          { en: 'Cabinet header', ja: 'CAB ヘッダー' },
          `MSCF, format ${cab.version}, declares ${cab.declaredSize} bytes, ${cab.folders} folder(s), ${cab.files} file(s)`,
        ),
      );
    if (o.showBody && r.body.length > 0) {
      const { hex, preview } = firstBytes(r.body);
      ev.push(textEvidence({ en: 'First bytes (hex)', ja: '先頭のバイト (16 進)' }, hex));
      ev.push(textEvidence({ en: 'First bytes as text', ja: '先頭のバイト (テキスト)' }, preview || '(nothing printable)'));
    }
  }
  return ev;
}

/**
 * The Windows Update log analyzer: reads WindowsUpdate.log (the legacy text log of XP to 8.1, or the text
 * that Get-WindowsUpdateLog makes on Windows 10 and later) and finds what matters for WSUS: which server
 * the agent used, the self-update checks and their outcome, scans, and error codes with their context.
 *
 * One pass over the text, no per-line objects kept, bounded samples; it never throws.
 */
import { explainCode, normaliseCode, type WuCodeExplanation } from '../../shared/wu-error-codes.js';
import type { L10n } from '../../shared/text.js';
import { decodeLogBytes, type LogEncoding } from './decode.js';
import { buildVerdict, type WuLogVerdict } from './wu-log-verdict.js';
import { classifyUrl, compareServers, parseRoot, policyRoot, type ServerRelation, type UrlInfo } from './wu-urls.js';

export type { WuLogVerdict } from './wu-log-verdict.js';

export type WuLogFormat = 'legacy' | 'windows10' | 'mixed' | 'unknown';

/** Where an error occurrence happened, judged from its line and the lines of the same thread just before it. */
export const ERROR_WHERE = ['selfupdate', 'wsus', 'protocol', 'microsoft', 'download', 'other-server', 'local'] as const;
export type ErrorWhere = (typeof ERROR_WHERE)[number];

export type ServerSource = 'wsus-server' | 'status-server' | 'service-url' | 'selfupdate-url' | 'content-url';

export interface ServerSeen {
  /** "http://host[:port]", normalised */
  root: string;
  sources: ServerSource[];
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** line number (1-based) of the last mention */
  lastLine: number;
  /** one full URL or value as the log wrote it */
  sampleUrl: string;
  /** how it relates to the policy's WUServer, when a policy server was given */
  policyRelation?: ServerRelation;
}

export type SelfUpdateOutcome = 'in-progress' | 'not-required' | 'skipped-by-directive' | 'update-required' | 'failed';

export interface SelfUpdateAttempt {
  at: string | null;
  line: number;
  outcome: SelfUpdateOutcome;
  /** the failure code the agent reported for the check (normalised) */
  code?: string;
  /** the self-update URL involved, when the log names it */
  url?: string;
  /** the HTTP status the server answered for the self-update files, when the log shows one */
  httpStatus?: number;
  /** the agent skipped its scan because of this check */
  scanSkipped: boolean;
  /** the log line that decided the outcome (at most 400 characters) */
  sample?: string;
}

export interface WuLogError {
  code: string;
  explanation: WuCodeExplanation;
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
  firstLine: number;
  lastLine: number;
  /** components that logged it (at most 8) */
  components: string[];
  where: Record<ErrorWhere, number>;
  /** occurrences attributed to the WSUS server (self-update, a WSUS URL, or protocol work when the log names a WSUS server) */
  wsusCount: number;
  /** line of the last occurrence attributed to WSUS, 0 if none */
  lastWsusLine: number;
  lastWsusSeen: string | null;
  /** first line it appeared on (at most 400 characters); the first WSUS-attributed line when there is one */
  sample: string;
  /** a URL on the same line or just before on the same thread (WSUS-attributed occurrences first) */
  url?: string;
}

export interface WuLogAnalysis {
  bytes: number;
  encoding: LogEncoding;
  codePage?: string;
  format: WuLogFormat;
  /** legacy format only: how the fields are separated */
  separator: 'tab' | 'space' | 'mixed' | null;
  lines: {
    total: number;
    parsed: number;
    unparsable: number;
    blank: number;
    /** longer than the analysed part of a line (8192 characters) */
    long: number;
  };
  lineEndings: 'crlf' | 'lf' | 'cr' | 'mixed' | 'none';
  endsWithNewline: boolean;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  /** the bytes look like binary data rather than text */
  binary: boolean;
  servers: ServerSeen[];
  /** the WSUS server the agent used most recently (not the status server) */
  currentServer: string | null;
  /** the status (reporting) server the agent named most recently */
  statusServer: string | null;
  microsoft: { lines: number; hosts: string[] };
  policy: {
    given: boolean;
    raw?: string;
    /** the policy value understood as a server root */
    root?: string;
    /** the current server compared with the policy; 'not-in-log' when the log names no WSUS server */
    relation?: ServerRelation | 'not-in-log';
    /** the current server differs from the policy */
    mismatch: boolean;
  };
  selfUpdate: {
    checks: number;
    failures: number;
    scanSkips: number;
    agentVersion: string | null;
    last: SelfUpdateAttempt | null;
    lastFailure: SelfUpdateAttempt | null;
  };
  scan: {
    lastExitCode: string | null;
    lastAt: string | null;
    /** line of the last scan that ended with 0x00000000 or found updates; 0 if none */
    lastSuccessLine: number;
    lastSuccessAt: string | null;
  };
  /** WSUS-attributed codes first, then by count */
  errors: WuLogError[];
  /** occurrences of codes beyond the distinct-code cap (not itemised, still counted here) */
  droppedOccurrences: number;
  verdict: WuLogVerdict;
}

export interface AnalyzeOptions {
  /** The policy's WUServer, to compare with the server the log shows. */
  policyServer?: string;
  /** TextDecoder label of the machine's ANSI code page; default "windows-1252". */
  ansiCodePage?: string;
}

const MAX_MSG = 8192;
const MAX_SAMPLE = 400;
const MAX_CODES = 64;
const MAX_SERVERS = 32;
const MAX_THREADS = 1024;
const THREAD_WINDOW = 100;

/** date, time, fraction, PID, TID, component: all three formats (legacy "2008-03-22 18:53:24:377", "2021/07/13 15:21:43.7104318", "2018.10.21 …"). */
const HEADER = /[ \t]*(\d{4})[-/.](\d\d)[-/.](\d\d)([ \t]+)(\d\d):(\d\d):(\d\d)([:.,])(\d{1,7})[ \t]+(\d{1,10})[ \t]+([0-9A-Fa-f]{1,16})[ \t]+([^ \t\r\n]+)[ \t]*/y;
/** The same header without captures: most lines are only counted, and captures cost an allocation each. */
const HEADER_FAST = /[ \t]*\d{4}[-/.]\d\d[-/.]\d\d[ \t]+\d\d:\d\d:\d\d[:.,]\d{1,7}[ \t]+\d{1,10}[ \t]+[0-9A-Fa-f]{1,16}[ \t]+[^ \t\r\n]+[ \t]*/y;
/**
 * The words that make a line worth a closer look: 0x, http(s):, hr =, fail, found N updates, error,
 * exit code, self-update, server url, wsus, [8 hex digits], client version. Grouped by first letter,
 * which the regular expression engine scans faster than the same words as a flat list.
 */
const PREFILTER = /0x|h(?:ttps?:|r\s*=)|f(?:ail|ound \d+ updates)|e(?:rror|xit code)|s(?:elf-?update|erver url)|wsus|\[[0-9a-f]{8}\]|client version/i;
const URL_RE = /https?:\/\/[^\s<>"'\]]+/gi;
const CODE_RE = /\b0x([0-9a-f]{8})\b|\[([0-9a-f]{8})\]|\b(?:hr|error|err|code|result|returned|with|failure|status)\s*[=:]?\s*([0-9a-f]{8})\b(?![-}])/gi;
const WINHTTP_DECIMAL_RE = /\b(?:error|err|lasterror)\s*[=:]?\s*(12\d{3})\b/gi;
const WSUS_SERVER_RE = /\bWSUS (status )?server:\s*(\S+)/i;
const SERVICE_URL_RE = /(?:Server URL\s*=|Got WSUS [A-Za-z/ ]*URL:)\s*(https?:\/\/\S+)/i;
const SU_START_RE = /Checking for agent SelfUpdate/i;
const SU_VERSION_RE = /Client version:\s*Core:\s*([\d.]+)/i;
const SU_NOT_REQUIRED_RE = /SelfUpdate is NOT required/i;
const SU_SKIP_DIRECTIVE_RE = /Skipping SelfUpdate check based on the \/SKIP directive/i;
const SU_REQUIRED_RE = /SelfUpdate is required/i;
const SU_FAIL_RE = /IsUpdateRequired failed|self-?update\b.*\bfail|self-?update check returned\s+(?:0x)?[89a-f][0-9a-f]{7}/i;
const SU_HINT_RE = /self-?update|IsUpdateRequired|wuident\.cab|wsus3setup|WuSetupV/i;
const SCAN_SKIP_RE = /Skipping scan/i;
const EXIT_RE = /Exit code\s*=\s*(0x[0-9a-f]{8})/i;
const FOUND_RE = /Found \d+ updates and \d+ categories in search/i;
const DOWNLOAD_COMPONENT_RE = /^(?:DnldMgr|DownloadManager|BITS|DO|DeliveryOptimization)$/i;
const DOWNLOAD_HINT_RE = /download|DO job|BG_ERROR/i;
const PROTOCOL_COMPONENT_RE = /^(?:PT|ProtocolTalker|WebServices|WS|Report|Reporter|SLS)$/i;
const PROTOCOL_HINT_RE = /sync|SendRequest|WinHttp|web service|SOAP|server|search|find updates|Finding updates|exit code/i;

/**
 * A copy of a piece of a larger string. A slice keeps the whole string it came from alive; the analyzer
 * keeps samples and URLs while it reads the next pieces of a file, so they are detached from the piece.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function emptyWhere(): Record<ErrorWhere, number> {
  return { selfupdate: 0, wsus: 0, protocol: 0, microsoft: 0, download: 0, 'other-server': 0, local: 0 };
}

interface ThreadContext {
  where: ErrorWhere;
  line: number;
  url?: string;
}

interface ErrorAcc extends Omit<WuLogError, 'wsusCount' | 'lastWsusLine' | 'lastWsusSeen' | 'explanation'> {
  explanation: WuCodeExplanation;
  lastLineByWhere: Record<ErrorWhere, number>;
  lastSeenByWhere: Partial<Record<ErrorWhere, string>>;
  wsusSample?: string;
  wsusUrl?: string;
  wsusUrlFromLine?: boolean;
}

interface ServerAcc extends ServerSeen {
  sourceSet: Set<ServerSource>;
}

function urlWhere(kind: UrlInfo['kind'], root: string | null, wsusRoots: Map<string, ServerAcc>, policyRootUrl: string | null): ErrorWhere {
  switch (kind) {
    case 'selfupdate':
      return 'selfupdate';
    case 'wsus-service':
    case 'wsus-content':
      return 'wsus';
    case 'microsoft':
      return 'microsoft';
    default:
      if (root && (wsusRoots.has(root) || root === policyRootUrl)) return 'wsus';
      return 'other-server';
  }
}

const WHERE_RANK: Record<ErrorWhere, number> = { selfupdate: 6, wsus: 5, microsoft: 4, 'other-server': 3, download: 2, protocol: 1, local: 0 };

/** Analyzes a WindowsUpdate.log. Never throws: any input gives a result. */
export function analyzeWindowsUpdateLog(bytes: Uint8Array, opts: AnalyzeOptions = {}): WuLogAnalysis {
  try {
    return analyze(bytes, opts);
  } catch (e) {
    // Defensive: the analyzer is written not to throw; if it ever does, report the input as unreadable.
    return failedAnalysis(bytes, opts, e);
  }
}

function failedAnalysis(bytes: Uint8Array, opts: AnalyzeOptions, e: unknown): WuLogAnalysis {
  const reason = e instanceof Error ? e.message : String(e);
  const summary: L10n = {
    en: `The log could not be analysed (${reason}).`,
    ja: `ログを解析できませんでした (${reason})。`,
  };
  return {
    bytes: bytes?.length ?? 0,
    encoding: 'ansi',
    format: 'unknown',
    separator: null,
    lines: { total: 0, parsed: 0, unparsable: 0, blank: 0, long: 0 },
    lineEndings: 'none',
    endsWithNewline: false,
    firstTimestamp: null,
    lastTimestamp: null,
    binary: false,
    servers: [],
    currentServer: null,
    statusServer: null,
    microsoft: { lines: 0, hosts: [] },
    policy: { given: opts.policyServer !== undefined, mismatch: false },
    selfUpdate: { checks: 0, failures: 0, scanSkips: 0, agentVersion: null, last: null, lastFailure: null },
    scan: { lastExitCode: null, lastAt: null, lastSuccessLine: 0, lastSuccessAt: null },
    errors: [],
    droppedOccurrences: 0,
    verdict: { kind: 'not-a-log', wsusProblem: false, codes: [], summary },
  };
}

/** What the caller knows about the bytes behind the text it feeds in. */
export interface WuLogSourceInfo {
  bytes: number;
  encoding: LogEncoding;
  codePage?: string;
  binaryRatio: number;
}

/**
 * The analyzer as a stream: feed it decoded text in pieces of any size (`push`), then `finish`. Only
 * bounded state is kept between pieces (counters, at most a few hundred servers, codes and threads, and
 * the unfinished last line).
 */
export interface WuLogAnalyzer {
  push(text: string): void;
  finish(info: WuLogSourceInfo): WuLogAnalysis;
}

function analyze(bytes: Uint8Array, opts: AnalyzeOptions): WuLogAnalysis {
  const decoded = decodeLogBytes(bytes, opts.ansiCodePage);
  const a = createWuLogAnalyzer(opts);
  a.push(decoded.text);
  const info: WuLogSourceInfo = { bytes: bytes.length, encoding: decoded.encoding, binaryRatio: decoded.binaryRatio };
  if (decoded.codePage !== undefined) info.codePage = decoded.codePage;
  return a.finish(info);
}

/** Lines longer than this (in characters) are cut when carried over between pieces. */
const MAX_CARRY = 1 << 20;

export function createWuLogAnalyzer(opts: AnalyzeOptions = {}): WuLogAnalyzer {
  const policy = policyRoot(opts.policyServer);
  const policyRootUrl = policy?.url ?? null;

  // Counters
  let total = 0;
  let parsed = 0;
  let unparsable = 0;
  let blank = 0;
  let long = 0;
  let crlf = 0;
  let lf = 0;
  let legacyLines = 0;
  let win10Lines = 0;
  let tabSep = 0;
  let spaceSep = 0;
  let firstHeaderPos = -1;
  let lastHeaderPos = -1;
  let firstTimestamp: string | null = null;
  let lastTimestamp: string | null = null;

  const servers = new Map<string, ServerAcc>();
  const errors = new Map<string, ErrorAcc>();
  let droppedOccurrences = 0;
  const threads = new Map<string, ThreadContext>();
  // The same few URLs repeat on thousands of lines: classify each once.
  const urlCache = new Map<string, UrlInfo | null>();
  const classify = (raw: string): UrlInfo | null => {
    let c = urlCache.get(raw);
    if (c === undefined) {
      if (urlCache.size >= 512) urlCache.clear();
      const own = detach(raw);
      c = classifyUrl(own);
      urlCache.set(own, c);
    }
    return c;
  };
  let msLines = 0;
  const msHosts: string[] = [];

  let suChecks = 0;
  let suFailures = 0;
  let suScanSkips = 0;
  let agentVersion: string | null = null;
  // Held in an object: assignments inside the helper closure below keep their declared type.
  const su: { current: SelfUpdateAttempt | null; lastFailure: SelfUpdateAttempt | null } = { current: null, lastFailure: null };
  let lastSelfUpdateUrl: { url: string; line: number } | null = null;
  let lastSelfUpdateHttp: { status: number; line: number } | null = null;

  let scanLastExit: string | null = null;
  let scanLastAt: string | null = null;
  let scanLastSuccessLine = 0;
  let scanLastSuccessAt: string | null = null;

  // A file with CR-only line ends (old Mac style) still splits into lines: decided on the first piece.
  let NL: '\n' | '\r' | null = null;
  const header = new RegExp(HEADER.source, HEADER.flags);
  const headerFast = new RegExp(HEADER_FAST.source, HEADER_FAST.flags);
  const prefilter = new RegExp(PREFILTER.source, 'gi');
  let endsWithNewline = false;
  let carry = '';

  const timestampAt = (text: string, p: number): string | null => {
    if (p < 0) return null;
    header.lastIndex = p;
    const m = header.exec(text);
    return m ? `${m[1]}-${m[2]}-${m[3]} ${m[5]}:${m[6]}:${m[7]}.${m[9]}` : null;
  };

  /**
   * Reads the lines of `text` from `from` to `n` (just after a line end, or the end of the text for the
   * last line). Bounds instead of a cut copy: the decoder's strings are read in place, already flat.
   */
  function lines(text: string, from = 0, n = text.length): void {
  const NLC = NL ?? '\n';
  let nextHit = -1;
  let nextHitEnd = -1;
  let pos = from;
  firstHeaderPos = -1;
  lastHeaderPos = -1;
  while (pos < n) {
    let nl = text.indexOf(NLC, pos);
    if (nl >= n) nl = -1;
    const hasNl = nl !== -1;
    if (!hasNl) nl = n;
    let end = nl;
    if (NLC === '\n' && end > pos && text.charCodeAt(end - 1) === 13) {
      end--;
      if (hasNl) crlf++;
    } else if (hasNl) lf++;
    endsWithNewline = hasNl && nl === n - 1;
    total++;
    const lineNo = total;
    const lineStart = pos;
    pos = nl + 1;

    headerFast.lastIndex = lineStart;
    if (end - lineStart < 20 || !headerFast.test(text) || headerFast.lastIndex > end) {
      let i = lineStart;
      while (i < end) {
        const c = text.charCodeAt(i);
        if (c !== 32 && c !== 9 && c !== 0xfeff) break;
        i++;
      }
      if (i === end) blank++;
      else unparsable++;
      continue;
    }
    parsed++;
    if (firstHeaderPos < 0) firstHeaderPos = lineStart;
    lastHeaderPos = lineStart;
    {
      // legacy "hh:mm:ss:fff" or Windows 10 "hh:mm:ss.fffffff", and what separates the date from the time
      let p = lineStart;
      for (let c = text.charCodeAt(p); c === 32 || c === 9; c = text.charCodeAt(++p));
      let q = p + 10;
      let tab = false;
      for (let c = text.charCodeAt(q); c === 32 || c === 9; c = text.charCodeAt(++q)) if (c === 9) tab = true;
      if (text.charCodeAt(q + 8) === 58) {
        legacyLines++;
        if (tab) tabSep++;
        else spaceSep++;
      } else win10Lines++;
    }

    const msgStart = headerFast.lastIndex;
    if (end - msgStart > MAX_MSG) long++;
    const msgEnd = Math.min(end, msgStart + MAX_MSG);
    // One search finds the next interesting word anywhere ahead, so the lines before it are passed over
    // without testing each of them.
    if (nextHit < msgStart) {
      prefilter.lastIndex = msgStart;
      const hit = prefilter.exec(text);
      nextHit = hit ? hit.index : Infinity;
      nextHitEnd = hit ? hit.index + hit[0].length : Infinity;
    }
    if (nextHit >= msgEnd) continue;
    if (nextHitEnd > msgEnd && !PREFILTER.test(text.slice(msgStart, msgEnd))) continue;
    const msg = text.slice(msgStart, msgEnd);
    header.lastIndex = lineStart;
    const m = header.exec(text);
    if (!m) continue; // cannot happen: the same pattern matched just before

    const component = m[12]!;
    const threadKey = `${m[10]}:${m[11]}`;
    let tsCache: string | null = null;
    const ts = (): string => (tsCache ??= `${m[1]}-${m[2]}-${m[3]} ${m[5]}:${m[6]}:${m[7]}.${m[9]}`);
    const sampleOf = (): string => detach(text.slice(lineStart, Math.min(end, lineStart + MAX_SAMPLE)));

    // --- URLs and servers -------------------------------------------------------------------
    let lineWhere: ErrorWhere | null = null;
    let lineUrl: string | undefined;
    let explicitRoot: string | null = null;
    let explicitSource: ServerSource | null = null;
    // Cheap substring tests on the lower-cased message decide which of the regular expressions can match.
    const low = msg.toLowerCase();
    const hasServer = low.includes('server');
    const serverLine = hasServer ? WSUS_SERVER_RE.exec(msg) : null;
    if (serverLine && /^https?:\/\//i.test(serverLine[2]!)) {
      const c = classify(serverLine[2]!);
      if (c?.root && c.kind !== 'microsoft') {
        explicitRoot = c.root;
        explicitSource = serverLine[1] ? 'status-server' : 'wsus-server';
      }
    } else {
      const svc = low.includes('url') ? SERVICE_URL_RE.exec(msg) : null;
      if (svc) {
        const c = classify(svc[1]!);
        if (c?.root && c.kind !== 'microsoft') {
          explicitRoot = c.root;
          explicitSource = c.kind === 'selfupdate' ? 'selfupdate-url' : c.kind === 'wsus-content' ? 'content-url' : 'service-url';
        }
      }
    }
    if (msg.includes('://')) {
      URL_RE.lastIndex = 0;
      let um: RegExpExecArray | null;
      let sawMicrosoft = false;
      let urls = 0;
      while ((um = URL_RE.exec(msg)) !== null && urls < 8) {
        urls++;
        const c = classify(um[0]);
        if (!c) continue;
        if (c.kind === 'microsoft') {
          sawMicrosoft = true;
          if (msHosts.length < 8 && !msHosts.includes(c.host)) msHosts.push(c.host);
        }
        let source: ServerSource | null = null;
        if (c.root && c.root === explicitRoot) source = explicitSource;
        else if (c.kind === 'selfupdate') source = 'selfupdate-url';
        else if (c.kind === 'wsus-service') source = 'service-url';
        else if (c.kind === 'wsus-content') source = 'content-url';
        if (source && c.root) recordServer(servers, c.root, source, ts(), lineNo, c.url);
        const w = urlWhere(c.kind, c.root, servers, policyRootUrl);
        if (lineWhere === null || WHERE_RANK[w] > WHERE_RANK[lineWhere]) {
          lineWhere = w;
          lineUrl = c.url;
        }
        if (c.kind === 'selfupdate') lastSelfUpdateUrl = { url: c.url, line: lineNo };
      }
      if (sawMicrosoft) msLines++;
    }
    const suHint =
      component === 'Setup' || ((low.includes('self') || low.includes('isupdaterequired') || low.includes('wuident') || low.includes('wsus3setup') || low.includes('wusetupv')) && SU_HINT_RE.test(msg));
    if (lineWhere !== null || suHint) {
      if (threads.size >= MAX_THREADS) threads.clear();
      const ctx: ThreadContext = { where: suHint ? 'selfupdate' : lineWhere!, line: lineNo };
      const url = lineUrl ?? (suHint ? threads.get(threadKey)?.url : undefined);
      if (url !== undefined) ctx.url = url;
      threads.set(threadKey, ctx);
    }

    // --- error codes ------------------------------------------------------------------------
    let codes: string[] | null = null;
    {
      CODE_RE.lastIndex = 0;
      let cm: RegExpExecArray | null;
      while ((cm = CODE_RE.exec(msg)) !== null) {
        const hex = (cm[1] ?? cm[2] ?? cm[3])!;
        const first = hex.charCodeAt(0) | 0x20; // lower-case
        // Only failures (severity bit set: 8..F); success and informational values are not errors.
        if (!((first >= 0x38 && first <= 0x39) || (first >= 0x61 && first <= 0x66))) continue;
        const code = `0x${hex.toUpperCase()}`;
        codes ??= [];
        if (!codes.includes(code) && codes.length < 8) codes.push(code);
      }
    }
    const winhttp = low.includes('winhttp');
    if (winhttp) {
      WINHTTP_DECIMAL_RE.lastIndex = 0;
      let wm: RegExpExecArray | null;
      while ((wm = WINHTTP_DECIMAL_RE.exec(msg)) !== null) {
        const code = normaliseCode(wm[1]!, { winHttpDecimal: true });
        if (code) {
          codes ??= [];
          if (!codes.includes(code) && codes.length < 8) codes.push(code);
        }
      }
    }

    if (codes) {
      let where: ErrorWhere;
      let url = lineUrl;
      const t = threads.get(threadKey);
      const recent = t !== undefined && lineNo - t.line <= THREAD_WINDOW ? t : undefined;
      if (suHint) {
        where = 'selfupdate';
        url ??= recent?.where === 'selfupdate' ? recent.url : undefined;
      } else if (lineWhere !== null) where = lineWhere;
      else if (recent && recent.where !== 'other-server' && recent.where !== 'local') {
        where = recent.where;
        url = recent.url;
      } else if (winhttp) where = 'protocol';
      else if (DOWNLOAD_COMPONENT_RE.test(component) || DOWNLOAD_HINT_RE.test(msg)) where = 'download';
      else if (PROTOCOL_COMPONENT_RE.test(component) || PROTOCOL_HINT_RE.test(msg)) where = 'protocol';
      else where = 'local';
      for (const code of codes) {
        let acc = errors.get(code);
        if (!acc) {
          if (errors.size >= MAX_CODES) {
            droppedOccurrences++;
            continue;
          }
          acc = {
            code,
            explanation: explainCode(code),
            count: 0,
            firstSeen: ts(),
            lastSeen: null,
            firstLine: lineNo,
            lastLine: lineNo,
            components: [],
            where: emptyWhere(),
            lastLineByWhere: emptyWhere(),
            lastSeenByWhere: {},
            sample: sampleOf(),
          };
          if (url !== undefined) acc.url = url;
          errors.set(code, acc);
        }
        acc.count++;
        acc.lastSeen = ts();
        acc.lastLine = lineNo;
        acc.where[where]++;
        acc.lastLineByWhere[where] = lineNo;
        acc.lastSeenByWhere[where] = ts();
        if (acc.components.length < 8 && !acc.components.includes(component)) acc.components.push(component);
        if (where === 'selfupdate' || where === 'wsus' || where === 'protocol') {
          if (acc.wsusSample === undefined) {
            acc.wsusSample = sampleOf();
            if (url !== undefined) acc.wsusUrl = url;
          } else if (lineUrl !== undefined && acc.wsusUrl !== lineUrl && !acc.wsusUrlFromLine) {
            // A URL written on the error's own line is more precise than one inherited from the thread.
            acc.wsusUrl = lineUrl;
          }
          if (lineUrl !== undefined && acc.wsusUrl === lineUrl) acc.wsusUrlFromLine = true;
        }
        if (where === 'selfupdate' && acc.explanation.httpStatus !== undefined) {
          lastSelfUpdateHttp = { status: acc.explanation.httpStatus, line: lineNo };
        }
      }
    }

    // --- self-update ------------------------------------------------------------------------
    if (suHint) {
      const failureCode = codes ? codes[codes.length - 1] : undefined;
      const startNew = (): SelfUpdateAttempt => {
        suChecks++;
        const a: SelfUpdateAttempt = { at: ts(), line: lineNo, outcome: 'in-progress', scanSkipped: false };
        su.current = a;
        return a;
      };
      // A success line belongs to the running check, or to one that just reported another success line.
      const successAttempt = (): SelfUpdateAttempt => {
        const cur = su.current;
        const same = cur !== null && (cur.outcome === 'in-progress' || (cur.outcome !== 'failed' && lineNo - cur.line <= 50));
        const a = same ? cur : startNew();
        a.line = lineNo;
        return a;
      };
      if (SU_START_RE.test(msg)) startNew();
      else if (SU_VERSION_RE.test(msg)) agentVersion = detach(SU_VERSION_RE.exec(msg)![1]!);
      else if (SU_NOT_REQUIRED_RE.test(msg)) successAttempt().outcome = 'not-required';
      else if (SU_SKIP_DIRECTIVE_RE.test(msg)) successAttempt().outcome = 'skipped-by-directive';
      else if (SU_REQUIRED_RE.test(msg)) successAttempt().outcome = 'update-required';
      else if (SU_FAIL_RE.test(msg) && failureCode !== undefined) {
        const cur = su.current;
        const sameAttempt = cur !== null && (cur.outcome === 'in-progress' || (cur.outcome === 'failed' && lineNo - cur.line <= 500));
        const a: SelfUpdateAttempt = sameAttempt ? cur : startNew();
        if (a.outcome !== 'failed') {
          suFailures++;
          a.outcome = 'failed';
          a.code = failureCode;
          a.sample = sampleOf();
        }
        a.line = lineNo;
        const u = lineUrl ?? (lastSelfUpdateUrl && lineNo - lastSelfUpdateUrl.line <= 200 ? lastSelfUpdateUrl.url : undefined);
        if (u !== undefined && a.url === undefined) a.url = u;
        if (lastSelfUpdateHttp && lineNo - lastSelfUpdateHttp.line <= 200 && a.httpStatus === undefined) a.httpStatus = lastSelfUpdateHttp.status;
        if (SCAN_SKIP_RE.test(msg) && !a.scanSkipped) {
          a.scanSkipped = true;
          suScanSkips++;
        }
        su.lastFailure = a;
      }
    }

    // --- scans ------------------------------------------------------------------------------
    const scanSkip = low.includes('skipping scan');
    if (scanSkip && codes) {
      scanLastExit = codes[codes.length - 1]!;
      scanLastAt = ts();
    } else if (component === 'Agent' || component === 'AU') {
      const ex = low.includes('exit code') ? EXIT_RE.exec(msg) : null;
      if (ex && (/Finding updates/i.test(msg) || /^\W*(?:WARNING:\s*)?Exit code/i.test(msg))) {
        scanLastExit = normaliseCode(ex[1]!) ?? ex[1]!;
        scanLastAt = ts();
        if (scanLastExit === '0x00000000') {
          scanLastSuccessLine = lineNo;
          scanLastSuccessAt = ts();
        }
      } else if (low.includes('found') && FOUND_RE.test(msg)) {
        scanLastExit = '0x00000000';
        scanLastAt = ts();
        scanLastSuccessLine = lineNo;
        scanLastSuccessAt = ts();
      }
    }
  }

  if (firstTimestamp === null && firstHeaderPos >= 0) firstTimestamp = timestampAt(text, firstHeaderPos);
  if (lastHeaderPos >= 0) lastTimestamp = timestampAt(text, lastHeaderPos) ?? lastTimestamp;
  }

  function push(piece: string): void {
    if (piece.length === 0) return;
    if (NL === null) NL = piece.indexOf('\n') === -1 && piece.indexOf('\r') !== -1 ? '\r' : '\n';
    const cut = piece.lastIndexOf(NL);
    if (cut < 0) {
      carry += piece;
      if (carry.length > MAX_CARRY) {
        // a line of more than a megabyte: keep its start (enough to analyse) and drop the rest
        carry = carry.slice(0, MAX_MSG * 2);
      }
      return;
    }
    let from = 0;
    if (carry.length > 0) {
      // the line begun in the pieces before ends here
      from = piece.indexOf(NL) + 1;
      lines(carry + piece.slice(0, from));
    }
    if (from <= cut) lines(piece, from, cut + 1);
    carry = piece.slice(cut + 1);
  }

  function finish(info: WuLogSourceInfo): WuLogAnalysis {
  if (carry.length > 0) {
    NL ??= '\n';
    lines(carry);
    carry = '';
  }
  // --- after the pass ---------------------------------------------------------------------------

  const serverList: ServerSeen[] = [...servers.values()].map(({ sourceSet: _s, ...rest }) => rest);
  const logNamesWsus = serverList.length > 0;
  // The current server: the agent's own "WSUS server:" statement wins; otherwise the latest non-status URL.
  const byLatest = (a: ServerSeen, b: ServerSeen) => b.lastLine - a.lastLine;
  const stated = serverList.filter((s) => s.sources.includes('wsus-server')).sort(byLatest);
  const used = serverList.filter((s) => s.sources.some((x) => x !== 'status-server')).sort(byLatest);
  const current = stated[0] ?? used[0] ?? null;
  const status = serverList.filter((s) => s.sources.includes('status-server')).sort(byLatest)[0] ?? null;

  let relation: ServerRelation | 'not-in-log' | undefined;
  let mismatch = false;
  if (policy) {
    for (const s of serverList) {
      const p = parseRoot(s.root);
      if (p) s.policyRelation = compareServers(p, policy);
    }
    if (!current) relation = 'not-in-log';
    else {
      relation = current.policyRelation ?? 'different';
      const onlySelfUpdateOn80 =
        current.sources.every((x) => x === 'selfupdate-url') && relation === 'same-host-other-port' && parseRoot(current.root)?.port === 80;
      mismatch = (relation === 'different' || relation === 'same-host-other-port') && !onlySelfUpdateOn80;
    }
  }

  const errorList: WuLogError[] = [...errors.values()].map((acc) => {
    const { lastLineByWhere, lastSeenByWhere, wsusSample, wsusUrl, wsusUrlFromLine: _fromLine, ...rest } = acc;
    const wsusWheres: ErrorWhere[] = logNamesWsus ? ['selfupdate', 'wsus', 'protocol'] : ['selfupdate', 'wsus'];
    let wsusCount = 0;
    let lastWsusLine = 0;
    let lastWsusSeen: string | null = null;
    for (const w of wsusWheres) {
      wsusCount += acc.where[w];
      if (lastLineByWhere[w] > lastWsusLine) {
        lastWsusLine = lastLineByWhere[w];
        lastWsusSeen = lastSeenByWhere[w] ?? null;
      }
    }
    const out: WuLogError = { ...rest, wsusCount, lastWsusLine, lastWsusSeen };
    if (wsusCount > 0 && wsusSample !== undefined) {
      out.sample = wsusSample;
      if (wsusUrl !== undefined) out.url = wsusUrl;
    }
    return out;
  });
  errorList.sort((a, b) => {
    const wa = a.wsusCount > 0 && a.explanation.network ? 1 : 0;
    const wb = b.wsusCount > 0 && b.explanation.network ? 1 : 0;
    const na = a.explanation.network ? 1 : 0;
    const nb = b.explanation.network ? 1 : 0;
    return wb - wa || b.wsusCount - a.wsusCount || nb - na || b.count - a.count || a.code.localeCompare(b.code);
  });

  let format: WuLogFormat = 'unknown';
  if (legacyLines > 0 && win10Lines > 0) format = 'mixed';
  else if (legacyLines > 0) format = 'legacy';
  else if (win10Lines > 0) format = 'windows10';
  let separator: WuLogAnalysis['separator'] = null;
  if (legacyLines > 0) separator = tabSep > 0 && spaceSep > 0 ? 'mixed' : tabSep > 0 ? 'tab' : 'space';
  let lineEndings: WuLogAnalysis['lineEndings'] = 'none';
  if (NL === '\r') lineEndings = 'cr';
  else if (crlf > 0 && lf > 0) lineEndings = 'mixed';
  else if (crlf > 0) lineEndings = 'crlf';
  else if (lf > 0) lineEndings = 'lf';

  const analysis: WuLogAnalysis = {
    bytes: info.bytes,
    encoding: info.encoding,
    format,
    separator,
    lines: { total, parsed, unparsable, blank, long },
    lineEndings,
    endsWithNewline,
    firstTimestamp,
    lastTimestamp,
    binary: info.binaryRatio > 0.1 || (parsed === 0 && info.binaryRatio > 0.02),
    servers: serverList,
    currentServer: current?.root ?? null,
    statusServer: status?.root ?? null,
    microsoft: { lines: msLines, hosts: msHosts },
    policy: { given: opts.policyServer !== undefined, mismatch },
    selfUpdate: {
      checks: suChecks,
      failures: suFailures,
      scanSkips: suScanSkips,
      agentVersion,
      last: su.current,
      lastFailure: su.lastFailure,
    },
    scan: { lastExitCode: scanLastExit, lastAt: scanLastAt, lastSuccessLine: scanLastSuccessLine, lastSuccessAt: scanLastSuccessAt },
    errors: errorList,
    droppedOccurrences,
    verdict: { kind: 'ok', wsusProblem: false, codes: [], summary: { en: '', ja: '' } },
  };
  if (info.codePage !== undefined) analysis.codePage = info.codePage;
  if (opts.policyServer !== undefined) analysis.policy.raw = opts.policyServer;
  if (policy) analysis.policy.root = policy.url;
  if (relation !== undefined) analysis.policy.relation = relation;
  analysis.verdict = buildVerdict(analysis);
  return analysis;
  }

  return { push, finish };
}

function recordServer(servers: Map<string, ServerAcc>, root: string, source: ServerSource, at: string, line: number, url: string): void {
  let s = servers.get(root);
  if (!s) {
    if (servers.size >= MAX_SERVERS) return;
    s = { root, sources: [], sourceSet: new Set(), count: 0, firstSeen: at, lastSeen: at, lastLine: line, sampleUrl: url };
    servers.set(root, s);
  }
  s.count++;
  s.lastSeen = at;
  s.lastLine = line;
  if (!s.sourceSet.has(source)) {
    s.sourceSet.add(source);
    s.sources.push(source);
  }
}

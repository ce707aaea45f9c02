/**
 * The single entry from a shell (Electron IPC, web harness) into the services: the method must be in
 * the API, its arguments must match the shared schema, and any failure leaves as an ApiErrorShape with
 * a message for the user. Nothing else reaches DoctorService.
 */
import { ApiError, type ApiErrorShape, type ApiMethod, type ProgressEvent, type SavedReport } from '../../shared/api.js';
import { API_SCHEMAS } from '../../shared/api-schemas.js';
import type { DoctorService } from './doctor-service.js';

export interface DispatchContext {
  /** progress of runChecks, sent to the caller as it happens */
  onProgress?: (event: ProgressEvent) => void;
  /** how this shell saves a report (a save dialog in the app, a download in the browser) */
  saveReport: (sessionId: string, options: { format: 'html' | 'json'; lang: 'en' | 'ja'; redact: boolean }) => Promise<SavedReport>;
  /** how this shell starts itself again elevated; absent where it cannot (the web harness) */
  relaunchAsAdmin?: () => Promise<{ started: boolean }>;
}

const NO_RELAUNCH: ApiErrorShape = {
  code: 'unavailable',
  message: {
    en: 'Only the desktop app on Windows can restart itself as administrator. Close this page and start the tool from an elevated prompt.',
    ja: '管理者として再起動できるのは Windows のデスクトップ アプリだけです。このページを閉じ、管理者として開いたプロンプトからツールを起動してください。',
  },
};

export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorShape };

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(API_SCHEMAS, name);
}

function badInput(detail: string): ApiErrorShape {
  return { code: 'bad-input', message: { en: `The request was not valid: ${detail}`, ja: `要求が正しくありません: ${detail}` } };
}

export async function dispatch(service: DoctorService, method: unknown, args: unknown, ctx: DispatchContext): Promise<DispatchResult> {
  if (!isApiMethod(method)) return { ok: false, error: badInput('unknown operation') };
  const parsed = API_SCHEMAS[method].safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // zod's message can quote the input (a 1 MB argument would come back whole): keep it short.
    const where = (issue?.path.join('.') || 'arguments').slice(0, 100);
    const what = (issue?.message ?? 'invalid').slice(0, 200);
    return { ok: false, error: badInput(`${where}: ${what}`) };
  }
  const a = parsed.data as unknown[];
  try {
    switch (method) {
      case 'listScenarios':
        return { ok: true, value: await service.listScenarios() };
      case 'detectRole':
        return { ok: true, value: await service.detectRole() };
      case 'startSession':
        return { ok: true, value: await service.startSession(a[0] as Parameters<DoctorService['startSession']>[0]) };
      case 'runChecks':
        return { ok: true, value: await service.runChecks(a[0] as string, ctx.onProgress) };
      case 'previewFixes':
        return { ok: true, value: await service.previewFixes(a[0] as string, a[1] as string[]) };
      case 'applyFixes':
        return { ok: true, value: await service.applyFixes(a[0] as string, a[1] as string[]) };
      case 'undoFix':
        return { ok: true, value: await service.undoFix(a[0] as string, a[1] as string) };
      case 'interruptedFixes':
        return { ok: true, value: await service.interruptedFixes(a[0] as string) };
      case 'recoverFix':
        return { ok: true, value: await service.recoverFix(a[0] as string, a[1] as string, a[2] as 'rollback' | 'finish') };
      case 'relaunchAsAdmin':
        if (!ctx.relaunchAsAdmin) return { ok: false, error: NO_RELAUNCH };
        return { ok: true, value: await ctx.relaunchAsAdmin() };
      case 'saveReport':
        return { ok: true, value: await ctx.saveReport(a[0] as string, a[1] as Parameters<DispatchContext['saveReport']>[1]) };
      case 'closeSession':
        return { ok: true, value: await service.closeSession(a[0] as string) };
    }
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, error: e.toShape() };
    const text = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { code: 'failed', message: { en: `Something went wrong: ${text}`, ja: `問題が発生しました: ${text}` } } };
  }
}

/**
 * The main-process end of the bridge, in the manner of VS Code's validatedIpcMain: one `ipcMain.handle`
 * per DoctorApi method on `wsus:<method>`. Each handler first checks who is asking (the main frame of the
 * main window, showing the app's own origin), then hands the arguments to dispatch(), which validates
 * them against API_SCHEMAS. Handlers always answer with a DispatchResult and never throw across IPC.
 */
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type SaveDialogOptions, type WebContents } from 'electron';
import { join } from 'node:path';
import { ApiError, type ApiErrorShape, type ApiMethod, type ProgressEvent, type SavedReport } from '../../shared/api.js';
import { API_METHODS } from '../../shared/api-schemas.js';
import { dispatch, type DispatchContext, type DispatchResult } from '../app/api-dispatch.js';
import type { DoctorService } from '../app/doctor-service.js';
import { ReportWriteError, writeTextFileAtomic } from '../report/write-report.js';
import { channelOf, isRunId, PROGRESS_CHANNEL } from './channels.js';
import { isAppUrl } from './origin.js';

export interface IpcDeps {
  service: DoctorService;
  /** The id of the main window's webContents; undefined while there is none. */
  mainWebContentsId: () => number | undefined;
  /** Starts the app again elevated and quits this one; absent where it cannot (not Windows, not packaged). */
  relaunchAsAdmin?: () => Promise<{ started: boolean }>;
}

type ReportOptions = Parameters<DispatchContext['saveReport']>[1];
type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export const NOT_ALLOWED: ApiErrorShape = {
  code: 'not-allowed',
  message: { en: 'This request did not come from the app window.', ja: 'この要求はアプリのウィンドウから送られたものではありません。' },
};

const BAD_RUN_ID: ApiErrorShape = {
  code: 'bad-input',
  message: { en: 'The request was not valid: runId', ja: '要求が正しくありません: runId' },
};

function failed(e: unknown): ApiErrorShape {
  const text = e instanceof Error ? e.message : String(e);
  return { code: 'failed', message: { en: `Something went wrong: ${text}`, ja: `問題が発生しました: ${text}` } };
}

/** The longest error message sent back (per language); a validation message can quote its input. */
export const MAX_ERROR_MESSAGE = 500;

function clip(text: string): string {
  return text.length <= MAX_ERROR_MESSAGE ? text : `${text.slice(0, MAX_ERROR_MESSAGE - 1)}…`;
}

/** The answer with its error message cut to MAX_ERROR_MESSAGE characters, so a huge argument never comes back huge. */
function bounded<T extends DispatchResult>(answer: T): T {
  if (answer.ok) return answer;
  const { en, ja } = answer.error.message;
  if (en.length <= MAX_ERROR_MESSAGE && ja.length <= MAX_ERROR_MESSAGE) return answer;
  return { ...answer, error: { ...answer.error, message: { en: clip(en), ja: clip(ja) } } };
}

/** The sender is the main frame of the main window, showing a page of the app's origin. */
export function isTrustedSender(event: SenderEvent, mainWebContentsId: number | undefined): boolean {
  if (mainWebContentsId === undefined) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!isAppUrl(frame.url)) return false;
  return event.sender.id === mainWebContentsId;
}

function defaultPath(fileName: string): string {
  try {
    return join(app.getPath('documents'), fileName);
  } catch {
    return fileName;
  }
}

/** saveReport in the app: render, ask where with a save dialog, write atomically. */
export async function saveReportWithDialog(service: DoctorService, sender: WebContents, sessionId: string, options: ReportOptions): Promise<SavedReport> {
  // Rendering first: "run the checks first" is reported without opening a dialog.
  const rendered = service.renderReport(sessionId, options);
  const ja = options.lang === 'ja';
  const dialogOptions: SaveDialogOptions = {
    title: ja ? 'レポートを保存' : 'Save report',
    defaultPath: defaultPath(rendered.fileName),
    filters:
      options.format === 'html'
        ? [{ name: ja ? 'HTML レポート' : 'HTML report', extensions: ['html'] }]
        : [{ name: ja ? 'JSON レポート' : 'JSON report', extensions: ['json'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const owner = BrowserWindow.fromWebContents(sender);
  const choice = owner ? await dialog.showSaveDialog(owner, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
  if (choice.canceled || !choice.filePath) return { saved: false };
  try {
    await writeTextFileAtomic(choice.filePath, rendered.content);
  } catch (e) {
    if (e instanceof ReportWriteError) throw new ApiError('failed', { en: e.message, ja: e.messageIn('ja') });
    throw e;
  }
  return { saved: true, location: choice.filePath };
}

/** One call on `wsus:<method>`: sender check, the runId of runChecks, then dispatch(). */
export async function handleInvoke(deps: IpcDeps, method: ApiMethod, event: SenderEvent, args: unknown[]): Promise<DispatchResult> {
  try {
    if (!isTrustedSender(event, deps.mainWebContentsId())) return { ok: false, error: NOT_ALLOWED };
    const sender = event.sender;
    const ctx: DispatchContext = {
      saveReport: (sessionId, options) => saveReportWithDialog(deps.service, sender, sessionId, options),
      ...(deps.relaunchAsAdmin ? { relaunchAsAdmin: deps.relaunchAsAdmin } : {}),
    };
    let callArgs = args;
    if (method === 'runChecks') {
      const [runId, ...rest] = args;
      if (!isRunId(runId)) return { ok: false, error: BAD_RUN_ID };
      callArgs = rest;
      ctx.onProgress = (progress: ProgressEvent) => {
        if (!sender.isDestroyed()) sender.send(PROGRESS_CHANNEL, runId, progress);
      };
    }
    return bounded(await dispatch(deps.service, method, callArgs, ctx));
  } catch (e) {
    return bounded({ ok: false, error: failed(e) });
  }
}

/** Installs the handlers; returns the function that removes them. */
export function registerIpc(deps: IpcDeps): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), (event, ...args: unknown[]) => handleInvoke(deps, method, event, args));
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(channelOf(method));
  };
}

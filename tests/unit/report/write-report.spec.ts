import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport, ReportSchema, type Report } from '../../../shared/report-model.js';
import { renderHtmlReport } from '../../../main/report/html-report.js';
import { ReportWriteError, writeHtmlReport, writeJsonReport } from '../../../main/report/write-report.js';
import { sampleApplied, sampleRun, TOOL } from './report-fixture.js';

const base = mkdtempSync(join(tmpdir(), 'wsus-doctor-report-'));
afterAll(() => {
  // give back write permission so the folder can be removed
  for (const entry of readdirSync(base)) chmodSync(join(base, entry), 0o755);
  rmSync(base, { recursive: true, force: true });
});

let n = 0;
function freshDir(): string {
  const dir = join(base, `case-${++n}`);
  mkdirSync(dir);
  return dir;
}

function report(): Report {
  return buildReport({ run: sampleRun(), fixesApplied: sampleApplied(), lang: 'en', tool: TOOL });
}

async function writeError(write: () => Promise<void>): Promise<ReportWriteError> {
  try {
    await write();
  } catch (e) {
    expect(e).toBeInstanceOf(ReportWriteError);
    return e as ReportWriteError;
  }
  throw new Error('expected the write to fail');
}

/**
 * A place this process cannot write. Permission bits do not stop root, so as root on Linux use
 * sysfs (no new files even for root); on Windows, rename cannot replace a read-only file.
 */
function readOnlyTarget(): string {
  const dir = freshDir();
  if (process.platform === 'win32') {
    const file = join(dir, 'report.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o444);
    return file;
  }
  if (process.getuid?.() === 0) return '/sys/wsus-doctor-report.json';
  chmodSync(dir, 0o555);
  return join(dir, 'report.json');
}

describe('writeJsonReport', () => {
  it('writes the validated report as indented JSON and leaves no temporary file', async () => {
    const dir = freshDir();
    const path = join(dir, 'report.json');
    const r = report();
    await writeJsonReport(path, r);
    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "schemaVersion": 1,');
    expect(JSON.parse(text)).toEqual(r);
    expect(ReportSchema.safeParse(JSON.parse(text)).success).toBe(true);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('replaces an existing report completely', async () => {
    const dir = freshDir();
    const path = join(dir, 'report.json');
    writeFileSync(path, 'x'.repeat(100_000));
    await writeJsonReport(path, report());
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(report());
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('refuses an invalid report and writes nothing', async () => {
    const dir = freshDir();
    const path = join(dir, 'report.json');
    const bad = report();
    (bad.checks[0] as { status: string }).status = 'ok';
    const e = await writeError(() => writeJsonReport(path, bad));
    expect(e.code).toBe('EINVALIDREPORT');
    expect(e.message).toMatch(/^Cannot write .*report\.json: the report is not valid against the report schema \(checks\.0\.status: /);
    expect(e.message).not.toContain('\n');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says the folder does not exist', async () => {
    const path = join(base, 'no-such-folder', 'report.json');
    const e = await writeError(() => writeJsonReport(path, report()));
    expect(e.message).toBe(`Cannot write ${path}: folder does not exist`);
    expect(e.code).toBe('ENOENT');
    expect(e.path).toBe(path);
    expect(e.messageIn('ja')).toBe(`${path} に書き込めません: フォルダーが存在しません`);
    expect(existsSync(join(base, 'no-such-folder'))).toBe(false);
  });

  it('says permission was denied on a read-only location', async () => {
    const path = readOnlyTarget();
    const e = await writeError(() => writeJsonReport(path, report()));
    expect(e.message).toMatch(new RegExp(`^Cannot write ${path.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}: (?:permission denied|the location is read-only)$`));
    expect(['EACCES', 'EPERM', 'EROFS']).toContain(e.code);
  });

  it('says when a folder has the report’s name', async () => {
    const dir = freshDir();
    mkdirSync(join(dir, 'report.json'));
    const e = await writeError(() => writeJsonReport(join(dir, 'report.json'), report()));
    expect(e.message).toBe(`Cannot write ${join(dir, 'report.json')}: a folder with that name exists`);
  });

  it('says when a part of the path is a file', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'file'), '');
    const e = await writeError(() => writeJsonReport(join(dir, 'file', 'report.json'), report()));
    expect(e.message).toMatch(/: (?:a part of the path is a file, not a folder|folder does not exist)$/);
    expect(readdirSync(dir)).toEqual(['file']);
  });
});

describe('writeHtmlReport', () => {
  it('writes the HTML as is and leaves no temporary file', async () => {
    const dir = freshDir();
    const path = join(dir, 'report.html');
    const html = renderHtmlReport(report());
    await writeHtmlReport(path, html);
    expect(readFileSync(path, 'utf8')).toBe(html);
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('turns file-system errors into ReportWriteError', async () => {
    const path = join(base, 'missing', 'report.html');
    const e = await writeError(() => writeHtmlReport(path, '<!DOCTYPE html>'));
    expect(e.message).toBe(`Cannot write ${path}: folder does not exist`);
    expect(e.name).toBe('ReportWriteError');
    expect(e.cause).toBeDefined();
  });
});

import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../main/cli/args.js';
import { UsageError } from '../../../main/app/errors.js';

describe('parseCommandLine', () => {
  it('parses a full check command', () => {
    const c = parseCommandLine(['check', '--role', 'client', '--scenario', 'client-healthy', '--json', 'o.json', '--html', 'o.html', '--lang', 'ja', '--timeout', '5000', '--fix', 'a:b,c.d', '--fix', 'e', '--dry-run']);
    expect(c).toMatchObject({ command: 'check', role: 'client', scenario: 'client-healthy', json: 'o.json', html: 'o.html', lang: 'ja', timeoutMs: 5000, fixIds: ['a:b', 'c.d', 'e'], dryRun: true });
  });

  it.each([
    [['check', '--role', 'desktop'], /--role/],
    [['check', '--lang', 'fr'], /--lang/],
    [['check', '--timeout', '10'], /--timeout/],
    [['check', '--timeout', '1e9'], /--timeout/],
    [['check', '--fix-all', '--fix', 'x'], /either/],
    [['check', '--yes'], /--fix/],
    [['check', '--fix', 'x;rm -rf /'], /not a fix/],
    [['check', '--bogus'], /bogus/],
    [['check', 'stray'], /Unexpected argument/],
    [['check', '--json', 'a', '--html', 'a'], /different/],
    [['frobnicate'], /Unknown command/],
    [['undo'], /backup file/],
    [['recover', '--rollback', '--finish'], /either --rollback or --finish/],
    [['recover', '--yes'], /go with --rollback or --finish/],
    [['recover', '--rollback', '--id', '..\\..\\x'], /not a journal entry id/],
    [['recover', 'stray'], /stray/],
  ])('rejects %j with a usage error', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });

  it('parses recover: list, or one action on one entry', () => {
    expect(parseCommandLine(['recover'])).toMatchObject({ command: 'recover', dryRun: false, yes: false });
    expect(parseCommandLine(['recover'])).not.toHaveProperty('action');
    expect(parseCommandLine(['recover', '--rollback', '--yes', '--id', '2026-11-20T10-00-00-000Z_client.policy.misspelled_rename'])).toMatchObject({
      command: 'recover',
      action: 'rollback',
      yes: true,
      id: '2026-11-20T10-00-00-000Z_client.policy.misspelled_rename',
    });
    expect(parseCommandLine(['recover', '--finish', '--dry-run'])).toMatchObject({ action: 'finish', dryRun: true });
  });

  it('gives help and version', () => {
    expect(parseCommandLine([])).toEqual({ command: 'help' });
    expect(parseCommandLine(['--version'])).toEqual({ command: 'version' });
  });
});

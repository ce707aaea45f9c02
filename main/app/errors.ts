/** A problem with what the user asked for (bad option, unknown scenario, unwritable path): exit code 2, one clear line. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A fix of an earlier run was interrupted; it must be rolled back or finished before another fix runs. */
export class InterruptedFixError extends Error {
  override name = 'InterruptedFixError';
  readonly journalIds: readonly string[];

  constructor(journalIds: readonly string[]) {
    super(
      `An earlier fix on this machine was interrupted before it finished (${journalIds.join(', ')}). ` +
        'Roll it back or finish it first: wsus-doctor recover',
    );
    this.journalIds = journalIds;
  }
}

/** A problem with what the user asked for (bad option, unknown scenario, unwritable path): exit code 2, one clear line. */
export class UsageError extends Error {
  override name = 'UsageError';
}

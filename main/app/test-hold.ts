/**
 * For the Windows tier's kill test only: with WSUS_DOCTOR_TEST_HOLD_AFTER_CHANGES=N and
 * WSUS_DOCTOR_TEST_HOLD_FILE=PATH, the process writes PATH after the N-th change of a fix batch and
 * then waits, so the test can kill it between two changes of one fix. Unset (always, outside that
 * test), it does nothing.
 */
import { writeFile } from 'node:fs/promises';

export function testHoldFromEnv(env: NodeJS.ProcessEnv = process.env): ((fixId: string, index: number) => Promise<void>) | undefined {
  const raw = env.WSUS_DOCTOR_TEST_HOLD_AFTER_CHANGES;
  const file = env.WSUS_DOCTOR_TEST_HOLD_FILE;
  if (raw === undefined || file === undefined || !/^[1-9]\d{0,3}$/.test(raw) || file.length === 0) return undefined;
  const after = Number(raw);
  let made = 0;
  return async (fixId, index) => {
    made += 1;
    if (made !== after) return;
    await writeFile(file, `${fixId} ${index}\n`);
    await new Promise<never>(() => {
      setInterval(() => {}, 60_000);
    });
  };
}

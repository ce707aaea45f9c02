/** Asks the user to confirm on a terminal. Anything but "y"/"yes" (or はい) is no. */
import { createInterface } from 'node:readline/promises';

export async function confirm(question: string, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<boolean> {
  const rl = createInterface({ input, output });
  try {
    const answer = await rl.question(`${question} `);
    return /^\s*(y|yes|はい)\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** sha256 (hex) of a file's bytes, or undefined when it cannot be read. */
async function hashFile(absPath: string): Promise<string | undefined> {
  try {
    return createHash('sha256').update(await readFile(absPath)).digest('hex');
  } catch {
    return undefined;
  }
}

/** Hashes many files, a few at a time. */
export async function hashFiles(absPaths: readonly string[], concurrency = 32): Promise<(string | undefined)[]> {
  const out: (string | undefined)[] = new Array(absPaths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < absPaths.length) {
      const i = next++;
      out[i] = await hashFile(absPaths[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, absPaths.length) }, worker));
  return out;
}

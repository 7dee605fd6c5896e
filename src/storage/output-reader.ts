import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { StorageError, UsageError } from '../errors.js';

/**
 * The output folder a reading command looks at: `--out`, else CODEGRAPH_OUT (as `index` does), else
 * `<repo>/.codegraph` with the repo defaulting to the working folder.
 */
export function resolveOutDir(repo: string | undefined, out: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  const chosen = out ?? (env['CODEGRAPH_OUT'] || undefined);
  if (chosen) return path.resolve(chosen);
  return path.resolve(repo ?? '.', '.codegraph');
}

export function fileExists(file: string): boolean {
  return existsSync(file);
}

/** Reads and parses graph.json; a missing file is a usage error, a truncated one a StorageError. */
export async function readGraphJson(file: string): Promise<unknown> {
  if (!existsSync(file)) throw new UsageError(`nothing to read: no graph.json in ${path.dirname(file)} (run codegraph index first)`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new StorageError(`cannot read ${file}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StorageError(`graph.json is not valid JSON (truncated or corrupt): ${reason}`, { cause: error });
  }
}

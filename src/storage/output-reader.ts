import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { StorageError, UsageError } from '../errors.js';

/** Where an output folder keeps its files (CONTRACT.md, "Output folder"). */
export interface OutputPaths {
  readonly outDir: string;
  readonly graphJson: string;
  readonly kuzu: string;
  readonly report: string;
}

export function outputPaths(outDir: string): OutputPaths {
  const dir = path.resolve(outDir);
  return {
    outDir: dir,
    graphJson: path.join(dir, 'graph.json'),
    kuzu: path.join(dir, 'graph.kuzu'),
    report: path.join(dir, 'report.json'),
  };
}

/** `--out DIR` when given, else `<repo>/.codegraph` with the repo defaulting to the working folder. */
export function resolveOutDir(repo: string | undefined, out: string | undefined): string {
  if (out) return path.resolve(out);
  return path.resolve(repo ?? '.', '.codegraph');
}

export function fileExists(file: string): boolean {
  return existsSync(file);
}

/** Reads and parses graph.json; a missing file is a usage error, a truncated one a StorageError. */
export async function readGraphJson(file: string): Promise<unknown> {
  if (!existsSync(file)) throw new UsageError(`nothing to read: no graph.json in ${path.dirname(file)} (run codegraph index first)`);
  return parseJsonFile(file, 'graph.json');
}

/** Reads report.json when it is there; an unreadable one counts as absent (it is informative only). */
export async function readReportJson(file: string): Promise<unknown> {
  if (!existsSync(file)) return undefined;
  try {
    return await parseJsonFile(file, 'report.json');
  } catch {
    return undefined;
  }
}

async function parseJsonFile(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new StorageError(`cannot read ${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StorageError(`${what} is not valid JSON (truncated or corrupt): ${reason}`, { cause: error });
  }
}

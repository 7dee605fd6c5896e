import { readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { IndexReport } from '../report/index-report.js';
import { writeDurably } from './output-dir.js';

export async function writeReport(path: string, report: IndexReport): Promise<void> {
  await writeDurably(path, `${JSON.stringify(report, null, 2)}\n`);
}

/** Replaces a report in place, atomically (used when a later step adds to it). */
export async function replaceReport(path: string, report: IndexReport): Promise<void> {
  // Named like every staged file, so that one left by a killed process is cleaned up.
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeReport(tmp, report);
  await rename(tmp, path);
}

/** The last run's report, or undefined when there is none or it cannot be read. */
export async function readReport(path: string): Promise<IndexReport | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'));
    return typeof value === 'object' && value !== null ? (value as IndexReport) : undefined;
  } catch {
    return undefined;
  }
}

import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { IndexOptions } from '../config/options.js';
import { GRAPH_JSON, GRAPH_KUZU, REPORT_JSON, type FileStamp, type OutputTransaction } from '../storage/output-dir.js';
import { readReport, replaceReport } from '../storage/report-file.js';
import type { IndexReport } from '../report/index-report.js';
import { CODEGRAPH_VERSION, EXTRACTION_VERSION } from '../version.js';
import { GRAPH_FORMAT_VERSION } from '../graph/model.js';
import { readGraphVersion } from '../storage/output-reader.js';
import type { SourceFile } from '../model/source-file.js';
import type { ParsedUnit } from '../model/parsed-unit.js';
import { hashFiles } from '../discover/hash.js';

// An index whose inputs and outputs are both unchanged since a clean run need not run at all.

export function inputFingerprint(
  options: IndexOptions,
  files: readonly SourceFile[],
  hashes: readonly (string | undefined)[] | undefined,
  configHash: string,
): string {
  // Without content hashes (--no-incremental) the fingerprint is unique: never "unchanged".
  if (!hashes) return randomBytes(32).toString('hex');
  const hash = createHash('sha256');
  hash.update(JSON.stringify([CODEGRAPH_VERSION, EXTRACTION_VERSION, GRAPH_FORMAT_VERSION, options.rootName, options.include, options.exclude, options.maxFileSize, configHash]));
  // An unreadable file makes it unique too.
  files.forEach((f, i) => hash.update(`\n${f.relPath}\0${hashes[i] ?? `unread-${Math.random()}`}\0${f.size}`));
  return hash.digest('hex');
}

/** Whether a last run's output is there to be found unchanged (its report exists). */
export async function mayBeUnchanged(tx: OutputTransaction, options: IndexOptions): Promise<boolean> {
  return options.incremental && (await tx.hasFile(REPORT_JSON));
}

/**
 * The files' content hashes as the parse read them (the same sha256 of the same bytes); a file the
 * parse did not read whole (too large, unreadable, a failed worker) is hashed here.
 */
export async function contentHashes(files: readonly SourceFile[], units: readonly ParsedUnit[]): Promise<(string | undefined)[]> {
  const hashes: (string | undefined)[] = units.map((u) => (u.hash === '' ? undefined : u.hash));
  const missing = files.flatMap((f, i) => (hashes[i] === undefined ? [i] : []));
  const read = await hashFiles(missing.map((i) => files[i]!.absPath));
  missing.forEach((fileIndex, k) => (hashes[fileIndex] = read[k]));
  return hashes;
}

/**
 * The last report, when it was a clean, validated run over the same inputs and its output files are
 * untouched since (same size and mtime): then its output is exactly what this run would write.
 */
export async function unchangedSince(tx: OutputTransaction, options: IndexOptions, fingerprint: string): Promise<IndexReport | undefined> {
  if (!options.incremental) return undefined;
  const previous = await readReport(path.join(options.outDir, REPORT_JSON));
  if (!previous || previous.fingerprint !== fingerprint || previous.exitCode !== 0 || !isConsistent(previous.validation)) return undefined;
  if (previous.kuzu?.status !== (options.kuzu ? 'ok' : 'disabled')) return undefined;
  if (!sameStamp(previous.outputs?.graphJson, await tx.stamp(GRAPH_JSON))) return undefined;
  if (options.kuzu && !sameStamp(previous.outputs?.graphKuzu, await tx.stamp(GRAPH_KUZU))) return undefined;
  return previous;
}

/**
 * A message when the output folder holds a graph.json of another format: neither its parse cache
 * nor its "unchanged" shortcut applies (their keys differ), so everything is indexed again.
 */
export async function formatChange(outDir: string): Promise<string | undefined> {
  const version = await readGraphVersion(path.join(outDir, GRAPH_JSON));
  if (version === undefined || version === GRAPH_FORMAT_VERSION) return undefined;
  return `${path.join(outDir, GRAPH_JSON)} is graph format version ${version}; writing version ${GRAPH_FORMAT_VERSION}: indexing every file again`;
}

/** Keeps the last run's output and verdict; only the report's run details change. */
export async function keepPrevious(previous: IndexReport, run: { options: IndexOptions; timings: Readonly<Record<string, number>>; startedAt: string }): Promise<{ report: IndexReport }> {
  const { options, timings } = run;
  const report: IndexReport = {
    ...previous,
    startedAt: run.startedAt,
    durationMs: timings['total'] ?? 0,
    options: { ...options },
    files: { ...previous.files, reparsed: 0 },
    timings: { ...timings },
    unchanged: true,
    exitCode: 0,
  };
  await replaceReport(path.join(options.outDir, REPORT_JSON), report);
  return { report };
}

function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  return a !== undefined && b !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

function isConsistent(validation: unknown): boolean {
  return typeof validation === 'object' && validation !== null && (validation as { consistent?: unknown }).consistent === true;
}


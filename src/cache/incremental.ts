import path from 'node:path';
import { hashFiles } from '../discover/hash.js';
import { fromCache, PARSE_CACHE, readParseCache, writeParseCache } from '../storage/parse-cache.js';
import type { OutputTransaction } from '../storage/output-dir.js';
import { CODEGRAPH_VERSION, EXTRACTION_VERSION } from '../version.js';
import { GRAPH_FORMAT_VERSION } from '../graph/model.js';
import { parseFiles } from '../pipeline/parse.js';
import type { ParsedUnit } from '../model/parsed-unit.js';
import type { ProgressListener } from '../model/phases.js';
import type { SourceFile } from '../model/source-file.js';

export interface ParseSettings {
  readonly outDir: string;
  readonly workers: number;
  readonly maxFileSize: number;
  readonly incremental: boolean;
  /** The files' content hashes, when the caller has them already. */
  readonly hashes?: readonly (string | undefined)[];
  /** Stops the parse at once. */
  readonly signal?: AbortSignal;
}

export interface ParseResult {
  /** One unit per file, in the files' order. */
  readonly units: readonly ParsedUnit[];
  /** How many files were parsed this run (the rest came from the cache). */
  readonly reparsed: number;
  /** Stages the cache for the next run; returns the [staged, final name] pair to commit. */
  saveCache(tx: OutputTransaction): Promise<[string, string] | undefined>;
}

/**
 * Parses the files, reusing the previous run's unit for every file whose path and content hash are
 * unchanged. Units depend only on a file's own bytes, and every later step is recomputed from all
 * units, so the graph is the one a full run would build.
 */
export async function parseWithCache(
  files: readonly SourceFile[],
  settings: ParseSettings,
  listener?: ProgressListener,
): Promise<ParseResult> {
  // Units hold definition ids, so a cache from another graph format is never reused.
  const key = `${CODEGRAPH_VERSION}:extraction-${EXTRACTION_VERSION}:graph-${GRAPH_FORMAT_VERSION}:${settings.maxFileSize}`;
  const cachePath = path.join(settings.outDir, PARSE_CACHE);
  const cache = settings.incremental ? await readParseCache(cachePath, key) : new Map();
  const units: (ParsedUnit | undefined)[] = new Array(files.length);
  const todo: number[] = [];
  if (cache.size > 0) {
    const hashes = settings.hashes ?? (await hashFiles(files.map((f) => f.absPath)));
    files.forEach((file, i) => {
      const cached = cache.get(file.relPath);
      if (cached && hashes[i] !== undefined && cached.hash === hashes[i]) {
        units[i] = fromCache(cached, file);
      } else todo.push(i);
    });
  } else {
    files.forEach((_, i) => todo.push(i));
  }
  const fresh = await parseFiles(
    todo.map((i) => files[i]!),
    { workers: settings.workers, maxFileSize: settings.maxFileSize, ...(settings.signal ? { signal: settings.signal } : {}) },
    listener,
  );
  todo.forEach((fileIndex, k) => {
    units[fileIndex] = fresh[k];
  });
  const all = units as ParsedUnit[];
  return {
    units: all,
    reparsed: todo.length,
    async saveCache(tx) {
      if (!settings.incremental) return undefined;
      const staged = tx.staged(PARSE_CACHE);
      await writeParseCache(staged, key, all);
      return [staged, PARSE_CACHE];
    },
  };
}

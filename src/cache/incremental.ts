import path from 'node:path';
import { hashFiles } from '../discover/hash.js';
import { fromCache, PARSE_CACHE, ParseCacheWriter, readParseCache } from '../storage/parse-cache.js';
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
  /** Where this run stages its parse cache (incremental runs), written while the files are parsed. */
  readonly stagedCache?: string;
}

export interface ParseResult {
  /** One unit per file, in the files' order. */
  readonly units: readonly ParsedUnit[];
  /** How many files were parsed this run (the rest came from the cache). */
  readonly reparsed: number;
  /** The next run's cache, staged and complete (written during the parse): the pair to commit. */
  readonly cacheFile?: readonly [staged: string, final: string];
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
  // The next run's cache is written as this one goes: a kept unit's line as it was read, a parsed
  // one's as soon as it is parsed. Nothing of it is left to do at the end of the run.
  const staged = settings.incremental ? settings.stagedCache : undefined;
  const writer = staged !== undefined ? ParseCacheWriter.create(staged, key) : undefined;
  const units: (ParsedUnit | undefined)[] = new Array(files.length);
  const todo: number[] = [];
  try {
    if (cache.size > 0) {
      const hashes = settings.hashes ?? (await hashFiles(files.map((f) => f.absPath)));
      files.forEach((file, i) => {
        const cached = cache.get(file.relPath);
        if (cached && hashes[i] !== undefined && cached.unit.hash === hashes[i]) {
          units[i] = fromCache(cached.unit, file);
          writer?.add(cached.line);
        } else todo.push(i);
      });
      cache.clear();
    } else {
      files.forEach((_, i) => todo.push(i));
    }
    const fresh = await parseFiles(
      todo.map((i) => files[i]!),
      { workers: settings.workers, maxFileSize: settings.maxFileSize, ...(settings.signal ? { signal: settings.signal } : {}), ...(writer ? { onCacheLine: (line: string) => writer.add(line) } : {}) },
      listener,
    );
    todo.forEach((fileIndex, k) => {
      units[fileIndex] = fresh[k];
    });
    await writer?.end();
  } catch (error) {
    await writer?.discard();
    throw error;
  }
  const all = units as ParsedUnit[];
  return { units: all, reparsed: todo.length, ...(staged !== undefined ? { cacheFile: [staged, PARSE_CACHE] as const } : {}) };
}

import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import type { ParsedUnit } from '../model/parsed-unit.js';
import type { SourceFile } from '../model/source-file.js';
import { ChunkedWriter } from './text-file.js';

export const PARSE_CACHE = 'parse-cache.jsonl';

interface CacheHeader {
  readonly kind: 'codegraph-parse-cache';
  /** The cache holds units only for the same codegraph version and parse settings. */
  readonly key: string;
}

export type CachedUnit = Omit<ParsedUnit, 'file'> & { readonly relPath: string };

/** A unit read from the cache, with its line as it was written (to be written again as it is). */
export interface CacheEntry {
  readonly unit: CachedUnit;
  readonly line: string;
}

/** Reads the cache; anything unexpected (missing, other key, torn line) gives an empty cache. */
export async function readParseCache(path: string, key: string): Promise<Map<string, CacheEntry>> {
  const entries = new Map<string, CacheEntry>();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return entries;
  }
  const lines = text.split('\n');
  try {
    const header = JSON.parse(lines[0] ?? '') as CacheHeader;
    if (header.kind !== 'codegraph-parse-cache' || header.key !== key) return entries;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (line === '') continue;
      const unit = JSON.parse(line) as CachedUnit;
      entries.set(unit.relPath, { unit, line: `${line}\n` });
    }
  } catch {
    entries.clear();
  }
  return entries;
}

/**
 * The cache file being written while the files are parsed: lines (model/unit-line.ts) in any order (the reader keys
 * units by path), each written as it comes, so the end of the run has no cache left to write.
 */
export class ParseCacheWriter {
  private readonly writer: ChunkedWriter;
  private pending: Promise<void>;

  private constructor(private readonly out: WriteStream, header: CacheHeader) {
    this.writer = new ChunkedWriter(out);
    this.pending = this.writer.write(`${JSON.stringify(header)}\n`);
  }

  static create(path: string, key: string): ParseCacheWriter {
    return new ParseCacheWriter(createWriteStream(path, { encoding: 'utf8' }), { kind: 'codegraph-parse-cache', key });
  }

  add(line: string): void {
    // A line joins the piece being gathered; a full piece is flushed after the ones before it, so
    // a failed write fails every later one and end().
    if (this.writer.add(line)) this.pending = this.pending.then(() => this.writer.flush());
  }

  /** Writes what is left and closes the file; rejects with the first write error. */
  async end(): Promise<void> {
    await this.pending;
    await this.writer.end();
  }

  /** Closes the file without finishing it (the run stopped; the staged file is removed). */
  async discard(): Promise<void> {
    this.pending.catch(() => undefined);
    this.out.destroy();
    if (!this.out.closed) await once(this.out, 'close');
  }
}

export function fromCache(cached: CachedUnit, file: SourceFile): ParsedUnit {
  const { relPath: _relPath, ...rest } = cached;
  return { ...rest, file };
}

import { readFile } from 'node:fs/promises';
import type { ParsedUnit } from '../model/parsed-unit.js';
import type { SourceFile } from '../model/source-file.js';
import { writeTextFile } from './text-file.js';

export const PARSE_CACHE = 'parse-cache.jsonl';

interface CacheHeader {
  readonly kind: 'codegraph-parse-cache';
  /** The cache holds units only for the same codegraph version and parse settings. */
  readonly key: string;
}

export type CachedUnit = Omit<ParsedUnit, 'file'> & { readonly relPath: string };

/** Reads the cache; anything unexpected (missing, other key, torn line) gives an empty cache. */
export async function readParseCache(path: string, key: string): Promise<Map<string, CachedUnit>> {
  const units = new Map<string, CachedUnit>();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return units;
  }
  const lines = text.split('\n');
  try {
    const header = JSON.parse(lines[0] ?? '') as CacheHeader;
    if (header.kind !== 'codegraph-parse-cache' || header.key !== key) return units;
    for (let i = 1; i < lines.length; i++) {
      if (lines[i] === '') continue;
      const unit = JSON.parse(lines[i]!) as CachedUnit;
      units.set(unit.relPath, unit);
    }
  } catch {
    units.clear();
  }
  return units;
}

export async function writeParseCache(path: string, key: string, units: readonly ParsedUnit[]): Promise<void> {
  const header: CacheHeader = { kind: 'codegraph-parse-cache', key };
  await writeTextFile(path, async (writer) => {
    await writer.write(`${JSON.stringify(header)}\n`);
    for (const unit of units) {
      const { file, ...rest } = unit;
      await writer.write(`${JSON.stringify({ relPath: file.relPath, ...rest })}\n`);
    }
  });
}

export function fromCache(cached: CachedUnit, file: SourceFile): ParsedUnit {
  const { relPath: _relPath, ...rest } = cached;
  return { ...rest, file };
}

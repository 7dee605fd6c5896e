import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// STYLE.md's layering, checked on every value import of src/ (type-only imports are erased).
const SRC = path.join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)) found.push(m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) found.push(m[1]!);
  return found;
}

const files = sources(SRC).map((abs) => ({ rel: path.relative(SRC, abs).split(path.sep).join('/'), abs }));
const resolveIn = (rel: string, spec: string): string => path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec));
const area = (rel: string): string => rel.split('/')[0]!;

describe('layering', () => {
  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it('only discover/, storage/ and cli/ import node:fs', () => {
    const offenders = files.filter((f) => !['discover', 'storage', 'cli'].includes(area(f.rel)) && valueImports(f.abs).some((s) => /^(node:)?fs(\/promises)?$/.test(s)));
    expect(offenders.map((f) => f.rel)).toEqual([]);
  });

  it('nothing outside cli/ imports cli/', () => {
    const offenders = files.filter((f) => area(f.rel) !== 'cli' && valueImports(f.abs).some((s) => s.startsWith('.') && area(resolveIn(f.rel, s)) === 'cli'));
    expect(offenders.map((f) => f.rel)).toEqual([]);
  });

  it('report/ does not import pipeline/', () => {
    const offenders = files.filter((f) => area(f.rel) === 'report' && valueImports(f.abs).some((s) => s.startsWith('.') && area(resolveIn(f.rel, s)) === 'pipeline'));
    expect(offenders.map((f) => f.rel)).toEqual([]);
  });

  it('processors never see Kuzu, the CLI or the terminal', () => {
    const processors = files.filter((f) => f.rel.startsWith('pipeline/') && !['pipeline/run.ts', 'pipeline/incremental.ts', 'pipeline/unchanged.ts'].includes(f.rel));
    const offenders = processors.filter((f) => {
      const text = readFileSync(f.abs, 'utf8');
      return valueImports(f.abs).some((s) => s === 'kuzu' || s === 'ora' || s === 'chalk' || s.includes('/storage/')) || /\bconsole\.(log|error|warn)\(/.test(text);
    });
    expect(offenders.map((f) => f.rel)).toEqual([]);
  });
});

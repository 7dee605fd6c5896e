import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// STYLE.md's layering, checked on every import of src/: values and types alike (a type import
// couples the layers as much as a value import does, even though it is erased at run time).
const SRC = path.join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Every module a file names: `import`/`export … from`, side-effect imports, `import('…')` in code or types. */
function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s+['"]([^'"]+)['"]/gms)) found.push(m[1]!);
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push(m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

const files = sources(SRC).map((abs) => {
  const rel = path.relative(SRC, abs).split(path.sep).join('/');
  const text = readFileSync(abs, 'utf8');
  const specs = importsOf(text);
  const local = specs.filter((s) => s.startsWith('.')).map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(rel), s)));
  return { rel, text, specs, local };
});

/** A file's area: its top folder under src/, or `base` for the files directly in src/. */
const area = (rel: string): string => (rel.includes('/') ? rel.split('/')[0]! : 'base');

/**
 * The layers, lowest first. A file may import its own layer and the layers below it, never above.
 * Shared types (model/) sit below everything that passes them around.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['base', 'languages', 'graph', 'config'],
  ['model'],
  ['resolve', 'discover', 'diff', 'check'],
  ['storage', 'report', 'validate', 'query'],
  ['pipeline', 'cache'],
  ['orchestrator'],
  ['cli'],
];
const layerOf = (a: string): number => LAYERS.findIndex((layer) => layer.includes(a));

describe('layering', () => {
  it('has sources to check, each in a known layer', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(files.filter((f) => layerOf(area(f.rel)) < 0).map((f) => f.rel)).toEqual([]);
  });

  it('reads type imports, side-effect imports and import() types', () => {
    const text = "import type { A } from './a.js';\nexport type { B } from './b.js';\nimport './c.js';\ntype D = import('./d.js').D;\nimport {\n  type E,\n} from './e.js';";
    expect(importsOf(text)).toEqual(['./a.js', './b.js', './e.js', './c.js', './d.js']);
  });

  it('no file imports a layer above its own', () => {
    const offenders = files.flatMap((f) =>
      f.local.filter((target) => layerOf(area(target)) > layerOf(area(f.rel))).map((target) => `${f.rel} -> ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only discover/, storage/ and cli/ import node:fs', () => {
    const offenders = files.filter((f) => !['discover', 'storage', 'cli'].includes(area(f.rel)) && f.specs.some((s) => /^(node:)?fs(\/promises)?$/.test(s)));
    expect(offenders.map((f) => f.rel)).toEqual([]);
  });

  it('report/ does not import pipeline/', () => {
    const offenders = files.filter((f) => area(f.rel) === 'report' && f.local.some((t) => area(t) === 'pipeline'));
    expect(offenders.map((f) => f.rel)).toEqual([]);
  });

  it('processors never see Kuzu, storage, the CLI or the terminal; only orchestrator/ wires them to the stores', () => {
    const processors = files.filter((f) => area(f.rel) === 'pipeline');
    const offenders = processors.filter(
      (f) =>
        f.specs.some((s) => s === 'kuzu' || s === 'ora' || s === 'chalk') ||
        f.local.some((t) => ['storage', 'cache', 'cli'].includes(area(t))) ||
        /\bconsole\.(log|error|warn)\(/.test(f.text),
    );
    expect(offenders.map((f) => f.rel)).toEqual([]);
  });
});

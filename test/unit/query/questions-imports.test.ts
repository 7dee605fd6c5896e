import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deps, impact, path } from '../../../src/query/questions.js';
import type { StoreName } from '../../../src/query/store.js';
import { brief, indexFixture, type Indexed } from './indexed.js';

// test/fixtures/questions-imports: a -> b -> c -> a (an import cycle), entry -> a, lone alone;
// a imports lodash, c imports @scope/parser and node:fs, entry imports react.
// test/fixtures/questions-heritage: Square extends Shape implements Drawable, TinySquare extends
// Square, render() calls new Square().draw().
let imports: Indexed;
let heritage: Indexed;
beforeAll(async () => {
  [imports, heritage] = await Promise.all([indexFixture('questions-imports'), indexFixture('questions-heritage')]);
});
afterAll(async () => {
  await Promise.all([imports.close(), heritage.close()]);
});

describe.each<StoreName>(['kuzu', 'json'])('deps, impact and path over imports and heritage from %s', (name) => {
  it('deps at depth 1: imports, importers with the import line, and the packages of the file', async () => {
    const answer = await deps(imports.stores[name], 'a.ts', { depth: 1 });
    if (answer.question !== 'deps' || answer.kind !== 'rows') throw new Error(answer.kind);
    expect(answer.rows.map((r) => `${r.direction} ${r.distance} ${r.file}:${r.importLine}`)).toEqual(['imports 1 src/b.ts:2', 'importedBy 1 src/c.ts:3', 'importedBy 1 src/entry.ts:2']);
    expect(answer.packages).toEqual([{ package: 'lodash', distance: 1, files: ['src/a.ts'] }]);
  });

  it('deps around an import cycle: each file once, and packages one step past their importer', async () => {
    const answer = await deps(imports.stores[name], 'src/a.ts', { depth: Infinity });
    if (answer.question !== 'deps' || answer.kind !== 'rows') throw new Error(answer.kind);
    expect(answer.rows.map((r) => `${r.direction} ${r.distance} ${r.file}`)).toEqual([
      'imports 1 src/b.ts',
      'imports 2 src/c.ts',
      'importedBy 1 src/c.ts',
      'importedBy 1 src/entry.ts',
      'importedBy 2 src/b.ts',
    ]);
    // node:fs is a builtin, not a package; react is imported by an importer, not a dependency.
    expect(answer.packages).toEqual([
      { package: 'lodash', distance: 1, files: ['src/a.ts'] },
      { package: '@scope/parser', distance: 3, files: ['src/c.ts'] },
    ]);
    const lone = await deps(imports.stores[name], 'lone.ts', { depth: Infinity });
    expect(lone).toMatchObject({ kind: 'rows', rows: [], packages: [] });
    expect(await deps(imports.stores[name], 'alone.ts', { depth: 1 })).toMatchObject({ kind: 'unknown', nearest: ['lone.ts'] });
  });

  it('impact of a file in an import cycle ends where the cycle closes', async () => {
    expect(brief(await impact(imports.stores[name], 'b.ts', { depth: Infinity }))).toEqual(['1 file src/a.ts', '2 file src/c.ts', '2 file src/entry.ts']);
  });

  it('path along imports, and no path out of a lone file', async () => {
    expect(brief(await path(imports.stores[name], 'entry.ts', 'c.ts'))).toEqual(['0 file src/entry.ts', '1 file src/a.ts', '2 file src/b.ts', '3 file src/c.ts']);
    expect(brief(await path(imports.stores[name], 'lone.ts', 'a.ts'))).toEqual([]);
  });

  it('impact of a class reaches subclasses, the callers of new X(), and importers; an interface its implementers', async () => {
    const shape = await impact(heritage.stores[name], 'Shape', { depth: Infinity });
    expect(brief(shape)).toEqual(['1 file src/square.ts', '1 Square src/square.ts', '2 file src/tiny.ts', '2 TinySquare src/tiny.ts', '2 file src/use.ts', '2 render src/use.ts']);
    expect(shape.kind === 'rows' && shape.question === 'impact' && shape.rows.map((r) => r.relation)).toEqual(['IMPORTS', 'INHERITS', 'IMPORTS', 'INHERITS', 'IMPORTS', 'CALLS']);
    expect(shape.kind === 'rows' && shape.question === 'impact' && shape.seeds.map((s) => `${s.label} ${s.name}`)).toEqual(['File shape.ts', 'Class Shape', 'Method area']);
    const drawable = await impact(heritage.stores[name], 'Drawable', { depth: 1 });
    expect(drawable.kind === 'rows' && drawable.question === 'impact' && drawable.rows.map((r) => `${r.name} ${r.relation}`)).toEqual(['square.ts IMPORTS', 'Square IMPLEMENTS']);
  });
});

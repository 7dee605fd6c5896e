import { describe, expect, it } from 'vitest';
import { buildHeritage } from '../../../src/pipeline/heritage.js';
import { buildImports } from '../../../src/pipeline/imports.js';
import { fixturePipeline } from '../resolve/fixture-pipeline.js';

describe('imports through the parser (imports-cjs-esm)', () => {
  it('links require, template-literal require, dynamic import and ESM imports of CommonJS', async () => {
    const { units, symbols } = await fixturePipeline('imports-cjs-esm');
    const out = buildImports(units, symbols);
    const edge = (source: string, target: string, specifier: string, names: string[], kind: string, line: number) => [
      `File:${source}`,
      `File:${target}`,
      { specifiers: [specifier], ...(names.length > 0 ? { names } : {}), kinds: [kind], line },
    ];
    expect(out.fragment.relationships.map((r) => [r.source, r.target, r.properties])).toEqual([
      edge('lib/app.js', 'lib/store.js', './store', ['*'], 'require', 1),
      edge('lib/app.js', 'lib/util.js', './util', ['helper'], 'require', 2),
      edge('lib/app.js', 'src/esm.ts', '../src/esm', ['greet'], 'require', 3),
      edge('lib/app.js', 'src/lazy.ts', '../src/lazy.js', ['*'], 'dynamic', 4),
      edge('src/consumer.ts', 'lib/store.js', '../lib/store.js', ['default'], 'static', 1),
      edge('src/consumer.ts', 'lib/util.js', '../lib/util.js', ['helper'], 'static', 2),
    ]);
    expect(out.counts).toEqual({
      imports: 8,
      resolved: 6,
      external: 0,
      builtin: 1,
      unresolved: 1,
      nonSource: 0,
      edges: 6,
      externalPackages: 0,
      'kind.dynamic': 1,
      'kind.require': 4,
      'kind.static': 3,
      'unresolved.no-such-file': 1,
    });
    expect(out.diagnostics).toEqual([
      { file: 'lib/app.js', line: 5, severity: 'warning', code: 'unresolved-import', message: "cannot resolve './missing': no such file" },
    ]);
  });

  it('maps CommonJS bindings both ways in the import map', async () => {
    const { units, symbols } = await fixturePipeline('imports-cjs-esm');
    const ids = new Map<string, string>(units.flatMap((u) => u.definitions.map((d) => [`${u.file.relPath}#${d.qualifiedName}`, d.id] as const)));
    const def = (key: string) => ({ kind: 'definition', id: ids.get(key), viaImport: true });
    expect(symbols.resolveName('lib/app.js', ['Store'])).toEqual(def('lib/store.js#Store'));
    expect(symbols.resolveName('lib/app.js', ['Store', 'create'])).toEqual(def('lib/store.js#Store.create'));
    expect(symbols.resolveName('lib/app.js', ['helper'])).toEqual(def('lib/util.js#helper'));
    expect(symbols.resolveName('lib/app.js', ['greet'])).toEqual(def('src/esm.ts#greet'));
    expect(symbols.resolveName('lib/app.js', ['later'])).toEqual({ kind: 'module', path: 'src/lazy.ts' });
    expect(symbols.resolveName('src/consumer.ts', ['Store'])).toEqual(def('lib/store.js#Store'));
    expect(symbols.resolveName('src/consumer.ts', ['helper'])).toEqual(def('lib/util.js#helper'));
    expect(symbols.resolveName('src/consumer.ts', ['fs'])).toEqual({ kind: 'external', packageName: 'node:fs' });
  });
});

describe('CommonJS barrels that spread require() into module.exports (imports-cjs-spread)', () => {
  it('re-exports every name of the spread modules, like export *', async () => {
    const { units, symbols } = await fixturePipeline('imports-cjs-spread');
    const out = buildImports(units, symbols);
    expect(out.fragment.relationships.map((r) => [r.source, r.target, r.properties])).toEqual([
      ['File:lib/index.js', 'File:lib/impl.js', { specifiers: ['./impl'], names: ['*'], kinds: ['re-export'], line: 3 }],
      ['File:lib/index.js', 'File:lib/more.js', { specifiers: ['./more'], names: ['*'], kinds: ['re-export'], line: 4 }],
      ['File:lib/use.js', 'File:lib/index.js', { specifiers: ['./index'], names: ['Base', 'helper', 'more'], kinds: ['require'], line: 1 }],
    ]);
    const ids = new Map<string, string>(units.flatMap((u) => u.definitions.map((d) => [`${u.file.relPath}#${d.qualifiedName}`, d.id] as const)));
    const def = (key: string) => ({ kind: 'definition', id: ids.get(key), viaImport: true });
    expect(symbols.resolveName('lib/use.js', ['Base'])).toEqual(def('lib/impl.js#Base'));
    expect(symbols.resolveName('lib/use.js', ['helper'])).toEqual(def('lib/impl.js#helper'));
    expect(symbols.resolveName('lib/use.js', ['more'])).toEqual(def('lib/more.js#more'));
  });

  it('resolves a class extended through the barrel', async () => {
    const { units, symbols } = await fixturePipeline('imports-cjs-spread');
    const ids = new Map<string, string>(units.flatMap((u) => u.definitions.map((d) => [`${u.file.relPath}#${d.qualifiedName}`, d.id] as const)));
    const out = buildHeritage(units, symbols);
    expect(out.fragment.relationships.map((r) => [r.type, r.source, r.target])).toEqual([
      ['INHERITS', ids.get('lib/use.js#Child'), ids.get('lib/impl.js#Base')],
    ]);
    expect(ids.get('lib/impl.js#Base')).toBe('Class:lib/impl.js:Base');
    expect(out.diagnostics).toEqual([]);
  });
});

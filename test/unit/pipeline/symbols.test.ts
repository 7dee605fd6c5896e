import { describe, expect, it } from 'vitest';
import { createSymbolResolver } from '../../../src/pipeline/symbols.js';
import type { ParsedUnit } from '../../../src/model/parsed-unit.js';
import { createModuleResolver } from '../../../src/resolve/module-resolver.js';
import { def, exp, imp, unit } from '../resolve/units.js';

function importMap(units: ParsedUnit[]) {
  return createSymbolResolver(units, createModuleResolver(units.map((u) => u.file.relPath)));
}

describe('import map: re-export chains, barrels and cycles', () => {
  const Base = def('src/base.ts', 'Class', 'Base', 1, { exported: true });
  const make = def('src/def.ts', 'Function', 'make', 1);
  const units = [
    unit('src/base.ts', { definitions: [Base], exports: [exp('Base', 1, { definition: Base })] }),
    unit('src/def.ts', { definitions: [make], exports: [exp('default', 1, { definition: make })] }),
    unit('src/mid.ts', {
      imports: [imp('./base', 're-export', 1, [['Core', 'Base']]), imp('./cycle-a', 're-export', 2, [['*', '*']])],
    }),
    unit('src/index.ts', {
      imports: [imp('./mid.js', 're-export', 1, [['*', '*']]), imp('./def', 're-export', 2, [['Def', 'default']])],
    }),
    unit('src/object.ts', { exports: [exp('default', 1)] }), // export default { … }
    unit('src/cycle-a.ts', { imports: [imp('./cycle-b', 're-export', 1, [['*', '*']])] }),
    unit('src/cycle-b.ts', {
      imports: [imp('./cycle-a', 're-export', 1, [['*', '*']]), imp('./cycle-a', 're-export', 2, [['ghost', 'ghost']])],
    }),
    unit('src/user.ts', {
      imports: [
        imp('.', 'static', 1, [['Core', 'Core'], ['Def', 'Def'], ['ghost', 'ghost'], ['Alias', 'Core']]),
        imp('./index', 'static', 2, [['ns', '*']]),
        imp('./missing', 'static', 3, [['lost', 'lost']]),
        imp('react', 'static', 4, [['React', 'default']]),
      ],
    }),
  ];
  const symbols = importMap(units);

  it('follows renamed re-exports through barrels of barrels to the definition', () => {
    expect(symbols.resolveName('src/user.ts', ['Core'])).toEqual({ kind: 'definition', id: Base.id, viaImport: true });
    expect(symbols.resolveName('src/user.ts', ['Alias'])).toEqual({ kind: 'definition', id: Base.id, viaImport: true });
    expect(symbols.resolveName('src/user.ts', ['Def'])).toEqual({ kind: 'definition', id: make.id, viaImport: true });
    expect(symbols.resolveExport('src/index.ts', 'Core')).toEqual({ kind: 'definition', id: Base.id, viaImport: true });
  });

  it('resolves through a namespace import', () => {
    expect(symbols.resolveName('src/user.ts', ['ns'])).toEqual({ kind: 'module', path: 'src/index.ts' });
    expect(symbols.resolveName('src/user.ts', ['ns', 'Core'])).toEqual({ kind: 'definition', id: Base.id, viaImport: true });
  });

  it('ends a re-export cycle without a definition as unresolved "cycle"', () => {
    expect(symbols.resolveName('src/user.ts', ['ghost'])).toEqual({ kind: 'unresolved', reason: 'cycle' });
    expect(symbols.resolveExport('src/cycle-a.ts', 'anything')).toEqual({ kind: 'unresolved', reason: 'cycle' });
  });

  it('answers a name path the same whatever was asked before, as a resolver asked only that', () => {
    const queries: [string, string[], ('value' | 'type')?][] = [
      ['src/user.ts', ['ghost']],
      ['src/user.ts', ['ns']],
      ['src/user.ts', ['ns', 'Core']],
      ['src/user.ts', ['ns', 'ghost']],
      ['src/user.ts', ['Core'], 'type'],
      ['src/user.ts', ['Core']],
      ['src/cycle-b.ts', ['ghost']],
      ['src/user.ts', ['lost']],
      ['src/user.ts', ['window']],
    ];
    const alone = queries.map(([file, path, space]) => importMap(units).resolveName(file, path, space));
    for (const order of [queries, [...queries].reverse()]) {
      const shared = importMap(units);
      const answers = new Map(order.map((q) => [q, shared.resolveName(q[0], q[1], q[2])]));
      // Asked twice: the second answer is the first.
      for (const q of order) expect(shared.resolveName(q[0], q[1], q[2])).toEqual(answers.get(q));
      expect(queries.map((q) => answers.get(q))).toEqual(alone);
    }
    expect(alone[1]).toEqual({ kind: 'module', path: 'src/index.ts' });
    expect(alone[2]).toEqual({ kind: 'definition', id: Base.id, viaImport: true });
  });

  it("keeps the answers of the files asked last only, and answers a file asked again after its answers went as before", () => {
    // More files than the memo keeps (64). A name no file defines: each answer is an object of its own.
    const callers = Array.from({ length: 100 }, (_, i) => unit(`src/c${i}.ts`, { imports: [imp('.', 'static', 1, [['Core', 'Core']])] }));
    const shared = importMap([...units, ...callers]);
    const first = callers.map((c) => shared.resolveName(c.file.relPath, ['nothing']));
    expect(first[0]).toEqual({ kind: 'unresolved', reason: "'nothing' is not defined or imported in src/c0.ts" });
    expect(shared.resolveName('src/c0.ts', ['Core'])).toEqual({ kind: 'definition', id: Base.id, viaImport: true });
    // A file asked lately keeps its answer (the same object); the first file's went when c64 was
    // asked, and comes back equal.
    expect(shared.resolveName('src/c99.ts', ['nothing'])).toBe(first[99]);
    expect(shared.resolveName('src/c0.ts', ['nothing'])).not.toBe(first[0]);
    expect(shared.resolveName('src/c0.ts', ['nothing'])).toEqual(first[0]);
    expect(shared.resolveName('src/c50.ts', ['nothing'])).toBe(first[50]);
  });

  it('says why a name does not resolve', () => {
    expect(symbols.resolveName('src/user.ts', ['lost'])).toEqual({ kind: 'unresolved', reason: "import './missing': no such file" });
    expect(symbols.resolveName('src/user.ts', ['React'])).toEqual({ kind: 'external', packageName: 'react' });
    expect(symbols.resolveName('src/user.ts', ['window'])).toEqual({
      kind: 'unresolved',
      reason: "'window' is not defined or imported in src/user.ts",
    });
    expect(symbols.resolveName('src/base.ts', ['Base'])).toEqual({ kind: 'definition', id: Base.id, viaImport: false });
    expect(symbols.resolveExport('src/object.ts', 'default')).toEqual({
      kind: 'unresolved',
      reason: "'default' of src/object.ts is an expression, not a declaration",
    });
    expect(symbols.resolveExport('src/object.ts', 'other')).toEqual({ kind: 'unresolved', reason: "'other' is not exported by src/object.ts" });
  });

  it('lists import bindings with their resolution', () => {
    expect(symbols.importedBinding('src/user.ts', 'Alias')).toEqual({
      local: 'Alias',
      imported: 'Core',
      specifier: '.',
      kind: 'static',
      line: 1,
      module: { kind: 'file', path: 'src/index.ts' },
      symbol: { kind: 'definition', id: Base.id, viaImport: true },
    });
    expect(symbols.importedBindings('src/user.ts').map((b) => b.local)).toEqual(['Core', 'Def', 'ghost', 'Alias', 'ns', 'lost', 'React']);
    expect(symbols.importedBinding('src/user.ts', 'nothing')).toBeUndefined();
  });
});

describe('import map: CommonJS in both directions', () => {
  const Store = def('lib/store.js', 'Class', 'Store', 1);
  const create = def('lib/store.js', 'Method', 'create', 2, { owner: Store });
  const helper = def('lib/util.js', 'Function', 'helper', 1);
  const esm = def('src/esm.ts', 'Function', 'esm', 1, { exported: true });
  const units = [
    // class Store { static create() {} }  module.exports = Store;
    unit('lib/store.js', { definitions: [Store, create], exports: [exp('export=', 4, { local: 'Store' })] }),
    // exports.helper = function helper() {}
    unit('lib/util.js', { definitions: [helper], exports: [exp('helper', 1, { definition: helper })] }),
    // export function esm() {}
    unit('src/esm.ts', { definitions: [esm], exports: [exp('esm', 1, { definition: esm })] }),
    unit('lib/app.js', {
      imports: [
        imp('./store', 'require', 1, [['Store', '*']]), // const Store = require('./store')
        imp('./util', 'require', 2, [['helper', 'helper'], ['h2', 'helper']]), // const { helper, helper: h2 } = require('./util')
        imp('./util', 'require', 3, [['util', '*']]), // const util = require('./util')
        imp('../src/esm', 'require', 4, [['esm', 'esm']]), // const { esm } = require('../src/esm')
        imp('./store', 'require', 5, [['create', 'create']]), // const { create } = require('./store')
      ],
    }),
    unit('src/consumer.ts', {
      imports: [imp('../lib/store.js', 'static', 1, [['S', 'default']]), imp('../lib/util.js', 'static', 2, [['helper', 'helper']])],
    }),
  ];
  const symbols = importMap(units);

  it('binds require() of a module.exports = X module to X', () => {
    expect(symbols.resolveName('lib/app.js', ['Store'])).toEqual({ kind: 'definition', id: Store.id, viaImport: true });
    expect(symbols.resolveName('lib/app.js', ['Store', 'create'])).toEqual({ kind: 'definition', id: create.id, viaImport: true });
    expect(symbols.resolveName('lib/app.js', ['create'])).toEqual({ kind: 'definition', id: create.id, viaImport: true });
  });

  it('binds destructured require() and exports.a =', () => {
    expect(symbols.resolveName('lib/app.js', ['helper'])).toEqual({ kind: 'definition', id: helper.id, viaImport: true });
    expect(symbols.resolveName('lib/app.js', ['h2'])).toEqual({ kind: 'definition', id: helper.id, viaImport: true });
    expect(symbols.resolveName('lib/app.js', ['util'])).toEqual({ kind: 'module', path: 'lib/util.js' });
    expect(symbols.resolveName('lib/app.js', ['util', 'helper'])).toEqual({ kind: 'definition', id: helper.id, viaImport: true });
    expect(symbols.resolveName('lib/app.js', ['esm'])).toEqual({ kind: 'definition', id: esm.id, viaImport: true });
  });

  it('gives an ESM default import of a CommonJS module its module.exports', () => {
    expect(symbols.resolveName('src/consumer.ts', ['S'])).toEqual({ kind: 'definition', id: Store.id, viaImport: true });
    expect(symbols.resolveExport('lib/store.js', 'export=')).toEqual({ kind: 'definition', id: Store.id, viaImport: true });
    expect(symbols.resolveName('src/consumer.ts', ['helper'])).toEqual({ kind: 'definition', id: helper.id, viaImport: true });
  });
});

describe('import map: deep barrels', () => {
  it('stays linear on diamond-shaped star re-exports', () => {
    // b0 re-exports everything of b1 twice over (b1 via two paths), b1 of b2, … 40 levels deep.
    const depth = 40;
    const leaf = def(`src/b${depth}.ts`, 'Function', 'leaf', 1);
    const units = [unit(`src/b${depth}.ts`, { definitions: [leaf], exports: [exp('leaf', 1, { definition: leaf })] })];
    for (let i = 0; i < depth; i++) {
      units.push(
        unit(`src/b${i}.ts`, {
          imports: [imp(`./b${i + 1}`, 're-export', 1, [['*', '*']]), imp(`./c${i + 1}`, 're-export', 2, [['*', '*']])],
        }),
        unit(`src/c${i + 1}.ts`, { imports: [imp(`./b${i + 1}`, 're-export', 1, [['*', '*']])] }),
      );
    }
    const symbols = importMap(units);
    const started = performance.now();
    expect(symbols.resolveExport('src/b0.ts', 'leaf')).toEqual({ kind: 'definition', id: leaf.id, viaImport: true });
    expect(symbols.resolveExport('src/b0.ts', 'missing')).toEqual({ kind: 'unresolved', reason: "'missing' is not exported by src/b0.ts" });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

import { describe, expect, it } from 'vitest';
import { call, def, edgesOf, fileId, unit } from './calls-helpers.js';

const F = (file: string, name: string, line: number) => def('Function', file, name, line, { exported: true });

describe('buildCalls: imports', () => {
  const f = F('lib.ts', 'f', 1);
  const dflt = F('lib.ts', 'main', 5);
  const libUnit = unit('lib.ts', {
    definitions: [f, dflt],
    exports: [
      { name: 'f', local: 'f', line: 1 },
      { name: 'default', local: 'main', line: 5 },
    ],
  });
  const barrel = unit('index.ts', {
    imports: [{ specifier: './lib', kind: 're-export', line: 1, bindings: [{ local: 'g', imported: 'f' }] }],
  });

  it('follows named, default, namespace imports and re-exports', () => {
    const app = F('app.ts', 'app', 3);
    const units = [
      libUnit,
      barrel,
      unit('app.ts', {
        definitions: [app],
        imports: [
          { specifier: './lib', kind: 'static', line: 1, bindings: [{ local: 'run', imported: 'default' }, { local: '* as', imported: 'x' }] },
          { specifier: './lib', kind: 'static', line: 1, bindings: [{ local: 'ns', imported: '*' }] },
          { specifier: './index', kind: 'static', line: 2, bindings: [{ local: 'g', imported: 'g' }] },
        ],
        calls: [
          call(app.id, 4, 'run'),
          call(app.id, 5, 'f', { receiver: { kind: 'path', path: ['ns'] } }),
          call(app.id, 6, 'g'),
          call(app.id, 7, 'missing', { receiver: { kind: 'path', path: ['ns'] } }),
        ],
      }),
    ];
    const { edges, counts } = edgesOf(units);
    expect(edges).toEqual([`${app.id} -> ${f.id} [import]`, `${app.id} -> ${dflt.id} [import]`]);
    expect(counts).toMatchObject({ found: 4, resolved: 3, 'resolved.import': 3, 'unresolved.not-found': 1 });
  });

  it('resolves CommonJS: require(...).f(), a required module object, and module.exports = { f }', () => {
    const helper = def('Function', 'util.js', 'helper', 1);
    const util = unit('util.js', {
      definitions: [helper],
      exports: [{ name: 'helper', local: 'helper', line: 3 }],
    });
    const units = [
      util,
      unit('main.js', {
        imports: [{ specifier: './util', kind: 'require', line: 1, bindings: [{ local: 'util', imported: '*' }] }],
        calls: [
          call(fileId('main.js'), 2, 'helper', { receiver: { kind: 'path', path: ['util'] } }),
          call(fileId('main.js'), 3, 'helper', { receiver: { kind: 'require', specifier: './util' } }),
          call(fileId('main.js'), 4, 'readFileSync', { receiver: { kind: 'require', specifier: 'fs' } }),
        ],
      }),
    ];
    const { edges, counts } = edgesOf(units);
    expect(edges).toEqual([`${fileId('main.js')} -> ${helper.id} [import]`]);
    expect(counts).toMatchObject({ resolved: 2, 'unresolved.external': 1 });
  });
});

describe('buildCalls: a CommonJS file calling its own exports', () => {
  it('resolves exports.f() and module.exports.f() through the file\'s exports', () => {
    const helper = def('Function', 'lib.js', 'helper', 1);
    const run = def('Function', 'lib.js', 'run', 5);
    const units = [
      unit('lib.js', {
        definitions: [helper, run],
        exports: [{ name: 'helper', local: 'helper', line: 3 }],
        calls: [
          call(run.id, 6, 'helper', { receiver: { kind: 'path', path: ['exports'] } }),
          call(run.id, 7, 'helper', { receiver: { kind: 'path', path: ['module', 'exports'] } }),
          call(run.id, 8, 'missing', { receiver: { kind: 'path', path: ['exports'] } }),
        ],
      }),
    ];
    const { edges, counts } = edgesOf(units);
    expect(edges).toEqual([`${run.id} -> ${helper.id} [same-file]`]);
    expect(counts).toMatchObject({ found: 3, resolved: 2, 'resolved.same-file': 2, 'unresolved.not-found': 1 });
  });
});

describe('buildCalls: receiver types', () => {
  const a = def('Class', 'shapes.ts', 'A', 1, { exported: true });
  const aCopy = def('Method', 'shapes.ts', 'A.copy', 2, { ownerId: a.id });
  const b = def('Class', 'shapes.ts', 'B', 5, { exported: true });
  const bCopy = def('Method', 'shapes.ts', 'B.copy', 6, { ownerId: b.id });
  const bMake = def('Method', 'shapes.ts', 'B.make', 7, { ownerId: b.id, properties: { static: true } });
  const shapes = unit('shapes.ts', {
    definitions: [a, aCopy, b, bCopy, bMake],
    exports: [
      { name: 'A', local: 'A', line: 1 },
      { name: 'B', local: 'B', line: 5 },
    ],
  });
  const imports = [{ specifier: './shapes', kind: 'static' as const, line: 1, bindings: [{ local: 'A', imported: 'A' }, { local: 'B', imported: 'B' }] }];

  it('sends same-named methods to the class the receiver is typed by, and makes no edge when unknown', () => {
    const use = F('use.ts', 'use', 3);
    const units = [
      shapes,
      unit('use.ts', {
        definitions: [use],
        imports,
        calls: [
          call(use.id, 4, 'copy', { receiver: { kind: 'path', path: ['a'] }, binding: { kind: 'local', type: { path: ['A'] } } }),
          call(use.id, 5, 'copy', { receiver: { kind: 'path', path: ['b'] }, binding: { kind: 'local', type: { path: ['B'] } } }),
          call(use.id, 6, 'copy', { receiver: { kind: 'path', path: ['x'] }, binding: { kind: 'local' } }),
          call(use.id, 7, 'copy', { receiver: { kind: 'new', type: { path: ['B'] } } }),
          call(use.id, 8, 'make', { receiver: { kind: 'path', path: ['B'] } }),
          call(use.id, 9, 'A', { isNew: true }),
        ],
      }),
    ];
    const { edges, counts } = edgesOf(units);
    expect(edges).toEqual([
      `${use.id} -> ${a.id} [import]`,
      `${use.id} -> ${aCopy.id} [type]`,
      `${use.id} -> ${bCopy.id} [type]`,
      `${use.id} -> ${bMake.id} [import]`,
    ]);
    expect(counts).toMatchObject({ found: 6, resolved: 5, 'resolved.type': 3, 'unresolved.ambiguous': 1 });
  });

  it('types receivers through field types, declared return types and module bindings', () => {
    const repo = def('Class', 'svc.ts', 'Service', 2, { fieldTypes: [{ name: 'shape', type: { path: ['A'] } }] });
    const run = def('Method', 'svc.ts', 'Service.run', 3, { ownerId: repo.id });
    const makeB = def('Function', 'svc.ts', 'makeB', 9, { returnType: { path: ['B'] } });
    const units = [
      shapes,
      unit('svc.ts', {
        definitions: [repo, run, makeB],
        imports,
        moduleBindings: [{ name: 'shared', type: { path: ['B'] } }],
        calls: [
          call(run.id, 4, 'copy', { receiver: { kind: 'path', path: ['this', 'shape'] } }),
          call(run.id, 5, 'copy', { receiver: { kind: 'call', callee: ['makeB'] } }),
          call(fileId('svc.ts'), 12, 'copy', { receiver: { kind: 'path', path: ['shared'] } }),
        ],
      }),
    ];
    expect(edgesOf(units).edges).toEqual([
      `${fileId('svc.ts')} -> ${bCopy.id} [type]`,
      `${run.id} -> ${aCopy.id} [type]`,
      `${run.id} -> ${bCopy.id} [type]`,
    ]);
  });

  it('types an imported module-level singleton by the type of its initialiser', () => {
    const manager = def('Variable', 'shapes2.ts', 'manager', 9, { exported: true });
    const user = F('use2.ts', 'user', 2);
    const units = [
      shapes,
      unit('shapes2.ts', {
        definitions: [manager],
        imports,
        exports: [{ name: 'manager', local: 'manager', line: 9 }],
        moduleBindings: [{ name: 'manager', type: { path: ['B'] } }],
      }),
      unit('use2.ts', {
        definitions: [user],
        imports: [{ specifier: './shapes2', kind: 'static', line: 1, bindings: [{ local: 'manager', imported: 'manager' }] }],
        calls: [call(user.id, 3, 'copy', { receiver: { kind: 'path', path: ['manager'] } })],
      }),
    ];
    expect(edgesOf(units).edges).toEqual([`${user.id} -> ${bCopy.id} [type]`]);
  });

  it('links a call on an interface-typed receiver to the interface method', () => {
    const iface = def('Interface', 'i.ts', 'Store', 1);
    const get = def('Method', 'i.ts', 'Store.load', 2, { ownerId: iface.id });
    const user = F('i.ts', 'user', 5);
    const units = [
      unit('i.ts', {
        definitions: [iface, get, user],
        calls: [call(user.id, 6, 'load', { receiver: { kind: 'path', path: ['s'] }, binding: { kind: 'local', type: { path: ['Store'] } } })],
      }),
    ];
    expect(edgesOf(units).edges).toEqual([`${user.id} -> ${get.id} [type]`]);
  });
});

describe('buildCalls: built-ins and repo-wide names', () => {
  it('never links platform names unless the file itself binds them', () => {
    const fetchFn = F('net.ts', 'fetch', 1);
    const parse = F('net.ts', 'parse', 3);
    const map = def('Method', 'net.ts', 'List.map', 6, { ownerId: 'Class:net.ts:List' });
    const list = def('Class', 'net.ts', 'List', 5);
    const caller = F('net.ts', 'load', 9);
    const other = F('other.ts', 'go', 1);
    const units = [
      unit('net.ts', {
        definitions: [fetchFn, parse, list, map, caller],
        calls: [call(caller.id, 10, 'fetch')],
      }),
      unit('other.ts', {
        definitions: [other],
        calls: [
          call(other.id, 2, 'fetch'),
          call(other.id, 3, 'parse', { receiver: { kind: 'path', path: ['JSON'] } }),
          call(other.id, 4, 'map', { receiver: { kind: 'path', path: ['items'] }, binding: { kind: 'local' } }),
          call(other.id, 5, 'log', { receiver: { kind: 'path', path: ['console'] } }),
          call(other.id, 6, 'setTimeout'),
        ],
      }),
    ];
    const { edges, counts } = edgesOf(units);
    expect(edges).toEqual([`${caller.id} -> ${fetchFn.id} [same-file]`]);
    expect(counts).toMatchObject({ found: 6, resolved: 1, 'unresolved.builtin': 5 });
  });

  it('links a unique unbound name repo-wide and refuses an ambiguous one', () => {
    const one = F('a.js', 'helper', 1);
    const two = F('b.js', 'helper', 1);
    const only = F('b.js', 'only', 4);
    const m = def('Method', 'b.js', 'K.spin', 8, { ownerId: 'Class:b.js:K' });
    const k = def('Class', 'b.js', 'K', 7);
    const c = F('c.js', 'c', 1);
    const units = [
      unit('a.js', { definitions: [one] }),
      unit('b.js', { definitions: [two, only, k, m] }),
      unit('c.js', {
        definitions: [c],
        imports: [{ specifier: './b', kind: 'side-effect', line: 1, bindings: [] }],
        calls: [
          call(c.id, 2, 'helper'),
          call(c.id, 3, 'only'),
          call(c.id, 4, 'spin', { receiver: { kind: 'other' } }),
        ],
      }),
    ];
    const { edges, counts } = edgesOf(units);
    expect(edges).toEqual([`${c.id} -> ${only.id} [repo-wide]`, `${c.id} -> ${m.id} [repo-wide]`]);
    expect(counts).toMatchObject({ resolved: 2, 'resolved.repo-wide': 2, 'unresolved.ambiguous': 1 });
  });

  it('takes a global function only from a script, never a module\'s own top-level function', () => {
    const fromScript = F('globals.js', 'legacy', 1);
    const fromModule = F('mod.js', 'modular', 1);
    const user = F('user.js', 'user', 1);
    const units = [
      unit('globals.js', { definitions: [fromScript] }),
      unit('mod.js', { definitions: [fromModule], exports: [{ name: 'modular', local: 'modular', line: 1 }] }),
      unit('user.js', { definitions: [user], calls: [call(user.id, 2, 'legacy'), call(user.id, 3, 'modular'), call(user.id, 4, 'describe')] }),
    ];
    const { edges, counts } = edgesOf(units);
    expect(edges).toEqual([`${user.id} -> ${fromScript.id} [repo-wide]`]);
    expect(counts).toMatchObject({ resolved: 1, 'unresolved.not-found': 1, 'unresolved.builtin': 1 });
  });

  it('links a unique method name only along an import edge (same file, imports it, or imported by it)', () => {
    const k = def('Class', 'k.js', 'K', 1);
    const spin = def('Method', 'k.js', 'K.spin', 2, { ownerId: k.id });
    const far = F('far.js', 'far', 1);
    const near = F('near.js', 'near', 2);
    const site = (caller: string) => call(caller, 3, 'spin', { receiver: { kind: 'path', path: ['wheel'] }, binding: { kind: 'local' } });
    const back = F('back.js', 'back', 1);
    const units = [
      unit('k.js', { definitions: [k, spin], imports: [{ specifier: './back', kind: 'static', line: 1, bindings: [] }] }),
      unit('back.js', { definitions: [back], calls: [site(back.id)] }),
      unit('far.js', { definitions: [far], calls: [site(far.id)] }),
      unit('near.js', {
        definitions: [near],
        imports: [{ specifier: './k', kind: 'require', line: 1, bindings: [{ local: 'K', imported: '*' }] }],
        calls: [site(near.id)],
      }),
    ];
    const { edges, counts } = edgesOf(units);
    expect(edges).toEqual([`${back.id} -> ${spin.id} [repo-wide]`, `${near.id} -> ${spin.id} [repo-wide]`]);
    expect(counts).toMatchObject({ resolved: 2, 'unresolved.not-found': 1 });
  });

  it('looks a member of a variable of unknown make up in the variable\'s own file only', () => {
    const api = def('Variable', 'm.ts', 'api', 9, { exported: true });
    const reset = F('m.ts', 'reset', 1);
    const k = def('Class', 'x.ts', 'K', 1);
    const kReset = def('Method', 'x.ts', 'K.reset', 2, { ownerId: k.id });
    const kStop = def('Method', 'x.ts', 'K.stop', 3, { ownerId: k.id });
    const use = F('use.ts', 'use', 3);
    const units = [
      unit('m.ts', { definitions: [reset, api], exports: [{ name: 'api', local: 'api', line: 9 }] }),
      unit('x.ts', { definitions: [k, kReset, kStop] }),
      unit('use.ts', {
        definitions: [use],
        imports: [
          { specifier: './m', kind: 'static', line: 1, bindings: [{ local: 'api', imported: 'api' }] },
          { specifier: './x', kind: 'static', line: 2, bindings: [{ local: 'K', imported: 'K' }] },
        ],
        calls: [
          call(use.id, 4, 'reset', { receiver: { kind: 'path', path: ['api'] } }),
          call(use.id, 5, 'stop', { receiver: { kind: 'path', path: ['api'] } }),
        ],
      }),
    ];
    const { edges, counts } = edgesOf(units);
    expect(edges).toEqual([`${use.id} -> ${reset.id} [repo-wide]`]);
    expect(counts).toMatchObject({ resolved: 1, 'unresolved.not-found': 1 });
  });
});

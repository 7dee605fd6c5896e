import { describe, expect, it } from 'vitest';
import { buildCalls, buildCallsInParts } from '../../../src/pipeline/calls.js';
import { call, def, edgesOf, fileId, makeResolver, unit } from './calls-helpers.js';

const F = (file: string, name: string, line: number) => def('Function', file, name, line);

describe('buildCalls: same file', () => {
  it('links a free name to the module-level function and a locally bound name to its definition', () => {
    const main = F('a.ts', 'main', 1);
    const helper = F('a.ts', 'helper', 10);
    const inner = def('Function', 'a.ts', 'inner', 3, { enclosingId: main.id, enclosingName: 'main' });
    const units = [
      unit('a.ts', {
        definitions: [main, inner, helper],
        calls: [
          call(main.id, 4, 'helper'),
          call(main.id, 5, 'inner', { binding: { kind: 'definition', id: inner.id } }),
          call(main.id, 6, 'cb', { binding: { kind: 'local' } }),
          call(fileId('a.ts'), 20, 'main'),
        ],
      }),
    ];
    const { edges, counts } = edgesOf(units);
    expect(edges).toEqual([
      `${fileId('a.ts')} -> ${main.id} [same-file]`,
      `${main.id} -> ${helper.id} [same-file]`,
      `${main.id} -> ${inner.id} [same-file]`,
    ]);
    expect(counts).toMatchObject({ found: 4, resolved: 3, 'resolved.same-file': 3, 'unresolved.dynamic': 1, resolvedShare: 0.75 });
  });

  it('lets a local binding shadow a module-level function of the same name', () => {
    const g = F('a.ts', 'g', 1);
    const outer = F('a.ts', 'f', 10);
    const local = def('Function', 'a.ts', 'f', 2, { enclosingId: g.id });
    const units = [
      unit('a.ts', {
        definitions: [g, local, outer],
        calls: [call(g.id, 3, 'f', { binding: { kind: 'definition', id: local.id } })],
      }),
    ];
    expect(edgesOf(units).edges).toEqual([`${g.id} -> ${local.id} [same-file]`]);
  });

  it('merges the sites of one caller-callee pair: first line, count, most certain stage', () => {
    const g = F('a.ts', 'g', 1);
    const h = F('a.ts', 'h', 9);
    const units = [unit('a.ts', { definitions: [g, h], calls: [call(g.id, 5, 'h'), call(g.id, 3, 'h')] })];
    const rel = buildCalls(units, makeResolver(units)).fragment.relationships;
    expect(rel).toEqual([
      {
        id: `CALLS:${g.id}->${h.id}`,
        type: 'CALLS',
        source: g.id,
        target: h.id,
        properties: { stage: 'same-file', confidence: 0.95, line: 3, callSites: 2 },
      },
    ]);
  });
});

describe('buildCalls: classes', () => {
  const base = def('Class', 'base.ts', 'Base', 1, { exported: true });
  const baseRun = def('Method', 'base.ts', 'Base.run', 2, { ownerId: base.id });
  const baseStop = def('Method', 'base.ts', 'Base.stop', 4, { ownerId: base.id });
  const child = def('Class', 'child.ts', 'Child', 3, {
    heritage: [{ relation: 'extends', ref: { path: ['Base'] }, text: 'Base', line: 3 }],
  });
  const childRun = def('Method', 'child.ts', 'Child.run', 4, { ownerId: child.id });
  const childGo = def('Method', 'child.ts', 'Child.go', 8, { ownerId: child.id });
  const units = [
    unit('base.ts', { definitions: [base, baseRun, baseStop], exports: [{ name: 'Base', local: 'Base', line: 1 }] }),
    unit('child.ts', {
      definitions: [child, childRun, childGo],
      imports: [{ specifier: './base', kind: 'static', line: 1, bindings: [{ local: 'Base', imported: 'Base' }] }],
      calls: [
        call(childGo.id, 9, 'run', { receiver: { kind: 'this' } }),
        call(childGo.id, 10, 'stop', { receiver: { kind: 'this' } }),
        call(childRun.id, 5, 'run', { receiver: { kind: 'super' } }),
        call(child.id, 3, 'go', { receiver: { kind: 'this' } }),
        call(childGo.id, 11, 'nothing', { receiver: { kind: 'this' } }),
      ],
    }),
  ];

  it('resolves this.m() in the class first, then through INHERITS; super.m() skips the class itself', () => {
    const { edges, counts } = edgesOf(units);
    expect(edges).toEqual([
      `${child.id} -> ${childGo.id} [same-file]`,
      `${childGo.id} -> ${baseStop.id} [same-file]`,
      `${childGo.id} -> ${childRun.id} [same-file]`,
      `${childRun.id} -> ${baseRun.id} [same-file]`,
    ]);
    expect(counts['unresolved.not-found']).toBe(1);
  });

  it('does not guess a method missing from a class whose base is outside the repo', () => {
    const emitter = def('Class', 'bus.ts', 'Bus', 2, {
      heritage: [{ relation: 'extends', ref: { path: ['EventEmitter'] }, text: 'EventEmitter', line: 2 }],
    });
    const send = def('Method', 'bus.ts', 'Bus.send', 3, { ownerId: emitter.id });
    const other = def('Method', 'x.ts', 'X.fire', 3, { ownerId: 'Class:x.ts:X' });
    const u = [
      unit('bus.ts', {
        definitions: [emitter, send],
        imports: [{ specifier: 'node:events', kind: 'static', line: 1, bindings: [{ local: 'EventEmitter', imported: 'EventEmitter' }] }],
        calls: [call(send.id, 4, 'fire', { receiver: { kind: 'this' } })],
      }),
      unit('x.ts', { definitions: [def('Class', 'x.ts', 'X', 1), other] }),
    ];
    const { edges, counts } = edgesOf(u);
    expect(edges).toEqual([]);
    expect(counts['unresolved.external']).toBe(1);
  });
});

describe('buildCalls: super()', () => {
  it('links super(...) in a constructor to the parent class, and not when the parent is external', () => {
    const base = def('Class', 'a.ts', 'Base', 1);
    const child = def('Class', 'a.ts', 'Child', 3, { heritage: [{ relation: 'extends', ref: { path: ['Base'] }, text: 'Base', line: 3 }] });
    const ext = def('Class', 'a.ts', 'Ext', 7, { heritage: [{ relation: 'extends', ref: { path: ['Emitter'] }, text: 'Emitter', line: 7 }] });
    const units = [
      unit('a.ts', {
        definitions: [base, child, ext],
        imports: [{ specifier: 'events', kind: 'static', line: 1, bindings: [{ local: 'Emitter', imported: 'EventEmitter' }] }],
        calls: [
          call(child.id, 4, 'super', { receiver: { kind: 'super' } }),
          call(ext.id, 8, 'super', { receiver: { kind: 'super' } }),
        ],
      }),
    ];
    const { edges, counts } = edgesOf(units);
    expect(edges).toEqual([`${child.id} -> ${base.id} [same-file]`]);
    expect(counts['unresolved.external']).toBe(1);
  });
});

describe('buildCalls: defensive', () => {
  it('drops a call site whose caller is not a definition of its file, with a warning', () => {
    const f = def('Function', 'a.ts', 'f', 1);
    const units = [unit('a.ts', { definitions: [f], calls: [call('Function:a.ts:ghost', 9, 'f'), call(fileId('a.ts'), 12, 'f')] })];
    const out = buildCalls(units, makeResolver(units));
    expect(out.fragment.relationships.map((r) => r.id)).toEqual([`CALLS:${fileId('a.ts')}->${f.id}`]);
    expect(out.diagnostics).toEqual([
      {
        file: 'a.ts',
        severity: 'warning',
        code: 'unknown-caller',
        message: "call site at line 9 names caller 'Function:a.ts:ghost', which is not a function, method or class of a.ts",
        line: 9,
      },
    ]);
    expect(out.counts).toMatchObject({ found: 1, resolved: 1 });
  });

  it("drops a call site whose caller is another file's function, with a warning: each file's edges are made from its own sites", () => {
    const f = def('Function', 'a.ts', 'f', 1);
    const g = def('Function', 'b.ts', 'g', 1);
    const units = [
      unit('a.ts', { definitions: [f], calls: [call(f.id, 2, 'f')] }),
      unit('b.ts', { definitions: [g], calls: [call(f.id, 3, 'g'), call(g.id, 4, 'g')] }),
    ];
    const out = buildCalls(units, makeResolver(units));
    expect(out.fragment.relationships.map((r) => r.id)).toEqual([`CALLS:${f.id}->${f.id}`, `CALLS:${g.id}->${g.id}`]);
    expect(out.diagnostics).toEqual([
      {
        file: 'b.ts',
        severity: 'warning',
        code: 'unknown-caller',
        message: `call site at line 3 names caller '${f.id}', which is not a function, method or class of b.ts`,
        line: 3,
      },
    ]);
    expect(out.counts).toMatchObject({ found: 2, resolved: 2 });
  });
});

describe('buildCalls: this in an arrow function of a constructor', () => {
  it('is the instance of the class whose lines hold the function', () => {
    const cls = { ...def('Class', 'a.ts', 'Sub', 1), endLine: 12 };
    const stop = def('Method', 'a.ts', 'Sub.stop', 9, { ownerId: cls.id });
    const arrow = def('Function', 'a.ts', 'cancel', 4);
    const outside = def('Function', 'a.ts', 'loose', 14);
    const units = [
      unit('a.ts', {
        definitions: [cls, stop, arrow, outside],
        calls: [
          call(arrow.id, 4, 'stop', { receiver: { kind: 'this' } }),
          call(outside.id, 15, 'stop', { receiver: { kind: 'this' } }),
        ],
      }),
    ];
    // Outside the class `this` is unknown: only the repo-wide rule (a unique method name) applies.
    const { edges } = edgesOf(units);
    expect(edges).toEqual([`${arrow.id} -> ${stop.id} [same-file]`, `${outside.id} -> ${stop.id} [repo-wide]`]);
  });
});

describe('buildCallsInParts', () => {
  it('hands over whole files once a part has its rows: parts sorted, no id in two, together the phase built whole', () => {
    const f = F('a.ts', 'f', 1);
    const g = F('a.ts', 'g', 5);
    const h = F('b.ts', 'h', 1);
    const k = F('c.ts', 'k', 1);
    const m = F('d.ts', 'm', 1);
    const units = [
      unit('a.ts', { definitions: [f, g], calls: [call(f.id, 2, 'g'), call(g.id, 6, 'f'), call(g.id, 7, 'g')] }),
      unit('b.ts', { definitions: [h], calls: [call(h.id, 2, 'h')] }),
      unit('c.ts', { definitions: [k], calls: [call(k.id, 2, 'k'), call(k.id, 3, 'nowhere')] }),
      unit('d.ts', { definitions: [m], calls: [call(m.id, 2, 'm')] }),
    ];
    const whole = buildCalls(units, makeResolver(units));
    const parts: string[][] = [];
    const generator = buildCallsInParts(units, makeResolver(units), 2);
    let step = generator.next();
    for (; !step.done; step = generator.next()) parts.push(step.value.relationships.map((r) => r.id));
    const last = step.value;
    // a.ts's three edges reach two rows: a part; b.ts's one edge does not, c.ts's makes two; d.ts's ends the phase.
    expect(parts).toEqual([
      [`CALLS:${f.id}->${g.id}`, `CALLS:${g.id}->${f.id}`, `CALLS:${g.id}->${g.id}`],
      [`CALLS:${h.id}->${h.id}`, `CALLS:${k.id}->${k.id}`],
    ]);
    expect(last.fragment.relationships.map((r) => r.id)).toEqual([`CALLS:${m.id}->${m.id}`]);
    expect([...parts.flat(), ...last.fragment.relationships.map((r) => r.id)].sort()).toEqual(whole.fragment.relationships.map((r) => r.id));
    expect(last.counts).toEqual(whole.counts);
    expect(last.diagnostics).toEqual(whole.diagnostics);
  });
});

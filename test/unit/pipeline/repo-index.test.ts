import { describe, expect, it } from 'vitest';
import { buildRepoIndex, findInFile, namedIn } from '../../../src/pipeline/calls/repo-index.js';
import { def, unit } from './calls-helpers.js';

describe('buildRepoIndex: the name tables the calls phase reads', () => {
  it('gives every definition of a name in source order, one or many, and nothing for a name or file it has not', () => {
    const f = def('Function', 'a.ts', 'f', 1);
    const inner = def('Function', 'a.ts', 'g', 3, { enclosingId: f.id, enclosingName: 'f' });
    const g = def('Function', 'a.ts', 'g', 10);
    const index = buildRepoIndex([unit('a.ts', { definitions: [f, inner, g] }), unit('b.ts', {})]);
    expect(namedIn(index.anyLevel, 'a.ts', 'f').map((l) => [l.def.id, l.file])).toEqual([[f.id, 'a.ts']]);
    expect(namedIn(index.anyLevel, 'a.ts', 'g').map((l) => l.def.id)).toEqual([inner.id, g.id]);
    expect(namedIn(index.topLevel, 'a.ts', 'g').map((l) => l.def.id)).toEqual([g.id]);
    expect(namedIn(index.anyLevel, 'a.ts', 'h')).toEqual([]);
    expect(namedIn(index.anyLevel, 'c.ts', 'f')).toEqual([]);
    // Module level first: the nested g does not make the top-level one ambiguous.
    expect(findInFile(index, 'a.ts', 'g', ['Function'])?.def.id).toBe(g.id);
    expect(findInFile(index, 'a.ts', 'f', ['Class'])).toBeUndefined();
  });

  it('keeps one shared empty table for every file without typed bindings, imports or specifiers', () => {
    const index = buildRepoIndex([unit('a.ts', {}), unit('b.ts', {}), unit('c.ts', { moduleBindings: [{ name: 'x', type: { path: ['X'] } }] })]);
    expect(index.moduleTypes.get('a.ts')).toBe(index.moduleTypes.get('b.ts'));
    expect(index.moduleTypes.get('a.ts')!.size).toBe(0);
    expect(index.moduleTypes.get('c.ts')!.get('x')).toEqual({ path: ['X'] });
    expect(index.importedNames.get('a.ts')).toBe(index.importedNames.get('b.ts'));
    expect(index.specifiers.get('a.ts')).toBe(index.specifiers.get('b.ts'));
    expect(index.specifiers.get('a.ts')).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, find, impact, path } from '../../../src/query/questions.js';
import type { StoreName } from '../../../src/query/store.js';
import { brief, indexFixture, type Indexed } from './indexed.js';

// test/fixtures/questions-calls: a -> b -> c -> fact (fact recursive), isEven <-> isOdd, two
// functions named helper, Cart.total, and main.ts's run() calling into all of them.
let fx: Indexed;
beforeAll(async () => {
  fx = await indexFixture('questions-calls');
});
afterAll(async () => {
  await fx.close();
});

describe.each<StoreName>(['kuzu', 'json'])('questions on questions-calls from %s', (name) => {
  const store = () => fx.stores[name];

  it('find: a name, a glob, Owner.glob, and nothing', async () => {
    expect(brief(await find(store(), 'helper'))).toEqual(['helper src/format.ts', 'helper src/log.ts']);
    expect(brief(await find(store(), 'is*'))).toEqual(['isEven src/parity.ts', 'isOdd src/parity.ts']);
    expect(brief(await find(store(), 'Cart.*'))).toEqual(['Cart.total src/cart.ts']);
    const answer = await find(store(), 'helpr');
    expect(answer).toMatchObject({ kind: 'unknown', text: 'helpr', nearest: ['helper'] });
  });

  it('callers: depth 1, then the whole chain up to the file, each once with its distance', async () => {
    expect(brief(await calls(store(), 'in', 'fact', { depth: 1 }))).toEqual(['1 c src/chain.ts']);
    // fact calls itself: the walk does not loop, and fact is the subject, not a row.
    expect(brief(await calls(store(), 'in', 'fact', { depth: Infinity }))).toEqual([
      '1 c src/chain.ts',
      '2 b src/chain.ts',
      '3 a src/chain.ts',
      '4 run src/main.ts',
      '5 file src/main.ts',
    ]);
    expect(brief(await calls(store(), 'in', 'fact', { depth: 3 }))).toEqual(['1 c src/chain.ts', '2 b src/chain.ts', '3 a src/chain.ts']);
  });

  it('callers through mutual recursion: each node once', async () => {
    expect(brief(await calls(store(), 'in', 'isEven', { depth: Infinity }))).toEqual(['1 run src/main.ts', '1 isOdd src/parity.ts', '2 file src/main.ts']);
  });

  it('callees with call site, count, stage and confidence; deeper rows say which node reached them', async () => {
    const direct = await calls(store(), 'out', 'a', { depth: 1 });
    expect(direct.kind === 'rows' && direct.rows).toEqual([
      {
        id: fx.idOf('Function', 'src/chain.ts', 'b'),
        label: 'Function',
        name: 'b',
        file: 'src/chain.ts',
        line: 6,
        distance: 1,
        via: fx.idOf('Function', 'src/chain.ts', 'a'),
        relation: 'CALLS',
        callFile: 'src/chain.ts',
        callLine: 3,
        callSites: 2,
        stage: 'same-file',
        confidence: expect.any(Number),
      },
    ]);
    const two = await calls(store(), 'out', 'run', { depth: 2 });
    expect(brief(two)).toEqual([
      '1 Cart src/cart.ts',
      '1 Cart.total src/cart.ts',
      '1 a src/chain.ts',
      '1 helper src/log.ts',
      '1 isEven src/parity.ts',
      '2 b src/chain.ts',
      '2 helper src/format.ts',
      '2 isOdd src/parity.ts',
    ]);
    const viaOf = (n: string) => (two.kind === 'rows' && two.question === 'callees' ? two.rows.find((r) => r.name === n)?.via : undefined);
    expect(viaOf('isOdd')).toBe(fx.idOf('Function', 'src/parity.ts', 'isEven'));
    expect(viaOf('b')).toBe(fx.idOf('Function', 'src/chain.ts', 'a'));
  });

  it('an ambiguous name lists its candidates unless --all; file:name, Class.method and ids pick one', async () => {
    const ambiguous = await calls(store(), 'in', 'helper', { depth: 1 });
    expect(ambiguous.kind).toBe('ambiguous');
    expect(ambiguous.kind === 'ambiguous' && ambiguous.candidates.map((c) => c.file)).toEqual(['src/format.ts', 'src/log.ts']);
    expect(brief(await calls(store(), 'in', 'helper', { depth: 1, all: true }))).toEqual(['1 Cart.total src/cart.ts', '1 run src/main.ts']);
    expect(brief(await calls(store(), 'in', 'log.ts:helper', { depth: 1 }))).toEqual(['1 run src/main.ts']);
    expect(brief(await calls(store(), 'in', 'src/format.ts:helper', { depth: 1 }))).toEqual(['1 Cart.total src/cart.ts']);
    expect(brief(await calls(store(), 'in', 'Cart.total', { depth: 1 }))).toEqual(['1 run src/main.ts']);
    expect(brief(await calls(store(), 'in', fx.idOf('Function', 'src/chain.ts', 'b'), { depth: 1 }))).toEqual(['1 a src/chain.ts']);
  });

  it('an unknown name gives the nearest names; a name of the wrong kind is unknown to that question', async () => {
    expect(await calls(store(), 'in', 'factt', { depth: 1 })).toMatchObject({ kind: 'unknown', nearest: ['fact'] });
    expect(await calls(store(), 'in', 'isEvn', { depth: 1 })).toMatchObject({ kind: 'unknown', nearest: ['isEven'] });
    expect(await calls(store(), 'in', 'main.ts', { depth: 1 })).toMatchObject({ kind: 'unknown' });
  });

  it('impact of a function: its callers and its file importers, then theirs; --depth limits it', async () => {
    expect(brief(await impact(store(), 'format.ts:helper', { depth: Infinity }))).toEqual([
      '1 file src/cart.ts',
      '1 Cart.total src/cart.ts',
      '2 file src/main.ts',
      '2 run src/main.ts',
    ]);
    expect(brief(await impact(store(), 'format.ts:helper', { depth: 1 }))).toEqual(['1 file src/cart.ts', '1 Cart.total src/cart.ts']);
  });

  it('path: a shortest chain of CALLS, one through IMPORTS, and no path against the arrows', async () => {
    expect(brief(await path(store(), 'main.ts', 'fact'))).toEqual([
      '0 file src/main.ts',
      '1 run src/main.ts',
      '2 a src/chain.ts',
      '3 b src/chain.ts',
      '4 c src/chain.ts',
      '5 fact src/chain.ts',
    ]);
    const imports = await path(store(), 'main.ts', 'format.ts');
    expect(brief(imports)).toEqual(['0 file src/main.ts', '1 file src/cart.ts', '2 file src/format.ts']);
    expect(imports.kind === 'rows' && imports.rows.map((r) => ('relation' in r ? r.relation : undefined))).toEqual([undefined, 'IMPORTS', 'IMPORTS']);
    expect(brief(await path(store(), 'fact', 'main.ts'))).toEqual([]);
    expect(await path(store(), 'fact', 'nowhere')).toMatchObject({ kind: 'unknown', role: 'to' });
  });
});

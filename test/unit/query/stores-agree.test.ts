import { readFileSync, writeFileSync } from 'node:fs';
import nodePath from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerLines, compareAnswers } from '../../../src/query/compare.js';
import { JsonStore } from '../../../src/query/json-store.js';
import { KuzuStore } from '../../../src/query/kuzu-store.js';
import { calls, impact } from '../../../src/query/questions.js';
import type { QueryStore } from '../../../src/query/store.js';
import { ROOT } from '../../helpers/cli.js';
import { runOnKuzu } from '../validate/kuzu-test-db.js';
import { indexFixture, indexRepo, type Indexed } from './indexed.js';

let shop: Indexed;
let tampered: Indexed;
beforeAll(async () => {
  [shop, tampered] = await Promise.all([indexRepo(nodePath.join(ROOT, 'examples', 'shop')), indexFixture('questions-calls')]);
});
afterAll(async () => {
  await Promise.all([shop.close(), tampered.close()]);
});

describe('both stores give the same answers', () => {
  it('for every function and method of examples/shop: callers, callees and impact, all the way', async () => {
    const symbols = shop.graph.nodes.filter((n) => n.label === 'Function' || n.label === 'Method');
    expect(symbols).toHaveLength(91);
    let rows = 0;
    for (const symbol of symbols) {
      for (const ask of [
        (s: QueryStore) => calls(s, 'in', symbol.id, { depth: Infinity }),
        (s: QueryStore) => calls(s, 'out', symbol.id, { depth: Infinity }),
        (s: QueryStore) => impact(s, symbol.id, { depth: Infinity }),
      ]) {
        const [fromKuzu, fromJson] = [await ask(shop.stores.kuzu), await ask(shop.stores.json)];
        expect(fromKuzu.kind).toBe('rows');
        expect(compareAnswers(fromKuzu, fromJson)).toEqual({ onlyFirst: [], onlySecond: [] });
        rows += fromKuzu.kind === 'rows' ? fromKuzu.rows.length : 0;
      }
    }
    // Not a comparison of empty answers.
    expect(rows).toBeGreaterThan(1000);
  });
});

describe('graph.json in another layout or format', () => {
  it('a graph.json laid out some other way reads into the same index', async () => {
    const file = nodePath.join(shop.out, 'pretty.json');
    writeFileSync(file, JSON.stringify(shop.graph, null, 2));
    const pretty = await JsonStore.open(file);
    const toMoney = shop.idOf('Function', 'src/core/money.ts', 'toMoney');
    const ask = (s: QueryStore) => impact(s, toMoney, { depth: Infinity });
    const answer = await ask(pretty);
    expect(answer.kind === 'rows' && answer.rows.length).toBeGreaterThan(10);
    expect(compareAnswers(answer, await ask(shop.stores.json))).toEqual({ onlyFirst: [], onlySecond: [] });
  });

  it('a graph.json of another format version is refused with the fix', async () => {
    const file = nodePath.join(shop.out, 'old.json');
    writeFileSync(file, JSON.stringify({ ...shop.graph, version: 1 }, null, 2));
    await expect(JsonStore.open(file)).rejects.toThrow(`${file} is graph format version 1, from an older codegraph; this one reads version 2: re-run codegraph index to rebuild it`);
  });
});

describe('a tampered store gives a different answer, and the difference names what is missing', () => {
  it('a CALLS row deleted from graph.kuzu through Kuzu', async () => {
    const run = tampered.idOf('Function', 'src/main.ts', 'run');
    const isEven = tampered.idOf('Function', 'src/parity.ts', 'isEven');
    const before = await calls(tampered.stores.kuzu, 'in', isEven, { depth: 1 });
    expect(compareAnswers(before, await calls(tampered.stores.json, 'in', isEven, { depth: 1 }))).toEqual({ onlyFirst: [], onlySecond: [] });
    await tampered.stores.kuzu.close();
    const kuzuPath = nodePath.join(tampered.out, 'graph.kuzu');
    await runOnKuzu(kuzuPath, [['MATCH (a)-[r:CALLS]->(b) WHERE a.id = $a AND b.id = $b DELETE r', { a: run, b: isEven }]]);
    const kuzu = await KuzuStore.open(kuzuPath);
    try {
      const difference = compareAnswers(await calls(kuzu, 'in', isEven, { depth: 1 }), await calls(tampered.stores.json, 'in', isEven, { depth: 1 }));
      expect(difference.onlyFirst).toEqual([]);
      expect(difference.onlySecond).toHaveLength(1);
      expect(JSON.parse(difference.onlySecond[0]!.replace(/^row /, ''))).toMatchObject({ id: run, via: isEven, distance: 1, callLine: 9 });
    } finally {
      await kuzu.close();
    }
  });

  it('a CALLS line removed from graph.json', async () => {
    const file = nodePath.join(tampered.out, 'graph.json');
    const a = tampered.idOf('Function', 'src/chain.ts', 'a');
    const b = tampered.idOf('Function', 'src/chain.ts', 'b');
    const lines = readFileSync(file, 'utf8').split('\n');
    const cut = lines.findIndex((l) => l.includes('"type":"CALLS"') && l.includes(`"source":"${a}"`) && l.includes(`"target":"${b}"`));
    expect(cut).toBeGreaterThan(0);
    writeFileSync(file, [...lines.slice(0, cut), ...lines.slice(cut + 1)].join('\n'));
    const json = await JsonStore.open(file);
    const fromJson = await calls(json, 'out', a, { depth: 1 });
    expect(fromJson).toMatchObject({ kind: 'rows', rows: [] });
    const kuzu = await KuzuStore.open(nodePath.join(tampered.out, 'graph.kuzu'));
    try {
      const fromKuzu = await calls(kuzu, 'out', a, { depth: 1 });
      expect(compareAnswers(fromKuzu, fromJson)).toEqual({ onlyFirst: answerLines(fromKuzu).filter((l) => l.startsWith('row ')), onlySecond: [] });
    } finally {
      await kuzu.close();
    }
  });
});

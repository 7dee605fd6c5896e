import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import kuzu from 'kuzu';
import { afterAll, describe, expect, it } from 'vitest';
import type { PhaseReport } from '../../../src/report/index-report.js';
import { validateOutput } from '../../../src/validate/validate-output.js';
import { makeTempDir } from '../../helpers/temp-repo.js';
import { indexAsCli } from '../../helpers/index-in-process.js';

// A large tree's definitions and calls go to the stores in parts (PART_ROWS rows at a time), so the
// run never holds a whole phase of them. Here parts of two rows, on examples/shop, against the same
// run with every phase handed over whole: real stores throughout (graph.json and Kuzu in a temp folder).
const repo = path.join(makeTempDir(), 'shop');
cpSync(path.join(import.meta.dirname, '..', '..', '..', 'examples', 'shop'), repo, { recursive: true });
afterAll(() => rmSync(path.dirname(repo), { recursive: true, force: true }));

async function kuzuCalls(file: string): Promise<string[]> {
  const db = new kuzu.Database(file, 0, true, true);
  const conn = new kuzu.Connection(db);
  try {
    const result = await conn.query('MATCH ()-[r:CALLS]->() RETURN r.id AS id, r.callSites AS sites, r.stage AS stage');
    const rows = (await (Array.isArray(result) ? result[0]! : result).getAll()) as { id: string; sites: number; stage: string }[];
    (Array.isArray(result) ? result : [result]).forEach((r) => r.close());
    return rows.map((r) => `${r.id} ${r.sites} ${r.stage}`).sort();
  } finally {
    await conn.close();
    await db.close();
  }
}

const phaseOf = (phases: readonly PhaseReport[], name: string): PhaseReport => phases.find((p) => p.phase === name)!;

describe('the parsing and calls phases handed to the stores in parts', () => {
  it('writes the same graph.json and the same Kuzu rows as the phase handed over whole, and each store counts the whole phase', async () => {
    const wholeOut = path.join(repo, '.whole');
    const partsOut = path.join(repo, '.parts');
    const whole = await indexAsCli(repo, { out: wholeOut });
    const parts = await indexAsCli(repo, { out: partsOut }, { partRows: 2 });
    expect([whole.report.exitCode, parts.report.exitCode]).toEqual([0, 0]);
    expect(readFileSync(path.join(partsOut, 'graph.json'), 'utf8')).toBe(readFileSync(path.join(wholeOut, 'graph.json'), 'utf8'));
    // The graph a caller keeps (runIndex's default) is assembled from the parts the same.
    expect(parts.graph).toBeDefined();
    expect(parts.graph).toEqual(whole.graph);

    const calls = whole.report.totals.byType['CALLS']!;
    expect(calls).toBeGreaterThan(20); // shop has enough calls for many parts of two
    const rows = await kuzuCalls(path.join(partsOut, 'graph.kuzu'));
    expect(rows).toHaveLength(calls);
    expect(rows).toEqual(await kuzuCalls(path.join(wholeOut, 'graph.kuzu')));

    // Each phase's report and each store's stats count every part, as the whole phase's do.
    for (const name of ['parsing', 'calls']) {
      const [a, b] = [phaseOf(whole.report.phases, name), phaseOf(parts.report.phases, name)];
      expect([b.nodes, b.relationships, b.counts]).toEqual([a.nodes, a.relationships, a.counts]);
      const counted = (n: number) => ({ attempted: n, written: n, failed: 0 });
      for (const stats of [a.stores, b.stores]) {
        expect(stats.map((s) => [s.store, s.status, s.nodes, s.relationships])).toEqual(
          ['json', 'kuzu'].map((store) => [store, 'ok', counted(a.nodes), counted(a.relationships)]),
        );
      }
    }
    expect(phaseOf(whole.report.phases, 'calls').relationships).toBe(calls);
    expect(phaseOf(whole.report.phases, 'parsing').nodes).toBeGreaterThan(50);
    // Read back row by row, Kuzu agrees with graph.json (the run itself validated by digest).
    expect((await validateOutput(partsOut, { kuzu: true })).consistent).toBe(true);
  });
});

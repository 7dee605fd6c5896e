import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectStats, groupCounts } from '../../../src/validate/collect-stats.js';
import { computeGraphStats } from '../../../src/graph/stats.js';
import { renderStatsText } from '../../../src/report/stats-text.js';
import { StorageError, UsageError } from '../../../src/errors.js';
import { writeKuzu } from './kuzu-test-db.js';
import { sampleReport, statsGraph } from './sample-graph.js';
import { runIndex } from '../../../src/orchestrator/run.js';
import type { CodeGraph } from '../../../src/graph/model.js';
import { compareIds, definitionId, relationshipId } from '../../../src/graph/ids.js';
import { ROOT } from '../../helpers/cli.js';

let out: string;
beforeEach(() => {
  out = mkdtempSync(path.join(tmpdir(), 'codegraph-stats-'));
});
afterEach(() => {
  rmSync(out, { recursive: true, force: true });
});

async function writeOutput(options: { kuzu?: boolean; report?: unknown } = {}): Promise<void> {
  writeFileSync(path.join(out, 'graph.json'), JSON.stringify(statsGraph()));
  if (options.kuzu !== false) await writeKuzu(path.join(out, 'graph.kuzu'), statsGraph());
  if (options.report !== undefined) writeFileSync(path.join(out, 'report.json'), JSON.stringify(options.report));
}

describe('collectStats', () => {
  it('reads graph.kuzu when the last run left it current, with the same figures as graph.json', async () => {
    await writeOutput({ report: sampleReport() });
    const report = await collectStats(out, 10);
    expect(report.source).toEqual({ store: 'graph.kuzu', path: path.join(out, 'graph.kuzu'), why: 'graph.kuzu is present and current' });
    expect(report.graph).toEqual(computeGraphStats(statsGraph(), 10));
  });

  it('reads graph.json when graph.kuzu is missing or the last run left it degraded', async () => {
    await writeOutput({ kuzu: false });
    expect((await collectStats(out, 10)).source.why).toBe('there is no graph.kuzu');
    await writeOutput({ report: sampleReport({ status: 'degraded', reason: 'disk full' }) });
    const report = await collectStats(out, 10);
    expect(report.source).toEqual({ store: 'graph.json', path: path.join(out, 'graph.json'), why: 'the last run left graph.kuzu degraded' });
    expect(report.graph.nodes).toBe(11);
  });

  it('refuses a graph.json that is not a graph, as a storage error naming it', async () => {
    for (const text of ['{}', '{"version": 2, "nodes": 5, "relationships": []}', '[]']) {
      writeFileSync(path.join(out, 'graph.json'), text);
      await expect(collectStats(out, 10)).rejects.toThrow(new StorageError(`${path.join(out, 'graph.json')} is not a codegraph graph (no version, nodes and relationships)`));
    }
  });

  it('says there is nothing to read without graph.json', async () => {
    await expect(collectStats(out, 10)).rejects.toThrow(UsageError);
  });

  it('groups the processors counts of report.json', async () => {
    await writeOutput({ report: sampleReport() });
    const report = await collectStats(out, 10);
    expect(report.imports).toEqual({
      totals: { resolved: 3, external: 2, unresolved: 1 },
      groups: { external: { lodash: 2 }, unresolved: { 'not-found': 1 } },
    });
    expect(report.calls).toEqual({
      totals: { found: 10, resolved: 7, resolvedShare: 0.7 },
      groups: { resolved: { import: 2, type: 1, 'repo-wide': 4 }, unresolved: { 'no-definition': 3, builtin: 0 } },
    });
    expect(report.lastRun!.writes).toHaveLength(8);
    expect(report.lastRun!.writes[1]).toEqual({
      phase: 'structure',
      store: 'kuzu',
      nodes: { attempted: 5, written: 5, failed: 0 },
      relationships: { attempted: 4, written: 4, failed: 0 },
      ms: 20.6,
      status: 'ok',
    });
    expect(report.lastRun!.timings).toEqual({ walk: 5, parse: 30, resolve: 7, write: 60, validate: 12, total: 114 });
    expect(report.lastRun!.files).toEqual({ found: 4, parsed: 3, reparsed: 3, syntaxErrors: 1, masked: 2 });
  });

  it('renders every section as text', async () => {
    await writeOutput({ report: sampleReport() });
    const text = renderStatsText(await collectStats(out, 2));
    expect(text.replace(out, '<out>')).toBe(EXPECTED_TEXT);
  });
});

describe('collectStats on a real index', () => {
  it('ranks callees tied at the cut by id, whatever order graph.kuzu keeps them in', async () => {
    const graph = statsGraph();
    const main = graph.nodes.find((n) => n.properties['name'] === 'main')!;
    const tied = ['x', 'y', 'z'].map((name) => definitionId('Function', 'src/a.ts', name));
    const nodes = [
      ...graph.nodes,
      ...tied.map((id, i) => {
        const properties = { name: ['x', 'y', 'z'][i]!, filePath: 'src/a.ts', startLine: 5 + i, endLine: 5 + i, exported: false };
        return { id, label: 'Function' as const, properties };
      }),
    ];
    const calls = tied.map((id) => {
      const properties = { stage: 'same-file', confidence: 1, line: 2, callSites: 1 };
      return { id: relationshipId('CALLS', main.id, id), type: 'CALLS' as const, source: main.id, target: id, properties };
    });
    const relationships = [...graph.relationships, ...calls];
    const sorted: CodeGraph = { ...graph, nodes: [...nodes].sort((a, b) => compareIds(a.id, b.id)), relationships: [...relationships].sort((a, b) => compareIds(a.id, b.id)) };
    writeFileSync(path.join(out, 'graph.json'), JSON.stringify(sorted));
    // Into Kuzu in the reverse of id order: its scans and groups meet the tied callees last id first.
    await writeKuzu(path.join(out, 'graph.kuzu'), { ...sorted, nodes: [...sorted.nodes].reverse(), relationships: [...sorted.relationships].reverse() });
    for (const top of [1, 2, 3, 4]) {
      const expected = computeGraphStats(sorted, top);
      expect((await collectStats(out, top)).graph).toEqual(expected);
    }
    // Four callees with one caller and one call site (run, x, y, z): the cut at 3 keeps helper and the first two ids.
    expect(computeGraphStats(sorted, 3).top.mostCalled.map((c) => c.name)).toEqual(['helper', 'x', 'y']);
  });

  it('reads from each store, neither held whole, the figures computeGraphStats finds in the whole graph, at every cut of the top lists', async () => {
    const repo = path.join(ROOT, 'examples/shop');
    await runIndex({
      repo, rootName: 'shop', outDir: out, kuzu: true, batchSize: 1000, validate: false, include: [], exclude: [],
      allowDegraded: false, workers: 1, maxFileSize: 1024 * 1024, incremental: false,
    });
    const graph = JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')) as CodeGraph;
    // Cut 2 and 3 fall inside ties (four callees with 4 callers and 4 call sites each): Kuzu's
    // order among tied rows is its own, so the ranking must not be left to it.
    const cuts = [1, 2, 3, 5, 1000];
    const fromKuzu = [];
    for (const top of cuts) {
      const report = await collectStats(out, top);
      expect(report.source.store).toBe('graph.kuzu');
      fromKuzu.push(report.graph);
    }
    renameSync(path.join(out, 'graph.kuzu'), path.join(out, 'moved.kuzu'));
    for (const [i, top] of cuts.entries()) {
      const expected = computeGraphStats(graph, top);
      expect(fromKuzu[i]).toEqual(expected);
      const report = await collectStats(out, top);
      expect(report.source.store).toBe('graph.json');
      expect(report.graph).toEqual(expected);
    }
    const all = computeGraphStats(graph, 1000);
    expect(all.nodes).toBe(177);
    expect(all.relationships).toBe(353);
    expect(all.top.mostCalled).toHaveLength(61);
    expect(all.top.mostCalled.filter((s) => s.callers === 4 && s.callSites === 4).map((s) => s.name)).toEqual(['normalize', 'multiply', 'money', 'Logger.write']);
    expect(computeGraphStats(graph, 2).top.mostCalled.map((s) => s.name)).toEqual(['toMoney', 'normalize']);
  }, 60_000);
});

describe('groupCounts', () => {
  it('splits keys at the first dot only', () => {
    expect(groupCounts({ a: 1, 'b.c.d': 2 })).toEqual({ totals: { a: 1 }, groups: { b: { 'c.d': 2 } } });
  });
});

const EXPECTED_TEXT = `stats of <out>
read graph.kuzu (graph.kuzu is present and current)

11 nodes, 18 relationships

label     nodes
--------  -----
Class         3
File          3
Function      2
Folder        1
Method        1
Project       1

type      relationships
--------  -------------
DEFINES               6
CONTAINS              4
CALLS                 3
IMPORTS               3
INHERITS              2

language    files
----------  -----
typescript      2
javascript      1

imports: 3 file-to-file relationships (static 2, re-export 1, type 1)
  last run: resolved 3, external 2, unresolved 1
  external: lodash 2
  unresolved: not-found 1

calls: 3 caller-callee relationships
stage      relationships  call sites
---------  -------------  ----------
import                 1           2
repo-wide              1           4
type                   1           1
  last run: found 10, resolved 7, resolvedShare 0.7
  resolved: repo-wide 4, import 2, type 1
  unresolved: no-definition 3

top files by lines
file      lines
--------  -----
src/b.ts     20
src/a.ts     10

top files by fan-in (files importing them)
file      importers
--------  ---------
src/b.ts          2
src/a.ts          1

top files by fan-out (files they import)
file      imports
--------  -------
src/a.ts        1
src/b.ts        1

most-called functions and methods
symbol    callers  call sites  file
--------  -------  ----------  --------
helper          2           6  src/b.ts
Base.run        1           1  src/b.ts

deepest class hierarchies
class    depth  chain                  file
-------  -----  ---------------------  --------
More         2  More > Derived > Base  src/c.js
Derived      1  Derived > Base         src/b.ts

import cycles (files that import each other): 1
  1. 2 files: src/a.ts, src/b.ts

last index run (codegraph 0.1.0, 2026-01-02T03:04:05.000Z)
files: 4 found, 3 parsed, 1 with syntax errors (33.3%), 2 read after masking what the grammar misreads
graph.kuzu: ok
phase      store  nodes  relationships  failed  ms  status
---------  -----  -----  -------------  ------  --  ------
structure  json     5/5            4/4       0   1  ok
structure  kuzu     5/5            4/4       0  21  ok
parsing    json     6/6            8/8       0   1  ok
parsing    kuzu     6/6            8/8       0  21  ok
imports    json     0/0            3/3       0   1  ok
imports    kuzu     0/0            3/3       0  21  ok
calls      json     0/0            3/3       0   1  ok
calls      kuzu     0/0            3/3       0  21  ok
timings: walk 5 ms, parse 30 ms, resolve 7 ms, write 60 ms, validate 12 ms, total 114 ms`;

describe('renderStatsText on many and large cycles', () => {
  it('lists the top N cycles and at most ten files of each', () => {
    const files = Array.from({ length: 30 }, (_, i) => `src/f${String(i).padStart(2, '0')}.ts`);
    const graph = computeGraphStats(statsGraph(), 1);
    const text = renderStatsText({
      outDir: '/out',
      source: { store: 'graph.json', path: '/out/graph.json', why: 'test' },
      graph: { ...graph, importCycleCount: 3, importCycles: [files] },
    });
    expect(text).toContain(
      `import cycles (files that import each other): 3, the 1 largest:\n  1. 30 files: ${files.slice(0, 10).join(', ')}, … and 20 more\n`,
    );
  });
});

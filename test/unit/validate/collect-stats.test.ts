import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectStats, groupCounts } from '../../../src/validate/collect-stats.js';
import { computeGraphStats } from '../../../src/graph/stats.js';
import { renderStatsText } from '../../../src/report/stats-text.js';
import { UsageError } from '../../../src/errors.js';
import { writeKuzu } from './kuzu-test-db.js';
import { sampleReport, statsGraph } from './sample-graph.js';

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

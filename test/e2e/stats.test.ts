import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, indexStatsFixture } from './validate-helpers.js';

let out: string;
beforeAll(() => {
  out = indexStatsFixture();
});
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});

describe('codegraph stats (built CLI)', () => {
  it('prints counts, rankings, cycles and the last run as text, reading graph.kuzu', () => {
    const result = cli(['stats', '--out', out, '--top', '2']);
    expect(result.code).toBe(0);
    const text = result.stdout;
    expect(text).toContain('read graph.kuzu (graph.kuzu is present and current)\n\n14 nodes, 23 relationships\n');
    expect(text).toContain('language    files\n----------  -----\ntypescript      3\njavascript      1\n');
    expect(text).toContain('imports: 4 file-to-file relationships (static 2, require 1, type 1)\n');
    expect(text).toContain(
      'top files by fan-in (files importing them)\nfile            importers\n--------------  ---------\nsrc/b.ts                2\nsrc/a-types.ts          1\n',
    );
    expect(text).toContain(
      'most-called functions and methods\nsymbol    callers  call sites  file\n--------  -------  ----------  --------\nhelper          3           5  src/b.ts\nBase.run        1           1  src/b.ts\n',
    );
    expect(text).toContain('deepest class hierarchies\nclass    depth  chain           file\n-------  -----  --------------  --------\nDerived      1  Derived > Base  src/b.ts\n');
    expect(text).toContain('import cycles (files that import each other): 1\n  1. 2 files: src/a.ts, src/b.ts\n');
    expect(text).toMatch(/\nphase +store +nodes +relationships +failed +ms +status\n/);
    expect(text).toMatch(/\nstructure +kuzu +6\/6 +5\/5 +0 +\d+ +ok\n/);
  });

  it('prints one JSON document with --json', () => {
    const result = cli(['stats', '--out', out, '--json', '--top', '3']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.source.store).toBe('graph.kuzu');
    expect(report.graph.byLabel).toEqual({ Project: 1, Folder: 1, File: 4, Function: 3, Class: 2, Method: 1, Variable: 1, Interface: 1 });
    expect(report.graph.byType).toEqual({ CONTAINS: 5, DEFINES: 8, IMPORTS: 4, CALLS: 5, INHERITS: 1 });
    expect(report.graph.top.filesByLines).toEqual([
      { file: 'src/b.ts', value: 16 },
      { file: 'src/c.js', value: 9 },
      { file: 'src/a.ts', value: 7 },
    ]);
    expect(report.graph.top.filesByFanOut).toEqual([
      { file: 'src/b.ts', value: 2 },
      { file: 'src/a.ts', value: 1 },
      { file: 'src/c.js', value: 1 },
    ]);
    expect(report.graph.callsByStage).toEqual({
      import: { relationships: 3, callSites: 5 },
      'same-file': { relationships: 1, callSites: 1 },
      type: { relationships: 1, callSites: 1 },
    });
    expect(report.graph.importCycleCount).toBe(1);
    expect(report.graph.importCycles).toEqual([['src/a.ts', 'src/b.ts']]);
    expect(report.lastRun.kuzu).toEqual({ status: 'ok', stale: false });
    expect(report.lastRun.writes).toHaveLength(8);
  });

  it('reads graph.json when there is no graph.kuzu, with the same figures', () => {
    const fromKuzu = JSON.parse(cli(['stats', '--out', out, '--json']).stdout);
    const jsonOnly = indexStatsFixtureWithout();
    try {
      const result = cli(['stats', '--out', jsonOnly, '--json']);
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout);
      expect(report.source).toEqual({ store: 'graph.json', path: path.join(jsonOnly, 'graph.json'), why: 'there is no graph.kuzu' });
      expect(report.graph).toEqual(fromKuzu.graph);
    } finally {
      rmSync(jsonOnly, { recursive: true, force: true });
    }
  });

  it('exits 2 on a bad --top, in one line', () => {
    const result = cli(['stats', '--out', out, '--top', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe("error: option '--top <n>' argument '0' is invalid. --top must be a whole number of at least 1, got '0'");
  });

  it('exits 2 when there is nothing to read', () => {
    const result = cli(['stats', '--out', path.join(out, 'nowhere')]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`error: nothing to read: no graph.json in ${path.join(out, 'nowhere')} (run codegraph index first)`);
  });
});

function indexStatsFixtureWithout(): string {
  const dir = `${out}-nokuzu`;
  const result = cli(['index', path.resolve(import.meta.dirname, '../fixtures/stats-basic'), '--out', dir, '--no-kuzu', '--quiet']);
  if (result.code !== 0) throw new Error(result.stderr);
  return dir;
}

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import kuzu from 'kuzu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, indexStatsFixture, ROOT } from './validate-helpers.js';

let indexed: string;
const copies: string[] = [];

beforeAll(() => {
  indexed = indexStatsFixture();
});
afterAll(() => {
  for (const dir of [indexed, ...copies]) rmSync(dir, { recursive: true, force: true });
});

/** A private copy of the indexed output, to damage. */
function copyOutput(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'codegraph-e2e-copy-'));
  cpSync(indexed, dir, { recursive: true });
  copies.push(dir);
  return dir;
}

async function onKuzu(out: string, statement: string): Promise<void> {
  const db = new kuzu.Database(path.join(out, 'graph.kuzu'));
  const conn = new kuzu.Connection(db);
  const result = await conn.query(statement);
  for (const r of Array.isArray(result) ? result : [result]) r.close();
  await conn.close();
  await db.close();
}

describe('codegraph validate (built CLI)', () => {
  it('exits 0 on an untouched output and prints the verdict first', () => {
    const result = cli(['validate', '--out', indexed]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      'validation: consistent (graph.json and graph.kuzu compared; 14 nodes, 23 relationships; 0 problems)',
    );
    expect(result.stdout).toContain('graph.json vs graph.kuzu: no differences');
  });

  it('prints one JSON document with --json', () => {
    const result = cli(['validate', '--out', indexed, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ consistent: true, graphJson: { nodes: 14, relationships: 23 }, integrity: [], differences: [] });
    expect(report.kuzu.status).toBe('compared');
    expect(report.counts.relationships).toContainEqual({ table: 'CALLS', json: 5, kuzu: 5 });
  });

  it('exits 1 and names the damage when a node is deleted in Kuzu', async () => {
    const out = copyOutput();
    await onKuzu(out, "MATCH (n:Function {id: 'Function:src/c.js:twice'}) DETACH DELETE n");
    const result = cli(['validate', '--out', out, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.consistent).toBe(false);
    expect(report.differences.map((d: { kind: string; count: number }) => [d.kind, d.count])).toEqual([
      ['node-missing-in-kuzu', 1],
      ['relationship-missing-in-kuzu', 2], // DEFINES c.js -> twice, CALLS twice -> helper
    ]);
    const text = cli(['validate', '--out', out]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('  node-missing-in-kuzu: 1\n    Function:src/c.js:twice [Function]\n');
  });

  it('exits 1 with a property changed in Kuzu, showing both values', async () => {
    const out = copyOutput();
    await onKuzu(out, "MATCH (n:File {id: 'File:src/a.ts'}) SET n.lines = 70");
    const result = cli(['validate', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  node-property-differs: 1\n    File:src/a.ts [File] lines: graph.json=7 kuzu=70\n');
  });

  it('exits 1 when graph.kuzu is missing, and 2 when graph.json is truncated', () => {
    const out = copyOutput();
    rmSync(path.join(out, 'graph.kuzu'), { force: true });
    rmSync(path.join(out, 'graph.kuzu.wal'), { force: true });
    const missing = cli(['validate', '--out', out]);
    expect(missing.code).toBe(1);
    expect(missing.stdout.split('\n')[0]).toBe('validation: INCONSISTENT (graph.kuzu is missing; 14 nodes, 23 relationships; 0 problems)');

    const file = path.join(out, 'graph.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 300));
    const truncated = cli(['validate', '--out', out]);
    expect(truncated.code).toBe(2);
    expect(truncated.stdout).toBe('');
    expect(truncated.stderr.split('\n')[0]).toMatch(/^error: graph\.json is not valid JSON \(truncated or corrupt\): /);
  });

  it('exits 2 in one line on an output of graph format version 1, asking for a new index', () => {
    const out = copyOutput();
    const file = path.join(out, 'graph.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^\{\n {2}"version": 2,/, '{\n  "version": 1,'));
    const old = cli(['validate', '--out', out]);
    expect(old.code).toBe(2);
    expect(old.stdout).toBe('');
    expect(old.stderr).toBe(`error: ${file} is graph format version 1, from an older codegraph; this one reads version 2: re-run codegraph index to rebuild it\n`);
  });

  it('exits 2 when there is nothing to validate', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'codegraph-e2e-empty-'));
    copies.push(empty);
    const result = cli(['validate', empty]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: nothing to read: no graph.json in ${path.join(empty, '.codegraph')} (run codegraph index first)`);
  });

  it('exits 2 in one line while another process holds graph.kuzu', async () => {
    const out = copyOutput();
    const holder = spawn(
      process.execPath,
      ['-e', `const k = require('kuzu'); const db = new k.Database(${JSON.stringify(path.join(out, 'graph.kuzu'))}); const c = new k.Connection(db);
       c.query('RETURN 1').then((r) => { r.close(); console.log('held'); setTimeout(() => { c.closeSync(); db.closeSync(); }, 6000); });`],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await once(holder.stdout!, 'data');
      const result = cli(['validate', '--out', out]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`error: cannot open ${path.join(out, 'graph.kuzu')}: another process has it open (an index run writing it?); try again when it is done\n`);
    } finally {
      holder.kill();
    }
  });

  it('prints nothing with --quiet; the exit code tells', () => {
    const result = cli(['validate', '--out', indexed, '--quiet']);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

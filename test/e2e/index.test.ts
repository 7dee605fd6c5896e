import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import kuzu from 'kuzu';
import { NODE_TABLES, RELATIONSHIP_TABLES, type CodeGraph, type NodeLabel, type RelationshipType } from '../../src/graph/model.js';
import { renderIndexReport } from '../../src/report/text.js';
import { copyFixture, runCli, runCliAsync } from '../helpers/cli.js';
import { indexAsCli } from '../helpers/index-in-process.js';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(path.dirname(d), { recursive: true, force: true })));

function fixture(): string {
  const dir = copyFixture('index-basic');
  made.push(dir);
  return dir;
}

function readGraph(out: string): CodeGraph {
  return JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')) as CodeGraph;
}

type Row = Record<string, unknown>;
async function kuzuRows(dbPath: string, queries: string[]): Promise<Row[][]> {
  const db = new kuzu.Database(dbPath, 0, true, true);
  const conn = new kuzu.Connection(db);
  const out: Row[][] = [];
  for (const q of queries) {
    const r = await conn.query(q);
    const single = Array.isArray(r) ? r[0]! : r;
    out.push(await single.getAll());
    single.close();
  }
  await conn.close();
  await db.close();
  return out;
}

const PHASES = ['structure', 'parsing', 'imports', 'calls'];

describe('codegraph index (built CLI)', () => {
  it('indexes a repository, prints the dual-write table, and exits 0', () => {
    const repo = fixture();
    const result = runCli(['index', repo]);
    expect(result.code).toBe(0);
    for (const phase of PHASES) {
      expect(result.stdout).toMatch(new RegExp(`^${phase}\\s+json\\s+\\d+/\\d+\\s+\\d+/\\d+\\s+0\\s+100\\.0%.*ok$`, 'm'));
      expect(result.stdout).toMatch(new RegExp(`^${phase}\\s+kuzu\\s+\\d+/\\d+\\s+\\d+/\\d+\\s+0\\s+100\\.0%.*ok$`, 'm'));
    }
    expect(result.stdout).toContain('validation: consistent (graph.json and graph.kuzu compared by row count and digest; 24 nodes, 38 relationships; 0 problems)');
    // Progress goes to stderr as plain lines without a TTY.
    expect(result.stderr).toMatch(/calls: done in [^\n]*\nwriting graph\.json and graph\.kuzu\n/);
    const out = path.join(repo, '.codegraph');
    expect(['graph.json', 'graph.kuzu', 'report.json'].every((f) => existsSync(path.join(out, f)))).toBe(true);
    const graph = readGraph(out);
    // The .gitignore'd generated/ folder and the output folder are not indexed.
    expect(graph.nodes.filter((n) => n.label === 'File').map((n) => n.properties['filePath'])).toEqual([
      'src/legacy.js', 'src/main.ts', 'src/shapes/circle.ts', 'src/shapes/index.ts', 'src/shapes/shape.ts', 'src/util.cjs',
    ]);
  });

  it('writes the same ids, labels, properties and endpoints to graph.json and graph.kuzu', async () => {
    const repo = fixture();
    expect((await indexAsCli(repo)).report.exitCode).toBe(0);
    const out = path.join(repo, '.codegraph');
    const graph = readGraph(out);
    const labels = Object.keys(NODE_TABLES) as NodeLabel[];
    const types = Object.keys(RELATIONSHIP_TABLES) as RelationshipType[];
    const results = await kuzuRows(path.join(out, 'graph.kuzu'), [
      ...labels.map((l) => `MATCH (n:${l}) RETURN n.* ORDER BY n.id`),
      ...types.map((t) => `MATCH (a)-[r:${t}]->(b) RETURN a.id AS source, b.id AS target, r.* ORDER BY r.id`),
    ]);
    const fromKuzu = (row: Row, prefix: string, props: string[]): Row =>
      Object.fromEntries(props.flatMap((p) => (row[`${prefix}.${p}`] === null ? [] : [[p, row[`${prefix}.${p}`]]])));
    const kuzuNodes = labels.flatMap((label, i) =>
      results[i]!.map((row) => ({ id: row['n.id'], label, properties: fromKuzu(row, 'n', Object.keys(NODE_TABLES[label])) })),
    );
    const kuzuRels = types.flatMap((type, i) =>
      results[labels.length + i]!.map((row) => ({
        id: row['r.id'], type, source: row['source'], target: row['target'],
        properties: fromKuzu(row, 'r', Object.keys(RELATIONSHIP_TABLES[type].properties)),
      })),
    );
    const byId = <T extends { id: unknown }>(items: T[]) => [...items].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect(byId(kuzuNodes)).toEqual(byId(graph.nodes.map((n) => ({ ...n, properties: { ...n.properties } }))));
    expect(byId(kuzuRels)).toEqual(byId(graph.relationships.map((r) => ({ ...r, properties: { ...r.properties } }))));
    expect(graph.nodes.length).toBe(24);
    expect(graph.relationships.length).toBe(38); // with report -> Shape.area, through shapes.map((shape) => …)
  });

  it('gives byte-identical graph.json on repeated runs, incremental or not', async () => {
    // In this process (parse workers give the same units as one thread: parse-workers.test.ts).
    const repo = fixture();
    const out = path.join(repo, '.codegraph', 'graph.json');
    expect((await indexAsCli(repo, { kuzu: false })).report.exitCode).toBe(0);
    const first = readFileSync(out);
    expect((await indexAsCli(repo, { kuzu: false })).report.exitCode).toBe(0);
    expect(readFileSync(out).equals(first)).toBe(true);
    expect((await indexAsCli(repo, { kuzu: false, incremental: false })).report.exitCode).toBe(0);
    expect(readFileSync(out).equals(first)).toBe(true);
  });

  it('--json prints one JSON report on stdout and nothing else there', () => {
    const repo = fixture();
    const result = runCli(['index', repo, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.exitCode).toBe(0);
    expect(report.kuzu).toEqual({ status: 'ok' });
    expect(report.phases.map((p: { phase: string }) => p.phase)).toEqual(PHASES);
    expect(report.phases[0].stores.map((s: { store: string; status: string }) => `${s.store}:${s.status}`)).toEqual(['json:ok', 'kuzu:ok']);
    expect(report.totals).toMatchObject({ nodes: 24, relationships: 38 });
    expect(report.validation.consistent).toBe(true);
    expect(JSON.parse(readFileSync(path.join(repo, '.codegraph', 'report.json'), 'utf8')).totals.nodes).toBe(24);
  });

  it('--no-kuzu, CODEGRAPH_KUZU=0 and codegraph.config.json each write graph.json only and remove an old graph.kuzu', async () => {
    // Each way on its own copy, side by side; flags win over the environment, the environment over the file.
    const cases: [string[], Record<string, string>, string | undefined, string][] = [
      [['--no-kuzu'], {}, undefined, 'disabled'],
      [[], { CODEGRAPH_KUZU: '0' }, undefined, 'disabled'],
      [[], {}, '{ "kuzu": false }', 'disabled'],
      [['--kuzu'], { CODEGRAPH_KUZU: '0' }, undefined, 'ok'],
      [[], { CODEGRAPH_KUZU: '1' }, '{ "kuzu": false }', 'ok'],
    ];
    const results = await Promise.all(
      cases.map(async ([args, env, config]) => {
        const repo = fixture();
        mkdirSync(path.join(repo, '.codegraph'));
        writeFileSync(path.join(repo, '.codegraph', 'graph.kuzu'), 'an old database');
        if (config) writeFileSync(path.join(repo, 'codegraph.config.json'), config);
        const result = await runCliAsync(['index', repo, '--json', '--no-validate', ...args], { env });
        const kuzuFile = path.join(repo, '.codegraph', 'graph.kuzu');
        return [result.code, JSON.parse(result.stdout).kuzu.status, existsSync(kuzuFile) && readFileSync(kuzuFile, 'utf8') !== 'an old database', readGraph(path.join(repo, '.codegraph')).nodes.length];
      }),
    );
    expect(results).toEqual(cases.map(([, , , status]) => [0, status, status === 'ok', 24]));
  });

  it('exits 2 with one line for a missing path, a file path, a bad flag or a bad value', async () => {
    const repo = fixture();
    const cases: [string[], RegExp][] = [
      [['index', path.join(repo, 'nope')], /^error: no such folder: .*nope\n$/],
      [['index', path.join(repo, 'src', 'main.ts')], /^error: not a folder: .*main\.ts \(give the repository's root folder\)\n$/],
      [['index', repo, '--frobnicate'], /^error: unknown option '--frobnicate'\n/],
      [['index', repo, '--batch-size', 'lots'], /^error: option '--batch-size <n>' argument 'lots' is invalid\. --batch-size must be a whole number of at least 1, got 'lots'\n/],
      [['index', repo, '--workers', '0'], /^error: option '--workers <n>' argument '0' is invalid\./],
      [['index'], /^error: missing required argument 'repo'\n/],
      // A folder that cannot be made (Node's own recursive mkdir used to spin on it for minutes).
      [['index', repo, '--out', '/proc/nope'], /^error: cannot create the output folder \/proc\/nope\nReason: ENOENT[^\n]*\n$/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCliAsync(args)));
    cases.forEach(([args, message], i) => {
      const result = results[i]!;
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout).toBe('');
    });
    const badEnv = await runCliAsync(['index', repo], { env: { CODEGRAPH_KUZU: 'maybe' } });
    expect([badEnv.code, badEnv.stderr]).toEqual([2, "error: CODEGRAPH_KUZU must be 1 or 0 (true or false), got 'maybe'\n"]);
  });

  it('--help shows every flag with its default and the exit codes', () => {
    const result = runCli(['index', '--help']);
    expect(result.code).toBe(0);
    for (const flag of ['--out', '--no-kuzu', '--batch-size', '--no-validate', '--include', '--exclude', '--allow-degraded', '--workers', '--max-file-size', '--json', '--quiet']) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain('(default: 100000)');
    expect(result.stdout).toContain('3 degraded');
  });

  it('degrades to exit 3 when graph.kuzu is a folder, keeps graph.json complete, and --allow-degraded gives 0', async () => {
    const repo = fixture();
    mkdirSync(path.join(repo, '.codegraph', 'graph.kuzu'), { recursive: true });
    const result = runCli(['index', repo, '--json']);
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout);
    expect(report.kuzu).toEqual({ status: 'degraded', phase: 'finish', reason: `${path.join(repo, '.codegraph', 'graph.kuzu')} is a folder, not a Kuzu database file: move it away` });
    expect(report.validation).toMatchObject({ consistent: true, kuzu: { status: 'skipped' } });
    // Every phase went into the one Kuzu transaction that was never committed: the table says so.
    const kuzuStores = report.phases.map((p: { stores: { store: string }[] }) => p.stores.find((s) => s.store === 'kuzu'));
    expect(kuzuStores.map((s: { status: string; relationships: { written: number } }) => [s.status, s.relationships.written])).toEqual([
      ['failed', 0], ['failed', 0], ['failed', 0], ['failed', 0],
    ]);
    expect(kuzuStores[0].reason).toMatch(/^not committed: finish: .*is a folder/);
    expect(readGraph(path.join(repo, '.codegraph')).nodes.length).toBe(24);
    expect(renderIndexReport(report)).toMatch(/^kuzu: DEGRADED in finish: .*graph\.kuzu is a folder/m);
    expect((await indexAsCli(repo, { allowDegraded: true })).report.exitCode).toBe(0);
  });

  it('an `out` in codegraph.config.json is where index writes and where validate and stats read', async () => {
    const repo = fixture();
    writeFileSync(path.join(repo, 'codegraph.config.json'), '{ "out": "graph-out" }');
    expect(runCli(['index', repo, '-q']).code).toBe(0);
    expect(existsSync(path.join(repo, 'graph-out', 'graph.json'))).toBe(true);
    expect(existsSync(path.join(repo, '.codegraph'))).toBe(false);
    const [validate, stats] = await Promise.all([runCliAsync(['validate', repo]), runCliAsync(['stats', repo])]);
    expect(validate.code).toBe(0);
    expect(stats.stdout.split('\n')[0]).toBe(`stats of ${path.join(repo, 'graph-out')}`);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import kuzu from 'kuzu';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../src/graph/builder.js';
import { definitionId, fileId, relationshipId } from '../../../src/graph/ids.js';
import type { CodeGraph } from '../../../src/graph/model.js';
import { indexStores } from '../../../src/storage/index-stores.js';
import { digestKuzu, statementRows, type DigestOutcome } from '../../../src/storage/kuzu-digest.js';
import { kuzuDigestStatement, rowText } from '../../../src/storage/row-digest.js';
import { digestValidation } from '../../../src/validate/digest-validation.js';
import { validateOutput, type ValidationReport } from '../../../src/validate/validate-output.js';
import { WrittenGraphCheck, type WrittenGraph } from '../../../src/validate/written-graph.js';
import { copyFixture } from '../../helpers/cli.js';
import { indexAsCli } from '../../helpers/index-in-process.js';
import { runOnKuzu, writeKuzu } from './kuzu-test-db.js';
import { ids, sampleGraph } from './sample-graph.js';

// index validates by digest: Kuzu digests every table right after its COMMIT, graph.json is checked
// and digested line by line as it is written, and only when they disagree (or cannot be had) is the
// output read again and compared row by row. Real Kuzu databases in temp folders throughout.

/** Kuzu's digest of the database at `file`, by the statements the Kuzu writer runs after its COMMIT. */
async function databaseDigest(file: string): Promise<DigestOutcome> {
  const db = new kuzu.Database(file, 0, true, true);
  const conn = new kuzu.Connection(db);
  try {
    return await digestKuzu((statements) => statementRows([conn], statements));
  } finally {
    await conn.close();
    await db.close();
  }
}

/** graph.json's lines fed to the check the json sink feeds as it writes. */
function checkLines(lines: { readonly nodes: readonly string[]; readonly relationships: readonly string[] }): WrittenGraph {
  const check = new WrittenGraphCheck({ digest: true });
  check.begin();
  for (const line of lines.nodes) check.line('nodes', line);
  for (const line of lines.relationships) check.line('relationships', line);
  check.end();
  return check.result();
}

const graphLines = (graph: CodeGraph) => ({ nodes: graph.nodes.map((n) => JSON.stringify(n)), relationships: graph.relationships.map((r) => JSON.stringify(r)) });

/** The item lines of a graph.json the json sink wrote (one item a line, indented, comma after). */
function fileLines(file: string) {
  const text = readFileSync(file, 'utf8');
  const [nodes, relationships] = text.split('"relationships": [').map((part) => part.split('\n').filter((l) => l.startsWith('    {')).map((l) => l.trim().replace(/,$/, '')));
  return { nodes: nodes!, relationships: relationships! };
}

function kinds(report: ValidationReport): Record<string, number> {
  return Object.fromEntries([...report.integrity, ...report.differences].map((s) => [s.kind, s.count]));
}

describe('the row digest', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'codegraph-digest-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is the same in Kuzu and here for every property kind, nulls, escapes, whole and tiny doubles, and none but an equal row matches', async () => {
    const b = new GraphBuilder();
    const file = fileId('src/odd "name".ts');
    const f = definitionId('Function', 'src/odd "name".ts', 'f');
    const g = definitionId('Function', 'src/odd "name".ts', 'g');
    b.addNode({ id: file, label: 'File', properties: { name: 'odd "name".ts', filePath: 'src/odd "name".ts', language: 'typescript', size: 7, packages: ['a\\b', 'tab\there', 'ctl\u0001\u001e', 'é😀'] } });
    b.addNode({ id: f, label: 'Function', properties: { name: 'f\nline\u000b\u001f', filePath: 'src/odd "name".ts', startLine: 1, endLine: 9007199254740991, exported: false, async: true } });
    b.addNode({ id: g, label: 'Function', properties: { name: 'g', filePath: 'src/odd "name".ts', startLine: 2, endLine: 3, exported: true } });
    b.addRelationship({ id: relationshipId('DEFINES', file, f), type: 'DEFINES', source: file, target: f, properties: {} });
    b.addRelationship({ id: relationshipId('CALLS', f, g), type: 'CALLS', source: f, target: g, properties: { stage: 'import', confidence: 0.1 + 0.2, line: 1, callSites: 1 } });
    b.addRelationship({ id: relationshipId('CALLS', g, f), type: 'CALLS', source: g, target: f, properties: { stage: 'type', confidence: 1, line: 2, callSites: 3 } });
    b.addRelationship({ id: relationshipId('CALLS', g, g), type: 'CALLS', source: g, target: g, properties: { stage: 'type', confidence: 1e-7, line: 3, callSites: 1 } });
    const graph = b.build('demo', '0.1.0');
    await writeKuzu(path.join(dir, 'graph.kuzu'), graph);

    const kuzuSide = await databaseDigest(path.join(dir, 'graph.kuzu'));
    const written = checkLines(graphLines(graph));
    expect(written.unusable).toBeUndefined();
    expect(kuzuSide).toEqual({ ok: true, tables: written.digests });
    expect(written.digests!.filter((t) => t.rows > 0).map((t) => [t.table, t.rows])).toEqual([['File', 1], ['Function', 2], ['DEFINES', 1], ['CALLS', 3]]);

    // 0.30000000000000004 is not 0.3: a double that prints alike at fewer digits still differs.
    await runOnKuzu(path.join(dir, 'graph.kuzu'), [`MATCH ()-[r:CALLS]->() WHERE r.line = 1 SET r.confidence = 0.3`]);
    const changed = await databaseDigest(path.join(dir, 'graph.kuzu'));
    expect(changed.ok && changed.tables.filter((t, i) => t.digest !== written.digests![i]!.digest).map((t) => t.table)).toEqual(['CALLS']);
  });

  it('cannot hold an integer past 2^53, which validation reads back from Kuzu as text', () => {
    const node = { id: 'Function:a', label: 'Function' as const, properties: { name: 'a', filePath: 'a.ts', startLine: 1, endLine: 2 ** 53, exported: true } };
    expect(rowText(node)).toBeUndefined();
    expect(rowText({ ...node, properties: { ...node.properties, endLine: 2 ** 53 - 1 } })).toBe(
      '{"id":"Function:a","name":"a","filePath":"a.ts","startLine":1,"endLine":9007199254740991,"exported":true,"async":null,"generator":null,"enclosingFunction":null}',
    );
  });

  it('covers relationship ends: the same row between other nodes differs', async () => {
    await writeKuzu(path.join(dir, 'graph.kuzu'), sampleGraph());
    const written = checkLines(graphLines(sampleGraph()));
    expect(await databaseDigest(path.join(dir, 'graph.kuzu'))).toEqual({ ok: true, tables: written.digests });
    // The INHERITS row keeps its id and properties but now starts at Base instead of Derived.
    await runOnKuzu(path.join(dir, 'graph.kuzu'), [
      `MATCH (a:Class {id: '${ids.derived}'})-[r:INHERITS]->(b:Class) DELETE r`,
      `MATCH (a:Class {id: '${ids.base}'}), (b:Class {id: '${ids.base}'}) CREATE (a)-[:INHERITS {id: '${relationshipId('INHERITS', ids.derived, ids.base)}'}]->(b)`,
    ]);
    const moved = await databaseDigest(path.join(dir, 'graph.kuzu'));
    expect(moved.ok && moved.tables.find((t) => t.table === 'INHERITS')).toMatchObject({ rows: 1 });
    expect(moved.ok && moved.tables.filter((t, i) => t.digest !== written.digests![i]!.digest).map((t) => t.table)).toEqual(['INHERITS']);
  });

  it("finds nothing to vouch for when graph.json's lines break its own rules or were never written", () => {
    const graph = sampleGraph();
    const lines = graphLines(graph);
    const dangling = { ...graph.relationships[0]!, target: 'Folder:nowhere' };
    const broken = checkLines({ nodes: lines.nodes, relationships: [JSON.stringify(dangling), ...lines.relationships.slice(1)] });
    expect(broken.findings.summaries().map((s) => [s.kind, s.count])).toEqual([['dangling-endpoint', 1]]);
    expect(digestValidation(dir, false, { written: broken, report: {} })).toBeUndefined();
    const unwritten = new WrittenGraphCheck({ digest: true }).result();
    expect(unwritten.unusable).toBe('graph.json was not written');
    expect(digestValidation(dir, false, { written: unwritten, report: {} })).toBeUndefined();
    // Lines seen, but the writing stopped before the last one.
    const stopped = new WrittenGraphCheck({ digest: true });
    stopped.begin();
    for (const line of lines.nodes) stopped.line('nodes', line);
    expect(stopped.result().unusable).toBe('graph.json was not written through');
    expect(digestValidation(dir, false, { written: stopped.result(), report: {} })).toBeUndefined();
  });
});

describe('index validating by digest', () => {
  let repo: string;
  beforeAll(() => {
    repo = copyFixture('index-basic');
  });
  afterAll(() => rmSync(path.dirname(repo), { recursive: true, force: true }));
  const out = (): string => path.join(repo, '.codegraph');

  it("agrees with Kuzu's digest of what it committed, and says it compared by digest", async () => {
    const { report } = await indexAsCli(repo, { incremental: false });
    expect(report.exitCode).toBe(0);
    const validation = report.validation as ValidationReport;
    expect(validation).toMatchObject({ consistent: true, integrity: [], differences: [], kuzu: { status: 'compared', comparedBy: 'digest', notes: [] } });
    expect(validation.graphJson).toMatchObject({ nodes: 24, relationships: 38 });
    expect(report.timings).toHaveProperty('validate');
    expect(report.timings).toHaveProperty('kuzuDigest');
    // The same digests from the files as they lie in the output folder, and the report `validate` gives.
    const written = checkLines(fileLines(path.join(out(), 'graph.json')));
    expect(await databaseDigest(path.join(out(), 'graph.kuzu'))).toEqual({ ok: true, tables: written.digests });
    const byRows = await validateOutput(out());
    expect({ ...validation, kuzu: { ...validation.kuzu, comparedBy: 'rows' }, durationMs: 0 }).toEqual({ ...byRows, durationMs: 0 });
  });

  it("Kuzu's loads held back until every phase is built (as on a large tree, forced here): the same graph.json and graph.kuzu, consistent by digest", async () => {
    const { report } = await indexAsCli(repo, { incremental: false });
    const json = readFileSync(path.join(out(), 'graph.json'), 'utf8').replace(/"generatedAt": "[^"]*"/, '');
    const digest = await databaseDigest(path.join(out(), 'graph.kuzu'));
    const held = await indexAsCli(repo, { incremental: false }, { stores: (setup) => indexStores(setup, { holdLoads: true }) });
    expect(held.report.exitCode).toBe(0);
    expect(held.report.validation).toMatchObject({ consistent: true, kuzu: { status: 'compared', comparedBy: 'digest' } });
    expect(held.report.phases.map((p) => p.stores.map((s) => [s.store, s.status, s.relationships.written]))).toEqual(report.phases.map((p) => p.stores.map((s) => [s.store, s.status, s.relationships.written])));
    expect(readFileSync(path.join(out(), 'graph.json'), 'utf8').replace(/"generatedAt": "[^"]*"/, '')).toBe(json);
    expect(await databaseDigest(path.join(out(), 'graph.kuzu'))).toEqual(digest);
  });

  it("Kuzu's tables digested by a fresh process after the loading one ends (as on a large tree, forced here): the same graph.json and graph.kuzu, consistent by digest", async () => {
    const { report } = await indexAsCli(repo, { incremental: false });
    const json = readFileSync(path.join(out(), 'graph.json'), 'utf8').replace(/"generatedAt": "[^"]*"/, '');
    const digest = await databaseDigest(path.join(out(), 'graph.kuzu'));
    const apart = await indexAsCli(repo, { incremental: false }, { stores: (setup) => indexStores(setup, { holdLoads: true, digestApart: true }) });
    expect(apart.report.exitCode).toBe(0);
    expect(apart.report.validation).toMatchObject({ consistent: true, kuzu: { status: 'compared', comparedBy: 'digest', notes: [] } });
    expect(apart.report.timings).toHaveProperty('kuzuDigest');
    expect(apart.report.phases.map((p) => p.stores.map((s) => [s.store, s.status, s.nodes.written, s.relationships.written]))).toEqual(report.phases.map((p) => p.stores.map((s) => [s.store, s.status, s.nodes.written, s.relationships.written])));
    expect(readFileSync(path.join(out(), 'graph.json'), 'utf8').replace(/"generatedAt": "[^"]*"/, '')).toBe(json);
    expect(await databaseDigest(path.join(out(), 'graph.kuzu'))).toEqual(digest);
  });

  it('the fresh digest process opens the committed file read-only: a digest statement that writes (fault injected) is refused, and index compares row by row: consistent, exit 0', async () => {
    const damage = 'MATCH (n:Function) WITH n ORDER BY n.id LIMIT 1 SET n.endLine = n.endLine + 100';
    const { report } = await indexAsCli(repo, { incremental: false }, {
      stores: (setup) => indexStores(setup, { digestApart: true, digestStatement: (t) => (t === 'Function' ? `${damage}; ${kuzuDigestStatement(t)}` : kuzuDigestStatement(t)) }),
    });
    expect(report.exitCode).toBe(0);
    expect(report.validation).toMatchObject({ consistent: true, kuzu: { status: 'compared', comparedBy: 'rows' }, differences: [] });
    const written = checkLines(fileLines(path.join(out(), 'graph.json')));
    expect(await databaseDigest(path.join(out(), 'graph.kuzu'))).toEqual({ ok: true, tables: written.digests });
  });

  it('a Kuzu row changed after the COMMIT (fault injected: the digest statement changes it first) disagrees, and the row-by-row comparison names it: exit 1', async () => {
    // The first Function by id: the row-by-row comparison's first example of its kind.
    const damage = 'MATCH (n:Function) WITH n ORDER BY n.id LIMIT 1 SET n.endLine = n.endLine + 100';
    const { report } = await indexAsCli(repo, { incremental: false }, {
      stores: (setup) => indexStores(setup, { digestStatement: (t) => (t === 'Function' ? `${damage}; ${kuzuDigestStatement(t)}` : kuzuDigestStatement(t)) }),
    });
    expect(report.exitCode).toBe(1);
    const validation = report.validation as ValidationReport;
    expect(validation).toMatchObject({ consistent: false, kuzu: { status: 'compared', comparedBy: 'rows' } });
    expect(kinds(validation)).toEqual({ 'node-property-differs': 1 });
    const target = fileLines(path.join(out(), 'graph.json')).nodes.map((l) => JSON.parse(l) as { id: string; label: string }).find((n) => n.label === 'Function')!;
    expect(validation.differences[0]!.examples[0]).toMatchObject({ id: target.id, table: 'Function', property: 'endLine' });
  });

  it('a relationship missing in Kuzu disagrees in count; the comparison names it missing', async () => {
    const { report } = await indexAsCli(repo, { incremental: false });
    expect(report.exitCode).toBe(0);
    const written = checkLines(fileLines(path.join(out(), 'graph.json')));
    const [gone] = fileLines(path.join(out(), 'graph.json')).relationships.map((l) => JSON.parse(l) as { id: string; type: string }).filter((r) => r.type === 'CALLS');
    await runOnKuzu(path.join(out(), 'graph.kuzu'), [`MATCH ()-[r:CALLS {id: '${gone!.id}'}]->() DELETE r`]);
    const kuzuSide = await databaseDigest(path.join(out(), 'graph.kuzu'));
    expect(digestValidation(out(), true, { written, kuzu: { ...kuzuSide, ms: 0 }, report })).toBeUndefined();
    const calls = (d: { rows: number; table: string }[]) => d.find((t) => t.table === 'CALLS')!.rows;
    expect(kuzuSide.ok && calls([...kuzuSide.tables])).toBe(calls([...written.digests!]) - 1);
    const validation = await validateOutput(out());
    expect(kinds(validation)).toEqual({ 'relationship-missing-in-kuzu': 1 });
    expect(validation.differences[0]!.examples[0]).toMatchObject({ id: gone!.id, table: 'CALLS' });
  });

  it('--no-kuzu: graph.json checked as it was written, without reading it again, gives the report validate gives on graph.json alone', async () => {
    let readAgain = 0;
    const { report } = await indexAsCli(repo, { incremental: false, kuzu: false }, {
      validate: async (dir, o) => {
        readAgain++;
        const result = await validateOutput(dir, o);
        return { consistent: result.consistent, result };
      },
    });
    expect(report.exitCode).toBe(0);
    expect(readAgain).toBe(0);
    expect(report.timings).not.toHaveProperty('kuzuDigest');
    const validation = report.validation as ValidationReport;
    expect(validation).toMatchObject({ consistent: true, kuzu: { status: 'skipped' } });
    expect({ ...validation, durationMs: 0 }).toEqual({ ...(await validateOutput(out(), { kuzu: false })), durationMs: 0 });
  });

  it('--no-validate: neither Kuzu nor graph.json is digested', async () => {
    const { report } = await indexAsCli(repo, { incremental: false, validate: false });
    expect(report).toMatchObject({ exitCode: 0, validation: null, kuzu: { status: 'ok' } });
    expect(report.timings).toHaveProperty('kuzuCommit');
    expect(report.timings).not.toHaveProperty('kuzuDigest');
    expect(report.timings).not.toHaveProperty('jsonCheck');
  });

  it("Kuzu's digest query failing (fault injected: a statement Kuzu rejects) leaves index to compare row by row: consistent, exit 0", async () => {
    const { report } = await indexAsCli(repo, { incremental: false }, { stores: (setup) => indexStores(setup, { digestStatement: () => 'RETURN no_such_function()' }) });
    expect(report.exitCode).toBe(0);
    expect(report.validation).toMatchObject({ consistent: true, kuzu: { status: 'compared', comparedBy: 'rows' }, differences: [] });
    expect(report.timings).toHaveProperty('validate');
  });
});

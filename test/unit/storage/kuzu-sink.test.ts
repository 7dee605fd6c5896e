import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import kuzu from 'kuzu';
import { GraphBuilder } from '../../../src/graph/builder.js';
import { fileId, projectId, relationshipId } from '../../../src/graph/ids.js';
import { NODE_LABELS, RELATIONSHIP_TYPES, type GraphFragment, type GraphNode, type NodeLabel } from '../../../src/graph/model.js';
import { KuzuSink, type KuzuSinkOptions } from '../../../src/storage/kuzu-sink.js';
import type { KuzuClient } from '../../../src/storage/kuzu-client.js';
import { makeTempDir, removeDir } from '../../helpers/temp-repo.js';

const dirs: string[] = [];
/** The smallest pool `bufferPoolFor` gives. */
const bufferPoolBytes = 256 * 2 ** 20;
afterEach(() => dirs.splice(0).forEach(removeDir));

async function rows(dbPath: string, cypher: string): Promise<Record<string, unknown>[]> {
  const db = new kuzu.Database(dbPath, 0, true, true);
  const conn = new kuzu.Connection(db);
  const result = await conn.query(cypher);
  const single = Array.isArray(result) ? result[0]! : result;
  const all = await single.getAll();
  single.close();
  await conn.close();
  await db.close();
  return all;
}

const tricky = ['plain.ts', 'a b,c.ts', 'q"uo\'te.ts', 'new\nline.ts', 'ünï😀.ts', 'back\\slash.ts', 'cr\r.ts'];

function fileNode(p: string): GraphNode {
  return { id: fileId(p), label: 'File', properties: { name: p, filePath: p, language: 'typescript', size: p.length, lines: 3, hash: 'h' } };
}

/** An open sink on a fresh temp folder, given the run's node labels if any. */
async function openSink(options: Partial<KuzuSinkOptions>, labels?: ReadonlyMap<string, NodeLabel>): Promise<{ sink: KuzuSink; dir: string; scratch: string }> {
  const dir = makeTempDir();
  dirs.push(dir);
  const scratch = path.join(dir, 'scratch');
  const sink = new KuzuSink({ stagedPath: path.join(dir, 'g.kuzu'), scratchDir: scratch, batchSize: 100, bufferPoolBytes, ...options });
  if (labels) sink.useLabels(labels);
  await sink.open();
  return { sink, dir, scratch };
}

describe('KuzuSink: COPY FROM CSV, every phase in one transaction', () => {
  it('loads a phase and every value comes back exactly, lists included', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const builder = new GraphBuilder();
    const project = projectId('r');
    const structure = builder.addFragment({
      nodes: [{ id: project, label: 'Project', properties: { name: 'r' } }, ...tricky.map(fileNode)],
      relationships: tricky.map((p) => ({ id: relationshipId('CONTAINS', project, fileId(p)), type: 'CONTAINS', source: project, target: fileId(p), properties: {} })),
    });
    const imports = builder.addFragment({
      nodes: [],
      relationships: [
        {
          id: relationshipId('IMPORTS', fileId(tricky[1]!), fileId(tricky[3]!)), type: 'IMPORTS', source: fileId(tricky[1]!), target: fileId(tricky[3]!),
          properties: { specifiers: ['./new\nline', './x,y', '"q"'], kinds: ['static', 'type'], names: ['default'], line: 7 },
        },
        // More rows than a batch: a table with lists is loaded from one file written a batch at a time.
        ...[1, 2, 3, 4, 5].map((k) => ({
          id: relationshipId('IMPORTS', fileId(tricky[0]!), fileId(tricky[k + 1]!)), type: 'IMPORTS' as const, source: fileId(tricky[0]!), target: fileId(tricky[k + 1]!),
          properties: { specifiers: [`./s${k}`, 'a,b'], kinds: ['require'], names: ['x', `y${k}`], line: k },
        })),
      ],
    });
    const sink = new KuzuSink({ stagedPath: path.join(dir, 'g.kuzu'), scratchDir: path.join(dir, 'scratch'), batchSize: 3, bufferPoolBytes });
    await sink.open();
    const s1 = await sink.writePhase('structure', structure);
    const s2 = await sink.writePhase('imports', imports);
    expect([s1.status, s1.nodes, s1.relationships]).toEqual(['ok', { attempted: 8, written: 8, failed: 0 }, { attempted: 7, written: 7, failed: 0 }]);
    expect([s2.status, s2.relationships.written]).toEqual(['ok', 6]);
    const staged = await sink.finish(builder.build('r', '0'));
    expect(staged).toBe(path.join(dir, 'g.kuzu'));
    expect(existsSync(path.join(dir, 'scratch'))).toBe(false);

    const files = await rows(staged, 'MATCH (f:File) RETURN f.id AS id, f.filePath AS p, f.size AS size, f.skipped AS skipped ORDER BY f.id');
    expect(files).toEqual([...tricky].sort().map((p) => ({ id: `File:${p}`, p, size: p.length, skipped: null })));
    const imported = await rows(staged, 'MATCH (a:File)-[r:IMPORTS]->(b:File) RETURN a.id AS a, b.id AS b, r.id AS id, r.specifiers AS s, r.kinds AS k, r.names AS n, r.line AS line ORDER BY r.line');
    expect(imported).toEqual([
      ...[1, 2, 3, 4, 5].map((k) => ({
        a: fileId(tricky[0]!), b: fileId(tricky[k + 1]!), id: relationshipId('IMPORTS', fileId(tricky[0]!), fileId(tricky[k + 1]!)), s: [`./s${k}`, 'a,b'], k: ['require'], n: ['x', `y${k}`], line: k,
      })),
      { a: fileId(tricky[1]!), b: fileId(tricky[3]!), id: relationshipId('IMPORTS', fileId(tricky[1]!), fileId(tricky[3]!)), s: ['./new\nline', './x,y', '"q"'], k: ['static', 'type'], n: ['default'], line: 7 },
    ]);
    const columns = await rows(staged, "CALL TABLE_INFO('IMPORTS') RETURN *");
    expect(columns.map((c) => c['name'])).toEqual(['id', 'specifiers', 'names', 'kinds', 'line']);
  });

  it('a failed load (duplicate primary key) fails its phase, skips the later ones, and leaves nothing staged', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const sink = new KuzuSink({ stagedPath: path.join(dir, 'g.kuzu'), scratchDir: path.join(dir, 'scratch'), batchSize: 100, bufferPoolBytes });
    await sink.open();
    const duplicate: GraphFragment = { nodes: [fileNode('a.ts'), fileNode('a.ts')], relationships: [] };
    const failed = await sink.writePhase('structure', duplicate);
    expect(failed.status).toBe('failed');
    expect(failed.reason).toMatch(/duplicated primary key/);
    expect(failed.nodes).toEqual({ attempted: 2, written: 0, failed: 2 });
    const skipped = await sink.writePhase('parsing', { nodes: [fileNode('b.ts')], relationships: [] });
    expect([skipped.status, skipped.nodes.written]).toEqual(['skipped', 0]);
    await expect(sink.finish(new GraphBuilder().build('r', '0'))).rejects.toThrow(/structure: /);
    await sink.abort();
    expect(existsSync(path.join(dir, 'g.kuzu'))).toBe(false);
    expect(existsSync(path.join(dir, 'scratch'))).toBe(false);
  });

  it("a later phase's failure undoes the earlier phases too: nothing is committed and finish refuses", async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const sink = new KuzuSink({ stagedPath: path.join(dir, 'g.kuzu'), scratchDir: path.join(dir, 'scratch'), batchSize: 100, bufferPoolBytes });
    await sink.open();
    const first = await sink.writePhase('structure', { nodes: [fileNode('a.ts'), fileNode('b.ts')], relationships: [] });
    expect([first.status, first.nodes.written]).toEqual(['ok', 2]);
    // Kuzu rolls the run's transaction back here, 'a.ts' and 'b.ts' with it.
    const failed = await sink.writePhase('parsing', { nodes: [fileNode('a.ts')], relationships: [] });
    expect(failed.status).toBe('failed');
    expect(failed.reason).toMatch(/duplicated primary key/);
    const later = await sink.writePhase('imports', { nodes: [fileNode('c.ts')], relationships: [] });
    expect(later.status).toBe('skipped');
    await expect(sink.finish(new GraphBuilder().build('r', '0'))).rejects.toThrow(/^parsing: .*duplicated primary key/);
    await sink.abort();
    expect(existsSync(path.join(dir, 'g.kuzu'))).toBe(false);
  });

  it('a phase handed over while the one before still loads is written to its files, then skipped once that one fails', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const sink = new KuzuSink({ stagedPath: path.join(dir, 'g.kuzu'), scratchDir: path.join(dir, 'scratch'), batchSize: 100, bufferPoolBytes });
    await sink.open();
    const failing = sink.writePhase('structure', { nodes: [fileNode('a.ts'), fileNode('a.ts')], relationships: [] });
    // Handed over at once, as the run does once the last phase is taken (its COPY files written).
    const next = sink.writePhase('parsing', { nodes: [fileNode('b.ts')], relationships: [] });
    await sink.taken();
    expect((await failing).status).toBe('failed');
    // Its COPY is never sent: after the failed one Kuzu would have run it in a transaction of its own.
    expect(await next).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^structure: .*duplicated primary key/) as unknown, nodes: { attempted: 1, written: 0 } });
    await expect(sink.finish(new GraphBuilder().build('r', '0'))).rejects.toThrow(/^structure: /);
    await sink.abort();
    expect(existsSync(path.join(dir, 'g.kuzu'))).toBe(false);
    expect(existsSync(path.join(dir, 'scratch'))).toBe(false);
  });

  it('holding its loads back, it writes each phase\'s COPY files as the phase comes and runs the COPYs only once told to', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const scratch = path.join(dir, 'scratch');
    const sink = new KuzuSink({ stagedPath: path.join(dir, 'g.kuzu'), scratchDir: scratch, batchSize: 100, bufferPoolBytes, holdLoads: true });
    await sink.open();
    const loaded: string[] = [];
    const structure = sink.writePhase('structure', { nodes: [fileNode('a.ts'), fileNode('b.ts')], relationships: [] }).then((s) => (loaded.push('structure'), s));
    await sink.taken();
    const parsing = sink.writePhase('parsing', { nodes: [fileNode('c.ts')], relationships: [] }).then((s) => (loaded.push('parsing'), s));
    await sink.taken();
    // Both phases' files are written and taken; no COPY has run (each removes its file once loaded).
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(loaded).toEqual([]);
    expect(readdirSync(scratch).sort()).toEqual(['File-1.csv', 'File-2.csv']);
    sink.startHeldLoads();
    expect([(await structure).nodes.written, (await parsing).nodes.written]).toEqual([2, 1]);
    expect(loaded).toEqual(['structure', 'parsing']);
    const staged = await sink.finish(new GraphBuilder().build('r', '0'));
    expect((await rows(staged, 'MATCH (f:File) RETURN f.id AS id ORDER BY id')).map((r) => r['id'])).toEqual(['a.ts', 'b.ts', 'c.ts'].map(fileId));
  });

  it("takes a phase in parts into the same COPY files, one COPY per group, and counts the earlier parts' rows in the phase", async () => {
    const { sink, scratch } = await openSink({ holdLoads: true });
    const files = ['a.ts', 'b.ts', 'c.ts', 'd.ts'];
    const structure = sink.writePhase('structure', { nodes: files.map(fileNode), relationships: [] });
    const imports = files.slice(1).map((p) => ({ id: relationshipId('IMPORTS', fileId('a.ts'), fileId(p)), type: 'IMPORTS' as const, source: fileId('a.ts'), target: fileId(p), properties: { line: p.charCodeAt(0) } }));
    await sink.writePart('imports', { nodes: [fileNode('e.ts')], relationships: imports.slice(0, 2) });
    await sink.writePart('imports', { nodes: [], relationships: [] });
    // The phase's last part comes with the rows of the parts before it (the run's DualWriter counts them).
    const phase = sink.writePhase('imports', { nodes: [fileNode('f.ts')], relationships: imports.slice(2) }, { nodes: 1, relationships: 2 });
    await sink.taken();
    // One file per table the phase wrote to, whichever part its rows came in.
    expect(readdirSync(scratch).sort()).toEqual(['File-1.csv', 'File-2.csv', 'IMPORTS-3.csv']);
    sink.startHeldLoads();
    expect((await structure).status).toBe('ok');
    const stats = await phase;
    expect([stats.status, stats.nodes, stats.relationships]).toEqual(['ok', { attempted: 2, written: 2, failed: 0 }, { attempted: 3, written: 3, failed: 0 }]);
    const staged = await sink.finish(new GraphBuilder().build('r', '0'));
    expect((await rows(staged, 'MATCH (:File)-[r:IMPORTS]->(b:File) RETURN b.id AS id, r.line AS line ORDER BY id')).map((r) => [r['id'], r['line']])).toEqual(
      files.slice(1).map((p) => [fileId(p), p.charCodeAt(0)]),
    );
    expect((await rows(staged, 'MATCH (f:File) RETURN count(f) AS n'))[0]!['n']).toBe(6);
  });

  it("given the run's node labels (useLabels), places relationships by them alone, keeping no labels of its own", async () => {
    const builderLabels = new Map([[fileId('a.ts'), 'File' as const], [fileId('b.ts'), 'File' as const]]);
    const { sink } = await openSink({}, builderLabels);
    const rel = (from: string, to: string) => ({ id: relationshipId('IMPORTS', fileId(from), fileId(to)), type: 'IMPORTS' as const, source: fileId(from), target: fileId(to), properties: {} });
    expect((await sink.writePhase('structure', { nodes: ['a.ts', 'b.ts', 'c.ts'].map(fileNode), relationships: [] })).status).toBe('ok');
    expect((await sink.writePhase('imports', { nodes: [], relationships: [rel('a.ts', 'b.ts')] })).relationships.written).toBe(1);
    // c.ts was loaded, but the run's labels do not have it: the sink read no label of its own.
    const failed = await sink.writePhase('calls', { nodes: [], relationships: [rel('a.ts', 'c.ts')] });
    expect([failed.status, failed.reason]).toEqual(['failed', "relationship endpoint 'File:c.ts' was not loaded"]);
    await sink.abort();
  });

  it("a part that cannot be written fails its phase when the phase's last part comes, and no later part is written", async () => {
    const { sink, scratch, dir } = await openSink({ holdLoads: true });
    const structure = sink.writePhase('structure', { nodes: [fileNode('a.ts'), fileNode('b.ts')], relationships: [] });
    const rel = (to: string) => ({ id: relationshipId('IMPORTS', fileId('a.ts'), fileId(to)), type: 'IMPORTS' as const, source: fileId('a.ts'), target: fileId(to), properties: {} });
    await sink.writePart('imports', { nodes: [], relationships: [rel('b.ts')] });
    // Its end was never loaded: the part resolves (the caller may let it go), the failure waits for the phase.
    await sink.writePart('imports', { nodes: [], relationships: [rel('nowhere.ts')] });
    await sink.writePart('imports', { nodes: [fileNode('c.ts')], relationships: [] });
    const phase = sink.writePhase('imports', { nodes: [], relationships: [rel('a.ts')] }, { nodes: 1, relationships: 2 });
    await sink.taken();
    expect(readdirSync(scratch).sort()).toEqual(['File-1.csv', 'IMPORTS-2.csv']);
    sink.startHeldLoads();
    // The held structure COPY comes after the failure: it is not run either.
    expect(await structure).toMatchObject({ status: 'skipped', reason: "imports: relationship endpoint 'File:nowhere.ts' was not loaded" });
    const stats = await phase;
    expect([stats.status, stats.nodes, stats.relationships]).toEqual(['failed', { attempted: 1, written: 0, failed: 1 }, { attempted: 3, written: 0, failed: 3 }]);
    expect(stats.reason).toBe("relationship endpoint 'File:nowhere.ts' was not loaded");
    await expect(sink.finish(new GraphBuilder().build('r', '0'))).rejects.toThrow(/^imports: relationship endpoint 'File:nowhere.ts' was not loaded$/);
    await sink.abort();
    expect(existsSync(path.join(dir, 'g.kuzu'))).toBe(false);
  });

  it('holding its loads back and stopped before they start, it ends them and leaves nothing staged', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const sink = new KuzuSink({ stagedPath: path.join(dir, 'g.kuzu'), scratchDir: path.join(dir, 'scratch'), batchSize: 100, bufferPoolBytes, holdLoads: true });
    await sink.open();
    const structure = sink.writePhase('structure', { nodes: [fileNode('a.ts')], relationships: [] });
    await sink.taken();
    await sink.abort();
    expect((await structure).status).toBe('skipped');
    expect(existsSync(path.join(dir, 'g.kuzu'))).toBe(false);
    expect(existsSync(path.join(dir, 'scratch'))).toBe(false);
  });

  it('a COMMIT real Kuzu refuses (transaction rolled back behind the sink, injected with a ROLLBACK) fails finish and leaves nothing staged', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const sink = new KuzuSink({ stagedPath: path.join(dir, 'g.kuzu'), scratchDir: path.join(dir, 'scratch'), batchSize: 100, bufferPoolBytes });
    await sink.open();
    expect((await sink.writePhase('structure', { nodes: [fileNode('a.ts')], relationships: [] })).status).toBe('ok');
    // The one fault the sink's own statements cannot cause on a sound graph: the transaction gone
    // without a failed statement to say so. Kuzu itself then refuses the COMMIT.
    await (sink as unknown as { client: KuzuClient }).client.request({ op: 'exec', statement: 'ROLLBACK' });
    await expect(sink.finish(new GraphBuilder().build('r', '0'))).rejects.toThrow(/did not commit: .*No active transaction/);
    expect(sink.failedReason).toMatch(/did not commit/);
    expect(existsSync(path.join(dir, 'g.kuzu'))).toBe(false);
    expect(existsSync(path.join(dir, 'scratch'))).toBe(false);
  });

  it('a phase whose second COPY fails counts the rows of its first as written, the rest failed, and runs none after it', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const sink = new KuzuSink({ stagedPath: path.join(dir, 'g.kuzu'), scratchDir: path.join(dir, 'scratch'), batchSize: 100, bufferPoolBytes });
    await sink.open();
    const fn = (name: string): GraphNode => ({ id: `fn:${name}`, label: 'Function', properties: { name, filePath: 'a.ts', startLine: 1, endLine: 2, exported: false, async: false, generator: false } });
    // Node groups load in label order: File (two rows), then Function, whose repeated key fails.
    const failed = await sink.writePhase('parsing', { nodes: [fileNode('a.ts'), fileNode('b.ts'), fn('f'), fn('f')], relationships: [] });
    expect(failed.status).toBe('failed');
    expect(failed.reason).toMatch(/duplicated primary key/);
    expect(failed.nodes).toEqual({ attempted: 4, written: 2, failed: 2 });
    await sink.abort();
    expect(existsSync(path.join(dir, 'g.kuzu'))).toBe(false);
  });

  it('a batch of statements stops at the first that fails and gives the results of the ones before it', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const sink = new KuzuSink({ stagedPath: path.join(dir, 'g.kuzu'), scratchDir: path.join(dir, 'scratch'), batchSize: 100, bufferPoolBytes, holdLoads: true });
    await sink.open();
    const client = (sink as unknown as { client: KuzuClient }).client;
    const statements = ['CREATE NODE TABLE X(id STRING PRIMARY KEY)', "CREATE (:X {id: 'a'})", "CREATE (:X {id: 'a'})", "CREATE (:X {id: 'b'})"];
    const batch = JSON.parse(await client.request({ op: 'batch', statements })) as { results: string[]; error?: string };
    expect(batch.results).toHaveLength(2);
    expect(batch.error).toMatch(/duplicated primary key/);
    const [ids] = JSON.parse(await client.request({ op: 'rows', statements: ['MATCH (x:X) RETURN x.id ORDER BY x.id'] })) as string[][][];
    expect(ids).toEqual([['a']]);
    await sink.abort();
  });

  it("creates its tables at open, beside the parse, unless its loads are held back: then at the first held COPY (their key indexes' memory is not held through the phases)", async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const tables = async (sink: KuzuSink): Promise<number> => {
      const client = (sink as unknown as { client: KuzuClient }).client;
      const [result] = JSON.parse(await client.request({ op: 'rows', statements: ['CALL show_tables() RETURN count(*) AS n'] })) as number[][][];
      return result![0]![0]!;
    };
    const all = NODE_LABELS.length + RELATIONSHIP_TYPES.length;
    const sink = new KuzuSink({ stagedPath: path.join(dir, 'g.kuzu'), scratchDir: path.join(dir, 'scratch'), batchSize: 100, bufferPoolBytes });
    await sink.open();
    // Requests run in order in the Kuzu process: this one comes after the tables' DDL.
    expect(await tables(sink)).toBe(all);
    expect((await sink.writePhase('structure', { nodes: [fileNode('a.ts')], relationships: [] })).status).toBe('ok');
    expect(await tables(sink)).toBe(all);
    await sink.finish(new GraphBuilder().build('r', '0'));

    const held = new KuzuSink({ stagedPath: path.join(dir, 'h.kuzu'), scratchDir: path.join(dir, 'scratch-h'), batchSize: 100, bufferPoolBytes, holdLoads: true });
    await held.open();
    const structure = held.writePhase('structure', { nodes: [fileNode('a.ts')], relationships: [] });
    await held.taken();
    expect(await tables(held)).toBe(0);
    held.startHeldLoads();
    expect((await structure).status).toBe('ok');
    expect(await tables(held)).toBe(all);
    await held.finish(new GraphBuilder().build('r', '0'));
    // Once every phase's files are written the ends' labels are let go, before the COMMIT.
    expect((held as unknown as { labels: Map<string, string> }).labels.size).toBe(0);
  });

  it('given no rows at all, it still commits a database with every table, empty', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const sink = new KuzuSink({ stagedPath: path.join(dir, 'g.kuzu'), scratchDir: path.join(dir, 'scratch'), batchSize: 100, bufferPoolBytes });
    await sink.open();
    const staged = await sink.finish(new GraphBuilder().build('r', '0'));
    const names = (await rows(staged, 'CALL show_tables() RETURN name ORDER BY name')).map((r) => r['name']);
    expect(names).toEqual([...NODE_LABELS, ...RELATIONSHIP_TYPES].sort());
    expect(await rows(staged, 'MATCH (n) RETURN count(n) AS n')).toEqual([{ n: 0 }]);
  });

  it('cannot open a database where a folder stands, and says so', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const sink = new KuzuSink({ stagedPath: path.join(dir, 'no', 'such', 'parent', 'g.kuzu'), scratchDir: path.join(dir, 'scratch'), batchSize: 100, bufferPoolBytes });
    await expect(sink.open()).rejects.toThrow(/cannot create the Kuzu database/);
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GraphBuilder, graphHeader } from '../../../src/graph/builder.js';
import { definitionId, fileId, relationshipId } from '../../../src/graph/ids.js';
import type { GraphFragment, GraphNode } from '../../../src/graph/model.js';
import { JsonSink } from '../../../src/storage/json-sink.js';
import { lineId } from '../../../src/storage/sorted-runs.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function stagedPath(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'codegraph-json-sink-'));
  dirs.push(dir);
  return path.join(dir, `.graph.json.${process.pid}.tmp`);
}

const file = (p: string): GraphNode => ({ id: fileId(p), label: 'File', properties: { name: p, filePath: p, language: 'typescript', size: 1 } });
const fn = (p: string, name: string): GraphNode => ({
  id: definitionId('Function', p, name),
  label: 'Function',
  properties: { name, filePath: p, startLine: 1, endLine: 2, exported: false },
});
const defines = (p: string, name: string) => ({
  id: relationshipId('DEFINES', fileId(p), definitionId('Function', p, name)),
  type: 'DEFINES' as const,
  source: fileId(p),
  target: definitionId('Function', p, name),
  properties: {},
});
const calls = (from: GraphNode, to: GraphNode) => ({
  id: relationshipId('CALLS', from.id, to.id),
  type: 'CALLS' as const,
  source: from.id,
  target: to.id,
  properties: { stage: 'same-file', confidence: 0.9, line: 1, callSites: 1 },
});

// Two phases whose ids interleave: files (one phase) sort between Function and nothing else, and
// an id with an escape (a quote in a path) must keep its place.
const phases: GraphFragment[] = [
  { nodes: [file('b.ts'), file('a"q.ts'), file('z.ts')], relationships: [] },
  {
    nodes: [fn('b.ts', 'f'), fn('a"q.ts', 'g'), fn('z.ts', 'h')],
    relationships: [defines('b.ts', 'f'), defines('a"q.ts', 'g'), defines('z.ts', 'h')],
  },
  { nodes: [], relationships: [calls(fn('b.ts', 'f'), fn('z.ts', 'h')), calls(fn('a"q.ts', 'g'), fn('b.ts', 'f'))] },
];

describe('JsonSink (each phase written as a sorted run, merged on finish)', () => {
  it('writes exactly the document of the whole graph, sorted by id, and leaves no run behind', async () => {
    const staged = stagedPath();
    const sink = new JsonSink(staged);
    const lean = new GraphBuilder({ retain: false });
    const whole = new GraphBuilder();
    for (const [i, fragment] of phases.entries()) {
      whole.addFragment(fragment);
      const stats = await sink.writePhase(['structure', 'parsing', 'calls'][i] as 'structure', lean.addFragment(fragment));
      expect(stats).toMatchObject({ status: 'ok', nodes: { written: fragment.nodes.length }, relationships: { written: fragment.relationships.length } });
    }
    // Four runs, named as the output transaction's staged files, so a killed run's are cleaned up too.
    expect(readdirSync(path.dirname(staged)).sort()).toEqual(['a', 'b', 'c', 'd'].map((s) => `${path.basename(staged)}.${s}`));
    expect(await sink.finish(graphHeader('repo', '9.9.9'))).toBe(staged);
    const graph = whole.build('repo', '9.9.9');
    const expected = [
      '{',
      '  "version": 2,',
      '  "generator": {"name":"codegraph","version":"9.9.9"},',
      '  "root": "repo",',
      '  "nodes": [',
      ...graph.nodes.map((n, i) => `    ${JSON.stringify(n)}${i + 1 < graph.nodes.length ? ',' : ''}`),
      '  ],',
      '  "relationships": [',
      ...graph.relationships.map((r, i) => `    ${JSON.stringify(r)}${i + 1 < graph.relationships.length ? ',' : ''}`),
      '  ]',
      '}',
      '',
    ].join('\n');
    expect(readFileSync(staged, 'utf8')).toBe(expected);
    expect(JSON.parse(expected).nodes.map((n: GraphNode) => n.id)).toEqual([
      'File:a"q.ts', 'File:b.ts', 'File:z.ts', 'Function:a"q.ts:g', 'Function:b.ts:f', 'Function:z.ts:h',
    ]);
    expect(readdirSync(path.dirname(staged))).toEqual([path.basename(staged)]);
  });

  it('an empty graph is the document with two empty lists', async () => {
    const staged = stagedPath();
    await new JsonSink(staged).finish(graphHeader('r', '0'));
    expect(JSON.parse(readFileSync(staged, 'utf8'))).toEqual({ version: 2, generator: { name: 'codegraph', version: '0' }, root: 'r', nodes: [], relationships: [] });
  });

  it('abort removes the runs and the staged file', async () => {
    const staged = stagedPath();
    const sink = new JsonSink(staged);
    await sink.writePhase('structure', phases[0]!);
    await sink.abort();
    expect(readdirSync(path.dirname(staged))).toEqual([]);
    expect(existsSync(staged)).toBe(false);
  });

  it('reads the id that leads a line, escapes included', () => {
    expect(lineId(JSON.stringify({ id: 'File:a"b\\c.ts', label: 'File' }))).toBe('File:a"b\\c.ts');
    expect(lineId('{"id":"File:x","label":"File"}')).toBe('File:x');
    expect(() => lineId('{"label":"File"}')).toThrow(/not a graph item line/);
  });
});

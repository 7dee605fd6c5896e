// Ids name where a definition stands (file, enclosing scopes, name), never its line: an edit above
// a definition moves its lines and nothing else. Fixture: test/fixtures/ids-stable.
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CodeGraph, GraphNode, GraphRelationship } from '../../../src/graph/model.js';
import { PARSE_CACHE } from '../../../src/storage/parse-cache.js';
import { validateOutput } from '../../../src/validate/validate-output.js';
import { CODEGRAPH_VERSION } from '../../../src/version.js';
import { indexInProcess } from '../../helpers/index-in-process.js';
import { makeTempDir, removeDir } from '../../helpers/temp-repo.js';

const scratch = makeTempDir('codegraph-ids-');
afterAll(() => removeDir(scratch));
const FIXTURE = path.resolve(__dirname, '../../fixtures/ids-stable');

function copy(name: string): string {
  const repo = path.join(scratch, name, 'ids-stable');
  cpSync(FIXTURE, repo, { recursive: true });
  return repo;
}

const COMMENT = '// a comment added at the top\n';

/** A File's content hash changes with any edit; the rest of a node is compared. */
function withoutHash(node: GraphNode): GraphNode {
  const { hash: _hash, ...rest } = node.properties;
  return { ...node, properties: rest };
}

/** The node as it was before COMMENT was added to its file: lines one less, size and line count too. */
function beforeComment(node: GraphNode): GraphNode {
  const p = { ...withoutHash(node).properties };
  if (typeof p['startLine'] === 'number') p['startLine'] -= 1;
  if (typeof p['endLine'] === 'number') p['endLine'] -= 1;
  if (node.label === 'File') {
    p['size'] = (p['size'] as number) - COMMENT.length;
    p['lines'] = (p['lines'] as number) - 1;
  }
  return { ...node, properties: p };
}

function relBeforeComment(rel: GraphRelationship): GraphRelationship {
  const p = { ...rel.properties };
  if (typeof p['line'] === 'number') p['line'] -= 1;
  return { ...rel, properties: p };
}

const definitionIds = (graph: CodeGraph): string[] => graph.nodes.filter((n) => !['Project', 'Folder', 'File'].includes(n.label)).map((n) => n.id);

describe('definition ids', () => {
  it('name the scope path, with an ordinal only for a real redeclaration; overloads are one node', async () => {
    const repo = copy('names');
    const { graph } = await indexInProcess(repo, path.join(repo, '.codegraph'));
    expect(definitionIds(graph)).toEqual([
      'Class:src/cart.ts:Cart',
      'Function:src/cart.ts:Cart.total.sum',
      'Function:src/legacy.js:dup',
      'Function:src/legacy.js:dup~2',
      'Function:src/legacy.js:run',
      'Function:src/legacy.js:run.helper',
      'Function:src/legacy.js:run.helper~2',
      'Function:src/util.ts:format',
      'Function:src/util.ts:parse',
      'Function:src/util.ts:parse.clean',
      'Interface:src/cart.ts:Priced',
      'Method:src/cart.ts:Cart.price',
      'Method:src/cart.ts:Cart.size',
      'Method:src/cart.ts:Cart.size~2',
      'Method:src/cart.ts:Cart.total',
      'Method:src/cart.ts:Priced.price',
      'Method:src/legacy.js:api.get',
      'Variable:src/legacy.js:api',
    ]);
    const parse = graph.nodes.find((n) => n.id === 'Function:src/util.ts:parse')!;
    expect([parse.properties['startLine'], parse.properties['endLine']]).toEqual([3, 6]);
    const getter = graph.nodes.find((n) => n.id === 'Method:src/cart.ts:Cart.size')!;
    expect(getter.properties['kind']).toBe('getter');
  });

  it('do not change when a comment line is added at the top of every file: only line properties move', async () => {
    const repo = copy('comment');
    const before = (await indexInProcess(repo, path.join(scratch, 'comment-out'))).graph;
    for (const file of readdirSync(path.join(repo, 'src'))) {
      const abs = path.join(repo, 'src', file);
      writeFileSync(abs, COMMENT + readFileSync(abs, 'utf8'));
    }
    const after = (await indexInProcess(repo, path.join(scratch, 'comment-out'))).graph;
    expect(after.nodes.map((n) => n.id)).toEqual(before.nodes.map((n) => n.id));
    expect(after.relationships.map((r) => r.id)).toEqual(before.relationships.map((r) => r.id));
    expect(after.nodes.map(beforeComment)).toEqual(before.nodes.map(withoutHash));
    expect(after.relationships.map(relBeforeComment)).toEqual(before.relationships);
    // The lines did move: the check above is not comparing a graph with itself.
    expect(after.nodes.find((n) => n.id === 'Method:src/cart.ts:Cart.total')!.properties['startLine']).toBe(23);
  });
});

describe('an output of graph format version 1', () => {
  async function oldOutput(name: string): Promise<{ repo: string; out: string }> {
    const repo = copy(name);
    const out = path.join(repo, '.codegraph');
    await indexInProcess(repo, out, { incremental: true });
    // What the previous codegraph left: version 1 in graph.json and a parse cache under its key.
    const graphJson = path.join(out, 'graph.json');
    writeFileSync(graphJson, readFileSync(graphJson, 'utf8').replace(/^\{\n {2}"version": 2,/, '{\n  "version": 1,'));
    const cache = path.join(out, PARSE_CACHE);
    const lines = readFileSync(cache, 'utf8').split('\n');
    lines[0] = JSON.stringify({ kind: 'codegraph-parse-cache', key: `${CODEGRAPH_VERSION}:${1024 * 1024}` });
    writeFileSync(cache, lines.join('\n'));
    return { repo, out };
  }

  it('is refused by validate with one line asking to re-index', async () => {
    const { out } = await oldOutput('old-validate');
    await expect(validateOutput(out, { kuzu: false })).rejects.toThrow(
      `${path.join(out, 'graph.json')} is graph format version 1, from an older codegraph; this one reads version 2: re-run codegraph index to rebuild it`,
    );
  });

  it('is rebuilt by index from scratch, with a message: neither the parse cache nor "unchanged" is reused', async () => {
    const { repo, out } = await oldOutput('old-index');
    const messages: string[] = [];
    const run = await indexInProcess(repo, out, { incremental: true }, { listener: { onMessage: (m) => messages.push(m) } });
    // The format message first; then, as every run does after its last phase, what it writes.
    expect(messages).toEqual([`${path.join(out, 'graph.json')} is graph format version 1; writing version 2: indexing every file again`, 'writing graph.json']);
    expect(run.report.unchanged).toBeUndefined();
    expect(run.report.files.reparsed).toBe(3);
    expect(readFileSync(path.join(out, 'graph.json'), 'utf8')).toMatch(/^\{\n {2}"version": 2,/);
  });
});

import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../src/graph/builder.js';
import { definitionId, fileId, projectId, relationshipId } from '../../../src/graph/ids.js';
import { GraphIntegrityError } from '../../../src/errors.js';
import type { GraphNode } from '../../../src/graph/model.js';

const file = (p: string): GraphNode => ({ id: fileId(p), label: 'File', properties: { name: p, filePath: p, language: 'typescript', size: 1 } });
const fn = (p: string, name: string, line: number): GraphNode => ({
  id: definitionId('Function', p, name),
  label: 'Function',
  properties: { name, filePath: p, startLine: line, endLine: line + 1, exported: false },
});

describe('ids', () => {
  it('are built from POSIX relative paths and scope paths, with an ordinal only for a redeclaration', () => {
    expect(projectId('shop')).toBe('Project:shop');
    expect(fileId('src/a.ts')).toBe('File:src/a.ts');
    expect(definitionId('Method', 'src/a.ts', 'Cart.total')).toBe('Method:src/a.ts:Cart.total');
    expect(definitionId('Function', 'src/a.ts', 'outer.inner', 1)).toBe('Function:src/a.ts:outer.inner');
    expect(definitionId('Function', 'src/a.ts', 'outer.inner', 2)).toBe('Function:src/a.ts:outer.inner~2');
    expect(relationshipId('CALLS', 'File:a.ts', 'Function:b.ts:f')).toBe('CALLS:File:a.ts->Function:b.ts:f');
  });
});

describe('GraphBuilder', () => {
  it('sorts nodes and relationships by id and drops empty values', () => {
    const b = new GraphBuilder();
    b.addFragment({
      nodes: [file('b.ts'), file('a.ts'), { ...fn('a.ts', 'f', 3), properties: { ...fn('a.ts', 'f', 3).properties, enclosingFunction: '' } }],
      relationships: [{ id: relationshipId('DEFINES', 'File:a.ts', 'Function:a.ts:f'), type: 'DEFINES', source: 'File:a.ts', target: 'Function:a.ts:f', properties: {} }],
    });
    const g = b.build('repo', '0.1.0');
    expect(g.nodes.map((n) => n.id)).toEqual(['File:a.ts', 'File:b.ts', 'Function:a.ts:f']);
    expect(g.nodes[2]!.properties).toEqual({ endLine: 4, exported: false, filePath: 'a.ts', name: 'f', startLine: 3 });
    expect(Object.isFrozen(g.nodes)).toBe(true);
  });

  it('rejects a duplicate id, a dangling endpoint, wrong ends, unknown and mistyped properties', () => {
    const b = new GraphBuilder();
    b.addNode(file('a.ts'));
    b.addNode(fn('a.ts', 'f', 1));
    expect(() => b.addNode(file('a.ts'))).toThrow(new GraphIntegrityError("duplicate node id 'File:a.ts'"));
    expect(() => b.addRelationship({ id: 'x', type: 'DEFINES', source: 'File:a.ts', target: 'Function:nope', properties: {} })).toThrow(
      "relationship 'x': no node 'Function:nope' (target)",
    );
    expect(() => b.addRelationship({ id: 'y', type: 'INHERITS', source: 'File:a.ts', target: 'Function:a.ts:f', properties: {} })).toThrow(
      "relationship 'y': INHERITS may not go from File to Function",
    );
    expect(() => b.addNode({ ...file('c.ts'), properties: { ...file('c.ts').properties, colour: 'red' } })).toThrow("File:c.ts: unknown property 'colour'");
    expect(() => b.addNode({ ...file('d.ts'), properties: { ...file('d.ts').properties, size: 1.5 } })).toThrow("property 'size' must be int");
    expect(() => b.addNode({ id: 'File:e.ts', label: 'File', properties: { name: 'e.ts' } })).toThrow("File:e.ts: missing required property 'filePath'");
  });

  it('writes property keys in code-unit order whatever order they came in, and drops empty values', () => {
    const b = new GraphBuilder();
    b.addNode(file('a.ts'));
    const added = b.addNode({
      id: 'File:b.ts',
      label: 'File',
      properties: { size: 2, skipped: undefined, packages: [], syntaxErrorLine: null, language: 'typescript', hash: '', filePath: 'b.ts', name: 'b.ts', lines: 0 } as unknown as GraphNode['properties'],
    });
    expect(JSON.stringify(added.properties)).toBe('{"filePath":"b.ts","language":"typescript","lines":0,"name":"b.ts","size":2}');
  });

  it('takes an item already in normal form as it is, and copies one that is not', () => {
    const b = new GraphBuilder();
    b.addNode(file('a.ts'));
    b.addNode(file('b.ts'));
    const normal = { id: 'IMPORTS:a', type: 'IMPORTS' as const, source: 'File:a.ts', target: 'File:b.ts', properties: { kinds: ['static'], line: 1, specifiers: ['./b'] } };
    expect(b.addRelationship(normal)).toBe(normal);
    const unordered = { ...normal, id: 'IMPORTS:b', properties: { specifiers: ['./b'], kinds: ['static'], line: 1 } };
    const copied = b.addRelationship(unordered);
    expect(copied).not.toBe(unordered);
    expect(JSON.stringify(copied.properties)).toBe('{"kinds":["static"],"line":1,"specifiers":["./b"]}');
    const withEmpty = { ...normal, id: 'IMPORTS:c', properties: { kinds: ['static'], line: 1, names: [], specifiers: ['./b'] } };
    expect(JSON.stringify(b.addRelationship(withEmpty).properties)).toBe('{"kinds":["static"],"line":1,"specifiers":["./b"]}');
    const extraKey = { ...normal, id: 'IMPORTS:d', note: 'x' };
    expect(JSON.stringify(b.addRelationship(extraKey))).toBe(
      '{"id":"IMPORTS:d","type":"IMPORTS","source":"File:a.ts","target":"File:b.ts","properties":{"kinds":["static"],"line":1,"specifiers":["./b"]}}',
    );
  });

  it('counts a key with no value as a key (unknown is unknown), and reads only own keys', () => {
    const b = new GraphBuilder();
    const props = { ...file('c.ts').properties, colour: undefined } as unknown as GraphNode['properties'];
    expect(() => b.addNode({ id: 'File:c.ts', label: 'File', properties: props })).toThrow("File:c.ts: unknown property 'colour'");
    const inherited = Object.assign(Object.create({ name: 'd.ts' }) as object, { filePath: 'd.ts', language: 'typescript', size: 1 }) as GraphNode['properties'];
    expect(() => b.addNode({ id: 'File:d.ts', label: 'File', properties: inherited })).toThrow("File:d.ts: missing required property 'name'");
  });

  it('rejects list values the Kuzu loader could not carry exactly', () => {
    const b = new GraphBuilder();
    b.addNode(file('a.ts'));
    b.addNode(file('b.ts'));
    const rel = (specifiers: string[]) => ({
      id: `IMPORTS:${specifiers.join()}`, type: 'IMPORTS' as const, source: 'File:a.ts', target: 'File:b.ts',
      properties: { specifiers, kinds: ['static'], line: 1 },
    });
    expect(() => b.addRelationship(rel(['./b', '']))).toThrow(/list of non-empty strings/);
    expect(() => b.addRelationship(rel(['./b\u001f']))).toThrow(/without U\+001F/);
    b.addRelationship(rel(['./b', './b.js']));
    expect(b.build('r', '0').relationships[0]!.properties).toEqual({ kinds: ['static'], line: 1, specifiers: ['./b', './b.js'] });
  });
});

describe('GraphBuilder.addFragment with a reject handler', () => {
  it('leaves out broken items and the relationships that need them, and reports each', () => {
    const b = new GraphBuilder();
    const rejected: string[] = [];
    const bad = { ...fn('a.ts', '', 2), properties: { ...fn('a.ts', '', 2).properties, name: '' } };
    const out = b.addFragment(
      {
        nodes: [file('a.ts'), bad, fn('a.ts', 'f', 3)],
        relationships: [
          { id: 'D1', type: 'DEFINES', source: 'File:a.ts', target: bad.id, properties: {} },
          { id: 'D2', type: 'DEFINES', source: 'File:a.ts', target: 'Function:a.ts:f', properties: {} },
        ],
      },
      (e) => rejected.push(e.message),
    );
    expect(out.nodes.map((n) => n.id)).toEqual(['File:a.ts', 'Function:a.ts:f']);
    expect(out.relationships.map((r) => r.id)).toEqual(['D2']);
    expect(rejected).toEqual([`${bad.id}: missing required property 'name'`, `relationship 'D1': no node '${bad.id}' (target)`]);
  });
});

describe('GraphBuilder that does not retain the graph (the run keeps only labels and counts)', () => {
  const defines = (id: string, target: string) => ({ id, type: 'DEFINES' as const, source: 'File:a.ts', target, properties: {} });

  it('checks ends by the labels it kept, finds a duplicate within a fragment, and counts per label and type', () => {
    const b = new GraphBuilder({ retain: false });
    const rejected: string[] = [];
    const out = b.addFragment({ nodes: [file('a.ts'), fn('a.ts', 'f', 1), fn('a.ts', 'g', 5)], relationships: [] });
    expect(out.nodes.map((n) => n.id)).toEqual(['File:a.ts', 'Function:a.ts:f', 'Function:a.ts:g']);
    const rels = b.addFragment(
      { nodes: [], relationships: [defines('D2', 'Function:a.ts:g'), defines('D1', 'Function:a.ts:f'), defines('D1', 'Function:a.ts:g'), defines('D3', 'Function:nope')] },
      (e) => rejected.push(e.message),
    );
    expect(rels.relationships.map((r) => `${r.id} ${r.target}`)).toEqual(['D1 Function:a.ts:f', 'D2 Function:a.ts:g']);
    expect(rejected).toEqual(["duplicate relationship id 'D1'", "relationship 'D3': no node 'Function:nope' (target)"]);
    expect(b.labelOf('Function:a.ts:g')).toBe('Function');
    expect(b.counts()).toEqual({ byLabel: new Map([['File', 1], ['Function', 2]]), byType: new Map([['DEFINES', 2]]) });
    expect(() => b.build('r', '0')).toThrow(/retains/);
  });

  it('rejects a relationship of a type an earlier fragment brought, since it no longer knows those ids', () => {
    const b = new GraphBuilder({ retain: false });
    b.addFragment({ nodes: [file('a.ts'), fn('a.ts', 'f', 1)], relationships: [defines('D1', 'Function:a.ts:f')] });
    const rejected: string[] = [];
    const out = b.addFragment({ nodes: [fn('a.ts', 'g', 5)], relationships: [defines('D1', 'Function:a.ts:g')] }, (e) => rejected.push(e.message));
    expect(out.relationships).toEqual([]);
    expect(rejected).toEqual(["relationship 'D1': DEFINES relationships came from an earlier fragment; a type comes from one fragment only"]);
    expect(() => b.addFragment({ nodes: [file('a.ts')], relationships: [] })).toThrow("duplicate node id 'File:a.ts'");
  });
});

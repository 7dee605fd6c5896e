import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBound, parseParams, queryParameters } from '../../../src/cli/commands/query.js';
import { KuzuReader } from '../../../src/storage/kuzu-reader.js';
import { UsageError } from '../../../src/errors.js';
import { writeKuzu } from './kuzu-test-db.js';
import { ids, statsGraph } from './sample-graph.js';

describe('parseParams', () => {
  it('types numbers, booleans and null, and keeps quoted values as strings', () => {
    expect(parseParams(['n=3', 'x=-0.5', 'b=true', 'f=false', 'z=null', 's=helper', 'q="42"', "r='true'", '$d=a=b', 'e='])).toEqual({
      n: 3,
      x: -0.5,
      b: true,
      f: false,
      z: null,
      s: 'helper',
      q: '42',
      r: 'true',
      d: 'a=b',
      e: '',
    });
  });

  it('keeps integers beyond 2^53 as text rather than rounding them', () => {
    expect(parseParams(['big=9007199254740993'])).toEqual({ big: '9007199254740993' });
  });

  it('rejects a parameter without a name', () => {
    expect(() => parseParams(['=3'])).toThrow(UsageError);
    expect(() => parseParams(['novalue'])).toThrow("--param needs name=value, got 'novalue'");
  });
});

describe('queryParameters', () => {
  it('finds each $name once, in order, and not inside strings, quoted names or comments', () => {
    const cypher = "MATCH (f {name: $name})-[:CALLS]->(g) // $commented\nWHERE g.name <> '$literal' AND g.x = \"a\\\"$b\" AND `$col` = $limit /* $block */ RETURN $name";
    expect(queryParameters(cypher)).toEqual(['name', 'limit']);
  });

  it('checkBound names every unbound parameter and how to bind it', () => {
    expect(() => checkBound('RETURN $a + $b + $c', { b: 1 })).toThrow(new UsageError('the query uses $a, $c but no value was given: add --param a=… --param c=…'));
    expect(() => checkBound('RETURN $a', { a: null })).not.toThrow();
  });
});

describe('KuzuReader.query', () => {
  let dir: string;
  let reader: KuzuReader;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'codegraph-query-'));
    await writeKuzu(path.join(dir, 'graph.kuzu'), statsGraph());
    reader = await KuzuReader.open(path.join(dir, 'graph.kuzu'));
  });
  afterAll(async () => {
    await reader.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds parameters and returns columns and rows', async () => {
    const result = await reader.query(
      'MATCH (a)-[c:CALLS]->(b:Function {name: $name}) WHERE c.callSites >= $min RETURN a.id AS caller, c.callSites AS sites ORDER BY caller',
      parseParams(['name=helper', 'min=2']),
    );
    expect(result).toEqual({
      columns: ['caller', 'sites'],
      rows: [
        ['File:src/c.js', 4],
        [ids.main, 2],
      ],
    });
  });

  it('returns lists and nulls as plain values', async () => {
    const result = await reader.query("MATCH (a:File)-[i:IMPORTS]->(b:File) WHERE a.id = $a RETURN i.kinds, i.names, b.lines", { a: 'File:src/b.ts' });
    expect(result.rows).toEqual([[['type'], null, 10]]);
  });

  it('reports a syntax error in one line', async () => {
    const error = await reader.query('MATCH (n RETURN n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^Parser exception: [^\n]+$/);
  });

  it('refuses writes: the database is opened read-only', async () => {
    for (const statement of ["CREATE (:Project {id: 'x', name: 'x'})", 'MATCH (n:Function) SET n.name = $v', 'MATCH (n:Class) DETACH DELETE n']) {
      await expect(reader.query(statement, statement.includes('$v') ? { v: 'y' } : {})).rejects.toThrow(
        'write statements are not allowed: codegraph query opens graph.kuzu read-only',
      );
    }
    expect((await reader.query('MATCH (n:Function) RETURN count(*) AS n')).rows).toEqual([[2]]);
  });
});

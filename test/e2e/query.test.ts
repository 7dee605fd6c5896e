import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

const WHO_CALLS = 'MATCH (a)-[c:CALLS]->(b {name: $name}) RETURN a.id AS caller, c.callSites AS sites ORDER BY caller';

describe('codegraph query (built CLI)', () => {
  it('prints a table of rows, with parameters bound by Kuzu', () => {
    const result = cli(['query', WHO_CALLS, '--out', out, '--param', 'name=helper']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'caller                    sites',
        '------------------------  -----',
        'Function:src/a.ts:main    2',
        'Function:src/c.js:twice   2',
        'Method:src/b.ts:Base.run  1',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe('(3 rows)\n');
  });

  it('prints { columns, rows } with --json', () => {
    const result = cli(['query', 'MATCH (c:Class) WHERE c.startLine > $line RETURN c.name AS name, c.exported AS exported', '--out', out, '--json', '-p', 'line=10']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ columns: ['name', 'exported'], rows: [{ name: 'Derived', exported: true }] });
  });

  it('exits 2 on a syntax error, in one line', () => {
    const result = cli(['query', 'MATCH (n RETURN n', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: Parser exception: [^\n]+\n$/);
  });

  it('exits 2 on a write attempt and leaves the database as it was', () => {
    const result = cli(['query', "MATCH (f:Function {name: 'helper'}) DETACH DELETE f", '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: write statements are not allowed: codegraph query opens graph.kuzu read-only\n');
    const after = cli(['query', 'MATCH (f:Function) RETURN count(*) AS functions', '--out', out, '--json']);
    expect(JSON.parse(after.stdout).rows).toEqual([{ functions: 3 }]);
  });

  it('exits 2 naming the parameters the query uses without a --param', () => {
    const result = cli(['query', WHO_CALLS, '--out', out]);
    expect([result.code, result.stdout, result.stderr]).toEqual([2, '', 'error: the query uses $name but no value was given: add --param name=…\n']);
  });

  it('reads <repo>/.codegraph when given the repository, as stats and validate do', () => {
    // A repository whose .codegraph is the output indexed above.
    const repo = mkdtempSync(path.join(tmpdir(), 'codegraph-repo-'));
    try {
      symlinkSync(out, path.join(repo, '.codegraph'));
      const result = cli(['query', 'MATCH (f:File) RETURN count(*) AS files', repo, '--json']);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).rows).toEqual([{ files: 4 }]);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('exits 2 without a database', () => {
    const result = cli(['query', 'RETURN 1', '--out', path.join(out, 'nowhere')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: no Kuzu database at ${path.join(out, 'nowhere', 'graph.kuzu')}\n`);
  });
});

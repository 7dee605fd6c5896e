import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeGraph } from '../../src/graph/model.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-repo.js';

// The question commands through the built CLI, once per command and exit-code family, on
// examples/shop indexed into a temp folder. The answers themselves are tested in-process
// (test/unit/query/).
let out: string;
let graph: CodeGraph;
beforeAll(() => {
  out = path.join(makeTempDir(), '.codegraph');
  const result = runCli(['index', path.join(ROOT, 'examples', 'shop'), '--out', out, '--quiet']);
  if (result.code !== 0) throw new Error(result.stderr);
  graph = JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')) as CodeGraph;
});
afterAll(() => rmSync(path.dirname(out), { recursive: true, force: true }));

const ask = (...args: string[]) => runCli([...args, '--out', out]);
const idOf = (label: string, file: string, name: string) => graph.nodes.find((n) => n.label === label && n.properties['filePath'] === file && n.properties['name'] === name)!.id;

describe('question commands (built CLI)', () => {
  it('find prints a table on stdout and says which store answered on stderr', () => {
    const result = ask('find', 'sum*');
    expect(result.code).toBe(0);
    const [head, rule, ...rest] = result.stdout.trimEnd().split('\n');
    expect(head).toMatch(/^label +name +file +line +id$/);
    expect(rule).toMatch(/^-+( +-+){4}$/);
    expect(rest.map((l) => l.split(/ {2,}/).slice(0, 4).join(' | '))).toEqual([
      'Function | sumMoney | src/core/money.ts | 36',
      'Function | sumBy | src/legacy/math-utils.cjs | 5',
      '(2 matches)',
    ]);
    expect(result.stderr).toMatch(/^answered from graph\.kuzu \(opened in \d+ ms, answered in \d+ ms\): graph\.kuzu is present and current\n$/);
  });

  it('callers --json is one document whose rows carry the ids of graph.json', () => {
    const result = ask('callers', 'roundCents', '--json', '--depth', '2');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ store: 'kuzu', question: 'callers', kind: 'rows' });
    expect(doc.subjects.map((s: { id: string }) => s.id)).toEqual([idOf('Function', 'src/core/money.ts', 'roundCents')]);
    const ids = new Set(graph.nodes.map((n) => n.id));
    expect(doc.rows.length).toBeGreaterThan(1);
    for (const row of doc.rows) {
      expect(ids.has(row.id)).toBe(true);
      expect(ids.has(row.via)).toBe(true);
    }
    expect(doc.rows.map((r: { name: string; distance: number }) => `${r.distance} ${r.name}`)).toEqual(['1 toMoney', '2 seedCatalog', '2 addMoney', '2 multiply', '2 sumMoney', '2 Order', '2 recalculate']);
  });

  it('--store both answers from each store, times each, and exits 0 when they agree', () => {
    const result = ask('impact', 'src/core/money.ts', '--store', 'both', '--depth', '2');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^impact of money\.ts \(File\), from it and 10 more starting points \(its file, methods or definitions\): 20 nodes in 11 files\ndistance 1\n  src\/app\.ts\n    Function seedCatalog \(line 27\) calls toMoney\n/);
    expect(result.stderr).toMatch(/^answered from graph\.kuzu \(opened in \d+ ms, answered in \d+ ms\) and graph\.json \(opened in \d+ ms, answered in \d+ ms\): the same answer from both\n$/);
  });

  it('--store both exits 1 and shows the difference when graph.json was tampered with', () => {
    const copy = path.join(makeTempDir(), '.codegraph');
    cpSync(out, copy, { recursive: true });
    const file = path.join(copy, 'graph.json');
    const lines = readFileSync(file, 'utf8').split('\n');
    const cut = lines.findIndex((l) => l.includes('"type":"CALLS"') && l.includes('"target":"Function:src/core/money.ts:roundCents'));
    writeFileSync(file, [...lines.slice(0, cut), ...lines.slice(cut + 1)].join('\n'));
    const result = runCli(['callers', 'roundCents', '--store', 'both', '--out', copy]);
    rmSync(path.dirname(copy), { recursive: true, force: true });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^the stores answer differently \(1 lines only in graph\.kuzu, 0 only in graph\.json\):\nonly in graph\.kuzu: row \{.*"distance":1,/);
    expect(result.stderr).toMatch(/error: graph\.kuzu and graph\.json give different answers/);
  });

  it('an ambiguous name lists the candidates and exits 2; --all answers for each', () => {
    const result = ask('callers', 'validate');
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('(5 matches)');
    expect(result.stderr).toContain("error: 'validate' names 5 symbols: give its id, file:name or Class.method, or pass --all for every one\n");
    expect(ask('callers', 'validate', '--all', '--quiet').code).toBe(0);
  });

  it('an unknown name exits 2 with the nearest names', () => {
    const result = ask('callees', 'checkot', '--store', 'json');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('nearest names: checkout\n');
    expect(result.stderr).toMatch(/error: 'checkot' names nothing \(did you mean checkout\?\)\n$/);
  });

  it('deps --format dot draws the answer; path says when there is no path', () => {
    const dot = ask('deps', 'src/index.ts', '--format', 'dot');
    expect(dot.code).toBe(0);
    expect(dot.stdout).toMatch(/^digraph codegraph \{\n/);
    expect(dot.stdout).toContain('"File:src/index.ts" -> "File:src/app.ts" [label="imports"];');
    const none = ask('path', 'roundCents', 'createApp');
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('no path from roundCents (Function, src/core/money.ts:23) to createApp (Function, src/app.ts:33) along CALLS and IMPORTS\n');
  });

  it('a bad --depth or --store is a usage error in one line', () => {
    const depth = ask('callers', 'roundCents', '--depth', '0');
    expect(depth.code).toBe(2);
    expect(depth.stderr.split('\n')[0]).toBe("error: option '-d, --depth <n>' argument '0' is invalid. --depth must be a whole number of at least 1, got '0'");
    const store = ask('callers', 'roundCents', '--store', 'sqlite');
    expect(store.code).toBe(2);
    expect(store.stderr.split('\n')[0]).toMatch(/^error: option '--store <store>' argument 'sqlite' is invalid\. Allowed choices are kuzu, json, both\.$/);
  });
});

// Every rule kind on test/fixtures/check-rules (indexed in this process), with and without a
// baseline: exact violations, and which of them are new.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyBaseline, baselineOf } from '../../../src/check/baseline.js';
import { evaluateRules, type RuleResult } from '../../../src/check/evaluate.js';
import { readRuleGraph } from '../../../src/storage/rule-graph.js';
import { rulesFromConfig } from '../../../src/config/rules.js';
import { StorageError } from '../../../src/errors.js';
import type { CodeGraph } from '../../../src/graph/model.js';
import { indexInProcess } from '../../helpers/index-in-process.js';
import { makeTempDir, removeDir } from '../../helpers/temp-repo.js';
import { copyRepo, edit } from '../diff/diff-helpers.js';

const scratch = makeTempDir('codegraph-check-');
const outs = new Map<string, string>();
afterAll(() => removeDir(scratch));

async function indexed(name: string, change: (repo: string) => void = () => {}): Promise<{ graph: CodeGraph; repo: string }> {
  const repo = copyRepo('check-rules', path.join(scratch, name));
  change(repo);
  const { graph } = await indexInProcess(repo, path.join(scratch, `${name}-out`));
  outs.set(name, path.join(scratch, `${name}-out`));
  return { graph, repo };
}

function rulesOf(repo: string) {
  return rulesFromConfig(JSON.parse(readFileSync(path.join(repo, 'codegraph.config.json'), 'utf8')), 'codegraph.config.json');
}

const lines = (results: readonly RuleResult[]): Record<string, string[]> =>
  Object.fromEntries(results.map((r) => [`${r.name} (${r.kind})`, r.violations.map((v) => `${v.file}:${v.line ?? '-'} ${v.message} [${v.key}]`)]));

describe('check rules', () => {
  it('finds each violation of each rule kind, with file and line', async () => {
    const { graph, repo } = await indexed('all');
    expect(lines(evaluateRules(graph, rulesOf(repo)))).toEqual({
      'ui-not-db (forbidden)': ['src/ui/view.ts:1 imports src/db/query.ts (src/ui/** may not import src/db/**) [src/ui/view.ts -> src/db/query.ts]'],
      'no-cycles (noCycles)': ['src/a.ts:1 import cycle: src/a.ts -> src/b.ts -> src/a.ts [src/a.ts src/b.ts]'],
      'ui-calls (forbiddenCalls)': [
        'src/ui/view.ts:4 render calls query in src/db/query.ts (src/ui/** may not call into src/db/**) [Function:src/ui/view.ts:render -> Function:src/db/query.ts:query]',
      ],
      'reachable (noOrphans)': [
        'src/db/query.ts:5 exported function vacuum: nothing calls it or imports it [Function:src/db/query.ts:vacuum]',
        'src/unused.ts:- nothing imports this file [File:src/unused.ts]',
      ],
    });
  });

  it('holds where nothing breaks a rule: globs that match nothing, and an allow list that covers the orphans', async () => {
    const { graph } = await indexed('holds');
    const rules = rulesFromConfig(
      {
        rules: [
          { name: 'f', forbidden: { from: 'src/db/**', to: 'src/ui/**' } },
          { name: 'c', forbiddenCalls: { from: 'lib/**', to: 'src/**' } },
          { name: 'o', noOrphans: { allow: ['src/main.ts', 'src/unused.ts', 'src/db/**'] } },
        ],
      },
      'codegraph.config.json',
    );
    expect(lines(evaluateRules(graph, rules))).toEqual({ 'f (forbidden)': [], 'c (forbiddenCalls)': [], 'o (noOrphans)': [] });
  });

  it('with a baseline, only violations it does not record fail; fixed entries are reported; lines may move', async () => {
    const before = await indexed('baseline-before');
    const baseline = baselineOf(evaluateRules(before.graph, rulesOf(before.repo)));
    expect(baseline.violations.map((v) => `${v.rule} ${v.key}`)).toEqual([
      'no-cycles src/a.ts src/b.ts',
      'reachable File:src/unused.ts',
      'reachable Function:src/db/query.ts:vacuum',
      'ui-calls Function:src/ui/view.ts:render -> Function:src/db/query.ts:query',
      'ui-not-db src/ui/view.ts -> src/db/query.ts',
    ]);
    expect(applyBaseline(evaluateRules(before.graph, rulesOf(before.repo)), baseline)).toMatchObject({ ok: true, newViolations: 0, knownViolations: 5, fixed: [] });

    // Later: a comment moves every line of view.ts, view.ts calls vacuum too (a new forbidden call),
    // and unused.ts is gone: two baseline entries fixed (vacuum is called now).
    const after = await indexed('baseline-after', (repo) => {
      edit(repo, 'src/ui/view.ts', (t) => `// the view\n${t.replace("import { query }", 'import { query, vacuum }').replace("  return query('select 1');", "  vacuum();\n  return query('select 1');")}`);
      rmSync(path.join(repo, 'src/unused.ts'));
    });
    const report = applyBaseline(evaluateRules(after.graph, rulesOf(after.repo)), baseline);
    expect(report.ok).toBe(false);
    expect([report.newViolations, report.knownViolations]).toEqual([1, 3]);
    expect(report.rules.flatMap((r) => r.violations.filter((v) => !v.known).map((v) => `${r.name} ${v.file}:${v.line} ${v.key}`))).toEqual([
      'ui-calls src/ui/view.ts:5 Function:src/ui/view.ts:render -> Function:src/db/query.ts:vacuum',
    ]);
    expect(report.fixed).toEqual([
      { rule: 'reachable', key: 'File:src/unused.ts' },
      { rule: 'reachable', key: 'Function:src/db/query.ts:vacuum' },
    ]);
  });

  it('finds the same violations in graph.json read as a stream, which keeps IMPORTS and only the CALLS a rule reads', async () => {
    const { graph, repo } = await indexed('streamed');
    const rules = rulesOf(repo);
    const read = await readRuleGraph(outs.get('streamed')!, rules);
    expect(read.outDir).toBe(outs.get('streamed'));
    expect(evaluateRules(read.graph, rules)).toEqual(evaluateRules(graph, rules));
    expect(read.graph.nodes.size).toBe(graph.nodes.length);
    expect(read.graph.imports).toHaveLength(graph.relationships.filter((r) => r.type === 'IMPORTS').length);
    expect(read.graph.calls).toHaveLength(graph.relationships.filter((r) => r.type === 'CALLS').length);
    // Each node keeps the properties a rule reads, no more.
    const view = graph.nodes.find((n) => n.id === 'Function:src/ui/view.ts:render')!;
    expect(read.graph.nodes.get(view.id)).toEqual({
      id: view.id,
      label: 'Function',
      properties: { filePath: 'src/ui/view.ts', name: 'render', exported: view.properties['exported'], startLine: view.properties['startLine'], endLine: view.properties['endLine'] },
    });
    const cyclesOnly = rules.filter((r) => r.kind === 'noCycles');
    expect((await readRuleGraph(outs.get('streamed')!, cyclesOnly)).graph.calls).toEqual([]);
    // A path to graph.json names its folder.
    expect((await readRuleGraph(path.join(outs.get('streamed')!, 'graph.json'), rules)).outDir).toBe(outs.get('streamed'));
  });

  it('refuses a graph.json that is not a graph, as a storage error naming it', async () => {
    const out = path.join(scratch, 'not-a-graph');
    mkdirSync(out, { recursive: true });
    for (const text of ['{}', '{"version": 2, "nodes": 5, "relationships": []}']) {
      writeFileSync(path.join(out, 'graph.json'), text);
      await expect(readRuleGraph(out, [])).rejects.toThrow(new StorageError(`${path.join(out, 'graph.json')} is not a codegraph graph (no version, nodes and relationships)`));
    }
  });
});

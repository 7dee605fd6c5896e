import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeGraph } from '../../src/graph/model.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-repo.js';

// The bundled example against its hand-checked answer sheet, examples/shop/EXPECTED.md (written
// by hand and cross-checked with the TypeScript checker).
const expected = readFileSync(path.join(ROOT, 'examples', 'shop', 'EXPECTED.md'), 'utf8');

function section(title: string): string {
  const start = expected.indexOf(`\n## ${title}`);
  const end = expected.indexOf('\n## ', start + 1);
  return expected.slice(start, end < 0 ? undefined : end);
}

/** The `a -> b` lines of the fenced code blocks of a section. */
function arrowLines(text: string): string[] {
  const blocks = text.split('```').filter((_, i) => i % 2 === 1);
  return blocks.flatMap((b) => b.split('\n')).filter((l) => l.includes(' -> '));
}

let repo: string;
let graph: CodeGraph;
let stdout: string;
let code: number | null;

beforeAll(() => {
  repo = path.join(makeTempDir(), 'shop');
  cpSync(path.join(ROOT, 'examples', 'shop'), repo, { recursive: true, filter: (src) => !src.includes(`${path.sep}.codegraph`) });
  const result = runCli(['index', repo]);
  code = result.code;
  stdout = result.stdout;
  graph = JSON.parse(readFileSync(path.join(repo, '.codegraph', 'graph.json'), 'utf8')) as CodeGraph;
});
afterAll(() => rmSync(path.dirname(repo), { recursive: true, force: true }));

const edges = (type: string) => graph.relationships.filter((r) => r.type === type);

describe('examples/shop, the README example', () => {
  it('indexes with exit 0 and a consistent validation', () => {
    expect(code).toBe(0);
    expect(stdout).toMatch(/^validation: consistent \(graph\.json and graph\.kuzu compared by row count and digest; \d+ nodes, \d+ relationships; 0 problems\)$/m);
  });

  it('has the expected node counts', () => {
    const counts: Record<string, number> = {};
    for (const n of graph.nodes) counts[n.label] = (counts[n.label] ?? 0) + 1;
    expect(counts).toEqual({ File: 25, Folder: 8, Class: 15, Interface: 11, Method: 57, Function: 34, Variable: 15, Type: 9, Enum: 2, Project: 1 });
    expect(graph.nodes.some((n) => String(n.properties['filePath'] ?? '').startsWith('dist/'))).toBe(false);
  });

  it('has exactly the expected CALLS, with first line and call-site count', () => {
    const want = arrowLines(section('CALLS')).map((line) => {
      const m = /^(\S+) -> (\S+)\s+@\S+:(\d+)(?: \((\d+) sites\))?/.exec(line);
      if (!m) throw new Error(`unreadable CALLS line: ${line}`);
      return `${m[1]} -> ${m[2]} @${m[3]} x${m[4] ?? 1}`;
    });
    expect(want).toHaveLength(117);
    const got = edges('CALLS').map((r) => `${r.source} -> ${r.target} @${r.properties['line']} x${r.properties['callSites']}`);
    expect(got.sort()).toEqual(want.sort());
  });

  it('has exactly the expected INHERITS and IMPLEMENTS', () => {
    for (const [type, count] of [['INHERITS', 9], ['IMPLEMENTS', 4]] as const) {
      const want = arrowLines(section(type)).map((l) => l.trim());
      expect(want).toHaveLength(count);
      expect(edges(type).map((r) => `${r.source} -> ${r.target}`).sort()).toEqual(want.sort());
    }
  });

  it('has exactly the expected IMPORTS with line, kinds, names and specifiers', () => {
    const rows = section('IMPORTS')
      .split('\n')
      .filter((l) => l.startsWith('| src/'))
      .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
    expect(rows).toHaveLength(47);
    const want = rows.map(([from, to, line, kinds, names, specs]) =>
      JSON.stringify([`File:${from}`, `File:${to}`, Number(line), kinds!.split(', '), names!.split(', '), specs!.split(', ').map((s) => s.replaceAll('`', ''))]),
    );
    const got = edges('IMPORTS').map((r) =>
      JSON.stringify([r.source, r.target, r.properties['line'], r.properties['kinds'], r.properties['names'], r.properties['specifiers']]),
    );
    expect(got.sort()).toEqual(want.sort());
  });
});

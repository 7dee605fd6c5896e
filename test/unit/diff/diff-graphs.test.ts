// Exact diffs of fixture pairs: test/fixtures/diff-shop as it is (base) and after one edit (head),
// both indexed in this process through the real pipeline.
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../helpers/temp-repo.js';
import { diffAfter, edit, only, view } from './diff-helpers.js';

const scratch = makeTempDir('codegraph-diff-');
afterAll(() => removeDir(scratch));
const F = 'diff-shop';

describe('diffGraphs on fixture pairs', () => {
  it('reports no change at all for two indexes of the same code', async () => {
    const d = await diffAfter(scratch, 'same', F, () => {});
    expect(view(d)).toEqual(only({ unchanged: true }));
  });

  it('a function added: the definition, its call, the callee fan-in, and the importers as impact', async () => {
    const d = await diffAfter(scratch, 'added', F, (repo) =>
      edit(repo, 'src/util.ts', (t) => `${t}\nexport function mean(values: number[]): number {\n  return total(values) / values.length;\n}\n`),
    );
    expect(view(d)).toEqual(
      only({
        files: { added: [], removed: [], changed: ['src/util.ts'] },
        added: ['Function:src/util.ts:mean'],
        '+CALLS': ['Function:src/util.ts:mean -> Function:src/util.ts:total'],
        fanIn: ['Function:src/util.ts:total 1 -> 2'],
        impact: ['1 IMPORTS File:src/report.ts', '2 IMPORTS File:src/main.ts'],
      }),
    );
  });

  it('a function removed: its callers are the impact, transitively', async () => {
    const d = await diffAfter(scratch, 'removed', F, (repo) =>
      edit(repo, 'src/util.ts', () => 'export function total(values: number[]): number {\n  return Math.round(values.reduce((a, b) => a + b, 0));\n}\n'),
    );
    expect(view(d)).toEqual(
      only({
        files: { added: [], removed: [], changed: ['src/util.ts'] },
        removed: ['Function:src/util.ts:round'],
        moved: ['Function:src/util.ts:total 5-7 -> 1-3'],
        '-CALLS': ['Function:src/util.ts:total -> Function:src/util.ts:round'],
        fanIn: ['Function:src/util.ts:round 1 -> 0'],
        impact: ['1 IMPORTS File:src/report.ts', '1 CALLS Function:src/report.ts:describe', '2 IMPORTS File:src/main.ts', '2 CALLS Function:src/main.ts:main'],
      }),
    );
  });

  it('a function renamed: removed and added, with its call moved to the new name', async () => {
    const d = await diffAfter(scratch, 'renamed', F, (repo) => edit(repo, 'src/util.ts', (t) => t.replaceAll('round(', 'roundOff(')));
    expect(view(d)).toEqual(
      only({
        files: { added: [], removed: [], changed: ['src/util.ts'] },
        added: ['Function:src/util.ts:roundOff'],
        removed: ['Function:src/util.ts:round'],
        '+CALLS': ['Function:src/util.ts:total -> Function:src/util.ts:roundOff'],
        '-CALLS': ['Function:src/util.ts:total -> Function:src/util.ts:round'],
        fanIn: ['Function:src/util.ts:round 1 -> 0', 'Function:src/util.ts:roundOff 0 -> 1'],
        impact: ['1 IMPORTS File:src/report.ts', '1 CALLS Function:src/report.ts:describe', '2 IMPORTS File:src/main.ts', '2 CALLS Function:src/main.ts:main'],
      }),
    );
  });

  it('a comment added above two functions: they moved (same ids, new lines), nothing was added or removed', async () => {
    const d = await diffAfter(scratch, 'comment', F, (repo) => edit(repo, 'src/util.ts', (t) => `// rounding helpers\n${t}`));
    expect(view(d)).toEqual(
      only({
        files: { added: [], removed: [], changed: ['src/util.ts'] },
        moved: ['Function:src/util.ts:round 1-3 -> 2-4', 'Function:src/util.ts:total 5-7 -> 6-8'],
        impact: ['1 IMPORTS File:src/report.ts', '2 IMPORTS File:src/main.ts'],
      }),
    );
  });

  it('a new call: the CALLS and the IMPORTS it needs, and the callee fan-in', async () => {
    const d = await diffAfter(scratch, 'call', F, (repo) =>
      edit(repo, 'src/main.ts', (t) =>
        t.replace("import { describe } from './report.js';", "import { describe } from './report.js';\nimport { total } from './util.js';").replace('new Square(3)]))', 'new Square(3)]), total([1]))'),
      ),
    );
    expect(view(d)).toEqual(
      only({
        files: { added: [], removed: [], changed: ['src/main.ts'] },
        moved: ['Function:src/main.ts:main 4-6 -> 5-7'],
        '+CALLS': ['Function:src/main.ts:main -> Function:src/util.ts:total'],
        '+IMPORTS': ['File:src/main.ts -> File:src/util.ts'],
        fanIn: ['Function:src/util.ts:total 1 -> 2'],
      }),
    );
  });

  it('a new import cycle between two files', async () => {
    const d = await diffAfter(scratch, 'cycle', F, (repo) =>
      edit(repo, 'src/util.ts', (t) => `import { describe } from './report.js';\n${t}\nexport function again(): string {\n  return describe([]);\n}\n`),
    );
    expect(view(d)).toEqual(
      only({
        files: { added: [], removed: [], changed: ['src/util.ts'] },
        added: ['Function:src/util.ts:again'],
        moved: ['Function:src/util.ts:round 1-3 -> 2-4', 'Function:src/util.ts:total 5-7 -> 6-8'],
        '+CALLS': ['Function:src/util.ts:again -> Function:src/report.ts:describe'],
        '+IMPORTS': ['File:src/util.ts -> File:src/report.ts'],
        fanIn: ['Function:src/report.ts:describe 1 -> 2'],
        cycles: { created: [['src/report.ts', 'src/util.ts']], broken: [] },
        impact: ['1 IMPORTS File:src/report.ts', '2 IMPORTS File:src/main.ts'],
      }),
    );
  });

  it('a class that stops implementing an interface', async () => {
    const d = await diffAfter(scratch, 'implements', F, (repo) => edit(repo, 'src/shapes.ts', (t) => t.replace('class Square implements Shape {', 'class Square {')));
    expect(view(d)).toEqual(
      only({
        files: { added: [], removed: [], changed: ['src/shapes.ts'] },
        '-IMPLEMENTS': ['Class:src/shapes.ts:Square -> Interface:src/shapes.ts:Shape'],
        impact: ['1 IMPORTS File:src/main.ts', '1 IMPORTS File:src/report.ts', '1 CALLS Function:src/main.ts:main'],
      }),
    );
  });

  it('an import that stops resolving, and the impact cut at --depth 1', async () => {
    const d = await diffAfter(scratch, 'unresolved', F, (repo) => edit(repo, 'src/report.ts', (t) => t.replace("from './util.js'", "from './utils.js'")), 1);
    expect(view(d)).toEqual(
      only({
        files: { added: [], removed: [], changed: ['src/report.ts'] },
        '-IMPORTS': ['File:src/report.ts -> File:src/util.ts'],
        '-CALLS': ['Function:src/report.ts:describe -> Function:src/util.ts:total'],
        fanIn: ['Function:src/util.ts:total 1 -> 0'],
        unresolved: { known: true, added: ['src/report.ts:1 ./utils.js'], fixed: [] },
        impact: ['1 IMPORTS File:src/main.ts', '1 CALLS Function:src/main.ts:main'],
      }),
    );
  });
});

describe('imports that stopped resolving', () => {
  it('are unknown, not empty, when a side has no report or a cut list of diagnostics', async () => {
    const { compareUnresolved, unresolvedFromReport } = await import('../../../src/diff/unresolved.js');
    const item = { file: 'src/a.ts', line: 2, code: 'unresolved-import', message: "cannot resolve './gone': no such file" };
    const full = unresolvedFromReport({ total: 1, items: [item] });
    const cut = unresolvedFromReport({ total: 6000, items: [item] });
    expect(full).toEqual({ complete: true, imports: [{ file: 'src/a.ts', line: 2, specifier: './gone', message: item.message }] });
    expect(compareUnresolved(undefined, full)).toEqual({ known: false, added: [], fixed: [] });
    expect(compareUnresolved(cut, full).known).toBe(false);
    expect(compareUnresolved(unresolvedFromReport({ total: 0, items: [] }), full)).toMatchObject({ known: true, added: [{ specifier: './gone' }], fixed: [] });
  });
});

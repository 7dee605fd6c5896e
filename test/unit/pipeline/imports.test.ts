import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../src/graph/builder.js';
import { buildImports } from '../../../src/pipeline/imports.js';
import { createSymbolResolver } from '../../../src/pipeline/symbols.js';
import type { ParsedUnit } from '../../../src/model/parsed-unit.js';
import { createModuleResolver } from '../../../src/resolve/module-resolver.js';
import { imp, unit } from '../resolve/units.js';

const units: ParsedUnit[] = [
  unit('src/a.ts', {
    imports: [
      imp('./b', 'static', 3, [['b', 'b'], ['B', 'default']]),
      imp('./b.js', 'type', 1, [['T', 'T']]),
      imp('./c', 're-export', 5, [['*', '*']]),
      imp('./c', 'side-effect', 4),
      imp('react', 'static', 6, [['React', 'default']]),
      imp('react/jsx-runtime', 'static', 7, [['jsx', 'jsx']]),
      imp('@scope/pkg', 'static', 8, [['s', 's']]),
      imp('node:fs', 'static', 9, [['fs', '*']]),
      imp('./missing', 'static', 10, [['m', 'm']]),
      imp('./style.css', 'side-effect', 11),
    ],
  }),
  unit('src/b.ts', { imports: [imp('./lazy', 'dynamic', 2), imp('path', 'require', 1, [['path', '*']])] }),
  // require(`./b`) with a template literal: the parser hands over the text without backticks.
  unit('src/c.js', { imports: [imp('./b', 'require', 1, [['b', '*']])] }),
  unit('src/lazy.ts'),
  { ...unit('src/skipped.ts', { imports: [imp('./b', 'static', 1)] }), status: { kind: 'skipped', reason: 'too large' } },
];

function run() {
  const resolver = createModuleResolver(units.map((u) => u.file.relPath));
  return buildImports(units, createSymbolResolver(units, resolver));
}

describe('buildImports', () => {
  it('gives one IMPORTS relationship per file pair, merging specifiers, names, kinds and the first line', () => {
    expect(run().fragment.relationships).toEqual([
      {
        id: 'IMPORTS:File:src/a.ts->File:src/b.ts',
        type: 'IMPORTS',
        source: 'File:src/a.ts',
        target: 'File:src/b.ts',
        properties: { specifiers: ['./b', './b.js'], names: ['T', 'b', 'default'], kinds: ['static', 'type'], line: 1 },
      },
      {
        id: 'IMPORTS:File:src/a.ts->File:src/c.js',
        type: 'IMPORTS',
        source: 'File:src/a.ts',
        target: 'File:src/c.js',
        properties: { specifiers: ['./c'], names: ['*'], kinds: ['re-export', 'side-effect'], line: 4 },
      },
      {
        id: 'IMPORTS:File:src/b.ts->File:src/lazy.ts',
        type: 'IMPORTS',
        source: 'File:src/b.ts',
        target: 'File:src/lazy.ts',
        properties: { specifiers: ['./lazy'], names: [], kinds: ['dynamic'], line: 2 },
      },
      {
        id: 'IMPORTS:File:src/c.js->File:src/b.ts',
        type: 'IMPORTS',
        source: 'File:src/c.js',
        target: 'File:src/b.ts',
        properties: { specifiers: ['./b'], names: ['*'], kinds: ['require'], line: 1 },
      },
    ]);
  });

  it('counts externals by package, builtins, and reports what does not resolve', () => {
    const out = run();
    expect(out.counts).toEqual({
      imports: 13,
      resolved: 6,
      external: 3,
      builtin: 2,
      unresolved: 1,
      nonSource: 1,
      edges: 4,
      externalPackages: 2,
      'kind.static': 6,
      'kind.type': 1,
      'kind.re-export': 1,
      'kind.side-effect': 2,
      'kind.dynamic': 1,
      'kind.require': 2,
      'unresolved.no-such-file': 1,
    });
    expect(out.externalPackages).toEqual({ '@scope/pkg': 1, react: 2 });
    expect(out.diagnostics).toEqual([
      { file: 'src/a.ts', line: 10, severity: 'warning', code: 'unresolved-import', message: "cannot resolve './missing': no such file" },
      { file: 'src/a.ts', line: 11, severity: 'info', code: 'non-source-import', message: "cannot resolve './style.css': not a source file (.css)" },
    ]);
  });

  it('produces relationships the graph builder accepts', () => {
    const builder = new GraphBuilder();
    for (const u of units) {
      builder.addNode({ id: `File:${u.file.relPath}`, label: 'File', properties: { name: u.file.relPath, filePath: u.file.relPath, language: 'typescript', size: 1 } });
    }
    const added = builder.addFragment(run().fragment);
    expect(added.relationships.map((r) => r.properties)).toContainEqual({ specifiers: ['./lazy'], kinds: ['dynamic'], line: 2 });
  });
});

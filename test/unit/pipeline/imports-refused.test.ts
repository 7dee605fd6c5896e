// IMPORTS the compiler refuses but whose file is not in doubt, and declaration files beside code.
import { describe, expect, it } from 'vitest';
import { buildImports } from '../../../src/pipeline/imports.js';
import { fixturePipeline } from '../resolve/fixture-pipeline.js';

describe('IMPORTS of an extensionless ESM import under nodenext (imports-esm-nodenext)', () => {
  it('draws the edge to the one file meant, and keeps the warning', async () => {
    const { units, symbols } = await fixturePipeline('imports-esm-nodenext');
    const out = buildImports(units, symbols);
    const edges = out.fragment.relationships.map((r) => `${r.source} -> ${r.target} ${(r.properties['specifiers'] as string[]).join(',')}`);
    expect(edges).toContain('File:src/index.ts -> File:src/util.ts ./util,./util.js');
    expect(edges).toContain('File:src/index.ts -> File:src/lib/index.ts ./lib,./lib/index.js');
    expect(out.diagnostics.filter((d) => d.code === 'import-refused-by-compiler').map((d) => `${d.file}:${d.line} ${d.severity} ${d.message}`)).toEqual([
      "src/index.ts:4 warning './util' means src/util.ts, but extension required (ESM import under node16/nodenext)",
      "src/index.ts:5 warning './lib' means src/lib/index.ts, but extension required (ESM import under node16/nodenext)",
    ]);
    expect(out.counts?.['resolvedWithWarning.extension-required']).toBe(2);
  });
});

describe('IMPORTS where a declaration file sits beside its code (imports-declaration-beside)', () => {
  it('goes to the .ts source, then the .js, and to a .d.ts only when it stands alone', async () => {
    const { units, symbols } = await fixturePipeline('imports-declaration-beside');
    const out = buildImports(units, symbols);
    expect(out.fragment.relationships.map((r) => `${r.source} -> ${r.target}`)).toEqual([
      'File:use.ts -> File:lib/format.ts',
      'File:use.ts -> File:lib/only.d.ts',
      'File:use.ts -> File:lib/toDate.js',
      'File:use.ts -> File:pkg/index.js',
    ]);
  });
});

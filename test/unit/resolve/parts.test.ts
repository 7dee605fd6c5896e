import { describe, expect, it } from 'vitest';
import { parseJsonc } from '../../../src/resolve/jsonc.js';
import { mapTargets, splitPackageSpecifier } from '../../../src/resolve/package-exports.js';
import { matchesGlob } from '../../../src/resolve/paths.js';
import { extendsCandidates, resolutionMode } from '../../../src/resolve/tsconfig.js';
import { parsePnpmPackages } from '../../../src/resolve/workspaces.js';
import { matchPaths } from '../../../src/resolve/module-resolver.js';

describe('parseJsonc', () => {
  it('accepts comments and trailing commas, but not inside strings', () => {
    const text = '{\n // c\n "a": "x // not a comment", /* b */ "b": [1, 2,],\n "c": { "d": "/* kept */", },\n}';
    expect(parseJsonc(text)).toEqual({ ok: true, value: { a: 'x // not a comment', b: [1, 2], c: { d: '/* kept */' } } });
  });
  it('reports malformed input with its position', () => {
    expect(parseJsonc('{ "a": 1\n "b": 2 }')).toEqual({ ok: false, error: "expected ',' or '}' at line 2, column 2" });
    expect(parseJsonc('{ "a": tru }')).toEqual({ ok: false, error: "unexpected character 't' at line 1, column 8" });
    expect(parseJsonc('[1] x')).toEqual({ ok: false, error: 'unexpected content after the value at line 1, column 5' });
    expect(parseJsonc('{ "a": "b')).toEqual({ ok: false, error: 'unterminated string at line 1, column 10' });
    expect(parseJsonc('/* open')).toEqual({ ok: false, error: 'unterminated comment at line 1, column 1' });
    expect(parseJsonc('['.repeat(100_000))).toEqual({ ok: false, error: 'nested too deeply at line 1, column 513' });
  });
});

describe('package.json exports and imports maps', () => {
  const conditions = new Set(['types', 'import']);
  it('takes conditions in the order the map lists them, default included', () => {
    const exports = { '.': { require: './r.js', import: './i.js', types: './t.d.ts', default: './d.js' } };
    expect(mapTargets(exports, '.', conditions)).toEqual(['./i.js', './t.d.ts', './d.js']);
  });
  it('treats a string or a conditions object as the "." entry', () => {
    expect(mapTargets('./main.js', '.', conditions)).toEqual(['./main.js']);
    expect(mapTargets({ import: './m.js' }, '.', conditions)).toEqual(['./m.js']);
    expect(mapTargets('./main.js', './sub', conditions)).toBeUndefined();
  });
  it('matches patterns by the longest prefix and substitutes every *', () => {
    const exports = { './*': './dist/*.js', './features/*': './dist/features/*/index.js', './private/*': null };
    expect(mapTargets(exports, './features/auth', conditions)).toEqual(['./dist/features/auth/index.js']);
    expect(mapTargets(exports, './x', conditions)).toEqual(['./dist/x.js']);
    expect(mapTargets(exports, './private/x', conditions)).toEqual([]);
    expect(mapTargets({ '#a/*': './src/a/*.ts' }, '#a/b', conditions)).toEqual(['./src/a/b.ts']);
  });
  it('splits package names', () => {
    expect(splitPackageSpecifier('@s/p/a/b')).toEqual({ name: '@s/p', subpath: './a/b' });
    expect(splitPackageSpecifier('p')).toEqual({ name: 'p', subpath: '.' });
    expect(splitPackageSpecifier('@/x')).toBeUndefined();
  });
});

describe('tsconfig rules', () => {
  it("follows TypeScript's defaults for moduleResolution", () => {
    expect(resolutionMode(undefined, undefined, undefined)).toBe('node10');
    expect(resolutionMode(undefined, undefined, 'es2020')).toBe('classic');
    expect(resolutionMode(undefined, 'NodeNext')).toBe('nodenext');
    expect(resolutionMode(undefined, 'preserve')).toBe('bundler');
    expect(resolutionMode('Node', 'esnext')).toBe('node10');
  });
  it('looks for extends targets relative, or in node_modules up the tree', () => {
    expect(extendsCandidates('a/tsconfig.json', './base')).toEqual(['a/base', 'a/base.json']);
    expect(extendsCandidates('a/tsconfig.json', '@t/node20')).toEqual([
      'a/node_modules/@t/node20',
      'a/node_modules/@t/node20.json',
      'a/node_modules/@t/node20/tsconfig.json',
      'node_modules/@t/node20',
      'node_modules/@t/node20.json',
      'node_modules/@t/node20/tsconfig.json',
    ]);
  });
  it('matches paths patterns exactly first, then by longest prefix', () => {
    const paths = { '*': ['types/*'], '@/*': ['src/*'], '@/lib': ['lib/index.ts'] };
    expect(matchPaths(paths, '@/lib')).toEqual({ key: '@/lib', targets: ['lib/index.ts'] });
    expect(matchPaths(paths, '@/x/y')).toEqual({ key: '@/*', targets: ['src/x/y'] });
    expect(matchPaths(paths, 'react')).toEqual({ key: '*', targets: ['types/react'] });
  });
  it('matches include globs per segment, and folders by prefix', () => {
    expect(matchesGlob('src/a/b.ts', 'src')).toBe(true);
    expect(matchesGlob('src/a/b.ts', 'src/*.ts')).toBe(false);
    expect(matchesGlob('src/a/b.ts', 'src/**/*.ts')).toBe(true);
    expect(matchesGlob('packages/a', 'packages/*', false)).toBe(true);
    expect(matchesGlob('packages/a/b', 'packages/*', false)).toBe(false);
  });
});

describe('pnpm-workspace.yaml', () => {
  it('reads block and flow lists, with quotes and comments', () => {
    expect(parsePnpmPackages("packages:\n  - 'a/*' # c\n  - \"b\"\n  - '!a/x'\ncatalog:\n  - no\n")).toEqual(['a/*', 'b', '!a/x']);
    expect(parsePnpmPackages("packages: ['a/*', \"b/**\"]\n")).toEqual(['a/*', 'b/**']);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureResolver, type FixtureResolver } from './fixture-resolver.js';

describe('relative specifiers without a tsconfig (imports-relative)', () => {
  let fx: FixtureResolver;
  beforeAll(async () => {
    fx = await fixtureResolver('imports-relative');
  });
  const from = (file: string, specifier: string) => fx.resolver.resolve(file, specifier);

  it('probes extensions (TypeScript first) and folder index files', () => {
    expect(from('src/a.ts', './b')).toEqual({ kind: 'file', path: 'src/b.ts' });
    expect(from('src/a.ts', './dir')).toEqual({ kind: 'file', path: 'src/dir/index.ts' });
    expect(from('src/a.ts', './d')).toEqual({ kind: 'file', path: 'src/d.tsx' });
    expect(from('lib/x.js', './y')).toEqual({ kind: 'file', path: 'lib/y.js' });
  });

  it('maps a written .js/.mjs extension to the TypeScript source', () => {
    expect(from('src/a.ts', './c.js')).toEqual({ kind: 'file', path: 'src/c.ts' });
    expect(from('src/a.ts', './m.mjs')).toEqual({ kind: 'file', path: 'src/m.mts' });
    expect(from('lib/x.js', '../src/b.js')).toEqual({ kind: 'file', path: 'src/b.ts' });
  });

  it("uses a folder's package.json main before its index", () => {
    expect(from('src/a.ts', './pkgdir')).toEqual({ kind: 'file', path: 'src/pkgdir/entry.ts' });
  });

  it('tells builtins, externals, non-source files and missing files apart', () => {
    expect(from('src/a.ts', 'fs')).toEqual({ kind: 'builtin', name: 'fs' });
    expect(from('src/a.ts', 'node:path')).toEqual({ kind: 'builtin', name: 'path' });
    expect(from('src/a.ts', 'react')).toEqual({ kind: 'external', packageName: 'react' });
    expect(from('src/a.ts', '@scope/pkg/sub')).toEqual({ kind: 'external', packageName: '@scope/pkg' });
    expect(from('src/a.ts', './style.css')).toEqual({ kind: 'unresolved', reason: 'not a source file (.css)' });
    expect(from('src/a.ts', './missing')).toEqual({ kind: 'unresolved', reason: 'no such file' });
    expect(from('src/a.ts', 'npm:@scope/pkg@1.2.3/sub')).toEqual({ kind: 'external', packageName: '@scope/pkg' });
    expect(from('src/a.ts', 'jsr:@std/path@1')).toEqual({ kind: 'external', packageName: '@std/path' });
    expect(from('src/a.ts', 'https://deno.land/std/mod.ts')).toEqual({ kind: 'external', packageName: 'deno.land' });
    expect(from('src/a.ts', 'data:text/javascript,1')).toEqual({ kind: 'unresolved', reason: 'data: URL import' });
    expect(from('src/a.ts', '../../outside')).toEqual({ kind: 'unresolved', reason: 'outside the repository' });
  });

  it('maps absolute specifiers inside the root, and rejects the rest', () => {
    expect(from('src/a.ts', `${fx.root}/src/b`)).toEqual({ kind: 'file', path: 'src/b.ts' });
    expect(from('src/a.ts', '/etc/passwd')).toEqual({ kind: 'unresolved', reason: 'absolute path outside the repository' });
  });
});

describe('non-source imports', () => {
  it('names assets by extension, query strings aside, but not dotted source names', async () => {
    const { resolver } = await fixtureResolver('imports-relative');
    expect(resolver.resolve('src/a.ts', './logo.svg?react')).toEqual({ kind: 'unresolved', reason: 'not a source file (.svg)' });
    expect(resolver.resolve('src/a.ts', '../package.json')).toEqual({ kind: 'unresolved', reason: 'not a source file (.json)' });
    expect(resolver.resolve('src/a.ts', './user.service')).toEqual({ kind: 'unresolved', reason: 'no such file' });
  });
});

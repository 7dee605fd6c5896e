import { describe, expect, it } from 'vitest';
import { fixtureResolver } from './fixture-resolver.js';

describe('TS ESM under nodenext, with package.json imports (imports-esm-nodenext)', () => {
  it('needs the extension in ESM files and maps it to the source', async () => {
    const { resolver } = await fixtureResolver('imports-esm-nodenext');
    const from = (specifier: string) => resolver.resolve('src/index.ts', specifier);
    expect(from('./util.js')).toEqual({ kind: 'file', path: 'src/util.ts' });
    expect(from('./comp.jsx')).toEqual({ kind: 'file', path: 'src/comp.tsx' });
    expect(from('./lib/index.js')).toEqual({ kind: 'file', path: 'src/lib/index.ts' });
    expect(from('./m.mjs')).toEqual({ kind: 'file', path: 'src/m.mts' });
    // TypeScript refuses these, but the file each means is not in doubt: an edge, with the warning.
    expect(from('./util')).toEqual({ kind: 'file', path: 'src/util.ts', warning: 'extension required (ESM import under node16/nodenext)' });
    expect(from('./lib')).toEqual({ kind: 'file', path: 'src/lib/index.ts', warning: 'extension required (ESM import under node16/nodenext)' });
    expect(from('./nothing')).toEqual({ kind: 'unresolved', reason: 'no such file' });
    // A .cts file is CommonJS even in a "type": "module" package: probing is allowed there.
    expect(resolver.resolve('src/legacy.cts', './util')).toEqual({ kind: 'file', path: 'src/util.ts' });
  });

  it('resolves require() as CommonJS and import() as ESM, whatever the file', async () => {
    const { resolver } = await fixtureResolver('imports-esm-nodenext');
    expect(resolver.resolve('src/index.ts', './util', 'require')).toEqual({ kind: 'file', path: 'src/util.ts' });
    expect(resolver.resolve('src/legacy.cts', './util', 'dynamic')).toEqual({
      kind: 'file',
      path: 'src/util.ts',
      warning: 'extension required (ESM import under node16/nodenext)',
    });
    expect(resolver.resolve('src/legacy.cts', './util.js', 'dynamic')).toEqual({ kind: 'file', path: 'src/util.ts' });
  });

  it('resolves #imports with patterns and conditions, targets that are packages, and misses', async () => {
    const { resolver } = await fixtureResolver('imports-esm-nodenext');
    const from = (specifier: string) => resolver.resolve('src/index.ts', specifier);
    expect(from('#utils/format')).toEqual({ kind: 'file', path: 'src/lib/format.ts' });
    expect(from('#config')).toEqual({ kind: 'file', path: 'src/config.ts' });
    expect(from('#dep')).toEqual({ kind: 'external', packageName: 'external-dep' });
    expect(from('#missing')).toEqual({ kind: 'unresolved', reason: "'#missing' is not in package.json imports" });
  });
});

describe('workspaces', () => {
  it('resolves npm workspace packages by name through exports, mapping dist to src (imports-monorepo)', async () => {
    const { resolver, config } = await fixtureResolver('imports-monorepo');
    expect(config.diagnostics).toEqual([]);
    const from = (specifier: string) => resolver.resolve('packages/app/src/main.ts', specifier);
    expect(from('@acme/core')).toEqual({ kind: 'file', path: 'packages/core/src/index.ts' });
    expect(from('@acme/core/utils')).toEqual({ kind: 'file', path: 'packages/core/src/utils/index.ts' });
    expect(from('@acme/core/internal')).toEqual({
      kind: 'unresolved',
      reason: "'./internal' is not exported by @acme/core (package.json exports)",
    });
    expect(from('~/views/home')).toEqual({ kind: 'file', path: 'packages/app/src/views/home.ts' });
    // packages/legacy is excluded by "!packages/legacy", so it is an ordinary (external) package.
    expect(from('legacy')).toEqual({ kind: 'external', packageName: 'legacy' });
    expect(from('lodash')).toEqual({ kind: 'external', packageName: 'lodash' });
    expect(resolver.resolve('packages/core/src/index.ts', './utils/index.js')).toEqual({
      kind: 'file',
      path: 'packages/core/src/utils/index.ts',
    });
  });

  it('reads pnpm-workspace.yaml and maps types/main build entries to sources (imports-pnpm-workspace)', async () => {
    const { resolver } = await fixtureResolver('imports-pnpm-workspace');
    const from = (specifier: string) => resolver.resolve('apps/web/src/page.ts', specifier);
    expect(from('@ui/kit')).toEqual({ kind: 'file', path: 'libs/ui/src/index.ts' });
    expect(from('@ui/kit/card')).toEqual({ kind: 'file', path: 'libs/ui/src/card.tsx' });
    expect(from('@ui/kit/nope')).toEqual({ kind: 'unresolved', reason: 'no file for @ui/kit/nope in workspace package libs/ui' });
  });
});

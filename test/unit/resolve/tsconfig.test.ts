import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureResolver, type FixtureResolver } from './fixture-resolver.js';

describe('tsconfig paths, baseUrl and extends (imports-tsconfig-paths)', () => {
  let fx: FixtureResolver;
  beforeAll(async () => {
    fx = await fixtureResolver('imports-tsconfig-paths');
  });
  const from = (specifier: string) => fx.resolver.resolve('src/main.ts', specifier);

  it('reads the JSONC config and follows extends into node_modules', () => {
    expect([...fx.config.json.keys()]).toEqual([
      'configs/base.json',
      'node_modules/@acme/tsconfig/base.json',
      'tsconfig.json',
    ]);
    expect(fx.config.diagnostics).toEqual([]);
    expect(fx.resolver.diagnostics()).toEqual([]);
  });

  it('tries several path targets in order; the first existing wins', () => {
    expect(from('@app/one')).toEqual({ kind: 'file', path: 'src/app/one.ts' });
    expect(from('@app/two')).toEqual({ kind: 'file', path: 'src/fallback/two.ts' });
    expect(from('@lib')).toEqual({ kind: 'file', path: 'src/lib/index.ts' });
  });

  it('resolves against the inherited baseUrl, relative to the config that set it', () => {
    expect(from('utils/helpers')).toEqual({ kind: 'file', path: 'src/utils/helpers.ts' });
  });

  it('reports an alias that matches but finds no file, and leaves packages external', () => {
    expect(from('@gone/x')).toEqual({ kind: 'unresolved', reason: "path alias '@gone/*' without a match" });
    expect(from('some-package')).toEqual({ kind: 'external', packageName: 'some-package' });
  });
});

describe('the governing tsconfig', () => {
  it('picks the referenced project whose include takes the file (imports-project-references)', async () => {
    const { resolver } = await fixtureResolver('imports-project-references');
    expect(resolver.resolve('src/app.ts', '@/util')).toEqual({ kind: 'file', path: 'src/util.ts' });
    expect(resolver.resolve('test/app.test.ts', '@/util')).toEqual({ kind: 'file', path: 'test/helpers/util.ts' });
  });

  it('is the nearest tsconfig up the tree (imports-two-projects)', async () => {
    const { resolver } = await fixtureResolver('imports-two-projects');
    expect(resolver.resolve('packages/web/src/index.ts', '@/util')).toEqual({ kind: 'file', path: 'packages/web/src/util.ts' });
    expect(resolver.resolve('packages/api/lib/index.ts', '@/util')).toEqual({ kind: 'file', path: 'packages/api/lib/util.ts' });
    expect(resolver.resolve('root.ts', '@/util')).toEqual({ kind: 'unresolved', reason: 'not a valid package name' });
  });
});

describe('broken configuration (imports-malformed-config)', () => {
  it('turns a malformed file and a missing extends target into diagnostics and carries on', async () => {
    const { resolver, config } = await fixtureResolver('imports-malformed-config');
    expect(config.diagnostics).toEqual([
      {
        file: 'broken/tsconfig.json',
        severity: 'warning',
        code: 'config-malformed',
        message: "malformed JSON: expected ',' or '}' at line 2, column 2",
      },
    ]);
    expect(resolver.diagnostics()).toEqual([
      {
        file: 'tsconfig.json',
        severity: 'warning',
        code: 'tsconfig-extends-missing',
        message: "extends './nope': no such config file in the repository or its node_modules",
      },
    ]);
    expect(resolver.resolve('src/a.ts', './b')).toEqual({ kind: 'file', path: 'src/b.ts' });
    expect(resolver.resolve('broken/x.ts', '../src/a')).toEqual({ kind: 'file', path: 'src/a.ts' });
  });
});

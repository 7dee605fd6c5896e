import { describe, expect, it } from 'vitest';
import type { ProjectConfig } from '../../../src/resolve/config-types.js';
import { createModuleResolver } from '../../../src/resolve/module-resolver.js';

/** A config given as data, the way discover/project-config.ts hands it over. */
function config(json: Record<string, unknown>, yaml: Record<string, string> = {}): ProjectConfig {
  return { json: new Map(Object.entries(json)), yaml: new Map(Object.entries(yaml)), diagnostics: [] };
}

const workspace = {
  'package.json': { workspaces: { packages: ['pkgs/*'] } },
  'pkgs/lib/package.json': { name: 'lib', main: './main.js', exports: { '.': './exported.js' } },
};
const files = ['app/index.ts', 'pkgs/lib/main.ts', 'pkgs/lib/exported.ts', 'pkgs/lib/index.ts', 'app/util.ts', 'app/util/index.ts'];

describe('moduleResolution decides whether package.json exports count', () => {
  it('bundler honours exports', () => {
    const r = createModuleResolver(files, config({ ...workspace, 'tsconfig.json': { compilerOptions: { module: 'esnext', moduleResolution: 'bundler' } } }));
    expect(r.resolve('app/index.ts', 'lib')).toEqual({ kind: 'file', path: 'pkgs/lib/exported.ts' });
  });

  it('node10 ignores exports and uses main', () => {
    const r = createModuleResolver(files, config({ ...workspace, 'tsconfig.json': { compilerOptions: { module: 'commonjs' } } }));
    expect(r.resolve('app/index.ts', 'lib')).toEqual({ kind: 'file', path: 'pkgs/lib/main.ts' });
  });

  it('node10 with resolvePackageJsonExports honours them again', () => {
    const options = { moduleResolution: 'node10', resolvePackageJsonExports: true };
    const r = createModuleResolver(files, config({ ...workspace, 'tsconfig.json': { compilerOptions: options } }));
    expect(r.resolve('app/index.ts', 'lib')).toEqual({ kind: 'file', path: 'pkgs/lib/exported.ts' });
  });

  it('classic probes files only: no folder index, bare names searched up the tree', () => {
    const r = createModuleResolver(files, config({ 'tsconfig.json': { compilerOptions: { target: 'es2020' } } }));
    expect(r.resolve('app/index.ts', './util')).toEqual({ kind: 'file', path: 'app/util.ts' });
    expect(r.resolve('app/util/index.ts', '..')).toEqual({ kind: 'unresolved', reason: 'folder import not supported by moduleResolution classic' });
    expect(r.resolve('app/util/index.ts', 'util')).toEqual({ kind: 'file', path: 'app/util.ts' });
  });
});

describe('${configDir} in a shared base config', () => {
  it('anchors paths, include and outDir at the config that extends the base', () => {
    const shared = {
      compilerOptions: { module: 'esnext', moduleResolution: 'bundler', paths: { '#/*': ['${configDir}/src/*'] }, outDir: '${configDir}/built' },
      include: ['${configDir}/src'],
    };
    const r = createModuleResolver(
      ['a/src/x.ts', 'a/src/y.ts', 'b/src/x.ts', 'b/src/y.ts', 'c/main.ts'],
      config({
        'node_modules/@org/tsconfig/tsconfig.json': shared,
        'a/tsconfig.json': { extends: '@org/tsconfig' },
        'b/tsconfig.json': { extends: '@org/tsconfig' },
        'c/package.json': { name: 'c', main: './built/main.js' },
        'c/tsconfig.json': { extends: '@org/tsconfig', include: ['${configDir}/*.ts'] },
      }),
    );
    expect(r.diagnostics()).toEqual([]);
    expect(r.resolve('a/src/x.ts', '#/y')).toEqual({ kind: 'file', path: 'a/src/y.ts' });
    expect(r.resolve('b/src/x.ts', '#/y')).toEqual({ kind: 'file', path: 'b/src/y.ts' });
    // c's main points into its outDir (c/built), which maps back to its sources.
    expect(r.resolve('a/src/x.ts', '../../c')).toEqual({ kind: 'file', path: 'c/main.ts' });
  });
});

describe('package.json entry fields', () => {
  it('falls back to "module" when types and main lead nowhere', () => {
    const r = createModuleResolver(
      ['app.ts', 'lib/esm-entry.ts', 'lib/index.ts'],
      config({ 'lib/package.json': { main: './gone/x.js', module: './esm-entry.js' } }),
    );
    expect(r.resolve('app.ts', './lib')).toEqual({ kind: 'file', path: 'lib/esm-entry.ts' });
  });
});

describe('conditions follow the import kind', () => {
  it('a require() takes the "require" branch of exports under bundler, an import the "import" branch', () => {
    const r = createModuleResolver(
      ['app.ts', 'dual/esm.ts', 'dual/cjs.ts'],
      config({
        'tsconfig.json': { compilerOptions: { module: 'esnext', moduleResolution: 'bundler' } },
        'package.json': { workspaces: ['dual'] },
        'dual/package.json': { name: 'dual', exports: { require: './cjs.js', import: './esm.js' } },
      }),
    );
    expect(r.resolve('app.ts', 'dual')).toEqual({ kind: 'file', path: 'dual/esm.ts' });
    expect(r.resolve('app.ts', 'dual', 'dynamic')).toEqual({ kind: 'file', path: 'dual/esm.ts' });
    expect(r.resolve('app.ts', 'dual', 'require')).toEqual({ kind: 'file', path: 'dual/cjs.ts' });
  });
});

describe('workspace problems', () => {
  it('reports two workspace packages of one name, and imports of it as ambiguous', () => {
    const r = createModuleResolver(
      ['a/index.ts', 'b/index.ts', 'app.ts'],
      config({ 'package.json': { workspaces: ['a', 'b'] }, 'a/package.json': { name: 'dup' }, 'b/package.json': { name: 'dup' } }),
    );
    expect(r.resolve('app.ts', 'dup')).toEqual({ kind: 'unresolved', reason: "ambiguous: several workspace packages are named 'dup'" });
    expect(r.diagnostics()).toEqual([
      { file: 'b/package.json', severity: 'warning', code: 'workspace-duplicate-name', message: "workspace package name 'dup' is also used by a" },
    ]);
  });

  it('lets a package import itself by name through its exports', () => {
    const r = createModuleResolver(
      ['src/index.ts', 'src/feature.ts', 'test/x.test.ts'],
      config({ 'package.json': { name: 'self', exports: { '.': './src/index.ts', './feature': { types: './dist/feature.d.ts' } } } }),
    );
    expect(r.resolve('test/x.test.ts', 'self')).toEqual({ kind: 'file', path: 'src/index.ts' });
    expect(r.resolve('test/x.test.ts', 'self/feature')).toEqual({ kind: 'file', path: 'src/feature.ts' });
    expect(r.resolve('test/x.test.ts', 'self/other')).toEqual({ kind: 'unresolved', reason: "'./other' is not exported by self (package.json exports)" });
  });
});
